import type { Insertable, Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import { changedOne } from '../../db/changed.js';
import type {
  CreditLedgerTable,
  Database,
  InvoiceStatus,
  OrderItemsTable,
  OrdersTable,
  PaymentsTable,
} from '../../db/schema.js';
import { encodeCursor, readKeysetCursor } from '../../http/cursor.js';
import { likePattern } from '../clients/store.js';
import type { InvoiceLineRow, InvoiceRow } from './invoice-writer.js';

/** A database handle or a transaction: store methods run in either. */
export type Trx = Kysely<Database>;

/** The columns an invoice list shows (and its owner): lists read only these, never the bill-to JSON or notes. */
export const SUMMARY_COLUMNS = [
  'invoices.id',
  'invoices.account_id',
  'invoices.number',
  'invoices.status',
  'invoices.currency',
  'invoices.total',
  'invoices.credit_applied',
  'invoices.amount_paid',
  'invoices.issued_at',
  'invoices.due_at',
  'invoices.paid_at',
  'invoices.created_at',
] as const;

export type PaymentRow = Selectable<PaymentsTable>;
export type OrderRow = Selectable<OrdersTable>;
export type OrderItemRow = Selectable<OrderItemsTable>;
export type LedgerRow = Selectable<CreditLedgerTable>;

/** Statuses an invoice can still be paid in. */
export const PAYABLE: readonly InvoiceStatus[] = ['unpaid', 'overdue'];

/** A keyset position in a list ordered by (created_at DESC, id DESC). */
export interface Keyset {
  createdAt: string;
  id: string;
}

/** Reads a list cursor made by {@link pageOf}; anything else is a 400. */
export function readKeyset(cursor: string | undefined): Keyset | undefined {
  const key = readKeysetCursor(cursor, 'c');
  return key && { createdAt: key.value, id: key.id };
}

/** One page from `limit + 1` rows: the items and the cursor after the last one when there are more. */
export function pageOf<R extends { created_at: string; id: string }, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): { items: T[]; nextCursor: string | null } {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return {
    items: kept.map(map),
    nextCursor: rows.length > limit && last ? encodeCursor({ c: last.created_at, i: last.id }) : null,
  };
}

/** The page size when a list query does not say. */
export const DEFAULT_LIMIT = 25;

/** An invoice with the name of the account it belongs to (staff lists and details). */
export type AdminInvoiceRow = InvoiceRow & { account_name: string };

/** `(created_at, id) < (after)`: a row-value comparison SQLite walks the list's index with. */
function before<T extends 'invoices' | 'orders' | 'payments' | 'credit_ledger'>(table: T, after: Keyset) {
  return sql<boolean>`(${sql.ref(`${table}.created_at`)}, ${sql.ref(`${table}.id`)}) < (${after.createdAt}, ${after.id})`;
}

/**
 * SQL of orders, invoices, payments and the credit ledger. Every read of a client's data takes the account id the
 * caller proved; staff reads (`admin…`) are named so.
 */
export class InvoiceStore {
  constructor(private readonly db: Trx) {}

  // ─── Invoices ───────────────────────────────────────────────────────────────────────────────────────────

  /** The account's issued invoices (never drafts), newest first, optionally of one status. */
  listForAccount(
    accountId: string,
    input: { status?: InvoiceStatus | undefined; after?: Keyset | undefined; limit: number },
  ) {
    let q = this.db.selectFrom('invoices').select(SUMMARY_COLUMNS).where('account_id', '=', accountId);
    // Without a status, drafts are filtered out of the account's index walk (`+status` keeps the planner on the
    // index whose order is the list's order rather than the one with status in it).
    q =
      input.status === 'draft'
        ? q.where(sql<boolean>`0`)
        : input.status
          ? q.where('status', '=', input.status)
          : q.where(sql<boolean>`+status <> 'draft'`);
    if (input.after) q = q.where(before('invoices', input.after));
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(input.limit).execute();
  }

  /** One issued invoice of the account; drafts and other accounts' invoices are not found. */
  findForAccount(accountId: string, id: string): Promise<InvoiceRow | undefined> {
    return this.db
      .selectFrom('invoices')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .where('status', '<>', 'draft')
      .executeTakeFirst();
  }

