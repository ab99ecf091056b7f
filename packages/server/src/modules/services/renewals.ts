import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { AuditLog } from '../audit/audit-log.js';
import { addCycle, addDays } from '../billing/cycles.js';
import { type InvoiceRow, writeInvoice } from '../billing/invoice-writer.js';
import { mailInvoice } from '../billing/invoices.js';
import type { BillingMail, BillingMailer } from '../billing/mail.js';
import type { BillingRules, Settings } from '../settings/settings.js';
import { InvoiceStore, type JobInvoiceRow } from './invoice-store.js';
import { isUniqueViolation, ServicesStore } from './store.js';
import { mailService, type ServiceRow } from './views.js';

const DAY_MS = 86_400_000;

export interface RenewalDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  settings: Settings;
  audit: AuditLog;
  mailer: BillingMailer;
  logger: Logger;
}

/** What one pass did (a type, not an interface, so it is a `Record<string, number>`). */
export type JobCounts = {
  /** Renewal invoices issued. */
  renewals: number;
  /** Free services moved to their next period without an invoice. */
  freeRenewals: number;
  reminders: number;
  /** Unpaid invoices that passed their due date. */
  overdue: number;
  overdueReminders: number;
  suspended: number;
  cancelled: number;
};

const date = (iso: string) => iso.slice(0, 10);

/**
 * The billing job (hourly): renewal invoices, reminders, overdue marking and reminders, suspensions and
 * end-of-period cancellations. Every step is idempotent: a second pass at the same time does nothing, and passes
 * running at once (here or in another process) never issue an invoice or a mail twice. Transactions stay short;
 * mail is queued after each commit.
 */
export class RenewalJob {
  readonly #d: RenewalDeps;
  readonly #services: ServicesStore;
  readonly #invoices: InvoiceStore;

  constructor(deps: RenewalDeps) {
    this.#d = deps;
    this.#services = new ServicesStore(deps.db);
    this.#invoices = new InvoiceStore(deps.db);
  }

  async run(): Promise<JobCounts> {
    const now = this.#d.clock.now();
    const rules = this.#d.settings.current.billing;
    const { renewals, freeRenewals } = await this.renew(now, rules);
    const reminders = await this.remind(now, rules.reminderDays);
    const overdue = await this.#invoices.markOverdue(now.toISOString());
    const overdueReminders = await this.remindOverdue(now, rules.overdueReminderDays);
    const suspended = rules.suspendAfterDays === null ? 0 : await this.suspend(now, rules.suspendAfterDays);
    const cancelled = await this.cancelDue(now);
    return { renewals, freeRenewals, reminders, overdue, overdueReminders, suspended, cancelled };
  }

