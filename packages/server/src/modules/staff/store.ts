import type { Insertable, Selectable, Updateable } from 'kysely';
import { changedOne } from '../../db/changed.js';
import type { Db } from '../../db/database.js';
import type { LinkTokensTable, StaffSessionsTable, StaffTable } from '../../db/schema.js';
import { SessionRows } from '../../db/session-rows.js';
import { TicketRows } from '../../db/ticket-rows.js';
import { TotpRows } from '../../db/totp-rows.js';

export type StaffRow = Selectable<StaffTable>;
export type StaffLinkPurpose = 'staff_invitation' | 'staff_mfa';
export type StaffLinkRow = Selectable<LinkTokensTable> & { purpose: StaffLinkPurpose; staff_id: string };

/** Why a guarded staff change was refused; the transaction rolled back. */
export type GuardedChangeResult = 'ok' | 'not_found' | 'last_admin';

/** Thrown inside a transaction to roll it back when a later check fails; the caller turns it into an answer. */
class Rollback extends Error {}

/** A new staff member's row: enabled, no TOTP, never signed in; no password hash while invited. */
export function newStaffRow(input: {
  id: string;
  email: string;
  name: string;
  role: StaffRow['role'];
  passwordHash: string | null;
  now: string;
}): StaffRow {
  return {
    id: input.id,
    email: input.email,
    name: input.name,
    role: input.role,
    password_hash: input.passwordHash,
    totp_secret: null,
    totp_pending_secret: null,
    totp_enabled_at: null,
    totp_last_step: null,
    disabled_at: null,
    last_sign_in_at: null,
    created_at: input.now,
    updated_at: input.now,
  };
}