  /** Any invoice by id (staff, and work inside a transaction that already proved the owner). */
  find(id: string): Promise<InvoiceRow | undefined> {
    return this.db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
  }

  adminFind(id: string): Promise<AdminInvoiceRow | undefined> {
    return this.db
      .selectFrom('invoices')
      .innerJoin('accounts', 'accounts.id', 'invoices.account_id')
      .selectAll('invoices')
      .select('accounts.name as account_name')
      .where('invoices.id', '=', id)
      .executeTakeFirst();
  }

  /** Invoices newest first, drafts included, by status, account or part of the number. */
  adminList(input: {
    status?: InvoiceStatus | undefined;
    accountId?: string | undefined;
    q?: string | undefined;
    after?: Keyset | undefined;
    limit: number;
  }): Promise<AdminInvoiceRow[]> {
    let q = this.db
      .selectFrom('invoices')
      .innerJoin('accounts', 'accounts.id', 'invoices.account_id')
      .selectAll('invoices')
      .select('accounts.name as account_name');
    if (input.accountId) q = q.where('invoices.account_id', '=', input.accountId);
    if (input.status) q = q.where('invoices.status', '=', input.status);
    if (input.q) q = q.where(sql<boolean>`invoices.number LIKE ${likePattern(input.q)} ESCAPE '\\'`);
    if (input.after) q = q.where(before('invoices', input.after));
    return q
      .orderBy('invoices.created_at', 'desc')
      .orderBy('invoices.id', 'desc')
      .limit(input.limit)
      .execute();
  }

  lines(invoiceId: string): Promise<InvoiceLineRow[]> {
    return this.db
      .selectFrom('invoice_lines')
      .selectAll()
      .where('invoice_id', '=', invoiceId)
      .orderBy('position')
      .execute();
  }

  /** Adds to what was paid on a payable invoice; false when it is no longer payable. */
  async addPaid(id: string, amount: number, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('invoices')
      .set((eb) => ({ amount_paid: eb('amount_paid', '+', amount), updated_at: now }))
      .where('id', '=', id)
      .where('status', 'in', PAYABLE)
      .executeTakeFirst();
    return changedOne(r);
  }

  /** Adds to the credit applied on a payable invoice; false when it is no longer payable. */
  async addCreditApplied(id: string, amount: number, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('invoices')
      .set((eb) => ({ credit_applied: eb('credit_applied', '+', amount), updated_at: now }))
      .where('id', '=', id)
      .where('status', 'in', PAYABLE)
      .executeTakeFirst();
    return changedOne(r);
  }

  /** Moves an invoice from one of `from` to `to` with the given columns; false when it was not in `from`. */
  async transition(
    id: string,
    from: readonly InvoiceStatus[],
    to: InvoiceStatus,
    set: Partial<
      Pick<InvoiceRow, 'paid_at' | 'cancelled_at' | 'refunded_at' | 'issued_at' | 'due_at' | 'number'>
    >,
    now: string,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('invoices')
      .set({ ...set, status: to, updated_at: now })
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return changedOne(r);
  }

