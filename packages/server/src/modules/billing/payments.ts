import type {
  AdminInvoice,
  AdminPayment,
  AdminPaymentQuerySchema,
  GatewayInfo,
  Payment,
  PayInvoiceInputSchema,
  RecordPaymentInputSchema,
  RefundInputSchema,
} from '@portico/sdk/contract';
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { Auth } from '../../http/auth.js';
import type { Limit, RateLimiter } from '../../http/rate-limit.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { StaffChange } from '../settings/service.js';
import { BillingErrors } from './errors.js';
import { type ChargeResult, GatewayError, type GatewayRegistry, WebhookError } from './gateways/gateway.js';
import {
  DEFAULT_LIMIT,
  InvoiceStore,
  PAYABLE,
  type PaymentRow,
  pageOf,
  readKeyset,
} from './invoice-store.js';
import type { InvoiceEvents } from './hooks.js';
import type { BillTo } from './invoice-writer.js';
import { balanceOf, type InvoicesService, mailInvoice, toPayment } from './invoices.js';
import type { BillingMail } from './mail.js';

type PayInput = z.output<typeof PayInvoiceInputSchema>;
type RecordInput = z.output<typeof RecordPaymentInputSchema>;
type RefundInput = z.output<typeof RefundInputSchema>;
type AdminQuery = z.output<typeof AdminPaymentQuerySchema>;

/** Payment attempts one account may start: enough for a few cards and retries, not for card testing. */
export const PAY_LIMIT: Limit = { max: 20, windowSeconds: 600 };

/** The one gateway whose webhooks the server takes. */
const WEBHOOK_GATEWAY = 'stripe';

export interface PaymentsDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  rate: RateLimiter;
  gateways: GatewayRegistry;
  events: InvoiceEvents;
  invoices: InvoicesService;
  logger: Logger;
}

/** Mails to queue once a transaction has committed, per account. */
type Outbox = Array<{ accountId: string; mail: BillingMail }>;

/**
 * Payments through the gateways. A payment is a row first (`pending`, in a short transaction), then the gateway
 * is called outside any transaction with the payment's id as its idempotency key, then one transaction applies
 * what it said. Every change of a payment is conditional on its current status, so a result (from the charge, a
 * confirmation or a webhook) applies at most once, whichever arrives first.
 */
export class PaymentsService {
  readonly #d: PaymentsDeps;
  readonly #store: InvoiceStore;

  constructor(deps: PaymentsDeps) {
    this.#d = deps;
    this.#store = new InvoiceStore(deps.db);
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  async #send(outbox: Outbox): Promise<void> {
    for (const { accountId, mail } of outbox) await this.#d.invoices.mail(accountId, [mail]);
  }

  gateways(): { items: GatewayInfo[] } {
    return { items: this.#d.gateways.info() };
  }

  /** The account's payment; another account's is the same 404 as a missing one. */
  async get(accountId: string, id: string): Promise<Payment> {
    const row = await this.#store.findPaymentForAccount(accountId, id);
    if (!row) throw BillingErrors.notFound('payment');
    return toPayment(row);
  }

  async #payment(id: string): Promise<Payment> {
    const row = await this.#store.findPayment(id);
    if (!row) throw BillingErrors.notFound('payment');
    return toPayment(row);
  }

