import { initialState, Task, TaskStatus } from '@lit/task';
import type { BillingCycle, Catalog, Product, ProductGroup } from '@portico/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { accountLoadError } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { badge, selectField } from '../../lib/fields.js';
import { currencyLabel } from '../../lib/format.js';
import { addMessages } from '../../lib/localize.js';
import * as commerceEn from '../../lib/locales/commerce-en.js';
import * as commerceEs from '../../lib/locales/commerce-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { PortalElement } from '../../lib/portal-element.js';
import { guestOrAccount, isSectionOff, SectionHider } from '../../lib/public-section.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import '../order-form/order-form.js';
import { CYCLE_KEYS, cheapest, paragraphs, priceLabel, pricePer, withParams } from './cycles.js';
import styles from './store.styles.js';

addMessages('en', en.account, commerceEn.commerce);
addMessages('es', es.account, commerceEs.commerce);

/** What was picked in the store. */
export interface PortalProductSelectedDetail {
  product: Product;
  cycle: BillingCycle;
}

/**
 * "Order" was pressed on a product of a `<portal-store>` without `order-href`. `preventDefault()` keeps the store
 * from opening its own order form, e.g. to show the product in the site's own checkout.
 *
 * @example
 * ```js
 * store.addEventListener('portal-product-selected', (event) => {
 *   event.preventDefault();
 *   router.go(`/checkout/${event.detail.product.slug}?cycle=${event.detail.cycle}`);
 * });
 * ```
 */
export class PortalProductSelectedEvent extends Event {
  static readonly eventName = 'portal-product-selected';
  readonly detail: PortalProductSelectedDetail;
  constructor(detail: PortalProductSelectedDetail) {
    super(PortalProductSelectedEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

/**
 * The business's public store: each product group as a section of product cards with the name, description,
 * features, a "Featured" badge, whether it is out of stock, the "From" price of its cheapest cycle, a billing cycle
 * picker (when it has several) and "Order". It works signed out: a guest may pick the currency when the business
 * bills in several; signed in, prices are in the account's billing currency.
 *
 * With `order-href`, "Order" is a link to that page with `?product=<slug>&cycle=<cycle>` (and `&currency=` when a
 * guest picked one), where a `<portal-order-form>` reads them. Without it, "Order" fires `portal-product-selected`
 * and, unless that is cancelled, shows a `<portal-order-form>` for the product in place of the store, with a way
 * back.
 *
 * When the business hides its store (the API answers 404), the element hides itself.
 *
 * @summary The product catalog with prices, cycles and "Order".
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart toolbar - The currency picker's row.
 * @csspart field - The currency picker (label and select).
 * @csspart label - The currency picker's label.
 * @csspart input - The currency and cycle selects.
 * @csspart group - A product group's section.
 * @csspart group-title - A group's heading.
 * @csspart group-description - A group's description.
 * @csspart products - The list of a group's products.
 * @csspart product - A product card.
 * @csspart featured - A featured product's card (also `product`).
 * @csspart name - A product's name.
 * @csspart badge - "Featured" and "Out of stock".
 * @csspart from - The "From" price.
 * @csspart description - A product's description.
 * @csspart features - A product's list of features.
 * @csspart cycle - A product's billing cycle picker, or its only cycle.
 * @csspart order - A product's "Order" link or button.
 * @csspart button - Buttons.
 * @csspart back - "Back to the store", above the order form.
 * @csspart order-form - The `<portal-order-form>` shown in place of the store.
 * @csspart empty - Shown when nothing is for sale.
 * @csspart loading - Shown while the catalog loads.
 * @csspart load-error - Shown when the catalog could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 *
 * @cssproperty [--portal-store-width=72rem] - Maximum width.
 * @cssproperty [--portal-store-card-width=16rem] - Smallest width of a product card.
 * @cssproperty --portal-store-padding - Padding inside the box.
 * @cssproperty --portal-store-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-store-border - Border; falls back to a 1px `--portal-color-border` line.
 * @cssproperty --portal-store-featured-color - Border of featured products; falls back to `--portal-color-primary`.
 *
 * @event {PortalProductSelectedEvent} portal-product-selected - "Order" was pressed (without `order-href`);
 * `event.detail` is `{ product, cycle }`. Cancelable: `preventDefault()` keeps the store from opening its order form.
 * @event {PortalOrderPlacedEvent} portal-order-placed - An order was placed in the order form the store opened.
 * @event {PortalErrorEvent} portal-error - The catalog could not be loaded; `event.detail` is `{ action, error }`.
 */
@customElement('portal-store')
export class PortalStore extends PortalElement {
  static override styles = [hostStyles, formStyles, accountStyles, styles];

  /** Show only the product group with this slug. */
  @property() group?: string;

  /** The order page: "Order" links there with `?product=<slug>&cycle=<cycle>`. Without it, the order form opens here. */
  @property({ attribute: 'order-href' }) orderHref?: string;

  /** The currency a guest picked; signed in, the account's currency is used. */
  @state() private pickedCurrency?: string;
  /** The billing cycle picked on each product, by product id. */
  @state() private cycles: Record<string, BillingCycle> = {};
  /** The product whose order form is shown in place of the store. */
  @state() private ordering?: { product: Product; cycle: BillingCycle; currency: string | undefined };

  /** Hides the element while the business hides its store. */
  readonly #hider = new SectionHider(this);

  readonly #catalog = new Task(this, {
    args: () => [this.client, this.#sessionKey, this.#currency] as const,
    task: async ([client, key, currency]) => {
      if (!client || key === undefined) return initialState;
      return client.store.catalog(currency ? { currency } : {});
    },
    onComplete: () => this.#hider.hide(false),
    onError: (error) => {
      if (isSectionOff(error)) this.#hider.hide(true);
      else this.emit(new PortalErrorEvent({ action: 'catalog', error }));
    },
  });

  /** The guest or the active account the catalog is for; undefined while the session loads. */
  get #sessionKey(): string | undefined {
    return guestOrAccount(this.sessionState);
  }

  get #signedIn(): boolean {
    return !!this.sessionState.session;
  }

