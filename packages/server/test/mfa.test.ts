import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { base32Decode, totpCode } from '../src/modules/auth/totp.js';
import { MFA_LIMITS } from '../src/modules/security/mfa-tickets.js';
import {
  bearer,
  enableTotp,
  lastSignIn,
  PASSWORD,
  setupTotp,
  TOKEN_MODE,
  turnOnTotp,
  whoIs,
} from './account-helpers.js';
import {
  type StaffLogin,
  signedInAs,
  signUp,
  stable,
  staffSession,
  startServer,
  type TestServer,
} from './helpers.js';

const STEP_MS = 30_000;

interface Enrolled {
  email: string;
  userId: string;
  /** A session made before two-factor was on. */
  token: string;
  secret: Buffer;
  backupCodes: string[];
}

/** Signs a user up, turns TOTP on, and moves the clock to a fresh step. */
async function enrolled(s: TestServer, email = 'ada@example.com'): Promise<Enrolled> {
  const token = await signUp(s, email);
  const { secret, backupCodes } = await turnOnTotp(s, token);
  s.clock.advance(2 * STEP_MS);
  return { email, userId: (await whoIs(s, token)).userId, token, secret, backupCodes };
}

/** The TOTP code `steps` steps from now. */
const codeAt = (s: TestServer, secret: Buffer, steps = 0) =>
  totpCode(secret, s.clock.now().getTime() + steps * STEP_MS);

const login = (s: TestServer, email: string, headers: Record<string, string> = {}) =>
  s.request('POST', '/api/v1/auth/login', { body: { email, password: PASSWORD }, headers });

const complete = (s: TestServer, ticket: string, code: string, headers: Record<string, string> = {}) =>
  s.request('POST', '/api/v1/auth/mfa', { body: { ticket, code }, headers });

async function ticketFor(s: TestServer, email: string): Promise<string> {
  const r = await login(s, email);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'mfa_required');
  return r.body.ticket;
}

const disableTotp = (s: TestServer, token: string, code: string) =>
  s.request('POST', '/api/v1/me/totp/disable', { body: { code }, headers: bearer(token) });

/** A client account made by staff (the answer's body has its id). */
const createClient = (s: TestServer, admin: StaffLogin, name: string, email: string) =>
  s.request('POST', '/api/admin/v1/clients', { body: { name, email }, headers: admin.headers });

/** Staff invite `email` to an account as a billing contact. */
const inviteBilling = (s: TestServer, admin: StaffLogin, accountId: string, email: string) =>
  s.request('POST', '/api/admin/v1/portal-users/invitations', {
    body: { targets: [{ accountId, email, role: 'billing' }] },
    headers: admin.headers,
  });

async function sessionCount(s: TestServer, userId: string): Promise<number> {
  const rows = await s.app.portico.db
    .selectFrom('sessions')
    .select('id')
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  return rows.length;
}

