import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addContact } from './account-helpers.js';
import { stable, startServer, type TestServer } from './helpers.js';
import { DAY, insertService, newClient, type TestClient } from './services-helpers.js';

const SERVICES = '/api/v1/services';

describe('client services', () => {
  let s: TestServer;
  let ada: TestClient;
  let bob: TestClient;
  before(async () => {
    s = await startServer();
    ada = await newClient(s, 'ada@services.test');
    bob = await newClient(s, 'bob@services.test');
  });
  after(() => s.close());

  test('lists the account’s services newest first, by status, a page at a time', async () => {
    const base = Date.parse('2026-01-01T00:00:00.000Z');
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const row = await insertService(s, ada.accountId, {
        status: i % 2 ? 'suspended' : 'active',
        createdAt: new Date(base + i * DAY).toISOString(),
        nextDueAt: new Date(base + (30 + i) * DAY).toISOString(),
      });
      made.push(row.id);
    }
    await insertService(s, bob.accountId);
    const all = await s.request('GET', SERVICES, { headers: ada.headers });
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(
      all.body.items.map((i: { id: string }) => i.id),
      [...made].reverse(),
    );
    assert.equal(all.body.nextCursor, null);
    assert.equal(all.body.items[0].cancellation, null);

    const first = await s.request('GET', `${SERVICES}?limit=2`, { headers: ada.headers });
    assert.equal(first.body.items.length, 2);
    assert.ok(first.body.nextCursor);
    const second = await s.request('GET', `${SERVICES}?limit=2&cursor=${first.body.nextCursor}`, {
      headers: ada.headers,
    });
    const third = await s.request('GET', `${SERVICES}?limit=2&cursor=${second.body.nextCursor}`, {
      headers: ada.headers,
    });
    assert.deepEqual(
      [...first.body.items, ...second.body.items, ...third.body.items].map((i: { id: string }) => i.id),
      [...made].reverse(),
    );
    assert.equal(third.body.nextCursor, null);

    const suspended = await s.request('GET', `${SERVICES}?status=suspended`, { headers: ada.headers });
    assert.deepEqual(
      suspended.body.items.map((i: { id: string }) => i.id),
      [made[3], made[1]],
    );

    const tampered = await s.request('GET', `${SERVICES}?cursor=nonsense`, { headers: ada.headers });
    assert.equal(tampered.status, 400);
  });

  test('another account’s service answers exactly like a missing one', async () => {
    const bobs = await insertService(s, bob.accountId);
    const missing = s.app.portico.deps.ids('svc');
    const cancel = { type: 'immediate', reason: 'Too expensive' };
    const pairs: Array<[string, string, unknown]> = [
      ['GET', '', undefined],
      ['POST', '/cancellation', cancel],
      ['DELETE', '/cancellation', undefined],
    ];
    for (const [method, suffix, body] of pairs) {
      const theirs = await s.request(method, `${SERVICES}/${bobs.id}${suffix}`, {
        headers: ada.headers,
        ...(body ? { body } : {}),
      });
      const none = await s.request(method, `${SERVICES}/${missing}${suffix}`, {
        headers: ada.headers,
        ...(body ? { body } : {}),
      });
      assert.equal(theirs.status, 404, `${method} ${suffix}`);
      assert.deepEqual(
        { ...stable(theirs.body), instance: 0 },
        { ...stable(none.body), instance: 0 },
        `${method} ${suffix}`,
      );
    }
    // And nothing happened to Bob's service.
    const still = await s.request('GET', `${SERVICES}/${bobs.id}`, { headers: bob.headers });
    assert.equal(still.body.cancellation, null);
  });

  test('a cancellation request: one open at a time, withdrawn while pending, audited', async () => {
    const service = await insertService(s, ada.accountId, { nextDueAt: '2026-04-01T00:00:00.000Z' });
    const url = `${SERVICES}/${service.id}/cancellation`;
    const asked = await s.request('POST', url, {
      headers: ada.headers,
      body: { type: 'end_of_period', reason: '  Moving elsewhere  ' },
    });
    assert.equal(asked.status, 201, asked.text);
    assert.equal(asked.body.cancellation.status, 'pending');
    assert.equal(asked.body.cancellation.type, 'end_of_period');
    assert.equal(asked.body.cancellation.reason, 'Moving elsewhere');
    assert.equal(asked.body.status, 'active');

    const again = await s.request('POST', url, {
      headers: ada.headers,
      body: { type: 'immediate', reason: 'Really' },
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'CONFLICT');

    const got = await s.request('GET', `${SERVICES}/${service.id}`, { headers: ada.headers });
    assert.equal(got.body.cancellation.id, asked.body.cancellation.id);

    const withdrawn = await s.request('DELETE', url, { headers: ada.headers });
    assert.equal(withdrawn.status, 200, withdrawn.text);
    assert.equal(withdrawn.body.cancellation.status, 'withdrawn');
    const twice = await s.request('DELETE', url, { headers: ada.headers });
    assert.equal(twice.status, 409);

    // Withdrawn is closed: a new request may be filed, and it is the latest one shown.
    const renewed = await s.request('POST', url, {
      headers: ada.headers,
      body: { type: 'immediate', reason: 'Changed my mind again' },
    });
    assert.equal(renewed.status, 201);
    assert.notEqual(renewed.body.cancellation.id, asked.body.cancellation.id);

    const actions = await s.app.portico.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type', 'actor_label'])
      .where('target_id', '=', service.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['service.cancellation_requested', 'service.cancellation_withdrawn', 'service.cancellation_requested'],
    );
    assert.equal(actions[0]?.actor_label, ada.email);
  });

  test('parallel requests file one: the partial unique index decides', async () => {
    const service = await insertService(s, ada.accountId);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        s.request('POST', `${SERVICES}/${service.id}/cancellation`, {
          headers: ada.headers,
          body: { type: 'immediate', reason: 'Bye' },
        }),
      ),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409, 409, 409, 409]);
  });

  test('only active or suspended services can be cancelled', async () => {
    for (const status of ['pending', 'cancelled'] as const) {
      const service = await insertService(s, ada.accountId, { status });
      const r = await s.request('POST', `${SERVICES}/${service.id}/cancellation`, {
        headers: ada.headers,
        body: { type: 'immediate', reason: 'Bye' },
      });
      assert.equal(r.status, 409, status);
    }
    const suspended = await insertService(s, ada.accountId, { status: 'suspended' });
    const r = await s.request('POST', `${SERVICES}/${suspended.id}/cancellation`, {
      headers: ada.headers,
      body: { type: 'immediate', reason: 'Bye' },
    });
    assert.equal(r.status, 201);
  });

  test('services need services:read to see and services:write to ask for a cancellation', async () => {
    const service = await insertService(s, ada.accountId);
    const reader = await addContact(s, ada.accountId, 'reader@services.test', 'custom', ['services:read']);
    const headers = { authorization: `Bearer ${reader.token}` };
    const seen = await s.request('GET', `${SERVICES}/${service.id}`, { headers });
    assert.equal(seen.status, 200);
    const refused = await s.request('POST', `${SERVICES}/${service.id}/cancellation`, {
      headers,
      body: { type: 'immediate', reason: 'Bye' },
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'PERMISSION_DENIED');
  });
});
