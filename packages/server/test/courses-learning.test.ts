import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { lessonVideo } from '../src/modules/courses/video.js';
import { bearer, insertMember, insertSession } from './account-helpers.js';
import { type Client, newClient, ok } from './billing-helpers.js';
import {
  ADMIN,
  API,
  type CoursesWorld,
  DAY,
  lessonPath,
  PDF,
  startCourses,
  uploadLessonFile,
} from './courses-helpers.js';

describe('courses as a client takes them', () => {
  let w: CoursesWorld;
  before(async () => {
    w = await startCourses();
  });
  after(() => w.s.close());

  const get = (who: Client, path: string) => w.s.request('GET', path, { headers: who.headers });

  test('lists the published course with progress, by id and by slug, drafts left out', async () => {
    const { s, ada, course } = w;
    const list = ok(await get(ada, API));
    assert.deepEqual(
      list.items.map((c: { id: string }) => c.id),
      [course.id],
    );
    assert.equal(list.items[0].lessonCount, 3);
    assert.deepEqual(list.items[0].progress, {
      completed: 0,
      total: 3,
      percent: 0,
      nextLessonId: course.lessons.intro,
    });
    const bySlug = ok(await get(ada, `${API}/${course.slug}`));
    assert.equal(bySlug.id, course.id);
    assert.equal(bySlug.descriptionHtml, '<p>Learn <strong>hosting</strong>.</p>\n');
    // The module holding only a draft is not shown, nor is the draft.
    assert.deepEqual(
      bySlug.modules.map((m: { title: string }) => m.title),
      ['Basics', 'Advanced'],
    );
    assert.deepEqual(bySlug.modules[0].lessons[0], {
      id: course.lessons.intro,
      title: 'Intro',
      hasVideo: true,
      fileCount: 1,
      completed: false,
      available: true,
      opensAt: null,
    });
    assert.equal((await get(ada, lessonPath(course, course.lessons.draft))).status, 404);
    // A draft course is nobody's.
    const draft = ok(
      await s.request('POST', ADMIN, { headers: w.admin.headers, body: { title: 'Not yet' } }),
      201,
    );
    assert.equal(draft.status, 'draft');
    assert.equal((await get(ada, `${API}/${draft.id}`)).status, 404);
    assert.equal(ok(await get(ada, API)).items.length, 1);
  });

  test('a lesson: rendered text, the video embed, its files, its neighbours', async () => {
    const { ada, course } = w;
    const lesson = ok(await get(ada, lessonPath(course, course.lessons.intro)));
    assert.equal(lesson.html, '<h1 id="welcome">Welcome</h1>\n<p>Read <strong>this</strong>.</p>\n');
    assert.deepEqual(lesson.video, {
      url: 'https://youtu.be/M7lc1UVf-VE',
      kind: 'youtube',
      embedUrl: 'https://www.youtube-nocookie.com/embed/M7lc1UVf-VE',
    });
    assert.deepEqual(
      lesson.files.map((f: { name: string; type: string }) => [f.name, f.type]),
      [['checklist.pdf', 'application/pdf']],
    );
    assert.equal(lesson.moduleTitle, 'Basics');
    assert.equal(lesson.previousLessonId, null);
    assert.equal(lesson.nextLessonId, course.lessons.second);
    const second = ok(await get(ada, lessonPath(course, course.lessons.second)));
    assert.equal(second.previousLessonId, course.lessons.intro);
    assert.equal(second.nextLessonId, course.lessons.drip);
    assert.equal(second.video, null);
  });

  test('video URLs: only YouTube and Vimeo embed, from a validated id', () => {
    const cases: Array<[string, string, string | null]> = [
      [
        'https://www.youtube.com/watch?v=M7lc1UVf-VE&t=10',
        'youtube',
        'https://www.youtube-nocookie.com/embed/M7lc1UVf-VE',
      ],
      ['https://youtu.be/M7lc1UVf-VE', 'youtube', 'https://www.youtube-nocookie.com/embed/M7lc1UVf-VE'],
      [
        'https://www.youtube.com/embed/M7lc1UVf-VE',
        'youtube',
        'https://www.youtube-nocookie.com/embed/M7lc1UVf-VE',
      ],
      [
        'https://youtube.com/shorts/M7lc1UVf-VE',
        'youtube',
        'https://www.youtube-nocookie.com/embed/M7lc1UVf-VE',
      ],
      ['https://vimeo.com/76979871', 'vimeo', 'https://player.vimeo.com/video/76979871'],
      ['https://cdn.example/intro.MP4', 'file', null],
      ['https://cdn.example/intro.webm?x=1', 'file', null],
      // An id that is not one, or a look-alike host, is only ever a link.
      ['https://www.youtube.com/watch?v=abc"><script>', 'link', null],
      ['https://www.youtube.com/watch?v=short', 'link', null],
      ['https://youtube.com.evil.example/watch?v=M7lc1UVf-VE', 'link', null],
      ['https://vimeo.com/channels/staff', 'link', null],
      ['https://example.com/page', 'link', null],
    ];
    for (const [url, kind, embedUrl] of cases) {
      assert.deepEqual(lessonVideo(url), { url, kind, embedUrl }, url);
    }
    assert.equal(lessonVideo(null), null);
  });

  test('progress: complete, again, uncomplete; per person, never another’s', async () => {
    const { ada, bob, course } = w;
    const done = ok(
      await w.s.request('PUT', `${lessonPath(course, course.lessons.intro)}/completion`, {
        headers: ada.headers,
      }),
    );
    assert.equal(done.completed, true);
    assert.equal(typeof done.completedAt, 'string');
    assert.deepEqual(done.progress, {
      completed: 1,
      total: 3,
      percent: 33,
      nextLessonId: course.lessons.second,
    });
    const again = ok(
      await w.s.request('PUT', `${lessonPath(course, course.lessons.intro)}/completion`, {
        headers: ada.headers,
      }),
    );
    assert.equal(again.completedAt, done.completedAt);
    assert.equal(again.progress.completed, 1);
    ok(
      await w.s.request('PUT', `${lessonPath(course, course.lessons.second)}/completion`, {
        headers: ada.headers,
      }),
    );
    const summary = ok(await get(ada, API)).items[0];
    // The drip lesson is not open yet: nothing to resume with.
    assert.deepEqual(summary.progress, { completed: 2, total: 3, percent: 66, nextLessonId: null });
    // Bob's progress is his own.
    assert.deepEqual(ok(await get(bob, API)).items[0].progress, {
      completed: 0,
      total: 3,
      percent: 0,
      nextLessonId: course.lessons.intro,
    });
    const bobsView = ok(await get(bob, lessonPath(course, course.lessons.intro)));
    assert.equal(bobsView.completed, false);
    // So is a second person of Ada's account, who shares its access.
    const aidaId = await insertMember(w.s, ada.accountId, {
      email: 'aida@courses.test',
      role: 'custom',
      permissions: ['apps:read', 'apps:write'],
    });
    const aida = bearer((await insertSession(w.s, aidaId, ada.accountId)).token);
    const hers = ok(await w.s.request('GET', `${API}/${course.id}`, { headers: aida }));
    assert.equal(hers.progress.completed, 0);
    assert.equal(hers.accessSince, ok(await get(ada, `${API}/${course.id}`)).accessSince);
    const undone = ok(
      await w.s.request('DELETE', `${lessonPath(course, course.lessons.second)}/completion`, {
        headers: ada.headers,
      }),
    );
    assert.equal(undone.completed, false);
    assert.equal(undone.progress.completed, 1);
    const rows = await w.s.app.portico.db
      .selectFrom('lesson_progress')
      .select(['user_id', 'lesson_id'])
      .execute();
    assert.deepEqual(rows, [{ user_id: ada.userId, lesson_id: course.lessons.intro }]);
  });

  test('downloads: attachment headers, the bytes, only a file of that lesson', async () => {
    const { s, ada, course } = w;
    const path = `${lessonPath(course, course.lessons.intro)}/files/${course.files.intro}`;
    const r = await fetch(s.url + path, { headers: ada.headers });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/pdf');
    assert.match(r.headers.get('content-disposition') ?? '', /^attachment; filename="checklist.pdf"/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('content-security-policy'), "default-src 'none'; sandbox");
    assert.equal(r.headers.get('cache-control'), 'private, no-store');
    assert.equal(await r.text(), PDF);
    // The drip lesson's file through the open lesson's path is no file of it.
    const wrong = await get(ada, `${lessonPath(course, course.lessons.intro)}/files/${course.files.drip}`);
    assert.equal(wrong.status, 404);
  });

  test('lesson HTML never carries script', async () => {
    const { s, admin, ada, course } = w;
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '<a href="javascript:alert(1)">x</a>',
      '![x](javascript:alert(1))',
      '<svg onload=alert(1)>',
      '<iframe src="https://evil.example"></iframe>',
      '[x](JaVaScRiPt:alert(1))',
      '<details open ontoggle=alert(1)>',
      '`<script>`\n\n<style>body{}</style>',
    ];
    const lesson = ok(
      await s.request('POST', `${ADMIN}/${course.id}/lessons`, {
        headers: admin.headers,
        body: {
          moduleId: course.modules.basics,
          title: 'XSS',
          body: payloads.join('\n\n'),
          status: 'published',
        },
      }),
      201,
    );
    for (const html of [lesson.html, ok(await get(ada, lessonPath(course, lesson.id))).html]) {
      // Real tags only: the payloads may stay as escaped text.
      assert.doesNotMatch(html, /<(script|iframe|svg|style|details|object|embed)\b/i);
      assert.doesNotMatch(html, /<[^>]*\son\w+\s*=/i);
      assert.doesNotMatch(html, /<[^>]*\s(href|src)\s*=\s*["']?\s*javascript:/i);
    }
    ok(
      await s.request('DELETE', `${ADMIN}/${course.id}/lessons/${lesson.id}`, { headers: admin.headers }),
      204,
    );
  });

  test('lesson files: type and size checked as support attachments', async () => {
    const { s, admin, course } = w;
    const bad = await uploadLessonFile(s, admin.headers, course.id, course.lessons.intro, 'tool.exe', 'MZ');
    assert.equal(bad.status, 415, bad.text);
    assert.equal(bad.body.code, 'ATTACHMENT_TYPE');
    const lying = await uploadLessonFile(
      s,
      admin.headers,
      course.id,
      course.lessons.intro,
      'fake.pdf',
      'hello',
    );
    assert.equal(lying.status, 415);
    await s.app.portico.settings.update({
      support: { ...s.app.portico.settings.current.support, attachmentMaxBytes: 1024 },
    });
    const big = await uploadLessonFile(
      s,
      admin.headers,
      course.id,
      course.lessons.intro,
      'big.pdf',
      `%PDF-${'x'.repeat(2048)}`,
    );
    assert.equal(big.status, 413);
    assert.equal(big.body.code, 'ATTACHMENT_TOO_LARGE');
    const missing = await uploadLessonFile(
      s,
      admin.headers,
      course.id,
      'lsn_00000000000000000000000000',
      'a.pdf',
      PDF,
    );
    assert.equal(missing.status, 404);
    await s.app.portico.settings.update({
      support: { ...s.app.portico.settings.current.support, attachmentMaxBytes: 10 * 1024 * 1024 },
    });
    const files = await s.app.portico.db.selectFrom('lesson_files').select('name').orderBy('name').execute();
    assert.deepEqual(
      files.map((f) => f.name),
      ['checklist.pdf', 'later.pdf'],
    );
  });
  test('drip: refused by the API until the day, then open (last: it moves the clock)', async () => {
    const { s, course } = w;
    const cara = await newClient(s, 'cara@courses.test');
    const path = lessonPath(course, course.lessons.drip);
    // Access begins on the first visit.
    const started = ok(await get(cara, `${API}/${course.id}`));
    const opensAt = new Date(Date.parse(started.accessSince) + 7 * DAY).toISOString();
    const outlined = started.modules[1].lessons[0];
    assert.deepEqual([outlined.available, outlined.opensAt], [false, opensAt]);
    s.clock.advance(6 * DAY);
    const locked = [
      await get(cara, path),
      await s.request('PUT', `${path}/completion`, { headers: cara.headers }),
      await s.request('DELETE', `${path}/completion`, { headers: cara.headers }),
      await get(cara, `${path}/files/${course.files.drip}`),
    ];
    for (const r of locked) {
      assert.equal(r.status, 403, r.text);
      assert.equal(r.body.code, 'LESSON_LOCKED');
      assert.equal(r.body.opensAt, opensAt);
      assert.doesNotMatch(r.text, /Patience/);
    }
    assert.equal(
      await s.app.portico.db
        .selectFrom('lesson_progress')
        .select('lesson_id')
        .where('user_id', '=', cara.userId)
        .executeTakeFirst(),
      undefined,
    );
    s.clock.advance(DAY);
    const open = ok(await get(cara, path));
    assert.equal(open.html, '<p>Patience</p>\n');
    ok(await s.request('PUT', `${path}/completion`, { headers: cara.headers }));
    const file = await get(cara, `${path}/files/${course.files.drip}`);
    assert.equal(file.status, 200);
    // Ada began the same day: her drip lesson opened too; a newcomer's has not.
    const dan = await newClient(s, 'dan@courses.test');
    assert.equal((await get(dan, path)).status, 403);
  });
});
