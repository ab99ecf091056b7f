import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LocalRegistrar } from '../src/modules/domains/local-registrar.js';
import { DEMO_LOGIN, DEMO_TRANSFER, seedDemo } from '../src/seed.js';
import { insertDomain, seedTlds, startDomainServer } from './domains-helpers.js';
import { type StaffLogin, staffSession, type TestServer } from './helpers.js';
import { newClient } from './services-helpers.js';

const TLDS = '/api/admin/v1/domains/tlds';
const SETTINGS = '/api/admin/v1/domains/settings';

describe('staff: TLDs, prices, registrars and domain settings', () => {
  let s: TestServer;
  let admin: StaffLogin;
  let billing: StaffLogin;
  let support: StaffLogin;
  before(async () => {
    s = await startDomainServer();
    admin = await staffSession(s, 'admin');
    billing = await staffSession(s, 'billing');
    support = await staffSession(s, 'support');
    await s.app.portico.settings.update({ enabledCurrencies: ['USD', 'EUR'] });
  });
  after(() => s.close());

  const auditOf = (action: string) =>
    s.app.portico.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  test('creates a TLD (normalized), lists it, refuses it twice and unknown registrars', async () => {
    const made = await s.request('POST', TLDS, { headers: admin.headers, body: { tld: '.Shop' } });
    assert.equal(made.status, 201, made.text);
    assert.deepEqual(made.body, {
      tld: 'shop',
      unicode: 'shop',
      enabled: true,
      position: 0,
      registrar: 'local',
      availability: 'registrar',
      rdapServer: s.app.portico.domains.registrars.rdapServerFor('shop'),
      prices: [],
      domains: 0,
    });
    const idn = await s.request('POST', TLDS, {
      headers: billing.headers,
      body: { tld: 'рф', enabled: false },
    });
    assert.equal(idn.status, 201, idn.text);
    assert.equal(idn.body.tld, 'xn--p1ai');
    assert.equal(idn.body.unicode, 'рф');
    assert.equal(idn.body.position, 1, 'a new TLD goes last');

    const twice = await s.request('POST', TLDS, { headers: admin.headers, body: { tld: 'shop' } });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.code, 'CONFLICT');

    const unknown = await s.request('POST', TLDS, {
      headers: admin.headers,
      body: { tld: 'store', registrar: 'nobody' },
    });
    assert.equal(unknown.status, 400, unknown.text);
    assert.equal(unknown.body.code, 'VALIDATION_FAILED');
    assert.equal(unknown.body.errors[0].path, 'registrar');

    const bad = await s.request('POST', TLDS, { headers: admin.headers, body: { tld: '-x-' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].path, 'tld');
    assert.equal(bad.body.errors[0].message, 'Enter an ending such as com or co.uk');

    const list = await s.request('GET', TLDS, { headers: support.headers });
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(
      list.body.items.map((t: { tld: string }) => t.tld),
      ['shop', 'xn--p1ai'],
    );
    assert.equal((await auditOf('domain_tld.created')).length, 2);
  });

  test('RDAP availability needs a server in the bootstrap file', async () => {
    const { registrars } = s.app.portico.domains;
    await s.request('POST', TLDS, { headers: admin.headers, body: { tld: 'com' } });
    const rdap = await s.request('PATCH', `${TLDS}/com`, {
      headers: admin.headers,
      body: { availability: 'rdap' },
    });
    assert.equal(rdap.status, 200, rdap.text);
    assert.equal(rdap.body.availability, 'rdap');
    assert.equal(rdap.body.rdapServer, registrars.rdapServerFor('com'));
    assert.ok(rdap.body.rdapServer, 'the shipped bootstrap file names a server for .com');
    await s.request('POST', TLDS, { headers: admin.headers, body: { tld: 'nowhere-tld' } });
    const none = await s.request('PATCH', `${TLDS}/nowhere-tld`, {
      headers: admin.headers,
      body: { availability: 'rdap' },
    });
    assert.equal(none.status, 400, none.text);
    assert.equal(none.body.errors[0].path, 'availability');
  });

  test('updates a TLD: enable, registrar, position; 404 for an unknown one', async () => {
    const r = await s.request('PATCH', `${TLDS}/shop`, {
      headers: billing.headers,
      body: { enabled: false, position: 7 },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.enabled, false);
    assert.equal(r.body.position, 7);
    const badRegistrar = await s.request('PATCH', `${TLDS}/shop`, {
      headers: admin.headers,
      body: { registrar: 'ghost' },
    });
    assert.equal(badRegistrar.status, 400);
    assert.equal(badRegistrar.body.errors[0].path, 'registrar');
    const missing = await s.request('PATCH', `${TLDS}/nope`, { headers: admin.headers, body: {} });
    assert.equal(missing.status, 404);
    const audits = await auditOf('domain_tld.updated');
    assert.ok(audits.some((a) => a.target_id === 'shop'));
  });

  test('replaces one currency’s price grid in one go; other currencies stay; disabled currency refused', async () => {
    const usd = await s.request('PUT', `${TLDS}/shop/prices`, {
      headers: admin.headers,
      body: {
        currency: 'USD',
        prices: [
          { action: 'register', years: 1, amount: 299 },
          { action: 'register', years: 2, amount: 3798 },
          { action: 'renew', years: 1, amount: 3499 },
          { action: 'transfer', years: 1, amount: 2999 },
        ],
      },
    });
    assert.equal(usd.status, 200, usd.text);
    const eur = await s.request('PUT', `${TLDS}/shop/prices`, {
      headers: billing.headers,
      body: { currency: 'EUR', prices: [{ action: 'register', years: 1, amount: 299 }] },
    });
    assert.equal(eur.body.prices.length, 5);
    const replaced = await s.request('PUT', `${TLDS}/shop/prices`, {
      headers: admin.headers,
      body: { currency: 'USD', prices: [{ action: 'renew', years: 1, amount: 3599 }] },
    });
    assert.deepEqual(replaced.body.prices, [
      { currency: 'EUR', action: 'register', years: 1, amount: 299 },
      { currency: 'USD', action: 'renew', years: 1, amount: 3599 },
    ]);

    const off = await s.request('PUT', `${TLDS}/shop/prices`, {
      headers: admin.headers,
      body: { currency: 'GBP', prices: [] },
    });
    assert.equal(off.status, 400, off.text);
    assert.equal(off.body.code, 'CURRENCY_NOT_ENABLED');

    const dup = await s.request('PUT', `${TLDS}/shop/prices`, {
      headers: admin.headers,
      body: {
        currency: 'USD',
        prices: [
          { action: 'renew', years: 1, amount: 1 },
          { action: 'renew', years: 1, amount: 2 },
        ],
      },
    });
    assert.equal(dup.status, 400);
    assert.equal(dup.body.errors[0].message, 'One price per action and number of years');
    const negative = await s.request('PUT', `${TLDS}/shop/prices`, {
      headers: admin.headers,
      body: { currency: 'USD', prices: [{ action: 'renew', years: 11, amount: -1 }] },
    });
    assert.deepEqual(
      negative.body.errors.map((e: { path: string }) => e.path),
      ['prices.0.years', 'prices.0.amount'],
    );
    const stored = await s.app.portico.db
      .selectFrom('domain_prices')
      .selectAll()
      .where('tld', '=', 'shop')
      .where('currency', '=', 'USD')
      .execute();
    assert.deepEqual(
      stored.map((p) => p.amount),
      [3599],
      'refused grids changed nothing',
    );
    assert.equal((await auditOf('domain_tld.prices_set')).length, 3);
  });

  test('removes a TLD no domain uses; 409 while one does', async () => {
    await seedTlds(s, { tlds: ['net'] });
    const client = await newClient(s, 'tld-user@domains.test');
    await insertDomain(s, client.accountId, { name: 'in-use.net' });
    const used = await s.request('DELETE', `${TLDS}/net`, { headers: admin.headers });
    assert.equal(used.status, 409, used.text);
    const list = await s.request('GET', TLDS, { headers: admin.headers });
    assert.equal(list.body.items.find((t: { tld: string }) => t.tld === 'net').domains, 1);

    const gone = await s.request('DELETE', `${TLDS}/xn--p1ai`, { headers: admin.headers });
    assert.equal(gone.status, 204, gone.text);
    assert.equal((await s.request('DELETE', `${TLDS}/xn--p1ai`, { headers: admin.headers })).status, 404);
    assert.equal((await auditOf('domain_tld.removed')).length, 1);
  });

  test('registrars: the local registrar and the RDAP checker', async () => {
    const r = await s.request('GET', '/api/admin/v1/domains/registrars', { headers: support.headers });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.items, [
      { id: 'local', name: 'Local registrar', kind: 'registrar' },
      { id: 'rdap', name: 'RDAP (IANA bootstrap)', kind: 'checker' },
    ]);
  });

  test('domain settings: defaults, a change audited, validation', async () => {
    const initial = await s.request('GET', SETTINGS, { headers: support.headers });
    assert.deepEqual(initial.body, { defaultNameservers: [], renewalLeadDays: 30, privacyByDefault: false });
    const changed = await s.request('PATCH', SETTINGS, {
      headers: billing.headers,
      body: {
        defaultNameservers: ['NS1.Northwind.example', 'ns2.northwind.example'],
        privacyByDefault: true,
      },
    });
    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual(changed.body, {
      defaultNameservers: ['ns1.northwind.example', 'ns2.northwind.example'],
      renewalLeadDays: 30,
      privacyByDefault: true,
    });
    await s.app.portico.settings.load();
    assert.deepEqual(s.app.portico.settings.current.domains.defaultNameservers, [
      'ns1.northwind.example',
      'ns2.northwind.example',
    ]);
    const bad = await s.request('PATCH', SETTINGS, {
      headers: admin.headers,
      body: { defaultNameservers: ['ns1.example.net'], renewalLeadDays: 0 },
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(
      bad.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]),
      [
        ['defaultNameservers', 'Enter at least 2 name servers'],
        ['renewalLeadDays', 'At least 1 day'],
      ],
    );
    const audit = await auditOf('domain_settings.updated');
    assert.equal(audit.length, 1);
    assert.deepEqual(JSON.parse(audit[0]!.details).changed, ['defaultNameservers', 'privacyByDefault']);
  });

  test('support reads but cannot change TLDs, prices or settings; a client cannot reach any of it', async () => {
    const writes: [string, string, unknown][] = [
      ['POST', TLDS, { tld: 'blog' }],
      ['PATCH', `${TLDS}/shop`, { enabled: true }],
      ['PUT', `${TLDS}/shop/prices`, { currency: 'USD', prices: [] }],
      ['DELETE', `${TLDS}/shop`, undefined],
      ['PATCH', SETTINGS, { privacyByDefault: false }],
    ];
    for (const [method, path, body] of writes) {
      const r = await s.request(method, path, { headers: support.headers, ...(body ? { body } : {}) });
      assert.equal(r.status, 403, `${method} ${path}: ${r.text}`);
      assert.equal(r.body.code, 'ROLE_NOT_ALLOWED');
    }
    const shop = (await s.request('GET', TLDS, { headers: support.headers })).body.items.find(
      (t: { tld: string }) => t.tld === 'shop',
    );
    assert.equal(shop.enabled, false, 'nothing support sent changed the TLD');
    assert.equal(shop.prices.length, 2);
    const client = await newClient(s, 'not-staff@domains.test');
    const r = await s.request('GET', TLDS, { headers: client.headers });
    assert.equal(r.status, 401);
  });
});

