import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  createPortalClient,
  isPortalApiError,
  PortalApiError,
  PortalContractError,
  PortalNetworkError,
  PortalTimeoutError,
  isMfaRequired,
  type Session,
  type SignInResult,
} from '../src/index.js';
import { type PorticoServer, startPortico } from './portico-server.js';

/** The session of a sign-in that asked for no second factor. */
function signedIn(result: SignInResult): Session {
  assert.ok(!isMfaRequired(result), 'expected a session, got the two-factor step');
  return result;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the SDK against a real Portico server', () => {
  let portico: PorticoServer;
  let baseUrl: string;
  const codeFor = (email: string) => portico.codeFor(email);

  before(async () => {
    portico = await startPortico();
    baseUrl = portico.baseUrl;
  });
  after(() => portico.close());

  test('register, verify, session, logout in token mode', async () => {
    const portal = createPortalClient({ baseUrl, mode: 'token' });
    const seen: Array<Session | null> = [];
    portal.auth.onSessionChange((s) => seen.push(s));
    const sent = await portal.auth.register({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      password: 'analytical engine',
    });
    assert.deepEqual(sent, { status: 'code_sent', email: 'ada@example.com', expiresInSeconds: 900 });
    const session = signedIn(
      await portal.auth.verifyEmail({ email: 'ada@example.com', code: await codeFor('ada@example.com') }),
    );
    assert.equal(session.user.name, 'Ada Lovelace');
    assert.match(portal.token!, /^ps_/);
    assert.equal((await portal.auth.session())?.user.email, 'ada@example.com');
    await portal.auth.logout();
    assert.equal(portal.token, undefined);
    assert.equal(await portal.auth.session(), null);
    assert.deepEqual(
      seen.map((s) => s?.user.email ?? null),
      ['ada@example.com', null],
    );
  });

  test('password and email-code sign-in, and reset', async () => {
    const portal = createPortalClient({ baseUrl, mode: 'token' });
    assert.equal(
      signedIn(await portal.auth.login({ email: 'ada@example.com', password: 'analytical engine' })).user
        .name,
      'Ada Lovelace',
    );
    await portal.auth.requestLoginCode({ email: 'ada@example.com' });
    assert.ok(
      await portal.auth.loginWithCode({ email: 'ada@example.com', code: await codeFor('ada@example.com') }),
    );
    await portal.auth.requestPasswordReset({ email: 'ada@example.com' });
    const code = await codeFor('ada@example.com');
    await portal.auth.resetPassword({ email: 'ada@example.com', code, password: 'difference engine' });
    assert.ok(await portal.auth.login({ email: 'ada@example.com', password: 'difference engine' }));
  });

  test('a session ended on the server is reported once to listeners', async () => {
    const portal = createPortalClient({ baseUrl, mode: 'token' });
    const seen: Array<string | null> = [];
    portal.auth.onSessionChange((s) => seen.push(s?.user.email ?? null));
    await portal.auth.login({ email: 'ada@example.com', password: 'difference engine' });
    portico.app.portico.sqlite.prepare('UPDATE sessions SET revoked_at = ?').run(new Date().toISOString());
    assert.equal(await portal.auth.session(), null);
    assert.equal(await portal.auth.session(), null);
    assert.equal(portal.token, undefined);
    assert.deepEqual(seen, ['ada@example.com', null]);
  });

  test('errors become PortalApiError with code, field errors and requestId', async () => {
    const portal = createPortalClient({ baseUrl, mode: 'token' });
    const wrong = await portal.auth
      .login({ email: 'ada@example.com', password: 'not it at all' })
      .catch((e) => e);
    assert.ok(isPortalApiError(wrong, 'INVALID_CREDENTIALS'));
    assert.equal(wrong.status, 401);
    assert.match(wrong.requestId!, /^req_/);
    const invalid = await portal.auth
      .register({ name: '', email: 'nope', password: 'short' })
      .catch((e) => e);
    assert.ok(invalid instanceof PortalApiError);
    assert.equal(invalid.code, 'VALIDATION_FAILED');
    assert.deepEqual(Object.keys(invalid.fieldErrors).sort(), ['email', 'name', 'password']);
    assert.equal(invalid.fieldErrors.email, 'Enter a valid email address');
  });

  test('a 429 carries retryAfter', async () => {
    const portal = createPortalClient({ baseUrl, mode: 'token' });
    let error: unknown;
    for (let i = 0; i < 8 && !error; i++) {
      error = await portal.auth.requestLoginCode({ email: 'flood@example.com' }).then(
        () => undefined,
        (e) => e,
      );
    }
    assert.ok(isPortalApiError(error, 'RATE_LIMITED'));
    assert.ok(error.retryAfter! > 0);
  });
});

