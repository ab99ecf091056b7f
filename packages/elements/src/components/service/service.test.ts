import { expect, html, waitUntil } from '@open-wc/testing';
import type { Cancellation, Service } from '@portico/sdk';
import { FakeCommerce, inCommerceProvider } from '../../../test/fake-commerce.js';
import { $, button, settled } from '../../../test/helpers.js';
import type {
  PortalCancellationRequestedEvent,
  PortalCancellationWithdrawnEvent,
  PortalService,
} from './service.js';

const serviceEl = (
  commerce: FakeCommerce,
  service: Service | string | undefined,
  options: Parameters<typeof inCommerceProvider>[3] = {},
) =>
  inCommerceProvider<PortalService>(
    commerce,
    html`<portal-service
      service-id=${(typeof service === 'string' ? service : service?.id) ?? ''}
      login-href="/login"
    ></portal-service>`,
    'portal-service',
    options,
  );

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

async function loaded(el: PortalService) {
  await waitUntil(() => el.shadowRoot!.querySelector('#service-title, [part="load-error"]'), 'never loaded');
  await el.updateComplete;
}

const details = (el: PortalService) =>
  Object.fromEntries(
    [...el.shadowRoot!.querySelectorAll('[part="details"] .row')].map((row) => [
      text(row.querySelector('dt')),
      text(row.querySelector('dd')),
    ]),
  );

const dialogButton = (el: PortalService, label: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('dialog[open] button')].find(
    (b) => text(b) === label,
  )!;

const request = (overrides: Partial<Cancellation> = {}): Cancellation => ({
  id: 'can_1',
  serviceId: 'svc',
  type: 'end_of_period',
  reason: 'Moving to a bigger plan',
  status: 'pending',
  effectiveAt: null,
  staffNote: null,
  createdAt: '2025-03-01T10:00:00Z',
  processedAt: null,
  ...overrides,
});

