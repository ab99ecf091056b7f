import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type ChargeRequest, GatewayError } from '../src/modules/billing/gateways/gateway.js';
import { StripeGateway } from '../src/modules/billing/gateways/stripe-gateway.js';
import { type StripeStub, startStripeStub } from './fixtures/stripe-stub.js';

let stub: StripeStub;
let gateway: StripeGateway;
let n = 0;

const request = (overrides: Partial<ChargeRequest> = {}): ChargeRequest => ({
  paymentId: `pay_test${++n}`,
  invoiceId: 'inv_1',
  invoiceNumber: 'INV-00042',
  accountId: 'acc_1',
  amount: 12_34,
  currency: 'USD',
  description: 'Invoice INV-00042',
  email: 'ada@example.com',
  ...overrides,
});

before(async () => {
  stub = await startStripeStub();
});
after(() => stub.close());
beforeEach(() => {
  stub.outcome = 'pending';
  gateway = new StripeGateway({
    apiBase: `${stub.url}/`,
    secretKey: stub.secretKey,
    publishableKey: stub.publishableKey,
    jsUrl: null,
    timeoutMs: 300,
  });
});

describe('StripeGateway against the local stub', () => {
  test('a charge that succeeds at once names the card from the expanded charge', async () => {
    stub.outcome = 'succeeded';
    const result = await gateway.charge(request());
    assert.equal(result.status, 'succeeded');
    assert.match(result.reference!, /^pi_/);
    assert.equal(result.method, 'Visa •••• 4242');
  });

  test('sends a form body with Stripe’s fields, the bearer key and the payment id as idempotency key', async () => {
    const req = request();
    await gateway.charge(req);
    const sent = stub.requests.at(-1)!;
    assert.equal(sent.method, 'POST');
    assert.equal(sent.path, '/v1/payment_intents');
    assert.equal(sent.headers.authorization, `Bearer ${stub.secretKey}`);
    assert.equal(sent.headers['idempotency-key'], req.paymentId);
    assert.match(String(sent.headers['content-type']), /^application\/x-www-form-urlencoded/);
    assert.deepEqual(
      {
        amount: sent.form.amount,
        currency: sent.form.currency,
        description: sent.form.description,
        paymentId: sent.form['metadata[payment_id]'],
        invoiceId: sent.form['metadata[invoice_id]'],
        email: sent.form.receipt_email,
        automatic: sent.form['automatic_payment_methods[enabled]'],
      },
      {
        amount: '1234',
        currency: 'usd',
        description: 'Invoice INV-00042',
        paymentId: req.paymentId,
        invoiceId: 'inv_1',
        email: 'ada@example.com',
        automatic: 'true',
      },
    );
  });

  test('a pending charge carries the browser action, and confirm re-reads the intent', async () => {
    const pending = await gateway.charge(request({ email: null }));
    assert.equal(pending.status, 'pending');
    assert.equal(stub.requests.at(-1)!.form.receipt_email, undefined);
    if (pending.status !== 'pending') return;
    const intent = stub.intents.get(pending.reference)!;
    assert.deepEqual(pending.action, {
      type: 'stripe',
      clientSecret: intent.client_secret,
      publishableKey: stub.publishableKey,
      jsUrl: 'https://js.stripe.com/v3/',
    });
    assert.equal(pending.method, null);

    // Not yet confirmed by the payer: still pending.
    assert.equal((await gateway.confirm(pending.reference, undefined)).status, 'pending');
    stub.confirm(pending.reference, 'succeeded');
    assert.deepEqual(await gateway.confirm(pending.reference, undefined), {
      status: 'succeeded',
      reference: pending.reference,
      method: 'Visa •••• 4242',
    });
  });

  test('requires_action is pending too', async () => {
    stub.outcome = 'requires_action';
    const result = await gateway.charge(request());
    assert.equal(result.status, 'pending');
  });

  test('a decline fails with the provider’s message; a failed confirmation too', async () => {
    stub.outcome = 'declined';
    const declined = await gateway.charge(request());
    assert.deepEqual(declined, {
      status: 'failed',
      reference: declined.reference,
      method: 'Visa •••• 0002',
      message: 'Your card was declined.',
    });

    stub.outcome = 'pending';
    const pending = await gateway.charge(request());
    stub.confirm(pending.reference!, 'failed');
    const failed = await gateway.confirm(pending.reference!, undefined);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.status === 'failed' && failed.message, 'Your card was declined.');
  });

  test('refunds part and then the rest; more than is left is refused', async () => {
    stub.outcome = 'succeeded';
    const charge = await gateway.charge(request({ amount: 10_00 }));
    const part = await gateway.refund({
      paymentId: 'ref_a',
      reference: charge.reference!,
      amount: 4_00,
      currency: 'USD',
    });
    assert.match(part.reference, /^re_/);
    const sent = stub.requests.at(-1)!;
    assert.equal(sent.path, '/v1/refunds');
    assert.deepEqual(sent.form, { payment_intent: charge.reference, amount: '400' });
    assert.equal(sent.headers['idempotency-key'], 'refund_ref_a');

    await assert.rejects(
      gateway.refund({ paymentId: 'ref_b', reference: charge.reference!, amount: 7_00, currency: 'USD' }),
      (error: unknown) =>
        error instanceof GatewayError && !error.retryable && /greater than what is left/.test(error.message),
    );
    await gateway.refund({ paymentId: 'ref_c', reference: charge.reference!, amount: 6_00, currency: 'USD' });
    assert.equal(stub.intents.get(charge.reference!)!.amount_refunded, 10_00);
  });

  test('a retried create with the same payment id is one charge', async () => {
    stub.outcome = 'succeeded';
    const req = request();
    const before = stub.charges;
    const first = await gateway.charge(req);
    const again = await gateway.charge(req);
    assert.equal(again.reference, first.reference);
    assert.equal(stub.charges, before + 1);
    // Another payment is another charge.
    await gateway.charge(request());
    assert.equal(stub.charges, before + 2);
  });

  test('a refund retried with the same key refunds once', async () => {
    stub.outcome = 'succeeded';
    const charge = await gateway.charge(request({ amount: 5_00 }));
    const refundsBefore = stub.refunds;
    const refund = { paymentId: `ref_${n}`, reference: charge.reference!, amount: 2_00, currency: 'USD' };
    const first = await gateway.refund(refund);
    const again = await gateway.refund(refund);
    assert.equal(again.reference, first.reference);
    assert.equal(stub.refunds, refundsBefore + 1);
  });

  test('a 500 is a retryable GatewayError with the provider’s message, and nothing is charged', async () => {
    const before = stub.charges;
    stub.failNext(500, 'The server is on fire');
    await assert.rejects(
      gateway.charge(request()),
      (error: unknown) =>
        error instanceof GatewayError && error.retryable && /The server is on fire/.test(error.message),
    );
    assert.equal(stub.charges, before);
  });

  test('a wrong key is a GatewayError that is not worth retrying', async () => {
    const wrong = new StripeGateway({
      apiBase: stub.url,
      secretKey: 'sk_wrong',
      publishableKey: null,
      jsUrl: null,
    });
    await assert.rejects(
      wrong.charge(request()),
      (error: unknown) =>
        error instanceof GatewayError && !error.retryable && /Invalid API Key/.test(error.message),
    );
  });

  test('a server that never answers is a GatewayError by timeout', async () => {
    stub.hangNext();
    const started = Date.now();
    await assert.rejects(
      gateway.charge(request()),
      (error: unknown) =>
        error instanceof GatewayError && error.retryable && /did not answer/.test(error.message),
    );
    assert.ok(Date.now() - started < 5_000);
  });

  test('an unreachable server is a GatewayError', async () => {
    const closed = await startStripeStub();
    await closed.close();
    const away = new StripeGateway({
      apiBase: closed.url,
      secretKey: 'sk',
      publishableKey: null,
      jsUrl: null,
    });
    await assert.rejects(away.confirm('pi_1', undefined), (error: unknown) => error instanceof GatewayError);
  });

  test('an unknown intent is a GatewayError', async () => {
    await assert.rejects(
      gateway.confirm('pi_missing', undefined),
      (error: unknown) => error instanceof GatewayError && /No such payment_intent/.test(error.message),
    );
  });
});
