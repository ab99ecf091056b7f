import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AffiliateStore } from '../src/modules/affiliates/store.js';
import {
  ADMIN,
  buy,
  CLIENT,
  clickLink,
  commissionsOf,
  DAY,
  fresh,
  newAffiliate,
  refund,
  register,
  renewalInvoiceOf,
  runJob,
  setProgramme,
  startProgramme,
  sums,
} from './affiliates-helpers.js';
import { ok, pay, staffHeaders } from './billing-helpers.js';
import type { TestServer } from './helpers.js';

const referralsOf = (s: TestServer, affiliateId: string) =>
  s.app.portico.db
    .selectFrom('affiliate_referrals')
    .selectAll()
    .where('affiliate_id', '=', affiliateId)
    .execute();

describe('attribution and commissions', () => {
  test('a visitor through the link cookie who buys earns the affiliate exactly one pending commission', async () => {
    const { s, catalog } = await startProgramme();
    try {
      const aff = await newAffiliate(s, 'ada@aff.test');
      const click = await clickLink(s, aff.code.toUpperCase());
      assert.match(click.referral ?? '', /^clk_/);
      assert.equal(click.expiresAt, new Date(s.clock.now().getTime() + 30 * DAY).toISOString());
      assert.equal(click.cookie, `portico_ref=${click.referral}`, 'the first-party cookie holds the click');

      const grace = await register(s, 'grace@referred.test', { cookie: click.cookie ?? '' });
      const [referral] = await referralsOf(s, aff.id);
      assert.equal(referral?.account_id, grace.accountId);
      assert.equal(referral?.click_id, click.referral);

      // Starter monthly: $10 + $5 setup, taxable: 10 % of the lines before tax.
      const invoiceId = await buy(s, grace, [{ productId: catalog.starter.id, cycle: 'monthly' }]);
      const [commission, ...more] = await commissionsOf(s, aff.id);
      assert.equal(more.length, 0);
      assert.equal(commission?.invoice_id, invoiceId);
      assert.equal(commission?.amount, 150);
      assert.equal(commission?.status, 'pending');
      assert.equal(commission?.clears_at, new Date(s.clock.now().getTime() + 30 * DAY).toISOString());
      assert.deepEqual(await sums(s, aff.id), { pending: 150, available: 0, requested: 0, paid: 0 });

      // The invoice's paid event again (a retried webhook, a second settle) changes nothing.
      const invoice = await s.app.portico.db
        .selectFrom('invoices')
        .selectAll()
        .where('id', '=', invoiceId)
        .executeTakeFirstOrThrow();
      const now = s.clock.now().toISOString();
      await s.app.portico.db.transaction().execute(async (trx) => {
        await s.app.portico.apps.affiliates.commissions.paid(trx, invoice, now);
        await s.app.portico.apps.affiliates.commissions.paid(trx, invoice, now);
      });
      assert.notEqual((await pay(s, grace, invoiceId)).status, 201, 'a paid invoice takes no second payment');
      assert.equal((await commissionsOf(s, aff.id)).length, 1);
      assert.deepEqual(await sums(s, aff.id), { pending: 150, available: 0, requested: 0, paid: 0 });

      // The affiliate sees it, the referral by initials only.
      const overview = ok(await s.request('GET', CLIENT, { headers: aff.client.headers }));
      assert.deepEqual(overview.affiliate.stats, { clicks: 1, signups: 1, conversions: 1 });
      assert.deepEqual(overview.affiliate.balances, [
        { currency: 'USD', pending: 150, available: 0, requested: 0, paid: 0 },
      ]);
      const listed = ok(await s.request('GET', `${CLIENT}/commissions`, { headers: aff.client.headers }));
      assert.equal(listed.items.length, 1);
      assert.equal(listed.items[0].referralName, 'G. H.');
      const referrals = ok(await s.request('GET', `${CLIENT}/referrals`, { headers: aff.client.headers }));
      assert.deepEqual(
        referrals.items.map((r: any) => [r.name, r.converted]),
        [['G. H.', true]],
      );
      assert.doesNotMatch(JSON.stringify(referrals), /grace|Grace|Hopper/);
      const ledger = ok(await s.request('GET', `${CLIENT}/ledger`, { headers: aff.client.headers }));
      assert.deepEqual(
        ledger.items.map((e: any) => [e.kind, e.bucket, e.amount]),
        [['commission', 'pending', 150]],
      );
    } finally {
      await s.close();
    }
  });

  test('the form’s referral field (a code, any case) attributes; product rules override the default', async () => {
    const { s, catalog } = await startProgramme({ commission: { type: 'percent', rateBps: 2000 } });
    try {
      const aff = await newAffiliate(s, 'ada@rules.test');
      const staff = await staffHeaders(s, 'billing');
      ok(
        await s.request('PUT', `${ADMIN}/product-commissions`, {
          headers: staff,
          body: {
            items: [
              { productId: catalog.pro.id, rule: { type: 'fixed', amount: 700, currency: 'USD' } },
              { productId: catalog.migration.id, rule: { type: 'none' } },
              { productId: catalog.starter.id, rule: { type: 'fixed', amount: 300, currency: 'EUR' } },
            ],
          },
        }),
      );
      const grace = await register(s, 'grace@rules.test', { referral: aff.code.toUpperCase() });
      assert.equal((await referralsOf(s, aff.id)).length, 1);
      await buy(s, grace, [
        { productId: catalog.pro.id, cycle: 'monthly', quantity: 2 }, // fixed $7 per unit: 1400
        { productId: catalog.migration.id, cycle: 'one_time' }, // none: 0
        { productId: catalog.starter.id, cycle: 'monthly' }, // fixed in EUR on a USD invoice: 0 (setup too)
        { productId: catalog.limited.id, cycle: 'monthly' }, // the default 20 % of $7: 140
      ]);
      const [commission, ...more] = await commissionsOf(s, aff.id);
      assert.equal(more.length, 0);
      assert.equal(commission?.amount, 1540);

      // A second buyer whose whole order earns nothing records no commission at all.
      const linus = await register(s, 'linus@rules.test', { referral: aff.code });
      await buy(s, linus, [{ productId: catalog.migration.id, cycle: 'one_time' }]);
      assert.equal((await commissionsOf(s, aff.id)).length, 1);
    } finally {
      await s.close();
    }
  });

  test('a discount line on the invoice lowers the commission: it is earned on what the client was charged', async () => {
    const { s } = await startProgramme();
    try {
      const aff = await newAffiliate(s, 'ada@discount.test');
      const grace = await register(s, 'grace@discount.test', { referral: aff.code });
      const staff = await staffHeaders(s, 'billing');
      const made = ok(
        await s.request('POST', '/api/admin/v1/invoices', {
          headers: staff,
          body: {
            accountId: grace.accountId,
            issue: true,
            lines: [
              { kind: 'product', description: 'Hosting', unitAmount: 10000, taxable: false },
              { kind: 'custom', description: 'Half off', unitAmount: -5000, taxable: false },
            ],
          },
        }),
        201,
      );
      assert.equal(made.total, 5000);
      ok(
        await s.request('POST', `/api/admin/v1/invoices/${made.id}/payments`, {
          headers: staff,
          body: { amount: 5000, method: 'Bank transfer' },
        }),
        201,
      );
      const [commission, ...more] = await commissionsOf(s, aff.id);
      assert.equal(more.length, 0);
      assert.equal(commission?.amount, 500, '10 % of the $50 charged, not of the $100 before the discount');
    } finally {
      await s.close();
    }
  });

  test('renewal invoices earn only while the programme is recurring', async () => {
    const { s, catalog } = await startProgramme();
    try {
      const aff = await newAffiliate(s, 'ada@renew.test');
      const grace = await register(s, 'grace@renew.test', { referral: aff.code });
      await buy(s, grace, [{ productId: catalog.pro.id, cycle: 'monthly' }]);
      const service = await s.app.portico.db
        .selectFrom('services')
        .select('id')
        .where('account_id', '=', grace.accountId)
        .executeTakeFirstOrThrow();
      assert.equal((await commissionsOf(s, aff.id)).length, 1, 'the first invoice earns');

      s.clock.advance(25 * DAY);
      await s.app.portico.services.runJob();
      const first = await renewalInvoiceOf(s, service.id);
      assert.ok(first, 'a renewal invoice was issued');
      ok(await pay(s, await fresh(s, grace), first), 201);
      assert.equal((await commissionsOf(s, aff.id)).length, 1, 'not recurring: the renewal earns nothing');

      await setProgramme(s, { recurring: true });
      s.clock.advance(30 * DAY);
      await s.app.portico.services.runJob();
      const second = await renewalInvoiceOf(s, service.id);
      assert.ok(second && second !== first);
      ok(await pay(s, await fresh(s, grace), second), 201);
      const all = await commissionsOf(s, aff.id);
      assert.deepEqual(
        all.map((c) => [c.invoice_id, c.amount]),
        [
          [all[0]?.invoice_id, 250],
          [second, 250],
        ],
      );
    } finally {
      await s.close();
    }
  });

  test('a refund reverses the commission out of the balance it is in', async () => {
    const { s, catalog } = await startProgramme();
    try {
      const aff = await newAffiliate(s, 'ada@refund.test');
      const grace = await register(s, 'grace@refund.test', { referral: aff.code });
      const pendingOne = await buy(s, grace, [{ productId: catalog.starter.id, cycle: 'monthly' }]);
      await refund(s, pendingOne);
      const [reversed] = await commissionsOf(s, aff.id);
      assert.equal(reversed?.status, 'reversed');
      assert.equal(reversed?.reversed_at, s.clock.now().toISOString());
      assert.deepEqual(await sums(s, aff.id), { pending: 0, available: 0, requested: 0, paid: 0 });
      const overview = ok(await s.request('GET', CLIENT, { headers: aff.client.headers }));
      assert.equal(overview.affiliate.stats.conversions, 0, 'a reversed commission is no conversion');

      // Cleared first, then refunded: it leaves the available balance.
      const clearedOne = await buy(s, grace, [{ productId: catalog.pro.id, cycle: 'monthly' }]);
      s.clock.advance(30 * DAY);
      assert.deepEqual(await runJob(s), { commissionsCleared: 1 });
      assert.deepEqual(await sums(s, aff.id), { pending: 0, available: 250, requested: 0, paid: 0 });
      await refund(s, clearedOne);
      assert.deepEqual(await sums(s, aff.id), { pending: 0, available: 0, requested: 0, paid: 0 });
      const { headers } = await fresh(s, aff.client);
      const ledger = ok(await s.request('GET', `${CLIENT}/ledger`, { headers }));
      assert.deepEqual(
        ledger.items.map((e: any) => [e.kind, e.bucket, e.amount]),
        [
          ['reversal', 'available', -250],
          ['cleared', 'available', 250],
          ['cleared', 'pending', -250],
          ['commission', 'pending', 250],
          ['reversal', 'pending', -150],
          ['commission', 'pending', 150],
        ],
      );
      assert.deepEqual(
        (await commissionsOf(s, aff.id)).map((c) => c.status),
        ['reversed', 'reversed'],
      );
    } finally {
      await s.close();
    }
  });

  test('self-referrals earn nothing: a second account of the owner, a shared member, the own invoice', async () => {
    const { s, catalog } = await startProgramme();
    try {
      await s.app.portico.settings.update({ allowDuplicateAccounts: true });
      const aff = await newAffiliate(s, 'ada@self.test');

      // The affiliate's owner registers a second account with their own link.
      const click = await clickLink(s, aff.code);
      const second = await register(s, 'ada@self.test', { cookie: click.cookie ?? '', name: 'Ada Two' });
      assert.notEqual(second.accountId, aff.client.accountId);
      assert.equal(second.userId, aff.client.userId);
      assert.deepEqual(await referralsOf(s, aff.id), []);
      await buy(s, second, [{ productId: catalog.starter.id, cycle: 'monthly' }]);

      // The affiliate's own account buys.
      await buy(s, aff.client, [{ productId: catalog.starter.id, cycle: 'monthly' }]);

      // A referred account that later shares a person with the affiliate earns nothing from then on.
      const grace = await register(s, 'grace@self.test', { referral: aff.code });
      assert.equal((await referralsOf(s, aff.id)).length, 1);
      await s.app.portico.db
        .insertInto('memberships')
        .values({
          id: s.app.portico.deps.ids('mem'),
          user_id: aff.client.userId,
          account_id: grace.accountId,
          role: 'billing',
          created_at: s.clock.now().toISOString(),
        })
        .execute();
      await buy(s, grace, [{ productId: catalog.starter.id, cycle: 'monthly' }]);

      assert.deepEqual(await commissionsOf(s, aff.id), []);
      assert.deepEqual(await sums(s, aff.id), { pending: 0, available: 0, requested: 0, paid: 0 });
    } finally {
      await s.close();
    }
  });

  test('an expired click, an unknown or inactive code attribute nothing; the first referral wins', async () => {
    const { s, catalog } = await startProgramme();
    try {
      const aff = await newAffiliate(s, 'ada@window.test');
      const click = await clickLink(s, aff.code);
      s.clock.advance(30 * DAY + 1000);
      const late = await register(s, 'late@window.test', { cookie: click.cookie ?? '' });
      await buy(s, late, [{ productId: catalog.starter.id, cycle: 'monthly' }]);
      assert.deepEqual(await referralsOf(s, aff.id), []);
      assert.deepEqual(await commissionsOf(s, aff.id), []);

      // Unknown and suspended codes: nulls, no cookie, nothing recorded.
      assert.deepEqual(await clickLink(s, 'nosuchcode'), { referral: null, expiresAt: null, cookie: null });
      const other = await newAffiliate(s, 'bob@window.test');
      const staff = await staffHeaders(s, 'admin');
      ok(
        await s.request('POST', `${ADMIN}/${other.id}/status`, {
          headers: staff,
          body: { status: 'suspended' },
        }),
      );
      assert.deepEqual(await clickLink(s, other.code), { referral: null, expiresAt: null, cookie: null });
      await register(s, 'eve@window.test', { referral: other.code });
      assert.deepEqual(await referralsOf(s, other.id), []);
      const clicks = await s.app.portico.db.selectFrom('affiliate_clicks').select('affiliate_id').execute();
      assert.deepEqual(
        clicks.map((c) => c.affiliate_id),
        [aff.id],
      );

      // A click the same day by the same visitor is the same click; a code in the form works within the window.
      const again = await clickLink(s, aff.code);
      assert.equal((await clickLink(s, aff.code)).referral, again.referral);
      const grace = await register(s, 'grace@window.test', { referral: again.referral ?? '' });
      const events = s.app.portico.apps.affiliates.commissions;
      const now = s.clock.now().toISOString();
      ok(
        await s.request('POST', `${ADMIN}/${other.id}/status`, {
          headers: staff,
          body: { status: 'active' },
        }),
      );
      assert.equal(
        await events.attribute({
          userId: grace.userId,
          accountId: grace.accountId,
          referral: other.code,
          now,
        }),
        false,
        'the first referral wins',
      );
      assert.equal(
        (await new AffiliateStore(s.app.portico.db).referralOf(grace.accountId))?.affiliate_id,
        aff.id,
      );
    } finally {
      await s.close();
    }
  });

  test('clearing moves a commission from pending to available only after the clearing days', async () => {
    const { s, catalog } = await startProgramme({ clearingDays: 14 });
    try {
      const aff = await newAffiliate(s, 'ada@clear.test');
      const grace = await register(s, 'grace@clear.test', { referral: aff.code });
      await buy(s, grace, [{ productId: catalog.pro.id, cycle: 'monthly' }]);
      s.clock.advance(14 * DAY - 1000);
      assert.deepEqual(await runJob(s), { commissionsCleared: 0 });
      assert.deepEqual(await sums(s, aff.id), { pending: 250, available: 0, requested: 0, paid: 0 });
      s.clock.advance(1000);
      assert.deepEqual(await runJob(s), { commissionsCleared: 1 });
      assert.deepEqual(await runJob(s), { commissionsCleared: 0 }, 'once only');
      assert.deepEqual(await sums(s, aff.id), { pending: 0, available: 250, requested: 0, paid: 0 });
      const [commission] = await commissionsOf(s, aff.id);
      assert.equal(commission?.status, 'payable');
      const { headers } = await fresh(s, aff.client);
      const payable = ok(await s.request('GET', `${CLIENT}/commissions?status=payable`, { headers }));
      assert.equal(payable.items.length, 1);
      const pending = ok(await s.request('GET', `${CLIENT}/commissions?status=pending`, { headers }));
      assert.equal(pending.items.length, 0);
    } finally {
      await s.close();
    }
  });
});
