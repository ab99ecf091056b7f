import { grants, type PortalConfig, type PortalSections } from '@portico/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import * as commerceEn from '../../lib/locales/commerce-en.js';
import * as commerceEs from '../../lib/locales/commerce-es.js';
import { domainsNav as domainsNavEn } from '../../lib/locales/domains-en.js';
import { domainsNav as domainsNavEs } from '../../lib/locales/domains-es.js';
import { supportNav as supportNavEn } from '../../lib/locales/support-en.js';
import { supportNav as supportNavEs } from '../../lib/locales/support-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { PortalElement } from '../../lib/portal-element.js';
import { hostStyles } from '../../lib/styles.js';
import '../account-menu/account-menu.js';
import '../app-switcher/app-switcher.js';
import { ConfigController } from '../provider/portal-config.js';
import styles from './nav.styles.js';

addMessages('en', en.accountMenu, en.nav, commerceEn.commerce, domainsNavEn, supportNavEn);
addMessages('es', es.accountMenu, es.nav, commerceEs.commerce, domainsNavEs, supportNavEs);

/** The section links: the section that shows each, its label, and the property holding its href. */
const SECTIONS = [
  ['store', 'store', 'storeHref'],
  ['domainSearch', 'domains', 'domainsHref'],
  ['knowledgeBase', 'knowledgeBase', 'kbHref'],
  ['announcements', 'announcements', 'announcementsHref'],
  ['faq', 'navFaq', 'faqHref'],
  ['status', 'navStatus', 'statusHref'],
] as const satisfies readonly (readonly [keyof PortalSections, MessageKey, keyof PortalNav])[];

/** The signed-in links: their label and the property holding their href (shown only when set). */
const ACCOUNT_LINKS = [
  ['navDashboard', 'dashboardHref'],
  ['navServices', 'servicesHref'],
  ['navInvoices', 'invoicesHref'],
  ['navMyDomains', 'myDomainsHref'],
  ['navSupport', 'ticketsHref'],
] as const satisfies readonly (readonly [MessageKey, keyof PortalNav])[];

const trimSlash = (path: string) => path.replace(/\/+$/, '') || '/';

/**
 * Whether `href` is the page shown: same origin and path, and the same query and hash when the href has them
 * (so `#faq` links on one page are not all current).
 */
export function isCurrentPage(href: string, here: Location | URL = location): boolean {
  const url = new URL(href, here.href);
  return (
    url.origin === here.origin &&
    trimSlash(url.pathname) === trimSlash(here.pathname) &&
    (!url.search || url.search === here.search) &&
    (!url.hash || url.hash === here.hash)
  );
}

/**
 * The portal's top bar: the business's logo (or name) linking home, links to the store, domain search,
 * knowledge base, announcements, FAQ and status page when the portal shows those sections, and "Sign in" and "Get started" for
 * guests or the `<portal-account-menu>` when signed in. It sticks to the top of the page. Signed in, it also links
 * to the dashboard, services and invoices pages whose `dashboard-href`, `services-href` and `invoices-href` are
 * set, to the account's domains at `my-domains-href` for those who may see them (`domains:read`), and to the
 * support tickets at `tickets-href` ("Support") for those who may see them (`support:read`).
 *
 * Where it is narrower than 48rem, the links and account collapse behind a "Menu" button (a disclosure:
 * `aria-expanded`; Escape closes it and returns focus to the button). The link to the page shown carries
 * `aria-current="page"`.
 *
 * Inside a `<portal-provider>` it uses the provider's configuration and session; standalone, give it an `api`
 * attribute. Themed by the global `--portal-*` tokens (see `<portal-provider>`) and the properties and parts below.
 *
 * @summary Sticky portal header: brand, section links, sign in or account menu.
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * Signed in, a `<portal-app-switcher>` before the account menu lists the apps the person may use (nothing when
 * there are none); `current-app` and `app-hrefs` are passed to it as `current` and `hrefs`.
 *
 * @slot - Extra items shown before the account area.
 *
 * @csspart base - The bar (a `<nav>` landmark).
 * @csspart brand - The home link with the logo or name.
 * @csspart logo - The logo image.
 * @csspart name - The business name, shown when there is no logo.
 * @csspart menu-button - The "Menu" button shown on narrow widths.
 * @csspart menu - The links, slotted items and account area (a panel under the bar on narrow widths).
 * @csspart links - The list of section links.
 * @csspart link - A section link, and the "Sign in" link.
 * @csspart account - The sign-in links or the account menu.
 * @csspart sign-in - The "Sign in" link.
 * @csspart get-started - The "Get started" link to registration.
 * @csspart account-menu - The `<portal-account-menu>` shown when signed in.
 * @csspart app-switcher - The `<portal-app-switcher>` shown when signed in.
 * @csspart skeleton - Placeholders shown while the configuration or session loads.
 *
 * @cssproperty --portal-nav-background - Background of the bar; falls back to `--portal-color-surface`.
 * @cssproperty --portal-nav-border-color - Line under the bar; falls back to `--portal-color-border`.
 * @cssproperty [--portal-nav-height=4rem] - Minimum height of the bar.
 * @cssproperty [--portal-nav-max-width=72rem] - Width of the bar's content, centred.
 * @cssproperty [--portal-nav-logo-height=2rem] - Height of the logo.
 * @cssproperty [--portal-nav-z-index=20] - Stacking order of the bar.
 *
 * @event {PortalSignedOutEvent} portal-signed-out - The person signed out from the account menu.
 * @event {PortalErrorEvent} portal-error - Signing out failed on the server; `event.detail` is `{ action, error }`.
 */
