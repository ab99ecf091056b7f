import { expect, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { FakeCommerce, inCommerceProvider } from '../../../test/fake-commerce.js';
import { problem } from '../../../test/fake-portal.js';
import { $, button } from '../../../test/helpers.js';
import { PortalDashboard, type PortalNavigateEvent } from './dashboard.js';

const dashboard = (
  commerce: FakeCommerce,
  options: Parameters<typeof inCommerceProvider>[3] = {},
  content: TemplateResult = html`<portal-dashboard
    invoices-href="/invoices"
    services-href="/services"
  ></portal-dashboard>`,
) => inCommerceProvider<PortalDashboard>(commerce, content, 'portal-dashboard', options);

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

async function loaded(el: PortalDashboard) {
  await waitUntil(() => el.shadowRoot!.querySelector('[part="title"], [part="load-error"]'), 'never loaded');
  await el.updateComplete;
}

/** Each card's heading and its text after it. */
const cards = (el: PortalDashboard) =>
  [...el.shadowRoot!.querySelectorAll('[part~="card"]')].map((card) => [
    text(card.querySelector('h3')),
    [...card.querySelectorAll('p')].map((p) => text(p)).join(' | '),
  ]);

const rows = (el: PortalDashboard, part: string) =>
  [...el.shadowRoot!.querySelectorAll(`[part="${part}"] tbody tr`)].map((row) =>
    [...row.children].map((cell) => text(cell)),
  );

describe('<portal-dashboard>', () => {
  let commerce: FakeCommerce;
  beforeEach(() => {
    commerce = new FakeCommerce();
  });

  it('shows the account at a glance: amount due with overdue invoices, credit, services, recent invoices, renewals', async () => {
    commerce.addInvoice({ status: 'paid', total: 1000, balance: 0, number: 'INV-0001' });
    const overdue = commerce.addInvoice({ status: 'overdue', total: 2400, number: 'INV-0002' });
    commerce.addInvoice({ status: 'unpaid', total: 1500, currency: 'EUR', number: 'INV-0003' });
    commerce.credit = [{ currency: 'GBP', amount: 550 }];
    commerce.openTickets = 2;
    const later = commerce.addService({
      productName: 'Business',
      nextDueAt: '2025-05-01T00:00:00Z',
      amount: 1200,
    });
    commerce.addService({
      productName: 'Starter',
      label: 'blog.example.com',
      nextDueAt: '2025-04-01T00:00:00Z',
    });
    commerce.addService({ productName: 'Old', status: 'cancelled', nextDueAt: null });
    const el = await dashboard(commerce);
    await loaded(el);
    expect(cards(el)).to.deep.equal([
      ['Amount due', '€15.00 | £24.00 | 1 overdue invoice'],
      ['Credit balance', '£5.50'],
      ['Active services', '2'],
      ['Open tickets', '2'],
    ]);
    expect(rows(el, 'recent-invoices').map((r) => [r[0], r[2], r[3]])).to.deep.equal([
      ['INV-0003', '€15.00', 'Unpaid'],
      ['INV-0002', '£24.00', 'Overdue'],
      ['INV-0001', '£10.00', 'Paid'],
    ]);
    expect($(el, `[part="recent-invoices"] a[href="/invoices#invoice/${overdue.id}"]`)).to.exist;
    expect(rows(el, 'renewals').map((r) => [r[0], r[2]])).to.deep.equal([
      ['Starter blog.example.com', '£4.00'],
      ['Business', '£12.00'],
    ]);
    expect($(el, `[part="renewals"] a[href="/services#service/${later.id}"]`).textContent).to.equal(
      'Business',
    );
    expect(text($(el, '[part="recent-invoices"] .header a'))).to.equal('All invoices');
    await expect(el).to.be.accessible();
  });

  it('leaves out what the person may not see, and open tickets until there are any', async () => {
    commerce.account.asContact('technical');
    commerce.addService({ productName: 'Starter' });
    const el = await dashboard(commerce);
    await loaded(el);
    expect(cards(el)).to.deep.equal([['Active services', '1']]);
    expect(el.shadowRoot!.querySelector('[part="recent-invoices"]')).to.be.null;
    expect(el.shadowRoot!.querySelector('[part~="amount-due"]')).to.be.null;
    expect(el.shadowRoot!.querySelector('[part~="open-tickets"]'), 'null tickets are hidden').to.be.null;
    expect(el.shadowRoot!.querySelector('[part="renewals"]')).to.exist;

    const nothingAtAll = new FakeCommerce();
    nothingAtAll.account.asContact('custom', ['profile:read']);
    const empty = await dashboard(nothingAtAll);
    await loaded(empty);
    expect(text($(empty, '[part="empty"]'))).to.equal('Your role on this account has nothing to show here.');
    expect(empty.shadowRoot!.querySelector('[part="cards"]')).to.be.null;
  });

  it('says when there is nothing due, no credit, no invoices and no renewals', async () => {
    const el = await dashboard(commerce);
    await loaded(el);
    expect(cards(el)).to.deep.equal([
      ['Amount due', 'Nothing to pay'],
      ['Credit balance', 'No credit'],
      ['Active services', '0'],
    ]);
    expect(text($(el, '[part="recent-invoices"] [part="empty"]'))).to.equal('No invoices yet.');
    expect(text($(el, '[part="renewals"] [part="empty"]'))).to.equal('No renewals coming up.');
    await expect(el).to.be.accessible();
  });

  it('forwards a mail link (#invoice/, #service/, #domain/) on the portal home to the page that opens it', async () => {
    const navigate = PortalDashboard.navigate;
    const went: string[] = [];
    PortalDashboard.navigate = (url) => went.push(url);
    const page = location.pathname + location.search;
    try {
      for (const hash of ['#invoice/inv_1', '#service/svc_2', '#domain/dom_3', '#domain/../x', '#other/1']) {
        history.replaceState(null, '', `${page}${hash}`);
        const el = await dashboard(
          commerce,
          {},
          html`<portal-dashboard
            invoices-href="/invoices"
            services-href="/services#top"
            domains-href="/domains"
          ></portal-dashboard>`,
        );
        el.remove();
      }
      // Without the page's href the link stays where it is, and so it does when that page is this one.
      history.replaceState(null, '', `${page}#domain/dom_4`);
      (await dashboard(commerce)).remove();
      (
        await dashboard(
          commerce,
          {},
          html`<portal-dashboard domains-href=${location.pathname + location.search}></portal-dashboard>`,
        )
      ).remove();
    } finally {
      history.replaceState(null, '', page);
      PortalDashboard.navigate = navigate;
    }
    expect(went).to.deep.equal([
      '/invoices#invoice/inv_1',
      '/services#service/svc_2',
      '/domains#domain/dom_3',
    ]);
  });

  it('forwards a ticket mail’s #ticket/<id> to tickets-href, and links the open tickets card there', async () => {
    const navigate = PortalDashboard.navigate;
    const went: string[] = [];
    PortalDashboard.navigate = (url) => went.push(url);
    const page = location.pathname + location.search;
    commerce.openTickets = 3;
    try {
      history.replaceState(null, '', `${page}#ticket/tkt_5`);
      const el = await dashboard(
        commerce,
        {},
        html`<portal-dashboard tickets-href="/support"></portal-dashboard>`,
      );
      expect(went).to.deep.equal(['/support#ticket/tkt_5']);
      history.replaceState(null, '', page);
      await loaded(el);
      expect(cards(el).find(([title]) => title === 'Open tickets')).to.deep.equal(['Open tickets', '3']);
      const link = $<HTMLAnchorElement>(el, '[part~="open-tickets"] a');
      expect(link.getAttribute('href')).to.equal('/support');
      expect(text(link)).to.equal('View tickets');
      await expect(el).to.be.accessible();

      // Without tickets-href: the figure alone, and the mail link stays.
      history.replaceState(null, '', `${page}#ticket/tkt_6`);
      const plain = await dashboard(commerce, {}, html`<portal-dashboard></portal-dashboard>`);
      await loaded(plain);
      expect(plain.shadowRoot!.querySelector('[part~="open-tickets"] a')).to.be.null;
      expect(went).to.have.length(1);
    } finally {
      history.replaceState(null, '', page);
      PortalDashboard.navigate = navigate;
    }
  });

  it('without invoices-href or services-href, fires portal-navigate', async () => {
    const invoice = commerce.addInvoice();
    const service = commerce.addService({ productName: 'Starter' });
    const el = await dashboard(commerce, {}, html`<portal-dashboard></portal-dashboard>`);
    await loaded(el);
    const went: PortalNavigateEvent[] = [];
    document.addEventListener('portal-navigate', (e) => went.push(e));
    button(el, invoice.number!).click();
    button(el, 'Starter').click();
    expect(went.map((e) => e.detail)).to.deep.equal([
      { to: 'invoice', id: invoice.id },
      { to: 'service', id: service.id },
    ]);
    expect(went[0]!.bubbles && went[0]!.composed).to.be.true;
    expect(el.shadowRoot!.querySelector('[part="recent-invoices"] .header a')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('shows a spinner, then a failed load with "Try again"', async () => {
    commerce.answer('GET /api/v1/dashboard', () => problem(503, 'UNAVAILABLE', 'Busy, try again.'));
    const el = await dashboard(commerce);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="load-error"]'), 'no load error');
    expect(text($(el, '[part="load-error"] p'))).to.equal('Busy, try again.');
    button(el, 'Try again').click();
    await waitUntil(
      () =>
        el.shadowRoot!.querySelector('[part="loading"]') || el.shadowRoot!.querySelector('[part="title"]'),
    );
    await loaded(el);
    expect(cards(el)).to.have.length(3);
  });

  it('signed out, shows its signed-out slot: a sign-in prompt by default, or what the page puts there', async () => {
    const el = await dashboard(
      commerce,
      { signedInAs: null },
      html`<portal-dashboard login-href="/login"></portal-dashboard>`,
    );
    expect(text($(el, '[part="signed-out"]'))).to.equal('Sign in to see your services and invoices. Sign in');
    expect($(el, '[part="signed-out"] a').getAttribute('href')).to.equal('/login');
    expect(commerce.callsTo('GET /api/v1/dashboard')).to.have.length(0);
    await expect(el).to.be.accessible();

    const slotted = await dashboard(
      commerce,
      { signedInAs: null },
      html`<portal-dashboard><p slot="signed-out" id="custom">Welcome! Please sign in.</p></portal-dashboard>`,
    );
    const slot = $<HTMLSlotElement>(slotted, 'slot[name="signed-out"]');
    expect(slot.assignedElements().map((e) => e.id)).to.deep.equal(['custom']);
  });

  it('speaks Spanish', async () => {
    commerce.addInvoice({ status: 'overdue', total: 2400 });
    commerce.addInvoice({ status: 'overdue', total: 100 });
    const el = await dashboard(commerce, { lang: 'es' });
    await loaded(el);
    expect(text($(el, '[part="title"]'))).to.equal('Resumen');
    expect(cards(el)[0]).to.deep.equal(['Importe pendiente', '25,00 GBP | 2 facturas vencidas']);
    expect(rows(el, 'recent-invoices')[0]![3]).to.equal('Vencida');
    await expect(el).to.be.accessible();
  });
});
