import {
  type ApiToken,
  type CreateApiTokenInputSchema,
  type CreatedApiToken,
  grants,
  type Permission,
} from '@portico/sdk/contract';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { SessionAuth, TokenAuth } from '../../http/auth.js';
import { HttpError } from '../../http/problem.js';
import { memberPermissions, parsePermissions, withinPermissions } from '../account/permissions.js';
import type { AuditLog, AuditOrigin } from '../audit/audit-log.js';
import { randomToken, sha256 } from '../auth/secrets.js';
import { ApiTokenStore, type ListedTokenRow } from './store.js';

/** Live (unrevoked, unexpired) tokens one person may hold on one account. */
export const MAX_TOKENS_PER_USER = 50;
/** How often a token's last use is written (saves a write per request), as for sessions. */
const TOUCH_EVERY_MS = 60_000;
/** How often a token's use is written to the audit log. */
const AUDIT_USE_EVERY_MS = 3_600_000;
/** Characters of the secret kept to recognise it (`pt_` and seven more). */
const PREFIX_LENGTH = 10;

type CreateInput = z.output<typeof CreateApiTokenInputSchema>;

export interface ApiTokenDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
}

const notFound = () => new HttpError(404, 'NOT_FOUND', 'There is no such API token on this account.');

function toApiToken(row: ListedTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: parsePermissions(row.scopes),
    createdBy: { id: row.user_id, name: row.creator_name },
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    lastUsedIp: row.last_used_ip,
  };
}

/**
 * API tokens (`pt_…`): made by a signed-in person for the active account with scopes they hold, shown once,
 * stored as SHA-256. A token acts within its scopes and never beyond what its creator still holds.
 */
export class ApiTokenService {
  readonly #d: ApiTokenDeps;
  readonly #store: ApiTokenStore;

  constructor(deps: ApiTokenDeps) {
    this.#d = deps;
    this.#store = new ApiTokenStore(deps.db);
  }

  /** The person's tokens on the active account; the owner sees every token of the account. */
  async list(auth: SessionAuth): Promise<ApiToken[]> {
    const rows = await this.#store.listLive(auth.accountId, auth.role === 'owner' ? undefined : auth.userId);
    return rows.map(toApiToken);
  }

  /**
   * Creates a token on the active account. Each scope must be a permission the creator holds there (403
   * SCOPE_NOT_GRANTED names the others); at most {@link MAX_TOKENS_PER_USER} live ones per person and account.
   */
  async create(auth: SessionAuth, input: CreateInput, origin: AuditOrigin): Promise<CreatedApiToken> {
    const scopes = [...new Set(input.scopes)];
    const refused = input.scopes
      .map((scope, i) => ({ scope, i }))
      .filter(({ scope }) => !grants(auth.permissions, scope));
    if (refused.length) {
      throw new HttpError(
        403,
        'SCOPE_NOT_GRANTED',
        `You do not hold ${refused.map((r) => r.scope).join(', ')} on this account, so a token cannot either.`,
        {
          errors: refused.map(({ scope, i }) => ({
            path: `scopes.${i}`,
            message: `You do not hold ${scope} on this account`,
            code: 'SCOPE_NOT_GRANTED',
          })),
        },
      );
    }
    const now = this.#d.clock.now();
    const token = randomToken('pt_');
    const id = this.#d.ids('tok');
    const expiresAt =
      input.expiresInDays === undefined
        ? null
        : new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString();
    const inserted = await this.#store.insertWithinCap(
      {
        id,
        account_id: auth.accountId,
        user_id: auth.userId,
        name: input.name,
        token_hash: sha256(token),
        prefix: token.slice(0, PREFIX_LENGTH),
        scopes: JSON.stringify(scopes),
        expires_at: expiresAt,
        last_used_at: null,
        last_used_ip: null,
        revoked_at: null,
        created_at: now.toISOString(),
      },
      MAX_TOKENS_PER_USER,
      now.toISOString(),
    );
    if (!inserted) {
      throw new HttpError(
        409,
        'CONFLICT',
        `You already have ${MAX_TOKENS_PER_USER} API tokens on this account. Revoke one you no longer use first.`,
      );
    }
    const row = await this.#store.findLive(auth.accountId, id);
    if (!row) throw notFound();
    const person = await this.#store.person(auth.userId);
    await this.#d.audit.record({
      actor: { type: 'user', id: auth.userId, label: person?.email ?? null },
      action: 'token.created',
      target: { type: 'api_token', id },
      accountId: auth.accountId,
      origin,
      details: { name: input.name, scopes: scopes.join(' '), expiresAt },
    });
    return { ...toApiToken(row), token };
  }

  /** Revokes a token of the active account: its creator or the owner may. Anything else is 404, as missing. */
  async revoke(auth: SessionAuth, tokenId: string, origin: AuditOrigin): Promise<void> {
    const row = await this.#store.findLive(auth.accountId, tokenId);
    if (!row || (auth.role !== 'owner' && row.user_id !== auth.userId)) throw notFound();
    const person = await this.#store.person(auth.userId);
    const revoked = await this.#store.revoke(
      row.id,
      this.#d.clock.now().toISOString(),
      this.#d.audit.row({
        actor: { type: 'user', id: auth.userId, label: person?.email ?? null },
        action: 'token.revoked',
        target: { type: 'api_token', id: row.id },
        accountId: auth.accountId,
        origin,
        details: { name: row.name, scopes: parsePermissions(row.scopes).join(' '), createdBy: row.user_id },
      }),
    );
    if (!revoked) throw notFound();
  }

  /**
   * Resolves a `pt_` bearer to its principal, or undefined (a 401) when it is unknown, revoked or expired, or its
   * creator is disabled, no longer a member of its account, or the account is disabled. Its permissions are its
   * scopes within what the creator holds now.
   */
  async authenticate(token: string, ip: string | undefined): Promise<TokenAuth | undefined> {
    if (!token.startsWith('pt_') || token.length > 100) return undefined;
    const row = await this.#store.findForAuth(sha256(token));
    if (!row?.role || row.revoked_at || row.disabled_at || row.account_status !== 'active') return undefined;
    const now = this.#d.clock.now();
    const nowIso = now.toISOString();
    if (row.expires_at && row.expires_at <= nowIso) return undefined;
    const permissions: Permission[] = withinPermissions(
      parsePermissions(row.scopes),
      memberPermissions(row.role, row.permissions),
    );
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) {
      await this.#noteUse(row, now, ip);
    }
    return {
      kind: 'token',
      tokenId: row.id,
      tokenName: row.name,
      userId: row.user_id,
      accountId: row.account_id,
      role: row.role,
      permissions,
    };
  }

  /** Writes the last use (once a minute) and, at most once an hour, a `token.used` audit entry. */
  async #noteUse(
    row: { id: string; account_id: string; user_id: string; name: string; email: string },
    now: Date,
    ip: string | undefined,
  ): Promise<void> {
    const staleBefore = new Date(now.getTime() - TOUCH_EVERY_MS).toISOString();
    if (!(await this.#store.touch(row.id, now.toISOString(), ip ?? null, staleBefore))) return;
    const hourAgo = new Date(now.getTime() - AUDIT_USE_EVERY_MS).toISOString();
    if (await this.#store.usedAuditedSince(row.account_id, row.id, hourAgo)) return;
    await this.#d.audit.record({
      actor: { type: 'user', id: row.user_id, label: row.email },
      action: 'token.used',
      target: { type: 'api_token', id: row.id },
      accountId: row.account_id,
      origin: { ip },
      details: { via: 'token', name: row.name },
    });
  }
}
