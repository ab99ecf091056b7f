import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminBilling } from '../../../test/fake-admin-billing.js';
import { fill, mountPage, problem, rows } from '../../../test/fake-admin.js';
import { $ } from '../../../test/helpers.js';
import type { PortalAdminServices } from './admin-services.js';

const mount = (fake: FakeAdminBilling, accountId = '', pageSize = 25) =>
  mountPage<PortalAdminServices>(
    html`<portal-admin-services .client=${fake.client()} account-id=${accountId} page-size=${pageSize}></portal-admin-services>`,
    fake,
  );

describe('<portal-admin-services>', () => {
  let fake: FakeAdminBilling;
  beforeEach(() => {
    fake = new FakeAdminBilling();
  });

  it('lists services with client, status, cycle, price and next due date, and filters by status', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('Services');
    const [suspended, pending, active] = rows(el);
    expect(suspended?.textContent).to.contain('Globex');
    expect(suspended?.textContent).to.contain('Suspended');
    expect(suspended?.textContent).to.contain('€4.50');
    expect(pending?.textContent).to.contain('Pending');
    expect(active?.textContent).to.contain('acme.example');
    expect(active?.textContent).to.contain('Cancellation requested');
    const service = fake.services.find((s) => s.label === 'acme.example')!;
    expect(active?.querySelector('a')?.getAttribute('href')).to.equal(`#/services/${service.id}`);
    await expect(el).to.be.accessible();

    await fill(el, 'status', 'suspended');
    await waitUntil(() => rows(el).length === 1, 'filter never applied');
    expect(fake.callsTo('/api/admin/v1/services').at(-1)?.query.status).to.equal('suspended');
    await fill(el, 'status', 'cancelled');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="empty"]'));
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal('No services match. Try another status.');
  });

  it('narrows to one client and pages with "Load more"', async () => {
    const acme = fake.account('Acme Ltd');
    const el = await mount(fake, acme.id, 1);
    expect(rows(el)).to.have.length(1);
    expect($(el, '.filtered').textContent).to.contain('Showing the services of Acme Ltd.');
    $<HTMLButtonElement>(el, '[part~="more"]').click();
    await waitUntil(() => rows(el).length === 2, 'never loaded more');
    expect(fake.callsTo('/api/admin/v1/services').at(-1)?.query).to.include({
      accountId: acme.id,
      cursor: 'c1',
    });
  });

  it('says when there are none, and when the list cannot load', async () => {
    fake.services.length = 0;
    const el = await mount(fake);
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal('No services yet.');
    fake.answer('GET /api/admin/v1/services', () => problem(500, 'INTERNAL', 'Something broke.'));
    const failed = await mount(fake);
    expect($(failed, '[part~="load-error"]').textContent).to.contain('Something broke.');
    await expect(failed).to.be.accessible();
  });
});
