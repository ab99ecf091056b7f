import { createHash } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { Clock } from '../deps.js';
import { HttpError } from './problem.js';

/** An answer as it was first given, to give again for a repeat of the same key. */
export interface StoredAnswer {
  status: number;
  body: unknown;
  /** True when this answer is a replay of an earlier request's. */
  replayed: boolean;
}

/** A `running` row older than this belongs to a process that died mid-request: the key may be tried again. */
const ABANDONED_MS = 60_000;
/** How long a finished key is remembered. */
const KEEP_MS = 24 * 3_600_000;

/**
 * `Idempotency-Key` handling for POSTs that move money or create orders. The first request with a key runs; a
 * repeat with the same body gets the first answer without running again; a repeat with another body is refused.
 * Parallel repeats in this process wait for the first one's answer; in another process (sharing the database)
 * they get 409 IDEMPOTENCY_IN_PROGRESS with Retry-After. Only successes are remembered: a request that failed
 * changed nothing (its transaction rolled back), so trying the key again runs it again.
 */
export class Idempotency {
  readonly #inflight = new Map<string, { fingerprint: string; answer: Promise<StoredAnswer> }>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** SHA-256 of what makes two requests "the same": the route's path parameters and its parsed body. */
  static fingerprint(params: unknown, body: unknown): string {
    return createHash('sha256')
      .update(JSON.stringify([params, body ?? null]))
      .digest('hex');
  }

  async run(
    scope: string,
    key: string,
    fingerprint: string,
    status: number,
    handler: () => Promise<unknown>,
  ): Promise<StoredAnswer> {
    const slot = `${scope}\u0000${key}`;
    const inflight = this.#inflight.get(slot);
    if (inflight) {
      if (inflight.fingerprint !== fingerprint) throw reused();
      return { ...(await inflight.answer), replayed: true };
    }
    const answer = this.#claimAndRun(scope, key, fingerprint, status, handler);
    this.#inflight.set(slot, { fingerprint, answer });
    try {
      return await answer;
    } finally {
      this.#inflight.delete(slot);
    }
  }

  async #claimAndRun(
    scope: string,
    key: string,
    fingerprint: string,
    status: number,
    handler: () => Promise<unknown>,
  ): Promise<StoredAnswer> {
    const now = this.clock.now();
    const claimed = await this.db
      .insertInto('idempotency_keys')
      .values({
        scope,
        key,
        fingerprint,
        state: 'running',
        status: null,
        body: null,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) {
      const row = await this.db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row) return this.#claimAndRun(scope, key, fingerprint, status, handler);
      if (row.fingerprint !== fingerprint) throw reused();
      if (row.state === 'done') {
        return {
          status: row.status ?? status,
          body: row.body === null ? undefined : JSON.parse(row.body),
          replayed: true,
        };
      }
      if (now.getTime() - Date.parse(row.created_at) < ABANDONED_MS) {
        throw new HttpError(
          409,
          'IDEMPOTENCY_IN_PROGRESS',
          'A request with this Idempotency-Key is still being processed. Try again in a moment.',
          { retryAfter: 1 },
        );
      }
      // Abandoned by a process that stopped mid-request: take it over.
      const taken = await this.db
        .updateTable('idempotency_keys')
        .set({ created_at: now.toISOString() })
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('state', '=', 'running')
        .where('created_at', '=', row.created_at)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) !== 1)
        return this.#claimAndRun(scope, key, fingerprint, status, handler);
    }
    let body: unknown;
    try {
      body = await handler();
    } catch (error) {
      await this.db
        .deleteFrom('idempotency_keys')
        .where('scope', '=', scope)
        .where('key', '=', key)
        .execute();
      throw error;
    }
    await this.db
      .updateTable('idempotency_keys')
      .set({ state: 'done', status, body: body === undefined ? null : JSON.stringify(body) })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute();
    return { status, body, replayed: false };
  }

  /** Forgets keys finished more than a day ago. */
  async sweep(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - KEEP_MS).toISOString();
    const r = await this.db
      .deleteFrom('idempotency_keys')
      .where('created_at', '<', before)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

const reused = () =>
  new HttpError(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used with a different request. Use a new key for a new request.',
  );
