import { initialState, Task, TaskStatus } from '@lit/task';
import {
  type DomainAvailability,
  type DomainNameProblem,
  type DomainOrderItemInput,
  domainToUnicode,
  isPortalApiError,
  parseDomainQuery,
  type TermPrice,
  type Tld,
  type TldList,
} from '@portico/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { accountLoadError } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { badge, idOf, textField } from '../../lib/fields.js';
import { formatMoney } from '../../lib/format.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import { domainSearch as domainSearchEn } from '../../lib/locales/domain-search-en.js';
import { domainSearch as domainSearchEs } from '../../lib/locales/domain-search-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { PortalElement } from '../../lib/portal-element.js';
import { guestOrAccount, isSectionOff, SectionHider } from '../../lib/public-section.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { EPP_CODE_MAX, stashDomainCart, tldOf, withDomainParams } from '../order-form/domain-items.js';
import styles from './domain-search.styles.js';

addMessages('en', en.account, domainSearchEn);
addMessages('es', es.account, domainSearchEs);

/** What the visitor chose in a `<domain-search>`: the domains to register or transfer in, in the order added. */
export interface PortalDomainsSelectedDetail {
  items: DomainOrderItemInput[];
}

/**
 * "Continue" was pressed in a `<domain-search>`. `detail.items` are the chosen domains (ASCII names, the years, and
 * each transfer's EPP code). `preventDefault()` keeps the widget from going to its `order-href`, e.g. to put the
 * domains into the site's own checkout.
 *
 * @example
 * ```js
 * search.addEventListener('portal-domains-selected', (event) => {
 *   event.preventDefault();
 *   checkout.addDomains(event.detail.items);
 * });
 * ```
 */
