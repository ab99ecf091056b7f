import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, key, newClient, ok, staffHeaders } from './billing-helpers.js';
import { domainRow } from './domains-helpers.js';
import {
  localRegistrar,
  NAMESERVERS,
  orderDomains,
  placeDomainOrder,
  startDomainShop,
} from './domains-lifecycle-helpers.js';
import type { TestServer } from './helpers.js';
import { insertProduct } from './services-helpers.js';

const quote = (s: TestServer, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  s.request('POST', '/api/v1/store/quote', { headers, body });

describe('domains in quotes and orders', () => {
  let s: TestServer;
  let ada: Client;

  before(async () => {
    ({ s, client: ada } = await startDomainShop('ada@example.com'));
  });
  after(() => s.close());

  test('a quote prices domains from the TLD grid; money fields in the request are never read', async () => {
    const q = ok(
      await quote(s, {
        domains: [
          { domain: 'bücher.com', action: 'register', years: 2, price: 1, amount: 1 },
          { domain: 'moved-here.net', action: 'transfer', eppCode: 'Abc-123', unitAmount: 0 },
        ],
        currency: 'USD',
        total: 5,
      }),
    );
    assert.equal(q.currency, 'USD');
    assert.deepEqual(
      q.lines.map((l: any) => [l.kind, l.description, l.quantity, l.unitAmount, l.amount]),
      [
        ['domain_register', 'Domain registration: bücher.com (2 years)', 1, 1900, 1900],
        ['domain_transfer', 'Domain transfer: moved-here.net (1 year added)', 1, 800, 800],
      ],
    );
    assert.equal(q.subtotal, 2700);
    assert.equal(q.total, q.subtotal + q.tax);
  });

  test('bad domain items are field errors, never a 500', async () => {
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ domain: 'example.shop', action: 'register' }, 422, 'TLD_NOT_OFFERED', 'domains.0.domain'],
      [{ domain: 'example.com', action: 'register', years: 3 }, 422, 'PRICE_UNAVAILABLE', 'domains.0.years'],
      [
        { domain: 'example.org', action: 'transfer', years: 2, eppCode: 'x' },
        422,
        'PRICE_UNAVAILABLE',
        'domains.0.years',
      ],
      [{ domain: 'www.example.com', action: 'register' }, 400, 'VALIDATION_FAILED', 'domains.0.domain'],
      [{ domain: 'exa mple.com', action: 'register' }, 400, 'VALIDATION_FAILED', 'domains.0.domain'],
      [{ domain: 'example.org', action: 'transfer' }, 400, 'VALIDATION_FAILED', 'domains.0.eppCode'],
      [{ domain: 'example.org', action: 'buy' }, 400, 'VALIDATION_FAILED', 'domains.0.action'],
      [{ domain: 'example.org', action: 'register', years: 11 }, 400, 'VALIDATION_FAILED', 'domains.0.years'],
    ];
    for (const [item, status, code, path] of cases) {
      for (const r of [await quote(s, { domains: [item] }), await orderDomains(s, ada, [item])]) {
        assert.equal(r.status, status, `${JSON.stringify(item)}: ${r.text}`);
        assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
        assert.equal(r.body.code, code, JSON.stringify(item));
        assert.ok(
          r.body.errors.some((e: { path: string }) => e.path === path),
          `${JSON.stringify(item)}: ${JSON.stringify(r.body.errors)}`,
        );
      }
    }
    const twice = await orderDomains(s, ada, [
      { domain: 'twice-over.com', action: 'register' },
      { domain: 'TWICE-over.com', action: 'register' },
    ]);
    // VALIDATION_FAILED is 400 across the API, whether the schema or the service finds the problem.
    assert.equal(twice.status, 400);
    assert.equal(twice.body.code, 'VALIDATION_FAILED');
    assert.equal(twice.body.errors[0].path, 'domains.1.domain');
    assert.equal(await s.app.portico.db.selectFrom('domains').select('id').executeTakeFirst(), undefined);
  });

  test('a domain-only order writes a pending domain and an unpaid invoice naming it', async () => {
    const { order, invoice } = await placeDomainOrder(s, ada, [
      { domain: 'ada-lovelace.com', action: 'register', years: 2 },
    ]);
    assert.equal(order.status, 'pending');
    assert.deepEqual(order.items, []);
    assert.equal(order.domains.length, 1);
    const [domain] = order.domains;
    assert.deepEqual(
      { ...domain, domainId: undefined },
      {
        domainId: undefined,
        domain: 'ada-lovelace.com',
        unicode: 'ada-lovelace.com',
        action: 'register',
        years: 2,
      },
    );
    assert.equal(invoice.status, 'unpaid');
    assert.equal(invoice.subtotal, 1900);
    const [line] = invoice.lines;
    assert.equal(line.kind, 'domain_register');
    assert.equal(line.domainId, domain.domainId);
    assert.equal(line.periodStart, '2026-03-02T09:00:00.000Z');
    assert.equal(line.periodEnd, '2028-03-02T09:00:00.000Z');
    const row = await domainRow(s, domain.domainId);
    assert.equal(row.status, 'pending');
    assert.equal(row.account_id, ada.accountId);
    assert.equal(row.registrar, 'local');
    assert.deepEqual(JSON.parse(row.nameservers), NAMESERVERS);
    assert.equal(row.privacy, 1);
    // The client's order view and the staff one list it.
    const mine = ok(await s.request('GET', `/api/v1/orders/${order.id}`, { headers: ada.headers }));
    assert.deepEqual(mine.domains, order.domains);
    const listed = ok(await s.request('GET', '/api/v1/orders', { headers: ada.headers }));
    assert.deepEqual(listed.items.find((o: { id: string }) => o.id === order.id).domains, order.domains);
    const staff = await staffHeaders(s, 'support');
    const admin = ok(await s.request('GET', `/api/admin/v1/orders/${order.id}`, { headers: staff }));
    assert.deepEqual(admin.domains, order.domains);
    assert.equal(admin.accountId, ada.accountId);
  });

  test('an IDN name is ordered in ASCII and described in Unicode', async () => {
    const { order, invoice } = await placeDomainOrder(s, ada, [
      { domain: 'Straße-café.org', action: 'register' },
    ]);
    assert.match(order.domains[0].domain, /^xn--/);
    assert.equal(order.domains[0].unicode, 'straße-café.org');
    assert.equal(invoice.lines[0].description, 'Domain registration: straße-café.org (1 year)');
  });

  test('a transfer keeps its EPP code sealed, never in plain text', async () => {
    const { order } = await placeDomainOrder(s, ada, [
      { domain: 'coming-over.net', action: 'transfer', eppCode: 'Secret-EPP-42' },
    ]);
    const row = await domainRow(s, order.domains[0].domainId);
    assert.ok(row.epp_code_sealed);
    assert.doesNotMatch(row.epp_code_sealed, /Secret-EPP-42/);
    assert.equal(s.app.portico.domains.orders.openEppCode(row.epp_code_sealed), 'Secret-EPP-42');
    assert.equal(order.domains[0].action, 'transfer');
  });

  test('a name the registry has is 409 DOMAIN_UNAVAILABLE and nothing is written', async () => {
    await localRegistrar(s).holdElsewhere('already-taken.com');
    const before = await s.app.portico.db.selectFrom('orders').select('id').execute();
    const r = await orderDomains(s, ada, [
      { domain: 'fine-name.net', action: 'register' },
      { domain: 'already-taken.com', action: 'register' },
    ]);
    assert.equal(r.status, 409);
    assert.equal(r.body.code, 'DOMAIN_UNAVAILABLE');
    assert.equal(r.body.errors[0].path, 'domains.1.domain');
    assert.equal((await s.app.portico.db.selectFrom('orders').select('id').execute()).length, before.length);
    // A premium name (the local registry's three-letter names) is not sold at the list price either.
    const premium = await orderDomains(s, ada, [{ domain: 'abc.com', action: 'register' }]);
    assert.equal(premium.status, 409);
    assert.equal(premium.body.code, 'DOMAIN_UNAVAILABLE');
    assert.deepEqual(premium.body.errors, [
      {
        path: 'domains.0.domain',
        message: 'abc.com is a premium name: it is not sold here',
        code: 'DOMAIN_UNAVAILABLE',
      },
    ]);
    // Refused before the order: no order, no invoice to pay, no domain row holding the name.
    const { db } = s.app.portico;
    assert.equal((await db.selectFrom('orders').select('id').execute()).length, before.length);
    assert.equal(
      await db.selectFrom('domains').select('id').where('name', '=', 'abc.com').executeTakeFirst(),
      undefined,
    );
  });

  test('products and domains in one order share one invoice', async () => {
    const { db } = s.app.portico;
    const productId = await insertProduct(s, { name: 'Starter' });
    await db
      .insertInto('product_prices')
      .values({ product_id: productId, currency: 'USD', cycle: 'monthly', amount: 500, setup_fee: 0 })
      .execute();
    const { order, invoice } = ok(
      await orderDomains(s, ada, [{ domain: 'with-hosting.com', action: 'register' }], {
        items: [{ productId, cycle: 'monthly' }],
      }),
      201,
    );
    assert.equal(order.items.length, 1);
    assert.equal(order.domains.length, 1);
    assert.deepEqual(
      invoice.lines.map((l: any) => l.kind),
      ['product', 'domain_register'],
    );
    assert.equal(invoice.subtotal, 1500);
  });
});

