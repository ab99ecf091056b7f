import type { AdminInvoiceSummary, AdminService, CreditEntry, Money } from '@portico/sdk/admin';
import { billingAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import '../admin-invoice-form/admin-invoice-form.js';
import type { PortalAdminInvoiceSavedEvent } from '../admin-invoice-form/admin-invoice-form.js';
import { AdminElement, adminChecks } from '../lib/admin-element.js';
import { cycleName, invoiceBadge, serviceBadge } from '../lib/billing-labels.js';
import { type AdminMessageKey, addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { parseMoneyInput } from '../lib/money-input.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable } from '../lib/table.js';

addAdminMessages('en', en.common, en.billing, en.clientBilling);
addAdminMessages('es', es.common, es.billing, es.clientBilling);

/** What the section shows of one client's billing. */
interface ClientBilling {
  credit: { balances: Money[]; entries: CreditEntry[] };
  invoices: AdminInvoiceSummary[];
  moreInvoices: boolean;
  services: AdminService[];
  moreServices: boolean;
}

type Panel = 'none' | 'credit' | 'invoice';

const RECENT = 5;

const CREDIT_KINDS: Record<CreditEntry['kind'], AdminMessageKey> = {
  overpayment: 'creditKindOverpayment',
  applied: 'creditKindApplied',
  adjustment: 'creditKindAdjustment',
  refund: 'creditKindRefund',
};

/**
 * One client's billing, on the client's page: their credit balance per currency and the ledger (latest first),
 * with "Adjust credit" (billing and admin staff: add or take away an amount, with a description the ledger keeps);
 * their latest invoices and services, each linking to its page, with links to all of them; and "New invoice", which
 * opens the invoice form for this client.
 *
 * @summary A client's credit, recent invoices and services, and a new invoice for them.
 *
 * @attr client-id - The client's id.
 * @attr currency - The client's currency (what credit adjustments and new invoices start in).
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart credit - The credit section.
 * @csspart invoices - The recent invoices section.
 * @csspart services - The recent services section.
 * @csspart form - The credit adjustment form.
 * @csspart field - A label, input, hint and error.
 * @csspart table - The ledger, invoices and services tables.
 * @csspart badge - A status label.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the billing loads.
 * @csspart load-error - Shown when the billing could not be loaded.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-client-billing')
export class PortalAdminClientBilling extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles];

  /** The client's id. */
  @property({ attribute: 'client-id' }) clientId = '';

  /** The client's currency. */
  @property() currency = '';

  @state() private data?: ClientBilling;
  @state() private panel: Panel = 'none';

  readonly #load = this.loadTask(
    'adminClientBilling',
    () => [this.clientId],
    async (admin, [accountId]) => {
      const [credit, invoices, services] = await Promise.all([
        admin.invoices.credit(accountId),
        admin.invoices.list({ accountId, limit: RECENT }),
        admin.services.list({ accountId, limit: RECENT }),
      ]);
      return {
        credit,
        invoices: invoices.items,
        moreInvoices: !!invoices.nextCursor,
        services: services.items,
        moreServices: !!services.nextCursor,
      } satisfies ClientBilling;
    },
    (data) => {
      this.data = data;
    },
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('clientId') && changed.get('clientId') !== undefined) {
      this.data = undefined;
      this.panel = 'none';
    }
  }

  protected override render() {
    return html`<div class="page" lang=${this.textLang}>
      ${this.renderMessages()}
      ${this.renderTask(this.#load, this.data, (d) => [this.#renderCredit(d), this.#renderInvoices(d), this.#renderServices(d)])}
    </div>`;
  }

  #renderCredit(d: ClientBilling) {
    const lang = this.resolvedLocale;
    const { balances, entries } = d.credit;
    return html`<section part="credit" class="card" aria-labelledby="credit-title">
      <div class="page-header">
        <h2 id="credit-title">${this.t('creditTitle')}</h2>
        ${
          this.can(routes.adjustCredit)
            ? html`<button part="button adjust" class="secondary small" type="button" aria-expanded=${this.panel === 'credit' ? 'true' : 'false'} @click=${() => this.#open(this.panel === 'credit' ? 'none' : 'credit')}>
                ${this.t('adjustCredit')}
              </button>`
            : nothing
        }
      </div>
      <p class="balances">
        ${
          balances.some((b) => b.amount)
            ? balances
                .filter((b) => b.amount)
                .map(
                  (b, i) =>
                    html`${i ? ' · ' : ''}<strong>${formatMoney(lang, b.amount, b.currency)}</strong>`,
                )
            : this.t('noCredit')
        }
      </p>
      ${this.panel === 'credit' ? this.#renderAdjust() : nothing}
      ${
        entries.length
          ? dataTable({
              label: this.t('creditLedger'),
              caption: this.t('creditLedger'),
              columns: [
                this.t('creditDate'),
                this.t('creditDescription'),
                this.t('creditKind'),
                { label: this.t('amount'), numeric: true },
              ],
              rows: entries.map(
                (e) => html`<tr>
                  <td>${formatDateTime(lang, e.createdAt)}</td>
                  <td>
                    ${e.description}
                    ${e.invoiceId ? html`<br /><a href=${hashOf('invoice', e.invoiceId)}>${this.t('openInvoice')}</a>` : nothing}
                  </td>
                  <td>${this.t(CREDIT_KINDS[e.kind])}</td>
                  <td class="num">${formatMoney(lang, e.amount, e.currency)}</td>
                </tr>`,
              ),
            })
          : nothing
      }
    </section>`;
  }

  #renderAdjust() {
    return html`<form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#adjust}>
      <div class="grid-2">
        ${this.textInput('credit.currency', this.t('creditCurrency'), { maxlength: 3, required: true })}
        ${this.textInput('credit.amount', this.t('creditAmount'), { required: true, hint: this.t('creditAmountHint') })}
        ${this.textInput('credit.description', this.t('creditDescription'), { required: true, maxlength: 300, hint: this.t('creditDescriptionHint') })}
      </div>
      <div class="actions">
        ${submitButton(this.t('adjustCredit'), this.busy)}
        <button class="secondary" type="button" @click=${() => this.#open('none')}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  #renderInvoices(d: ClientBilling) {
    const lang = this.resolvedLocale;
    return html`<section part="invoices" class="card" aria-labelledby="client-invoices-title">
      <div class="page-header">
        <h2 id="client-invoices-title">${this.t('recentInvoices')}</h2>
        ${
          this.can(routes.createInvoice)
            ? html`<button part="button new-invoice" class="secondary small" type="button" aria-expanded=${this.panel === 'invoice' ? 'true' : 'false'} @click=${() => this.#open(this.panel === 'invoice' ? 'none' : 'invoice')}>
                ${this.t('newInvoiceForClient')}
              </button>`
            : nothing
        }
      </div>
      ${
        this.panel === 'invoice'
          ? html`<portal-admin-invoice-form
              .client=${this.admin}
              .session=${this.staffSession}
              lang=${this.resolvedLocale}
              account-id=${this.clientId}
              currency=${this.currency}
              @portal-admin-invoice-saved=${this.#created}
              @portal-admin-invoice-form-close=${() => this.#open('none')}
            ></portal-admin-invoice-form>`
          : nothing
      }
      ${
        d.invoices.length
          ? dataTable({
              label: this.t('recentInvoicesTable'),
              caption: this.t('recentInvoicesTable'),
              columns: [
                this.t('invoiceNumber'),
                this.t('status'),
                this.t('dueDate'),
                { label: this.t('total'), numeric: true },
                { label: this.t('balance'), numeric: true },
              ],
              rows: d.invoices.map(
                (i) => html`<tr>
                  <td><a href=${hashOf('invoice', i.id)}>${i.number ?? this.t('draftInvoice')}</a></td>
                  <td>${invoiceBadge(this.t, i.status)}</td>
                  <td>${formatDate(lang, i.dueAt) || '—'}</td>
                  <td class="num">${formatMoney(lang, i.total, i.currency)}</td>
                  <td class="num">${formatMoney(lang, i.balance, i.currency)}</td>
                </tr>`,
              ),
            })
          : html`<p class="muted">${this.t('noClientInvoices')}</p>`
      }
      ${d.invoices.length ? html`<p><a href=${hashOf('invoices', undefined, { account: this.clientId })}>${this.t('allClientInvoices')}</a></p>` : nothing}
    </section>`;
  }

  #renderServices(d: ClientBilling) {
    const lang = this.resolvedLocale;
    return html`<section part="services" class="card" aria-labelledby="client-services-title">
      <h2 id="client-services-title">${this.t('recentServices')}</h2>
      ${
        d.services.length
          ? dataTable({
              label: this.t('recentServicesTable'),
              caption: this.t('recentServicesTable'),
              columns: [
                this.t('service'),
                this.t('status'),
                this.t('cycle'),
                { label: this.t('price'), numeric: true },
                this.t('nextDue'),
              ],
              rows: d.services.map(
                (s) => html`<tr>
                  <td>
                    <a href=${hashOf('service', s.id)}>${s.productName}</a>
                    ${s.label ? html`<br /><span class="muted">${s.label}</span>` : nothing}
                  </td>
                  <td>${serviceBadge(this.t, s.status)}</td>
                  <td>${cycleName(this.t, s.cycle)}</td>
                  <td class="num">${formatMoney(lang, s.amount, s.currency)}</td>
                  <td>${formatDate(lang, s.nextDueAt) || '—'}</td>
                </tr>`,
              ),
            })
          : html`<p class="muted">${this.t('noClientServices')}</p>`
      }
      ${d.services.length ? html`<p><a href=${hashOf('services', undefined, { account: this.clientId })}>${this.t('allClientServices')}</a></p>` : nothing}
    </section>`;
  }

  #open(panel: Panel) {
    this.panel = panel;
    this.fieldErrors = {};
    if (panel === 'credit') {
      this.values = { 'credit.currency': this.currency, 'credit.amount': '', 'credit.description': '' };
      void this.focusField('credit.amount');
    } else if (panel === 'invoice') {
      void this.focusPart('portal-admin-invoice-form');
    }
  }

  #created = (event: PortalAdminInvoiceSavedEvent) => {
    this.panel = 'none';
    location.hash = hashOf('invoice', event.detail.id);
  };

  #adjust = async (event: SubmitEvent) => {
    event.preventDefault();
    const rules = {
      'credit.currency': (v: string | undefined) => adminChecks.required(v) ?? adminChecks.currency(v),
      'credit.amount': adminChecks.required,
      'credit.description': adminChecks.required,
    };
    if (!this.validate(rules)) return;
    const currency = (this.values['credit.currency'] ?? '').trim().toUpperCase();
    const parsed = parseMoneyInput(this.values['credit.amount'] ?? '', currency, {
      lang: this.resolvedLocale,
      negative: true,
    });
    if (!parsed.ok || parsed.amount === 0) {
      this.showFieldErrors({
        'credit.amount': this.t(parsed.ok ? 'errorAmountZero' : parsed.error, { currency }),
      });
      return;
    }
    const description = (this.values['credit.description'] ?? '').trim();
    const fields = (path: string) =>
      ['currency', 'amount', 'description'].includes(path) ? `credit.${path}` : undefined;
    let credit: ClientBilling['credit'] | undefined;
    await this.attempt('adminAdjustCredit', fields, async (admin) => {
      credit = await admin.invoices.adjustCredit(this.clientId, {
        currency,
        amount: parsed.amount,
        description,
      });
    });
    if (!credit || !this.data) return;
    this.data = { ...this.data, credit };
    this.panel = 'none';
    this.notice = this.t('creditAdjusted', {
      amount: formatMoney(this.resolvedLocale, parsed.amount, currency),
    });
    void this.focusPart('[part~="adjust"]');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-client-billing': PortalAdminClientBilling;
  }
}
