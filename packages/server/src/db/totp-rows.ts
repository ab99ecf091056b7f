import type { Kysely, Transaction } from 'kysely';
import { changedOne } from './changed.js';
import type { Database } from './schema.js';

/** The TOTP columns client logins (`users`) and staff members (`staff`) both have. */
interface TotpColumns {
  id: string;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  /** `users` only: when the pending secret was made (a client's setup expires). */
  totp_pending_at: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | null;
  updated_at: string;
}

type TotpRowsDb = Kysely<{ totp_rows: TotpColumns }>;

/**
 * The TOTP statements client and staff logins share: enrol, claim a step, turn off. Each "use once" rule is a
 * conditional UPDATE, so of any number of parallel callers exactly one succeeds. The two tables stay separate;
 * only these statements are common.
 */
export class TotpRows {
  readonly #db: TotpRowsDb;
  readonly #table: 'totp_rows';
  readonly #pendingAt: boolean;

  constructor(db: Kysely<Database> | Transaction<Database>, table: 'users' | 'staff') {
    this.#db = db as unknown as TotpRowsDb;
    // Both tables have the columns above (but `totp_pending_at`); only the name differs when the SQL is built.
    this.#table = table as unknown as 'totp_rows';
    this.#pendingAt = table === 'users';
  }

  /** `totp_pending_at` set to `value` where the table has it. */
  #pendingSince(value: string | null): { totp_pending_at?: string | null } {
    return this.#pendingAt ? { totp_pending_at: value } : {};
  }

  /** Every TOTP column cleared (the last step stays, so an old code never comes back). */
  #off() {
    return {
      totp_secret: null,
      totp_pending_secret: null,
      ...this.#pendingSince(null),
      totp_enabled_at: null,
    } as const;
  }

  /** Keeps a new sealed secret as pending (replacing an older pending one), unless TOTP is already on. */
  async setPending(id: string, sealed: string, now: string): Promise<boolean> {
    const r = await this.#db
      .updateTable(this.#table)
      .set({ totp_pending_secret: sealed, ...this.#pendingSince(now), updated_at: now })
      .where('id', '=', id)
      .where('totp_enabled_at', 'is', null)
      .executeTakeFirst();
    return changedOne(r);
  }

  /** Turns the pending secret on, if it still is the one the code was checked against, with the code's step spent. */
  async enable(id: string, sealed: string, step: number, now: string): Promise<boolean> {
    const r = await this.#db
      .updateTable(this.#table)
      .set({
        totp_secret: sealed,
        totp_pending_secret: null,
        ...this.#pendingSince(null),
        totp_enabled_at: now,
        totp_last_step: step,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('totp_pending_secret', '=', sealed)
      .where('totp_enabled_at', 'is', null)
      .executeTakeFirst();
    return changedOne(r);
  }

  /** Claims a step while TOTP is on and no step at or after it was claimed: a step is never accepted twice. */
  async claimStep(id: string, step: number): Promise<boolean> {
    const r = await this.#db
      .updateTable(this.#table)
      .set({ totp_last_step: step })
      .where('id', '=', id)
      .where('totp_enabled_at', 'is not', null)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return changedOne(r);
  }

  /** Turns TOTP off with a code of `step`, claiming that step in the same statement. */
  async disableWithStep(id: string, step: number, now: string): Promise<boolean> {
    const r = await this.#db
      .updateTable(this.#table)
      .set({ ...this.#off(), totp_last_step: step, updated_at: now })
      .where('id', '=', id)
      .where('totp_enabled_at', 'is not', null)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return changedOne(r);
  }

  /** Turns TOTP off (and drops a pending setup); with `whileOn`, only if it is on. False when nothing matched. */
  async clear(id: string, now: string, options: { whileOn?: boolean } = {}): Promise<boolean> {
    let q = this.#db
      .updateTable(this.#table)
      .set({ ...this.#off(), updated_at: now })
      .where('id', '=', id);
    if (options.whileOn) q = q.where('totp_enabled_at', 'is not', null);
    return changedOne(await q.executeTakeFirst());
  }
}
