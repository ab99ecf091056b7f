import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bearer, insertMember, insertSession } from './account-helpers.js';
import { type Client, key, newClient, ok, staffHeaders } from './billing-helpers.js';
import { domainRow, insertDomain } from './domains-helpers.js';
import {
  localRegistrar,
  payAndProvision,
  renewalLinesOf,
  resumed,
  startDomainShop,
  tasksOf,
} from './domains-lifecycle-helpers.js';
import type { TestServer } from './helpers.js';

const EXPIRY = '2026-03-20T09:00:00.000Z';

/** An active domain of the account, registered at the local registry, expiring at `expiresAt`. */
async function registered(
  s: TestServer,
  client: Client,
  name: string,
  input: { expiresAt?: string; autoRenew?: boolean } = {},
) {
  const expiresAt = input.expiresAt ?? EXPIRY;
  const row = await insertDomain(s, client.accountId, { name, autoRenew: input.autoRenew });
  await s.app.portico.db
    .updateTable('domains')
    .set({ expires_at: expiresAt })
    .where('id', '=', row.id)
    .execute();
  await localRegistrar(s).holdHere(name, {
    registeredAt: row.registered_at as string,
    expiresAt,
    nameservers: ['ns1.example.net', 'ns2.example.net'],
    privacy: false,
    locked: true,
  });
  return { ...row, expires_at: expiresAt };
}

const renew = (s: TestServer, client: Client, domainId: string, body: Record<string, unknown> = {}) =>
  s.request('POST', `/api/v1/domains/${domainId}/renewals`, {
    headers: { ...client.headers, 'idempotency-key': key() },
    body,
  });

