import type { AdminInvoiceSummary, InvoiceStatus } from '@portico/sdk/admin';
import { billingAdminRoutes } from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDate, formatMoney } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import '../admin-invoice-form/admin-invoice-form.js';
import type { PortalAdminInvoiceSavedEvent } from '../admin-invoice-form/admin-invoice-form.js';
import { AdminElement } from '../lib/admin-element.js';
import { INVOICE_STATUSES, invoiceBadge, invoiceStatusKey, statusOptions } from '../lib/billing-labels.js';
import { ListSearch } from '../lib/list-search.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable } from '../lib/table.js';

addAdminMessages('en', en.common, en.billing, en.invoices);
addAdminMessages('es', es.common, es.billing, es.invoices);

/**
 * The invoices list: newest first, searched by number (as you type), filtered by status, optionally narrowed to one
 * client (`account-id`, from `#/invoices?account=…`), paged with "Load more". Each invoice links to its page
 * (`#/invoices/<id>`). "New invoice" (billing and admin staff) opens the invoice form; a saved invoice opens its
 * page.
 *
 * @summary Invoices: search by number, filter, narrow to a client, and write new ones.
 *
 * @attr account-id - Show only this client's invoices.
 * @attr page-size - How many invoices each request asks for (default 25).
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart new - The "New invoice" button.
 * @csspart table - The invoices table.
 * @csspart badge - A status label.
 * @csspart more - The "Load more" button.
 * @csspart empty - Shown when there are no invoices (or none match).
 * @csspart loading - Shown while the first page loads.
 * @csspart load-error - Shown when the list could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-invoices')
export class PortalAdminInvoices extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles];

  /** Show only this client's invoices. */
  @property({ attribute: 'account-id' }) accountId = '';

  /** How many invoices each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** Milliseconds after the last keystroke before the search runs. */
  @property({ attribute: false }) searchDelay = 300;

  @state() private creating = false;

  readonly #search = new ListSearch<InvoiceStatus>(this, {
    delay: () => this.searchDelay,
    onInput: this.onInput,
    typed: () => this.values.q,
  });

  readonly #list = this.pagedList({
    action: 'adminInvoices',
    args: () => [this.#search.query, this.#search.status, this.accountId, this.pageSize],
    fetch: (admin, [q, status, accountId, limit], page) =>
      admin.invoices.list({
        q: q || undefined,
        status: status || undefined,
        accountId: accountId || undefined,
        limit,
        ...page,
      }),
    focus: 'a',
  });

  protected override render() {
    const client = this.accountId ? this.#list.items?.[0]?.accountName : undefined;
    return html`<div class="page" lang=${this.textLang}>
      <div class="page-header">
        <h1 part="heading" tabindex="-1">${this.t('invoicesTitle')}</h1>
        ${
          this.can(billingAdminRoutes.createInvoice)
            ? html`<button
                part="button new"
                class="primary"
                type="button"
                aria-expanded=${this.creating ? 'true' : 'false'}
                aria-controls="new-invoice"
                @click=${this.#toggleCreate}
              >
                ${this.t('newInvoice')}
              </button>`
            : nothing
        }
      </div>
      ${this.renderMessages()} ${this.creating ? this.#renderCreate() : nothing}
      ${
        this.accountId
          ? html`<p class="filtered">
              ${client ? this.t('invoicesOfClient', { name: client }) : this.t('invoicesOfOneClient')}
              <a href=${hashOf('invoices')}>${this.t('showAllInvoices')}</a>
            </p>`
          : nothing
      }
      ${this.#search.render({
        label: this.t('invoicesTitle'),
        searchLabel: this.t('searchInvoices'),
        statusLabel: this.t('status'),
        statuses: statusOptions(this.t, INVOICE_STATUSES, invoiceStatusKey),
      })}
      ${this.renderTask(this.#list.task, this.#list.items, (items) => this.#renderTable(items))}
    </div>`;
  }

  #renderCreate() {
    return html`<section class="card" id="new-invoice" aria-labelledby="new-invoice-title">
      <h2 id="new-invoice-title">${this.t('newInvoice')}</h2>
      <portal-admin-invoice-form
        .client=${this.admin}
        .session=${this.staffSession}
        lang=${this.resolvedLocale}
        account-id=${this.accountId}
        .searchDelay=${this.searchDelay}
        @portal-admin-invoice-saved=${this.#created}
        @portal-admin-invoice-form-close=${this.#toggleCreate}
      ></portal-admin-invoice-form>
    </section>`;
  }

  #renderTable(items: AdminInvoiceSummary[]) {
    if (!items.length) {
      return html`<p part="empty" class="empty">
        ${this.#search.filtered || this.accountId ? this.t('noInvoicesMatch') : this.t('noInvoices')}
      </p>`;
    }
    const lang = this.resolvedLocale;
    return html`${dataTable({
      label: this.t('invoicesTitle'),
      caption: this.t('invoicesTitle'),
      busy: this.#list.pending,
      columns: [
        this.t('invoiceNumber'),
        this.t('billingClient'),
        this.t('status'),
        this.t('issued'),
        this.t('dueDate'),
        { label: this.t('total'), numeric: true },
        { label: this.t('balance'), numeric: true },
      ],
      rows: items.map(
        (i) => html`<tr>
          <td><a href=${hashOf('invoice', i.id)}>${i.number ?? this.t('draftInvoice')}</a></td>
          <td><a href=${hashOf('client', i.accountId)}>${i.accountName}</a></td>
          <td>${invoiceBadge(this.t, i.status)}</td>
          <td>${formatDate(lang, i.issuedAt) || '—'}</td>
          <td>${formatDate(lang, i.dueAt) || '—'}</td>
          <td class="num">${formatMoney(lang, i.total, i.currency)}</td>
          <td class="num">${formatMoney(lang, i.balance, i.currency)}</td>
        </tr>`,
      ),
    })}
    ${this.renderMore(this.#list)}`;
  }

  #toggleCreate = () => {
    this.creating = !this.creating;
    if (this.creating) void this.focusPart('portal-admin-invoice-form');
    else void this.focusPart('[part~="new"]');
  };

  #created = (event: PortalAdminInvoiceSavedEvent) => {
    this.creating = false;
    location.hash = hashOf('invoice', event.detail.id);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-invoices': PortalAdminInvoices;
  }
}
