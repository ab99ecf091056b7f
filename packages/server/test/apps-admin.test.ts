import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, newClient, ok, seedCatalog, type TestCatalog } from './billing-helpers.js';
import { APPS_ADMIN, buildCourse, setApp, type TestCourse } from './courses-helpers.js';
import { type StaffLogin, staffSession, startServer, type TestServer } from './helpers.js';
import { assertOnePlan, selectsDuring } from './query-plans.js';

/** A community group straight in the database (the communities API is another part's). */
async function insertGroup(s: TestServer, name: string): Promise<string> {
  const { db, deps } = s.app.portico;
  const now = deps.clock.now().toISOString();
  const id = deps.ids('grp');
  await db
    .insertInto('community_groups')
    .values({
      id,
      slug: name.toLowerCase().replace(/\W+/g, '-'),
      name,
      join_policy: 'purchase',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

describe('apps as staff run them', () => {
  let s: TestServer;
  let admin: StaffLogin;
  let support: StaffLogin;
  let billing: StaffLogin;
  let catalog: TestCatalog;
  let course: TestCourse;
  let groupId: string;
  let ada: Client;
  let bob: Client;
  before(async () => {
    s = await startServer();
    admin = await staffSession(s, 'admin', 'admin@apps-admin.test');
    support = await staffSession(s, 'support', 'support@apps-admin.test');
    billing = await staffSession(s, 'billing', 'billing@apps-admin.test');
    catalog = await seedCatalog(s);
    course = await buildCourse(s, admin.headers, { title: 'Advanced DNS' });
    groupId = await insertGroup(s, 'Power users');
    ada = await newClient(s, 'ada@apps-admin.test');
    bob = await newClient(s, 'bob@apps-admin.test');
    await s.app.portico.db
      .updateTable('accounts')
      .set({ name: 'Ada Ltd' })
      .where('id', '=', ada.accountId)
      .execute();
  });
  after(() => s.close());

  const grant = (body: Record<string, unknown>, headers = admin.headers) =>
    s.request('POST', `${APPS_ADMIN}/grants`, { headers, body });

  test('lists every app with its settings; only admins change them, audited', async () => {
    const list = ok(await s.request('GET', APPS_ADMIN, { headers: admin.headers }));
    assert.deepEqual(
      list.items.map((a: { id: string; enabled: boolean }) => [a.id, a.enabled]),
      [
        ['courses', false],
        ['communities', false],
        ['affiliates', false],
      ],
    );
    const base = s.app.portico.config.publicUrl.replace(/\/+$/, '');
    assert.equal(list.items[0].effectiveHref, `${base}/courses`);
    assert.equal(list.items[0].href, null);

    const updated = await setApp(s, admin.headers, 'courses', {
      enabled: true,
      access: 'granted',
      href: 'https://learn.example/courses',
      productIds: [catalog.pro.id, catalog.starter.id],
    });
    assert.deepEqual(
      [updated.enabled, updated.access, updated.href, updated.effectiveHref],
      [true, 'granted', 'https://learn.example/courses', 'https://learn.example/courses'],
    );
    assert.deepEqual(
      updated.products.map((p: { name: string }) => p.name),
      ['Pro', 'Starter'],
    );
    assert.equal(s.app.portico.settings.current.apps.courses.access, 'granted');
    const row = await s.app.portico.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'details'])
      .where('target_type', '=', 'app')
      .where('target_id', '=', 'courses')
      .executeTakeFirstOrThrow();
    assert.equal(row.action, 'app.updated');
    assert.equal(row.actor_id, admin.id);
    assert.equal(JSON.parse(row.details).previous.enabled, false);

    for (const [body, status] of [
      [{ href: 'javascript:alert(1)' }, 400],
      [{ href: '//evil.example' }, 400],
      [{ access: 'some' }, 400],
      [{ productIds: ['prod_00000000000000000000000000'] }, 422],
    ] as const) {
      const r = await s.request('PATCH', `${APPS_ADMIN}/courses`, { headers: admin.headers, body });
      assert.equal(r.status, status, JSON.stringify(body));
    }
    // A refused change changed nothing.
    assert.equal(s.app.portico.settings.current.apps.courses.href, 'https://learn.example/courses');
    assert.equal(
      (await s.request('PATCH', `${APPS_ADMIN}/chess`, { headers: admin.headers, body: {} })).status,
      404,
    );
    const bySupport = await s.request('PATCH', `${APPS_ADMIN}/courses`, {
      headers: support.headers,
      body: { enabled: false },
    });
    assert.equal(bySupport.status, 403);
    assert.equal((await s.request('GET', APPS_ADMIN, { headers: support.headers })).status, 403);
    const reset = await setApp(s, admin.headers, 'courses', {
      href: null,
      access: 'everyone',
      productIds: [],
    });
    assert.deepEqual([reset.href, reset.products], [null, []]);
  });

  test('grants: checked, given once, mailed to owners, named, filtered and paged', async () => {
    const missing: Array<[Record<string, unknown>, string]> = [
      [{ kind: 'app', resourceId: 'chess', accountId: ada.accountId }, 'resourceId'],
      [{ kind: 'app', resourceId: course.id, accountId: ada.accountId }, 'resourceId'],
      [
        { kind: 'course', resourceId: 'crs_00000000000000000000000000', accountId: ada.accountId },
        'resourceId',
      ],
      [{ kind: 'group', resourceId: course.id, accountId: ada.accountId }, 'resourceId'],
      [{ kind: 'course', resourceId: course.id, accountId: 'acct_00000000000000000000000000' }, 'accountId'],
    ];
    for (const [body, path] of missing) {
      const r = await grant(body);
      assert.equal(r.status, 404, JSON.stringify(body));
      assert.equal(r.body.errors[0].path, path);
    }
    assert.equal((await grant({ kind: 'course', resourceId: '', accountId: ada.accountId })).status, 400);
    assert.equal(
      (await grant({ kind: 'course', resourceId: course.id, accountId: ada.accountId }, billing.headers))
        .status,
      403,
    );

    const toCourse = ok(
      await grant(
        { kind: 'course', resourceId: course.id, accountId: ada.accountId, note: 'For you' },
        support.headers,
      ),
      201,
    );
    assert.deepEqual(
      [toCourse.kind, toCourse.resourceName, toCourse.accountName, toCourse.note, toCourse.grantedBy],
      ['course', 'Advanced DNS', 'Ada Ltd', 'For you', 'Test support'],
    );
    const again = ok(await grant({ kind: 'course', resourceId: course.id, accountId: ada.accountId }), 201);
    assert.equal(again.id, toCourse.id);
    assert.equal(again.note, 'For you');
    const mails = (await s.mailsTo(ada.email)).filter((m) => m.subject.startsWith('You have access'));
    assert.deepEqual(
      mails.map((m) => m.subject),
      ['You have access to Advanced DNS'],
    );
    assert.doesNotMatch(mails[0]?.html ?? '', /<script/);

    s.clock.advance(1000);
    const toGroup = ok(await grant({ kind: 'group', resourceId: groupId, accountId: ada.accountId }), 201);
    assert.equal(toGroup.resourceName, 'Power users');
    s.clock.advance(1000);
    const toApp = ok(await grant({ kind: 'app', resourceId: 'affiliates', accountId: bob.accountId }), 201);
    assert.equal(toApp.resourceName, 'Affiliates');

    const list = async (query: string) =>
      ok(await s.request('GET', `${APPS_ADMIN}/grants${query}`, { headers: support.headers })).items.map(
        (g: { id: string }) => g.id,
      );
    assert.deepEqual(await list(''), [toApp.id, toGroup.id, toCourse.id]);
    assert.deepEqual(await list('?kind=group'), [toGroup.id]);
    assert.deepEqual(await list(`?resourceId=${course.id}`), [toCourse.id]);
    assert.deepEqual(await list(`?kind=app&resourceId=${course.id}`), []);
    assert.deepEqual(await list(`?accountId=${ada.accountId}`), [toGroup.id, toCourse.id]);
    assert.deepEqual(await list('?resourceId=affiliates'), [toApp.id]);
    const first = ok(await s.request('GET', `${APPS_ADMIN}/grants?limit=2`, { headers: admin.headers }));
    assert.equal(first.items.length, 2);
    const rest = ok(
      await s.request('GET', `${APPS_ADMIN}/grants?limit=2&cursor=${first.nextCursor}`, {
        headers: admin.headers,
      }),
    );
    assert.deepEqual(
      rest.items.map((g: { id: string }) => g.id),
      [toCourse.id],
    );
    assert.equal(rest.nextCursor, null);
    assert.equal(
      (await s.request('GET', `${APPS_ADMIN}/grants?cursor=zzz`, { headers: admin.headers })).status,
      400,
    );

    const apps = ok(await s.request('GET', APPS_ADMIN, { headers: admin.headers }));
    assert.equal(apps.items.find((a: { id: string }) => a.id === 'affiliates').invited, 1);

    ok(await s.request('DELETE', `${APPS_ADMIN}/grants/${toGroup.id}`, { headers: support.headers }), 204);
    assert.equal(
      (await s.request('DELETE', `${APPS_ADMIN}/grants/${toGroup.id}`, { headers: admin.headers })).status,
      404,
    );
    const actions = await s.app.portico.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'app_grant')
      .orderBy('at')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['app_grant.created', 'app_grant.created', 'app_grant.created', 'app_grant.revoked'],
    );
  });

  test('deleting a course forgets its grants and granting products', async () => {
    const doomed = ok(
      await s.request('POST', '/api/admin/v1/courses', {
        headers: admin.headers,
        body: { title: 'Doomed', access: 'granted', productIds: [catalog.pro.id] },
      }),
      201,
    );
    ok(await grant({ kind: 'course', resourceId: doomed.id, accountId: bob.accountId }), 201);
    ok(await s.request('DELETE', `/api/admin/v1/courses/${doomed.id}`, { headers: admin.headers }), 204);
    const { db } = s.app.portico;
    assert.equal(
      await db.selectFrom('app_grants').select('id').where('resource_id', '=', doomed.id).executeTakeFirst(),
      undefined,
    );
    assert.equal(
      await db
        .selectFrom('product_grants')
        .select('product_id')
        .where('resource_id', '=', doomed.id)
        .executeTakeFirst(),
      undefined,
    );
  });
});

