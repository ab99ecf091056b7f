import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ALL_STAFF_ROLES, allRoutes, type RouteDescriptor } from '@portico/sdk/contract';
import { staffSession, startServer, type TestServer } from './helpers.js';

const staffRoutes = Object.values(allRoutes)
  .flatMap((area) => Object.values(area) as RouteDescriptor[])
  .filter((route) => route.auth === 'staff');

/** The id prefix a path parameter takes, so the fake ids are well formed. */
const ID_PREFIXES: Record<string, string> = {
  staffId: 'stf',
  clientId: 'acct',
  accountId: 'acct',
  userId: 'usr',
};

describe('staff roles on every staff route', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  test('there are staff routes, and every one allows admin', () => {
    assert.ok(staffRoutes.length > 10, `only ${staffRoutes.length} staff routes found`);
    const withoutAdmin = staffRoutes.filter((r) => !r.roles?.includes('admin')).map((r) => r.id);
    assert.deepEqual(withoutAdmin, []);
  });

  test('a role not in route.roles gets 403 ROLE_NOT_ALLOWED, a role in it gets past the check', async (t) => {
    for (const route of staffRoutes) {
      await t.test(`${route.id}: ${route.method} ${route.path} (${route.roles?.join(', ')})`, async () => {
        const wrong: string[] = [];
        for (const role of ALL_STAFF_ROLES) {
          // A fresh member per request, so a route that signs out or changes its caller spoils nothing later.
          const { headers } = await staffSession(s, role);
          const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) =>
            s.app.portico.deps.ids(ID_PREFIXES[name] ?? name.replace(/Id$/, '').toLowerCase()),
          );
          const r = await s.request(route.method, path, {
            headers: { ...headers, origin: s.app.portico.config.publicOrigin },
            ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { body: {} } : {}),
          });
          const allowed = route.roles?.includes(role) ?? false;
          if (allowed && (r.status === 401 || r.status === 403))
            wrong.push(`${role}: ${r.status} ${r.body?.code}, but the route allows ${role}`);
          if (!allowed && (r.status !== 403 || r.body?.code !== 'ROLE_NOT_ALLOWED'))
            wrong.push(`${role}: ${r.status} ${r.body?.code ?? ''}, expected 403 ROLE_NOT_ALLOWED`);
        }
        assert.deepEqual(wrong, []);
      });
    }
  });
});
