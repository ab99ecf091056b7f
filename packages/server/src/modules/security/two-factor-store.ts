import type { Insertable, Selectable, Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database, MfaTicketsTable, UsersTable } from '../../db/schema.js';

export type UserRow = Selectable<UsersTable>;
export type MfaTicketRow = Selectable<MfaTicketsTable> & { attempts: number };

/** New backup codes to store: their ids and HMACs. */
export interface NewBackupCodes {
  ids: string[];
  hashes: string[];
}

/** What redeeming a ticket came to: done, the ticket was no longer live, or the code was already spent. */
export type Redemption = 'ok' | 'ticket' | 'code';

/** Thrown inside a transaction to roll it back with a known outcome. */
class Rollback extends Error {}

/** Runs a transaction whose `Rollback` means "refused": the work is undone and false is answered. */
async function refusable(db: Db, work: (trx: Transaction<Database>) => Promise<void>): Promise<boolean> {
  try {
    await db.transaction().execute(work);
    return true;
  } catch (error) {
    if (error instanceof Rollback) return false;
    throw error;
  }
}

const updated = (r: { numUpdatedRows: bigint }) => Number(r.numUpdatedRows) === 1;

/** A TOTP step may be claimed while none at or after it was: a step is never accepted twice. */
async function claimStep(trx: Transaction<Database>, userId: string, step: number): Promise<boolean> {
  const r = await trx
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where('totp_enabled_at', 'is not', null)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return updated(r);
}

async function spendBackupCode(
  trx: Transaction<Database>,
  userId: string,
  codeId: string,
  now: string,
): Promise<boolean> {
  const r = await trx
    .updateTable('backup_codes')
    .set({ used_at: now })
    .where('id', '=', codeId)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return updated(r);
}

async function replaceBackupCodes(
  trx: Transaction<Database>,
  userId: string,
  codes: NewBackupCodes,
  now: string,
): Promise<void> {
  await trx.deleteFrom('backup_codes').where('user_id', '=', userId).execute();
  await trx
    .insertInto('backup_codes')
    .values(
      codes.ids.map((id, i) => ({
        id,
        user_id: userId,
        code_hash: codes.hashes[i]!,
        used_at: null,
        created_at: now,
      })),
    )
    .execute();
}

const TOTP_OFF = {
  totp_secret: null,
  totp_pending_secret: null,
  totp_pending_at: null,
  totp_enabled_at: null,
} as const;

/**
 * SQL of client two-factor: the TOTP columns of `users`, backup codes and sign-in tickets. Every "use once" rule
 * is a conditional UPDATE, so of any number of parallel callers exactly one succeeds.
 */
export class TwoFactorStore {
  constructor(private readonly db: Db) {}