describe('grant lists walk their indexes', () => {
  let s: TestServer;
  let headers: Record<string, string>;
  let accountId: string;
  before(async () => {
    s = await startServer();
    headers = (await staffSession(s, 'admin')).headers;
    for (let i = 0; i < 3; i++) {
      const client = await newClient(s, `plan${i}@apps-admin.test`);
      accountId = client.accountId;
      ok(
        await s.request('POST', `${APPS_ADMIN}/grants`, {
          headers,
          body: { kind: 'app', resourceId: 'courses', accountId },
        }),
        201,
      );
    }
  });
  after(() => s.close());

  const grantLists = (sqls: string[]) => sqls.filter((sql) => /from "app_grants" as "g"/i.test(sql));

  const cases = (): Array<[string, RegExp]> => [
    ['', /USING INDEX app_grants_recent/],
    ['?kind=app', /USING INDEX app_grants_kind_recent/],
    ['?resourceId=courses', /USING INDEX app_grants_resource_recent/],
    [`?accountId=${accountId}`, /USING INDEX app_grants_account_recent/],
  ];
  test('every filter', async () => {
    for (const [query, index] of cases()) {
      const sqls = await selectsDuring(s, async () =>
        ok(await s.request('GET', `${APPS_ADMIN}/grants${query}`, { headers })),
      );
      assertOnePlan(s, `grants ${query}`, grantLists(sqls), index);
    }
  });
  test('after a cursor', async () => {
    const first = ok(await s.request('GET', `${APPS_ADMIN}/grants?limit=1&kind=course`, { headers }));
    assert.equal(first.nextCursor, null);
    const page = ok(await s.request('GET', `${APPS_ADMIN}/grants?limit=1`, { headers }));
    const sqls = await selectsDuring(s, async () =>
      ok(await s.request('GET', `${APPS_ADMIN}/grants?limit=1&cursor=${page.nextCursor}`, { headers })),
    );
    assertOnePlan(s, 'grants after a cursor', grantLists(sqls), /USING INDEX app_grants_recent/);
  });
});