describe('two-factor sign-in', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer({ maxConcurrentHashes: 4 });
  });
  afterEach(() => s.close());

  test('a password sign-in asks for the code, sets no cookie, and a right TOTP code makes the session', async () => {
    const u = await enrolled(s);
    const before = await sessionCount(s, u.userId);
    const first = await login(s, u.email);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.headers.get('set-cookie'), null, 'no cookie before the second factor');
    assert.deepEqual(Object.keys(first.body).sort(), ['expiresInSeconds', 'methods', 'status', 'ticket']);
    assert.equal(first.body.status, 'mfa_required');
    assert.match(first.body.ticket, /^pmt_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(first.body.methods, ['totp', 'backup_code']);
    assert.equal(first.body.expiresInSeconds, 300);
    assert.equal(await sessionCount(s, u.userId), before, 'no session yet');
    const stored = await s.app.portico.db.selectFrom('mfa_tickets').selectAll().execute();
    assert.equal(stored.length, 1);
    assert.ok(!JSON.stringify(stored).includes(first.body.ticket.slice(4)), 'only a hash is stored');
    assert.equal(stored[0]!.method, 'password');

    const done = await complete(s, first.body.ticket, codeAt(s, u.secret));
    assert.equal(done.status, 200, done.text);
    assert.equal(done.body.user.email, u.email);
    assert.match(done.headers.get('set-cookie') ?? '', /^portico_session=ps_/);
    assert.equal(await sessionCount(s, u.userId), before + 1);
    assert.deepEqual(await lastSignIn(s), { method: 'password', secondFactor: 'totp' });

    // The ticket is spent, and the same code in the same step is never accepted again.
    const again = await complete(s, first.body.ticket, codeAt(s, u.secret));
    assert.equal(again.body.code, 'TICKET_INVALID');
    const replay = await complete(s, await ticketFor(s, u.email), codeAt(s, u.secret));
    assert.equal(replay.status, 400);
    assert.equal(replay.body.code, 'INVALID_CODE');
  });

  test('codes one step off are accepted, two steps off are not, and a used step never comes back', async () => {
    const u = await enrolled(s);
    const ticket = await ticketFor(s, u.email);
    for (const steps of [-2, 2]) {
      const r = await complete(s, ticket, codeAt(s, u.secret, steps));
      assert.equal(r.body.code, 'INVALID_CODE', `${steps} steps off`);
    }
    assert.equal((await complete(s, ticket, codeAt(s, u.secret, -1))).status, 200, 'one step behind');
    assert.equal(
      (await complete(s, await ticketFor(s, u.email), codeAt(s, u.secret, 1))).status,
      200,
      'one step ahead',
    );
    // The current step is older than the one just used: refused.
    const older = await complete(s, await ticketFor(s, u.email), codeAt(s, u.secret, 0));
    assert.equal(older.body.code, 'INVALID_CODE');
  });

  test('a backup code works once, in any case and with dashes; its owner is told how many are left', async () => {
    const u = await enrolled(s);
    assert.equal(u.backupCodes.length, 10);
    for (const code of u.backupCodes) assert.match(code, /^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
    assert.equal(new Set(u.backupCodes).size, 10);
    const stored = await s.app.portico.db.selectFrom('backup_codes').selectAll().execute();
    assert.equal(stored.length, 10);
    const plain = u.backupCodes.map((c) => c.replace(/-/g, ''));
    assert.ok(!plain.some((c) => JSON.stringify(stored).includes(c)), 'only HMACs are stored');

    const code = u.backupCodes[3]!;
    const ok = await complete(s, await ticketFor(s, u.email), code.toUpperCase(), TOKEN_MODE);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(await signedInAs(s, bearer(ok.body.token)), u.email);
    const mail = (await s.mailsTo(u.email)).at(-1)!;
    assert.match(mail.subject, /A backup code was used/);
    assert.match(mail.text, /Backup codes left: 9\./);
    assert.equal((await lastSignIn(s)).secondFactor, 'backup_code');

    const reuse = await complete(s, await ticketFor(s, u.email), code.replace(/-/g, ' '));
    assert.equal(reuse.status, 400);
    assert.equal(reuse.body.code, 'INVALID_CODE');
    const overview = await s.request('GET', '/api/v1/me/security', { headers: bearer(ok.body.token) });
    assert.equal(overview.body.backupCodes.remaining, 9);
  });

  test('a ticket dies after 5 wrong codes and the per-user lock holds the next ticket', async () => {
    const u = await enrolled(s);
    const ticket = await ticketFor(s, u.email);
    const wrong = codeAt(s, u.secret, 5);
    for (let i = 1; i <= 4; i++) {
      const r = await complete(s, ticket, wrong);
      assert.equal(r.status, 400);
      assert.equal(r.body.code, 'INVALID_CODE');
      assert.match(r.body.detail, new RegExp(`${5 - i} tr(y|ies) left`));
    }
    const fifth = await complete(s, ticket, wrong);
    assert.equal(fifth.status, 429);
    assert.equal(fifth.body.code, 'TOO_MANY_ATTEMPTS');
    const dead = await complete(s, ticket, codeAt(s, u.secret));
    assert.equal(dead.body.code, 'TICKET_INVALID', 'not even the right code revives it');

    // Five failures in a row lock this login's second factor for a while, whatever the ticket.
    const next = await ticketFor(s, u.email);
    const locked = await complete(s, next, codeAt(s, u.secret));
    assert.equal(locked.status, 429);
    assert.equal(locked.body.code, 'TOO_MANY_ATTEMPTS');
    assert.ok(Number(locked.headers.get('retry-after')) >= 1);
    // The lock also covers the security page's code checks.
    const page = await disableTotp(s, u.token, codeAt(s, u.secret));
    assert.equal(page.body.code, 'TOO_MANY_ATTEMPTS');
    const failures = await s.app.portico.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'auth.mfa_failed')
      .execute();
    assert.equal(failures.length, 5);
    assert.deepEqual(JSON.parse(failures[0]!.details), { method: 'password', secondFactor: 'totp' });

    s.clock.advance(2_000);
    const ok = await complete(s, next, codeAt(s, u.secret));
    assert.equal(ok.status, 200, ok.text);
  });

  test('second-factor checks are limited per IP, tickets or not', async () => {
    const u = await enrolled(s);
    const ticket = await ticketFor(s, u.email);
    let limited: Awaited<ReturnType<typeof complete>> | undefined;
    for (let i = 0; i <= MFA_LIMITS.ip.max && !limited; i++) {
      const r = await complete(s, `pmt_${'x'.repeat(43)}`, '123456');
      if (r.status === 429) limited = r;
      else assert.equal(r.body.code, 'TICKET_INVALID');
    }
    assert.ok(limited, 'the IP limit answered');
    assert.equal(limited.body.code, 'RATE_LIMITED');
    const right = await complete(s, ticket, codeAt(s, u.secret));
    assert.equal(right.status, 429, 'a right code is refused too while limited');
    s.clock.advance(MFA_LIMITS.ip.windowSeconds * 1000);
    const later = await complete(s, await ticketFor(s, u.email), codeAt(s, u.secret));
    assert.equal(later.status, 200, later.text);
  });

  test('an expired ticket is refused', async () => {
    const u = await enrolled(s);
    const ticket = await ticketFor(s, u.email);
    s.clock.advance(5 * 60_000 + 1_000);
    const r = await complete(s, ticket, codeAt(s, u.secret));
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 'TICKET_INVALID');
  });

  test('two parallel right codes make exactly one session', async () => {
    const u = await enrolled(s);
    const before = await sessionCount(s, u.userId);
    const ticket = await ticketFor(s, u.email);
    const code = codeAt(s, u.secret);
    const both = await Promise.all([complete(s, ticket, code), complete(s, ticket, code)]);
    assert.deepEqual(both.map((r) => r.status).sort(), [200, 400]);
    assert.equal(both.find((r) => r.status === 400)!.body.code, 'TICKET_INVALID');
    assert.equal(await sessionCount(s, u.userId), before + 1);

    // Two tickets, one code: the step is claimed once.
    s.clock.advance(STEP_MS);
    const [a, b] = [await ticketFor(s, u.email), await ticketFor(s, u.email)];
    const step = codeAt(s, u.secret);
    const racing = await Promise.all([complete(s, a, step), complete(s, b, step)]);
    assert.deepEqual(racing.map((r) => r.status).sort(), [200, 400]);
    assert.equal(await sessionCount(s, u.userId), before + 2);

    // Two tickets, one backup code: spent once.
    const [c, d] = [await ticketFor(s, u.email), await ticketFor(s, u.email)];
    const backup = u.backupCodes[0]!;
    const spent = await Promise.all([complete(s, c, backup), complete(s, d, backup)]);
    assert.deepEqual(spent.map((r) => r.status).sort(), [200, 400]);
    assert.equal(await sessionCount(s, u.userId), before + 3);
  });

  test('every sign-in path asks for the second factor and sets no cookie until it is given', async () => {
    const u = await enrolled(s);
    const admin = await staffSession(s, 'admin');
    const expectStep = async (
      path: string,
      r: Awaited<ReturnType<TestServer['request']>>,
      method: string,
    ): Promise<void> => {
      assert.equal(r.status, 200, `${path}: ${r.text}`);
      assert.equal(r.body.status, 'mfa_required', path);
      assert.equal(r.body.token, undefined, `${path}: no token`);
      assert.equal(r.body.user, undefined, `${path}: no session`);
      assert.equal(r.headers.get('set-cookie'), null, `${path}: no cookie`);
      s.clock.advance(STEP_MS);
      const done = await complete(s, r.body.ticket, codeAt(s, u.secret), TOKEN_MODE);
      assert.equal(done.status, 200, `${path}: ${done.text}`);
      assert.equal(await signedInAs(s, bearer(done.body.token)), u.email, path);
      assert.deepEqual(await lastSignIn(s), { method, secondFactor: 'totp' }, path);
    };

    // Password, in both cookie and token mode.
    await expectStep('password', await login(s, u.email), 'password');
    await expectStep('password (token mode)', await login(s, u.email, TOKEN_MODE), 'password');

    // An emailed sign-in code: email is never a second factor.
    await s.request('POST', '/api/v1/auth/login-code/request', { body: { email: u.email } });
    const code = await s.codeFor(u.email);
    await expectStep(
      'email code',
      await s.request('POST', '/api/v1/auth/login-code', { body: { email: u.email, code } }),
      'email_code',
    );

    // A magic link: the two-factor step carries the link's destination.
    const link = await s.request('POST', '/api/admin/v1/portal-users/magic-links', {
      body: { userId: u.userId, destination: '/invoices' },
      headers: admin.headers,
    });
    assert.equal(link.status, 201, link.text);
    const token = new URL(link.body.url).hash.replace(/^#token=/, '');
    const magic = await s.request('POST', '/api/v1/auth/magic-link', { body: { token } });
    assert.equal(magic.body.next, 'http://localhost:3000/invoices');
    const ticketRow = await s.app.portico.db
      .selectFrom('mfa_tickets')
      .select(['next', 'method'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(ticketRow, { next: 'http://localhost:3000/invoices', method: 'magic_link' });
    await expectStep('magic link', magic, 'magic_link');

    // An invitation to another account: the ticket lands on that account.
    const client = await createClient(s, admin, 'Acme', 'owner@acme.test');
    const invited = await inviteBilling(s, admin, client.body.id, u.email);
    assert.ok(invited.body.results[0].ok, invited.text);
    const mail = (await s.mailsTo(u.email)).at(-1)!;
    const invitation = mail.text.match(/\/invitation#token=(pin_[A-Za-z0-9_-]{43})/)![1]!;
    const accepted = await s.request('POST', '/api/v1/invitations/accept', {
      body: { token: invitation, password: PASSWORD },
    });
    const acceptTicket = accepted.body.ticket;
    await expectStep('invitation', accepted, 'invitation');
    const onAcme = await s.app.portico.db
      .selectFrom('mfa_tickets')
      .select('account_id')
      .where('method', '=', 'invitation')
      .executeTakeFirstOrThrow();
    assert.equal(onAcme.account_id, client.body.id);
    assert.ok(acceptTicket);

    // A password reset.
    await s.request('POST', '/api/v1/auth/password-reset/request', { body: { email: u.email } });
    const reset = await s.codeFor(u.email);
    await expectStep(
      'password reset',
      await s.request('POST', '/api/v1/auth/password-reset', {
        body: { email: u.email, code: reset, password: PASSWORD },
      }),
      'password_reset',
    );

    // Registering again to add an account (when the business allows it) proves the email, not the login.
    await s.app.portico.settings.set('allowDuplicateAccounts', true);
    await s.request('POST', '/api/v1/auth/register', {
      body: { name: 'Second shop', email: u.email, password: 'another long passphrase' },
    });
    const verify = await s.codeFor(u.email);
    await expectStep(
      'add account',
      await s.request('POST', '/api/v1/auth/verify-email', { body: { email: u.email, code: verify } }),
      'email_verification',
    );
  });
});

describe('two-factor enrolment', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer();
    await s.app.portico.settings.set('businessName', 'Northwind Hosting');
  });
  afterEach(() => s.close());

  test('setup gives a sealed secret, an otpauth URI and a QR code; confirming turns it on and mails the owner', async () => {
    const token = await signUp(s, 'ada@example.com');
    const none = await s.request('GET', '/api/v1/me/security', { headers: bearer(token) });
    assert.deepEqual(none.body, {
      hasPassword: true,
      totp: { enabled: false, enabledAt: null },
      backupCodes: { remaining: 0, generatedAt: null },
      passkeys: 0,
    });
    const setup = await setupTotp(s, token);
    assert.equal(setup.status, 200, setup.text);
    assert.match(setup.body.secret, /^[A-Z2-7]{32}$/, '160 bits of base32');
    assert.equal(
      setup.body.uri,
      `otpauth://totp/Northwind%20Hosting:ada%40example.com?secret=${setup.body.secret}&issuer=Northwind%20Hosting&algorithm=SHA1&digits=6&period=30`,
    );
    assert.match(setup.body.qrSvg, /^<svg/);
    const row = await s.app.portico.db
      .selectFrom('users')
      .select(['totp_pending_secret', 'totp_secret'])
      .executeTakeFirstOrThrow();
    assert.ok(row.totp_pending_secret?.startsWith('v1.'), 'sealed');
    assert.ok(!row.totp_pending_secret!.includes(setup.body.secret));
    assert.equal(row.totp_secret, null);

    const secret = base32Decode(setup.body.secret);
    const wrong = await enableTotp(s, token, codeAt(s, secret, 3));
    assert.equal(wrong.body.code, 'INVALID_CODE');
    const on = await enableTotp(s, token, codeAt(s, secret));
    assert.equal(on.status, 200, on.text);
    assert.equal(on.body.codes.length, 10);
    assert.equal(on.body.generatedAt, s.clock.now().toISOString());
    const mail = (await s.mailsTo('ada@example.com')).at(-1)!;
    assert.match(mail.subject, /Northwind Hosting: Two-factor authentication is on/);

    const overview = await s.request('GET', '/api/v1/me/security', { headers: bearer(token) });
    assert.deepEqual(overview.body, {
      hasPassword: true,
      totp: { enabled: true, enabledAt: s.clock.now().toISOString() },
      backupCodes: { remaining: 10, generatedAt: s.clock.now().toISOString() },
      passkeys: 0,
    });
    const again = await setupTotp(s, token);
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'TOTP_ALREADY_ENABLED');
    const audit = await s.app.portico.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'security.%')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['security.totp_enabled'],
    );
  });

  test('a setup not confirmed within 15 minutes must start again', async () => {
    const token = await signUp(s, 'ada@example.com');
    const noSetup = await enableTotp(s, token, '123456');
    assert.equal(noSetup.body.code, 'TOTP_SETUP_EXPIRED');
    const setup = await setupTotp(s, token);
    s.clock.advance(15 * 60_000 + 1_000);
    const late = await enableTotp(s, token, codeAt(s, base32Decode(setup.body.secret)));
    assert.equal(late.status, 400);
    assert.equal(late.body.code, 'TOTP_SETUP_EXPIRED');
  });

  test('turning two-factor off needs a current code; afterwards sign-in needs none', async () => {
    const u = await enrolled(s);
    const wrong = await disableTotp(s, u.token, codeAt(s, u.secret, 4));
    assert.equal(wrong.body.code, 'INVALID_CODE');
    const malformed = await disableTotp(s, u.token, '12345');
    assert.equal(malformed.body.code, 'VALIDATION_FAILED');
    const stale = await disableTotp(s, u.token, codeAt(s, u.secret, -2));
    assert.equal(stale.body.code, 'INVALID_CODE', 'an old code is not a current one');

    const off = await disableTotp(s, u.token, codeAt(s, u.secret));
    assert.equal(off.status, 204, off.text);
    assert.match((await s.mailsTo(u.email)).at(-1)!.subject, /Two-factor authentication is off/);
    assert.equal((await s.app.portico.db.selectFrom('backup_codes').selectAll().execute()).length, 0);
    const direct = await login(s, u.email, TOKEN_MODE);
    assert.equal(direct.status, 200);
    assert.ok(direct.body.token, 'a session at once');
    const twice = await disableTotp(s, u.token, codeAt(s, u.secret));
    assert.equal(twice.status, 409);
    assert.equal(twice.body.code, 'TOTP_NOT_ENABLED');
  });

  test('a backup code can turn two-factor off too', async () => {
    const u = await enrolled(s);
    const off = await disableTotp(s, u.token, u.backupCodes[9]!);
    assert.equal(off.status, 204, off.text);
    const overview = await s.request('GET', '/api/v1/me/security', { headers: bearer(u.token) });
    assert.equal(overview.body.totp.enabled, false);
  });

  test('new backup codes need an app code and replace the old ones', async () => {
    const u = await enrolled(s);
    const regenerate = (code: string) =>
      s.request('POST', '/api/v1/me/backup-codes', { body: { code }, headers: bearer(u.token) });
    const withBackup = await regenerate(u.backupCodes[0]!);
    assert.equal(withBackup.body.code, 'VALIDATION_FAILED', 'a backup code does not make new ones');
    const fresh = await regenerate(codeAt(s, u.secret));
    assert.equal(fresh.status, 200, fresh.text);
    assert.equal(fresh.body.codes.length, 10);
    assert.ok(!fresh.body.codes.some((c: string) => u.backupCodes.includes(c)));
    assert.match((await s.mailsTo(u.email)).at(-1)!.subject, /New backup codes/);

    const old = await complete(s, await ticketFor(s, u.email), u.backupCodes[1]!);
    assert.equal(old.body.code, 'INVALID_CODE', 'old codes stop working');
    const ok = await complete(s, await ticketFor(s, u.email), fresh.body.codes[0]);
    assert.equal(ok.status, 200, ok.text);
  });

  test('two-factor routes are for sessions only', async () => {
    const r = await s.request('GET', '/api/v1/me/security');
    assert.equal(r.status, 401);
  });
});