export class PortalDomainsSelectedEvent extends CustomEvent<PortalDomainsSelectedDetail> {
  static readonly eventName = 'portal-domains-selected';
  constructor(detail: PortalDomainsSelectedDetail) {
    super(PortalDomainsSelectedEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

/** Checks in flight at once: browsers open about six connections to one server anyway. */
const CONCURRENCY = 6;
/** How long a rate limit without a `Retry-After` lasts. */
const DEFAULT_RETRY_AFTER_S = 60;

/** One domain in the results. */
interface Row {
  /** ASCII. */
  domain: string;
  unicode: string;
  tld: string;
  /** `checking`: asked, no answer yet; `done`: answered; `failed`: no answer (see `failure`). */
  state: 'checking' | 'done' | 'failed';
  result?: DomainAvailability | undefined;
  failure?: 'timeout' | 'rate_limited' | 'error' | undefined;
  /** Found by the suggestions, shown under "More ideas". */
  idea: boolean;
}

/** What a row shows. */
type RowStatus = 'checking' | 'available' | 'premium' | 'taken' | 'unknown';

/** The search whose results are shown. */
interface Search {
  /** What was typed. */
  query: string;
  /** The name as people read it, for the results' heading. */
  title: string;
  /** The currency of the TLD list the search was made with. */
  currency: string;
  rows: Row[];
  ideas: 'loading' | 'failed' | 'done';
}

/** A domain in the cart. */
interface CartItem {
  domain: string;
  unicode: string;
  tld: string;
  action: 'register' | 'transfer';
  years: number;
  eppCode?: string | undefined;
}

/** A transfer being set up on a taken row. */
interface TransferDraft {
  code: string;
  years: number;
  error?: string | undefined;
}

const PROBLEM_KEYS: Record<DomainNameProblem, MessageKey> = {
  empty: 'domainErrorEmpty',
  bad_character: 'domainErrorBadCharacter',
  space: 'domainErrorSpace',
  empty_label: 'domainErrorEmptyLabel',
  label_too_long: 'domainErrorLabelTooLong',
  too_long: 'domainErrorTooLong',
  hyphen_edge: 'domainErrorHyphenEdge',
  reserved_hyphens: 'domainErrorReservedHyphens',
  bad_punycode: 'domainErrorBadPunycode',
  leading_mark: 'domainErrorLeadingMark',
  numeric_tld: 'domainErrorNumericTld',
  missing_tld: 'domainErrorMissingTld',
  subdomain: 'domainErrorSubdomain',
  unknown_tld: 'domainErrorUnknownTld',
};

/** The ending someone typed (`xyz` of `https://shop.xyz/page`), as people read it. */
function typedEnding(input: string): string {
  const name = input
    .normalize('NFKC')
    .toLowerCase()
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/[.\u3002\uff0e\uff61]$/, '');
  return domainToUnicode(name.split(/[.\u3002\uff0e\uff61]/).at(-1) ?? '');
}

/**
 * The business's domain search, for any site's home page (public: no sign-in needed). A visitor types a name
 * (`northwind`) or a whole domain (`northwind.com`, `bücher.example`, a pasted `https://www.northwind.com/`); what
 * is typed is checked as a registry would before anything is sent, and a bad name is explained beside the field.
 * The typed ending is checked first, then the same name with every other ending the business sells, in its order,
 * all at once (six at a time); each row shows "Checking…" until its own answer comes, and a registry that does not
 * answer within `check-timeout` shows "Couldn’t check" with "Retry", so a slow registry never holds up the others.
 * A new search drops the checks of the last one. Then the server's suggestions are checked too, under "More ideas".
 *
 * An available domain shows its price per year in the visitor's currency, a choice of years and "Add"; a premium
 * one says to contact the business; a taken one offers "Transfer", which asks for the EPP (transfer) code. The cart
 * lists what was added, with the years and the total. "Continue" fires `portal-domains-selected`; unless that is
 * cancelled and when `order-href` is set, it goes there with `?domain=register:example.com:1&domain=…` (ASCII
 * names) for a `<portal-order-form>`. Transfer codes are never put in a URL: for an order page on the same origin
 * the cart, codes included, is left in `sessionStorage` under `portico:domain-cart`
 * (`{ items: DomainOrderItemInput[], savedAt }`), which the order form reads; on another origin the order form asks
 * for them.
 *
 * When the business hides domain search (the API answers 404), the element hides itself.
 *
 * @summary Domain availability search with prices, transfers, suggestions and a cart.
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart form - The search form.
 * @csspart field - The search field (label, input, hint, error), and the EPP code fields.
 * @csspart label - Field labels.
 * @csspart input - The search input, EPP code inputs and years selects.
 * @csspart hint - Field hints.
 * @csspart error - Error messages: beside fields (also `field-error`) and the alert (also `alert`).
 * @csspart field-error - The error beside a field.
 * @csspart alert - The `role="alert"` region (too many searches).
 * @csspart submit - The "Search" button (also `button`).
 * @csspart button - Buttons.
 * @csspart summary - The live progress line: "4 of 10 checked", "Done: 3 available".
 * @csspart results - The results section.
 * @csspart results-title - The results' heading.
 * @csspart rows - A list of results.
 * @csspart row - One domain of the results.
 * @csspart domain - A domain's name.
 * @csspart checking - "Checking…" on a row.
 * @csspart badge - "Available", "Taken", "Premium name", "Couldn’t check".
 * @csspart price - A price.
 * @csspart years - A years select.
 * @csspart toggle - The "Add"/"Remove" button of a row.
 * @csspart transfer - The "Transfer" button of a taken row.
 * @csspart transfer-panel - The EPP code, price and "Add transfer" of a taken row.
 * @csspart retry - "Retry" of a row that could not be checked, and "Try again" after a failed load.
 * @csspart ideas - The "More ideas" section.
 * @csspart cart - The cart.
 * @csspart cart-item - A domain in the cart.
 * @csspart total - The cart's total.
 * @csspart continue - The "Continue" button.
 * @csspart empty - Shown when the business sells no domains.
 * @csspart loading - Shown while the endings and prices load.
 * @csspart load-error - Shown when they could not be loaded.
 *
 * @cssproperty [--portal-domain-search-width=48rem] - Maximum width.
 * @cssproperty --portal-domain-search-padding - Padding inside the box.
 * @cssproperty --portal-domain-search-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-domain-search-border - Border; falls back to a 1px `--portal-color-border` line.
 * @cssproperty --portal-domain-search-available-color - "Available"; falls back to `--portal-color-success`.
 *
 * @event {PortalDomainsSelectedEvent} portal-domains-selected - "Continue" was pressed; `event.detail` is
 * `{ items }` (`DomainOrderItemInput[]`). Cancelable: `preventDefault()` keeps the widget from going to `order-href`.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('domain-search')
export class DomainSearch extends PortalElement {
  static override styles = [hostStyles, formStyles, accountStyles, styles];

  /** The prices' currency (a guest's pick); signed in, the account's currency is used when not set. */
  @property() currency?: string;

  /** The order page "Continue" goes to, with the domains in `?domain=` parameters. */
  @property({ attribute: 'order-href' }) orderHref?: string;

  /** How long one availability check may take, in milliseconds, before it shows "Couldn’t check". */
  @property({ attribute: 'check-timeout', type: Number }) checkTimeout = 8000;

  /** What is typed in the search field. */
  @state() private query = '';
  /** Why what was typed is not a domain. */
  @state() private queryError = '';
  @state() private search?: Search;
  @state() private cart: CartItem[] = [];
  /** The years picked on available rows, by domain. */
  @state() private years: Record<string, number> = {};
  /** Taken rows whose transfer is open, by domain. */
  @state() private transfers: Record<string, TransferDraft> = {};
  /** Until when the server refuses searches (epoch ms), and the seconds it said. */
  @state() private rateLimit?: { until: number; seconds: number | undefined };

  /** Aborts the checks of the shown search. */
  #controller?: AbortController;
  /** Hides the element while the business hides domain search. */
  readonly #hider = new SectionHider(this);

  readonly #tlds = new Task(this, {
    args: () => [this.client, this.#sessionKey, this.currency] as const,
    task: async ([client, key, currency]) => {
      if (!client || key === undefined) return initialState;
      return client.domains.tlds(currency ? { currency } : {});
    },
    onComplete: (list) => {
      this.#hider.hide(false);
      // The prices shown must be in the list's currency: search again in the new one.
      if (this.search && this.search.currency !== list.currency) void this.#run(this.search.query, list);
    },
    onError: (error) => {
      if (isSectionOff(error)) this.#hider.hide(true);
      else this.emit(new PortalErrorEvent({ action: 'domainTlds', error }));
    },
  });

