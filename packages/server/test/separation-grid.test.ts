import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { allRoutes, PERMISSIONS, type RouteDescriptor } from '@portico/sdk/contract';
import type { Router } from 'express';
import { sha256 } from '../src/modules/auth/secrets.js';
import { signUp, stable, staffSession, startServer, type TestResponse, type TestServer } from './helpers.js';

/** A (method, path) some router answers. */
interface Mounted {
  method: string;
  path: string;
}

/** Every route a router mounts, nested routers included, read from Express 5's layer stack. */
function mountedRoutes(router: Router, prefix = ''): Mounted[] {
  const out: Mounted[] = [];
  for (const layer of router.stack as unknown as Array<Record<string, any>>) {
    if (layer.route) {
      const path = layer.route.path;
      assert.equal(typeof path, 'string', `a route mounted on a non-string path: ${String(path)}`);
      for (const method of Object.keys(layer.route.methods)) {
        if (method !== '_all') out.push({ method: method.toUpperCase(), path: prefix + path });
      }
    } else if (Array.isArray(layer.handle?.stack)) {
      const at = layer.slash ? '' : layer.rawPath;
      assert.equal(typeof at, 'string', 'a nested router mounted on a non-string path');
      out.push(...mountedRoutes(layer.handle as Router, prefix + at));
    }
  }
  return out;
}

const contract: RouteDescriptor[] = Object.values(allRoutes).flatMap(
  (area) => Object.values(area) as RouteDescriptor[],
);
/** The id prefix a path parameter takes, so the fake ids are well formed. */
const ID_PREFIXES: Record<string, string> = {
  staffId: 'stf',
  clientId: 'acct',
  accountId: 'acct',
  userId: 'usr',
  membershipId: 'mem',
};
const key = (r: Mounted) => `${r.method} ${r.path}`;

type Credential =
  | 'none'
  | 'client cookie'
  | 'client bearer'
  | 'staff cookie'
  | 'API token'
  | 'client token in the staff cookie'
  | 'staff token as a client bearer'
  | 'staff token in the client cookie';

/** Which side each credential signs in to; the others must count for nothing anywhere. */
const OWNER: Record<Credential, 'client' | 'staff' | 'nobody'> = {
  none: 'nobody',
  'client cookie': 'client',
  'client bearer': 'client',
  'staff cookie': 'staff',
  // A real token with every scope, made by the grid's client: it signs in to the client side, but only ever
  // passes permission routes (see `expectation`).
  'API token': 'client',
  'client token in the staff cookie': 'nobody',
  'staff token as a client bearer': 'nobody',
  'staff token in the client cookie': 'nobody',
};
const CREDENTIALS = Object.keys(OWNER) as Credential[];

/** What each kind of route must answer to each credential. */
type Expectation = 'accepted' | 'unauthenticated' | 'as none' | 'not 401' | 'token not allowed';

function expectation(route: RouteDescriptor, credential: Credential): Expectation {
  const { auth, access } = route;
  if (auth === 'public') return 'not 401';
  const side = auth === 'client' || auth === 'optional' ? 'client' : 'staff';
  const required = auth === 'client' || auth === 'staff';
  if (OWNER[credential] === side) {
    // An API token passes permission routes only: `self`, `owner` and session-only `optional` routes refuse it.
    const permissionRoute = access !== undefined && access !== 'self' && access !== 'owner';
    if (credential === 'API token' && !permissionRoute) return 'token not allowed';
    return 'accepted';
  }
  if (credential === 'none') return required ? 'unauthenticated' : 'not 401';
  return required ? 'unauthenticated' : 'as none';
}

