// The hosted portal's pages: each answers HTML under the page policy with the element it promises, and a public
// section the business hides answers 404 as its API does.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers.js';

const PAGES: [path: string, element: string][] = [
  ['/', '<portal-dashboard'],
  ['/support', '<portal-tickets'],
  ['/kb', '<portal-kb'],
  ['/faq', '<portal-faq'],
  ['/announcements', '<portal-announcements'],
  ['/status', '<portal-status'],
  ['/unsubscribe', '<portal-unsubscribe'],
];

describe('hosted portal pages', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  test('each page is HTML under the page policy with its element inside the provider', async () => {
    for (const [path, element] of PAGES) {
      const page = await s.request('GET', path);
      assert.equal(page.status, 200, path);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/, path);
      assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/, path);
      assert.ok(page.text.includes(element), `${path} has ${element}`);
      assert.ok(
        page.text.indexOf('<portal-provider') < page.text.indexOf(element),
        `${path} inside the provider`,
      );
    }
  });

  test('signed out, the home page shows the portal home and the sign-in form; mail links forward to /support', async () => {
    const home = await s.request('GET', '/');
    assert.match(home.text, /<portal-home slot="signed-out"/);
    assert.match(home.text, /<portal-login slot="signed-out"/);
    assert.match(home.text, /tickets-href="\/support"/);
  });

  test('a hidden public section answers 404, and shows again when turned back on', async () => {
    const sections = {
      knowledgeBase: '/kb',
      faq: '/faq',
      announcements: '/announcements',
      status: '/status',
    };
    const { settings } = s.app.portico;
    const before = settings.current.sections;
    await settings.update({
      sections: { ...before, knowledgeBase: false, faq: false, announcements: false, status: false },
    });
    for (const path of Object.values(sections))
      assert.equal((await s.request('GET', path)).status, 404, path);
    // Pages that are not public sections stay.
    assert.equal((await s.request('GET', '/support')).status, 200);
    await settings.update({ sections: before });
    for (const path of Object.values(sections))
      assert.equal((await s.request('GET', path)).status, 200, path);
  });

  test("an app's page exists while the business has the app on, with its elements and the video players' policy", async () => {
    const pages = {
      courses: ['/courses', '<portal-courses'],
      communities: ['/communities', '<portal-communities'],
      affiliates: ['/affiliate', '<portal-affiliate'],
    } as const;
    const { settings } = s.app.portico;
    const before = settings.current.apps;
    for (const [path] of Object.values(pages)) assert.equal((await s.request('GET', path)).status, 404, path);
    await settings.update({
      apps: Object.fromEntries(
        Object.entries(before).map(([id, app]) => [id, { ...app, enabled: true }]),
      ) as typeof before,
    });
    for (const [path, element] of Object.values(pages)) {
      const page = await s.request('GET', path);
      assert.equal(page.status, 200, path);
      assert.ok(page.text.includes(element), `${path} has ${element}`);
      const policy = page.headers.get('content-security-policy') ?? '';
      assert.match(policy, /frame-src https:\/\/www\.youtube-nocookie\.com https:\/\/player\.vimeo\.com/);
      assert.doesNotMatch(policy, /frame-src[^;]*\*/);
    }
    await settings.update({ apps: before });
    assert.equal((await s.request('GET', '/courses')).status, 404);
  });
});
