import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { WebhookError } from '../src/modules/billing/gateways/gateway.js';
import {
  parseStripeEvent,
  StripeWebhookVerifier,
  signStripePayload,
} from '../src/modules/billing/gateways/stripe-signature.js';

const SECRET = 'whsec_test_secret';
const NOW = new Date('2026-03-02T09:00:00.000Z');
const T = NOW.getTime() / 1000;
const verifier = new StripeWebhookVerifier(SECRET);

const event = (type: string, object: Record<string, unknown>, id = 'evt_1') =>
  Buffer.from(JSON.stringify({ id, object: 'event', type, data: { object } }));
const body = event('payment_intent.succeeded', { id: 'pi_123', object: 'payment_intent' });

const rejects = (raw: Buffer, header: string | undefined, pattern: RegExp) =>
  assert.throws(
    () => verifier.verifyWebhook(raw, header, NOW),
    (error: unknown) => error instanceof WebhookError && pattern.test(error.message),
  );

describe('Stripe-Signature verification', () => {
  test('a valid signature gives the event and the PaymentIntent it is about', () => {
    const header = signStripePayload(SECRET, body, T);
    assert.deepEqual(verifier.verifyWebhook(body, header, NOW), {
      id: 'evt_1',
      type: 'payment_intent.succeeded',
      reference: 'pi_123',
    });
  });

  test('the header is t=<unix>,v1=<hex HMAC-SHA256 of "t.body">', () => {
    const hex = createHmac('sha256', SECRET).update(`${T}.${body.toString()}`).digest('hex');
    assert.equal(signStripePayload(SECRET, body, T), `t=${T},v1=${hex}`);
  });

  test('charge events name the PaymentIntent of the charge', () => {
    const charge = event('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 'pi_9' });
    assert.equal(verifier.verifyWebhook(charge, signStripePayload(SECRET, charge, T), NOW).reference, 'pi_9');
    const other = event('customer.created', { id: 'cus_1' });
    assert.equal(verifier.verifyWebhook(other, signStripePayload(SECRET, other, T), NOW).reference, null);
  });

  test('a tampered body is refused', () => {
    const header = signStripePayload(SECRET, body, T);
    const tampered = Buffer.from(body.toString().replace('pi_123', 'pi_666'));
    rejects(tampered, header, /does not match/);
  });

  test('a signature made with another secret is refused', () => {
    rejects(body, signStripePayload('whsec_other', body, T), /does not match/);
  });

  test('the timestamp may be 300 s old, not 301 s', () => {
    assert.equal(verifier.verifyWebhook(body, signStripePayload(SECRET, body, T - 300), NOW).id, 'evt_1');
    rejects(body, signStripePayload(SECRET, body, T - 301), /tolerance/);
  });

  test('a timestamp from the future beyond 300 s is refused', () => {
    assert.equal(verifier.verifyWebhook(body, signStripePayload(SECRET, body, T + 300), NOW).id, 'evt_1');
    rejects(body, signStripePayload(SECRET, body, T + 301), /tolerance/);
  });

  test('a signature re-stamped with a fresh timestamp does not match', () => {
    const old = signStripePayload(SECRET, body, T - 3600);
    rejects(body, old.replace(/^t=\d+/, `t=${T}`), /does not match/);
  });

  test('any one matching v1 of several is enough (secret rotation), other schemes are ignored', () => {
    const good = signStripePayload(SECRET, body, T).split(',v1=')[1]!;
    const bad = signStripePayload('whsec_old', body, T).split(',v1=')[1]!;
    const header = `t=${T},v1=${bad},v0=${'0'.repeat(64)},v1=${good}`;
    assert.equal(verifier.verifyWebhook(body, header, NOW).reference, 'pi_123');
    rejects(body, `t=${T},v1=${bad},v0=${good}`, /does not match/);
  });

  test('a missing header is refused', () => {
    rejects(body, undefined, /missing/);
    rejects(body, '', /missing/);
  });

  test('garbage headers are refused', () => {
    rejects(body, 'garbage', /no timestamp/);
    rejects(body, `t=${T}`, /no v1/);
    rejects(body, `t=${T},v1=zz`, /no v1/);
    rejects(body, `t=${T},v1=${'ab'.repeat(31)}`, /no v1/);
    rejects(body, `t=soon,v1=${'ab'.repeat(32)}`, /timestamp/);
    rejects(body, `t=${T},t=${T},v1=${'ab'.repeat(32)}`, /timestamp/);
    rejects(body, `v1=${'ab'.repeat(32)}`, /no timestamp/);
  });

  test('a signed body that is not an event is refused', () => {
    for (const raw of ['not json', '[]', '{"id":"evt_1"}', '{"id":"evt_1","type":"x","data":{}}']) {
      const buf = Buffer.from(raw);
      rejects(buf, signStripePayload(SECRET, buf, T), /JSON|not an event|data\.object/);
    }
  });

  test('parseStripeEvent takes an expanded payment_intent on a charge', () => {
    const raw = event('charge.succeeded', { id: 'ch_1', payment_intent: { id: 'pi_7' } });
    assert.equal(parseStripeEvent(raw).reference, 'pi_7');
  });
});
