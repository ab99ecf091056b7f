/**
 * `@portico/elements`: every Portico custom element, registered on import.
 *
 * @example
 * ```html
 * <script type="module" src="https://portal.example.com/elements.js"></script>
 * <portal-provider api="https://portal.example.com">
 *   <portal-nav login-href="/login" register-href="/register"></portal-nav>
 *   <portal-login></portal-login>
 *   <portal-footer></portal-footer>
 * </portal-provider>
 * ```
 */
// First: the full SDK client, so every element of this bundle gets the account resources.
import './lib/full-client.js';

export * from './login.js';
export { PortalAccountMenu } from './components/account-menu/account-menu.js';
export { PortalAccountSwitcher } from './components/account-switcher/account-switcher.js';
export {
  type AffiliateList,
  PortalAffiliate,
  PortalAffiliateJoinedEvent,
  PortalPayoutRequestedEvent,
} from './components/affiliate/affiliate.js';
export {
  type AppEntry,
  currentEntry,
  PortalAppSwitcher,
  parseHrefs,
} from './components/app-switcher/app-switcher.js';
export { PortalCommunities } from './components/communities/communities.js';
export { type MembershipAction, PortalMembershipChangedEvent } from './components/communities/membership.js';
export { PortalCommunity, PortalPostCreatedEvent } from './components/community/community.js';
export {
  type LessonCompletedDetail,
  PortalCourse,
  PortalLessonCompletedEvent,
} from './components/course/course.js';
export { PortalCourses } from './components/courses/courses.js';
export { PortalActivity } from './components/activity/activity.js';
export { PortalAnnouncements } from './components/announcements/announcements.js';
export { PortalApiTokens } from './components/api-tokens/api-tokens.js';
export { PortalContacts } from './components/contacts/contacts.js';
export {
  DomainSearch,
  type PortalDomainsSelectedDetail,
  PortalDomainsSelectedEvent,
} from './components/domain-search/domain-search.js';
export { DOMAIN_CART_KEY } from './components/order-form/domain-items.js';
export {
  PortalDomain,
  PortalDomainChangedEvent,
  type PortalRenewalInvoicedDetail,
  PortalRenewalInvoicedEvent,
} from './components/domain/domain.js';
export { type DomainFilter, PortalDomains } from './components/domains/domains.js';
export {
  type PortalNavigateDetail,
  PortalDashboard,
  PortalNavigateEvent,
} from './components/dashboard/dashboard.js';
export { PortalFaq } from './components/faq/faq.js';
export { PortalFooter } from './components/footer/footer.js';
export { PortalHome } from './components/home/home.js';
export { PortalInvitation } from './components/invitation/invitation.js';
export { PortalInvoice, type PortalPaidDetail, PortalPaidEvent } from './components/invoice/invoice.js';
export {
  type InvoiceFilter,
  PortalInvoiceOpenedEvent,
  PortalInvoices,
} from './components/invoices/invoices.js';
export { type KbRoute, PortalKb } from './components/kb/kb.js';
export { clearReferral, REFERRAL_STORAGE_KEY, storedReferral, trackReferral } from './lib/referral.js';
export { PortalMagicLink } from './components/magic-link/magic-link.js';
export { PortalNav } from './components/nav/nav.js';
export {
  type PortalOrderPlacedDetail,
  PortalOrderForm,
  PortalOrderPlacedEvent,
} from './components/order-form/order-form.js';
export { PortalProfile, PortalProfileSavedEvent } from './components/profile/profile.js';
export { PortalRegister } from './components/register/register.js';
export { PortalSecurity } from './components/security/security.js';
export {
  type PortalCancellationDetail,
  PortalCancellationEvent,
  PortalCancellationRequestedEvent,
  PortalCancellationWithdrawnEvent,
  PortalService,
} from './components/service/service.js';
export { PortalServices } from './components/services/services.js';
export { PortalStatus } from './components/status/status.js';
export {
  type PortalProductSelectedDetail,
  PortalProductSelectedEvent,
  PortalStore,
} from './components/store/store.js';
export {
  PortalTicket,
  PortalTicketChangedEvent,
  PortalTicketOpenedEvent,
} from './components/ticket/ticket.js';
export {
  PortalTicketCreatedEvent,
  PortalTickets,
  type TicketFilter,
} from './components/tickets/tickets.js';
export { PortalUnsubscribe } from './components/unsubscribe/unsubscribe.js';
export { AccountElement } from './lib/account-element.js';
export { PortalAccountSwitchedEvent } from './lib/account-switch.js';
export type { ConfirmOptions } from './lib/confirm-controller.js';
export { type PortalConfigState, type PortalConfigStatus, portalConfigContext } from './lib/context.js';
