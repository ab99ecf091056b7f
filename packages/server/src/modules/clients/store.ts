import { CONTACT_ROLE_PERMISSIONS } from '@portico/sdk/contract';
import { type ExpressionBuilder, type Insertable, type Selectable, sql } from 'kysely';
import { changedOne } from '../../db/changed.js';
import type { Db } from '../../db/database.js';
import { SessionRows } from '../../db/session-rows.js';
import type {
  AccountsTable,
  AuditLogTable,
  Database,
  LinkTokensTable,
  MembershipsTable,
  UsersTable,
} from '../../db/schema.js';

export type UserRow = Selectable<UsersTable>;
export type AccountRow = Selectable<AccountsTable>;
export type LinkTokenRow = Selectable<LinkTokensTable>;
export type MembershipRole = MembershipsTable['role'];
export type ClientStatus = AccountsTable['status'];
export type PortalUserStatus = 'not_invited' | 'invited' | 'joined';
/** The link purposes this module owns. */
export type ClientLinkPurpose = 'magic_link' | 'invitation';

/** What `accounts.search_text` holds: the name, the company and the users' emails, lower-cased, for one LIKE. */
export function searchText(name: string, company: string | null, emails: readonly string[]): string {
  return [name, company ?? '', ...emails].join(' ').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** `%term%` for `LIKE … ESCAPE '\'`, the term's own `%`, `_` and `\` taken literally. */
export function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A keyset position in a list ordered by (created_at DESC, id DESC). */
export interface Keyset {
  createdAt: string;
  id: string;
}

/** A new client: its account, and either a new owner or an existing user who owns it. */
export interface NewClient {
  account: {
    id: string;
    name: string;
    company: string | null;
    phone: string | null;
    address: string;
    notes: string;
    currency: string;
    status: ClientStatus;
    externalId: string | null;
    createdAt: string;
  };
  owner: {
    email: string;
    /** Used only when the email is new. */
    newUser: { id: string; name: string; verifiedAt: string | null; locale: string };
    membershipId: string;
  };
  /** Whether an existing user with this email may own it (else nothing is written). */
  allowExistingUser: boolean;
  now: string;
  audit?: Insertable<AuditLogTable>;
}

const portalUserColumns = [
  'memberships.id as membership_id',
  'memberships.created_at as membership_created_at',
  'memberships.role',
  'users.id as user_id',
  'users.email',
  'users.name',
  'users.invited_at',
  'users.last_sign_in_at',
  'users.totp_enabled_at',
  'users.disabled_at',
  'accounts.id as account_id',
  'accounts.name as account_name',
  'accounts.status as account_status',
] as const;

/** SQL of clients, portal users, magic links and invitations. */
export class ClientsStore {
  constructor(private readonly db: Db) {}

  /** Runs `work` in one transaction with a store bound to it (or in the caller's, when already inside one). */
  async transaction<T>(work: (store: ClientsStore) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return work(this);
    return this.db.transaction().execute((trx) => work(new ClientsStore(trx)));
  }

  // Users

  findUser(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findUserByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  /** Which of these emails already belong to a login. */
  async existingEmails(emails: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < emails.length; i += 500) {
      const rows = await this.db
        .selectFrom('users')
        .select('email')
        .where('email', 'in', emails.slice(i, i + 500))
        .execute();
      for (const row of rows) found.add(row.email);
    }
    return found;
  }

  /** A user who has no password yet and has not proved the address (an invited email). */
  async insertInvitedUser(input: { id: string; email: string; name: string; now: string }): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: input.id,
        email: input.email,
        name: input.name,
        password_hash: null,
        email_verified_at: null,
        locale: 'en',
        disabled_at: null,
        created_at: input.now,
        updated_at: input.now,
      })
      .execute();
  }

  /**
   * The user with this email, or a new invited one (no password, unverified) made with `input.id`. Call it in a
   * transaction, so two adds of one new email cannot both make a user.
   */
  async findOrInsertInvitedUser(input: {
    id: string;
    email: string;
    name: string;
    now: string;
  }): Promise<{ user: UserRow; newUser: boolean }> {
    const found = await this.findUserByEmail(input.email);
    if (found) return { user: found, newUser: false };
    await this.insertInvitedUser(input);
    return { user: (await this.findUser(input.id))!, newUser: true };
  }

  async markInvited(userId: string, now: string): Promise<void> {
    await this.db.updateTable('users').set({ invited_at: now }).where('id', '=', userId).execute();
  }

  /** An accepted invitation: the password, the proved address and maybe the name the invitee chose. */
  async completeInvitation(
    userId: string,
    input: { passwordHash: string; name: string | undefined; now: string },
  ): Promise<void> {
    await this.db
      .updateTable('users')
      .set((eb) => ({
        password_hash: input.passwordHash,
        email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(input.now)),
        updated_at: input.now,
        ...(input.name ? { name: input.name } : {}),
      }))
      .where('id', '=', userId)
      .execute();
  }

  /** Ends every live session of a user; returns how many. */
  revokeUserSessions(userId: string, now: string): Promise<number> {
    return new SessionRows(this.db, 'sessions').revokeAllOf(userId, now);
  }

  // Memberships

  /** A user's memberships with their accounts, oldest first. */
  membershipsOf(userId: string) {
    return this.db
      .selectFrom('memberships')
      .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .select([
        'memberships.account_id',
        'memberships.role',
        'accounts.name as account_name',
        'accounts.status as account_status',
      ])
      .where('memberships.user_id', '=', userId)
      .orderBy('memberships.created_at')
      .orderBy('memberships.id')
      .execute();
  }

  /** Whether the user already belongs to the account. */
  async isMember(userId: string, accountId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', userId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async hasOwner(accountId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('memberships')
      .select('id')
      .where('account_id', '=', accountId)
      .where('role', '=', 'owner')
      .executeTakeFirst();
    return row !== undefined;
  }

  async insertMembership(input: {
    id: string;
    userId: string;
    accountId: string;
    role: MembershipRole;
    now: string;
  }): Promise<void> {
    await this.db
      .insertInto('memberships')
      .values({
        id: input.id,
        user_id: input.userId,
        account_id: input.accountId,
        role: input.role,
        // A contact made by staff starts with its role's permissions, as one the owner adds does.
        permissions: JSON.stringify(input.role === 'owner' ? [] : CONTACT_ROLE_PERMISSIONS[input.role]),
        created_at: input.now,
      })
      .execute();
  }

  /**
   * Puts the person with this email on an account: a new user (no password, unverified) when the email is new,
   * and a membership when they are not on it yet, with the role `role` picks. Looked up inside the transaction,
   * so two invitations of one new email cannot both make a user.
   */
  addPerson(input: {
    accountId: string;
    email: string;
    name: string;
    role: (accountHasOwner: boolean) => MembershipRole;
    newUserId: string;
    membershipId: string;
    now: string;
  }): Promise<{ user: UserRow; newUser: boolean; newMembership: boolean }> {
    return this.transaction(async (tx) => {
      const { user, newUser } = await tx.findOrInsertInvitedUser({
        id: input.newUserId,
        email: input.email,
        name: input.name,
        now: input.now,
      });
      const member = await tx.isMember(user.id, input.accountId);
      if (!member) {
        await tx.insertMembership({
          id: input.membershipId,
          userId: user.id,
          accountId: input.accountId,
          role: input.role(await tx.hasOwner(input.accountId)),
          now: input.now,
        });
        await tx.refreshSearchText([input.accountId]);
      }
      return { user, newUser, newMembership: !member };
    });
  }

  // Accounts

  findAccount(id: string): Promise<AccountRow | undefined> {
    return this.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Which of these external ids (`whmcs:42`) are already taken. */
  async existingExternalIds(ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('accounts')
        .select('external_id')
        .where('external_id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const row of rows) if (row.external_id) found.add(row.external_id);
    }
    return found;
  }

  /**
   * Writes a client: the owner (new, or the existing user with that email when allowed), the account, the owner
   * membership, its search text and audit entry, atomically. The email is looked up inside the transaction, so
   * two creations with one new email cannot both make a user. Undefined when the email is taken and not allowed.
   */
  insertClient(input: NewClient): Promise<{ userId: string; existingUser: boolean } | undefined> {
    return this.transaction(async (tx) => {
      const existing = await tx.findUserByEmail(input.owner.email);
      if (existing && !input.allowExistingUser) return undefined;
      const { account, owner } = input;
      if (!existing) {
        await tx.db
          .insertInto('users')
          .values({
            id: owner.newUser.id,
            email: owner.email,
            name: owner.newUser.name,
            password_hash: null,
            email_verified_at: owner.newUser.verifiedAt,
            locale: owner.newUser.locale,
            disabled_at: null,
            created_at: input.now,
            updated_at: input.now,
          })
          .execute();
      }
      const userId = existing?.id ?? owner.newUser.id;
      await tx.db
        .insertInto('accounts')
        .values({
          id: account.id,
          name: account.name,
          status: account.status,
          currency: account.currency,
          company: account.company,
          phone: account.phone,
          address: account.address,
          notes: account.notes,
          external_id: account.externalId,
          search_text: searchText(account.name, account.company, [owner.email]),
          created_at: account.createdAt,
          updated_at: input.now,
        })
        .execute();
      await tx.insertMembership({
        id: owner.membershipId,
        userId,
        accountId: account.id,
        role: 'owner',
        now: input.now,
      });
      if (input.audit) await tx.insertAudit(input.audit);
      return { userId, existingUser: existing !== undefined };
    });
  }

  /** Changes an account's details and its search text; false when it does not exist. */
  updateAccount(
    id: string,
    patch: Partial<Pick<AccountRow, 'name' | 'company' | 'phone' | 'address' | 'notes' | 'currency'>>,
    now: string,
    audit: Insertable<AuditLogTable>,
  ): Promise<boolean> {
    return this.transaction(async (tx) => {
      const r = await tx.db
        .updateTable('accounts')
        .set({ ...patch, updated_at: now })
        .where('id', '=', id)
        .executeTakeFirst();
      if (!changedOne(r)) return false;
      await tx.refreshSearchText([id]);
      await tx.insertAudit(audit);
      return true;
    });
  }

  /**
   * Sets an account's status. Disabling also ends every client session on it in the same transaction, so no
   * request after the answer still gets in. Undefined when the account does not exist.
   */
  setAccountStatus(
    id: string,
    status: ClientStatus,
    now: string,
    audit: (change: { sessionsRevoked: number }) => Insertable<AuditLogTable>,
  ): Promise<{ changed: boolean; sessionsRevoked: number } | undefined> {
    return this.transaction(async (tx) => {
      const account = await tx.findAccount(id);
      if (!account) return undefined;
      if (account.status === status) return { changed: false, sessionsRevoked: 0 };
      await tx.db.updateTable('accounts').set({ status, updated_at: now }).where('id', '=', id).execute();
      let sessionsRevoked = 0;
      if (status === 'disabled') {
        const r = await tx.db
          .updateTable('sessions')
          .set({ revoked_at: now })
          .where('account_id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        sessionsRevoked = Number(r.numUpdatedRows);
      }
      await tx.insertAudit(audit({ sessionsRevoked }));
      return { changed: true, sessionsRevoked };
    });
  }

  /** Recomputes `search_text` of these accounts from their name, company and users' emails. */
  async refreshSearchText(accountIds: readonly string[]): Promise<void> {
    if (!accountIds.length) return;
    const accounts = await this.db
      .selectFrom('accounts')
      .select(['id', 'name', 'company'])
      .where('id', 'in', accountIds)
      .execute();
    const emails = await this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['memberships.account_id', 'users.email'])
      .where('memberships.account_id', 'in', accountIds)
      .orderBy('memberships.created_at')
      .orderBy('memberships.id')
      .execute();
    for (const account of accounts) {
      const text = searchText(
        account.name,
        account.company,
        emails.filter((e) => e.account_id === account.id).map((e) => e.email),
      );
      await this.db.updateTable('accounts').set({ search_text: text }).where('id', '=', account.id).execute();
    }
  }

  /** Recomputes the search text of every account a user belongs to (call it when their email changes). */
  async refreshSearchTextForUser(userId: string): Promise<void> {
    const rows = await this.db
      .selectFrom('memberships')
      .select('account_id')
      .where('user_id', '=', userId)
      .execute();
    await this.refreshSearchText(rows.map((r) => r.account_id));
  }

  /** Clients newest first, with their user count and first owner's email. */
  listClients(input: {
    q?: string | undefined;
    status?: ClientStatus | undefined;
    after?: Keyset | undefined;
    limit: number;
  }) {
    let q = this.db
      .selectFrom('accounts')
      .select((eb) => [
        'accounts.id',
        'accounts.name',
        'accounts.company',
        'accounts.status',
        'accounts.currency',
        'accounts.created_at',
        eb
          .selectFrom('memberships')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('memberships.account_id', '=', 'accounts.id')
          .as('user_count'),
        ownerEmail(eb),
      ]);
    if (input.status) q = q.where('accounts.status', '=', input.status);
    if (input.q) q = q.where(sql<boolean>`accounts.search_text LIKE ${likePattern(input.q)} ESCAPE '\\'`);
    const after = input.after;
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('accounts.created_at', '<', after.createdAt),
          eb.and([eb('accounts.created_at', '=', after.createdAt), eb('accounts.id', '<', after.id)]),
        ]),
      );
    }
    return q
      .orderBy('accounts.created_at', 'desc')
      .orderBy('accounts.id', 'desc')
      .limit(input.limit)
      .execute();
  }

  /** One client with its user count and first owner's email. */
  clientSummary(id: string) {
    return this.db
      .selectFrom('accounts')
      .selectAll('accounts')
      .select((eb) => [
        eb
          .selectFrom('memberships')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('memberships.account_id', '=', 'accounts.id')
          .as('user_count'),
        ownerEmail(eb),
      ])
      .where('accounts.id', '=', id)
      .executeTakeFirst();
  }

  // Portal users

  /** The people of one account, oldest membership first. */
  accountUsers(accountId: string) {
    return this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .select(portalUserColumns)
      .where('memberships.account_id', '=', accountId)
      .orderBy('memberships.created_at')
      .orderBy('memberships.id')
      .execute();
  }

  /** Everyone who may sign in to some client's portal, newest membership first. */
  listPortalUsers(input: {
    q?: string | undefined;
    status?: PortalUserStatus | undefined;
    after?: Keyset | undefined;
    limit: number;
  }) {
    let q = this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .select(portalUserColumns);
    if (input.status === 'joined') q = q.where('users.last_sign_in_at', 'is not', null);
    if (input.status === 'invited')
      q = q.where('users.last_sign_in_at', 'is', null).where('users.invited_at', 'is not', null);
    if (input.status === 'not_invited')
      q = q.where('users.last_sign_in_at', 'is', null).where('users.invited_at', 'is', null);
    if (input.q) {
      const pattern = likePattern(input.q);
      q = q.where(
        sql<boolean>`(users.email LIKE ${pattern} ESCAPE '\\' OR lower(users.name) LIKE ${pattern} ESCAPE '\\' OR accounts.search_text LIKE ${pattern} ESCAPE '\\')`,
      );
    }
    const after = input.after;
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('memberships.created_at', '<', after.createdAt),
          eb.and([eb('memberships.created_at', '=', after.createdAt), eb('memberships.id', '<', after.id)]),
        ]),
      );
    }
    return q
      .orderBy('memberships.created_at', 'desc')
      .orderBy('memberships.id', 'desc')
      .limit(input.limit)
      .execute();
  }

  /** How many people are in each state, over everyone. */
  async portalUserCounts(): Promise<{ total: number; invited: number; joined: number }> {
    const row = await this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.count<number>('users.last_sign_in_at').as('joined'),
        eb.fn
          .sum<number | null>(
            sql<number>`CASE WHEN users.last_sign_in_at IS NULL AND users.invited_at IS NOT NULL THEN 1 ELSE 0 END`,
          )
          .as('invited'),
      ])
      .executeTakeFirstOrThrow();
    return { total: Number(row.total), invited: Number(row.invited ?? 0), joined: Number(row.joined) };
  }

  // Link tokens

  async insertLink(row: Insertable<LinkTokensTable>): Promise<void> {
    await this.db.insertInto('link_tokens').values(row).execute();
  }

  /** An unspent, unexpired link of this purpose by the SHA-256 of its token. */
  findLiveLink(
    purpose: ClientLinkPurpose,
    tokenHash: string,
    now: string,
  ): Promise<LinkTokenRow | undefined> {
    return this.db
      .selectFrom('link_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
  }

  /** Spends a link; exactly one of many parallel callers gets true, and never after it expired. */
  async spendLink(id: string, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('link_tokens')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return changedOne(r);
  }

  /** Spends a user's unused invitations to one account (a new one replaces them; other accounts' stay). */
  async spendInvitationsOf(userId: string, accountId: string, now: string): Promise<number> {
    const r = await this.db
      .updateTable('link_tokens')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('account_id', '=', accountId)
      .where('purpose', '=', 'invitation')
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Deletes magic links and invitations that expired before `before`. */
  async sweepLinks(before: string): Promise<number> {
    const r = await this.db
      .deleteFrom('link_tokens')
      .where('purpose', 'in', ['magic_link', 'invitation'])
      .where('expires_at', '<', before)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  // Audit

  /** Writes an audit entry made with `AuditLog.row`, inside this store's transaction. */
  async insertAudit(row: Insertable<AuditLogTable>): Promise<void> {
    await this.db.insertInto('audit_log').values(row).execute();
  }
}

/** The first owner's email of the account in scope, as `owner_email`. */
function ownerEmail(eb: ExpressionBuilder<Database, 'accounts'>) {
  return (
    eb
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select('users.email')
      .whereRef('memberships.account_id', '=', 'accounts.id')
      .where('memberships.role', '=', 'owner')
      // Only the indexed column (memberships_account): a tie-break on id would sort in a temporary B-tree per row.
      .orderBy('memberships.created_at')
      .limit(1)
      .as('owner_email')
  );
}
