import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newClient, ok } from './billing-helpers.js';
import {
  ADMIN,
  API,
  buildCourse,
  type CoursesWorld,
  PDF,
  setApp,
  startCourses,
  type TestCourse,
  uploadLessonFile,
} from './courses-helpers.js';
import { type StaffLogin, staffSession, startServer, type TestServer } from './helpers.js';
import { seedCoursesDemo } from '../src/modules/courses/demo.js';
import { assertOnePlan, selectsDuring } from './query-plans.js';

describe('courses as staff build them', () => {
  let w: CoursesWorld;
  let support: StaffLogin;
  let billing: StaffLogin;
  before(async () => {
    w = await startCourses();
    support = await staffSession(w.s, 'support', 'support@courses.test');
    billing = await staffSession(w.s, 'billing', 'billing@courses.test');
  });
  after(() => w.s.close());

  const audit = (courseId: string) =>
    w.s.app.portico.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('target_type', '=', 'course')
      .where('target_id', '=', courseId)
      .orderBy('at')
      .orderBy('id')
      .execute();

  test('the billing role may not read or change courses; support may', async () => {
    const { s, course } = w;
    const attempts: Array<[string, string, unknown]> = [
      ['GET', ADMIN, undefined],
      ['POST', ADMIN, { title: 'By billing' }],
      ['PATCH', `${ADMIN}/${course.id}`, { title: 'Renamed' }],
      ['DELETE', `${ADMIN}/${course.id}`, undefined],
      ['POST', `${ADMIN}/${course.id}/modules`, { title: 'M' }],
      ['DELETE', `${ADMIN}/${course.id}/lessons/${course.lessons.intro}`, undefined],
    ];
    for (const [method, path, body] of attempts) {
      const r = await s.request(method, path, { headers: billing.headers, ...(body ? { body } : {}) });
      assert.equal(r.status, 403, `${method} ${path}`);
      assert.equal(r.body.code, 'ROLE_NOT_ALLOWED');
    }
    const upload = await uploadLessonFile(s, billing.headers, course.id, course.lessons.intro, 'x.pdf', PDF);
    assert.equal(upload.status, 403);
    const renamed = ok(
      await s.request('PATCH', `${ADMIN}/${course.id}`, {
        headers: support.headers,
        body: { summary: 'New summary' },
      }),
    );
    assert.equal(renamed.summary, 'New summary');
    assert.equal((await audit(course.id)).at(-1)?.actor_id, support.id);
  });

  test('slugs: made from the title, unique; a taken one is 409 on slug', async () => {
    const { s, admin, course } = w;
    const a = ok(
      await s.request('POST', ADMIN, { headers: admin.headers, body: { title: 'Hosting 101' } }),
      201,
    );
    assert.equal(a.slug, 'hosting-101-2');
    const taken = await s.request('POST', ADMIN, {
      headers: admin.headers,
      body: { title: 'Other', slug: course.slug },
    });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.code, 'CONFLICT');
    assert.equal(taken.body.errors[0].path, 'slug');
    const moved = await s.request('PATCH', `${ADMIN}/${a.id}`, {
      headers: admin.headers,
      body: { slug: course.slug },
    });
    assert.equal(moved.status, 409);
    const bad = await s.request('POST', ADMIN, {
      headers: admin.headers,
      body: { title: 'x', slug: 'Not a slug!' },
    });
    assert.equal(bad.status, 400);
    const unknownProduct = await s.request('PATCH', `${ADMIN}/${a.id}`, {
      headers: admin.headers,
      body: { productIds: ['prod_00000000000000000000000000'] },
    });
    assert.equal(unknownProduct.status, 422, unknownProduct.text);
    assert.equal(unknownProduct.body.errors[0].path, 'productIds');
    ok(await s.request('DELETE', `${ADMIN}/${a.id}`, { headers: admin.headers }), 204);
    assert.equal((await s.request('GET', `${ADMIN}/${a.id}`, { headers: admin.headers })).status, 404);
    assert.deepEqual(
      (await audit(a.id)).map((r) => r.action),
      ['course.created', 'course.deleted'],
    );
  });

  test('modules: added last, renamed, removed only when empty', async () => {
    const { s, admin, course } = w;
    const withNew = ok(
      await s.request('POST', `${ADMIN}/${course.id}/modules`, {
        headers: admin.headers,
        body: { title: 'Extra' },
      }),
      201,
    );
    assert.deepEqual(
      withNew.modules.map((m: { title: string }) => m.title),
      ['Basics', 'Advanced', 'Coming soon', 'Extra'],
    );
    const extra = withNew.modules.at(-1).id;
    const renamed = ok(
      await s.request('PATCH', `${ADMIN}/${course.id}/modules/${extra}`, {
        headers: admin.headers,
        body: { title: 'First', position: 0 },
      }),
    );
    // A position is the module's place in the order, from 0: the others move along.
    assert.deepEqual(
      renamed.modules.map((m: { title: string }) => m.title),
      ['First', 'Basics', 'Advanced', 'Coming soon'],
    );
    const moved = ok(
      await s.request('PATCH', `${ADMIN}/${course.id}/modules/${extra}`, {
        headers: admin.headers,
        body: { position: 2 },
      }),
    );
    assert.deepEqual(
      moved.modules.map((m: { title: string; position: number }) => [m.title, m.position]),
      [
        ['Basics', 0],
        ['Advanced', 1],
        ['First', 2],
        ['Coming soon', 3],
      ],
    );
    const busy = await s.request('DELETE', `${ADMIN}/${course.id}/modules/${course.modules.basics}`, {
      headers: admin.headers,
    });
    assert.equal(busy.status, 409);
    const gone = ok(
      await s.request('DELETE', `${ADMIN}/${course.id}/modules/${extra}`, { headers: admin.headers }),
    );
    assert.equal(gone.modules.length, 3);
    const again = await s.request('DELETE', `${ADMIN}/${course.id}/modules/${extra}`, {
      headers: admin.headers,
    });
    assert.equal(again.status, 404);
    const actions = (await audit(course.id)).map((r) => r.action);
    for (const action of ['course.module_added', 'course.module_updated', 'course.module_deleted']) {
      assert.ok(actions.includes(action), action);
    }
  });

  test('lessons: moved within the course only; deleting takes files and progress', async () => {
    const { s, admin, ada, course } = w;
    const other = await buildCourse(s, admin.headers, { title: 'Other course' });
    const foreign = await s.request('PATCH', `${ADMIN}/${course.id}/lessons/${course.lessons.second}`, {
      headers: admin.headers,
      body: { moduleId: other.modules.basics },
    });
    assert.equal(foreign.status, 422);
    assert.equal(foreign.body.errors[0].path, 'moduleId');
    const addForeign = await s.request('POST', `${ADMIN}/${course.id}/lessons`, {
      headers: admin.headers,
      body: { moduleId: other.modules.basics, title: 'Sneaky' },
    });
    assert.equal(addForeign.status, 422);
    // Another course's lesson through this course's path is no lesson of it.
    const crossed = await s.request('GET', `${ADMIN}/${course.id}/lessons/${other.lessons.intro}`, {
      headers: admin.headers,
    });
    assert.equal(crossed.status, 404);

    const moved = ok(
      await s.request('PATCH', `${ADMIN}/${course.id}/lessons/${course.lessons.second}`, {
        headers: admin.headers,
        body: { moduleId: course.modules.advanced, videoUrl: 'https://vimeo.com/76979871' },
      }),
    );
    assert.equal(moved.moduleId, course.modules.advanced);
    assert.equal(moved.video.kind, 'vimeo');
    const client = ok(await s.request('GET', `${API}/${course.id}`, { headers: ada.headers }));
    assert.deepEqual(
      client.modules[1].lessons.map((l: { id: string }) => l.id),
      [course.lessons.drip, course.lessons.second],
    );
    // Moved to the top of its module: its place in the order, from 0.
    ok(
      await s.request('PATCH', `${ADMIN}/${course.id}/lessons/${course.lessons.second}`, {
        headers: admin.headers,
        body: { position: 0 },
      }),
    );
    const reordered = ok(await s.request('GET', `${API}/${course.id}`, { headers: ada.headers }));
    assert.deepEqual(
      reordered.modules[1].lessons.map((l: { id: string }) => l.id),
      [course.lessons.second, course.lessons.drip],
    );

    const temp = ok(
      await s.request('POST', `${ADMIN}/${course.id}/lessons`, {
        headers: admin.headers,
        body: { moduleId: course.modules.basics, title: 'Temporary', status: 'published' },
      }),
      201,
    );
    assert.equal(temp.status, 'published');
    ok(await uploadLessonFile(s, admin.headers, course.id, temp.id, 'notes.txt', 'notes\n'), 201);
    ok(await s.request('PUT', `${API}/${course.id}/lessons/${temp.id}/completion`, { headers: ada.headers }));
    ok(
      await s.request('DELETE', `${ADMIN}/${course.id}/lessons/${temp.id}`, { headers: admin.headers }),
      204,
    );
    const { db } = s.app.portico;
    assert.equal(
      await db
        .selectFrom('lesson_progress')
        .select('lesson_id')
        .where('lesson_id', '=', temp.id)
        .executeTakeFirst(),
      undefined,
    );
    assert.equal(
      await db.selectFrom('lesson_files').select('id').where('lesson_id', '=', temp.id).executeTakeFirst(),
      undefined,
    );
    assert.equal(
      (await s.request('GET', `${API}/${course.id}/lessons/${temp.id}`, { headers: ada.headers })).status,
      404,
    );
  });

  test('files: staff download and remove; the audit names them', async () => {
    const { s, admin, course } = w;
    const path = `${ADMIN}/${course.id}/lessons/${course.lessons.intro}/files/${course.files.intro}`;
    const r = await fetch(s.url + path, { headers: admin.headers });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-disposition') ?? '', /^attachment;/);
    const added = ok(
      await uploadLessonFile(s, admin.headers, course.id, course.lessons.intro, 'extra.pdf', PDF),
      201,
    );
    const extra = added.files.find((f: { name: string }) => f.name === 'extra.pdf');
    assert.equal(extra.size, PDF.length);
    const after = ok(
      await s.request('DELETE', `${ADMIN}/${course.id}/lessons/${course.lessons.intro}/files/${extra.id}`, {
        headers: admin.headers,
      }),
    );
    assert.deepEqual(
      after.files.map((f: { name: string }) => f.name),
      ['checklist.pdf'],
    );
    const actions = (await audit(course.id)).map((a) => a.action);
    assert.ok(actions.includes('course.file_added'));
    assert.ok(actions.includes('course.file_removed'));
  });

  test('students: everyone-course enrolments, newest first, with completed lessons, paged', async () => {
    const { s, admin, ada, bob, course } = w;
    ok(await s.request('GET', `${API}/${course.id}`, { headers: bob.headers }));
    s.clock.advance(60_000);
    const cara = await newClient(s, 'cara@courses.test');
    ok(await s.request('GET', `${API}/${course.id}`, { headers: cara.headers }));
    const first = ok(
      await s.request('GET', `${ADMIN}/${course.id}/students?limit=1`, { headers: admin.headers }),
    );
    assert.equal(first.items[0].accountId, cara.accountId);
    assert.equal(first.items[0].source, 'everyone');
    assert.equal(first.items[0].completedLessons, 0);
    const rest = ok(
      await s.request('GET', `${ADMIN}/${course.id}/students?limit=10&cursor=${first.nextCursor}`, {
        headers: admin.headers,
      }),
    );
    const ids = rest.items.map((i: { accountId: string }) => i.accountId);
    assert.ok(ids.includes(ada.accountId) && ids.includes(bob.accountId));
    assert.ok(!ids.includes(cara.accountId));
    assert.equal(
      rest.items.find((i: { accountId: string }) => i.accountId === ada.accountId).completedLessons,
      0,
    );
    const bad = await s.request('GET', `${ADMIN}/${course.id}/students?cursor=nope`, {
      headers: admin.headers,
    });
    assert.equal(bad.status, 400);
    const summary = ok(await s.request('GET', ADMIN, { headers: admin.headers })).items.find(
      (c: { id: string }) => c.id === course.id,
    );
    assert.equal(summary.students, 3);
  });
});

