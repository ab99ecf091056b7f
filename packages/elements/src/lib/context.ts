import { createContext } from '@lit/context';
import type { PortalClient, PortalConfig, Session } from '@portico/sdk';

/** Where the session stands: still loading, signed in, signed out, or unknown because loading failed. */
export type PortalSessionStatus = 'loading' | 'signed-in' | 'signed-out' | 'error';

/** The session as the elements see it. `session` is set only when `status` is `signed-in`. */
export interface PortalSessionState {
  status: PortalSessionStatus;
  session: Session | null;
  /** Why loading the session failed (`status: 'error'`). */
  error?: unknown;
}

/** The SDK client a `<portal-provider>` shares with the elements inside it. */
export const portalClientContext = createContext<PortalClient | undefined>(Symbol('portal-client'));

/** The session state a `<portal-provider>` shares with the elements inside it. */
export const portalSessionContext = createContext<PortalSessionState>(Symbol('portal-session'));

/** The provider's `lang`, used by elements that have no `lang` of their own. */
export const portalLangContext = createContext<string | undefined>(Symbol('portal-lang'));

/** Turns the SDK's `Session | null` into a session state. */
export const sessionState = (session: Session | null): PortalSessionState =>
  session ? { status: 'signed-in', session } : { status: 'signed-out', session: null };

/** Where the portal configuration stands: still loading, loaded, or not loaded because the request failed. */
export type PortalConfigStatus = 'loading' | 'ready' | 'error';

/** The public portal configuration as the elements see it. `config` is set only when `status` is `ready`. */
export interface PortalConfigState {
  status: PortalConfigStatus;
  config: PortalConfig | null;
  /** Why loading failed (`status: 'error'`). */
  error?: unknown;
}

/** The portal configuration (branding, sections, footer) a `<portal-provider>` shares with the elements inside it. */
export const portalConfigContext = createContext<PortalConfigState>(Symbol('portal-config'));
