import { initialState } from '@lit/task';
import {
  type ApplyCreditInput,
  type GatewayInfo,
  grants,
  type Invoice,
  isPortalApiError,
  type Money,
  type PayInvoiceInput,
  type Payment,
  type Session,
} from '@portico/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { AccountElement, describeAccountError } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { badge } from '../../lib/fields.js';
import { type ErrorDisplay, linkButton, rowButton, submitButton } from '../../lib/form.js';
import { formatDate, formatMoney, minorDigits, regionName } from '../../lib/format.js';
import { addMessages } from '../../lib/localize.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { invoices as invoicesEn } from '../../lib/locales/invoices-en.js';
import { invoices as invoicesEs } from '../../lib/locales/invoices-es.js';
import { moneyInputValue } from '../../lib/money-input.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { type AmountProblem, parseAmount } from './amount.js';
import { CARD_FIELDS, cardForm, cardInput, checkCard, formatCardInput } from './card-form.js';
import styles from './invoice.styles.js';
import { PaymentAttempts } from './pay-attempt.js';
import { invoiceStatusBadge, isPayable, paymentStatusBadge } from './status.js';
import {
  cardStyle,
  loadStripe,
  removeStripeContainer,
  STRIPE_SLOT,
  type StripeCardElement,
  type StripeInstance,
  stripeContainer,
} from './stripe-pay.js';

addMessages('en', en.account, invoicesEn);
addMessages('es', es.account, invoicesEs);

/** How long the downloaded PDF's object URL lives: long enough for the browser to start saving it. */
const PDF_URL_LIFETIME_MS = 1000;

/** The fields of the payment form, for the server's field errors. */
const PAY_FIELDS = ['amount', ...CARD_FIELDS];

/** A request that moves money, kept to try again with the same Idempotency-Key. */
type MoneyRequest = { kind: 'pay'; body: PayInvoiceInput } | { kind: 'credit'; body: ApplyCreditInput };

/** What is needed to pay: the ways to pay and the account's credit. */
interface PayOptions {
  gateways: GatewayInfo[];
  credit: Money[];
}

/** A payment waiting for the Stripe-compatible card field. */
interface StripeStep {
  payment: Payment;
  status: 'loading' | 'ready' | 'error';
  /** What the card field says is wrong with what was typed. */
  cardError: string;
}

/** What `portal-paid` carries. */
export interface PortalPaidDetail {
  /** The invoice after the payment (`status` is `paid` once nothing is left to pay). */
  invoice: Invoice;
  /** The payment that succeeded; null when the account's credit paid. */
  payment: Payment | null;
}

/**
 * Money was paid towards an invoice: a card payment succeeded (at once, after authentication, or through the
 * Stripe-compatible card field), or the account's credit was applied. `detail` is `{ invoice, payment }`; the
 * invoice is the reloaded one, so `detail.invoice.status === 'paid'` tells whether anything is left to pay.
 *
 * @example
 * ```js
 * document.addEventListener('portal-paid', (event) => {
 *   if (event.detail.invoice.status === 'paid') location.assign('/thank-you');
 * });
 * ```
 */
