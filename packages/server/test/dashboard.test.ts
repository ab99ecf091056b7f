import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addContact, bearer } from './account-helpers.js';
import { startServer, type TestServer } from './helpers.js';
import { DAY, insertService, issueInvoice, newClient, type TestClient } from './services-helpers.js';

const DASHBOARD = '/api/v1/dashboard';

describe('the dashboard', () => {
  let s: TestServer;
  let ada: TestClient;
  let bob: TestClient;
  const upcoming: string[] = [];
  const recent: string[] = [];
  before(async () => {
    s = await startServer();
    ada = await newClient(s, 'ada@dashboard.test');
    bob = await newClient(s, 'bob@dashboard.test');
    const { db, deps } = s.app.portico;
    const days = (n: number) => new Date(s.clock.now().getTime() + n * DAY).toISOString();
    // Six renewing active services (the dashboard shows the five soonest), and others it leaves out.
    const due = [6, 2, 4, 1, 5, 3];
    const made = new Map<number, string>();
    for (const d of due) made.set(d, (await insertService(s, ada.accountId, { nextDueAt: days(d) })).id);
    upcoming.push(...[1, 2, 3, 4, 5].map((d) => made.get(d)!));
    await insertService(s, ada.accountId, { cycle: 'one_time' });
    await insertService(s, ada.accountId, { status: 'suspended', nextDueAt: days(0.5) });
    await insertService(s, ada.accountId, { status: 'pending' });
    await insertService(s, bob.accountId, { nextDueAt: days(0.1) });

    const line = (unitAmount: number) => ({
      kind: 'custom' as const,
      description: 'Work',
      quantity: 1,
      unitAmount,
      taxable: false,
    });
    const unpaid = await issueInvoice(s, ada.accountId, [line(1000)]);
    s.clock.advance(1000);
    const overdue = await issueInvoice(s, ada.accountId, [line(500)]);
    s.clock.advance(1000);
    const paid = await issueInvoice(s, ada.accountId, [line(900)]);
    s.clock.advance(1000);
    const euros = await issueInvoice(s, ada.accountId, [line(700)], { currency: 'EUR' });
    s.clock.advance(1000);
    const cancelled = await issueInvoice(s, ada.accountId, [line(300)]);
    s.clock.advance(1000);
    const refunded = await issueInvoice(s, ada.accountId, [line(200)]);
    s.clock.advance(1000);
    await issueInvoice(s, ada.accountId, [line(999)], { status: 'draft' });
    await issueInvoice(s, bob.accountId, [line(12345)]);
    recent.push(refunded.id, cancelled.id, euros.id, paid.id, overdue.id);
    await db.updateTable('invoices').set({ credit_applied: 200 }).where('id', '=', unpaid.id).execute();
    await db.updateTable('invoices').set({ status: 'overdue' }).where('id', '=', overdue.id).execute();
    await db
      .updateTable('invoices')
      .set({ status: 'paid', amount_paid: 900 })
      .where('id', '=', paid.id)
      .execute();
    await db.updateTable('invoices').set({ status: 'cancelled' }).where('id', '=', cancelled.id).execute();
    await db.updateTable('invoices').set({ status: 'refunded' }).where('id', '=', refunded.id).execute();
    const at = s.clock.now().toISOString();
    const credit = (accountId: string, currency: string, amount: number) => ({
      id: deps.ids('crd'),
      account_id: accountId,
      currency,
      amount,
      kind: 'adjustment' as const,
      description: 'Goodwill',
      invoice_id: null,
      payment_id: null,
      staff_id: null,
      created_at: at,
    });
    await db
      .insertInto('credit_ledger')
      .values([
        credit(ada.accountId, 'USD', 1000),
        credit(ada.accountId, 'USD', -300),
        credit(ada.accountId, 'EUR', 50),
        credit(ada.accountId, 'GBP', 10),
        credit(ada.accountId, 'GBP', -10),
        credit(bob.accountId, 'USD', 5),
      ])
      .execute();
  });
  after(() => s.close());

  test('the owner sees money due, credit, services and what renews next', async () => {
    const r = await s.request('GET', DASHBOARD, { headers: ada.headers });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.amountDue, [
      { currency: 'EUR', amount: 700 },
      { currency: 'USD', amount: 1300 },
    ]);
    assert.equal(r.body.overdueInvoices, 1);
    assert.deepEqual(r.body.credit, [
      { currency: 'EUR', amount: 50 },
      { currency: 'USD', amount: 700 },
    ]);
    assert.equal(r.body.activeServices, 7);
    // No tickets yet: the owner may read support, so the count is 0 (support-dashboard.test.ts counts real ones).
    assert.equal(r.body.openTickets, 0);
    assert.deepEqual(
      r.body.recentInvoices.map((i: { id: string }) => i.id),
      recent,
    );
    assert.equal(r.body.recentInvoices.find((i: { id: string }) => i.id === recent[4]).balance, 500);
    assert.deepEqual(
      r.body.upcomingRenewals.map((i: { id: string }) => i.id),
      upcoming,
    );
  });

  test('another account’s money and services never show', async () => {
    const r = await s.request('GET', DASHBOARD, { headers: bob.headers });
    assert.deepEqual(r.body.amountDue, [{ currency: 'USD', amount: 12345 }]);
    assert.deepEqual(r.body.credit, [{ currency: 'USD', amount: 5 }]);
    assert.equal(r.body.activeServices, 1);
    assert.equal(r.body.recentInvoices.length, 1);
    assert.equal(r.body.upcomingRenewals.length, 1);
  });

  test('a contact without billing:read gets null billing parts; without services:read, null services', async () => {
    const tech = await addContact(s, ada.accountId, 'tech@dashboard.test', 'custom', ['services:read']);
    const asTech = await s.request('GET', DASHBOARD, { headers: bearer(tech.token) });
    assert.equal(asTech.status, 200, asTech.text);
    assert.equal(asTech.body.amountDue, null);
    assert.equal(asTech.body.overdueInvoices, null);
    assert.equal(asTech.body.credit, null);
    assert.equal(asTech.body.recentInvoices, null);
    assert.equal(asTech.body.activeServices, 7);
    assert.equal(asTech.body.upcomingRenewals.length, 5);

    const payer = await addContact(s, ada.accountId, 'payer@dashboard.test', 'custom', ['billing:write']);
    const asPayer = await s.request('GET', DASHBOARD, { headers: bearer(payer.token) });
    assert.equal(asPayer.body.overdueInvoices, 1);
    assert.equal(asPayer.body.activeServices, null);
    assert.equal(asPayer.body.upcomingRenewals, null);

    const nobody = await addContact(s, ada.accountId, 'nobody@dashboard.test', 'custom', ['profile:read']);
    const asNobody = await s.request('GET', DASHBOARD, { headers: bearer(nobody.token) });
    assert.equal(asNobody.status, 200);
    assert.deepEqual(Object.values(asNobody.body), Array(7).fill(null));
  });

  test('API tokens may not read it (it is a `self` route)', async () => {
    const made = await s.request('POST', '/api/v1/tokens', {
      headers: ada.headers,
      body: { name: 'all', scopes: ['billing:read', 'services:read'] },
    });
    assert.equal(made.status, 201, made.text);
    const r = await s.request('GET', DASHBOARD, { headers: bearer(made.body.token) });
    assert.equal(r.status, 403);
    assert.equal(r.body.code, 'TOKEN_NOT_ALLOWED');
  });
});