@customElement('portal-nav')
export class PortalNav extends PortalElement {
  static override styles = [hostStyles, styles];

  /** The home page (the logo links there). */
  @property({ attribute: 'home-href' }) homeHref = '/';
  /** The store. */
  @property({ attribute: 'store-href' }) storeHref = '/store';
  /** The domain search. */
  @property({ attribute: 'domains-href' }) domainsHref = '/domains';
  /** The knowledge base. */
  @property({ attribute: 'kb-href' }) kbHref = '/knowledgebase';
  /** The announcements. */
  @property({ attribute: 'announcements-href' }) announcementsHref = '/announcements';
  /** The questions and answers. */
  @property({ attribute: 'faq-href' }) faqHref = '/faq';
  /** The status page. */
  @property({ attribute: 'status-href' }) statusHref = '/status';
  /** The dashboard (`<portal-dashboard>`), linked when signed in. No link without it. */
  @property({ attribute: 'dashboard-href' }) dashboardHref?: string;
  /** The services page (`<portal-services>`), linked when signed in. No link without it. */
  @property({ attribute: 'services-href' }) servicesHref?: string;
  /** The invoices page (`<portal-invoices>`), linked when signed in. No link without it. */
  @property({ attribute: 'invoices-href' }) invoicesHref?: string;
  /**
   * The account's domains page (`<portal-domains>`), linked when signed in with `domains:read`. No link without it.
   * (`domains-href` is the domain search.)
   */
  @property({ attribute: 'my-domains-href' }) myDomainsHref?: string;
  /** The support tickets page (`<portal-tickets>`), linked when signed in with `support:read`. No link without it. */
  @property({ attribute: 'tickets-href' }) ticketsHref?: string;
  /** The sign-in page. */
  @property({ attribute: 'login-href' }) loginHref = '/login';
  /** The registration page ("Get started"). */
  @property({ attribute: 'register-href' }) registerHref = '/register';
  /** The app of this page (an app id or `portal`), for the app switcher's `current`. */
  @property({ attribute: 'current-app' }) currentApp?: string;
  /** Where the apps live on this site (`id=href` pairs separated by commas), for the app switcher's `hrefs`. */
  @property({ attribute: 'app-hrefs' }) appHrefs?: string;

  /** `light` or `dark` to force a colour scheme (passed on to the account menu). */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Whether the menu is open on narrow widths. */
  @property({ type: Boolean, reflect: true }) open = false;

