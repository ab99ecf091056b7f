import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { FakeAdminBilling } from '../../../test/fake-admin-billing.js';
import { fill, mountPage, problem } from '../../../test/fake-admin.js';
import { $, alertText, button } from '../../../test/helpers.js';
import type { PortalAdminInvoiceForm } from './admin-invoice-form.js';

const mount = (fake: FakeAdminBilling, accountId = '', lang = 'en') =>
  mountPage<PortalAdminInvoiceForm>(
    html`<portal-admin-invoice-form
      .client=${fake.client()}
      .searchDelay=${0}
      account-id=${accountId}
      lang=${lang}
    ></portal-admin-invoice-form>`,
    fake,
  );

const estimate = (el: PortalAdminInvoiceForm) =>
  ($(el, '[part~="estimate"]').textContent ?? '').replace(/\s+/g, ' ');
const lineNames = (el: PortalAdminInvoiceForm) =>
  [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[name$=".description"]')].map((i) => i.value);

describe('<portal-admin-invoice-form>', () => {
  let fake: FakeAdminBilling;
  beforeEach(() => {
    fake = new FakeAdminBilling();
  });

  it('finds the client by name and starts in their currency', async () => {
    const globex = fake.account('Globex');
    globex.currency = 'EUR';
    const el = await mount(fake);
    await fill(el, 'clientSearch', 'glo');
    await waitUntil(
      () => el.shadowRoot!.querySelectorAll('[name="accountId"] option').length === 2,
      'no search',
    );
    expect(fake.callsTo('/api/admin/v1/clients').at(-1)?.query.q).to.equal('glo');
    await fill(el, 'accountId', globex.id);
    expect($<HTMLInputElement>(el, '[name="currency"]').value).to.equal('EUR');
    await expect(el).to.be.accessible();
  });

  it('adds and removes lines, keeping each error beside its line', async () => {
    const el = await mount(fake, fake.account('Acme Ltd').id);
    await waitUntil(() => $<HTMLInputElement>(el, '[name="currency"]').value === 'USD', 'currency not set');
    await fill(el, 'lines.0.description', 'First');
    await fill(el, 'lines.0.unitAmount', '1');
    button(el, 'Add line').click();
    await el.updateComplete;
    await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('name') === 'lines.1.description');
    button(el, 'Add line').click();
    await el.updateComplete;
    await fill(el, 'lines.2.description', 'Third');
    await fill(el, 'lines.2.unitAmount', 'x');
    button(el, 'Create draft').click();
    await el.updateComplete;
    expect($(el, '#lines-1-description-error').textContent).to.equal('Fill this in.');
    expect($(el, '#lines-2-unitAmount-error').textContent).to.equal('Enter an amount such as 12.50.');
    $<HTMLButtonElement>(el, '[aria-label="Remove line 2"]').click();
    await el.updateComplete;
    expect(lineNames(el)).to.deep.equal(['First', 'Third']);
    expect($(el, '#lines-1-unitAmount-error').textContent).to.equal('Enter an amount such as 12.50.');
    expect(el.shadowRoot!.querySelector('#lines-1-description-error') === null).to.be.true;
    expect(estimate(el)).to.contain('Subtotal $1.00');
    await expect(el).to.be.accessible();
  });

  it('shows the server’s objection to a line beside it, and fires saved with the invoice', async () => {
    const el = await mount(fake, fake.account('Acme Ltd').id);
    await waitUntil(() => $<HTMLInputElement>(el, '[name="currency"]').value === 'USD', 'currency not set');
    await fill(el, 'lines.0.description', 'Work');
    await fill(el, 'lines.0.unitAmount', '5');
    fake.answer('POST /api/admin/v1/invoices', () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'lines.0.description', message: 'Describe the work.' },
      ]),
    );
    button(el, 'Create draft').click();
    await waitUntil(() => el.shadowRoot!.querySelector('#lines-0-description-error'), 'no field error');
    expect($(el, '#lines-0-description-error').textContent).to.equal('Describe the work.');
    expect(alertText(el)).to.equal('');

    const saved = oneEvent(el, 'portal-admin-invoice-saved');
    button(el, 'Create draft').click();
    const { detail } = await saved;
    expect(detail.lines[0]?.unitAmount).to.equal(500);
    expect(detail.status).to.equal('draft');
  });

  it('speaks Spanish, reading amounts with a decimal comma', async () => {
    const acme = fake.account('Acme Ltd');
    const el = await mount(fake, acme.id, 'es');
    await waitUntil(() => $<HTMLInputElement>(el, '[name="currency"]').value === 'USD', 'currency not set');
    expect($(el, 'label[for="lines-0-unitAmount"]').textContent).to.equal('Precio unitario');
    await fill(el, 'lines.0.description', 'Trabajo');
    await fill(el, 'lines.0.quantity', '2');
    await fill(el, 'lines.0.unitAmount', '1.234,5');
    expect(estimate(el)).to.contain('Subtotal 2469,00 US$');
    button(el, 'Crear borrador').click();
    await waitUntil(() => fake.callsTo('/api/admin/v1/invoices', 'POST').length === 1, 'never sent');
    expect(fake.callsTo('/api/admin/v1/invoices', 'POST')[0]?.body.lines[0].unitAmount).to.equal(123450);
  });
});
