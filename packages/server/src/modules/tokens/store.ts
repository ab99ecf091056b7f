import type { Insertable, Selectable } from 'kysely';
import { changedOne } from '../../db/changed.js';
import type { Db } from '../../db/database.js';
import { hotQuery } from '../../db/hot-query.js';
import type { ApiTokensTable, AuditLogTable } from '../../db/schema.js';

export type ApiTokenRow = Selectable<ApiTokensTable>;

/** A token as listed: its row and its creator's name. */
export type ListedTokenRow = ApiTokenRow & { creator_name: string };

const listedColumns = [
  'api_tokens.id',
  'api_tokens.account_id',
  'api_tokens.user_id',
  'api_tokens.name',
  'api_tokens.token_hash',
  'api_tokens.prefix',
  'api_tokens.scopes',
  'api_tokens.expires_at',
  'api_tokens.last_used_at',
  'api_tokens.last_used_ip',
  'api_tokens.revoked_at',
  'api_tokens.created_at',
  'users.name as creator_name',
] as const;

/** An account's unrevoked tokens with their creators' names, newest first; only `userId`'s when given. */
export function liveTokensQuery(db: Db, accountId: string, userId: string | undefined) {
  let q = db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(listedColumns)
    .where('api_tokens.account_id', '=', accountId)
    .where('api_tokens.revoked_at', 'is', null);
  if (userId) q = q.where('api_tokens.user_id', '=', userId);
  return q.orderBy('api_tokens.created_at', 'desc');
}

/** A token by the SHA-256 of its secret, with its creator, account status and the creator's membership. */
function tokenForAuthQuery(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .innerJoin('accounts', 'accounts.id', 'api_tokens.account_id')
    .leftJoin('memberships', (join) =>
      join
        .onRef('memberships.user_id', '=', 'api_tokens.user_id')
        .onRef('memberships.account_id', '=', 'api_tokens.account_id'),
    )
    .select([
      'api_tokens.id',
      'api_tokens.user_id',
      'api_tokens.account_id',
      'api_tokens.name',
      'api_tokens.scopes',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.email',
      'users.disabled_at',
      'accounts.status as account_status',
      'memberships.role',
      'memberships.permissions',
    ])
    .where('api_tokens.token_hash', '=', tokenHash);
}

/** SQL of API tokens. Every read of an account's tokens takes the account id the caller proved. */
export class ApiTokenStore {
  /** The token read runs on every request made with a token: it is built and compiled once. */
  readonly #forAuth;

  constructor(private readonly db: Db) {
    this.#forAuth = hotQuery(db, tokenForAuthQuery(db, ''));
  }

  /**
   * Inserts a token unless its creator already holds `max` live (unrevoked, unexpired) tokens on the account.
   * Counted and written in one transaction, so parallel creations cannot pass the cap together.
   */
  insertWithinCap(row: Insertable<ApiTokensTable>, max: number, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const { n } = await trx
        .selectFrom('api_tokens')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', row.user_id)
        .where('account_id', '=', row.account_id)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .executeTakeFirstOrThrow();
      if (Number(n) >= max) return false;
      await trx.insertInto('api_tokens').values(row).execute();
      return true;
    });
  }

  /** A person's name and email, for answers and the audit log. */
  person(userId: string): Promise<{ name: string; email: string } | undefined> {
    return this.db.selectFrom('users').select(['name', 'email']).where('id', '=', userId).executeTakeFirst();
  }

  /** One token of the account with its creator's name, unless revoked. */
  findLive(accountId: string, id: string): Promise<ListedTokenRow | undefined> {
    return this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(listedColumns)
      .where('api_tokens.id', '=', id)
      .where('api_tokens.account_id', '=', accountId)
      .where('api_tokens.revoked_at', 'is', null)
      .executeTakeFirst();
  }

  /** The account's unrevoked tokens, newest first; only `userId`'s when given. */
  listLive(accountId: string, userId: string | undefined): Promise<ListedTokenRow[]> {
    return liveTokensQuery(this.db, accountId, userId).execute();
  }

  /** Revokes a token and writes its audit entry together; false when it was already revoked. */
  revoke(id: string, now: string, audit: Insertable<AuditLogTable>): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!changedOne(r)) return false;
      await trx.insertInto('audit_log').values(audit).execute();
      return true;
    });
  }

  /**
   * A token by the SHA-256 of its secret, with what deciding its use needs: its creator (and whether they are
   * disabled), its account's status, and the creator's membership of that account (null columns when it is
   * gone: a removed contact's tokens stop at once).
   */
  async findForAuth(tokenHash: string) {
    const rows = await this.#forAuth(tokenHash);
    return rows[0];
  }

  /**
   * Notes a use when the last one is at least `staleBefore` old. True for exactly one of parallel callers, so
   * only that one goes on to consider the audit entry.
   */
  async touch(id: string, now: string, ip: string | null, staleBefore: string): Promise<boolean> {
    const r = await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: now, last_used_ip: ip })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', staleBefore)]))
      .executeTakeFirst();
    return changedOne(r);
  }

  /** Whether the token's use was audited since `since` (read through the account's audit index). */
  async usedAuditedSince(accountId: string, tokenId: string, since: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('audit_log')
      .select('id')
      .where('account_id', '=', accountId)
      .where('at', '>', since)
      .where('action', '=', 'token.used')
      .where('target_id', '=', tokenId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
