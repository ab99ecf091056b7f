import { initialState, Task, TaskStatus } from '@lit/task';
import {
  type BillingCycle,
  type Catalog,
  type DomainOrderItemInput,
  domainToUnicode,
  grants,
  type Invoice,
  isPortalApiError,
  type Order,
  type OrderInput,
  type OrderItemInput,
  type Product,
  type Quote,
  type QuoteInput,
  parseDomainName,
  type TermPrice,
  type TldList,
} from '@portico/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { accountLoadError, describeAccountError } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { badge, textField } from '../../lib/fields.js';
import {
  besideOrAlert,
  type ErrorDisplay,
  serverWords,
  splitFieldErrors,
  type Translate,
} from '../../lib/form.js';
import { formatMoney } from '../../lib/format.js';
import { newIdempotencyKey } from '../../lib/idempotency-key.js';
import { isFinal } from '../../lib/load-error.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import * as commerceEn from '../../lib/locales/commerce-en.js';
import * as commerceEs from '../../lib/locales/commerce-es.js';
import { domainSearch as domainSearchEn } from '../../lib/locales/domain-search-en.js';
import { domainSearch as domainSearchEs } from '../../lib/locales/domain-search-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { PortalElement } from '../../lib/portal-element.js';
import { guestOrAccount, isSectionOff } from '../../lib/public-section.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import '../invoice/invoice.js';
import '../login/login.js';
import '../register/register.js';
import { asCycle, CYCLE_KEYS, paragraphs, priceLabel } from '../store/cycles.js';
import {
  clearDomainCart,
  domainParam,
  EPP_CODE_MAX,
  parseDomainParams,
  stashedEppCodes,
  tldOf,
} from './domain-items.js';
import styles from './order-form.styles.js';

addMessages('en', en.account, commerceEn.commerce, domainSearchEn);
addMessages('es', es.account, commerceEs.commerce, domainSearchEs);

/** What was ordered: the order, and its unpaid invoice. */
export interface PortalOrderPlacedDetail {
  order: Order;
  invoice: Invoice;
}

/**
 * An order was placed. `detail` is `{ order, invoice }`. `preventDefault()` keeps the form from showing its
 * confirmation and the invoice, e.g. to go to the site's own invoice page.
 *
 * @example
 * ```js
 * document.addEventListener('portal-order-placed', (event) => {
 *   event.preventDefault();
 *   location.href = `/invoices#invoice/${event.detail.invoice.id}`;
 * });
 * ```
 */