/** Spends a member's unused links of one purpose: their invitations, or their sign-in tickets. */
async function spendLinksOf(db: Db, staffId: string, purpose: StaffLinkPurpose, now: string): Promise<void> {
  await db
    .updateTable('link_tokens')
    .set({ used_at: now })
    .where('staff_id', '=', staffId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

/** SQL of the staff area: staff members, their sessions, their invitations and sign-in tickets. */
export class StaffStore {
  /** Touch, end and sweep staff sessions. */
  readonly sessions: SessionRows;
  /** The TOTP columns of `staff`: enrol, turn off with a code. */
  readonly totp: TotpRows;
  /** Sign-in tickets (`staff_mfa` links): count a wrong code, spend one. */
  readonly tickets: TicketRows;

  constructor(private readonly db: Db) {
    this.sessions = new SessionRows(db, 'staff_sessions');
    this.totp = new TotpRows(db, 'staff');
    this.tickets = new TicketRows(db, 'link_tokens');
  }

  // Staff members

  findById(id: string): Promise<StaffRow | undefined> {
    return this.db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByEmail(email: string): Promise<StaffRow | undefined> {
    return this.db.selectFrom('staff').selectAll().where('email', '=', email).executeTakeFirst();
  }

  /** Every staff member, oldest first. */
  list(): Promise<StaffRow[]> {
    return this.db.selectFrom('staff').selectAll().orderBy('created_at').orderBy('id').execute();
  }

  /**
   * Adds a staff member, with an invitation when one is given, in one transaction. False (and nothing written)
   * when the email is taken.
   */
  async insert(row: Insertable<StaffTable>, invitation?: Insertable<LinkTokensTable>): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('staff')
        .values(row)
        .onConflict((oc) => oc.column('email').doNothing())
        .executeTakeFirst();
      if (!changedOne(r)) return false;
      if (invitation) await trx.insertInto('link_tokens').values(invitation).execute();
      return true;
    });
  }

  /**
   * Applies a change to one staff member and, when it disables them, ends their sessions and tickets; rolls back
   * when afterwards no enabled admin would be left.
   */
  async updateGuarded(id: string, patch: Updateable<StaffTable>, now: string): Promise<GuardedChangeResult> {
    return this.db
      .transaction()
      .execute(async (trx) => {
        const r = await trx.updateTable('staff').set(patch).where('id', '=', id).executeTakeFirst();
        if (!changedOne(r)) return 'not_found' as const;
        const { admins } = await trx
          .selectFrom('staff')
          .select((eb) => eb.fn.countAll<number>().as('admins'))
          .where('role', '=', 'admin')
          .where('disabled_at', 'is', null)
          .executeTakeFirstOrThrow();
        // Throwing rolls the transaction back.
        if (Number(admins) === 0) throw new Rollback('last_admin');
        if (patch.disabled_at) {
          await trx
            .updateTable('staff_sessions')
            .set({ revoked_at: now })
            .where('staff_id', '=', id)
            .where('revoked_at', 'is', null)
            .execute();
          await spendLinksOf(trx, id, 'staff_mfa', now);
        }
        return 'ok' as const;
      })
      .catch((error: unknown) => {
        if (error instanceof Rollback) return 'last_admin' as const;
        throw error;
      });
  }

  async setPassword(id: string, passwordHash: string, now: string): Promise<void> {
    await this.db
      .updateTable('staff')
      .set({ password_hash: passwordHash, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async noteSignIn(id: string, now: string): Promise<void> {
    await this.db.updateTable('staff').set({ last_sign_in_at: now }).where('id', '=', id).execute();
  }

  // TOTP

  /** Clears TOTP (an admin's reset) and ends the member's pending sign-in tickets. */
  async resetTotp(id: string, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const found = await new TotpRows(trx, 'staff').clear(id, now);
      await spendLinksOf(trx, id, 'staff_mfa', now);
      return found;
    });
  }

  // Sessions

  async createSession(row: StaffSessionsTable): Promise<void> {
    await this.db.insertInto('staff_sessions').values(row).execute();
  }

  /** The session with its staff member, by the SHA-256 of its token. */
  findSessionByTokenHash(tokenHash: string) {
    return this.db
      .selectFrom('staff_sessions')
      .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
      .select([
        'staff_sessions.id',
        'staff_sessions.staff_id',
        'staff_sessions.expires_at',
        'staff_sessions.idle_expires_at',
        'staff_sessions.last_seen_at',
        'staff_sessions.revoked_at',
        'staff.email',
        'staff.role',
        'staff.disabled_at',
        'staff.totp_enabled_at',
      ])
      .where('staff_sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  findSession(id: string) {
    return this.db.selectFrom('staff_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  // Invitations and sign-in tickets

  /** Spends every unused invitation of the member and adds `row`, in one transaction. */
  async replaceInvitation(row: Insertable<LinkTokensTable>, now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await spendLinksOf(trx, row.staff_id ?? '', 'staff_invitation', now);
      await trx.insertInto('link_tokens').values(row).execute();
    });
  }

  async insertLink(row: Insertable<LinkTokensTable>): Promise<void> {
    await this.db.insertInto('link_tokens').values(row).execute();
  }

  /** A staff link by the SHA-256 of its token, whatever its state (the caller checks). */
  async findLink(purpose: StaffLinkPurpose, tokenHash: string): Promise<StaffLinkRow | undefined> {
    const row = await this.db
      .selectFrom('link_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('staff_id', 'is not', null)
      .executeTakeFirst();
    return row as StaffLinkRow | undefined;
  }

  /**
   * Spends a sign-in ticket and the TOTP step in one transaction: both or neither, so a ticket is never lost to a
   * code someone else used a moment before.
   */
  async redeemTicket(
    ticketId: string,
    staffId: string,
    step: number,
    now: string,
    maxAttempts: number,
  ): Promise<'ok' | 'ticket' | 'step'> {
    return this.db
      .transaction()
      .execute(async (trx) => {
        if (!(await new TicketRows(trx, 'link_tokens').spend(ticketId, now, maxAttempts)))
          return 'ticket' as const;
        if (!(await new TotpRows(trx, 'staff').claimStep(staffId, step))) throw new Rollback('step');
        return 'ok' as const;
      })
      .catch((error: unknown) => {
        if (error instanceof Rollback) return 'step' as const;
        throw error;
      });
  }

  /** Accepts an invitation: spends it and sets the first password, both or neither. */
  async acceptInvitation(
    linkId: string,
    staffId: string,
    passwordHash: string,
    now: string,
  ): Promise<boolean> {
    return this.db
      .transaction()
      .execute(async (trx) => {
        const spent = await trx
          .updateTable('link_tokens')
          .set({ used_at: now })
          .where('id', '=', linkId)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .executeTakeFirst();
        if (!changedOne(spent)) return false;
        const set = await trx
          .updateTable('staff')
          .set({ password_hash: passwordHash, updated_at: now })
          .where('id', '=', staffId)
          .where('password_hash', 'is', null)
          .where('disabled_at', 'is', null)
          .executeTakeFirst();
        if (!changedOne(set)) throw new Rollback('password');
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof Rollback) return false;
        throw error;
      });
  }

  // Sweeping

  /** Deletes staff invitations and tickets that expired before `before`. */
  async sweepLinks(before: string): Promise<number> {
    const r = await this.db
      .deleteFrom('link_tokens')
      .where('purpose', 'in', ['staff_invitation', 'staff_mfa'])
      .where('expires_at', '<', before)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
