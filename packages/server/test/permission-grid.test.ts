import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ACCOUNT_AREAS,
  CONTACT_ROLE_PERMISSIONS,
  grants,
  type MembershipRole,
  PERMISSIONS,
  type Permission,
  type RouteDescriptor,
} from '@portico/sdk/contract';
import { signUp, startServer, type TestServer } from './helpers.js';
import { insertMember, insertSession, whoIs } from './account-helpers.js';
import { mountedClientRoutes, sendFake } from './route-walk.js';

/** Someone calling the client API: a person's session on the account, or an API token of it. */
interface Principal {
  label: string;
  kind: 'session' | 'token';
  role: MembershipRole;
  permissions: readonly Permission[];
  /** Fresh headers for one request (a session principal gets a new session each time, so sign-outs spoil nothing). */
  headers(): Promise<Record<string, string>>;
}

type Outcome = 'allowed' | 'PERMISSION_DENIED' | 'OWNER_ONLY' | 'TOKEN_NOT_ALLOWED';

/** What the route's `access` says this principal gets: derived with `grants`, never listed by hand. */
function expected(route: RouteDescriptor, who: Principal): Outcome {
  const access = route.access;
  // An optional route with an access rule (the store) serves whoever fails the rule as a guest (see mount()).
  if (route.auth === 'optional' && access) return 'allowed';
  if (who.kind === 'token') {
    if (!access || access === 'self' || access === 'owner') return 'TOKEN_NOT_ALLOWED';
    return grants(who.permissions, access) ? 'allowed' : 'PERMISSION_DENIED';
  }
  if (!access || access === 'self') return 'allowed';
  if (access === 'owner') return who.role === 'owner' ? 'allowed' : 'OWNER_ONLY';
  return grants(who.permissions, access) ? 'allowed' : 'PERMISSION_DENIED';
}

/** The custom permission sets contacts are tried with: none, profile:read only, each area's read, each area's write. */
const CUSTOM_SETS: Array<{ label: string; permissions: Permission[] }> = [
  { label: 'none', permissions: [] },
  ...ACCOUNT_AREAS.map((area) => ({ label: `${area}:read`, permissions: [`${area}:read` as Permission] })),
  ...ACCOUNT_AREAS.map((area) => ({ label: `${area}:write`, permissions: [`${area}:write` as Permission] })),
];

describe('permissions on every client route, for every kind of principal', () => {
  let s: TestServer;
  let routes: RouteDescriptor[];
  const principals: Principal[] = [];

  before(async () => {
    s = await startServer();
    const { origin } = { origin: s.app.portico.config.publicOrigin };
    const ownerToken = await signUp(s, 'owner@grid.test');
    const owner = await whoIs(s, ownerToken);
    const session = (
      label: string,
      userId: string,
      role: MembershipRole,
      permissions: readonly Permission[],
    ) =>
      principals.push({
        label,
        kind: 'session',
        role,
        permissions,
        headers: async () => ({
          authorization: `Bearer ${(await insertSession(s, userId, owner.accountId)).token}`,
          origin,
        }),
      });
    session('owner session', owner.userId, 'owner', PERMISSIONS);
    const contacts = [
      { label: 'billing', role: 'billing' as const, permissions: CONTACT_ROLE_PERMISSIONS.billing },
      { label: 'technical', role: 'technical' as const, permissions: CONTACT_ROLE_PERMISSIONS.technical },
      ...CUSTOM_SETS.map((set) => ({ ...set, role: 'custom' as const })),
    ];
    for (const [i, contact] of contacts.entries()) {
      const userId = await insertMember(s, owner.accountId, {
        email: `contact-${i}@grid.test`,
        role: contact.role,
        permissions: contact.permissions,
      });
      session(`contact (${contact.label})`, userId, contact.role, contact.permissions);
    }
    for (const scope of PERMISSIONS) {
      const made = await s.request('POST', '/api/v1/tokens', {
        body: { name: scope, scopes: [scope] },
        headers: {
          authorization: `Bearer ${(await insertSession(s, owner.userId, owner.accountId)).token}`,
          origin,
        },
      });
      assert.equal(made.status, 201, made.text);
      const headers = { authorization: `Bearer ${made.body.token}`, origin };
      principals.push({
        label: `token (${scope})`,
        kind: 'token',
        role: 'owner',
        permissions: [scope],
        headers: async () => headers,
      });
    }
    routes = mountedClientRoutes(s).filter((r) => r.auth === 'client' || r.auth === 'optional');
  });
  after(() => s.close());

  test('the grid covers permission, owner and self routes and every kind of principal', () => {
    const kinds = new Set(routes.map((r) => (r.access?.includes(':') ? 'permission' : (r.access ?? 'none'))));
    assert.deepEqual([...kinds].sort(), ['none', 'owner', 'permission', 'self']);
    assert.equal(principals.length, 1 + 2 + CUSTOM_SETS.length + PERMISSIONS.length);
    const unguarded = routes.filter((r) => r.auth === 'client' && !r.access).map((r) => r.id);
    assert.deepEqual(unguarded, [], 'every client route declares its access');
  });

  test('each route answers each principal exactly as its access says', async (t) => {
    for (const route of routes) {
      await t.test(
        `${route.id}: ${route.access ?? '(session only)'} ${route.method} ${route.path}`,
        async () => {
          const wrong: string[] = [];
          for (const who of principals) {
            const r = await sendFake(s, route, await who.headers());
            const want = expected(route, who);
            const got = `${r.status} ${r.body?.code ?? ''}`;
            if (want === 'allowed' && (r.status === 401 || r.status === 403))
              wrong.push(`${who.label}: ${got}, expected it allowed`);
            if (want !== 'allowed' && (r.status !== 403 || r.body?.code !== want))
              wrong.push(`${who.label}: ${got}, expected 403 ${want}`);
          }
          assert.deepEqual(wrong, []);
        },
      );
    }
  });
});
