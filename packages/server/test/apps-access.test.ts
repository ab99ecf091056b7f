import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AppId, RouteDescriptor } from '@portico/sdk/contract';
import { addContact, bearer } from './account-helpers.js';
import { type Client, newClient, ok, pay, placeOrder, seedCatalog } from './billing-helpers.js';
import { API, APPS_ADMIN, buildCourse, setApp, type TestCourse } from './courses-helpers.js';
import { type StaffLogin, staffSession, startServer, type TestServer } from './helpers.js';
import { contractRoutes, fakePath, mountedClientRoutes, routeKey } from './route-walk.js';

const APPS: AppId[] = ['affiliates', 'courses', 'communities'];
/** A list route of each app that answers the owner 200 while the app is open to them. */
const PROBES: Record<AppId, string> = {
  affiliates: '/api/v1/affiliate',
  courses: '/api/v1/courses',
  communities: '/api/v1/communities/groups',
};
const JUNK_BODY = { title: 7, body: ['x'], amount: 'lots', code: '<script>', note: 'x'.repeat(5000) };

describe('an app is closed to whoever may not use it', () => {
  let s: TestServer;
  let admin: StaffLogin;
  let owner: Client;
  let course: TestCourse;
  before(async () => {
    s = await startServer();
    admin = await staffSession(s, 'admin', 'admin@apps.test');
    await setApp(s, admin.headers, 'courses', { enabled: true, access: 'everyone' });
    course = await buildCourse(s, admin.headers);
    owner = await newClient(s, 'owner@apps.test');
  });
  after(() => s.close());

  /** The app's contract routes (by tag), each as the server mounts it. */
  const routesOf = (app: AppId): RouteDescriptor[] => {
    const mounted = new Set(mountedClientRoutes(s).map(routeKey));
    const routes = contractRoutes.filter((r) => r.tags?.includes(`apps: ${app}`));
    assert.ok(routes.length > 0, app);
    for (const r of routes) assert.ok(mounted.has(routeKey(r)), `${r.id} is not mounted`);
    return routes;
  };

  /** The route's path, with the real course's ids where it names them and well-formed unknown ids elsewhere. */
  const pathOf = (route: RouteDescriptor) =>
    route.path.startsWith('/api/v1/courses/')
      ? route.path
          .replace(':courseId', course.id)
          .replace(':lessonId', course.lessons.intro)
          .replace(':fileId', course.files.intro)
      : fakePath(s, route);

  const assertClosed = async (app: AppId, exceptPublic: boolean) => {
    for (const route of routesOf(app)) {
      if (exceptPublic && route.auth === 'public') continue;
      const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
      const r = await s.request(route.method, `${pathOf(route)}?limit=x&cursor=%25&status=nope`, {
        headers: owner.headers,
        ...(hasBody ? { body: JUNK_BODY } : {}),
      });
      assert.equal(r.status, 404, `${app}: ${route.id} ${r.status} ${r.text}`);
      assert.equal(r.body.code, 'NOT_FOUND', route.id);
    }
  };

  for (const app of APPS) {
    test(`${app}: every client route is 404 while it is off, and while granted to others only`, async () => {
      await setApp(s, admin.headers, app, { enabled: true, access: 'everyone' });
      assert.equal((await s.request('GET', PROBES[app], { headers: owner.headers })).status, 200);

      await setApp(s, admin.headers, app, { enabled: false });
      await assertClosed(app, false);

      await setApp(s, admin.headers, app, { enabled: true, access: 'granted' });
      await assertClosed(app, true);

      // An invitation opens it; taking it back closes it again.
      const grant = ok(
        await s.request('POST', `${APPS_ADMIN}/grants`, {
          headers: admin.headers,
          body: { kind: 'app', resourceId: app, accountId: owner.accountId },
        }),
        201,
      );
      assert.equal((await s.request('GET', PROBES[app], { headers: owner.headers })).status, 200);
      ok(await s.request('DELETE', `${APPS_ADMIN}/grants/${grant.id}`, { headers: admin.headers }), 204);
      assert.equal((await s.request('GET', PROBES[app], { headers: owner.headers })).status, 404);
      await setApp(s, admin.headers, app, { enabled: true, access: 'everyone' });
    });
  }

  test('a course the app has, behind the app: closed with the app', async () => {
    await setApp(s, admin.headers, 'courses', { enabled: false });
    const r = await s.request('GET', `${API}/${course.id}`, { headers: owner.headers });
    assert.equal(r.status, 404);
    await setApp(s, admin.headers, 'courses', { enabled: true });
    assert.equal((await s.request('GET', `${API}/${course.id}`, { headers: owner.headers })).status, 200);
  });
});

