import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { CONTACT_ROLE_PERMISSIONS } from '@portico/sdk/contract';
import { CONTACT_LIMITS } from '../src/modules/contacts/service.js';
import { contactListQuery } from '../src/modules/contacts/store.js';
import { signedInAs, signUp, staffSession, startServer, type TestServer } from './helpers.js';
import { insertSession, whoIs } from './account-helpers.js';

const CONTACTS = '/api/v1/contacts';
const PASSWORD = 'a long and unusual passphrase';
const TOKEN_MODE = { 'x-portico-session': 'token' };

describe('contacts', () => {
  let s: TestServer;
  let owner: { token: string; userId: string; accountId: string };

  const bearer = (token: string) => ({
    authorization: `Bearer ${token}`,
    origin: s.app.portico.config.publicOrigin,
  });
  const add = (body: Record<string, unknown>, session = owner.token) =>
    s.request('POST', CONTACTS, { body, headers: bearer(session) });
  const list = async (session = owner.token) => {
    const r = await s.request('GET', CONTACTS, { headers: bearer(session) });
    assert.equal(r.status, 200, r.text);
    return r.body.items as Array<Record<string, any>>;
  };
  const update = (id: string, body: Record<string, unknown>, session = owner.token) =>
    s.request('PATCH', `${CONTACTS}/${id}`, { body, headers: bearer(session) });
  const remove = (id: string, session = owner.token) =>
    s.request('DELETE', `${CONTACTS}/${id}`, { headers: bearer(session) });
  const resend = (id: string, session = owner.token) =>
    s.request('POST', `${CONTACTS}/${id}/invitation`, { headers: bearer(session) });
  /** The invitation link of the newest mail to `email`, or undefined when it carries none. */
  const linkIn = async (email: string) =>
    (await s.mailsTo(email)).at(-1)?.text.match(/\/invitation#token=(pin_[A-Za-z0-9_-]{43})/)?.[1];
  const accept = (token: string) =>
    s.request('POST', '/api/v1/invitations/accept', {
      body: { token, password: PASSWORD },
      headers: TOKEN_MODE,
    });
  const preview = (token: string) => s.request('POST', '/api/v1/invitations/preview', { body: { token } });
  const audits = (action: string) =>
    s.app.portico.db
      .selectFrom('audit_log')
      .select(['actor_id', 'account_id', 'target_id', 'details'])
      .where('action', '=', action)
      .execute();

  before(async () => {
    s = await startServer();
    await s.app.portico.settings.set('businessName', 'Northwind Hosting');
    const token = await signUp(s, 'owner@contacts.test', undefined, 'Olive Owner');
    owner = { token, ...(await whoIs(s, token)) };
  });
  beforeEach(async () => {
    owner.token = (await insertSession(s, owner.userId, owner.accountId)).token;
  });
  after(() => s.close());

  test('a new person: a login without a password and an invitation; accepting joins this account', async () => {
    const r = await add({ name: 'Nina New', email: 'Nina@Contacts.test', role: 'billing' });
    assert.equal(r.status, 201, r.text);
    const now = s.clock.now().toISOString();
    assert.match(r.body.id, /^mem_/);
    assert.deepEqual(
      { ...r.body, id: 0, userId: 0 },
      {
        id: 0,
        userId: 0,
        name: 'Nina New',
        email: 'nina@contacts.test',
        role: 'billing',
        permissions: CONTACT_ROLE_PERMISSIONS.billing,
        status: 'invited',
        invitedAt: now,
        joinedAt: null,
        lastSignInAt: null,
      },
    );
    const user = await s.app.portico.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', r.body.userId)
      .executeTakeFirstOrThrow();
    assert.equal(user.password_hash, null);
    assert.equal(user.email_verified_at, null);

    const mail = (await s.mailsTo('nina@contacts.test')).at(-1)!;
    assert.equal(mail.subject, 'Olive Owner added you to Olive Owner on Northwind Hosting');
    const link = await linkIn('nina@contacts.test');
    assert.ok(link, mail.text);
    assert.equal((await preview(link)).body.accountName, 'Olive Owner');

    s.clock.advance(60_000);
    const accepted = await accept(link);
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal(accepted.body.account.id, owner.accountId);
    assert.equal(accepted.body.account.role, 'billing');
    assert.deepEqual(accepted.body.permissions, CONTACT_ROLE_PERMISSIONS.billing);
    const nina = (await list()).find((c) => c.id === r.body.id)!;
    assert.equal(nina.status, 'active');
    assert.equal(nina.joinedAt, s.clock.now().toISOString());
    assert.equal(nina.lastSignInAt, s.clock.now().toISOString());
    assert.equal(nina.invitedAt, now);

    const added = (await audits('contact.added')).find((a) => a.target_id === r.body.id)!;
    assert.equal(added.account_id, owner.accountId);
    assert.equal(added.actor_id, owner.userId);
    const invited = (await audits('contact.invited')).find((a) => a.target_id === r.body.id)!;
    assert.equal(invited.account_id, owner.accountId);
  });

  test("a contact's first sign-in is on the inviting account, even when they own an older one", async () => {
    const admin = await staffSession(s, 'admin');
    const client = await s.request('POST', '/api/admin/v1/clients', {
      body: { name: 'Own Shop', email: 'oscar@contacts.test' },
      headers: admin.headers,
    });
    assert.equal(client.status, 201, client.text);
    s.clock.advance(1000);
    const r = await add({ name: 'Oscar', email: 'oscar@contacts.test', role: 'technical' });
    assert.equal(r.status, 201, r.text);
    const link = await linkIn('oscar@contacts.test');
    assert.ok(link, 'a login without a password gets the invitation');
    const accepted = await accept(link);
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal(accepted.body.account.id, owner.accountId);
    assert.deepEqual(
      accepted.body.accounts.map((a: { id: string }) => a.id).sort(),
      [client.body.id, owner.accountId].sort(),
    );
  });

  test('an existing login with a password: a member at once, told by mail, never sent a set-password link', async () => {
    await signUp(s, 'pat@contacts.test', PASSWORD, 'Pat Present');
    const r = await add({ name: 'Whatever Name', email: 'pat@contacts.test', role: 'technical' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.status, 'invited');
    assert.deepEqual(r.body.permissions, CONTACT_ROLE_PERMISSIONS.technical);
    const mail = (await s.mailsTo('pat@contacts.test')).at(-1)!;
    assert.match(mail.text, /Olive Owner added you as a contact of Olive Owner/);
    assert.equal(await linkIn('pat@contacts.test'), undefined);
    const links = await s.app.portico.db
      .selectFrom('link_tokens')
      .select('id')
      .where('user_id', '=', r.body.userId)
      .execute();
    assert.deepEqual(links, []);
    const login = await s.request('POST', '/api/v1/auth/login', {
      body: { email: 'pat@contacts.test', password: PASSWORD },
    });
    assert.equal(login.status, 200, 'the password still works');

    const again = await resend(r.body.id);
    assert.equal(again.status, 200, again.text);
    assert.equal(await linkIn('pat@contacts.test'), undefined, 'a resend is a note again, not a link');
  });

  test('already a member: 409 ALREADY_A_MEMBER, the owner included', async () => {
    for (const email of ['nina@contacts.test', 'owner@contacts.test']) {
      const r = await add({ name: 'Again', email, role: 'billing' });
      assert.equal(r.status, 409, email);
      assert.equal(r.body.code, 'ALREADY_A_MEMBER');
      assert.equal(r.body.errors[0].path, 'email');
    }
  });

  test('roles: owner is refused, custom needs a list, a list overrides the preset', async () => {
    const asOwner = await add({ name: 'Sneaky', email: 'sneaky@contacts.test', role: 'owner' });
    assert.equal(asOwner.status, 400);
    assert.equal(asOwner.body.errors[0].path, 'role');
    for (const permissions of [undefined, []]) {
      const r = await add({ name: 'Cus', email: 'cus@contacts.test', role: 'custom', permissions });
      assert.equal(r.status, 400, JSON.stringify(permissions));
      assert.equal(r.body.errors[0].path, 'permissions');
    }
    const none = await s.app.portico.db
      .selectFrom('users')
      .select('id')
      .where('email', 'in', ['sneaky@contacts.test', 'cus@contacts.test'])
      .execute();
    assert.deepEqual(none, [], 'a refused add writes nothing');
    const custom = await add({
      name: 'Cus',
      email: 'cus@contacts.test',
      role: 'custom',
      permissions: ['support:write', 'support:write', 'domains:read'],
    });
    assert.equal(custom.status, 201, custom.text);
    assert.deepEqual(custom.body.permissions, ['support:write', 'domains:read']);
    const billing = await add({
      name: 'Bill',
      email: 'bill@contacts.test',
      role: 'billing',
      permissions: ['billing:read'],
    });
    assert.deepEqual(billing.body.permissions, ['billing:read']);
  });

  test("changing a contact's role and permissions takes effect on their next request", async () => {
    const r = await add({ name: 'Uma', email: 'uma@contacts.test', role: 'billing' });
    const accepted = await accept((await linkIn('uma@contacts.test'))!);
    const uma = accepted.body.token as string;
    assert.deepEqual((await whoIs(s, uma)).permissions, CONTACT_ROLE_PERMISSIONS.billing);

    const technical = await update(r.body.id, { role: 'technical' });
    assert.equal(technical.status, 200, technical.text);
    assert.equal(technical.body.role, 'technical');
    assert.deepEqual(technical.body.permissions, CONTACT_ROLE_PERMISSIONS.technical);
    assert.deepEqual((await whoIs(s, uma)).permissions, CONTACT_ROLE_PERMISSIONS.technical);

    const narrowed = await update(r.body.id, { permissions: ['support:read'] });
    assert.equal(narrowed.body.role, 'technical', 'a list alone keeps the role');
    assert.deepEqual(narrowed.body.permissions, ['support:read']);
    assert.deepEqual((await whoIs(s, uma)).permissions, ['support:read']);

    const custom = await update(r.body.id, { role: 'custom' });
    assert.deepEqual(custom.body.permissions, ['support:read'], 'custom keeps the current list');
    const empty = await update(r.body.id, { role: 'custom', permissions: [] });
    assert.equal(empty.status, 400);
    const unchanged = await update(r.body.id, {});
    assert.equal(unchanged.status, 200);
    assert.deepEqual(unchanged.body.permissions, ['support:read']);

    const updates = (await audits('contact.updated')).filter((a) => a.target_id === r.body.id);
    assert.equal(updates.length, 3);
    assert.ok(updates.every((u) => u.account_id === owner.accountId));
  });

  test("the owner's own membership and other accounts' contacts are not found", async () => {
    const mine = await s.app.portico.db
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', owner.userId)
      .where('account_id', '=', owner.accountId)
      .executeTakeFirstOrThrow();
    const other = await signUp(s, 'other-owner@contacts.test');
    const theirs = await add({ name: 'Theirs', email: 'theirs@contacts.test', role: 'billing' }, other);
    assert.equal(theirs.status, 201);
    for (const id of [mine.id, theirs.body.id, 'mem_00000000000000000000000000']) {
      for (const r of [await update(id, { role: 'technical' }), await remove(id), await resend(id)]) {
        assert.equal(r.status, 404, `${id}: ${r.text}`);
        assert.equal(r.body.code, 'NOT_FOUND');
      }
    }
    const still = await s.app.portico.db
      .selectFrom('memberships')
      .select('role')
      .where('id', '=', theirs.body.id)
      .executeTakeFirstOrThrow();
    assert.equal(still.role, 'billing');
  });

  test('removing ends their sessions and tokens on this account and spends their invitation', async () => {
    const r = await add({ name: 'Vic', email: 'vic@contacts.test', role: 'technical' });
    const vic = (await accept((await linkIn('vic@contacts.test'))!)).body.token as string;
    const token = await s.request('POST', '/api/v1/tokens', {
      body: { name: 'vic', scopes: ['services:read'] },
      headers: bearer(vic),
    });
    assert.equal(token.status, 201, token.text);
    assert.ok(await s.app.portico.apiTokens.authenticate(token.body.token, undefined));

    const gone = await remove(r.body.id);
    assert.equal(gone.status, 204, gone.text);
    assert.equal(await signedInAs(s, { authorization: `Bearer ${vic}` }), null);
    assert.equal(await s.app.portico.apiTokens.authenticate(token.body.token, undefined), undefined);
    const revoked = await s.app.portico.db
      .selectFrom('api_tokens')
      .select('revoked_at')
      .where('id', '=', token.body.id)
      .executeTakeFirstOrThrow();
    assert.equal(revoked.revoked_at, s.clock.now().toISOString());
    assert.ok(!(await list()).some((c) => c.id === r.body.id));
    const user = await s.app.portico.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', r.body.userId)
      .executeTakeFirst();
    assert.ok(user, 'the login stays');
    const [removed] = (await audits('contact.removed')).filter((a) => a.target_id === r.body.id);
    assert.equal(removed?.account_id, owner.accountId);
    assert.deepEqual(JSON.parse(removed!.details), {
      userId: r.body.userId,
      email: 'vic@contacts.test',
      sessionsEnded: 1,
      tokensRevoked: 1,
    });
    assert.equal((await remove(r.body.id)).status, 404);

    // Removed before accepting: the invitation is spent, and adding them again does not revive it.
    const w = await add({ name: 'Wes', email: 'wes@contacts.test', role: 'billing' });
    const link = (await linkIn('wes@contacts.test'))!;
    assert.equal((await remove(w.body.id)).status, 204);
    assert.equal((await preview(link)).body.code, 'LINK_INVALID');
    assert.equal((await add({ name: 'Wes', email: 'wes@contacts.test', role: 'billing' })).status, 201);
    assert.equal((await accept(link)).body.code, 'LINK_INVALID');
  });

  test('resending: a fresh invitation, the older one spent; only while invited', async () => {
    const r = await add({ name: 'Rita', email: 'rita@contacts.test', role: 'billing' });
    const first = (await linkIn('rita@contacts.test'))!;
    s.clock.advance(60_000);
    const again = await resend(r.body.id);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.body.status, 'invited');
    assert.equal(again.body.invitedAt, s.clock.now().toISOString());
    const second = (await linkIn('rita@contacts.test'))!;
    assert.notEqual(second, first);
    assert.equal((await preview(first)).body.code, 'LINK_INVALID');
    assert.equal((await accept(second)).status, 200);
    const joined = await resend(r.body.id);
    assert.equal(joined.status, 409);
    assert.equal(joined.body.code, 'CONFLICT');
  });

  test('contacts are for the owner only', async () => {
    const r = await add({
      name: 'Zed',
      email: 'zed@contacts.test',
      role: 'billing',
      permissions: ['profile:write'],
    });
    const zed = (await accept((await linkIn('zed@contacts.test'))!)).body.token as string;
    for (const answer of [
      await s.request('GET', CONTACTS, { headers: bearer(zed) }),
      await add({ name: 'X', email: 'x@contacts.test', role: 'billing' }, zed),
      await update(r.body.id, { role: 'technical' }, zed),
      await remove(r.body.id, zed),
      await resend(r.body.id, zed),
    ]) {
      assert.equal(answer.status, 403);
      assert.equal(answer.body.code, 'OWNER_ONLY');
    }
  });

  test('the list reads through indexes, with no temporary B-tree', () => {
    const { db, sqlite } = s.app.portico;
    const query = contactListQuery(db, owner.accountId).compile();
    const plan = (
      sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.parameters) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' | ');
    assert.doesNotMatch(plan, /TEMP B-TREE|SCAN/, plan);
    assert.match(plan, /USING INDEX memberships_account/, plan);
  });

  test('adds are rate-limited per account', async () => {
    const other = await signUp(s, 'busy@contacts.test');
    for (let i = 0; i < CONTACT_LIMITS.account.max; i++) {
      const r = await add({ name: `P ${i}`, email: `p${i}@busy.test`, role: 'billing' }, other);
      assert.equal(r.status, 201, r.text);
    }
    const limited = await add({ name: 'One more', email: 'more@busy.test', role: 'billing' }, other);
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, 'RATE_LIMITED');
    assert.ok(limited.headers.get('retry-after'));
    assert.equal(
      (await add({ name: 'Elsewhere', email: 'else@contacts.test', role: 'billing' })).status,
      201,
    );
  });

  test("adding an email that has a login shows the owner's typed name until that person joins", async () => {
    await signUp(s, 'rhea.realname@contacts.test', PASSWORD, 'Rhea Realname');
    const r = await add({ name: 'Accounts team', email: 'rhea.realname@contacts.test', role: 'billing' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.name, 'Accounts team', "the login's own name is not revealed to the owner");
    assert.equal((await list()).find((c) => c.id === r.body.id)?.name, 'Accounts team');
    await s.app.portico.db
      .updateTable('memberships')
      .set({ joined_at: s.clock.now().toISOString() })
      .where('id', '=', r.body.id)
      .execute();
    assert.equal(
      (await list()).find((c) => c.id === r.body.id)?.name,
      'Rhea Realname',
      'once joined, theirs',
    );
  });

  test("a contact's invitation leaves a staff invitation to another account working", async () => {
    const admin = await staffSession(s, 'admin');
    const other = await s.request('POST', '/api/admin/v1/clients', {
      body: { name: 'Other Client Ltd', email: 'owner@other-client.test' },
      headers: admin.headers,
    });
    assert.equal(other.status, 201, other.text);
    const staffInvite = await s.request('POST', '/api/admin/v1/portal-users/invitations', {
      body: { targets: [{ accountId: other.body.id, email: 'sam@contacts.test', name: 'Sam Split' }] },
      headers: admin.headers,
    });
    assert.equal(staffInvite.status, 200, staffInvite.text);
    const staffLink = await linkIn('sam@contacts.test');
    assert.ok(staffLink);
    const r = await add({ name: 'Sam Split', email: 'sam@contacts.test', role: 'technical' });
    assert.equal(r.status, 201, r.text);
    const contactLink = await linkIn('sam@contacts.test');
    assert.ok(contactLink && contactLink !== staffLink);
    assert.equal(
      (await preview(staffLink)).status,
      200,
      'the staff invitation to the other account still works',
    );
    assert.equal((await preview(contactLink)).status, 200);
  });

  test('staff inviting a technical contact gives it the preset permissions', async () => {
    const admin = await staffSession(s, 'admin');
    const r = await s.request('POST', '/api/admin/v1/portal-users/invitations', {
      body: {
        targets: [
          { accountId: owner.accountId, email: 'tech@contacts.test', name: 'Tech Person', role: 'technical' },
        ],
      },
      headers: admin.headers,
    });
    assert.equal(r.status, 200, r.text);
    const contact = (await list()).find((c) => c.email === 'tech@contacts.test');
    assert.deepEqual(contact?.permissions, CONTACT_ROLE_PERMISSIONS.technical);
  });

  test('an invited contact who signs up instead also gets an account of their own', async () => {
    const r = await add({ name: 'Ivy Invited', email: 'ivy@contacts.test', role: 'billing' });
    assert.equal(r.status, 201, r.text);
    const token = await signUp(s, 'ivy@contacts.test', PASSWORD, 'Ivy Independent');
    const session = await s.request('GET', '/api/v1/auth/session', { headers: bearer(token) });
    const accounts = session.body.accounts as Array<{ id: string; role: string }>;
    assert.equal(accounts.length, 2, JSON.stringify(accounts));
    assert.ok(accounts.some((a) => a.id === owner.accountId && a.role === 'billing'));
    assert.ok(accounts.some((a) => a.id !== owner.accountId && a.role === 'owner'));
    assert.equal(session.body.account.role, 'owner', 'the sign-up lands on the new account');
  });
});
