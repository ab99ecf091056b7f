import type { Kysely, Transaction } from 'kysely';
import { changedOne } from './changed.js';
import type { Database } from './schema.js';

/** Columns client sign-in tickets (`mfa_tickets`) and staff ones (`link_tokens`, `staff_mfa`) both have. */
interface TicketColumns {
  id: string;
  attempts: number;
  expires_at: string;
  used_at: string | null;
}

type TicketRowsDb = Kysely<{ ticket_rows: TicketColumns }>;

/**
 * The writes of a sign-in ticket between the first step and the code, for clients and for staff: count a wrong
 * code, spend the ticket. A ticket is live while unused, unexpired and under its attempts; both writes hold only
 * for a live one, so of parallel callers exactly one spends it.
 */
export class TicketRows {
  readonly #db: TicketRowsDb;
  readonly #table: 'ticket_rows';

  constructor(db: Kysely<Database> | Transaction<Database>, table: 'mfa_tickets' | 'link_tokens') {
    this.#db = db as unknown as TicketRowsDb;
    // Both tables have the columns above; only the name differs when the SQL is built.
    this.#table = table as unknown as 'ticket_rows';
  }

  /** Counts a wrong code against a live ticket: the attempts now counted, or undefined when it was dead. */
  async countWrongAttempt(id: string, maxAttempts: number, now: string): Promise<number | undefined> {
    const row = await this.#db
      .updateTable(this.#table)
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .where('attempts', '<', maxAttempts)
      .returning('attempts')
      .executeTakeFirst();
    return row?.attempts;
  }

  /** Spends a live ticket; true for exactly one of any number of parallel callers. */
  async spend(id: string, now: string, maxAttempts: number): Promise<boolean> {
    const r = await this.#db
      .updateTable(this.#table)
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .where('attempts', '<', maxAttempts)
      .executeTakeFirst();
    return changedOne(r);
  }
}
