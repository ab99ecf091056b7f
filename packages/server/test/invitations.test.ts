import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { INVITATION_TTL_DAYS } from '../src/modules/clients/links.js';
import { type StaffLogin, signedInAs, staffSession, startServer, type TestServer } from './helpers.js';

const INVITE = '/api/admin/v1/portal-users/invitations';
const PREVIEW = '/api/v1/invitations/preview';
const ACCEPT = '/api/v1/invitations/accept';
const TOKEN_MODE = { 'x-portico-session': 'token' };
const PASSWORD = 'a long and unusual passphrase';

describe('invitations', () => {
  let s: TestServer;
  let admin: StaffLogin;

  before(async () => {
    // Room for two hashes at once, so two accepts race to spend the link rather than for a hashing slot.
    s = await startServer({ maxConcurrentHashes: 4 });
    await s.app.portico.settings.set('businessName', 'Northwind Hosting');
    admin = await staffSession(s, 'admin');
  });
  after(() => s.close());

  const createClient = async (name: string, email: string) => {
    const r = await s.request('POST', '/api/admin/v1/clients', {
      body: { name, email },
      headers: admin.headers,
    });
    assert.equal(r.status, 201, r.text);
    return { id: r.body.id as string, userId: r.body.users[0].userId as string, email };
  };
  /** Invites the targets and returns the token of the newest invitation mailed to `email`. */
  const invite = async (email: string, targets: unknown[]) => {
    const r = await s.request('POST', INVITE, { body: { targets }, headers: admin.headers });
    assert.equal(r.status, 200, r.text);
    assert.ok(
      r.body.results.every((x: { ok: boolean }) => x.ok),
      JSON.stringify(r.body.results),
    );
    const mail = (await s.mailsTo(email)).at(-1)!;
    const token = mail.text.match(/\/invitation#token=(pin_[A-Za-z0-9_-]{43})/)?.[1];
    assert.ok(token, mail.text);
    return token;
  };
  const accept = (body: Record<string, unknown>) => s.request('POST', ACCEPT, { body, headers: TOKEN_MODE });
  const login = (email: string, password: string) =>
    s.request('POST', '/api/v1/auth/login', { body: { email, password } });

  test('accepting sets the password and signs in; then the password works', async () => {
    const client = await createClient('Acme', 'ada@acme.test');
    const token = await invite('ada@acme.test', [{ userId: client.userId }]);
    const mail = (await s.mailsTo('ada@acme.test')).at(-1)!;
    assert.match(mail.subject, /invited to the Northwind Hosting client portal/);
    assert.match(mail.text, /http:\/\/localhost:3000\/invitation#token=pin_/);

    const preview = await s.request('POST', PREVIEW, { body: { token } });
    assert.equal(preview.status, 200, preview.text);
    assert.deepEqual(preview.body, {
      email: 'ada@acme.test',
      name: 'Acme',
      accountName: 'Acme',
      businessName: 'Northwind Hosting',
      expiresAt: new Date(s.clock.now().getTime() + INVITATION_TTL_DAYS * 86_400_000).toISOString(),
    });
    assert.equal((await login('ada@acme.test', PASSWORD)).status, 401, 'no password before accepting');

    const r = await accept({ token, password: PASSWORD, name: 'Ada Lovelace' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.user.email, 'ada@acme.test');
    assert.equal(r.body.user.name, 'Ada Lovelace');
    assert.equal(r.body.account.id, client.id);
    assert.equal(await signedInAs(s, { authorization: `Bearer ${r.body.token}` }), 'ada@acme.test');

    const pw = await login('ada@acme.test', PASSWORD);
    assert.equal(pw.status, 200, pw.text);
    const actions = await s.app.portico.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type'])
      .where('action', 'like', 'invitation.%')
      .execute();
    assert.deepEqual(actions, [
      { action: 'invitation.sent', actor_type: 'staff' },
      { action: 'invitation.accepted', actor_type: 'user' },
    ]);
  });

  test('a new email on an account: an unverified user without password until they accept', async () => {
    const client = await createClient('Beta', 'boss@beta.test');
    const token = await invite('dev@beta.test', [
      { accountId: client.id, email: 'dev@beta.test', name: 'Dev' },
    ]);
    const user = await s.app.portico.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'dev@beta.test')
      .executeTakeFirstOrThrow();
    assert.equal(user.password_hash, null);
    assert.equal(user.email_verified_at, null);
    const r = await accept({ token, password: PASSWORD });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.account.role, 'technical');
    assert.ok(r.body.user.emailVerifiedAt, 'the link came to the address: it is proved');
    assert.equal((await login('dev@beta.test', PASSWORD)).status, 200);
  });

  test('used twice: the second is LINK_INVALID', async () => {
    const client = await createClient('Twice', 'twice@client.test');
    const token = await invite('twice@client.test', [{ userId: client.userId }]);
    assert.equal((await accept({ token, password: PASSWORD })).status, 200);
    const again = await accept({ token, password: 'another long passphrase' });
    assert.equal(again.status, 400);
    assert.equal(again.body.code, 'LINK_INVALID');
    assert.equal((await login('twice@client.test', PASSWORD)).status, 200, 'the first password stands');
  });

  test('two accepts at once: exactly one sets the password', async () => {
    const client = await createClient('Race', 'race@client.test');
    const token = await invite('race@client.test', [{ userId: client.userId }]);
    const meta = { ip: '203.0.113.9', userAgent: 'race', presentedToken: undefined };
    const { links } = s.app.portico.clients;
    const outcomes = await Promise.allSettled([
      links.acceptInvitation({ token, password: 'first racer passphrase' }, meta),
      links.acceptInvitation({ token, password: 'second racer passphrase' }, meta),
    ]);
    assert.deepEqual(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected']);
    const failed = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    assert.equal(failed.reason.code, 'LINK_INVALID');
    const statuses = [
      await login('race@client.test', 'first racer passphrase'),
      await login('race@client.test', 'second racer passphrase'),
    ];
    assert.deepEqual(statuses.map((r) => r.status).sort(), [200, 401]);
  });

  test('expires after 7 days', async () => {
    const client = await createClient('Late', 'late@client.test');
    const token = await invite('late@client.test', [{ userId: client.userId }]);
    s.clock.advance(INVITATION_TTL_DAYS * 86_400_000 - 1000);
    assert.equal((await s.request('POST', PREVIEW, { body: { token } })).status, 200);
    s.clock.advance(1000);
    const preview = await s.request('POST', PREVIEW, { body: { token } });
    assert.equal(preview.body.code, 'LINK_INVALID');
    const r = await accept({ token, password: PASSWORD });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 'LINK_INVALID');
    // Staff sessions last a day: the console signs in again after the week that passed.
    admin = await staffSession(s, 'admin');
  });

  test('bound to the email: once the user’s email changes, the link fails', async () => {
    const client = await createClient('Moved', 'old@moved.test');
    const token = await invite('old@moved.test', [{ userId: client.userId }]);
    await s.app.portico.db
      .updateTable('users')
      .set({ email: 'new@moved.test' })
      .where('id', '=', client.userId)
      .execute();
    assert.equal((await s.request('POST', PREVIEW, { body: { token } })).body.code, 'LINK_INVALID');
    const r = await accept({ token, password: PASSWORD });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 'LINK_INVALID');
    assert.equal((await login('new@moved.test', PASSWORD)).status, 401);
  });

  test('a weak password is refused beside the field, and the link stays usable', async () => {
    const client = await createClient('Weak', 'weak@client.test');
    const token = await invite('weak@client.test', [{ userId: client.userId }]);
    const weak = await accept({ token, password: 'password123' });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.code, 'PASSWORD_TOO_COMMON');
    assert.deepEqual(
      weak.body.errors.map((e: { path: string }) => e.path),
      ['password'],
    );
    const short = await accept({ token, password: 'short' });
    assert.equal(short.body.code, 'VALIDATION_FAILED');
    const ok = await accept({ token, password: PASSWORD });
    assert.equal(ok.status, 200, 'the refused passwords did not spend the link');
  });

  test('a new invitation replaces the older one', async () => {
    const client = await createClient('Again', 'again@client.test');
    const first = await invite('again@client.test', [{ userId: client.userId }]);
    const second = await invite('again@client.test', [{ userId: client.userId }]);
    assert.notEqual(first, second);
    assert.equal((await accept({ token: first, password: PASSWORD })).body.code, 'LINK_INVALID');
    assert.equal((await accept({ token: second, password: PASSWORD })).status, 200);
  });

  test('accepting ends the sessions the user had before', async () => {
    const client = await createClient('Sessions', 'sess@client.test');
    await s.request('POST', '/api/v1/auth/login-code/request', { body: { email: 'sess@client.test' } });
    const code = await s.codeFor('sess@client.test');
    const earlier = await s.request('POST', '/api/v1/auth/login-code', {
      body: { email: 'sess@client.test', code },
      headers: TOKEN_MODE,
    });
    const auth = { authorization: `Bearer ${earlier.body.token}` };
    assert.equal(await signedInAs(s, auth), 'sess@client.test');
    const token = await invite('sess@client.test', [{ userId: client.userId }]);
    assert.equal((await accept({ token, password: PASSWORD })).status, 200);
    assert.equal(await signedInAs(s, auth), null);
  });

  test('a disabled client is refused without spending the link', async () => {
    const client = await createClient('Off', 'off@client.test');
    const token = await invite('off@client.test', [{ userId: client.userId }]);
    await s.request('POST', `/api/admin/v1/clients/${client.id}/disable`, { headers: admin.headers });
    const r = await accept({ token, password: PASSWORD });
    assert.equal(r.status, 403);
    assert.equal(r.body.code, 'ACCOUNT_DISABLED');
    await s.request('POST', `/api/admin/v1/clients/${client.id}/enable`, { headers: admin.headers });
    assert.equal((await accept({ token, password: PASSWORD })).status, 200);
  });
});