describe('client and staff credentials are kept apart on every route', () => {
  let s: TestServer;
  let user: { userId: string; accountId: string };
  let apiToken: string;
  let mounted: Array<Mounted & { side: 'client' | 'admin' }>;
  before(async () => {
    s = await startServer();
    const token = await signUp(s, 'grid@example.com');
    const made = await s.request('POST', '/api/v1/tokens', {
      body: { name: 'grid', scopes: [...PERMISSIONS] },
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(made.status, 201, made.text);
    apiToken = made.body.token;
    const row = await s.app.portico.db
      .selectFrom('sessions')
      .select(['user_id', 'account_id'])
      .where('token_hash', '=', sha256(token))
      .executeTakeFirstOrThrow();
    user = { userId: row.user_id, accountId: row.account_id };
    const { client, admin } = s.app.portico.routers;
    mounted = [
      ...mountedRoutes(client).map((r) => ({ ...r, side: 'client' as const })),
      ...mountedRoutes(admin).map((r) => ({ ...r, side: 'admin' as const })),
    ];
  });
  after(() => s.close());

  /** A fresh client session for the grid's user, minted straight in the database. */
  async function clientToken(): Promise<string> {
    const now = s.clock.now();
    const token = `ps_${randomBytes(32).toString('base64url')}`;
    await s.app.portico.db
      .insertInto('sessions')
      .values({
        id: s.app.portico.deps.ids('ses'),
        token_hash: sha256(token),
        user_id: user.userId,
        account_id: user.accountId,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        idle_expires_at: new Date(now.getTime() + 3_600_000).toISOString(),
        expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
        ip: null,
        user_agent: null,
        revoked_at: null,
      })
      .execute();
    return token;
  }

  async function headersFor(credential: Credential): Promise<Record<string, string>> {
    const origin = { origin: s.app.portico.config.publicOrigin };
    switch (credential) {
      case 'none':
        return origin;
      case 'client cookie':
        return { ...origin, cookie: `portico_session=${await clientToken()}` };
      case 'client bearer':
        return { ...origin, authorization: `Bearer ${await clientToken()}` };
      case 'staff cookie':
        return { ...origin, cookie: (await staffSession(s, 'admin')).headers.cookie! };
      case 'API token':
        return { ...origin, authorization: `Bearer ${apiToken}` };
      case 'client token in the staff cookie':
        return { ...origin, cookie: `portico_staff=${await clientToken()}` };
      case 'staff token as a client bearer':
        return { ...origin, authorization: `Bearer ${(await staffSession(s, 'admin')).token}` };
      case 'staff token in the client cookie':
        return { ...origin, cookie: `portico_session=${(await staffSession(s, 'admin')).token}` };
    }
  }

  function send(route: RouteDescriptor, headers: Record<string, string>): Promise<TestResponse> {
    const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) =>
      s.app.portico.deps.ids(ID_PREFIXES[name] ?? name.replace(/Id$/, '').toLowerCase()),
    );
    const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
    return s.request(route.method, path, { headers, ...(hasBody ? { body: {} } : {}) });
  }

  test('every mounted route is in the contract, on the side its path says', () => {
    const known = new Map(contract.map((r) => [key(r), r]));
    const unknown = mounted.filter((r) => !known.has(key(r))).map(key);
    assert.deepEqual(unknown, [], 'mounted without a contract entry');
    const misplaced = mounted
      .filter((r) => r.path.startsWith('/api/admin/') !== (r.side === 'admin'))
      .map((r) => `${key(r)} on the ${r.side} router`);
    assert.deepEqual(misplaced, []);
    const twice = mounted.map(key).filter((k, i, all) => all.indexOf(k) !== i);
    assert.deepEqual(twice, [], 'mounted twice');
  });

  test('every contract route is mounted', () => {
    const served = new Set(mounted.map(key));
    const missing = contract.filter((r) => !served.has(key(r))).map((r) => `${r.id} (${key(r)})`);
    assert.deepEqual(missing, [], 'in the contract but not mounted');
  });

  test('each mounted route answers each credential as its auth says', async (t) => {
    const byKey = new Map(contract.map((r) => [key(r), r]));
    const routes = mounted.flatMap((m) => byKey.get(key(m)) ?? []);
    assert.ok(routes.length > 40, `only ${routes.length} routes walked`);
    for (const route of routes) {
      await t.test(`${route.id}: ${route.auth} ${key(route)}`, async () => {
        const none = await send(route, await headersFor('none'));
        const wrong: string[] = [];
        for (const credential of CREDENTIALS) {
          const r = credential === 'none' ? none : await send(route, await headersFor(credential));
          const expected = expectation(route, credential);
          const what = `${credential}: ${r.status} ${r.body?.code ?? ''}`;
          if (expected === 'accepted' && (r.status === 401 || r.status === 403))
            wrong.push(`${what}, expected it accepted`);
          if (expected === 'unauthenticated' && (r.status !== 401 || r.body?.code !== 'UNAUTHENTICATED'))
            wrong.push(`${what}, expected 401 UNAUTHENTICATED`);
          if (expected === 'not 401' && r.status === 401) wrong.push(`${what}, expected anything but 401`);
          if (expected === 'token not allowed' && (r.status !== 403 || r.body?.code !== 'TOKEN_NOT_ALLOWED'))
            wrong.push(`${what}, expected 403 TOKEN_NOT_ALLOWED`);
          if (expected === 'as none') {
            const same =
              r.status === none.status &&
              JSON.stringify({ ...stable(r.body), instance: 0 }) ===
                JSON.stringify({ ...stable(none.body), instance: 0 });
            if (!same)
              wrong.push(`${what}, expected the answer to no credential (${none.status} ${none.text})`);
          }
        }
        assert.deepEqual(wrong, []);
      });
    }
  });

  test('a credential of the other side reads as signed out on the session routes', async () => {
    const staffOnClient = await s.request('GET', '/api/v1/auth/session', {
      headers: await headersFor('staff cookie'),
    });
    assert.equal(staffOnClient.status, 200);
    assert.equal(staffOnClient.body, null);
    for (const credential of ['client cookie', 'client bearer'] as const) {
      const clientOnStaff = await s.request('GET', '/api/admin/v1/auth/session', {
        headers: await headersFor(credential),
      });
      assert.equal(clientOnStaff.status, 200, credential);
      assert.equal(clientOnStaff.body, null, credential);
    }
  });
});
