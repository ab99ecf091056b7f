import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { FakeBilling, inBillingProvider } from '../../../test/fake-billing.js';
import { problem } from '../../../test/fake-portal.js';
import { $, button, type } from '../../../test/helpers.js';
import type { PortalInvoice } from '../invoice/invoice.js';
import type { PortalInvoiceOpenedEvent, PortalInvoices } from './invoices.js';

const list = (
  billing: FakeBilling,
  options: Parameters<typeof inBillingProvider>[3] & { attrs?: string } = {},
  content = html`<portal-invoices></portal-invoices>`,
) => inBillingProvider<PortalInvoices>(billing, content, 'portal-invoices', options);

const shadow = (el: Element) => el.shadowRoot!;
const words = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function loaded(el: PortalInvoices) {
  await waitUntil(
    () =>
      shadow(el).querySelector(
        '[part~="table"], [part~="empty"], [part~="load-error"], [part~="not-allowed"]',
      ),
    'never loaded',
  );
  await el.updateComplete;
}

const rows = (el: PortalInvoices) =>
  [...shadow(el).querySelectorAll('tbody tr')].map((row) => [...row.children].map(words));

const detail = (el: PortalInvoices) => shadow(el).querySelector<PortalInvoice>('portal-invoice');

async function opened(el: PortalInvoices): Promise<PortalInvoice> {
  await waitUntil(() => detail(el), 'no invoice shown');
  const invoice = detail(el)!;
  await waitUntil(() => shadow(invoice).querySelector('[part~="title"]'), 'invoice never loaded');
  return invoice;
}

const page = () => `${location.pathname}${location.search}`;