describe('the renewal job', () => {
  test('one renewal invoice per term, however often and however many passes run at once', async () => {
    const { s, client: ada } = await startDomainShop('ada@example.com');
    try {
      const due = await registered(s, ada, 'renew-me.com');
      const manual = await registered(s, ada, 'manual-only.com', { autoRenew: false });
      const later = await registered(s, ada, 'far-off.com', { expiresAt: '2026-06-01T09:00:00.000Z' });
      const pending = await insertDomain(s, ada.accountId, { name: 'not-yet.com', status: 'pending' });
      const { renewals } = s.app.portico.domains;
      for (let i = 0; i < 5; i++) await renewals.run();
      await Promise.all(Array.from({ length: 5 }, () => renewals.run()));
      const lines = await renewalLinesOf(s, due.id);
      assert.equal(lines.length, 1);
      const [line] = lines;
      assert.equal(line?.status, 'unpaid');
      assert.equal(line?.due_at, EXPIRY);
      assert.equal(line?.period_start, EXPIRY);
      assert.equal(line?.period_end, '2027-03-20T09:00:00.000Z');
      assert.equal(line?.currency, 'USD');
      assert.equal(line?.description, 'Domain renewal: renew-me.com (1 year), 2026-03-20 to 2027-03-20');
      for (const other of [manual, later, pending]) assert.deepEqual(await renewalLinesOf(s, other.id), []);
      const issued = (await s.mailsTo(ada.email)).filter((m) => m.subject.includes(line?.number as string));
      assert.equal(issued.length, 1);
      // The client sees the open renewal on the domain.
      const view = ok(await s.request('GET', `/api/v1/domains/${due.id}`, { headers: ada.headers }));
      assert.equal(view.renewalInvoiceId, line?.invoice_id);
      assert.deepEqual(view.renewPrice, { currency: 'USD', amount: 900 });
      // The later one's term comes into the lead time: its invoice follows.
      s.clock.set('2026-05-05T09:00:00.000Z');
      await renewals.run();
      assert.equal((await renewalLinesOf(s, later.id)).length, 1);
    } finally {
      await s.close();
    }
  });

  test('paying the renewal extends the domain at the registrar', async () => {
    const { s, client: ada } = await startDomainShop('ada@example.com');
    try {
      const domain = await registered(s, ada, 'keep-going.com');
      await s.app.portico.domains.runJob();
      const [line] = await renewalLinesOf(s, domain.id);
      await payAndProvision(s, ada, line?.invoice_id as string);
      const row = await domainRow(s, domain.id);
      assert.equal(row.status, 'active');
      assert.equal(row.expires_at, '2027-03-20T09:00:00.000Z');
      assert.equal((await localRegistrar(s).sync('keep-going.com')).expiresAt, '2027-03-20T09:00:00.000Z');
      const tasks = await tasksOf(s, domain.id);
      assert.deepEqual(
        tasks.map((t) => [t.kind, t.years, t.status, t.invoice_id]),
        [['renew', 1, 'done', line?.invoice_id]],
      );
      assert.ok((await s.mailsTo(ada.email)).some((m) => m.subject === 'keep-going.com is renewed'));
      const view = ok(await s.request('GET', `/api/v1/domains/${domain.id}`, { headers: ada.headers }));
      assert.equal(view.renewalInvoiceId, null);
      // The next term is a new one: the job issues nothing until its lead time.
      await s.app.portico.domains.runJob();
      assert.equal((await renewalLinesOf(s, domain.id)).length, 1);
    } finally {
      await s.close();
    }
  });

  test('no renewal price in the account’s currency: no invoice', async () => {
    const { s } = await startDomainShop('ada@example.com');
    try {
      await s.app.portico.settings.update({ enabledCurrencies: ['USD', 'EUR'] });
      const eve = await newClient(s, 'eve@example.com', { currency: 'EUR' });
      const domain = await registered(s, eve, 'euro-name.com');
      assert.deepEqual(await s.app.portico.domains.renewals.run(), { renewalInvoices: 0, expired: 0 });
      assert.deepEqual(await renewalLinesOf(s, domain.id), []);
      const r = await renew(s, eve, domain.id);
      assert.equal(r.status, 422);
      assert.equal(r.body.code, 'PRICE_UNAVAILABLE');
    } finally {
      await s.close();
    }
  });

  test('past its expiry a domain is expired, the client told once; paying the renewal revives it', async () => {
    const { s, client } = await startDomainShop('ada@example.com');
    try {
      const domain = await registered(s, client, 'lapsed-name.com');
      await s.app.portico.domains.runJob();
      const [line] = await renewalLinesOf(s, domain.id);
      s.clock.set('2026-03-20T09:00:00.001Z');
      const ada = await resumed(s, client);
      assert.equal((await s.app.portico.domains.renewals.run()).expired, 1);
      assert.equal((await s.app.portico.domains.renewals.run()).expired, 0);
      assert.equal((await domainRow(s, domain.id)).status, 'expired');
      const expiredMails = (await s.mailsTo(ada.email)).filter(
        (m) => m.subject === 'lapsed-name.com has expired',
      );
      assert.equal(expiredMails.length, 1);
      const view = ok(await s.request('GET', `/api/v1/domains/${domain.id}`, { headers: ada.headers }));
      assert.equal(view.status, 'expired');
      // Renew now finds the open invoice for this term and names it.
      const conflict = await renew(s, ada, domain.id);
      assert.equal(conflict.status, 409);
      assert.equal(conflict.body.code, 'CONFLICT');
      assert.match(conflict.body.detail, new RegExp(line?.number as string));
      await payAndProvision(s, ada, line?.invoice_id as string);
      const row = await domainRow(s, domain.id);
      assert.equal(row.status, 'active');
      assert.equal(row.expires_at, '2027-03-20T09:00:00.000Z');
    } finally {
      await s.close();
    }
  });
});

