import type { StaffSession } from '@portico/sdk/admin';
import { clientRoutes, type RouteDescriptor, settingsRoutes, staffRoutes } from '@portico/sdk/contract';

/** The console's pages, by the hash that shows them. */
export type AdminPage = 'clients' | 'client' | 'portal-users' | 'settings' | 'staff' | 'audit' | 'security';

/** Where the hash points: a page, the client id for `client`, or nowhere known. */
export type AdminRoute = { page: AdminPage; id?: string } | { page: 'not-found' };

/** The route each page's first request uses: who may open the page is who may call it. */
export const pageRoutes: Record<AdminPage, RouteDescriptor | undefined> = {
  clients: clientRoutes.list,
  client: clientRoutes.get,
  'portal-users': clientRoutes.portalUsers,
  settings: settingsRoutes.get,
  staff: staffRoutes.list,
  audit: staffRoutes.audit,
  security: undefined,
};

/** The links of the console's sidebar, in order. */
export const navPages = ['clients', 'portal-users', 'settings', 'staff', 'audit', 'security'] as const;

/** Reads a hash such as `#/clients/acct_…`; an empty hash is the clients list. */
export function parseHash(hash: string): AdminRoute {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first = 'clients', id, ...rest] = parts;
  if (rest.length) return { page: 'not-found' };
  if (first === 'clients') return id ? { page: 'client', id } : { page: 'clients' };
  if (!id && (navPages as readonly string[]).includes(first)) return { page: first as AdminPage };
  return { page: 'not-found' };
}

/** The hash of a page. */
export function hashOf(page: AdminPage | 'client', id?: string): string {
  return page === 'client' && id ? `#/clients/${encodeURIComponent(id)}` : `#/${page}`;
}

/** Whether the session's role may call `route` (true for a route any signed-in staff member may call). */
export function allowed(
  session: StaffSession | null | undefined,
  route: RouteDescriptor | undefined,
): boolean {
  if (!route?.roles) return true;
  return !!session && route.roles.includes(session.staff.role);
}