describe('staff reset of a client two-factor', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer();
  });
  afterEach(() => s.close());

  test('admin and support clear TOTP and backup codes; the user is told; it is audited', async () => {
    const u = await enrolled(s);
    const pending = await ticketFor(s, u.email);
    const support = await staffSession(s, 'support');
    const listed = async () =>
      (await s.request('GET', '/api/admin/v1/portal-users', { headers: support.headers })).body.items.find(
        (p: { userId: string }) => p.userId === u.userId,
      ).twoFactor;
    assert.equal(await listed(), true, 'the dashboard shows two-factor is on');
    const r = await s.request('POST', `/api/admin/v1/portal-users/${u.userId}/reset-2fa`, {
      headers: support.headers,
    });
    assert.equal(r.status, 204, r.text);
    assert.equal(await listed(), false);
    assert.match((await s.mailsTo(u.email)).at(-1)!.subject, /two-factor/i);
    const user = await s.app.portico.db
      .selectFrom('users')
      .select(['totp_secret', 'totp_enabled_at'])
      .executeTakeFirstOrThrow();
    assert.deepEqual(user, { totp_secret: null, totp_enabled_at: null });
    assert.equal((await s.app.portico.db.selectFrom('backup_codes').selectAll().execute()).length, 0);
    assert.equal((await complete(s, pending, codeAt(s, u.secret))).body.code, 'TICKET_INVALID');
    const direct = await login(s, u.email, TOKEN_MODE);
    assert.ok(direct.body.token, 'signs in with the password alone');
    const audit = await s.app.portico.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'security.two_factor_reset')
      .executeTakeFirstOrThrow();
    assert.equal(audit.actor_type, 'staff');
    assert.equal(audit.actor_id, support.id);
    assert.equal(audit.target_id, u.userId);

    const billing = await staffSession(s, 'billing');
    const refused = await s.request('POST', `/api/admin/v1/portal-users/${u.userId}/reset-2fa`, {
      headers: billing.headers,
    });
    assert.equal(refused.body.code, 'ROLE_NOT_ALLOWED');
    const unknown = await s.request('POST', '/api/admin/v1/portal-users/usr_nobody/reset-2fa', {
      headers: support.headers,
    });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'PORTAL_USER_NOT_FOUND');
  });
});

