import type { Db } from '../../db/database.js';
import type { Clock } from '../../deps.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Settings } from '../settings/settings.js';
import { SupportStore } from './store.js';

/** What one pass of the support job did. */
export interface SupportJobCounts {
  /** Tickets closed after waiting `answered` for the business's auto-close days. */
  ticketsAutoClosed: number;
  /** Uploads no message took within their 24 hours, deleted with their bytes. */
  uploadsExpired: number;
}

/** Tickets closed per batch (each with its audit entry, in its own transaction). */
const BATCH = 200;

export interface SupportJobDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  audit: AuditLog;
}

/**
 * The hourly support job: closes tickets left `answered` for `autoCloseDays` (none when it is null), each closed
 * only if nobody replied meanwhile, with an audit entry by the system; and deletes expired uploads.
 */
export class SupportJob {
  constructor(private readonly d: SupportJobDeps) {}

  async run(): Promise<SupportJobCounts> {
    const now = this.d.clock.now();
    return { ticketsAutoClosed: await this.#autoClose(now), uploadsExpired: await this.#expireUploads(now) };
  }

  async #autoClose(now: Date): Promise<number> {
    const days = this.d.settings.current.support.autoCloseDays;
    if (days === null) return 0;
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
    const at = now.toISOString();
    const store = new SupportStore(this.d.db);
    let closed = 0;
    for (;;) {
      const due = await store.answeredBefore(cutoff, BATCH);
      for (const ticket of due) {
        const done = await this.d.db.transaction().execute(async (trx) => {
          const inTrx = new SupportStore(trx);
          if (!(await inTrx.closeIfStillAnswered(ticket.id, ticket.last_reply_at, at))) return false;
          await inTrx.insertAudit(
            this.d.audit.row({
              actor: { type: 'system' },
              action: 'support.ticket_auto_closed',
              target: { type: 'ticket', id: ticket.id },
              accountId: ticket.account_id,
              details: { reference: ticket.reference, days, lastReplyAt: ticket.last_reply_at },
            }),
          );
          return true;
        });
        if (done) closed++;
      }
      if (due.length < BATCH) return closed;
    }
  }

  #expireUploads(now: Date): Promise<number> {
    return new SupportStore(this.d.db).deleteExpiredUploads(now.toISOString());
  }
}
