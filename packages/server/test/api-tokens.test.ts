import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { accountRoutes, authRoutes, PERMISSIONS, type Permission } from '@portico/sdk/contract';
import { sha256 } from '../src/modules/auth/secrets.js';
import { MAX_TOKENS_PER_USER } from '../src/modules/tokens/service.js';
import { liveTokensQuery } from '../src/modules/tokens/store.js';
import { signUp, startServer, type TestServer } from './helpers.js';
import { bearer, insertMember, insertSession, whoIs } from './account-helpers.js';
import { mountedClientRoutes, sendFake } from './route-walk.js';

const TOKENS = '/api/v1/tokens';
const FOREIGN = 'https://evil.example';

describe('API tokens', () => {
  let s: TestServer;
  let owner: { token: string; userId: string; accountId: string };
  let contactId: string;
  let contactSession: string;

  const own = () => ({ origin: s.app.portico.config.publicOrigin });
  const create = (session: string, body: Record<string, unknown>) =>
    s.request('POST', TOKENS, { body, headers: { ...bearer(session), ...own() } });
  const list = (session: string) => s.request('GET', TOKENS, { headers: bearer(session) });
  const revoke = (session: string, id: string) =>
    s.request('DELETE', `${TOKENS}/${id}`, { headers: { ...bearer(session), ...own() } });
  const principal = (token: string, ip = '203.0.113.7') => s.app.portico.apiTokens.authenticate(token, ip);
  /** Makes a token and answers its secret and id. */
  const made = async (session: string, scopes: Permission[], extra: Record<string, unknown> = {}) => {
    const r = await create(session, { name: `t ${scopes.join(' ')}`.slice(0, 60), scopes, ...extra });
    assert.equal(r.status, 201, r.text);
    return { token: r.body.token as string, id: r.body.id as string };
  };

  before(async () => {
    s = await startServer();
    const token = await signUp(s, 'owner@tokens.test', undefined, 'Olive Owner');
    owner = { token, ...(await whoIs(s, token)) };
    contactId = await insertMember(s, owner.accountId, {
      email: 'carl@tokens.test',
      role: 'billing',
      permissions: ['profile:read', 'billing:write'],
    });
  });
  // Tests move the clock: each starts with fresh sessions.
  beforeEach(async () => {
    owner.token = (await insertSession(s, owner.userId, owner.accountId)).token;
    contactSession = (await insertSession(s, contactId, owner.accountId)).token;
  });
  after(() => s.close());

  test('creating answers the secret once; only its SHA-256 and a prefix are stored', async () => {
    const r = await create(owner.token, { name: 'CI deploys', scopes: ['services:read', 'domains:write'] });
    assert.equal(r.status, 201, r.text);
    const token: string = r.body.token;
    assert.match(token, /^pt_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(
      { ...r.body, id: undefined, token: undefined },
      {
        id: undefined,
        token: undefined,
        name: 'CI deploys',
        prefix: token.slice(0, 10),
        scopes: ['services:read', 'domains:write'],
        createdBy: { id: owner.userId, name: 'Olive Owner' },
        createdAt: s.clock.now().toISOString(),
        expiresAt: null,
        lastUsedAt: null,
        lastUsedIp: null,
      },
    );
    const row = await s.app.portico.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', r.body.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.token_hash, sha256(token));
    assert.equal(row.account_id, owner.accountId);
    assert.ok(!JSON.stringify(row).includes(token.slice(10)), 'the secret is not stored');
    const listed = (await list(owner.token)).body.items.find((t: { id: string }) => t.id === r.body.id);
    assert.equal(listed.token, undefined, 'the secret is never listed');
    assert.equal(listed.prefix, token.slice(0, 10));
  });

  test('an expiry in days; validation names the field', async () => {
    const r = await create(owner.token, { name: 'short', scopes: ['profile:read'], expiresInDays: 30 });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.expiresAt, new Date(s.clock.now().getTime() + 30 * 86_400_000).toISOString());
    const bad = await create(owner.token, { name: '', scopes: [], expiresInDays: 0 });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), [
      'expiresInDays',
      'name',
      'scopes',
    ]);
    const unknown = await create(owner.token, { name: 'x', scopes: ['admin:write'] });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.errors[0].path, 'scopes.0');
  });

  test("scopes must be the creator's permissions: 403 SCOPE_NOT_GRANTED names each other scope", async () => {
    // Carl holds profile:read and billing:write; billing:write covers billing:read.
    const ok = await create(contactSession, { name: 'mine', scopes: ['billing:read', 'profile:read'] });
    assert.equal(ok.status, 201, ok.text);
    const r = await create(contactSession, {
      name: 'too much',
      scopes: ['billing:write', 'profile:write', 'domains:read'],
    });
    assert.equal(r.status, 403);
    assert.equal(r.body.code, 'SCOPE_NOT_GRANTED');
    assert.deepEqual(
      r.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`),
      ['scopes.1 SCOPE_NOT_GRANTED', 'scopes.2 SCOPE_NOT_GRANTED'],
    );
    const all = await create(owner.token, { name: 'owner holds all', scopes: [...PERMISSIONS] });
    assert.equal(all.status, 201, 'the owner may grant every scope');
  });

  test('a principal: its scopes within what the creator holds now, changed on the next request', async () => {
    const { token, id } = await made(contactSession, ['billing:write', 'profile:read']);
    assert.deepEqual(await principal(token), {
      kind: 'token',
      tokenId: id,
      tokenName: 't billing:write profile:read',
      userId: contactId,
      accountId: owner.accountId,
      role: 'billing',
      permissions: ['billing:write', 'profile:read'],
    });
    // The owner narrows Carl to billing:read: the token keeps only what he still holds.
    await s.app.portico.db
      .updateTable('memberships')
      .set({ permissions: JSON.stringify(['billing:read']) })
      .where('user_id', '=', contactId)
      .execute();
    assert.deepEqual((await principal(token))?.permissions, []);
    await s.app.portico.db
      .updateTable('memberships')
      .set({ permissions: JSON.stringify(['profile:read', 'billing:write']) })
      .where('user_id', '=', contactId)
      .execute();
    assert.deepEqual((await principal(token))?.permissions, ['billing:write', 'profile:read']);
  });

  test('unknown, malformed, revoked and expired tokens are nobody', async () => {
    const { token, id } = await made(owner.token, ['profile:read']);
    assert.equal(await principal(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`), undefined);
    assert.equal(await principal('pt_short'), undefined);
    assert.equal(await principal(`pt_${'a'.repeat(200)}`), undefined);
    assert.equal((await revoke(owner.token, id)).status, 204);
    assert.equal(await principal(token), undefined);

    const soon = await made(owner.token, ['profile:read'], { expiresInDays: 1 });
    assert.ok(await principal(soon.token));
    s.clock.advance(86_400_000);
    assert.equal(await principal(soon.token), undefined, 'expired');
    const r = await s.request('GET', '/api/v1/auth/session', { headers: bearer(soon.token) });
    assert.equal(r.status, 200, 'an optional route answers as signed out… ');
    assert.equal(r.body, null);
  });

  test('a disabled login, a disabled account or a removed membership stops its tokens', async () => {
    const { db } = s.app.portico;
    const { token } = await made(contactSession, ['profile:read']);
    assert.ok(await principal(token));
    await db
      .updateTable('users')
      .set({ disabled_at: s.clock.now().toISOString() })
      .where('id', '=', contactId)
      .execute();
    assert.equal(await principal(token), undefined, 'disabled login');
    await db.updateTable('users').set({ disabled_at: null }).where('id', '=', contactId).execute();
    await db.updateTable('accounts').set({ status: 'disabled' }).where('id', '=', owner.accountId).execute();
    assert.equal(await principal(token), undefined, 'disabled account');
    await db.updateTable('accounts').set({ status: 'active' }).where('id', '=', owner.accountId).execute();
    assert.ok(await principal(token));
    const membership = await db
      .selectFrom('memberships')
      .selectAll()
      .where('user_id', '=', contactId)
      .executeTakeFirstOrThrow();
    await db.deleteFrom('memberships').where('id', '=', membership.id).execute();
    assert.equal(await principal(token), undefined, 'no membership');
    await db.insertInto('memberships').values(membership).execute();
  });

  test('last use is written at most once a minute; token.used audited at most once an hour', async () => {
    const { db } = s.app.portico;
    const { token, id } = await made(owner.token, ['profile:read']);
    const row = () =>
      db
        .selectFrom('api_tokens')
        .select(['last_used_at', 'last_used_ip'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const uses = async () =>
      (
        await db
          .selectFrom('audit_log')
          .select(['details', 'actor_type', 'actor_id', 'account_id', 'ip'])
          .where('action', '=', 'token.used')
          .where('target_id', '=', id)
          .execute()
      ).map((u) => ({ ...u, details: JSON.parse(u.details) }));
    const first = s.clock.now().toISOString();
    await principal(token, '198.51.100.1');
    assert.deepEqual(await row(), { last_used_at: first, last_used_ip: '198.51.100.1' });
    s.clock.advance(30_000);
    await principal(token, '198.51.100.2');
    assert.deepEqual(
      await row(),
      { last_used_at: first, last_used_ip: '198.51.100.1' },
      'not within a minute',
    );
    s.clock.advance(30_000);
    await principal(token, '198.51.100.3');
    assert.deepEqual(await row(), {
      last_used_at: s.clock.now().toISOString(),
      last_used_ip: '198.51.100.3',
    });
    assert.deepEqual(await uses(), [
      {
        actor_type: 'user',
        actor_id: owner.userId,
        account_id: owner.accountId,
        ip: '198.51.100.1',
        details: { via: 'token', name: 't profile:read' },
      },
    ]);
    for (let minute = 0; minute < 58; minute++) {
      s.clock.advance(60_000);
      await principal(token);
    }
    assert.equal((await uses()).length, 1, 'once within the hour');
    s.clock.advance(60_000);
    await principal(token);
    assert.equal((await uses()).length, 2, 'again after an hour');
    const session = (await insertSession(s, owner.userId, owner.accountId)).token;
    const listed = (await list(session)).body.items.find((t: { id: string }) => t.id === id);
    assert.equal(listed.lastUsedAt, s.clock.now().toISOString());
  });

  test('at most 50 live tokens per person and account; revoked and expired ones make room', async () => {
    const person = await insertMember(s, owner.accountId, {
      email: 'cap@tokens.test',
      role: 'technical',
      permissions: ['services:write'],
    });
    let session = (await insertSession(s, person, owner.accountId)).token;
    const ids: string[] = [(await made(session, ['services:read'], { expiresInDays: 1 })).id];
    while (ids.length < MAX_TOKENS_PER_USER) ids.push((await made(session, ['services:read'])).id);
    const full = await create(session, { name: 'one more', scopes: ['services:read'] });
    assert.equal(full.status, 409);
    assert.equal(full.body.code, 'CONFLICT');
    assert.match(full.body.detail, /50 API tokens/);
    assert.equal(
      (await create(owner.token, { name: 'owner', scopes: ['profile:read'] })).status,
      201,
      'per person',
    );
    assert.equal((await revoke(session, ids[1]!)).status, 204);
    assert.equal((await create(session, { name: 'room', scopes: ['services:read'] })).status, 201);
    assert.equal((await create(session, { name: 'full again', scopes: ['services:read'] })).status, 409);
    s.clock.advance(86_400_000);
    session = (await insertSession(s, person, owner.accountId)).token;
    assert.equal((await create(session, { name: 'after expiry', scopes: ['services:read'] })).status, 201);
    assert.equal((await create(session, { name: 'full again', scopes: ['services:read'] })).status, 409);
  });

  test('listing: your own tokens; the owner sees everyone; revoked ones are gone', async () => {
    const mine = await made(contactSession, ['billing:read']);
    const owners = await made(owner.token, ['support:read']);
    const carl = (await list(contactSession)).body.items;
    assert.ok(carl.length > 0);
    assert.ok(carl.every((t: { createdBy: { id: string } }) => t.createdBy.id === contactId));
    assert.ok(!carl.some((t: { id: string }) => t.id === owners.id));
    const all = (await list(owner.token)).body.items.map((t: { id: string }) => t.id);
    assert.ok(all.includes(mine.id) && all.includes(owners.id));
    assert.equal((await revoke(contactSession, mine.id)).status, 204);
    assert.ok(!(await list(owner.token)).body.items.some((t: { id: string }) => t.id === mine.id));
  });

  test("revoking: the creator or the owner; someone else's or another account's token is 404", async () => {
    const carls = await made(contactSession, ['billing:read']);
    const owners = await made(owner.token, ['billing:read']);
    const notYours = await revoke(contactSession, owners.id);
    assert.equal(notYours.status, 404);
    assert.equal(notYours.body.code, 'NOT_FOUND');
    assert.ok(await principal(owners.token), 'still alive');
    assert.equal((await revoke(owner.token, carls.id)).status, 204, "the owner revokes a contact's token");
    assert.equal(await principal(carls.token), undefined);
    assert.equal((await revoke(owner.token, carls.id)).status, 404, 'already revoked');

    const other = await signUp(s, 'other@tokens.test');
    const theirs = await made(other, ['profile:read']);
    const cross = await revoke(owner.token, theirs.id);
    assert.equal(cross.status, 404);
    assert.deepEqual(
      { ...cross.body, requestId: 0, instance: 0 },
      { ...(await revoke(owner.token, 'tok_00000000000000000000000000')).body, requestId: 0, instance: 0 },
      'the same answer as a missing id',
    );
    assert.ok(await principal(theirs.token));
  });

  test('audit: token.created and token.revoked with name and scopes, never the secret; no mail', async () => {
    const before = (await s.mailsTo('owner@tokens.test')).length;
    const { token, id } = await made(owner.token, ['domains:write', 'domains:read']);
    await revoke(owner.token, id);
    const rows = await s.app.portico.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => [
        r.action,
        r.actor_id,
        r.account_id,
        JSON.parse(r.details).name,
        JSON.parse(r.details).scopes,
      ]),
      [
        [
          'token.created',
          owner.userId,
          owner.accountId,
          't domains:write domains:read',
          'domains:write domains:read',
        ],
        [
          'token.revoked',
          owner.userId,
          owner.accountId,
          't domains:write domains:read',
          'domains:write domains:read',
        ],
      ],
    );
    assert.ok(!JSON.stringify(rows).includes(token.slice(3)), 'the secret is never logged');
    assert.equal((await s.mailsTo('owner@tokens.test')).length, before);
  });

  test('the lists read through indexes, with no temporary B-tree', () => {
    const { db, sqlite } = s.app.portico;
    for (const userId of [undefined, contactId]) {
      const query = liveTokensQuery(db, owner.accountId, userId).compile();
      const plan = (
        sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.parameters) as { detail: string }[]
      )
        .map((r) => r.detail)
        .join(' | ');
      assert.doesNotMatch(plan, /TEMP B-TREE|SCAN/, plan);
      assert.match(plan, /USING INDEX api_tokens_account/, plan);
    }
  });

  test('the contract makes password, 2FA, passkey, session, token and account-switch routes self', () => {
    const selfOnly = [
      accountRoutes.changePassword,
      accountRoutes.changeEmail,
      accountRoutes.setupTotp,
      accountRoutes.enableTotp,
      accountRoutes.disableTotp,
      accountRoutes.regenerateBackupCodes,
      accountRoutes.listPasskeys,
      accountRoutes.registerPasskey,
      accountRoutes.removePasskey,
      accountRoutes.listSessions,
      accountRoutes.endSession,
      accountRoutes.endOtherSessions,
      accountRoutes.listTokens,
      accountRoutes.createToken,
      accountRoutes.revokeToken,
      authRoutes.switchAccount,
    ];
    assert.deepEqual(
      selfOnly.filter((r) => r.access !== 'self').map((r) => r.id),
      [],
    );
  });

  test('a token never passes a self, owner or session-only route: 403 TOKEN_NOT_ALLOWED on each', async () => {
    const { token } = await made(owner.token, [...PERMISSIONS]);
    const routes = mountedClientRoutes(s).filter(
      (r) =>
        (r.auth === 'client' || r.auth === 'optional') &&
        (!r.access || r.access === 'self' || r.access === 'owner'),
    );
    assert.ok(
      routes.some((r) => r.id === 'account.createToken'),
      'the token routes are among them',
    );
    const wrong: string[] = [];
    for (const route of routes) {
      const r = await sendFake(s, route, { ...bearer(token), ...own() });
      if (r.status !== 403 || r.body?.code !== 'TOKEN_NOT_ALLOWED')
        wrong.push(`${route.id}: ${r.status} ${r.text}`);
    }
    assert.deepEqual(wrong, []);
    // A token cannot make itself a sibling, however it asks.
    const tokens = await s.app.portico.db.selectFrom('api_tokens').select('id').execute();
    const again = await create(token, { name: 'child', scopes: ['profile:read'] });
    assert.equal(again.status, 403);
    assert.equal(again.body.code, 'TOKEN_NOT_ALLOWED');
    assert.equal(
      (await s.app.portico.db.selectFrom('api_tokens').select('id').execute()).length,
      tokens.length,
    );
  });

  test('CSRF: a pt_ bearer from a foreign Origin with no cookie is not refused for its origin', async () => {
    const { token } = await made(owner.token, [...PERMISSIONS]);
    // Past the origin check, the token meets the route's own rule (tokens cannot make tokens).
    const r = await s.request('POST', TOKENS, {
      body: { name: 'x', scopes: ['profile:read'] },
      headers: { ...bearer(token), origin: FOREIGN },
    });
    assert.equal(r.status, 403);
    assert.equal(r.body.code, 'TOKEN_NOT_ALLOWED');
    const profile = mountedClientRoutes(s).find((route) => route.id === 'account.updateProfile');
    if (profile) {
      const patched = await s.request('PATCH', profile.path, {
        body: { company: 'Scripted Ltd' },
        headers: { ...bearer(token), origin: FOREIGN },
      });
      assert.equal(patched.status, 200, patched.text);
    }
    // A session bearer from that origin, or a pt_ bearer that comes with the session cookie, is still refused.
    for (const headers of [
      { ...bearer(owner.token), origin: FOREIGN },
      { ...bearer(token), cookie: `portico_session=${owner.token}`, origin: FOREIGN },
    ]) {
      const refused = await s.request('POST', TOKENS, {
        body: { name: 'x', scopes: ['profile:read'] },
        headers,
      });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'ORIGIN_NOT_ALLOWED');
    }
  });

  test('a pt_ token in the session cookie counts for nothing', async () => {
    const { token } = await made(owner.token, [...PERMISSIONS]);
    const session = await s.request('GET', '/api/v1/auth/session', {
      headers: { cookie: `portico_session=${token}` },
    });
    assert.equal(session.status, 200);
    assert.equal(session.body, null);
    const r = await s.request('GET', TOKENS, { headers: { cookie: `portico_session=${token}` } });
    assert.equal(r.status, 401);
    assert.equal(r.body.code, 'UNAUTHENTICATED');
    const profile = mountedClientRoutes(s).find((route) => route.id === 'account.getProfile');
    if (profile) {
      const read = await s.request('GET', profile.path, { headers: { cookie: `portico_session=${token}` } });
      assert.equal(read.status, 401);
      assert.equal((await s.request('GET', profile.path, { headers: bearer(token) })).status, 200);
    }
  });
});
