import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type Client,
  key,
  newClient,
  ok,
  placeOrder,
  seedCatalog,
  staffHeaders,
  type TestCatalog,
} from './billing-helpers.js';
import { startServer, type TestServer } from './helpers.js';

describe('billing: the store and orders', () => {
  let s: TestServer;
  let catalog: TestCatalog;
  let ada: Client;

  const setTax = async (taxRules: unknown[]) =>
    ok(
      await s.request('PATCH', '/api/admin/v1/billing/settings', {
        headers: await staffHeaders(s, 'admin'),
        body: { taxRules },
      }),
    );

  before(async () => {
    s = await startServer();
    catalog = await seedCatalog(s);
    ada = await newClient(s, 'ada@store.test', { address: { country: 'ES', city: 'Madrid' } });
  });
  after(() => s.close());

  test('guests see the visible catalog in the default currency, prices in cycle order', async () => {
    const store = ok(await s.request('GET', '/api/v1/store'));
    assert.equal(store.currency, 'USD');
    assert.deepEqual(store.currencies, ['USD', 'EUR', 'JPY']);
    assert.equal(store.termsUrl, null);
    assert.equal(store.groups.length, 1);
    const products = store.groups[0].products;
    assert.deepEqual(
      products.map((p: any) => p.name),
      ['Starter', 'Pro', 'Site migration', 'Limited'],
      'the hidden product is left out',
    );
    const starter = products[0];
    assert.deepEqual(
      starter.prices.map((p: any) => [p.cycle, p.amount, p.setupFee]),
      [
        ['monthly', 1_000, 500],
        ['annual', 10_000, 0],
      ],
    );
    assert.deepEqual(starter.features, ['1 site', '10 GB']);
    assert.equal(products[1].featured, true);
    assert.ok(products.every((p: any) => p.inStock));
  });

  test('another currency: only what has a price in it; the account’s currency is its default', async () => {
    const eur = ok(await s.request('GET', '/api/v1/store?currency=eur'));
    assert.equal(eur.currency, 'EUR');
    assert.deepEqual(
      eur.groups.flatMap((g: any) => g.products.map((p: any) => [p.name, p.prices.length])),
      [['Starter', 1]],
    );
    const yen = ok(await s.request('GET', '/api/v1/store?currency=JPY'));
    assert.deepEqual(yen.groups, [], 'groups without a priced product are left out');
    const refused = await s.request('GET', '/api/v1/store?currency=GBP');
    assert.equal(refused.status, 400);
    assert.equal(refused.body.code, 'CURRENCY_NOT_ENABLED');
    const euro = await newClient(s, 'euro@store.test', { currency: 'EUR' });
    assert.equal(ok(await s.request('GET', '/api/v1/store', { headers: euro.headers })).currency, 'EUR');
    assert.equal(ok(await s.request('GET', '/api/v1/store', { headers: ada.headers })).currency, 'USD');
  });

  test('one product by slug or id; hidden or unpriced ones are 404', async () => {
    const bySlug = ok(await s.request('GET', `/api/v1/store/products/${catalog.pro.slug}`));
    const byId = ok(await s.request('GET', `/api/v1/store/products/${catalog.pro.id}`));
    assert.deepEqual(bySlug, byId);
    assert.equal(bySlug.name, 'Pro');
    const hidden = await s.request('GET', `/api/v1/store/products/${catalog.hidden.slug}`);
    assert.equal(hidden.status, 404);
    const unpriced = await s.request('GET', `/api/v1/store/products/${catalog.pro.slug}?currency=EUR`);
    assert.equal(unpriced.status, 404);
  });

  test('a quote prices every line on the server, with the guest’s country or the account’s address for tax', async () => {
    await setTax([
      { name: 'IVA', rateBps: 2_100, country: 'ES' },
      { name: 'VAT', rateBps: 2_000, country: 'GB' },
    ]);
    const items = [
      { productId: catalog.starter.id, cycle: 'monthly', quantity: 2, price: 1 },
      { productId: catalog.pro.id, cycle: 'monthly' },
    ];
    const guest = ok(await s.request('POST', '/api/v1/store/quote', { body: { items, country: 'gb' } }));
    assert.deepEqual(
      guest.lines.map((l: any) => [l.kind, l.quantity, l.unitAmount, l.amount, l.taxable]),
      [
        ['product', 2, 1_000, 2_000, true],
        ['setup', 2, 500, 1_000, true],
        ['product', 1, 2_500, 2_500, false],
      ],
    );
    assert.equal(guest.subtotal, 5_500);
    assert.equal(guest.taxName, 'VAT');
    assert.equal(guest.tax, 600); // 20% of the taxable 3 000 (Pro is not taxable)
    assert.equal(guest.total, 6_100);
    const nowhere = ok(await s.request('POST', '/api/v1/store/quote', { body: { items } }));
    assert.equal(nowhere.tax, 0);
    assert.equal(nowhere.taxName, null);
    // Ada lives in Spain: her address wins over the country in the request.
    const signedIn = ok(
      await s.request('POST', '/api/v1/store/quote', {
        headers: ada.headers,
        body: { items, country: 'GB' },
      }),
    );
    assert.equal(signedIn.taxName, 'IVA');
    assert.equal(signedIn.tax, 630);
    await setTax([]);
  });

  test('a quote refuses hidden products, cycles without a price and more than the stock', async () => {
    const quote = (items: unknown[]) => s.request('POST', '/api/v1/store/quote', { body: { items } });
    const hidden = await quote([{ productId: catalog.hidden.id, cycle: 'monthly' }]);
    assert.equal(hidden.status, 422);
    assert.equal(hidden.body.code, 'PRODUCT_UNAVAILABLE');
    assert.equal(hidden.body.errors[0].path, 'items.0.productId');
    const cycle = await quote([
      { productId: catalog.pro.id, cycle: 'monthly' },
      { productId: catalog.pro.id, cycle: 'annual' },
    ]);
    assert.equal(cycle.body.code, 'PRODUCT_UNAVAILABLE');
    assert.equal(cycle.body.errors[0].path, 'items.1.productId');
    const stock = await quote([{ productId: catalog.limited.id, cycle: 'monthly', quantity: 3 }]);
    assert.equal(stock.status, 409);
    assert.equal(stock.body.code, 'OUT_OF_STOCK');
  });

  test('the store is 404 when the business hides it', async () => {
    await s.app.portico.settings.update({
      sections: { ...s.app.portico.settings.current.sections, store: false },
    });
    try {
      for (const r of [
        await s.request('GET', '/api/v1/store'),
        await s.request('GET', `/api/v1/store/products/${catalog.pro.slug}`),
        await s.request('POST', '/api/v1/store/quote', {
          body: { items: [{ productId: catalog.pro.id, cycle: 'monthly' }] },
        }),
      ]) {
        assert.equal(r.status, 404, r.text);
        assert.equal(r.body.code, 'NOT_FOUND');
      }
    } finally {
      await s.app.portico.settings.update({
        sections: { ...s.app.portico.settings.current.sections, store: true },
      });
    }
  });

  test('regression: prices and totals sent with an order are ignored; the server prices it', async () => {
    const tampered = {
      items: [
        { productId: catalog.starter.id, cycle: 'monthly', quantity: 2, price: 1, amount: 1, unitAmount: 1 },
        { productId: catalog.migration.id, cycle: 'one_time', price: 0, setupFee: 0 },
      ],
      total: 1,
      amount: 1,
      price: 1,
      subtotal: 1,
      tax: 0,
      currency: 'USD',
    };
    const r = await s.request('POST', '/api/v1/orders', {
      headers: { ...ada.headers, 'idempotency-key': key() },
      body: tampered,
    });
    const { order, invoice } = ok(r, 201);
    assert.equal(invoice.subtotal, 2 * 1_000 + 2 * 500 + 15_000);
    assert.equal(invoice.total, 18_000);
    assert.equal(order.total, 18_000);
    assert.deepEqual(
      invoice.lines.map((l: any) => [l.kind, l.quantity, l.unitAmount]),
      [
        ['product', 1, 1_000],
        ['product', 1, 1_000],
        ['setup', 2, 500],
        ['product', 1, 15_000],
      ],
    );
  });

  test('an order writes pending services, an unpaid numbered invoice with periods, and mails the invoice', async () => {
    const before = (await s.mailsTo(ada.email)).length;
    const { order, invoice } = await placeOrder(s, ada, [
      { productId: catalog.starter.id, cycle: 'annual', quantity: 2 },
      { productId: catalog.migration.id, cycle: 'one_time' },
    ]);
    assert.equal(order.status, 'pending');
    assert.equal(order.invoiceId, invoice.id);
    assert.equal(invoice.status, 'unpaid');
    assert.match(invoice.number, /^INV-\d{5}$/);
    assert.equal(invoice.issuedAt, s.clock.now().toISOString());
    assert.equal(invoice.dueAt, new Date(s.clock.now().getTime() + 14 * 86_400_000).toISOString());
    assert.equal(invoice.balance, invoice.total);
    assert.deepEqual(
      order.items.map((i: any) => [i.name, i.cycle, i.quantity, i.serviceIds.length]),
      [
        ['Starter', 'annual', 2, 2],
        ['Site migration', 'one_time', 1, 1],
      ],
    );
    const services = await s.app.portico.db
      .selectFrom('services')
      .selectAll()
      .where('order_id', '=', order.id)
      .orderBy('id')
      .execute();
    assert.equal(services.length, 3);
    assert.ok(services.every((sv) => sv.status === 'pending' && sv.label === null && sv.currency === 'USD'));
    assert.deepEqual(services.map((sv) => sv.amount).sort(), [10_000, 10_000, 15_000]);
    const lines = invoice.lines.filter((l: any) => l.kind === 'product');
    assert.deepEqual(lines.map((l: any) => l.serviceId).sort(), services.map((sv) => sv.id).sort());
    const now = s.clock.now().toISOString();
    assert.ok(lines.every((l: any) => l.periodStart === now));
    assert.deepEqual(
      lines.map((l: any) => l.periodEnd),
      ['2027-03-02T09:00:00.000Z', '2027-03-02T09:00:00.000Z', null],
      'a year for each annual unit, none for the one-time service',
    );
    const mails = (await s.mailsTo(ada.email)).slice(before);
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject, new RegExp(`Invoice ${invoice.number}`));
    const listed = ok(await s.request('GET', '/api/v1/orders?limit=1', { headers: ada.headers }));
    assert.equal(listed.items[0].id, order.id, 'newest first');
    assert.ok(listed.nextCursor);
    const next = ok(
      await s.request('GET', `/api/v1/orders?limit=1&cursor=${listed.nextCursor}`, { headers: ada.headers }),
    );
    assert.notEqual(next.items[0].id, order.id);
    assert.deepEqual(
      ok(await s.request('GET', `/api/v1/orders/${order.id}`, { headers: ada.headers })),
      order,
    );
  });

  test('an order with the same Idempotency-Key is placed once', async () => {
    const headers = { ...ada.headers, 'idempotency-key': key() };
    const body = { items: [{ productId: catalog.pro.id, cycle: 'monthly' }] };
    const [a, b] = await Promise.all([
      s.request('POST', '/api/v1/orders', { headers, body }),
      s.request('POST', '/api/v1/orders', { headers, body }),
    ]);
    assert.equal(ok(a, 201).order.id, ok(b, 201).order.id);
    const again = await s.request('POST', '/api/v1/orders', { headers, body });
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.body.order.id, a.body.order.id);
  });

  test('Terms of Service must be accepted when the business has them', async () => {
    await s.app.portico.settings.update({ termsUrl: 'https://northwind.example/terms' });
    try {
      const items = [{ productId: catalog.pro.id, cycle: 'monthly' }];
      const refused = await s.request('POST', '/api/v1/orders', {
        headers: { ...ada.headers, 'idempotency-key': key() },
        body: { items },
      });
      assert.equal(refused.status, 422);
      assert.equal(refused.body.code, 'TERMS_NOT_ACCEPTED');
      assert.equal(ok(await s.request('GET', '/api/v1/store')).termsUrl, 'https://northwind.example/terms');
      await placeOrder(s, ada, items, { acceptTerms: true });
    } finally {
      await s.app.portico.settings.update({ termsUrl: null });
    }
  });

  test('stock is taken atomically: parallel orders never take more units than there are', async () => {
    const units = async () =>
      (
        await s.app.portico.db
          .selectFrom('products')
          .select('stock')
          .where('id', '=', catalog.limited.id)
          .executeTakeFirstOrThrow()
      ).stock;
    assert.equal(await units(), 2);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        s.request('POST', '/api/v1/orders', {
          headers: { ...ada.headers, 'idempotency-key': key() },
          body: { items: [{ productId: catalog.limited.id, cycle: 'monthly' }] },
        }),
      ),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 201, 409, 409, 409, 409]);
    assert.ok(results.filter((r) => r.status === 409).every((r) => r.body.code === 'OUT_OF_STOCK'));
    assert.equal(await units(), 0);
    const product = ok(await s.request('GET', `/api/v1/store/products/${catalog.limited.slug}`));
    assert.equal(product.inStock, false);
    // A refused order left nothing behind.
    const services = await s.app.portico.db
      .selectFrom('services')
      .select('id')
      .where('product_id', '=', catalog.limited.id)
      .execute();
    assert.equal(services.length, 2);
  });

  test('a free order is paid at once: its order and services become active', async () => {
    const headers = await staffHeaders(s, 'billing');
    const free = ok(
      await s.request('POST', '/api/admin/v1/products', {
        headers,
        body: {
          groupId: catalog.groupId,
          name: 'Free trial',
          prices: [{ currency: 'USD', cycle: 'monthly', amount: 0 }],
        },
      }),
      201,
    );
    const { order, invoice } = await placeOrder(s, ada, [{ productId: free.id, cycle: 'monthly' }]);
    assert.equal(invoice.total, 0);
    assert.equal(invoice.status, 'paid');
    assert.equal(invoice.paidAt, s.clock.now().toISOString());
    const placed = ok(await s.request('GET', `/api/v1/orders/${order.id}`, { headers: ada.headers }));
    assert.equal(placed.status, 'active');
    const service = await s.app.portico.db
      .selectFrom('services')
      .select('status')
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    assert.equal(service.status, 'active');
  });
});
