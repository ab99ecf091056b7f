import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminBilling } from '../../../test/fake-admin-billing.js';
import { fill, mountPage, noticeText, problem, submitFormOf } from '../../../test/fake-admin.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import type { PortalAdminProducts } from './admin-products.js';

const mount = (fake: FakeAdminBilling, as = 'grace@example.com') =>
  mountPage<PortalAdminProducts>(
    html`<portal-admin-products .client=${fake.client()} .session=${fake.signIn(as)}></portal-admin-products>`,
    fake,
    { as },
  );

const groupTitles = (el: PortalAdminProducts) =>
  [...el.shadowRoot!.querySelectorAll('[part~="group"] h2')].map((h) => h.textContent?.trim());
const cell = (el: PortalAdminProducts, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`);

describe('<portal-admin-products>', () => {
  let fake: FakeAdminBilling;
  beforeEach(() => {
    fake = new FakeAdminBilling();
  });

  it('lists each group with its products, their prices and flags', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('Products');
    expect(groupTitles(el)).to.deep.equal(['Web hosting', 'Consulting']);
    const [starter, business] = el.shadowRoot!.querySelectorAll('tbody tr');
    expect(starter?.textContent).to.contain('$5.00 · Monthly');
    expect(starter?.textContent).to.contain('€4.50 · Monthly');
    expect(starter?.textContent).to.contain('Not tracked');
    expect(business?.textContent).to.contain('Featured');
    expect(business?.textContent).to.contain('+ $10.00 setup');
    expect(el.shadowRoot!.textContent).to.contain('No products in this group yet.');
    await expect(el).to.be.accessible();
  });

  it('says when there are no groups, and when the catalog cannot load', async () => {
    fake.groups.length = 0;
    fake.products.length = 0;
    const el = await mount(fake);
    expect($(el, '[part~="empty"]').textContent).to.contain('No product groups yet');

    fake.answer('GET /api/admin/v1/products', () => problem(503, 'INTERNAL', 'Down for maintenance.'));
    const failed = await mount(fake);
    expect($(failed, '[part~="load-error"]').textContent).to.contain('Down for maintenance.');
    await expect(failed).to.be.accessible();
    button(failed, 'Try again').click();
    await waitUntil(() => failed.shadowRoot!.querySelector('[part~="empty"]'), 'never loaded again');
  });

  it('shows support staff the catalog but nothing to change it with', async () => {
    const el = await mount(fake, 'sam@example.com');
    expect(groupTitles(el)).to.have.length(2);
    const labels = [...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(labels).to.deep.equal([]);
  });

  it('edits the price grid and sends every price, in minor units, as the PATCH body', async () => {
    const starter = fake.products.find((p) => p.name === 'Starter')!;
    const el = await mount(fake);
    button(el, /^Edit$/).click();
    await el.updateComplete;
    // The grid has the enabled currencies by every cycle, filled from the saved prices.
    expect(cell(el, 'prices.USD.monthly.amount').value).to.equal('5.00');
    expect(cell(el, 'prices.USD.annual.amount').value).to.equal('50.00');
    expect(cell(el, 'prices.EUR.monthly.amount').value).to.equal('4.50');
    expect(cell(el, 'prices.EUR.annual.amount').value).to.equal('');
    expect(cell(el, 'prices.USD.monthly.amount').getAttribute('aria-label')).to.equal('Monthly price in USD');
    await expect(el).to.be.accessible();

    await fill(el, 'prices.USD.monthly.amount', '6');
    await fill(el, 'prices.USD.monthly.setupFee', '19.99');
    await fill(el, 'prices.EUR.monthly.amount', '');
    await fill(el, 'prices.EUR.quarterly.amount', '12.5');
    await submitFormOf(el, 'name');
    await settled(el);

    const patch = fake.callsTo(`/api/admin/v1/products/${starter.id}`, 'PATCH');
    expect(patch).to.have.length(1);
    expect(patch[0]?.body).to.deep.equal({
      prices: [
        { currency: 'USD', cycle: 'monthly', amount: 600, setupFee: 1999 },
        { currency: 'USD', cycle: 'annual', amount: 5000, setupFee: 0 },
        { currency: 'EUR', cycle: 'quarterly', amount: 1250, setupFee: 0 },
      ],
    });
    await waitUntil(() => noticeText(el).includes('Starter was saved.'));
    expect(el.shadowRoot!.querySelector('[name="prices.USD.monthly.amount"]') === null).to.be.true;
    expect($(el, 'tbody tr').textContent).to.contain('€12.50 · Quarterly');
  });

  it('shows what is wrong beside a price, and saves nothing', async () => {
    const el = await mount(fake);
    button(el, 'New product').click();
    await el.updateComplete;
    await fill(el, 'name', 'Reseller');
    await fill(el, 'prices.USD.monthly.amount', 'ten');
    await fill(el, 'prices.USD.annual.setupFee', '5');
    await fill(el, 'prices.EUR.monthly.amount', '1.999');
    await submitFormOf(el, 'name');
    expect($(el, '#prices-USD-monthly-amount-error').textContent).to.equal('Enter an amount such as 12.50.');
    expect($(el, '#prices-USD-annual-setupFee-error').textContent).to.equal(
      'Set a price for this cycle first.',
    );
    expect($(el, '#prices-EUR-monthly-amount-error').textContent).to.equal('Too many decimals for EUR.');
    expect(fake.callsTo('/api/admin/v1/products', 'POST')).to.have.length(0);
    await expect(el).to.be.accessible();

    expect($(el, '#groupId-error').textContent).to.equal('Choose a group.');
    await fill(el, 'groupId', fake.groups[0]!.id);
    await fill(el, 'prices.USD.monthly.amount', '10');
    await fill(el, 'prices.USD.annual.setupFee', '');
    await fill(el, 'prices.EUR.monthly.amount', '');
    await fill(el, 'features', 'Unlimited sites\n\n  Daily backups ');
    await fill(el, 'trackStock', true);
    await fill(el, 'stock', '12');
    await submitFormOf(el, 'name');
    await settled(el);
    const [created] = fake.callsTo('/api/admin/v1/products', 'POST');
    expect(created?.body).to.include({ name: 'Reseller', stock: 12, taxable: true, featured: false });
    expect(created?.body.groupId).to.equal(fake.groups[0]?.id);
    expect(created?.body.features).to.deep.equal(['Unlimited sites', 'Daily backups']);
    expect(created?.body.prices).to.deep.equal([
      { currency: 'USD', cycle: 'monthly', amount: 1000, setupFee: 0 },
    ]);
    await waitUntil(() => noticeText(el).includes('Reseller was created.'));
  });

  it('adds a group, removes an empty one, and explains a product that cannot be removed', async () => {
    const el = await mount(fake);
    button(el, 'New product group').click();
    await el.updateComplete;
    await fill(el, 'name', 'Domains');
    await fill(el, 'hidden', true);
    await submitFormOf(el, 'name');
    await settled(el);
    expect(fake.callsTo('/api/admin/v1/product-groups', 'POST')[0]?.body).to.deep.equal({
      name: 'Domains',
      description: '',
      hidden: true,
    });
    await waitUntil(() => groupTitles(el).includes('Domains'));

    $<HTMLButtonElement>(el, '[aria-label="Remove the group Consulting"]').click();
    await el.updateComplete;
    expect($(el, 'dialog').textContent).to.contain('Remove the group Consulting?');
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => !groupTitles(el).includes('Consulting'), 'group never removed');

    $<HTMLButtonElement>(el, '[aria-label="Remove Starter"]').click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => alertText(el).includes('hide it instead'));
    expect(fake.products.some((p) => p.name === 'Starter')).to.be.true;
  });
});
