import type { BillingCycle } from '@portico/sdk/contract';
import { sql } from 'kysely';
import type { ServicesTable } from '../src/db/schema.js';
import { addCycle } from '../src/modules/billing/cycles.js';
import { InvoiceEvents } from '../src/modules/billing/hooks.js';
import { type DraftLine, writeInvoice } from '../src/modules/billing/invoice-writer.js';
import type { BillingRules } from '../src/modules/settings/settings.js';
import { registerInvoiceHooks } from '../src/modules/services/lifecycle.js';
import type { ServiceRow } from '../src/modules/services/views.js';
import { accountOf, bearer } from './account-helpers.js';
import { signUp, type TestServer } from './helpers.js';

export const DAY = 86_400_000;

/** A signed-up client: their session token, account and bearer headers. */
export interface TestClient {
  email: string;
  token: string;
  accountId: string;
  headers: Record<string, string>;
}

export async function newClient(s: TestServer, email: string): Promise<TestClient> {
  const token = await signUp(s, email);
  return { email, token, accountId: await accountOf(s, token), headers: bearer(token) };
}

const now = (s: TestServer) => s.app.portico.deps.clock.now().toISOString();

/** A product (in its own group), straight in the database; returns its id. */
export async function insertProduct(
  s: TestServer,
  input: { name?: string; taxable?: boolean } = {},
): Promise<string> {
  const { db, deps } = s.app.portico;
  const at = now(s);
  const groupId = deps.ids('pgrp');
  const productId = deps.ids('prod');
  await db
    .insertInto('product_groups')
    .values({ id: groupId, slug: groupId, name: 'Hosting', created_at: at, updated_at: at })
    .execute();
  await db
    .insertInto('products')
    .values({
      id: productId,
      group_id: groupId,
      slug: productId,
      name: input.name ?? 'Web hosting',
      type: 'hosting',
      stock: null,
      taxable: input.taxable === false ? 0 : 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return productId;
}

/** A service of an account, straight in the database (as an order or an import would make it). */
export async function insertService(
  s: TestServer,
  accountId: string,
  input: {
    productId?: string;
    status?: ServicesTable['status'];
    cycle?: BillingCycle;
    amount?: number;
    currency?: string;
    nextDueAt?: string | null;
    label?: string | null;
    createdAt?: string;
  } = {},
): Promise<ServiceRow> {
  const { db, deps } = s.app.portico;
  const at = input.createdAt ?? now(s);
  const status = input.status ?? 'active';
  const row: ServiceRow = {
    id: deps.ids('svc'),
    account_id: accountId,
    product_id: input.productId ?? (await insertProduct(s)),
    order_id: null,
    order_item_id: null,
    product_name: 'Web hosting',
    label: input.label ?? null,
    status,
    cycle: input.cycle ?? 'monthly',
    currency: input.currency ?? 'USD',
    amount: input.amount ?? 1000,
    next_due_at: input.nextDueAt === undefined ? null : input.nextDueAt,
    activated_at: status === 'pending' ? null : at,
    suspended_at: status === 'suspended' ? at : null,
    suspend_reason: status === 'suspended' ? 'Test' : null,
    suspended_by: status === 'suspended' ? 'staff' : null,
    cancelled_at: status === 'cancelled' ? at : null,
    created_at: at,
    updated_at: at,
  };
  await db.insertInto('services').values(row).execute();
  return row;
}

export async function serviceRow(s: TestServer, id: string): Promise<ServiceRow> {
  return s.app.portico.db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** An issued invoice written by billing's own writer (the one place totals are computed). */
export function issueInvoice(
  s: TestServer,
  accountId: string,
  lines: DraftLine[],
  options: { dueAt?: string; orderId?: string; currency?: string; status?: 'draft' | 'unpaid' } = {},
) {
  const { db, deps, settings } = s.app.portico;
  return db.transaction().execute((trx) =>
    writeInvoice(trx, deps.ids, settings.current.billing, {
      accountId,
      orderId: options.orderId ?? null,
      currency: options.currency ?? 'USD',
      status: options.status ?? 'unpaid',
      lines,
      dueAt: options.dueAt ?? null,
      now: now(s),
    }),
  );
}

/** What an order makes: a pending service and its unpaid first invoice (a `product` line for its first period). */
export async function orderService(
  s: TestServer,
  accountId: string,
  input: { cycle?: BillingCycle; amount?: number; label?: string } = {},
) {
  const cycle = input.cycle ?? 'monthly';
  const amount = input.amount ?? 1000;
  const service = await insertService(s, accountId, {
    status: 'pending',
    cycle,
    amount,
    label: input.label ?? null,
  });
  const start = now(s);
  const invoice = await issueInvoice(s, accountId, [
    {
      kind: 'product',
      description: 'Web hosting',
      quantity: 1,
      unitAmount: amount,
      taxable: true,
      serviceId: service.id,
      periodStart: start,
      periodEnd: addCycle(start, cycle)?.toISOString() ?? null,
    },
  ]);
  return { service, invoice };
}

const hookedEvents = new WeakMap<TestServer, InvoiceEvents>();

/** The services module's invoice hooks on their own event bus, as billing's payments would run them. */
function eventsOf(s: TestServer): InvoiceEvents {
  let events = hookedEvents.get(s);
  if (!events) {
    events = new InvoiceEvents();
    registerInvoiceHooks(events, s.app.portico);
    hookedEvents.set(s, events);
  }
  return events;
}

/**
 * Sets an invoice's status and emits the matching event in the same transaction, as billing does when a payment
 * settles it (`paid`), staff refund it (`refunded`) or cancel it (`cancelled`). `fail` rolls the transaction back
 * after the hooks ran.
 */
export async function settleInvoice(
  s: TestServer,
  invoiceId: string,
  event: 'paid' | 'refunded' | 'cancelled' = 'paid',
  options: { fail?: boolean } = {},
): Promise<void> {
  const at = now(s);
  const set =
    event === 'paid'
      ? { status: 'paid' as const, paid_at: at, amount_paid: sql<number>`total - credit_applied` }
      : event === 'refunded'
        ? { status: 'refunded' as const, refunded_at: at }
        : { status: 'cancelled' as const, cancelled_at: at };
  await s.app.portico.db.transaction().execute(async (trx) => {
    const invoice = await trx
      .updateTable('invoices')
      .set({ ...set, updated_at: at })
      .where('id', '=', invoiceId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await eventsOf(s).emit(event, trx, invoice, at);
    if (options.fail) throw new Error('rolled back on purpose');
  });
}

/** Changes billing settings (only the fields given). */
export async function setBilling(s: TestServer, patch: Partial<BillingRules>): Promise<void> {
  const { settings } = s.app.portico;
  await settings.update({ billing: { ...settings.current.billing, ...patch } });
}

/** Subjects of the mails queued to `to`, oldest first. */
export async function subjectsTo(s: TestServer, to: string): Promise<string[]> {
  return (await s.mailsTo(to)).map((m) => m.subject);
}

/** The renewal lines of a service, oldest period first. */
export function renewalLines(s: TestServer, serviceId: string) {
  return s.app.portico.db
    .selectFrom('invoice_lines')
    .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
    .select([
      'invoices.id as invoice_id',
      'invoices.status',
      'invoices.due_at',
      'invoices.total',
      'invoice_lines.period_start',
      'invoice_lines.period_end',
    ])
    .where('invoice_lines.service_id', '=', serviceId)
    .where('invoice_lines.kind', '=', 'renewal')
    .orderBy('invoice_lines.period_start')
    .execute();
}
