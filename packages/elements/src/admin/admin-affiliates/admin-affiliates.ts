import type {
  AdminAffiliate,
  AdminCommission,
  AdminPayout,
  AdminProduct,
  AffiliateSettings,
  AffiliateSettingsUpdate,
  AffiliateStatus,
  CommissionRule,
  CommissionStatus,
  PayoutStatus,
  ProductCommission,
} from '@portico/sdk/admin';
import {
  AFFILIATE_STATUSES,
  affiliatesAdminRoutes as routes,
  COMMISSION_STATUSES,
  PAYOUT_STATUSES,
} from '@portico/sdk/contract';
import type { Task } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { rowButton, submitButton } from '../../lib/form.js';
import { formatDate, formatMoney } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import {
  affiliateStatusBadge,
  affiliateStatusKey,
  commissionStatusBadge,
  commissionStatusKey,
  payoutStatusBadge,
  payoutStatusKey,
  type StatusAction,
  statusActions,
  statusConfirm,
  statusNotice,
} from '../lib/affiliate-labels.js';
import { statusOptions } from '../lib/billing-labels.js';
import { checkboxField, selectField, textField } from '../lib/form.js';
import { ListSearch, statusFilter } from '../lib/list-search.js';
import { addAdminMessages, type AdminMessageKey } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import '../lib/markdown-editor.js';
import { moneyInputValue, parseMoneyInput, parsePercent, percentValue } from '../lib/money-input.js';
import type { PagedList } from '../lib/paged-list.js';
import { hashOf } from '../lib/routes.js';
import { saveBar } from '../lib/save-bar.js';
import { adminStyles, saveBarStyles } from '../lib/styles.js';
import { tabList } from '../lib/tab-list.js';
import { dataTable, rowActions } from '../lib/table.js';
import { UnsavedGuard } from '../lib/unsaved-guard.js';
import styles from './admin-affiliates.styles.js';

addAdminMessages('en', en.common, en.settings, en.billing, en.appsNav, en.affiliatesAdmin);
addAdminMessages('es', es.common, es.settings, es.billing, es.appsNav, es.affiliatesAdmin);

/** The page's tabs. */
export const AFFILIATE_TABS = ['affiliates', 'commissions', 'payouts', 'settings'] as const;
export type AffiliateTab = (typeof AFFILIATE_TABS)[number];

const TAB_KEYS: Record<AffiliateTab, AdminMessageKey> = {
  affiliates: 'affTabAffiliates',
  commissions: 'affTabCommissions',
  payouts: 'affTabPayouts',
  settings: 'affTabSettings',
};

type RuleType = CommissionRule['type'];

/** A commission rule as typed. */
interface RuleDraft {
  type: RuleType;
  /** A percentage, e.g. "12.5". */
  rate: string;
  amount: string;
  currency: string;
}

/** The programme's rules as typed. */
interface Draft {
  signup: AffiliateSettings['signup'];
  rule: RuleDraft;
  recurring: boolean;
  windowDays: string;
  clearingDays: string;
  minimumPayout: string;
  minimumPayoutCurrency: string;
  linkBase: string;
  terms: string;
  products: (RuleDraft & { key: number; productId: string })[];
}

/** What the settings tab loaded. */
interface Loaded {
  settings: AffiliateSettings;
  productRules: ProductCommission[];
  products: AdminProduct[];
}

/** A payout being recorded as paid or rejected in a dialog. */
interface PayoutDialog {
  payout: AdminPayout;
  mode: 'paid' | 'reject';
  trigger: HTMLElement | null;
}

type AffiliateList = PagedList<AdminAffiliate, readonly [string, '' | AffiliateStatus, number]>;
type CommissionList = PagedList<AdminCommission, readonly ['' | CommissionStatus, number]>;
type PayoutList = PagedList<AdminPayout, readonly ['' | PayoutStatus, number]>;

