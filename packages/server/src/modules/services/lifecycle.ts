import type { Transaction } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import type { InvoiceEvents } from '../billing/hooks.js';
import type { InvoiceRow } from '../billing/invoice-writer.js';
import { type BillingMail, BillingMailer } from '../billing/mail.js';
import type { Outbox } from '../mail/outbox.js';
import type { Settings } from '../settings/settings.js';
import { InvoiceStore } from './invoice-store.js';
import { ServicesStore } from './store.js';
import { mailService } from './views.js';

export interface LifecycleDeps {
  settings: Settings;
  outbox: Outbox;
  config: Config;
}

type Trx = Transaction<Database>;

/**
 * What an invoice's fate does to its services, run inside the transaction that changed the invoice:
 * - paid: a pending service on a `product` line becomes active until the line's period end; a `renewal` line moves
 *   the service's next due date to its period end; a service suspended for being overdue with no other overdue
 *   invoice is reactivated; the order the invoice belongs to becomes active.
 * - cancelled: pending services on it are cancelled (they were never paid for).
 * - refunded: services it first billed (`product` lines) are cancelled.
 * Mails about it are queued in the outbox through the same transaction, so they go out only if it commits.
 */
export function registerInvoiceHooks(events: InvoiceEvents, deps: LifecycleDeps): void {
  events.on({
    paid: (trx, invoice, now) => paid(trx, invoice, now, deps),
    cancelled: (trx, invoice, now) => cancelled(trx, invoice, now),
    refunded: (trx, invoice, now) => refunded(trx, invoice, now, deps),
  });
}

function serviceLines(trx: Trx, invoiceId: string) {
  return trx
    .selectFrom('invoice_lines')
    .select(['service_id', 'kind', 'period_start', 'period_end'])
    .where('invoice_id', '=', invoiceId)
    .where('service_id', 'is not', null)
    .orderBy('position')
    .execute();
}

/** Queues mails to an account through the transaction's outbox (delivered once it commits). */
async function queueMails(trx: Trx, accountId: string, mails: BillingMail[], deps: LifecycleDeps) {
  if (!mails.length) return;
  const mailer = new BillingMailer({
    db: trx,
    outbox: deps.outbox.within(trx),
    settings: deps.settings,
    config: deps.config,
  });
  for (const mail of mails) await mailer.send(accountId, mail);
}

async function paid(trx: Trx, invoice: InvoiceRow, now: string, deps: LifecycleDeps): Promise<void> {
  const store = new ServicesStore(trx);
  const invoices = new InvoiceStore(trx);
  const mails: BillingMail[] = [];
  const lines = await serviceLines(trx, invoice.id);
  for (const line of lines) {
    const id = line.service_id as string;
    if (line.kind === 'product') {
      const row = await store.setWhere(id, ['pending'], {
        status: 'active',
        activated_at: now,
        next_due_at: line.period_end,
        updated_at: now,
      });
      if (row) mails.push({ name: 'service-activated', service: mailService(row) });
    } else if (line.kind === 'renewal' && line.period_end) {
      await store.extendTo(id, line.period_end, now);
    }
  }
  for (const id of new Set(lines.map((line) => line.service_id as string))) {
    if (!(await store.isSuspendedFor(id, 'overdue'))) continue;
    if (await invoices.serviceHasOverdue(id, invoice.id)) continue;
    const row = await store.liftOverdueSuspension(id, now);
    if (row) mails.push({ name: 'service-unsuspended', service: mailService(row) });
  }
  // Renewal invoices belong to no order: only an order's own invoice (with its product lines) activates one.
  if (invoice.order_id || lines.some((line) => line.kind === 'product')) {
    let order = trx
      .updateTable('orders')
      .set({ status: 'active', updated_at: now })
      .where('invoice_id', '=', invoice.id)
      .where('status', '=', 'pending');
    if (invoice.order_id) order = order.where('id', '=', invoice.order_id);
    await order.execute();
  }
  await queueMails(trx, invoice.account_id, mails, deps);
}

async function cancelled(trx: Trx, invoice: InvoiceRow, now: string): Promise<void> {
  const store = new ServicesStore(trx);
  for (const line of await serviceLines(trx, invoice.id)) {
    if (line.kind === 'product')
      await store.cancel(line.service_id as string, now, { staffId: null, from: ['pending'] });
  }
}

async function refunded(trx: Trx, invoice: InvoiceRow, now: string, deps: LifecycleDeps): Promise<void> {
  const store = new ServicesStore(trx);
  const mails: BillingMail[] = [];
  for (const line of await serviceLines(trx, invoice.id)) {
    if (line.kind !== 'product') continue;
    const row = await store.cancel(line.service_id as string, now, { staffId: null });
    if (row) mails.push({ name: 'service-cancelled', service: mailService(row) });
  }
  await queueMails(trx, invoice.account_id, mails, deps);
}
