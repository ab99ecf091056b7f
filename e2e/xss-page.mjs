// What the rich-text XSS tests share: the payloads as Markdown texts, a page without CSP that traps any script a
// payload runs, and a look into every shadow root for anything script-capable left in the rich text.
import assert from 'node:assert/strict';
import { XSS_PAYLOADS } from '../packages/elements/test/xss-payloads.ts';

const PAGE_PATH = '/__content-xss__';

/** The demo's staff admin (seeded outside production). */
export const DEMO_STAFF = { email: 'admin@example.com', password: 'northwind-staff-console' };

/** Every payload joined into Markdown texts of at most `max` characters each. */
export function chunks(max) {
  assert.ok(XSS_PAYLOADS.length >= 200, `only ${XSS_PAYLOADS.length} payloads`);
  const out = [''];
  for (const { markdown } of XSS_PAYLOADS) {
    const piece = `${markdown}\n\n`;
    if (out.at(-1).length + piece.length > max) out.push('');
    out[out.length - 1] += piece;
  }
  return out;
}

/** A JSON request to `server`'s API as `auth.cookie` (staff) or `auth.token` (client); throws unless it succeeds. */
export async function call(server, method, path, body, auth) {
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

/** Signs the demo staff admin in through the staff API; answers `{ cookie }` for {@link call}. */
export async function staffAuth(server) {
  const login = await fetch(`${server.apiUrl}/api/admin/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.origin },
    body: JSON.stringify(DEMO_STAFF),
  });
  assert.equal(login.status, 200, await login.clone().text());
  return {
    cookie: login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
}

/** Signs a client in through the API in token mode; answers `{ token }` for {@link call}. */
export async function clientAuth(server, { email, password }) {
  const login = await fetch(`${server.apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portico-session': 'token' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(login.status, 200, await login.clone().text());
  return { token: (await login.json()).token };
}

/** Runs in the page before its scripts: any payload that runs ends up in `window.__xssRan`. */
function installTraps() {
  const report = (what) => window.__xssRan?.(what);
  window.__xss = (id) => report(`__xss(${id})`);
  for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = () => report(name);
}

/**
 * Opens a page on `server`'s origin without any Content-Security-Policy, with the server's own `/elements.js` in a
 * provider, the client signed in (cookie) when `client` is given, and traps for anything a payload could run.
 * Answers the page and the lists `ran` (what ran) and `pageErrors`.
 */
export async function openXssPage(browser, server, client, ready) {
  const ran = [];
  const pageErrors = [];
  const context = await browser.newContext();
  if (client) {
    const signIn = await context.request.post(`${server.origin}/api/v1/auth/login`, {
      headers: { origin: server.origin },
      data: { email: client.email, password: client.password },
    });
    assert.equal(signIn.status(), 200, await signIn.text());
  }
  const page = await context.newPage();
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
  await page.waitForFunction((names) => names.every((name) => customElements.get(name)), ready);
  return { page, ran, pageErrors };
}

/**
 * Puts `markup` in the page (with `hash` in the address), waits until rich blocks show in its shadow roots, gives
 * late handlers time, and answers how many rich blocks there are and anything off-limits found in them.
 */
export function draw(page, markup, hash) {
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

/** Proves the trap catches a payload put in the page unsanitized, so a clean run means something. */
export async function assertTrapWorks(page, ran) {
  await page.evaluate(() => {
    const probe = document.createElement('div');
    probe.innerHTML = '<img src="data:," onerror="__xss(\'self-check\')">';
    document.body.append(probe);
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(ran.splice(0), ['__xss(self-check)']);
}