  /** The currency asked for: a guest's pick; signed in, none (the account's). */
  get #currency(): string | undefined {
    return this.#signedIn ? undefined : this.pickedCurrency;
  }

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>${this.#renderContent()}</div>`;
  }

  #renderContent(): unknown {
    if (!this.client) return html`<p part="load-error" class="load-error">${this.t('notConfigured')}</p>`;
    const task = this.#catalog;
    if (task.status === TaskStatus.ERROR) {
      return isSectionOff(task.error) ? nothing : accountLoadError(task.error, () => void task.run(), this.t);
    }
    const catalog = task.value;
    if (!catalog || this.#sessionKey === undefined) return this.renderLoading();
    if (this.ordering) return this.#renderOrdering(this.ordering);
    // A new currency's prices are loading: keep the picker (and its focus), never show the old prices.
    const loading = task.status === TaskStatus.PENDING;
    return html`${this.#renderToolbar(catalog)}
      ${loading ? this.renderLoading() : this.#renderGroups(catalog)}`;
  }

  #renderToolbar(catalog: Catalog) {
    if (this.#signedIn || catalog.currencies.length < 2) return nothing;
    const lang = this.resolvedLocale;
    return html`<div part="toolbar" class="toolbar">
      ${selectField({
        name: 'currency',
        label: this.t('storeCurrency'),
        value: this.pickedCurrency ?? catalog.currency,
        options: catalog.currencies.map((code) => ({ value: code, label: currencyLabel(lang, code) })),
        onChange: (event) => {
          this.pickedCurrency = (event.target as HTMLSelectElement).value;
        },
      })}
    </div>`;
  }

  #renderGroups(catalog: Catalog) {
    const groups = catalog.groups
      .filter((g) => !this.group || g.slug === this.group)
      .map((g) => ({ ...g, products: g.products.filter((p) => p.prices.length) }))
      .filter((g) => g.products.length);
    if (!groups.length) return html`<p part="empty" class="empty">${this.t('storeEmpty')}</p>`;
    return groups.map((g) => this.#renderGroup(g));
  }

  #renderGroup(group: ProductGroup): TemplateResult {
    const titleId = `group-${group.id}`;
    return html`<section part="group" class="group" aria-labelledby=${titleId}>
      <h2 part="group-title" id=${titleId}>${group.name}</h2>
      ${
        group.description
          ? html`<div part="group-description" class="intro">
              ${paragraphs(group.description).map((p) => html`<p>${p}</p>`)}
            </div>`
          : nothing
      }
      <ul part="products" class="products" role="list">
        ${group.products.map((p) => html`<li>${this.#renderProduct(p)}</li>`)}
      </ul>
    </section>`;
  }

  #renderProduct(product: Product): TemplateResult {
    const lang = this.resolvedLocale;
    const nameId = `product-${product.id}`;
    const cycle = this.#cycleOf(product);
    const low = cheapest(product.prices);
    return html`<article
      part=${product.featured ? 'product featured' : 'product'}
      class="product ${product.featured ? 'featured' : ''}"
      aria-labelledby=${nameId}
    >
      <div class="product-head">
        <h3 part="name" id=${nameId}>${product.name}</h3>
        ${product.featured ? badge(this.t('storeFeatured'), 'good') : nothing}
        ${product.inStock ? nothing : badge(this.t('storeOutOfStock'), 'bad')}
      </div>
      ${
        low
          ? html`<p part="from" class="from">
              ${this.t('storeFrom', { price: pricePer(this.t, lang, low.amount, low.currency, low.cycle) })}
            </p>`
          : nothing
      }
      <div part="description" class="description">
        ${paragraphs(product.description).map((p) => html`<p>${p}</p>`)}
      </div>
      ${
        product.features.length
          ? html`<ul part="features" class="features" aria-label=${this.t('storeFeatures', { name: product.name })}>
              ${product.features.map((f) => html`<li>${f}</li>`)}
            </ul>`
          : nothing
      }
      <div class="product-foot">${this.#renderCycle(product, cycle)} ${this.#renderOrder(product, cycle)}</div>
    </article>`;
  }

  #renderCycle(product: Product, cycle: BillingCycle): TemplateResult {
    const lang = this.resolvedLocale;
    const id = `cycle-${product.id}`;
    if (product.prices.length === 1) {
      const only = product.prices[0]!;
      return html`<p part="cycle" class="cycle-only">
        ${this.t(CYCLE_KEYS[only.cycle])}: ${priceLabel(this.t, lang, only)}
      </p>`;
    }
    return html`<div part="cycle" class="field">
      <label part="label" for=${id}>${this.t('storeCycle')}</label>
      <select
        part="input"
        id=${id}
        name=${id}
        .value=${cycle}
        @change=${(event: Event) => {
          this.cycles = {
            ...this.cycles,
            [product.id]: (event.target as HTMLSelectElement).value as BillingCycle,
          };
        }}
      >
        ${product.prices.map(
          (price) =>
            html`<option value=${price.cycle} ?selected=${price.cycle === cycle}>
              ${this.t(CYCLE_KEYS[price.cycle])} · ${priceLabel(this.t, lang, price)}
            </option>`,
        )}
      </select>
    </div>`;
  }

  #renderOrder(product: Product, cycle: BillingCycle): TemplateResult {
    const label = this.t('storeOrderName', { name: product.name });
    if (!product.inStock) {
      return html`<button part="button order" class="primary" type="button" disabled>
        ${this.t('storeOutOfStock')}
      </button>`;
    }
    if (this.orderHref) {
      const currency = this.#currency;
      const href = withParams(this.orderHref, {
        product: product.slug,
        cycle,
        ...(currency ? { currency } : {}),
      });
      return html`<a part="order" class="primary" href=${href} aria-label=${label}>${this.t('storeOrder')}</a>`;
    }
    return html`<button
      part="button order"
      class="primary"
      type="button"
      data-product=${product.id}
      aria-label=${label}
      @click=${() => this.#select(product, cycle)}
    >
      ${this.t('storeOrder')}
    </button>`;
  }

  #renderOrdering(ordering: NonNullable<PortalStore['ordering']>): TemplateResult {
    return html`<div class="ordering">
      <button part="button back" class="link back" type="button" @click=${this.#back}>
        <span aria-hidden="true">←</span> ${this.t('storeBack')}
      </button>
      <portal-order-form
        part="order-form"
        product=${ordering.product.slug}
        cycle=${ordering.cycle}
        currency=${ordering.currency ?? nothing}
        api=${this.api ?? nothing}
        mode=${this.mode ?? nothing}
        lang=${this.locale ?? nothing}
      ></portal-order-form>
    </div>`;
  }

  /** The cycle picked on `product`, else its cheapest. */
  #cycleOf(product: Product): BillingCycle {
    const picked = this.cycles[product.id];
    if (picked && product.prices.some((p) => p.cycle === picked)) return picked;
    return cheapest(product.prices)?.cycle ?? 'monthly';
  }

  #select(product: Product, cycle: BillingCycle) {
    const event = new PortalProductSelectedEvent({ product, cycle });
    this.emit(event);
    if (event.defaultPrevented) return;
    this.ordering = { product, cycle, currency: this.#currency };
    void this.focusPart('[part~="back"]');
  }

  #back = () => {
    const id = this.ordering?.product.id;
    this.ordering = undefined;
    if (id) void this.focusPart(`[data-product="${id}"]`);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-store': PortalStore;
  }
  interface GlobalEventHandlersEventMap {
    'portal-product-selected': PortalProductSelectedEvent;
  }
}
