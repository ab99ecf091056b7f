import {
  type ApplyCreditInput,
  billingRoutes,
  type Invoice,
  type InvoiceStatus,
  type InvoiceSummary,
  type PayInvoiceInput,
  type Payment,
} from '../../contract/billing.js';
import type { HttpClient } from '../http.js';
import type { PageOptions } from './orders.js';

/**
 * The account's invoices: list, detail, PDF, paying and applying credit.
 *
 * @example
 * ```ts
 * const { items } = await portal.invoices.list({ status: 'unpaid' });
 * const payment = await portal.invoices.pay(items[0].id, { gateway: 'test', card: { number: '4242424242424242', expiry: '12/30', cvc: '123' } });
 * if (payment.action?.type === 'test_challenge') await portal.payments.confirm(payment.id);
 * const pdf = await portal.invoices.pdf(items[0].id); // a Blob
 * ```
 */
export class InvoicesResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Newest first; drafts are never listed. */
  list(
    options: PageOptions & { status?: InvoiceStatus } = {},
  ): Promise<{ items: InvoiceSummary[]; nextCursor: string | null }> {
    return this.#http.send(billingRoutes.listInvoices, { query: { ...options } });
  }

  /** Lines, tax, credit applied, payments and balance. */
  get(invoiceId: string): Promise<Invoice> {
    return this.#http.send(billingRoutes.getInvoice, { params: { invoiceId } });
  }

  /** The invoice as a PDF file. */
  pdf(invoiceId: string): Promise<Blob> {
    return this.#http.download(billingRoutes.invoicePdf, { params: { invoiceId } });
  }

  /**
   * Pays all of the balance (or `amount` of it) through a gateway. The answer may be `pending` with an `action`
   * to finish (see `payments.confirm`). Safe to retry: a repeat with the same Idempotency-Key charges once.
   */
  pay(
    invoiceId: string,
    input: PayInvoiceInput,
    options: { idempotencyKey?: string } = {},
  ): Promise<Payment> {
    return this.#http.send(billingRoutes.payInvoice, { params: { invoiceId }, body: input, ...options });
  }

  /** Pays from the account's credit balance (all it can, or `amount`). */
  applyCredit(
    invoiceId: string,
    input: ApplyCreditInput = {},
    options: { idempotencyKey?: string } = {},
  ): Promise<Invoice> {
    return this.#http.send(billingRoutes.applyCredit, { params: { invoiceId }, body: input, ...options });
  }
}