  readonly #config = new ConfigController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.#onLocation);
    window.addEventListener('hashchange', this.#onLocation);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#onLocation);
    window.removeEventListener('hashchange', this.#onLocation);
    document.removeEventListener('pointerdown', this.#onOutside);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    if (this.open) document.addEventListener('pointerdown', this.#onOutside);
    else document.removeEventListener('pointerdown', this.#onOutside);
  }

  protected override render() {
    const { config } = this.#config.state;
    return html`<nav part="base" class="bar" lang=${this.textLang} aria-label=${this.t('mainNav')}>
      <div class="inner" @keydown=${this.#onKeydown}>
        ${this.#renderBrand()}
        <button
          part="menu-button"
          class="menu-button"
          id="menu-button"
          type="button"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="menu"
          @click=${this.#toggle}
        >
          <span class="bars" aria-hidden="true"></span>${this.t('menu')}
        </button>
        <div
          part="menu"
          class="menu ${this.open ? 'open' : ''}"
          id="menu"
          @click=${this.#onMenuClick}
        >
          ${this.#renderLinks(config)}
          <slot></slot>
          <div part="account" class="account">${this.#renderAccount()}</div>
        </div>
      </div>
    </nav>`;
  }

  #renderBrand() {
    const { status, config } = this.#config.state;
    if (status === 'loading')
      return html`<span part="skeleton" class="skeleton brand" aria-hidden="true"></span>`;
    return html`<a part="brand" class="brand" href=${this.homeHref}>
      ${
        config?.logoUrl
          ? html`<img part="logo" src=${config.logoUrl} alt=${config.businessName} />`
          : html`<span part="name">${config?.businessName ?? this.t('home')}</span>`
      }
    </a>`;
  }

  #renderLinks(config: PortalConfig | null) {
    const links: { label: string; href: string }[] = [];
    const session = this.sessionState.session;
    if (session) {
      for (const [label, prop] of ACCOUNT_LINKS) {
        const href = this[prop];
        // Someone who may not see the account's domains gets no link to a page that only says so.
        if (prop === 'myDomainsHref' && !grants(session.permissions, 'domains:read')) continue;
        if (prop === 'ticketsHref' && !grants(session.permissions, 'support:read')) continue;
        if (href) links.push({ label: this.t(label), href });
      }
    }
    for (const [section, label, prop] of SECTIONS) {
      if (config?.sections[section]) links.push({ label: this.t(label), href: this[prop] });
    }
    if (!links.length) return nothing;
    return html`<ul part="links" class="links">
      ${links.map(
        ({ label, href }) => html`<li>
          <a part="link" href=${href} aria-current=${isCurrentPage(href) ? 'page' : nothing}>${label}</a>
        </li>`,
      )}
    </ul>`;
  }

  #renderAccount() {
    const { status, session } = this.sessionState;
    if (status === 'loading') {
      return html`<span part="skeleton" class="skeleton account-skeleton" role="status"
        ><span class="sr-only">${this.t('loading')}</span></span
      >`;
    }
    if (session) {
      return html`<portal-app-switcher
          part="app-switcher"
          current=${this.currentApp ?? nothing}
          hrefs=${this.appHrefs ?? nothing}
          api=${this.api ?? nothing}
          mode=${this.mode ?? nothing}
          lang=${this.locale ?? nothing}
          theme=${this.theme ?? nothing}
        ></portal-app-switcher>
        <portal-account-menu
        part="account-menu"
        login-href=${this.loginHref}
        api=${this.api ?? nothing}
        mode=${this.mode ?? nothing}
        lang=${this.locale ?? nothing}
        theme=${this.theme ?? nothing}
        @portal-signed-out=${this.#onSignedOut}
      ></portal-account-menu>`;
    }
    return html`<a part="link sign-in" class="sign-in" href=${this.loginHref}>${this.t('signIn')}</a>
      <a part="get-started" class="primary get-started" href=${this.registerHref}>${this.t('getStarted')}</a>`;
  }

  #toggle = () => {
    this.open = !this.open;
  };

  #close(returnFocus: boolean) {
    this.open = false;
    if (returnFocus) this.renderRoot.querySelector<HTMLElement>('#menu-button')?.focus();
  }

  #onKeydown = (event: KeyboardEvent) => {
    // The account menu handles its own Escape first.
    if (event.key === 'Escape' && this.open && !event.defaultPrevented) {
      event.preventDefault();
      this.#close(true);
    }
  };

  #onMenuClick = (event: MouseEvent) => {
    if ((event.target as Element).closest?.('a')) this.open = false;
  };

  #onOutside = (event: PointerEvent) => {
    if (!event.composedPath().includes(this)) this.open = false;
  };

  #onLocation = () => this.requestUpdate();

  /** The account menu is replaced by the sign-in link: keep focus in the bar. */
  #onSignedOut = () => {
    void this.focusPart('[part~="sign-in"]');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-nav': PortalNav;
  }
}
