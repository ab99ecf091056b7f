import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FakeCommerce, inCommerceProvider } from '../../../test/fake-commerce.js';
import { problem } from '../../../test/fake-portal.js';
import { $, button } from '../../../test/helpers.js';
import type { PortalService } from '../service/service.js';
import type { PortalServices } from './services.js';

const servicesEl = (
  commerce: FakeCommerce,
  options: Parameters<typeof inCommerceProvider>[3] = {},
  content = html`<portal-services></portal-services>`,
) => inCommerceProvider<PortalServices>(commerce, content, 'portal-services', options);

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

async function loaded(el: PortalServices) {
  await waitUntil(() => el.shadowRoot!.querySelector('[part="table"], [part="empty"]'), 'never loaded');
  await el.updateComplete;
}

const rows = (el: PortalServices) =>
  [...el.shadowRoot!.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => text(cell)));

const tab = (el: PortalServices, name: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((t) => text(t) === name)!;

/** Waits for the open `<portal-service>` to show its service. */
async function detail(el: PortalServices): Promise<PortalService> {
  await waitUntil(() => el.shadowRoot!.querySelector('portal-service'), 'no detail');
  const service = el.shadowRoot!.querySelector<PortalService>('portal-service')!;
  await waitUntil(() => service.shadowRoot?.querySelector('#service-title'), 'the service never loaded');
  return service;
}

describe('<portal-services>', () => {
  let commerce: FakeCommerce;
  const start = location.href;
  beforeEach(() => {
    commerce = new FakeCommerce();
    history.replaceState(null, '', start);
  });
  afterEach(() => {
    history.replaceState(null, '', start);
  });

  it('lists the services: product and label, cycle, price, next due date, status', async () => {
    commerce.addService({
      productName: 'Business',
      label: 'shop.example.com',
      cycle: 'annual',
      amount: 12_000,
    });
    commerce.addService({
      productName: 'Dedicated IP',
      status: 'suspended',
      nextDueAt: null,
      cancellation: {
        id: 'can_1',
        serviceId: 'x',
        type: 'immediate',
        reason: 'No longer needed',
        status: 'pending',
        effectiveAt: null,
        staffNote: null,
        createdAt: '2025-03-01T10:00:00Z',
        processedAt: null,
      },
    });
    const el = await servicesEl(commerce);
    await loaded(el);
    const [ip, business] = rows(el);
    expect(ip).to.deep.equal([
      'Dedicated IP',
      'Monthly',
      '£4.00',
      '—None',
      'Suspended Cancellation requested',
    ]);
    expect(business!.slice(0, 3)).to.deep.equal(['Business shop.example.com', 'Yearly', '£120.00']);
    expect(business![3]).to.match(/2025/);
    expect(business![4]).to.equal('Active');
    expect(el.shadowRoot!.querySelector('[part~="more"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('filters by status with tabs that work with the arrow keys', async () => {
    commerce.addService({ productName: 'Starter', status: 'active' });
    commerce.addService({ productName: 'Old plan', status: 'cancelled', nextDueAt: null });
    const el = await servicesEl(commerce);
    await loaded(el);
    expect([...el.shadowRoot!.querySelectorAll('[role="tab"]')].map(text)).to.deep.equal([
      'All',
      'Active',
      'Pending',
      'Suspended',
      'Cancelled',
    ]);
    tab(el, 'Cancelled').click();
    await el.updateComplete;
    await loaded(el);
    expect(rows(el).map((r) => r[0])).to.deep.equal(['Old plan']);
    expect(tab(el, 'Cancelled').getAttribute('aria-selected')).to.equal('true');
    expect($(el, '[role="tabpanel"]').getAttribute('aria-labelledby')).to.equal('tab-cancelled');

    tab(el, 'Cancelled').focus();
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => el.shadowRoot!.querySelector('[part="empty"]'), 'suspended never shown');
    expect(el.shadowRoot!.activeElement?.id).to.equal('tab-suspended');
    expect(text($(el, '[part="empty"]'))).to.equal('No services with this status.');
    await sendKeys({ press: 'Home' });
    await waitUntil(() => rows(el).length === 2, 'all never shown');
    expect(commerce.callsTo('GET /api/v1/services').map((c) => c.query.status)).to.deep.equal([
      undefined,
      'cancelled',
      'suspended',
      undefined,
    ]);
    await expect(el).to.be.accessible();
  });

  it('loads more with the cursor, and moves focus to the first new row', async () => {
    for (let i = 1; i <= 5; i++) commerce.addService({ productName: `Plan ${i}` });
    const el = await servicesEl(commerce, {}, html`<portal-services page-size="3"></portal-services>`);
    await loaded(el);
    expect(rows(el).map((r) => r[0])).to.deep.equal(['Plan 5', 'Plan 4', 'Plan 3']);
    button(el, 'Load more').click();
    await waitUntil(() => rows(el).length === 5, 'never loaded more');
    expect(rows(el).map((r) => r[0])).to.deep.equal(['Plan 5', 'Plan 4', 'Plan 3', 'Plan 2', 'Plan 1']);
    expect(commerce.callsTo('GET /api/v1/services').map((c) => c.query)).to.deep.equal([
      { limit: '3' },
      { limit: '3', cursor: '3' },
    ]);
    expect(el.shadowRoot!.querySelector('[part~="more"]')).to.be.null;
    await waitUntil(() => text(el.shadowRoot!.activeElement) === 'Plan 2', 'focus not on the new rows');
  });

  it('opens a service and goes back, changing the hash without a history entry', async () => {
    const svc = commerce.addService({ productName: 'Starter', label: 'blog.example.com' });
    const el = await servicesEl(commerce);
    await loaded(el);
    const length = history.length;
    button(el, 'Starter').click();
    const service = await detail(el);
    expect(service.serviceId).to.equal(svc.id);
    expect(location.hash).to.equal(`#service/${svc.id}`);
    expect(history.length, 'no new history entry').to.equal(length);
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('button back');
    await expect(el).to.be.accessible();

    button(el, /All services/).click();
    await loaded(el);
    expect(location.hash).to.equal('');
    await waitUntil(() => text(el.shadowRoot!.activeElement) === 'Starter', 'focus not back on the row');
  });

  it('opens the service named in the page’s #service/<id>, as email links do', async () => {
    const svc = commerce.addService({ productName: 'Business' });
    commerce.addService({ productName: 'Starter' });
    history.replaceState(null, '', `#service/${svc.id}`);
    const el = await servicesEl(commerce);
    const service = await detail(el);
    expect(text(service.shadowRoot!.querySelector('#service-title'))).to.equal('Business');

    // A later hash change (another email link) opens that one; another hash closes the detail.
    const other = commerce.addService({ productName: 'Dedicated IP' });
    location.hash = `#service/${other.id}`;
    await waitUntil(
      () => el.shadowRoot!.querySelector<PortalService>('portal-service')?.serviceId === other.id,
    );
    location.hash = '#top';
    await loaded(el);
  });

  it('updates the row when a cancellation is requested in the open service', async () => {
    const svc = commerce.addService({ productName: 'Starter' });
    const el = await servicesEl(commerce);
    await loaded(el);
    button(el, 'Starter').click();
    const service = await detail(el);
    commerce.services[0]!.cancellation = {
      id: 'can_1',
      serviceId: svc.id,
      type: 'end_of_period',
      reason: 'Too slow',
      status: 'pending',
      effectiveAt: null,
      staffNote: null,
      createdAt: new Date().toISOString(),
      processedAt: null,
    };
    const { PortalCancellationRequestedEvent } = await import('../service/service.js');
    service.dispatchEvent(new PortalCancellationRequestedEvent(commerce.services[0]!));
    button(el, /All services/).click();
    await loaded(el);
    expect(rows(el)[0]![4]).to.equal('Active Cancellation requested');
  });

  it('says when there are no services, and explains to someone who may not see them', async () => {
    const el = await servicesEl(commerce);
    await loaded(el);
    expect(text($(el, '[part="empty"]'))).to.equal('You have no services yet.');
    await expect(el).to.be.accessible();

    const other = new FakeCommerce();
    other.account.asContact('custom', ['billing:read']);
    const denied = await servicesEl(other);
    expect(text($(denied, '[part="not-allowed"]'))).to.contain("You don't have permission");
    expect(other.callsTo('GET /api/v1/services')).to.have.length(0);
  });

  it('shows a failed load with "Try again"', async () => {
    commerce.addService({ productName: 'Starter' });
    commerce.answer('GET /api/v1/services', () => problem(503, 'UNAVAILABLE', 'Busy, try again.'));
    const el = await servicesEl(commerce);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="load-error"]'), 'no load error');
    expect(text($(el, '[part="load-error"] p'))).to.equal('Busy, try again.');
    button(el, 'Try again').click();
    await loaded(el);
    expect(rows(el)).to.have.length(1);
  });

  it('asks to sign in when signed out', async () => {
    const el = await servicesEl(
      commerce,
      { signedInAs: null },
      html`<portal-services login-href="/login"></portal-services>`,
    );
    expect(text($(el, '[part="signed-out"]'))).to.equal('Sign in to continue. Sign in');
    expect($(el, '[part="signed-out"] a').getAttribute('href')).to.equal('/login');
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    commerce.addService({ productName: 'Starter', cycle: 'quarterly' });
    const el = await servicesEl(commerce, { lang: 'es' });
    await loaded(el);
    expect(text($(el, '[part="title"]'))).to.equal('Mis servicios');
    expect(rows(el)[0]!.slice(1, 3)).to.deep.equal(['Trimestral', '4,00 GBP']);
    expect(rows(el)[0]![4]).to.equal('Activo');
    expect(text(tab(el, 'Todos'))).to.equal('Todos');
    await expect(el).to.be.accessible();
  });
});