describe('transport failures are told apart', () => {
  test('nobody listening: PortalNetworkError', async () => {
    const portal = createPortalClient({ baseUrl: 'http://127.0.0.1:1', retries: 0 });
    await assert.rejects(portal.auth.login({ email: 'a@b.co', password: 'whatever1' }), PortalNetworkError);
  });

  test('no answer in time: PortalTimeoutError', async () => {
    const hanging = createServer(() => {});
    const baseUrl = await listen(hanging);
    try {
      const portal = createPortalClient({ baseUrl, timeout: 200, retries: 0 });
      await assert.rejects(portal.auth.session(), PortalTimeoutError);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  test('a GET is retried on 503, a POST never is', async () => {
    const hits: string[] = [];
    const flaky = createServer((req, res) => {
      hits.push(req.method!);
      res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '0' });
      res.end(
        JSON.stringify({ type: 'about:blank', title: 'Unavailable', status: 503, code: 'UNAVAILABLE' }),
      );
    });
    const baseUrl = await listen(flaky);
    try {
      const portal = createPortalClient({ baseUrl, retries: 2 });
      await assert.rejects(
        portal.auth.session(),
        (e: PortalApiError) => e.status === 503 && e.code === 'UNAVAILABLE',
      );
      assert.equal(hits.filter((m) => m === 'GET').length, 3);
      await assert.rejects(portal.auth.login({ email: 'a@b.co', password: 'whatever1' }), PortalApiError);
      assert.equal(hits.filter((m) => m === 'POST').length, 1);
    } finally {
      flaky.close();
    }
  });

  test('a POST refused with SERVER_BUSY is retried once after Retry-After (nothing ran on the server)', async () => {
    let hits = 0;
    const busy = createServer((_req, res) => {
      hits++;
      if (hits === 1) {
        res.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': '0' });
        res.end(
          JSON.stringify({
            type: 'about:blank',
            title: 'Too many requests',
            status: 429,
            code: 'SERVER_BUSY',
          }),
        );
        return;
      }
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'code_sent', email: 'a@b.co', expiresInSeconds: 600 }));
    });
    const baseUrl = await listen(busy);
    try {
      const portal = createPortalClient({ baseUrl });
      const sent = await portal.auth.requestLoginCode({ email: 'a@b.co' });
      assert.equal(sent.status, 'code_sent');
      assert.equal(hits, 2);
    } finally {
      busy.close();
    }
  });

  test('an answer that breaks the contract: PortalContractError', async () => {
    const liar = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ user: 'not an object' }));
    });
    const baseUrl = await listen(liar);
    try {
      const portal = createPortalClient({ baseUrl });
      await assert.rejects(portal.auth.session(), PortalContractError);
    } finally {
      liar.close();
    }
  });

  test('a non-problem error body still becomes a PortalApiError', async () => {
    const html = createServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<h1>Bad gateway</h1>');
    });
    const baseUrl = await listen(html);
    try {
      const portal = createPortalClient({ baseUrl, retries: 0 });
      await assert.rejects(
        portal.auth.logout(),
        (e: PortalApiError) => e.status === 502 && e.code === 'HTTP_502',
      );
    } finally {
      html.close();
    }
  });
});
