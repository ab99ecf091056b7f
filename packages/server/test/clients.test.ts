import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type StaffLogin, signedInAs, staffSession, startServer, type TestServer } from './helpers.js';
import { planOf, selectsDuring } from './query-plans.js';

const CLIENTS = '/api/admin/v1/clients';

/** Signs a client in with an emailed code; returns the bearer headers of the new session. */
async function signInWithCode(s: TestServer, email: string) {
  const sent = await s.request('POST', '/api/v1/auth/login-code/request', { body: { email } });
  assert.equal(sent.status, 202);
  const code = await s.codeFor(email);
  const r = await s.request('POST', '/api/v1/auth/login-code', {
    body: { email, code },
    headers: { 'x-portico-session': 'token' },
  });
  return r;
}

async function auditActions(s: TestServer, accountId: string): Promise<string[]> {
  const rows = await s.app.portico.db
    .selectFrom('audit_log')
    .select('action')
    .where('account_id', '=', accountId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('clients', () => {
  let s: TestServer;
  let admin: StaffLogin;
  before(async () => {
    s = await startServer();
    admin = await staffSession(s, 'admin');
  });
  after(() => s.close());

  const create = (body: unknown, headers = admin.headers) => s.request('POST', CLIENTS, { body, headers });

  test('a client who registered themselves is found by name and email (regression: empty search text)', async () => {
    const reg = await s.request('POST', '/api/v1/auth/register', {
      body: { name: 'Selma Selfserve', email: 'selma@self.test', password: 'a long enough passphrase' },
    });
    assert.equal(reg.status, 202);
    for (const q of ['selma', 'self.test']) {
      const r = await s.request('GET', `${CLIENTS}?q=${q}`, { headers: admin.headers });
      assert.equal(r.status, 200);
      assert.deepEqual(
        r.body.items.map((c: { name: string }) => c.name),
        ['Selma Selfserve'],
        q,
      );
    }
  });

  test('a created client is active at once: its owner signs in with an emailed code, no verification', async () => {
    const r = await create({
      name: 'Acme Hosting',
      email: ' Owner@Acme.test ',
      ownerName: 'Olive Owner',
      company: 'Acme SARL',
      phone: '+33 1 23 45 67 89',
      address: { line1: '1 rue de la Paix', city: 'Paris', country: 'fr' },
      currency: 'eur',
      notes: 'Moved from the old panel',
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.status, 'active');
    assert.equal(r.body.email, 'owner@acme.test');
    assert.equal(r.body.currency, 'EUR');
    assert.equal(r.body.address.country, 'FR');
    assert.equal(r.body.userCount, 1);
    assert.equal(r.body.users.length, 1);
    assert.deepEqual(
      {
        name: r.body.users[0].name,
        role: r.body.users[0].role,
        status: r.body.users[0].status,
        disabled: r.body.users[0].disabled,
      },
      { name: 'Olive Owner', role: 'owner', status: 'not_invited', disabled: false },
    );
    assert.equal((await s.mailsTo('owner@acme.test')).length, 0, 'no verification mail, no invitation asked');

    const login = await signInWithCode(s, 'owner@acme.test');
    assert.equal(login.status, 200, login.text);
    assert.equal(login.body.account.id, r.body.id);
    assert.ok(login.body.user.emailVerifiedAt, 'staff vouched for the address');

    const [entry] = await s.app.portico.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'client.created')
      .where('account_id', '=', r.body.id)
      .execute();
    assert.equal(entry?.actor_type, 'staff');
    assert.equal(entry?.actor_id, admin.id);
    assert.equal(entry?.actor_label, admin.email);
  });

  test('sendInvitation mails the owner an invitation', async () => {
    const r = await create({ name: 'Invited Co', email: 'invited@client.test', sendInvitation: true });
    assert.equal(r.status, 201);
    assert.equal(r.body.users[0].status, 'invited');
    const [mail] = await s.mailsTo('invited@client.test');
    assert.match(mail!.subject, /invited to the .* client portal/);
    assert.match(mail!.text, /\/invitation#token=pin_[A-Za-z0-9_-]{43}/);
  });

  test('a known email is 409 EMAIL_TAKEN beside the field, and nothing is written', async () => {
    const before = await s.app.portico.db.selectFrom('accounts').select('id').execute();
    const r = await create({ name: 'Second Acme', email: 'owner@acme.test' });
    assert.equal(r.status, 409);
    assert.equal(r.body.code, 'EMAIL_TAKEN');
    assert.deepEqual(
      r.body.errors.map((e: { path: string }) => e.path),
      ['email'],
    );
    const afterRows = await s.app.portico.db.selectFrom('accounts').select('id').execute();
    assert.equal(afterRows.length, before.length);
  });

  test('with allowDuplicateAccounts a known email gets the new account added to the same login', async () => {
    await s.app.portico.settings.set('allowDuplicateAccounts', true);
    try {
      const first = await create({ name: 'Multi One', email: 'multi@client.test' });
      const second = await create({ name: 'Multi Two', email: 'multi@client.test' });
      assert.equal(second.status, 201, second.text);
      assert.equal(second.body.users[0].userId, first.body.users[0].userId);
      const login = await signInWithCode(s, 'multi@client.test');
      assert.deepEqual(
        login.body.accounts.map((a: { name: string }) => a.name),
        ['Multi One', 'Multi Two'],
      );
    } finally {
      await s.app.portico.settings.set('allowDuplicateAccounts', false);
    }
  });

  test('validation errors are 400 with field paths, and a bad request changes nothing', async () => {
    const countBefore = (await s.app.portico.db.selectFrom('accounts').select('id').execute()).length;
    const bad = await create({
      name: '  ',
      email: 'not-an-email',
      currency: 'euro',
      address: { country: 'France' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'VALIDATION_FAILED');
    assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), [
      'address.country',
      'currency',
      'email',
      'name',
    ]);
    assert.equal((await s.app.portico.db.selectFrom('accounts').select('id').execute()).length, countBefore);

    const made = await create({ name: 'Stable Ltd', email: 'stable@client.test', company: 'Stable' });
    const patch = await s.request('PATCH', `${CLIENTS}/${made.body.id}`, {
      body: { name: 'Renamed Ltd', currency: 'dollars', notes: 'x'.repeat(5001) },
      headers: admin.headers,
    });
    assert.equal(patch.status, 400);
    assert.deepEqual(patch.body.errors.map((e: { path: string }) => e.path).sort(), ['currency', 'notes']);
    const now = await s.request('GET', `${CLIENTS}/${made.body.id}`, { headers: admin.headers });
    assert.equal(now.body.name, 'Stable Ltd', 'the valid field of a refused request was not applied');
    assert.equal(now.body.updatedAt, made.body.updatedAt);
  });

  test('update edits details, clears emptied ones, keeps search in step, and is audited', async () => {
    const made = await create({ name: 'Old Name Ltd', email: 'rename@client.test', company: 'Oldco' });
    s.clock.advance(1000);
    const r = await s.request('PATCH', `${CLIENTS}/${made.body.id}`, {
      body: { name: 'Brand New Ltd', company: '', address: { city: 'Lyon' } },
      headers: admin.headers,
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.name, 'Brand New Ltd');
    assert.equal(r.body.company, null);
    assert.deepEqual(r.body.address, { city: 'Lyon' });
    assert.notEqual(r.body.updatedAt, made.body.updatedAt);
    const find = async (q: string) =>
      (
        await s.request('GET', `${CLIENTS}?q=${encodeURIComponent(q)}`, { headers: admin.headers })
      ).body.items.map((c: { id: string }) => c.id);
    assert.deepEqual(await find('brand new'), [made.body.id]);
    assert.deepEqual(await find('oldco'), []);
    assert.deepEqual(await find('old name'), []);
    assert.deepEqual(await auditActions(s, made.body.id), ['client.created', 'client.updated']);
  });

  test('unknown ids are 404 CLIENT_NOT_FOUND', async () => {
    for (const [method, path, body] of [
      ['GET', `${CLIENTS}/acct_nope`, undefined],
      ['PATCH', `${CLIENTS}/acct_nope`, { name: 'X' }],
      ['POST', `${CLIENTS}/acct_nope/disable`, undefined],
      ['POST', `${CLIENTS}/acct_nope/enable`, undefined],
    ] as const) {
      const r = await s.request(method, path, { body, headers: admin.headers });
      assert.equal(r.status, 404, `${method} ${path}`);
      assert.equal(r.body.code, 'CLIENT_NOT_FOUND');
    }
  });

  test('staff roles and client sessions: billing may not disable, a client session is no staff', async () => {
    const made = await create({ name: 'Roles Ltd', email: 'roles@client.test' });
    const billing = await staffSession(s, 'billing');
    const r = await s.request('POST', `${CLIENTS}/${made.body.id}/disable`, { headers: billing.headers });
    assert.equal(r.status, 403);
    assert.equal(r.body.code, 'ROLE_NOT_ALLOWED');
    const login = await signInWithCode(s, 'roles@client.test');
    const asClient = await s.request('GET', CLIENTS, {
      headers: { authorization: `Bearer ${login.body.token}` },
    });
    assert.equal(asClient.status, 401);
  });

  test('disable ends a live client session at once and refuses sign-in; enable restores sign-in', async () => {
    const made = await create({ name: 'Killswitch Ltd', email: 'kill@client.test' });
    const login = await signInWithCode(s, 'kill@client.test');
    const auth = { authorization: `Bearer ${login.body.token}` };
    assert.equal(await signedInAs(s, auth), 'kill@client.test');

    const disabled = await s.request('POST', `${CLIENTS}/${made.body.id}/disable`, {
      headers: admin.headers,
    });
    assert.equal(disabled.status, 200, disabled.text);
    assert.equal(disabled.body.status, 'disabled');
    assert.equal(disabled.body.users[0].disabled, true);
    assert.equal(await signedInAs(s, auth), null, 'the session ended with the answer');
    const revoked = await s.app.portico.db
      .selectFrom('sessions')
      .select('revoked_at')
      .where('account_id', '=', made.body.id)
      .execute();
    assert.ok(revoked.length > 0 && revoked.every((r) => r.revoked_at !== null));

    const refused = await signInWithCode(s, 'kill@client.test');
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'ACCOUNT_DISABLED');

    const enabled = await s.request('POST', `${CLIENTS}/${made.body.id}/enable`, { headers: admin.headers });
    assert.equal(enabled.body.status, 'active');
    assert.equal(await signedInAs(s, auth), null, 'the old session stays ended after enabling');
    const again = await signInWithCode(s, 'kill@client.test');
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(await auditActions(s, made.body.id), [
      'client.created',
      'auth.signed_in',
      'client.disabled',
      'client.enabled',
      'auth.signed_in',
    ]);
  });
});

describe('client list', () => {
  let s: TestServer;
  let admin: StaffLogin;
  const ids: Record<string, string> = {};
  before(async () => {
    s = await startServer();
    admin = await staffSession(s, 'support');
    const rows = [
      ['Alpha Web', 'alpha@one.test', 'Alpha Holdings'],
      ['Beta Cloud', 'beta@two.test', null],
      ['100% Uptime', 'uptime@three.test', null],
      ['Gamma_Net', 'gamma@four.test', 'Gamma Group'],
      ['Delta Hosting', 'delta@five.test', null],
    ] as const;
    for (const [name, email, company] of rows) {
      const r = await s.request('POST', CLIENTS, {
        body: { name, email, ...(company ? { company } : {}) },
        headers: admin.headers,
      });
      assert.equal(r.status, 201, r.text);
      ids[name] = r.body.id;
      s.clock.advance(60_000);
    }
    // Two clients made in the same millisecond still page in a stable order.
    for (const name of ['Same Time A', 'Same Time B']) {
      const r = await s.request('POST', CLIENTS, {
        body: { name, email: `${name.at(-1)!.toLowerCase()}@same.test` },
        headers: admin.headers,
      });
      ids[name] = r.body.id;
    }
    await s.request('POST', `${CLIENTS}/${ids['Beta Cloud']}/disable`, { headers: admin.headers });
  });
  after(() => s.close());

  const list = async (query: string) => {
    const r = await s.request('GET', `${CLIENTS}${query}`, { headers: admin.headers });
    assert.equal(r.status, 200, r.text);
    return r.body as {
      items: Array<{ id: string; name: string; userCount: number }>;
      nextCursor: string | null;
    };
  };

  test('pages newest first across pages, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const body = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(body.items.length <= 3);
      seen.push(...body.items.map((c) => c.name));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen.slice(2), ['Delta Hosting', 'Gamma_Net', '100% Uptime', 'Beta Cloud', 'Alpha Web']);
    assert.deepEqual(seen.slice(0, 2).sort(), ['Same Time A', 'Same Time B']);
    assert.equal(new Set(seen).size, 7);
    const one = await list('?limit=1');
    assert.equal(one.items[0]!.userCount, 1);
  });

  test('q matches name, company and email; % and _ are literal; status filters', async () => {
    const names = async (query: string) => (await list(query)).items.map((c) => c.name);
    assert.deepEqual(await names('?q=ALPHA%20hold'), ['Alpha Web']);
    assert.deepEqual(await names('?q=four.test'), ['Gamma_Net']);
    assert.deepEqual(await names(`?q=${encodeURIComponent('%')}`), ['100% Uptime']);
    assert.deepEqual(await names('?q=_'), ['Gamma_Net']);
    assert.deepEqual(await names('?q=a_w'), [], '_ is not a wildcard (it would match "alpha web")');
    assert.deepEqual(await names('?status=disabled'), ['Beta Cloud']);
    assert.equal((await names('?status=active&q=test')).length, 6);
  });

  test('a tampered cursor is a 400, never a 500', async () => {
    for (const cursor of ['nonsense', Buffer.from('{"x":"1"}').toString('base64url')]) {
      const r = await s.request('GET', `${CLIENTS}?cursor=${cursor}`, { headers: admin.headers });
      assert.equal(r.status, 400);
      assert.equal(r.body.errors[0].path, 'cursor');
    }
  });
});

describe('client list queries', () => {
  test('use their indexes and no temporary B-tree', async () => {
    const s = await startServer();
    try {
      const { clients } = s.app.portico;
      const cursor = Buffer.from(JSON.stringify({ c: '2026-03-02T09:00:00.000Z', i: 'acct_x' })).toString(
        'base64url',
      );
      const seen = await selectsDuring(s, async () => {
        await clients.list({ limit: 10 });
        await clients.list({ limit: 10, status: 'active', q: 'x', cursor });
        await clients.portalUsers({ limit: 10 });
        await clients.portalUsers({ limit: 10, status: 'invited', q: 'x', cursor });
      });
      const lists = seen.filter((sql) => /order by/i.test(sql));
      assert.ok(lists.length >= 4, `${lists.length} list queries seen`);
      for (const sql of lists) {
        const plan = planOf(s, sql);
        assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
        assert.match(plan, /USING INDEX (accounts_recent|accounts_status_recent|memberships_recent)/, plan);
      }
    } finally {
      await s.close();
    }
  });
});
