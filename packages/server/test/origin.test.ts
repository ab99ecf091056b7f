import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signedInAs, signUp, startServer, type TestServer } from './helpers.js';

describe('CORS and the Origin rule for cookie-authenticated changes', () => {
  let s: TestServer;
  let cookie: string;
  before(async () => {
    s = await startServer({
      allowedOrigins: ['https://allowed.com'],
      publicOrigin: 'https://portal.allowed.com',
    });
    await signUp(s, 'ada@example.com');
    const login = await s.request('POST', '/api/v1/auth/login', {
      body: { email: 'ada@example.com', password: 'correct horse battery staple' },
    });
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  });
  after(() => s.close());

  const grid: Array<[string, string | undefined, boolean]> = [
    ['the allowed origin', 'https://allowed.com', true],
    ["the server's own origin", 'https://portal.allowed.com', true],
    ['another origin', 'https://evil.com', false],
    ['the null origin', 'null', false],
    ['a suffix trick', 'https://allowed.com.evil.com', false],
    ['a prefix trick', 'https://evilallowed.com', false],
    ['http instead of https', 'http://allowed.com', false],
    ['another port', 'https://allowed.com:8443', false],
    ['a subdomain', 'https://sub.allowed.com', false],
  ];

  for (const [what, origin, allowed] of grid) {
    test(`preflight from ${what} is ${allowed ? 'allowed' : 'refused'}`, async () => {
      const r = await s.request('OPTIONS', '/api/v1/auth/login', {
        headers: {
          origin: origin!,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      assert.match(r.headers.get('vary') ?? '', /Origin/);
      if (allowed) {
        assert.equal(r.status, 204);
        assert.equal(r.headers.get('access-control-allow-origin'), origin);
        assert.equal(r.headers.get('access-control-allow-credentials'), 'true');
      } else {
        assert.equal(r.status, 403);
        assert.equal(r.headers.get('access-control-allow-origin'), null, 'never reflected');
      }
    });

    test(`a cookie-authenticated sign-out from ${what} is ${allowed ? 'done' : 'refused'}`, async () => {
      // A throwaway session each time, so an allowed sign-out does not end the shared one.
      const login = await s.request('POST', '/api/v1/auth/login', {
        body: { email: 'ada@example.com', password: 'correct horse battery staple' },
      });
      const own = login.headers.get('set-cookie')!.split(';')[0]!;
      const r = await s.request('POST', '/api/v1/auth/logout', { headers: { origin: origin!, cookie: own } });
      if (allowed) {
        assert.equal(r.status, 204);
        assert.equal(await signedInAs(s, { cookie: own }), null);
      } else {
        assert.equal(r.status, 403);
        assert.equal(r.body.code, 'ORIGIN_NOT_ALLOWED');
        assert.equal(
          await signedInAs(s, { cookie: own }),
          'ada@example.com',
          'the refused request changed nothing',
        );
      }
    });
  }

  test('a GET from another origin gets no CORS headers, so the browser hides the answer', async () => {
    const r = await s.request('GET', '/api/v1/auth/session', {
      headers: { origin: 'https://evil.com', cookie },
    });
    assert.equal(r.headers.get('access-control-allow-origin'), null);
  });

  test('a cookie with no Origin cannot change anything', async () => {
    const r = await s.request('POST', '/api/v1/auth/logout', { headers: { cookie } });
    assert.equal(r.status, 403);
    assert.equal(r.body.code, 'ORIGIN_NOT_ALLOWED');
  });

  test('a form-encoded cross-site body is refused even from an allowed origin', async () => {
    const r = await s.request('POST', '/api/v1/auth/login', {
      raw: 'email=ada%40example.com&password=x',
      headers: { origin: 'https://allowed.com', 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(r.status, 415);
  });

  test('a server-to-server call without cookie or Origin works (token mode)', async () => {
    const r = await s.request('POST', '/api/v1/auth/login', {
      body: { email: 'ada@example.com', password: 'correct horse battery staple' },
      headers: { 'x-portico-session': 'token' },
    });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('set-cookie'), null, 'token mode sets no cookie');
  });
});
