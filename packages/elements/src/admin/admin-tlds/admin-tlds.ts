import {
  type AdminTld,
  type DomainPriceAction,
  isPortalApiError,
  type RegistrarInfo,
  type TldInput,
  type TldPricesInput,
  type TldUpdate,
} from '@portico/sdk/admin';
import {
  DOMAIN_PRICE_ACTIONS,
  domainToUnicode,
  domainsAdminRoutes as routes,
  settingsRoutes,
  TldNameSchema,
} from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { rowButton, submitButton } from '../../lib/form.js';
import { formatMoney } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { yearsName } from '../lib/domain-labels.js';
import { badge, checkboxField, selectField } from '../lib/form.js';
import { type AdminMessageKey, addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { moneyInputValue, parseMoneyInput } from '../lib/money-input.js';
import { registrarName } from '../lib/registrars.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable, rowActions } from '../lib/table.js';
import styles from './admin-tlds.styles.js';

addAdminMessages('en', en.common, en.domains, en.tlds);
addAdminMessages('es', es.common, es.domains, es.tlds);

/** The TLDs as the page shows them. */
interface Catalog {
  tlds: AdminTld[];
  registrars: RegistrarInfo[];
  /** The business's enabled currencies; null when this role cannot read them (then the prices' own are used). */
  enabled: string[] | null;
}

/** What the editor is open on: a TLD's settings (new when it has none), or a TLD's price grid. */
type Editing = { kind: 'tld'; tld?: AdminTld } | { kind: 'prices'; tld: AdminTld };

type PriceRow = TldPricesInput['prices'][number];

const YEARS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
const TLD_FIELDS = ['tld', 'registrar', 'availability', 'position', 'enabled'];

const ACTIONS: Record<DomainPriceAction, AdminMessageKey> = {
  register: 'priceActionRegister',
  renew: 'priceActionRenew',
  transfer: 'priceActionTransfer',
};

/** The grid cell of an action and a number of years (its input's name). */
const cellName = (action: DomainPriceAction, years: number) => `prices.${action}.${years}`;
/** What was typed in a cell, kept per currency so switching currency keeps the edits. */
const draftKey = (currency: string, action: DomainPriceAction, years: number) =>
  `${currency}.${action}.${years}`;

const sortedPrices = (prices: readonly PriceRow[]) =>
  JSON.stringify(
    prices
      .map((p) => `${DOMAIN_PRICE_ACTIONS.indexOf(p.action)}.${String(p.years).padStart(2, '0')}:${p.amount}`)
      .sort(),
  );

/** A whole number typed from `min` to `max`, or undefined. */
function wholeNumber(text: string, min: number, max: number): number | undefined {
  const s = text.trim();
  if (!/^\d{1,9}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}

/**
 * TLDs and their prices for staff (`#/tlds`): every TLD in store order with its Unicode form, whether it is on
 * sale, the registrar that registers it, where availability answers come from (the registrar, or the registry's
 * RDAP server, which is shown), how many domains use it and its 1-year register price in each currency. Billing
 * and admin staff add a TLD, change its registrar, availability source and position, enable or disable it, and
 * remove one no domain uses. Its price grid is edited one currency at a time: register, renew and transfer by 1 to
 * 10 years, typed as decimals in the currency's digits and saved as integer minor units (a blank cell is not
 * offered), with "Fill from 1 year" filling a row with n × the 1-year price. Support staff see everything,
 * read-only.
 *
 * @summary TLDs & pricing: add, enable, route to a registrar, price by currency and term.
 *
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart new - The "Add a TLD" button.
 * @csspart form - The TLD editor and the price grid form.
 * @csspart prices - The price grid form.
 * @csspart field - A label, input, hint and error.
 * @csspart table - The TLDs table and the price grid.
 * @csspart badge - Whether a TLD is on sale.
 * @csspart empty - Shown when there are no TLDs.
 * @csspart dialog - The confirmation dialog.
 * @csspart loading - Shown while the TLDs load.
 * @csspart load-error - Shown when the TLDs could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-tlds')
export class PortalAdminTlds extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  @state() private catalog?: Catalog;
  @state() private editing?: Editing;
  /** The price grid's currency. */
  @state() private currency = '';
  /** What is typed in the price grid, by `CUR.action.years`. */
  @state() private drafts: Record<string, string> = {};
  /** Currencies added by hand (when the enabled ones cannot be read). */
  @state() private extraCurrencies: string[] = [];

  readonly #load = this.loadTask(
    'adminTlds',
    () => [],
    async (admin) => {
      const [tlds, registrars, enabled] = await Promise.all([
        admin.domains.tlds(),
        admin.domains.registrars(),
        this.can(settingsRoutes.get)
          ? admin.settings.get().then(
              (s) => s.enabledCurrencies,
              () => null,
            )
          : Promise.resolve(null),
      ]);
      return { tlds: tlds.items, registrars: registrars.items, enabled } satisfies Catalog;
    },
    (catalog) => {
      this.catalog = catalog;
    },
  );

  protected override render() {
    const canManage = this.can(routes.updateTld);
    return html`<div class="page" lang=${this.textLang}>
      <div class="page-header">
        <h1 part="heading" tabindex="-1">${this.t('tldsTitle')}</h1>
        ${
          this.can(routes.createTld)
            ? html`<button part="button new" class="primary" type="button" @click=${() => this.#edit({ kind: 'tld' })}>
                ${this.t('addTld')}
              </button>`
            : nothing
        }
      </div>
      <p class="intro">${this.t('tldsIntro')}</p>
      ${canManage ? nothing : html`<p class="intro">${this.t('tldsReadOnly')}</p>`}
      ${this.renderMessages()} ${this.#renderEditor()}
      ${this.renderTask(this.#load, this.catalog, (c) => this.#renderTable(c))} ${this.renderConfirm()}
    </div>`;
  }

  #renderTable(c: Catalog) {
    if (!c.tlds.length) return html`<p part="empty" class="empty">${this.t('noTlds')}</p>`;
    return dataTable({
      label: this.t('tldsTable'),
      caption: this.t('tldsTable'),
      columns: [
        this.t('tldColumn'),
        this.t('tldSale'),
        this.t('tldRegistrar'),
        this.t('tldAvailability'),
        { label: this.t('tldDomains'), numeric: true },
        this.t('tldRegisterPrice'),
        this.t('actions'),
      ],
      rows: c.tlds.map((t) => this.#renderRow(t, c.registrars)),
    });
  }

  #renderRow(t: AdminTld, registrars: RegistrarInfo[]) {
    const lang = this.resolvedLocale;
    const name = t.unicode;
    const oneYear = t.prices.filter((p) => p.action === 'register' && p.years === 1);
    return html`<tr>
      <th scope="row">
        .${t.unicode} ${t.unicode === t.tld ? nothing : html`<span class="muted mono">(.${t.tld})</span>`}
      </th>
      <td>${t.enabled ? badge(this.t('tldOnSale'), 'good') : badge(this.t('tldDisabled'), 'neutral')}</td>
      <td>${registrarName(registrars, t.registrar)}</td>
      <td>
        ${
          t.availability === 'rdap'
            ? html`${this.t('availabilityRdapShort')}
              ${
                t.rdapServer
                  ? html`<span class="rdap mono">${t.rdapServer}</span>`
                  : html`<span class="rdap">${badge(this.t('rdapServerNone'), 'warn')}</span>`
              }`
            : this.t('availabilityRegistrar')
        }
      </td>
      <td class="num">${t.domains}</td>
      <td>
        ${
          oneYear.length
            ? html`<ul class="price-list">
                ${oneYear.map((p) => html`<li>${formatMoney(lang, p.amount, p.currency)}</li>`)}
              </ul>`
            : html`<span class="muted">${this.t('tldNoRegisterPrice')}</span>`
        }
      </td>
      ${rowActions(
        this.can(routes.updateTld)
          ? rowButton({
              part: 'edit',
              text: this.t('editTld'),
              ariaLabel: this.t('editTldName', { tld: name }),
              disabled: false,
              onClick: () => this.#edit({ kind: 'tld', tld: t }),
            })
          : nothing,
        rowButton({
          part: 'prices',
          text: this.t('tldPrices'),
          ariaLabel: this.t('tldPricesName', { tld: name }),
          disabled: false,
          onClick: () => this.#edit({ kind: 'prices', tld: t }),
        }),
        this.can(routes.updateTld)
          ? rowButton({
              part: t.enabled ? 'disable' : 'enable',
              text: this.t(t.enabled ? 'disableTld' : 'enableTld'),
              ariaLabel: this.t(t.enabled ? 'disableTldName' : 'enableTldName', { tld: name }),
              disabled: this.busy,
              onClick: () => this.#toggle(t),
            })
          : nothing,
        this.can(routes.removeTld)
          ? rowButton({
              part: 'remove',
              text: this.t('remove'),
              ariaLabel: this.t('removeTldName', { tld: name }),
              danger: true,
              disabled: this.busy,
              onClick: () => this.#remove(t),
            })
          : nothing,
      )}
    </tr>`;
  }

  #renderEditor() {
    const e = this.editing;
    if (!e) return nothing;
    return e.kind === 'tld' ? this.#renderTldEditor(e.tld) : this.#renderPriceEditor(e.tld);
  }

  #renderTldEditor(tld?: AdminTld) {
    const registrars = this.#registrarChoices();
    const current = this.values.registrar ?? '';
    const registrarOptions = [
      { value: '', label: this.t('chooseRegistrar') },
      ...registrars.map((r) => ({ value: r.id, label: r.name })),
      ...(current && !registrars.some((r) => r.id === current) ? [{ value: current, label: current }] : []),
    ];
    const rdapMissing = tld && this.values.availability === 'rdap' && !tld.rdapServer;
    return html`<section class="card" aria-labelledby="editor-title">
      <h2 id="editor-title" tabindex="-1">${tld ? this.t('editTldName', { tld: tld.unicode }) : this.t('newTld')}</h2>
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#saveTld}>
        <div class="grid-2">
          ${tld ? nothing : this.textInput('tld', this.t('tldName'), { required: true, maxlength: 100, hint: this.t('tldNameHint') })}
          ${this.selectInput('registrar', this.t('tldRegistrar'), registrarOptions, { required: true, hint: this.t('tldRegistrarHint') })}
          ${this.selectInput(
            'availability',
            this.t('tldAvailability'),
            [
              { value: 'registrar', label: this.t('availabilityRegistrar') },
              { value: 'rdap', label: this.t('availabilityRdap') },
            ],
            { hint: rdapMissing ? this.t('rdapServerNone') : this.t('tldAvailabilityHint') },
          )}
          ${this.textInput('position', this.t('tldPosition'), { inputmode: 'numeric', hint: this.t('tldPositionHint') })}
        </div>
        ${
          tld
            ? nothing
            : checkboxField({
                name: 'enabled',
                label: this.t('tldOnSaleLabel'),
                hint: this.t('tldOnSaleHint'),
                checked: this.values.enabled === 'on',
                onChange: this.onInput,
              })
        }
        <div class="actions">
          ${submitButton(tld ? this.t('saveChanges') : this.t('createTld'), this.busy)}
          <button class="secondary" type="button" @click=${this.#close}>${this.t('cancel')}</button>
        </div>
      </form>
    </section>`;
  }

  #renderPriceEditor(tld: AdminTld) {
    const canSave = this.can(routes.setTldPrices);
    const currencies = this.#currenciesFor(tld);
    const currency = this.currency;
    const title = this.t('tldPricesName', { tld: tld.unicode });
    return html`<section class="card" aria-labelledby="editor-title">
      <h2 id="editor-title" tabindex="-1">${title}</h2>
      <div class="currency">
        ${
          currencies.length
            ? selectField({
                name: 'currency',
                label: this.t('priceCurrency'),
                value: currency,
                options: currencies.map((c) => ({ value: c, label: c })),
                onChange: (e) => this.#useCurrency((e.target as HTMLSelectElement).value),
              })
            : html`<p class="muted">${this.t('noPriceCurrencies')}</p>`
        }
        ${
          this.catalog?.enabled === null && canSave
            ? html`${this.textInput('newCurrency', this.t('otherCurrency'), { maxlength: 3, placeholder: 'GBP', hint: this.t('otherCurrencyHint') })}
                <button class="secondary" type="button" @click=${this.#addCurrency}>${this.t('useCurrency')}</button>`
            : nothing
        }
      </div>
      ${currency ? this.#renderGrid(tld, currency, canSave) : nothing}
    </section>`;
  }

  #renderGrid(tld: AdminTld, currency: string, canSave: boolean) {
    const cell = (action: DomainPriceAction, years: number) => {
      const name = cellName(action, years);
      const errorId = `${name.replace(/\./g, '-')}-error`;
      const error = this.fieldErrors[name];
      return html`<td>
        <input
          name=${name}
          inputmode="decimal"
          autocomplete="off"
          aria-label=${this.t('tldPriceCell', { action: this.t(ACTIONS[action]), years: yearsName(this.t, years), currency })}
          .value=${live(this.drafts[draftKey(currency, action, years)] ?? '')}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${errorId} prices-hint` : 'prices-hint'}
          @input=${(e: Event) => this.#setCell(action, years, (e.target as HTMLInputElement).value)}
        />
        ${error ? html`<p class="field-error" id=${errorId}>${error}</p>` : nothing}
      </td>`;
    };
    const caption = this.t('priceGridCaption', { tld: tld.unicode, currency });
    return html`<form part="form prices" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#savePrices}>
      <p class="hint" id="prices-hint">${this.t('pricesGridHint')}</p>
      <div class="table-wrap grid" role="region" aria-label=${caption} tabindex="0">
        <fieldset ?disabled=${!canSave}>
          <legend class="sr-only">${caption}</legend>
          <table part="table">
            <caption class="sr-only">${caption}</caption>
            <thead>
              <tr>
                <th scope="col">${this.t('priceAction')}</th>
                ${YEARS.map((n) => html`<th scope="col">${yearsName(this.t, n)}</th>`)}
                ${canSave ? html`<th scope="col">${this.t('actions')}</th>` : nothing}
              </tr>
            </thead>
            <tbody>
              ${DOMAIN_PRICE_ACTIONS.map(
                (action) => html`<tr>
                  <th scope="row">${this.t(ACTIONS[action])}</th>
                  ${YEARS.map((n) => cell(action, n))}
                  ${
                    canSave
                      ? html`<td class="fill">
                          ${rowButton({
                            part: 'fill',
                            text: this.t('fillFromOneYear'),
                            ariaLabel: this.t('fillFromOneYearName', { action: this.t(ACTIONS[action]) }),
                            disabled: false,
                            onClick: () => this.#fill(action),
                          })}
                        </td>`
                      : nothing
                  }
                </tr>`,
              )}
            </tbody>
          </table>
        </fieldset>
      </div>
      <div class="actions">
        ${canSave ? submitButton(this.t('savePrices', { currency }), this.busy) : nothing}
        <button class="secondary" type="button" @click=${this.#close}>${this.t('close')}</button>
      </div>
    </form>`;
  }

  /** The grid's currencies: the enabled ones (else every one in use), this TLD's own, and any added by hand. */
  #currenciesFor(tld: AdminTld): string[] {
    const c = this.catalog;
    const known = c?.enabled ?? c?.tlds.flatMap((t) => t.prices.map((p) => p.currency)) ?? [];
    return [...new Set([...known, ...tld.prices.map((p) => p.currency), ...this.extraCurrencies])];
  }

  /** The registrars a TLD can be routed to (availability checkers cannot register). */
  #registrarChoices(): RegistrarInfo[] {
    return (this.catalog?.registrars ?? []).filter((r) => r.kind === 'registrar');
  }

  #edit(editing: Editing) {
    this.editing = editing;
    this.fieldErrors = {};
    this.alertMessage = '';
    if (editing.kind === 'tld') {
      const t = editing.tld;
      const registrars = this.#registrarChoices();
      this.values = {
        tld: '',
        registrar: t?.registrar ?? (registrars.find((r) => r.id === 'local') ?? registrars[0])?.id ?? '',
        availability: t?.availability ?? 'registrar',
        position: t ? String(t.position) : '',
        enabled: 'on',
      };
      void this.focusField(t ? 'registrar' : 'tld');
      return;
    }
    this.values = {};
    this.drafts = this.#draftsOf(editing.tld);
    const currencies = this.#currenciesFor(editing.tld);
    if (!currencies.includes(this.currency)) this.currency = currencies[0] ?? '';
    void this.focusPart('#editor-title');
  }

  #draftsOf(tld: AdminTld, only?: string): Record<string, string> {
    const lang = this.resolvedLocale;
    const kept = only
      ? Object.fromEntries(Object.entries(this.drafts).filter(([key]) => !key.startsWith(`${only}.`)))
      : {};
    for (const p of tld.prices) {
      if (only && p.currency !== only) continue;
      kept[draftKey(p.currency, p.action, p.years)] = moneyInputValue(p.amount, p.currency, lang);
    }
    return kept;
  }

  #close = () => {
    this.editing = undefined;
    this.fieldErrors = {};
    void this.focusHeading();
  };

  #useCurrency(currency: string) {
    this.currency = currency;
    this.fieldErrors = {};
  }

  #addCurrency = () => {
    const code = (this.values.newCurrency ?? '').trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(code)) {
      this.showFieldErrors({ newCurrency: this.t('errorCurrency') });
      return;
    }
    if (!this.extraCurrencies.includes(code)) this.extraCurrencies = [...this.extraCurrencies, code];
    this.values = { ...this.values, newCurrency: '' };
    this.#useCurrency(code);
    void this.focusField(cellName('register', 1));
  };

  #setCell(action: DomainPriceAction, years: number, value: string) {
    this.drafts = { ...this.drafts, [draftKey(this.currency, action, years)]: value };
    this.clearError(cellName(action, years));
  }

  /** Fills a row's 2 to 10 years with n × its 1-year price. */
  #fill(action: DomainPriceAction) {
    const currency = this.currency;
    const lang = this.resolvedLocale;
    const text = (this.drafts[draftKey(currency, action, 1)] ?? '').trim();
    const first = cellName(action, 1);
    const one = text ? parseMoneyInput(text, currency, { lang }) : undefined;
    if (!one?.ok) {
      this.fieldErrors = {
        ...this.fieldErrors,
        [first]: one ? this.t(one.error, { currency }) : this.t('errorFillNeedsOneYear'),
      };
      void this.focusField(first);
      return;
    }
    const drafts = { ...this.drafts };
    const errors = { ...this.fieldErrors };
    for (const years of YEARS) {
      if (years === 1) continue;
      drafts[draftKey(currency, action, years)] = moneyInputValue(one.amount * years, currency, lang);
      delete errors[cellName(action, years)];
    }
    this.drafts = drafts;
    this.fieldErrors = errors;
  }

  /** The grid of the current currency as the API takes it, or the errors beside its cells. */
  #readGrid(): { prices: PriceRow[]; errors: Record<string, string> } {
    const currency = this.currency;
    const lang = this.resolvedLocale;
    const prices: PriceRow[] = [];
    const errors: Record<string, string> = {};
    for (const action of DOMAIN_PRICE_ACTIONS) {
      for (const years of YEARS) {
        const text = (this.drafts[draftKey(currency, action, years)] ?? '').trim();
        if (!text) continue;
        const amount = parseMoneyInput(text, currency, { lang });
        if (amount.ok) prices.push({ action, years, amount: amount.amount });
        else errors[cellName(action, years)] = this.t(amount.error, { currency });
      }
    }
    return { prices, errors };
  }

  #savePrices = async (event: SubmitEvent) => {
    event.preventDefault();
    const editing = this.editing;
    if (editing?.kind !== 'prices') return;
    const tld = editing.tld;
    const currency = this.currency;
    const { prices, errors } = this.#readGrid();
    if (!this.showFieldErrors(errors)) return;
    const saved = tld.prices
      .filter((p) => p.currency === currency)
      .map(({ action, years, amount }) => ({ action, years, amount }));
    if (sortedPrices(prices) === sortedPrices(saved)) {
      this.notice = this.t('nothingChanged');
      return;
    }
    // A server error on `prices.3.amount` belongs beside the cell that row came from.
    const fieldOf = (path: string) => {
      const row = /^prices\.(\d+)\./.exec(path);
      const sent = row ? prices[Number(row[1])] : undefined;
      return sent ? cellName(sent.action, sent.years) : undefined;
    };
    let updated: AdminTld | undefined;
    await this.attempt('adminSaveTldPrices', fieldOf, async (admin) => {
      updated = await admin.domains.setTldPrices(tld.tld, { currency, prices });
    });
    if (!updated) return;
    const done = updated;
    this.#replace(done);
    this.editing = { kind: 'prices', tld: done };
    this.drafts = this.#draftsOf(done, currency);
    this.notice = this.t('pricesSaved', { currency, tld: done.unicode });
  };

  #saveTld = async (event: SubmitEvent) => {
    event.preventDefault();
    const editing = this.editing;
    if (editing?.kind !== 'tld') return;
    const v = (name: string) => (this.values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    const name = editing.tld ? undefined : TldNameSchema.safeParse(v('tld'));
    if (name && !name.success) errors.tld = this.t('errorTldName');
    if (!v('registrar')) errors.registrar = this.t('errorChooseRegistrar');
    const position = v('position') ? wholeNumber(v('position'), 0, 100_000) : null;
    if (position === undefined) errors.position = this.t('errorPosition');
    if (!this.showFieldErrors(errors) || position === undefined) return;
    const availability = v('availability') === 'rdap' ? 'rdap' : 'registrar';
    const t = editing.tld;
    if (t) {
      const input: TldUpdate = {};
      if (v('registrar') !== t.registrar) input.registrar = v('registrar');
      if (availability !== t.availability) input.availability = availability;
      if (position !== null && position !== t.position) input.position = position;
      if (!Object.keys(input).length) {
        this.notice = this.t('nothingChanged');
        this.#close();
        return;
      }
      let saved: AdminTld | undefined;
      await this.attempt('adminUpdateTld', TLD_FIELDS, async (admin) => {
        saved = await admin.domains.updateTld(t.tld, input);
      });
      if (!saved) return;
      this.notice = this.t('tldSaved', { tld: saved.unicode });
      this.editing = undefined;
      await this.#load.run();
      void this.focusHeading();
      return;
    }
    const ascii = name?.success ? name.data : '';
    const input: TldInput = {
      tld: ascii,
      registrar: v('registrar'),
      availability,
      enabled: this.values.enabled === 'on',
      ...(position !== null ? { position } : {}),
    };
    let created: AdminTld | undefined;
    await this.attempt('adminCreateTld', TLD_FIELDS, async (admin) => {
      created = await admin.domains.createTld(input);
    });
    if (!created) {
      if (isPortalApiError(this.lastError) && this.lastError.status === 409) {
        this.alertMessage = '';
        this.showFieldErrors({ tld: this.t('tldExists', { tld: domainToUnicode(ascii) }) });
      }
      return;
    }
    const done = created;
    this.notice = this.t('tldCreated', { tld: done.unicode });
    await this.#load.run();
    // Prices come next: the new TLD is not sold until it has some.
    this.#edit({ kind: 'prices', tld: this.catalog?.tlds.find((x) => x.tld === done.tld) ?? done });
  };

  async #toggle(t: AdminTld) {
    let saved: AdminTld | undefined;
    await this.attempt('adminUpdateTld', [], async (admin) => {
      saved = await admin.domains.updateTld(t.tld, { enabled: !t.enabled });
    });
    if (!saved) return;
    this.#replace(saved);
    this.notice = this.t(saved.enabled ? 'tldEnabledNotice' : 'tldDisabledNotice', { tld: saved.unicode });
  }

  async #remove(t: AdminTld) {
    const ok = await this.confirmAction({
      title: this.t('removeTldTitle', { tld: t.unicode }),
      body: this.t('removeTldBody'),
      confirm: this.t('remove'),
      danger: true,
    });
    if (!ok) return;
    const done = await this.attempt('adminRemoveTld', [], (admin) => admin.domains.removeTld(t.tld));
    if (!done) {
      if (isPortalApiError(this.lastError) && this.lastError.status === 409) {
        this.alertMessage = this.t('tldInUse', { tld: t.unicode });
      }
      return;
    }
    if (this.editing?.tld?.tld === t.tld) this.editing = undefined;
    this.notice = this.t('tldRemoved', { tld: t.unicode });
    await this.#load.run();
    void this.focusHeading();
  }

  #replace(tld: AdminTld) {
    const c = this.catalog;
    if (c) this.catalog = { ...c, tlds: c.tlds.map((x) => (x.tld === tld.tld ? tld : x)) };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-tlds': PortalAdminTlds;
  }
}
