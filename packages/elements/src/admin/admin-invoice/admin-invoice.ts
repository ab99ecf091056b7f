import type { AdminClient, AdminInvoice } from '@portico/sdk/admin';
import { billingAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import '../admin-invoice-form/admin-invoice-form.js';
import type { PortalAdminInvoiceSavedEvent } from '../admin-invoice-form/admin-invoice-form.js';
import { ADDRESS } from '../lib/address.js';
import { AdminElement, adminChecks } from '../lib/admin-element.js';
import { dateInputValue, invoiceBadge, paymentBadge } from '../lib/billing-labels.js';
import { textareaField } from '../lib/form.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { moneyInputValue, parseMoneyInput } from '../lib/money-input.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable } from '../lib/table.js';
import styles from './admin-invoice.styles.js';

addAdminMessages('en', en.common, en.billing, en.invoices, en.invoiceForm, en.invoice);
addAdminMessages('es', es.common, es.billing, es.invoices, es.invoiceForm, es.invoice);

/** What the page shows below the invoice: nothing, or one of its forms. */
type Panel = 'none' | 'edit' | 'payment' | 'refund';

const PAYMENT_FIELDS = ['amount', 'method', 'reference', 'paidAt'];

/**
 * One invoice (`#/invoices/<id>`): who it is to, its status and dates, its lines with subtotal, tax, total, credit
 * applied, amount paid and balance, and its payments. Billing and admin staff can edit a draft (with the invoice
 * form) and issue it (the client is emailed), cancel an unpaid invoice, record a payment received offline (amount,
 * method, reference, date; more than the balance becomes credit), and refund a paid invoice through its gateways or
 * to the client's credit, after a confirmation. Anyone may download the PDF.
 *
 * @summary One invoice: lines, payments, credit; edit, issue, cancel, refund, record payment, PDF.
 *
 * @attr invoice-id - The invoice's id.
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading (the invoice's number).
 * @csspart details - Who it is to and its dates.
 * @csspart lines - The lines and totals.
 * @csspart payments - The payments section.
 * @csspart table - The lines and payments tables.
 * @csspart form - The payment and refund forms.
 * @csspart field - A label, input, hint and error.
 * @csspart badge - A status label.
 * @csspart dialog - The confirmation dialog.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the invoice loads.
 * @csspart load-error - Shown when the invoice could not be loaded (or does not exist).
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-invoice')
export class PortalAdminInvoice extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  /** The invoice's id. */
  @property({ attribute: 'invoice-id' }) invoiceId = '';

  @state() private invoice?: AdminInvoice;
  @state() private panel: Panel = 'none';

  readonly #load = this.loadTask(
    'adminInvoice',
    () => [this.invoiceId],
    (admin, [id]) => admin.invoices.get(id),
    (invoice) => {
      this.invoice = invoice;
    },
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('invoiceId') && changed.get('invoiceId') !== undefined) {
      this.invoice = undefined;
      this.panel = 'none';
      this.values = {};
    }
  }

  protected override render() {
    const invoice = this.invoice;
    return html`<div class="page" lang=${this.textLang}>
      <p class="back"><a href=${hashOf('invoices')}>${this.t('backToInvoices')}</a></p>
      <div class="title">
        <h1 part="heading" tabindex="-1">${invoice ? this.#title(invoice) : this.t('invoiceTitle')}</h1>
        ${invoice ? invoiceBadge(this.t, invoice.status) : nothing}
      </div>
      ${this.renderMessages()}
      ${this.renderTask(this.#load, invoice, (i) => [
        this.#renderActions(i),
        this.#renderPanel(i),
        this.#renderDetails(i),
        this.#renderLines(i),
        this.#renderPayments(i),
      ])}
      ${this.renderConfirm()}
    </div>`;
  }

  #title(i: AdminInvoice) {
    return i.number ? this.t('invoiceNumbered', { number: i.number }) : this.t('draftInvoiceTitle');
  }

  #renderActions(i: AdminInvoice) {
    const open = i.status === 'unpaid' || i.status === 'overdue';
    const button = (label: string, onClick: () => void, part = '') =>
      html`<button part=${part ? `button ${part}` : 'button'} class="secondary" type="button" ?disabled=${this.busy} @click=${onClick}>
        ${label}
      </button>`;
    const toggle = (panel: Panel) => () => this.#open(this.panel === panel ? 'none' : panel);
    return html`<div class="actions" role="group" aria-label=${this.t('invoiceActions')}>
      ${i.status === 'draft' && this.can(routes.updateInvoice) ? button(this.t('editDraft'), toggle('edit'), 'edit') : nothing}
      ${i.status === 'draft' && this.can(routes.issueInvoice) ? button(this.t('issueInvoice'), this.#issue, 'issue') : nothing}
      ${open && this.can(routes.recordPayment) ? button(this.t('recordPayment'), toggle('payment'), 'record-payment') : nothing}
      ${i.status === 'paid' && this.can(routes.refundInvoice) ? button(this.t('refundInvoice'), toggle('refund'), 'refund') : nothing}
      ${(i.status === 'draft' || open) && this.can(routes.cancelInvoice) ? button(this.t('cancelInvoice'), this.#cancel, 'cancel-invoice') : nothing}
      ${button(this.t('downloadPdf'), this.#download, 'pdf')}
    </div>`;
  }

  #renderPanel(i: AdminInvoice) {
    switch (this.panel) {
      case 'edit':
        return html`<section class="card" aria-labelledby="edit-title">
          <h2 id="edit-title">${this.t('editDraft')}</h2>
          <portal-admin-invoice-form
            .client=${this.admin}
            .session=${this.staffSession}
            lang=${this.resolvedLocale}
            .invoice=${i}
            @portal-admin-invoice-saved=${this.#saved}
            @portal-admin-invoice-form-close=${() => this.#open('none')}
          ></portal-admin-invoice-form>
        </section>`;
      case 'payment':
        return this.#renderPayment(i);
      case 'refund':
        return this.#renderRefund(i);
      default:
        return nothing;
    }
  }

  #renderPayment(i: AdminInvoice) {
    return html`<section class="card" aria-labelledby="payment-title">
      <h2 id="payment-title">${this.t('recordPayment')}</h2>
      <p class="intro">${this.t('recordPaymentIntro')}</p>
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#recordPayment}>
        <div class="grid-2">
          ${this.textInput('amount', this.t('paymentAmount', { currency: i.currency }), {
            required: true,
            hint: this.t('paymentAmountHint', {
              balance: formatMoney(this.resolvedLocale, i.balance, i.currency),
            }),
          })}
          ${this.textInput('paidAt', this.t('paymentDate'), { type: 'date' })}
          ${this.textInput('method', this.t('paymentMethod'), { maxlength: 80, hint: this.t('paymentMethodHint') })}
          ${this.textInput('reference', this.t('paymentReference'), { maxlength: 120 })}
        </div>
        <div class="actions">
          ${submitButton(this.t('recordPayment'), this.busy)}
          <button class="secondary" type="button" @click=${() => this.#open('none')}>${this.t('cancel')}</button>
        </div>
      </form>
    </section>`;
  }

  #renderRefund(i: AdminInvoice) {
    const toCredit = this.values.refundTo === 'credit';
    return html`<section class="card" aria-labelledby="refund-title">
      <h2 id="refund-title">${this.t('refundInvoice')}</h2>
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#refund}>
        <fieldset>
          <legend>${this.t('refundTo')}</legend>
          <label class="radio">
            <input type="radio" name="refundTo" value="gateway" .checked=${!toCredit} @change=${this.onInput} />
            ${this.t('refundToGateway')}
          </label>
          <label class="radio">
            <input type="radio" name="refundTo" value="credit" .checked=${toCredit} @change=${this.onInput} />
            ${this.t('refundToCredit')}
          </label>
        </fieldset>
        ${textareaField({
          name: 'reason',
          label: this.t('refundReason'),
          hint: this.t('refundReasonHint'),
          rows: 2,
          value: this.values.reason,
          error: this.fieldErrors.reason,
          onInput: this.onInput,
        })}
        <div class="actions">
          <button part="button submit" class="primary danger" type="submit" ?disabled=${this.busy}>
            ${this.t('refundAmount', { amount: formatMoney(this.resolvedLocale, i.amountPaid, i.currency) })}
          </button>
          <button class="secondary" type="button" @click=${() => this.#open('none')}>${this.t('cancel')}</button>
        </div>
      </form>
    </section>`;
  }

  #renderDetails(i: AdminInvoice) {
    const lang = this.resolvedLocale;
    const address = ADDRESS.map((line) => i.billTo.address[line])
      .filter(Boolean)
      .join('\n');
    const date = (iso: string | null) => formatDate(lang, iso) || '—';
    return html`<section part="details" class="card" aria-labelledby="details-title">
      <h2 id="details-title">${this.t('invoiceDetails')}</h2>
      <dl>
        <dt>${this.t('billingClient')}</dt>
        <dd><a href=${hashOf('client', i.accountId)}>${i.accountName}</a></dd>
        <dt>${this.t('billTo')}</dt>
        <dd class="address">${[i.billTo.name, i.billTo.company, i.billTo.email, address].filter(Boolean).join('\n')}</dd>
        <dt>${this.t('currencyLabel')}</dt>
        <dd>${i.currency}</dd>
        <dt>${this.t('issued')}</dt>
        <dd>${date(i.issuedAt)}</dd>
        <dt>${this.t('dueDate')}</dt>
        <dd>${date(i.dueAt)}</dd>
        ${i.paidAt ? html`<dt>${this.t('paidOn')}</dt><dd>${date(i.paidAt)}</dd>` : nothing}
        ${i.cancelledAt ? html`<dt>${this.t('cancelledOn')}</dt><dd>${date(i.cancelledAt)}</dd>` : nothing}
        ${i.refundedAt ? html`<dt>${this.t('refundedOn')}</dt><dd>${date(i.refundedAt)}</dd>` : nothing}
        ${i.orderId ? html`<dt>${this.t('fromOrder')}</dt><dd><a href=${hashOf('orders', undefined, { account: i.accountId })}><code>${i.orderId}</code></a></dd>` : nothing}
        <dt>${this.t('created')}</dt>
        <dd>${formatDateTime(lang, i.createdAt)}</dd>
        ${i.notes ? html`<dt>${this.t('invoiceNotes')}</dt><dd class="address">${i.notes}</dd>` : nothing}
      </dl>
    </section>`;
  }

  #renderLines(i: AdminInvoice) {
    const lang = this.resolvedLocale;
    const m = (amount: number) => formatMoney(lang, amount, i.currency);
    const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(
      i.taxRateBps / 10_000,
    );
    const total = (label: string, amount: string, strong = false) =>
      html`<dt>${label}</dt><dd class="num">${strong ? html`<strong>${amount}</strong>` : amount}</dd>`;
    return html`<section part="lines" class="card" aria-labelledby="lines-title">
      <h2 id="lines-title">${this.t('invoiceLines')}</h2>
      ${dataTable({
        label: this.t('linesTable'),
        caption: this.t('linesTable'),
        columns: [
          this.t('lineDescription'),
          { label: this.t('lineQuantity'), numeric: true },
          { label: this.t('lineUnitAmount'), numeric: true },
          { label: this.t('amount'), numeric: true },
          this.t('lineTaxable'),
        ],
        rows: i.lines.map(
          (l) => html`<tr>
            <td>${l.description}</td>
            <td class="num">${l.quantity}</td>
            <td class="num">${m(l.unitAmount)}</td>
            <td class="num">${m(l.amount)}</td>
            <td>${l.taxable ? this.t('yes') : this.t('no')}</td>
          </tr>`,
        ),
      })}
      <dl class="totals">
        ${total(this.t('subtotal'), m(i.subtotal))}
        ${total(i.taxName ? this.t('taxNamed', { name: i.taxName, rate: percent }) : this.t('tax'), m(i.tax))}
        ${total(this.t('total'), m(i.total), true)}
        ${i.creditApplied ? total(this.t('creditApplied'), m(-i.creditApplied)) : nothing}
        ${i.amountPaid ? total(this.t('amountPaid'), m(-i.amountPaid)) : nothing}
        ${total(this.t('balance'), m(i.balance), true)}
      </dl>
    </section>`;
  }

  #renderPayments(i: AdminInvoice) {
    const lang = this.resolvedLocale;
    return html`<section part="payments" class="card" aria-labelledby="payments-title">
      <h2 id="payments-title">${this.t('payments')}</h2>
      ${
        i.payments.length
          ? dataTable({
              label: this.t('paymentsTable'),
              caption: this.t('paymentsTable'),
              columns: [
                this.t('paymentDate'),
                this.t('paymentGateway'),
                this.t('paymentMethod'),
                this.t('status'),
                { label: this.t('amount'), numeric: true },
              ],
              rows: i.payments.map(
                (p) => html`<tr>
                  <td>${formatDateTime(lang, p.createdAt)}</td>
                  <td>${p.gateway}</td>
                  <td>${p.method ?? '—'}${p.failureMessage ? html`<br /><span class="muted">${p.failureMessage}</span>` : nothing}</td>
                  <td>${paymentBadge(this.t, p.status)}</td>
                  <td class="num">${formatMoney(lang, p.amount, p.currency)}</td>
                </tr>`,
              ),
            })
          : html`<p class="muted">${this.t('noPayments')}</p>`
      }
    </section>`;
  }

  #open(panel: Panel) {
    const i = this.invoice;
    this.panel = panel;
    this.fieldErrors = {};
    if (panel === 'payment' && i) {
      this.values = {
        ...this.values,
        amount: moneyInputValue(i.balance, i.currency, this.resolvedLocale),
        paidAt: dateInputValue(new Date().toISOString()),
        method: this.values.method ?? '',
        reference: '',
      };
      void this.focusField('amount');
    } else if (panel === 'refund') {
      this.values = { ...this.values, refundTo: 'gateway', reason: '' };
      void this.focusPart('input[name="refundTo"]');
    } else if (panel === 'edit') {
      void this.focusPart('portal-admin-invoice-form');
    } else {
      void this.focusPart('[part~="heading"]');
    }
  }

  #saved = (event: PortalAdminInvoiceSavedEvent) => {
    this.invoice = event.detail;
    this.panel = 'none';
    this.notice = this.t('draftSaved');
    void this.focusHeading();
  };

  #issue = async () => {
    const i = this.invoice;
    if (!i) return;
    const ok = await this.confirmAction({
      title: this.t('issueInvoiceTitle'),
      body: this.t('issueInvoiceBody', { name: i.accountName }),
      confirm: this.t('issueInvoice'),
    });
    if (!ok) return;
    await this.#act(
      'adminIssueInvoice',
      (admin) => admin.invoices.issue(i.id),
      (saved) => this.t('invoiceIssued', { number: saved.number ?? '' }),
    );
  };

  #cancel = async () => {
    const i = this.invoice;
    if (!i) return;
    const ok = await this.confirmAction({
      title: this.t('cancelInvoiceTitle', { number: i.number ?? this.t('draftInvoice') }),
      body: this.t('cancelInvoiceBody'),
      confirm: this.t('cancelInvoice'),
      danger: true,
    });
    if (!ok) return;
    await this.#act(
      'adminCancelInvoice',
      (admin) => admin.invoices.cancel(i.id),
      () => this.t('invoiceCancelledNotice'),
    );
  };

  #refund = async (event: SubmitEvent) => {
    event.preventDefault();
    const i = this.invoice;
    if (!i) return;
    const toCredit = this.values.refundTo === 'credit';
    const amount = formatMoney(this.resolvedLocale, i.amountPaid, i.currency);
    const ok = await this.confirmAction({
      title: this.t('refundInvoiceTitle', { number: i.number ?? '' }),
      body: toCredit
        ? this.t('refundToCreditBody', { amount, name: i.accountName })
        : this.t('refundToGatewayBody', { amount }),
      confirm: this.t('refundAmount', { amount }),
      danger: true,
    });
    if (!ok) return;
    const reason = this.values.reason?.trim() || undefined;
    await this.#act(
      'adminRefundInvoice',
      (admin) => admin.invoices.refund(i.id, { toCredit, ...(reason ? { reason } : {}) }),
      () => (toCredit ? this.t('refundedToCredit', { amount }) : this.t('refundedToGateway', { amount })),
      ['reason'],
    );
  };

  #recordPayment = async (event: SubmitEvent) => {
    event.preventDefault();
    const i = this.invoice;
    if (!i) return;
    if (!this.validate({ amount: adminChecks.required })) return;
    const parsed = parseMoneyInput(this.values.amount ?? '', i.currency, { lang: this.resolvedLocale });
    if (!parsed.ok || parsed.amount <= 0) {
      this.showFieldErrors({
        amount: this.t(parsed.ok ? 'errorAmountPositive' : parsed.error, { currency: i.currency }),
      });
      return;
    }
    const v = (name: string) => this.values[name]?.trim() || undefined;
    const input = {
      amount: parsed.amount,
      method: v('method'),
      reference: v('reference'),
      paidAt: v('paidAt'),
    };
    await this.#act(
      'adminRecordPayment',
      (admin) => admin.invoices.recordPayment(i.id, input),
      () =>
        this.t('paymentRecorded', { amount: formatMoney(this.resolvedLocale, parsed.amount, i.currency) }),
      PAYMENT_FIELDS,
    );
  };

  /** Runs one action on the invoice; on success shows the answer, closes the panel and says `done`. */
  async #act(
    action: string,
    work: (admin: AdminClient) => Promise<AdminInvoice>,
    done: (saved: AdminInvoice) => string,
    fields: string[] = [],
  ) {
    let saved: AdminInvoice | undefined;
    await this.attempt(action, fields, async (admin) => {
      saved = await work(admin);
    });
    if (!saved) return;
    this.invoice = saved;
    this.panel = 'none';
    this.notice = done(saved);
    void this.focusHeading();
  }

  #download = async () => {
    const i = this.invoice;
    if (!i) return;
    let blob: Blob | undefined;
    await this.attempt('adminInvoicePdf', [], async (admin) => {
      blob = await admin.invoices.pdf(i.id);
    });
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${i.number ?? i.id}.pdf`;
    link.hidden = true;
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
    // Revoked after the browser has started the download.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.notice = this.t('pdfDownloaded', { name: link.download });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-invoice': PortalAdminInvoice;
  }
}