  async #mail(accountId: string, mail: BillingMail, about: string): Promise<void> {
    try {
      await this.#d.mailer.send(accountId, mail);
    } catch (err) {
      this.#d.logger.error({ err, about, mail: mail.name }, 'could not queue a billing mail');
    }
  }

  /**
   * (1) One renewal invoice per recurring service whose next due date is within the lead time, for the period
   * starting at that date. The unique index `invoice_lines_period` is the last word: an insert that meets it is a
   * period already invoiced.
   */
  async renew(now: Date, rules: BillingRules): Promise<{ renewals: number; freeRenewals: number }> {
    const nowIso = now.toISOString();
    const due = await this.#services.dueForRenewal(addDays(now, rules.renewalLeadDays).toISOString());
    let renewals = 0;
    let freeRenewals = 0;
    for (const service of due) {
      try {
        if (service.amount === 0) {
          if (await this.#renewFree(service, nowIso)) freeRenewals++;
          continue;
        }
        const invoice = await this.#issueRenewal(service, service.taxable === 1, rules, now);
        if (!invoice) continue;
        renewals++;
        await this.#mail(
          service.account_id,
          { name: 'invoice-issued', invoice: mailInvoice(invoice) },
          invoice.id,
        );
      } catch (err) {
        this.#d.logger.error({ err, serviceId: service.id }, 'renewal failed');
      }
    }
    return { renewals, freeRenewals };
  }

  async #issueRenewal(
    service: ServiceRow,
    taxable: boolean,
    rules: BillingRules,
    now: Date,
  ): Promise<InvoiceRow | null> {
    const periodStart = service.next_due_at as string;
    const periodEnd = addCycle(periodStart, service.cycle)?.toISOString();
    if (!periodEnd) return null;
    const nowIso = now.toISOString();
    // Issued late (the job was down, a rejected cancellation let it renew again): due after the usual terms,
    // never in the past.
    const dueAt = periodStart > nowIso ? periodStart : addDays(now, rules.paymentTermsDays).toISOString();
    const name = service.label ? `${service.product_name} (${service.label})` : service.product_name;
    try {
      return await this.#d.db.transaction().execute(async (trx) => {
        const issued = await trx
          .selectFrom('invoice_lines')
          .select('id')
          .where('service_id', '=', service.id)
          .where('period_start', '=', periodStart)
          .where(sql<boolean>`kind IN ('product', 'renewal')`)
          .executeTakeFirst();
        if (issued) return null;
        return writeInvoice(trx, this.#d.ids, rules, {
          accountId: service.account_id,
          currency: service.currency,
          status: 'unpaid',
          dueAt,
          now: nowIso,
          lines: [
            {
              kind: 'renewal',
              description: `${name}: ${date(periodStart)} to ${date(periodEnd)}`,
              quantity: 1,
              unitAmount: service.amount,
              taxable,
              serviceId: service.id,
              periodStart,
              periodEnd,
            },
          ],
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** A free service starts its next period when the current one ends, with no invoice to pay. */
  async #renewFree(service: ServiceRow, nowIso: string): Promise<boolean> {
    const periodStart = service.next_due_at as string;
    const periodEnd = addCycle(periodStart, service.cycle)?.toISOString();
    if (!periodEnd || periodStart > nowIso) return false;
    const moved = await this.#d.db
      .updateTable('services')
      .set({ next_due_at: periodEnd, updated_at: nowIso })
      .where('id', '=', service.id)
      .where('next_due_at', '=', periodStart)
      .executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1;
  }

  /**
   * (2) A reminder for each unpaid invoice coming due, once per setting value (`before:7`). A value counts only if
   * the invoice was issued before its window opened; several values at once make one mail.
   */
  async remind(now: Date, reminderDays: readonly number[]): Promise<number> {
    const days = [...new Set(reminderDays)].filter((d) => d > 0);
    if (!days.length) return 0;
    const candidates = await this.#invoices.unpaidDueBetween(
      now.toISOString(),
      addDays(now, Math.max(...days)).toISOString(),
    );
    return this.#sendReminders(now, candidates, (invoice) => {
      const due = Date.parse(invoice.due_at as string);
      const issued = invoice.issued_at ? Date.parse(invoice.issued_at) : 0;
      const kinds = days
        .filter((d) => due - d * DAY_MS <= now.getTime() && issued <= due - d * DAY_MS)
        .map((d) => `before:${d}`);
      const daysLeft = Math.max(0, Math.ceil((due - now.getTime()) / DAY_MS));
      return { kinds, mail: { name: 'invoice-reminder', invoice: mailInvoice(invoice), daysLeft } };
    });
  }

  /** (3) Mails about overdue invoices, once per setting value of days past due (`overdue:1`). */
  async remindOverdue(now: Date, overdueReminderDays: readonly number[]): Promise<number> {
    const days = [...new Set(overdueReminderDays)].filter((d) => d >= 0).sort((a, b) => a - b);
    const first = days[0];
    const last = days.at(-1);
    if (first === undefined || last === undefined) return 0;
    const candidates = await this.#invoices.overdueAwaiting(
      addDays(now, -first).toISOString(),
      `overdue:${last}`,
    );
    return this.#sendReminders(now, candidates, (invoice) => {
      const due = Date.parse(invoice.due_at as string);
      const kinds = days.filter((d) => due + d * DAY_MS <= now.getTime()).map((d) => `overdue:${d}`);
      const daysOverdue = Math.max(0, Math.floor((now.getTime() - due) / DAY_MS));
      return { kinds, mail: { name: 'invoice-overdue', invoice: mailInvoice(invoice), daysOverdue } };
    });
  }

  /**
   * Records each invoice's reminder kinds that are due and not yet recorded, all at once, and mails one reminder
   * when this pass recorded any: the primary key (invoice, kind) makes a concurrent pass record none.
   */
  async #sendReminders(
    now: Date,
    invoices: JobInvoiceRow[],
    plan: (invoice: JobInvoiceRow) => { kinds: string[]; mail: BillingMail },
  ): Promise<number> {
    const sent = await this.#invoices.remindersOf(invoices.map((i) => i.id));
    let count = 0;
    for (const invoice of invoices) {
      const { kinds, mail } = plan(invoice);
      const fresh = kinds.filter((kind) => !sent.get(invoice.id)?.has(kind));
      if (!fresh.length) continue;
      if ((await this.#invoices.recordReminders(invoice.id, fresh, now.toISOString())) === 0) continue;
      await this.#mail(invoice.account_id, mail, invoice.id);
      count++;
    }
    return count;
  }

  /** (4) Suspends active services with an invoice overdue for more than `afterDays` days. */
  async suspend(now: Date, afterDays: number): Promise<number> {
    const nowIso = now.toISOString();
    const overdue = await this.#services.overdueActiveServices(addDays(now, -afterDays).toISOString());
    const invoiceOf = new Map(overdue.map((row) => [row.id, row.number]));
    let count = 0;
    for (const [id, number] of invoiceOf) {
      const reason = number ? `Invoice ${number} is overdue.` : 'An invoice is overdue.';
      const row = await this.#services.transition({
        id,
        from: ['active'],
        set: {
          status: 'suspended',
          suspended_at: nowIso,
          suspend_reason: reason,
          suspended_by: 'overdue',
          updated_at: nowIso,
        },
        audit: (r) =>
          this.#d.audit.row({
            actor: { type: 'system' },
            action: 'service.suspended',
            target: { type: 'service', id },
            accountId: r.account_id,
            details: { reason, by: 'overdue' },
          }),
      });
      if (!row) continue;
      count++;
      await this.#mail(row.account_id, { name: 'service-suspended', service: mailService(row), reason }, id);
    }
    return count;
  }

  /** (5) Cancels services whose approved end-of-period cancellation has taken effect. */
  async cancelDue(now: Date): Promise<number> {
    const nowIso = now.toISOString();
    let count = 0;
    for (const due of await this.#services.cancellationsDue(nowIso)) {
      const row = await this.#services.cancelNow({
        id: due.id,
        now: nowIso,
        staffId: null,
        from: ['active', 'suspended'],
        audit: (r) =>
          this.#d.audit.row({
            actor: { type: 'system' },
            action: 'service.cancelled',
            target: { type: 'service', id: r.id },
            accountId: r.account_id,
            details: { cancellationId: due.request_id, type: 'end_of_period' },
          }),
      });
      if (!row) continue;
      count++;
      await this.#mail(row.account_id, { name: 'service-cancelled', service: mailService(row) }, row.id);
    }
    return count;
  }
}
