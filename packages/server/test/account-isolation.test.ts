import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PERMISSIONS } from '@portico/sdk/contract';
import { PASSWORD, whoIs } from './account-helpers.js';
import { signedInAs, signUp, startServer, type TestServer } from './helpers.js';

/**
 * One login on two accounts: Alice owns A (and, later, A2) and is a contact on Bob's B. Whatever account her
 * session has active, nothing of the others shows, and nothing sent along in a body moves data between them.
 */
describe('two accounts, one login', () => {
  let s: TestServer;
  let alice: { userId: string; accountA: string };
  let bob: { token: string; accountB: string };
  /** Alice's session on A, and her second session, switched to B. */
  let onA: string;
  let onB: string;
  let contactOnB: string;
  /** Alice's tokens: one made on A, one on B. */
  let tokenA: { id: string; token: string };
  let tokenB: { id: string; token: string };

  const headers = (token: string) => ({
    authorization: `Bearer ${token}`,
    origin: s.app.portico.config.publicOrigin,
  });
  const get = (token: string, path: string) => s.request('GET', path, { headers: headers(token) });
  const send = (token: string, method: string, path: string, body?: unknown) =>
    s.request(method, path, { headers: headers(token), ...(body === undefined ? {} : { body }) });
  const makeToken = async (session: string, body: Record<string, unknown>) => {
    const r = await send(session, 'POST', '/api/v1/tokens', body);
    assert.equal(r.status, 201, r.text);
    return { id: r.body.id as string, token: r.body.token as string };
  };
  const ids = (r: { body: { items: Array<{ id: string }> } }) => r.body.items.map((i) => i.id);

  before(async () => {
    s = await startServer();
    onA = await signUp(s, 'alice@iso.test', PASSWORD, 'Alice A');
    const a = await whoIs(s, onA);
    alice = { userId: a.userId, accountA: a.accountId };
    const bobToken = await signUp(s, 'bob@iso.test', PASSWORD, 'Bob B');
    bob = { token: bobToken, accountB: (await whoIs(s, bobToken)).accountId };

    // A contact of A, and a token on A, so there is something of A to leak.
    const carol = await send(onA, 'POST', '/api/v1/contacts', {
      name: 'Carol',
      email: 'carol@iso.test',
      role: 'billing',
    });
    assert.equal(carol.status, 201, carol.text);
    tokenA = await makeToken(onA, { name: 'on A', scopes: [...PERMISSIONS] });

    const added = await send(bob.token, 'POST', '/api/v1/contacts', {
      name: 'Alice',
      email: 'alice@iso.test',
      role: 'custom',
      permissions: ['profile:read', 'support:write'],
    });
    assert.equal(added.status, 201, added.text);
    contactOnB = added.body.id;

    const login = await s.request('POST', '/api/v1/auth/login', {
      body: { email: 'alice@iso.test', password: PASSWORD },
      headers: { 'x-portico-session': 'token' },
    });
    assert.equal(login.status, 200, login.text);
    onB = login.body.token;
    assert.equal(login.body.account.id, alice.accountA, 'a sign-in starts on the account last used');
    const switched = await send(onB, 'POST', '/api/v1/auth/switch-account', { accountId: bob.accountB });
    assert.equal(switched.status, 200, switched.text);
    assert.equal(switched.body.account.id, bob.accountB);
    assert.deepEqual(switched.body.permissions, ['profile:read', 'support:write']);
    tokenB = await makeToken(onB, { name: 'on B', scopes: ['profile:read'] });
  });
  after(() => s.close());

  test('switching to B makes her a joined contact of B', async () => {
    const contacts = await get(bob.token, '/api/v1/contacts');
    const entry = contacts.body.items.find((c: { id: string }) => c.id === contactOnB);
    assert.equal(entry.status, 'active');
    assert.equal(entry.userId, alice.userId);
  });

  test('while B is active, nothing of A shows: profile, tokens, contacts, activity', async () => {
    const profile = await get(onB, '/api/v1/profile');
    assert.equal(profile.status, 200, profile.text);
    assert.equal(profile.body.account.id, bob.accountB);
    assert.equal(profile.body.account.name, 'Bob B');
    assert.equal(profile.body.user.id, alice.userId);
    assert.ok(!profile.text.includes(alice.accountA));

    assert.deepEqual(ids(await get(onB, '/api/v1/tokens')), [tokenB.id]);
    assert.deepEqual(ids(await get(onA, '/api/v1/tokens')), [tokenA.id]);
    const bobsList = ids(await get(bob.token, '/api/v1/tokens'));
    assert.ok(
      bobsList.includes(tokenB.id) && !bobsList.includes(tokenA.id),
      "B's owner sees B's tokens only",
    );
    const cross = await send(onB, 'DELETE', `/api/v1/tokens/${tokenA.id}`);
    assert.equal(cross.status, 404, "A's token is not found from B");
    assert.equal((await send(bob.token, 'DELETE', `/api/v1/tokens/${tokenA.id}`)).status, 404);

    for (const path of ['/api/v1/contacts', '/api/v1/account/activity']) {
      const r = await get(onB, path);
      assert.equal(r.status, 403, path);
      assert.equal(r.body.code, 'OWNER_ONLY', 'on B she is a contact, not the owner');
    }
  });

  test('a second owned account shows none of the first: contacts and activity', async () => {
    await s.app.portico.settings.set('allowDuplicateAccounts', true);
    const reg = await s.request('POST', '/api/v1/auth/register', {
      body: { name: 'Alice Two', email: 'alice@iso.test', password: PASSWORD },
    });
    assert.equal(reg.status, 202, reg.text);
    const verified = await s.request('POST', '/api/v1/auth/verify-email', {
      body: { email: 'alice@iso.test', code: await s.codeFor('alice@iso.test') },
      headers: { 'x-portico-session': 'token' },
    });
    assert.equal(verified.status, 200, verified.text);
    const onA2 = verified.body.token as string;
    const accountA2 = verified.body.account.id as string;
    assert.notEqual(accountA2, alice.accountA);
    assert.equal(verified.body.account.role, 'owner');

    assert.deepEqual(ids(await get(onA2, '/api/v1/contacts')), []);
    assert.deepEqual(ids(await get(onA2, '/api/v1/tokens')), []);
    const activity = await get(onA2, '/api/v1/account/activity');
    assert.equal(activity.status, 200, activity.text);
    const actions = activity.body.items.map((e: { action: string }) => e.action);
    assert.ok(!actions.includes('contact.added') && !actions.includes('token.created'), actions.join());
    assert.ok(!activity.text.includes(alice.accountA) && !activity.text.includes(tokenA.id));
    const onAActivity = await get(onA, '/api/v1/account/activity');
    assert.ok(onAActivity.body.items.some((e: { action: string }) => e.action === 'token.created'));
  });

  test('a token made on A acts on A only, whatever account her sessions have active', async () => {
    const profile = await get(tokenA.token, '/api/v1/profile');
    assert.equal(profile.status, 200, profile.text);
    assert.equal(profile.body.account.id, alice.accountA);
    const principal = await s.app.portico.apiTokens.authenticate(tokenA.token, undefined);
    assert.equal(principal?.accountId, alice.accountA);
    const viaB = await get(tokenB.token, '/api/v1/profile');
    assert.equal(viaB.body.account.id, bob.accountB);
  });

  test('the owner cannot move data between accounts by sending ids in a body', async () => {
    const before = await s.app.portico.db.selectFrom('memberships').selectAll().execute();
    const owner = await send(bob.token, 'POST', '/api/v1/contacts', {
      name: 'Mallory',
      email: 'mallory@iso.test',
      role: 'owner',
    });
    assert.equal(owner.status, 400, 'the owner role is not one a contact may get');
    assert.equal(owner.body.errors[0].path, 'role');
    assert.equal(
      (await s.app.portico.db.selectFrom('memberships').selectAll().execute()).length,
      before.length,
    );

    const extra = await send(bob.token, 'POST', '/api/v1/contacts', {
      name: 'Mallory',
      email: 'mallory@iso.test',
      role: 'billing',
      accountId: alice.accountA,
      userId: alice.userId,
      joinedAt: '2020-01-01T00:00:00.000Z',
      status: 'active',
    });
    assert.equal(extra.status, 201, extra.text);
    assert.notEqual(extra.body.userId, alice.userId);
    assert.equal(extra.body.status, 'invited');
    assert.equal(extra.body.joinedAt, null);
    const row = await s.app.portico.db
      .selectFrom('memberships')
      .selectAll()
      .where('id', '=', extra.body.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.account_id, bob.accountB);
    assert.equal(row.joined_at, null);

    const toOwner = await send(bob.token, 'PATCH', `/api/v1/contacts/${contactOnB}`, { role: 'owner' });
    assert.equal(toOwner.status, 400);
    const patched = await send(bob.token, 'PATCH', `/api/v1/contacts/${contactOnB}`, {
      permissions: ['profile:read', 'support:write', 'billing:read'],
      accountId: alice.accountA,
      userId: bob.accountB,
      joinedAt: null,
    });
    assert.equal(patched.status, 200, patched.text);
    const after = await s.app.portico.db
      .selectFrom('memberships')
      .selectAll()
      .where('id', '=', contactOnB)
      .executeTakeFirstOrThrow();
    assert.equal(after.account_id, bob.accountB);
    assert.equal(after.user_id, alice.userId);
    assert.equal(after.role, 'custom');
    assert.ok(after.joined_at, 'joinedAt is not writable');
    const onAMembership = await s.app.portico.db
      .selectFrom('memberships')
      .select('role')
      .where('user_id', '=', alice.userId)
      .where('account_id', '=', alice.accountA)
      .executeTakeFirstOrThrow();
    assert.equal(onAMembership.role, 'owner');

    const token = await send(onB, 'POST', '/api/v1/tokens', {
      name: 'smuggled',
      scopes: ['profile:read'],
      accountId: alice.accountA,
      userId: bob.accountB,
    });
    assert.equal(token.status, 201, token.text);
    assert.equal(token.body.createdBy.id, alice.userId);
    const stored = await s.app.portico.db
      .selectFrom('api_tokens')
      .select(['account_id', 'user_id'])
      .where('id', '=', token.body.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { account_id: bob.accountB, user_id: alice.userId });
    await send(onB, 'DELETE', `/api/v1/tokens/${token.body.id}`);
  });

  test("removing her from B ends her B session and token, never A's", async () => {
    assert.equal((await send(bob.token, 'DELETE', `/api/v1/contacts/${contactOnB}`)).status, 204);
    assert.equal(await signedInAs(s, { authorization: `Bearer ${onB}` }), null);
    assert.equal(await s.app.portico.apiTokens.authenticate(tokenB.token, undefined), undefined);
    assert.equal(await signedInAs(s, { authorization: `Bearer ${onA}` }), 'alice@iso.test');
    const stillA = await get(tokenA.token, '/api/v1/profile');
    assert.equal(stillA.status, 200);
    assert.equal(stillA.body.account.id, alice.accountA);
    const session = await get(onA, '/api/v1/auth/session');
    assert.ok(!session.body.accounts.some((a: { id: string }) => a.id === bob.accountB));
    const back = await send(onA, 'POST', '/api/v1/auth/switch-account', { accountId: bob.accountB });
    assert.equal(back.status, 404, 'no way back to B');
  });
});
