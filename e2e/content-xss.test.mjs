// Rich text cannot run script in a browser: every payload of the XSS fixture (HTML vectors and their Markdown forms)
// is written through the real API into ticket messages (by the client and by staff), knowledge-base articles and
// announcements, then drawn by <portal-ticket>, <portal-kb> and <portal-announcements> in Chromium from the server's
// own /elements.js, on a page with no Content-Security-Policy: nothing but the server's renderer and the elements'
// allow-list stands between a payload and the page.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { XSS_PAYLOADS } from '../packages/elements/test/xss-payloads.ts';
import { launchBrowser, registerClient, startServer } from './helpers.mjs';

const PAGE_PATH = '/__content-xss__';
const DEMO_STAFF = { email: 'admin@example.com', password: 'northwind-staff-console' };

/** The payloads joined into Markdown texts of at most `max` characters each. */
function chunks(max) {
  const out = [''];
  for (const { markdown } of XSS_PAYLOADS) {
    const piece = `${markdown}\n\n`;
    if (out.at(-1).length + piece.length > max) out.push('');
    out[out.length - 1] += piece;
  }
  return out;
}

/** Runs in the page before its scripts: any payload that runs ends up in `window.__xssRan`. */
function installTraps() {
  const report = (what) => window.__xssRan?.(what);
  window.__xss = (id) => report(`__xss(${id})`);
  for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = () => report(name);
}

describe('ticket messages, articles and announcements in Chromium', () => {
  let server;
  let browser;
  let page;
  const ran = [];
  const pageErrors = [];
  const client = {
    name: 'Ada Lovelace',
    email: `ada.${randomBytes(4).toString('hex')}@example.com`,
    password: 'notes on the engine',
  };
  const made = { ticketId: '', messages: 0, articles: [], announcements: [] };

  /** A JSON request to the API as `cookie` (staff) or `token` (client). */
  async function call(method, path, body, auth) {
    const headers = { 'content-type': 'application/json', origin: server.origin };
    if (auth.cookie) headers.cookie = auth.cookie;
    if (auth.token) headers.authorization = `Bearer ${auth.token}`;
    const response = await fetch(`${server.apiUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return { body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  before(async () => {
    assert.ok(XSS_PAYLOADS.length >= 200, `only ${XSS_PAYLOADS.length} payloads`);
    server = await startServer();
    const api = server.apiUrl;

    // Staff write the articles and announcements through the staff API.
    const staffLogin = await fetch(`${api}/api/admin/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.origin },
      body: JSON.stringify(DEMO_STAFF),
    });
    assert.equal(staffLogin.status, 200, await staffLogin.clone().text());
    const staff = {
      cookie: staffLogin.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
    };
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
    const login = await fetch(`${api}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portico-session': 'token' },
      body: JSON.stringify({ email: client.email, password: client.password }),
    });
    const { token } = await login.json();
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
    const context = await browser.newContext();
    // The browser signs the client in too (the cookie lands in this context), so <portal-ticket> may read the thread.
    const signIn = await context.request.post(`${server.origin}/api/v1/auth/login`, {
      headers: { origin: server.origin },
      data: { email: client.email, password: client.password },
    });
    assert.equal(signIn.status(), 200, await signIn.text());
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.exposeBinding('__xssRan', (_source, what) => ran.push(what));
    await page.addInitScript(installTraps);
    page.on('dialog', (dialog) => {
      ran.push(`dialog ${dialog.type()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const pageUrl = `${server.origin}${PAGE_PATH}`;
    await page.route(pageUrl, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Content XSS</title>
<script type="module" src="${server.origin}/elements.js"></script></head>
<body><portal-provider api="${server.origin}"><main id="main"></main></portal-provider></body></html>`,
      }),
    );
    await page.goto(pageUrl);
    await page.waitForFunction(() => customElements.get('portal-ticket') && customElements.get('portal-kb'));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /**
   * Puts `html` in the page, waits for `selector` deep in its shadow roots to show `minimum` rich blocks, gives
   * late handlers time, and answers anything off-limits found in every shadow root.
   */
  async function draw(markup, hash) {
    return page.evaluate(
      async ({ markup, hash }) => {
        const main = document.getElementById('main');
        history.replaceState(null, '', hash ?? location.pathname);
        main.innerHTML = markup;
        const roots = () => {
          const all = [];
          const walk = (root) => {
            for (const el of root.querySelectorAll('*')) {
              if (el.shadowRoot) {
                all.push(el.shadowRoot);
                walk(el.shadowRoot);
              }
            }
          };
          walk(document);
          return all;
        };
        const richCount = () => roots().reduce((n, r) => n + r.querySelectorAll('.rich').length, 0);
        const deadline = Date.now() + 20_000;
        while (richCount() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, 500));
        const problems = [];
        for (const root of roots()) {
          for (const rich of root.querySelectorAll('.rich')) {
            for (const el of rich.querySelectorAll(
              'script, iframe, object, embed, svg, math, style, form, input, base, meta, link',
            ))
              problems.push(`<${el.localName}>`);
            for (const el of rich.querySelectorAll('*')) {
              for (const { name, value } of el.attributes) {
                if (name.startsWith('on')) problems.push(`${el.localName} ${name}`);
                if (/^\s*(javascript|vbscript|data):/i.test(value))
                  problems.push(`${el.localName} ${name}=${value}`);
              }
            }
          }
        }
        return { rich: richCount(), problems };
      },
      { markup, hash },
    );
  }

  test('the trap works: a payload put in the page unsanitized is caught', async () => {
    await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.innerHTML = '<img src="data:," onerror="__xss(\'self-check\')">';
      document.body.append(probe);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(ran.splice(0), ['__xss(self-check)']);
  });

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