export class PortalPaidEvent extends Event {
  static readonly eventName = 'portal-paid';
  readonly detail: PortalPaidDetail;
  constructor(detail: PortalPaidDetail) {
    super(PortalPaidEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/**
 * One invoice of the active account: its number, status, dates, who it is billed to, its lines (with the period
 * each covers), subtotal, tax, total, credit applied, amount paid and balance, the payments made on it, and the
 * business's notes. "Download PDF" fetches the PDF through the SDK, so it also works in token mode, where a plain
 * link could not carry the session.
 *
 * An unpaid or overdue invoice can be paid here by someone who may change billing (others are told why not):
 * with the account's credit in the invoice's currency, by card (all of the balance or, with "Pay part", less),
 * or by following a bank transfer's instructions. The test gateway asks for a card (the test card numbers are
 * listed beside it) and may ask to authenticate the payment in a dialog; the Stripe-compatible gateway loads
 * its browser library only when used, and shows its card field. Every attempt to pay carries one
 * Idempotency-Key, reused when the same attempt is sent again, so a double click or "Try again" after a lost
 * answer never pays twice.
 *
 * @summary One invoice: lines, totals, payments, PDF, and paying it (card, credit, bank transfer).
 *
 * @attr invoice-id - The invoice to show (`inv_…`).
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @slot stripe-card - Used by the element itself: the Stripe-compatible card field cannot be mounted inside a
 * shadow root, so the element appends a `<div slot="stripe-card">` to its own light DOM for it while a card
 * payment needs it (and removes it after). Put your own element with `slot="stripe-card"` there to place or
 * style it. Shown inside another element's shadow root, it forwards the slot through that element, so the
 * container lands in the light DOM of the outermost element, in the page.
 *
 * @csspart base - The box around everything.
 * @csspart header - The title, status and "Download PDF".
 * @csspart title - The heading.
 * @csspart badge - A status (the invoice's, a payment's, "Test mode").
 * @csspart download - The "Download PDF" button.
 * @csspart dates - Issue, due and paid dates.
 * @csspart bill-to - Who the invoice is billed to.
 * @csspart lines - The table of lines and totals.
 * @csspart balance - The "Balance due" row.
 * @csspart payments - The table of payments.
 * @csspart notes - The business's notes.
 * @csspart pay - The "Pay this invoice" section.
 * @csspart credit - The account's credit and "Use credit".
 * @csspart use-credit - The "Use credit" button.
 * @csspart pay-form - The payment form.
 * @csspart gateways - The choice of how to pay.
 * @csspart gateway - One way to pay's radio button.
 * @csspart instructions - A bank transfer's instructions.
 * @csspart amount - How much is paid, and "Pay part".
 * @csspart card-form - The test gateway's card fields.
 * @csspart test-cards - The test card numbers.
 * @csspart field - A label, input, hint and error.
 * @csspart label - A field's label.
 * @csspart input - A field's input.
 * @csspart hint - A field's hint.
 * @csspart stripe - The Stripe-compatible card step.
 * @csspart stripe-card - The box around the Stripe-compatible card field.
 * @csspart dialog - The authentication dialog.
 * @csspart challenge-complete - The dialog's "Complete" button.
 * @csspart challenge-fail - The dialog's "Fail" button.
 * @csspart resume - "Authenticate" on a payment waiting for it.
 * @csspart pay-retry - "Try again" after a payment got no answer.
 * @csspart button - Buttons.
 * @csspart submit - The "Pay" button.
 * @csspart link - "Pay part" and "Pay the full balance".
 * @csspart empty - Shown without an `invoice-id`.
 * @csspart not-allowed - Shown to someone who may not see invoices, or may not pay them.
 * @csspart error - Error messages: beside fields (also `field-error`) and the alert (also `alert`).
 * @csspart field-error - The error beside a field.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while loading.
 * @csspart load-error - Shown when the invoice could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-invoice-width=52rem] - Maximum width.
 * @cssproperty --portal-invoice-padding - Padding inside the box.
 * @cssproperty --portal-invoice-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-invoice-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalPaidEvent} portal-paid - Money was paid towards the invoice; `event.detail` is `{ invoice, payment }`.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-invoice')
export class PortalInvoice extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, styles];

  /** The invoice to show. */
  @property({ attribute: 'invoice-id' }) invoiceId?: string;

  @state() private invoice?: Invoice;
  @state() private options?: PayOptions;
  @state() private gatewayId?: string;
  /** "Pay part" is open. */
  @state() private partial = false;
  @state() private downloading = false;
  /** The request to send again with "Try again" (its answer was lost). */
  @state() private retryRequest?: MoneyRequest;
  /** The payment whose authentication dialog is open. */
  @state() private challenge?: Payment;
  @state() private challengeError = '';
  @state() private stripeStep?: StripeStep;

  readonly #attempts = new PaymentAttempts();
  #stripe?: {
    instance: StripeInstance;
    card: StripeCardElement;
    container: HTMLElement;
    clientSecret: string;
  };

  readonly #load = this.loadTask(
    'getInvoice',
    () => [this.invoiceId],
    (client, session, [id]) =>
      id && this.#canRead(session) ? client.invoices.get(id) : Promise.resolve(initialState),
    (invoice) => {
      this.invoice = invoice;
    },
  );

  readonly #payOptions = this.loadTask(
    'paymentOptions',
    () => [this.invoice?.id, this.#payable] as const,
    async (client, _session, [id, payable]) => {
      if (!id || !payable) return initialState;
      const [gateways, credit] = await Promise.all([client.payments.gateways(), client.payments.credit()]);
      return { gateways, credit: credit.balances };
    },
    (options) => {
      this.options = options;
      if (!options.gateways.some((g) => g.id === this.gatewayId)) {
        this.gatewayId = (options.gateways.find((g) => g.kind === 'card') ?? options.gateways[0])?.id;
      }
    },
  );

