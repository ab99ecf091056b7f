import { HttpClient } from '../client/http.js';
import {
  AdminInvoicesResource,
  AdminOrdersResource,
  AdminServicesResource,
  BillingSettingsResource,
  ProductsResource,
} from './resources/billing.js';
import { ClientsResource, PortalUsersResource } from './resources/clients.js';
import {
  AdminAnnouncementsResource,
  AdminContentResource,
  AdminFaqResource,
  AdminKbResource,
  AdminStatusResource,
} from './resources/content.js';
import { AdminDomainsResource } from './resources/domains.js';
import { SettingsResource } from './resources/settings.js';
import { AuditResource, StaffResource } from './resources/staff.js';
import { StaffAuthResource } from './resources/staff-auth.js';
import { AdminSupportResource } from './resources/support.js';
import { AdminAppsResource } from './resources/apps.js';
import { AdminAffiliatesResource } from './resources/affiliates.js';
import { AdminCoursesResource } from './resources/courses.js';
import { AdminCommunitiesResource } from './resources/communities.js';

export interface AdminClientOptions {
  /** The Portico server's origin. The staff API answers only its own origin, so this is the console's. */
  baseUrl: string;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
  /** Milliseconds before a request is abandoned. Default 15000. */
  timeout?: number;
  /** Retries for idempotent requests. Default 2. */
  retries?: number;
}

/** The typed staff API client returned by {@link createAdminClient}. */
export interface AdminClient {
  readonly baseUrl: string;
  readonly auth: StaffAuthResource;
  readonly staff: StaffResource;
  readonly clients: ClientsResource;
  readonly portalUsers: PortalUsersResource;
  readonly settings: SettingsResource;
  readonly audit: AuditResource;
  /** Product groups, products and prices. */
  readonly products: ProductsResource;
  readonly orders: AdminOrdersResource;
  /** Invoices, payments and credit. */
  readonly invoices: AdminInvoicesResource;
  /** Services and cancellation requests. */
  readonly services: AdminServicesResource;
  /** Billing settings and payment gateways. */
  readonly billing: BillingSettingsResource;
  /** TLDs and prices, registrars, clients' domains, domain settings. */
  readonly domains: AdminDomainsResource;
  /** Ticket queues, tickets, replies and notes, departments, support settings. */
  readonly support: AdminSupportResource;
  /** Knowledge-base categories and articles. */
  readonly kb: AdminKbResource;
  readonly faq: AdminFaqResource;
  readonly announcements: AdminAnnouncementsResource;
  /** Status components, incidents and maintenance. */
  readonly status: AdminStatusResource;
  /** The home page settings and the Markdown preview. */
  readonly content: AdminContentResource;
  /** Apps: on or off, who may use them, where they live; invitations. */
  readonly apps: AdminAppsResource;
  /** The affiliate programme: rules, affiliates, commissions, payouts. */
  readonly affiliates: AdminAffiliatesResource;
  /** Membership courses, modules, lessons and files. */
  readonly courses: AdminCoursesResource;
  /** Community groups, members and moderation. */
  readonly communities: AdminCommunitiesResource;
  /** Called when the staff session ends (a 401 from the staff API). */
  onSignedOut: (() => void) | undefined;
}

/**
 * Creates a client for the staff API (`/api/admin/v1`). Staff sessions live only in the `portico_staff` cookie
 * (SameSite=Strict), so this client always sends credentials and never holds a token.
 *
 * @example
 * ```ts
 * import { createAdminClient } from '@portico/sdk/admin';
 * const admin = createAdminClient({ baseUrl: location.origin });
 * const { items } = await admin.clients.list({ q: 'acme' });
 * ```
 */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  const http = new HttpClient({ ...options, mode: 'cookie' });
  const client: AdminClient = {
    baseUrl: options.baseUrl,
    auth: new StaffAuthResource(http),
    staff: new StaffResource(http),
    clients: new ClientsResource(http),
    portalUsers: new PortalUsersResource(http),
    settings: new SettingsResource(http),
    audit: new AuditResource(http),
    products: new ProductsResource(http),
    orders: new AdminOrdersResource(http),
    invoices: new AdminInvoicesResource(http),
    services: new AdminServicesResource(http),
    billing: new BillingSettingsResource(http),
    domains: new AdminDomainsResource(http),
    support: new AdminSupportResource(http),
    kb: new AdminKbResource(http),
    faq: new AdminFaqResource(http),
    announcements: new AdminAnnouncementsResource(http),
    status: new AdminStatusResource(http),
    content: new AdminContentResource(http),
    apps: new AdminAppsResource(http),
    affiliates: new AdminAffiliatesResource(http),
    courses: new AdminCoursesResource(http),
    communities: new AdminCommunitiesResource(http),
    onSignedOut: undefined,
  };
  http.onSignedOut = () => client.onSignedOut?.();
  return client;
}
