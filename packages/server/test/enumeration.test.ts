import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CODE_REQUEST_FLOOR_MS } from '../src/modules/auth/service.js';
import { signUp, stable, startServer, type TestServer } from './helpers.js';

describe('responses never reveal whether an email is registered', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
    await signUp(s, 'known@example.com', 'the real password 1');
  });
  after(() => s.close());

  const pair = async (path: string, body: (email: string) => Record<string, unknown>) => {
    const known = await s.request('POST', path, { body: body('known@example.com') });
    const unknown = await s.request('POST', path, { body: body('nobody@example.com') });
    return { known, unknown };
  };
  const same = (a: { status: number; body: unknown }, b: { status: number; body: unknown }, what: string) => {
    assert.equal(a.status, b.status, `${what}: status`);
    assert.deepEqual(
      JSON.parse(JSON.stringify(stable(a.body)).replaceAll('known@', 'X@')),
      JSON.parse(JSON.stringify(stable(b.body)).replaceAll('nobody@', 'X@')),
      `${what}: body`,
    );
  };

  test('register', async () => {
    const { known, unknown } = await pair('/api/v1/auth/register', (email) => ({
      name: 'N',
      email,
      password: 'some long password',
    }));
    assert.equal(known.status, 202);
    same(known, unknown, 'register');
    const mails = await s.mailsTo('known@example.com');
    assert.match(mails.at(-1)!.subject, /already have/, 'the owner is told by email instead');
  });

  test('password login', async () => {
    const { known, unknown } = await pair('/api/v1/auth/login', (email) => ({
      email,
      password: 'a wrong password',
    }));
    assert.equal(known.status, 401);
    same(known, unknown, 'login');
  });

  test('email code request and wrong codes', async () => {
    const req = await pair('/api/v1/auth/login-code/request', (email) => ({ email }));
    same(req.known, req.unknown, 'code request');
    for (let i = 0; i < 6; i++) {
      const tries = await pair('/api/v1/auth/login-code', (email) => ({ email, code: '999999' }));
      same(tries.known, tries.unknown, `wrong code #${i + 1}`);
    }
  });

  test('password reset request and codes', async () => {
    const req = await pair('/api/v1/auth/password-reset/request', (email) => ({ email }));
    same(req.known, req.unknown, 'reset request');
    const tries = await pair('/api/v1/auth/password-reset', (email) => ({
      email,
      code: '999999',
      password: 'new long password',
    }));
    same(tries.known, tries.unknown, 'reset with a wrong code');
  });

  test('repeated failed logins lock known and unknown emails alike', async () => {
    const statuses: Array<[number, number]> = [];
    for (let i = 0; i < 7; i++) {
      const { known, unknown } = await pair('/api/v1/auth/login', (email) => ({
        email,
        password: 'still wrong!',
      }));
      statuses.push([known.status, unknown.status]);
      same(known, unknown, `failure ${i + 1}`);
    }
    assert.ok(
      statuses.some(([k]) => k === 429),
      'growing delays start after five failures',
    );
  });
});

test('code requests answer no sooner than the floor, known email or not', async () => {
  const s = await startServer();
  try {
    await signUp(s, 'timed@example.com');
    for (const email of ['timed@example.com', 'stranger@example.com']) {
      for (const path of ['/api/v1/auth/login-code/request', '/api/v1/auth/password-reset/request']) {
        const started = performance.now();
        const r = await s.request('POST', path, { body: { email } });
        assert.equal(r.status, 202);
        assert.ok(
          performance.now() - started >= CODE_REQUEST_FLOOR_MS - 1,
          `${path} for ${email} answered early`,
        );
      }
    }
  } finally {
    await s.close();
  }
});
