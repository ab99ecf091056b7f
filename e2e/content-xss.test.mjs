// Rich text cannot run script in a browser: every payload of the XSS fixture (HTML vectors and their Markdown forms)
// is written through the real API into ticket messages (by the client and by staff), knowledge-base articles and
// announcements, then drawn by <portal-ticket>, <portal-kb> and <portal-announcements> in Chromium from the server's
// own /elements.js, on a page with no Content-Security-Policy: nothing but the server's renderer and the elements'
// allow-list stands between a payload and the page.
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

describe('ticket messages, articles and announcements in Chromium', () => {
  let server;
  let browser;
  let page;
  const client = {
    name: 'Ada Lovelace',
    email: `ada.${randomBytes(4).toString('hex')}@example.com`,
    password: 'notes on the engine',
  };
  const made = { ticketId: '', messages: 0, articles: [], announcements: [] };

  const call = (method, path, body, auth) => callOn(server, method, path, body, auth);
  const draw = (markup, hash) => drawOn(page, markup, hash);
  let ran = [];
  let pageErrors = [];

  before(async () => {
    server = await startServer();
    const api = server.apiUrl;

    // Staff write the articles and announcements through the staff API.
    const staff = await staffAuth(server);
    const category = (
      await call(
        'POST',
        '/api/admin/v1/kb/categories',
        { name: `XSS ${randomBytes(3).toString('hex')}` },
        staff,
      )
    ).body;
    for (const [i, body] of chunks(90_000).entries()) {
      const article = (
        await call(
          'POST',
          '/api/admin/v1/kb/articles',
          { title: `Payloads ${i}`, categoryId: category.id, body, status: 'published' },
          staff,
        )
      ).body;
      made.articles.push(article.slug);
    }
    for (const [i, body] of chunks(90_000).entries()) {
      const announcement = (
        await call(
          'POST',
          '/api/admin/v1/announcements',
          { title: `Payloads ${i}`, body, publishedAt: new Date(Date.now() - 60_000).toISOString() },
          staff,
        )
      ).body;
      made.announcements.push(announcement.slug);
    }

    // The client opens a ticket and replies with the rest; staff reply with all of them too.
    await registerClient(api, client);
    const { token } = await clientAuth(server, client);
    const { departments } = (await call('GET', '/api/v1/support/config', undefined, { token })).body;
    const [first, ...rest] = chunks(19_000);
    const ticket = (
      await call(
        'POST',
        '/api/v1/support/tickets',
        { departmentId: departments[0].id, subject: 'Payloads', message: first },
        { token },
      )
    ).body;
    made.ticketId = ticket.id;
    made.messages = 1 + rest.length + chunks(19_000).length;
    for (const message of rest)
      await call('POST', `/api/v1/support/tickets/${ticket.id}/replies`, { message }, { token });
    for (const message of chunks(19_000))
      await call('POST', `/api/admin/v1/support/tickets/${ticket.id}/replies`, { message }, staff);

    browser = await launchBrowser();
    // The browser signs the client in too (the cookie lands in its context), so <portal-ticket> may read the thread.
    ({ page, ran, pageErrors } = await openXssPage(browser, server, client, ['portal-ticket', 'portal-kb']));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the trap works: a payload put in the page unsanitized is caught', () => assertTrapWorks(page, ran));

  test('a ticket thread with every payload from the client and from staff runs none', async () => {
    const result = await draw(`<portal-ticket ticket-id="${made.ticketId}"></portal-ticket>`);
    assert.equal(result.rich, made.messages, 'every message drawn');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(ran, []);
  });

  test('knowledge-base articles with every payload run none', async () => {
    for (const slug of made.articles) {
      const result = await draw('<portal-kb></portal-kb>', `#kb/article/${slug}`);
      assert.ok(result.rich >= 1, `article ${slug} drawn`);
      assert.deepEqual(result.problems, []);
    }
    assert.deepEqual(ran, []);
  });

  test('announcements with every payload run none, and the page never errored', async () => {
    for (const slug of made.announcements) {
      const result = await draw('<portal-announcements></portal-announcements>', `#announcement/${slug}`);
      assert.ok(result.rich >= 1, `announcement ${slug} drawn`);
      assert.deepEqual(result.problems, []);
    }
    assert.deepEqual(ran, []);
    assert.deepEqual(pageErrors, []);
  });
});