describe('the app switcher', () => {
  let s: TestServer;
  let admin: StaffLogin;
  before(async () => {
    s = await startServer();
    admin = await staffSession(s, 'admin', 'admin@switcher.test');
  });
  after(() => s.close());

  const switcher = async (headers: Record<string, string>) =>
    ok(await s.request('GET', '/api/v1/apps', { headers }));
  const ids = async (headers: Record<string, string>) =>
    (await switcher(headers)).apps.map((a: { id: string }) => a.id);

  test('lists only the apps this person may use, with where each lives', async () => {
    const ada = await newClient(s, 'ada@switcher.test');
    const none = await switcher(ada.headers);
    assert.deepEqual(none.apps, []);
    assert.equal(none.profileIncomplete, false);
    const base = s.app.portico.config.publicUrl.replace(/\/+$/, '');
    assert.equal(none.portal.href, base);
    for (const app of APPS) await setApp(s, admin.headers, app, { enabled: true, access: 'everyone' });
    await setApp(s, admin.headers, 'courses', { href: '/learn.html' });
    const hosted = (id: AppId) => `${base}${s.app.portico.apps.modules.find((m) => m.id === id)?.hostedPath}`;
    const all = await switcher(ada.headers);
    assert.deepEqual(
      all.apps.map((a: { id: string; href: string }) => [a.id, a.href]),
      [
        ['courses', '/learn.html'],
        ['communities', hosted('communities')],
        ['affiliates', hosted('affiliates')],
      ],
    );
    assert.equal(all.apps[0].name, 'Courses');
    await setApp(s, admin.headers, 'courses', { href: null });
    assert.equal((await switcher(ada.headers)).apps[0].href, `${base}/courses`);
  });

  test('contacts: apps:read opens courses and communities; affiliates are the owner’s', async () => {
    const bob = await newClient(s, 'bob@switcher.test');
    const reader = await addContact(s, bob.accountId, 'reader@switcher.test', 'custom', ['apps:read']);
    const payer = await addContact(s, bob.accountId, 'payer@switcher.test', 'billing', ['billing:read']);
    assert.deepEqual(await ids(bob.headers), ['courses', 'communities', 'affiliates']);
    assert.deepEqual(await ids(bearer(reader.token)), ['courses', 'communities']);
    assert.deepEqual(await ids(bearer(payer.token)), []);
    const r = await s.request('GET', API, { headers: bearer(payer.token) });
    assert.equal(r.status, 403);
  });

  test('a granted app: listed once invited or bought, gone when the service stops', async () => {
    const catalog = await seedCatalog(s);
    await setApp(s, admin.headers, 'communities', { access: 'granted', productIds: [catalog.pro.id] });
    const cara = await newClient(s, 'cara@switcher.test');
    assert.deepEqual(await ids(cara.headers), ['courses', 'affiliates']);
    const placed = await placeOrder(s, cara, [{ productId: catalog.pro.id, cycle: 'monthly' }]);
    ok(await pay(s, cara, placed.invoice.id), 201);
    assert.deepEqual(await ids(cara.headers), ['courses', 'communities', 'affiliates']);
    const service = await s.app.portico.db
      .selectFrom('services')
      .select('id')
      .where('order_id', '=', placed.order.id)
      .executeTakeFirstOrThrow();
    const billing = await staffSession(s, 'billing');
    ok(
      await s.request('POST', `/api/admin/v1/services/${service.id}/suspend`, {
        headers: billing.headers,
        body: { reason: 'Unpaid' },
      }),
    );
    assert.deepEqual(await ids(cara.headers), ['courses', 'affiliates']);
    await setApp(s, admin.headers, 'communities', { access: 'everyone', productIds: [] });
  });

  test('empty, and says so, while the account’s required profile is incomplete', async () => {
    const dan = await newClient(s, 'dan@switcher.test');
    await s.app.portico.settings.update({ requiredProfileFields: ['phone'] });
    const list = await switcher(dan.headers);
    assert.deepEqual(list.apps, []);
    assert.equal(list.profileIncomplete, true);
    assert.equal((await s.request('GET', API, { headers: dan.headers })).status, 403);
    await s.app.portico.settings.update({ requiredProfileFields: [] });
    assert.equal((await switcher(dan.headers)).apps.length, 3);
  });
});
