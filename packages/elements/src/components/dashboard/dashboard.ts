import type { Dashboard, InvoiceStatus, InvoiceSummary, Money, Service } from '@portico/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AccountElement } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { badge } from '../../lib/fields.js';
import { formatDate, formatMoney } from '../../lib/format.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import * as commerceEn from '../../lib/locales/commerce-en.js';
import * as commerceEs from '../../lib/locales/commerce-es.js';
import { supportNav as supportNavEn } from '../../lib/locales/support-en.js';
import { supportNav as supportNavEs } from '../../lib/locales/support-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import styles from './dashboard.styles.js';

addMessages('en', en.account, commerceEn.commerce, supportNavEn);
addMessages('es', es.account, commerceEs.commerce, supportNavEs);

/** Where a dashboard link leads. */
export interface PortalNavigateDetail {
  to: 'invoice' | 'service';
  id: string;
}

/**
 * A dashboard link was followed on a page without `invoices-href` (for invoices) or `services-href` (for
 * services): the site shows that invoice or service itself, e.g. with its router. `detail` is `{ to, id }`.
 *
 * @example
 * ```js
 * dashboard.addEventListener('portal-navigate', (event) => router.go(`/${event.detail.to}s/${event.detail.id}`));
 * ```
 */
export class PortalNavigateEvent extends Event {
  static readonly eventName = 'portal-navigate';
  readonly detail: PortalNavigateDetail;
  constructor(detail: PortalNavigateDetail) {
    super(PortalNavigateEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

const INVOICE_STATUS: Record<InvoiceStatus, { key: MessageKey; tone: 'good' | 'warn' | 'bad' | 'neutral' }> =
  {
    draft: { key: 'dashInvoiceDraft', tone: 'neutral' },
    unpaid: { key: 'dashInvoiceUnpaid', tone: 'warn' },
    paid: { key: 'dashInvoicePaid', tone: 'good' },
    overdue: { key: 'dashInvoiceOverdue', tone: 'bad' },
    cancelled: { key: 'dashInvoiceCancelled', tone: 'neutral' },
    refunded: { key: 'dashInvoiceRefunded', tone: 'neutral' },
  };

/**
 * The active account at a glance: the amount due (per currency, with the number of overdue invoices), the credit
 * balance, the number of active services and of open tickets; the recent invoices (number, date, total, status)
 * and the upcoming renewals (service, due date, amount). What the person may not see on the account (no
 * `billing:read`, no `services:read`, no `support:read`) is left out. The open tickets card links to
 * `tickets-href`.
 *
 * Invoices link to `invoices-href` with `#invoice/<id>` and services to `services-href` with `#service/<id>`
 * (where `<portal-invoices>` and `<portal-services>` open them); without those, the links fire `portal-navigate`.
 *
 * Portico's mails link to the portal's address with `#invoice/<id>`, `#service/<id>`, `#domain/<id>` or
 * `#ticket/<id>`; the dashboard is the portal's home, so when the page opens with one of those it forwards it to
 * `invoices-href`, `services-href`, `domains-href` or `tickets-href`.
 *
 * Signed out, it shows its `signed-out` slot: by default a short explanation with a "Sign in" link to
 * `login-href`, or put a `<portal-login slot="signed-out">` there.
 *
 * @summary The account at a glance: amount due, credit, services, recent invoices, renewals.
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr domains-href - The My Domains page (`<portal-domains>`), where a mail's `#domain/<id>` link is forwarded.
 * @attr tickets-href - The support tickets page (`<portal-tickets>`): the open tickets card links there, and a
 * mail's `#ticket/<id>` link is forwarded there.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @slot signed-out - Shown instead when signed out, e.g. a `<portal-login>`; by default a sign-in prompt.
 *
 * @csspart base - The box around everything.
 * @csspart title - The heading.
 * @csspart cards - The row of figures.
 * @csspart card - One figure's card.
 * @csspart amount-due - The amount due card (also `card`).
 * @csspart overdue - The number of overdue invoices.
 * @csspart credit - The credit balance card (also `card`).
 * @csspart active-services - The active services card (also `card`).
 * @csspart open-tickets - The open tickets card (also `card`).
 * @csspart figure - A card's figure.
 * @csspart recent-invoices - The recent invoices section.
 * @csspart renewals - The upcoming renewals section.
 * @csspart table - A table.
 * @csspart link - A link to an invoice or service, or to all of them.
 * @csspart badge - A status badge.
 * @csspart empty - Shown when a section has nothing.
 * @csspart loading - Shown while the figures load.
 * @csspart load-error - Shown when they could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - The default content of the `signed-out` slot.
 *
 * @cssproperty [--portal-dashboard-width=72rem] - Maximum width.
 * @cssproperty [--portal-dashboard-card-width=12rem] - Smallest width of a card.
 * @cssproperty --portal-dashboard-padding - Padding inside the box.
 * @cssproperty --portal-dashboard-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-dashboard-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalNavigateEvent} portal-navigate - An invoice or service link was followed without its `*-href`;
 * `event.detail` is `{ to: 'invoice' | 'service', id }`.
 * @event {PortalErrorEvent} portal-error - Loading failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-dashboard')
export class PortalDashboard extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, styles];

  /** The invoices page (`<portal-invoices>`): invoices link to it with `#invoice/<id>`. */
  @property({ attribute: 'invoices-href' }) invoicesHref?: string;
  /** The services page (`<portal-services>`): services link to it with `#service/<id>`. */
  @property({ attribute: 'services-href' }) servicesHref?: string;
  /** The My Domains page (`<portal-domains>`): a mail's `#domain/<id>` link is forwarded there. */
  @property({ attribute: 'domains-href' }) domainsHref?: string;
  /** The support tickets page (`<portal-tickets>`): the open tickets card links there; a mail's `#ticket/<id>` too. */
  @property({ attribute: 'tickets-href' }) ticketsHref?: string;

  /** How the dashboard leaves for another page (tests replace it). */
  static navigate: (url: string) => void = (url) => location.replace(url);

  @state() private dashboard?: Dashboard;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#forwardMailLink();
  }

  /** A mail's `#invoice/<id>`, `#service/<id>`, `#domain/<id>` or `#ticket/<id>` on the portal's home goes to the page that opens it. */
  #forwardMailLink(): void {
    const match = /^#(invoice|service|domain|ticket)\/[A-Za-z0-9_]+$/.exec(location.hash);
    if (!match) return;
    const pages: Record<string, string | undefined> = {
      invoice: this.invoicesHref,
      service: this.servicesHref,
      domain: this.domainsHref,
      ticket: this.ticketsHref,
    };
    const href = pages[match[1] as string];
    if (!href) return;
    const target = new URL(href, location.href);
    // The page that opens it may be this one (an embedding site with everything on one page): nothing to do.
    if (target.pathname === location.pathname && target.search === location.search) return;
    PortalDashboard.navigate(`${href.split('#')[0]}${location.hash}`);
  }

