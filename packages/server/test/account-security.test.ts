import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { bearer, insertSession, PASSWORD, signIn, whoIs } from './account-helpers.js';
import { signedInAs, signUp, startServer, type TestServer } from './helpers.js';

const MIN = 60_000;
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

const login = (s: TestServer, email: string, password = PASSWORD) =>
  s.request('POST', '/api/v1/auth/login', { body: { email, password } });

/** Asks to move the login of `token` to `email`, confirming with its password. */
const requestEmailChange = (s: TestServer, token: string, email: string, password = PASSWORD) =>
  s.request('POST', '/api/v1/me/email', { headers: bearer(token), body: { password, email } });

/** Confirms a move to `email` with the code mailed there. */
const confirmEmailChange = (s: TestServer, token: string, email: string, code: string) =>
  s.request('POST', '/api/v1/me/email/confirm', { headers: bearer(token), body: { email, code } });

const endSession = (s: TestServer, token: string, sessionId: string) =>
  s.request('DELETE', `/api/v1/me/sessions/${sessionId}`, { headers: bearer(token) });

const auditActions = (s: TestServer, action: string) =>
  s.app.portico.sqlite.prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY at, id').all(action) as {
    actor_id: string;
    account_id: string | null;
    details: string;
  }[];

describe('email change', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer();
  });
  afterEach(() => s.close());

  test('a code to the new address moves the login, proves the new address and tells the old one', async () => {
    const token = await signUp(s, 'ada@example.com');
    const start = await requestEmailChange(s, token, 'Ada.New@Example.com');
    assert.equal(start.status, 202, start.text);
    assert.deepEqual(start.body, {
      status: 'code_sent',
      email: 'ada.new@example.com',
      expiresInSeconds: 900,
    });
    const code = await s.codeFor('ada.new@example.com');
    const [codeMail] = await s.mailsTo('ada.new@example.com');
    assert.match(codeMail?.subject ?? '', /confirms your new Portico email address/);

    s.clock.advance(14 * MIN + 59_000);
    const done = await confirmEmailChange(s, token, 'ada.new@example.com', code);
    assert.equal(done.status, 200, done.text);
    assert.equal(done.body.user.email, 'ada.new@example.com');
    assert.equal(done.body.user.emailVerifiedAt, s.clock.now().toISOString(), 'verified again, now');
    assert.equal(await signedInAs(s, bearer(token)), 'ada.new@example.com', 'the session goes on');

    const notice = (await s.mailsTo('ada@example.com')).at(-1);
    assert.match(notice?.subject ?? '', /Your email address was changed/);
    assert.match(notice?.text ?? '', /a•••@example\.com/);
    assert.doesNotMatch(notice?.text ?? '', /ada\.new@example\.com/, 'the new address is masked');

    assert.equal((await login(s, 'ada@example.com')).status, 401, 'the old address no longer signs in');
    assert.equal((await login(s, 'ada.new@example.com')).status, 200);

    const { search_text } = s.app.portico.sqlite.prepare('SELECT search_text FROM accounts').get() as {
      search_text: string;
    };
    assert.equal(search_text, 'ada lovelace ada.new@example.com');
    const [audit] = auditActions(s, 'security.email_changed');
    assert.deepEqual(JSON.parse(audit?.details ?? '{}'), {
      from: 'ada@example.com',
      to: 'ada.new@example.com',
    });

    const again = await confirmEmailChange(s, token, 'ada.new@example.com', code);
    assert.equal(again.status, 400, 'a code works once');
    assert.equal(again.body.code, 'INVALID_CODE');
  });

  test('the code expires after 15 minutes', async () => {
    const token = await signUp(s, 'ada@example.com');
    await requestEmailChange(s, token, 'new@example.com');
    const code = await s.codeFor('new@example.com');
    s.clock.advance(15 * MIN);
    const late = await confirmEmailChange(s, token, 'new@example.com', code);
    assert.equal(late.status, 400);
    assert.equal(late.body.code, 'CODE_EXPIRED');
    assert.equal(await signedInAs(s, bearer(token)), 'ada@example.com');
  });

  test('five wrong codes kill it; someone else cannot use my code', async () => {
    const ada = await signUp(s, 'ada@example.com');
    const bob = await signUp(s, 'bob@example.com');
    await requestEmailChange(s, ada, 'new@example.com');
    const code = await s.codeFor('new@example.com');
    const stolen = await confirmEmailChange(s, bob, 'new@example.com', code);
    assert.equal(stolen.status, 400);
    assert.equal(stolen.body.code, 'INVALID_CODE');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) {
      const r = await confirmEmailChange(s, ada, 'new@example.com', wrong);
      assert.equal(r.body.code, 'INVALID_CODE');
    }
    const dead = await confirmEmailChange(s, ada, 'new@example.com', code);
    assert.equal(dead.status, 429);
    assert.equal(dead.body.code, 'TOO_MANY_ATTEMPTS');
    assert.equal(await signedInAs(s, bearer(ada)), 'ada@example.com');
  });

  test('an address in use answers the same, mails its owner instead and leaves a code nobody can use', async () => {
    const ada = await signUp(s, 'ada@example.com');
    await signUp(s, 'bob@example.com', PASSWORD, 'Bob');
    const bobMails = (await s.mailsTo('bob@example.com')).length;
    const free = await requestEmailChange(s, ada, 'free@example.com');
    const taken = await requestEmailChange(s, ada, 'bob@example.com');
    assert.equal(taken.status, free.status);
    assert.deepEqual({ ...taken.body, email: 'x' }, { ...free.body, email: 'x' });
    assert.deepEqual(Object.keys(taken.body).sort(), Object.keys(free.body).sort());

    const mails = (await s.mailsTo('bob@example.com')).slice(bobMails);
    assert.equal(mails.length, 1);
    assert.match(mails[0]?.subject ?? '', /Your Portico email address/);
    assert.match(mails[0]?.text ?? '', /already has a login, so nothing changed/);
    assert.doesNotMatch(mails[0]?.text ?? '', /\b\d{6}\b/, 'no code is sent');

    for (const code of ['123456', '654321']) {
      const r = await confirmEmailChange(s, ada, 'bob@example.com', code);
      assert.equal(r.status, 400);
      assert.equal(r.body.code, 'INVALID_CODE');
    }
    assert.equal(await signedInAs(s, bearer(ada)), 'ada@example.com');
    assert.equal((await login(s, 'bob@example.com')).status, 200);
  });

  test('an address taken meanwhile is a 409, never a 500, and changes nothing', async () => {
    const ada = await signUp(s, 'ada@example.com');
    await requestEmailChange(s, ada, 'new@example.com');
    const code = await s.codeFor('new@example.com');
    // Someone registers the address between the code and its use.
    const reg = await s.request('POST', '/api/v1/auth/register', {
      body: { name: 'Eve', email: 'new@example.com', password: 'another long passphrase' },
    });
    assert.equal(reg.status, 202);
    const r = await confirmEmailChange(s, ada, 'new@example.com', code);
    assert.equal(r.status, 409);
    assert.equal(r.body.code, 'CONFLICT');
    assert.equal(await signedInAs(s, bearer(ada)), 'ada@example.com');
  });

  test('a registration racing the very update hits the UNIQUE constraint and still answers 409', async () => {
    const ada = await signUp(s, 'ada@example.com');
    await requestEmailChange(s, ada, 'new@example.com');
    const code = await s.codeFor('new@example.com');
    const { sqlite } = s.app.portico;
    // The other login appears inside the UPDATE itself, after every check has passed.
    sqlite.exec(`CREATE TEMP TRIGGER race BEFORE UPDATE OF email ON users BEGIN
      INSERT INTO users (id, email, name, password_hash, email_verified_at, locale, disabled_at, created_at, updated_at)
      VALUES ('usr_race', NEW.email, 'Racer', NULL, NULL, 'en', NULL, '2026-01-01', '2026-01-01');
    END`);
    const r = await confirmEmailChange(s, ada, 'new@example.com', code);
    sqlite.exec('DROP TRIGGER race');
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.code, 'CONFLICT');
    assert.equal(await signedInAs(s, bearer(ada)), 'ada@example.com');
    assert.equal(auditActions(s, 'security.email_changed').length, 0);
  });

  test('codes still alive for the old address stop working once it changed', async () => {
    const ada = await signUp(s, 'ada@example.com');
    await s.request('POST', '/api/v1/auth/password-reset/request', { body: { email: 'ada@example.com' } });
    const resetCode = await s.codeFor('ada@example.com');
    await requestEmailChange(s, ada, 'new@example.com');
    await confirmEmailChange(s, ada, 'new@example.com', await s.codeFor('new@example.com'));
    const reset = await s.request('POST', '/api/v1/auth/password-reset', {
      body: { email: 'ada@example.com', code: resetCode, password: 'taken over passphrase' },
    });
    assert.equal(reset.status, 400);
    assert.equal(reset.body.code, 'INVALID_CODE');
  });

  test('wrong passwords are refused, delayed after five, capped per user and IP; a login with no password is told so', async () => {
    const ada = await signUp(s, 'ada@example.com');
    const attempt = (password: string) => requestEmailChange(s, ada, 'new@example.com', password);
    for (let i = 0; i < 5; i++) {
      const r = await attempt('not my password');
      assert.equal(r.status, 400);
      assert.equal(r.body.code, 'WRONG_PASSWORD');
      assert.deepEqual(
        r.body.errors.map((e: { path: string }) => e.path),
        ['password'],
      );
    }
    const delayed = await attempt(PASSWORD);
    assert.equal(delayed.status, 429, 'even the right password waits');
    assert.equal(delayed.body.code, 'TOO_MANY_ATTEMPTS');
    s.clock.advance(1000);
    assert.equal((await attempt(PASSWORD)).status, 202, 'and passes once the delay is over');
    assert.equal(auditActions(s, 'security.password_confirmation_failed').length, 5);

    // 7 tries so far in this window; three more wrong ones (waiting out each delay) reach the cap of 10.
    for (let i = 0; i < 3; i++) {
      const r = await attempt('not my password');
      assert.equal(r.body.code, 'WRONG_PASSWORD');
    }
    const capped = await attempt(PASSWORD);
    assert.equal(capped.status, 429);
    assert.equal(capped.body.code, 'RATE_LIMITED');

    s.app.portico.sqlite.prepare('UPDATE users SET password_hash = NULL').run();
    s.clock.advance(15 * MIN);
    const none = await attempt('anything');
    assert.equal(none.status, 400);
    assert.equal(none.body.code, 'NO_PASSWORD');
  });
});

