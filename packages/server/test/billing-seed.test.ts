import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_LOGIN, seedDemo } from '../src/seed.js';
import { signIn } from './account-helpers.js';
import { startServer, type TestServer } from './helpers.js';

describe('billing: the demo seed', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
    assert.equal(await seedDemo(s.app.portico), true);
  });
  after(() => s.close());

  test('the store has the demo catalog in USD and EUR', async () => {
    const usd = (await s.request('GET', '/api/v1/store')).body;
    assert.deepEqual(usd.currencies, ['USD', 'EUR']);
    assert.deepEqual(
      usd.groups.map((g: any) => [g.name, g.products.map((p: any) => p.name)]),
      [
        ['Web hosting', ['Starter', 'Business', 'Pro']],
        ['Email', ['Mailbox']],
        ['Services', ['Website care', 'Site migration']],
      ],
    );
    const starter = usd.groups[0].products[0];
    assert.deepEqual(
      starter.prices.map((p: any) => [p.cycle, p.setupFee > 0]),
      [
        ['monthly', true],
        ['annual', false],
        ['biennial', false],
      ],
    );
    assert.equal(usd.groups[0].products[1].featured, true);
    const eur = (await s.request('GET', '/api/v1/store?currency=EUR')).body;
    assert.equal(eur.groups.flatMap((g: any) => g.products).length, 6);
  });

  test('the demo client has a paid invoice and an unpaid one; seeding again adds nothing', async () => {
    const token = await signIn(s, DEMO_LOGIN.email, DEMO_LOGIN.password);
    const headers = { authorization: `Bearer ${token}` };
    const invoices = (await s.request('GET', '/api/v1/invoices', { headers })).body.items;
    assert.deepEqual(invoices.map((i: any) => i.status).sort(), ['paid', 'unpaid']);
    assert.equal(await seedDemo(s.app.portico), false);
    const again = (await s.request('GET', '/api/v1/invoices', { headers })).body.items;
    assert.equal(again.length, 2);
    const groups = await s.app.portico.db.selectFrom('product_groups').select('id').execute();
    assert.equal(groups.length, 3);
  });
});
