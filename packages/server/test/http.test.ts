import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signedInAs, startServer, type TestServer } from './helpers.js';

describe('HTTP hardening: bad input gets a clear 4xx, never a 500', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ bodyLimit: '10kb' });
  });
  after(() => s.close());

  test('errors are RFC 9457 problem details with code and requestId', async () => {
    const r = await s.request('POST', '/api/v1/auth/login', { body: { email: 'not-an-email' } });
    assert.equal(r.status, 400);
    assert.equal(r.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(r.body.type, 'urn:portico:error:validation-failed');
    assert.equal(r.body.title, 'Bad request');
    assert.equal(r.body.status, 400);
    assert.equal(r.body.code, 'VALIDATION_FAILED');
    assert.equal(r.body.requestId, r.headers.get('x-request-id'));
    assert.deepEqual(
      r.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]),
      [
        ['email', 'Enter a valid email address'],
        ['password', 'Password is required'],
      ],
    );
  });

  test('an oversized body gets 413', async () => {
    const r = await s.request('POST', '/api/v1/auth/login', {
      body: { email: 'a@b.co', password: 'x'.repeat(20_000) },
    });
    assert.equal(r.status, 413);
    assert.equal(r.body.code, 'PAYLOAD_TOO_LARGE');
  });

  const malformed = [
    '{',
    '{"email":',
    'null',
    '[]',
    '"text"',
    '123',
    '{"email": "a@b.co", "password": {"$gt": ""}}',
    '\u0000',
  ];
  for (const raw of malformed) {
    test(`malformed body ${JSON.stringify(raw)} gets a 4xx`, async () => {
      const r = await s.request('POST', '/api/v1/auth/login', {
        raw,
        headers: { 'content-type': 'application/json' },
      });
      assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
      assert.ok(r.body.code);
    });
  }

  test('wrong types in every field are validation errors', async () => {
    for (const body of [
      { email: 1, password: 2 },
      { email: ['a'], password: null },
      { email: {}, password: true },
    ]) {
      const r = await s.request('POST', '/api/v1/auth/register', { body: { ...body, name: 42 } });
      assert.equal(r.status, 400);
      assert.equal(r.body.code, 'VALIDATION_FAILED');
    }
  });

  test('a password longer than 256 characters is refused before hashing', async () => {
    const r = await s.request('POST', '/api/v1/auth/login', {
      body: { email: 'a@b.co', password: 'x'.repeat(257) },
    });
    assert.equal(r.status, 400);
    assert.equal(r.body.errors[0].path, 'password');
  });

  test('unknown routes get a JSON 404', async () => {
    const r = await s.request('GET', '/api/v1/nope');
    assert.equal(r.status, 404);
    assert.equal(r.body.code, 'NOT_FOUND');
  });

  test('a body with a charset other than utf-8 gets 415', async () => {
    const r = await s.request('POST', '/api/v1/auth/login', {
      raw: '{}',
      headers: { 'content-type': 'application/json; charset=latin-9000' },
    });
    assert.equal(r.status, 415);
  });

  test('security headers are set and the API is never cached', async () => {
    const r = await s.request('GET', '/api/v1/health');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(r.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.equal(r.headers.get('x-powered-by'), null);
  });

  test('a sane incoming X-Request-Id is kept; a hostile one is replaced', async () => {
    const kept = await s.request('GET', '/api/v1/health', { headers: { 'x-request-id': 'trace-12345678' } });
    assert.equal(kept.headers.get('x-request-id'), 'trace-12345678');
    const replaced = await s.request('GET', '/api/v1/health', {
      headers: { 'x-request-id': 'bad id\twith spaces' },
    });
    assert.match(replaced.headers.get('x-request-id')!, /^req_/);
  });

  test('a bogus bearer token is just signed out', async () => {
    for (const token of ['', 'ps_', 'ps_x', `ps_${'a'.repeat(500)}`, 'pt_whatever', "' OR 1=1 --"]) {
      assert.equal(await signedInAs(s, { authorization: `Bearer ${token}` }), null, token);
    }
  });
});

describe('the elements bundle', () => {
  test('is served as JavaScript that any origin may load as a module', async () => {
    const s = await startServer();
    try {
      const r = await s.request('GET', '/elements.js', { headers: { origin: 'https://any-site.example' } });
      assert.equal(r.headers.get('access-control-allow-origin'), '*');
      assert.equal(r.headers.get('cross-origin-resource-policy'), 'cross-origin');
      if (r.status === 200) {
        assert.match(r.headers.get('content-type')!, /^text\/javascript/);
        assert.match(r.text, /customElements/);
      } else {
        // Not built (a unit run before `npm run build`): still a readable JSON problem, not a CORS failure.
        assert.equal(r.status, 404);
        assert.equal(r.body.code, 'NOT_FOUND');
      }
    } finally {
      await s.close();
    }
  });
});