  #canRead(session: Session | null): boolean {
    return !!session && grants(session.permissions, 'billing:read');
  }

  get #canWrite(): boolean {
    return !!this.session && grants(this.session.permissions, 'billing:write');
  }

  /** Whether the invoice shown can be paid by this person now. */
  get #payable(): boolean {
    const invoice = this.invoice;
    return !!invoice && isPayable(invoice.status) && invoice.balance > 0 && this.#canWrite;
  }

  get #gateway(): GatewayInfo | undefined {
    return this.options?.gateways.find((g) => g.id === this.gatewayId);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#closeStripe();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('invoiceId') && changed.get('invoiceId') !== undefined) this.#reset();
    super.willUpdate(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.challenge');
    if (dialog && !dialog.open) dialog.showModal();
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.#reset();
  }

  protected override describeFailure(error: unknown, fields: readonly string[]): ErrorDisplay {
    if (isPortalApiError(error, 'IDEMPOTENCY_IN_PROGRESS'))
      return { alert: this.t('invPayInProgress'), fields: {} };
    if (isPortalApiError(error, 'AMOUNT_INVALID') && this.partial) {
      return { alert: '', fields: { amount: error.detail ?? error.title } };
    }
    return describeAccountError(error, fields, this.t);
  }

  /** Drops everything about the invoice shown before: another one is shown, or someone else is signed in. */
  #reset() {
    this.#closeStripe();
    this.#attempts.finish();
    this.invoice = undefined;
    this.options = undefined;
    this.partial = false;
    this.retryRequest = undefined;
    this.challenge = undefined;
    this.challengeError = '';
    this.values = {};
    this.fieldErrors = {};
    this.alertMessage = '';
    this.notice = '';
  }

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${this.renderSession((session) =>
        this.#canRead(session)
          ? this.#renderContent()
          : html`<p part="not-allowed" class="not-allowed">${this.t('invNoAccess')}</p>`,
      )}
      ${this.renderMessages()}
    </div>`;
  }

  #renderContent(): unknown {
    if (!this.invoiceId) return html`<p part="empty" class="empty">${this.t('invNoInvoice')}</p>`;
    return this.renderTask(this.#load, this.invoice, (invoice) => this.#renderInvoice(invoice));
  }

  #money(amount: number, currency: string): string {
    return formatMoney(this.resolvedLocale, amount, currency);
  }

  #date(iso: string | null): TemplateResult | typeof nothing {
    return iso ? html`<time datetime=${iso}>${formatDate(this.resolvedLocale, iso)}</time>` : nothing;
  }

  #renderInvoice(invoice: Invoice): TemplateResult {
    const number = invoice.number ?? invoice.id;
    return html`<div part="header" class="header">
        <div class="heading">
          <h2 part="title" id="invoice-title" tabindex="-1">${this.t('invTitle', { number })}</h2>
          ${invoiceStatusBadge(invoice.status, this.t)}
        </div>
        <button
          part="button download"
          class="secondary"
          type="button"
          ?disabled=${this.downloading}
          @click=${this.#download}
        >
          ${this.downloading ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${this.t('invDownload')}
        </button>
      </div>
      <dl part="dates" class="dates">
        ${this.#dateItem('invIssued', invoice.issuedAt)}
        ${this.#dateItem('invDue', invoice.dueAt, invoice.status === 'overdue')}
        ${this.#dateItem('invPaidOn', invoice.paidAt)}
      </dl>
      ${this.#renderBillTo(invoice)} ${this.#renderLines(invoice)} ${this.#renderPayments(invoice)}
      ${
        invoice.notes.trim()
          ? html`<section part="notes" class="notes" aria-labelledby="notes-title">
              <h3 id="notes-title">${this.t('invNotes')}</h3>
              <p class="pre">${invoice.notes}</p>
            </section>`
          : nothing
      }
      ${isPayable(invoice.status) && invoice.balance > 0 ? this.#renderPaySection(invoice) : nothing}`;
  }

  #dateItem(
    key: 'invIssued' | 'invDue' | 'invPaidOn',
    iso: string | null,
    overdue = false,
  ): TemplateResult | typeof nothing {
    if (!iso) return nothing;
    return html`<div class=${overdue ? 'overdue' : ''}>
      <dt>${this.t(key)}</dt>
      <dd>${this.#date(iso)}${overdue ? html` ${badge(this.t('invStatusOverdue'), 'bad')}` : nothing}</dd>
    </div>`;
  }

  #renderBillTo(invoice: Invoice): TemplateResult {
    const { name, company, email, address } = invoice.billTo;
    const place = [address.postcode, address.city].filter(Boolean).join(' ');
    const lines = [
      name,
      company,
      address.line1,
      address.line2,
      place,
      address.state,
      address.country ? regionName(this.resolvedLocale, address.country) : '',
      email,
    ].filter((line): line is string => !!line?.trim());
    return html`<section part="bill-to" class="bill-to" aria-labelledby="bill-to-title">
      <h3 id="bill-to-title">${this.t('invBillTo')}</h3>
      <address>${lines.map((line, i) => html`${i ? html`<br />` : nothing}${line}`)}</address>
    </section>`;
  }

  #renderLines(invoice: Invoice): TemplateResult {
    const { currency } = invoice;
    const money = (amount: number) => this.#money(amount, currency);
    const lang = this.resolvedLocale;
    const rate = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(
      invoice.taxRateBps / 10_000,
    );
    const total = (label: string, amount: number, part?: string) =>
      html`<tr part=${ifDefined(part)} class=${part ?? ''}>
        <th scope="row" colspan="3">${label}</th>
        <td class="num">${money(amount)}</td>
      </tr>`;
    return html`<div class="table-wrap" role="region" aria-labelledby="items-caption" tabindex="0">
      <table part="lines" class="lines">
        <caption id="items-caption">${this.t('invItems')}</caption>
        <thead>
          <tr>
            <th scope="col">${this.t('invDescription')}</th>
            <th scope="col" class="num">${this.t('invQuantity')}</th>
            <th scope="col" class="num">${this.t('invUnitPrice')}</th>
            <th scope="col" class="num">${this.t('invAmount')}</th>
          </tr>
        </thead>
        <tbody>
          ${invoice.lines.map(
            (line) => html`<tr>
              <td>
                ${line.description}
                ${
                  line.periodStart && line.periodEnd
                    ? html`<span class="sub"
                        >${this.t('invPeriod', {
                          start: formatDate(lang, line.periodStart),
                          end: formatDate(lang, line.periodEnd),
                        })}</span
                      >`
                    : nothing
                }
              </td>
              <td class="num">${new Intl.NumberFormat(lang).format(line.quantity)}</td>
              <td class="num">${money(line.unitAmount)}</td>
              <td class="num">${money(line.amount)}</td>
            </tr>`,
          )}
        </tbody>
        <tfoot>
          ${total(this.t('invSubtotal'), invoice.subtotal)}
          ${invoice.taxName || invoice.tax ? total(this.t('invTaxRate', { name: invoice.taxName ?? '', rate }), invoice.tax) : nothing}
          ${total(this.t('invTotal'), invoice.total, 'total')}
          ${invoice.creditApplied ? total(this.t('invCreditApplied'), -invoice.creditApplied) : nothing}
          ${invoice.amountPaid ? total(this.t('invAmountPaid'), -invoice.amountPaid) : nothing}
          ${total(this.t('invBalanceDue'), invoice.balance, 'balance')}
        </tfoot>
      </table>
    </div>`;
  }

  #renderPayments(invoice: Invoice): TemplateResult | typeof nothing {
    if (!invoice.payments.length) return nothing;
    const resumable = (p: Payment) => p.status === 'pending' && p.action && this.#canWrite;
    return html`<div class="payments">
      <h3 id="payments-title">${this.t('invPayments')}</h3>
      <div class="table-wrap" role="region" aria-labelledby="payments-title" tabindex="0">
        <table part="payments">
          <thead>
            <tr>
              <th scope="col">${this.t('invPaymentDate')}</th>
              <th scope="col">${this.t('invPaymentMethod')}</th>
              <th scope="col">${this.t('invStatus')}</th>
              <th scope="col" class="num">${this.t('invAmount')}</th>
            </tr>
          </thead>
          <tbody>
            ${invoice.payments.map(
              (p) => html`<tr id=${p.id}>
                <td>${this.#date(p.createdAt)}</td>
                <td>
                  ${p.method ?? this.t('invPaymentUnknownMethod')}
                  ${p.failureMessage ? html`<span class="sub failure">${p.failureMessage}</span>` : nothing}
                </td>
                <td>
                  ${paymentStatusBadge(p.status, this.t)}
                  ${
                    resumable(p)
                      ? rowButton({
                          part: 'resume',
                          text: this.t('invResume'),
                          ariaLabel: this.t('invResumeName', { amount: this.#money(p.amount, p.currency) }),
                          disabled: this.busy,
                          onClick: () => void this.#resume(p),
                        })
                      : nothing
                  }
                </td>
                <td class="num">${this.#money(p.amount, p.currency)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </div>`;
  }

  #renderPaySection(invoice: Invoice): TemplateResult {
    return html`<section part="pay" class="card pay" aria-labelledby="pay-title">
      <h3 id="pay-title" tabindex="-1">${this.t('invPayTitle')}</h3>
      ${
        this.#canWrite
          ? this.renderTask(this.#payOptions, this.options, (options) => this.#renderPay(invoice, options))
          : html`<p part="not-allowed" class="not-allowed">${this.t('invPayNotAllowed')}</p>`
      }
      ${this.#renderChallenge()}
    </section>`;
  }

  #creditFor(invoice: Invoice): number {
    return this.options?.credit.find((c) => c.currency === invoice.currency)?.amount ?? 0;
  }

  #renderPay(invoice: Invoice, options: PayOptions): TemplateResult {
    const credit = this.#creditFor(invoice);
    return html`${
      credit > 0
        ? html`<div part="credit" class="credit">
            <p>${this.t('invCreditAvailable', { amount: this.#money(credit, invoice.currency), currency: invoice.currency })}</p>
            <button
              part="button use-credit"
              class="secondary"
              type="button"
              ?disabled=${this.busy || !!this.stripeStep}
              @click=${this.#useCredit}
            >
              ${this.t('invUseCredit', { amount: this.#money(credit, invoice.currency) })}
            </button>
          </div>`
        : nothing
    }
    ${
      options.gateways.length
        ? this.stripeStep
          ? this.#renderStripe(invoice, this.stripeStep)
          : this.#renderPayForm(invoice, options.gateways)
        : html`<p part="empty" class="empty">${this.t('invNoGateways')}</p>`
    }
    ${this.#renderRetry()}`;
  }

  #renderPayForm(invoice: Invoice, gateways: GatewayInfo[]): TemplateResult {
    const gateway = this.#gateway;
    return html`<form
      part="pay-form"
      class="pay-form"
      novalidate
      aria-labelledby="pay-title"
      aria-busy=${this.busy ? 'true' : 'false'}
      @submit=${this.#submitPay}
    >
      <fieldset part="gateways" class="gateways">
        <legend part="label">${this.t('invPayMethod')}</legend>
        ${gateways.map(
          (g) => html`<div class="gateway">
            <input
              part="gateway"
              type="radio"
              id=${`gateway-${g.id}`}
              name="gateway"
              value=${g.id}
              .checked=${live(g.id === this.gatewayId)}
              ?disabled=${this.busy}
              @change=${() => this.#pickGateway(g.id)}
            />
            <label for=${`gateway-${g.id}`}>${g.name}</label>
            ${g.testMode ? badge(this.t('invTestMode'), 'warn') : nothing}
          </div>`,
        )}
      </fieldset>
      ${gateway?.kind === 'offline' ? this.#renderOffline(invoice, gateway) : nothing}
      ${gateway?.kind === 'card' ? this.#renderCardPayment(invoice, gateway) : nothing}
    </form>`;
  }

  #renderOffline(invoice: Invoice, gateway: GatewayInfo): TemplateResult {
    return html`<div part="instructions" class="instructions">
      ${gateway.instructions ? html`<p class="pre">${gateway.instructions}</p>` : nothing}
      <p>${this.t('invOfflineReference', { number: invoice.number ?? invoice.id })}</p>
      <p>${this.t('invOfflineAmount', { amount: this.#money(invoice.balance, invoice.currency) })}</p>
      <p class="muted">${this.t('invOfflineNote')}</p>
    </div>`;
  }

  #renderCardPayment(invoice: Invoice, gateway: GatewayInfo): TemplateResult {
    const amount = this.#chosenAmount(invoice);
    const label =
      amount === undefined
        ? this.t('invPaySubmitPlain')
        : this.t('invPaySubmit', { amount: this.#money(amount, invoice.currency) });
    return html`<div part="amount" class="amount">
        ${
          this.partial
            ? html`${this.#renderAmountField(invoice)}
              ${linkButton(this.t('invPayFull'), this.#payFull, this.busy)}`
            : html`<p>${this.t('invPayingFull', { amount: this.#money(invoice.balance, invoice.currency) })}</p>
              ${linkButton(this.t('invPayPart'), this.#payPart, this.busy)}`
        }
      </div>
      ${
        gateway.testMode
          ? cardForm({
              values: this.values,
              errors: this.fieldErrors,
              disabled: this.busy,
              t: this.t,
              onInput: this.#onCardInput,
            })
          : nothing
      }
      <div class="actions">${submitButton(label, this.busy)}</div>`;
  }

  /** "Try again" for a money request whose answer was lost: it resends it with the same Idempotency-Key. */
  #renderRetry(): TemplateResult | typeof nothing {
    if (!this.retryRequest) return nothing;
    return html`<div class="retry">
      <button
        part="button pay-retry"
        class="secondary"
        type="button"
        aria-describedby="retry-hint"
        ?disabled=${this.busy}
        @click=${this.#retry}
      >
        ${this.t('invPayRetry')}
      </button>
      <p class="hint" id="retry-hint">${this.t('invPayRetryHint')}</p>
    </div>`;
  }

  #renderAmountField(invoice: Invoice): TemplateResult {
    const error = this.fieldErrors.amount;
    return html`<div part="field" class="field">
      <label part="label" for="amount">${this.t('invAmountLabel', { currency: invoice.currency })}</label>
      <input
        part="input"
        id="amount"
        name="amount"
        type="text"
        inputmode="decimal"
        autocomplete="off"
        spellcheck="false"
        .value=${live(this.values.amount ?? '')}
        ?disabled=${this.busy}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? 'amount-error amount-hint' : 'amount-hint'}
        @input=${this.onInput}
      />
      <p part="hint" class="hint" id="amount-hint">
        ${this.t('invAmountHint', { balance: this.#money(invoice.balance, invoice.currency) })}
      </p>
      ${error ? html`<p part="error field-error" class="field-error" id="amount-error">${error}</p>` : nothing}
    </div>`;
  }

  #renderStripe(invoice: Invoice, step: StripeStep): TemplateResult {
    const amount = this.#money(step.payment.amount, invoice.currency);
    return html`<div part="stripe" class="stripe" role="group" aria-labelledby="stripe-title">
      <h4 id="stripe-title" tabindex="-1">${this.t('invStripeTitle')}</h4>
      ${
        step.status === 'loading'
          ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${this.t('invStripeLoading')}</p>`
          : nothing
      }
      <div part="stripe-card" class="stripe-card">
        <slot name=${STRIPE_SLOT}></slot>
      </div>
      ${step.cardError ? html`<p part="error field-error" class="field-error">${step.cardError}</p>` : nothing}
      <div class="actions">
        ${
          step.status === 'error'
            ? html`<button part="button retry" class="secondary" type="button" @click=${() => void this.#startStripe(step.payment)}>
                ${this.t('retryLoad')}
              </button>`
            : html`<button
                part="button submit"
                class="primary"
                type="button"
                ?disabled=${this.busy || step.status !== 'ready'}
                @click=${this.#confirmStripe}
              >
                ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${this.t('invPaySubmit', { amount })}
              </button>`
        }
        <button part="button" class="secondary" type="button" ?disabled=${this.busy} @click=${this.#cancelStripe}>
          ${this.t('cancel')}
        </button>
      </div>
    </div>`;
  }

  #renderChallenge(): TemplateResult | typeof nothing {
    const payment = this.challenge;
    if (!payment) return nothing;
    return html`<dialog
      part="dialog"
      class="dialog challenge"
      aria-labelledby="challenge-title"
      aria-describedby="challenge-body"
      @close=${() => this.#challengeClosed(payment)}
    >
      <h2 id="challenge-title" class="dialog-title">${this.t('invChallengeTitle')}</h2>
      <p id="challenge-body">
        ${this.t('invChallengeBody', { amount: this.#money(payment.amount, payment.currency) })}
      </p>
      <p class="muted">${this.t('invChallengeTest')}</p>
      <p part="error field-error" class="field-error" role="alert">${this.challengeError || nothing}</p>
      <div class="actions">
        <button
          part="button challenge-fail"
          class="secondary"
          type="button"
          ?disabled=${this.busy}
          @click=${() => void this.#answerChallenge(payment, 'fail')}
        >
          ${this.t('invChallengeFail')}
        </button>
        <button
          part="button challenge-complete"
          class="primary"
          type="button"
          autofocus
          ?disabled=${this.busy}
          @click=${() => void this.#answerChallenge(payment, 'approve')}
        >
          ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${this.t('invChallengeComplete')}
        </button>
      </div>
    </dialog>`;
  }

  // ─── Actions ────────────────────────────────────────────────────────────────────────────────────────────

  /** The amount the form would pay: the balance, or the valid part typed; undefined while the part is not valid. */
  #chosenAmount(invoice: Invoice): number | undefined {
    if (!this.partial) return invoice.balance;
    return parseAmount(this.values.amount ?? '', invoice.currency, this.resolvedLocale, invoice.balance)
      .amount;
  }

  #amountProblem(problem: AmountProblem, invoice: Invoice): string {
    const { currency, balance } = invoice;
    const digits = minorDigits(currency);
    switch (problem) {
      case 'digits':
        return digits
          ? this.t('invAmountDigits', { currency, digits })
          : this.t('invAmountNoDecimals', { currency });
      case 'zero':
        return this.t('invAmountZero');
      case 'over':
        return this.t('invAmountOver', { balance: this.#money(balance, currency) });
      default:
        return this.t('invAmountInvalid', {
          example: moneyInputValue(balance, currency, this.resolvedLocale),
        });
    }
  }

  #pickGateway(id: string) {
    this.gatewayId = id;
    this.fieldErrors = {};
    this.alertMessage = '';
  }

  #payPart = () => {
    const invoice = this.invoice;
    if (!invoice) return;
    this.partial = true;
    this.values = {
      ...this.values,
      amount: moneyInputValue(invoice.balance, invoice.currency, this.resolvedLocale),
    };
    void this.focusField('amount');
  };

  #payFull = () => {
    this.partial = false;
    const { amount: _, ...rest } = this.fieldErrors;
    this.fieldErrors = rest;
    void this.focusPart('[part~="amount"] [part~="link"]');
  };

  #onCardInput = (event: Event) => {
    formatCardInput(event.target as HTMLInputElement);
    this.onInput(event);
  };

  #submitPay = async (event: SubmitEvent) => {
    event.preventDefault();
    const invoice = this.invoice;
    const gateway = this.#gateway;
    if (this.busy || !invoice || gateway?.kind !== 'card') return;
    const errors: Record<string, string> = {};
    let amount = invoice.balance;
    if (this.partial) {
      const parsed = parseAmount(
        this.values.amount ?? '',
        invoice.currency,
        this.resolvedLocale,
        invoice.balance,
      );
      if (parsed.problem) errors.amount = this.#amountProblem(parsed.problem, invoice);
      else amount = parsed.amount;
    }
    if (gateway.testMode) {
      for (const [name, key] of Object.entries(checkCard(this.values))) errors[name] = this.t(key);
    }
    this.fieldErrors = errors;
    this.alertMessage = '';
    const first = PAY_FIELDS.find((name) => errors[name]);
    if (first) return void this.focusField(first);
    const body: PayInvoiceInput = {
      gateway: gateway.id,
      amount,
      ...(gateway.testMode ? { card: cardInput(this.values) } : {}),
    };
    await this.#send({ kind: 'pay', body });
  };

  #useCredit = () => void this.#send({ kind: 'credit', body: {} });

  #retry = () => {
    if (this.retryRequest) void this.#send(this.retryRequest);
  };

  /**
   * Sends a money request with its attempt's Idempotency-Key. A lost answer keeps the attempt (and its key) for
   * "Try again"; before a different request after a lost answer, the invoice is read again, in case the lost one
   * went through.
   */
  async #send(request: MoneyRequest): Promise<void> {
    const invoice = this.invoice;
    if (this.busy || !invoice) return;
    const what = `${request.kind} ${invoice.id}`;
    if (this.#attempts.uncertain && !this.#attempts.isOpen(what, request.body)) {
      if (!(await this.#unchangedSinceLostAnswer(invoice))) return;
    }
    const key = this.#attempts.keyFor(what, request.body);
    let failure: unknown;
    let answer: Payment | Invoice | undefined;
    const ok = await this.attempt(
      request.kind === 'pay' ? 'payInvoice' : 'applyCredit',
      PAY_FIELDS,
      async (client) => {
        try {
          answer =
            request.kind === 'pay'
              ? await client.invoices.pay(invoice.id, request.body, { idempotencyKey: key })
              : await client.invoices.applyCredit(invoice.id, request.body, { idempotencyKey: key });
        } catch (error) {
          failure = error;
          throw error;
        }
      },
    );
    if (!ok || !answer) {
      this.#attempts.fail(failure);
      this.retryRequest = this.#attempts.uncertain ? request : undefined;
      if (isPortalApiError(failure, 'INVOICE_NOT_PAYABLE')) void this.#reload();
      if (isPortalApiError(failure, 'INSUFFICIENT_CREDIT')) void this.#payOptions.run();
      return;
    }
    this.#attempts.finish();
    this.retryRequest = undefined;
    if (request.kind === 'credit') await this.#creditApplied(invoice, answer as Invoice);
    else await this.#paymentAnswered(answer as Payment);
  }

  /** Reads the invoice again after a lost answer; false (and shows the change) when a payment got through. */
  async #unchangedSinceLostAnswer(before: Invoice): Promise<boolean> {
    let fresh: Invoice | undefined;
    await this.attempt('getInvoice', [], async (client) => {
      fresh = await client.invoices.get(before.id);
    });
    if (!fresh) return false;
    this.#attempts.finish();
    this.retryRequest = undefined;
    const changed =
      fresh.balance !== before.balance ||
      fresh.status !== before.status ||
      fresh.payments.length !== before.payments.length;
    if (changed) {
      this.invoice = fresh;
      this.alertMessage = this.t('invPayChanged');
    }
    return !changed;
  }

  async #creditApplied(before: Invoice, invoice: Invoice) {
    this.invoice = invoice;
    const used = invoice.creditApplied - before.creditApplied;
    this.notice = this.t('invCreditUsed', {
      amount: this.#money(used, invoice.currency),
      balance: this.#money(invoice.balance, invoice.currency),
    });
    this.emit(new PortalPaidEvent({ invoice, payment: null }));
    if (this.#payable) void this.#payOptions.run();
    void this.focusPart(this.#payable ? '#pay-title' : '#invoice-title');
  }

  /** Acts on a payment's answer: paid, failed (the form stays for another try), or a step still to do. */
  async #paymentAnswered(payment: Payment): Promise<void> {
    if (payment.status === 'succeeded') return this.#paid(payment);
    if (payment.status === 'failed') {
      this.alertMessage = payment.failureMessage || this.t('invPayFailedFallback');
      void this.#reload();
      void this.focusPart('button[type="submit"]');
      return;
    }
    if (payment.status === 'pending' && payment.action?.type === 'test_challenge') {
      this.challengeError = '';
      this.challenge = payment;
      return;
    }
    if (payment.status === 'pending' && payment.action?.type === 'stripe') return this.#startStripe(payment);
    this.notice = this.t('invPayProcessing');
    void this.#reload();
  }

  async #paid(payment: Payment): Promise<void> {
    this.values = {};
    this.partial = false;
    this.fieldErrors = {};
    const invoice = (await this.#reload()) ?? this.invoice;
    this.notice = this.t('invPaid', { amount: this.#money(payment.amount, payment.currency) });
    if (invoice) this.emit(new PortalPaidEvent({ invoice, payment }));
    void this.focusPart(this.#payable ? '#pay-title' : '#invoice-title');
  }

  /** Reads the invoice again without a spinner; the one shown stays if that fails. */
  async #reload(): Promise<Invoice | undefined> {
    const client = this.client;
    const id = this.invoice?.id;
    if (!client || !id) return undefined;
    try {
      const fresh = await client.invoices.get(id);
      if (this.invoice?.id === id) this.invoice = fresh;
      return fresh;
    } catch (error) {
      this.emit(new PortalErrorEvent({ action: 'getInvoice', error }));
      return undefined;
    }
  }

  /** Opens the step a pending payment is waiting for (the payments list's "Authenticate"). */
  async #resume(payment: Payment): Promise<void> {
    this.alertMessage = '';
    this.notice = '';
    if (payment.action?.type === 'test_challenge') {
      this.challengeError = '';
      this.challenge = payment;
    } else if (payment.action?.type === 'stripe') {
      await this.#startStripe(payment);
    }
  }

  async #answerChallenge(payment: Payment, outcome: 'approve' | 'fail'): Promise<void> {
    if (this.busy) return;
    const client = this.client;
    if (!client) return;
    this.busy = true;
    this.challengeError = '';
    let answer: Payment | undefined;
    try {
      answer = await client.payments.confirm(payment.id, { outcome });
    } catch (error) {
      this.emit(new PortalErrorEvent({ action: 'confirmPayment', error }));
      if (!isPortalApiError(error, 'PAYMENT_NOT_PENDING')) {
        this.challengeError = describeAccountError(error, [], this.t).alert;
        return;
      }
      // Answered already (an earlier try whose answer was lost): the invoice says how it ended.
      const fresh = await this.#reload();
      answer = fresh?.payments.find((p) => p.id === payment.id);
    } finally {
      this.busy = false;
    }
    this.#closeChallenge();
    if (answer) await this.#paymentAnswered(answer);
  }

  /** Closes the dialog after an answer (focus goes back where it was before it opened). */
  #closeChallenge() {
    this.challenge = undefined;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.challenge[open]')?.close();
  }

  /** Escape closed the dialog unanswered: the payment waits, and the payments list offers to finish it. */
  #challengeClosed(payment: Payment) {
    if (this.challenge !== payment) return;
    this.challenge = undefined;
    this.notice = this.t('invChallengeWaiting');
    void this.#reload();
  }

  async #startStripe(payment: Payment): Promise<void> {
    const action = payment.action;
    if (action?.type !== 'stripe') return;
    this.#closeStripe();
    const step: StripeStep = { payment, status: 'loading', cardError: '' };
    this.stripeStep = step;
    void this.focusPart('#stripe-title');
    try {
      const instance = await loadStripe(action.jsUrl, action.publishableKey);
      if (this.stripeStep !== step) return;
      await this.updateComplete;
      const container = stripeContainer(this);
      const card = instance.elements().create('card', { style: cardStyle(this) });
      card.mount(container);
      card.on('change', (event) => {
        if (this.stripeStep?.payment === payment) {
          this.stripeStep = { ...this.stripeStep, cardError: event.error?.message ?? '' };
        }
      });
      this.#stripe = { instance, card, container, clientSecret: action.clientSecret };
      this.stripeStep = { ...step, status: 'ready' };
    } catch (error) {
      if (this.stripeStep !== step) return;
      this.stripeStep = { ...step, status: 'error' };
      this.alertMessage = this.t('invStripeLoadFailed');
      this.emit(new PortalErrorEvent({ action: 'loadStripe', error }));
    }
  }

  #confirmStripe = async () => {
    const stripe = this.#stripe;
    const step = this.stripeStep;
    if (!stripe || !step || this.busy) return;
    let declined = '';
    let answer: Payment | undefined;
    await this.attempt('confirmPayment', [], async (client) => {
      const result = await stripe.instance.confirmCardPayment(stripe.clientSecret, {
        payment_method: { card: stripe.card },
      });
      if (result.error) {
        declined = result.error.message || this.t('invPayFailedFallback');
        return;
      }
      answer = await client.payments.confirm(step.payment.id);
    });
    if (declined) {
      // The card field stays for another try (another card, or the same after the bank's check).
      this.alertMessage = declined;
      return;
    }
    if (!answer) return;
    this.#closeStripe();
    if (answer.status === 'pending') {
      this.notice = this.t('invPayProcessing');
      void this.#reload();
      return;
    }
    await this.#paymentAnswered(answer);
  };

  #cancelStripe = () => {
    this.#closeStripe();
    this.alertMessage = '';
    void this.#reload();
    void this.focusPart('button[type="submit"]');
  };

  /** Unmounts the card field and removes its container. */
  #closeStripe() {
    const stripe = this.#stripe;
    this.#stripe = undefined;
    this.stripeStep = undefined;
    if (!stripe) return;
    try {
      stripe.card.destroy();
    } finally {
      removeStripeContainer(stripe.container);
    }
  }

  #download = async () => {
    const invoice = this.invoice;
    const client = this.client;
    if (!invoice || !client || this.downloading) return;
    this.downloading = true;
    this.alertMessage = '';
    try {
      const pdf = await client.invoices.pdf(invoice.id);
      const url = URL.createObjectURL(pdf);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${(invoice.number ?? invoice.id).replace(/[\\/:*?"<>|\s]+/g, '-')}.pdf`;
      link.hidden = true;
      this.renderRoot.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), PDF_URL_LIFETIME_MS);
    } catch (error) {
      this.alertMessage = describeAccountError(error, [], this.t).alert;
      this.emit(new PortalErrorEvent({ action: 'invoicePdf', error }));
    } finally {
      this.downloading = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-invoice': PortalInvoice;
  }
  interface GlobalEventHandlersEventMap {
    'portal-paid': PortalPaidEvent;
  }
}
