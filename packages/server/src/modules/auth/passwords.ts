import { readFileSync } from 'node:fs';
import argon2 from 'argon2';

/** argon2id at OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1). */
export const PASSWORD_HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, PASSWORD_HASH_OPTIONS);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Whether the stored hash was made with weaker parameters than today's and should be re-hashed. */
export const needsRehash = (hash: string): boolean => argon2.needsRehash(hash, PASSWORD_HASH_OPTIONS);

let common: Set<string> | undefined;

/** The shipped list of common passwords (packages/server/data/common-passwords.txt). */
export function commonPasswords(): Set<string> {
  if (!common) {
    const text = readFileSync(new URL('../../../data/common-passwords.txt', import.meta.url), 'utf8');
    common = new Set(text.split('\n').filter((line) => line && !line.startsWith('#')));
  }
  return common;
}

/**
 * Says why a new password is refused, or returns undefined when it is fine. Length is checked by the contract;
 * this refuses the common and the guessable.
 */
export function passwordWeakness(
  password: string,
  context: { email?: string; name?: string } = {},
): string | undefined {
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) {
    return 'This password is one of the most common passwords and would be guessed quickly. Choose another.';
  }
  if (/^(.)\1+$/.test(password)) return 'This password repeats one character. Choose another.';
  const email = context.email?.toLowerCase();
  if (email && (lower === email || lower === email.split('@')[0])) {
    return 'Your password must not be your email address.';
  }
  if (context.name && lower.replace(/\s/g, '') === context.name.toLowerCase().replace(/\s/g, '')) {
    return 'Your password must not be your name.';
  }
  return undefined;
}