/** A whole number typed from `min` to `max`, or undefined. */
function wholeNumber(text: string, min: number, max: number): number | undefined {
  const s = text.trim();
  if (!/^\d{1,6}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}

const sameRule = (a: CommissionRule, b: CommissionRule) => JSON.stringify(a) === JSON.stringify(b);

/** The form field a server's error path belongs to (settings PATCH and product commissions PUT). */
function fieldOf(path: string): string | undefined {
  const items = /^items\.(\d+)(?:\.(productId|rule)(?:\.(\w+))?)?/.exec(path);
  if (items) {
    const [, i, what, detail] = items;
    if (!what) return `products.${i}.productId`;
    if (what === 'productId') return `products.${i}.productId`;
    return `products.${i}.${detail === 'rateBps' ? 'rate' : detail === 'amount' || detail === 'currency' ? detail : 'type'}`;
  }
  if (path === 'items') return 'products';
  if (path.startsWith('commission')) {
    const detail = path.split('.')[1];
    return `rule.${detail === 'rateBps' ? 'rate' : detail === 'amount' || detail === 'currency' ? detail : 'type'}`;
  }
  const known = [
    'signup',
    'recurring',
    'windowDays',
    'clearingDays',
    'minimumPayout',
    'minimumPayoutCurrency',
    'linkBase',
    'terms',
  ];
  return known.includes(path) ? path : undefined;
}

/**
 * The affiliate programme (`#/affiliates`), in four tabs. **Affiliates**: every affiliate, newest first, searched
 * by name or code and filtered by status, with approve and reject (pending), suspend (active) and reactivate
 * inline; each opens its own page. **Commissions**: every commission, filtered by status. **Payouts**: requests
 * waiting for staff first; approve one, record it paid (method and reference), credit it to the affiliate's
 * account, or reject it (with a reason), each after a confirmation. **Settings**: the programme's rules (sign-up
 * open or with approval; the default commission, a percentage, a fixed amount or none; recurring invoices; the
 * attribution window and clearing period in days; the minimum payout; where referral links point; the terms in
 * Markdown) and each product's own commission, in one form with a save bar; leaving the browser page with unsaved
 * changes asks first. Admin and billing staff act; support staff read, without the money actions.
 *
 * @summary The affiliate programme: affiliates, commissions, payouts and rules.
 *
 * @attr tab - The tab shown: `affiliates` (default), `commissions`, `payouts` or `settings`.
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 * @attr page-size - How many rows each request asks for.
 *
 * @csspart heading - The page heading.
 * @csspart tabs - The tab list.
 * @csspart tab - A tab.
 * @csspart panel - The tab panel shown.
 * @csspart table - A table.
 * @csspart badge - A status.
 * @csspart form - The settings form.
 * @csspart field - A label, input, hint and error.
 * @csspart product-rules - The per-product commissions.
 * @csspart save - The "Save changes" bar.
 * @csspart dialog - A confirmation or payout dialog.
 * @csspart empty - Said when a list is empty.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while a tab loads.
 * @csspart load-error - Shown when a tab could not be loaded.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-affiliates')
export class PortalAdminAffiliates extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, saveBarStyles, styles];

  /** The tab shown. */
  @property({ reflect: true }) tab: AffiliateTab = 'affiliates';

  /** How many rows each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** Milliseconds after the last keystroke before the search runs. */
  @property({ attribute: false }) searchDelay = 300;

  @state() private commissionStatus: '' | CommissionStatus = '';
  @state() private payoutStatus: '' | PayoutStatus = '';
  @state() private loaded?: Loaded;
  @state() private draft?: Draft;
  @state() private dialog?: PayoutDialog;

  #keys = 0;

  readonly #search = new ListSearch<AffiliateStatus>(this, {
    delay: () => this.searchDelay,
    onInput: this.onInput,
    typed: () => this.values.q,
  });

  readonly #guard = new UnsavedGuard(this, () => this.#changeCount() > 0);

  // Each tab loads the first time it is shown.
  #affiliates?: AffiliateList;
  #commissions?: CommissionList;
  #payouts?: PayoutList;
  #settings?: Pick<Task, 'status' | 'error' | 'run'>;

  /** Whether leaving now would lose settings not saved. */
  get dirty(): boolean {
    return this.#guard.dirty;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!AFFILIATE_TABS.includes(this.tab)) this.tab = 'affiliates';
    switch (this.tab) {
      case 'affiliates':
        this.#affiliates ??= this.pagedList({
          action: 'adminAffiliates',
          args: () => [this.#search.query, this.#search.status, this.pageSize] as const,
          fetch: (admin, [q, status, limit], page) =>
            admin.affiliates.list({ q: q || undefined, status: status || undefined, limit, ...page }),
          focus: 'a',
        });
        break;
      case 'commissions':
        this.#commissions ??= this.pagedList({
          action: 'adminCommissions',
          args: () => [this.commissionStatus, this.pageSize] as const,
          fetch: (admin, [status, limit], page) =>
            admin.affiliates.commissions({ status: status || undefined, limit, ...page }),
          focus: 'a',
        });
        break;
      case 'payouts':
        this.#payouts ??= this.pagedList({
          action: 'adminPayouts',
          args: () => [this.payoutStatus, this.pageSize] as const,
          fetch: (admin, [status, limit], page) =>
            admin.affiliates.payouts({ status: status || undefined, limit, ...page }),
          focus: 'a',
        });
        break;
      case 'settings':
        this.#settings ??= this.loadTask(
          'adminAffiliateSettings',
          () => [],
          async (admin) => {
            const [settings, productRules, products] = await Promise.all([
              admin.affiliates.settings(),
              admin.affiliates.productCommissions(),
              admin.products.list(),
            ]);
            return { settings, productRules: productRules.items, products } satisfies Loaded;
          },
          (loaded) => {
            this.loaded = loaded;
            this.#settle(loaded.settings, loaded.productRules);
          },
        );
        break;
    }
  }

  protected override render() {
    return html`<div class="page" lang=${this.textLang}>
      <h1 part="heading" tabindex="-1">${this.t('affiliatesTitle')}</h1>
      ${this.can(routes.updateSettings) ? nothing : html`<p class="intro">${this.t('affReadOnly')}</p>`}
      ${this.renderMessages()}
      ${tabList({
        tabs: AFFILIATE_TABS,
        selected: this.tab,
        label: this.t('affiliatesTitle'),
        text: (tab) => this.t(TAB_KEYS[tab]),
        onPick: (tab) => this.#pick(tab),
        focus: (selector) => void this.focusPart(selector),
      })}
      <div part="panel" class="panel" role="tabpanel" id=${`panel-${this.tab}`} aria-labelledby=${`tab-${this.tab}`}>
        ${this.#renderPanel()}
      </div>
      ${this.#renderDialog()} ${this.renderConfirm()}
    </div>`;
  }

  #renderPanel() {
    switch (this.tab) {
      case 'commissions':
        return this.#commissions ? this.#renderCommissions(this.#commissions) : nothing;
      case 'payouts':
        return this.#payouts ? this.#renderPayouts(this.#payouts) : nothing;
      case 'settings':
        return this.#settings
          ? this.renderTask(this.#settings, this.loaded && this.draft, (d) => this.#renderSettings(d))
          : nothing;
      default:
        return this.#affiliates ? this.#renderAffiliates(this.#affiliates) : nothing;
    }
  }

  #pick(tab: AffiliateTab) {
    this.tab = tab;
    this.alertMessage = '';
  }

  // ——— Affiliates

  #renderAffiliates(list: AffiliateList) {
    return html`${this.#search.render({
      label: this.t('affTabAffiliates'),
      searchLabel: this.t('affSearch'),
      statusLabel: this.t('status'),
      statuses: statusOptions(this.t, AFFILIATE_STATUSES, affiliateStatusKey),
    })}
    ${this.renderTask(list.task, list.items, (items) => {
      if (!items.length) {
        return html`<p part="empty" class="empty">
          ${this.#search.filtered ? this.t('noAffiliatesMatch') : this.t('noAffiliates')}
        </p>`;
      }
      const canAct = this.can(routes.setStatus);
      const lang = this.resolvedLocale;
      return html`${dataTable({
        label: this.t('affTabAffiliates'),
        caption: this.t('affTabAffiliates'),
        busy: list.pending,
        columns: [
          this.t('affAffiliate'),
          this.t('affCode'),
          this.t('status'),
          { label: this.t('affClicks'), numeric: true },
          { label: this.t('affSignups'), numeric: true },
          { label: this.t('bucketAvailable'), numeric: true },
          this.t('created'),
          ...(canAct ? [this.t('actions')] : []),
        ],
        rows: items.map(
          (a) => html`<tr>
            <td><a href=${hashOf('affiliate', a.id)}>${a.accountName}</a></td>
            <td class="mono">${a.code}</td>
            <td>${affiliateStatusBadge(this.t, a.status)}</td>
            <td class="num">${a.stats.clicks}</td>
            <td class="num">${a.stats.signups}</td>
            <td class="num">
              ${a.balances.length ? a.balances.map((b) => formatMoney(lang, b.available, b.currency)).join(', ') : '—'}
            </td>
            <td>${formatDate(lang, a.createdAt)}</td>
            ${
              canAct
                ? rowActions(
                    ...statusActions(a.status).map((action) =>
                      rowButton({
                        part: 'status',
                        text: this.t(action.label),
                        ariaLabel: this.t(action.named, { name: a.accountName }),
                        danger: action.danger,
                        disabled: this.busy,
                        onClick: () => void this.#setStatus(a, action),
                      }),
                    ),
                  )
                : nothing
            }
          </tr>`,
        ),
      })}
      ${this.renderMore(list)}`;
    })}`;
  }

  async #setStatus(a: AdminAffiliate, action: StatusAction) {
    const confirm = statusConfirm(this.t, action, a.accountName);
    if (confirm && !(await this.confirmAction(confirm))) return;
    const saved = await this.attemptResult('adminAffiliateStatus', [], (admin) =>
      admin.affiliates.setStatus(a.id, action.status),
    );
    if (!saved || !this.#affiliates) return;
    this.#affiliates.items = this.#affiliates.items?.map((x) => (x.id === saved.id ? saved : x));
    this.notice = this.t(statusNotice(saved.status), { name: saved.accountName });
  }

  // ——— Commissions

  #renderCommissions(list: CommissionList) {
    return html`${statusFilter<CommissionStatus>({
      label: this.t('affTabCommissions'),
      statusLabel: this.t('status'),
      value: this.commissionStatus,
      options: statusOptions(this.t, COMMISSION_STATUSES, commissionStatusKey),
      onChange: (status) => {
        this.commissionStatus = status;
      },
    })}
    ${this.renderTask(list.task, list.items, (items) => {
      if (!items.length) {
        return html`<p part="empty" class="empty">
          ${this.commissionStatus ? this.t('noCommissionsMatch') : this.t('noCommissions')}
        </p>`;
      }
      const lang = this.resolvedLocale;
      return html`${dataTable({
        label: this.t('affTabCommissions'),
        caption: this.t('affTabCommissions'),
        busy: list.pending,
        columns: [
          this.t('affAffiliate'),
          { label: this.t('affAmount'), numeric: true },
          this.t('status'),
          this.t('affReferral'),
          this.t('affInvoice'),
          this.t('affClears'),
          this.t('created'),
        ],
        rows: items.map(
          (c) => html`<tr>
            <td><a href=${hashOf('affiliate', c.affiliateId)}>${c.affiliateName}</a></td>
            <td class="num">${formatMoney(lang, c.amount, c.currency)}</td>
            <td>${commissionStatusBadge(this.t, c.status)}</td>
            <td>${c.referralName}</td>
            <td><a href=${hashOf('invoice', c.invoiceId)}>${c.invoiceNumber ?? this.t('affDraftInvoice')}</a></td>
            <td>${formatDate(lang, c.clearsAt)}</td>
            <td>${formatDate(lang, c.createdAt)}</td>
          </tr>`,
        ),
      })}
      ${this.renderMore(list)}`;
    })}`;
  }

  // ——— Payouts

  #renderPayouts(list: PayoutList) {
    return html`${statusFilter<PayoutStatus>({
      label: this.t('affTabPayouts'),
      statusLabel: this.t('status'),
      value: this.payoutStatus,
      options: statusOptions(this.t, PAYOUT_STATUSES, payoutStatusKey),
      onChange: (status) => {
        this.payoutStatus = status;
      },
    })}
    ${this.renderTask(list.task, list.items, (items) => {
      if (!items.length) {
        return html`<p part="empty" class="empty">
          ${this.payoutStatus ? this.t('noPayoutsMatch') : this.t('noPayouts')}
        </p>`;
      }
      const canAct = this.can(routes.approvePayout);
      const lang = this.resolvedLocale;
      return html`${dataTable({
        label: this.t('affTabPayouts'),
        caption: this.t('affTabPayouts'),
        busy: list.pending,
        columns: [
          this.t('affAffiliate'),
          { label: this.t('affAmount'), numeric: true },
          this.t('status'),
          this.t('affPayoutDetails'),
          this.t('affRequested'),
          this.t('affOutcome'),
          ...(canAct ? [this.t('actions')] : []),
        ],
        rows: items.map((p) => {
          const amount = formatMoney(lang, p.amount, p.currency);
          const label = { name: p.affiliateName, amount };
          const act = (
            key: AdminMessageKey,
            named: AdminMessageKey,
            onClick: (e: Event) => void,
            danger = false,
          ) =>
            rowButton({
              part: 'payout',
              text: this.t(key),
              ariaLabel: this.t(named, label),
              danger,
              disabled: this.busy,
              onClick,
            });
          const waiting = p.status === 'requested' || p.status === 'approved';
          return html`<tr>
            <td><a href=${hashOf('affiliate', p.affiliateId)}>${p.affiliateName}</a></td>
            <td class="num">${amount}</td>
            <td>${payoutStatusBadge(this.t, p.status)}</td>
            <td class="details">${p.payoutDetails || html`<span class="muted">${this.t('affNoPayoutDetails')}</span>`}</td>
            <td>${formatDate(lang, p.createdAt)}</td>
            <td>${this.#outcome(p)}</td>
            ${
              canAct
                ? rowActions(
                    p.status === 'requested'
                      ? act('payApprove', 'payApproveName', () => void this.#approve(p))
                      : nothing,
                    p.status === 'approved'
                      ? act('payRecordPaid', 'payRecordPaidName', (e) => this.#openDialog(p, 'paid', e))
                      : nothing,
                    waiting ? act('payCredit', 'payCreditName', () => void this.#credit(p)) : nothing,
                    waiting
                      ? act('payReject', 'payRejectName', (e) => this.#openDialog(p, 'reject', e), true)
                      : nothing,
                  )
                : nothing
            }
          </tr>`;
        }),
      })}
      ${this.renderMore(list)}`;
    })}`;
  }

  #outcome(p: AdminPayout) {
    const lang = this.resolvedLocale;
    switch (p.status) {
      case 'paid':
        return this.t('payPaidVia', {
          method: p.method ?? '',
          reference: p.reference ?? '',
          date: formatDate(lang, p.decidedAt),
        });
      case 'credited':
        return this.t('payCreditedOn', { date: formatDate(lang, p.decidedAt) });
      case 'rejected':
        return this.t('payRejectedBecause', { reason: p.note ?? '' });
      case 'approved':
        return this.t('payApprovedOn', { date: formatDate(lang, p.decidedAt) });
      default:
        return '';
    }
  }

  #amountOf(p: AdminPayout) {
    return { name: p.affiliateName, amount: formatMoney(this.resolvedLocale, p.amount, p.currency) };
  }

  #showPayout(saved: AdminPayout, notice: AdminMessageKey) {
    if (this.#payouts) this.#payouts.items = this.#payouts.items?.map((x) => (x.id === saved.id ? saved : x));
    this.notice = this.t(notice, this.#amountOf(saved));
  }

  async #approve(p: AdminPayout) {
    const ok = await this.confirmAction({
      title: this.t('payApproveTitle', this.#amountOf(p)),
      body: this.t('payApproveBody'),
      confirm: this.t('payApprove'),
    });
    if (!ok) return;
    const saved = await this.attemptResult('adminApprovePayout', [], (admin) =>
      admin.affiliates.approvePayout(p.id),
    );
    if (saved) this.#showPayout(saved, 'payApproved');
  }

  async #credit(p: AdminPayout) {
    const ok = await this.confirmAction({
      title: this.t('payCreditTitle', this.#amountOf(p)),
      body: this.t('payCreditBody'),
      confirm: this.t('payCredit'),
    });
    if (!ok) return;
    const saved = await this.attemptResult('adminCreditPayout', [], (admin) =>
      admin.affiliates.creditPayout(p.id),
    );
    if (saved) this.#showPayout(saved, 'payCredited');
  }

  #openDialog(payout: AdminPayout, mode: PayoutDialog['mode'], event: Event) {
    this.dialog = { payout, mode, trigger: event.currentTarget as HTMLElement };
    this.values = { ...this.values, method: '', reference: '', reason: '' };
    this.fieldErrors = {};
    this.alertMessage = '';
  }

  #closeDialog = () => {
    const trigger = this.dialog?.trigger;
    this.dialog = undefined;
    this.fieldErrors = {};
    if (trigger?.isConnected) trigger.focus();
  };

  #renderDialog() {
    const d = this.dialog;
    if (!d) return nothing;
    const paid = d.mode === 'paid';
    const close = (event: Event) => (event.target as HTMLElement).closest('dialog')?.close();
    return html`<dialog
      part="dialog"
      class="dialog"
      data-modal
      aria-labelledby="payout-title"
      aria-describedby="payout-body"
      @close=${this.#closeDialog}
    >
      <h2 id="payout-title" class="dialog-title">
        ${this.t(paid ? 'payRecordPaidTitle' : 'payRejectTitle', this.#amountOf(d.payout))}
      </h2>
      <p id="payout-body">${this.t(paid ? 'payRecordPaidBody' : 'payRejectBody')}</p>
      ${paid && d.payout.payoutDetails ? html`<p class="details">${d.payout.payoutDetails}</p>` : nothing}
      <form novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#decide}>
        ${
          paid
            ? html`${this.textInput('method', this.t('payMethod'), { hint: this.t('payMethodHint'), maxlength: 40, required: true })}
              ${this.textInput('reference', this.t('payReference'), { maxlength: 200, required: true })}`
            : this.textInput('reason', this.t('payReason'), {
                hint: this.t('payReasonHint'),
                maxlength: 500,
                required: true,
              })
        }
        <div class="dialog-alert" role="alert">${this.alertMessage || nothing}</div>
        <div class="actions">
          <button class="secondary" type="button" @click=${close}>${this.t('cancel')}</button>
          ${submitButton(this.t(paid ? 'payRecordPaid' : 'payReject'), this.busy)}
        </div>
      </form>
    </dialog>`;
  }

  #decide = async (event: SubmitEvent) => {
    event.preventDefault();
    const d = this.dialog;
    if (!d) return;
    const paid = d.mode === 'paid';
    const required = paid ? ['method', 'reference'] : ['reason'];
    const errors: Record<string, string> = {};
    for (const name of required) if (!this.values[name]?.trim()) errors[name] = this.t('errorRequired');
    if (!this.showFieldErrors(errors)) return;
    const saved = await this.attemptResult('adminDecidePayout', required, (admin) =>
      paid
        ? admin.affiliates.payPayout(d.payout.id, {
            method: this.values.method!.trim(),
            reference: this.values.reference!.trim(),
          })
        : admin.affiliates.rejectPayout(d.payout.id, this.values.reason!.trim()),
    );
    if (!saved) return;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog[data-modal]')?.close();
    this.dialog = undefined;
    this.#showPayout(saved, paid ? 'payPaid' : 'payRejected');
    void this.focusPart('#tab-payouts');
  };

  // ——— Settings

  #ruleDraft(rule: CommissionRule, fallbackCurrency: string): RuleDraft {
    const lang = this.resolvedLocale;
    return {
      type: rule.type,
      rate: rule.type === 'percent' ? percentValue(rule.rateBps, lang) : '',
      amount: rule.type === 'fixed' ? moneyInputValue(rule.amount, rule.currency, lang) : '',
      currency: rule.type === 'fixed' ? rule.currency : fallbackCurrency,
    };
  }

  #settle(s: AffiliateSettings, productRules: ProductCommission[]) {
    const lang = this.resolvedLocale;
    this.loaded = { ...(this.loaded ?? { products: [] }), settings: s, productRules };
    this.draft = {
      signup: s.signup,
      rule: this.#ruleDraft(s.commission, s.minimumPayoutCurrency),
      recurring: s.recurring,
      windowDays: String(s.windowDays),
      clearingDays: String(s.clearingDays),
      minimumPayout: moneyInputValue(s.minimumPayout, s.minimumPayoutCurrency, lang),
      minimumPayoutCurrency: s.minimumPayoutCurrency,
      linkBase: s.linkBase ?? '',
      terms: s.terms,
      products: productRules.map((r) => ({
        key: ++this.#keys,
        productId: r.productId,
        ...this.#ruleDraft(r.rule, s.minimumPayoutCurrency),
      })),
    };
  }

  /** A typed rule as the API takes it, or the errors beside its fields (named `prefix.rate`, …). */
  #parseRule(r: RuleDraft, prefix: string, errors: Record<string, string>): CommissionRule | undefined {
    if (r.type === 'none') return { type: 'none' };
    if (r.type === 'percent') {
      const rateBps = parsePercent(r.rate);
      if (rateBps === undefined || rateBps < 1) {
        errors[`${prefix}.rate`] = this.t('errorCommissionRate');
        return undefined;
      }
      return { type: 'percent', rateBps };
    }
    const currency = r.currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) {
      errors[`${prefix}.currency`] = this.t('errorCurrency');
      return undefined;
    }
    const amount = parseMoneyInput(r.amount, currency, { lang: this.resolvedLocale });
    if (!amount.ok || amount.amount < 1) {
      errors[`${prefix}.amount`] = amount.ok ? this.t('errorAmount') : this.t(amount.error, { currency });
      return undefined;
    }
    return { type: 'fixed', amount: amount.amount, currency };
  }

  /** What differs from the saved settings (by field, to count), the requests that save it, and what is wrong. */
  #changes(): {
    changed: string[];
    input: AffiliateSettingsUpdate;
    products?: { productId: string; rule: CommissionRule }[];
    errors: Record<string, string>;
  } {
    const s = this.loaded?.settings;
    const d = this.draft;
    const changed: string[] = [];
    const input: AffiliateSettingsUpdate = {};
    const errors: Record<string, string> = {};
    if (!s || !d) return { changed, input, errors };
    if (d.signup !== s.signup) input.signup = d.signup;
    if (d.recurring !== s.recurring) input.recurring = d.recurring;
    const rule = this.#parseRule(d.rule, 'rule', errors);
    if (rule && !sameRule(rule, s.commission)) input.commission = rule;
    else if (!rule && d.rule.type !== s.commission.type) changed.push('commission');
    const days = (name: 'windowDays' | 'clearingDays', min: number) => {
      const n = wholeNumber(d[name], min, 365);
      if (n === undefined) errors[name] = this.t('errorAffDays', { min, max: 365 });
      else if (n !== s[name]) input[name] = n;
    };
    days('windowDays', 1);
    days('clearingDays', 0);
    const currency = d.minimumPayoutCurrency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) errors.minimumPayoutCurrency = this.t('errorCurrency');
    else {
      if (currency !== s.minimumPayoutCurrency) input.minimumPayoutCurrency = currency;
      const minimum = parseMoneyInput(d.minimumPayout, currency, { lang: this.resolvedLocale });
      if (!minimum.ok) errors.minimumPayout = this.t(minimum.error, { currency });
      else if (minimum.amount !== s.minimumPayout || input.minimumPayoutCurrency) {
        input.minimumPayout = minimum.amount;
      }
    }
    const linkBase = d.linkBase.trim();
    if (linkBase && !(/^https?:\/\/[^\s/]/.test(linkBase) && URL.canParse(linkBase))) {
      errors.linkBase = this.t('errorUrl');
    } else if ((linkBase || null) !== s.linkBase) input.linkBase = linkBase || null;
    if (d.terms.trim() !== s.terms.trim()) input.terms = d.terms.trim();
    changed.push(...Object.keys(input));
    const rules: { productId: string; rule: CommissionRule }[] = [];
    const seen = new Set<string>();
    d.products.forEach((p, i) => {
      if (!p.productId) errors[`products.${i}.productId`] = this.t('chooseProduct');
      else if (seen.has(p.productId)) errors[`products.${i}.productId`] = this.t('errorProductTwice');
      seen.add(p.productId);
      const parsed = this.#parseRule(p, `products.${i}`, errors);
      if (parsed) rules.push({ productId: p.productId, rule: parsed });
    });
    const saved = this.loaded?.productRules ?? [];
    const sameProducts =
      rules.length === d.products.length &&
      rules.length === saved.length &&
      rules.every((r, i) => r.productId === saved[i]?.productId && sameRule(r.rule, saved[i]!.rule));
    if (!sameProducts) changed.push('products');
    return { changed, input, ...(sameProducts ? {} : { products: rules }), errors };
  }

  #changeCount(): number {
    return this.draft ? this.#changes().changed.length : 0;
  }

  #set<K extends keyof Draft>(key: K, value: Draft[K]) {
    if (!this.draft) return;
    this.draft = { ...this.draft, [key]: value };
    this.clearError(key);
  }

  #setRule(key: keyof RuleDraft, value: string) {
    if (!this.draft) return;
    this.draft = { ...this.draft, rule: { ...this.draft.rule, [key]: value } };
    this.clearError(`rule.${key}`);
  }

  #setProduct(i: number, key: 'productId' | keyof RuleDraft, value: string) {
    if (!this.draft) return;
    const products = this.draft.products.map((p, j) => (j === i ? { ...p, [key]: value } : p));
    this.draft = { ...this.draft, products };
    this.clearError(`products.${i}.${key}`);
  }

  #addProduct = () => {
    const d = this.draft;
    if (!d) return;
    const used = new Set(d.products.map((p) => p.productId));
    const next = this.loaded?.products.find((p) => !used.has(p.id));
    const products = [
      ...d.products,
      {
        key: ++this.#keys,
        productId: next?.id ?? '',
        type: 'percent' as const,
        rate: '',
        amount: '',
        currency: d.minimumPayoutCurrency,
      },
    ];
    this.draft = { ...d, products };
    this.clearError('products');
    void this.focusField(`products.${products.length - 1}.productId`);
  };

  #removeProduct(i: number) {
    const d = this.draft;
    if (!d) return;
    const products = d.products.filter((_, j) => j !== i);
    this.draft = { ...d, products };
    this.fieldErrors = Object.fromEntries(
      Object.entries(this.fieldErrors).filter(([name]) => !name.startsWith('products.')),
    );
    void this.focusPart(
      products.length
        ? `[name="products.${Math.min(i, products.length - 1)}.productId"]`
        : '[part~="add-product"]',
    );
  }

  /** The fields of one rule: its kind, then the percentage, or the amount and currency. */
  #ruleFields(
    r: RuleDraft,
    prefix: string,
    label: string,
    set: (key: keyof RuleDraft, value: string) => void,
  ) {
    const text = (
      key: 'rate' | 'amount' | 'currency',
      fieldLabel: string,
      extra: { hint?: string; maxlength?: number } = {},
    ) =>
      textField({
        name: `${prefix}.${key}`,
        label: fieldLabel,
        value: r[key],
        error: this.fieldErrors[`${prefix}.${key}`],
        ...extra,
        onInput: (e) => set(key, (e.target as HTMLInputElement).value),
      });
    return html`${selectField({
      name: `${prefix}.type`,
      label,
      value: r.type,
      error: this.fieldErrors[`${prefix}.type`],
      options: [
        { value: 'percent', label: this.t('ruleTypePercent') },
        { value: 'fixed', label: this.t('ruleTypeFixed') },
        { value: 'none', label: this.t('ruleTypeNone') },
      ],
      onChange: (e) => set('type', (e.target as HTMLSelectElement).value),
    })}
    ${r.type === 'percent' ? text('rate', this.t('ruleRate'), { hint: this.t('ruleRateHint') }) : nothing}
    ${
      r.type === 'fixed'
        ? html`${text('amount', this.t('ruleAmount'), { hint: this.t('ruleAmountHint') })}
          ${text('currency', this.t('ruleCurrency'), { maxlength: 3 })}`
        : nothing
    }`;
  }

  #renderSettings(d: Draft) {
    const canSave = this.can(routes.updateSettings);
    const canProducts = this.can(routes.setProductCommissions);
    const changes = this.#changeCount();
    const products = this.loaded?.products ?? [];
    return html`<form part="form" class="page" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#save}>
      <section class="card" aria-labelledby="programme-title">
        <h2 id="programme-title">${this.t('affProgramme')}</h2>
        <fieldset class="page" ?disabled=${!canSave}>
          <legend class="sr-only">${this.t('affProgramme')}</legend>
          ${selectField({
            name: 'signup',
            label: this.t('affSignup'),
            hint: this.t(d.signup === 'open' ? 'affSignupOpenHint' : 'affSignupApprovalHint'),
            value: d.signup,
            error: this.fieldErrors.signup,
            options: [
              { value: 'open', label: this.t('affSignupOpen') },
              { value: 'approval', label: this.t('affSignupApproval') },
            ],
            onChange: (e) => this.#set('signup', (e.target as HTMLSelectElement).value as Draft['signup']),
          })}
          <div class="rule-row">
            ${this.#ruleFields(d.rule, 'rule', this.t('affDefaultRule'), (k, v) => this.#setRule(k, v))}
          </div>
          ${checkboxField({
            name: 'recurring',
            label: this.t('affRecurring'),
            hint: this.t('affRecurringHint'),
            checked: d.recurring,
            onChange: (e) => this.#set('recurring', (e.target as HTMLInputElement).checked),
          })}
          <div class="grid-2">
            ${textField({
              name: 'windowDays',
              label: this.t('affWindowDays'),
              hint: this.t('affWindowDaysHint'),
              inputmode: 'numeric',
              value: d.windowDays,
              error: this.fieldErrors.windowDays,
              onInput: (e) => this.#set('windowDays', (e.target as HTMLInputElement).value),
            })}
            ${textField({
              name: 'clearingDays',
              label: this.t('affClearingDays'),
              hint: this.t('affClearingDaysHint'),
              inputmode: 'numeric',
              value: d.clearingDays,
              error: this.fieldErrors.clearingDays,
              onInput: (e) => this.#set('clearingDays', (e.target as HTMLInputElement).value),
            })}
            ${textField({
              name: 'minimumPayout',
              label: this.t('affMinimumPayout'),
              hint: this.t('affMinimumPayoutHint'),
              value: d.minimumPayout,
              error: this.fieldErrors.minimumPayout,
              onInput: (e) => this.#set('minimumPayout', (e.target as HTMLInputElement).value),
            })}
            ${textField({
              name: 'minimumPayoutCurrency',
              label: this.t('affMinimumPayoutCurrency'),
              maxlength: 3,
              value: d.minimumPayoutCurrency,
              error: this.fieldErrors.minimumPayoutCurrency,
              onInput: (e) => this.#set('minimumPayoutCurrency', (e.target as HTMLInputElement).value),
            })}
          </div>
          ${textField({
            name: 'linkBase',
            label: this.t('affLinkBase'),
            hint: this.t('affLinkBaseHint'),
            type: 'url',
            placeholder: 'https://www.example.com/',
            value: d.linkBase,
            error: this.fieldErrors.linkBase,
            onInput: (e) => this.#set('linkBase', (e.target as HTMLInputElement).value),
          })}
          <portal-admin-markdown-editor
            name="terms"
            rows="8"
            .label=${this.t('affTerms')}
            .hint=${this.t('affTermsHint')}
            .value=${d.terms}
            .error=${this.fieldErrors.terms ?? ''}
            .maxlength=${50_000}
            .client=${this.admin}
            lang=${this.resolvedLocale}
            ?readonly=${!canSave}
            .required=${false}
            @input=${(e: Event) => this.#set('terms', (e.target as HTMLInputElement).value)}
          ></portal-admin-markdown-editor>
        </fieldset>
      </section>
      <section part="product-rules" class="card" aria-labelledby="product-rules-title">
        <div class="page-header">
          <h2 id="product-rules-title">${this.t('affProductRules')}</h2>
          ${
            canProducts
              ? html`<button part="button add-product" class="secondary" type="button" ?disabled=${!products.length} @click=${this.#addProduct}>
                  ${this.t('affAddProductRule')}
                </button>`
              : nothing
          }
        </div>
        <p class="intro">${this.t('affProductRulesIntro')}</p>
        ${
          d.products.length
            ? html`<fieldset class="page" ?disabled=${!canProducts}>
                <legend class="sr-only">${this.t('affProductRules')}</legend>
                ${d.products.map(
                  (
                    p,
                    i,
                  ) => html`<fieldset class="product-rule" aria-label=${this.t('affProductRuleN', { n: i + 1 })}>
                    ${selectField({
                      name: `products.${i}.productId`,
                      label: this.t('affProduct'),
                      value: p.productId,
                      error: this.fieldErrors[`products.${i}.productId`],
                      options: [
                        { value: '', label: this.t('chooseProduct') },
                        ...products.map((x) => ({ value: x.id, label: x.name })),
                      ],
                      onChange: (e) =>
                        this.#setProduct(i, 'productId', (e.target as HTMLSelectElement).value),
                    })}
                    ${this.#ruleFields(p, `products.${i}`, this.t('affRule'), (k, v) => this.#setProduct(i, k, v))}
                    ${
                      canProducts
                        ? html`<button
                            class="secondary small danger"
                            type="button"
                            aria-label=${this.t('affRemoveProductRule', { name: products.find((x) => x.id === p.productId)?.name ?? i + 1 })}
                            @click=${() => this.#removeProduct(i)}
                          >
                            ${this.t('remove')}
                          </button>`
                        : nothing
                    }
                  </fieldset>`,
                )}
              </fieldset>`
            : html`<p part="empty" class="empty">${this.t('affNoProductRules')}</p>`
        }
        ${this.fieldErrors.products ? html`<p class="field-error">${this.fieldErrors.products}</p>` : nothing}
      </section>
      ${canSave ? saveBar(this.t, { changes, busy: this.busy, onDiscard: this.#discard }) : nothing}
    </form>`;
  }

  #save = async (event: SubmitEvent) => {
    event.preventDefault();
    const { input, products, errors } = this.#changes();
    if (!this.showFieldErrors(errors)) return;
    if (!Object.keys(input).length && !products) {
      this.notice = this.t('nothingChanged');
      return;
    }
    const ok = await this.attempt('adminSaveAffiliateSettings', fieldOf, async (admin) => {
      // Each part saved is recorded at once, so a refusal of the other leaves only its own changes unsaved.
      if (Object.keys(input).length) {
        const settings = await admin.affiliates.updateSettings(input);
        if (this.loaded) this.loaded = { ...this.loaded, settings };
      }
      if (products) {
        const { items } = await admin.affiliates.setProductCommissions({ items: products });
        if (this.loaded) this.loaded = { ...this.loaded, productRules: items };
      }
    });
    if (!ok || !this.loaded) return;
    this.#settle(this.loaded.settings, this.loaded.productRules);
    this.notice = this.t('affSettingsSaved');
  };

  #discard = () => {
    if (!this.loaded) return;
    this.#settle(this.loaded.settings, this.loaded.productRules);
    this.fieldErrors = {};
    this.notice = this.t('changesDiscarded');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-affiliates': PortalAdminAffiliates;
  }
}