describe('switching account', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer();
  });
  afterEach(() => s.close());

  test('a member switches the session to another account; the next sign-in starts there', async () => {
    const token = await signUp(s, 'ada@example.com');
    const admin = await staffSession(s, 'admin');
    const acme = await createClient(s, admin, 'Acme', 'owner@acme.test');
    const stranger = await createClient(s, admin, 'Stranger Ltd', 'owner@stranger.test');
    await inviteBilling(s, admin, acme.body.id, 'ada@example.com');
    const switchTo = (accountId: string) =>
      s.request('POST', '/api/v1/auth/switch-account', { body: { accountId }, headers: bearer(token) });

    const before = await s.request('GET', '/api/v1/auth/session', { headers: bearer(token) });
    assert.deepEqual(
      before.body.accounts.map((a: { name: string }) => a.name),
      ['Ada Lovelace', 'Acme'],
    );
    const own = before.body.account.id;

    // Someone else's account and one that does not exist answer the same, and nothing changes.
    const foreign = await switchTo(stranger.body.id);
    const missing = await switchTo('acct_00000000000000000000000000');
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.code, 'ACCOUNT_NOT_FOUND');
    assert.deepEqual({ ...stable(foreign.body), instance: 0 }, { ...stable(missing.body), instance: 0 });
    assert.ok(!foreign.text.includes('Stranger'));
    const unchanged = await s.request('GET', '/api/v1/auth/session', { headers: bearer(token) });
    assert.equal(unchanged.body.account.id, own);

    const moved = await switchTo(acme.body.id);
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.body.account.id, acme.body.id);
    assert.equal(moved.body.account.role, 'billing');
    assert.equal(moved.body.token, undefined);
    const now = await s.request('GET', '/api/v1/auth/session', { headers: bearer(token) });
    assert.equal(now.body.account.id, acme.body.id);
    const audit = await s.app.portico.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.account_switched')
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(audit.details), { from: own, to: acme.body.id });

    const next = await login(s, 'ada@example.com', TOKEN_MODE);
    assert.equal(next.body.account.id, acme.body.id, 'the last account used');
    await switchTo(own);
    const after = await login(s, 'ada@example.com', TOKEN_MODE);
    assert.equal(after.body.account.id, own);
  });
});
