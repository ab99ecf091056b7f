import { initialState, Task, TaskStatus } from '@lit/task';
import type { AnnouncementSummary, Hero, Product } from '@portico/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { accountLoadError } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { formatDate } from '../../lib/format.js';
import { addMessages } from '../../lib/localize.js';
import * as commerceEn from '../../lib/locales/commerce-en.js';
import * as commerceEs from '../../lib/locales/commerce-es.js';
import * as contentEn from '../../lib/locales/content-en.js';
import * as contentEs from '../../lib/locales/content-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { PortalElement } from '../../lib/portal-element.js';
import { guestOrAccount } from '../../lib/public-section.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import '../domain-search/domain-search.js';
import { paragraphs, pricePer, withParams } from '../store/cycles.js';
import styles from './home.styles.js';

addMessages('en', en.account, commerceEn.commerce, contentEn.home);
addMessages('es', es.account, commerceEs.commerce, contentEs.home);

/**
 * The portal's home page, as the business set it up: the hero (title, subtitle and a call-to-action link),
 * featured products as cards (name, price, "Order"), the latest announcements, and a `<domain-search>` when the
 * business sells domains. A part the business hides, or with nothing in it, is left out entirely; signed in,
 * prices are in the account's billing currency.
 *
 * The call to action's path is resolved against `base-href` (else the page). "Order" links to
 * `order-href?product=<slug>&cycle=<cycle>` (the page with a `<portal-order-form>`, as `<portal-store>` links), and
 * is left out without `order-href`; an announcement links to `announcements-href#announcement/<slug>` (a page with
 * a `<portal-announcements>`). The domain search gets `order-href` too.
 *
 * @summary The portal home: hero, featured products, latest announcements, domain search.
 *
 * @attr base-href - The portal's address, which the call to action's path is resolved against; else the page's.
 * @attr order-href - The order page ("Order" and the domain search link there).
 * @attr announcements-href - The announcements page.
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart hero - The hero.
 * @csspart hero-title - The hero's title.
 * @csspart hero-subtitle - The hero's subtitle.
 * @csspart cta - The call-to-action link.
 * @csspart featured - The featured products' section.
 * @csspart products - Their list.
 * @csspart product - A product card.
 * @csspart name - A product's name.
 * @csspart price - A product's price.
 * @csspart description - A product's description.
 * @csspart order - A product's "Order" link.
 * @csspart announcements - The latest announcements' section.
 * @csspart announcement - One announcement.
 * @csspart all-announcements - The link to every announcement.
 * @csspart domain-search - The `<domain-search>`.
 * @csspart loading - Shown while loading.
 * @csspart load-error - Shown when the home could not be loaded.
 * @csspart retry - "Try again" after a failed load (also `button`).
 *
 * @cssproperty [--portal-home-width=72rem] - Maximum width.
 * @cssproperty [--portal-home-card-width=15rem] - Smallest width of a product card.
 * @cssproperty --portal-home-hero-background - The hero's background; falls back to `--portal-color-surface-raised`.
 *
 * @event {PortalErrorEvent} portal-error - The home could not be loaded; `event.detail` is `{ action, error }`.
 */
@customElement('portal-home')
export class PortalHome extends PortalElement {
  static override styles = [hostStyles, formStyles, accountStyles, styles];

  /** The portal's address, for the call to action's path. */
  @property({ attribute: 'base-href' }) baseHref?: string;

  /** The order page. */
  @property({ attribute: 'order-href' }) orderHref?: string;

  /** The announcements page. */
  @property({ attribute: 'announcements-href' }) announcementsHref?: string;

