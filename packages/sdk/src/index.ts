/**
 * `@portico/sdk`: the typed client for the Portico client portal API.
 *
 * @example
 * ```ts
 * import { createPortalClient, isPortalApiError } from '@portico/sdk';
 * const portal = createPortalClient({ baseUrl: 'https://portal.example.com' });
 * const session = await portal.auth.session();
 * ```
 */
export {
  createPortalClient,
  createSignInClient,
  type PortalClient,
  type PortalClientOptions,
  type SignInClient,
} from './client/create-portal-client.js';
export {
  isPortalApiError,
  PortalApiError,
  PortalContractError,
  PortalError,
  PortalNetworkError,
  PortalTimeoutError,
} from './client/errors.js';
export type { SessionMode } from './client/http.js';
export { AffiliateResource } from './client/resources/affiliate.js';
export { AppsResource } from './client/resources/apps.js';
export { CommunitiesResource } from './client/resources/communities.js';
export { CoursesResource } from './client/resources/courses.js';
export { AccountResource, type Page } from './client/resources/account.js';
export { AuthResource, type SessionListener } from './client/resources/auth.js';
export { ContactsResource } from './client/resources/contacts.js';
export {
  AnnouncementsResource,
  FaqResource,
  HomeResource,
  KnowledgeBaseResource,
  StatusResource,
} from './client/resources/content.js';
export { DomainsResource } from './client/resources/domains.js';
export { InvoicesResource } from './client/resources/invoices.js';
export { OrdersResource, type PageOptions } from './client/resources/orders.js';
export { PaymentsResource } from './client/resources/payments.js';
export { ServicesResource } from './client/resources/services.js';
export { StoreResource } from './client/resources/store.js';
export { PortalResource } from './client/resources/portal.js';
export { SecurityResource } from './client/resources/security.js';
export { SupportResource } from './client/resources/support.js';
export { TokensResource } from './client/resources/tokens.js';
export {
  domainToUnicode,
  formatMoney,
  grants,
  isMfaRequired,
  minorDigits,
  PERMISSIONS,
  parseDomainName,
  parseDomainQuery,
} from './contract/index.js';
export type * from './contract/index.js';
