import { initialState, TaskStatus } from '@lit/task';
import {
  type AffiliateOverview,
  type AffiliateProgramme,
  type Affiliate as AffiliateRecord,
  type Commission,
  type CommissionRule,
  type CommissionStatus,
  isPortalApiError,
  type LedgerBucket,
  type LedgerEntry,
  type Page,
  type Payout,
  type PayoutStatus,
  type PortalClient,
  type Referral,
} from '@portico/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AccountElement } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { badge, selectField, textareaField, textField } from '../../lib/fields.js';
import type { ErrorDisplay } from '../../lib/form.js';
import { formatDate, formatMoney } from '../../lib/format.js';
import { SendAttempt } from '../../lib/idempotency-key.js';
import { isNotFound } from '../../lib/load-error.js';
import { loadMoreButton } from '../../lib/load-more.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import * as appsEn from '../../lib/locales/apps-en.js';
import * as appsEs from '../../lib/locales/apps-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { type MoneyInputError, parseMoneyInput } from '../../lib/money-input.js';
import { richText, richTextStyles } from '../../lib/rich-text.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import styles from './affiliate.styles.js';

addMessages('en', en.account, appsEn.affiliate);
addMessages('es', es.account, appsEs.affiliate);

/** The affiliate's lists, each paged with "Load more". */
export type AffiliateList = 'commissions' | 'referrals' | 'payouts' | 'ledger';
const LISTS: readonly AffiliateList[] = ['commissions', 'referrals', 'payouts', 'ledger'];

interface Rows {
  commissions: Page<Commission>;
  referrals: Page<Referral>;
  payouts: Page<Payout>;
  ledger: Page<LedgerEntry>;
}

const LIST_TEXT: Record<AffiliateList, readonly [title: MessageKey, empty: MessageKey]> = {
  commissions: ['affCommissionsTitle', 'affNoCommissions'],
  referrals: ['affReferralsTitle', 'affNoReferrals'],
  payouts: ['affPayoutsTitle', 'affNoPayouts'],
  ledger: ['affLedgerTitle', 'affNoLedger'],
};

const COMMISSION_STATUS: Record<
  CommissionStatus,
  readonly [MessageKey, 'good' | 'warn' | 'bad' | 'neutral']
> = {
  pending: ['affCommissionPending', 'neutral'],
  payable: ['affCommissionPayable', 'good'],
  reversed: ['affCommissionReversed', 'bad'],
};

const PAYOUT_STATUS: Record<PayoutStatus, readonly [MessageKey, 'good' | 'warn' | 'bad' | 'neutral']> = {
  requested: ['affPayoutStatusRequested', 'neutral'],
  approved: ['affPayoutStatusApproved', 'neutral'],
  paid: ['affPayoutStatusPaid', 'good'],
  credited: ['affPayoutStatusCredited', 'good'],
  rejected: ['affPayoutStatusRejected', 'bad'],
};

const BUCKETS: Record<LedgerBucket, MessageKey> = {
  pending: 'affBucketPending',
  available: 'affBucketAvailable',
  requested: 'affBucketRequested',
  paid: 'affBucketPaid',
};

const AMOUNT_ERRORS: Record<MoneyInputError, MessageKey> = {
  errorAmount: 'affErrAmount',
  errorAmountDecimals: 'affErrAmountDecimals',
  errorAmountNegative: 'affErrAmount',
  errorAmountTooLarge: 'affErrAmountTooLarge',
};

/** Error codes of the programme this element explains in the reader's language. */
const CODE_MESSAGES: Partial<Record<string, MessageKey>> = {
  PAYOUT_PENDING: 'affPayoutPendingError',
  AFFILIATE_INACTIVE: 'affInactiveError',
};

const MAX_TEXT = 1000;
const PAYOUT_FIELDS = ['amount', 'currency'] as const;

/** Someone who is not the account's owner asked (the programme is the owner's). */
const isOwnerOnly = (error: unknown) => isPortalApiError(error, 'OWNER_ONLY');

/** The account joined the programme (or applied, when the business approves each affiliate). */
export class PortalAffiliateJoinedEvent extends Event {
  static readonly eventName = 'portal-affiliate-joined';
  readonly detail: { affiliate: AffiliateRecord };
  constructor(affiliate: AffiliateRecord) {
    super(PortalAffiliateJoinedEvent.eventName, { bubbles: true, composed: true });
    this.detail = { affiliate };
  }
}

