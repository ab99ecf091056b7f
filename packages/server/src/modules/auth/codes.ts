import type { ChallengePurpose } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import { HttpError } from '../../http/problem.js';
import { invalidCode } from '../security/errors.js';
import { hmac, randomCode, safeEqualHex } from './secrets.js';
import type { ChallengeRow } from './store.js';

/** Minutes each kind of code lives (DESIGN.md: verification 15, sign-in and reset 10, email change 15). */
export const CODE_TTL_MINUTES: Record<ChallengePurpose, number> = {
  verify_email: 15,
  login: 10,
  reset: 10,
  change_email: 15,
};
/** Wrong tries that kill a code. A resend keeps the count. */
export const MAX_CODE_ATTEMPTS = 5;
/** Codes one challenge may send before it must expire. */
export const MAX_CODE_SENDS = 5;

/** The SQL a challenge needs (the auth store has it). */
export interface ChallengeStore {
  latestChallenge(purpose: ChallengePurpose, email: string): Promise<ChallengeRow | undefined>;
  insertChallenge(row: Omit<ChallengeRow, 'attempts' | 'sends'>): Promise<void>;
  replaceChallengeCode(
    id: string,
    codeHash: string,
    expiresAt: string,
    maxAttempts: number,
  ): Promise<boolean>;
  countWrongAttempt(id: string, maxAttempts: number): Promise<boolean>;
  consumeChallenge(id: string, now: string, maxAttempts: number): Promise<boolean>;
}

/** A code to mail, and how long it lives. */
export interface IssuedCode {
  code: string;
  minutes: number;
}

/**
 * Six-digit one-time codes bound to an email address: stored as an HMAC keyed by the server secret and the
 * challenge id, 5 wrong tries kill one (a resend keeps the count), single use, spent atomically.
 */
export class Codes {
  constructor(
    private readonly deps: { store: ChallengeStore; secret: string; clock: Clock; ids: IdGenerator },
  ) {}

  #hash(challengeId: string, code: string): string {
    return hmac(this.deps.secret, `${challengeId}:${code}`);
  }

  /**
   * Issues (or re-sends) a code for `email`. With `userId` null it makes a decoy: a challenge that counts, locks
   * and expires like a real one but that no code redeems, so callers can answer the same whether or not the
   * address is known. Answers the code to mail, or undefined when nothing must be sent (a decoy, a dead challenge,
   * or a live challenge of someone else).
   */
  async issue(
    purpose: ChallengePurpose,
    email: string,
    userId: string | null,
    payload?: Record<string, unknown>,
  ): Promise<IssuedCode | undefined> {
    const { store, clock, ids } = this.deps;
    const now = clock.now();
    const minutes = CODE_TTL_MINUTES[purpose];
    const expiresAt = new Date(now.getTime() + minutes * 60_000).toISOString();
    const code = randomCode();
    const existing = await store.latestChallenge(purpose, email);
    if (existing && existing.expires_at > now.toISOString()) {
      if (existing.attempts >= MAX_CODE_ATTEMPTS || existing.sends >= MAX_CODE_SENDS) return undefined;
      const replaced = await store.replaceChallengeCode(
        existing.id,
        this.#hash(existing.id, code),
        expiresAt,
        MAX_CODE_ATTEMPTS,
      );
      if (!replaced || existing.user_id === null || existing.user_id !== userId) return undefined;
      return { code, minutes };
    }
    const id = ids('chl');
    await store.insertChallenge({
      id,
      purpose,
      email,
      user_id: userId,
      code_hash: this.#hash(id, code),
      expires_at: expiresAt,
      consumed_at: null,
      created_at: now.toISOString(),
      payload: payload ? JSON.stringify(payload) : null,
    });
    return userId ? { code, minutes } : undefined;
  }

  /**
   * Checks a code and spends it. Exactly one of any number of parallel right answers succeeds. A decoy, or a
   * challenge that belongs to someone other than `ownerId` (when given), takes every code as a wrong one.
   */
  async redeem(
    purpose: ChallengePurpose,
    email: string,
    code: string,
    ownerId?: string,
  ): Promise<ChallengeRow & { user_id: string }> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const challenge = await store.latestChallenge(purpose, email);
    if (!challenge) throw invalidCode();
    const retryAfter = Math.max(1, Math.ceil((Date.parse(challenge.expires_at) - now.getTime()) / 1000));
    if (challenge.expires_at <= now.toISOString()) {
      throw new HttpError(400, 'CODE_EXPIRED', 'That code has expired. Ask for a new one.', {
        errors: [
          { path: 'code', message: 'That code has expired. Ask for a new one.', code: 'CODE_EXPIRED' },
        ],
      });
    }
    const dead = () =>
      new HttpError(
        429,
        'TOO_MANY_ATTEMPTS',
        'Too many wrong codes. This code no longer works; ask for a new one when it expires.',
        { retryAfter },
      );
    if (challenge.attempts >= MAX_CODE_ATTEMPTS) throw dead();
    const right = safeEqualHex(this.#hash(challenge.id, code), challenge.code_hash);
    const usable = challenge.user_id !== null && (ownerId === undefined || challenge.user_id === ownerId);
    if (!right || !usable) {
      if (!(await store.countWrongAttempt(challenge.id, MAX_CODE_ATTEMPTS))) throw dead();
      throw invalidCode(MAX_CODE_ATTEMPTS - challenge.attempts - 1);
    }
    if (!(await store.consumeChallenge(challenge.id, now.toISOString(), MAX_CODE_ATTEMPTS)))
      throw invalidCode();
    return challenge as ChallengeRow & { user_id: string };
  }
}