  /** The highest number after `prefix` among invoice numbers that are `prefix` followed by digits only. */
  async highestNumber(prefix: string): Promise<number> {
    const start = prefix.length + 1;
    const row = await this.db
      .selectFrom('invoices')
      .select(sql<number | null>`MAX(CAST(substr(number, ${start}) AS INTEGER))`.as('n'))
      .where('number', '>=', prefix)
      .where('number', '<', `${prefix}\u{10ffff}`)
      .where(sql<boolean>`substr(number, ${start}) <> ''`)
      .where(sql<boolean>`substr(number, ${start}) NOT GLOB '*[^0-9]*'`)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** The value the next invoice number is taken from. */
  async nextNumber(): Promise<number> {
    const row = await this.db
      .selectFrom('counters')
      .select('value')
      .where('name', '=', 'invoice_number')
      .executeTakeFirst();
    return row?.value ?? 1;
  }

  async setNextNumber(value: number): Promise<void> {
    await this.db
      .insertInto('counters')
      .values({ name: 'invoice_number', value })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
      .execute();
  }

  // ─── Payments ───────────────────────────────────────────────────────────────────────────────────────────

  paymentsOf(invoiceId: string): Promise<PaymentRow[]> {
    return this.db
      .selectFrom('payments')
      .selectAll()
      .where('invoice_id', '=', invoiceId)
      .orderBy('created_at')
      .execute();
  }

  findPaymentForAccount(accountId: string, id: string): Promise<PaymentRow | undefined> {
    return this.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
  }

  findPayment(id: string): Promise<PaymentRow | undefined> {
    return this.db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findPaymentByReference(gateway: string, reference: string): Promise<PaymentRow | undefined> {
    return this.db
      .selectFrom('payments')
      .selectAll()
      .where('gateway', '=', gateway)
      .where('reference', '=', reference)
      .executeTakeFirst();
  }

  async insertPayment(row: Insertable<PaymentsTable>): Promise<void> {
    await this.db.insertInto('payments').values(row).execute();
  }

  /** Changes a payment only while it is in `from`: a payment moves at most once from each state. */
  async updatePayment(
    id: string,
    from: PaymentRow['status'],
    set: Partial<Omit<PaymentRow, 'id' | 'invoice_id' | 'account_id' | 'created_at'>>,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('payments')
      .set(set)
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return changedOne(r);
  }

  /** Payments newest first, with their account's name and invoice's number. */
  adminPayments(input: {
    status?: PaymentRow['status'] | undefined;
    gateway?: string | undefined;
    accountId?: string | undefined;
    after?: Keyset | undefined;
    limit: number;
  }) {
    let q = this.db
      .selectFrom('payments')
      .innerJoin('accounts', 'accounts.id', 'payments.account_id')
      .innerJoin('invoices', 'invoices.id', 'payments.invoice_id')
      .selectAll('payments')
      .select(['accounts.name as account_name', 'invoices.number as invoice_number']);
    if (input.accountId) q = q.where('payments.account_id', '=', input.accountId);
    if (input.status) q = q.where('payments.status', '=', input.status);
    if (input.gateway) q = q.where('payments.gateway', '=', input.gateway);
    if (input.after) q = q.where(before('payments', input.after));
    return q
      .orderBy('payments.created_at', 'desc')
      .orderBy('payments.id', 'desc')
      .limit(input.limit)
      .execute();
  }

  /** Whether a webhook event was already applied (read before calling the gateway; the insert decides). */
  async seenEvent(gateway: string, eventId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('webhook_events')
      .select('event_id')
      .where('gateway', '=', gateway)
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Records a webhook event; false when it was already recorded (a replay). */
  async recordEvent(gateway: string, eventId: string, type: string, now: string): Promise<boolean> {
    const r = await this.db
      .insertInto('webhook_events')
      .values({ gateway, event_id: eventId, type, received_at: now })
      .onConflict((oc) => oc.columns(['gateway', 'event_id']).doNothing())
      .executeTakeFirst();
    return changedOne(r);
  }

  // ─── Credit ledger ──────────────────────────────────────────────────────────────────────────────────────

  /** The account's credit per currency: the ledger's sum, never a stored balance. */
  async balances(accountId: string): Promise<Array<{ currency: string; amount: number }>> {
    const rows = await this.db
      .selectFrom('credit_ledger')
      .select(['currency', (eb) => eb.fn.sum<number>('amount').as('amount')])
      .where('account_id', '=', accountId)
      .groupBy('currency')
      .orderBy('currency')
      .execute();
    return rows.map((r) => ({ currency: r.currency, amount: Number(r.amount) }));
  }

  /** The account's credit in one currency. */
  async balance(accountId: string, currency: string): Promise<number> {
    const row = await this.db
      .selectFrom('credit_ledger')
      .select((eb) => eb.fn.sum<number>('amount').as('amount'))
      .where('account_id', '=', accountId)
      .where('currency', '=', currency)
      .executeTakeFirst();
    return Number(row?.amount ?? 0);
  }

  ledger(accountId: string, input: { after?: Keyset | undefined; limit: number }): Promise<LedgerRow[]> {
    let q = this.db.selectFrom('credit_ledger').selectAll().where('account_id', '=', accountId);
    if (input.after) q = q.where(before('credit_ledger', input.after));
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(input.limit).execute();
  }

  async insertLedger(row: Insertable<CreditLedgerTable>): Promise<void> {
    await this.db.insertInto('credit_ledger').values(row).execute();
  }

  /** What overpayments of a payment put on the ledger (a refund through the gateway leaves that credit alone). */
  async overpaidBy(paymentId: string): Promise<number> {
    const row = await this.db
      .selectFrom('credit_ledger')
      .select((eb) => eb.fn.sum<number>('amount').as('amount'))
      .where('payment_id', '=', paymentId)
      .where('kind', '=', 'overpayment')
      .executeTakeFirst();
    return Number(row?.amount ?? 0);
  }

  // ─── Orders ─────────────────────────────────────────────────────────────────────────────────────────────

  async insertOrder(row: Insertable<OrdersTable>): Promise<void> {
    await this.db.insertInto('orders').values(row).execute();
  }

  async insertOrderItems(rows: Insertable<OrderItemsTable>[]): Promise<void> {
    if (rows.length) await this.db.insertInto('order_items').values(rows).execute();
  }

  async setOrderInvoice(orderId: string, invoiceId: string, total: number): Promise<void> {
    await this.db
      .updateTable('orders')
      .set({ invoice_id: invoiceId, total })
      .where('id', '=', orderId)
      .execute();
  }

  /** Moves an order from `from` to `to`; false when it was not in `from`. */
  async transitionOrder(
    id: string,
    from: OrderRow['status'],
    to: OrderRow['status'],
    now: string,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('orders')
      .set({ status: to, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return changedOne(r);
  }

  ordersForAccount(accountId: string, input: { after?: Keyset | undefined; limit: number }) {
    let q = this.db.selectFrom('orders').selectAll().where('account_id', '=', accountId);
    if (input.after) q = q.where(before('orders', input.after));
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(input.limit).execute();
  }

  findOrderForAccount(accountId: string, id: string): Promise<OrderRow | undefined> {
    return this.db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
  }

  adminFindOrder(id: string) {
    return this.db
      .selectFrom('orders')
      .innerJoin('accounts', 'accounts.id', 'orders.account_id')
      .selectAll('orders')
      .select('accounts.name as account_name')
      .where('orders.id', '=', id)
      .executeTakeFirst();
  }

  adminOrders(input: {
    status?: OrderRow['status'] | undefined;
    accountId?: string | undefined;
    after?: Keyset | undefined;
    limit: number;
  }) {
    let q = this.db
      .selectFrom('orders')
      .innerJoin('accounts', 'accounts.id', 'orders.account_id')
      .selectAll('orders')
      .select('accounts.name as account_name');
    if (input.accountId) q = q.where('orders.account_id', '=', input.accountId);
    if (input.status) q = q.where('orders.status', '=', input.status);
    if (input.after) q = q.where(before('orders', input.after));
    return q.orderBy('orders.created_at', 'desc').orderBy('orders.id', 'desc').limit(input.limit).execute();
  }

  /** The items of some orders, in order, and the services each made. */
  async orderItems(orderIds: readonly string[]) {
    if (!orderIds.length) return { items: [], services: [] };
    const [items, services] = await Promise.all([
      this.db
        .selectFrom('order_items')
        .selectAll()
        .where('order_id', 'in', orderIds)
        .orderBy('order_id')
        .orderBy('position')
        .execute(),
      this.db
        .selectFrom('services')
        .select(['id', 'order_id', 'order_item_id', 'created_at'])
        .where('order_id', 'in', orderIds)
        .orderBy('id')
        .execute(),
    ]);
    return { items, services };
  }

  /** Cancels an order's services that never started. */
  async cancelPendingServices(orderId: string, now: string): Promise<number> {
    const r = await this.db
      .updateTable('services')
      .set({ status: 'cancelled', cancelled_at: now, updated_at: now })
      .where('order_id', '=', orderId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Whether an account exists. */
  async accountName(accountId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('accounts')
      .select('name')
      .where('id', '=', accountId)
      .executeTakeFirst();
    return row?.name;
  }
}
