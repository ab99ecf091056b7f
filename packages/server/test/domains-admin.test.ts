import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RegistrarError } from '../src/modules/domains/registrar.js';
import { type Client, newClient, ok, staffHeaders } from './billing-helpers.js';
import { domainRow, insertDomain } from './domains-helpers.js';
import { auditOf, type SlowRegistrar, startDomainShop } from './domains-lifecycle-helpers.js';
import type { TestServer } from './helpers.js';
import { assertOnePlan, planOf, selectsDuring } from './query-plans.js';

const ADMIN = '/api/admin/v1';

describe('staff domain routes', () => {
  let s: TestServer;
  let ada: Client;
  let bob: Client;
  let scripted: SlowRegistrar;
  let support: Record<string, string>;
  let billing: Record<string, string>;

  before(async () => {
    const shop = await startDomainShop('ada@example.com');
    s = shop.s;
    ada = shop.client;
    scripted = shop.scripted as SlowRegistrar;
    bob = await newClient(s, 'bob@example.com');
    support = await staffHeaders(s, 'support');
    billing = await staffHeaders(s, 'billing');
  });
  after(() => s.close());

  test('lists every client’s domains newest first, by status, client or name (ASCII or Unicode), in pages', async () => {
    const at = (minutes: number) =>
      new Date(Date.parse('2026-03-01T00:00:00.000Z') + minutes * 60_000).toISOString();
    const a1 = await insertDomain(s, ada.accountId, { name: 'alpha-list.com', createdAt: at(1) });
    const a2 = await insertDomain(s, ada.accountId, {
      name: 'xn--bcher-kva.com',
      createdAt: at(2),
      status: 'failed',
    });
    const b1 = await insertDomain(s, bob.accountId, { name: 'bravo-list.net', createdAt: at(3) });
    const all = ok(await s.request('GET', `${ADMIN}/domains?limit=2`, { headers: support }));
    assert.deepEqual(
      all.items.map((d: { id: string }) => d.id),
      [b1.id, a2.id],
    );
    assert.equal(all.items[0].accountId, bob.accountId);
    assert.equal(all.items[0].accountName, 'bob');
    assert.equal(all.items[0].registrar, 'local');
    assert.deepEqual(all.items[0].tasks, []);
    const next = ok(
      await s.request('GET', `${ADMIN}/domains?limit=2&cursor=${all.nextCursor}`, { headers: support }),
    );
    assert.deepEqual(
      next.items.map((d: { id: string }) => d.id),
      [a1.id],
    );
    assert.equal(next.nextCursor, null);
    const ids = async (query: string) =>
      ok(await s.request('GET', `${ADMIN}/domains?${query}`, { headers: support })).items.map(
        (d: { id: string }) => d.id,
      );
    assert.deepEqual(await ids(`accountId=${ada.accountId}`), [a2.id, a1.id]);
    assert.deepEqual(await ids('status=failed'), [a2.id]);
    assert.deepEqual(await ids(`status=active&accountId=${ada.accountId}`), [a1.id]);
    assert.deepEqual(await ids(`q=${encodeURIComponent('bücher')}`), [a2.id]);
    assert.deepEqual(await ids('q=BRAVO'), [b1.id]);
    assert.deepEqual(await ids(`q=${encodeURIComponent('100%_')}`), []);
    const bad = await s.request('GET', `${ADMIN}/domains?status=gone`, { headers: support });
    assert.equal(bad.status, 400);
    const badCursor = await s.request('GET', `${ADMIN}/domains?cursor=nonsense`, { headers: support });
    assert.equal(badCursor.status, 400);
  });

  test('one domain with its account; an unknown id is 404', async () => {
    const row = await insertDomain(s, bob.accountId, { name: 'one-look.org' });
    const one = ok(await s.request('GET', `${ADMIN}/domains/${row.id}`, { headers: support }));
    assert.equal(one.domain, 'one-look.org');
    assert.equal(one.accountName, 'bob');
    assert.equal(one.lastError, null);
    assert.deepEqual(one.renewPrice, { currency: 'USD', amount: 900 });
    const missing = await s.request('GET', `${ADMIN}/domains/dom_nothing`, { headers: support });
    assert.equal(missing.status, 404);
  });

  test('support reads; only admin and billing change; clients never reach staff routes and back', async () => {
    const row = await insertDomain(s, ada.accountId, { name: 'roles-check.com' });
    for (const [method, path, body] of [
      ['PATCH', `/domains/${row.id}`, { autoRenew: false }],
      ['POST', `/domains/${row.id}/retry`, undefined],
    ] as const) {
      const r = await s.request(method, ADMIN + path, { headers: support, ...(body ? { body } : {}) });
      assert.equal(r.status, 403, path);
      assert.equal(r.body.code, 'ROLE_NOT_ALLOWED');
    }
    assert.equal((await domainRow(s, row.id)).auto_renew, 1);
    // A client's bearer session is nobody on the staff API, and a staff cookie nobody on the client API.
    for (const path of ['/domains', `/domains/${row.id}`]) {
      const r = await s.request('GET', ADMIN + path, { headers: ada.headers });
      assert.equal(r.status, 401, path);
    }
    const patched = await s.request('PATCH', `${ADMIN}/domains/${row.id}`, {
      headers: ada.headers,
      body: { autoRenew: false },
    });
    assert.equal(patched.status, 401);
    const asClient = await s.request('GET', `/api/v1/domains/${row.id}`, { headers: billing });
    assert.equal(asClient.status, 401);
  });

  test('auto-renew on and off, audited; not for a domain that is not registered', async () => {
    const row = await insertDomain(s, ada.accountId, { name: 'auto-off.com' });
    const off = ok(
      await s.request('PATCH', `${ADMIN}/domains/${row.id}`, {
        headers: billing,
        body: { autoRenew: false },
      }),
    );
    assert.equal(off.autoRenew, false);
    assert.deepEqual(await auditOf(s, row.id), ['domain.auto_renew_changed']);
    const unchanged = ok(
      await s.request('PATCH', `${ADMIN}/domains/${row.id}`, { headers: billing, body: {} }),
    );
    assert.equal(unchanged.autoRenew, false);
    const pending = await insertDomain(s, ada.accountId, { name: 'auto-pending.com', status: 'pending' });
    const r = await s.request('PATCH', `${ADMIN}/domains/${pending.id}`, {
      headers: billing,
      body: { autoRenew: false },
    });
    assert.equal(r.status, 409);
    assert.equal(r.body.code, 'DOMAIN_NOT_ACTIVE');
    const bad = await s.request('PATCH', `${ADMIN}/domains/${row.id}`, {
      headers: billing,
      body: { autoRenew: 'no' },
    });
    assert.equal(bad.status, 400);
  });

  test('sync reads expiry, name servers, lock and privacy from the registrar', async () => {
    const row = await insertDomain(s, ada.accountId, {
      name: 'synced-up.test',
      registrar: 'scripted',
      status: 'expired',
    });
    scripted.domains.set('synced-up.test', {
      name: 'synced-up.test',
      registeredAt: '2024-01-01T00:00:00.000Z',
      expiresAt: '2027-01-01T00:00:00.000Z',
      nameservers: ['ns1.elsewhere.net', 'ns2.elsewhere.net'],
      privacy: true,
      locked: false,
    });
    const synced = ok(await s.request('POST', `${ADMIN}/domains/${row.id}/sync`, { headers: support }));
    assert.equal(synced.expiresAt, '2027-01-01T00:00:00.000Z');
    assert.equal(synced.status, 'active');
    assert.deepEqual(synced.nameservers, ['ns1.elsewhere.net', 'ns2.elsewhere.net']);
    assert.equal(synced.privacy, true);
    assert.equal(synced.locked, false);
    assert.deepEqual(await auditOf(s, row.id), ['domain.synced']);
    scripted.failWith = new RegistrarError('down', { permanent: false });
    try {
      const failed = await s.request('POST', `${ADMIN}/domains/${row.id}/sync`, { headers: support });
      assert.equal(failed.status, 502);
      assert.equal(failed.body.code, 'REGISTRAR_ERROR');
      assert.doesNotMatch(failed.text, /down/);
    } finally {
      scripted.failWith = null;
    }
    assert.equal((await domainRow(s, row.id)).expires_at, '2027-01-01T00:00:00.000Z');
    const pending = await insertDomain(s, ada.accountId, {
      name: 'sync-pending.test',
      status: 'pending',
      registrar: 'scripted',
    });
    const notActive = await s.request('POST', `${ADMIN}/domains/${pending.id}/sync`, { headers: support });
    assert.equal(notActive.status, 409);
    assert.equal(notActive.body.code, 'DOMAIN_NOT_ACTIVE');
  });
});

