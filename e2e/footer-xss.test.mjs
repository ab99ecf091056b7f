// The footer HTML cannot run script in a browser: every payload of the XSS fixture is stored through the staff API
// (the server's sanitizer), then drawn by <portal-footer> in Chromium from the server's own /elements.js (the
// browser's allow-list on top). A second pass hands every payload to the elements unsanitized, as a compromised
// or misconfigured server would, so the browser's allow-list alone is tested too.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { XSS_PAYLOADS } from '../packages/elements/test/xss-html-payloads.ts';
import { launchBrowser, startServer } from './helpers.mjs';

const TITLE = 'Footer XSS';
const PAGE_PATH = '/__footer-xss__';
const ALLOWED_TAGS = 'p br strong em b i u small span ul ol li h2 h3 h4 blockquote hr a';

/** A staff admin and a session for them, written straight into the server's database (as test/helpers.ts does). */
function createStaffSession(databaseFile) {
  const db = new Database(databaseFile);
  db.pragma('busy_timeout = 5000');
  const now = new Date();
  const iso = (ms) => new Date(now.getTime() + ms).toISOString();
  const id = `stf_${randomBytes(13).toString('hex').toUpperCase()}`;
  const token = `pst_${randomBytes(32).toString('base64url')}`;
  try {
    db.prepare(
      `INSERT INTO staff (id, email, name, role, password_hash, totp_secret, totp_pending_secret, totp_enabled_at,
         totp_last_step, disabled_at, last_sign_in_at, created_at, updated_at)
       VALUES (?, ?, 'XSS tester', 'admin', NULL, NULL, NULL, NULL, NULL, NULL, ?, ?, ?)`,
    ).run(id, `xss-${randomBytes(4).toString('hex')}@staff.test`, iso(0), iso(0), iso(0));
    db.prepare(
      `INSERT INTO staff_sessions (id, token_hash, staff_id, created_at, last_seen_at, idle_expires_at, expires_at,
         ip, user_agent, revoked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)`,
    ).run(
      `sts_${randomBytes(13).toString('hex').toUpperCase()}`,
      createHash('sha256').update(token).digest('hex'),
      id,
      iso(0),
      iso(0),
      iso(60 * 60_000),
      iso(8 * 60 * 60_000),
    );
  } finally {
    db.close();
  }
  return token;
}

/**
 * The page: no CSP (so nothing but the sanitizers stands between a payload and the page), traps installed before
 * anything else runs, and the elements from the server.
 */
