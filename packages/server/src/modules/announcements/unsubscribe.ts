import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Days an unsubscribe link works. Long on purpose: the link is the one way a person turns these mails off, it
 * must keep working from an old mail (CAN-SPAM asks for 30 days at least), and all it can do is stop mail.
 */
export const UNSUBSCRIBE_TTL_DAYS = 365;

const DAY_MS = 86_400_000;
const PREFIX = 'un_';
/** A user id is `usr_` and 26 Crockford base32 digits (`createIdGenerator`). */
const USER_ID = /^usr_([0-9a-z]{26})$/;
const TOKEN = /^un_([0-9a-z]{26})([0-9a-z]{4})([A-Za-z0-9_-]{22})$/;

/**
 * Unsubscribe tokens: stateless, HMAC-signed with the server secret. A token carries a user id and the day it
 * stops working, and nothing else; it is `un_` + 26 id digits + 4 expiry digits + 22 characters of signature
 * (132 bits), within the contract's `LinkTokenSchema`.
 *
 * Stateless rather than a `link_tokens` row: one mailing would otherwise write a row per recipient; a link must
 * work any number of times (mail scanners and people click twice), which single-use rows are not; and the only
 * thing a token does is harmless to repeat.
 */
export class UnsubscribeTokens {
  readonly #secret: string;

  constructor(secret: string) {
    this.#secret = secret;
  }

  #sign(tail: string, expiry: string): string {
    return createHmac('sha256', this.#secret)
      .update(`unsubscribe:usr_${tail}:${expiry}`)
      .digest('base64url')
      .slice(0, 22);
  }

  /** A token for `userId` that works until `UNSUBSCRIBE_TTL_DAYS` days after `now`. */
  make(userId: string, now: Date): string {
    const tail = USER_ID.exec(userId)?.[1];
    if (!tail) throw new Error(`not a user id: ${userId}`);
    const expiry = (Math.floor(now.getTime() / DAY_MS) + UNSUBSCRIBE_TTL_DAYS).toString(36).padStart(4, '0');
    return `${PREFIX}${tail}${expiry}${this.#sign(tail, expiry)}`;
  }

  /** The user id a genuine token names, or undefined for a forged, damaged or expired one. */
  read(token: string, now: Date): string | undefined {
    const match = TOKEN.exec(token.trim());
    if (!match) return undefined;
    const [, tail, expiry, signature] = match as unknown as [string, string, string, string];
    const expected = Buffer.from(this.#sign(tail, expiry));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    if (Number.parseInt(expiry, 36) < Math.floor(now.getTime() / DAY_MS)) return undefined;
    return `usr_${tail}`;
  }
}