  /**
   * Pays (part of) an invoice of the account through an online gateway. A declined card is an answer (a `failed`
   * payment), not an error; a gateway that cannot be reached is 502 GATEWAY_ERROR with nothing charged.
   */
  async pay(auth: Auth, invoiceId: string, input: PayInput): Promise<Payment> {
    await this.#d.rate.hit(`billing.pay:account:${auth.accountId}`, PAY_LIMIT);
    const invoice = await this.#store.findForAccount(auth.accountId, invoiceId);
    if (!invoice) throw BillingErrors.notFound('invoice');
    const balance = balanceOf(invoice);
    if (!PAYABLE.includes(invoice.status) || balance === 0)
      throw BillingErrors.invoiceNotPayable(invoice.status);
    const amount = input.amount ?? balance;
    if (amount > balance) throw BillingErrors.amountInvalid('The amount is more than the invoice’s balance.');
    const gateway = this.#d.gateways.online(input.gateway);
    if (!gateway) throw BillingErrors.gatewayUnavailable(input.gateway);
    if (gateway.id === 'test' && !input.card) throw BillingErrors.field('card', 'Enter the card’s details');
    const now = this.#now();
    const paymentId = this.#d.ids('pay');
    await this.#store.insertPayment({
      id: paymentId,
      invoice_id: invoice.id,
      account_id: auth.accountId,
      gateway: gateway.id,
      status: 'pending',
      currency: invoice.currency,
      amount,
      method: null,
      reference: null,
      failure_message: null,
      action: null,
      recorded_by: null,
      succeeded_at: null,
      refunded_at: null,
      created_at: now,
      updated_at: now,
    });
    let result: ChargeResult;
    try {
      result = await gateway.charge({
        paymentId,
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        accountId: auth.accountId,
        amount,
        currency: invoice.currency,
        description: `Invoice ${invoice.number ?? invoice.id}`,
        email: (JSON.parse(invoice.bill_to) as Partial<BillTo>).email ?? null,
        card: input.card,
      });
    } catch (error) {
      await this.#store.updatePayment(paymentId, 'pending', {
        status: 'failed',
        failure_message: error instanceof GatewayError ? error.message : 'The payment could not be made.',
        updated_at: this.#now(),
      });
      if (error instanceof GatewayError) {
        this.#d.logger.warn({ err: error, paymentId }, 'payment gateway error');
        throw BillingErrors.gatewayError();
      }
      throw error;
    }
    await this.#apply(paymentId, result);
    return this.#payment(paymentId);
  }

  /**
   * Finishes a pending payment of the account: the test challenge's outcome, or the gateway's current state.
   * 409 PAYMENT_NOT_PENDING once it has settled.
   */
  async confirm(
    accountId: string,
    paymentId: string,
    outcome: 'approve' | 'fail' | undefined,
  ): Promise<Payment> {
    const payment = await this.#store.findPaymentForAccount(accountId, paymentId);
    if (!payment) throw BillingErrors.notFound('payment');
    const gateway = this.#d.gateways.any(payment.gateway);
    if (payment.status !== 'pending' || !payment.reference || !gateway) {
      throw BillingErrors.paymentNotPending(payment.status);
    }
    let result: ChargeResult;
    try {
      result = await gateway.confirm(payment.reference, outcome);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      this.#d.logger.warn({ err: error, paymentId }, 'payment gateway error');
      throw BillingErrors.gatewayError('The payment provider could not be reached. Try again in a moment.');
    }
    await this.#apply(paymentId, result);
    return this.#payment(paymentId);
  }

  /** Applies a gateway's answer in one transaction, then queues its mails. */
  async #apply(paymentId: string, result: ChargeResult): Promise<void> {
    const outbox = await this.#d.db
      .transaction()
      .execute((trx) => this.#applyInTrx(trx, paymentId, result, this.#now()));
    await this.#send(outbox);
  }

  /**
   * Applies a gateway's answer to a pending payment: still pending (its reference and action kept), failed, or
   * succeeded (the money goes into the invoice; an overpayment becomes credit). A payment no longer pending is
   * left alone.
   */
  async #applyInTrx(
    trx: Transaction<Database>,
    paymentId: string,
    result: ChargeResult,
    now: string,
  ): Promise<Outbox> {
    const store = new InvoiceStore(trx);
    const payment = await store.findPayment(paymentId);
    if (payment?.status !== 'pending') return [];
    const reference = result.reference ?? payment.reference;
    const method = result.method ?? payment.method;
    switch (result.status) {
      case 'pending':
        await store.updatePayment(paymentId, 'pending', {
          reference,
          method,
          action: JSON.stringify(result.action),
          updated_at: now,
        });
        return [];
      case 'failed': {
        const changed = await store.updatePayment(paymentId, 'pending', {
          status: 'failed',
          reference,
          method,
          action: null,
          failure_message: result.message,
          updated_at: now,
        });
        const invoice = await store.find(payment.invoice_id);
        if (!changed || !invoice) return [];
        return [
          {
            accountId: payment.account_id,
            mail: {
              name: 'payment-failed',
              invoice: mailInvoice(invoice),
              amount: payment.amount,
              message: result.message,
            },
          },
        ];
      }
      case 'succeeded': {
        const changed = await store.updatePayment(paymentId, 'pending', {
          status: 'succeeded',
          reference,
          method,
          action: null,
          failure_message: null,
          succeeded_at: now,
          updated_at: now,
        });
        if (!changed) return [];
        const receipt = await this.#d.invoices.receive(trx, payment.invoice_id, payment.amount, {
          paymentId,
          now,
        });
        return [
          {
            accountId: payment.account_id,
            mail: {
              name: 'payment-received',
              invoice: mailInvoice(receipt.invoice),
              amount: payment.amount,
              method,
            },
          },
        ];
      }
    }
  }

  /**
   * A signed event from the Stripe-compatible gateway. 404 when its webhooks are not set up; 400 WEBHOOK_INVALID
   * (nothing applied) for a bad signature, an old timestamp or a body that is no event. Each event id applies once;
   * a payment event is not trusted for its contents: the payment's state is read again from the gateway, so events
   * arriving out of order or twice all end in the same state.
   */
  async webhook(rawBody: Buffer, signature: string | undefined): Promise<{ received: boolean }> {
    const verifier = this.#d.gateways.webhooks(WEBHOOK_GATEWAY);
    if (!verifier) throw BillingErrors.notFound('webhook endpoint');
    let event: ReturnType<typeof verifier.verifyWebhook>;
    try {
      event = verifier.verifyWebhook(rawBody, signature, this.#d.clock.now());
    } catch (error) {
      if (error instanceof WebhookError) throw BillingErrors.webhookInvalid(error.message);
      throw error;
    }
    if (await this.#store.seenEvent(WEBHOOK_GATEWAY, event.id)) return { received: true };
    let update: { paymentId: string; result: ChargeResult } | undefined;
    const payment = event.reference
      ? await this.#store.findPaymentByReference(WEBHOOK_GATEWAY, event.reference)
      : undefined;
    if (payment?.status === 'pending' && payment.reference) {
      const gateway = this.#d.gateways.any(WEBHOOK_GATEWAY);
      // Not recorded: the gateway sends the event again later, when it can be read.
      if (!gateway) throw BillingErrors.gatewayError('The gateway is not configured to read the payment.');
      try {
        update = { paymentId: payment.id, result: await gateway.confirm(payment.reference, undefined) };
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error;
        this.#d.logger.warn({ err: error, event: event.id }, 'webhook: cannot read the payment');
        throw BillingErrors.gatewayError();
      }
    }
    const now = this.#now();
    const outbox = await this.#d.db.transaction().execute(async (trx) => {
      if (!(await new InvoiceStore(trx).recordEvent(WEBHOOK_GATEWAY, event.id, event.type, now))) return [];
      return update ? this.#applyInTrx(trx, update.paymentId, update.result, now) : [];
    });
    await this.#send(outbox);
    return { received: true };
  }

  // ─── Staff ──────────────────────────────────────────────────────────────────────────────────────────────

  async adminList(query: AdminQuery): Promise<{ items: AdminPayment[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.#store.adminPayments({
      status: query.status,
      gateway: query.gateway,
      accountId: query.accountId,
      after: readKeyset(query.cursor),
      limit: limit + 1,
    });
    return pageOf(rows, limit, (row) => ({
      ...toPayment(row),
      accountId: row.account_id,
      accountName: row.account_name,
      invoiceNumber: row.invoice_number,
      reference: row.reference,
    }));
  }

  /** Records money received offline (a bank transfer) on an unpaid invoice; more than the balance becomes credit. */
  async record(invoiceId: string, input: RecordInput, change: StaffChange): Promise<AdminInvoice> {
    const now = this.#now();
    const paidAt = input.paidAt ? new Date(input.paidAt).toISOString() : now;
    const reference = input.reference || null;
    const method = input.method || 'Bank transfer';
    const receipt = await this.#d.db.transaction().execute(async (trx) => {
      const store = new InvoiceStore(trx);
      const invoice = await store.find(invoiceId);
      if (!invoice) throw BillingErrors.notFound('invoice');
      if (!PAYABLE.includes(invoice.status)) throw BillingErrors.invoiceNotPayable(invoice.status);
      if (reference && (await store.findPaymentByReference('manual', reference))) {
        throw BillingErrors.conflict(`A payment with the reference “${reference}” is already recorded.`);
      }
      const paymentId = this.#d.ids('pay');
      await store.insertPayment({
        id: paymentId,
        invoice_id: invoice.id,
        account_id: invoice.account_id,
        gateway: 'manual',
        status: 'succeeded',
        currency: invoice.currency,
        amount: input.amount,
        method,
        reference,
        failure_message: null,
        action: null,
        recorded_by: change.staff.staffId,
        succeeded_at: paidAt,
        refunded_at: null,
        created_at: now,
        updated_at: now,
      });
      const receipt = await this.#d.invoices.receive(trx, invoice.id, input.amount, {
        paymentId,
        now,
        paidAt,
      });
      await this.#d.invoices.audit(trx, change, 'payment.recorded', invoice, {
        paymentId,
        amount: input.amount,
        currency: invoice.currency,
        method,
        reference,
        overpaid: receipt.overpaid,
      });
      return receipt;
    });
    await this.#d.invoices.mail(receipt.invoice.account_id, [
      { name: 'payment-received', invoice: mailInvoice(receipt.invoice), amount: input.amount, method },
    ]);
    return this.#d.invoices.adminGet(invoiceId);
  }

  /**
   * Refunds a paid invoice. Through the gateways: each succeeded card payment is refunded (outside any
   * transaction, the payment's id as idempotency key) and marked refunded at once, so a retry after a failure
   * refunds only what is left; manual payments are marked refunded (staff return them by bank). To credit: the
   * amount paid goes on the account's credit instead. Either way the credit applied returns to the credit, the
   * invoice becomes `refunded` and the other modules hear of it.
   */
  async refund(invoiceId: string, input: RefundInput, change: StaffChange): Promise<AdminInvoice> {
    const invoice = await this.#store.find(invoiceId);
    if (!invoice) throw BillingErrors.notFound('invoice');
    if (invoice.status !== 'paid') {
      throw BillingErrors.conflict(`This invoice is ${invoice.status}: only paid invoices can be refunded.`);
    }
    if (!input.toCredit) {
      const payments = await this.#store.paymentsOf(invoiceId);
      for (const payment of payments) {
        if (payment.status !== 'succeeded' || payment.gateway === 'manual') continue;
        await this.#refundThroughGateway(payment);
      }
    }
    const now = this.#now();
    const refunded = await this.#d.db.transaction().execute(async (trx) => {
      const store = new InvoiceStore(trx);
      const row = await store.find(invoiceId);
      if (!row || !(await store.transition(invoiceId, ['paid'], 'refunded', { refunded_at: now }, now))) {
        throw BillingErrors.conflict('This invoice is no longer paid: it was refunded already.');
      }
      for (const payment of await store.paymentsOf(invoiceId)) {
        if (payment.status === 'succeeded') {
          await store.updatePayment(payment.id, 'succeeded', {
            status: 'refunded',
            refunded_at: now,
            updated_at: now,
          });
        }
      }
      const toCredit = row.credit_applied + (input.toCredit ? row.amount_paid : 0);
      if (toCredit > 0) {
        await store.insertLedger({
          id: this.#d.ids('cred'),
          account_id: row.account_id,
          currency: row.currency,
          amount: toCredit,
          kind: 'refund',
          description: `Refund of invoice ${row.number ?? row.id}${input.reason ? `: ${input.reason}` : ''}`,
          invoice_id: row.id,
          payment_id: null,
          staff_id: change.staff.staffId,
          created_at: now,
        });
      }
      const after = { ...row, status: 'refunded' as const, refunded_at: now, updated_at: now };
      await this.#d.events.emit('refunded', trx, after, now);
      await this.#d.invoices.audit(trx, change, 'invoice.refunded', row, {
        number: row.number,
        amountPaid: row.amount_paid,
        creditApplied: row.credit_applied,
        toCredit: input.toCredit === true,
        reason: input.reason ?? null,
      });
      return after;
    });
    await this.#d.invoices.mail(refunded.account_id, [
      {
        name: 'invoice-refunded',
        invoice: mailInvoice(refunded),
        amount: refunded.amount_paid + refunded.credit_applied,
      },
    ]);
    return this.#d.invoices.adminGet(invoiceId);
  }

  /** Refunds one card payment (less what of it became credit) and marks it refunded. 502 when the gateway fails. */
  async #refundThroughGateway(payment: PaymentRow): Promise<void> {
    const gateway = this.#d.gateways.any(payment.gateway);
    if (!gateway || !payment.reference) {
      throw BillingErrors.gatewayError(
        `The ${payment.gateway} gateway is not configured, so its payment cannot be refunded there. Refund to credit instead.`,
      );
    }
    const amount = payment.amount - (await this.#store.overpaidBy(payment.id));
    if (amount > 0) {
      try {
        await gateway.refund({
          paymentId: payment.id,
          reference: payment.reference,
          amount,
          currency: payment.currency,
        });
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error;
        this.#d.logger.warn({ err: error, paymentId: payment.id }, 'refund gateway error');
        throw BillingErrors.gatewayError('The payment provider could not refund the payment. Try again.');
      }
    }
    const now = this.#now();
    await this.#store.updatePayment(payment.id, 'succeeded', {
      status: 'refunded',
      refunded_at: now,
      updated_at: now,
    });
  }
}
