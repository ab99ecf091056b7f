import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminBilling } from '../../../test/fake-admin-billing.js';
import { fill, mountPage, noticeText, problem, submitFormOf } from '../../../test/fake-admin.js';
import { $, alertText, button } from '../../../test/helpers.js';
import type { PortalAdminClient } from '../admin-client/admin-client.js';
import type { PortalAdminInvoiceForm } from '../admin-invoice-form/admin-invoice-form.js';
import type { PortalAdminClientBilling } from './admin-client-billing.js';

const original = location.pathname + location.search;

const mount = (fake: FakeAdminBilling, name = 'Acme Ltd', as = 'grace@example.com') => {
  const account = fake.account(name);
  return mountPage<PortalAdminClientBilling>(
    html`<portal-admin-client-billing
      .client=${fake.client()}
      .session=${fake.signIn(as)}
      client-id=${account.id}
      currency=${account.currency}
    ></portal-admin-client-billing>`,
    fake,
    { as },
  );
};

const section = (el: PortalAdminClientBilling, part: string) => $(el, `[part~="${part}"]`);
const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ');

describe('<portal-admin-client-billing>', () => {
  let fake: FakeAdminBilling;
  beforeEach(() => {
    fake = new FakeAdminBilling();
  });
  afterEach(() => {
    history.replaceState(null, '', original);
  });

  it('shows the credit balance and ledger, the latest invoices and services, with links', async () => {
    const acme = fake.account('Acme Ltd');
    const el = await mount(fake);
    expect($(el, '.balances').textContent?.trim()).to.equal('$3.00');
    const ledger = section(el, 'credit').querySelectorAll('tbody tr');
    expect(ledger).to.have.length(2);
    expect(text(ledger[0]!)).to.contain('Applied to an invoice');
    expect(text(ledger[0]!)).to.contain('-$2.00');
    const invoices = section(el, 'invoices');
    expect(invoices.querySelectorAll('tbody tr')).to.have.length(4);
    expect(invoices.querySelector('tbody a')?.getAttribute('href')).to.match(/^#\/invoices\/inv_/);
    expect(invoices.querySelector('p a')?.getAttribute('href')).to.equal(`#/invoices?account=${acme.id}`);
    const services = section(el, 'services');
    expect(services.querySelectorAll('tbody tr')).to.have.length(2);
    expect(services.querySelector('p a')?.getAttribute('href')).to.equal(`#/services?account=${acme.id}`);
    await expect(el).to.be.accessible();
  });

  it('adjusts credit by a negative amount, and says when there is not enough', async () => {
    const acme = fake.account('Acme Ltd');
    const el = await mount(fake);
    button(el, 'Adjust credit').click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '[name="credit.currency"]').value).to.equal('USD');
    await fill(el, 'credit.amount', '-1.50');
    await fill(el, 'credit.description', 'Correction');
    await expect(el).to.be.accessible();
    await submitFormOf(el, 'credit.amount');
    await waitUntil(() => noticeText(el) === 'The credit was adjusted by -$1.50.', 'never adjusted');
    expect(fake.callsTo(`/api/admin/v1/clients/${acme.id}/credit`, 'POST')[0]?.body).to.deep.equal({
      currency: 'USD',
      amount: -150,
      description: 'Correction',
    });
    expect($(el, '.balances').textContent?.trim()).to.equal('$1.50');

    button(el, 'Adjust credit').click();
    await el.updateComplete;
    await fill(el, 'credit.amount', '0');
    await fill(el, 'credit.description', 'Too much');
    await submitFormOf(el, 'credit.amount');
    expect($(el, '#credit-amount-error').textContent).to.equal('Enter an amount other than zero.');
    await fill(el, 'credit.amount', '-10');
    await submitFormOf(el, 'credit.amount');
    await waitUntil(() => alertText(el).includes('cannot go below zero'), 'no alert');
  });

  it('writes a new invoice for this client, then opens it', async () => {
    const acme = fake.account('Acme Ltd');
    const el = await mount(fake);
    button(el, 'New invoice').click();
    await el.updateComplete;
    const form = $<PortalAdminInvoiceForm>(el, 'portal-admin-invoice-form');
    await form.updateComplete;
    expect($<HTMLInputElement>(form, '[name="currency"]').value).to.equal('USD');
    await fill(form, 'lines.0.description', 'Setup work');
    await fill(form, 'lines.0.unitAmount', '99.99');
    button(form, 'Create draft').click();
    await waitUntil(() => location.hash.startsWith('#/invoices/inv_'), 'never opened the invoice');
    expect(fake.callsTo('/api/admin/v1/invoices', 'POST')[0]?.body).to.deep.equal({
      accountId: acme.id,
      currency: 'USD',
      lines: [{ description: 'Setup work', quantity: 1, unitAmount: 9999, taxable: true }],
      issue: false,
    });
  });

  it('shows support staff the billing without Adjust credit or New invoice', async () => {
    const el = await mount(fake, 'Acme Ltd', 'sam@example.com');
    expect(el.shadowRoot!.querySelector('[part~="adjust"], [part~="new-invoice"]') === null).to.be.true;
    expect($(el, '.balances').textContent?.trim()).to.equal('$3.00');
  });

  it('says when a client has nothing yet, and when the billing cannot load', async () => {
    const el = await mount(fake, 'Initech');
    expect($(el, '.balances').textContent?.trim()).to.equal('No credit.');
    expect(text(section(el, 'invoices'))).to.contain('No invoices yet.');
    expect(text(section(el, 'services'))).to.contain('No services yet.');
    const initech = fake.account('Initech');
    fake.answer(`GET /api/admin/v1/clients/${initech.id}/credit`, () =>
      problem(500, 'INTERNAL', 'Something broke.'),
    );
    const failed = await mount(fake, 'Initech');
    expect($(failed, '[part~="load-error"]').textContent).to.contain('Something broke.');
    await expect(failed).to.be.accessible();
  });

  it('sits on the client’s page', async () => {
    const acme = fake.account('Acme Ltd');
    const page = await mountPage<PortalAdminClient>(
      html`<portal-admin-client .client=${fake.client()} client-id=${acme.id}></portal-admin-client>`,
      fake,
    );
    const billing = $<PortalAdminClientBilling>(page, 'portal-admin-client-billing');
    expect(billing.clientId).to.equal(acme.id);
    expect(billing.currency).to.equal('USD');
    await waitUntil(() => billing.shadowRoot!.querySelector('[part~="credit"]'), 'billing never loaded');
    await expect(page).to.be.accessible();
  });
});
