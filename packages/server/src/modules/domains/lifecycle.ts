import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { IdGenerator } from '../../deps.js';
import type { InvoiceEvents } from '../billing/hooks.js';
import type { InvoiceRow } from '../billing/invoice-writer.js';

type Trx = Transaction<Database>;

export interface DomainLifecycleDeps {
  ids: IdGenerator;
  /** Starts the task runner once the payment's transaction has let go of the database. */
  kick(): void;
}

/** A renewal line's term in whole years (its period is `years` × 12 calendar months). */
export function termYears(periodStart: string, periodEnd: string): number {
  const start = new Date(periodStart);
  const end = new Date(periodEnd);
  const months =
    (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + (end.getUTCMonth() - start.getUTCMonth());
  return Math.min(10, Math.max(1, Math.round(months / 12)));
}

function domainLines(trx: Trx, invoiceId: string) {
  return trx
    .selectFrom('invoice_lines')
    .innerJoin('domains', 'domains.id', 'invoice_lines.domain_id')
    .select([
      'invoice_lines.kind',
      'invoice_lines.period_start',
      'invoice_lines.period_end',
      'domains.id as domain_id',
      'domains.status',
      'domains.years',
    ])
    .where('invoice_lines.invoice_id', '=', invoiceId)
    .orderBy('invoice_lines.position')
    .execute();
}

/**
 * What an invoice's fate does to its domains, inside the transaction that changed the invoice (database writes
 * only: the registrar is asked by DomainTasks, after the commit):
 * - paid: the order's pending domains become `provisioning` and a register or transfer task is queued for each;
 *   a renewal line queues a renew task (also for an expired domain). The unique index on (invoice, domain, kind)
 *   makes a second `paid` queue nothing. Once the transaction commits the task runner is kicked.
 * - cancelled: the order's pending domains are `cancelled`, which lets their names go.
 * - refunded: tasks of the invoice that have not run yet never will (they are marked failed, and retry refuses
 *   them); domains it ordered that are not registered yet are cancelled (their names let go). A domain the
 *   registrar already registered, transferred or renewed stays so: the registry does not take it back, and the
 *   refund is the business's decision about money, not about the name. A task running at that moment finishes.
 */
export function registerDomainHooks(events: InvoiceEvents, deps: DomainLifecycleDeps): void {
  events.on({
    paid: (trx, invoice, now) => paid(trx, invoice, now, deps),
    cancelled: (trx, invoice, now) => cancelled(trx, invoice, now),
    refunded: (trx, invoice, now) => refunded(trx, invoice, now),
  });
}

async function paid(trx: Trx, invoice: InvoiceRow, now: string, deps: DomainLifecycleDeps): Promise<void> {
  let queued = 0;
  for (const line of await domainLines(trx, invoice.id)) {
    let kind: 'register' | 'transfer' | 'renew';
    let years = line.years;
    if (line.kind === 'domain_register' || line.kind === 'domain_transfer') {
      if (line.status !== 'pending' && line.status !== 'provisioning') continue;
      kind = line.kind === 'domain_register' ? 'register' : 'transfer';
      await trx
        .updateTable('domains')
        .set({ status: 'provisioning', updated_at: now })
        .where('id', '=', line.domain_id)
        .where('status', '=', 'pending')
        .execute();
    } else if (line.kind === 'domain_renewal') {
      if (line.status !== 'active' && line.status !== 'expired') continue;
      kind = 'renew';
      if (line.period_start && line.period_end) years = termYears(line.period_start, line.period_end);
    } else {
      continue;
    }
    const r = await trx
      .insertInto('domain_tasks')
      .values({
        id: deps.ids('dtask'),
        domain_id: line.domain_id,
        invoice_id: invoice.id,
        kind,
        years,
        status: 'queued',
        attempts: 0,
        last_error: null,
        run_after: now,
        lease_until: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    queued += Number(r.numInsertedOrUpdatedRows ?? 0n);
  }
  // Queries run one at a time on the connection: the runner's first query waits for this transaction to end.
  if (queued) setImmediate(() => deps.kick());
}

async function cancelled(trx: Trx, invoice: InvoiceRow, now: string): Promise<void> {
  const ids = (await domainLines(trx, invoice.id))
    .filter((line) => line.kind === 'domain_register' || line.kind === 'domain_transfer')
    .map((line) => line.domain_id);
  if (!ids.length) return;
  await trx
    .updateTable('domains')
    .set({ status: 'cancelled', epp_code_sealed: null, updated_at: now })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .execute();
}

async function refunded(trx: Trx, invoice: InvoiceRow, now: string): Promise<void> {
  const running = await trx
    .selectFrom('domain_tasks')
    .select('domain_id')
    .where('invoice_id', '=', invoice.id)
    .where('status', '=', 'running')
    .execute();
  await trx
    .updateTable('domain_tasks')
    .set({
      status: 'failed',
      last_error: 'The invoice was refunded before the registrar was asked.',
      lease_until: null,
      updated_at: now,
    })
    .where('invoice_id', '=', invoice.id)
    .where('status', '=', 'queued')
    .execute();
  const busy = new Set(running.map((row) => row.domain_id));
  const ids = (await domainLines(trx, invoice.id))
    .filter((line) => line.kind === 'domain_register' || line.kind === 'domain_transfer')
    .map((line) => line.domain_id)
    .filter((id) => !busy.has(id));
  if (!ids.length) return;
  await trx
    .updateTable('domains')
    .set({ status: 'cancelled', epp_code_sealed: null, updated_at: now })
    .where('id', 'in', ids)
    .where('status', 'in', ['pending', 'provisioning', 'failed'])
    .execute();
}
