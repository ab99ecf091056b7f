import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { affiliateRoutes, affiliatesAdminRoutes, type RouteDescriptor } from '@portico/sdk/contract';
import {
  ADMIN,
  buy,
  CLIENT,
  clickLink,
  newAffiliate,
  register,
  setProgramme,
  startProgramme,
} from './affiliates-helpers.js';
import { key, newClient, ok, staffHeaders } from './billing-helpers.js';
import { seedAffiliatesDemo } from '../src/modules/affiliates/demo.js';
import { staffSession, startServer, type TestServer } from './helpers.js';
import { planOf, selectsDuring } from './query-plans.js';
import { mountedRoutes, routeKey, sendFake } from './route-walk.js';

const CLIENT_ROUTES = Object.values(affiliateRoutes) as RouteDescriptor[];

/** The affiliate routes the client router really mounts (every one of the contract's). */
function mountedAffiliateRoutes(s: TestServer): RouteDescriptor[] {
  const served = new Set(mountedRoutes(s.app.portico.routers.client).map(routeKey));
  const routes = CLIENT_ROUTES.filter((r) => served.has(routeKey(r)));
  assert.equal(routes.length, CLIENT_ROUTES.length, 'every affiliate route is mounted');
  return routes;
}

describe('who may use the programme', () => {
  test('every affiliate route is 404 while the app is off, the click route included', async () => {
    const { s } = await startProgramme();
    try {
      const aff = await newAffiliate(s, 'ada@off.test');
      await setProgramme(s, {}, { enabled: false });
      for (const route of mountedAffiliateRoutes(s)) {
        const headers =
          route.auth === 'public' ? { origin: s.app.portico.config.publicOrigin } : aff.client.headers;
        const r = await sendFake(s, route, { ...headers, 'idempotency-key': key() });
        assert.equal(r.status, 404, `${route.id}: ${r.status} ${r.text}`);
        assert.equal(r.body.code, 'NOT_FOUND');
      }
      // Even a well-formed click with a real code.
      const click = await s.request('POST', `${CLIENT}/clicks`, {
        body: { code: aff.code },
        headers: { origin: s.app.portico.config.publicOrigin },
      });
      assert.equal(click.status, 404);
      assert.equal(click.headers.get('set-cookie'), null);
      // Staff still run it.
      ok(await s.request('GET', `${ADMIN}/${aff.id}`, { headers: await staffHeaders(s, 'support') }));
    } finally {
      await s.close();
    }
  });

  test('an app for granted accounts is 404 on every client route without a grant, and works with one', async () => {
    const { s } = await startProgramme();
    try {
      await setProgramme(s, {}, { access: 'granted' });
      const client = await newClient(s, 'ada@granted.test');
      for (const route of mountedAffiliateRoutes(s)) {
        if (route.auth === 'public') continue;
        const r = await sendFake(s, route, { ...client.headers, 'idempotency-key': key() });
        assert.equal(r.status, 404, `${route.id}: ${r.status} ${r.text}`);
      }
      // The public click route works for anyone while the app is on.
      assert.deepEqual(await clickLink(s, 'nosuchcode'), { referral: null, expiresAt: null, cookie: null });

      await s.app.portico.db
        .insertInto('app_grants')
        .values({
          id: s.app.portico.deps.ids('grt'),
          kind: 'app',
          resource_id: 'affiliates',
          account_id: client.accountId,
          created_at: s.clock.now().toISOString(),
        })
        .execute();
      const overview = ok(await s.request('GET', CLIENT, { headers: client.headers }));
      assert.equal(overview.affiliate, null);
      assert.equal(overview.programme.signup, 'open');
    } finally {
      await s.close();
    }
  });

  test('joining and payout requests are rate-limited, and their contract says so', async () => {
    for (const route of [affiliateRoutes.join, affiliateRoutes.requestPayout] as RouteDescriptor[]) {
      assert.equal(route.rateLimited, true, `${route.id} declares its rate limit (429 in the OpenAPI)`);
      assert.ok(route.errors?.includes('RATE_LIMITED'), `${route.id} lists RATE_LIMITED`);
    }
    const { s } = await startProgramme();
    try {
      const aff = await newAffiliate(s, 'ada@joins.test');
      let last = 0;
      for (let i = 0; i < 10; i++) {
        last = (await s.request('POST', CLIENT, { headers: aff.client.headers, body: {} })).status;
      }
      assert.equal(last, 429);
    } finally {
      await s.close();
    }
  });

  test('clicks are rate-limited per visitor address', async () => {
    const { s } = await startProgramme();
    try {
      const aff = await newAffiliate(s, 'ada@limit.test');
      for (let i = 0; i < 60; i++) await clickLink(s, i % 2 ? aff.code : 'nosuchcode');
      const over = await s.request('POST', `${CLIENT}/clicks`, {
        body: { code: aff.code },
        headers: { origin: s.app.portico.config.publicOrigin },
      });
      assert.equal(over.status, 429);
      assert.equal(over.body.code, 'RATE_LIMITED');
      const bad = await s.request('POST', `${CLIENT}/clicks`, {
        body: { code: '<script>' },
        headers: { origin: s.app.portico.config.publicOrigin },
      });
      assert.equal(bad.status, 400, 'a malformed code is refused before anything is counted');
    } finally {
      await s.close();
    }
  });

  test('an account that has not joined sees empty lists, cannot change or ask for anything', async () => {
    const { s } = await startProgramme();
    try {
      const client = await newClient(s, 'ada@outside.test');
      for (const path of ['referrals', 'commissions', 'payouts', 'ledger']) {
        assert.deepEqual(ok(await s.request('GET', `${CLIENT}/${path}`, { headers: client.headers })), {
          items: [],
          nextCursor: null,
        });
      }
      const update = await s.request('PATCH', CLIENT, {
        headers: client.headers,
        body: { payoutDetails: 'x' },
      });
      assert.equal(update.status, 404);
      const payout = await s.request('POST', `${CLIENT}/payouts`, {
        headers: { ...client.headers, 'idempotency-key': key() },
        body: { amount: 5000, currency: 'USD' },
      });
      assert.equal(payout.status, 409);
      assert.equal(payout.body.code, 'AFFILIATE_INACTIVE');
    } finally {
      await s.close();
    }
  });
});