export class PortalOrderPlacedEvent extends Event {
  static readonly eventName = 'portal-order-placed';
  readonly detail: PortalOrderPlacedDetail;
  constructor(detail: PortalOrderPlacedDetail) {
    super(PortalOrderPlacedEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

/** Where the selection waits in `sessionStorage` while the person signs in, signs up or reloads. */
const STORAGE_KEY = 'portico:order';
/** How long typing or picking must pause before the server is asked for a new price. */
const QUOTE_DELAY_MS = 250;
/** The form fields a server error can be about. */
const FIELDS = ['cycle', 'quantity', 'acceptTerms'] as const;

/** A domain being ordered. */
interface DomainLine {
  /** ASCII. */
  domain: string;
  action: 'register' | 'transfer';
  years: number;
  /** A transfer's EPP code as typed. */
  eppCode: string;
}

/** The selection being ordered. */
interface Selection {
  /** What was asked for (attributes or URL): a different ask starts a new selection. */
  request: string;
  product: string;
  cycle: BillingCycle | undefined;
  quantity: string;
  /** A guest's currency. */
  currency: string | undefined;
  /** The domains to register or transfer. */
  domains: DomainLine[];
  /** The order being placed: its body and Idempotency-Key, kept for a retry. */
  attempt?: { body: string; key: string } | undefined;
}

function readStored(): Selection | undefined {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Selection | null;
    if (!stored || typeof stored.product !== 'string') return undefined;
    return { ...stored, domains: Array.isArray(stored.domains) ? stored.domains : [] };
  } catch {
    return undefined;
  }
}

function writeStored(selection: Selection | undefined): void {
  try {
    if (selection) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(selection));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage is off (private mode, a sandboxed frame): the selection then lasts as long as the page.
  }
}

/** The order codes this form explains in the reader's language, and the field each is about. */
const CODES: Partial<Record<string, { key: MessageKey; field?: (typeof FIELDS)[number] }>> = {
  TERMS_NOT_ACCEPTED: { key: 'orderErrorTerms', field: 'acceptTerms' },
  PRODUCT_UNAVAILABLE: { key: 'orderErrorUnavailable', field: 'cycle' },
  OUT_OF_STOCK: { key: 'orderErrorOutOfStock' },
  CURRENCY_NOT_ENABLED: { key: 'errorCurrencyNotEnabled' },
  DOMAIN_UNAVAILABLE: { key: 'orderErrorDomainUnavailable' },
  TLD_NOT_OFFERED: { key: 'orderErrorTldNotOffered' },
  PRICE_UNAVAILABLE: { key: 'orderErrorPriceUnavailable' },
};

/** The domain items asked for through the `domains` property: ASCII names, bad ones dropped, each domain once. */
function domainsFrom(items: readonly DomainOrderItemInput[]): DomainOrderItemInput[] {
  const valid: DomainOrderItemInput[] = [];
  for (const item of items) {
    const parsed = parseDomainName(item.domain);
    if (!parsed.ok || valid.some((v) => v.domain === parsed.ascii)) continue;
    valid.push({ ...item, domain: parsed.ascii });
  }
  return valid;
}

/** Explains a failed quote or order: known codes in the reader's language, field errors (`items.0.quantity`) beside their field. */
function describeOrderError(error: unknown, shownFields: readonly string[], t: Translate): ErrorDisplay {
  if (!isPortalApiError(error) || error.status === 429) return describeAccountError(error, [], t);
  const known = CODES[error.code];
  if (known)
    return besideOrAlert(
      t(known.key),
      known.field && shownFields.includes(known.field) ? known.field : undefined,
    );
  if (error.code !== 'VALIDATION_FAILED') return describeAccountError(error, [], t);
  const { shown, rest } = splitFieldErrors(error, (path) =>
    shownFields.find((name) => path === name || path.endsWith(`.${name}`)),
  );
  return serverWords(error, shown, rest);
}

/** A tax rate in basis points as a percentage: 2100 → "21%". */
const percent = (lang: string, bps: number) =>
  new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(bps / 10_000);

/**
 * Orders one product: the product with its description, a billing cycle to pick, the quantity (for products that
 * are not hosting), the price as the server quotes it (lines, tax with its name and rate, total; asked again on
 * every change and never shown once the choice changed), the Terms of Service to accept when the business has them,
 * and "Place order".
 *
 * The product, cycle and currency come from the attributes, else from the page's `?product=&cycle=&currency=`
 * (what `<portal-store order-href>` links to). The selection is kept in `sessionStorage`, so a reload or signing up
 * (with its emailed code) continues where it was.
 *
 * Domains can be ordered with a product or on their own: from the `domains` property, else from the page's
 * `?domain=register:example.com:1&domain=transfer:example.net:1` (what `<domain-search order-href>` links to). Each
 * shows as a line with its period (priced from the business's TLD list) and a way to remove it; a transfer asks for
 * its EPP code, filled in from the cart `<domain-search>` left in `sessionStorage` (`portico:domain-cart`) when the
 * search was on this origin. The quote and the order carry the domains.
 *
 * Signed out, it explains that ordering needs an account and shows `<portal-login>`, with a switch to
 * `<portal-register>`; once signed in, the form continues with the same selection. Placing the order sends only
 * what was picked (never a price) with one Idempotency-Key per attempt, reused if the same order is sent again after
 * a failure, so a retry never orders twice. Then it fires `portal-order-placed` and shows the invoice
 * (`<portal-invoice>`), ready to pay.
 *
 * @summary Order form: cycle, quantity, server quote, terms, sign in inline, place order, then the invoice.
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart title - The product's name.
 * @csspart description - The product's description.
 * @csspart badge - "Out of stock".
 * @csspart form - The order form.
 * @csspart cycles - The billing cycle choice.
 * @csspart cycle - One cycle's radio button.
 * @csspart field - A label, input, hint and error.
 * @csspart label - A field's label.
 * @csspart input - The quantity input, a domain's period select and EPP code input.
 * @csspart hint - A field's hint.
 * @csspart domains - The domains being ordered.
 * @csspart domain-line - One domain: its name, period, EPP code (transfers) and "Remove".
 * @csspart domain-name - A domain's name.
 * @csspart remove - A domain's "Remove" button (also `button`).
 * @csspart quote - The price summary.
 * @csspart quote-lines - The summary's table.
 * @csspart total - The total line.
 * @csspart quoting - Shown while the price is worked out.
 * @csspart quote-error - Why the price could not be worked out.
 * @csspart terms - The Terms of Service checkbox.
 * @csspart checkbox - The checkbox.
 * @csspart terms-link - The link to the Terms of Service.
 * @csspart place - The "Place order" button (also `submit`).
 * @csspart button - Buttons.
 * @csspart submit - The "Place order" button.
 * @csspart not-allowed - Shown to someone whose role may not order.
 * @csspart account - The sign-in step shown when signed out.
 * @csspart login - The `<portal-login>` of that step.
 * @csspart register - The `<portal-register>` of that step.
 * @csspart switch - The button switching between signing in and signing up.
 * @csspart confirmation - The confirmation once the order is placed.
 * @csspart invoice - The `<portal-invoice>` of the confirmation.
 * @csspart empty - Shown when no product or domain was given.
 * @csspart unavailable - Shown when the product is not in the store.
 * @csspart link - The link to the store.
 * @csspart error - Error messages: beside fields (also `field-error`) and the alert (also `alert`).
 * @csspart field-error - The error beside a field.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the product loads.
 * @csspart load-error - Shown when the product could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 *
 * @cssproperty [--portal-order-form-width=44rem] - Maximum width.
 * @cssproperty --portal-order-form-padding - Padding inside the box.
 * @cssproperty --portal-order-form-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-order-form-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalOrderPlacedEvent} portal-order-placed - The order was placed; `event.detail` is `{ order, invoice }`.
 * Cancelable: `preventDefault()` keeps the form from showing its confirmation and the invoice.
 * @event {PortalSignedInEvent} portal-signed-in - Someone signed in with the inline sign-in or sign-up form.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-order-form')
export class PortalOrderForm extends PortalElement {
  static override styles = [hostStyles, formStyles, accountStyles, styles];

  /** The product's slug or id; else the page's `?product=`. */
  @property() product?: string;
  /** The billing cycle to start with; else the page's `?cycle=`, else the product's first. */
  @property() cycle?: string;
  /** The currency a guest sees prices in; else the page's `?currency=`. Signed in, the account's currency is used. */
  @property() currency?: string;
  /**
   * Domains to order (with the product, or alone); else the page's `?domain=` parameters. A transfer without an
   * `eppCode` asks for it.
   */
  @property({ attribute: false }) domains?: DomainOrderItemInput[];
  /** Where "Go to the store" leads when there is no product to order. */
  @property({ attribute: 'store-href' }) storeHref?: string;

