import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { AccountStore } from '../src/modules/account/store.js';
import { TIMELINE_ACTIONS } from '../src/modules/account/activity.js';
import { accountOf, addContact, bearer, PASSWORD, signIn } from './account-helpers.js';
import { signUp, startServer, type TestServer } from './helpers.js';

const MIN = 60_000;
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0';

interface Event {
  id: string;
  at: string;
  action: string;
  actor: { type: string; label: string | null };
  device: string | null;
  ip: string | null;
  place: string | null;
  details: Record<string, unknown>;
}

async function timeline(s: TestServer, token: string, query = ''): Promise<Event[]> {
  const r = await s.request('GET', `/api/v1/account/activity${query}`, { headers: bearer(token) });
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

/** An API token straight in the database (the tokens API is another area's); answers the `pt_` secret. */
async function insertApiToken(
  s: TestServer,
  accountId: string,
  userId: string,
  name: string,
  scopes: string[],
) {
  const { db, deps } = s.app.portico;
  const token = `pt_${randomBytes(32).toString('base64url')}`;
  await db
    .insertInto('api_tokens')
    .values({
      id: deps.ids('tok'),
      account_id: accountId,
      user_id: userId,
      name,
      token_hash: createHash('sha256').update(token).digest('hex'),
      prefix: token.slice(0, 10),
      scopes: JSON.stringify(scopes),
      expires_at: null,
      last_used_at: null,
      last_used_ip: null,
      revoked_at: null,
      created_at: deps.clock.now().toISOString(),
    })
    .execute();
  return token;
}

describe('activity timeline', () => {
  test('the owner sees sign-ins, failed sign-ins and profile changes, newest first, with device and place', async () => {
    const s = await startServer();
    try {
      const ada = await signUp(s, 'ada@example.com');
      s.clock.advance(MIN);
      const failed = await s.request('POST', '/api/v1/auth/login', {
        body: { email: 'ada@example.com', password: 'not my password' },
        headers: { 'user-agent': FIREFOX_WINDOWS },
      });
      assert.equal(failed.status, 401);
      s.clock.advance(MIN);
      await signIn(s, 'ada@example.com', PASSWORD, { 'user-agent': FIREFOX_WINDOWS });
      s.clock.advance(MIN);
      await s.request('PATCH', '/api/v1/profile', { headers: bearer(ada), body: { company: 'Engines Ltd' } });

      const items = await timeline(s, ada);
      assert.deepEqual(
        items.map((e) => e.action),
        ['profile.updated', 'auth.signed_in', 'auth.sign_in_failed', 'auth.signed_in'],
      );
      const [profile, signedIn, failedIn] = items;
      assert.deepEqual(profile?.actor, { type: 'user', label: 'ada@example.com' });
      assert.deepEqual(profile?.details, { fields: 'company' });
      assert.deepEqual(
        { device: signedIn?.device, ip: signedIn?.ip, place: signedIn?.place, details: signedIn?.details },
        {
          device: 'Firefox on Windows',
          ip: '127.0.0.1',
          place: 'Local network',
          details: { method: 'password' },
        },
      );
      assert.deepEqual(failedIn?.actor, { type: 'user', label: 'ada@example.com' });
      assert.equal(failedIn?.device, 'Firefox on Windows');
      assert.equal(failedIn?.at, '2026-03-02T09:01:00.000Z');
    } finally {
      await s.close();
    }
  });

  test('another account’s events never appear, and a contact’s appear on the account they belong to', async () => {
    const s = await startServer();
    try {
      const ada = await signUp(s, 'ada@example.com');
      const adaAccount = await accountOf(s, ada);
      const bob = await signUp(s, 'bob@example.com', PASSWORD, 'Bob');
      await s.request('POST', '/api/v1/auth/login', {
        body: { email: 'bob@example.com', password: 'wrong one' },
      });
      await s.request('PATCH', '/api/v1/profile', { headers: bearer(bob), body: { company: 'Bob Co' } });
      await s.request('POST', '/api/v1/auth/login', {
        body: { email: 'nobody@example.com', password: 'wrong one' },
      });

      const contact = await addContact(s, adaAccount, 'bill@example.com', 'billing', ['billing:read']);
      await s.request('POST', '/api/v1/auth/login', {
        body: { email: 'bill@example.com', password: 'wrong one' },
      });

      const adas = await timeline(s, ada);
      assert.ok(
        adas.every((e) => e.actor.label !== 'bob@example.com' && e.actor.label !== 'nobody@example.com'),
        JSON.stringify(adas),
      );
      assert.deepEqual(
        adas.filter((e) => e.actor.label === 'bill@example.com').map((e) => e.action),
        ['auth.sign_in_failed', 'auth.signed_in'],
      );
      const bobs = await timeline(s, bob);
      assert.deepEqual(
        bobs.map((e) => [e.action, e.actor.label]),
        [
          ['profile.updated', 'bob@example.com'],
          ['auth.sign_in_failed', 'bob@example.com'],
          ['auth.signed_in', 'bob@example.com'],
        ],
      );

      const refused = await s.request('GET', '/api/v1/account/activity', { headers: bearer(contact.token) });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'OWNER_ONLY');
    } finally {
      await s.close();
    }
  });

  test('staff appear as the business, tokens by name, and details hold no secrets', async () => {
    const s = await startServer();
    try {
      const ada = await signUp(s, 'ada@example.com');
      const accountId = await accountOf(s, ada);
      const { audit, sqlite } = s.app.portico;
      const { id: adaId } = sqlite.prepare('SELECT id FROM users').get() as { id: string };
      const staff = { type: 'staff' as const, id: 'stf_1', label: 'ops@business.test' };
      const origin = { ip: '203.0.113.9', userAgent: FIREFOX_WINDOWS };
      await audit.record({
        actor: staff,
        action: 'magic_link.created',
        accountId,
        origin,
        details: { linkId: 'lnk_1', destination: null, createdBy: 'stf_1' },
      });
      await audit.record({
        actor: staff,
        action: 'client.updated',
        accountId,
        origin,
        details: { fields: ['notes'] },
      });
      await audit.record({ actor: staff, action: 'settings.updated', origin });
      // A two-factor reset is about a login, not an account: it shows to the accounts that login belongs to.
      await audit.record({
        actor: staff,
        action: 'security.two_factor_reset',
        target: { type: 'user', id: adaId },
        origin,
        details: { email: 'ada@example.com', wasOn: true },
      });
      await audit.record({
        actor: staff,
        action: 'security.two_factor_reset',
        target: { type: 'user', id: 'usr_someone_else' },
        details: { email: 'else@example.com', wasOn: true },
      });
      await audit.record({
        actor: { type: 'user', id: adaId, label: 'ada@example.com' },
        action: 'security.something_noted',
        accountId,
        details: {
          method: 'password',
          password: 'hunter2',
          code: '123456',
          secret: 'x',
          tokenHash: 'y',
          nested: { a: 1 },
        },
      });
      s.clock.advance(MIN);
      const token = await insertApiToken(s, accountId, adaId, 'CI deploys', ['profile:write']);
      const viaToken = await s.request('PATCH', '/api/v1/profile', {
        headers: bearer(token),
        body: { phone: '+1 555 0100' },
      });
      assert.equal(viaToken.status, 200, viaToken.text);

      const items = await timeline(s, ada);
      const byAction = new Map(items.map((e) => [e.action, e]));
      assert.equal(
        byAction.has('client.updated'),
        false,
        'staff work that does not touch access stays staff-side',
      );
      assert.equal(byAction.has('settings.updated'), false);
      assert.deepEqual(byAction.get('magic_link.created'), {
        ...byAction.get('magic_link.created'),
        actor: { type: 'staff', label: null },
        device: null,
        ip: null,
        place: null,
        details: { linkId: 'lnk_1', destination: null },
      });
      assert.deepEqual(byAction.get('security.something_noted')?.details, { method: 'password' });
      const resets = items.filter((e) => e.action === 'security.two_factor_reset');
      assert.deepEqual(
        resets.map((e) => [e.actor, e.ip, e.details]),
        [[{ type: 'staff', label: null }, null, { email: 'ada@example.com', wasOn: true }]],
      );
      const profile = byAction.get('profile.updated');
      assert.deepEqual(profile?.actor, { type: 'token', label: 'CI deploys' });
      assert.equal(profile?.details.fields, 'phone');
    } finally {
      await s.close();
    }
  });

  test('pages with a cursor, without gaps or repeats, and refuses a forged cursor', async () => {
    const s = await startServer();
    try {
      const ada = await signUp(s, 'ada@example.com');
      for (let i = 0; i < 4; i++) {
        s.clock.advance(1000);
        await s.request('POST', '/api/v1/auth/login', {
          body: { email: 'ada@example.com', password: `wrong ${i}` },
        });
      }
      const all = await timeline(s, ada);
      assert.equal(all.length, 5);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const r = await s.request(
          'GET',
          `/api/v1/account/activity?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          { headers: bearer(ada) },
        );
        assert.equal(r.status, 200, r.text);
        seen.push(...r.body.items.map((e: Event) => e.id));
        cursor = r.body.nextCursor;
      } while (cursor);
      assert.deepEqual(
        seen,
        all.map((e) => e.id),
      );

      for (const forged of ['nope', Buffer.from(JSON.stringify({ x: '1' })).toString('base64url')]) {
        const r = await s.request('GET', `/api/v1/account/activity?cursor=${forged}`, {
          headers: bearer(ada),
        });
        assert.equal(r.status, 400);
        assert.equal(r.body.errors[0].path, 'cursor');
      }
    } finally {
      await s.close();
    }
  });

  test('the timeline query walks its indexes and never sorts the log', async () => {
    const s = await startServer();
    try {
      const { sqlite, db } = s.app.portico;
      const seen: string[] = [];
      const prepare = sqlite.prepare.bind(sqlite);
      sqlite.prepare = ((source: string) => {
        if (/audit_log/i.test(source) && /union all/i.test(source)) seen.push(source);
        return prepare(source);
      }) as typeof sqlite.prepare;
      try {
        const store = new AccountStore(db);
        await store.activity('acct_x', ['usr_a', 'usr_b'], {
          actions: TIMELINE_ACTIONS,
          after: undefined,
          limit: 51,
        });
        await store.activity('acct_x', ['usr_a'], {
          actions: TIMELINE_ACTIONS,
          after: { at: '2026-03-02T09:00:00.000Z', id: 'aud_x' },
          limit: 51,
        });
      } finally {
        sqlite.prepare = prepare;
      }
      assert.equal(seen.length, 2);
      for (const sql of seen) {
        const params = Array((sql.match(/\?/g) ?? []).length).fill('x');
        const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
          .map((r) => r.detail)
          .join(' | ');
        assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
        assert.match(plan, /USING INDEX audit_account/, plan);
        assert.match(plan, /USING INDEX audit_actor/, plan);
        assert.match(plan, /USING INDEX audit_action/, plan);
      }
    } finally {
      await s.close();
    }
  });
});
