import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type StaffLogin, staffSession, startServer, type TestServer } from './helpers.js';
import {
  DAY,
  insertService,
  newClient,
  serviceRow,
  subjectsTo,
  type TestClient,
} from './services-helpers.js';

const ADMIN = '/api/admin/v1';

describe('staff services and cancellations', () => {
  let s: TestServer;
  let ada: TestClient;
  let bob: TestClient;
  let billing: StaffLogin;
  let support: StaffLogin;
  before(async () => {
    s = await startServer();
    ada = await newClient(s, 'ada@staff-services.test');
    bob = await newClient(s, 'bob@staff-services.test');
    billing = await staffSession(s, 'billing');
    support = await staffSession(s, 'support');
  });
  after(() => s.close());

  const staffActions = (targetId: string) =>
    s.app.portico.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type', 'actor_id', 'details'])
      .where('target_id', '=', targetId)
      .where('actor_type', '=', 'staff')
      .orderBy('at')
      .orderBy('id')
      .execute();

  test('lists every account’s services with their account, by account and status', async () => {
    const a = await insertService(s, ada.accountId, { createdAt: '2026-02-01T00:00:00.000Z' });
    const b = await insertService(s, bob.accountId, {
      status: 'suspended',
      createdAt: '2026-02-02T00:00:00.000Z',
    });
    const all = await s.request('GET', `${ADMIN}/services`, { headers: support.headers });
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(
      all.body.items.map((i: { id: string }) => i.id),
      [b.id, a.id],
    );
    assert.equal(all.body.items[0].accountId, bob.accountId);
    assert.equal(typeof all.body.items[0].accountName, 'string');
    const ofAda = await s.request('GET', `${ADMIN}/services?accountId=${ada.accountId}`, {
      headers: support.headers,
    });
    assert.deepEqual(
      ofAda.body.items.map((i: { id: string }) => i.id),
      [a.id],
    );
    const suspended = await s.request('GET', `${ADMIN}/services?status=suspended`, {
      headers: support.headers,
    });
    assert.deepEqual(
      suspended.body.items.map((i: { id: string }) => i.id),
      [b.id],
    );
    const one = await s.request('GET', `${ADMIN}/services/${a.id}`, { headers: support.headers });
    assert.equal(one.status, 200);
    assert.equal(one.body.accountId, ada.accountId);
    const missing = await s.request('GET', `${ADMIN}/services/${s.app.portico.deps.ids('svc')}`, {
      headers: support.headers,
    });
    assert.equal(missing.status, 404);
  });

  test('support reads but may not change anything', async () => {
    const service = await insertService(s, ada.accountId);
    const refused = [
      ['POST', `/services/${service.id}/suspend`, { reason: 'Abuse' }],
      ['POST', `/services/${service.id}/cancel`, undefined],
      ['PATCH', `/services/${service.id}`, { label: 'x' }],
    ] as const;
    for (const [method, path, body] of refused) {
      const r = await s.request(method, ADMIN + path, {
        headers: support.headers,
        ...(body ? { body } : {}),
      });
      assert.equal(r.status, 403, path);
      assert.equal(r.body.code, 'ROLE_NOT_ALLOWED');
    }
    assert.equal((await serviceRow(s, service.id)).status, 'active');
  });

  test('update changes label, price and next due date, audited with what changed', async () => {
    const service = await insertService(s, ada.accountId, { nextDueAt: '2026-04-01T00:00:00.000Z' });
    const r = await s.request('PATCH', `${ADMIN}/services/${service.id}`, {
      headers: billing.headers,
      body: { label: 'example.com', amount: 2500, nextDueAt: '2026-05-01' },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.label, 'example.com');
    assert.equal(r.body.amount, 2500);
    assert.equal(r.body.nextDueAt, '2026-05-01T00:00:00.000Z');
    const cleared = await s.request('PATCH', `${ADMIN}/services/${service.id}`, {
      headers: billing.headers,
      body: { label: '' },
    });
    assert.equal(cleared.body.label, null);
    const audit = await staffActions(service.id);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['service.updated', 'service.updated'],
    );
    assert.equal(audit[0]?.actor_id, billing.id);
    assert.equal(JSON.parse(audit[0]?.details ?? '{}').previous_amount, 1000);
  });

  test('suspend, unsuspend, cancel: each from the right status only, mailed and audited', async () => {
    const service = await insertService(s, ada.accountId, { nextDueAt: '2026-04-01T00:00:00.000Z' });
    const path = `${ADMIN}/services/${service.id}`;
    const suspended = await s.request('POST', `${path}/suspend`, {
      headers: billing.headers,
      body: { reason: 'Abuse report' },
    });
    assert.equal(suspended.status, 200, suspended.text);
    assert.equal(suspended.body.status, 'suspended');
    assert.equal(suspended.body.suspendReason, 'Abuse report');
    assert.equal((await serviceRow(s, service.id)).suspended_by, 'staff');
    const twice = await s.request('POST', `${path}/suspend`, {
      headers: billing.headers,
      body: { reason: 'Again' },
    });
    assert.equal(twice.status, 409);

    const back = await s.request('POST', `${path}/unsuspend`, { headers: billing.headers });
    assert.equal(back.status, 200);
    assert.equal(back.body.status, 'active');
    assert.equal(back.body.suspendReason, null);
    assert.equal((await s.request('POST', `${path}/unsuspend`, { headers: billing.headers })).status, 409);

    const cancelled = await s.request('POST', `${path}/cancel`, { headers: billing.headers });
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.status, 'cancelled');
    assert.equal(cancelled.body.nextDueAt, null);
    assert.equal((await s.request('POST', `${path}/cancel`, { headers: billing.headers })).status, 409);

    const subjects = await subjectsTo(s, ada.email);
    assert.ok(subjects.includes('Web hosting is suspended'), subjects.join(' | '));
    assert.ok(subjects.includes('Web hosting is active again'));
    assert.ok(subjects.includes('Web hosting is cancelled'));
    assert.deepEqual(
      (await staffActions(service.id)).map((a) => a.action),
      ['service.suspended', 'service.unsuspended', 'service.cancelled'],
    );
  });

  test('activating a pending service starts its first period now', async () => {
    const service = await insertService(s, ada.accountId, { status: 'pending', cycle: 'quarterly' });
    const r = await s.request('POST', `${ADMIN}/services/${service.id}/activate`, {
      headers: billing.headers,
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'active');
    assert.equal(r.body.activatedAt, s.clock.now().toISOString());
    assert.equal(r.body.nextDueAt, '2026-06-02T09:00:00.000Z');
    const again = await s.request('POST', `${ADMIN}/services/${service.id}/activate`, {
      headers: billing.headers,
    });
    assert.equal(again.status, 409);
    const oneTime = await insertService(s, ada.accountId, { status: 'pending', cycle: 'one_time' });
    const once = await s.request('POST', `${ADMIN}/services/${oneTime.id}/activate`, {
      headers: billing.headers,
    });
    assert.equal(once.body.nextDueAt, null);
  });

  test('cancellation requests: pending oldest first; approve now or at the period end; reject with a note', async () => {
    const first = await insertService(s, bob.accountId, { nextDueAt: '2026-04-01T00:00:00.000Z' });
    const second = await insertService(s, bob.accountId, { nextDueAt: '2026-04-15T00:00:00.000Z' });
    const third = await insertService(s, bob.accountId, { nextDueAt: '2026-04-20T00:00:00.000Z' });
    const ask = async (id: string, type: string) => {
      const r = await s.request('POST', `/api/v1/services/${id}/cancellation`, {
        headers: bob.headers,
        body: { type, reason: `Cancel ${type}` },
      });
      assert.equal(r.status, 201, r.text);
      s.clock.advance(1000);
      return r.body.cancellation.id as string;
    };
    const immediate = await ask(first.id, 'immediate');
    const endOfPeriod = await ask(second.id, 'end_of_period');
    const rejected = await ask(third.id, 'immediate');

    const pending = await s.request('GET', `${ADMIN}/cancellations`, { headers: support.headers });
    assert.equal(pending.status, 200, pending.text);
    assert.deepEqual(
      pending.body.items.map((i: { id: string }) => i.id),
      [immediate, endOfPeriod, rejected],
    );
    assert.equal(pending.body.items[0].requestedBy, bob.email);
    assert.equal(pending.body.items[0].productName, 'Web hosting');
    const paged = await s.request('GET', `${ADMIN}/cancellations?limit=2`, { headers: support.headers });
    const rest = await s.request('GET', `${ADMIN}/cancellations?limit=2&cursor=${paged.body.nextCursor}`, {
      headers: support.headers,
    });
    assert.deepEqual(
      rest.body.items.map((i: { id: string }) => i.id),
      [rejected],
    );
    const refused = await s.request('POST', `${ADMIN}/cancellations/${immediate}/approve`, {
      headers: support.headers,
    });
    assert.equal(refused.status, 403);

    const now = await s.request('POST', `${ADMIN}/cancellations/${immediate}/approve`, {
      headers: billing.headers,
    });
    assert.equal(now.status, 200, now.text);
    assert.equal(now.body.status, 'approved');
    assert.equal(now.body.effectiveAt, s.clock.now().toISOString());
    assert.equal((await serviceRow(s, first.id)).status, 'cancelled');

    const later = await s.request('POST', `${ADMIN}/cancellations/${endOfPeriod}/approve`, {
      headers: billing.headers,
    });
    assert.equal(later.body.effectiveAt, '2026-04-15T00:00:00.000Z');
    assert.equal((await serviceRow(s, second.id)).status, 'active');
    const twice = await s.request('POST', `${ADMIN}/cancellations/${endOfPeriod}/approve`, {
      headers: billing.headers,
    });
    assert.equal(twice.status, 409);

    const no = await s.request('POST', `${ADMIN}/cancellations/${rejected}/reject`, {
      headers: billing.headers,
      body: { note: 'Your contract runs until June' },
    });
    assert.equal(no.status, 200, no.text);
    assert.equal(no.body.status, 'rejected');
    const seen = await s.request('GET', `/api/v1/services/${third.id}`, { headers: bob.headers });
    assert.equal(seen.body.cancellation.staffNote, 'Your contract runs until June');
    assert.equal(seen.body.status, 'active');

    const approvedList = await s.request('GET', `${ADMIN}/cancellations?status=approved`, {
      headers: support.headers,
    });
    assert.deepEqual(
      approvedList.body.items.map((i: { id: string }) => i.id),
      [immediate, endOfPeriod],
    );
    const subjects = await subjectsTo(s, bob.email);
    assert.ok(subjects.includes('About cancelling Web hosting'), subjects.join(' | '));
    assert.equal(subjects.filter((x) => x === 'Web hosting is cancelled').length, 1);
    const missing = await s.request(
      'POST',
      `${ADMIN}/cancellations/${s.app.portico.deps.ids('cxl')}/approve`,
      { headers: billing.headers },
    );
    assert.equal(missing.status, 404);
  });

  test('cancelling a service settles its open request', async () => {
    const service = await insertService(s, ada.accountId, {
      nextDueAt: new Date(s.clock.now().getTime() + 20 * DAY).toISOString(),
    });
    const asked = await s.request('POST', `/api/v1/services/${service.id}/cancellation`, {
      headers: ada.headers,
      body: { type: 'end_of_period', reason: 'Bye' },
    });
    assert.equal(asked.status, 201);
    const r = await s.request('POST', `${ADMIN}/services/${service.id}/cancel`, { headers: billing.headers });
    assert.equal(r.status, 200);
    assert.equal(r.body.cancellation.status, 'approved');
    assert.equal(r.body.cancellation.effectiveAt, s.clock.now().toISOString());
  });
});
