import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type Client,
  invoiceOf,
  key,
  ok,
  pay,
  paymentsIn,
  placeOrder,
  staffHeaders,
  startBilling,
  type TestCatalog,
} from './billing-helpers.js';
import { type StripeStub, startStripeStub } from './fixtures/stripe-stub.js';
import type { TestServer } from './helpers.js';

const SECRET = 'whsec_route_tests';

describe('billing: the Stripe-compatible gateway and its webhooks', () => {
  let s: TestServer;
  let stub: StripeStub;
  let catalog: TestCatalog;
  let ada: Client;
  let webhookUrl: string;

  /** An unpaid invoice and a pending Stripe payment of it; answers both and the PaymentIntent's id. */
  const pendingPayment = async () => {
    const { invoice } = await placeOrder(s, ada, [{ productId: catalog.pro.id, cycle: 'monthly' }]);
    const payment = ok(await pay(s, ada, invoice.id, { gateway: 'stripe' }), 201);
    const [row] = await paymentsIn(s, invoice.id);
    return { invoice, payment, intentId: row!.reference! };
  };
  const events = (eventId?: string) => {
    let q = s.app.portico.db.selectFrom('webhook_events').selectAll();
    if (eventId) q = q.where('event_id', '=', eventId);
    return q.execute();
  };
  const received = async () =>
    (await s.mailsTo(ada.email)).filter((m) => m.subject.startsWith('Payment received')).length;

  before(async () => {
    ({ s, catalog, client: ada } = await startBilling('ada@stripe.test'));
    stub = await startStripeStub({ clock: s.clock });
    webhookUrl = `${s.url}/api/v1/billing/webhooks/stripe`;
  });
  after(async () => {
    await stub.close();
    await s.close();
  });

  test('without a webhook secret the endpoint is not there', async () => {
    const r = await s.request('POST', '/api/v1/billing/webhooks/stripe', {
      raw: '{}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(r.status, 404);
  });

  test('once configured, a card payment waits for the payer with what the browser needs', async () => {
    const gateway = ok(
      await s.request('PATCH', '/api/admin/v1/billing/gateways/stripe', {
        headers: await staffHeaders(s, 'admin'),
        body: {
          enabled: true,
          apiBase: stub.url,
          secretKey: stub.secretKey,
          publishableKey: stub.publishableKey,
          webhookSecret: SECRET,
        },
      }),
    );
    assert.equal(gateway.webhookUrl, `${s.app.portico.config.publicUrl}/api/v1/billing/webhooks/stripe`);
    const { payment, invoice } = await pendingPayment();
    assert.equal(payment.status, 'pending');
    assert.equal(payment.gateway, 'stripe');
    assert.equal(payment.action.type, 'stripe');
    assert.equal(payment.action.publishableKey, stub.publishableKey);
    assert.ok(payment.action.clientSecret);
    assert.equal((await invoiceOf(s, ada, invoice.id)).status, 'unpaid');
  });

  test('an event replayed ten times (some at once) applies once', async () => {
    const { invoice, payment, intentId } = await pendingPayment();
    stub.confirm(intentId, 'succeeded');
    const mailsBefore = await received();
    const id = `evt_replayed_${key()}`;
    const send = () =>
      stub.sendEvent('payment_intent.succeeded', intentId, { webhookUrl, secret: SECRET, id });
    const statuses = [...(await Promise.all([send(), send(), send(), send(), send()]))];
    for (let i = 0; i < 5; i++) statuses.push(await send());
    assert.deepEqual(statuses, Array(10).fill(200));
    assert.equal((await events(id)).length, 1);
    const paid = await invoiceOf(s, ada, invoice.id);
    assert.equal(paid.status, 'paid');
    assert.equal(paid.amountPaid, paid.total, 'paid once, not ten times');
    assert.deepEqual(
      paid.payments.map((p: any) => [p.id, p.status]),
      [[payment.id, 'succeeded']],
    );
    assert.equal(await received(), mailsBefore + 1, 'one receipt');
    const credit = ok(await s.request('GET', '/api/v1/credit', { headers: ada.headers }));
    assert.deepEqual(credit.balances, [], 'no phantom overpayment');
  });

  test('events out of order converge on the gateway’s state', async () => {
    const { invoice, payment, intentId } = await pendingPayment();
    stub.confirm(intentId, 'succeeded');
    // A stale "failed" arrives first: the payment's state is read again, and it succeeded.
    assert.equal(
      await stub.sendEvent('payment_intent.payment_failed', intentId, { webhookUrl, secret: SECRET }),
      200,
    );
    assert.equal(
      await stub.sendEvent('payment_intent.succeeded', intentId, { webhookUrl, secret: SECRET }),
      200,
    );
    assert.equal(await stub.sendEvent('charge.succeeded', intentId, { webhookUrl, secret: SECRET }), 200);
    const done = ok(await s.request('GET', `/api/v1/payments/${payment.id}`, { headers: ada.headers }));
    assert.equal(done.status, 'succeeded');
    assert.equal(done.method, 'Visa •••• 4242');
    assert.equal((await invoiceOf(s, ada, invoice.id)).amountPaid, 2_500);
  });

  test('a bad signature, an old timestamp or no signature is 400 WEBHOOK_INVALID and applies nothing', async () => {
    const { invoice, payment, intentId } = await pendingPayment();
    stub.confirm(intentId, 'succeeded');
    const eventsBefore = (await events()).length;
    const now = Math.floor(s.clock.now().getTime() / 1000);
    const tries = [
      { signature: `t=${now},v1=${'0'.repeat(64)}` },
      { signature: null },
      { signature: 'garbage' },
      { timestamp: now - 301 },
      { timestamp: now + 301 },
    ];
    for (const extra of tries) {
      const status = await stub.sendEvent('payment_intent.succeeded', intentId, {
        webhookUrl,
        secret: SECRET,
        id: 'evt_bad',
        ...extra,
      });
      assert.equal(status, 400, JSON.stringify(extra));
    }
    const wrongSecret = await stub.sendEvent('payment_intent.succeeded', intentId, {
      webhookUrl,
      secret: 'whsec_someone_else',
    });
    assert.equal(wrongSecret, 400);
    const direct = await s.request('POST', '/api/v1/billing/webhooks/stripe', {
      raw: '{"id":"evt_x","type":"payment_intent.succeeded"}',
      headers: { 'content-type': 'application/json', 'stripe-signature': `t=${now},v1=${'a'.repeat(64)}` },
    });
    assert.equal(direct.status, 400);
    assert.equal(direct.body.code, 'WEBHOOK_INVALID');
    assert.equal((await events()).length, eventsBefore, 'no event recorded');
    assert.equal(
      ok(await s.request('GET', `/api/v1/payments/${payment.id}`, { headers: ada.headers })).status,
      'pending',
    );
    assert.equal((await invoiceOf(s, ada, invoice.id)).status, 'unpaid');
    // Within the tolerance it is accepted.
    assert.equal(
      await stub.sendEvent('payment_intent.succeeded', intentId, {
        webhookUrl,
        secret: SECRET,
        timestamp: now - 299,
      }),
      200,
    );
    assert.equal((await invoiceOf(s, ada, invoice.id)).status, 'paid');
  });

  test('an event of another type is recorded and ignored', async () => {
    const { invoice, intentId } = await pendingPayment();
    stub.confirm(intentId, 'succeeded');
    const id = `evt_other_${key()}`;
    assert.equal(await stub.sendEvent('customer.created', intentId, { webhookUrl, secret: SECRET, id }), 200);
    assert.deepEqual(
      (await events(id)).map((e) => e.type),
      ['customer.created'],
    );
    assert.equal((await invoiceOf(s, ada, invoice.id)).status, 'unpaid');
  });

  test('the payer’s confirmation reads the gateway’s state; a failed gateway call charges nothing', async () => {
    const { invoice, payment, intentId } = await pendingPayment();
    const early = ok(
      await s.request('POST', `/api/v1/payments/${payment.id}/confirm`, { headers: ada.headers, body: {} }),
    );
    assert.equal(early.status, 'pending', 'the payer has not finished yet');
    stub.confirm(intentId, 'succeeded');
    const done = ok(
      await s.request('POST', `/api/v1/payments/${payment.id}/confirm`, { headers: ada.headers, body: {} }),
    );
    assert.equal(done.status, 'succeeded');
    assert.equal((await invoiceOf(s, ada, invoice.id)).status, 'paid');

    const other = (await placeOrder(s, ada, [{ productId: catalog.pro.id, cycle: 'monthly' }])).invoice;
    const charges = stub.charges;
    stub.failNext(500, 'The stub is down');
    const failed = await pay(s, ada, other.id, { gateway: 'stripe' });
    assert.equal(failed.status, 502);
    assert.equal(failed.body.code, 'GATEWAY_ERROR');
    assert.deepEqual(
      (await paymentsIn(s, other.id)).map((p) => p.status),
      ['failed'],
    );
    assert.equal(stub.charges, charges, 'nothing was charged');
    stub.outcome = 'succeeded';
    try {
      assert.equal(ok(await pay(s, ada, other.id, { gateway: 'stripe' }), 201).status, 'succeeded');
    } finally {
      stub.outcome = 'pending';
    }
  });

  test('a refund goes back through the gateway once', async () => {
    const { invoice, payment, intentId } = await pendingPayment();
    stub.confirm(intentId, 'succeeded');
    ok(await s.request('POST', `/api/v1/payments/${payment.id}/confirm`, { headers: ada.headers, body: {} }));
    const refunds = stub.refunds;
    const headers = { ...(await staffHeaders(s, 'billing')), 'idempotency-key': key() };
    const [a, b] = await Promise.all([
      s.request('POST', `/api/admin/v1/invoices/${invoice.id}/refund`, { headers, body: {} }),
      s.request('POST', `/api/admin/v1/invoices/${invoice.id}/refund`, { headers, body: {} }),
    ]);
    assert.equal(ok(a).status, 'refunded');
    assert.deepEqual(b.body, a.body);
    assert.equal(stub.refunds, refunds + 1);
    assert.equal(stub.intents.get(intentId)!.amount_refunded, 2_500);
  });
});