  /** The guest or the active account; undefined while the session loads. */
  get #sessionKey(): string | undefined {
    return guestOrAccount(this.sessionState);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#controller?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('checkTimeout') && !(this.checkTimeout > 0)) this.checkTimeout = 8000;
  }

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>${this.#renderContent()}</div>`;
  }

  #renderContent(): unknown {
    if (!this.client) return html`<p part="load-error" class="load-error">${this.t('notConfigured')}</p>`;
    const task = this.#tlds;
    if (task.status === TaskStatus.ERROR) {
      return isSectionOff(task.error) ? nothing : accountLoadError(task.error, () => void task.run(), this.t);
    }
    const list = task.value;
    if (!list || task.status === TaskStatus.PENDING) return this.renderLoading();
    if (!list.tlds.length) return html`<p part="empty" class="empty">${this.t('domainSearchEmpty')}</p>`;
    const search = this.search;
    return html`${this.#renderForm()}
      <div part="error alert" class="alert" role="alert">${this.#rateLimitMessage()}</div>
      <p part="summary" class="summary" role="status">${search ? this.#summary(search) : nothing}</p>
      ${search ? this.#renderResults(list, search) : nothing} ${this.#renderCart(list)}`;
  }

  #renderForm(): TemplateResult {
    return html`<form part="form" role="search" novalidate @submit=${this.#onSubmit}>
      ${textField({
        name: 'query',
        label: this.t('domainSearchLabel'),
        value: this.query,
        hint: this.t('domainSearchHint'),
        error: this.queryError || undefined,
        inputmode: 'url',
        maxlength: 300,
        markRequired: false,
        onInput: this.#onQuery,
        after: html`<button part="button submit" class="primary" type="submit">
          ${this.t('domainSearchSubmit')}
        </button>`,
      })}
    </form>`;
  }

  #rateLimitMessage(): string | typeof nothing {
    const limit = this.rateLimit;
    if (!limit) return nothing;
    return limit.seconds === undefined
      ? this.t('domainRateLimitedLater')
      : this.t('domainRateLimited', { seconds: limit.seconds });
  }

  #summary(search: Search): string {
    const checked = search.rows.filter((r) => r.state !== 'checking').length;
    if (checked < search.rows.length || search.ideas === 'loading') {
      return this.t('domainProgress', { checked, total: search.rows.length });
    }
    const available = search.rows.filter((r) => this.#statusOf(r) === 'available').length;
    return this.t('domainDone', { count: available });
  }

  #renderResults(list: TldList, search: Search): TemplateResult {
    const main = search.rows.filter((r) => !r.idea);
    const ideas = search.rows.filter((r) => r.idea);
    return html`<section part="results" class="results" aria-labelledby="results-title">
        <h2 part="results-title" id="results-title">${this.t('domainResults', { name: search.title })}</h2>
        <ul part="rows" class="rows" role="list">
          ${main.map((row) => this.#renderRow(list, row))}
        </ul>
      </section>
      ${
        search.ideas === 'done' && !ideas.length
          ? nothing
          : html`<section part="ideas" class="ideas" aria-labelledby="ideas-title">
              <h3 id="ideas-title">${this.t('domainMoreIdeas')}</h3>
              ${
                search.ideas === 'loading'
                  ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span>${this.t('domainIdeasLoading')}</p>`
                  : search.ideas === 'failed'
                    ? html`<div class="actions">
                        <p class="muted">${this.t('domainIdeasFailed')}</p>
                        <button part="button retry" class="secondary small" type="button" @click=${this.#retryIdeas}>
                          ${this.t('domainIdeasRetry')}
                        </button>
                      </div>`
                    : html`<ul part="rows" class="rows" role="list">
                        ${ideas.map((row) => this.#renderRow(list, row))}
                      </ul>`
              }
            </section>`
      }`;
  }

  /** What a row shows. */
  #statusOf(row: Row): RowStatus {
    if (row.state === 'checking') return 'checking';
    const result = row.result;
    if (row.state === 'failed' || !result || result.status === 'unknown') return 'unknown';
    if (result.status === 'taken') return 'taken';
    return result.premium || !result.register ? 'premium' : 'available';
  }

  #renderRow(list: TldList, row: Row): TemplateResult {
    const status = this.#statusOf(row);
    const id = idOf(row.domain);
    return html`<li part="row" class="row" data-domain=${row.domain} data-status=${status}>
      <span part="domain" class="name" id=${`name-${id}`}>${row.unicode}</span>
      <div class="status">${this.#renderStatus(list, row, status)}</div>
      ${status === 'taken' && this.transfers[row.domain] ? this.#renderTransfer(list, row) : nothing}
    </li>`;
  }

  #renderStatus(list: TldList, row: Row, status: RowStatus): unknown {
    const lang = this.resolvedLocale;
    switch (status) {
      case 'checking':
        return html`<span part="checking" class="checking"
          ><span class="spinner" aria-hidden="true"></span>${this.t('domainChecking')}</span
        >`;
      case 'unknown':
        return html`${badge(this.t(row.failure === 'rate_limited' || row.result?.reason === 'rate_limited' ? 'domainUnknownBusy' : 'domainUnknown'), 'warn')}
          <button
            part="button retry"
            class="secondary small"
            type="button"
            aria-label=${this.t('domainRetryName', { name: row.unicode })}
            @click=${() => this.#retry(row.domain)}
          >
            ${this.t('domainRetry')}
          </button>`;
      case 'premium':
        return badge(this.t('domainPremium'), 'neutral');
      case 'taken': {
        const inCart = this.cart.find((c) => c.domain === row.domain);
        const terms = this.#terms(list, row.tld, 'transfer', row.result?.transfer?.amount);
        const open = !!this.transfers[row.domain];
        return html`${badge(this.t('domainTaken'), 'neutral')}
          ${
            terms.length
              ? html`<button
                  part="button transfer"
                  class="secondary small"
                  type="button"
                  aria-expanded=${open || inCart ? 'true' : 'false'}
                  aria-controls=${`transfer-${idOf(row.domain)}`}
                  aria-label=${this.t('domainTransferName', { name: row.unicode })}
                  @click=${() => this.#toggleTransfer(list, row)}
                >
                  ${this.t('domainTransfer')}
                </button>`
              : nothing
          }`;
      }
      case 'available': {
        const terms = this.#terms(list, row.tld, 'register', row.result?.register?.amount);
        const inCart = this.cart.find((c) => c.domain === row.domain && c.action === 'register');
        const years = inCart?.years ?? this.years[row.domain] ?? terms[0]?.years ?? 1;
        const yearPrice = row.result?.register?.amount ?? terms.find((t) => t.years === 1)?.amount;
        const selectId = `years-${idOf(row.domain)}`;
        return html`${badge(this.t('domainAvailable'), 'good')}
          ${
            yearPrice === undefined
              ? nothing
              : html`<span part="price" class="price"
                  >${this.t('domainPerYear', { price: formatMoney(lang, yearPrice, list.currency) })}</span
                >`
          }
          ${
            terms.length > 1
              ? html`<label class="sr-only" for=${selectId}>${this.t('domainYearsFor', { name: row.unicode })}</label>
                  <select
                    part="input years"
                    id=${selectId}
                    .value=${live(String(years))}
                    @change=${(event: Event) =>
                      this.#pickYears(row, Number((event.target as HTMLSelectElement).value))}
                  >
                    ${terms.map(
                      (term) =>
                        html`<option value=${term.years} ?selected=${term.years === years}>
                          ${this.t('domainTermPrice', { term: this.#term(term.years), price: formatMoney(lang, term.amount, list.currency) })}
                        </option>`,
                    )}
                  </select>`
              : nothing
          }
          <button
            part="button toggle"
            class=${inCart ? 'secondary small' : 'primary small'}
            type="button"
            data-domain=${row.domain}
            aria-label=${this.t(inCart ? 'domainRemoveName' : 'domainAddName', { name: row.unicode })}
            @click=${() => (inCart ? this.#remove(row.domain) : this.#add(row, 'register', this.years[row.domain] ?? years))}
          >
            ${this.t(inCart ? 'domainRemove' : 'domainAdd')}
          </button>`;
      }
    }
  }

  #renderTransfer(list: TldList, row: Row): TemplateResult {
    const lang = this.resolvedLocale;
    const draft = this.transfers[row.domain]!;
    const terms = this.#terms(list, row.tld, 'transfer', row.result?.transfer?.amount);
    const term = terms.find((t) => t.years === draft.years) ?? terms[0];
    const inCart = this.cart.find((c) => c.domain === row.domain && c.action === 'transfer');
    const id = idOf(row.domain);
    const codeName = `epp-${id}`;
    return html`<div part="transfer-panel" class="transfer" id=${`transfer-${id}`} role="group" aria-labelledby=${`name-${id}`}>
      <p class="muted">${this.t('domainTransferIntro')}</p>
      ${textField({
        name: codeName,
        label: this.t('domainEppCodeFor', { name: row.unicode }),
        value: draft.code,
        hint: this.t('domainEppCodeHint'),
        error: draft.error,
        required: true,
        maxlength: EPP_CODE_MAX,
        autocomplete: 'off',
        onInput: (event) => this.#onCode(row.domain, (event.target as HTMLInputElement).value),
      })}
      ${
        term
          ? html`<p part="price" class="price">
              ${this.t('domainTransferPrice', { price: formatMoney(lang, term.amount, list.currency), term: this.#term(term.years) })}
            </p>`
          : nothing
      }
      ${
        terms.length > 1
          ? html`<div class="field">
              <label part="label" for=${`transfer-years-${id}`}>${this.t('domainYearsFor', { name: row.unicode })}</label>
              <select
                part="input years"
                id=${`transfer-years-${id}`}
                .value=${live(String(draft.years))}
                @change=${(event: Event) =>
                  this.#pickTransferYears(row.domain, Number((event.target as HTMLSelectElement).value))}
              >
                ${terms.map(
                  (t) =>
                    html`<option value=${t.years} ?selected=${t.years === draft.years}>
                      ${this.t('domainTermPrice', { term: this.#term(t.years), price: formatMoney(lang, t.amount, list.currency) })}
                    </option>`,
                )}
              </select>
            </div>`
          : nothing
      }
      <div class="actions">
        <button
          part="button toggle"
          class=${inCart ? 'secondary small' : 'primary small'}
          type="button"
          data-domain=${row.domain}
          aria-label=${this.t(inCart ? 'domainRemoveName' : 'domainTransferAddName', { name: row.unicode })}
          @click=${() => (inCart ? this.#remove(row.domain) : this.#addTransfer(row))}
        >
          ${this.t(inCart ? 'domainRemove' : 'domainTransferAdd')}
        </button>
      </div>
    </div>`;
  }

  #renderCart(list: TldList): unknown {
    if (!this.cart.length) return nothing;
    const lang = this.resolvedLocale;
    let total = 0;
    const lines = this.cart.map((item) => {
      const amount = this.#priceOf(list, item);
      total += amount ?? 0;
      return html`<li part="cart-item" class="cart-item">
        <span>
          <span class="name">${item.unicode}</span>
          <span class="sub">
            ${this.t(item.action === 'register' ? 'domainCartRegister' : 'domainCartTransfer', { term: this.#term(item.years) })}
          </span>
        </span>
        <span part="price" class="price">${amount === undefined ? nothing : formatMoney(lang, amount, list.currency)}</span>
        <button
          part="button remove"
          class="secondary small"
          type="button"
          aria-label=${this.t('domainRemoveName', { name: item.unicode })}
          @click=${() => this.#remove(item.domain, true)}
        >
          ${this.t('domainRemove')}
        </button>
      </li>`;
    });
    return html`<section part="cart" class="cart card" aria-labelledby="cart-title">
      <h3 id="cart-title" tabindex="-1">${this.t('domainCart')}</h3>
      <ul class="cart-items" role="list">
        ${lines}
      </ul>
      <div class="cart-foot">
        <p part="total" class="total">${this.t('domainCartTotal', { total: formatMoney(lang, total, list.currency) })}</p>
        <button part="button continue" class="primary" type="button" @click=${this.#continue}>
          ${this.t('domainContinue')}
        </button>
      </div>
    </section>`;
  }

  /** "1 year", "3 years". */
  #term(years: number): string {
    return years === 1 ? this.t('domainYearsOne') : this.t('domainYearsMany', { count: years });
  }

  /** The terms a TLD sells `action` for, or one year at `fallback` (the price the check answered). */
  #terms(
    list: TldList,
    tld: string,
    action: 'register' | 'transfer',
    fallback: number | undefined,
  ): TermPrice[] {
    const grid = list.tlds.find((t) => t.tld === tld)?.[action] ?? [];
    if (grid.length) return grid;
    return fallback === undefined ? [] : [{ years: 1, amount: fallback }];
  }

  #priceOf(list: TldList, item: CartItem): number | undefined {
    const row = this.search?.rows.find((r) => r.domain === item.domain);
    const fallback =
      item.action === 'register' ? row?.result?.register?.amount : row?.result?.transfer?.amount;
    return this.#terms(list, item.tld, item.action, fallback).find((t) => t.years === item.years)?.amount;
  }

  #onQuery = (event: Event) => {
    this.query = (event.target as HTMLInputElement).value;
    this.queryError = '';
  };

  #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const list = this.#tlds.value;
    if (list) void this.#run(this.query, list);
  };

  /** Reads what was typed; searches it, or explains why it is not a domain (without asking the server). */
  async #run(query: string, list: TldList) {
    const parsed = parseDomainQuery(
      query,
      list.tlds.map((t) => t.tld),
    );
    if (!parsed.ok) {
      this.queryError = this.t(PROBLEM_KEYS[parsed.problem], { tld: typedEnding(query) });
      void this.focusField('query');
      return;
    }
    this.queryError = '';
    if (this.#limited()) return;
    this.rateLimit = undefined;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const typed = parsed.tld ? list.tlds.find((t) => t.tld === parsed.tld) : undefined;
    const order = typed ? [typed, ...list.tlds.filter((t) => t !== typed)] : list.tlds;
    const rows: Row[] = order.map((t: Tld) => ({
      domain: `${parsed.label}.${t.tld}`,
      unicode: `${parsed.unicodeLabel}.${t.unicode}`,
      tld: t.tld,
      state: 'checking',
      idea: false,
    }));
    this.search = {
      query,
      title: typed ? `${parsed.unicodeLabel}.${typed.unicode}` : parsed.unicodeLabel,
      currency: list.currency,
      rows,
      ideas: 'loading',
    };
    this.transfers = {};
    await this.#checkAll(
      rows.map((r) => r.domain),
      controller.signal,
    );
    if (!controller.signal.aborted) await this.#loadIdeas(controller.signal);
  }

  /** Checks `domains` at most {@link CONCURRENCY} at a time; each row fills in as its answer comes. */
  async #checkAll(domains: string[], signal: AbortSignal) {
    const queue = [...domains];
    const worker = async () => {
      for (let domain = queue.shift(); domain !== undefined && !signal.aborted; domain = queue.shift()) {
        await this.#check(domain, signal);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  }

  /** Checks one domain, giving up after `check-timeout` (or when the search is replaced). */
  async #check(domain: string, signal: AbortSignal) {
    const client = this.client;
    const currency = this.search?.currency;
    if (!client || signal.aborted) return;
    if (this.#limited()) {
      this.#setRow(domain, { state: 'failed', result: undefined, failure: 'rate_limited' });
      return;
    }
    this.#setRow(domain, { state: 'checking', result: undefined, failure: undefined });
    const own = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      own.abort(new DOMException('The check took too long', 'TimeoutError'));
    }, this.checkTimeout);
    const onAbort = () => own.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await client.domains.availability(domain, {
        ...(currency ? { currency } : {}),
        signal: own.signal,
      });
      if (signal.aborted) return;
      this.#setRow(
        domain,
        result.status === 'unknown'
          ? { state: 'failed', result, failure: result.reason ?? 'error' }
          : { state: 'done', result, failure: undefined },
      );
    } catch (error) {
      if (signal.aborted) return;
      let failure: Row['failure'] = timedOut ? 'timeout' : 'error';
      if (isPortalApiError(error) && error.status === 429) {
        failure = 'rate_limited';
        this.#limit(error.retryAfter);
      } else {
        this.emit(new PortalErrorEvent({ action: 'domainAvailability', error }));
      }
      this.#setRow(domain, { state: 'failed', result: undefined, failure });
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Asks for alternatives to what was searched, then checks the new ones. */
  async #loadIdeas(signal: AbortSignal) {
    const client = this.client;
    const search = this.search;
    const list = this.#tlds.value;
    if (!client || !search || !list) return;
    this.search = { ...search, ideas: 'loading' };
    if (this.#limited()) {
      this.search = { ...this.search, ideas: 'failed' };
      return;
    }
    const own = new AbortController();
    const timer = setTimeout(() => own.abort(), this.checkTimeout);
    const onAbort = () => own.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    let items: { domain: string; unicode: string }[];
    try {
      ({ items } = await client.domains.suggestions(search.query.trim().slice(0, 100), {
        signal: own.signal,
      }));
    } catch (error) {
      if (signal.aborted || !this.search) return;
      if (isPortalApiError(error) && error.status === 429) this.#limit(error.retryAfter);
      else this.emit(new PortalErrorEvent({ action: 'domainSuggestions', error }));
      this.search = { ...this.search, ideas: 'failed' };
      return;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
    if (signal.aborted || !this.search) return;
    const known = new Set(this.search.rows.map((r) => r.domain));
    const rows: Row[] = [];
    for (const item of items) {
      const tld = tldOf(list.tlds, item.domain);
      if (!tld || known.has(item.domain)) continue;
      known.add(item.domain);
      rows.push({ domain: item.domain, unicode: item.unicode, tld: tld.tld, state: 'checking', idea: true });
    }
    this.search = { ...this.search, rows: [...this.search.rows, ...rows], ideas: 'done' };
    await this.#checkAll(
      rows.map((r) => r.domain),
      signal,
    );
  }

  #retryIdeas = () => {
    const controller = this.#controller;
    if (!controller || controller.signal.aborted || this.#limited()) return;
    void this.#loadIdeas(controller.signal);
  };

  #retry(domain: string) {
    const controller = this.#controller;
    if (!controller || controller.signal.aborted) return;
    void this.#check(domain, controller.signal);
  }

  /** Whether the server still refuses searches; if so, says for how long. */
  #limited(): boolean {
    const limit = this.rateLimit;
    if (!limit) return false;
    const left = Math.ceil((limit.until - Date.now()) / 1000);
    if (left <= 0) {
      this.rateLimit = undefined;
      return false;
    }
    if (limit.seconds !== undefined && limit.seconds !== left) this.rateLimit = { ...limit, seconds: left };
    return true;
  }

  #limit(retryAfter: number | undefined) {
    const seconds = retryAfter === undefined ? undefined : Math.max(1, Math.ceil(retryAfter));
    this.rateLimit = { until: Date.now() + (seconds ?? DEFAULT_RETRY_AFTER_S) * 1000, seconds };
  }

  #setRow(domain: string, change: Partial<Row>) {
    const search = this.search;
    if (!search) return;
    this.search = {
      ...search,
      rows: search.rows.map((r) => (r.domain === domain ? { ...r, ...change } : r)),
    };
  }

  #pickYears(row: Row, years: number) {
    this.years = { ...this.years, [row.domain]: years };
    this.cart = this.cart.map((c) => (c.domain === row.domain ? { ...c, years } : c));
  }

  #add(row: Row, action: 'register' | 'transfer', years: number, eppCode?: string) {
    this.cart = [
      ...this.cart.filter((c) => c.domain !== row.domain),
      { domain: row.domain, unicode: row.unicode, tld: row.tld, action, years, eppCode },
    ];
  }

  /** Takes a domain out of the cart; from the cart's own button, focus moves on to what is left. */
  #remove(domain: string, fromCart = false) {
    const index = this.cart.findIndex((c) => c.domain === domain);
    this.cart = this.cart.filter((c) => c.domain !== domain);
    if (!fromCart) return;
    const next = this.cart[Math.min(index, this.cart.length - 1)];
    void this.focusPart(
      next
        ? `[part~="cart-item"]:nth-child(${Math.min(index, this.cart.length - 1) + 1}) [part~="remove"]`
        : 'input[name="query"]',
    );
  }

  #toggleTransfer(list: TldList, row: Row) {
    const id = idOf(row.domain);
    if (this.transfers[row.domain]) {
      if (this.cart.some((c) => c.domain === row.domain)) return void this.focusField(`epp-${id}`);
      const { [row.domain]: _, ...rest } = this.transfers;
      this.transfers = rest;
      return;
    }
    const terms = this.#terms(list, row.tld, 'transfer', row.result?.transfer?.amount);
    this.transfers = { ...this.transfers, [row.domain]: { code: '', years: terms[0]?.years ?? 1 } };
    void this.focusField(`epp-${id}`);
  }

  #onCode(domain: string, code: string) {
    const draft = this.transfers[domain];
    if (!draft) return;
    this.transfers = { ...this.transfers, [domain]: { ...draft, code, error: undefined } };
    // A transfer already in the cart follows its code; an emptied code takes it out.
    if (this.cart.some((c) => c.domain === domain && c.action === 'transfer')) {
      const trimmed = code.trim();
      this.cart = trimmed
        ? this.cart.map((c) => (c.domain === domain ? { ...c, eppCode: trimmed } : c))
        : this.cart.filter((c) => c.domain !== domain);
    }
  }

  #pickTransferYears(domain: string, years: number) {
    const draft = this.transfers[domain];
    if (!draft) return;
    this.transfers = { ...this.transfers, [domain]: { ...draft, years } };
    this.cart = this.cart.map((c) => (c.domain === domain ? { ...c, years } : c));
  }

  #addTransfer(row: Row) {
    const draft = this.transfers[row.domain];
    if (!draft) return;
    const code = draft.code.trim();
    const error = !code
      ? this.t('domainEppCodeRequired')
      : code.length > EPP_CODE_MAX
        ? this.t('domainEppCodeTooLong')
        : undefined;
    if (error) {
      this.transfers = { ...this.transfers, [row.domain]: { ...draft, error } };
      void this.focusField(`epp-${idOf(row.domain)}`);
      return;
    }
    this.#add(row, 'transfer', draft.years, code);
  }

  #continue = () => {
    const items: DomainOrderItemInput[] = this.cart.map((c) => ({
      domain: c.domain,
      action: c.action,
      years: c.years,
      ...(c.action === 'transfer' && c.eppCode ? { eppCode: c.eppCode } : {}),
    }));
    const event = new PortalDomainsSelectedEvent({ items });
    this.emit(event);
    if (event.defaultPrevented || !this.orderHref) return;
    // A guest's currency goes along, so the order is priced as shown.
    const base = new URL(this.orderHref, location.href);
    const currency = this.#tlds.value?.currency;
    if (this.currency && currency && !this.sessionState.session) base.searchParams.set('currency', currency);
    // Transfer codes stay out of the URL (history, logs, Referer); a same-origin order page reads them from storage.
    const href = withDomainParams(
      base.href,
      items.map(({ eppCode: _, ...item }) => item),
    );
    if (new URL(href).origin === location.origin) stashDomainCart(items);
    this.navigate(href);
  };

  /** Goes to the order page (a method so a test or a subclass can follow the link another way). */
  protected navigate(href: string): void {
    location.assign(href);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'domain-search': DomainSearch;
  }
  interface GlobalEventHandlersEventMap {
    'portal-domains-selected': PortalDomainsSelectedEvent;
  }
}
