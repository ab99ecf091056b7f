import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminBilling } from '../../../test/fake-admin-billing.js';
import { fill, mountPage, problem, rows } from '../../../test/fake-admin.js';
import { $, button } from '../../../test/helpers.js';
import type { PortalAdminInvoiceForm } from '../admin-invoice-form/admin-invoice-form.js';
import type { PortalAdminInvoices } from './admin-invoices.js';

const original = location.pathname + location.search;

const mount = (
  fake: FakeAdminBilling,
  o: { as?: string; accountId?: string; lang?: string; pageSize?: number } = {},
) =>
  mountPage<PortalAdminInvoices>(
    html`<portal-admin-invoices
      .client=${fake.client()}
      .session=${fake.signIn(o.as ?? 'grace@example.com')}
      .searchDelay=${0}
      account-id=${o.accountId ?? ''}
      page-size=${o.pageSize ?? 25}
      lang=${o.lang ?? 'en'}
    ></portal-admin-invoices>`,
    fake,
    { as: o.as ?? 'grace@example.com' },
  );

const numbers = (el: PortalAdminInvoices) => rows(el).map((r) => r.querySelector('td')?.textContent?.trim());
const listCalls = (fake: FakeAdminBilling) => fake.callsTo('/api/admin/v1/invoices', 'GET');

