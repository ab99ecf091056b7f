import type { StaffSession } from '@portico/sdk/admin';
import {
  billingAdminRoutes as billing,
  clientRoutes,
  domainsAdminRoutes as domains,
  type RouteDescriptor,
  settingsRoutes,
  staffRoutes,
} from '@portico/sdk/contract';

/** The console's pages, by the hash that shows them. */
export type AdminPage =
  | 'clients'
  | 'client'
  | 'portal-users'
  | 'orders'
  | 'invoices'
  | 'invoice'
  | 'services'
  | 'service'
  | 'domains'
  | 'domain'
  | 'cancellations'
  | 'products'
  | 'tlds'
  | 'billing-settings'
  | 'domain-settings'
  | 'settings'
  | 'staff'
  | 'audit'
  | 'security';

/**
 * Where the hash points: a page, the id of the one thing a detail page shows (`client`, `invoice`, `service`,
 * `domain`), the
 * client a list is narrowed to (`account`, from `?account=`), or nowhere known.
 */
export type AdminRoute = { page: AdminPage; id?: string; account?: string } | { page: 'not-found' };

/** The route each page's first request uses: who may open the page is who may call it. */
export const pageRoutes: Record<AdminPage, RouteDescriptor | undefined> = {
  clients: clientRoutes.list,
  client: clientRoutes.get,
  'portal-users': clientRoutes.portalUsers,
  orders: billing.listOrders,
  invoices: billing.listInvoices,
  invoice: billing.getInvoice,
  services: billing.listServices,
  service: billing.getService,
  domains: domains.listDomains,
  domain: domains.getDomain,
  cancellations: billing.listCancellations,
  products: billing.listGroups,
  tlds: domains.listTlds,
  'billing-settings': billing.getSettings,
  'domain-settings': domains.getSettings,
  settings: settingsRoutes.get,
  staff: staffRoutes.list,
  audit: staffRoutes.audit,
  security: undefined,
};

/** The links of the console's sidebar, in order. */
export const navPages = [
  'clients',
  'portal-users',
  'orders',
  'invoices',
  'services',
  'domains',
  'cancellations',
  'products',
  'tlds',
  'billing-settings',
  'domain-settings',
  'settings',
  'staff',
  'audit',
  'security',
] as const;

/** The list page under which each detail page sits (its hash's first segment). */
const detailOf: Partial<Record<string, AdminPage>> = {
  clients: 'client',
  invoices: 'invoice',
  services: 'service',
  domains: 'domain',
};
const listOf: Partial<Record<AdminPage, AdminPage>> = {
  client: 'clients',
  invoice: 'invoices',
  service: 'services',
  domain: 'domains',
};

/** Lists that can be narrowed to one client with `?account=`. */
const byAccount: ReadonlySet<string> = new Set(['orders', 'invoices', 'services', 'domains']);

/** The nav entry a page belongs to: a detail page's list, else the page itself. */
export const sectionOf = (page: AdminPage): AdminPage => listOf[page] ?? page;

/**
 * Reads a hash such as `#/clients/acct_…` or `#/invoices?account=acct_…`; an empty hash is the clients list.
 */
export function parseHash(hash: string): AdminRoute {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  let parts: string[];
  try {
    parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { page: 'not-found' };
  }
  const [first = 'clients', id, ...rest] = parts;
  if (rest.length) return { page: 'not-found' };
  const detail = detailOf[first];
  if (id) return detail ? { page: detail, id } : { page: 'not-found' };
  if (!(navPages as readonly string[]).includes(first)) return { page: 'not-found' };
  const account = byAccount.has(first) ? new URLSearchParams(search).get('account') : null;
  return account ? { page: first as AdminPage, account } : { page: first as AdminPage };
}

/** The hash of a page: a detail page's with its `id`, a list's narrowed to one client with `account`. */
export function hashOf(page: AdminPage, id?: string, options: { account?: string } = {}): string {
  const list = listOf[page];
  if (list && id) return `#/${list}/${encodeURIComponent(id)}`;
  const path = `#/${list ?? page}`;
  return options.account && byAccount.has(page)
    ? `${path}?${new URLSearchParams({ account: options.account })}`
    : path;
}

/** Whether the session's role may call `route` (true for a route any signed-in staff member may call). */
export function allowed(
  session: StaffSession | null | undefined,
  route: RouteDescriptor | undefined,
): boolean {
  if (!route?.roles) return true;
  return !!session && route.roles.includes(session.staff.role);
}
