import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminBilling } from '../../../test/fake-admin-billing.js';
import { fill, mountPage, noticeText, submitFormOf } from '../../../test/fake-admin.js';
import { $, alertText, button } from '../../../test/helpers.js';
import type { PortalAdminInvoiceForm } from '../admin-invoice-form/admin-invoice-form.js';
import type { PortalAdminInvoice } from './admin-invoice.js';

const mount = (fake: FakeAdminBilling, number: string | null, as = 'grace@example.com') =>
  mountPage<PortalAdminInvoice>(
    html`<portal-admin-invoice
      .client=${fake.client()}
      .session=${fake.signIn(as)}
      invoice-id=${fake.invoice(number).id}
    ></portal-admin-invoice>`,
    fake,
    { as },
  );

const actions = (el: PortalAdminInvoice) =>
  [...el.shadowRoot!.querySelectorAll('[role="group"] button')].map((b) => b.textContent?.trim());
const dialog = (el: PortalAdminInvoice) => el.shadowRoot!.querySelector<HTMLDialogElement>('dialog');
const text = (el: Element) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');

describe('<portal-admin-invoice>', () => {
  let fake: FakeAdminBilling;
  beforeEach(() => {
    fake = new FakeAdminBilling();
  });

  it('shows an invoice with its lines, totals and payments', async () => {
    const el = await mount(fake, 'INV-00041');
    expect($(el, 'h1').textContent).to.equal('Invoice INV-00041');
    expect($(el, '.title .badge').textContent).to.equal('Paid');
    const lines = $(el, '[part~="lines"]');
    expect(lines.querySelector('tbody tr')?.textContent).to.contain('Starter (monthly)');
    expect(lines.querySelector('.totals')?.textContent?.replace(/\s+/g, '')).to.contain('Total$5.00');
    const payments = $(el, '[part~="payments"]');
    expect(payments.textContent).to.contain('Visa •••• 4242');
    expect(payments.textContent).to.contain('Succeeded');
    expect($(el, '[part~="details"] a').getAttribute('href')).to.equal(
      `#/clients/${fake.account('Acme Ltd').id}`,
    );
    expect(actions(el)).to.deep.equal(['Refund', 'Download PDF']);
    await expect(el).to.be.accessible();
  });

  it('records a payment received offline, in minor units', async () => {
    const invoice = fake.invoice('INV-00042');
    const el = await mount(fake, 'INV-00042');
    expect(actions(el)).to.deep.equal(['Record payment', 'Cancel invoice', 'Download PDF']);
    button(el, 'Record payment').click();
    await el.updateComplete;
    // It starts with the balance to pay.
    expect($<HTMLInputElement>(el, '[name="amount"]').value).to.equal('25.00');
    await expect(el).to.be.accessible();
    await fill(el, 'amount', '10,00.5');
    await submitFormOf(el, 'amount');
    expect($(el, '#amount-error').textContent).to.equal('Enter an amount such as 12.50.');
    await fill(el, 'amount', '10');
    await fill(el, 'method', 'Bank transfer');
    await fill(el, 'reference', 'BT-1234');
    await fill(el, 'paidAt', '2025-04-02');
    await submitFormOf(el, 'amount');
    await waitUntil(() => noticeText(el) === 'A payment of $10.00 was recorded.', 'never recorded');
    expect(fake.callsTo(`/api/admin/v1/invoices/${invoice.id}/payments`, 'POST')[0]?.body).to.deep.equal({
      amount: 1000,
      method: 'Bank transfer',
      reference: 'BT-1234',
      paidAt: '2025-04-02',
    });
    expect($(el, '.totals').textContent?.replace(/\s+/g, '')).to.contain('Balance$15.00');
    expect(el.shadowRoot!.querySelector('[name="amount"]') === null).to.be.true;
  });

  it('refunds to the client’s credit only once the confirmation is accepted', async () => {
    const invoice = fake.invoice('INV-00041');
    const acme = fake.account('Acme Ltd');
    const credit = fake.balanceOf(acme.id, 'USD');
    const el = await mount(fake, 'INV-00041');
    button(el, 'Refund').click();
    await el.updateComplete;
    $<HTMLInputElement>(el, 'input[name="refundTo"][value="credit"]').click();
    await el.updateComplete;
    await fill(el, 'reason', 'Service outage');
    button(el, 'Refund $5.00').click();
    await waitUntil(() => dialog(el)?.open, 'no confirmation');
    expect(dialog(el)?.textContent).to.contain(
      '$5.00 is added to the credit of Acme Ltd. This cannot be undone.',
    );
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, 'dialog [part~="cancel"]').click();
    await waitUntil(() => !dialog(el), 'dialog never closed');
    expect(fake.callsTo(`/api/admin/v1/invoices/${invoice.id}/refund`)).to.have.length(0);

    button(el, 'Refund $5.00').click();
    await waitUntil(() => dialog(el)?.open, 'no confirmation');
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => noticeText(el) === '$5.00 was added to the client’s credit.', 'never refunded');
    expect(fake.callsTo(`/api/admin/v1/invoices/${invoice.id}/refund`, 'POST')[0]?.body).to.deep.equal({
      toCredit: true,
      reason: 'Service outage',
    });
    expect($(el, '.title .badge').textContent).to.equal('Refunded');
    expect(fake.balanceOf(acme.id, 'USD')).to.equal(credit + 500);
  });

  it('refunds through the gateway by default', async () => {
    const invoice = fake.invoice('INV-00041');
    const el = await mount(fake, 'INV-00041');
    button(el, 'Refund').click();
    await el.updateComplete;
    button(el, 'Refund $5.00').click();
    await waitUntil(() => dialog(el)?.open, 'no confirmation');
    expect(dialog(el)?.textContent).to.contain('goes back through the payment gateway');
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => noticeText(el).includes('refunded through the payment gateway'), 'never refunded');
    expect(fake.callsTo(`/api/admin/v1/invoices/${invoice.id}/refund`, 'POST')[0]?.body).to.deep.equal({
      toCredit: false,
    });
  });

  it('edits a draft with the invoice form, then issues it after a confirmation', async () => {
    const draft = fake.invoice(null);
    const el = await mount(fake, null);
    expect($(el, 'h1').textContent).to.equal('Draft invoice');
    expect(actions(el)).to.deep.equal(['Edit draft', 'Issue invoice', 'Cancel invoice', 'Download PDF']);
    button(el, 'Edit draft').click();
    await el.updateComplete;
    const form = $<PortalAdminInvoiceForm>(el, 'portal-admin-invoice-form');
    await form.updateComplete;
    expect($<HTMLInputElement>(form, '[name="lines.0.description"]').value).to.equal('Migration help');
    expect($<HTMLInputElement>(form, '[name="lines.0.quantity"]').value).to.equal('3');
    expect($<HTMLInputElement>(form, '[name="lines.0.unitAmount"]').value).to.equal('25.00');
    await fill(form, 'lines.0.quantity', '4');
    await fill(form, 'notes', 'Thanks!');
    button(form, 'Save draft').click();
    await waitUntil(() => noticeText(el) === 'The draft was saved.', 'never saved');
    expect(fake.callsTo(`/api/admin/v1/invoices/${draft.id}`, 'PATCH')[0]?.body).to.deep.equal({
      lines: [{ description: 'Migration help', quantity: 4, unitAmount: 2500, taxable: true }],
      currency: 'USD',
      notes: 'Thanks!',
      dueAt: null,
    });
    expect($(el, '[part~="lines"] tbody').textContent).to.contain('$100.00');

    button(el, 'Issue invoice').click();
    await waitUntil(() => dialog(el)?.open, 'no confirmation');
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => $(el, 'h1').textContent === 'Invoice INV-00044', 'never issued');
    expect(noticeText(el)).to.equal('Invoice INV-00044 was issued and the client emailed.');
  });

  it('cancels an unpaid invoice, and says why when the server refuses', async () => {
    const el = await mount(fake, 'INV-00042');
    button(el, 'Cancel invoice').click();
    await waitUntil(() => dialog(el)?.open, 'no confirmation');
    expect(dialog(el)?.textContent).to.contain('Cancel invoice INV-00042?');
    // Someone else was faster: it was paid meanwhile.
    fake.invoice('INV-00042').status = 'paid';
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(
      () => alertText(el).includes('Only a draft or unpaid invoice can be cancelled.'),
      'no alert',
    );

    fake.invoice('INV-00042').status = 'unpaid';
    button(el, 'Cancel invoice').click();
    await waitUntil(() => dialog(el)?.open, 'no confirmation');
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => noticeText(el) === 'The invoice was cancelled.', 'never cancelled');
    expect($(el, '.title .badge').textContent).to.equal('Cancelled');
    expect(actions(el)).to.deep.equal(['Download PDF']);
  });

  it('downloads the PDF through the SDK', async () => {
    const invoice = fake.invoice('INV-00042');
    const el = await mount(fake, 'INV-00042', 'sam@example.com');
    // Support staff may read and download, nothing else.
    expect(actions(el)).to.deep.equal(['Download PDF']);
    let downloaded = '';
    el.shadowRoot!.addEventListener('click', (event) => {
      const link = event.target as HTMLAnchorElement;
      if (link.localName === 'a' && link.download) {
        downloaded = link.download;
        event.preventDefault();
      }
    });
    button(el, 'Download PDF').click();
    await waitUntil(() => noticeText(el) === 'INV-00042.pdf was downloaded.', 'never downloaded');
    expect(downloaded).to.equal('INV-00042.pdf');
    expect(fake.callsTo(`/api/admin/v1/invoices/${invoice.id}/pdf`, 'GET')).to.have.length(1);
  });

  it('says when the invoice does not exist', async () => {
    const el = await mountPage<PortalAdminInvoice>(
      html`<portal-admin-invoice .client=${fake.client()} invoice-id="inv_missing"></portal-admin-invoice>`,
      fake,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="load-error"]'));
    expect(text(el)).to.contain('There is no such invoice.');
    await expect(el).to.be.accessible();
  });
});
