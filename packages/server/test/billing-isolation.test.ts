import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CARD,
  CHALLENGE_CARD,
  type Client,
  key,
  newClient,
  ok,
  pay,
  paymentsIn,
  placeOrder,
  seedCatalog,
  staffHeaders,
} from './billing-helpers.js';
import { stable, startServer, type TestResponse, type TestServer } from './helpers.js';

/** The answer without what differs per request: its id, and the path it echoes (which holds the id asked for). */
const comparable = (r: TestResponse) => ({
  status: r.status,
  type: r.headers.get('content-type'),
  body: { ...stable(r.body), instance: undefined },
});

describe('billing: one client never reaches another’s invoices, payments, orders or credit', () => {
  let s: TestServer;
  let owner: Client;
  let other: Client;
  let mine: { invoiceId: string; paidInvoiceId: string; paymentId: string; orderId: string };

  before(async () => {
    s = await startServer();
    const catalog = await seedCatalog(s);
    owner = await newClient(s, 'owner@iso.test');
    other = await newClient(s, 'other@iso.test');
    const item = [{ productId: catalog.pro.id, cycle: 'monthly' }];
    const unpaid = await placeOrder(s, owner, item);
    const paid = await placeOrder(s, owner, item);
    const pending = ok(
      await pay(s, owner, unpaid.invoice.id, { gateway: 'test', card: CHALLENGE_CARD }),
      201,
    );
    ok(await pay(s, owner, paid.invoice.id), 201);
    mine = {
      invoiceId: unpaid.invoice.id,
      paidInvoiceId: paid.invoice.id,
      paymentId: pending.id,
      orderId: unpaid.order.id,
    };
    // The other client has credit and an invoice of their own, so nothing they do fails for lack of either.
    ok(
      await s.request('POST', `/api/admin/v1/clients/${other.accountId}/credit`, {
        headers: { ...(await staffHeaders(s)), 'idempotency-key': key() },
        body: { currency: 'USD', amount: 100_000, description: 'Test' },
      }),
      201,
    );
    await placeOrder(s, other, item);
  });
  after(() => s.close());

  /** Every client route that takes an id of one account's billing record. */
  const routes: Array<{
    name: string;
    method: string;
    path: (ids: typeof mine) => string;
    prefix: string;
    body?: Record<string, unknown>;
    idempotent?: boolean;
  }> = [
    { name: 'invoice', method: 'GET', path: (m) => `/api/v1/invoices/${m.invoiceId}`, prefix: 'inv' },
    {
      name: 'paid invoice',
      method: 'GET',
      path: (m) => `/api/v1/invoices/${m.paidInvoiceId}`,
      prefix: 'inv',
    },
    { name: 'invoice PDF', method: 'GET', path: (m) => `/api/v1/invoices/${m.invoiceId}/pdf`, prefix: 'inv' },
    { name: 'payment', method: 'GET', path: (m) => `/api/v1/payments/${m.paymentId}`, prefix: 'pay' },
    { name: 'order', method: 'GET', path: (m) => `/api/v1/orders/${m.orderId}`, prefix: 'ord' },
    {
      name: 'pay',
      method: 'POST',
      path: (m) => `/api/v1/invoices/${m.invoiceId}/payments`,
      prefix: 'inv',
      body: { gateway: 'test', card: CARD },
      idempotent: true,
    },
    {
      name: 'confirm',
      method: 'POST',
      path: (m) => `/api/v1/payments/${m.paymentId}/confirm`,
      prefix: 'pay',
      body: {},
    },
    {
      name: 'apply credit',
      method: 'POST',
      path: (m) => `/api/v1/invoices/${m.invoiceId}/credit`,
      prefix: 'inv',
      body: {},
      idempotent: true,
    },
  ];

  test('each route answers another account’s id exactly as a missing one: 404, same body', async () => {
    for (const route of routes) {
      const send = (path: string) =>
        s.request(route.method, path, {
          headers: { ...other.headers, ...(route.idempotent ? { 'idempotency-key': key() } : {}) },
          ...(route.body ? { body: route.body } : {}),
        });
      const theirs = await send(route.path(mine));
      const missingId = s.app.portico.deps.ids(route.prefix);
      const missing = await send(
        route.path({
          invoiceId: missingId,
          paidInvoiceId: missingId,
          paymentId: missingId,
          orderId: missingId,
        }),
      );
      assert.equal(theirs.status, 404, `${route.name}: ${theirs.text}`);
      assert.equal(theirs.body.code, 'NOT_FOUND');
      assert.deepEqual(comparable(theirs), comparable(missing), route.name);
    }
  });

  test('the same holds for an API token of the other account with every billing scope', async () => {
    const made = ok(
      await s.request('POST', '/api/v1/tokens', {
        headers: other.headers,
        body: { name: 'script', scopes: ['billing:write'] },
      }),
      201,
    );
    const token = { ...other, headers: { authorization: `Bearer ${made.token}` } };
    for (const path of [
      `/api/v1/invoices/${mine.invoiceId}`,
      `/api/v1/payments/${mine.paymentId}`,
      `/api/v1/orders/${mine.orderId}`,
    ]) {
      const r = await s.request('GET', path, { headers: token.headers });
      assert.equal(r.status, 404, path);
    }
    const paid = await pay(s, token, mine.invoiceId);
    assert.equal(paid.status, 404);
  });

  test('nothing the other client tried touched the owner’s records', async () => {
    const payments = await paymentsIn(s, mine.invoiceId);
    assert.deepEqual(
      payments.map((p) => [p.id, p.status]),
      [[mine.paymentId, 'pending']],
    );
    const invoice = ok(
      await s.request('GET', `/api/v1/invoices/${mine.invoiceId}`, { headers: owner.headers }),
    );
    assert.equal(invoice.status, 'unpaid');
    assert.equal(invoice.creditApplied, 0);
    const lists = ok(await s.request('GET', '/api/v1/invoices', { headers: other.headers }));
    assert.ok(lists.items.every((i: any) => i.id !== mine.invoiceId && i.id !== mine.paidInvoiceId));
    const orders = ok(await s.request('GET', '/api/v1/orders', { headers: other.headers }));
    assert.ok(orders.items.every((o: any) => o.id !== mine.orderId));
    const entries = ok(await s.request('GET', '/api/v1/credit/entries', { headers: owner.headers }));
    assert.deepEqual(entries.items, []);
  });
});
