import { initialState } from '@lit/task';
import { grants, type InvoiceStatus, type InvoiceSummary, type Money, type Session } from '@portico/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { AccountElement } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { selectField } from '../../lib/fields.js';
import { formatDate, formatList, formatMoney } from '../../lib/format.js';
import { hashId, isPlainClick, replaceHash } from '../../lib/hash.js';
import { loadMoreButton } from '../../lib/load-more.js';
import { addMessages } from '../../lib/localize.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { invoices as invoicesEn } from '../../lib/locales/invoices-en.js';
import { invoices as invoicesEs } from '../../lib/locales/invoices-es.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import '../invoice/invoice.js';
import { INVOICE_STATUS, invoiceStatusBadge } from '../invoice/status.js';
import { STRIPE_SLOT } from '../invoice/stripe-pay.js';
import styles from './invoices.styles.js';

addMessages('en', en.account, invoicesEn);
addMessages('es', es.account, invoicesEs);

/** The statuses the list can be narrowed to (drafts are never listed); empty is every invoice. */
export type InvoiceFilter = '' | Exclude<InvoiceStatus, 'draft'>;
const FILTERS: readonly Exclude<InvoiceFilter, ''>[] = ['unpaid', 'overdue', 'paid', 'cancelled', 'refunded'];

/** The address bar's hash that opens an invoice: `#invoice/inv_…` (mail links and `<portal-dashboard>` use it). */
const INVOICE_HASH = /^#invoice\/([^/?#]+)$/;

/**
 * `<portal-invoices>` opened an invoice: a click on it, or the address bar's `#invoice/<id>`. `detail` is
 * `{ invoiceId }`.
 */
export class PortalInvoiceOpenedEvent extends Event {
  static readonly eventName = 'portal-invoice-opened';
  readonly detail: { invoiceId: string };
  constructor(invoiceId: string) {
    super(PortalInvoiceOpenedEvent.eventName, { bubbles: true, composed: true });
    this.detail = { invoiceId };
  }
}

