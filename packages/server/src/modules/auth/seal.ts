import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts small secrets at rest (TOTP seeds) with AES-256-GCM. The key is derived from the server secret with
 * HKDF-SHA256 and a purpose label, so a key for one purpose opens nothing else. Sealed values read
 * `v1.<iv>.<ciphertext>.<tag>` (base64url); the version leaves room to change the scheme or rotate the secret.
 */
export class Sealer {
  readonly #key: Buffer;
  readonly #aad: Buffer;

  constructor(secret: string, purpose: string) {
    this.#key = Buffer.from(hkdfSync('sha256', secret, 'portico-seal', `portico:${purpose}`, 32));
    // The purpose is also bound as associated data: a value sealed for one purpose fails to open for another.
    this.#aad = Buffer.from(purpose);
  }

  seal(plaintext: Uint8Array): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(this.#aad);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return [VERSION, iv, body, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** Opens a sealed value; throws when it was altered, sealed with another key, or is not a sealed value. */
  open(sealed: string): Buffer {
    const [version, iv, body, tag, ...rest] = sealed.split('.');
    if (version !== VERSION || iv === undefined || body === undefined || tag === undefined || rest.length) {
      throw new Error('Not a sealed value of a known version');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(this.#aad);
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  }
}
