import type {
  AdminProduct,
  AdminProductGroup,
  BillingCycle,
  PriceInput,
  ProductGroupInput,
  ProductInput,
} from '@portico/sdk/admin';
import { billingAdminRoutes as routes, settingsRoutes } from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { rowButton, submitButton } from '../../lib/form.js';
import { formatMoney } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement, adminChecks, type Check } from '../lib/admin-element.js';
import { CYCLES, cycleName } from '../lib/billing-labels.js';
import { badge, checkboxField, textareaField } from '../lib/form.js';
import { type AdminMessageKey, addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { moneyInputValue, parseMoneyInput } from '../lib/money-input.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable, rowActions } from '../lib/table.js';
import styles from './admin-products.styles.js';

addAdminMessages('en', en.common, en.billing, en.products);
addAdminMessages('es', es.common, es.billing, es.products);

/** The catalog as the page shows it. */
interface Catalog {
  groups: AdminProductGroup[];
  products: AdminProduct[];
  /** The business's enabled currencies; null when this role cannot read them (then the prices' own are used). */
  enabled: string[] | null;
}

/** What the editor is open on: a group or a product, new when it has none. */
type Editing = { kind: 'group'; group?: AdminProductGroup } | { kind: 'product'; product?: AdminProduct };

/** One cell of the price grid, as typed. */
interface PriceDraft {
  amount: string;
  setupFee: string;
}

const TYPES = [
  ['hosting', 'typeHosting'],
  ['service', 'typeService'],
  ['other', 'typeOther'],
] as const satisfies readonly (readonly [AdminProduct['type'], AdminMessageKey])[];

const priceKey = (currency: string, cycle: BillingCycle) => `${currency}.${cycle}`;
const priceField = (currency: string, cycle: BillingCycle, part: keyof PriceDraft) =>
  `prices.${currency}.${cycle}.${part}`;

/** Prices in one order, for comparing what was typed with what is saved. */
const sortedPrices = (prices: readonly PriceInput[]) =>
  JSON.stringify(
    prices
      .map((p) => ({ currency: p.currency, cycle: p.cycle, amount: p.amount, setupFee: p.setupFee ?? 0 }))
      .sort((a, b) =>
        `${a.currency}${CYCLES.indexOf(a.cycle)}`.localeCompare(`${b.currency}${CYCLES.indexOf(b.cycle)}`),
      ),
  );

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** Which field a server error path belongs to. */
function fieldOf(path: string): string | undefined {
  const [head] = path.split('.');
  if (head === 'features') return 'features';
  return head && ['groupId', 'name', 'slug', 'description', 'type', 'stock', 'sortOrder'].includes(head)
    ? head
    : undefined;
}

/** A whole number typed, or undefined when it is not one (or out of `min`..`max`). */
function wholeNumber(text: string | undefined, min: number, max: number): number | undefined {
  const s = (text ?? '').trim();
  if (!/^-?\d{1,10}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}

/**
 * The store's catalog for staff: product groups, each with its products (type, prices, stock, featured and hidden
 * flags). Billing and admin staff add, change and remove groups and products. The product editor has a price grid
 * of the enabled currencies by billing cycle, each cell a price and a setup fee (a blank price means the product is
 * not offered in that currency and cycle), its features one per line, whether it is featured, hidden and taxable,
 * and its stock when tracked. Amounts are typed as decimals and sent as integer minor units.
 *
 * @summary Products: groups, products, prices by currency and cycle.
 *
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart group - A product group's section.
 * @csspart form - The group and product editors.
 * @csspart field - A label, input, hint and error.
 * @csspart prices - The price grid.
 * @csspart table - A group's products table.
 * @csspart badge - A flag (featured, hidden, out of stock).
 * @csspart empty - Shown when there are no product groups.
 * @csspart dialog - The confirmation dialog.
 * @csspart loading - Shown while the catalog loads.
 * @csspart load-error - Shown when the catalog could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-products')
export class PortalAdminProducts extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  @state() private catalog?: Catalog;
  @state() private editing?: Editing;
  /** The price grid being edited, by `CUR.cycle`. */
  @state() private prices: Record<string, PriceDraft> = {};
  /** The grid's currencies. */
  @state() private gridCurrencies: string[] = [];

  readonly #load = this.loadTask(
    'adminProducts',
    () => [],
    async (admin) => {
      const [groups, products, enabled] = await Promise.all([
        admin.products.groups(),
        admin.products.list(),
        this.can(settingsRoutes.get)
          ? admin.settings.get().then(
              (s) => s.enabledCurrencies,
              () => null,
            )
          : Promise.resolve(null),
      ]);
      return { groups, products, enabled } satisfies Catalog;
    },
    (catalog) => {
      this.catalog = catalog;
    },
  );

  protected override render() {
    const canGroup = this.can(routes.createGroup);
    const canProduct = this.can(routes.createProduct) && !!this.catalog?.groups.length;
    return html`<div class="page" lang=${this.textLang}>
      <div class="page-header">
        <h1 part="heading" tabindex="-1">${this.t('productsTitle')}</h1>
        <div class="actions">
          ${canGroup ? html`<button part="button new-group" class="secondary" type="button" @click=${() => this.#edit({ kind: 'group' })}>${this.t('newGroup')}</button>` : nothing}
          ${canProduct ? html`<button part="button new" class="primary" type="button" @click=${() => this.#edit({ kind: 'product' })}>${this.t('newProduct')}</button>` : nothing}
        </div>
      </div>
      ${this.renderMessages()} ${this.#renderEditor()}
      ${this.renderTask(this.#load, this.catalog, (c) => this.#renderCatalog(c))} ${this.renderConfirm()}
    </div>`;
  }

  #renderCatalog(c: Catalog) {
    if (!c.groups.length) return html`<p part="empty" class="empty">${this.t('noGroups')}</p>`;
    const groups = [...c.groups].sort((a, b) => a.sortOrder - b.sortOrder);
    return groups.map((g) =>
      this.#renderGroup(
        g,
        c.products.filter((p) => p.groupId === g.id),
      ),
    );
  }

  #renderGroup(g: AdminProductGroup, products: AdminProduct[]) {
    const id = `group-${g.id}`;
    return html`<section part="group" class="card" aria-labelledby=${id}>
      <div class="page-header">
        <div class="title">
          <h2 id=${id}>${g.name}</h2>
          ${g.hidden ? badge(this.t('hidden'), 'neutral') : nothing}
        </div>
        <div class="actions">
          ${
            this.can(routes.updateGroup)
              ? rowButton({
                  text: this.t('editGroup'),
                  ariaLabel: this.t('editGroupName', { name: g.name }),
                  disabled: false,
                  onClick: () => this.#edit({ kind: 'group', group: g }),
                })
              : nothing
          }
          ${
            this.can(routes.removeGroup) && !products.length
              ? rowButton({
                  text: this.t('remove'),
                  ariaLabel: this.t('removeGroupName', { name: g.name }),
                  danger: true,
                  disabled: this.busy,
                  onClick: () => this.#removeGroup(g),
                })
              : nothing
          }
        </div>
      </div>
      ${g.description ? html`<p class="muted">${g.description}</p>` : nothing}
      ${
        products.length
          ? dataTable({
              label: this.t('productsOf', { name: g.name }),
              caption: this.t('productsOf', { name: g.name }),
              columns: [
                this.t('name'),
                this.t('productType'),
                this.t('productPrices'),
                this.t('stock'),
                this.t('actions'),
              ],
              rows: products.map((p) => this.#renderProduct(p)),
            })
          : html`<p class="muted">${this.t('noProductsInGroup')}</p>`
      }
    </section>`;
  }

  #renderProduct(p: AdminProduct) {
    const lang = this.resolvedLocale;
    const type = TYPES.find(([t]) => t === p.type)?.[1] ?? 'typeOther';
    return html`<tr>
      <td>
        ${p.name}
        <div class="flags">
          ${p.featured ? badge(this.t('featured'), 'good') : nothing} ${p.hidden ? badge(this.t('hidden'), 'neutral') : nothing}
          ${p.taxable ? nothing : badge(this.t('notTaxable'), 'neutral')}
        </div>
      </td>
      <td>${this.t(type)}</td>
      <td>
        ${
          p.prices.length
            ? html`<ul class="price-list">
                ${p.prices.map(
                  (price) => html`<li>
                    ${formatMoney(lang, price.amount, price.currency)} · ${cycleName(this.t, price.cycle)}
                    ${price.setupFee ? html`<span class="muted">(${this.t('plusSetup', { fee: formatMoney(lang, price.setupFee, price.currency) })})</span>` : nothing}
                  </li>`,
                )}
              </ul>`
            : html`<span class="muted">${this.t('noPrices')}</span>`
        }
      </td>
      <td>${p.stock === null ? this.t('stockUntracked') : p.stock === 0 ? badge(this.t('outOfStock'), 'bad') : p.stock}</td>
      ${rowActions(
        this.can(routes.updateProduct)
          ? rowButton({
              text: this.t('editProduct'),
              ariaLabel: this.t('editProductName', { name: p.name }),
              disabled: false,
              onClick: () => this.#edit({ kind: 'product', product: p }),
            })
          : nothing,
        this.can(routes.removeProduct)
          ? rowButton({
              text: this.t('remove'),
              ariaLabel: this.t('removeProductName', { name: p.name }),
              danger: true,
              disabled: this.busy,
              onClick: () => this.#removeProduct(p),
            })
          : nothing,
      )}
    </tr>`;
  }

  #renderEditor() {
    const e = this.editing;
    if (!e) return nothing;
    if (e.kind === 'group') return this.#renderGroupEditor(e.group);
    return this.#renderProductEditor(e.product);
  }

  #renderGroupEditor(group?: AdminProductGroup) {
    const field = this.textInput.bind(this);
    return html`<section class="card" aria-labelledby="editor-title">
      <h2 id="editor-title" tabindex="-1">${group ? this.t('editGroupName', { name: group.name }) : this.t('newGroup')}</h2>
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#saveGroup}>
        <div class="grid-2">
          ${field('name', this.t('name'), { required: true, maxlength: 120 })}
          ${field('slug', this.t('slug'), { maxlength: 80, hint: this.t('slugHint') })}
          ${field('sortOrder', this.t('sortOrder'), { inputmode: 'numeric', hint: this.t('sortOrderHint') })}
        </div>
        ${textareaField({ name: 'description', label: this.t('description'), rows: 3, value: this.values.description, error: this.fieldErrors.description, onInput: this.onInput })}
        ${checkboxField({ name: 'hidden', label: this.t('hideGroup'), hint: this.t('hideGroupHint'), checked: this.values.hidden === 'on', onChange: this.onInput })}
        <div class="actions">
          ${submitButton(group ? this.t('saveChanges') : this.t('createGroup'), this.busy)}
          <button class="secondary" type="button" @click=${this.#closeEditor}>${this.t('cancel')}</button>
        </div>
      </form>
    </section>`;
  }

  #renderProductEditor(product?: AdminProduct) {
    const field = this.textInput.bind(this);
    const groups = this.catalog?.groups ?? [];
    const check = (name: string, label: AdminMessageKey, hint?: AdminMessageKey) =>
      checkboxField({
        name,
        label: this.t(label),
        hint: hint ? this.t(hint) : undefined,
        checked: this.values[name] === 'on',
        onChange: this.onInput,
      });
    return html`<section class="card" aria-labelledby="editor-title">
      <h2 id="editor-title" tabindex="-1">${product ? this.t('editProductName', { name: product.name }) : this.t('newProduct')}</h2>
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#saveProduct}>
        <div class="grid-2">
          ${this.selectInput('groupId', this.t('productGroup'), [{ value: '', label: this.t('chooseGroup') }, ...groups.map((g) => ({ value: g.id, label: g.name }))], { required: true })}
          ${field('name', this.t('name'), { required: true, maxlength: 120 })}
          ${field('slug', this.t('slug'), { maxlength: 80, hint: this.t('slugHint') })}
          ${this.selectInput(
            'type',
            this.t('productType'),
            TYPES.map(([value, label]) => ({ value, label: this.t(label) })),
          )}
          ${field('sortOrder', this.t('sortOrder'), { inputmode: 'numeric', hint: this.t('sortOrderHint') })}
        </div>
        ${textareaField({ name: 'description', label: this.t('description'), hint: this.t('productDescriptionHint'), rows: 4, value: this.values.description, error: this.fieldErrors.description, onInput: this.onInput })}
        ${textareaField({ name: 'features', label: this.t('features'), hint: this.t('featuresHint'), rows: 4, value: this.values.features, error: this.fieldErrors.features, onInput: this.onInput })}
        <fieldset>
          <legend>${this.t('productOptions')}</legend>
          ${check('featured', 'featuredLabel', 'featuredHint')} ${check('hidden', 'hideProduct', 'hideProductHint')}
          ${check('taxable', 'taxableLabel')} ${check('trackStock', 'trackStock', 'trackStockHint')}
          ${this.values.trackStock === 'on' ? field('stock', this.t('stockLeft'), { inputmode: 'numeric', required: true }) : nothing}
        </fieldset>
        ${this.#renderPriceGrid()}
        <div class="actions">
          ${submitButton(product ? this.t('saveChanges') : this.t('createProduct'), this.busy)}
          <button class="secondary" type="button" @click=${this.#closeEditor}>${this.t('cancel')}</button>
        </div>
      </form>
    </section>`;
  }

  #renderPriceGrid() {
    const currencies = this.gridCurrencies;
    const cell = (currency: string, cycle: BillingCycle, part: keyof PriceDraft) => {
      const name = priceField(currency, cycle, part);
      const error = this.fieldErrors[name];
      const label = this.t(part === 'amount' ? 'priceCellLabel' : 'setupCellLabel', {
        cycle: cycleName(this.t, cycle),
        currency,
      });
      return html`<td class=${part}>
        <input
          name=${name}
          aria-label=${label}
          .value=${this.prices[priceKey(currency, cycle)]?.[part] ?? ''}
          placeholder=${part === 'setupFee' ? moneyInputValue(0, currency, this.resolvedLocale) : ''}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${name.replace(/\./g, '-')}-error` : nothing}
          @input=${(e: Event) => this.#setPrice(currency, cycle, part, (e.target as HTMLInputElement).value)}
        />
        ${error ? html`<p class="field-error" id=${`${name.replace(/\./g, '-')}-error`}>${error}</p>` : nothing}
      </td>`;
    };
    return html`<fieldset part="prices" class="prices" aria-describedby="prices-hint">
      <legend>${this.t('productPrices')}</legend>
      <p class="hint" id="prices-hint">${this.t('pricesHint')}</p>
      ${
        currencies.length
          ? html`<div class="table-wrap" role="region" aria-label=${this.t('productPrices')} tabindex="0">
              <table>
                <caption class="sr-only">${this.t('productPrices')}</caption>
                <thead>
                  <tr>
                    <th scope="col">${this.t('cycle')}</th>
                    ${currencies.map(
                      (c) => html`<th scope="col">${this.t('priceIn', { currency: c })}</th>
                        <th scope="col">${this.t('setupFeeIn', { currency: c })}</th>`,
                    )}
                  </tr>
                </thead>
                <tbody>
                  ${CYCLES.map(
                    (cycle) => html`<tr>
                      <th scope="row">${cycleName(this.t, cycle)}</th>
                      ${currencies.map((c) => html`${cell(c, cycle, 'amount')}${cell(c, cycle, 'setupFee')}`)}
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted">${this.t('noCurrencies')}</p>`
      }
      <div class="add">
        ${this.textInput('newCurrency', this.t('addPriceCurrency'), { maxlength: 3, placeholder: 'EUR' })}
        <button class="secondary" type="button" @click=${this.#addCurrency}>${this.t('add')}</button>
      </div>
    </fieldset>`;
  }

  #setPrice(currency: string, cycle: BillingCycle, part: keyof PriceDraft, value: string) {
    const key = priceKey(currency, cycle);
    const current = this.prices[key] ?? { amount: '', setupFee: '' };
    this.prices = { ...this.prices, [key]: { ...current, [part]: value } };
    this.clearError(priceField(currency, cycle, part));
  }

  #addCurrency = () => {
    const code = (this.values.newCurrency ?? '').trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(code)) {
      this.showFieldErrors({ newCurrency: this.t('errorCurrency') });
      return;
    }
    if (!this.gridCurrencies.includes(code)) this.gridCurrencies = [...this.gridCurrencies, code];
    this.values = { ...this.values, newCurrency: '' };
    void this.focusField(priceField(code, 'monthly', 'amount'));
  };

  /** The currencies the grid starts with: the enabled ones (else every one used), then the product's own. */
  #currenciesFor(product?: AdminProduct): string[] {
    const c = this.catalog;
    const known = c?.enabled ?? [
      ...new Set(c?.products.flatMap((p) => p.prices.map((price) => price.currency))),
    ];
    return [...new Set([...known, ...(product?.prices.map((p) => p.currency) ?? [])])];
  }

  #edit(editing: Editing) {
    this.editing = editing;
    this.fieldErrors = {};
    this.alertMessage = '';
    if (editing.kind === 'group') {
      const g = editing.group;
      this.values = {
        name: g?.name ?? '',
        slug: g?.slug ?? '',
        description: g?.description ?? '',
        sortOrder: g ? String(g.sortOrder) : '',
        hidden: g?.hidden ? 'on' : '',
      };
    } else {
      const p = editing.product;
      const lang = this.resolvedLocale;
      this.values = {
        groupId: p?.groupId ?? (this.catalog?.groups.length === 1 ? (this.catalog.groups[0]?.id ?? '') : ''),
        name: p?.name ?? '',
        slug: p?.slug ?? '',
        type: p?.type ?? 'hosting',
        sortOrder: p ? String(p.sortOrder) : '',
        description: p?.description ?? '',
        features: p?.features.join('\n') ?? '',
        featured: p?.featured ? 'on' : '',
        hidden: p?.hidden ? 'on' : '',
        taxable: (p?.taxable ?? true) ? 'on' : '',
        trackStock: p && p.stock !== null ? 'on' : '',
        stock: p?.stock != null ? String(p.stock) : '',
      };
      this.prices = Object.fromEntries(
        (p?.prices ?? []).map((price) => [
          priceKey(price.currency, price.cycle),
          {
            amount: moneyInputValue(price.amount, price.currency, lang),
            setupFee: price.setupFee ? moneyInputValue(price.setupFee, price.currency, lang) : '',
          },
        ]),
      );
      this.gridCurrencies = this.#currenciesFor(p);
    }
    void this.focusField(editing.kind === 'product' && !editing.product ? 'groupId' : 'name');
  }

  #closeEditor = () => {
    this.editing = undefined;
    this.fieldErrors = {};
    void this.focusHeading();
  };

  /** The price grid as the API takes it, or the errors beside its cells. */
  #readPrices(): { prices: PriceInput[]; errors: Record<string, string> } {
    const prices: PriceInput[] = [];
    const errors: Record<string, string> = {};
    const lang = this.resolvedLocale;
    for (const currency of this.gridCurrencies) {
      for (const cycle of CYCLES) {
        const draft = this.prices[priceKey(currency, cycle)];
        const amountText = draft?.amount.trim() ?? '';
        const setupText = draft?.setupFee.trim() ?? '';
        if (!amountText) {
          if (setupText) errors[priceField(currency, cycle, 'setupFee')] = this.t('errorSetupWithoutPrice');
          continue;
        }
        const amount = parseMoneyInput(amountText, currency, { lang });
        const setup = setupText
          ? parseMoneyInput(setupText, currency, { lang })
          : ({ ok: true, amount: 0 } as const);
        if (!amount.ok) errors[priceField(currency, cycle, 'amount')] = this.t(amount.error, { currency });
        if (!setup.ok) errors[priceField(currency, cycle, 'setupFee')] = this.t(setup.error, { currency });
        if (amount.ok && setup.ok)
          prices.push({ currency, cycle, amount: amount.amount, setupFee: setup.amount });
      }
    }
    return { prices, errors };
  }

  #saveGroup = async (event: SubmitEvent) => {
    event.preventDefault();
    const editing = this.editing;
    if (editing?.kind !== 'group') return;
    const sortOrder: Check = (v) =>
      !v?.trim() || wholeNumber(v, -1_000_000, 1_000_000) !== undefined ? undefined : 'errorWholeNumber';
    if (!this.validate({ name: adminChecks.required, sortOrder })) return;
    const v = (name: string) => (this.values[name] ?? '').trim();
    const input: ProductGroupInput = {
      name: v('name'),
      description: v('description'),
      hidden: this.values.hidden === 'on',
      ...(v('slug') ? { slug: v('slug') } : {}),
      ...(v('sortOrder') ? { sortOrder: Number(v('sortOrder')) } : {}),
    };
    let saved: AdminProductGroup | undefined;
    await this.attempt('adminSaveGroup', ['name', 'slug', 'description', 'sortOrder'], async (admin) => {
      saved = editing.group
        ? await admin.products.updateGroup(editing.group.id, input)
        : await admin.products.createGroup(input);
    });
    if (!saved) return;
    this.notice = this.t(editing.group ? 'groupSaved' : 'groupCreated', { name: saved.name });
    this.editing = undefined;
    await this.#load.run();
    void this.focusHeading();
  };

  #saveProduct = async (event: SubmitEvent) => {
    event.preventDefault();
    const editing = this.editing;
    if (editing?.kind !== 'product') return;
    const v = (name: string) => (this.values[name] ?? '').trim();
    const tracked = this.values.trackStock === 'on';
    const errors: Record<string, string> = {};
    if (!v('groupId')) errors.groupId = this.t('errorChooseGroup');
    if (!v('name')) errors.name = this.t('errorRequired');
    if (v('sortOrder') && wholeNumber(v('sortOrder'), -1_000_000, 1_000_000) === undefined)
      errors.sortOrder = this.t('errorWholeNumber');
    const stock = tracked ? wholeNumber(v('stock'), 0, 1_000_000_000) : null;
    if (stock === undefined) errors.stock = this.t('errorStock');
    const read = this.#readPrices();
    Object.assign(errors, read.errors);
    if (!this.showFieldErrors(errors) || stock === undefined) return;
    const features = v('features')
      .split('\n')
      .map((f) => f.trim())
      .filter(Boolean);
    const full: ProductInput = {
      groupId: v('groupId'),
      name: v('name'),
      description: v('description'),
      features,
      type: (this.values.type as AdminProduct['type']) || 'hosting',
      featured: this.values.featured === 'on',
      hidden: this.values.hidden === 'on',
      taxable: this.values.taxable === 'on',
      stock,
      prices: read.prices,
      ...(v('slug') ? { slug: v('slug') } : {}),
      ...(v('sortOrder') ? { sortOrder: Number(v('sortOrder')) } : {}),
    };
    const p = editing.product;
    const input = p ? this.#changes(p, full) : full;
    if (p && !Object.keys(input).length) {
      this.editing = undefined;
      this.notice = this.t('nothingChanged');
      void this.focusHeading();
      return;
    }
    let saved: AdminProduct | undefined;
    await this.attempt('adminSaveProduct', fieldOf, async (admin) => {
      saved = p ? await admin.products.update(p.id, input) : await admin.products.create(full);
    });
    if (!saved) return;
    this.notice = this.t(p ? 'productSaved' : 'productCreated', { name: saved.name });
    this.editing = undefined;
    await this.#load.run();
    void this.focusHeading();
  };

  /** What differs between the saved product and the form: what "Save" sends. */
  #changes(p: AdminProduct, f: ProductInput): Partial<ProductInput> {
    const out: Partial<ProductInput> = {};
    if (f.groupId !== p.groupId) out.groupId = f.groupId;
    if (f.name !== p.name) out.name = f.name;
    if (f.slug !== undefined && f.slug !== p.slug) out.slug = f.slug;
    if (f.description !== p.description) out.description = f.description;
    if (!sameList(f.features ?? [], p.features)) out.features = f.features;
    if (f.type !== p.type) out.type = f.type;
    if (f.featured !== p.featured) out.featured = f.featured;
    if (f.hidden !== p.hidden) out.hidden = f.hidden;
    if (f.taxable !== p.taxable) out.taxable = f.taxable;
    if (f.stock !== p.stock) out.stock = f.stock;
    if (f.sortOrder !== undefined && f.sortOrder !== p.sortOrder) out.sortOrder = f.sortOrder;
    if (sortedPrices(f.prices ?? []) !== sortedPrices(p.prices)) out.prices = f.prices;
    return out;
  }

  async #removeGroup(g: AdminProductGroup) {
    const ok = await this.confirmAction({
      title: this.t('removeGroupTitle', { name: g.name }),
      body: this.t('removeGroupBody'),
      confirm: this.t('remove'),
      danger: true,
    });
    if (!ok) return;
    const done = await this.attempt('adminRemoveGroup', [], (admin) => admin.products.removeGroup(g.id));
    if (!done) return;
    this.notice = this.t('groupRemoved', { name: g.name });
    await this.#load.run();
    void this.focusHeading();
  }

  async #removeProduct(p: AdminProduct) {
    const ok = await this.confirmAction({
      title: this.t('removeProductTitle', { name: p.name }),
      body: this.t('removeProductBody'),
      confirm: this.t('remove'),
      danger: true,
    });
    if (!ok) return;
    const done = await this.attempt('adminRemoveProduct', [], (admin) => admin.products.remove(p.id));
    if (!done) return;
    this.notice = this.t('productRemoved', { name: p.name });
    await this.#load.run();
    void this.focusHeading();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-products': PortalAdminProducts;
  }
}