  readonly #home = new Task(this, {
    // Prices are in the signed-in account's currency: load again when someone signs in or out.
    args: () => [this.client, guestOrAccount(this.sessionState)] as const,
    task: async ([client, visitor]) => (client && visitor !== undefined ? client.home.get() : initialState),
    onError: (error) => this.emit(new PortalErrorEvent({ action: 'home', error })),
  });

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>${this.#renderContent()}</div>`;
  }

  #renderContent(): unknown {
    if (!this.client) return html`<p part="load-error" class="load-error">${this.t('notConfigured')}</p>`;
    const task = this.#home;
    if (task.status === TaskStatus.ERROR) return accountLoadError(task.error, () => void task.run(), this.t);
    const home = task.value;
    if (!home) return this.renderLoading();
    const { sections } = home;
    return html`${this.#renderHero(home.hero)}
    ${sections.store && home.featuredProducts.length ? this.#renderProducts(home.featuredProducts) : nothing}
    ${
      sections.store && sections.domainSearch
        ? html`<section class="domains" aria-labelledby="domains-title">
            <h2 id="domains-title">${this.t('homeDomainSearch')}</h2>
            <domain-search
              part="domain-search"
              order-href=${ifDefined(this.orderHref)}
              api=${ifDefined(this.api)}
              mode=${ifDefined(this.mode)}
              lang=${ifDefined(this.locale)}
              theme=${ifDefined(this.getAttribute('theme') ?? undefined)}
            ></domain-search>
          </section>`
        : nothing
    }
    ${
      sections.announcements && home.announcements.length
        ? this.#renderAnnouncements(home.announcements)
        : nothing
    }`;
  }

  #renderHero(hero: Hero): TemplateResult | typeof nothing {
    if (!hero.title && !hero.subtitle && !hero.cta) return nothing;
    const href = hero.cta ? this.#resolve(hero.cta.url) : undefined;
    return html`<section part="hero" class="hero" aria-labelledby=${hero.title ? 'hero-title' : nothing}>
      ${hero.title ? html`<h2 part="hero-title" id="hero-title" class="hero-title">${hero.title}</h2>` : nothing}
      ${
        hero.subtitle
          ? html`<div part="hero-subtitle" class="hero-subtitle">
              ${paragraphs(hero.subtitle).map((p) => html`<p>${p}</p>`)}
            </div>`
          : nothing
      }
      ${
        hero.cta && href
          ? html`<a part="cta" class="primary cta" href=${href}>${hero.cta.label}</a>`
          : nothing
      }
    </section>`;
  }

  /** The call to action's URL: http(s) as it is, a path against `base-href` or the page; else none. */
  #resolve(url: string): string | undefined {
    try {
      const resolved = new URL(url, this.baseHref ? new URL(this.baseHref, location.href) : location.href);
      return resolved.protocol === 'https:' || resolved.protocol === 'http:' ? resolved.href : undefined;
    } catch {
      return undefined;
    }
  }

  #renderProducts(products: Product[]): TemplateResult {
    const lang = this.resolvedLocale;
    return html`<section part="featured" class="featured" aria-labelledby="featured-title">
      <h2 id="featured-title">${this.t('homeFeatured')}</h2>
      <ul part="products" class="products" role="list">
        ${products.map((product) => {
          const price = product.prices[0];
          const nameId = `product-${product.id}`;
          return html`<li>
            <article part="product" class="product" aria-labelledby=${nameId}>
              <h3 part="name" id=${nameId}>${product.name}</h3>
              ${
                price
                  ? html`<p part="price" class="price">
                      ${pricePer(this.t, lang, price.amount, price.currency, price.cycle)}
                    </p>`
                  : nothing
              }
              ${
                product.description
                  ? html`<div part="description" class="description">
                      ${paragraphs(product.description).map((p) => html`<p>${p}</p>`)}
                    </div>`
                  : nothing
              }
              ${
                !product.inStock
                  ? html`<p class="muted">${this.t('homeOutOfStock')}</p>`
                  : this.orderHref && price
                    ? html`<a
                        part="order"
                        class="primary order"
                        href=${withParams(this.orderHref, { product: product.slug, cycle: price.cycle })}
                        aria-label=${this.t('homeOrderName', { name: product.name })}
                        >${this.t('homeOrder')}</a
                      >`
                    : nothing
              }
            </article>
          </li>`;
        })}
      </ul>
    </section>`;
  }

  #renderAnnouncements(items: AnnouncementSummary[]): TemplateResult {
    const lang = this.resolvedLocale;
    const base = (this.announcementsHref ?? '').split('#')[0];
    return html`<section part="announcements" class="news" aria-labelledby="news-title">
      <h2 id="news-title">${this.t('homeAnnouncements')}</h2>
      <ul class="news-list" role="list">
        ${items.map(
          (a) => html`<li part="announcement" class="news-item">
            <a href=${`${base}#announcement/${encodeURIComponent(a.slug)}`}>${a.title}</a>
            <time class="muted" datetime=${a.publishedAt}>${formatDate(lang, a.publishedAt)}</time>
            ${a.excerpt ? html`<p class="excerpt">${a.excerpt}</p>` : nothing}
          </li>`,
        )}
      </ul>
      ${
        this.announcementsHref
          ? html`<a part="all-announcements" class="all" href=${this.announcementsHref}
              >${this.t('homeAllAnnouncements')}</a
            >`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-home': PortalHome;
  }
}
