import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signUp, startServer, type TestServer } from './helpers.js';

const MIN = 60_000;

describe('one-time codes: expiry, single use, brute force', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
    await signUp(s, 'ada@example.com');
  });
  after(() => s.close());

  const requestLoginCode = async (email = 'ada@example.com') => {
    const r = await s.request('POST', '/api/v1/auth/login-code/request', { body: { email } });
    assert.equal(r.status, 202);
    return s.codeFor(email);
  };
  const loginWithCode = (code: string, email = 'ada@example.com') =>
    s.request('POST', '/api/v1/auth/login-code', { body: { email, code } });

  test('a sign-in code still works at 9:59 and is refused at 10:01', async () => {
    const code = await requestLoginCode();
    s.clock.advance(9 * MIN + 59_000);
    assert.equal((await loginWithCode(code)).status, 200);

    const next = await requestLoginCode();
    s.clock.advance(10 * MIN + 1000);
    const late = await loginWithCode(next);
    assert.equal(late.status, 400);
    assert.equal(late.body.code, 'CODE_EXPIRED');
  });

  test('a verification code lives 15 minutes: works at 14:59, refused at 15:00', async () => {
    const register = (email: string) =>
      s.request('POST', '/api/v1/auth/register', {
        body: { name: 'V', email, password: 'long enough secret' },
      });
    await register('v1@example.com');
    const early = await s.codeFor('v1@example.com');
    s.clock.advance(15 * MIN - 1000);
    assert.equal(
      (
        await s.request('POST', '/api/v1/auth/verify-email', {
          body: { email: 'v1@example.com', code: early },
        })
      ).status,
      200,
    );

    await register('v2@example.com');
    const late = await s.codeFor('v2@example.com');
    s.clock.advance(15 * MIN);
    const r = await s.request('POST', '/api/v1/auth/verify-email', {
      body: { email: 'v2@example.com', code: late },
    });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 'CODE_EXPIRED');
  });

  test('brute force: five wrong tries kill the code, the 6th is refused even when right', async () => {
    const code = await requestLoginCode();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 5; i++) {
      const r = await loginWithCode(wrong);
      assert.equal(r.status, 400, `try ${i}`);
      assert.equal(r.body.code, 'INVALID_CODE');
    }
    const sixth = await loginWithCode(code);
    assert.equal(sixth.status, 429);
    assert.equal(sixth.body.code, 'TOO_MANY_ATTEMPTS');
    assert.ok(Number(sixth.headers.get('retry-after')) > 0);
  });

  test('a resend does not reset the count of wrong tries', async () => {
    s.clock.advance(11 * MIN);
    const first = await requestLoginCode();
    const wrong = (c: string) => (c === '000000' ? '111111' : '000000');
    for (let i = 0; i < 3; i++) assert.equal((await loginWithCode(wrong(first))).status, 400);
    const resent = await requestLoginCode();
    for (let i = 0; i < 2; i++) assert.equal((await loginWithCode(wrong(resent))).status, 400);
    const r = await loginWithCode(resent);
    assert.equal(r.status, 429, 'three tries before the resend and two after make five');
    assert.equal(r.body.code, 'TOO_MANY_ATTEMPTS');
    const again = await s.request('POST', '/api/v1/auth/login-code/request', {
      body: { email: 'ada@example.com' },
    });
    assert.equal(again.status, 202);
    const mails = (await s.mailsTo('ada@example.com')).length;
    assert.equal((await s.mailsTo('ada@example.com')).length, mails, 'a dead code is not re-sent');
  });

  test('codes are stored as HMACs, never in the clear', async () => {
    s.clock.advance(11 * MIN);
    const code = await requestLoginCode();
    const rows = s.app.portico.sqlite.prepare('SELECT code_hash FROM challenges').all() as {
      code_hash: string;
    }[];
    assert.ok(rows.length > 0);
    for (const row of rows) {
      assert.match(row.code_hash, /^[0-9a-f]{64}$/);
      assert.ok(!row.code_hash.includes(code));
    }
    const sessions = s.app.portico.sqlite.prepare('SELECT token_hash FROM sessions').all() as {
      token_hash: string;
    }[];
    for (const row of sessions) assert.match(row.token_hash, /^[0-9a-f]{64}$/);
  });

  test('a sign-in code for one email never signs in another', async () => {
    await signUp(s, 'eve@example.com');
    s.clock.advance(11 * MIN);
    const code = await requestLoginCode('ada@example.com');
    const r = await loginWithCode(code, 'eve@example.com');
    assert.equal(r.status, 400);
  });
});

test('20 parallel redemptions of one code give exactly one success', async () => {
  const fresh = await startServer();
  try {
    await signUp(fresh, 'race@example.com');
    await fresh.request('POST', '/api/v1/auth/login-code/request', { body: { email: 'race@example.com' } });
    const code = await fresh.codeFor('race@example.com');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        fresh.request('POST', '/api/v1/auth/login-code', { body: { email: 'race@example.com', code } }),
      ),
    );
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((x) => x === 200).length, 1, `statuses: ${statuses}`);
    // The losers see the code as spent (400) or hit the per-email limit (429); none signs in.
    assert.ok(
      statuses.every((x) => x === 200 || x === 400 || x === 429),
      `statuses: ${statuses}`,
    );
  } finally {
    await fresh.close();
  }
});
