import {
  billingRoutes,
  type ConfirmPaymentInput,
  type CreditEntry,
  type Credit,
  type GatewayInfo,
  type Payment,
} from '../../contract/billing.js';
import type { HttpClient } from '../http.js';
import type { PageOptions } from './orders.js';

/**
 * Payments, the ways to pay, and the credit balance.
 *
 * @example
 * ```ts
 * const gateways = await portal.payments.gateways();
 * const payment = await portal.payments.confirm(paymentId); // finish a pending payment
 * const { balances } = await portal.payments.credit();
 * ```
 */
export class PaymentsResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** The ways to pay the business offers (card gateways, bank transfer instructions). */
  async gateways(): Promise<GatewayInfo[]> {
    return (await this.#http.send(billingRoutes.gateways)).items;
  }

  get(paymentId: string): Promise<Payment> {
    return this.#http.send(billingRoutes.getPayment, { params: { paymentId } });
  }

  /** Finishes a pending payment: the test challenge's outcome, or a fresh read of the gateway's state. */
  confirm(paymentId: string, input: ConfirmPaymentInput = {}): Promise<Payment> {
    return this.#http.send(billingRoutes.confirmPayment, { params: { paymentId }, body: input });
  }

  /** The credit balance, per currency (the sum of the ledger). */
  credit(): Promise<Credit> {
    return this.#http.send(billingRoutes.credit);
  }

  /** The credit ledger, newest first. */
  creditEntries(options: PageOptions = {}): Promise<{ items: CreditEntry[]; nextCursor: string | null }> {
    return this.#http.send(billingRoutes.creditEntries, { query: { ...options } });
  }
}
