import type { ExpressionBuilder, Insertable, Selectable } from 'kysely';
import { changedOne } from '../../db/changed.js';
import type { Db } from '../../db/database.js';
import type { AccountsTable, AuditLogTable, Database, UsersTable } from '../../db/schema.js';
import { ClientsStore } from '../clients/store.js';

export type UserRow = Selectable<UsersTable>;
export type AccountRow = Selectable<AccountsTable>;
export type AuditRow = Selectable<AuditLogTable>;

/** Which audit actions a timeline shows. */
export interface ActionFilter {
  /** Actions under these prefixes (`auth.`). */
  prefixes: readonly string[];
  /** These actions besides. */
  exact: readonly string[];
  /** Staff actions recorded with no account that target a member's login (resetting their two-factor). */
  aboutMembers: readonly string[];
}

/** A keyset position in a list ordered by (at DESC, id DESC). */
export interface AuditKeyset {
  at: string;
  id: string;
}

/** Thrown by {@link AccountStore.changeEmail} when another login took the address meanwhile. */
export class EmailTakenError extends Error {
  constructor() {
    super('email already in use');
    this.name = 'EmailTakenError';
  }
}

const isUniqueViolation = (error: unknown) =>
  (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';

/** The SQL of the signed-in client's own account: profile, email, password, sessions and the activity timeline. */
export class AccountStore {
  constructor(private readonly db: Db) {}

  findUser(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findUserByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  /** The account a principal acts for (the caller proved the membership). */
  findAccount(accountId: string): Promise<AccountRow | undefined> {
    return this.db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
  }

  /** Changes an account's details, its search text and its audit entry, in one transaction. */
  async updateAccount(
    accountId: string,
    patch: Partial<Pick<AccountRow, 'name' | 'company' | 'phone' | 'address' | 'currency'>>,
    now: string,
    audit: Insertable<AuditLogTable>,
  ): Promise<boolean> {
    return new ClientsStore(this.db).updateAccount(accountId, patch, now, audit);
  }

  async updateUser(userId: string, patch: Partial<Pick<UserRow, 'name' | 'locale'>>, now: string) {
    await this.db
      .updateTable('users')
      .set({ ...patch, updated_at: now })
      .where('id', '=', userId)
      .execute();
  }

  /**
   * Moves a login to a new, just proved, address: the address, its verification time, the search text of every
   * account it belongs to and the audit entry, in one transaction. Codes still alive for the old address stop
   * working (a reset code sent there must not outlive the change). Throws {@link EmailTakenError} when the
   * address belongs to another login (a race with a registration).
   */
  async changeEmail(userId: string, email: string, now: string, audit: Insertable<AuditLogTable>) {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ email, email_verified_at: now, updated_at: now })
          .where('id', '=', userId)
          .execute();
        await trx
          .updateTable('challenges')
          .set({ consumed_at: now })
          .where('user_id', '=', userId)
          .where('consumed_at', 'is', null)
          .execute();
        await new ClientsStore(trx).refreshSearchTextForUser(userId);
        await trx.insertInto('audit_log').values(audit).execute();
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError();
      throw error;
    }
  }

  async setPassword(userId: string, passwordHash: string, now: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: now })
      .where('id', '=', userId)
      .execute();
  }

  // Sessions

  /** A user's live sessions (not ended, not expired, membership still there), on every account, with its name. */
  liveSessions(userId: string, now: string) {
    return this.db
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      .innerJoin('memberships', (join) =>
        join
          .onRef('memberships.user_id', '=', 'sessions.user_id')
          .onRef('memberships.account_id', '=', 'sessions.account_id'),
      )
      .select([
        'sessions.id',
        'sessions.ip',
        'sessions.user_agent',
        'sessions.country',
        'sessions.created_at',
        'sessions.last_seen_at',
        'accounts.name as account_name',
      ])
      .where('sessions.user_id', '=', userId)
      .where('sessions.revoked_at', 'is', null)
      .where('sessions.expires_at', '>', now)
      .where('sessions.idle_expires_at', '>', now)
      .where('accounts.status', '=', 'active')
      .orderBy('sessions.created_at', 'desc')
      .execute();
  }

  /** Ends live sessions of this user (not ended, not expired); the caller says which. */
  #endLive(userId: string, now: string) {
    return this.db
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .where('idle_expires_at', '>', now);
  }

  /** Ends one live session of this user; false when they have no such live session. */
  async endSession(userId: string, sessionId: string, now: string): Promise<boolean> {
    return changedOne(await this.#endLive(userId, now).where('id', '=', sessionId).executeTakeFirst());
  }

  /** Ends every live session of this user but `keepSessionId`; answers how many ended. */
  async endOtherSessions(userId: string, keepSessionId: string, now: string): Promise<number> {
    const r = await this.#endLive(userId, now).where('id', '!=', keepSessionId).executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  // Activity

  /** The users who are members of an account now. */
  async memberIds(accountId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .select('user_id')
      .where('account_id', '=', accountId)
      .execute();
    return rows.map((r) => r.user_id);
  }

  /**
   * An account's timeline, newest first: entries recorded on the account, plus entries with no account whose actor
   * is one of `memberIds` (their failed sign-ins, email and password changes), all limited to `actions`, plus
   * entries with no account about a member's login (`actions.aboutMembers`). One branch per member and per such
   * action, each walking an index in order, merged by SQLite (no sort of the whole log).
   */
  activity(
    accountId: string,
    memberIds: readonly string[],
    input: { actions: ActionFilter; after: AuditKeyset | undefined; limit: number },
  ): Promise<AuditRow[]> {
    const { actions, after } = input;
    type Eb = ExpressionBuilder<Database, 'audit_log'>;
    const wanted = (eb: Eb) =>
      eb.or([
        ...actions.prefixes.map((prefix) =>
          // `auth.` ≤ action < `auth/`: the prefix as a range, which needs no LIKE escaping.
          eb.and([eb('action', '>=', prefix), eb('action', '<', `${prefix.slice(0, -1)}/`)]),
        ),
        ...(actions.exact.length ? [eb('action', 'in', actions.exact)] : []),
      ]);
    const base = () => {
      const query = this.db.selectFrom('audit_log').selectAll().where(wanted);
      return after
        ? query.where((eb) =>
            eb.or([eb('at', '<', after.at), eb.and([eb('at', '=', after.at), eb('id', '<', after.id)])]),
          )
        : query;
    };
    const onAccount = base().where('account_id', '=', accountId);
    // SQLite allows 500 terms in a compound select; a huge account falls back to one branch (and a sort).
    const members =
      memberIds.length <= 100
        ? memberIds.map((id) =>
            base()
              .where('actor_id', '=', id)
              .where('account_id', 'is', null)
              .where('actor_type', '=', 'user'),
          )
        : [
            base()
              .where('actor_id', 'in', memberIds)
              .where('account_id', 'is', null)
              .where('actor_type', '=', 'user'),
          ];
    // These actions are rare (an action's index walks only them), so a member filter on each is cheap.
    const aboutMembers = memberIds.length
      ? actions.aboutMembers.map((action) =>
          base()
            .where('action', '=', action)
            .where('account_id', 'is', null)
            .where('actor_type', '=', 'staff')
            .where('target_type', '=', 'user')
            .where('target_id', 'in', memberIds),
        )
      : [];
    return [...members, ...aboutMembers]
      .reduce((query, branch) => query.unionAll(branch), onAccount)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(input.limit)
      .execute();
  }
}
