import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A 256-bit random token with a readable prefix (`ps_` session, `pt_` API token). Shown once, stored hashed. */
export const randomToken = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;

/** SHA-256 hex: how tokens are stored and looked up. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export const hmac = (secret: string, value: string): string =>
  createHmac('sha256', secret).update(value).digest('hex');

/** A uniformly random 6-digit code. */
export const randomCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Compares two hex digests in constant time. */
export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
