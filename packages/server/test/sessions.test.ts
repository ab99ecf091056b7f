import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { signedInAs, signUp, startServer } from './helpers.js';

const MIN = 60_000;
const DAY = 86_400_000;

describe('session lifetimes', () => {
  test('a session ends after the idle time without requests, and activity extends it', async () => {
    const s = await startServer({ sessionIdleMs: 60 * MIN, sessionAbsoluteMs: 30 * DAY });
    try {
      const token = await signUp(s, 'idle@example.com');
      const auth = { authorization: `Bearer ${token}` };
      s.clock.advance(59 * MIN);
      assert.equal(await signedInAs(s, auth), 'idle@example.com');
      s.clock.advance(59 * MIN);
      assert.equal(await signedInAs(s, auth), 'idle@example.com', 'activity moved the idle end');
      s.clock.advance(61 * MIN);
      assert.equal(await signedInAs(s, auth), null);
    } finally {
      await s.close();
    }
  });

  test('a session ends at its absolute lifetime however active it is', async () => {
    const s = await startServer({ sessionIdleMs: 2 * DAY, sessionAbsoluteMs: 3 * DAY });
    try {
      const token = await signUp(s, 'abs@example.com');
      const auth = { authorization: `Bearer ${token}` };
      for (let i = 0; i < 2; i++) {
        s.clock.advance(DAY);
        assert.equal(await signedInAs(s, auth), 'abs@example.com');
      }
      s.clock.advance(DAY);
      assert.equal(await signedInAs(s, auth), null, 'signed out at the absolute end');
    } finally {
      await s.close();
    }
  });

  test('a disabled user or account loses its sessions at once', async () => {
    const s = await startServer();
    try {
      const token = await signUp(s, 'gone@example.com');
      const auth = { authorization: `Bearer ${token}` };
      s.app.portico.sqlite.prepare("UPDATE accounts SET status = 'disabled'").run();
      assert.equal(await signedInAs(s, auth), null);
      const login = await s.request('POST', '/api/v1/auth/login', {
        body: { email: 'gone@example.com', password: 'correct horse battery staple' },
      });
      assert.equal(login.status, 403);
      assert.equal(login.body.code, 'ACCOUNT_DISABLED');
    } finally {
      await s.close();
    }
  });
});
