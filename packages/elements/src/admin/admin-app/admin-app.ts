import { provide } from '@lit/context';
import { type AdminClient, createAdminClient, type StaffSession } from '@portico/sdk/admin';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import '../admin-affiliate/admin-affiliate.js';
import '../admin-affiliates/admin-affiliates.js';
import '../admin-announcement/admin-announcement.js';
import '../admin-announcements/admin-announcements.js';
import '../admin-apps/admin-apps.js';
import '../admin-audit/admin-audit.js';
import '../admin-billing-settings/admin-billing-settings.js';
import '../admin-cancellations/admin-cancellations.js';
import '../admin-client/admin-client.js';
import '../admin-clients/admin-clients.js';
import '../admin-communities/admin-communities.js';
import '../admin-course/admin-course.js';
import '../admin-courses/admin-courses.js';
import '../admin-domain/admin-domain.js';
import '../admin-domain-settings/admin-domain-settings.js';
import '../admin-domains/admin-domains.js';
import '../admin-faq/admin-faq.js';
import '../admin-home/admin-home.js';
import '../admin-incident/admin-incident.js';
import '../admin-invitation/admin-invitation.js';
import '../admin-invoice/admin-invoice.js';
import '../admin-invoices/admin-invoices.js';
import '../admin-kb/admin-kb.js';
import '../admin-kb-article/admin-kb-article.js';
import '../admin-login/admin-login.js';
import '../admin-moderation/admin-moderation.js';
import '../admin-orders/admin-orders.js';
import '../admin-portal-users/admin-portal-users.js';
import '../admin-products/admin-products.js';
import '../admin-security/admin-security.js';
import '../admin-service/admin-service.js';
import '../admin-services/admin-services.js';
import '../admin-settings/admin-settings.js';
import '../admin-staff/admin-staff.js';
import '../admin-status/admin-status.js';
import '../admin-support-settings/admin-support-settings.js';
import '../admin-ticket/admin-ticket.js';
import '../admin-tickets/admin-tickets.js';
import '../admin-tlds/admin-tlds.js';
import type { AdminElement } from '../lib/admin-element.js';
import { adminClientContext, adminLangContext, adminSessionContext } from '../lib/context.js';
import { PortalAdminSignedOutEvent } from '../lib/events.js';
import { describeAdminError } from '../lib/form.js';
import { type AdminMessageKey, addAdminMessages, adminLanguage, translateAdmin } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import {
  type AdminPage,
  type AdminRoute,
  allowed,
  hashOf,
  navGroupOf,
  navPages,
  pageRoutes,
  parseHash,
  sectionOf,
} from '../lib/routes.js';
import { roleKey } from '../lib/labels.js';
import { adminStyles } from '../lib/styles.js';
import styles from './admin-app.styles.js';

addAdminMessages(
  'en',
  en.common,
  en.app,
  en.supportNav,
  en.contentNav,
  en.appsNav,
  en.courses,
  en.communities,
);
addAdminMessages(
  'es',
  es.common,
  es.app,
  es.supportNav,
  es.contentNav,
  es.appsNav,
  es.courses,
  es.communities,
);

/** Where the console stands: loading the session, signed in, signed out, or unable to load. */
export type AdminAppStatus = 'loading' | 'signed-in' | 'signed-out' | 'error';

const pageTitles: Record<AdminPage | 'not-found', AdminMessageKey> = {
  clients: 'navClients',
  client: 'navClients',
  'portal-users': 'navPortalUsers',
  orders: 'navOrders',
  invoices: 'navInvoices',
  invoice: 'navInvoices',
  services: 'navServices',
  service: 'navServices',
  domains: 'navDomains',
  domain: 'navDomains',
  cancellations: 'navCancellations',
  tickets: 'navTickets',
  ticket: 'navTickets',
  products: 'navProducts',
  tlds: 'navTlds',
  'billing-settings': 'navBillingSettings',
  'domain-settings': 'navDomainSettings',
  'support-settings': 'navSupportSettings',
  kb: 'navKb',
  'kb-article': 'navKb',
  faq: 'navFaq',
  announcements: 'navAnnouncements',
  announcement: 'navAnnouncements',
  status: 'navStatus',
  incident: 'navStatus',
  home: 'navHome',
  apps: 'navApps',
  affiliates: 'navAffiliates',
  affiliate: 'navAffiliates',
  courses: 'navCourses',
  course: 'navCourses',
  communities: 'navCommunities',
  moderation: 'navModeration',
  'moderation-post': 'navModeration',
  settings: 'navSettings',
  staff: 'navStaff',
  audit: 'navAudit',
  security: 'navSecurity',
  'not-found': 'notFoundTitle',
};

