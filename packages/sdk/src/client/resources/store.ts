import {
  billingRoutes,
  type Catalog,
  type Product,
  type Quote,
  type QuoteInput,
} from '../../contract/billing.js';
import type { HttpClient } from '../http.js';

/**
 * The public store: product groups, products and prices, and server-side pricing of an order.
 *
 * @example
 * ```ts
 * const catalog = await portal.store.catalog({ currency: 'EUR' });
 * const quote = await portal.store.quote({ items: [{ productId: catalog.groups[0].products[0].id, cycle: 'annual' }] });
 * console.log(quote.total, quote.currency);
 * ```
 */
export class StoreResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Every visible product group and product, priced in one currency (the account's, or the one asked for). */
  catalog(query: { currency?: string } = {}): Promise<Catalog> {
    return this.#http.send(billingRoutes.catalog, { query });
  }

  /** One product by its slug or id. */
  product(slug: string, query: { currency?: string } = {}): Promise<Product> {
    return this.#http.send(billingRoutes.product, { params: { slug }, query });
  }

  /** Prices an order as the server would bill it: lines, tax and total. */
  quote(input: QuoteInput): Promise<Quote> {
    return this.#http.send(billingRoutes.quote, { body: input });
  }
}
