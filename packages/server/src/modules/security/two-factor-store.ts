import type { Insertable, Selectable, Transaction } from 'kysely';
import { changedOne } from '../../db/changed.js';
import type { Db } from '../../db/database.js';
import type { Database, MfaTicketsTable, UsersTable } from '../../db/schema.js';
import { TicketRows } from '../../db/ticket-rows.js';
import { TotpRows } from '../../db/totp-rows.js';

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
  return changedOne(r);
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

/**
 * SQL of client two-factor: the TOTP columns of `users`, backup codes and sign-in tickets. Every "use once" rule
 * is a conditional UPDATE, so of any number of parallel callers exactly one succeeds.
 */
export class TwoFactorStore {
  /** The TOTP columns of `users`: enrol, claim a step, turn off. */
  readonly totp: TotpRows;
  /** Counts wrong codes against sign-in tickets (spending one goes with its code: see the redeem methods). */
  readonly tickets: TicketRows;

  constructor(private readonly db: Db) {
    this.totp = new TotpRows(db, 'users');
    this.tickets = new TicketRows(db, 'mfa_tickets');
  }

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

  /**
   * Turns the pending secret on, if it still is the one the code was checked against, with the code's step spent
   * and a fresh set of backup codes: all or nothing.
   */
  enable(userId: string, sealed: string, step: number, codes: NewBackupCodes, now: string): Promise<boolean> {
    return refusable(this.db, async (trx) => {
      if (!(await new TotpRows(trx, 'users').enable(userId, sealed, step, now))) throw new Rollback();
      await replaceBackupCodes(trx, userId, codes, now);
    });
  }

  /** Turns TOTP off with a code of `step` (spent in the same transaction); the backup codes go too. */
  disableWithStep(userId: string, step: number, now: string): Promise<boolean> {
    return refusable(this.db, async (trx) => {
      if (!(await new TotpRows(trx, 'users').disableWithStep(userId, step, now))) throw new Rollback();
      await trx.deleteFrom('backup_codes').where('user_id', '=', userId).execute();
    });
  }

  /** Turns TOTP off with a backup code (spent first, so a used one is refused); the other codes go too. */
  disableWithBackupCode(userId: string, codeId: string, now: string): Promise<boolean> {
    return refusable(this.db, async (trx) => {
      if (!(await spendBackupCode(trx, userId, codeId, now))) throw new Rollback();
      if (!(await new TotpRows(trx, 'users').clear(userId, now, { whileOn: true }))) throw new Rollback();
      await trx.deleteFrom('backup_codes').where('user_id', '=', userId).execute();
    });
  }

  /** Replaces every backup code, with a TOTP code of `step` spent in the same transaction. */
  regenerateWithStep(userId: string, step: number, codes: NewBackupCodes, now: string): Promise<boolean> {
    return refusable(this.db, async (trx) => {
      if (!(await new TotpRows(trx, 'users').claimStep(userId, step))) throw new Rollback();
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
      await new TotpRows(trx, 'users').clear(userId, now);
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

  /** Spends a live ticket and the code's TOTP step together, so two parallel right answers make one session. */
  redeemWithStep(
    ticketId: string,
    userId: string,
    step: number,
    now: string,
    max: number,
  ): Promise<Redemption> {
    return this.#redeem(ticketId, now, max, (trx) => new TotpRows(trx, 'users').claimStep(userId, step));
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
      if (!(await new TicketRows(trx, 'mfa_tickets').spend(ticketId, now, maxAttempts))) {
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