/** The token of a staff invitation link (`/admin/invitation#token=…`), or undefined. */
function invitationToken(): string | undefined {
  if (!/\/invitation\/?$/.test(location.pathname)) return undefined;
  return new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
}

/**
 * The staff console: signs staff in (with TOTP when enrolled), holds them to TOTP enrolment when the business
 * requires it, and otherwise shows a sidebar of the pages their role may open beside the page the URL's hash
 * names (`#/clients`, `#/clients/<id>`, `#/portal-users`, `#/orders`, `#/invoices`, `#/invoices/<id>`, `#/services`,
 * `#/services/<id>`, `#/domains`, `#/domains/<id>`, `#/cancellations`, `#/products`, `#/tlds`, `#/billing-settings`,
 * `#/domain-settings`, `#/settings`, `#/staff`, `#/audit`, `#/security`, `#/tickets`, `#/tickets/<id>`,
 * `#/support-settings`, `#/kb`, `#/kb/<id>` (`#/kb/new`), `#/faq`, `#/announcements`, `#/announcements/<id>`
 * (`#/announcements/new`), `#/status`, `#/status/<id>`, `#/home`, `#/apps`, `#/affiliates`, `#/affiliates/<id>`, `#/courses`,
 * `#/courses/<id>`, `#/communities`, `#/moderation`, `#/moderation/<post id>`; the invoices, services, domains, orders and tickets lists take `?account=<client id>`, and
 * the tickets list keeps its filters in the query too). Back
 * and forward work, and focus moves to the page's heading on navigation. A staff invitation link
 * (`/admin/invitation#token=…`) shows the accept-invitation screen. When the server ends the session (any 401),
 * the console returns to the sign-in form.
 *
 * The staff API answers only its own origin with the `portico_staff` cookie, so the console talks to
 * `location.origin` unless `api` says otherwise, and never holds a token. It shares its client, session and
 * language with the pages through `@lit/context`.
 *
 * @summary The admin console shell: sign-in, navigation by role, and the pages.
 *
 * @attr api - The Portico server's URL; defaults to the page's origin.
 * @attr lang - Language of the console (`en`, `es`); else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The whole console when signed in.
 * @csspart header - The top bar: console name, who is signed in, sign out.
 * @csspart nav - The sidebar.
 * @csspart main - Where the page is shown.
 * @csspart heading - Headings the console itself shows (page not found, not allowed).
 * @csspart sign-out - The sign-out button.
 * @csspart loading - Shown while the session loads.
 *
 * @cssproperty [--portal-admin-nav-width=15rem] - Width of the sidebar.
 * @cssproperty --portal-admin-background - Background behind the pages.
 *
 * @event {PortalAdminSignedOutEvent} portal-admin-signed-out - The staff member signed out or their session ended.
 * @event {PortalErrorEvent} portal-error - Loading the session or signing out failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-app')
export class PortalAdminApp extends LitElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  /** The Portico server's URL; defaults to the page's origin. */
  @property() api?: string;

  /** The staff API client. Made from `api` unless you set one (e.g. with an injected `fetch`). */
  @provide({ context: adminClientContext })
  @property({ attribute: false })
  client?: AdminClient;

  /** Language of the console (reflects `lang`). */
  @provide({ context: adminLangContext })
  @property({ attribute: 'lang' })
  locale?: string;

  /** The signed-in staff member's session; null when signed out, undefined while loading. */
  @provide({ context: adminSessionContext })
  @state()
  session: StaffSession | null | undefined = undefined;

  /** Where the console stands. */
  @state() status: AdminAppStatus = 'loading';

  /** The page the hash names. */
  @state() route: AdminRoute = parseHash(location.hash);

  /** The staff invitation being accepted, from the URL. */
  @state() invitation: string | undefined = invitationToken();

  @state() private loadError: unknown;
  /** Said above the sign-in form, e.g. that the session ended. */
  @state() private message = '';
  @state() private signingOut = false;

  #madeClient: AdminClient | undefined;
  #followed: AdminClient | undefined;
  #loads = 0;
  #focusPage = false;

  constructor() {
    super();
    this.addEventListener('portal-admin-signed-in', (event) => this.#signedIn(event.detail));
    this.addEventListener('portal-admin-session-change', (event) => {
      // Finishing a required enrolment opens the console: focus goes to the page shown.
      const enrolled = !!this.session?.mfaEnrolmentRequired && !event.detail.mfaEnrolmentRequired;
      this.#signedIn(event.detail, enrolled);
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
    // Pages ask for the client as soon as they connect, before this element's first update.
    this.#makeClient();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
  }

  /** Loads the staff session from the server again. */
  async refresh(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const load = ++this.#loads;
    this.status = 'loading';
    try {
      const session = await client.auth.session();
      if (load !== this.#loads) return;
      this.session = session;
      this.status = session ? 'signed-in' : 'signed-out';
    } catch (error) {
      if (load !== this.#loads) return;
      this.loadError = error;
      this.status = 'error';
      this.#emit(new PortalErrorEvent({ action: 'adminSession', error }));
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api')) this.#makeClient(true);
    if (this.client !== this.#followed) {
      if (this.#followed) this.#followed.onSignedOut = undefined;
      this.#followed = this.client;
      if (this.client) this.client.onSignedOut = this.#onSignedOut;
      void this.refresh();
    }
  }

  protected override updated(): void {
    if (this.status !== 'loading') document.title = `${this.t(this.#title())} – ${this.t('consoleName')}`;
    if (this.#focusPage && this.status === 'signed-in') {
      this.#focusPage = false;
      void this.#focusHeading();
    }
  }

  protected override render() {
    const lang = adminLanguage(this.#lang);
    const status = html`<div class="app-status" role="status">${this.message || nothing}</div>`;
    if (this.invitation !== undefined && this.status !== 'loading') {
      return html`<main class="center" lang=${lang}>
        <portal-admin-invitation .token=${this.invitation}></portal-admin-invitation>
      </main>`;
    }
    switch (this.status) {
      case 'loading':
        return html`<main class="center" lang=${lang}>
          <div part="loading" class="loading" role="status">
            <span class="spinner" aria-hidden="true"></span>${this.t('loadingConsole')}
          </div>
        </main>`;
      case 'error':
        return html`<main class="center" lang=${lang}>
          <div class="load-error" role="alert">
            <p>${this.t('consoleUnavailable')} ${describeAdminError(this.loadError, [], this.t).alert}</p>
            <button class="secondary" type="button" @click=${() => this.refresh()}>${this.t('tryAgain')}</button>
          </div>
        </main>`;
      case 'signed-out':
        return html`<main class="center" lang=${lang}>
          ${status}
          <portal-admin-login></portal-admin-login>
        </main>`;
      default:
        return this.#renderConsole(lang, status);
    }
  }

  #renderConsole(lang: string, status: TemplateResult) {
    const session = this.session;
    if (!session) return nothing;
    const enrolling = session.mfaEnrolmentRequired;
    return html`<div part="base" class="shell" lang=${lang}>
      <header part="header" class="top">
        ${enrolling ? nothing : html`<a class="skip" href=${hashOf(this.#page())} @click=${this.#skip}>${this.t('skipToContent')}</a>`}
        <p class="brand">${this.t('consoleName')}</p>
        <div class="who">
          <span>${session.staff.name}</span>
          <span class="badge neutral">${this.t(roleKey(session.staff.role))}</span>
          <button
            part="button sign-out"
            class="secondary small"
            type="button"
            ?disabled=${this.signingOut}
            @click=${this.#signOut}
          >
            ${this.t('signOut')}
          </button>
        </div>
      </header>
      ${enrolling ? nothing : this.#renderNav(session)}
      <main part="main" id="main">
        ${status}
        ${enrolling ? html`<portal-admin-security data-page enrolment-required></portal-admin-security>` : this.#renderPage(session)}
      </main>
    </div>`;
  }

  #renderNav(session: StaffSession) {
    const current = this.#page();
    const section = sectionOf(current);
    const link = (page: AdminPage) => html`<li>
      <a href=${hashOf(page)} aria-current=${page === section ? 'page' : nothing}>${this.t(pageTitles[page])}</a>
    </li>`;
    const pages = navPages.filter((page) => allowed(session, pageRoutes[page]));
    // Consecutive entries of one group sit in a nested list under the group's name.
    const items: TemplateResult[] = [];
    for (let i = 0; i < pages.length; ) {
      const group = navGroupOf[pages[i]!];
      if (!group) {
        items.push(link(pages[i++]!));
        continue;
      }
      const members: AdminPage[] = [];
      while (i < pages.length && navGroupOf[pages[i]!] === group) members.push(pages[i++]!);
      items.push(html`<li class="nav-group">
        <span class="nav-group-name" id=${`nav-${group}`}>${this.t(group)}</span>
        <ul aria-labelledby=${`nav-${group}`}>
          ${members.map(link)}
        </ul>
      </li>`);
    }
    return html`<nav part="nav" aria-label=${this.t('navLabel')}>
      <ul>
        ${items}
      </ul>
    </nav>`;
  }

  #renderPage(session: StaffSession) {
    const route = this.route;
    if (route.page === 'not-found') {
      return this.#message('notFoundTitle', 'notFoundText');
    }
    if (!allowed(session, pageRoutes[route.page])) return this.#message('notAllowedTitle', 'notAllowedText');
    switch (route.page) {
      case 'client':
        return html`<portal-admin-client data-page client-id=${route.id ?? ''}></portal-admin-client>`;
      case 'portal-users':
        return html`<portal-admin-portal-users data-page></portal-admin-portal-users>`;
      case 'orders':
        return html`<portal-admin-orders data-page account-id=${route.account ?? ''}></portal-admin-orders>`;
      case 'invoices':
        return html`<portal-admin-invoices data-page account-id=${route.account ?? ''}></portal-admin-invoices>`;
      case 'invoice':
        return html`<portal-admin-invoice data-page invoice-id=${route.id ?? ''}></portal-admin-invoice>`;
      case 'services':
        return html`<portal-admin-services data-page account-id=${route.account ?? ''}></portal-admin-services>`;
      case 'service':
        return html`<portal-admin-service data-page service-id=${route.id ?? ''}></portal-admin-service>`;
      case 'domains':
        return html`<portal-admin-domains data-page account-id=${route.account ?? ''}></portal-admin-domains>`;
      case 'domain':
        return html`<portal-admin-domain data-page domain-id=${route.id ?? ''}></portal-admin-domain>`;
      case 'tickets':
        return html`<portal-admin-tickets data-page account-id=${route.account ?? ''} query=${route.query ?? ''}></portal-admin-tickets>`;
      case 'ticket':
        return html`<portal-admin-ticket data-page ticket-id=${route.id ?? ''}></portal-admin-ticket>`;
      case 'support-settings':
        return html`<portal-admin-support-settings data-page></portal-admin-support-settings>`;
      case 'kb':
        return html`<portal-admin-kb data-page></portal-admin-kb>`;
      case 'kb-article':
        return html`<portal-admin-kb-article data-page article-id=${route.id === 'new' ? '' : (route.id ?? '')}></portal-admin-kb-article>`;
      case 'faq':
        return html`<portal-admin-faq data-page></portal-admin-faq>`;
      case 'announcements':
        return html`<portal-admin-announcements data-page></portal-admin-announcements>`;
      case 'announcement':
        return html`<portal-admin-announcement data-page announcement-id=${route.id === 'new' ? '' : (route.id ?? '')}></portal-admin-announcement>`;
      case 'status':
        return html`<portal-admin-status data-page></portal-admin-status>`;
      case 'incident':
        return html`<portal-admin-incident data-page incident-id=${route.id ?? ''}></portal-admin-incident>`;
      case 'home':
        return html`<portal-admin-home data-page></portal-admin-home>`;
      case 'apps':
        return html`<portal-admin-apps data-page></portal-admin-apps>`;
      case 'affiliates':
        return html`<portal-admin-affiliates data-page></portal-admin-affiliates>`;
      case 'affiliate':
        return html`<portal-admin-affiliate data-page affiliate-id=${route.id ?? ''}></portal-admin-affiliate>`;
      case 'courses':
        return html`<portal-admin-courses data-page></portal-admin-courses>`;
      case 'course':
        return html`<portal-admin-course data-page course-id=${route.id ?? ''}></portal-admin-course>`;
      case 'communities':
        return html`<portal-admin-communities data-page></portal-admin-communities>`;
      case 'moderation':
      case 'moderation-post':
        return html`<portal-admin-moderation data-page post-id=${route.id ?? ''}></portal-admin-moderation>`;
      case 'cancellations':
        return html`<portal-admin-cancellations data-page></portal-admin-cancellations>`;
      case 'products':
        return html`<portal-admin-products data-page></portal-admin-products>`;
      case 'tlds':
        return html`<portal-admin-tlds data-page></portal-admin-tlds>`;
      case 'billing-settings':
        return html`<portal-admin-billing-settings data-page></portal-admin-billing-settings>`;
      case 'domain-settings':
        return html`<portal-admin-domain-settings data-page></portal-admin-domain-settings>`;
      case 'settings':
        return html`<portal-admin-settings data-page></portal-admin-settings>`;
      case 'staff':
        return html`<portal-admin-staff data-page></portal-admin-staff>`;
      case 'audit':
        return html`<portal-admin-audit data-page></portal-admin-audit>`;
      case 'security':
        return html`<portal-admin-security data-page></portal-admin-security>`;
      default:
        return html`<portal-admin-clients data-page></portal-admin-clients>`;
    }
  }

  #message(title: AdminMessageKey, text: AdminMessageKey) {
    return html`<div class="page">
      <h1 part="heading" tabindex="-1">${this.t(title)}</h1>
      <p>${this.t(text)}</p>
      <p><a href=${hashOf('clients')}>${this.t('goToClients')}</a></p>
    </div>`;
  }

  get #lang() {
    return this.locale || document.documentElement.lang || 'en';
  }

  protected t = (key: AdminMessageKey, params?: Record<string, unknown>) =>
    translateAdmin(this.#lang, key, params);

  #page(): AdminPage {
    return this.route.page === 'not-found' ? 'clients' : this.route.page;
  }

  #title(): AdminMessageKey {
    if (this.invitation !== undefined) return 'invitationTitle';
    if (this.status !== 'signed-in') return 'signInTitle';
    if (this.session?.mfaEnrolmentRequired) return 'navSecurity';
    return pageTitles[this.route.page];
  }

  async #focusHeading() {
    await this.updateComplete;
    const page = this.renderRoot.querySelector<AdminElement>('[data-page]');
    if (page) {
      await page.updateComplete;
      await page.focusHeading();
    } else {
      this.renderRoot.querySelector<HTMLElement>('[part~="heading"]')?.focus();
    }
  }

  /** Dispatches one of the events documented above (through here, so the manifest analyzer reads only the JSDoc). */
  #emit(event: Event) {
    this.dispatchEvent(event);
  }

  #makeClient(remake = false) {
    const ours = this.client === undefined || this.client === this.#madeClient;
    if (!ours || (this.client && !remake)) return;
    const baseUrl = this.api ?? location.origin;
    if (this.client?.baseUrl === baseUrl) return;
    this.#madeClient = createAdminClient({ baseUrl });
    this.client = this.#madeClient;
  }

  #signedIn(session: StaffSession, navigate = true) {
    this.#loads++;
    this.session = session;
    this.status = 'signed-in';
    this.message = '';
    if (this.invitation !== undefined) {
      this.invitation = undefined;
      const base = location.pathname.replace(/\/invitation\/?$/, '') || '/';
      history.replaceState(null, '', `${base}${hashOf('clients')}`);
      this.route = parseHash(location.hash);
    }
    if (navigate) this.#focusPage = true;
  }

  #onSignedOut = () => {
    if (this.status !== 'signed-in') return;
    this.#loads++;
    this.session = null;
    this.status = 'signed-out';
    this.message = this.t('sessionEnded');
    this.#emit(new PortalAdminSignedOutEvent());
  };

  #signOut = async () => {
    const client = this.client;
    if (!client) return;
    this.signingOut = true;
    try {
      await client.auth.logout();
    } catch (error) {
      // The cookie may still be set: say so rather than pretend.
      this.message = describeAdminError(error, [], this.t).alert;
      this.#emit(new PortalErrorEvent({ action: 'adminLogout', error }));
      return;
    } finally {
      this.signingOut = false;
    }
    this.#loads++;
    this.session = null;
    this.status = 'signed-out';
    this.message = this.t('signedOut');
    this.#emit(new PortalAdminSignedOutEvent());
  };

  #onHashChange = () => {
    const route = parseHash(location.hash);
    const same = (key: 'id' | 'account') =>
      (route as { id?: string; account?: string })[key] ===
      (this.route as { id?: string; account?: string })[key];
    if (route.page === this.route.page && same('id') && same('account')) return;
    this.route = route;
    this.#focusPage = true;
  };

  #skip = (event: Event) => {
    event.preventDefault();
    void this.#focusHeading();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-app': PortalAdminApp;
  }
}