describe('password change', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer();
  });
  afterEach(() => s.close());

  test('needs the current password, refuses a weak one, keeps other sessions unless asked', async () => {
    const ada = await signUp(s, 'ada@example.com');
    const phone = await signIn(s, 'ada@example.com');
    const change = (body: object) => s.request('POST', '/api/v1/me/password', { headers: bearer(ada), body });

    const wrong = await change({ currentPassword: 'nope nope', newPassword: 'a much better passphrase' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.code, 'WRONG_PASSWORD');
    assert.equal(wrong.body.errors[0].path, 'currentPassword');
    const weak = await change({ currentPassword: PASSWORD, newPassword: 'password' });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.code, 'PASSWORD_TOO_COMMON');
    assert.equal(weak.body.errors[0].path, 'newPassword');

    const ok = await change({ currentPassword: PASSWORD, newPassword: 'a much better passphrase' });
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(ok.body, { endedSessions: 0 });
    assert.equal(await signedInAs(s, bearer(phone)), 'ada@example.com', 'the other session stays');
    assert.equal(await signedInAs(s, bearer(ada)), 'ada@example.com');
    const mail = (await s.mailsTo('ada@example.com')).at(-1);
    assert.match(mail?.subject ?? '', /password was changed/);
    assert.match(mail?.text ?? '', /The password of your account was just changed\./);
    assert.equal((await login(s, 'ada@example.com')).status, 401);
    assert.equal((await login(s, 'ada@example.com', 'a much better passphrase')).status, 200);
    assert.deepEqual(JSON.parse(auditActions(s, 'security.password_changed')[0]?.details ?? ''), {
      endedSessions: 0,
    });
  });

  test('ending the other sessions keeps only this one', async () => {
    const ada = await signUp(s, 'ada@example.com');
    const phone = await signIn(s, 'ada@example.com');
    const laptop = await signIn(s, 'ada@example.com');
    const r = await s.request('POST', '/api/v1/me/password', {
      headers: bearer(ada),
      body: { currentPassword: PASSWORD, newPassword: 'a much better passphrase', endOtherSessions: true },
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { endedSessions: 2 });
    assert.equal(await signedInAs(s, bearer(ada)), 'ada@example.com');
    assert.equal(await signedInAs(s, bearer(phone)), null);
    assert.equal(await signedInAs(s, bearer(laptop)), null);
    const mail = (await s.mailsTo('ada@example.com')).at(-1);
    assert.match(mail?.text ?? '', /every other session was signed out/);
  });
});

