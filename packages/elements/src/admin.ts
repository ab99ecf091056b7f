/**
 * `@portico/elements/admin`: the staff console, registered on import. A separate bundle (`elements-admin.js`):
 * the client bundles never include it.
 *
 * @example
 * ```html
 * <!-- Served by the Portico server at /admin -->
 * <portal-admin-app></portal-admin-app>
 * <script type="module" src="/elements-admin.js"></script>
 * ```
 */
export { type AdminAppStatus, PortalAdminApp } from './admin/admin-app/admin-app.js';
export { PortalAdminAffiliate } from './admin/admin-affiliate/admin-affiliate.js';
export {
  AFFILIATE_TABS,
  type AffiliateTab,
  PortalAdminAffiliates,
} from './admin/admin-affiliates/admin-affiliates.js';
export { PortalAdminAnnouncement } from './admin/admin-announcement/admin-announcement.js';
export { PortalAdminAnnouncements } from './admin/admin-announcements/admin-announcements.js';
export { PortalAdminApps } from './admin/admin-apps/admin-apps.js';
export { PortalAdminAudit } from './admin/admin-audit/admin-audit.js';
export { PortalAdminBillingSettings } from './admin/admin-billing-settings/admin-billing-settings.js';
export { PortalAdminCancellations } from './admin/admin-cancellations/admin-cancellations.js';
export { PortalAdminClient } from './admin/admin-client/admin-client.js';
export { PortalAdminClientBilling } from './admin/admin-client-billing/admin-client-billing.js';
export { PortalAdminClients } from './admin/admin-clients/admin-clients.js';
export { PortalAdminCommunities } from './admin/admin-communities/admin-communities.js';
export { PortalAdminCourse } from './admin/admin-course/admin-course.js';
export { PortalAdminCourses } from './admin/admin-courses/admin-courses.js';
export { PortalAdminDomain } from './admin/admin-domain/admin-domain.js';
export { PortalAdminDomainSettings } from './admin/admin-domain-settings/admin-domain-settings.js';
export { PortalAdminDomains } from './admin/admin-domains/admin-domains.js';
export { PortalAdminFaq } from './admin/admin-faq/admin-faq.js';
export { PortalAdminHome } from './admin/admin-home/admin-home.js';
export { PortalAdminIncident } from './admin/admin-incident/admin-incident.js';
export { PortalAdminInvitation } from './admin/admin-invitation/admin-invitation.js';
export { PortalAdminInvoice } from './admin/admin-invoice/admin-invoice.js';
export {
  PortalAdminInvoiceForm,
  PortalAdminInvoiceFormCloseEvent,
  PortalAdminInvoiceSavedEvent,
} from './admin/admin-invoice-form/admin-invoice-form.js';
export { PortalAdminInvoices } from './admin/admin-invoices/admin-invoices.js';
export { PortalAdminKb } from './admin/admin-kb/admin-kb.js';
export { PortalAdminKbArticle } from './admin/admin-kb-article/admin-kb-article.js';
export { PortalAdminLogin } from './admin/admin-login/admin-login.js';
export { PortalAdminMagicLink } from './admin/admin-magic-link/admin-magic-link.js';
export { PortalAdminModeration } from './admin/admin-moderation/admin-moderation.js';
export { PortalAdminOrders } from './admin/admin-orders/admin-orders.js';
export { PortalAdminPortalUsers } from './admin/admin-portal-users/admin-portal-users.js';
export { PortalAdminProducts } from './admin/admin-products/admin-products.js';
export { PortalAdminSecurity } from './admin/admin-security/admin-security.js';
export { PortalAdminService } from './admin/admin-service/admin-service.js';
export { PortalAdminServices } from './admin/admin-services/admin-services.js';
export { PortalAdminSettings } from './admin/admin-settings/admin-settings.js';
export { PortalAdminStaff } from './admin/admin-staff/admin-staff.js';
export { PortalAdminStatus } from './admin/admin-status/admin-status.js';
export { PortalAdminSupportSettings } from './admin/admin-support-settings/admin-support-settings.js';
export { PortalAdminTicket } from './admin/admin-ticket/admin-ticket.js';
export { PortalAdminTickets } from './admin/admin-tickets/admin-tickets.js';
export { PortalAdminTlds } from './admin/admin-tlds/admin-tlds.js';
export { AdminElement } from './admin/lib/admin-element.js';
export { adminClientContext, adminLangContext, adminSessionContext } from './admin/lib/context.js';
export { PortalAdminMarkdownEditor } from './admin/lib/markdown-editor.js';
export {
  PortalAdminSessionChangeEvent,
  PortalAdminSignedInEvent,
  PortalAdminSignedOutEvent,
} from './admin/lib/events.js';
export {
  type AdminMessageKey,
  type AdminMessages,
  adminLanguage,
  registerAdminLocale,
  translateAdmin,
} from './admin/lib/localize.js';
export { PortalErrorEvent } from './lib/events.js';