/**
 * "My invoices": the active account's invoices, newest first, with number, issue and due dates, total, balance
 * and status (overdue ones stand out), narrowed by status, paged with "Load more", and the account's credit
 * balance above them when it has any.
 *
 * Choosing an invoice shows it (a `<portal-invoice>`, where it can be paid and downloaded) with a button back
 * to the list. The address bar's hash follows: opening sets `#invoice/<id>` and going back removes it (both
 * with `history.replaceState`, so no history entries pile up and any other hash is left alone), and a page
 * opened at `#invoice/<id>` (an email's link, `<portal-dashboard>`) shows that invoice. `no-hash` turns this off.
 *
 * Someone without permission to see billing gets a short explanation instead.
 *
 * @summary The account's invoices: filter, load more, open one to see, download and pay it.
 *
 * @attr status - Show only invoices of this status: `unpaid`, `overdue`, `paid`, `cancelled` or `refunded`; all
 * when empty. The filter changes it.
 * @attr page-size - How many invoices each request asks for (default 25).
 * @attr no-hash - Neither read nor change the address bar's hash.
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @slot stripe-card - Forwarded to the `<portal-invoice>` shown, which puts the Stripe-compatible card field
 * there while a card payment needs it (see `<portal-invoice>`).
 *
 * @csspart base - The box around everything.
 * @csspart title - The heading.
 * @csspart filter - The status filter.
 * @csspart field - The filter's label and drop-down.
 * @csspart label - The filter's label.
 * @csspart input - The filter's drop-down (also `select`).
 * @csspart credit - The credit balance.
 * @csspart table - The list of invoices.
 * @csspart invoice-link - An invoice's number, which opens it.
 * @csspart badge - An invoice's status.
 * @csspart more - The "Load more" button.
 * @csspart back - The "All invoices" button above an open invoice.
 * @csspart detail - The open invoice (a `<portal-invoice>`: style it with its `--portal-invoice-*` properties).
 * @csspart button - Buttons.
 * @csspart empty - Shown when there are no invoices (of the status chosen).
 * @csspart not-allowed - Shown to someone who may not see invoices.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the first page loads.
 * @csspart load-error - Shown when the list could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-invoices-width=60rem] - Maximum width.
 * @cssproperty --portal-invoices-padding - Padding inside the box.
 * @cssproperty --portal-invoices-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-invoices-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalInvoiceOpenedEvent} portal-invoice-opened - An invoice was opened; `event.detail` is `{ invoiceId }`.
 * @event {PortalPaidEvent} portal-paid - Money was paid towards the open invoice (from `<portal-invoice>`).
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-invoices')
export class PortalInvoices extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, styles];

  /** The status shown; empty for every invoice. */
  @property({ reflect: true }) status: InvoiceFilter = '';

  /** How many invoices each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** Neither read nor change the address bar's hash. */
  @property({ type: Boolean, attribute: 'no-hash' }) noHash = false;

  @state() private items?: InvoiceSummary[];
  @state() private nextCursor: string | null = null;
  @state() private credit?: Money[];
  /** The invoice shown instead of the list. */
  @state() private openId?: string;

  /** A payment was made since the list loaded: load it again when going back to it. */
  #stale = false;
  /** The account the open invoice belongs to. */
  #account: string | undefined;

  readonly #load = this.loadTask(
    'listInvoices',
    () => [this.#filter, this.pageSize],
    (client, session, [status, limit]) =>
      this.#canRead(session)
        ? client.invoices.list({ limit, ...(status ? { status } : {}) })
        : Promise.resolve(initialState),
    (page) => {
      this.items = page.items;
      this.nextCursor = page.nextCursor;
    },
  );

  readonly #credit = this.loadTask(
    'credit',
    () => [],
    (client, session) => (this.#canRead(session) ? client.payments.credit() : Promise.resolve(initialState)),
    (credit) => {
      this.credit = credit.balances;
    },
  );

  #canRead(session: Session | null): boolean {
    return !!session && grants(session.permissions, 'billing:read');
  }

  /** `status`, when it is one the list can show. */
  get #filter(): InvoiceFilter {
    return (FILTERS as readonly string[]).includes(this.status) ? this.status : '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
    const id = this.noHash ? undefined : hashId(INVOICE_HASH);
    if (id && id !== this.openId) this.#open(id, { focus: false, writeHash: false });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another account's invoice is not this one's: back to the (reloading) list.
    const account = this.session?.account.id;
    if (account && this.#account && account !== this.#account && this.openId) this.#close({ focus: false });
    if (account) this.#account = account;
  }

  protected override render() {
    const signedIn = this.sessionState.status === 'signed-in';
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${signedIn ? nothing : html`<h2 part="title">${this.t('invListTitle')}</h2>`}
      ${this.renderSession((session) =>
        !this.#canRead(session)
          ? html`<h2 part="title">${this.t('invListTitle')}</h2>
              <p part="not-allowed" class="not-allowed">${this.t('invNoAccess')}</p>`
          : this.openId
            ? this.#renderDetail(this.openId)
            : this.#renderList(),
      )}
      ${this.renderMessages()}
    </div>`;
  }

  #renderDetail(id: string): TemplateResult {
    return html`<div class="detail-nav">
        <button part="button back" class="secondary" type="button" @click=${() => this.#close({ focus: true })}>
          <span aria-hidden="true">←</span>${this.t('invBack')}
        </button>
      </div>
      <portal-invoice
        part="detail"
        invoice-id=${id}
        api=${ifDefined(this.api)}
        mode=${ifDefined(this.mode)}
        lang=${ifDefined(this.locale)}
        login-href=${ifDefined(this.loginHref)}
        theme=${ifDefined(this.getAttribute('theme') ?? undefined)}
        @portal-paid=${() => {
          this.#stale = true;
        }}
        ><slot name=${STRIPE_SLOT} slot=${STRIPE_SLOT}></slot
      ></portal-invoice>`;
  }

  #renderList(): TemplateResult {
    const balances = (this.credit ?? []).filter((c) => c.amount !== 0);
    const lang = this.resolvedLocale;
    return html`<div class="header">
        <h2 part="title">${this.t('invListTitle')}</h2>
        <div part="filter" class="filter">
          ${selectField({
            name: 'status',
            label: this.t('invFilter'),
            value: this.#filter,
            markRequired: false,
            options: [
              { value: '', label: this.t('invFilterAll') },
              ...FILTERS.map((status) => ({ value: status, label: this.t(INVOICE_STATUS[status].key) })),
            ],
            onChange: this.#onFilter,
          })}
        </div>
      </div>
      ${
        balances.length
          ? html`<p part="credit" class="credit">
              ${this.t('invCreditSummary', {
                amounts: formatList(
                  lang,
                  balances.map((c) => formatMoney(lang, c.amount, c.currency)),
                ),
              })}
              <span class="sub">${this.t('invCreditHint')}</span>
            </p>`
          : nothing
      }
      ${this.renderTask(this.#load, this.items, (items) => this.#renderTable(items))}`;
  }

  #renderTable(items: InvoiceSummary[]): TemplateResult {
    if (!items.length) {
      return html`<p part="empty" class="empty">${this.t(this.#filter ? 'invNoneFiltered' : 'invNone')}</p>`;
    }
    const lang = this.resolvedLocale;
    const date = (iso: string | null) =>
      iso ? html`<time datetime=${iso}>${formatDate(lang, iso)}</time>` : nothing;
    return html`<div class="table-wrap" role="region" aria-labelledby="invoices-caption" tabindex="0">
        <table part="table">
          <caption id="invoices-caption" class="sr-only">${this.t('invListTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">${this.t('invNumber')}</th>
              <th scope="col">${this.t('invIssued')}</th>
              <th scope="col">${this.t('invDue')}</th>
              <th scope="col" class="num">${this.t('invTotal')}</th>
              <th scope="col" class="num">${this.t('invBalance')}</th>
              <th scope="col">${this.t('invStatus')}</th>
            </tr>
          </thead>
          <tbody>
            ${items.map((invoice) => {
              const overdue = invoice.status === 'overdue';
              return html`<tr
                class="row ${overdue ? 'overdue' : ''}"
                id=${invoice.id}
                @click=${(event: MouseEvent) => this.#onRowClick(event, invoice.id)}
              >
                <th scope="row">${this.#renderOpener(invoice)}</th>
                <td>${date(invoice.issuedAt)}</td>
                <td class=${overdue ? 'due' : ''}>${date(invoice.dueAt)}</td>
                <td class="num">${formatMoney(lang, invoice.total, invoice.currency)}</td>
                <td class="num ${overdue ? 'due' : ''}">${formatMoney(lang, invoice.balance, invoice.currency)}</td>
                <td>${invoiceStatusBadge(invoice.status, this.t)}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      ${loadMoreButton(this.nextCursor, this.busy, this.t('invLoadMore'), this.#loadMore)}`;
  }

  /** The invoice's number: a link to its `#invoice/<id>` (it can open in a new tab), or a button with `no-hash`. */
  #renderOpener(invoice: InvoiceSummary): TemplateResult {
    const number = invoice.number ?? invoice.id;
    if (this.noHash) {
      return html`<button
        part="invoice-link"
        class="link"
        type="button"
        data-invoice=${invoice.id}
        @click=${() => this.#open(invoice.id, { focus: true, writeHash: false })}
      >
        ${number}
      </button>`;
    }
    return html`<a
      part="invoice-link"
      href=${`${location.pathname}${location.search}#invoice/${encodeURIComponent(invoice.id)}`}
      data-invoice=${invoice.id}
      @click=${(event: MouseEvent) => this.#onLinkClick(event, invoice.id)}
      >${number}</a
    >`;
  }

  #onLinkClick(event: MouseEvent, id: string) {
    // A new tab or window (modifier keys, middle button) is the browser's; a plain click opens it here.
    if (!isPlainClick(event)) return;
    event.preventDefault();
    this.#open(id, { focus: true, writeHash: true });
  }

  /** A click anywhere on a row opens its invoice too (the number is the keyboard's way in). */
  #onRowClick(event: MouseEvent, id: string) {
    if (event.defaultPrevented || (event.target as Element).closest('a, button')) return;
    if (window.getSelection()?.toString()) return;
    this.#open(id, { focus: true, writeHash: true });
  }

  #onFilter = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value as InvoiceFilter;
    if (value === this.#filter) return;
    this.status = value;
    this.items = undefined;
    this.nextCursor = null;
  };

  #onHashChange = () => {
    if (this.noHash) return;
    const id = hashId(INVOICE_HASH);
    if (id && id !== this.openId) this.#open(id, { focus: true, writeHash: false });
    else if (!id && this.openId) this.#close({ focus: false, writeHash: false });
  };

  #open(id: string, options: { focus: boolean; writeHash: boolean }) {
    this.openId = id;
    this.alertMessage = '';
    this.notice = '';
    if (options.writeHash && !this.noHash) replaceHash(`#invoice/${encodeURIComponent(id)}`);
    this.emit(new PortalInvoiceOpenedEvent(id));
    if (options.focus) void this.focusPart('[part~="back"]');
  }

  #close(options: { focus: boolean; writeHash?: boolean }) {
    const id = this.openId;
    this.openId = undefined;
    if (options.writeHash !== false && !this.noHash && INVOICE_HASH.test(location.hash)) replaceHash('');
    if (this.#stale) {
      this.#stale = false;
      void this.#load.run();
      void this.#credit.run();
    }
    if (options.focus) {
      void this.focusPart(id && this.items?.some((i) => i.id === id) ? `[data-invoice="${id}"]` : 'select');
    }
  }

  #loadMore = async () => {
    const cursor = this.nextCursor;
    if (!cursor) return;
    const shown = this.items?.length ?? 0;
    const status = this.#filter;
    const ok = await this.attempt('listInvoicesMore', [], async (client) => {
      const page = await client.invoices.list({
        limit: this.pageSize,
        cursor,
        ...(status ? { status } : {}),
      });
      this.items = [...(this.items ?? []), ...page.items];
      this.nextCursor = page.nextCursor;
    });
    // Keyboard users continue where the new invoices start.
    const first = this.items?.[shown];
    if (ok && first) void this.focusPart(`[data-invoice="${first.id}"]`);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-invoices': PortalInvoices;
  }
  interface GlobalEventHandlersEventMap {
    'portal-invoice-opened': PortalInvoiceOpenedEvent;
  }
}