  readonly #load = this.loadTask(
    'dashboard',
    () => [],
    (client) => client.services.dashboard(),
    (dashboard) => {
      this.dashboard = dashboard;
    },
  );

  protected override render() {
    if (this.sessionState.status === 'signed-out') {
      return html`<slot name="signed-out" lang=${this.textLang}>
        <div part="signed-out" class="base signed-out">
          <p>${this.t('dashSignedOut')}</p>
          ${this.loginHref ? html`<a part="link" class="primary" href=${this.loginHref}>${this.t('signIn')}</a>` : nothing}
        </div>
      </slot>`;
    }
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${this.renderSession(() => this.renderTask(this.#load, this.dashboard, (d) => this.#renderDashboard(d)))}
    </div>`;
  }

  #renderDashboard(d: Dashboard): TemplateResult {
    const cards = [
      d.amountDue === null ? nothing : this.#amountDue(d.amountDue, d.overdueInvoices ?? 0),
      d.credit === null ? nothing : this.#credit(d.credit),
      d.activeServices === null
        ? nothing
        : this.#card('active-services', this.t('dashActiveServices'), this.#figure(String(d.activeServices))),
      d.openTickets === null
        ? nothing
        : this.#card(
            'open-tickets',
            this.t('dashOpenTickets'),
            html`${this.#figure(String(d.openTickets))}${
              this.ticketsHref
                ? html`<a part="link" href=${this.ticketsHref}>${this.t('dashAllTickets')}</a>`
                : nothing
            }`,
          ),
    ];
    const nothingShown = [
      d.amountDue,
      d.credit,
      d.activeServices,
      d.openTickets,
      d.recentInvoices,
      d.upcomingRenewals,
    ].every((part) => part === null);
    return html`<h2 part="title">${this.t('dashTitle')}</h2>
      ${nothingShown ? html`<p part="empty" class="empty">${this.t('dashNothingToShow')}</p>` : nothing}
      ${cards.some((c) => c !== nothing) ? html`<div part="cards" class="cards">${cards}</div>` : nothing}
      ${d.recentInvoices === null ? nothing : this.#recentInvoices(d.recentInvoices)}
      ${d.upcomingRenewals === null ? nothing : this.#renewals(d.upcomingRenewals)}`;
  }

  #card(part: string, title: string, body: unknown): TemplateResult {
    const id = `card-${part}`;
    return html`<div part=${`card ${part}`} class="card figure-card">
      <h3 id=${id}>${title}</h3>
      ${body}
    </div>`;
  }

  #figure(text: string): TemplateResult {
    return html`<p part="figure" class="figure">${text}</p>`;
  }

  #amounts(amounts: Money[], none: string): TemplateResult {
    const lang = this.resolvedLocale;
    const shown = amounts.filter((m) => m.amount !== 0);
    if (!shown.length) return html`<p part="figure" class="figure none">${none}</p>`;
    return html`${shown.map((m) => this.#figure(formatMoney(lang, m.amount, m.currency)))}`;
  }

  #amountDue(amounts: Money[], overdue: number): TemplateResult {
    const lang = this.resolvedLocale;
    const plural =
      new Intl.PluralRules(lang).select(overdue) === 'one' ? 'dashOverdueOne' : 'dashOverdueOther';
    return this.#card(
      'amount-due',
      this.t('dashAmountDue'),
      html`${this.#amounts(amounts, this.t('dashNothingDue'))}
      ${
        overdue > 0
          ? html`<p part="overdue" class="overdue">
              <strong>${badge(this.t(plural, { count: overdue }), 'bad')}</strong>
            </p>`
          : nothing
      }`,
    );
  }

  #credit(amounts: Money[]): TemplateResult {
    return this.#card('credit', this.t('dashCredit'), this.#amounts(amounts, this.t('dashNoCredit')));
  }

  #recentInvoices(invoices: InvoiceSummary[]): TemplateResult {
    const lang = this.resolvedLocale;
    return html`<section part="recent-invoices" class="list">
      <div class="header">
        <h3 id="recent-invoices-title">${this.t('dashRecentInvoices')}</h3>
        ${this.invoicesHref ? html`<a part="link" href=${this.invoicesHref}>${this.t('dashAllInvoices')}</a>` : nothing}
      </div>
      ${
        !invoices.length
          ? html`<p part="empty" class="empty">${this.t('dashNoInvoices')}</p>`
          : html`<div class="table-wrap" role="region" aria-labelledby="recent-invoices-title" tabindex="0">
              <table part="table">
                <thead>
                  <tr>
                    <th scope="col">${this.t('dashInvoiceNumber')}</th>
                    <th scope="col">${this.t('dashInvoiceDate')}</th>
                    <th scope="col" class="num">${this.t('dashInvoiceTotal')}</th>
                    <th scope="col">${this.t('dashInvoiceStatus')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${invoices.map((invoice) => {
                    const status = INVOICE_STATUS[invoice.status];
                    const date = invoice.issuedAt ?? invoice.createdAt;
                    return html`<tr>
                      <th scope="row">
                        ${this.#link(
                          'invoice',
                          invoice.id,
                          this.invoicesHref,
                          invoice.number ?? this.t('dashInvoiceUnnumbered'),
                        )}
                      </th>
                      <td><time datetime=${date}>${formatDate(lang, date)}</time></td>
                      <td class="num">${formatMoney(lang, invoice.total, invoice.currency)}</td>
                      <td>${badge(this.t(status.key), status.tone)}</td>
                    </tr>`;
                  })}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  }

  #renewals(services: Service[]): TemplateResult {
    const lang = this.resolvedLocale;
    return html`<section part="renewals" class="list">
      <div class="header">
        <h3 id="renewals-title">${this.t('dashRenewals')}</h3>
        ${this.servicesHref ? html`<a part="link" href=${this.servicesHref}>${this.t('dashAllServices')}</a>` : nothing}
      </div>
      ${
        !services.length
          ? html`<p part="empty" class="empty">${this.t('dashNoRenewals')}</p>`
          : html`<div class="table-wrap" role="region" aria-labelledby="renewals-title" tabindex="0">
              <table part="table">
                <thead>
                  <tr>
                    <th scope="col">${this.t('serviceProduct')}</th>
                    <th scope="col">${this.t('dashDue')}</th>
                    <th scope="col" class="num">${this.t('dashInvoiceTotal')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${services.map(
                    (service) => html`<tr>
                      <th scope="row">
                        ${this.#link('service', service.id, this.servicesHref, service.productName)}
                        ${service.label ? html`<span class="sub">${service.label}</span>` : nothing}
                      </th>
                      <td>
                        ${service.nextDueAt ? html`<time datetime=${service.nextDueAt}>${formatDate(lang, service.nextDueAt)}</time>` : nothing}
                      </td>
                      <td class="num">${formatMoney(lang, service.amount, service.currency)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  }

  /** A link to `${href}#<to>/<id>`, or a button firing `portal-navigate` when there is no `href`. */
  #link(to: PortalNavigateDetail['to'], id: string, href: string | undefined, text: string): TemplateResult {
    if (href) {
      const base = href.split('#')[0];
      return html`<a part="link" href=${`${base}#${to}/${encodeURIComponent(id)}`}>${text}</a>`;
    }
    return html`<button
      part="link"
      class="link"
      type="button"
      @click=${() => this.emit(new PortalNavigateEvent({ to, id }))}
    >
      ${text}
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-dashboard': PortalDashboard;
  }
  interface GlobalEventHandlersEventMap {
    'portal-navigate': PortalNavigateEvent;
  }
}