  findUser(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Unused backup codes left, and when the current set was made. */
  async backupCodeStatus(userId: string): Promise<{ remaining: number; generatedAt: string | null }> {
    const row = await this.db
      .selectFrom('backup_codes')
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere('used_at', 'is', null).as('remaining'),
        eb.fn.max('created_at').as('generated_at'),
      ])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return { remaining: Number(row.remaining), generatedAt: row.generated_at ?? null };
  }

  unusedBackupCodes(userId: string): Promise<{ id: string; code_hash: string }[]> {
    return this.db
      .selectFrom('backup_codes')
      .select(['id', 'code_hash'])
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  }

  async countPasskeys(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('passkeys')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  // Enrolment

  /** Keeps a new sealed secret as pending (replacing an older pending one), unless TOTP is already on. */
  async setPending(userId: string, sealed: string, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('users')
      .set({ totp_pending_secret: sealed, totp_pending_at: now, updated_at: now })
      .where('id', '=', userId)
      .where('totp_enabled_at', 'is', null)
      .executeTakeFirst();
    return updated(r);
  }

  /**
   * Turns the pending secret on, if it still is the one the code was checked against, with the code's step spent
   * and a fresh set of backup codes: all or nothing.
   */
  enable(userId: string, sealed: string, step: number, codes: NewBackupCodes, now: string): Promise<boolean> {
    return refusable(this.db, async (trx) => {
      const r = await trx
        .updateTable('users')
        .set({
          totp_secret: sealed,
          totp_pending_secret: null,
          totp_pending_at: null,
          totp_enabled_at: now,
          totp_last_step: step,
          updated_at: now,
        })
        .where('id', '=', userId)
        .where('totp_pending_secret', '=', sealed)
        .where('totp_enabled_at', 'is', null)
        .executeTakeFirst();
      if (!updated(r)) throw new Rollback();
      await replaceBackupCodes(trx, userId, codes, now);
    });
  }

  /** Turns TOTP off with a code of `step` (spent in the same transaction); the backup codes go too. */
  disableWithStep(userId: string, step: number, now: string): Promise<boolean> {
    return refusable(this.db, async (trx) => {
      if (!(await claimStep(trx, userId, step))) throw new Rollback();
      await trx
        .updateTable('users')
        .set({ ...TOTP_OFF, updated_at: now })
        .where('id', '=', userId)
        .execute();
      await trx.deleteFrom('backup_codes').where('user_id', '=', userId).execute();
    });
  }

  /** Turns TOTP off with a backup code (spent first, so a used one is refused); the other codes go too. */
  disableWithBackupCode(userId: string, codeId: string, now: string): Promise<boolean> {
    return refusable(this.db, async (trx) => {
      if (!(await spendBackupCode(trx, userId, codeId, now))) throw new Rollback();
      const r = await trx
        .updateTable('users')
        .set({ ...TOTP_OFF, updated_at: now })
        .where('id', '=', userId)
        .where('totp_enabled_at', 'is not', null)
        .executeTakeFirst();
      if (!updated(r)) throw new Rollback();
      await trx.deleteFrom('backup_codes').where('user_id', '=', userId).execute();
    });
  }

  /** Replaces every backup code, with a TOTP code of `step` spent in the same transaction. */
  regenerateWithStep(userId: string, step: number, codes: NewBackupCodes, now: string): Promise<boolean> {
    return refusable(this.db, async (trx) => {
      if (!(await claimStep(trx, userId, step))) throw new Rollback();
      await replaceBackupCodes(trx, userId, codes, now);
    });
  }

  /**
   * A staff reset: TOTP off, backup codes and live sign-in tickets gone (passkeys stay). Answers whether the
   * user exists and whether anything was on.
   */
  async reset(userId: string, now: string): Promise<{ found: boolean; wasOn: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      const user = await trx
        .selectFrom('users')
        .select(['totp_enabled_at', 'totp_pending_secret'])
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!user) return { found: false, wasOn: false };
      const codes = await trx.deleteFrom('backup_codes').where('user_id', '=', userId).executeTakeFirst();
      await trx
        .updateTable('users')
        .set({ ...TOTP_OFF, updated_at: now })
        .where('id', '=', userId)
        .execute();
      await trx
        .updateTable('mfa_tickets')
        .set({ used_at: now })
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .execute();
      return { found: true, wasOn: user.totp_enabled_at !== null || Number(codes.numDeletedRows) > 0 };
    });
  }

  // Sign-in tickets

  async insertTicket(row: Insertable<MfaTicketsTable>): Promise<void> {
    await this.db.insertInto('mfa_tickets').values(row).execute();
  }

  async findTicket(tokenHash: string): Promise<MfaTicketRow | undefined> {
    return this.db
      .selectFrom('mfa_tickets')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** Counts a wrong code against a live ticket: the attempts now counted, or undefined when it was dead. */
  async countWrongAttempt(id: string, maxAttempts: number, now: string): Promise<number | undefined> {
    const row = await this.db
      .updateTable('mfa_tickets')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .where('attempts', '<', maxAttempts)
      .returning('attempts')
      .executeTakeFirst();
    return row?.attempts;
  }

  /** Spends a live ticket and the code's TOTP step together, so two parallel right answers make one session. */
  redeemWithStep(
    ticketId: string,
    userId: string,
    step: number,
    now: string,
    max: number,
  ): Promise<Redemption> {
    return this.#redeem(ticketId, now, max, (trx) => claimStep(trx, userId, step));
  }

  /** Spends a live ticket and a backup code together. */
  redeemWithBackupCode(
    ticketId: string,
    userId: string,
    codeId: string,
    now: string,
    max: number,
  ): Promise<Redemption> {
    return this.#redeem(ticketId, now, max, (trx) => spendBackupCode(trx, userId, codeId, now));
  }

  async #redeem(
    ticketId: string,
    now: string,
    maxAttempts: number,
    spendCode: (trx: Transaction<Database>) => Promise<boolean>,
  ): Promise<Redemption> {
    let outcome: Redemption = 'ok';
    const done = await refusable(this.db, async (trx) => {
      const spent = await trx
        .updateTable('mfa_tickets')
        .set({ used_at: now })
        .where('id', '=', ticketId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .where('attempts', '<', maxAttempts)
        .executeTakeFirst();
      if (!updated(spent)) {
        outcome = 'ticket';
        throw new Rollback();
      }
      if (!(await spendCode(trx))) {
        outcome = 'code';
        throw new Rollback();
      }
    });
    return done ? 'ok' : outcome;
  }

  /** Deletes tickets that expired before `before`. */
  async sweepTickets(before: string): Promise<number> {
    const r = await this.db.deleteFrom('mfa_tickets').where('expires_at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