describe('one name, one order', () => {
  test('two accounts ordering the same free name: the second gets 409 until the first is cancelled', async () => {
    const { s, client: ada } = await startDomainShop('ada@example.com');
    try {
      const bob = await newClient(s, 'bob@example.com');
      const first = await placeDomainOrder(s, ada, [{ domain: 'contested.com', action: 'register' }]);
      const second = await orderDomains(s, bob, [{ domain: 'contested.com', action: 'register' }]);
      assert.equal(second.status, 409);
      assert.equal(second.body.code, 'DOMAIN_UNAVAILABLE');
      // Staff cancel the unpaid order: its invoice is cancelled and the name is let go.
      const staff = await staffHeaders(s, 'billing');
      ok(await s.request('POST', `/api/admin/v1/orders/${first.order.id}/cancel`, { headers: staff }));
      assert.equal((await domainRow(s, first.order.domains[0].domainId)).status, 'cancelled');
      const again = await placeDomainOrder(s, bob, [{ domain: 'contested.com', action: 'register' }]);
      assert.equal(again.order.domains[0].domain, 'contested.com');
    } finally {
      await s.close();
    }
  });

  test('orders racing for one name: one 201, the others 409, never a 500', async () => {
    const { s, client: ada } = await startDomainShop('ada@example.com');
    try {
      const others = await Promise.all(
        ['bob', 'cy', 'di', 'ed'].map((n) => newClient(s, `${n}@example.com`)),
      );
      const responses = await Promise.all(
        [ada, ...others].map((c) =>
          s.request('POST', '/api/v1/orders', {
            headers: { ...c.headers, 'idempotency-key': key() },
            body: { domains: [{ domain: 'racing.com', action: 'register' }] },
          }),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      assert.deepEqual(statuses, [201, 409, 409, 409, 409], responses.map((r) => r.text).join('\n'));
      for (const r of responses.filter((x) => x.status === 409))
        assert.equal(r.body.code, 'DOMAIN_UNAVAILABLE');
      const live = await s.app.portico.db
        .selectFrom('domains')
        .select('id')
        .where('name', '=', 'racing.com')
        .execute();
      assert.equal(live.length, 1);
    } finally {
      await s.close();
    }
  });

  test('a zero-priced domain order is paid at once and goes to the registrar', async () => {
    const { s, client: ada } = await startDomainShop('ada@example.com');
    try {
      await s.app.portico.db
        .updateTable('domain_prices')
        .set({ amount: 0 })
        .where('tld', '=', 'org')
        .execute();
      const { invoice, order } = await placeDomainOrder(s, ada, [
        { domain: 'free-for-all.org', action: 'register' },
      ]);
      assert.equal(invoice.status, 'paid');
      await s.app.portico.domains.tasks.idle();
      const row = await domainRow(s, order.domains[0].domainId);
      assert.equal(row.status, 'active');
    } finally {
      await s.close();
    }
  });
});