describe('renew now', () => {
  test('an invoice for the years chosen; a second is a conflict naming the first', async () => {
    const { s, client } = await startDomainShop('ada@example.com');
    try {
      let ada = client;
      const domain = await registered(s, ada, 'renew-early.com', { expiresAt: '2026-12-01T00:00:00.000Z' });
      const { invoice } = ok(await renew(s, ada, domain.id, { years: 2, price: 1 }), 201);
      assert.equal(invoice.status, 'unpaid');
      assert.equal(invoice.subtotal, 1800);
      assert.deepEqual(
        invoice.lines.map((l: any) => [l.kind, l.domainId, l.periodStart, l.periodEnd]),
        [['domain_renewal', domain.id, '2026-12-01T00:00:00.000Z', '2028-12-01T00:00:00.000Z']],
      );
      const again = await renew(s, ada, domain.id);
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'CONFLICT');
      assert.match(again.body.detail, new RegExp(invoice.number));
      // The job does not add another for the same term.
      s.clock.set('2026-11-10T00:00:00.000Z');
      ada = await resumed(s, client);
      await s.app.portico.domains.renewals.run();
      assert.equal((await renewalLinesOf(s, domain.id)).length, 1);
      // Paying it renews for two years.
      await payAndProvision(s, ada, invoice.id);
      assert.equal((await domainRow(s, domain.id)).expires_at, '2028-12-01T00:00:00.000Z');
    } finally {
      await s.close();
    }
  });

  test('a term whose renewal invoice was cancelled can be renewed again', async () => {
    const { s, client: ada } = await startDomainShop('ada@example.com');
    try {
      const domain = await registered(s, ada, 'second-chance.com');
      const { invoice } = ok(await renew(s, ada, domain.id), 201);
      const staff = await staffHeaders(s, 'billing');
      ok(await s.request('POST', `/api/admin/v1/invoices/${invoice.id}/cancel`, { headers: staff }));
      const next = ok(await renew(s, ada, domain.id), 201);
      assert.notEqual(next.invoice.id, invoice.id);
      assert.equal(next.invoice.lines[0].domainId, domain.id);
      const cancelled = ok(
        await s.request('GET', `/api/v1/invoices/${invoice.id}`, { headers: ada.headers }),
      );
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(cancelled.lines[0].description, next.invoice.lines[0].description);
    } finally {
      await s.close();
    }
  });

  test('only active or expired domains; bad years and unknown fields are refused cleanly', async () => {
    const { s, client: ada } = await startDomainShop('ada@example.com');
    try {
      for (const status of ['pending', 'provisioning', 'failed', 'cancelled'] as const) {
        const row = await insertDomain(s, ada.accountId, { name: `is-${status}.com`, status });
        const r = await renew(s, ada, row.id);
        assert.equal(r.status, 409, status);
        assert.equal(r.body.code, 'DOMAIN_NOT_ACTIVE');
      }
      const domain = await registered(s, ada, 'picky-years.com');
      const three = await renew(s, ada, domain.id, { years: 3 });
      assert.equal(three.status, 422);
      assert.equal(three.body.code, 'PRICE_UNAVAILABLE');
      assert.equal(three.body.errors[0].path, 'years');
      for (const years of [0, 11, 1.5, '2']) {
        const r = await renew(s, ada, domain.id, { years });
        assert.equal(r.status, 400, String(years));
        assert.equal(r.body.code, 'VALIDATION_FAILED');
      }
      assert.deepEqual(await renewalLinesOf(s, domain.id), []);
    } finally {
      await s.close();
    }
  });

  test('another account’s domain is the same 404 as a missing one, and nothing is invoiced', async () => {
    const { s, client: ada } = await startDomainShop('ada@example.com');
    try {
      const bob = await newClient(s, 'bob@example.com');
      const bobs = await registered(s, bob, 'bobs-own.com');
      const theirs = await renew(s, ada, bobs.id);
      const missing = await renew(s, ada, s.app.portico.deps.ids('dom'));
      assert.equal(theirs.status, 404);
      const strip = (body: any) => ({ ...body, requestId: undefined, instance: undefined });
      assert.deepEqual(strip(theirs.body), strip(missing.body));
      assert.deepEqual(await renewalLinesOf(s, bobs.id), []);
      // A staff cookie is no client session.
      const staff = await staffHeaders(s, 'admin');
      const asStaff = await s.request('POST', `/api/v1/domains/${bobs.id}/renewals`, {
        headers: staff,
        body: {},
      });
      assert.equal(asStaff.status, 401);
      // A technical contact of Bob's account (domains, no billing) may not renew.
      const techId = await insertMember(s, bob.accountId, {
        email: 'tech@example.com',
        role: 'technical',
        permissions: ['domains:write'],
      });
      const tech = bearer((await insertSession(s, techId, bob.accountId)).token);
      const refused = await s.request('POST', `/api/v1/domains/${bobs.id}/renewals`, {
        headers: tech,
        body: {},
      });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'PERMISSION_DENIED');
      assert.deepEqual(await renewalLinesOf(s, bobs.id), []);
    } finally {
      await s.close();
    }
  });
});
