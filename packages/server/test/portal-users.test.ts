import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type StaffLogin, staffSession, startServer, type TestServer } from './helpers.js';

const USERS = '/api/admin/v1/portal-users';

describe('portal users dashboard', () => {
  let s: TestServer;
  let admin: StaffLogin;
  const client: Record<'a' | 'b' | 'c' | 'd', { id: string; userId: string; email: string }> = {} as never;

  before(async () => {
    s = await startServer();
    admin = await staffSession(s, 'admin');
    for (const key of ['a', 'b', 'c', 'd'] as const) {
      const email = `owner-${key}@client.test`;
      const r = await s.request('POST', '/api/admin/v1/clients', {
        body: { name: `Client ${key.toUpperCase()}`, email },
        headers: admin.headers,
      });
      assert.equal(r.status, 201, r.text);
      client[key] = { id: r.body.id, userId: r.body.users[0].userId, email };
      s.clock.advance(1000);
    }
  });
  after(() => s.close());

  const dashboard = async (query = '') => {
    const r = await s.request('GET', `${USERS}${query}`, { headers: admin.headers });
    assert.equal(r.status, 200, r.text);
    return r.body;
  };
  const invite = async (targets: unknown[]) => {
    const r = await s.request('POST', `${USERS}/invitations`, { body: { targets }, headers: admin.headers });
    assert.equal(r.status, 200, r.text);
    return r.body.results as Array<{ email: string; userId: string | null; ok: boolean; code?: string }>;
  };

  test('counts move from not invited to invited to joined', async () => {
    const start = await dashboard();
    assert.equal(start.portalUrl, 'http://localhost:3000');
    assert.deepEqual(start.counts, { total: 4, notInvited: 4, invited: 0, joined: 0 });
    assert.deepEqual(
      start.items.map((u: { email: string }) => u.email),
      ['owner-d@client.test', 'owner-c@client.test', 'owner-b@client.test', 'owner-a@client.test'],
    );

    const results = await invite([{ userId: client.a.userId }, { userId: client.b.userId }]);
    assert.ok(results.every((r) => r.ok));
    const invited = await dashboard();
    assert.deepEqual(invited.counts, { total: 4, notInvited: 2, invited: 2, joined: 0 });
    const a = invited.items.find((u: { userId: string }) => u.userId === client.a.userId);
    assert.equal(a.status, 'invited');
    assert.equal(a.invitedAt, s.clock.now().toISOString());

    // A signs in (with an emailed code): joined.
    await s.request('POST', '/api/v1/auth/login-code/request', { body: { email: client.a.email } });
    const code = await s.codeFor(client.a.email);
    const login = await s.request('POST', '/api/v1/auth/login-code', {
      body: { email: client.a.email, code },
    });
    assert.equal(login.status, 200, login.text);
    const joined = await dashboard();
    assert.deepEqual(joined.counts, { total: 4, notInvited: 2, invited: 1, joined: 1 });
    assert.deepEqual(
      (await dashboard('?status=joined')).items.map((u: { userId: string }) => u.userId),
      [client.a.userId],
    );
    assert.deepEqual(
      (await dashboard('?status=invited')).items.map((u: { userId: string }) => u.userId),
      [client.b.userId],
    );
    const notInvited = await dashboard('?status=not_invited');
    assert.deepEqual(notInvited.items.map((u: { email: string }) => u.email).sort(), [
      'owner-c@client.test',
      'owner-d@client.test',
    ]);
    assert.deepEqual(notInvited.counts, joined.counts, 'counts are over everyone, whatever the filter');
  });

  test('bulk invite of a selection: the bad targets fail alone, the good ones are sent', async () => {
    await s.request('POST', `/api/admin/v1/clients/${client.d.id}/disable`, { headers: admin.headers });
    const before = (await dashboard()).counts;
    const results = await invite([
      { userId: client.c.userId },
      { userId: 'usr_doesnotexist' },
      { accountId: client.a.id, email: 'Tech@Client-A.test', name: 'Tina Tech' },
      { accountId: 'acct_doesnotexist', email: 'ghost@client.test' },
      { userId: client.d.userId },
      { userId: client.b.userId, accountId: client.c.id },
    ]);
    assert.deepEqual(
      results.map((r) => [r.email, r.ok, r.code]),
      [
        ['owner-c@client.test', true, undefined],
        ['', false, 'PORTAL_USER_NOT_FOUND'],
        ['tech@client-a.test', true, undefined],
        ['ghost@client.test', false, 'CLIENT_NOT_FOUND'],
        ['owner-d@client.test', false, 'ACCOUNT_DISABLED'],
        ['owner-b@client.test', false, 'PORTAL_USER_NOT_FOUND'],
      ],
    );
    assert.equal((await s.mailsTo('owner-c@client.test')).length, 1);
    const [techMail] = await s.mailsTo('tech@client-a.test');
    assert.match(techMail!.text, /Hello Tina Tech/);
    assert.match(techMail!.text, /client portal for Client A/);
    assert.equal((await s.mailsTo('ghost@client.test')).length, 0);
    assert.equal(
      (await s.mailsTo('owner-d@client.test')).length,
      0,
      'nothing was sent for the disabled client',
    );
    assert.equal(
      await s.app.portico.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'ghost@client.test')
        .executeTakeFirst(),
      undefined,
    );

    const after = await dashboard();
    assert.deepEqual(after.counts, {
      total: before.total + 1,
      notInvited: before.notInvited - 1,
      invited: before.invited + 2,
      joined: before.joined,
    });
    const tech = after.items.find((u: { email: string }) => u.email === 'tech@client-a.test');
    assert.equal(tech.role, 'technical', 'Client A already has an owner');
    assert.equal(tech.accountId, client.a.id);
    const owner = after.items.find((u: { userId: string }) => u.userId === client.d.userId);
    assert.equal(owner.disabled, true);

    // The new person's email finds the client in the client list.
    const found = await s.request('GET', '/api/admin/v1/clients?q=client-a.test', { headers: admin.headers });
    assert.deepEqual(
      found.body.items.map((c: { id: string }) => c.id),
      [client.a.id],
    );
  });

  test('search, and cursor pagination across pages', async () => {
    const byTech = await dashboard('?q=tina');
    assert.deepEqual(
      byTech.items.map((u: { email: string }) => u.email),
      ['tech@client-a.test'],
    );
    const byAccount = await dashboard('?q=client%20a');
    assert.deepEqual(byAccount.items.map((u: { email: string }) => u.email).sort(), [
      'owner-a@client.test',
      'tech@client-a.test',
    ]);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const body = await dashboard(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...body.items.map((u: { email: string }) => u.email));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [
      'tech@client-a.test',
      'owner-d@client.test',
      'owner-c@client.test',
      'owner-b@client.test',
      'owner-a@client.test',
    ]);
  });

  test('login emails: a fresh magic link per person; one bad id fails alone', async () => {
    const r = await s.request('POST', `${USERS}/login-emails`, {
      body: { userIds: [client.b.userId, 'usr_doesnotexist', client.d.userId], destination: '/invoices' },
      headers: admin.headers,
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.body.results.map((x: { email: string; ok: boolean; code?: string }) => [x.email, x.ok, x.code]),
      [
        ['owner-b@client.test', true, undefined],
        ['', false, 'PORTAL_USER_NOT_FOUND'],
        ['owner-d@client.test', false, 'ACCOUNT_DISABLED'],
      ],
    );
    const mail = (await s.mailsTo('owner-b@client.test')).at(-1)!;
    assert.match(mail.subject, /^Sign in to /);
    assert.match(mail.text, /http:\/\/localhost:3000\/magic-link#token=pml_[A-Za-z0-9_-]{43}/);
    assert.match(mail.text, /expires in 10 minutes/);
    const bad = await s.request('POST', `${USERS}/login-emails`, {
      body: { userIds: [client.b.userId], destination: 'https://evil.example/' },
      headers: admin.headers,
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].path, 'destination');
  });

  test("portalUrl is the business's own portal page when set", async () => {
    await s.app.portico.settings.set('portalUrl', 'https://www.client.example/portal/');
    try {
      assert.equal((await dashboard()).portalUrl, 'https://www.client.example/portal');
    } finally {
      await s.app.portico.settings.set('portalUrl', null);
    }
  });

  test('any staff role may read the dashboard; only admin and support may invite', async () => {
    const billing = await staffSession(s, 'billing');
    assert.equal((await s.request('GET', USERS, { headers: billing.headers })).status, 200);
    const r = await s.request('POST', `${USERS}/invitations`, {
      body: { targets: [{ userId: client.c.userId }] },
      headers: billing.headers,
    });
    assert.equal(r.status, 403);
    assert.equal(r.body.code, 'ROLE_NOT_ALLOWED');
  });
});