describe('joining', () => {
  test('open sign-up: active at once with an unambiguous code and a link on the business’s site', async () => {
    const { s } = await startProgramme({ linkBase: 'https://northwind.example/pricing?utm=x' });
    try {
      const client = await newClient(s, 'ada@join.test');
      const joined = ok(
        await s.request('POST', CLIENT, {
          headers: client.headers,
          body: { payoutDetails: '  IBAN ES12  ' },
        }),
        201,
      );
      const { affiliate } = joined;
      assert.equal(affiliate.status, 'active');
      assert.match(affiliate.code, /^[a-hjkmnp-z2-9]{8}$/);
      assert.equal(affiliate.link, `https://northwind.example/pricing?utm=x&ref=${affiliate.code}`);
      assert.equal(affiliate.payoutDetails, 'IBAN ES12');
      assert.equal(affiliate.approvedAt, s.clock.now().toISOString());
      const again = await s.request('POST', CLIENT, { headers: client.headers, body: {} });
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'ALREADY_AFFILIATE');
      const updated = ok(
        await s.request('PATCH', CLIENT, {
          headers: client.headers,
          body: { payoutDetails: 'PayPal ada@x' },
        }),
      );
      assert.equal(updated.affiliate.payoutDetails, 'PayPal ada@x');
      // Without a link base, the hosted portal.
      await setProgramme(s, { linkBase: null });
      const hosted = ok(await s.request('GET', CLIENT, { headers: client.headers }));
      assert.equal(hosted.affiliate.link, `${s.app.portico.config.publicUrl}/?ref=${affiliate.code}`);
    } finally {
      await s.close();
    }
  });

  test('approval: pending until staff approve; admins and billing staff hear of it; the owner of the decision', async () => {
    const { s } = await startProgramme({ signup: 'approval' });
    try {
      const admin = await staffSession(s, 'admin', 'admin@staff.test');
      const billing = await staffSession(s, 'billing', 'billing@staff.test');
      const support = await staffSession(s, 'support', 'support@staff.test');
      const client = await newClient(s, 'ada@approval.test');
      const joined = ok(
        await s.request('POST', CLIENT, { headers: client.headers, body: { note: 'I run a hosting blog' } }),
        201,
      );
      assert.equal(joined.affiliate.status, 'pending');
      assert.equal(joined.affiliate.approvedAt, null);
      for (const to of [admin.email, billing.email]) {
        const [mail] = await s.mailsTo(to);
        assert.match(mail?.subject ?? '', /^New affiliate application: /);
        assert.ok(mail?.text.includes('I run a hosting blog'));
      }
      assert.deepEqual(await s.mailsTo(support.email), []);
      // A pending affiliate's link records nothing.
      assert.deepEqual(await clickLink(s, joined.affiliate.code), {
        referral: null,
        expiresAt: null,
        cookie: null,
      });

      const approved = ok(
        await s.request('POST', `${ADMIN}/${joined.affiliate.id}/status`, {
          headers: billing.headers,
          body: { status: 'active' },
        }),
      );
      assert.equal(approved.status, 'active');
      assert.equal(approved.note, 'I run a hosting blog');
      assert.deepEqual(
        (await s.mailsTo(client.email)).map((m) => m.subject),
        ['You are an affiliate now'],
      );
      ok(
        await s.request('POST', `${ADMIN}/${joined.affiliate.id}/status`, {
          headers: billing.headers,
          body: { status: 'rejected' },
        }),
      );
      assert.deepEqual(
        (await s.mailsTo(client.email)).map((m) => m.subject),
        ['You are an affiliate now', 'Your affiliate application'],
      );
      const audit = await s.app.portico.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'details'])
        .where('target_id', '=', joined.affiliate.id)
        .orderBy('at')
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor_id, JSON.parse(a.details).to]),
        [
          ['affiliate.status_changed', billing.id, 'active'],
          ['affiliate.status_changed', billing.id, 'rejected'],
        ],
      );
    } finally {
      await s.close();
    }
  });
});

