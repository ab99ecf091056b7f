import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Columns client sessions (`sessions`) and staff sessions (`staff_sessions`) both have. */
interface SessionColumns {
  id: string;
  token_hash: string;
  user_id: string;
  staff_id: string;
  last_seen_at: string;
  idle_expires_at: string;
  expires_at: string;
  revoked_at: string | null;
}

type SessionRowsDb = Kysely<{ session_rows: SessionColumns }>;

/**
 * The writes client and staff sessions share: touch, end one, end all of an owner, sweep. The two tables stay
 * separate (a session of one kind can never be read as the other); only these statements are common.
 */
export class SessionRows {
  readonly #db: SessionRowsDb;
  readonly #table: 'session_rows';
  readonly #owner: 'user_id' | 'staff_id';

  constructor(db: Kysely<Database> | Transaction<Database>, table: 'sessions' | 'staff_sessions') {
    this.#db = db as unknown as SessionRowsDb;
    // Both tables have the columns above; only the name differs when the SQL is built.
    this.#table = table as unknown as 'session_rows';
    this.#owner = table === 'sessions' ? 'user_id' : 'staff_id';
  }

  /** Notes a request: the new last-seen time and idle expiry. */
  async touch(id: string, lastSeen: string, idleExpires: string): Promise<void> {
    await this.#db
      .updateTable(this.#table)
      .set({ last_seen_at: lastSeen, idle_expires_at: idleExpires })
      .where('id', '=', id)
      .execute();
  }

  /** Ends one session. */
  async revoke(id: string, now: string): Promise<void> {
    await this.#db
      .updateTable(this.#table)
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Ends the session a token belongs to, found by the token's SHA-256. */
  async revokeByTokenHash(tokenHash: string, now: string): Promise<void> {
    await this.#db
      .updateTable(this.#table)
      .set({ revoked_at: now })
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Ends every live session of a user (or staff member) but `exceptSessionId`. Returns how many ended. */
  async revokeAllOf(ownerId: string, now: string, exceptSessionId?: string): Promise<number> {
    let q = this.#db
      .updateTable(this.#table)
      .set({ revoked_at: now })
      .where(this.#owner, '=', ownerId)
      .where('revoked_at', 'is', null)
      // Only live sessions: the count is what a person is told was signed out.
      .where('expires_at', '>', now)
      .where('idle_expires_at', '>', now);
    if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
    return Number((await q.executeTakeFirst()).numUpdatedRows);
  }

  /** Deletes sessions that ended (expired, idle or revoked) before `before`. */
  async sweep(before: string): Promise<number> {
    const r = await this.#db
      .deleteFrom(this.#table)
      .where((eb) =>
        eb.or([
          eb('expires_at', '<', before),
          eb('revoked_at', '<', before),
          eb('idle_expires_at', '<', before),
        ]),
      )
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