describe('course queries walk their indexes', () => {
  let s: TestServer;
  let course: TestCourse;
  let headers: Record<string, string>;
  let client: Record<string, string>;
  before(async () => {
    s = await startServer();
    const admin = await staffSession(s, 'admin');
    headers = admin.headers;
    await setApp(s, headers, 'courses', { enabled: true, access: 'everyone' });
    course = await buildCourse(s, headers);
    await buildCourse(s, headers, { title: 'Second' });
    client = (await newClient(s, 'plans@courses.test')).headers;
  });
  after(() => s.close());

  const from = (table: string) => (sqls: string[]) =>
    sqls.filter((sql) => new RegExp(`^select .* from "${table}"`, 'i').test(sql));

  test('the client list and outline', async () => {
    const sqls = await selectsDuring(s, async () => ok(await s.request('GET', API, { headers: client })));
    assertOnePlan(s, 'published courses', from('courses')(sqls), /USING INDEX courses_order/);
    assertOnePlan(s, 'outline lessons', from('course_lessons')(sqls), /USING INDEX course_lessons_course/);
    assertOnePlan(s, 'outline modules', from('course_modules')(sqls), /USING INDEX course_modules_course/);
    assertOnePlan(s, 'progress', from('lesson_progress')(sqls), /lesson_progress/);
  });

  test('the staff students list, first page and after a cursor', async () => {
    for (let i = 0; i < 3; i++) {
      const c = await newClient(s, `student${i}@courses.test`);
      ok(await s.request('GET', `${API}/${course.id}`, { headers: c.headers }));
    }
    const first = await selectsDuring(s, async () =>
      ok(await s.request('GET', `${ADMIN}/${course.id}/students?limit=1`, { headers })),
    );
    assertOnePlan(s, 'students', from('course_enrolments')(first), /USING INDEX course_enrolments_recent/);
    const page = ok(await s.request('GET', `${ADMIN}/${course.id}/students?limit=1`, { headers }));
    const next = await selectsDuring(s, async () =>
      ok(
        await s.request('GET', `${ADMIN}/${course.id}/students?limit=1&cursor=${page.nextCursor}`, {
          headers,
        }),
      ),
    );
    assertOnePlan(
      s,
      'students after',
      from('course_enrolments')(next),
      /USING INDEX course_enrolments_recent/,
    );
  });

  test('the staff course list', async () => {
    const sqls = await selectsDuring(s, async () => ok(await s.request('GET', ADMIN, { headers })));
    assertOnePlan(s, 'every course', from('courses')(sqls), /USING INDEX courses_order/);
  });
});