describe('<portal-invoices>', () => {
  let billing: FakeBilling;
  beforeEach(() => {
    billing = new FakeBilling();
  });
  afterEach(() => history.replaceState(null, '', page()));

  it('lists the invoices: number, dates, total, balance and status, with overdue ones standing out', async () => {
    billing.addInvoice({
      status: 'overdue',
      issuedAt: '2025-02-01T12:00:00Z',
      dueAt: '2025-02-15T12:00:00Z',
      lines: [{ description: 'Hosting', unitAmount: 2500 }],
    });
    billing.addInvoice({
      status: 'paid',
      currency: 'USD',
      issuedAt: '2025-01-01T12:00:00Z',
      dueAt: '2025-01-15T12:00:00Z',
      amountPaid: 1000,
    });
    billing.addInvoice({ status: 'draft' });
    const el = await list(billing);
    await loaded(el);
    expect(words($(el, '[part~="title"]'))).to.equal('My invoices');
    expect(rows(el)).to.deep.equal([
      ['INV-00001', 'Feb 1, 2025', 'Feb 15, 2025', '£25.00', '£25.00', 'Overdue'],
      ['INV-00002', 'Jan 1, 2025', 'Jan 15, 2025', '$10.00', '$0.00', 'Paid'],
    ]);
    const overdue = shadow(el).querySelector('tbody tr')!;
    expect(overdue.classList.contains('overdue')).to.be.true;
    expect(overdue.querySelector('.badge')!.classList.contains('bad')).to.be.true;
    expect(shadow(el).querySelector('[part~="credit"]'), 'no credit, no summary').to.be.null;
    await expect(el).to.be.accessible();
  });

  it('shows the credit balance when there is some', async () => {
    billing.credit = [
      { currency: 'GBP', amount: 1250 },
      { currency: 'EUR', amount: 0 },
      { currency: 'USD', amount: 300 },
    ];
    billing.addInvoice();
    const el = await list(billing);
    await loaded(el);
    await waitUntil(() => shadow(el).querySelector('[part~="credit"]'), 'no credit shown');
    expect(words($(el, '[part~="credit"]'))).to.equal(
      'Credit balance: £12.50 and $3.00 Credit pays invoices in the same currency.',
    );
    await expect(el).to.be.accessible();
  });

  it('says when there are no invoices', async () => {
    const el = await list(billing);
    await loaded(el);
    expect(words($(el, '[part~="empty"]'))).to.equal('No invoices yet.');
  });

  it('narrows the list by status', async () => {
    billing.addInvoice({ status: 'unpaid' });
    billing.addInvoice({ status: 'overdue' });
    billing.addInvoice({ status: 'paid' });
    const el = await list(billing);
    await loaded(el);
    expect(rows(el)).to.have.length(3);
    const select = $<HTMLSelectElement>(el, 'select[name="status"]');
    expect([...select.options].map((o) => o.textContent)).to.deep.equal([
      'All invoices',
      'Unpaid',
      'Overdue',
      'Paid',
      'Cancelled',
      'Refunded',
    ]);
    select.value = 'overdue';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => rows(el).length === 1, 'not filtered');
    expect(rows(el)[0]![5]).to.equal('Overdue');
    expect(billing.callsTo('GET /api/v1/invoices').at(-1)!.query).to.deep.equal({
      limit: '25',
      status: 'overdue',
    });
    expect(el.getAttribute('status')).to.equal('overdue');
    select.value = 'refunded';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => shadow(el).querySelector('[part~="empty"]'), 'not filtered');
    expect(words($(el, '[part~="empty"]'))).to.equal('No invoices with this status.');
    select.value = '';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => rows(el).length === 3, 'not back to all');
    expect(billing.callsTo('GET /api/v1/invoices').at(-1)!.query).to.deep.equal({ limit: '25' });
  });

  it('loads more, continuing where the new invoices start', async () => {
    for (let i = 0; i < 5; i++) billing.addInvoice();
    const el = await list(billing, {}, html`<portal-invoices page-size="2"></portal-invoices>`);
    await loaded(el);
    expect(rows(el).map((r) => r[0])).to.deep.equal(['INV-00001', 'INV-00002']);
    button(el, 'Load more').click();
    await waitUntil(() => rows(el).length === 4, 'no more loaded');
    await waitUntil(
      () => shadow(el).activeElement?.textContent === 'INV-00003',
      'focus not on the first new one',
    );
    button(el, 'Load more').click();
    await waitUntil(() => rows(el).length === 5, 'no more loaded');
    expect(shadow(el).querySelector('[part~="more"]')).to.be.null;
    expect(billing.callsTo('GET /api/v1/invoices').map((c) => c.query.cursor)).to.deep.equal([
      undefined,
      '2',
      '4',
    ]);
  });

  it('opens an invoice from its number, with the hash set, and goes back to the list clearing it', async () => {
    const invoice = billing.addInvoice();
    const el = await list(billing);
    await loaded(el);
    const link = $<HTMLAnchorElement>(el, '[part~="invoice-link"]');
    expect(link.getAttribute('href')).to.equal(`${page()}#invoice/${invoice.id}`);
    const openedEvent = oneEvent(el, 'portal-invoice-opened') as Promise<PortalInvoiceOpenedEvent>;
    const before = history.length;
    link.click();
    expect((await openedEvent).detail).to.deep.equal({ invoiceId: invoice.id });
    const shown = await opened(el);
    expect(shown.invoiceId).to.equal(invoice.id);
    expect(location.hash).to.equal(`#invoice/${invoice.id}`);
    expect(history.length, 'replaced, not pushed').to.equal(before);
    await waitUntil(
      () => shadow(el).activeElement === $(el, '[part~="back"]'),
      'focus not on "All invoices"',
    );
    expect(shadow(el).querySelector('[part~="table"]'), 'the list is hidden').to.be.null;
    await expect(el).to.be.accessible();
    button(el, /All invoices/).click();
    await loaded(el);
    expect(location.hash).to.equal('');
    expect(location.pathname + location.search).to.equal(page());
    await waitUntil(
      () => shadow(el).activeElement?.textContent === 'INV-00001',
      'focus not back on the invoice',
    );
  });

  it('opens an invoice from a click anywhere on its row', async () => {
    const invoice = billing.addInvoice();
    const el = await list(billing);
    await loaded(el);
    (shadow(el).querySelector('tbody td') as HTMLElement).click();
    expect((await opened(el)).invoiceId).to.equal(invoice.id);
  });

  it('opens the invoice the page was opened at (#invoice/<id>), and follows hash changes', async () => {
    billing.addInvoice();
    const second = billing.addInvoice();
    const third = billing.addInvoice();
    history.replaceState(null, '', `${page()}#invoice/${second.id}`);
    const el = await list(billing);
    expect((await opened(el)).invoiceId).to.equal(second.id);
    location.hash = `#invoice/${third.id}`;
    await waitUntil(() => detail(el)?.invoiceId === third.id, 'did not follow the hash');
    location.hash = '#somewhere-else';
    await waitUntil(() => !detail(el), 'did not go back to the list');
    await loaded(el);
    expect(location.hash, 'another hash is left alone').to.equal('#somewhere-else');
  });

  it('with no-hash, neither reads nor writes the hash', async () => {
    const invoice = billing.addInvoice();
    history.replaceState(null, '', `${page()}#invoice/${invoice.id}`);
    const el = await list(billing, {}, html`<portal-invoices no-hash></portal-invoices>`);
    await loaded(el);
    history.replaceState(null, '', page());
    $(el, '[part~="invoice-link"]').click();
    await opened(el);
    expect(location.hash).to.equal('');
  });

  it('pays in the invoice shown, and the list is fresh on the way back', async () => {
    billing.addInvoice();
    const el = await list(billing);
    await loaded(el);
    $(el, '[part~="invoice-link"]').click();
    const invoice = await opened(el);
    await waitUntil(() => shadow(invoice).querySelector('[part~="pay-form"]'), 'no payment form');
    await type(invoice, 'card.number', '4242424242424242');
    await type(invoice, 'card.expiry', `12/${String((new Date().getFullYear() + 2) % 100)}`);
    await type(invoice, 'card.cvc', '123');
    const paid = oneEvent(el, 'portal-paid');
    $(invoice, 'button[type="submit"]').click();
    await paid;
    button(el, /All invoices/).click();
    await waitUntil(() => rows(el)[0]?.[5] === 'Paid', 'the list was not reloaded');
    expect(rows(el)[0]![4]).to.equal('£0.00');
  });

  it('forwards the Stripe card slot, so the card field lands in the light DOM', async () => {
    const stripe = billing.installStripe();
    try {
      billing.addInvoice();
      const el = await list(billing);
      await loaded(el);
      $(el, '[part~="invoice-link"]').click();
      const invoice = await opened(el);
      await waitUntil(() => shadow(invoice).querySelector('[part~="pay-form"]'), 'no payment form');
      $(invoice, 'button[type="submit"]').click();
      await waitUntil(() => stripe.mounts.length === 1, 'card field never mounted');
      const container = stripe.mounts[0]!;
      expect(container.parentElement, 'in the page, not in a shadow root').to.equal(el);
      expect(container.getRootNode()).to.equal(document);
      expect(container.assignedSlot?.assignedSlot?.getRootNode()).to.equal(shadow(invoice));
    } finally {
      billing.uninstallStripe();
    }
  });

  it('someone who may not see billing is told so', async () => {
    billing.account.asContact('technical');
    const el = await list(billing);
    await loaded(el);
    expect(words($(el, '[part~="not-allowed"]'))).to.equal(
      "You don't have access to this account's invoices. Ask the account owner.",
    );
    expect(billing.callsTo('/api/v1/invoices')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('offers to try a failed load again', async () => {
    billing.answer('GET /api/v1/invoices', () => problem(503, 'INTERNAL', 'Down for a moment.'));
    billing.addInvoice();
    const el = await list(billing);
    await loaded(el);
    expect(words($(el, '[part~="load-error"] p'))).to.equal('Down for a moment.');
    await expect(el).to.be.accessible();
    button(el, 'Try again').click();
    await waitUntil(() => rows(el).length === 1, 'never loaded');
  });

  it('asks to sign in when signed out', async () => {
    const el = await list(billing, { signedInAs: null });
    expect(words($(el, '[part~="title"]'))).to.equal('My invoices');
    expect(words($(el, '[part~="signed-out"]'))).to.equal('Sign in to continue.');
    expect(billing.callsTo('/api/v1/invoices')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    billing.addInvoice({
      status: 'overdue',
      currency: 'EUR',
      lines: [{ description: 'x', unitAmount: 123_456 }],
    });
    const el = await list(billing, { lang: 'es' });
    await loaded(el);
    expect(words($(el, '[part~="title"]'))).to.equal('Mis facturas');
    expect(words($(el, 'label[for="status"]'))).to.equal('Mostrar');
    expect(rows(el)[0]!.slice(3)).to.deep.equal(['1234,56 €', '1234,56 €', 'Vencida']);
    await expect(el).to.be.accessible();
  });
});
