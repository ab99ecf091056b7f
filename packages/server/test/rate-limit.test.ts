import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HashGate } from '../src/http/rate-limit.js';
import { signUp, startServer } from './helpers.js';

describe('rate limits and growing delays', () => {
  test('code requests are limited per email, with Retry-After, and the window resets', async () => {
    const s = await startServer();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        statuses.push(
          (await s.request('POST', '/api/v1/auth/login-code/request', { body: { email: 'x@example.com' } }))
            .status,
        );
      }
      assert.deepEqual(statuses, [202, 202, 202, 202, 202, 429, 429]);
      const limited = await s.request('POST', '/api/v1/auth/login-code/request', {
        body: { email: 'x@example.com' },
      });
      assert.equal(limited.body.code, 'RATE_LIMITED');
      const wait = Number(limited.headers.get('retry-after'));
      assert.ok(wait > 0 && wait <= 900);
      assert.equal(limited.body.retryAfter, wait);
      s.clock.advance(wait * 1000);
      assert.equal(
        (await s.request('POST', '/api/v1/auth/login-code/request', { body: { email: 'x@example.com' } }))
          .status,
        202,
      );
    } finally {
      await s.close();
    }
  });

  test('limits per IP apply across emails', async () => {
    const s = await startServer();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 22; i++) {
        statuses.push(
          (
            await s.request('POST', '/api/v1/auth/password-reset/request', {
              body: { email: `u${i}@example.com` },
            })
          ).status,
        );
      }
      assert.equal(statuses.filter((x) => x === 202).length, 20);
      assert.deepEqual(statuses.slice(20), [429, 429]);
    } finally {
      await s.close();
    }
  });

  test('failed logins grow the delay after five, and success clears it', async () => {
    const s = await startServer();
    try {
      await signUp(s, 'ada@example.com', 'the right password');
      const attempt = (password: string) =>
        s.request('POST', '/api/v1/auth/login', { body: { email: 'ada@example.com', password } });
      for (let i = 0; i < 5; i++) assert.equal((await attempt('wrong password')).status, 401);
      const locked = await attempt('the right password');
      assert.equal(locked.status, 429, 'even the right password waits during the delay');
      assert.equal(locked.body.code, 'TOO_MANY_ATTEMPTS');
      assert.equal(Number(locked.headers.get('retry-after')), 1);
      s.clock.advance(1000);
      assert.equal((await attempt('wrong password')).status, 401);
      const longer = await attempt('wrong password');
      assert.equal(Number(longer.headers.get('retry-after')), 2, 'the delay doubles');
      s.clock.advance(2000);
      assert.equal((await attempt('the right password')).status, 200);
      assert.equal((await attempt('wrong password')).status, 401, 'success reset the count');
    } finally {
      await s.close();
    }
  });

  test('rate-limit counters live in the database (shared by every process)', async () => {
    const s = await startServer();
    try {
      await s.request('POST', '/api/v1/auth/login-code/request', { body: { email: 'db@example.com' } });
      const rows = s.app.portico.sqlite.prepare('SELECT key, count FROM rate_limits').all() as {
        key: string;
        count: number;
      }[];
      assert.ok(rows.some((r) => r.key.startsWith('sendCode:ip:') && r.count === 1));
      assert.ok(rows.some((r) => r.key.startsWith('sendCode:email:')));
      assert.ok(
        !rows.some((r) => r.key.includes('db@example.com')),
        'emails are keyed by HMAC, not stored in the clear',
      );
    } finally {
      await s.close();
    }
  });
});

describe('the cap on concurrent password hashing', () => {
  test('work beyond the cap is refused at once with SERVER_BUSY, not queued', async () => {
    const gate = new HashGate(2);
    let release!: () => void;
    const blocker = new Promise<void>((r) => {
      release = r;
    });
    const a = gate.run(() => blocker);
    const b = gate.run(() => blocker);
    await assert.rejects(
      gate.run(async () => 'never'),
      (e: { status: number; code: string }) => e.status === 429 && e.code === 'SERVER_BUSY',
    );
    release();
    await Promise.all([a, b]);
    assert.equal(await gate.run(async () => 'ok'), 'ok', 'capacity returns once work finishes');
  });

  test('a login flood beyond the cap gets 429 SERVER_BUSY while others still succeed', async () => {
    const s = await startServer({ maxConcurrentHashes: 1, rateLimitScale: 1000 });
    try {
      await signUp(s, 'ada@example.com', 'the right password');
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          s.request('POST', '/api/v1/auth/login', {
            body: { email: 'ada@example.com', password: 'the right password' },
          }),
        ),
      );
      const statuses = results.map((r) => r.status);
      assert.ok(statuses.includes(200), `${statuses}`);
      assert.ok(statuses.includes(429), `${statuses}`);
      for (const r of results.filter((x) => x.status === 429)) assert.equal(r.body.code, 'SERVER_BUSY');
    } finally {
      await s.close();
    }
  });
});
