import type { AuditEntry, AuditQuery } from '@portico/sdk/contract';
import type { Request } from 'express';
import type { Db } from '../../db/database.js';
import type { Insertable } from 'kysely';
import type { AuditLogTable } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';

/** Who did it. */
export interface AuditActor {
  type: AuditLogTable['actor_type'];
  id?: string | null;
  /** An email as it was then (or what was typed, for a failed sign-in). */
  label?: string | null;
}

/** Where the request came from. */
export interface AuditOrigin {
  ip?: string | undefined;
  userAgent?: string | undefined;
}

/** The origin of an HTTP request: its client IP (as Express's trust proxy setting reads it) and User-Agent. */
export const originOf = (req: Request): AuditOrigin => ({ ip: req.ip, userAgent: req.get('user-agent') });

export interface AuditRecord {
  actor: AuditActor;
  /** Dotted, past tense: `client.created`, `auth.signed_in`, `auth.sign_in_failed`, `magic_link.used`. */
  action: string;
  target?: { type: string; id: string };
  accountId?: string | null;
  origin?: AuditOrigin;
  details?: Record<string, unknown>;
}

/** The audit log: every staff action and every security event, append-only. */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** Appends one entry. */
  async record(entry: AuditRecord): Promise<void> {
    await this.db.insertInto('audit_log').values(this.row(entry)).execute();
  }

  /** The row `record` would write, for callers that write it inside their own transaction. */
  row(entry: AuditRecord): Insertable<AuditLogTable> {
    return {
      id: this.ids('aud'),
      at: this.clock.now().toISOString(),
      actor_type: entry.actor.type,
      actor_id: entry.actor.id ?? null,
      actor_label: entry.actor.label?.slice(0, 254) ?? null,
      action: entry.action,
      target_type: entry.target?.type ?? null,
      target_id: entry.target?.id ?? null,
      account_id: entry.accountId ?? null,
      ip: entry.origin?.ip ?? null,
      user_agent: entry.origin?.userAgent?.slice(0, 300) ?? null,
      details: JSON.stringify(entry.details ?? {}),
    };
  }

  /** Newest first, filtered; cursor-paginated on (at, id). */
  async list(query: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
    const limit = Number(query.limit ?? 50);
    let q = this.db.selectFrom('audit_log').selectAll();
    if (query.actorType) q = q.where('actor_type', '=', query.actorType);
    if (query.actorId) q = q.where('actor_id', '=', query.actorId);
    if (query.accountId) q = q.where('account_id', '=', query.accountId);
    if (query.action) {
      q = query.action.endsWith('.')
        ? q.where('action', '>=', query.action).where('action', '<', `${query.action.slice(0, -1)}/`)
        : q.where('action', '=', query.action);
    }
    if (query.since) q = q.where('at', '>=', new Date(query.since).toISOString());
    if (query.until) q = q.where('at', '<', new Date(query.until).toISOString());
    const after = decodeCursor<{ at: string; id: string }>(query.cursor);
    if (after) {
      q = q.where((eb) =>
        eb.or([eb('at', '<', after.at), eb.and([eb('at', '=', after.at), eb('id', '<', after.id)])]),
      );
    }
    const rows = await q
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        id: r.id,
        at: r.at,
        actorType: r.actor_type,
        actorId: r.actor_id,
        actorLabel: r.actor_label,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        accountId: r.account_id,
        ip: r.ip,
        userAgent: r.user_agent,
        details: JSON.parse(r.details) as Record<string, unknown>,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
    };
  }
}
