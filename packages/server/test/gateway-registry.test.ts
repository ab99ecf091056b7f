import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { openDatabase, type OpenDatabase } from '../src/db/database.js';
import { FakeClock } from '../src/deps.js';
import { HttpError } from '../src/http/problem.js';
import { Sealer } from '../src/modules/auth/seal.js';
import { createGateways } from '../src/modules/billing/gateways/registry.js';
import { signStripePayload } from '../src/modules/billing/gateways/stripe-signature.js';
import { DEFAULT_SETTINGS, Settings } from '../src/modules/settings/settings.js';
import { type StripeStub, startStripeStub } from './fixtures/stripe-stub.js';

const SECRET = 'test-secret-test-secret-test-secret-0000';
const clock = new FakeClock('2026-03-02T09:00:00.000Z');
const config = (mode: 'development' | 'production' | 'test' = 'test') => ({
  mode,
  secret: SECRET,
  publicUrl: 'https://portal.example.com',
});

let opened: OpenDatabase;
let settings: Settings;
let stub: StripeStub;

before(async () => {
  stub = await startStripeStub({ clock });
});
after(() => stub.close());
beforeEach(async () => {
  opened = openDatabase(':memory:');
  settings = new Settings(opened.db, clock);
  await settings.load();
});
afterEach(() => opened.close());

const stripeSetup = {
  enabled: true,
  apiBase: 'http://127.0.0.1:1',
  publishableKey: 'pk_test_1',
  secretKey: 'sk_test_1',
  webhookSecret: 'whsec_1',
};

