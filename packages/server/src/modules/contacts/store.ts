import type { ExpressionBuilder, Insertable, Selectable } from 'kysely';
import { changedOne } from '../../db/changed.js';
import type { Db } from '../../db/database.js';
import type { AuditLogTable, Database, MembershipsTable, UsersTable } from '../../db/schema.js';
import { ClientsStore } from '../clients/store.js';

export type ContactRole = Exclude<MembershipsTable['role'], 'owner'>;
export type UserRow = Selectable<UsersTable>;

/** When the newest invitation to this account went out. */
function lastInvitation(eb: ExpressionBuilder<Database, 'memberships'>) {
  return eb
    .selectFrom('link_tokens')
    .select((sub) => sub.fn.max('link_tokens.created_at').as('at'))
    .whereRef('link_tokens.user_id', '=', 'memberships.user_id')
    .where('link_tokens.purpose', '=', 'invitation')
    .whereRef('link_tokens.account_id', '=', 'memberships.account_id')
    .as('last_invited_at');
}

/** When they last began a session on this account (not on their other accounts). */
function lastSession(eb: ExpressionBuilder<Database, 'memberships'>) {
  return eb
    .selectFrom('sessions')
    .select((sub) => sub.fn.max('sessions.created_at').as('at'))
    .whereRef('sessions.user_id', '=', 'memberships.user_id')
    .whereRef('sessions.account_id', '=', 'memberships.account_id')
    .as('last_session_at');
}

function contactsQuery(db: Db, accountId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select((eb) => [
      'memberships.id',
      'memberships.user_id',
      'memberships.role',
      'memberships.permissions',
      'memberships.created_at',
      'memberships.joined_at',
      'memberships.invited_name',
      'users.name',
      'users.email',
      lastInvitation(eb),
      lastSession(eb),
    ])
    .where('memberships.account_id', '=', accountId)
    .where('memberships.role', '!=', 'owner');
}

/** The account's contacts, oldest first (the owner is not one). */
export function contactListQuery(db: Db, accountId: string) {
  // Ordered by the indexed column only: a tie-break on id would sort in a temporary B-tree.
  return contactsQuery(db, accountId).orderBy('memberships.created_at');
}

export type ContactRow = Awaited<ReturnType<ReturnType<typeof contactsQuery>['executeTakeFirstOrThrow']>>;

/** What removing a contact ended. */
export interface Removal {
  userId: string;
  email: string;
  sessionsEnded: number;
  tokensRevoked: number;
}

/** SQL of contacts: the non-owner memberships of one account, always read by that account's id. */
export class ContactsStore {
  constructor(private readonly db: Db) {}

  /** The account's contacts, oldest first (the owner is not one). */
  list(accountId: string): Promise<ContactRow[]> {
    return contactListQuery(this.db, accountId).execute();
  }

  /** One contact of the account by membership id; the owner's membership and other accounts' are not found. */
  find(accountId: string, membershipId: string): Promise<ContactRow | undefined> {
    return contactsQuery(this.db, accountId).where('memberships.id', '=', membershipId).executeTakeFirst();
  }

  findAccount(accountId: string) {
    return this.db
      .selectFrom('accounts')
      .select(['id', 'name'])
      .where('id', '=', accountId)
      .executeTakeFirst();
  }

  findUser(userId: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  }

  /**
   * Puts the person with this email on the account as a contact: a new user (no password, unverified) when the
   * email is new. Looked up inside the transaction, so two adds of one new email cannot both make a user.
   * `member` when they already belong to the account (nothing is written).
   */
  add(input: {
    accountId: string;
    email: string;
    name: string;
    role: ContactRole;
    permissions: readonly string[];
    invitedBy: string;
    newUserId: string;
    membershipId: string;
    now: string;
    audit: (user: UserRow) => Insertable<AuditLogTable>;
  }): Promise<{ user: UserRow; newUser: boolean } | 'member'> {
    return this.db.transaction().execute(async (trx) => {
      const clients = new ClientsStore(trx);
      const { user, newUser } = await clients.findOrInsertInvitedUser({
        id: input.newUserId,
        email: input.email,
        name: input.name,
        now: input.now,
      });
      if (await clients.isMember(user.id, input.accountId)) return 'member';
      await trx
        .insertInto('memberships')
        .values({
          id: input.membershipId,
          user_id: user.id,
          account_id: input.accountId,
          role: input.role,
          permissions: JSON.stringify(input.permissions),
          invited_by: input.invitedBy,
          invited_name: input.name,
          joined_at: null,
          created_at: input.now,
        })
        .execute();
      await clients.refreshSearchText([input.accountId]);
      await trx.insertInto('audit_log').values(input.audit(user)).execute();
      return { user, newUser };
    });
  }

  /** Sets a contact's role and permissions, with its audit entry; false when no such contact of the account. */
  update(
    accountId: string,
    membershipId: string,
    patch: { role: ContactRole; permissions: readonly string[] },
    audit: Insertable<AuditLogTable>,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('memberships')
        .set({ role: patch.role, permissions: JSON.stringify(patch.permissions) })
        .where('id', '=', membershipId)
        .where('account_id', '=', accountId)
        .where('role', '!=', 'owner')
        .executeTakeFirst();
      if (!changedOne(r)) return false;
      await trx.insertInto('audit_log').values(audit).execute();
      return true;
    });
  }

  /**
   * Removes a contact from the account in one transaction: the membership goes, their sessions and API tokens
   * on this account end, and their unused links to it are spent. The user row stays (other accounts may have
   * them). Undefined when there is no such contact.
   */
  remove(
    accountId: string,
    membershipId: string,
    now: string,
    audit: (removal: Removal) => Insertable<AuditLogTable>,
  ): Promise<Removal | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const gone = await trx
        .deleteFrom('memberships')
        .where('id', '=', membershipId)
        .where('account_id', '=', accountId)
        .where('role', '!=', 'owner')
        .returning('user_id')
        .executeTakeFirst();
      if (!gone) return undefined;
      const userId = gone.user_id;
      const sessions = await trx
        .updateTable('sessions')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('account_id', '=', accountId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      const tokens = await trx
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('account_id', '=', accountId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      await trx
        .updateTable('link_tokens')
        .set({ used_at: now })
        .where('user_id', '=', userId)
        .where('account_id', '=', accountId)
        .where('purpose', 'in', ['invitation', 'magic_link'])
        .where('used_at', 'is', null)
        .execute();
      await new ClientsStore(trx).refreshSearchText([accountId]);
      const { email } = await trx
        .selectFrom('users')
        .select('email')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      const removal: Removal = {
        userId,
        email,
        sessionsEnded: Number(sessions.numUpdatedRows),
        tokensRevoked: Number(tokens.numUpdatedRows),
      };
      await trx.insertInto('audit_log').values(audit(removal)).execute();
      return removal;
    });
  }
}
