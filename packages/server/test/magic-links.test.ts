import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { MAGIC_LINK_TTL_MINUTES, resolveDestination } from '../src/modules/clients/links.js';
import {
  type StaffLogin,
  signedInAs,
  stable,
  staffSession,
  startServer,
  type TestServer,
} from './helpers.js';

const LINKS = '/api/admin/v1/portal-users/magic-links';
const PREVIEW = '/api/v1/auth/magic-link/preview';
const REDEEM = '/api/v1/auth/magic-link';
const TOKEN_MODE = { 'x-portico-session': 'token' };

const tokenOf = (url: string) => new URL(url).hash.replace(/^#token=/, '');

async function createClient(s: TestServer, staff: StaffLogin, name: string, email: string) {
  const r = await s.request('POST', '/api/admin/v1/clients', {
    body: { name, email },
    headers: staff.headers,
  });
  assert.equal(r.status, 201, r.text);
  return { id: r.body.id as string, userId: r.body.users[0].userId as string, email };
}

describe('magic links', () => {
  let s: TestServer;
  let admin: StaffLogin;
  let acme: { id: string; userId: string; email: string };
  let other: { id: string; userId: string; email: string };

  before(async () => {
    s = await startServer();
    await s.app.portico.settings.set('businessName', 'Northwind Hosting');
    admin = await staffSession(s, 'admin');
    acme = await createClient(s, admin, 'Acme', 'ada@acme.test');
    other = await createClient(s, admin, 'Other', 'olga@other.test');
  });
  after(() => s.close());

  const makeLink = async (body: Record<string, unknown>) => {
    const r = await s.request('POST', LINKS, { body, headers: admin.headers });
    assert.equal(r.status, 201, r.text);
    return r.body as { url: string; expiresAt: string };
  };
  const redeem = (token: string, headers: Record<string, string> = TOKEN_MODE) =>
    s.request('POST', REDEEM, { body: { token }, headers });

  test('a link signs in once, lands on its destination, and the preview does not spend it', async () => {
    const link = await makeLink({ userId: acme.userId, destination: '/invoices/inv_123/pay?from=mail' });
    assert.match(link.url, /^http:\/\/localhost:3000\/magic-link#token=pml_[A-Za-z0-9_-]{43}$/);
    assert.equal(
      link.expiresAt,
      new Date(s.clock.now().getTime() + MAGIC_LINK_TTL_MINUTES * 60_000).toISOString(),
    );
    const token = tokenOf(link.url);
    const stored = await s.app.portico.db.selectFrom('link_tokens').selectAll().execute();
    assert.equal(stored.length, 1);
    assert.equal(
      stored[0]!.token_hash,
      createHash('sha256').update(token).digest('hex'),
      'only a hash is stored',
    );
    assert.ok(!JSON.stringify(stored).includes(token.slice(4)));

    for (let i = 0; i < 2; i++) {
      const preview = await s.request('POST', PREVIEW, { body: { token } });
      assert.equal(preview.status, 200, preview.text);
      assert.deepEqual(preview.body, {
        email: 'a•••@acme.test',
        businessName: 'Northwind Hosting',
        expiresAt: link.expiresAt,
      });
    }

    const r = await redeem(token);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.user.email, 'ada@acme.test');
    assert.equal(r.body.account.id, acme.id);
    assert.equal(r.body.next, 'http://localhost:3000/invoices/inv_123/pay?from=mail');
    assert.equal(await signedInAs(s, { authorization: `Bearer ${r.body.token}` }), 'ada@acme.test');

    const again = await redeem(token);
    assert.equal(again.status, 400);
    assert.equal(again.body.code, 'LINK_INVALID');
    assert.equal((await s.request('POST', PREVIEW, { body: { token } })).body.code, 'LINK_INVALID');

    const audit = await s.app.portico.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type', 'actor_id'])
      .where('action', 'like', 'magic_link.%')
      .orderBy('at')
      .orderBy('id')
      .execute();
    assert.deepEqual(audit, [
      { action: 'magic_link.created', actor_type: 'staff', actor_id: admin.id },
      { action: 'magic_link.used', actor_type: 'user', actor_id: acme.userId },
    ]);
  });

  test('cookie mode: the redeem sets the httpOnly session cookie and shows no token', async () => {
    const token = tokenOf((await makeLink({ userId: acme.userId })).url);
    const r = await redeem(token, {});
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.token, undefined);
    assert.equal(r.body.next, null);
    assert.match(r.headers.get('set-cookie') ?? '', /^portico_session=ps_[^;]+;.*HttpOnly/);
  });

  test('two parallel redeems of one link: exactly one signs in', async () => {
    const token = tokenOf((await makeLink({ userId: acme.userId })).url);
    const results = await Promise.all([redeem(token), redeem(token), redeem(token)]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 400, 400]);
    const { id } = await s.app.portico.db
      .selectFrom('link_tokens')
      .select('id')
      .where('token_hash', '=', createHash('sha256').update(token).digest('hex'))
      .executeTakeFirstOrThrow();
    const uses = await s.app.portico.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'magic_link.used')
      .where('target_id', '=', id)
      .execute();
    assert.equal(uses.length, 1);

    // Over HTTP each handler runs to its end before the next request is read (the driver is synchronous), so race
    // the service calls themselves: their queries interleave, and both find the link live before either spends it.
    const raced = tokenOf((await makeLink({ userId: acme.userId })).url);
    const meta = { ip: '203.0.113.7', userAgent: 'race', presentedToken: undefined };
    const outcomes = await Promise.allSettled([
      s.app.portico.clients.links.redeemMagicLink(raced, meta),
      s.app.portico.clients.links.redeemMagicLink(raced, meta),
    ]);
    assert.deepEqual(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected']);
    const failed = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    assert.equal(failed.reason.code, 'LINK_INVALID');
  });

  test('after 10 minutes the link is refused, with the same answer as an unknown or used link', async () => {
    const token = tokenOf((await makeLink({ userId: acme.userId })).url);
    s.clock.advance(MAGIC_LINK_TTL_MINUTES * 60_000 - 1000);
    assert.equal((await s.request('POST', PREVIEW, { body: { token } })).status, 200);
    s.clock.advance(1000);
    const expired = await redeem(token);
    assert.equal(expired.status, 400);
    const unknown = await redeem(`pml_${'A'.repeat(43)}`);
    const body = ({ instance: _i, ...rest }: Record<string, unknown>) => stable(rest);
    assert.deepEqual(body(expired.body), body(unknown.body));
    assert.equal(expired.body.code, 'LINK_INVALID');
  });

  test('fetching the link (what a mail scanner does) does not spend it', async () => {
    const link = await makeLink({ userId: acme.userId });
    const token = tokenOf(link.url);
    await fetch(link.url.replace('http://localhost:3000', s.url));
    const get = await s.request('GET', `${REDEEM}?token=${token}`);
    assert.notEqual(get.status, 200, 'no GET route spends a link');
    const head = await fetch(`${s.url}${REDEEM}?token=${token}`, { method: 'HEAD' });
    assert.notEqual(head.status, 200);
    const r = await redeem(token);
    assert.equal(r.status, 200, 'the link still works');
  });

  test('destinations that leave the portal are refused, and no link is made', async () => {
    const count = async () =>
      (await s.app.portico.db.selectFrom('link_tokens').select('id').execute()).length;
    const before = await count();
    for (const destination of [
      '//evil.example',
      'https://evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '/\t/evil.example',
      'evil.example/path',
    ]) {
      const r = await s.request('POST', LINKS, {
        body: { userId: acme.userId, destination },
        headers: admin.headers,
      });
      assert.equal(r.status, 400, destination);
      assert.equal(r.body.errors[0].path, 'destination', destination);
    }
    assert.equal(await count(), before);
    // Below the contract, the server resolves the path against the portal URL and checks the origin itself.
    for (const destination of ['//evil.example', 'https://evil.example', '/\\evil.example', 'x']) {
      assert.equal(resolveDestination(destination, 'https://portal.example/app'), undefined, destination);
    }
    assert.equal(
      resolveDestination('/invoices', 'https://portal.example/app/'),
      'https://portal.example/app/invoices',
    );
  });

  test("next is on the business's own portal page when it has one", async () => {
    await s.app.portico.settings.set('portalUrl', 'https://www.acme-hosting.example/account');
    try {
      const link = await makeLink({ userId: acme.userId, destination: '/domains' });
      assert.match(link.url, /^http:\/\/localhost:3000\/magic-link#/, 'the link page stays on the server');
      const r = await redeem(tokenOf(link.url));
      assert.equal(r.body.next, 'https://www.acme-hosting.example/account/domains');
    } finally {
      await s.app.portico.settings.set('portalUrl', null);
    }
  });

  test('the link is bound to one of the user’s accounts: another client’s id is 404', async () => {
    const r = await s.request('POST', LINKS, {
      body: { userId: acme.userId, accountId: other.id },
      headers: admin.headers,
    });
    assert.equal(r.status, 404);
    assert.equal(r.body.code, 'PORTAL_USER_NOT_FOUND');
    const unknown = await s.request('POST', LINKS, { body: { userId: 'usr_nope' }, headers: admin.headers });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'PORTAL_USER_NOT_FOUND');
  });

  test('a disabled client is refused without spending the link; re-enabled, the link works', async () => {
    const token = tokenOf((await makeLink({ userId: other.userId })).url);
    await s.request('POST', `/api/admin/v1/clients/${other.id}/disable`, { headers: admin.headers });
    const refused = await redeem(token);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'ACCOUNT_DISABLED');
    const making = await s.request('POST', LINKS, { body: { userId: other.userId }, headers: admin.headers });
    assert.equal(making.status, 403, 'no new links for a disabled client');
    await s.request('POST', `/api/admin/v1/clients/${other.id}/enable`, { headers: admin.headers });
    const r = await redeem(token);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.user.email, 'olga@other.test');
  });

  test('a disabled login is refused', async () => {
    const token = tokenOf((await makeLink({ userId: other.userId })).url);
    await s.app.portico.db
      .updateTable('users')
      .set({ disabled_at: s.clock.now().toISOString() })
      .where('id', '=', other.userId)
      .execute();
    const r = await redeem(token);
    assert.equal(r.status, 403);
    assert.equal(r.body.code, 'ACCOUNT_DISABLED');
  });
});

describe('magic link rate limits', () => {
  test('redeems and previews are limited per IP', async () => {
    const s = await startServer();
    try {
      const token = `pml_${'B'.repeat(43)}`;
      const redeems: number[] = [];
      for (let i = 0; i < 21; i++) {
        redeems.push((await s.request('POST', REDEEM, { body: { token } })).status);
      }
      assert.deepEqual(redeems, [...Array(20).fill(400), 429]);
      const previews: number[] = [];
      for (let i = 0; i < 31; i++) {
        previews.push((await s.request('POST', PREVIEW, { body: { token } })).status);
      }
      assert.deepEqual(previews, [...Array(30).fill(400), 429]);
      s.clock.advance(15 * 60_000);
      assert.equal((await s.request('POST', REDEEM, { body: { token } })).status, 400);
    } finally {
      await s.close();
    }
  });
});