/** A payout was requested. */
export class PortalPayoutRequestedEvent extends Event {
  static readonly eventName = 'portal-payout-requested';
  readonly detail: { payout: Payout };
  constructor(payout: Payout) {
    super(PortalPayoutRequestedEvent.eventName, { bubbles: true, composed: true });
    this.detail = { payout };
  }
}

/**
 * The affiliate programme, for the account's owner (`portal.affiliate`).
 *
 * Before joining: the programme's terms, how commissions are earned (rate, renewals, the referral window, the
 * clearing period, the smallest payout), and a form to join with where payouts go (and, when the business approves
 * each affiliate, how the client will promote it). An application waiting for review, rejected or suspended says so.
 *
 * Once active: the referral link with a "Copy link" button (announced politely), clicks, sign-ups and conversions,
 * the balances of each currency (pending, available, requested, paid), a form to request a payout (an amount typed
 * in the reader's way of writing numbers, and a currency of the balances; the server's refusals appear beside the
 * field), the payout details with "Edit", and the commissions, referrals, payouts and ledger, each paged with "Load
 * more". A payout request keeps one Idempotency-Key while the same request is sent again after no answer.
 *
 * A contact of the account sees that only the owner takes part; while the business has not opened the programme to
 * this account, that it is not available.
 *
 * @summary The affiliate programme: join, referral link, stats, balances, payouts and the ledger.
 *
 * @attr page-size - How many rows each list asks for at a time (default 10).
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart title - The heading.
 * @csspart terms - The programme's terms (rich text).
 * @csspart summary - How commissions are earned (also `details`).
 * @csspart join-form - The form to join or apply.
 * @csspart state-note - Pending, rejected or suspended.
 * @csspart link - The referral link's field.
 * @csspart copy - The "Copy link" button.
 * @csspart stats - Clicks, sign-ups and conversions.
 * @csspart balances - The balances table.
 * @csspart payout-form - The form to request a payout.
 * @csspart payout-details - The payout details and their "Edit" button.
 * @csspart details-form - The form editing the payout details.
 * @csspart list - A list's section (commissions, referrals, payouts, ledger), with its own name as a part too.
 * @csspart table - A table.
 * @csspart more - A list's "Load more" button.
 * @csspart badge - A status.
 * @csspart field - A field's label, input and messages.
 * @csspart label - A field's label.
 * @csspart input - An input (also `select`).
 * @csspart hint - A field's hint.
 * @csspart button - Buttons.
 * @csspart submit - A form's submit button.
 * @csspart empty - A list with nothing in it.
 * @csspart not-allowed - Shown to a contact: only the owner takes part.
 * @csspart unavailable - Shown while the programme is not available to this account.
 * @csspart error - The alert and the errors beside fields (also `alert`, `field-error`).
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region ("Copied to the clipboard").
 * @csspart loading - Shown while loading.
 * @csspart load-error - Shown when something could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-affiliate-width=64rem] - Maximum width.
 * @cssproperty --portal-affiliate-padding - Padding inside the box.
 * @cssproperty --portal-affiliate-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-affiliate-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalAffiliateJoinedEvent} portal-affiliate-joined - The account joined or applied; `event.detail` is `{ affiliate }`.
 * @event {PortalPayoutRequestedEvent} portal-payout-requested - A payout was requested; `event.detail` is `{ payout }`.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-affiliate')
export class PortalAffiliate extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, richTextStyles, styles];

  /** Rows each list asks for at a time. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 10;

  @state() private overview?: AffiliateOverview;
  @state() private rows?: Rows;
  /** The payout details are being edited. */
  @state() private editingDetails = false;

  /** The payout being requested, with its Idempotency-Key, kept for sending again after no answer. */
  readonly #payoutAttempt = new SendAttempt();

  readonly #load = this.loadTask(
    'affiliate',
    () => [] as const,
    (client) => client.affiliate.overview(),
    (overview) => {
      this.overview = overview;
    },
  );

  readonly #lists = this.loadTask(
    'affiliateLists',
    () => [this.#activeId, this.pageSize] as const,
    (client, _session, [active, limit]) =>
      active ? this.#loadLists(client, limit) : Promise.resolve(initialState),
    (rows) => {
      this.rows = rows;
    },
  );

  /** The affiliate's id while it is active (its lists are shown), else empty. */
  get #activeId(): string {
    const affiliate = this.overview?.affiliate;
    return affiliate?.status === 'active' ? affiliate.id : '';
  }

  async #loadLists(client: PortalClient, limit: number): Promise<Rows> {
    const [commissions, referrals, payouts, ledger] = await Promise.all([
      client.affiliate.commissions({ limit }),
      client.affiliate.referrals({ limit }),
      client.affiliate.payouts({ limit }),
      client.affiliate.ledger({ limit }),
    ]);
    return { commissions, referrals, payouts, ledger };
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.overview = undefined;
    this.rows = undefined;
    this.editingDetails = false;
    this.#payoutAttempt.finish();
  }

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      <h2 part="title" id="title">${this.t('affTitle')}</h2>
      ${this.renderSession(() => this.#renderLoaded())} ${this.renderMessages()}
    </div>`;
  }

  #renderLoaded(): unknown {
    const task = this.#load;
    if (task.status === TaskStatus.ERROR && isNotFound(task.error)) {
      return html`<p part="unavailable" class="not-allowed">${this.t('affUnavailable')}</p>`;
    }
    if (task.status === TaskStatus.ERROR && isOwnerOnly(task.error)) {
      return html`<p part="not-allowed" class="not-allowed">${this.t('affOwnerOnly')}</p>`;
    }
    return this.renderTask(task, this.overview, ({ programme, affiliate }) => {
      if (!affiliate) return this.#renderJoin(programme);
      if (affiliate.status === 'active') return this.#renderActive(programme, affiliate);
      const key: MessageKey =
        affiliate.status === 'pending'
          ? 'affPending'
          : affiliate.status === 'rejected'
            ? 'affRejected'
            : 'affSuspended';
      return html`<p part="state-note" class="banner" id="state-note" tabindex="-1">${this.t(key)}</p>`;
    });
  }

  // ─── Before joining ─────────────────────────────────────────────────────────────────────────────────────

  #days(days: number): string {
    return new Intl.NumberFormat(this.resolvedLocale, {
      style: 'unit',
      unit: 'day',
      unitDisplay: 'long',
    }).format(days);
  }

  #commissionText(rule: CommissionRule): string {
    const lang = this.resolvedLocale;
    if (rule.type === 'percent') {
      const rate = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(
        rule.rateBps / 10_000,
      );
      return this.t('affCommissionPercent', { rate });
    }
    if (rule.type === 'fixed') {
      return this.t('affCommissionFixed', { amount: formatMoney(lang, rule.amount, rule.currency) });
    }
    return this.t('affCommissionNone');
  }

  #renderSummary(programme: AffiliateProgramme): TemplateResult {
    const lang = this.resolvedLocale;
    const facts: [MessageKey, string][] = [
      ['affCommission', this.#commissionText(programme.commission)],
      ['affRecurring', this.t(programme.recurring ? 'affRecurringYes' : 'affRecurringNo')],
      ['affWindow', this.t('affWindowText', { days: this.#days(programme.windowDays) })],
      ['affClearing', this.t('affClearingText', { days: this.#days(programme.clearingDays) })],
      ['affMinimum', formatMoney(lang, programme.minimumPayout, programme.minimumPayoutCurrency)],
    ];
    return html`<section aria-labelledby="summary-title">
      <h3 id="summary-title">${this.t('affSummaryTitle')}</h3>
      <dl part="summary details" class="details">
        ${facts.map(([label, value]) => html`<div><dt>${this.t(label)}</dt><dd>${value}</dd></div>`)}
      </dl>
    </section>`;
  }

  #renderJoin(programme: AffiliateProgramme): TemplateResult {
    const approval = programme.signup === 'approval';
    const errors = this.fieldErrors;
    return html`<p class="intro">${this.t('affIntro')}</p>
      ${this.#renderSummary(programme)}
      ${
        programme.termsHtml.trim()
          ? html`<section aria-labelledby="terms-title">
              <h3 id="terms-title">${this.t('affTermsTitle')}</h3>
              <div part="terms" class="rich terms">${richText(programme.termsHtml)}</div>
            </section>`
          : nothing
      }
      <form
        part="join-form"
        class="card"
        novalidate
        aria-labelledby="join-title"
        aria-busy=${this.busy ? 'true' : 'false'}
        @submit=${this.#join}
      >
        <h3 id="join-title">${this.t(approval ? 'affApplyTitle' : 'affJoinTitle')}</h3>
        ${approval ? html`<p class="muted">${this.t('affApprovalHint')}</p>` : nothing}
        ${textareaField({
          name: 'payoutDetails',
          label: this.t('affPayoutDetails'),
          hint: this.t('affPayoutDetailsHint'),
          value: this.values.payoutDetails,
          error: errors.payoutDetails,
          rows: 3,
          onInput: this.onInput,
        })}
        ${
          approval
            ? textareaField({
                name: 'note',
                label: this.t('affNote'),
                hint: this.t('affNoteHint'),
                value: this.values.note,
                error: errors.note,
                rows: 3,
                spellcheck: true,
                onInput: this.onInput,
              })
            : nothing
        }
        <div class="actions">${this.#submit(approval ? 'affApply' : 'affJoin')}</div>
      </form>`;
  }

  #submit(label: MessageKey): TemplateResult {
    return html`<button part="button submit" class="primary" type="submit" ?disabled=${this.busy}>
      ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${this.t(label)}
    </button>`;
  }

  /** Refuses text longer than the API takes, beside its field. */
  #tooLong(names: readonly string[]): boolean {
    const errors: Record<string, string> = {};
    for (const name of names) {
      if ((this.values[name] ?? '').trim().length > MAX_TEXT) errors[name] = this.t('affErrTooLong');
    }
    this.fieldErrors = errors;
    const first = names.find((name) => errors[name]);
    if (first) void this.focusField(first);
    return !!first;
  }

  #join = async (event: SubmitEvent) => {
    event.preventDefault();
    const approval = this.overview?.programme.signup === 'approval';
    const fields = approval ? ['payoutDetails', 'note'] : ['payoutDetails'];
    if (this.busy || this.#tooLong(fields)) return;
    const payoutDetails = (this.values.payoutDetails ?? '').trim();
    const note = (this.values.note ?? '').trim();
    const who = this.sessionKey;
    let joined: AffiliateOverview | undefined;
    await this.attempt('joinAffiliate', fields, async (client) => {
      joined = await client.affiliate.join({
        ...(payoutDetails ? { payoutDetails } : {}),
        ...(approval && note ? { note } : {}),
      });
    });
    // Another account (or person) came meanwhile: this answer is about the one left.
    if (!joined?.affiliate || who !== this.sessionKey) return;
    this.overview = joined;
    this.values = {};
    const active = joined.affiliate.status === 'active';
    this.notice = this.t(active ? 'affJoined' : 'affApplied');
    this.emit(new PortalAffiliateJoinedEvent(joined.affiliate));
    void this.focusPart(active ? '#link-title' : '#state-note');
  };

  // ─── Active ─────────────────────────────────────────────────────────────────────────────────────────────

  #renderActive(programme: AffiliateProgramme, affiliate: AffiliateRecord): TemplateResult {
    const { stats } = affiliate;
    const number = new Intl.NumberFormat(this.resolvedLocale);
    return html`<section aria-labelledby="link-title">
        <h3 id="link-title" tabindex="-1">${this.t('affLinkTitle')}</h3>
        <div part="link">
          ${textField({
            name: 'link',
            label: this.t('affLink'),
            value: affiliate.link,
            readonly: true,
            hint: this.t('affLinkHint', { days: this.#days(programme.windowDays) }),
            after: html`<button part="button copy" class="secondary" type="button" @click=${() => this.copy(affiliate.link)}>
              ${this.t('affCopyLink')}
            </button>`,
          })}
        </div>
      </section>
      <section aria-labelledby="stats-title">
        <h3 id="stats-title">${this.t('affStatsTitle')}</h3>
        <dl part="stats" class="details stats">
          <div><dt>${this.t('affClicks')}</dt><dd>${number.format(stats.clicks)}</dd></div>
          <div><dt>${this.t('affSignups')}</dt><dd>${number.format(stats.signups)}</dd></div>
          <div><dt>${this.t('affConversions')}</dt><dd>${number.format(stats.conversions)}</dd></div>
        </dl>
      </section>
      ${this.#renderBalances(affiliate)} ${this.#renderPayoutForm(programme, affiliate)}
      ${this.#renderDetails(affiliate)}
      ${this.renderTask(this.#lists, this.rows, (rows) => LISTS.map((kind) => this.#renderList(kind, rows)))}`;
  }

  #renderBalances(affiliate: AffiliateRecord): TemplateResult {
    const lang = this.resolvedLocale;
    const buckets = ['pending', 'available', 'requested', 'paid'] as const;
    return html`<section aria-labelledby="balances-title">
      <h3 id="balances-title">${this.t('affBalancesTitle')}</h3>
      ${
        !affiliate.balances.length
          ? html`<p part="empty" class="empty">${this.t('affNoBalances')}</p>`
          : html`<div class="table-wrap">
              <table part="table balances">
                <caption class="sr-only">${this.t('affBalancesTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">${this.t('affCurrency')}</th>
                    ${buckets.map((b) => html`<th scope="col" class="num">${this.t(BUCKETS[b])}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${affiliate.balances.map(
                    (balance) => html`<tr>
                      <th scope="row">${balance.currency}</th>
                      ${buckets.map(
                        (b) => html`<td class="num">${formatMoney(lang, balance[b], balance.currency)}</td>`,
                      )}
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  }

  /** The currency the payout form asks in: the one chosen, else the first with money available. */
  #payoutCurrency(affiliate: AffiliateRecord): string {
    const chosen = this.values.currency;
    if (chosen && affiliate.balances.some((b) => b.currency === chosen)) return chosen;
    return (affiliate.balances.find((b) => b.available > 0) ?? affiliate.balances[0])?.currency ?? '';
  }

  #renderPayoutForm(programme: AffiliateProgramme, affiliate: AffiliateRecord): TemplateResult {
    const lang = this.resolvedLocale;
    const title = html`<h3 id="payout-title">${this.t('affPayoutTitle')}</h3>`;
    if (!affiliate.balances.some((b) => b.available > 0 || b.requested > 0)) {
      return html`<section aria-labelledby="payout-title">
        ${title}
        <p part="empty" class="empty">${this.t('affPayoutNothing')}</p>
      </section>`;
    }
    const currency = this.#payoutCurrency(affiliate);
    const balance = affiliate.balances.find((b) => b.currency === currency);
    const minimum =
      currency === programme.minimumPayoutCurrency
        ? programme.minimumPayout
        : Math.min(1, balance?.available ?? 1);
    const errors = this.fieldErrors;
    return html`<form
      part="payout-form"
      class="card"
      novalidate
      aria-labelledby="payout-title"
      aria-busy=${this.busy ? 'true' : 'false'}
      @submit=${this.#requestPayout}
    >
      ${title}
      <div class="grid-2">
        ${textField({
          name: 'amount',
          label: this.t('affAmount'),
          value: this.values.amount,
          required: true,
          autocomplete: 'off',
          hint: this.t('affAmountHint', {
            available: formatMoney(lang, balance?.available ?? 0, currency),
            minimum: formatMoney(lang, minimum, currency),
          }),
          error: errors.amount,
          onInput: this.onInput,
        })}
        ${selectField({
          name: 'currency',
          label: this.t('affCurrency'),
          value: currency,
          markRequired: false,
          error: errors.currency,
          options: affiliate.balances.map((b) => ({ value: b.currency, label: b.currency })),
          onChange: this.onInput,
        })}
      </div>
      <div class="actions">${this.#submit('affRequestPayout')}</div>
    </form>`;
  }

  #requestPayout = async (event: SubmitEvent) => {
    event.preventDefault();
    const affiliate = this.overview?.affiliate;
    if (this.busy || !affiliate) return;
    const currency = this.#payoutCurrency(affiliate);
    const parsed = parseMoneyInput(this.values.amount ?? '', currency, { lang: this.resolvedLocale });
    const problem: MessageKey | undefined = !parsed.ok
      ? AMOUNT_ERRORS[parsed.error]
      : parsed.amount <= 0
        ? 'affErrAmountZero'
        : undefined;
    if (problem || !parsed.ok) {
      this.fieldErrors = { amount: this.t(problem ?? 'affErrAmount') };
      this.alertMessage = '';
      void this.focusField('amount');
      return;
    }
    const input = { amount: parsed.amount, currency };
    // One key per request: sending the same again after no answer is a retry the server answers once.
    const idempotencyKey = this.#payoutAttempt.keyFor(input);
    const who = this.sessionKey;
    let payout: Payout | undefined;
    await this.attempt('requestPayout', PAYOUT_FIELDS, async (client) => {
      try {
        payout = await client.affiliate.requestPayout(input, { idempotencyKey });
      } catch (error) {
        this.#payoutAttempt.fail(error);
        throw error;
      }
    });
    if (!payout || who !== this.sessionKey) return;
    this.#payoutAttempt.finish();
    this.#forget('amount');
    this.notice = this.t('affPayoutRequested', {
      amount: formatMoney(this.resolvedLocale, payout.amount, payout.currency),
    });
    const rows = this.rows;
    if (rows) this.rows = { ...rows, payouts: { ...rows.payouts, items: [payout, ...rows.payouts.items] } };
    this.emit(new PortalPayoutRequestedEvent(payout));
    // The balances moved: ask for them again (the page keeps showing while it loads).
    void this.#load.run();
  };

  protected override describeFailure(error: unknown, fields: readonly string[]): ErrorDisplay {
    const known = isPortalApiError(error) ? CODE_MESSAGES[error.code] : undefined;
    if (known) return { alert: this.t(known), fields: {} };
    return super.describeFailure(error, fields);
  }

  #renderDetails(affiliate: AffiliateRecord): TemplateResult {
    const title = html`<h3 id="details-title">${this.t('affDetailsTitle')}</h3>`;
    if (this.editingDetails) {
      return html`<form
        part="details-form"
        class="card"
        novalidate
        aria-labelledby="details-title"
        aria-busy=${this.busy ? 'true' : 'false'}
        @submit=${this.#saveDetails}
      >
        ${title}
        ${textareaField({
          name: 'payoutDetails',
          label: this.t('affPayoutDetails'),
          hint: this.t('affPayoutDetailsHint'),
          value: this.values.payoutDetails ?? affiliate.payoutDetails,
          error: this.fieldErrors.payoutDetails,
          rows: 3,
          onInput: this.onInput,
        })}
        <div class="actions">
          ${this.#submit('affSave')}
          <button part="button cancel" class="secondary" type="button" @click=${this.#cancelDetails}>
            ${this.t('affCancel')}
          </button>
        </div>
      </form>`;
    }
    return html`<section part="payout-details" aria-labelledby="details-title">
      ${title}
      <p class="payout-details ${affiliate.payoutDetails ? '' : 'muted'}">
        ${affiliate.payoutDetails || this.t('affNoDetails')}
      </p>
      <div class="actions">
        <button part="button edit" class="secondary" type="button" @click=${this.#editDetails}>
          ${this.t('affEditDetails')}
        </button>
      </div>
    </section>`;
  }

  /** Drops what was typed in the field `name`. */
  #forget(name: string) {
    const { [name]: _, ...rest } = this.values;
    this.values = rest;
  }

  #editDetails = () => {
    this.#forget('payoutDetails');
    this.fieldErrors = {};
    this.editingDetails = true;
    void this.focusField('payoutDetails');
  };

  #cancelDetails = () => {
    this.editingDetails = false;
    this.fieldErrors = {};
    void this.focusPart('[part~="edit"]');
  };

  #saveDetails = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.busy || this.#tooLong(['payoutDetails'])) return;
    const details = (this.values.payoutDetails ?? this.overview?.affiliate?.payoutDetails ?? '').trim();
    const who = this.sessionKey;
    let saved: AffiliateOverview | undefined;
    await this.attempt('updateAffiliate', ['payoutDetails'], async (client) => {
      saved = await client.affiliate.update(details);
    });
    if (!saved || who !== this.sessionKey) return;
    this.overview = saved;
    this.editingDetails = false;
    this.#forget('payoutDetails');
    this.notice = this.t('affDetailsSaved');
    void this.focusPart('[part~="edit"]');
  };

  // ─── Lists ──────────────────────────────────────────────────────────────────────────────────────────────

  #renderList(kind: AffiliateList, rows: Rows): TemplateResult {
    const [title, empty] = LIST_TEXT[kind];
    const page = rows[kind];
    return html`<section part="list ${kind}" aria-labelledby="${kind}-title">
      <h3 id="${kind}-title">${this.t(title)}</h3>
      ${
        page.items.length
          ? html`<div class="table-wrap">
              <table part="table">
                <caption class="sr-only">${this.t(title)}</caption>
                ${this.#table(kind, rows)}
              </table>
            </div>`
          : html`<p part="empty" class="empty">${this.t(empty)}</p>`
      }
      ${loadMoreButton(page.nextCursor, this.busy, this.t('affLoadMore'), () => void this.#loadMore(kind))}
    </section>`;
  }

  /** A row's first cell, which "Load more" focuses on the first new row. */
  #rowHead(id: string, content: unknown): TemplateResult {
    return html`<th scope="row" tabindex="-1" data-row=${id}>${content}</th>`;
  }

  #table(kind: AffiliateList, rows: Rows): TemplateResult {
    const lang = this.resolvedLocale;
    const t = this.t;
    const date = (iso: string) => html`<time datetime=${iso}>${formatDate(lang, iso)}</time>`;
    const head = (keys: MessageKey[], numeric: MessageKey[] = []) =>
      html`<thead>
        <tr>
          ${keys.map((key) => html`<th scope="col" class=${numeric.includes(key) ? 'num' : ''}>${t(key)}</th>`)}
        </tr>
      </thead>`;
    switch (kind) {
      case 'commissions':
        return html`${head(['affDate', 'affReferral', 'affAmount', 'affStatus', 'affClears'], ['affAmount'])}
          <tbody>
            ${rows.commissions.items.map((c) => {
              const [status, tone] = COMMISSION_STATUS[c.status];
              return html`<tr>
                ${this.#rowHead(c.id, date(c.createdAt))}
                <td>${c.referralName}</td>
                <td class="num">${formatMoney(lang, c.amount, c.currency)}</td>
                <td>${badge(t(status), tone)}</td>
                <td>${c.status === 'reversed' ? '—' : date(c.clearsAt)}</td>
              </tr>`;
            })}
          </tbody>`;
      case 'referrals':
        return html`${head(['affReferral', 'affRegistered', 'affConverted'])}
          <tbody>
            ${rows.referrals.items.map(
              (r) => html`<tr>
                ${this.#rowHead(r.id, r.name)}
                <td>${date(r.registeredAt)}</td>
                <td>${r.converted ? badge(t('affYes'), 'good') : t('affNo')}</td>
              </tr>`,
            )}
          </tbody>`;
      case 'payouts':
        return html`${head(['affDate', 'affAmount', 'affStatus', 'affReference'], ['affAmount'])}
          <tbody>
            ${rows.payouts.items.map((p) => {
              const [status, tone] = PAYOUT_STATUS[p.status];
              return html`<tr>
                ${this.#rowHead(p.id, date(p.createdAt))}
                <td class="num">${formatMoney(lang, p.amount, p.currency)}</td>
                <td>${badge(t(status), tone)}${p.note ? html`<span class="sub">${p.note}</span>` : nothing}</td>
                <td>${[p.method, p.reference].filter(Boolean).join(' · ') || '—'}</td>
              </tr>`;
            })}
          </tbody>`;
      case 'ledger':
        return html`${head(['affDate', 'affDescription', 'affBucket', 'affAmount'], ['affAmount'])}
          <tbody>
            ${rows.ledger.items.map(
              (entry) => html`<tr>
                ${this.#rowHead(entry.id, date(entry.createdAt))}
                <td>${entry.description}</td>
                <td>${t(BUCKETS[entry.bucket])}</td>
                <td class="num">${formatMoney(lang, entry.amount, entry.currency)}</td>
              </tr>`,
            )}
          </tbody>`;
    }
  }

  async #loadMore(kind: AffiliateList) {
    const rows = this.rows;
    const cursor = rows?.[kind].nextCursor;
    if (!rows || !cursor) return;
    const shown = rows[kind].items.length;
    let first: string | undefined;
    const ok = await this.attempt(
      `affiliate${kind[0]?.toUpperCase()}${kind.slice(1)}More`,
      [],
      async (client) => {
        const options = { limit: this.pageSize, cursor };
        const page = await (client.affiliate[kind] as (o: typeof options) => Promise<Page<{ id: string }>>)(
          options,
        );
        // The lists were loaded again meanwhile (another account, a new page size): this page is not their next.
        const current = this.rows;
        if (!current || current[kind].items.length < shown || current[kind].nextCursor !== cursor) return;
        first = page.items[0]?.id;
        this.rows = {
          ...current,
          [kind]: { items: [...current[kind].items, ...page.items], nextCursor: page.nextCursor },
        };
      },
    );
    // Keyboard users continue where the new rows start.
    if (ok && first) void this.focusPart(`[data-row="${CSS.escape(first)}"]`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-affiliate': PortalAffiliate;
  }
  interface GlobalEventHandlersEventMap {
    'portal-affiliate-joined': PortalAffiliateJoinedEvent;
    'portal-payout-requested': PortalPayoutRequestedEvent;
  }
}
