import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { toString as qrToString } from 'qrcode';

/** RFC 6238 with the parameters every authenticator app supports: HMAC-SHA1, 6 digits, 30-second steps. */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Steps accepted either side of the current one, for clock drift and typing time. */
export const TOTP_WINDOW = 1;
/** Secret size in bytes (160 bits, RFC 4226's recommendation for SHA-1). */
export const TOTP_SECRET_BYTES = 20;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, upper case, without padding (what authenticator apps expect). */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, ignoring case, spaces, dashes and padding; throws on any other character. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32.indexOf(char);
    if (value === -1) throw new Error(`Not a base32 character: ${JSON.stringify(char)}`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >>> bits) & 0xff);
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

/** A new random TOTP secret. */
export const newTotpSecret = (): Buffer => randomBytes(TOTP_SECRET_BYTES);

/** The time step a moment falls in. */
export const totpStep = (timeMs: number, periodSeconds = TOTP_PERIOD_SECONDS): number =>
  Math.floor(timeMs / 1000 / periodSeconds);

/** The RFC 4226 HOTP value of `counter` (RFC 6238 uses the time step as the counter). */
export function hotp(secret: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The code for the step that `timeMs` falls in. */
export const totpCode = (secret: Uint8Array, timeMs: number, digits = TOTP_DIGITS): string =>
  hotp(secret, totpStep(timeMs), digits);

/**
 * Finds the step a code belongs to within ±`TOTP_WINDOW` of now, considering only steps after `lastStep` (a used
 * step is never accepted again). Returns that step, or undefined. Every candidate is compared in constant time.
 */
export function matchTotp(
  secret: Uint8Array,
  code: string,
  timeMs: number,
  lastStep: number | null,
): number | undefined {
  const current = totpStep(timeMs);
  const given = Buffer.from(code.padEnd(TOTP_DIGITS, ' ').slice(0, TOTP_DIGITS));
  let found: number | undefined;
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    const right = timingSafeEqual(Buffer.from(hotp(secret, step)), given);
    if (right && found === undefined && (lastStep === null || step > lastStep)) found = step;
  }
  return found;
}

/** The `otpauth://` URI authenticator apps scan (Key Uri Format). */
export function otpauthUri(options: { issuer: string; account: string; secret: string }): string {
  const issuer = encodeURIComponent(options.issuer);
  const label = `${issuer}:${encodeURIComponent(options.account)}`;
  const params = `secret=${options.secret}&issuer=${issuer}&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_PERIOD_SECONDS}`;
  return `otpauth://totp/${label}?${params}`;
}

/** An `otpauth://` URI as a QR code (an SVG document) for authenticator apps to scan. */
export function totpQrSvg(uri: string): Promise<string> {
  return qrToString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
