import type { AdminAffiliate, AffiliateAdjustmentInput, LedgerEntry } from '@portico/sdk/admin';
import { affiliatesAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format.js';
import { SendAttempt } from '../../lib/idempotency-key.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import {
  affiliateStatusBadge,
  bucketName,
  ledgerKindName,
  type StatusAction,
  statusActions,
  statusConfirm,
  statusNotice,
} from '../lib/affiliate-labels.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { parseMoneyInput } from '../lib/money-input.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles, recordHeadStyles } from '../lib/styles.js';
import { dataTable } from '../lib/table.js';
import styles from './admin-affiliate.styles.js';

addAdminMessages('en', en.common, en.billing, en.appsNav, en.affiliatesAdmin);
addAdminMessages('es', es.common, es.billing, es.appsNav, es.affiliatesAdmin);

const ADJUST_FIELDS = ['amount', 'currency', 'description'];

/**
 * One affiliate (`#/affiliates/<id>`): its account (linked to the client's page), status with the changes staff
 * may make (approve or reject a pending one, suspend an active one, reactivate), code and referral link (copied
 * with a button), where payouts go, what the client wrote when applying, clicks, sign-ups and conversions, its
 * balances in each currency (pending, available, requested, paid), its ledger, newest first, and a form that
 * corrects the available balance (an amount, positive or negative, its currency and why), which writes a ledger
 * row. Admin and billing staff act; support staff read.
 *
 * @summary One affiliate: stats, balances, ledger and adjustments.
 *
 * @attr affiliate-id - The affiliate's id.
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 * @attr page-size - How many ledger rows each request asks for.
 *
 * @csspart heading - The page heading (the account's name).
 * @csspart badge - The affiliate's status.
 * @csspart details - Code, link, account and dates.
 * @csspart stats - Clicks, sign-ups and conversions.
 * @csspart balances - The balances table.
 * @csspart ledger - The ledger section.
 * @csspart table - A table.
 * @csspart adjust - The adjustment form.
 * @csspart field - A label, input, hint and error.
 * @csspart dialog - The confirmation dialog.
 * @csspart empty - Said when the ledger is empty.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the affiliate loads.
 * @csspart load-error - Shown when the affiliate could not be loaded.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-affiliate')
export class PortalAdminAffiliate extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, recordHeadStyles, styles];

  /** The affiliate's id. */
  @property({ attribute: 'affiliate-id' }) affiliateId = '';

  /** How many ledger rows each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  @state() private affiliate?: AdminAffiliate;
  /**
   * The Idempotency-Key of the adjustment being sent: the same request sent again after no answer keeps it (the
   * server records it once); another amount, currency, description or affiliate is a new request with a new key.
   */
  readonly #adjustAttempt = new SendAttempt();

  readonly #load = this.loadTask(
    'adminAffiliate',
    () => [this.affiliateId],
    (admin, [id]) => admin.affiliates.get(id),
    (affiliate) => {
      this.affiliate = affiliate;
      if (!this.values.currency) {
        this.values = { ...this.values, currency: affiliate.balances[0]?.currency ?? '' };
      }
    },
  );

  readonly #ledger = this.pagedList({
    action: 'adminAffiliateLedger',
    args: () => [this.affiliateId, this.pageSize] as const,
    fetch: (admin, [id, limit], page) => admin.affiliates.ledger(id, { limit, ...page }),
    focus: '',
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('affiliateId') && this.affiliate && this.affiliate.id !== this.affiliateId) {
      this.affiliate = undefined;
      this.values = {};
    }
  }

  protected override render() {
    const a = this.affiliate;
    return html`<div class="page" lang=${this.textLang}>
      <p class="back"><a href=${hashOf('affiliates')}>${this.t('backToAffiliates')}</a></p>
      <div class="title">
        <h1 part="heading" tabindex="-1">${a?.accountName ?? this.t('affiliateTitle')}</h1>
        ${a ? affiliateStatusBadge(this.t, a.status) : nothing}
        ${a && this.can(routes.setStatus) ? statusActions(a.status).map((action) => this.#statusButton(a, action)) : nothing}
      </div>
      ${this.renderMessages()}
      ${this.renderTask(this.#load, a, (loaded) => [
        this.#renderDetails(loaded),
        this.#renderBalances(loaded),
        this.can(routes.adjust) ? this.#renderAdjust() : nothing,
        this.#renderLedger(),
      ])}
      ${this.renderConfirm()}
    </div>`;
  }

  #statusButton(a: AdminAffiliate, action: StatusAction) {
    return html`<button
      part="button status"
      class="${action.danger ? 'secondary danger' : 'primary'} small"
      type="button"
      aria-label=${this.t(action.named, { name: a.accountName })}
      ?disabled=${this.busy}
      @click=${() => void this.#setStatus(a, action)}
    >
      ${this.t(action.label)}
    </button>`;
  }

  #renderDetails(a: AdminAffiliate) {
    const lang = this.resolvedLocale;
    return html`<section part="details" class="card" aria-labelledby="details-title">
      <h2 id="details-title">${this.t('affDetails')}</h2>
      <dl>
        <dt>${this.t('affAccount')}</dt>
        <dd><a href=${hashOf('client', a.accountId)}>${a.accountName}</a></dd>
        <dt>${this.t('affCode')}</dt>
        <dd class="mono">${a.code}</dd>
        <dt>${this.t('affLink')}</dt>
        <dd class="link">
          <span class="mono">${a.link}</span>
          <button class="secondary small" type="button" aria-label=${this.t('affCopyLink')} @click=${() => this.copy(a.link, this.t('affLink'))}>
            ${this.t('copy')}
          </button>
        </dd>
        <dt>${this.t('affPayoutDetails')}</dt>
        <dd class="details">${a.payoutDetails || html`<span class="muted">${this.t('affNoPayoutDetails')}</span>`}</dd>
        ${a.note ? html`<dt>${this.t('affApplicationNote')}</dt><dd class="details">${a.note}</dd>` : nothing}
        <dt>${this.t('affJoined')}</dt>
        <dd>${formatDate(lang, a.createdAt)}</dd>
        <dt>${this.t('affApproved')}</dt>
        <dd>${a.approvedAt ? formatDate(lang, a.approvedAt) : this.t('affNotApproved')}</dd>
      </dl>
      <ul part="stats" class="stats" aria-label=${this.t('affStats')}>
        <li><span class="stat">${a.stats.clicks.toLocaleString(lang)}</span> ${this.t('affClicks')}</li>
        <li><span class="stat">${a.stats.signups.toLocaleString(lang)}</span> ${this.t('affSignups')}</li>
        <li><span class="stat">${a.stats.conversions.toLocaleString(lang)}</span> ${this.t('affConversions')}</li>
      </ul>
    </section>`;
  }

  #renderBalances(a: AdminAffiliate) {
    const lang = this.resolvedLocale;
    return html`<section part="balances" class="card" aria-labelledby="balances-title">
      <h2 id="balances-title">${this.t('affBalances')}</h2>
      ${
        a.balances.length
          ? dataTable({
              label: this.t('affBalancesTable'),
              caption: this.t('affBalancesTable'),
              columns: [
                this.t('ruleCurrency'),
                { label: this.t('bucketPending'), numeric: true },
                { label: this.t('bucketAvailable'), numeric: true },
                { label: this.t('bucketRequested'), numeric: true },
                { label: this.t('bucketPaid'), numeric: true },
              ],
              rows: a.balances.map(
                (b) => html`<tr>
                  <th scope="row">${b.currency}</th>
                  <td class="num">${formatMoney(lang, b.pending, b.currency)}</td>
                  <td class="num">${formatMoney(lang, b.available, b.currency)}</td>
                  <td class="num">${formatMoney(lang, b.requested, b.currency)}</td>
                  <td class="num">${formatMoney(lang, b.paid, b.currency)}</td>
                </tr>`,
              ),
            })
          : html`<p part="empty" class="empty">${this.t('affNoBalances')}</p>`
      }
    </section>`;
  }

  #renderAdjust() {
    return html`<section class="card" aria-labelledby="adjust-title">
      <h2 id="adjust-title">${this.t('affAdjustTitle')}</h2>
      <p class="intro">${this.t('affAdjustIntro')}</p>
      <form part="adjust" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#adjust}>
        <div class="grid-2">
          ${this.textInput('amount', this.t('affAdjustAmount'), { hint: this.t('affAdjustAmountHint'), required: true })}
          ${this.textInput('currency', this.t('ruleCurrency'), { maxlength: 3, required: true })}
        </div>
        ${this.textInput('description', this.t('affAdjustDescription'), {
          hint: this.t('affAdjustDescriptionHint'),
          maxlength: 200,
          required: true,
        })}
        <div class="actions">${submitButton(this.t('affAdjustSubmit'), this.busy)}</div>
      </form>
    </section>`;
  }

  #renderLedger() {
    const list = this.#ledger;
    return html`<section part="ledger" class="card" aria-labelledby="ledger-title">
      <h2 id="ledger-title">${this.t('affLedger')}</h2>
      ${this.renderTask(list.task, list.items, (items: LedgerEntry[]) => {
        if (!items.length) return html`<p part="empty" class="empty">${this.t('affNoLedger')}</p>`;
        const lang = this.resolvedLocale;
        return html`${dataTable({
          label: this.t('affLedgerTable'),
          caption: this.t('affLedgerTable'),
          busy: list.pending,
          columns: [
            this.t('affWhen'),
            this.t('affLedgerKind'),
            this.t('affLedgerBucket'),
            { label: this.t('affAmount'), numeric: true },
            this.t('affAdjustDescription'),
          ],
          rows: items.map(
            (e) => html`<tr tabindex="-1">
              <td>${formatDateTime(lang, e.createdAt)}</td>
              <td>${ledgerKindName(this.t, e.kind)}</td>
              <td>${bucketName(this.t, e.bucket)}</td>
              <td class="num ${e.amount < 0 ? 'out' : ''}">${formatMoney(lang, e.amount, e.currency)}</td>
              <td>${e.description}</td>
            </tr>`,
          ),
        })}
        ${this.renderMore(list)}`;
      })}
    </section>`;
  }

  async #setStatus(a: AdminAffiliate, action: StatusAction) {
    const confirm = statusConfirm(this.t, action, a.accountName);
    if (confirm && !(await this.confirmAction(confirm))) return;
    const saved = await this.attemptResult('adminAffiliateStatus', [], (admin) =>
      admin.affiliates.setStatus(a.id, action.status),
    );
    // Another affiliate may show by now (the console reuses the page): its own load shows it.
    if (!saved || saved.id !== this.affiliateId) return;
    this.affiliate = saved;
    this.notice = this.t(statusNotice(saved.status), { name: saved.accountName });
    void this.focusPart('[part~="heading"]');
  }

  #adjust = async (event: SubmitEvent) => {
    event.preventDefault();
    const a = this.affiliate;
    if (!a) return;
    const currency = (this.values.currency ?? '').trim().toUpperCase();
    const description = (this.values.description ?? '').trim();
    const errors: Record<string, string> = {};
    let amount = 0;
    if (!/^[A-Z]{3}$/.test(currency)) errors.currency = this.t('errorCurrency');
    else {
      const parsed = parseMoneyInput(this.values.amount ?? '', currency, {
        lang: this.resolvedLocale,
        negative: true,
      });
      if (!parsed.ok) errors.amount = this.t(parsed.error, { currency });
      else if (parsed.amount === 0) errors.amount = this.t('errorAmountZero');
      else amount = parsed.amount;
    }
    if (!description) errors.description = this.t('errorRequired');
    if (!this.showFieldErrors(errors)) return;
    const input: AffiliateAdjustmentInput = { amount, currency, description };
    const idempotencyKey = this.#adjustAttempt.keyFor([a.id, input]);
    const entry = await this.attemptResult('adminAdjustAffiliate', ADJUST_FIELDS, (admin) =>
      admin.affiliates.adjust(a.id, input, { idempotencyKey }),
    );
    if (!entry) {
      if (this.lastError !== undefined) this.#adjustAttempt.fail(this.lastError);
      return;
    }
    this.#adjustAttempt.finish();
    this.values = { ...this.values, amount: '', description: '' };
    this.notice = this.t('affAdjusted', {
      amount: formatMoney(this.resolvedLocale, entry.amount, entry.currency),
    });
    await Promise.all([this.#load.run(), this.#ledger.task.run()]);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-affiliate': PortalAdminAffiliate;
  }
}