describe('gateway registry', () => {
  test('by default only the test gateway is offered', () => {
    const gateways = createGateways({ settings, config: config(), clock });
    assert.deepEqual(gateways.info(), [
      { id: 'test', name: 'Card (test mode)', kind: 'card', instructions: null, testMode: true },
    ]);
    assert.equal(gateways.online('test')?.id, 'test');
    assert.equal(gateways.online('stripe'), undefined);
    assert.equal(gateways.online('manual'), undefined);
    assert.equal(gateways.online('paypal'), undefined);
    assert.equal(gateways.webhooks('stripe'), undefined);
  });

  test('the test gateway is never available in production, even when enabled', () => {
    const gateways = createGateways({ settings, config: config('production'), clock });
    assert.equal(settings.current.gateways.test.enabled, true);
    assert.equal(gateways.online('test'), undefined);
    assert.equal(gateways.any('test'), undefined);
    assert.deepEqual(gateways.info(), []);
    assert.equal(gateways.adminList().find((g) => g.id === 'test')!.enabled, false);
  });

  test('manual is offline: listed with its instructions, never online', async () => {
    const gateways = createGateways({ settings, config: config(), clock });
    await gateways.adminUpdate('manual', { enabled: true, instructions: 'IBAN ES12 3456' });
    assert.deepEqual(
      gateways.info().find((g) => g.id === 'manual'),
      {
        id: 'manual',
        name: 'Bank transfer',
        kind: 'offline',
        instructions: 'IBAN ES12 3456',
        testMode: false,
      },
    );
    assert.equal(gateways.online('manual'), undefined);
    assert.equal(gateways.any('manual'), undefined);
  });

  test('secrets are sealed at rest and never returned', async () => {
    const gateways = createGateways({ settings, config: config(), clock });
    const view = await gateways.adminUpdate('stripe', stripeSetup);
    assert.deepEqual(view, {
      id: 'stripe',
      enabled: true,
      name: 'Card',
      instructions: null,
      apiBase: 'http://127.0.0.1:1',
      publishableKey: 'pk_test_1',
      jsUrl: 'https://js.stripe.com/v3/',
      secretKeySet: true,
      webhookSecretSet: true,
      webhookUrl: 'https://portal.example.com/api/v1/billing/webhooks/stripe',
    });
    const row = await opened.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'gateways')
      .executeTakeFirstOrThrow();
    assert.ok(!row.value.includes('sk_test_1') && !row.value.includes('whsec_1'));
    const stored = settings.current.gateways.stripe;
    assert.equal(new Sealer(SECRET, 'gateway').open(stored.secretKeySealed!).toString(), 'sk_test_1');
    assert.throws(() => new Sealer(SECRET, 'staff-totp-secret').open(stored.secretKeySealed!));
    assert.ok(!JSON.stringify(gateways.adminList()).includes('sk_test_1'));
  });

  test('stripe is online once enabled with an API base and a secret key; its webhooks once the secret is set', async () => {
    const gateways = createGateways({ settings, config: config(), clock });
    await gateways.adminUpdate('stripe', { enabled: true, apiBase: stub.url });
    assert.equal(gateways.online('stripe'), undefined);
    assert.ok(!gateways.info().some((g) => g.id === 'stripe'));

    await gateways.adminUpdate('stripe', { secretKey: stub.secretKey, publishableKey: stub.publishableKey });
    stub.outcome = 'succeeded';
    const result = await gateways.online('stripe')!.charge({
      paymentId: 'pay_reg1',
      invoiceId: 'inv_1',
      invoiceNumber: 'INV-1',
      accountId: 'acc_1',
      amount: 500,
      currency: 'EUR',
      description: 'Invoice INV-1',
      email: null,
    });
    assert.equal(result.status, 'succeeded');
    assert.deepEqual(
      gateways.info().find((g) => g.id === 'stripe'),
      { id: 'stripe', name: 'Card', kind: 'card', instructions: null, testMode: false },
    );

    assert.equal(gateways.webhooks('stripe'), undefined);
    await gateways.adminUpdate('stripe', { webhookSecret: 'whsec_live' });
    const body = Buffer.from(
      JSON.stringify({ id: 'evt_1', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1' } } }),
    );
    const t = clock.now().getTime() / 1000;
    assert.equal(
      gateways.webhooks('stripe')!.verifyWebhook(body, signStripePayload('whsec_live', body, t), clock.now())
        .reference,
      'pi_1',
    );
  });

  test('a disabled stripe gateway is not online, but a pending payment can still finish through any()', async () => {
    const gateways = createGateways({ settings, config: config(), clock });
    await gateways.adminUpdate('stripe', { ...stripeSetup, enabled: false });
    assert.equal(gateways.online('stripe'), undefined);
    assert.equal(gateways.any('stripe')?.id, 'stripe');
    assert.ok(gateways.webhooks('stripe'));
  });

  test('a secret sealed under another server secret counts as not set', async () => {
    await createGateways({ settings, config: config(), clock }).adminUpdate('stripe', stripeSetup);
    const rotated = createGateways({
      settings,
      config: { ...config(), secret: 'another-secret-another-secret-another-0' },
      clock,
    });
    assert.equal(rotated.online('stripe'), undefined);
    assert.equal(rotated.webhooks('stripe'), undefined);
  });

  test('settings changes apply at once, without rebuilding the registry', async () => {
    const gateways = createGateways({ settings, config: config(), clock });
    await settings.update({
      gateways: { ...DEFAULT_SETTINGS.gateways, test: { ...DEFAULT_SETTINGS.gateways.test, enabled: false } },
    });
    assert.equal(gateways.online('test'), undefined);
    assert.equal(gateways.any('test')?.id, 'test');
    const view = await gateways.adminUpdate('test', { enabled: true, name: 'Test card' });
    assert.deepEqual([view.enabled, view.name, view.webhookUrl], [true, 'Test card', null]);
    assert.equal(gateways.online('test')?.id, 'test');
  });

  test('an unknown gateway is a 404', async () => {
    const gateways = createGateways({ settings, config: config(), clock });
    await assert.rejects(
      gateways.adminUpdate('paypal', { enabled: true }),
      (error: unknown) => error instanceof HttpError && error.status === 404 && error.code === 'NOT_FOUND',
    );
  });
});
