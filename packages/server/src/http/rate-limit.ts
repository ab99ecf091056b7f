import { sql } from 'kysely';
import { type Db, relaxedWrite } from '../db/database.js';
import type { Clock } from '../deps.js';
import { HttpError } from './problem.js';

/** One limit: at most `max` hits per `windowSeconds`. */
export interface Limit {
  max: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters kept in the database, so several server processes share them.
 * `scale` multiplies every limit (benchmarks raise it; production keeps 1).
 */
export class RateLimiter {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly scale = 1,
  ) {}

  /** Counts a hit on `key`; throws 429 RATE_LIMITED with Retry-After once the window's limit is passed. */
  async hit(key: string, limit: Limit): Promise<void> {
    const now = this.clock.now().getTime();
    const windowMs = limit.windowSeconds * 1000;
    const windowStart = Math.floor(now / windowMs) * windowMs;
    // A counter may lose its last hits on a power cut, so it does not wait for the disk (see relaxedWrite).
    const row = await relaxedWrite(this.db, (db) =>
      db
        .insertInto('rate_limits')
        .values({ key, window_start: windowStart, count: 1 })
        .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`count + 1` }))
        .returning('count')
        .executeTakeFirstOrThrow(),
    );
    if (row.count > Math.ceil(limit.max * this.scale)) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
      throw new HttpError(429, 'RATE_LIMITED', `Too many attempts. Try again in ${retryAfter} seconds.`, {
        retryAfter,
      });
    }
  }

  /** Deletes windows that ended more than a day ago. */
  async sweep(): Promise<number> {
    const cutoff = this.clock.now().getTime() - 86_400_000;
    const result = await this.db
      .deleteFrom('rate_limits')
      .where('window_start', '<', cutoff)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** Consecutive failures after which delays start, and the ceiling after which the identifier locks. */
export const FAILURES_BEFORE_DELAY = 5;
export const MAX_CONSECUTIVE_FAILURES = 100;
const MAX_DELAY_SECONDS = 15 * 60;

/**
 * Consecutive sign-in failures per identifier (an HMAC of the email, so unknown emails behave the same),
 * with a delay that doubles after the fifth failure, up to 15 minutes, and a lock at 100 until a password reset.
 */
export class FailureTracker {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Throws 429 TOO_MANY_ATTEMPTS while `key` is in a delay. */
  async assertAllowed(key: string): Promise<void> {
    const row = await this.db
      .selectFrom('auth_failures')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) return;
    const now = this.clock.now();
    if (row.count >= MAX_CONSECUTIVE_FAILURES) {
      throw new HttpError(
        429,
        'TOO_MANY_ATTEMPTS',
        'Sign-in is locked after too many failed attempts. Reset your password to unlock it.',
        { retryAfter: MAX_DELAY_SECONDS },
      );
    }
    if (row.locked_until && row.locked_until > now.toISOString()) {
      const retryAfter = Math.max(1, Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 1000));
      throw new HttpError(
        429,
        'TOO_MANY_ATTEMPTS',
        `Too many failed attempts. Try again in ${retryAfter} seconds.`,
        {
          retryAfter,
        },
      );
    }
  }

  async recordFailure(key: string): Promise<void> {
    const now = this.clock.now();
    const row = await this.db
      .insertInto('auth_failures')
      .values({ key, count: 1, last_failure_at: now.toISOString(), locked_until: null })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ count: sql`count + 1`, last_failure_at: now.toISOString() }),
      )
      .returning('count')
      .executeTakeFirstOrThrow();
    if (row.count >= FAILURES_BEFORE_DELAY) {
      const delay = Math.min(MAX_DELAY_SECONDS, 2 ** (row.count - FAILURES_BEFORE_DELAY));
      await this.db
        .updateTable('auth_failures')
        .set({ locked_until: new Date(now.getTime() + delay * 1000).toISOString() })
        .where('key', '=', key)
        .execute();
    }
  }

  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('auth_failures').where('key', '=', key).execute();
  }
}

/**
 * Caps password hashes running at once. Excess work is refused with 429 SERVER_BUSY at once rather than queued,
 * so a login flood cannot starve the rest of the API.
 */
export class HashGate {
  #running = 0;
  constructor(readonly max: number) {}

  get running(): number {
    return this.#running;
  }

  /** Runs `work` in a slot; refuses at once (before any of `work` runs) when every slot is taken. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.max) {
      throw new HttpError(
        429,
        'SERVER_BUSY',
        'The server is busy signing other people in. Try again in a moment.',
        {
          retryAfter: 1,
        },
      );
    }
    this.#running++;
    try {
      return await work();
    } finally {
      this.#running--;
    }
  }
}
