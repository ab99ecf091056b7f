import type { StaffSession } from '@portico/sdk/admin';
import {
  affiliatesAdminRoutes as affiliates,
  appsAdminRoutes as apps,
  billingAdminRoutes as billing,
  clientRoutes,
  communitiesAdminRoutes as communities,
  contentAdminRoutes as content,
  coursesAdminRoutes as courses,
  domainsAdminRoutes as domains,
  type RouteDescriptor,
  settingsRoutes,
  staffRoutes,
  supportAdminRoutes as support,
} from '@portico/sdk/contract';
import type { AdminMessageKey } from './localize.js';

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
  | 'tickets'
  | 'ticket'
  | 'products'
  | 'tlds'
  | 'billing-settings'
  | 'domain-settings'
  | 'support-settings'
  | 'kb'
  | 'kb-article'
  | 'faq'
  | 'announcements'
  | 'announcement'
  | 'status'
  | 'incident'
  | 'home'
  | 'apps'
  | 'affiliates'
  | 'affiliate'
  | 'courses'
  | 'course'
  | 'communities'
  | 'moderation'
  | 'moderation-post'
  | 'settings'
  | 'staff'
  | 'audit'
  | 'security';

/**
 * Where the hash points: a page, the id of the one thing a detail page shows (`client`, `invoice`, `service`,
 * `domain`, `ticket`), the
 * client a list is narrowed to (`account`, from `?account=`), a list's other filters (`query`), or nowhere known.
 */
export type AdminRoute =
  | { page: AdminPage; id?: string; account?: string; query?: string }
  | { page: 'not-found' };

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
  tickets: support.listTickets,
  ticket: support.getTicket,
  products: billing.listGroups,
  tlds: domains.listTlds,
  'billing-settings': billing.getSettings,
  'domain-settings': domains.getSettings,
  'support-settings': support.getSettings,
  kb: content.listKbArticles,
  'kb-article': content.getKbArticle,
  faq: content.listFaq,
  announcements: content.listAnnouncements,
  announcement: content.getAnnouncement,
  status: content.listStatusComponents,
  incident: content.getIncident,
  home: content.getHome,
  apps: apps.list,
  affiliates: affiliates.list,
  affiliate: affiliates.get,
  courses: courses.list,
  course: courses.get,
  communities: communities.groups,
  moderation: communities.posts,
  'moderation-post': communities.post,
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
  'tickets',
  'products',
  'tlds',
  'billing-settings',
  'domain-settings',
  'support-settings',
  'kb',
  'faq',
  'announcements',
  'status',
  'home',
  'apps',
  'affiliates',
  'courses',
  'communities',
  'moderation',
  'settings',
  'staff',
  'audit',
  'security',
] as const;

/** Sidebar entries shown together under a heading (the key of its name); the others stand alone. */
export const navGroupOf: Partial<Record<AdminPage, AdminMessageKey>> = {
  kb: 'navContent',
  faq: 'navContent',
  announcements: 'navContent',
  status: 'navContent',
  home: 'navContent',
  apps: 'navAppsGroup',
  affiliates: 'navAppsGroup',
  courses: 'navAppsGroup',
  communities: 'navAppsGroup',
  moderation: 'navAppsGroup',
};

/** The list page under which each detail page sits (its hash's first segment). */
const detailOf: Partial<Record<string, AdminPage>> = {
  clients: 'client',
  invoices: 'invoice',
  services: 'service',
  domains: 'domain',
  tickets: 'ticket',
  kb: 'kb-article',
  announcements: 'announcement',
  status: 'incident',
  affiliates: 'affiliate',
  courses: 'course',
  moderation: 'moderation-post',
};
const listOf: Partial<Record<AdminPage, AdminPage>> = {
  client: 'clients',
  invoice: 'invoices',
  service: 'services',
  domain: 'domains',
  ticket: 'tickets',
  'kb-article': 'kb',
  announcement: 'announcements',
  incident: 'status',
  affiliate: 'affiliates',
  course: 'courses',
  'moderation-post': 'moderation',
};

/** Lists that can be narrowed to one client with `?account=`. */
const byAccount: ReadonlySet<string> = new Set(['orders', 'invoices', 'services', 'domains', 'tickets']);

/** Lists that keep their filters in the hash's query (beside `account`), so a filtered view can be shared. */
const withQuery: ReadonlySet<string> = new Set(['tickets']);

/** The filters of a list's query (all but `account`), as a query string; undefined when there are none. */
function filtersOf(search: URLSearchParams): string | undefined {
  const rest = new URLSearchParams([...search].filter(([key, value]) => key !== 'account' && value !== ''));
  return rest.toString() || undefined;
}

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
  const params = new URLSearchParams(search);
  const account = byAccount.has(first) ? params.get('account') : null;
  const query = withQuery.has(first) ? filtersOf(params) : undefined;
  return { page: first as AdminPage, ...(account ? { account } : {}), ...(query ? { query } : {}) };
}

/**
 * The hash of a page: a detail page's with its `id`, a list's narrowed to one client with `account`, and with its
 * filters (`query`, e.g. `status=open&assignee=me`) for a list that keeps them in the hash.
 */
export function hashOf(
  page: AdminPage,
  id?: string,
  options: { account?: string | undefined; query?: string | undefined } = {},
): string {
  const list = listOf[page];
  if (list && id) return `#/${list}/${encodeURIComponent(id)}`;
  const path = `#/${list ?? page}`;
  const search = new URLSearchParams(
    options.account && byAccount.has(page) ? { account: options.account } : {},
  );
  const filters = withQuery.has(page) ? filtersOf(new URLSearchParams(options.query ?? '')) : undefined;
  const query = [search.toString(), filters].filter(Boolean).join('&');
  return query ? `${path}?${query}` : path;
}

/** Whether the session's role may call `route` (true for a route any signed-in staff member may call). */
export function allowed(
  session: StaffSession | null | undefined,
  route: RouteDescriptor | undefined,
): boolean {
  if (!route?.roles) return true;
  return !!session && route.roles.includes(session.staff.role);
}