describe('domain queries', () => {
  test('staff lists, the task claim and the renewal job use indexes and no temporary B-tree', async () => {
    const { s } = await startDomainShop('ada@example.com');
    try {
      const { admin, renewals, tasks } = s.app.portico.domains;
      const cursor = Buffer.from(JSON.stringify({ c: '2026-03-02T09:00:00.000Z', i: 'dom_x' })).toString(
        'base64url',
      );
      const cases: Array<{ what: string; run: () => Promise<unknown>; index: RegExp }> = [
        { what: 'all', run: () => admin.list({ limit: 10 }), index: /USING INDEX domains_all\b/ },
        {
          what: 'all after',
          run: () => admin.list({ limit: 10, cursor }),
          index: /USING INDEX domains_all\b/,
        },
        {
          what: 'by status',
          run: () => admin.list({ status: 'failed', limit: 10 }),
          index: /domains_status\b/,
        },
        {
          what: 'by account',
          run: () => admin.list({ accountId: 'acct_x', limit: 10 }),
          index: /domains_account\b/,
        },
        {
          what: 'by account and status',
          run: () => admin.list({ accountId: 'acct_x', status: 'active', limit: 10, cursor }),
          index: /domains_account_status\b/,
        },
        {
          what: 'by name',
          run: () => admin.list({ q: 'abc', limit: 10 }),
          index: /USING INDEX domains_all\b/,
        },
        { what: 'renewals due', run: () => renewals.issue(), index: /domains_expiry\b/ },
        { what: 'expiries', run: () => renewals.expire(), index: /domains_expiry\b/ },
      ];
      for (const { what, run, index } of cases) {
        const sqls = (await selectsDuring(s, run)).filter((q) => /from "domains"/.test(q));
        assertOnePlan(s, what, sqls, index);
      }
      const claim = planOf(
        s,
        `SELECT id FROM domain_tasks WHERE ((status = 'queued' AND run_after <= ?) OR (status = 'running' AND lease_until <= ?)) ORDER BY run_after, id LIMIT 1`,
      );
      assert.match(claim, /domain_tasks_due/);
      assert.deepEqual(await tasks.run(), { done: 0, retrying: 0, failed: 0 });
    } finally {
      await s.close();
    }
  });
});