describe('isolation and staff', () => {
  test('one affiliate never sees another’s referrals, commissions, payouts or ledger', async () => {
    const { s, catalog } = await startProgramme();
    try {
      const a = await newAffiliate(s, 'ada@iso.test');
      const b = await newAffiliate(s, 'bob@iso.test');
      const grace = await register(s, 'grace@iso.test', { referral: a.code });
      await buy(s, grace, [{ productId: catalog.starter.id, cycle: 'monthly' }]);
      const staff = await staffHeaders(s, 'billing');
      ok(
        await s.request('POST', `${ADMIN}/${a.id}/adjustments`, {
          headers: { ...staff, 'idempotency-key': key() },
          body: { amount: 6000, currency: 'USD', description: 'Bonus' },
        }),
        201,
      );
      ok(
        await s.request('POST', `${CLIENT}/payouts`, {
          headers: { ...a.client.headers, 'idempotency-key': key() },
          body: { amount: 6000, currency: 'USD' },
        }),
        201,
      );
      for (const path of ['referrals', 'commissions', 'payouts', 'ledger']) {
        const mine = ok(await s.request('GET', `${CLIENT}/${path}`, { headers: a.client.headers }));
        assert.ok(mine.items.length > 0, path);
        const theirs = ok(await s.request('GET', `${CLIENT}/${path}`, { headers: b.client.headers }));
        assert.deepEqual(theirs, { items: [], nextCursor: null }, path);
      }
      const overview = ok(await s.request('GET', CLIENT, { headers: b.client.headers }));
      assert.deepEqual(overview.affiliate.stats, { clicks: 0, signups: 0, conversions: 0 });
      assert.deepEqual(overview.affiliate.balances, []);
      // The referred client sees nothing of the programme's figures either.
      const referred = ok(await s.request('GET', CLIENT, { headers: grace.headers }));
      assert.equal(referred.affiliate, null);
      const tampered = await s.request('GET', `${CLIENT}/ledger?cursor=eyJ4IjoxfQ`, {
        headers: b.client.headers,
      });
      assert.equal(tampered.status, 400);
    } finally {
      await s.close();
    }
  });

  test('support staff read the programme but never change it or its money', async () => {
    const { s, catalog } = await startProgramme();
    try {
      const aff = await newAffiliate(s, 'ada@roles.test');
      const billing = await staffHeaders(s, 'billing');
      ok(
        await s.request('POST', `${ADMIN}/${aff.id}/adjustments`, {
          headers: { ...billing, 'idempotency-key': key() },
          body: { amount: 9000, currency: 'USD', description: 'Bonus' },
        }),
        201,
      );
      const payout = ok(
        await s.request('POST', `${CLIENT}/payouts`, {
          headers: { ...aff.client.headers, 'idempotency-key': key() },
          body: { amount: 9000, currency: 'USD' },
        }),
        201,
      );
      const support = await staffHeaders(s, 'support');
      const ids: Record<string, string> = { affiliateId: aff.id, payoutId: payout.id };
      const bodies: Record<string, unknown> = {
        updateSettings: { signup: 'approval' },
        setProductCommissions: { items: [] },
        setStatus: { status: 'suspended' },
        adjust: { amount: -9000, currency: 'USD', description: 'Take it back' },
        payPayout: { method: 'bank', reference: 'X' },
        rejectPayout: { reason: 'No' },
      };
      for (const [name, route] of Object.entries(affiliatesAdminRoutes) as Array<[string, RouteDescriptor]>) {
        const path = route.path.replace(/:([A-Za-z]+)/g, (_, p: string) => ids[p] ?? p);
        const r = await s.request(route.method, path, {
          headers: { ...support, 'idempotency-key': key() },
          ...(route.method === 'GET' ? {} : { body: bodies[name] ?? {} }),
        });
        if (route.method === 'GET') assert.equal(r.status, 200, `${name}: ${r.status} ${r.text}`);
        else {
          assert.equal(r.status, 403, `${name}: ${r.status}`);
          assert.equal(r.body.code, 'ROLE_NOT_ALLOWED');
        }
      }
      assert.deepEqual((await s.request('GET', `${ADMIN}/${aff.id}`, { headers: support })).body.balances, [
        { currency: 'USD', pending: 0, available: 0, requested: 9000, paid: 0 },
      ]);

      // Billing staff do: settings, product rules (an unknown product is a 422 on its item), the list's filters.
      const settings = ok(
        await s.request('PATCH', `${ADMIN}/settings`, {
          headers: billing,
          body: { clearingDays: 7, terms: '# Terms\n\n<script>x()</script>Be nice.' },
        }),
      );
      assert.equal(settings.clearingDays, 7);
      assert.equal(settings.signup, 'open', 'other rules stay');
      const overview = ok(await s.request('GET', CLIENT, { headers: aff.client.headers }));
      assert.equal(overview.programme.clearingDays, 7);
      assert.doesNotMatch(overview.programme.termsHtml, /<script/);
      assert.match(overview.programme.termsHtml, /Be nice/);
      const unknown = await s.request('PUT', `${ADMIN}/product-commissions`, {
        headers: billing,
        body: {
          items: [
            { productId: catalog.pro.id, rule: { type: 'percent', rateBps: 500 } },
            { productId: s.app.portico.deps.ids('prod'), rule: { type: 'none' } },
          ],
        },
      });
      assert.equal(unknown.status, 422, unknown.text);
      assert.equal(unknown.body.errors[0].path, 'items.1.productId');
      const rules = ok(
        await s.request('PUT', `${ADMIN}/product-commissions`, {
          headers: billing,
          body: { items: [{ productId: catalog.pro.id, rule: { type: 'percent', rateBps: 500 } }] },
        }),
      );
      assert.deepEqual(rules.items, [
        { productId: catalog.pro.id, productName: 'Pro', rule: { type: 'percent', rateBps: 500 } },
      ]);
      const actions = await s.app.portico.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'affiliate%')
        .orderBy('at')
        .execute();
      assert.deepEqual(
        actions.map((a) => a.action),
        ['affiliate.adjusted', 'affiliates.settings_updated', 'affiliates.product_commissions_replaced'],
      );

      const other = await newAffiliate(s, 'zed@roles.test');
      ok(
        await s.request('POST', `${ADMIN}/${other.id}/status`, {
          headers: billing,
          body: { status: 'suspended' },
        }),
      );
      const suspended = ok(await s.request('GET', `${ADMIN}?status=suspended`, { headers: support }));
      assert.deepEqual(
        suspended.items.map((a: any) => a.id),
        [other.id],
      );
      const byName = ok(await s.request('GET', `${ADMIN}?q=ZED`, { headers: support }));
      assert.deepEqual(
        byName.items.map((a: any) => a.id),
        [other.id],
      );
      const byCode = ok(await s.request('GET', `${ADMIN}?q=${aff.code.slice(2, 7)}`, { headers: support }));
      assert.ok(byCode.items.some((a: any) => a.id === aff.id));
      const page = ok(await s.request('GET', `${ADMIN}?limit=1`, { headers: support }));
      assert.equal(page.items.length, 1);
      const next = ok(
        await s.request('GET', `${ADMIN}?limit=1&cursor=${page.nextCursor}`, { headers: support }),
      );
      assert.notEqual(next.items[0].id, page.items[0].id);
      assert.equal(
        (await s.request('GET', `${ADMIN}/aff_01hzzzzzzzzzzzzzzzzzzzzzzz`, { headers: support })).status,
        404,
      );
    } finally {
      await s.close();
    }
  });

  test('every list walks an index in its own order (no temporary B-tree)', async () => {
    const { s } = await startProgramme();
    try {
      const aff = await newAffiliate(s, 'ada@plans.test');
      const staff = await staffHeaders(s, 'admin');
      const client = [
        '',
        '/referrals',
        '/commissions',
        '/commissions?status=pending',
        '/payouts',
        '/ledger',
      ].map((p) => CLIENT + p);
      const admin = [
        '',
        '?status=active',
        '?q=ada',
        '/commissions',
        '/commissions?status=pending',
        `/commissions?affiliateId=${aff.id}`,
        `/commissions?affiliateId=${aff.id}&status=payable`,
        '/payouts',
        '/payouts?status=requested',
        `/payouts?affiliateId=${aff.id}`,
        `/payouts?affiliateId=${aff.id}&status=paid`,
        `/${aff.id}/ledger`,
      ].map((p) => ADMIN + p);
      const sqls = await selectsDuring(s, async () => {
        for (const path of client) ok(await s.request('GET', path, { headers: aff.client.headers }));
        for (const path of admin) ok(await s.request('GET', path, { headers: staff }));
      });
      const lists = sqls.filter((q) => /affiliate/.test(q) && /order by .* limit \?$/i.test(q));
      assert.ok(lists.length >= 12, `${lists.length} list queries`);
      for (const sql of lists) assert.doesNotMatch(planOf(s, sql), /TEMP B-TREE/, sql);
    } finally {
      await s.close();
    }
  });
});

describe('the demo', () => {
  test('turns the app on with open sign-up once, and never undoes a later change', async () => {
    const s = await startServer();
    try {
      await seedAffiliatesDemo(s.app.portico);
      const { settings } = s.app.portico;
      assert.equal(settings.current.apps.affiliates.enabled, true);
      assert.equal(settings.current.affiliates.signup, 'open');
      await settings.update({ affiliates: { ...settings.current.affiliates, signup: 'approval' } });
      await seedAffiliatesDemo(s.app.portico);
      assert.equal(settings.current.affiliates.signup, 'approval');
      assert.equal(settings.current.apps.courses.enabled, false, 'other apps are left alone');
    } finally {
      await s.close();
    }
  });
});
