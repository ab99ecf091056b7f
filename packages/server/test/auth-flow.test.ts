import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signedInAs, signUp, startServer, type TestServer } from './helpers.js';

describe('sign-up, sign-in and sign-out', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  test('register emails a 6-digit code; verifying it signs in with an httpOnly cookie', async () => {
    const reg = await s.request('POST', '/api/v1/auth/register', {
      body: { name: 'Grace Hopper', email: 'Grace@Example.com ', password: 'compile the future' },
    });
    assert.equal(reg.status, 202);
    assert.deepEqual(reg.body, { status: 'code_sent', email: 'grace@example.com', expiresInSeconds: 900 });
    const [mail] = await s.mailsTo('grace@example.com');
    assert.match(mail!.subject, /verification code/);
    assert.match(mail!.html, /<p[^>]*>\d{6}<\/p>/);
    const before = await s.request('POST', '/api/v1/auth/login', {
      body: { email: 'grace@example.com', password: 'compile the future' },
    });
    assert.equal(before.status, 403, 'unverified users cannot sign in with a password');
    assert.equal(before.body.code, 'EMAIL_NOT_VERIFIED');
    // That sign-in attempt mailed a fresh code; only the newest code works.
    const code = await s.codeFor('grace@example.com');

    const verified = await s.request('POST', '/api/v1/auth/verify-email', {
      body: { email: 'grace@example.com', code },
    });
    assert.equal(verified.status, 200);
    assert.equal(verified.body.user.name, 'Grace Hopper');
    assert.equal(verified.body.account.role, 'owner');
    assert.equal(verified.body.token, undefined, 'cookie mode never shows the token');
    const cookie = verified.headers.get('set-cookie')!;
    assert.match(cookie, /^portico_session=ps_[A-Za-z0-9_-]{43};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);

    const session = await s.request('GET', '/api/v1/auth/session', {
      headers: { cookie: cookie.split(';')[0]! },
    });
    assert.equal(session.status, 200);
    assert.equal(session.body.user.email, 'grace@example.com');
    assert.ok(session.body.user.emailVerifiedAt);
  });

  test('the same code cannot be used twice', async () => {
    await s.request('POST', '/api/v1/auth/register', {
      body: { name: 'Once Only', email: 'once@example.com', password: 'compile the future' },
    });
    const code = await s.codeFor('once@example.com');
    const first = await s.request('POST', '/api/v1/auth/verify-email', {
      body: { email: 'once@example.com', code },
    });
    assert.equal(first.status, 200);
    const second = await s.request('POST', '/api/v1/auth/verify-email', {
      body: { email: 'once@example.com', code },
    });
    assert.equal(second.status, 400);
    assert.equal(second.body.code, 'INVALID_CODE');
  });

  test('password sign-in, then sign-out ends the session on the server', async () => {
    await signUp(s, 'ada@example.com');
    const login = await s.request('POST', '/api/v1/auth/login', {
      body: { email: 'ada@example.com', password: 'correct horse battery staple' },
      headers: { 'x-portico-session': 'token' },
    });
    assert.equal(login.status, 200);
    const token = login.body.token as string;
    assert.match(token, /^ps_/);
    const auth = { authorization: `Bearer ${token}` };
    assert.equal(await signedInAs(s, auth), 'ada@example.com');
    assert.equal((await s.request('POST', '/api/v1/auth/logout', { headers: auth })).status, 204);
    assert.equal(await signedInAs(s, auth), null, 'the session ended on the server');
  });

  test('wrong password is refused with INVALID_CREDENTIALS', async () => {
    const r = await s.request('POST', '/api/v1/auth/login', {
      body: { email: 'ada@example.com', password: 'wrong one!' },
    });
    assert.equal(r.status, 401);
    assert.equal(r.body.code, 'INVALID_CREDENTIALS');
    assert.equal(r.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  });

  test('each sign-in makes a new session id and ends the one presented with it', async () => {
    const first = await s.request('POST', '/api/v1/auth/login', {
      body: { email: 'ada@example.com', password: 'correct horse battery staple' },
      headers: { 'x-portico-session': 'token' },
    });
    const second = await s.request('POST', '/api/v1/auth/login', {
      body: { email: 'ada@example.com', password: 'correct horse battery staple' },
      headers: { 'x-portico-session': 'token', authorization: `Bearer ${first.body.token}` },
    });
    assert.notEqual(first.body.token, second.body.token);
    assert.equal(await signedInAs(s, { authorization: `Bearer ${first.body.token}` }), null);
    assert.equal(await signedInAs(s, { authorization: `Bearer ${second.body.token}` }), 'ada@example.com');
  });

  test('sign in with an emailed one-time code', async () => {
    const req = await s.request('POST', '/api/v1/auth/login-code/request', {
      body: { email: 'ada@example.com' },
    });
    assert.equal(req.status, 202);
    assert.equal(req.body.expiresInSeconds, 600);
    const code = await s.codeFor('ada@example.com');
    const login = await s.request('POST', '/api/v1/auth/login-code', {
      body: { email: 'ada@example.com', code: `${code.slice(0, 3)} ${code.slice(3)}` },
      headers: { 'x-portico-session': 'token' },
    });
    assert.equal(login.status, 200, login.text);
    assert.equal(login.body.user.email, 'ada@example.com');
  });

  test('password reset with an emailed code: new password works, old one and old sessions do not', async () => {
    const token = await signUp(s, 'reset@example.com', 'first password here');
    assert.equal(
      (
        await s.request('POST', '/api/v1/auth/password-reset/request', {
          body: { email: 'reset@example.com' },
        })
      ).status,
      202,
    );
    const code = await s.codeFor('reset@example.com');
    const common = await s.request('POST', '/api/v1/auth/password-reset', {
      body: { email: 'reset@example.com', code, password: 'password123' },
    });
    assert.equal(common.status, 400);
    assert.equal(common.body.code, 'PASSWORD_TOO_COMMON');
    assert.equal(common.body.errors[0].path, 'password');
    const reset = await s.request('POST', '/api/v1/auth/password-reset', {
      body: { email: 'reset@example.com', code, password: 'second password here' },
    });
    assert.equal(reset.status, 200, 'a refused weak password did not spend the code');
    assert.equal(
      await signedInAs(s, { authorization: `Bearer ${token}` }),
      null,
      'a reset ends every earlier session',
    );
    const oldPw = await s.request('POST', '/api/v1/auth/login', {
      body: { email: 'reset@example.com', password: 'first password here' },
    });
    assert.equal(oldPw.status, 401);
    const newPw = await s.request('POST', '/api/v1/auth/login', {
      body: { email: 'reset@example.com', password: 'second password here' },
    });
    assert.equal(newPw.status, 200);
    const mails = await s.mailsTo('reset@example.com');
    assert.match(mails.at(-1)!.subject, /password was changed/);
  });

  test('common passwords are refused with the reason, beside the field', async () => {
    const r = await s.request('POST', '/api/v1/auth/register', {
      body: { name: 'Weak', email: 'weak@example.com', password: 'iloveyou' },
    });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 'PASSWORD_TOO_COMMON');
    assert.match(r.body.errors[0].message, /most common passwords/);
    const short = await s.request('POST', '/api/v1/auth/register', {
      body: { name: 'Short', email: 'short@example.com', password: 'abc' },
    });
    assert.equal(short.body.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      short.body.errors.map((e: { path: string }) => e.path),
      ['password'],
    );
  });

  test('Spanish users get Spanish mail', async () => {
    await s.request('POST', '/api/v1/auth/register', {
      body: { name: 'Lola', email: 'lola@example.com', password: 'mi contraseña larga', locale: 'es' },
    });
    const [mail] = await s.mailsTo('lola@example.com');
    assert.match(mail!.subject, /código de verificación/);
  });
});

describe('several accounts with one email', () => {
  test('with allowDuplicateAccounts a second registration adds an account to the same user', async () => {
    const s = await startServer();
    try {
      await s.app.portico.settings.set('allowDuplicateAccounts', true);
      await signUp(s, 'multi@example.com', 'correct horse battery staple', 'First Co');
      s.clock.advance(1000);
      await s.request('POST', '/api/v1/auth/register', {
        body: { name: 'Second Co', email: 'multi@example.com', password: 'whatever typed here' },
      });
      const code = await s.codeFor('multi@example.com');
      const r = await s.request('POST', '/api/v1/auth/verify-email', {
        body: { email: 'multi@example.com', code },
      });
      assert.equal(r.status, 200);
      assert.equal(r.body.account.name, 'Second Co');
      assert.deepEqual(
        r.body.accounts.map((a: { name: string }) => a.name),
        ['First Co', 'Second Co'],
      );
      const pw = await s.request('POST', '/api/v1/auth/login', {
        body: { email: 'multi@example.com', password: 'correct horse battery staple' },
      });
      assert.equal(pw.status, 200, 'the existing password is kept');
    } finally {
      await s.close();
    }
  });
});
