import type { Insertable, Selectable, Transaction } from 'kysely';
import { changedOne } from '../../db/changed.js';
import type { Db } from '../../db/database.js';
import { hotQuery } from '../../db/hot-query.js';
import { SessionRows } from '../../db/session-rows.js';
import type {
  ChallengePurpose,
  ChallengesTable,
  Database,
  SessionsTable,
  UsersTable,
} from '../../db/schema.js';
import { searchText } from '../clients/store.js';

export type UserRow = Selectable<UsersTable>;
export type ChallengeRow = Omit<ChallengesTable, 'attempts' | 'sends'> & { attempts: number; sends: number };

function sessionByTokenQuery(db: Db, tokenHash: string) {
  return (
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      // A session counts only while its membership does: removing a contact ends their sessions on the account.
      .innerJoin('memberships', (join) =>
        join
          .onRef('memberships.user_id', '=', 'sessions.user_id')
          .onRef('memberships.account_id', '=', 'sessions.account_id'),
      )
      .select([
        'sessions.id',
        'sessions.user_id',
        'sessions.account_id',
        'sessions.expires_at',
        'sessions.idle_expires_at',
        'sessions.last_seen_at',
        'sessions.revoked_at',
        'users.disabled_at',
        'users.email',
        'users.name',
        'users.email_verified_at',
        'users.locale',
        'users.created_at as user_created_at',
        'accounts.status as account_status',
        'accounts.company as account_company',
        'accounts.phone as account_phone',
        'accounts.address as account_address',
        'memberships.role',
        'memberships.permissions',
      ])
      .where('sessions.token_hash', '=', tokenHash)
  );
}

function accountsQuery(db: Db, userId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
    .select([
      'accounts.id',
      'accounts.name',
      'memberships.role',
      'memberships.permissions',
      'accounts.status',
      'accounts.company',
      'accounts.phone',
      'accounts.address',
    ])
    .where('memberships.user_id', '=', userId)
    .orderBy('memberships.created_at')
    .orderBy('memberships.id');
}

/** An account and its owner's membership; the caller holds the transaction. */
async function insertOwnedAccount(
  trx: Transaction<Database>,
  userId: string,
  input: { accountId: string; membershipId: string; name: string; currency: string; now: string },
  email: string,
): Promise<void> {
  await trx
    .insertInto('accounts')
    .values({
      id: input.accountId,
      name: input.name,
      search_text: searchText(input.name, null, [email]),
      status: 'active',
      currency: input.currency,
      created_at: input.now,
      updated_at: input.now,
    })
    .execute();
  await trx
    .insertInto('memberships')
    .values({
      id: input.membershipId,
      user_id: userId,
      account_id: input.accountId,
      role: 'owner',
      created_at: input.now,
    })
    .execute();
}

/** SQL of the auth area. Client data is always read by the ids the caller already proved. */
export class AuthStore {
  /** The session read runs on every authenticated request: its two queries are built and compiled once. */
  readonly #hot;
  /** Touch, end and sweep client sessions. */
  readonly sessions: SessionRows;