describe('the demo course', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
    await staffSession(s, 'admin');
  });
  after(() => s.close());

  test('seeds once: the app on for everyone, a published course with drip and a video', async () => {
    await seedCoursesDemo(s.app.portico);
    await seedCoursesDemo(s.app.portico);
    assert.deepEqual(s.app.portico.settings.current.apps.courses, {
      enabled: true,
      access: 'everyone',
      href: null,
    });
    const client = await newClient(s, 'demo@courses.test');
    const list = ok(await s.request('GET', API, { headers: client.headers }));
    assert.equal(list.items.length, 1);
    const course = ok(await s.request('GET', `${API}/${list.items[0].slug}`, { headers: client.headers }));
    assert.equal(course.title, 'Getting started with your hosting');
    assert.equal(course.modules.length, 2);
    const lessons = course.modules.flatMap((m: { lessons: unknown[] }) => m.lessons);
    assert.equal(lessons.length, 4);
    assert.equal(lessons.filter((l: { available: boolean }) => !l.available).length, 1);
    const first = ok(
      await s.request('GET', `${API}/${course.id}/lessons/${lessons[0].id}`, { headers: client.headers }),
    );
    assert.equal(first.video.kind, 'youtube');
    assert.match(first.html, /<h2 id="where-things-are">/);
  });
});
