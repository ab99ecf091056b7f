// Posts, comments and lessons cannot run script in a browser: every payload of the XSS fixture (HTML vectors and
// their Markdown forms) is written through the real API into community posts and comments (by a client) and course
// lessons and a course description (by staff), then drawn by <portal-community> and <portal-course> in Chromium from
// the server's own /elements.js, on a page with no Content-Security-Policy.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, registerClient, startServer } from './helpers.mjs';
import {
  assertTrapWorks,
  call as callOn,
  chunks,
  clientAuth,
  draw as drawOn,
  openXssPage,
  staffAuth,
} from './xss-page.mjs';

describe('community posts, comments and course lessons in Chromium', () => {
  let server;
  let browser;
  let page;
  let ran = [];
  let pageErrors = [];
  const client = {
    name: 'Alan Turing',
    email: `alan.${randomBytes(4).toString('hex')}@example.com`,
    password: 'on computable numbers',
  };
  const made = { group: '', posts: [], commentedPost: '', comments: 0, course: '', lessons: [] };
  const call = (method, path, body, auth) => callOn(server, method, path, body, auth);
  const draw = (markup, hash) => drawOn(page, markup, hash);

  before(async () => {
    server = await startServer();
    const staff = await staffAuth(server);

    // Staff build a course open to everyone: the description and each lesson carry payloads.
    await call('PATCH', '/api/admin/v1/apps/courses', { enabled: true, access: 'everyone' }, staff);
    await call('PATCH', '/api/admin/v1/apps/communities', { enabled: true, access: 'everyone' }, staff);
    const [description] = chunks(90_000);
    const course = (
      await call(
        'POST',
        '/api/admin/v1/courses',
        {
          title: `Payloads ${randomBytes(3).toString('hex')}`,
          description,
          status: 'published',
          access: 'everyone',
        },
        staff,
      )
    ).body;
    made.course = course.slug;
    const withModule = (
      await call('POST', `/api/admin/v1/courses/${course.id}/modules`, { title: 'All' }, staff)
    ).body;
    for (const [i, body] of chunks(90_000).entries()) {
      const lesson = (
        await call(
          'POST',
          `/api/admin/v1/courses/${course.id}/lessons`,
          { moduleId: withModule.modules[0].id, title: `Payloads ${i}`, body, status: 'published' },
          staff,
        )
      ).body;
      made.lessons.push(lesson.id);
    }

    // An open group; the client joins, posts every payload and comments every payload on one post.
    const group = (
      await call(
        'POST',
        '/api/admin/v1/communities/groups',
        { name: `Payloads ${randomBytes(3).toString('hex')}`, join: 'open' },
        staff,
      )
    ).body;
    made.group = group.slug;
    await registerClient(server.apiUrl, client);
    const auth = await clientAuth(server, client);
    await call('POST', `/api/v1/communities/groups/${group.id}/membership`, undefined, auth);
    for (const [i, body] of chunks(19_000).entries()) {
      const post = (
        await call(
          'POST',
          `/api/v1/communities/groups/${group.id}/posts`,
          { title: `Payloads ${i}`, body },
          auth,
        )
      ).body;
      made.posts.push(post.id);
    }
    made.commentedPost = made.posts[0];
    for (const body of chunks(9_500)) {
      await call(
        'POST',
        `/api/v1/communities/groups/${group.id}/posts/${made.commentedPost}/comments`,
        { body },
        auth,
      );
      made.comments += 1;
    }

    browser = await launchBrowser();
    ({ page, ran, pageErrors } = await openXssPage(browser, server, client, [
      'portal-community',
      'portal-course',
    ]));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the trap works: a payload put in the page unsanitized is caught', () => assertTrapWorks(page, ran));

  test('posts with every payload, and a post with every payload in its comments, run none', async () => {
    for (const postId of made.posts) {
      const result = await draw(
        `<portal-community group="${made.group}"></portal-community>`,
        `#group/${made.group}/post/${postId}`,
      );
      const expected = postId === made.commentedPost ? 1 + made.comments : 1;
      assert.equal(result.rich, expected, `post ${postId} and its comments drawn`);
      assert.deepEqual(result.problems, []);
    }
    assert.deepEqual(ran, []);
  });

  test('a course description and lessons with every payload run none, and the page never errored', async () => {
    const overview = await draw(`<portal-course course="${made.course}"></portal-course>`);
    assert.ok(overview.rich >= 1, 'the description drawn');
    assert.deepEqual(overview.problems, []);
    for (const lessonId of made.lessons) {
      const result = await draw(
        `<portal-course course="${made.course}"></portal-course>`,
        `#course/${made.course}/lesson/${lessonId}`,
      );
      assert.ok(result.rich >= 1, `lesson ${lessonId} drawn`);
      assert.deepEqual(result.problems, []);
    }
    assert.deepEqual(ran, []);
    assert.deepEqual(pageErrors, []);
  });
});