  constructor(private readonly db: Db) {
    this.sessions = new SessionRows(db, 'sessions');
    this.#hot = {
      sessionByToken: hotQuery(db, sessionByTokenQuery(db, '')),
      accountsOfUser: hotQuery(db, accountsQuery(db, '')),
    };
  }

  findUserByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  findUser(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A registration: the user, their first account, and the owner membership, in one transaction. */
  async createUserWithAccount(input: {
    userId: string;
    accountId: string;
    membershipId: string;
    email: string;
    name: string;
    passwordHash: string | null;
    locale: string;
    currency: string;
    verifiedAt: string | null;
    now: string;
  }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values({
          id: input.userId,
          email: input.email,
          name: input.name,
          password_hash: input.passwordHash,
          email_verified_at: input.verifiedAt,
          locale: input.locale,
          disabled_at: null,
          created_at: input.now,
          updated_at: input.now,
        })
        .execute();
      await insertOwnedAccount(trx, input.userId, input, input.email);
    });
  }

  /** Another registration over a still-unverified user: the latest registrant's name and password win. */
  async updateUnverifiedUser(
    userId: string,
    name: string,
    passwordHash: string,
    locale: string,
    now: string,
  ) {
    await this.db.transaction().execute(async (trx) => {
      const user = await trx
        .updateTable('users')
        .set({ name, password_hash: passwordHash, locale, updated_at: now })
        .where('id', '=', userId)
        .where('email_verified_at', 'is', null)
        .returning('email')
        .executeTakeFirst();
      const owned = await trx
        .selectFrom('memberships')
        .select('account_id')
        .where('user_id', '=', userId)
        .where('role', '=', 'owner')
        .execute();
      for (const { account_id } of owned) {
        await trx
          .updateTable('accounts')
          .set({ name, search_text: searchText(name, null, user ? [user.email] : []), updated_at: now })
          .where('id', '=', account_id)
          .execute();
      }
    });
  }

  /** Another account for an existing user, owned by them. */
  async addAccount(
    userId: string,
    input: { accountId: string; membershipId: string; name: string; currency: string; now: string },
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const { email } = await trx
        .selectFrom('users')
        .select('email')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      await insertOwnedAccount(trx, userId, input, email);
    });
  }

  async markVerified(userId: string, now: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ email_verified_at: now, updated_at: now })
      .where('id', '=', userId)
      .where('email_verified_at', 'is', null)
      .execute();
  }

  async setPassword(userId: string, passwordHash: string, now: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: now })
      .where('id', '=', userId)
      .execute();
  }

  /** The accounts a user may act for, oldest membership first (with their status). */
  listAccounts(userId: string) {
    return this.#hot.accountsOfUser(userId);
  }

  // Sessions

  /**
   * Creates a session and notes the user's latest sign-in and its account (the next sign-in starts there). The first session on an account is when a contact
   * joins it (their status turns from invited to active).
   */
  async createSession(row: Insertable<SessionsTable>): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ last_sign_in_at: row.created_at, last_account_id: row.account_id })
      .where('id', '=', row.user_id)
      .execute();
    await this.db.insertInto('sessions').values(row).execute();
    await this.db
      .updateTable('memberships')
      .set({ joined_at: row.created_at })
      .where('user_id', '=', row.user_id)
      .where('account_id', '=', row.account_id)
      .where('joined_at', 'is', null)
      .execute();
  }

  /**
   * Moves a live session of `userId` to another of their accounts (the caller checked the membership) and
   * remembers it as the account last used. False when the session has ended meanwhile.
   */
  async switchSessionAccount(
    sessionId: string,
    userId: string,
    accountId: string,
    now: string,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('sessions')
        .set({ account_id: accountId })
        .where('id', '=', sessionId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!changedOne(r)) return false;
      await trx.updateTable('users').set({ last_account_id: accountId }).where('id', '=', userId).execute();
      // Arriving on an account by a switch joins it as a sign-in there would.
      await trx
        .updateTable('memberships')
        .set({ joined_at: now })
        .where('user_id', '=', userId)
        .where('account_id', '=', accountId)
        .where('joined_at', 'is', null)
        .execute();
      return true;
    });
  }

  /** The session with its user and account status, by the SHA-256 of its token. */
  async findSessionByTokenHash(tokenHash: string) {
    const rows = await this.#hot.sessionByToken(tokenHash);
    return rows[0];
  }

  findSession(id: string) {
    return this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  // One-time codes

  /** The newest unconsumed challenge for this purpose and email. */
  latestChallenge(purpose: ChallengePurpose, email: string): Promise<ChallengeRow | undefined> {
    return this.db
      .selectFrom('challenges')
      .selectAll()
      .where('purpose', '=', purpose)
      .where('email', '=', email)
      .where('consumed_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async insertChallenge(row: Omit<ChallengeRow, 'attempts' | 'sends'>): Promise<void> {
    await this.db.insertInto('challenges').values(row).execute();
  }

  /** A resend: a new code and expiry; the count of wrong tries stays. Only while the code is still alive. */
  async replaceChallengeCode(
    id: string,
    codeHash: string,
    expiresAt: string,
    maxAttempts: number,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('challenges')
      .set((eb) => ({ code_hash: codeHash, expires_at: expiresAt, sends: eb('sends', '+', 1) }))
      .where('id', '=', id)
      .where('consumed_at', 'is', null)
      .where('attempts', '<', maxAttempts)
      .executeTakeFirst();
    return changedOne(r);
  }

  /** Counts a wrong try; false when the code was already dead. Atomic, so parallel guesses each count. */
  async countWrongAttempt(id: string, maxAttempts: number): Promise<boolean> {
    const r = await this.db
      .updateTable('challenges')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('attempts', '<', maxAttempts)
      .executeTakeFirst();
    return changedOne(r);
  }

  /** Spends the challenge; exactly one of many parallel callers gets true. */
  async consumeChallenge(id: string, now: string, maxAttempts: number): Promise<boolean> {
    const r = await this.db
      .updateTable('challenges')
      .set({ consumed_at: now })
      .where('id', '=', id)
      .where('consumed_at', 'is', null)
      .where('attempts', '<', maxAttempts)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return changedOne(r);
  }

  async sweepChallenges(before: string): Promise<number> {
    const r = await this.db.deleteFrom('challenges').where('expires_at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