describe('<portal-service>', () => {
  let commerce: FakeCommerce;
  beforeEach(() => {
    commerce = new FakeCommerce();
  });

  it('shows the service: product, label, status, cycle, price, dates', async () => {
    const svc = commerce.addService({
      productName: 'Business',
      label: 'shop.example.com',
      cycle: 'annual',
      amount: 12_000,
      status: 'suspended',
      suspendedAt: '2025-03-05T10:00:00Z',
      suspendReason: 'Overdue invoice',
    });
    const el = await serviceEl(commerce, svc);
    await loaded(el);
    expect(text($(el, '#service-title'))).to.equal('Business');
    expect(text($(el, '[part="label"]'))).to.equal('shop.example.com');
    expect(text($(el, '.badges'))).to.equal('Suspended');
    const shown = details(el);
    expect(shown['Billing cycle']).to.equal('Yearly');
    expect(shown.Price).to.equal('£120.00 a year');
    expect(shown['Next due']).to.match(/2025/);
    expect(shown.Suspended).to.match(/2025: Overdue invoice$/);
    expect(shown).to.have.property('Active since');
    expect(shown).to.not.have.property('Cancelled');
    await expect(el).to.be.accessible();
  });

  it('requests a cancellation: when and why, confirmed, then shows it waiting', async () => {
    const svc = commerce.addService({ productName: 'Starter', label: 'blog.example.com' });
    const el = await serviceEl(commerce, svc);
    await loaded(el);
    const requested: PortalCancellationRequestedEvent[] = [];
    el.addEventListener('portal-cancellation-requested', (e) => requested.push(e));
    button(el, 'Request cancellation').click();
    await el.updateComplete;
    const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="type"]')];
    expect(radios.map((r) => [r.value, r.checked])).to.deep.equal([
      ['end_of_period', true],
      ['immediate', false],
    ]);
    expect(text($(el, 'label[for="type-end_of_period"]'))).to.match(
      /^At the end of the billing period \(.*2025\)$/,
    );
    await expect(el).to.be.accessible();

    // The reason is required.
    $<HTMLButtonElement>(el, 'form button[type="submit"]').click();
    await el.updateComplete;
    expect(text($(el, '#reason-error'))).to.equal('Tell us why you are cancelling.');
    expect(el.shadowRoot!.querySelector('dialog')).to.be.null;

    radios[1]!.click();
    const reason = $<HTMLTextAreaElement>(el, 'textarea[name="reason"]');
    reason.value = 'Moving to a bigger plan';
    reason.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'form button[type="submit"]').click();
    await el.updateComplete;
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    expect(text(dialog)).to.contain('Cancel blog.example.com?').and.contain('as soon as we approve');
    await expect(el).to.be.accessible();
    dialogButton(el, 'Request cancellation').click();
    await waitUntil(() => commerce.callsTo(`POST /api/v1/services/${svc.id}/cancellation`).length === 1);
    await settled(el);
    expect(commerce.callsTo(`POST /api/v1/services/${svc.id}/cancellation`)[0]!.body).to.deep.equal({
      type: 'immediate',
      reason: 'Moving to a bigger plan',
    });
    expect(requested).to.have.length(1);
    expect(requested[0]!.detail.service.cancellation?.status).to.equal('pending');
    expect(text($(el, '[part="request"] p'))).to.match(/^You asked on .* to cancel this service now\./);
    expect(text($(el, '.badges'))).to.equal('Active Cancellation requested');
    expect(text($(el, '[part="status"]'))).to.equal('Your cancellation request is sent.');
    expect(el.shadowRoot!.querySelector('form')).to.be.null;
    expect(el.shadowRoot!.activeElement?.id).to.equal('cancellation-title');
  });

  it('withdraws a pending request', async () => {
    const svc = commerce.addService({ productName: 'Starter' });
    svc.cancellation = request({ serviceId: svc.id });
    const el = await serviceEl(commerce, svc);
    await loaded(el);
    const withdrawn: PortalCancellationWithdrawnEvent[] = [];
    el.addEventListener('portal-cancellation-withdrawn', (e) => withdrawn.push(e));
    expect(text($(el, '[part="request"]')))
      .to.contain('at the end of its billing period')
      .and.contain('Your reason: Moving to a bigger plan');
    expect(el.shadowRoot!.querySelector('[part~="request-cancellation"]')).to.be.null;
    button(el, 'Withdraw request').click();
    await settled(el);
    expect(commerce.callsTo(`DELETE /api/v1/services/${svc.id}/cancellation`)).to.have.length(1);
    expect(withdrawn.map((e) => e.detail.service.cancellation?.status)).to.deep.equal(['withdrawn']);
    expect(text($(el, '[part="status"]'))).to.equal('Your cancellation request is withdrawn.');
    expect(el.shadowRoot!.querySelector('[part="request"]')).to.be.null;
    expect(button(el, 'Request cancellation')).to.exist;
  });

  it('shows an approved request with its end date, and a declined one with the staff note', async () => {
    const approved = commerce.addService({ productName: 'Starter' });
    approved.cancellation = request({ status: 'approved', effectiveAt: '2025-04-30T00:00:00Z' });
    const el = await serviceEl(commerce, approved);
    await loaded(el);
    expect(text($(el, '[part="request"]'))).to.match(
      /^Your cancellation is approved\. The service ends on .*2025\.$/,
    );
    expect(el.shadowRoot!.querySelector('[part~="request-cancellation"]')).to.be.null;

    const declined = commerce.addService({ productName: 'Business' });
    declined.cancellation = request({ status: 'rejected', staffNote: 'Your contract runs until June.' });
    const other = await serviceEl(commerce, declined);
    await loaded(other);
    expect(text($(other, '[part="request"] p'))).to.match(/^Your cancellation request of .* was declined\.$/);
    expect(text($(other, '[part="staff-note"]'))).to.equal('Our note: Your contract runs until June.');
    // A new request may be made.
    expect(button(other, 'Request cancellation')).to.exist;
    await expect(other).to.be.accessible();
  });

  it('says why someone without services:write cannot request a cancellation', async () => {
    const svc = commerce.addService({ productName: 'Starter' });
    svc.cancellation = request();
    commerce.account.asContact('billing');
    const el = await serviceEl(commerce, svc);
    await loaded(el);
    expect(el.shadowRoot!.querySelector('[part~="withdraw"]'), 'no withdraw either').to.be.null;
    svc.cancellation = null;
    const other = await serviceEl(commerce, svc);
    await loaded(other);
    expect(text($(other, '[part="not-allowed"]'))).to.equal(
      'Your role on this account cannot request cancellations. Ask the account owner.',
    );
    expect(other.shadowRoot!.querySelector('form, [part~="request-cancellation"]')).to.be.null;
  });

  it('shows a cancelled service without a cancellation form', async () => {
    const svc = commerce.addService({
      status: 'cancelled',
      cancelledAt: '2025-02-01T00:00:00Z',
      nextDueAt: null,
    });
    const el = await serviceEl(commerce, svc);
    await loaded(el);
    expect(details(el).Cancelled).to.match(/2025/);
    expect(el.shadowRoot!.querySelector('[part="cancellation"]')).to.be.null;
  });

  it('shows an unknown service as an error without "Try again", and nothing chosen as such', async () => {
    const el = await serviceEl(commerce, 'svc_missing');
    await loaded(el);
    expect(text($(el, '[part="load-error"]'))).to.equal('There is no such service.');
    expect(el.shadowRoot!.querySelector('[part~="retry"]')).to.be.null;

    const none = await serviceEl(commerce, undefined);
    expect(text($(none, '[part="empty"]'))).to.equal('No service chosen.');
  });

  it('asks to sign in when signed out', async () => {
    const el = await serviceEl(commerce, 'svc_1', { signedInAs: null });
    expect($(el, '[part="signed-out"] a').getAttribute('href')).to.equal('/login');
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const svc = commerce.addService({ productName: 'Starter', cycle: 'monthly' });
    const el = await serviceEl(commerce, svc, { lang: 'es' });
    await loaded(el);
    expect(details(el)['Periodo de facturación']).to.equal('Mensual');
    expect(details(el).Precio).to.equal('4,00 GBP al mes');
    button(el, 'Solicitar la baja').click();
    await el.updateComplete;
    expect(text($(el, '[part="when"] legend'))).to.equal('¿Cuándo debe terminar?');
    await expect(el).to.be.accessible();
  });
});