describe('the demo seed’s domains', () => {
  let s: TestServer;
  before(async () => {
    s = await startDomainServer();
    assert.equal(await seedDemo(s.app.portico), true);
  });
  after(() => s.close());

  test('ten TLDs priced for 1–10 years in every enabled currency, answered by the local registrar', async () => {
    const { db, settings } = s.app.portico;
    const tlds = await db.selectFrom('domain_tlds').selectAll().orderBy('position').execute();
    assert.deepEqual(
      tlds.map((t) => t.tld),
      ['com', 'net', 'org', 'io', 'dev', 'app', 'shop', 'online', 'xyz', 'co.uk'],
    );
    assert.ok(tlds.every((t) => t.registrar === 'local' && t.availability === 'registrar'));
    for (const currency of settings.current.enabledCurrencies) {
      const list = await s.request('GET', `/api/v1/domains/tlds?currency=${currency}`);
      assert.equal(list.body.tlds.length, 10, currency);
      for (const tld of list.body.tlds) {
        assert.equal(tld.register.length, 10, `${tld.tld} ${currency}`);
        assert.equal(tld.renew.length, 10, `${tld.tld} ${currency}`);
        assert.equal(tld.transfer.length, 1, `${tld.tld} ${currency}`);
      }
    }
    assert.deepEqual(settings.current.domains.defaultNameservers, [
      'ns1.northwind-hosting.com',
      'ns2.northwind-hosting.com',
    ]);
  });

  test('taken names, a name to transfer in with the published code, and the demo client’s domain', async () => {
    assert.equal(
      (await s.request('GET', '/api/v1/domains/availability?domain=example.com')).body.status,
      'taken',
    );
    const local = s.app.portico.domains.registrars.registrar('local') as LocalRegistrar;
    const moved = await local.transfer({
      name: DEMO_TRANSFER.domain,
      years: 1,
      eppCode: DEMO_TRANSFER.eppCode,
    });
    assert.equal(moved.name, 'transfer-me.com');

    const { accountId } = await s.app.portico.db
      .selectFrom('users')
      .innerJoin('memberships', 'memberships.user_id', 'users.id')
      .select('memberships.account_id as accountId')
      .where('users.email', '=', DEMO_LOGIN.email)
      .executeTakeFirstOrThrow();
    const domains = await s.app.portico.db
      .selectFrom('domains')
      .selectAll()
      .where('account_id', '=', accountId)
      .execute();
    assert.equal(domains.length, 1);
    assert.equal(domains[0]?.status, 'active');
    assert.deepEqual((await local.sync(domains[0]!.name)).nameservers, JSON.parse(domains[0]!.nameservers));
    assert.equal(await seedDemo(s.app.portico), false);
    assert.equal((await s.app.portico.db.selectFrom('domain_tlds').select('tld').execute()).length, 10);
  });
});
