import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, signIn } from './account-helpers.js';
import { staffSession, startServer, type TestServer } from './helpers.js';
import {
  insertService,
  issueInvoice,
  newClient,
  orderService,
  serviceRow,
  settleInvoice,
  subjectsTo,
  type TestClient,
} from './services-helpers.js';

describe('what an invoice’s fate does to its services', () => {
  let s: TestServer;
  let ada: TestClient;
  before(async () => {
    s = await startServer();
    ada = await newClient(s, 'ada@lifecycle.test');
  });
  after(() => s.close());

  test('paying the first invoice activates its pending service until the period end, and the order', async () => {
    const { service, invoice } = await orderService(s, ada.accountId, { cycle: 'annual' });
    const { db, deps } = s.app.portico;
    const at = deps.clock.now().toISOString();
    await db
      .insertInto('orders')
      .values({
        id: deps.ids('ord'),
        account_id: ada.accountId,
        user_id: null,
        status: 'pending',
        currency: 'USD',
        total: invoice.total,
        invoice_id: invoice.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await settleInvoice(s, invoice.id, 'paid');
    const row = await serviceRow(s, service.id);
    assert.equal(row.status, 'active');
    assert.equal(row.activated_at, at);
    assert.equal(row.next_due_at, '2027-03-02T09:00:00.000Z');
    const order = await db
      .selectFrom('orders')
      .select('status')
      .where('invoice_id', '=', invoice.id)
      .executeTakeFirstOrThrow();
    assert.equal(order.status, 'active');
    assert.ok((await subjectsTo(s, ada.email)).includes('Web hosting is active'));
  });

  test('a one-time service has no next due date', async () => {
    const { service, invoice } = await orderService(s, ada.accountId, { cycle: 'one_time' });
    await settleInvoice(s, invoice.id, 'paid');
    const row = await serviceRow(s, service.id);
    assert.equal(row.status, 'active');
    assert.equal(row.next_due_at, null);
  });

  test('mail queued by a hook goes out only when the payment commits', async () => {
    const eve = await newClient(s, 'eve@lifecycle.test');
    const { service, invoice } = await orderService(s, eve.accountId, { label: 'rolled-back.example' });
    await assert.rejects(settleInvoice(s, invoice.id, 'paid', { fail: true }), /on purpose/);
    assert.equal((await serviceRow(s, service.id)).status, 'pending');
    const subjects = await subjectsTo(s, eve.email);
    assert.ok(!subjects.some((x) => x.includes('rolled-back.example')), subjects.join(' | '));
    await settleInvoice(s, invoice.id, 'paid');
    assert.ok((await subjectsTo(s, eve.email)).includes('Web hosting (rolled-back.example) is active'));
  });

  test('cancelling the unpaid first invoice cancels its pending service', async () => {
    const { service, invoice } = await orderService(s, ada.accountId);
    await settleInvoice(s, invoice.id, 'cancelled');
    const row = await serviceRow(s, service.id);
    assert.equal(row.status, 'cancelled');
    assert.equal(row.cancelled_at, s.clock.now().toISOString());
  });

  test('refunding the first invoice cancels the service; refunding a renewal does not', async () => {
    const { service, invoice } = await orderService(s, ada.accountId, { label: 'refunded.example' });
    await settleInvoice(s, invoice.id, 'paid');
    const active = await insertService(s, ada.accountId, { nextDueAt: '2026-04-01T00:00:00.000Z' });
    const renewal = await issueInvoice(s, ada.accountId, [
      {
        kind: 'renewal',
        description: 'Renewal',
        quantity: 1,
        unitAmount: 1000,
        taxable: true,
        serviceId: active.id,
        periodStart: '2026-04-01T00:00:00.000Z',
        periodEnd: '2026-05-01T00:00:00.000Z',
      },
    ]);
    await settleInvoice(s, renewal.id, 'paid');
    assert.equal((await serviceRow(s, active.id)).next_due_at, '2026-05-01T00:00:00.000Z');
    await settleInvoice(s, renewal.id, 'refunded');
    assert.equal((await serviceRow(s, active.id)).status, 'active');
    await settleInvoice(s, invoice.id, 'refunded');
    assert.equal((await serviceRow(s, service.id)).status, 'cancelled');
    assert.ok((await subjectsTo(s, ada.email)).includes('Web hosting (refunded.example) is cancelled'));
  });

  test('a renewal paid late or early never moves the due date backwards', async () => {
    const service = await insertService(s, ada.accountId, { nextDueAt: '2026-06-01T00:00:00.000Z' });
    const old = await issueInvoice(s, ada.accountId, [
      {
        kind: 'renewal',
        description: 'Old period',
        quantity: 1,
        unitAmount: 1000,
        taxable: true,
        serviceId: service.id,
        periodStart: '2026-04-01T00:00:00.000Z',
        periodEnd: '2026-05-01T00:00:00.000Z',
      },
    ]);
    await settleInvoice(s, old.id, 'paid');
    assert.equal((await serviceRow(s, service.id)).next_due_at, '2026-06-01T00:00:00.000Z');
  });
});

describe('services through billing’s own routes', () => {
  test('order, pay by card, renew, record the renewal’s payment, refund', async () => {
    const s = await startServer();
    try {
      const ada = await newClient(s, 'ada@flow.test');
      let billing = await staffSession(s, 'billing');
      const group = await s.request('POST', '/api/admin/v1/product-groups', {
        headers: billing.headers,
        body: { name: 'Hosting' },
      });
      assert.equal(group.status, 201, group.text);
      const product = await s.request('POST', '/api/admin/v1/products', {
        headers: billing.headers,
        body: {
          groupId: group.body.id,
          name: 'Starter hosting',
          prices: [{ currency: 'USD', cycle: 'monthly', amount: 900 }],
        },
      });
      assert.equal(product.status, 201, product.text);
      const order = await s.request('POST', '/api/v1/orders', {
        headers: ada.headers,
        body: { items: [{ productId: product.body.id, cycle: 'monthly' }] },
      });
      assert.equal(order.status, 201, order.text);
      const [serviceId] = order.body.order.items[0].serviceIds;
      const pending = await s.request('GET', `/api/v1/services/${serviceId}`, { headers: ada.headers });
      assert.equal(pending.body.status, 'pending');

      const paid = await s.request('POST', `/api/v1/invoices/${order.body.invoice.id}/payments`, {
        headers: ada.headers,
        body: { gateway: 'test', card: { number: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' } },
      });
      assert.equal(paid.status, 201, paid.text);
      const active = await s.request('GET', `/api/v1/services/${serviceId}`, { headers: ada.headers });
      assert.equal(active.body.status, 'active');
      assert.equal(active.body.nextDueAt, '2026-04-02T09:00:00.000Z');
      assert.ok((await subjectsTo(s, ada.email)).includes('Starter hosting is active'));

      s.clock.advance(20 * 86_400_000);
      assert.equal((await s.app.portico.services.runJob()).renewals, 1);
      // Three weeks on, both sessions have lapsed: sign in again.
      ada.headers = bearer(await signIn(s, ada.email));
      billing = await staffSession(s, 'billing');
      const invoices = await s.request('GET', '/api/v1/invoices?status=unpaid', { headers: ada.headers });
      const renewal = invoices.body.items[0];
      assert.equal(renewal.total, 900);
      assert.equal(renewal.dueAt, '2026-04-02T09:00:00.000Z');
      const recorded = await s.request('POST', `/api/admin/v1/invoices/${renewal.id}/payments`, {
        headers: billing.headers,
        body: { amount: 900, method: 'Bank transfer' },
      });
      assert.equal(recorded.status, 201, recorded.text);
      const renewed = await s.request('GET', `/api/v1/services/${serviceId}`, { headers: ada.headers });
      assert.equal(renewed.body.nextDueAt, '2026-05-02T09:00:00.000Z');

      const refunded = await s.request('POST', `/api/admin/v1/invoices/${order.body.invoice.id}/refund`, {
        headers: billing.headers,
        body: { toCredit: true },
      });
      assert.equal(refunded.status, 200, refunded.text);
      const cancelled = await s.request('GET', `/api/v1/services/${serviceId}`, { headers: ada.headers });
      assert.equal(cancelled.body.status, 'cancelled');
    } finally {
      await s.close();
    }
  });
});