  @state() private selection?: Selection;
  @state() private acceptTerms = false;
  @state() private quote?: { key: string; value: Quote };
  @state() private quoteFailure?: { key: string; error: unknown };
  @state() private placed?: PortalOrderPlacedDetail;
  /** The sign-up form is shown instead of the sign-in form. */
  @state() private signUp = false;

  /** The quote asked for last (its key), and the counter that drops answers to older asks. */
  #quotedKey = '';
  #quoteSeq = 0;
  #quoteTimer: ReturnType<typeof setTimeout> | undefined;
  /** Signed out at the last update: once the inline sign-in finishes, focus goes to the order. */
  #wasSignedOut = false;
  #focusOrder = false;
  /** The account the confirmation was shown for. */
  #placedFor: string | undefined;

  readonly #catalog = new Task(this, {
    args: () => [this.client, this.#sessionKey, this.#currency] as const,
    task: async ([client, key, currency]) => {
      if (!client || key === undefined) return initialState;
      return client.store.catalog(currency ? { currency } : {});
    },
    onError: (error) => {
      // Domains alone need no store: a hidden one is no failure then.
      if (!(isSectionOff(error) && !this.selection?.product)) {
        this.emit(new PortalErrorEvent({ action: 'catalog', error }));
      }
    },
  });

  /** The TLDs and their prices, when domains are ordered. */
  readonly #tldList = new Task(this, {
    args: () => [this.client, this.#sessionKey, this.#currency, !!this.selection?.domains.length] as const,
    task: async ([client, key, currency, wanted]) => {
      if (!client || key === undefined || !wanted) return initialState;
      return client.domains.tlds(currency ? { currency } : {});
    },
    onError: (error) => {
      if (!isSectionOff(error)) this.emit(new PortalErrorEvent({ action: 'domainTlds', error }));
    },
  });

  /** The guest or the active account; undefined while the session loads. */
  get #sessionKey(): string | undefined {
    return guestOrAccount(this.sessionState);
  }

  get #signedIn(): boolean {
    return !!this.sessionState.session;
  }

  /** The currency asked for: a guest's; signed in, none (the account's). */
  get #currency(): string | undefined {
    return this.#signedIn ? undefined : this.selection?.currency;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#quoteTimer);
    this.#quotedKey = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (
      !this.selection ||
      changed.has('product') ||
      changed.has('cycle') ||
      changed.has('currency') ||
      changed.has('domains')
    ) {
      this.#startSelection();
    }
    const signedOut = !this.#signedIn && this.sessionState.status !== 'loading';
    if (this.#wasSignedOut && this.#signedIn) this.#focusOrder = true;
    this.#wasSignedOut = signedOut;
    // Someone signed out or switched account: the confirmation (and its invoice) was not theirs.
    if (this.placed && this.#sessionKey !== undefined && this.#sessionKey !== this.#placedFor) {
      this.placed = undefined;
      this.acceptTerms = false;
    }
  }

  protected override updated(): void {
    // The sign-in form is gone with the focus in it: continue at the order, once it is shown again.
    const title = this.#focusOrder ? this.renderRoot.querySelector<HTMLElement>('#order-title') : null;
    if (title) {
      this.#focusOrder = false;
      title.focus();
    }
    // Ask for a price whenever what would be ordered changed (or who orders it: tax follows the account).
    const input = this.#quoteInput();
    const key = this.#currentKey(input);
    if (key === this.#quotedKey) return;
    this.#quotedKey = key;
    clearTimeout(this.#quoteTimer);
    if (input) this.#quoteTimer = setTimeout(() => void this.#fetchQuote(input, key), QUOTE_DELAY_MS);
  }

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${this.#renderContent()} ${this.renderMessages()}
    </div>`;
  }

  #renderContent(): unknown {
    if (!this.client) return html`<p part="load-error" class="load-error">${this.t('notConfigured')}</p>`;
    if (this.placed) return this.#renderPlaced(this.placed);
    const selection = this.selection;
    if (!selection?.product && !selection?.domains.length) {
      return html`<div part="empty" class="empty">
        <p>${this.t('orderNoProduct')}</p>
        ${this.#storeLink()}
      </div>`;
    }
    const task = this.#catalog;
    // Domains alone need no store: a hidden store (404) only means no Terms of Service to show from it.
    const noStore = task.status === TaskStatus.ERROR && isSectionOff(task.error) && !selection.product;
    if (task.status === TaskStatus.ERROR && !noStore) {
      return accountLoadError(task.error, () => void task.run(), this.t);
    }
    const tlds = this.#tldList;
    const wantsTlds = selection.domains.length > 0;
    if (wantsTlds && tlds.status === TaskStatus.ERROR && !isSectionOff(tlds.error)) {
      return accountLoadError(tlds.error, () => void tlds.run(), this.t);
    }
    const catalog = noStore ? null : task.value;
    const tldsLoading =
      wantsTlds && (tlds.status === TaskStatus.PENDING || tlds.status === TaskStatus.INITIAL);
    if (
      (!catalog && !noStore) ||
      task.status === TaskStatus.PENDING ||
      tldsLoading ||
      this.#sessionKey === undefined
    ) {
      return this.renderLoading();
    }
    const product = catalog ? this.#productIn(catalog) : undefined;
    if (selection.product && !product && !wantsTlds) {
      return html`<div part="unavailable" class="empty">
        <p>${this.t('orderUnavailable')}</p>
        ${this.#storeLink()}
      </div>`;
    }
    return this.#renderForm(catalog ?? null, product, selection);
  }

  #storeLink() {
    return this.storeHref
      ? html`<a part="link" class="primary" href=${this.storeHref}>${this.t('orderGoToStore')}</a>`
      : nothing;
  }

  #renderForm(catalog: Catalog | null, product: Product | undefined, selection: Selection): TemplateResult {
    const session = this.sessionState.session;
    const canOrder = !session || grants(session.permissions, 'billing:write');
    const quoteShown = this.#currentQuote() !== undefined;
    // An out-of-stock product cannot be ordered, with or without domains.
    const orderable = !product || product.inStock;
    const termsUrl = catalog?.termsUrl ?? null;
    return html`<form
      part="form"
      novalidate
      aria-labelledby="order-title"
      aria-busy=${this.busy ? 'true' : 'false'}
      @submit=${this.#place}
    >
      <div class="product-head">
        <h2 part="title" id="order-title" tabindex="-1">${product ? product.name : this.t('orderDomainsTitle')}</h2>
        ${product && !product.inStock ? badge(this.t('storeOutOfStock'), 'bad') : nothing}
      </div>
      ${
        product
          ? html`<div part="description" class="description">
                ${paragraphs(product.description).map((p) => html`<p>${p}</p>`)}
              </div>
              ${this.#renderCycles(product)}
              ${
                product.type === 'hosting'
                  ? nothing
                  : textField({
                      name: 'quantity',
                      label: this.t('orderQuantity'),
                      type: 'number',
                      inputmode: 'numeric',
                      value: selection.quantity,
                      hint: this.t('orderQuantityHint'),
                      error: this.fieldErrors.quantity ?? this.#quantityError(selection),
                      required: true,
                      onInput: this.#onQuantity,
                    })
              }`
          : selection.product
            ? html`<p part="unavailable" class="empty">${this.t('orderUnavailable')}</p>`
            : nothing
      }
      ${selection.domains.length ? this.#renderDomains(selection.domains) : nothing}
      ${orderable ? this.#renderQuote() : nothing}
      ${
        orderable && session && !canOrder
          ? html`<p part="not-allowed" class="not-allowed">${this.t('orderNotAllowed')}</p>`
          : nothing
      }
      ${
        orderable && session && canOrder
          ? html`${termsUrl ? this.#renderTerms(termsUrl) : nothing}
              <div class="actions">
                <button part="button submit place" class="primary" type="submit" ?disabled=${this.busy || !quoteShown}>
                  ${this.busy ? html`<span class="spinner" part="spinner" aria-hidden="true"></span>` : nothing}
                  ${this.t('orderPlace')}
                </button>
              </div>`
          : nothing
      }
    </form>
    ${orderable && !session ? this.#renderAccountStep() : nothing}`;
  }

  #renderDomains(lines: DomainLine[]): TemplateResult {
    const lang = this.resolvedLocale;
    const list = this.#tlds();
    return html`<fieldset part="domains" class="domains">
      <legend part="label">${this.t('orderDomains')}</legend>
      <ul class="domain-lines" role="list">
        ${lines.map((line, index) => {
          const name = domainToUnicode(line.domain);
          const terms = this.#termsOf(line, list);
          const yearsId = `domain-${index}-years`;
          const codeName = `domains.${index}.eppCode`;
          const codeError = this.fieldErrors[codeName] ?? this.#codeError(line);
          return html`<li part="domain-line" class="domain-line" data-domain=${line.domain}>
            <div class="domain-head">
              <span part="domain-name" class="name" id=${`domain-${index}-name`}>${name}</span>
              <span class="sub">
                ${this.t(line.action === 'register' ? 'orderDomainRegister' : 'orderDomainTransfer')}
              </span>
            </div>
            ${
              terms.length
                ? html`<div part="field" class="field">
                    <label part="label" for=${yearsId}>${this.t('orderDomainPeriod', { name })}</label>
                    <select
                      part="input years"
                      id=${yearsId}
                      name=${`domains.${index}.years`}
                      .value=${live(String(line.years))}
                      @change=${(event: Event) =>
                        this.#updateDomain(index, {
                          years: Number((event.target as HTMLSelectElement).value),
                        })}
                    >
                      ${terms.map(
                        (term) =>
                          html`<option value=${term.years} ?selected=${term.years === line.years}>
                            ${this.t('domainTermPrice', {
                              term: this.t(term.years === 1 ? 'domainYearsOne' : 'domainYearsMany', {
                                count: term.years,
                              }),
                              price: formatMoney(lang, term.amount, list?.currency ?? ''),
                            })}
                          </option>`,
                      )}
                    </select>
                  </div>`
                : html`<p part="error field-error" class="field-error">${this.t('orderDomainNotOffered')}</p>`
            }
            ${
              line.action === 'transfer'
                ? textField({
                    name: codeName,
                    label: this.t('domainEppCodeFor', { name }),
                    value: line.eppCode,
                    hint: this.t('domainEppCodeHint'),
                    error: codeError,
                    required: true,
                    maxlength: EPP_CODE_MAX,
                    onInput: (event) => this.#onCode(index, (event.target as HTMLInputElement).value),
                  })
                : nothing
            }
            <div class="actions">
              <button
                part="button remove"
                class="secondary small"
                type="button"
                aria-label=${this.t('domainRemoveName', { name })}
                @click=${() => this.#removeDomain(index)}
              >
                ${this.t('domainRemove')}
              </button>
            </div>
          </li>`;
        })}
      </ul>
    </fieldset>`;
  }

  #renderCycles(product: Product): TemplateResult {
    const lang = this.resolvedLocale;
    const cycle = this.#cycleOf(product);
    const error = this.fieldErrors.cycle;
    return html`<fieldset part="cycles" class="cycles" aria-describedby=${error ? 'cycle-error' : nothing}>
      <legend part="label">${this.t('orderCycle')}</legend>
      ${product.prices.map(
        (price) => html`<div class="cycle">
          <input
            part="cycle"
            type="radio"
            id=${`cycle-${price.cycle}`}
            name="cycle"
            value=${price.cycle}
            .checked=${live(price.cycle === cycle)}
            @change=${() => this.#update({ cycle: price.cycle })}
          />
          <label for=${`cycle-${price.cycle}`}>
            ${this.t(CYCLE_KEYS[price.cycle])}
            <span class="sub">${priceLabel(this.t, lang, price)}</span>
          </label>
        </div>`,
      )}
      ${error ? html`<p part="error field-error" class="field-error" id="cycle-error">${error}</p>` : nothing}
    </fieldset>`;
  }

  #renderQuote(): TemplateResult {
    const lang = this.resolvedLocale;
    const quote = this.#currentQuote();
    const key = this.#currentKey(this.#quoteInput());
    const failure = this.quoteFailure?.key === key ? this.quoteFailure : undefined;
    let body: unknown;
    if (quote) {
      const money = (amount: number) => formatMoney(lang, amount, quote.currency);
      body = html`<table part="quote-lines" class="quote-lines">
          <caption class="sr-only">${this.t('orderSummary')}</caption>
          <thead>
            <tr>
              <th scope="col">${this.t('orderItem')}</th>
              <th scope="col" class="num">${this.t('orderAmount')}</th>
            </tr>
          </thead>
          <tbody>
            ${quote.lines.map(
              (line) => html`<tr>
                <td>${line.quantity > 1 ? `${line.quantity} × ${line.description}` : line.description}</td>
                <td class="num">${money(line.amount)}</td>
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">${this.t('orderSubtotal')}</th>
              <td class="num">${money(quote.subtotal)}</td>
            </tr>
            ${
              quote.taxName
                ? html`<tr>
                    <th scope="row">${this.t('orderTax', { name: quote.taxName, rate: percent(lang, quote.taxRateBps) })}</th>
                    <td class="num">${money(quote.tax)}</td>
                  </tr>`
                : nothing
            }
            <tr part="total" class="total">
              <th scope="row">${this.t('orderTotal')}</th>
              <td class="num">${money(quote.total)}</td>
            </tr>
          </tfoot>
        </table>`;
    } else if (failure) {
      body = html`<p part="quote-error" class="field-error">
        ${describeOrderError(failure.error, [], this.t).alert}
      </p>`;
    } else if (this.#needsCode()) {
      body = html`<p part="hint" class="hint">${this.t('orderDomainCodeNeeded')}</p>`;
    } else if (this.#quoteInput()) {
      body = html`<p part="quoting" class="loading">
        <span class="spinner" aria-hidden="true"></span>${this.t('orderQuoting')}
      </p>`;
    } else {
      body = nothing;
    }
    return html`<section part="quote" class="quote card" aria-labelledby="quote-title" aria-busy=${quote || failure ? 'false' : 'true'}>
      <h3 id="quote-title">${this.t('orderSummary')}</h3>
      ${body}
      <p class="sr-only" role="status">
        ${quote ? this.t('orderTotalIs', { total: formatMoney(lang, quote.total, quote.currency) }) : nothing}
      </p>
    </section>`;
  }

  #renderTerms(termsUrl: string): TemplateResult {
    const error = this.fieldErrors.acceptTerms;
    return html`<div part="field terms" class="field terms">
      <div class="check">
        <input
          part="checkbox"
          type="checkbox"
          id="acceptTerms"
          name="acceptTerms"
          required
          .checked=${live(this.acceptTerms)}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'acceptTerms-error' : nothing}
          @change=${this.#onTerms}
        />
        <label part="label" for="acceptTerms">
          ${this.t('orderTermsAccept')} <a
            part="terms-link"
            href=${termsUrl}
            target="_blank"
            rel="noopener noreferrer"
            >${this.t('orderTermsLink')}<span class="sr-only"> ${this.t('orderNewTab')}</span></a
          ><span class="required" aria-hidden="true"> *</span>
        </label>
      </div>
      ${error ? html`<p part="error field-error" class="field-error" id="acceptTerms-error">${error}</p>` : nothing}
    </div>`;
  }

  #renderAccountStep(): TemplateResult {
    const shared = {
      api: this.api ?? nothing,
      mode: this.mode ?? nothing,
      lang: this.locale ?? nothing,
    };
    return html`<section part="account" class="account card" aria-labelledby="account-title">
      <h3 id="account-title">${this.t('orderAccountTitle')}</h3>
      <p class="intro">${this.t('orderAccountIntro')}</p>
      ${
        this.signUp
          ? html`<portal-register part="register" api=${shared.api} mode=${shared.mode} lang=${shared.lang}></portal-register>`
          : html`<portal-login part="login" api=${shared.api} mode=${shared.mode} lang=${shared.lang}></portal-login>`
      }
      <button part="link switch" class="link" type="button" @click=${this.#toggleSignUp}>
        ${this.t(this.signUp ? 'orderHaveAccount' : 'orderCreateAccount')}
      </button>
    </section>`;
  }

  #renderPlaced({ invoice }: PortalOrderPlacedDetail): TemplateResult {
    const total = formatMoney(this.resolvedLocale, invoice.total, invoice.currency);
    return html`<section part="confirmation" class="confirmation" aria-labelledby="placed-title">
      <h2 id="placed-title" part="title" tabindex="-1">${this.t('orderPlacedTitle')}</h2>
      <p>
        ${
          invoice.number
            ? this.t('orderPlacedInvoice', { number: invoice.number, total })
            : this.t('orderPlacedInvoiceNoNumber', { total })
        }
      </p>
      <portal-invoice
        part="invoice"
        invoice-id=${invoice.id}
        api=${this.api ?? nothing}
        mode=${this.mode ?? nothing}
        lang=${this.locale ?? nothing}
      ></portal-invoice>
    </section>`;
  }

  /** The quote for what is picked now, or undefined (none yet, or one for an earlier choice). */
  #currentQuote(): Quote | undefined {
    const key = this.#currentKey(this.#quoteInput());
    return key && this.quote?.key === key ? this.quote.value : undefined;
  }

  /** The selection from the attributes, else the page's query, else what was stored; restores the stored one when it answers the same ask. */
  #startSelection() {
    const query = new URLSearchParams(location.search);
    const stored = readStored();
    const asked = {
      product: this.product || query.get('product') || '',
      cycle: this.cycle || query.get('cycle') || '',
      currency: this.currency || query.get('currency') || '',
    };
    const domains = this.domains?.length
      ? domainsFrom(this.domains)
      : parseDomainParams(query.getAll('domain'));
    const askedDomains = domains.map(domainParam).join(',');
    const request =
      asked.product || askedDomains
        ? `${asked.product}|${asked.cycle}|${asked.currency}|${askedDomains}`
        : (stored?.request ?? '');
    if (stored && stored.request === request) {
      this.selection = stored;
    } else {
      // Transfer codes never travel in the URL: a domain search on this origin left them in storage.
      const codes = domains.some((d) => d.action === 'transfer' && !d.eppCode)
        ? stashedEppCodes()
        : new Map();
      this.selection = {
        request,
        product: asked.product,
        cycle: asCycle(asked.cycle),
        quantity: '1',
        currency: asked.currency || undefined,
        domains: domains.map((d) => ({
          domain: d.domain,
          action: d.action,
          years: d.years ?? 1,
          eppCode: d.action === 'transfer' ? (d.eppCode ?? codes.get(d.domain) ?? '') : '',
        })),
      };
    }
    this.fieldErrors = {};
    this.alertMessage = '';
  }

  /** Changes the selection and keeps it for a reload. */
  #update(change: Partial<Selection>) {
    if (!this.selection) return;
    this.selection = { ...this.selection, ...change };
    if (this.selection.product || this.selection.domains.length) writeStored(this.selection);
    if (change.cycle && this.fieldErrors.cycle) {
      const { cycle: _, ...rest } = this.fieldErrors;
      this.fieldErrors = rest;
    }
  }

  /** The TLD list, once loaded (null when the business sells no domains). */
  #tlds(): TldList | null | undefined {
    const task = this.#tldList;
    if (task.status === TaskStatus.ERROR) return isSectionOff(task.error) ? null : undefined;
    return task.status === TaskStatus.COMPLETE ? task.value : undefined;
  }

  /** The terms a domain's TLD sells its action for; none when it is not offered. */
  #termsOf(line: DomainLine, list: TldList | null | undefined): TermPrice[] {
    return (list && tldOf(list.tlds, line.domain)?.[line.action]) ?? [];
  }

  /** Why a transfer's code cannot be sent as typed (empty is not said: the field is marked required). */
  #codeError(line: DomainLine): string | undefined {
    return line.action === 'transfer' && line.eppCode.trim().length > EPP_CODE_MAX
      ? this.t('domainEppCodeTooLong')
      : undefined;
  }

  /** A transfer still waits for its code. */
  #needsCode(): boolean {
    return !!this.selection?.domains.some((d) => d.action === 'transfer' && !d.eppCode.trim());
  }

  /** The domains as the quote and the order take them; undefined while one cannot be ordered as it is. */
  #domainInputs(): DomainOrderItemInput[] | undefined {
    const lines = this.selection?.domains ?? [];
    if (!lines.length) return [];
    const list = this.#tlds();
    const items: DomainOrderItemInput[] = [];
    for (const line of lines) {
      const terms = this.#termsOf(line, list);
      if (!terms.length) return undefined;
      const years = terms.some((t) => t.years === line.years) ? line.years : terms[0]!.years;
      if (line.action === 'register') {
        items.push({ domain: line.domain, action: 'register', years });
        continue;
      }
      const eppCode = line.eppCode.trim();
      if (!eppCode || eppCode.length > EPP_CODE_MAX) return undefined;
      items.push({ domain: line.domain, action: 'transfer', years, eppCode });
    }
    return items;
  }

  #updateDomain(index: number, change: Partial<DomainLine>) {
    const domains = this.selection?.domains.map((d, i) => (i === index ? { ...d, ...change } : d));
    if (domains) this.#update({ domains });
  }

  #onCode(index: number, code: string) {
    this.#updateDomain(index, { eppCode: code });
    const name = `domains.${index}.eppCode`;
    if (this.fieldErrors[name]) {
      const { [name]: _, ...rest } = this.fieldErrors;
      this.fieldErrors = rest;
    }
  }

  #removeDomain(index: number) {
    const domains = this.selection?.domains.filter((_, i) => i !== index) ?? [];
    // Server errors name lines by position: they are stale once a line goes.
    this.fieldErrors = {};
    this.#update({ domains });
    const next = Math.min(index, domains.length - 1);
    void this.focusPart(
      next >= 0
        ? `[part~="domain-line"]:nth-child(${next + 1}) [part~="remove"]`
        : '#order-title, [part="empty"] p',
    );
  }

  #productIn(catalog: Catalog): Product | undefined {
    const ref = this.selection?.product;
    for (const group of catalog.groups) {
      const found = group.products.find((p) => p.slug === ref || p.id === ref);
      if (found?.prices.length) return found;
    }
    return undefined;
  }

  /** The picked cycle when the product has it, else its first. */
  #cycleOf(product: Product): BillingCycle {
    const picked = this.selection?.cycle;
    return product.prices.find((p) => p.cycle === picked)?.cycle ?? product.prices[0]!.cycle;
  }

  /** The quantity as a number, when the product has one and it is valid. */
  #quantity(product: Product): number | undefined | null {
    if (product.type === 'hosting') return undefined;
    const text = (this.selection?.quantity ?? '').trim();
    const n = Number(text);
    return /^\d+$/.test(text) && n >= 1 && n <= 100 ? n : null;
  }

  #quantityError(selection: Selection): string | undefined {
    const text = selection.quantity.trim();
    const n = Number(text);
    return /^\d+$/.test(text) && n >= 1 && n <= 100 ? undefined : this.t('orderQuantityInvalid');
  }

  /** What would be ordered, priced as the server would (never with a price of ours); undefined when it cannot be. */
  #quoteInput(): QuoteInput | undefined {
    const selection = this.selection;
    if (!selection || this.placed) return undefined;
    const catalog = this.#catalog.status === TaskStatus.COMPLETE ? this.#catalog.value : undefined;
    const product = catalog && this.#productIn(catalog);
    const items: OrderItemInput[] = [];
    if (product) {
      if (!product.inStock) return undefined;
      const quantity = this.#quantity(product);
      if (quantity === null) return undefined;
      const item = { productId: product.id, cycle: this.#cycleOf(product) };
      items.push(quantity === undefined ? item : { ...item, quantity });
    } else if (!selection.domains.length || (!catalog && !isSectionOff(this.#catalog.error))) {
      return undefined;
    }
    const domains = this.#domainInputs();
    if (!domains || (!items.length && !domains.length)) return undefined;
    // The currency the shown prices are in, so the quote and the order match what the person saw.
    const currency = catalog?.currency ?? this.#tlds()?.currency;
    return {
      items,
      ...(domains.length ? { domains } : {}),
      ...(currency ? { currency } : {}),
    };
  }

  /** What a quote answers for: who asks (tax follows the account's address) and what would be ordered. */
  #currentKey(input: QuoteInput | undefined): string {
    return input ? `${this.#sessionKey ?? ''} ${JSON.stringify(input)}` : '';
  }

  async #fetchQuote(input: QuoteInput, key: string) {
    const client = this.client;
    if (!client) return;
    const seq = ++this.#quoteSeq;
    try {
      const value = await client.store.quote(input);
      if (seq === this.#quoteSeq) {
        this.quote = { key, value };
        this.quoteFailure = undefined;
      }
    } catch (error) {
      if (seq !== this.#quoteSeq) return;
      this.quoteFailure = { key, error };
      this.emit(new PortalErrorEvent({ action: 'quote', error }));
    }
  }

  #onQuantity = (event: Event) => {
    this.#update({ quantity: (event.target as HTMLInputElement).value });
    if (this.fieldErrors.quantity) {
      const { quantity: _, ...rest } = this.fieldErrors;
      this.fieldErrors = rest;
    }
  };

  #onTerms = (event: Event) => {
    this.acceptTerms = (event.target as HTMLInputElement).checked;
    if (this.fieldErrors.acceptTerms) {
      const { acceptTerms: _, ...rest } = this.fieldErrors;
      this.fieldErrors = rest;
    }
  };

  #toggleSignUp = () => {
    this.signUp = !this.signUp;
    void this.focusPart('[part~="switch"]');
  };

  protected override describeFailure(error: unknown, fields: readonly string[]): ErrorDisplay {
    return describeOrderError(error, fields, this.t);
  }

  #place = async (event: SubmitEvent) => {
    event.preventDefault();
    const selection = this.selection;
    const termsUrl = this.#catalog.status === TaskStatus.COMPLETE ? this.#catalog.value?.termsUrl : null;
    const input = this.#quoteInput();
    if (this.busy || !selection || !input || !this.#currentQuote()) return;
    if (termsUrl && !this.acceptTerms) {
      this.fieldErrors = { acceptTerms: this.t('orderTermsRequired') };
      this.alertMessage = '';
      void this.focusField('acceptTerms');
      return;
    }
    const body: OrderInput = {
      items: input.items ?? [],
      ...(input.domains?.length ? { domains: input.domains } : {}),
      ...(input.currency ? { currency: input.currency } : {}),
      ...(termsUrl ? { acceptTerms: true } : {}),
    };
    // One key per attempt: sending the same order again after a failure is a retry of it, and the server answers a
    // repeat with the first order instead of placing another. A different order is a new attempt.
    const text = JSON.stringify(body);
    const attempt =
      selection.attempt?.body === text ? selection.attempt : { body: text, key: newIdempotencyKey() };
    this.#update({ attempt });
    let placed: PortalOrderPlacedDetail | undefined;
    let failure: unknown;
    const fields = [
      ...FIELDS,
      ...selection.domains.flatMap((_, i) => [`domains.${i}.eppCode`, `domains.${i}.years`]),
    ];
    const ok = await this.attempt('placeOrder', fields, async (client) => {
      try {
        placed = await client.orders.place(body, { idempotencyKey: attempt.key });
      } catch (error) {
        failure = error;
        throw error;
      }
    });
    if (!ok || !placed) {
      // Refused outright: nothing was ordered, so what is sent next is a new attempt.
      if (isFinal(failure)) this.#update({ attempt: undefined });
      return;
    }
    writeStored(undefined);
    clearDomainCart();
    this.selection = { ...selection, attempt: undefined };
    const placedEvent = new PortalOrderPlacedEvent(placed);
    this.emit(placedEvent);
    if (placedEvent.defaultPrevented) {
      this.notice = this.t('orderPlacedShort');
      return;
    }
    this.placed = placed;
    this.#placedFor = this.#sessionKey;
    void this.focusPart('#placed-title');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-order-form': PortalOrderForm;
  }
  interface GlobalEventHandlersEventMap {
    'portal-order-placed': PortalOrderPlacedEvent;
  }
}