describe('<portal-admin-invoices>', () => {
  let fake: FakeAdminBilling;
  beforeEach(() => {
    fake = new FakeAdminBilling();
  });
  afterEach(() => {
    history.replaceState(null, '', original);
  });

  it('lists invoices newest first with client, status, total and balance', async () => {
    const el = await mount(fake);
    expect(numbers(el)).to.deep.equal(['INV-00043', 'Draft', 'INV-00042', 'INV-00041', 'INV-00040']);
    const cells = [...rows(el)[2]!.querySelectorAll('td')].map((td) => td.textContent?.trim());
    expect(cells[1]).to.equal('Acme Ltd');
    expect(cells[2]).to.equal('Unpaid');
    expect(cells.slice(5)).to.deep.equal(['$25.00', '$25.00']);
    expect(rows(el)[0]?.textContent).to.contain('€4.50');
    const unpaid = fake.invoice('INV-00042');
    expect(rows(el)[2]!.querySelector('a')?.getAttribute('href')).to.equal(`#/invoices/${unpaid.id}`);
    await expect(el).to.be.accessible();
  });

  it('searches by number, filters by status, and narrows to one client', async () => {
    const el = await mount(fake);
    await fill(el, 'q', '0004');
    await waitUntil(() => listCalls(fake).at(-1)?.query.q === '0004', 'search never ran');
    await waitUntil(() => numbers(el).length === 4);
    await fill(el, 'q', '42');
    await waitUntil(() => numbers(el).length === 1);
    expect(numbers(el)).to.deep.equal(['INV-00042']);
    await fill(el, 'q', '');
    await fill(el, 'status', 'overdue');
    await waitUntil(() => numbers(el).length === 1 && numbers(el)[0] === 'INV-00040');
    expect(listCalls(fake).at(-1)?.query).to.include({ status: 'overdue' });
    await fill(el, 'status', 'refunded');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="empty"]'));
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal(
      'No invoices match. Try another search or status.',
    );

    const globex = fake.account('Globex');
    const one = await mount(fake, { accountId: globex.id });
    expect(numbers(one)).to.deep.equal(['INV-00043']);
    expect(listCalls(fake).at(-1)?.query.accountId).to.equal(globex.id);
    expect($(one, '.filtered').textContent).to.contain('Showing the invoices of Globex.');
    expect($(one, '.filtered a').getAttribute('href')).to.equal('#/invoices');
  });

  it('says when there are none, and when the list cannot load', async () => {
    fake.invoices.length = 0;
    const el = await mount(fake);
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal('No invoices yet.');
    fake.answer('GET /api/admin/v1/invoices', () => problem(500, 'INTERNAL', 'Something broke.'));
    const failed = await mount(fake);
    expect($(failed, '[part~="load-error"]').textContent).to.contain('Something broke.');
    await expect(failed).to.be.accessible();
  });

  it('writes an invoice with lines, sending integer minor units, then opens it', async () => {
    const acme = fake.account('Acme Ltd');
    acme.address = { country: 'ES' };
    const el = await mount(fake);
    button(el, 'New invoice').click();
    await el.updateComplete;
    const form = $<PortalAdminInvoiceForm>(el, 'portal-admin-invoice-form');
    await waitUntil(
      () => form.shadowRoot!.querySelectorAll('[name="accountId"] option').length > 1,
      'no clients',
    );
    await fill(form, 'accountId', acme.id);
    await waitUntil(() => $<HTMLInputElement>(form, '[name="currency"]').value === 'USD', 'currency not set');
    await fill(form, 'lines.0.description', 'Consulting');
    await fill(form, 'lines.0.quantity', '3');
    await fill(form, 'lines.0.unitAmount', '120.50');
    button(form, 'Add line').click();
    await form.updateComplete;
    await fill(form, 'lines.1.description', 'Loyalty discount');
    await fill(form, 'lines.1.unitAmount', '-20');
    await fill(form, 'lines.1.taxable', false);
    // The estimate applies the client's tax rule (IVA 21% in ES) to the taxable line only, and says it is one.
    await waitUntil(
      () => $(form, '[part~="estimate"]').textContent?.includes('IVA (21%)'),
      'no tax estimate',
    );
    const estimate = $(form, '[part~="estimate"]').textContent ?? '';
    expect(estimate).to.contain('$341.50');
    expect(estimate).to.contain('$75.92');
    expect(estimate).to.contain('$417.42');
    expect(estimate).to.contain('An estimate only');
    await fill(form, 'issue', true);
    await expect(el).to.be.accessible();
    button(form, 'Create and issue').click();
    await waitUntil(() => fake.callsTo('/api/admin/v1/invoices', 'POST').length === 1, 'never created');
    expect(fake.callsTo('/api/admin/v1/invoices', 'POST')[0]?.body).to.deep.equal({
      accountId: acme.id,
      currency: 'USD',
      lines: [
        { description: 'Consulting', quantity: 3, unitAmount: 12050, taxable: true },
        { description: 'Loyalty discount', quantity: 1, unitAmount: -2000, taxable: false },
      ],
      issue: true,
    });
    const created = fake.invoices[0]!;
    await waitUntil(() => location.hash === `#/invoices/${created.id}`, 'never opened the invoice');
    expect(created.number).to.equal('INV-00044');
  });

  it('checks the lines before sending them', async () => {
    const el = await mount(fake, { accountId: fake.account('Acme Ltd').id });
    button(el, 'New invoice').click();
    await el.updateComplete;
    const form = $<PortalAdminInvoiceForm>(el, 'portal-admin-invoice-form');
    // A client is fixed: there is nothing to choose.
    expect(form.shadowRoot!.querySelector('[name="accountId"]') === null).to.be.true;
    await waitUntil(() => $<HTMLInputElement>(form, '[name="currency"]').value === 'USD', 'currency not set');
    await fill(form, 'lines.0.quantity', '0');
    await fill(form, 'lines.0.unitAmount', '12.345');
    button(form, 'Create draft').click();
    await form.updateComplete;
    expect($(form, '#lines-0-description-error').textContent).to.equal('Fill this in.');
    expect($(form, '#lines-0-quantity-error').textContent).to.equal('Enter a whole number from 1 to 10,000.');
    expect($(form, '#lines-0-unitAmount-error').textContent).to.equal('Too many decimals for USD.');
    expect(fake.callsTo('/api/admin/v1/invoices', 'POST')).to.have.length(0);
    await expect(form).to.be.accessible();
    button(form, 'Cancel').click();
    await waitUntil(() => !el.shadowRoot!.querySelector('portal-admin-invoice-form'), 'form never closed');
  });

  it('shows support staff the invoices but not "New invoice"', async () => {
    const el = await mount(fake, { as: 'sam@example.com' });
    expect(numbers(el)).to.have.length(5);
    expect(el.shadowRoot!.querySelector('[part~="new"]') === null).to.be.true;
  });

  it('speaks Spanish, with amounts in Spanish', async () => {
    const el = await mount(fake, { lang: 'es' });
    expect($(el, 'h1').textContent).to.equal('Facturas');
    expect(rows(el)[2]?.textContent).to.contain('Pendiente de pago');
    expect(rows(el)[0]?.textContent?.replace(/\s/g, ' ')).to.contain('4,50 €');
    expect(numbers(el)[1]).to.equal('Borrador');
    expect($(el, 'label[for="q"]').textContent).to.equal('Buscar por número de factura');
    button(el, 'Nueva factura').click();
    await el.updateComplete;
    const form = $<PortalAdminInvoiceForm>(el, 'portal-admin-invoice-form');
    await form.updateComplete;
    expect(form.shadowRoot!.textContent).to.contain('Precio unitario');
    await expect(el).to.be.accessible();
  });
});
