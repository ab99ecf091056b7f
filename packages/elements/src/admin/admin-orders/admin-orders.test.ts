import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminBilling } from '../../../test/fake-admin-billing.js';
import { fill, mountPage, noticeText, problem, rows } from '../../../test/fake-admin.js';
import { $, button } from '../../../test/helpers.js';
import type { PortalAdminOrders } from './admin-orders.js';

const mount = (fake: FakeAdminBilling, as = 'grace@example.com', accountId = '') =>
  mountPage<PortalAdminOrders>(
    html`<portal-admin-orders .client=${fake.client()} .session=${fake.signIn(as)} account-id=${accountId}></portal-admin-orders>`,
    fake,
    { as },
  );

describe('<portal-admin-orders>', () => {
  let fake: FakeAdminBilling;
  beforeEach(() => {
    fake = new FakeAdminBilling();
  });

  it('lists orders newest first, filters by status, and shows one with its items and invoice', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('Orders');
    const [pending, active] = rows(el);
    expect(pending?.textContent).to.contain('Acme Ltd');
    expect(pending?.textContent).to.contain('Business × 1');
    expect(pending?.textContent).to.contain('Pending');
    expect(pending?.textContent).to.contain('$25.00');
    expect(active?.textContent).to.contain('Active');
    await expect(el).to.be.accessible();

    await fill(el, 'status', 'active');
    await waitUntil(() => rows(el).length === 1, 'filter never applied');
    expect(fake.callsTo('/api/admin/v1/orders').at(-1)?.query.status).to.equal('active');

    button(el, 'View').click();
    await el.updateComplete;
    const detail = $(el, '[part~="detail"]');
    expect(detail.textContent).to.contain('Starter');
    expect(detail.textContent).to.contain('Monthly');
    const order = fake.orders.find((o) => o.status === 'active')!;
    expect(detail.querySelector('a[href^="#/invoices/"]')?.getAttribute('href')).to.equal(
      `#/invoices/${order.invoiceId}`,
    );
    expect(detail.querySelector('a[href^="#/services/"]')?.getAttribute('href')).to.equal(
      `#/services/${order.items[0]?.serviceIds[0]}`,
    );
    await waitUntil(
      () => el.shadowRoot!.activeElement?.id === 'order-title',
      'focus never moved to the order',
    );
    await expect(el).to.be.accessible();
    button(el, 'Close').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="detail"]') === null).to.be.true;
  });

  it('cancels a pending order after a confirmation', async () => {
    const el = await mount(fake);
    const pending = fake.orders.find((o) => o.status === 'pending')!;
    button(el, 'Cancel order').click();
    await el.updateComplete;
    expect($(el, 'dialog').textContent).to.contain(
      'Its unpaid invoice and its pending services are cancelled too.',
    );
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => noticeText(el) === 'The order of Acme Ltd was cancelled.', 'never cancelled');
    expect(fake.callsTo(`/api/admin/v1/orders/${pending.id}/cancel`, 'POST')).to.have.length(1);
    expect(rows(el)[0]?.textContent).to.contain('Cancelled');
    expect(el.shadowRoot!.querySelector('[part~="cancel-order"]') === null).to.be.true;
  });

  it('shows support staff the orders but no way to cancel them', async () => {
    const el = await mount(fake, 'sam@example.com');
    expect(rows(el)).to.have.length(2);
    expect(el.shadowRoot!.querySelector('[part~="cancel-order"]') === null).to.be.true;
  });

  it('says when there are none, none match, or the list cannot load', async () => {
    const globex = fake.account('Globex');
    const el = await mount(fake, 'grace@example.com', globex.id);
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal('No orders match. Try another status.');
    expect(fake.callsTo('/api/admin/v1/orders').at(-1)?.query.accountId).to.equal(globex.id);

    fake.orders.length = 0;
    const none = await mount(fake);
    expect($(none, '[part~="empty"]').textContent?.trim()).to.equal('No orders yet.');

    fake.answer('GET /api/admin/v1/orders', () => problem(500, 'INTERNAL', 'Something broke.'));
    const failed = await mount(fake);
    expect($(failed, '[part~="load-error"]').textContent).to.contain('Something broke.');
    await expect(failed).to.be.accessible();
  });
});
