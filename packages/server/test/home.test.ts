import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newClient, enableCurrencies } from './billing-helpers.js';
import { type StaffLogin, staffSession, type TestServer } from './helpers.js';
import { auditActions, publicGet, setSections, staffCall, startNewsServer } from './news-helpers.js';

describe('the portal home', () => {
  let s: TestServer;
  let admin: StaffLogin;
  const ids: Record<string, string> = {};

  before(async () => {
    ({ s, admin } = await startNewsServer());
    await enableCurrencies(s, ['USD', 'EUR']);
    const billing = await staffSession(s, 'billing');
    const group = await staffCall(s, billing, 'POST', '/product-groups', { name: 'Hosting' }, 201);
    const product = async (name: string, extra: Record<string, unknown>) => {
      const made = await staffCall(
        s,
        billing,
        'POST',
        '/products',
        {
          groupId: group.id,
          name,
          prices: [
            { currency: 'USD', cycle: 'monthly', amount: 1_000 },
            { currency: 'EUR', cycle: 'monthly', amount: 900 },
          ],
          ...extra,
        },
        201,
      );
      ids[name] = made.id;
    };
    await product('Featured one', { featured: true, sortOrder: 1 });
    await product('Plain', { sortOrder: 2 });
    await product('Sold out', { featured: true, stock: 0, sortOrder: 3 });
    await product('Hidden featured', { featured: true, hidden: true, sortOrder: 4 });
    await product('Featured two', { featured: true, sortOrder: 5 });
    await product('Featured three', { featured: true, sortOrder: 6 });
    await product('Dollars only', {
      featured: true,
      sortOrder: 0,
      prices: [{ currency: 'USD', cycle: 'monthly', amount: 500 }],
    });
    const t = s.clock.now().getTime();
    for (const [i, title] of ['Oldest', 'Middle', 'Newest'].entries()) {
      await staffCall(
        s,
        admin,
        'POST',
        '/announcements',
        {
          title,
          body: 'x',
          publishedAt: new Date(t - (3 - i) * 60_000).toISOString(),
        },
        201,
      );
    }
    await staffCall(
      s,
      admin,
      'POST',
      '/announcements',
      {
        title: 'Not yet',
        body: 'x',
        publishedAt: new Date(t + 60_000).toISOString(),
      },
      201,
    );
  });
  after(() => s.close());

  test('hero, sections, featured products in stock and the latest announcements', async () => {
    const home = await publicGet(s, '/home', 200);
    assert.deepEqual(home.hero, s.app.portico.settings.current.home.hero);
    assert.deepEqual(home.sections, s.app.portico.settings.current.sections);
    assert.equal(home.currency, 'USD');
    assert.deepEqual(
      home.featuredProducts.map((p: any) => p.name),
      ['Dollars only', 'Featured one', 'Featured two'],
    );
    assert.deepEqual(
      home.announcements.map((a: any) => a.title),
      ['Newest', 'Middle', 'Oldest'],
    );
  });

  test("prices in the currency asked for, else the account's", async () => {
    const eur = await publicGet(s, '/home?currency=EUR', 200);
    assert.equal(eur.currency, 'EUR');
    assert.deepEqual(
      eur.featuredProducts.map((p: any) => p.name),
      ['Featured one', 'Featured two', 'Featured three'],
    );
    assert.ok(eur.featuredProducts.every((p: any) => p.prices.every((x: any) => x.currency === 'EUR')));
    const client = await newClient(s, 'eur@home.test', { currency: 'EUR' });
    const signedIn = await s.request('GET', '/api/v1/home', { headers: client.headers });
    assert.equal(signedIn.status, 200);
    assert.equal(signedIn.body.currency, 'EUR');
    const bad = await publicGet(s, '/home?currency=JPY', 400);
    assert.equal(bad.code, 'CURRENCY_NOT_ENABLED');
  });

  test('the counts and the hero follow the settings staff change', async () => {
    const hero = { title: 'Welcome to Northwind', subtitle: 'Hosting done right', cta: null };
    const updated = await staffCall(
      s,
      admin,
      'PATCH',
      '/content/home',
      {
        hero,
        featuredLimit: 1,
        announcementsLimit: 2,
      },
      200,
    );
    assert.deepEqual(updated, { hero, featuredLimit: 1, announcementsLimit: 2 });
    assert.deepEqual(await staffCall(s, admin, 'GET', '/content/home', undefined, 200), updated);
    const home = await publicGet(s, '/home', 200);
    assert.deepEqual(home.hero, hero);
    assert.equal(home.featuredProducts.length, 1);
    assert.deepEqual(
      home.announcements.map((a: any) => a.title),
      ['Newest', 'Middle'],
    );
    await staffCall(s, admin, 'PATCH', '/content/home', { featuredLimit: 0, announcementsLimit: 0 }, 200);
    const none = await publicGet(s, '/home', 200);
    assert.deepEqual([none.featuredProducts, none.announcements], [[], []]);
    assert.deepEqual(none.hero, hero, 'fields not sent are kept');
    assert.deepEqual(await auditActions(s, 'home'), ['home_settings.updated', 'home_settings.updated']);

    const invalid = await staffCall(
      s,
      admin,
      'PATCH',
      '/content/home',
      {
        featuredLimit: 13,
        hero: { title: 'x', subtitle: '', cta: { label: 'Go', url: 'javascript:alert(1)' } },
      },
      400,
    );
    assert.deepEqual(invalid.errors.map((e: any) => e.path).sort(), ['featuredLimit', 'hero.cta.url']);
    await staffCall(s, admin, 'PATCH', '/content/home', { featuredLimit: 3, announcementsLimit: 3 }, 200);
  });

  test('a hidden store or announcements section leaves its part empty', async () => {
    await setSections(s, { store: false, announcements: false });
    try {
      const home = await publicGet(s, '/home', 200);
      assert.deepEqual(home.featuredProducts, []);
      assert.deepEqual(home.announcements, []);
      assert.equal(home.sections.store, false);
      assert.equal(home.sections.announcements, false);
    } finally {
      await setSections(s, { store: true, announcements: true });
    }
    assert.equal((await publicGet(s, '/home', 200)).announcements.length, 3);
  });

  test('roles: billing staff read the home settings, only admin and support change them', async () => {
    const billing = await staffSession(s, 'billing');
    await staffCall(s, billing, 'GET', '/content/home', undefined, 200);
    const refused = await staffCall(s, billing, 'PATCH', '/content/home', { featuredLimit: 2 }, 403);
    assert.equal(refused.code, 'ROLE_NOT_ALLOWED');
    const support = await staffSession(s, 'support');
    await staffCall(s, support, 'PATCH', '/content/home', { featuredLimit: 3 }, 200);
  });
});
