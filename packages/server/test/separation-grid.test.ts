import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PERMISSIONS, type RouteDescriptor } from '@portico/sdk/contract';
import { insertSession, whoIs } from './account-helpers.js';
import { signUp, stable, staffSession, startServer, type TestServer } from './helpers.js';
import { contractRoutes, type Mounted, mountedRoutes, routeKey, sendFake } from './route-walk.js';

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
    user = await whoIs(s, token);
    const { client, admin } = s.app.portico.routers;
    mounted = [
      ...mountedRoutes(client).map((r) => ({ ...r, side: 'client' as const })),
      ...mountedRoutes(admin).map((r) => ({ ...r, side: 'admin' as const })),
    ];
  });
  after(() => s.close());

  /** A fresh client session for the grid's user, minted straight in the database. */
  async function clientToken(): Promise<string> {
    return (await insertSession(s, user.userId, user.accountId)).token;
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

  test('every mounted route is in the contract, on the side its path says', () => {
    const known = new Map(contractRoutes.map((r) => [routeKey(r), r]));
    const unknown = mounted.filter((r) => !known.has(routeKey(r))).map(routeKey);
    assert.deepEqual(unknown, [], 'mounted without a contract entry');
    const misplaced = mounted
      .filter((r) => r.path.startsWith('/api/admin/') !== (r.side === 'admin'))
      .map((r) => `${routeKey(r)} on the ${r.side} router`);
    assert.deepEqual(misplaced, []);
    const twice = mounted.map(routeKey).filter((k, i, all) => all.indexOf(k) !== i);
    assert.deepEqual(twice, [], 'mounted twice');
  });

  test('every contract route is mounted', () => {
    const served = new Set(mounted.map(routeKey));
    const missing = contractRoutes
      .filter((r) => !served.has(routeKey(r)))
      .map((r) => `${r.id} (${routeKey(r)})`);
    assert.deepEqual(missing, [], 'in the contract but not mounted');
  });

  test('each mounted route answers each credential as its auth says', async (t) => {
    const byKey = new Map(contractRoutes.map((r) => [routeKey(r), r]));
    const routes = mounted.flatMap((m) => byKey.get(routeKey(m)) ?? []);
    assert.ok(routes.length > 40, `only ${routes.length} routes walked`);
    for (const route of routes) {
      await t.test(`${route.id}: ${route.auth} ${routeKey(route)}`, async () => {
        const none = await sendFake(s, route, await headersFor('none'));
        const wrong: string[] = [];
        for (const credential of CREDENTIALS) {
          const r = credential === 'none' ? none : await sendFake(s, route, await headersFor(credential));
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
