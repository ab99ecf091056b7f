import type { ActivityEvent, ActivityQuerySchema } from '@portico/sdk/contract';
import type * as z from 'zod';
import type { TokenAuth } from '../../http/auth.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../../http/cursor.js';
import { type Places, placeName } from './places.js';
import type { AccountStore, ActionFilter, AuditRow } from './store.js';
import { describeDevice } from './user-agent.js';

/**
 * What the owner's timeline shows: the client side's own security events (sign-ins and failures, email, password,
 * two-factor and session changes, profile changes, API tokens, contacts) and the staff actions that concern the
 * client's access. Staff's other work on the account (notes, billing details) stays in the staff audit log.
 */
export const TIMELINE_ACTIONS: ActionFilter = {
  prefixes: ['auth.', 'security.', 'profile.', 'token.', 'contact.'],
  exact: ['magic_link.created', 'invitation.sent', 'client.disabled', 'client.enabled'],
  aboutMembers: ['security.two_factor_reset'],
};

/** Page size when the query does not say. */
const DEFAULT_LIMIT = 50;

/** Detail keys never shown: secrets, and who on the staff did something (staff are shown as the business). */
const HIDDEN_DETAIL = /secret|password|hash|^token$|^codes?$|staff|createdBy/i;

/**
 * The details an audit entry made through an API token carries, so the timeline shows the token (by name) as the
 * actor. Record them on every entry a token's request causes (`token.used` carries `via` and `name`, also read).
 */
export function viaToken(auth: TokenAuth): { via: 'token'; tokenId: string; tokenName: string } {
  return { via: 'token', tokenId: auth.tokenId, tokenName: auth.tokenName };
}

/** An audit entry's details as the timeline shows them: primitives only, never secrets or staff identities. */
export function visibleDetails(json: string): ActivityEvent['details'] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {};
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: ActivityEvent['details'] = {};
  for (const [key, v] of Object.entries(value)) {
    if (HIDDEN_DETAIL.test(key)) continue;
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = v;
  }
  return out;
}

function actorOf(row: AuditRow, details: ActivityEvent['details']): ActivityEvent['actor'] {
  if (details.via === 'token') {
    const name = details.tokenName ?? details.name;
    return { type: 'token', label: typeof name === 'string' ? name : row.actor_label };
  }
  switch (row.actor_type) {
    case 'staff':
      return { type: 'staff', label: null };
    case 'system':
      return { type: 'system', label: null };
    default:
      return { type: row.actor_type, label: row.actor_label };
  }
}

type ActivityQuery = z.output<typeof ActivityQuerySchema>;

/** The account owner's security timeline, read from the audit log. */
export class ActivityTimeline {
  constructor(private readonly deps: { store: AccountStore; places: Places }) {}

  /** Newest first, cursor-paginated on (at, id). */
  async list(
    accountId: string,
    query: ActivityQuery,
  ): Promise<{ items: ActivityEvent[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor<{ at?: string; id?: string }>(query.cursor);
    if (after && (!after.at || !after.id)) throw invalidCursor();
    const members = await this.deps.store.memberIds(accountId);
    const rows = await this.deps.store.activity(accountId, members, {
      actions: TIMELINE_ACTIONS,
      after: after?.at && after.id ? { at: after.at, id: after.id } : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => this.#event(row)),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
    };
  }

  #event(row: AuditRow): ActivityEvent {
    const details = visibleDetails(row.details);
    // Staff act as the business: where a staff member worked from is theirs, not the client's.
    const origin = row.actor_type === 'staff' ? { ip: null, user_agent: null } : row;
    return {
      id: row.id,
      at: row.at,
      action: row.action,
      actor: actorOf(row, details),
      device: origin.user_agent ? describeDevice(origin.user_agent) : null,
      ip: origin.ip,
      place: placeName(this.deps.places.countryOf(origin.ip)),
      details,
    };
  }
}
