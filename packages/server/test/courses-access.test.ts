import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, insertSession } from './account-helpers.js';
import {
  type Client,
  newClient,
  ok,
  pay,
  placeOrder,
  seedCatalog,
  type TestCatalog,
} from './billing-helpers.js';
import { API, APPS_ADMIN, buildCourse, DAY, setApp, type TestCourse } from './courses-helpers.js';
import { type StaffLogin, staffSession, startServer, type TestServer } from './helpers.js';
import { mountedRoutes } from './route-walk.js';

/** Bodies and queries no course route would accept: they must not be read before the 404. */
const JUNK_BODY = { title: 42, moduleId: '<script>', completed: 'maybe', extra: 'x'.repeat(300) };

describe('who may take a course', () => {
  let s: TestServer;
  let admin: StaffLogin;
  let billing: StaffLogin;
  let catalog: TestCatalog;
  let course: TestCourse;
  before(async () => {
    s = await startServer();
    admin = await staffSession(s, 'admin', 'admin@access.test');
    billing = await staffSession(s, 'billing', 'billing@access.test');
    catalog = await seedCatalog(s);
    await setApp(s, admin.headers, 'courses', { enabled: true, access: 'everyone' });
    course = await buildCourse(s, admin.headers, {
      title: 'Members only',
      access: 'granted',
      productIds: [catalog.pro.id],
    });
  });
  after(() => s.close());

  const courseIds = async (who: Client) =>
    ok(await s.request('GET', API, { headers: who.headers })).items.map((c: { id: string }) => c.id);
  const read = (who: Client) => s.request('GET', `${API}/${course.id}`, { headers: who.headers });

  /** Every client route under a course, from the real router, with real ids in its path. */
  const courseRoutes = () =>
    mountedRoutes(s.app.portico.routers.client)
      .filter((r) => r.path.startsWith('/api/v1/courses/:courseId'))
      .map((r) => ({
        method: r.method,
        path: r.path
          .replace(':courseId', course.id)
          .replace(':lessonId', course.lessons.intro)
          .replace(':fileId', course.files.intro),
      }));

  const assertNoAccess = async (who: Client, neverOpened = true) => {
    assert.deepEqual(await courseIds(who), []);
    const routes = courseRoutes();
    assert.equal(routes.length, 5, JSON.stringify(routes));
    for (const route of routes) {
      for (const path of [route.path, route.path.replace(course.id, course.slug)]) {
        const r = await s.request(route.method, `${path}?limit=abc&cursor=%%%`, {
          headers: who.headers,
          ...(route.method === 'GET' ? {} : { body: JUNK_BODY }),
        });
        assert.equal(r.status, 404, `${route.method} ${path}: ${r.text}`);
        assert.equal(r.body.code, 'NOT_FOUND');
        assert.doesNotMatch(r.text, /Members only|Intro|checklist/);
      }
    }
    if (!neverOpened) return;
    // Nothing was written for a visit that was refused.
    const enrolled = await s.app.portico.db
      .selectFrom('course_enrolments')
      .select('account_id')
      .where('account_id', '=', who.accountId)
      .executeTakeFirst();
    assert.equal(enrolled, undefined);
  };

  test('a client without access gets 404 on every route of the course, whatever they send', async () => {
    const eve = await newClient(s, 'eve@access.test');
    await assertNoAccess(eve);
    // A course of another kind of id, or none, is the same 404.
    const ghost = await s.request('GET', `${API}/crs_00000000000000000000000000`, { headers: eve.headers });
    assert.equal(ghost.status, 404);
    assert.equal(ghost.body.detail, (await read(eve)).body.detail);
  });

  test('buying a granting product opens it; a suspended or cancelled service closes it again', async () => {
    const ada = await newClient(s, 'ada@access.test');
    assert.equal((await read(ada)).status, 404);
    const placed = await placeOrder(s, ada, [{ productId: catalog.pro.id, cycle: 'monthly' }]);
    // Ordered is not bought.
    assert.equal((await read(ada)).status, 404);
    ok(await pay(s, ada, placed.invoice.id), 201);
    const service = await s.app.portico.db
      .selectFrom('services')
      .select(['id', 'activated_at'])
      .where('order_id', '=', placed.order.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(await courseIds(ada), [course.id]);
    const opened = ok(await read(ada));
    assert.equal(opened.accessSince, service.activated_at);
    ok(
      await s.request('GET', `${API}/${course.id}/lessons/${course.lessons.intro}`, { headers: ada.headers }),
    );

    const services = `/api/admin/v1/services/${service.id}`;
    ok(
      await s.request('POST', `${services}/suspend`, {
        headers: billing.headers,
        body: { reason: 'Unpaid' },
      }),
    );
    await assertNoAccess(ada, false);
    ok(await s.request('POST', `${services}/unsuspend`, { headers: billing.headers }));
    assert.equal((await read(ada)).status, 200);
    ok(await s.request('POST', `${services}/cancel`, { headers: billing.headers }));
    assert.equal((await read(ada)).status, 404);
    assert.deepEqual(await courseIds(ada), []);
  });

  test('a product that grants nothing grants nothing', async () => {
    const bob = await newClient(s, 'bob@access.test');
    const placed = await placeOrder(s, bob, [{ productId: catalog.migration.id, cycle: 'one_time' }]);
    ok(await pay(s, bob, placed.invoice.id), 201);
    assert.equal((await read(bob)).status, 404);
  });

  test('an invitation opens it, mails the owner; revoking it closes it', async () => {
    const cara = await newClient(s, 'cara@access.test');
    const grant = ok(
      await s.request('POST', `${APPS_ADMIN}/grants`, {
        headers: admin.headers,
        body: { kind: 'course', resourceId: course.id, accountId: cara.accountId, note: 'Welcome aboard' },
      }),
      201,
    );
    assert.equal(grant.resourceName, 'Members only');
    assert.equal(grant.grantedBy, 'Test admin');
    const opened = ok(await read(cara));
    assert.equal(opened.accessSince, grant.createdAt);
    const mails = await s.mailsTo(cara.email);
    assert.equal(mails.at(-1)?.subject, 'You have access to Members only');
    assert.match(mails.at(-1)?.text ?? '', /Welcome aboard/);
    assert.match(mails.at(-1)?.text ?? '', /\/courses/);

    // Staff see how each student has access.
    const students = ok(
      await s.request('GET', `/api/admin/v1/courses/${course.id}/students`, { headers: admin.headers }),
    );
    const caras = students.items.find((i: { accountId: string }) => i.accountId === cara.accountId);
    assert.equal(caras.source, 'invitation');
    assert.equal(caras.accessSince, grant.createdAt);

    ok(await s.request('DELETE', `${APPS_ADMIN}/grants/${grant.id}`, { headers: admin.headers }), 204);
    assert.equal((await read(cara)).status, 404);
    const again = await s.request('DELETE', `${APPS_ADMIN}/grants/${grant.id}`, { headers: admin.headers });
    assert.equal(again.status, 404);
  });

  test('drip counts from the purchase, not from the first visit', async () => {
    const dan = await newClient(s, 'dan@access.test');
    const placed = await placeOrder(s, dan, [{ productId: catalog.pro.id, cycle: 'monthly' }]);
    ok(await pay(s, dan, placed.invoice.id), 201);
    s.clock.advance(7 * DAY);
    // The first visit is a week after the purchase (in a new session): the drip lesson is already open.
    const headers = bearer((await insertSession(s, dan.userId, dan.accountId)).token);
    const lesson = await s.request('GET', `${API}/${course.id}/lessons/${course.lessons.drip}`, { headers });
    assert.equal(lesson.status, 200, lesson.text);
  });
});