describe('sessions', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer();
  });
  afterEach(() => s.close());

  test('lists live sessions with device, place and account, most recently active first', async () => {
    const first = await signUp(s, 'ada@example.com');
    s.clock.advance(MIN);
    await signIn(s, 'ada@example.com', PASSWORD, { 'user-agent': FIREFOX_WINDOWS });
    s.clock.advance(MIN);
    await signIn(s, 'ada@example.com', PASSWORD, { 'user-agent': SAFARI_IPHONE });
    s.clock.advance(MIN / 2);
    // Another user's session and an ended one of Ada's never show.
    await signUp(s, 'bob@example.com');
    const ended = await signIn(s, 'ada@example.com');
    await s.request('POST', '/api/v1/auth/logout', { headers: bearer(ended) });

    const r = await s.request('GET', '/api/v1/me/sessions', { headers: bearer(first) });
    assert.equal(r.status, 200, r.text);
    const items = r.body.items as Array<Record<string, unknown>>;
    assert.deepEqual(
      items.map((i) => [i.current, i.device, i.place, i.accountName]),
      [
        [true, items[0]?.device, 'Local network', 'Ada Lovelace'],
        [false, 'Safari on iOS', 'Local network', 'Ada Lovelace'],
        [false, 'Firefox on Windows', 'Local network', 'Ada Lovelace'],
      ],
    );
    assert.equal(items[0]?.ip, '127.0.0.1');
    assert.equal(items[2]?.createdAt, '2026-03-02T09:01:00.000Z');
    assert.equal(items[1]?.lastSeenAt, '2026-03-02T09:02:00.000Z');
  });

  test('ends one session, or every other one; another login’s session is as unknown as a missing one', async () => {
    const ada = await signUp(s, 'ada@example.com');
    const phone = await signIn(s, 'ada@example.com');
    const laptop = await signIn(s, 'ada@example.com');
    const bob = await signUp(s, 'bob@example.com');
    const list = async (token: string) =>
      (await s.request('GET', '/api/v1/me/sessions', { headers: bearer(token) })).body.items as Array<{
        id: string;
        current: boolean;
      }>;
    const bobSession = (await list(bob))[0]?.id as string;
    const phoneSession = (await list(phone)).find((i) => i.current)?.id as string;

    const foreign = await endSession(s, ada, bobSession);
    const missing = await endSession(s, ada, 'ses_00000000000000000000000000');
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.code, 'NOT_FOUND');
    assert.deepEqual(
      [missing.status, missing.body.code, missing.body.detail],
      [404, 'NOT_FOUND', foreign.body.detail],
    );
    assert.equal(await signedInAs(s, bearer(bob)), 'bob@example.com');

    const one = await endSession(s, ada, phoneSession);
    assert.equal(one.status, 204, one.text);
    assert.equal(await signedInAs(s, bearer(phone)), null);
    assert.equal((await list(ada)).length, 2);
    const twice = await endSession(s, ada, phoneSession);
    assert.equal(twice.status, 404);

    const others = await s.request('POST', '/api/v1/me/sessions/end-others', { headers: bearer(ada) });
    assert.equal(others.status, 200, others.text);
    assert.deepEqual(others.body, { ended: 1 });
    assert.equal(await signedInAs(s, bearer(laptop)), null);
    assert.deepEqual(
      (await list(ada)).map((i) => i.current),
      [true],
    );
    assert.equal(auditActions(s, 'security.session_ended').length, 1);
    assert.deepEqual(JSON.parse(auditActions(s, 'security.other_sessions_ended')[0]?.details ?? ''), {
      ended: 1,
    });
  });

  test('expired sessions are not listed and cannot be ended', async () => {
    const ada = await signUp(s, 'ada@example.com');
    const { userId, accountId } = await whoIs(s, ada);
    const old = await insertSession(s, userId, accountId, { userAgent: FIREFOX_WINDOWS, country: 'ES' });
    s.app.portico.sqlite
      .prepare("UPDATE sessions SET expires_at = '2026-03-02T08:00:00.000Z' WHERE id = ?")
      .run(old.id);
    const r = await s.request('GET', '/api/v1/me/sessions', { headers: bearer(ada) });
    assert.equal(r.body.items.length, 1);
    const end = await endSession(s, ada, old.id);
    assert.equal(end.status, 404);
  });
});

describe('sessions behind a proxy', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer({ geoHeader: 'cf-ipcountry' });
  });
  afterEach(() => s.close());

  test('with PORTICO_GEO_HEADER, a session takes its country from the proxy’s header', async () => {
    const ada = await signUp(s, 'ada@example.com');
    await signIn(s, 'ada@example.com', PASSWORD, { 'cf-ipcountry': 'ES' });
    await signIn(s, 'ada@example.com', PASSWORD, { 'cf-ipcountry': 'XX' });
    const r = await s.request('GET', '/api/v1/me/sessions', { headers: bearer(ada) });
    assert.deepEqual((r.body.items as Array<{ place: string }>).map((i) => i.place).sort(), [
      'Local network',
      'Local network',
      'Spain',
    ]);
  });
});
