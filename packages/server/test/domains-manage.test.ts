import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { domainRoutes } from '@portico/sdk/contract';
import type { Auth } from '../src/http/auth.js';
import type { HttpError } from '../src/http/problem.js';
import { DomainsService, EPP_CODE_LIMIT } from '../src/modules/domains/service.js';
import type { LocalRegistrar } from '../src/modules/domains/local-registrar.js';
import { RegistrarError } from '../src/modules/domains/registrar.js';
import { addContact, bearer } from './account-helpers.js';
import {
  domainRow,
  insertDomain,
  ScriptedRegistrar,
  seedTlds,
  startDomainServer,
} from './domains-helpers.js';
import { stable, type TestServer } from './helpers.js';
import { assertOnePlan, selectsDuring } from './query-plans.js';
import { DAY, issueInvoice, newClient, type TestClient } from './services-helpers.js';

const DOMAINS = '/api/v1/domains';

describe('My Domains', () => {
  let s: TestServer;
  let ada: TestClient;
  let bob: TestClient;
  const flaky = new ScriptedRegistrar('flaky');
  let local: LocalRegistrar;
  before(async () => {
    s = await startDomainServer({}, { flaky });
    await seedTlds(s);
    ada = await newClient(s, 'ada@domains.test');
    bob = await newClient(s, 'bob@domains.test');
    local = s.app.portico.domains.registrars.registrar('local') as LocalRegistrar;
  });
  after(() => s.close());
  beforeEach(async () => {
    flaky.failWith = null;
    flaky.hang = false;
    flaky.calls.length = 0;
    await s.app.portico.db.deleteFrom('rate_limits').execute();
  });

  /** An active domain of Ada's that the local registrar holds for this business. */
  async function adaDomain(name: string) {
    const row = await insertDomain(s, ada.accountId, { name });
    await local.holdHere(name, {
      registeredAt: row.registered_at as string,
      expiresAt: row.expires_at as string,
      nameservers: JSON.parse(row.nameservers),
      privacy: false,
      locked: true,
    });
    return row;
  }

  test('lists the account’s domains newest first, by status, a page at a time', async () => {
    const c = await newClient(s, 'lists@domains.test');
    const base = Date.parse('2026-01-01T00:00:00.000Z');
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const row = await insertDomain(s, c.accountId, {
        status: i % 2 ? 'expired' : 'active',
        createdAt: new Date(base + i * DAY).toISOString(),
      });
      made.push(row.id);
    }
    await insertDomain(s, bob.accountId);
    const all = await s.request('GET', DOMAINS, { headers: c.headers });
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(
      all.body.items.map((i: { id: string }) => i.id),
      [...made].reverse(),
    );
    const first = await s.request('GET', `${DOMAINS}?limit=2`, { headers: c.headers });
    const second = await s.request('GET', `${DOMAINS}?limit=2&cursor=${first.body.nextCursor}`, {
      headers: c.headers,
    });
    const third = await s.request('GET', `${DOMAINS}?limit=2&cursor=${second.body.nextCursor}`, {
      headers: c.headers,
    });
    assert.deepEqual(
      [...first.body.items, ...second.body.items, ...third.body.items].map((i: { id: string }) => i.id),
      [...made].reverse(),
    );
    assert.equal(third.body.nextCursor, null);
    const expired = await s.request('GET', `${DOMAINS}?status=expired`, { headers: c.headers });
    assert.deepEqual(
      expired.body.items.map((i: { id: string }) => i.id),
      [made[3], made[1]],
    );
    const badCursor = await s.request('GET', `${DOMAINS}?cursor=not-a-cursor`, { headers: c.headers });
    assert.equal(badCursor.status, 400);
    const badStatus = await s.request('GET', `${DOMAINS}?status=gone`, { headers: c.headers });
    assert.equal(badStatus.status, 400);
    assert.equal(badStatus.body.errors[0].path, 'status');
  });

  test('a domain’s view has its order invoice, open renewal invoice and renewal price', async () => {
    const row = await insertDomain(s, ada.accountId, { name: 'with-invoices.com' });
    const order = await issueInvoice(s, ada.accountId, [
      {
        kind: 'domain_register',
        description: 'with-invoices.com (1 year)',
        quantity: 1,
        unitAmount: 1000,
        taxable: false,
        domainId: row.id,
      } as never,
    ]);
    const renewal = await issueInvoice(s, ada.accountId, [
      {
        kind: 'domain_renewal',
        description: 'with-invoices.com renewal',
        quantity: 1,
        unitAmount: 900,
        taxable: false,
        domainId: row.id,
        periodStart: row.expires_at,
      } as never,
    ]);
    const r = await s.request('GET', `${DOMAINS}/${row.id}`, { headers: ada.headers });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.invoiceId, order.id);
    assert.equal(r.body.renewalInvoiceId, renewal.id);
    assert.deepEqual(r.body.renewPrice, { currency: 'USD', amount: 900 });
    assert.deepEqual(r.body.nameservers, ['ns1.example.net', 'ns2.example.net']);
  });

  test('another account’s domain is the same 404 as a missing one, on every route', async () => {
    const bobs = await insertDomain(s, bob.accountId, { name: 'bobs-domain.com' });
    const missing = s.app.portico.deps.ids('dom');
    const bodies: Record<string, unknown> = {
      setNameservers: { nameservers: ['ns1.evil.example', 'ns2.evil.example'] },
      setPrivacy: { enabled: true },
      setLock: { enabled: false },
      setAutoRenew: { enabled: false },
      renew: { years: 1 },
    };
    const routes = Object.values(domainRoutes).filter((r) => r.path.includes(':domainId'));
    assert.equal(routes.length, 7, 'every route with a domain id');
    for (const route of routes) {
      const body = bodies[route.id.split('.')[1] as string];
      const send = (id: string) =>
        s.request(route.method, route.path.replace(':domainId', id), {
          headers: { ...ada.headers, 'idempotency-key': `k-${route.id}-${id}` },
          ...(['POST', 'PUT'].includes(route.method) ? { body: body ?? {} } : {}),
        });
      const foreign = await send(bobs.id);
      const unknown = await send(missing);
      assert.equal(foreign.status, 404, `${route.id}: ${foreign.text}`);
      const { instance: _a, ...foreignBody } = stable(foreign.body);
      const { instance: _b, ...unknownBody } = stable(unknown.body);
      assert.deepEqual(foreignBody, unknownBody, route.id);
    }
    const after = await domainRow(s, bobs.id);
    assert.equal(after.nameservers, bobs.nameservers, 'nothing of Bob’s changed');
    assert.equal(after.auto_renew, 1);
    assert.equal(flaky.calls.length, 0);
  });

  test('name servers: the registrar first, stored only when it succeeds, audited', async () => {
    const row = await adaDomain('nameservers-ok.com');
    const r = await s.request('PUT', `${DOMAINS}/${row.id}/nameservers`, {
      headers: ada.headers,
      body: { nameservers: ['NS1.Northwind.example', 'ns2.northwind.example', 'ns.bücher.example'] },
    });
    assert.equal(r.status, 200, r.text);
    const stored = ['ns1.northwind.example', 'ns2.northwind.example', 'ns.xn--bcher-kva.example'];
    assert.deepEqual(r.body.nameservers, stored);
    assert.deepEqual(JSON.parse((await domainRow(s, row.id)).nameservers), stored);
    assert.deepEqual((await local.sync('nameservers-ok.com')).nameservers, stored);
    const audit = await s.app.portico.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'domain.nameservers_changed')
      .where('target_id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.equal(audit.account_id, ada.accountId);
    assert.equal(audit.actor_label, 'ada@domains.test');
  });

  test('a registrar refusal or silence is 502 REGISTRAR_ERROR and nothing is stored', async () => {
    const row = await insertDomain(s, ada.accountId, { name: 'flaky-one.com', registrar: 'flaky' });
    const tries: [string, unknown][] = [
      ['nameservers', { nameservers: ['ns1.new.example', 'ns2.new.example'] }],
      ['privacy', { enabled: true }],
      ['lock', { enabled: false }],
    ];
    for (const failure of [
      new RegistrarError('Registry says: object status prohibits operation (2304) secret-detail', {
        permanent: true,
      }),
      new RegistrarError('connect ECONNREFUSED 10.0.0.7:700', { permanent: false }),
    ]) {
      flaky.failWith = failure;
      for (const [path, body] of tries) {
        const r = await s.request('PUT', `${DOMAINS}/${row.id}/${path}`, { headers: ada.headers, body });
        assert.equal(r.status, 502, `${path}: ${r.text}`);
        assert.equal(r.body.code, 'REGISTRAR_ERROR');
        assert.doesNotMatch(
          r.text,
          /secret-detail|ECONNREFUSED|10\.0\.0\.7/,
          'the registrar’s words stay inside',
        );
      }
    }
    const after = await domainRow(s, row.id);
    assert.equal(after.nameservers, row.nameservers);
    assert.equal(after.privacy, row.privacy);
    assert.equal(after.locked, row.locked);
    assert.equal(after.updated_at, row.updated_at);
    const audits = await s.app.portico.db
      .selectFrom('audit_log')
      .select('id')
      .where('target_id', '=', row.id)
      .execute();
    assert.equal(audits.length, 0, 'nothing audited as changed');

    flaky.failWith = null;
    const ok = await s.request('PUT', `${DOMAINS}/${row.id}/privacy`, {
      headers: ada.headers,
      body: { enabled: true },
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.privacy, true);
    assert.equal((await domainRow(s, row.id)).privacy, 1);
    assert.equal(flaky.calls.at(-1), 'privacy flaky-one.com true');
  });

  test('a registrar that never answers is cut off at the deadline: 502, nothing stored', async () => {
    const row = await insertDomain(s, ada.accountId, { name: 'flaky-hang.com', registrar: 'flaky' });
    flaky.hang = true;
    // The same service with a short deadline (the app's is 15 seconds).
    const { deps, db, audit, rate, domains } = s.app.portico;
    const quick = new DomainsService({
      db,
      clock: deps.clock,
      audit,
      rate,
      logger: deps.logger,
      registrars: domains.registrars,
      pricing: domains.pricing,
      mailer: domains.mailer,
      registrarTimeoutMs: 100,
    });
    const auth = { kind: 'session', accountId: ada.accountId, userId: 'usr_x' } as unknown as Auth;
    const started = performance.now();
    await assert.rejects(quick.setLock(auth, row.id, false, {}), (error: HttpError) => {
      assert.equal(error.status, 502);
      assert.equal(error.code, 'REGISTRAR_ERROR');
      return true;
    });
    const took = performance.now() - started;
    assert.ok(took >= 90 && took < 5_000, `gave up after ${took} ms`);
    assert.equal((await domainRow(s, row.id)).locked, 1);
    assert.deepEqual(flaky.calls, ['lock flaky-hang.com false']);
  });

  test('privacy, lock and name servers need an active domain: 409 DOMAIN_NOT_ACTIVE', async () => {
    for (const status of ['pending', 'provisioning', 'failed', 'expired', 'cancelled'] as const) {
      const row = await insertDomain(s, ada.accountId, { status, registrar: 'flaky' });
      for (const [path, body] of [
        ['nameservers', { nameservers: ['ns1.a.example', 'ns2.a.example'] }],
        ['privacy', { enabled: true }],
        ['lock', { enabled: false }],
      ] as const) {
        const r = await s.request('PUT', `${DOMAINS}/${row.id}/${path}`, { headers: ada.headers, body });
        assert.equal(r.status, 409, `${status} ${path}: ${r.text}`);
        assert.equal(r.body.code, 'DOMAIN_NOT_ACTIVE');
      }
      const epp = await s.request('POST', `${DOMAINS}/${row.id}/epp-code`, { headers: ada.headers });
      assert.equal(epp.body.code, 'DOMAIN_NOT_ACTIVE', `${status} epp`);
      const auto = await s.request('PUT', `${DOMAINS}/${row.id}/auto-renew`, {
        headers: ada.headers,
        body: { enabled: false },
      });
      if (status === 'expired') assert.equal(auto.status, 200, auto.text);
      else assert.equal(auto.body.code, 'DOMAIN_NOT_ACTIVE', `${status} auto-renew`);
    }
    assert.equal(flaky.calls.length, 0, 'the registrar was never asked');
  });

  test('auto-renew is the portal’s own: stored without the registrar, audited', async () => {
    const row = await insertDomain(s, ada.accountId, { registrar: 'flaky' });
    flaky.failWith = new RegistrarError('down', { permanent: false });
    const r = await s.request('PUT', `${DOMAINS}/${row.id}/auto-renew`, {
      headers: ada.headers,
      body: { enabled: false },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.autoRenew, false);
    assert.equal((await domainRow(s, row.id)).auto_renew, 0);
    assert.equal(flaky.calls.length, 0);
  });

  test('name servers are validated: 2 to 13 distinct host names, field errors otherwise', async () => {
    const row = await adaDomain('nameservers-bad.com');
    const cases: [unknown, string, string][] = [
      [['ns1.example.net'], 'nameservers', 'Enter at least 2 name servers'],
      [Array.from({ length: 14 }, (_, i) => `ns${i}.example.net`), 'nameservers', 'At most 13 name servers'],
      [['ns1.example.net', 'NS1.example.net'], 'nameservers', 'Each name server only once'],
      [
        ['ns1.example.net', 'bad_host.example'],
        'nameservers.1',
        'A domain may only use letters, digits and hyphens',
      ],
      [['ns1.example.net', 'localhost'], 'nameservers.1', 'Enter the whole domain, such as example.com'],
      [
        ['ns1.example.net', '-ns.example.net'],
        'nameservers.1',
        'A part of a domain cannot start or end with a hyphen',
      ],
    ];
    for (const [nameservers, path, message] of cases) {
      const r = await s.request('PUT', `${DOMAINS}/${row.id}/nameservers`, {
        headers: ada.headers,
        body: { nameservers },
      });
      assert.equal(r.status, 400, `${JSON.stringify(nameservers)}: ${r.text}`);
      assert.equal(r.body.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        r.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]),
        [[path, message]],
        JSON.stringify(nameservers),
      );
    }
    assert.equal((await domainRow(s, row.id)).nameservers, row.nameservers);
  });

  test('the EPP code: from the registrar, audited without the code, the owner mailed, limited', async () => {
    const row = await adaDomain('epp-code.com');
    const tech = await addContact(s, ada.accountId, 'tech@domains.test', 'technical', [
      'domains:read',
      'domains:write',
    ]);
    const r = await s.request('POST', `${DOMAINS}/${row.id}/epp-code`, { headers: bearer(tech.token) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.code, await local.eppCode('epp-code.com'));
    assert.equal(r.body.code.length, 16);

    const audit = await s.app.portico.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'domain.epp_code_viewed')
      .where('target_id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.equal(audit.actor_label, 'tech@domains.test');
    assert.ok(!JSON.stringify(audit).includes(r.body.code), 'the audit row never holds the code');

    const owner = await s.mailsTo('ada@domains.test');
    const notice = owner.find((m) => m.text.includes('epp-code.com') && m.text.includes('tech@domains.test'));
    assert.ok(notice, `the owner is told: ${owner.map((m) => m.subject).join(', ')}`);
    assert.ok(!notice.text.includes(r.body.code), 'the mail never holds the code');
    assert.equal(
      (await s.mailsTo('tech@domains.test')).filter((m) => m.text.includes('epp-code.com')).length,
      0,
    );

    for (let i = 1; i < EPP_CODE_LIMIT.max; i++) {
      const again = await s.request('POST', `${DOMAINS}/${row.id}/epp-code`, { headers: bearer(tech.token) });
      assert.equal(again.status, 200, again.text);
    }
    const limited = await s.request('POST', `${DOMAINS}/${row.id}/epp-code`, { headers: bearer(tech.token) });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, 'RATE_LIMITED');
    // The limit is the person's: the owner still may.
    const mine = await s.request('POST', `${DOMAINS}/${row.id}/epp-code`, { headers: ada.headers });
    assert.equal(mine.status, 200, mine.text);
  });

  test('a contact without domains:write can read domains but not change them or read the EPP code', async () => {
    const row = await adaDomain('read-only.com');
    const reader = await addContact(s, ada.accountId, 'reader@domains.test', 'custom', ['domains:read']);
    const headers = bearer(reader.token);
    assert.equal((await s.request('GET', `${DOMAINS}/${row.id}`, { headers })).status, 200);
    const epp = await s.request('POST', `${DOMAINS}/${row.id}/epp-code`, { headers });
    assert.equal(epp.status, 403);
    assert.equal(epp.body.code, 'PERMISSION_DENIED');
    const ns = await s.request('PUT', `${DOMAINS}/${row.id}/nameservers`, {
      headers,
      body: { nameservers: ['ns1.evil.example', 'ns2.evil.example'] },
    });
    assert.equal(ns.status, 403);
    assert.equal((await domainRow(s, row.id)).nameservers, row.nameservers);
    const billing = await addContact(s, ada.accountId, 'billing@domains.test', 'billing', ['billing:read']);
    const none = await s.request('GET', DOMAINS, { headers: bearer(billing.token) });
    assert.equal(none.status, 403);
  });

  test('signed out, every My Domains route is 401', async () => {
    for (const route of Object.values(domainRoutes).filter((r) => r.auth === 'client')) {
      const r = await s.request(route.method, route.path.replace(':domainId', 'dom_x'), {
        ...(['POST', 'PUT'].includes(route.method) ? { body: {} } : {}),
      });
      assert.equal(r.status, 401, `${route.id}: ${r.text}`);
    }
  });
});

describe('My Domains queries', () => {
  test('the list queries walk their index: no temporary B-tree', async () => {
    // A server of its own: each SQL text is prepared once, so the lists must not have run yet.
    const s = await startDomainServer();
    after(() => s.close());
    const { service } = s.app.portico.domains;
    const cursor = Buffer.from(JSON.stringify({ c: '2026-03-02T09:00:00.000Z', i: 'dom_x' })).toString(
      'base64url',
    );
    const auth = { accountId: 'acct_x', userId: 'usr_x', permissions: ['domains:read'] } as unknown as Auth;
    for (const [query, index] of [
      [{ limit: 10 }, /USING INDEX domains_account\b/],
      [{ limit: 10, cursor }, /USING INDEX domains_account\b/],
      [{ limit: 10, status: 'active' as const, cursor }, /USING INDEX domains_account_status\b/],
    ] as const) {
      const sqls = (await selectsDuring(s, () => service.list(auth, query))).filter((q) =>
        /from "domains"/.test(q),
      );
      assertOnePlan(s, JSON.stringify(query), sqls, index);
    }
  });
});
