import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createPortalClient, isPortalApiError } from '../src/index.js';
import { type PorticoServer, startPortico } from './portico-server.js';

const CARD = { number: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };

describe('the billing resources against a real Portico server', () => {
  let portico: PorticoServer;
  let baseUrl: string;
  let productId: string;
  const email = 'katherine@example.com';
  const password = 'orbital mechanics by hand';

  before(async () => {
    portico = await startPortico();
    baseUrl = portico.baseUrl;
    const { db, deps } = portico.app.portico;
    const now = deps.clock.now().toISOString();
    const groupId = deps.ids('pgrp');
    productId = deps.ids('prod');
    await db
      .insertInto('product_groups')
      .values({ id: groupId, slug: 'hosting', name: 'Hosting', created_at: now, updated_at: now })
      .execute();
    await db
      .insertInto('products')
      .values({
        id: productId,
        group_id: groupId,
        slug: 'starter',
        name: 'Starter',
        type: 'hosting',
        stock: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('product_prices')
      .values([
        { product_id: productId, currency: 'USD', cycle: 'monthly', amount: 500, setup_fee: 0 },
        { product_id: productId, currency: 'USD', cycle: 'annual', amount: 5000, setup_fee: 0 },
      ])
      .execute();
    const portal = createPortalClient({ baseUrl, mode: 'token' });
    await portal.auth.register({ name: 'Katherine Johnson', email, password });
    await portal.auth.verifyEmail({ email, code: await portico.codeFor(email) });
  });
  after(() => portico.close());

  const signedIn = async (fetchImpl?: typeof fetch) => {
    const portal = createPortalClient({ baseUrl, mode: 'token', ...(fetchImpl ? { fetch: fetchImpl } : {}) });
    await portal.auth.login({ email, password });
    return portal;
  };

  test('the store lists the product and quotes it as the server prices it', async () => {
    const portal = await signedIn();
    const catalog = await portal.store.catalog();
    assert.equal(catalog.currency, 'USD');
    const product = catalog.groups[0]?.products[0];
    assert.equal(product?.id, productId);
    assert.deepEqual(
      product?.prices.map((p) => [p.cycle, p.amount]),
      [
        ['monthly', 500],
        ['annual', 5000],
      ],
    );
    const quote = await portal.store.quote({ items: [{ productId, cycle: 'annual' }] });
    assert.equal(quote.total, 5000);
    assert.equal(quote.total, quote.subtotal + quote.tax);
  });

  test('an order sends an Idempotency-Key; the same key twice places one order', async () => {
    const keys: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'POST' && new URL(request.url).pathname === '/api/v1/orders') {
        keys.push(request.headers.get('idempotency-key') ?? '');
      }
      return fetch(request);
    };
    const portal = await signedIn(recording);
    const first = await portal.orders.place({ items: [{ productId, cycle: 'monthly' }] });
    assert.equal(keys.length, 1);
    assert.match(keys[0]!, /^[0-9a-f]{32}$/);
    const again = await portal.orders.place(
      { items: [{ productId, cycle: 'monthly' }] },
      { idempotencyKey: 'order-attempt-1' },
    );
    const repeat = await portal.orders.place(
      { items: [{ productId, cycle: 'monthly' }] },
      { idempotencyKey: 'order-attempt-1' },
    );
    assert.equal(repeat.order.id, again.order.id);
    assert.notEqual(again.order.id, first.order.id);
    assert.equal(keys[1], 'order-attempt-1');
    assert.equal(keys[2], 'order-attempt-1');
  });

  test('a POST whose answer is lost is retried with the same key and charges once', async () => {
    let dropped = 0;
    const keys: string[] = [];
    const losing: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await fetch(request.clone());
      if (request.method === 'POST' && /\/payments$/.test(new URL(request.url).pathname)) {
        keys.push(request.headers.get('idempotency-key') ?? '');
        if (dropped++ === 0) throw new TypeError('fetch failed: the connection was reset');
      }
      return response;
    };
    const portal = await signedIn(losing);
    const { invoice } = await portal.orders.place({ items: [{ productId, cycle: 'annual' }] });
    const payment = await portal.invoices.pay(invoice.id, { gateway: 'test', card: CARD });
    assert.equal(payment.status, 'succeeded');
    assert.equal(keys.length, 2, 'the SDK retried the POST once');
    assert.equal(keys[0], keys[1], 'with the same Idempotency-Key');
    const paid = await portal.invoices.get(invoice.id);
    assert.equal(paid.status, 'paid');
    assert.equal(paid.payments.length, 1, 'one charge');
    assert.equal(paid.amountPaid, invoice.total);
  });

  test('the PDF downloads as a Blob; paying a paid invoice is a typed error', async () => {
    const portal = await signedIn();
    const { invoice } = await portal.orders.place({ items: [{ productId, cycle: 'monthly' }] });
    await portal.invoices.pay(invoice.id, { gateway: 'test', card: CARD });
    const pdf = await portal.invoices.pdf(invoice.id);
    assert.equal(pdf.type, 'application/pdf');
    assert.equal(Buffer.from(await pdf.slice(0, 5).arrayBuffer()).toString('latin1'), '%PDF-');
    await assert.rejects(
      portal.invoices.pay(invoice.id, { gateway: 'test', card: CARD }),
      (error) => isPortalApiError(error) && error.code === 'INVOICE_NOT_PAYABLE' && error.status === 409,
    );
  });

  test('services and the dashboard show what was bought', async () => {
    const portal = await signedIn();
    const { items } = await portal.services.list({ status: 'active' });
    assert.ok(items.length >= 2, 'the paid orders activated their services');
    assert.ok(items.every((s) => s.productName === 'Starter'));
    const dashboard = await portal.services.dashboard();
    assert.equal(dashboard.activeServices, items.length);
    assert.ok(dashboard.recentInvoices?.length);
    const credit = await portal.payments.credit();
    assert.deepEqual(credit.balances, []);
  });
});
