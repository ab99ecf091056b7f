import { billingRoutes, type Invoice, type Order, type OrderInput } from '../../contract/billing.js';
import type { HttpClient } from '../http.js';

/** Paging options of list calls. */
export interface PageOptions {
  limit?: number;
  cursor?: string;
}

/**
 * Orders. Placing one creates an unpaid invoice and a pending service per unit; the server prices every line.
 *
 * @example
 * ```ts
 * const { order, invoice } = await portal.orders.place({ items: [{ productId, cycle: 'monthly' }], acceptTerms: true });
 * await portal.invoices.pay(invoice.id, { gateway: 'test', card: { number: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' } });
 * ```
 */
export class OrdersResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /**
   * Places an order. Safe to retry: the call carries an Idempotency-Key (pass `idempotencyKey` to keep one across
   * page loads), and a repeat answers with the first order.
   */
  place(
    input: OrderInput,
    options: { idempotencyKey?: string } = {},
  ): Promise<{ order: Order; invoice: Invoice }> {
    return this.#http.send(billingRoutes.placeOrder, { body: input, ...options });
  }

  list(options: PageOptions = {}): Promise<{ items: Order[]; nextCursor: string | null }> {
    return this.#http.send(billingRoutes.listOrders, { query: { ...options } });
  }

  get(orderId: string): Promise<Order> {
    return this.#http.send(billingRoutes.getOrder, { params: { orderId } });
  }
}
