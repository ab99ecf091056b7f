import { randomBytes } from 'node:crypto';
import { base32Encode } from '../auth/totp.js';
import { hmac, safeEqualHex } from '../auth/secrets.js';

/** Backup codes made at a time. */
export const BACKUP_CODE_COUNT = 10;
/** Entropy of one backup code: 80 bits, 16 base32 characters. */
export const BACKUP_CODE_BYTES = 10;

/** `abcdefgh23456789` → `abcd-efgh-2345-6789`, the way a code is shown. */
export const formatBackupCode = (code: string): string => code.match(/.{4}/g)!.join('-');

/**
 * Single-use backup codes: 80 random bits written as 16 lower-case base32 characters (`[a-z2-7]`), stored only as
 * HMAC-SHA256 under the server secret and bound to their user, so a leaked table row opens nothing.
 */
export class BackupCodes {
  constructor(private readonly secret: string) {}

  /** Fresh codes: the plain ones (to show once, as `xxxx-xxxx-xxxx-xxxx`) and the hashes to store. */
  generate(userId: string, count = BACKUP_CODE_COUNT): { codes: string[]; hashes: string[] } {
    const plain = Array.from({ length: count }, () =>
      base32Encode(randomBytes(BACKUP_CODE_BYTES)).toLowerCase(),
    );
    return { codes: plain.map(formatBackupCode), hashes: plain.map((code) => this.hash(userId, code)) };
  }

  /** The stored form of a (normalized: lower case, no dashes) code. */
  hash(userId: string, code: string): string {
    return hmac(this.secret, `backup-code:${userId}:${code}`);
  }

  /**
   * The stored code that `code` is, among `stored`, or undefined. Every candidate is compared in constant time
   * and the loop never stops early, so timing tells nothing about which (or whether one) matched.
   */
  match<T extends { code_hash: string }>(userId: string, code: string, stored: readonly T[]): T | undefined {
    const given = this.hash(userId, code);
    let found: T | undefined;
    for (const row of stored) {
      if (safeEqualHex(given, row.code_hash) && !found) found = row;
    }
    return found;
  }
}