const pageHtml = (origin) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${TITLE}</title>
<script type="module" src="${origin}/elements.js"></script>
</head>
<body>
<portal-provider api="${origin}"><portal-footer></portal-footer></portal-provider>
</body>
</html>`;

/** Runs in the page before its scripts: every way a payload shows it ran ends in `window.__xssLog`. */
function installTraps({ origin, title }) {
  const log = [];
  Object.defineProperty(window, '__xssLog', { value: log });
  const report = (what) => {
    log.push(what);
    window.__xssRan?.(what);
  };
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    window[name] = (...args) => report(`${name}(${args.map(String).join(', ')})`);
  }
  const realFetch = window.fetch;
  window.fetch = function fetch(input, init) {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(`${origin}/api/v1/`)) report(`fetch ${url}`);
    return realFetch.call(this, input, init);
  };
  const realOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function open(method, url, ...rest) {
    report(`XMLHttpRequest ${method} ${url}`);
    return realOpen.call(this, method, url, ...rest);
  };
  navigator.sendBeacon = (url) => {
    report(`sendBeacon ${url}`);
    return true;
  };
  // What a payload may change without calling anything.
  Object.defineProperty(window, '__xssState', {
    value: () => ({ name: window.name, title: document.title, href: location.href, cookie: document.cookie }),
  });
  Object.defineProperty(window, '__xssTitle', { value: title });
}

describe('footer HTML in Chromium', () => {
  let server;
  let browser;
  let page;
  let staffCookie;
  let databaseDir;
  const ran = [];
  const strayRequests = [];
  const navigations = [];
  const pageErrors = [];
  let current = '(page load)';
  let rawFooterHtml;

  before(async () => {
    assert.ok(XSS_PAYLOADS.length >= 250, `only ${XSS_PAYLOADS.length} payloads`);
    databaseDir = await mkdtemp(path.join(tmpdir(), 'portico-xss-'));
    const databaseFile = path.join(databaseDir, 'portico.db');
    server = await startServer({ env: { PORTICO_DATABASE: databaseFile } });
    staffCookie = `portico_staff=${createStaffSession(databaseFile)}`;
    browser = await launchBrowser();
    const context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const pageUrl = `${server.origin}${PAGE_PATH}`;
    await page.exposeBinding('__xssRan', (_source, what) => ran.push({ payload: current, what }));
    await page.addInitScript(installTraps, { origin: server.origin, title: TITLE });
    page.on('dialog', (dialog) => {
      ran.push({ payload: current, what: `dialog ${dialog.type()}: ${dialog.message()}` });
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push({ payload: current, error: error.message }));
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url() !== pageUrl)
        navigations.push({ payload: current, url: frame.url() });
    });
    // Only the page, the bundle and the API calls the elements make may leave the page; nothing leaves the server.
    const expected = new Set([pageUrl, `${server.origin}/elements.js`, `${server.origin}/elements.js.map`]);
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === pageUrl) return route.fulfill({ contentType: 'text/html', body: pageHtml(server.origin) });
      if (url === `${server.origin}/api/v1/portal/config` && rawFooterHtml !== undefined) {
        const response = await route.fetch();
        const config = await response.json();
        return route.fulfill({ response, json: { ...config, footerHtml: rawFooterHtml } });
      }
      if (expected.has(url) || url.startsWith(`${server.origin}/api/v1/`)) return route.continue();
      strayRequests.push({ payload: current, url });
      return route.abort();
    });
    await page.goto(pageUrl);
    await page.waitForFunction(
      () => document.querySelector('portal-provider')?.configState?.status === 'ready',
    );
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (databaseDir) await rm(databaseDir, { recursive: true, force: true });
  });

  /** Stores `html` as the footer through the staff API and returns what the server kept. */
  async function storeFooter(html) {
    const response = await fetch(`${server.apiUrl}/api/admin/v1/settings`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: staffCookie, origin: server.origin },
      body: JSON.stringify({ footerHtml: html }),
    });
    const body = await response.json();
    assert.equal(
      response.status,
      200,
      `PATCH /api/admin/v1/settings answered ${response.status}: ${JSON.stringify(body)}`,
    );
    return body.footerHtml;
  }

  /**
   * Makes the provider read the configuration again and waits for the footer to draw it; answers with what the
   * footer holds, anything off the allow-list in it, and whatever a payload changed.
   */
  function renderFooter(expectedHtml) {
    return page.evaluate(
      async ({ expectedHtml, allowedTags }) => {
        const provider = document.querySelector('portal-provider');
        const footer = document.querySelector('portal-footer');
        await provider.refreshConfig();
        await footer.updateComplete;
        const config = provider.configState.config;
        const content = footer.shadowRoot.querySelector('[part="content"]');
        // A tick for anything that would fire after insertion (the last test waits longer for late ones).
        await new Promise((resolve) => setTimeout(resolve, 0));
        const allowed = new Set(allowedTags.split(' '));
        const problems = [];
        for (const element of content?.querySelectorAll('*') ?? []) {
          if (!allowed.has(element.localName)) problems.push(`<${element.localName}>`);
          for (const { name, value } of element.attributes) {
            const ok =
              element.localName === 'a' &&
              ((name === 'href' && /^(https?:\/\/|mailto:)/.test(value)) ||
                name === 'title' ||
                (name === 'rel' && value === 'noopener noreferrer') ||
                (name === 'target' && value === '_blank'));
            if (!ok) problems.push(`${name}="${value}" on <${element.localName}>`);
          }
        }
        return {
          shown: config.footerHtml === expectedHtml,
          problems,
          state: window.__xssState(),
          globals: Object.keys(window).filter((key) => key.startsWith('xss') || key === 'pwned'),
          log: [...window.__xssLog],
        };
      },
      { expectedHtml, allowedTags: ALLOWED_TAGS },
    );
  }

  function assertNothingRan(result, payload) {
    assert.deepEqual(result.problems, [], `off the allow-list after ${JSON.stringify(payload)}`);
    assert.deepEqual(result.log, [], `ran after ${JSON.stringify(payload)}`);
    assert.equal(result.state.name, '', `window.name set by ${JSON.stringify(payload)}`);
    assert.equal(result.state.title, TITLE, `document.title set by ${JSON.stringify(payload)}`);
    assert.equal(
      result.state.href,
      `${server.origin}${PAGE_PATH}`,
      `location set by ${JSON.stringify(payload)}`,
    );
    assert.deepEqual(result.globals, [], `globals set by ${JSON.stringify(payload)}`);
  }

  function assertNoSideEffects() {
    assert.deepEqual(ran, [], 'a payload ran');
    assert.deepEqual(strayRequests, [], 'a payload made a request');
    assert.deepEqual(navigations, [], 'a payload navigated');
    assert.deepEqual(pageErrors, [], 'a payload threw');
  }

  test(`none of the ${XSS_PAYLOADS.length} payloads runs once stored through the staff API and drawn`, async () => {
    const started = performance.now();
    let kept = 0;
    for (const payload of XSS_PAYLOADS) {
      current = payload;
      const stored = await storeFooter(payload);
      const result = await renderFooter(stored);
      assert.ok(result.shown, `the footer did not draw the stored HTML of ${JSON.stringify(payload)}`);
      assertNothingRan(result, payload);
      if (stored) kept++;
    }
    // Handlers that fire late (a failed load, a timer) still land in the logs.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assertNoSideEffects();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`# stored and drew ${XSS_PAYLOADS.length} payloads (${kept} left some text) in ${seconds} s`);
  });

  test('none runs when handed to the elements unsanitized (the browser allow-list alone)', async () => {
    const started = performance.now();
    try {
      for (const payload of XSS_PAYLOADS) {
        current = `(unsanitized) ${payload}`;
        rawFooterHtml = payload;
        const result = await renderFooter(payload);
        assert.ok(result.shown, `the footer did not draw ${JSON.stringify(payload)}`);
        assertNothingRan(result, payload);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      assertNoSideEffects();
    } finally {
      rawFooterHtml = undefined;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`# drew ${XSS_PAYLOADS.length} unsanitized payloads in ${seconds} s`);
  });

  test('the traps work: a handler that gets into the footer is caught', async () => {
    current = '(self-check)';
    // What the sanitizers prevent, done by hand: an event handler in the footer's shadow root.
    await page.evaluate(() => {
      const content = document.querySelector('portal-footer').shadowRoot.querySelector('footer');
      content.insertAdjacentHTML(
        'beforeend',
        '<img src="/__nothing-here__.png" onerror="alert(\'self-check\')">',
      );
    });
    await page.waitForFunction(() => window.__xssLog.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(
      ran.map((r) => r.what),
      ['alert(self-check)'],
    );
    assert.deepEqual(
      strayRequests.map((r) => new URL(r.url).pathname),
      ['/__nothing-here__.png'],
    );
  });
});
