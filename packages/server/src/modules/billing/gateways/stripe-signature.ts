import { createHmac, timingSafeEqual } from 'node:crypto';
import { type WebhookEvent, type WebhookVerifier, WebhookError } from './gateway.js';

/** How far a signature's timestamp may be from now, either way, in seconds. */
export const STRIPE_TOLERANCE_SECONDS = 300;

const hmac = (secret: string, timestamp: string, body: Buffer | string): Buffer =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();

/**
 * The `Stripe-Signature` header value for a body: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "t.body")>`.
 * For tests and the local stub; the server only ever verifies.
 *
 * @example
 * ```ts
 * const header = signStripePayload('whsec_test', JSON.stringify(event), Math.floor(Date.now() / 1000));
 * ```
 */
export function signStripePayload(secret: string, body: Buffer | string, timestamp: number): string {
  const t = String(Math.trunc(timestamp));
  return `t=${t},v1=${hmac(secret, t, body).toString('hex')}`;
}

/**
 * Checks a `Stripe-Signature` header over the raw body: some `v1` value must equal the HMAC (compared in constant
 * time) and the timestamp must be within {@link STRIPE_TOLERANCE_SECONDS} of `now`, either way. Throws
 * {@link WebhookError} otherwise. Other schemes (`v0`) are ignored, as Stripe's own libraries do.
 */
export function verifyStripeSignature(
  secret: string,
  rawBody: Buffer,
  header: string | undefined,
  now: Date,
): void {
  if (!header) throw new WebhookError('The Stripe-Signature header is missing');
  let timestamp: string | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) {
        throw new WebhookError('The signature timestamp is not valid');
      }
      timestamp = value;
    } else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) {
      signatures.push(Buffer.from(value, 'hex'));
    }
  }
  if (timestamp === undefined) throw new WebhookError('The signature has no timestamp');
  if (signatures.length === 0) throw new WebhookError('The signature has no v1 value');

  const expected = hmac(secret, timestamp, rawBody);
  // Every candidate is compared (no early exit), each in constant time over equal lengths (32 bytes).
  let matched = false;
  for (const signature of signatures) {
    if (timingSafeEqual(signature, expected)) matched = true;
  }
  if (!matched) throw new WebhookError('The signature does not match the body');

  const age = Math.floor(now.getTime() / 1000) - Number(timestamp);
  if (Math.abs(age) > STRIPE_TOLERANCE_SECONDS) {
    throw new WebhookError('The signature timestamp is outside the tolerance');
  }
}

/** Parses a verified event body: `{id, type, data: {object}}`; the reference is the PaymentIntent it is about. */
export function parseStripeEvent(rawBody: Buffer): WebhookEvent {
  let event: unknown;
  try {
    event = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new WebhookError('The body is not JSON');
  }
  if (!isRecord(event) || typeof event.id !== 'string' || typeof event.type !== 'string' || !event.id) {
    throw new WebhookError('The body is not an event');
  }
  const object = isRecord(event.data) && isRecord(event.data.object) ? event.data.object : undefined;
  if (!object) throw new WebhookError('The event has no data.object');
  let reference: string | null = null;
  if (event.type.startsWith('payment_intent.')) {
    reference = typeof object.id === 'string' ? object.id : null;
  } else if (event.type.startsWith('charge.')) {
    // `payment_intent` is an id, or the object itself when the event was sent expanded.
    const intent = object.payment_intent;
    reference =
      typeof intent === 'string'
        ? intent
        : isRecord(intent) && typeof intent.id === 'string'
          ? intent.id
          : null;
  }
  return { id: event.id, type: event.type, reference };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The Stripe-compatible gateway's webhook verifier for one endpoint secret. */
export class StripeWebhookVerifier implements WebhookVerifier {
  readonly #secret: string;

  constructor(secret: string) {
    this.#secret = secret;
  }

  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined, now: Date): WebhookEvent {
    verifyStripeSignature(this.#secret, rawBody, signatureHeader, now);
    return parseStripeEvent(rawBody);
  }
}
