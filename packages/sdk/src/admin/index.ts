/**
 * `@portico/sdk/admin`: the typed client for Portico's staff API.
 *
 * @example
 * ```ts
 * import { createAdminClient } from '@portico/sdk/admin';
 * const admin = createAdminClient({ baseUrl: 'https://portal.example.com' });
 * await admin.auth.login({ email: 'ops@example.com', password: '…' });
 * ```
 */
export { type AdminClient, type AdminClientOptions, createAdminClient } from './create-admin-client.js';
export {
  AdminInvoicesResource,
  AdminOrdersResource,
  AdminServicesResource,
  BillingSettingsResource,
  ProductsResource,
} from './resources/billing.js';
export { ClientsResource, PortalUsersResource } from './resources/clients.js';
export {
  AdminAnnouncementsResource,
  AdminContentResource,
  AdminFaqResource,
  AdminKbResource,
  AdminStatusResource,
} from './resources/content.js';
export { AdminDomainsResource } from './resources/domains.js';
export { SettingsResource } from './resources/settings.js';
export { AuditResource, StaffResource } from './resources/staff.js';
export { StaffAuthResource } from './resources/staff-auth.js';
export { AdminSupportResource } from './resources/support.js';
export type * from '../contract/index.js';
export {
  isPortalApiError,
  PortalApiError,
  PortalContractError,
  PortalError,
  PortalNetworkError,
  PortalTimeoutError,
} from '../client/errors.js';
export { AdminAffiliatesResource } from './resources/affiliates.js';
export { AdminAppsResource } from './resources/apps.js';
export { AdminCommunitiesResource } from './resources/communities.js';
export { AdminCoursesResource } from './resources/courses.js';
