import type { Db } from '../../db/database.js';
import { SUMMARY_COLUMNS } from '../billing/invoice-store.js';
import type { InvoiceSummaryRow } from '../billing/invoices.js';

export type JobInvoiceRow = InvoiceSummaryRow & { account_id: string };

/**
 * What the services job and the dashboard read (and the little they write) of billing's invoices, credit and
 * reminders. Billing owns these tables; invoices themselves are only ever written by `writeInvoice`.
 */
export class InvoiceStore {
  constructor(private readonly db: Db) {}

  /** Unpaid invoices due after `now` and by `until`. */
  unpaidDueBetween(now: string, until: string): Promise<JobInvoiceRow[]> {
    return this.db
      .selectFrom('invoices')
      .select(SUMMARY_COLUMNS)
      .where('status', '=', 'unpaid')
      .where('due_at', '>', now)
      .where('due_at', '<=', until)
      .execute();
  }

  /**
   * Overdue invoices due by `dueBy` that have not had the reminder `lastKind` yet (reminders are recorded together
   * with every earlier one, so that one is the last).
   */
  overdueAwaiting(dueBy: string, lastKind: string): Promise<JobInvoiceRow[]> {
    return this.db
      .selectFrom('invoices')
      .select(SUMMARY_COLUMNS)
      .where('status', '=', 'overdue')
      .where('due_at', '<=', dueBy)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('invoice_reminders')
              .select('invoice_reminders.kind')
              .whereRef('invoice_reminders.invoice_id', '=', 'invoices.id')
              .where('invoice_reminders.kind', '=', lastKind),
          ),
        ),
      )
      .execute();
  }

  /** The reminder kinds already recorded for each invoice given. */
  async remindersOf(invoiceIds: readonly string[]): Promise<Map<string, Set<string>>> {
    const sent = new Map<string, Set<string>>();
    if (!invoiceIds.length) return sent;
    const rows = await this.db
      .selectFrom('invoice_reminders')
      .select(['invoice_id', 'kind'])
      .where('invoice_id', 'in', invoiceIds)
      .execute();
    for (const row of rows) {
      const kinds = sent.get(row.invoice_id) ?? new Set<string>();
      kinds.add(row.kind);
      sent.set(row.invoice_id, kinds);
    }
    return sent;
  }

  /**
   * Records reminders of an invoice; how many were new. Zero means another pass recorded them first, and must be
   * the one to send the mail.
   */
  async recordReminders(invoiceId: string, kinds: readonly string[], now: string): Promise<number> {
    const result = await this.db
      .insertInto('invoice_reminders')
      .values(kinds.map((kind) => ({ invoice_id: invoiceId, kind, sent_at: now })))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  }

  /** Marks unpaid invoices due before `now` overdue; how many. */
  async markOverdue(now: string): Promise<number> {
    const result = await this.db
      .updateTable('invoices')
      .set({ status: 'overdue', updated_at: now })
      .where('status', '=', 'unpaid')
      .where('due_at', '<', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Whether the service has a line on an overdue invoice other than `exceptInvoiceId`. */
  async serviceHasOverdue(serviceId: string, exceptInvoiceId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('invoice_lines')
      .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
      .select('invoices.id')
      .where('invoice_lines.service_id', '=', serviceId)
      .where('invoices.status', '=', 'overdue')
      .where('invoices.id', '!=', exceptInvoiceId)
      .executeTakeFirst();
    return row !== undefined;
  }

  // ─── The dashboard (always by account) ───────────────────────────────────────────────────────────────────

  /** What is left to pay on the account's unpaid and overdue invoices, per currency. */
  async amountDue(accountId: string): Promise<Array<{ currency: string; amount: number }>> {
    const rows = await this.db
      .selectFrom('invoices')
      .select((eb) => [
        'currency',
        eb.fn
          .sum<number>(eb(eb('total', '-', eb.ref('credit_applied')), '-', eb.ref('amount_paid')))
          .as('amount'),
      ])
      .where('account_id', '=', accountId)
      .where('status', 'in', ['unpaid', 'overdue'])
      .groupBy('currency')
      .orderBy('currency')
      .execute();
    return rows.map((r) => ({ currency: r.currency, amount: Number(r.amount) }));
  }

  async countOverdue(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('invoices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('status', '=', 'overdue')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
