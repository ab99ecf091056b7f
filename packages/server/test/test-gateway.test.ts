import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from '../src/deps.js';
import type { CardInput, ChargeRequest } from '../src/modules/billing/gateways/gateway.js';
import { GatewayError } from '../src/modules/billing/gateways/gateway.js';
import { cardBrand, isExpired, TestGateway } from '../src/modules/billing/gateways/test-gateway.js';

const clock = new FakeClock('2026-03-02T09:00:00.000Z');
const gateway = new TestGateway(clock);

const charge = (card: Partial<CardInput> | undefined) => {
  const request: ChargeRequest = {
    paymentId: 'pay_1',
    invoiceId: 'inv_1',
    invoiceNumber: 'INV-00001',
    accountId: 'acc_1',
    amount: 10_00,
    currency: 'USD',
    description: 'Invoice INV-00001',
    email: null,
    card: card && { number: '4242424242424242', expiry: '12/30', cvc: '123', ...card },
  };
  return gateway.charge(request);
};

describe('test gateway cards', () => {
  test('4242 4242 4242 4242 succeeds', async () => {
    const result = await charge({ number: '4242424242424242' });
    assert.equal(result.status, 'succeeded');
    assert.equal(result.method, 'Visa •••• 4242');
    assert.match(result.reference!, /^test_/);
  });

  const failures: [string, string][] = [
    ['4000000000000002', 'Your card was declined.'],
    ['4000000000009995', 'Your card has insufficient funds.'],
  ];
  for (const [number, message] of failures) {
    test(`${number} fails: ${message}`, async () => {
      const result = await charge({ number });
      assert.deepEqual(result, {
        status: 'failed',
        reference: result.reference,
        method: `Visa •••• ${number.slice(-4)}`,
        message,
      });
      assert.match(result.reference!, /^test_/);
    });
  }

  test('4000 0000 0000 3220 asks for the challenge; approving it succeeds', async () => {
    const pending = await charge({ number: '4000000000003220' });
    assert.equal(pending.status, 'pending');
    assert.deepEqual(pending.status === 'pending' && pending.action, { type: 'test_challenge' });
    assert.deepEqual(await gateway.confirm(pending.reference!, 'approve'), {
      status: 'succeeded',
      reference: pending.reference,
      method: 'Visa •••• 3220',
    });
    assert.equal((await gateway.confirm(pending.reference!, undefined)).status, 'succeeded');
  });

  test('failing the challenge fails the payment', async () => {
    const pending = await charge({ number: '4000000000003220' });
    const failed = await gateway.confirm(pending.reference!, 'fail');
    assert.equal(failed.status, 'failed');
    assert.equal(failed.method, 'Visa •••• 3220');
  });

  test('any other number fails, asking for a test card', async () => {
    for (const number of ['4111111111111111', '5555555555554444', '378282246310005']) {
      const result = await charge({ number });
      assert.equal(result.status, 'failed');
      assert.equal(result.status === 'failed' && result.message, 'Use a test card number.');
      assert.equal(result.reference, null);
    }
  });

  test('an expired card fails whatever its number; the expiry month itself is still good', async () => {
    const expired = await charge({ expiry: '02/26' });
    assert.equal(expired.status === 'failed' && expired.message, 'Your card has expired.');
    assert.equal((await charge({ expiry: '03/26' })).status, 'succeeded');
    assert.equal(isExpired('03/26', new Date('2026-03-31T23:59:59.999Z')), false);
    assert.equal(isExpired('03/26', new Date('2026-04-01T00:00:00.000Z')), true);
  });

  test('no card fails', async () => {
    assert.equal((await charge(undefined)).status, 'failed');
  });

  test('spaces in the number are ignored', async () => {
    assert.equal((await charge({ number: '4242 4242 4242 4242' })).status, 'succeeded');
  });

  test('brands by first digit', () => {
    assert.deepEqual(['4242', '5555', '3782', '6011'].map(cardBrand), ['Visa', 'Mastercard', 'Amex', 'Card']);
  });

  test('a reference that is not the test gateway’s cannot be confirmed or refunded', async () => {
    await assert.rejects(gateway.confirm('pi_123', 'approve'), GatewayError);
    await assert.rejects(
      gateway.refund({ paymentId: 'pay_1', reference: 'pi_123', amount: 1, currency: 'USD' }),
      GatewayError,
    );
  });

  test('refunds a test payment', async () => {
    const paid = await charge({});
    const refund = await gateway.refund({
      paymentId: 'pay_1',
      reference: paid.reference!,
      amount: 5_00,
      currency: 'USD',
    });
    assert.match(refund.reference, /^test_re_/);
  });
});
