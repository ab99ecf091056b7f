import { createContext } from '@lit/context';
import type { AdminClient, StaffSession } from '@portico/sdk/admin';

/** The staff API client a `<portal-admin-app>` shares with its pages. */
export const adminClientContext = createContext<AdminClient | undefined>(Symbol('portal-admin-client'));

/** The signed-in staff member's session (`null` when signed out), shared by `<portal-admin-app>`. */
export const adminSessionContext = createContext<StaffSession | null | undefined>(
  Symbol('portal-admin-session'),
);

/** The console's `lang`, used by pages that have no `lang` of their own. */
export const adminLangContext = createContext<string | undefined>(Symbol('portal-admin-lang'));
