import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeCommerce, inCommerceProvider } from '../../../test/fake-commerce.js';
import { json, problem } from '../../../test/fake-portal.js';
import { $, button } from '../../../test/helpers.js';
import type { PortalOrderForm } from '../order-form/order-form.js';
import type { PortalProductSelectedEvent, PortalStore } from './store.js';

const store = (
  commerce: FakeCommerce,
  options: Parameters<typeof inCommerceProvider>[3] = {},
  content = html`<portal-store></portal-store>`,
) => inCommerceProvider<PortalStore>(commerce, content, 'portal-store', options);

async function loaded(el: PortalStore) {
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="product"], [part="empty"]'), 'never loaded');
  await el.updateComplete;
}

const card = (el: PortalStore, name: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="product"]')].find(
    (c) => c.querySelector('h3')?.textContent?.trim() === name,
  )!;
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

async function pickCycle(el: PortalStore, productId: string, cycle: string) {
  const select = $<HTMLSelectElement>(el, `#cycle-${productId}`);
  select.value = cycle;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

describe('<portal-store>', () => {
  let commerce: FakeCommerce;
  beforeEach(() => {
    commerce = new FakeCommerce().seedCatalog();
  });

  it('shows a spinner, then the groups and their products: description, features, badges, From price, cycles', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    commerce.answer('GET /api/v1/store', async () => {
      await held;
      return json(200, commerce.catalog('GBP'));
    });
    const el = await store(commerce, { signedInAs: null });
    expect($(el, '[part="loading"]').textContent).to.contain('Loading');
    release();
    await loaded(el);

    const groups = [...el.shadowRoot!.querySelectorAll('[part="group-title"]')].map(text);
    expect(groups).to.deep.equal(['Web hosting', 'Add-ons']);
    expect([...el.shadowRoot!.querySelectorAll('[part="group-description"] p')].map(text)).to.deep.equal([
      'Fast SSD hosting.',
      'Free certificates on every plan.',
    ]);

    const starter = card(el, 'Starter');
    expect(text(starter.querySelector('[part="from"]'))).to.equal('From £4.00 a month');
    expect([...starter.querySelectorAll('[part="description"] p')].map(text)).to.deep.equal([
      'One website.',
      'Great for a blog.',
    ]);
    expect([...starter.querySelectorAll('[part="features"] li')].map(text)).to.deep.equal([
      '1 website',
      '10 GB SSD',
    ]);
    const options = [...starter.querySelectorAll('option')].map(text);
    expect(options).to.deep.equal(['Monthly · £4.00 a month', 'Yearly · £40.00 a year + £10.00 setup']);

    const business = card(el, 'Business');
    expect(business.getAttribute('part')).to.equal('product featured');
    expect(text(business.querySelector('[part="badge"]'))).to.equal('Featured');

    const agency = card(el, 'Agency');
    expect(text(agency.querySelector('[part="badge"]'))).to.equal('Out of stock');
    expect(agency.querySelector<HTMLButtonElement>('[part~="order"]')!.disabled).to.be.true;
    // Its only cycle is shown as text.
    expect(text(agency.querySelector('[part="cycle"]'))).to.equal('Monthly: £29.00 a month');
    await expect(el).to.be.accessible();
  });

  it('lets a guest pick the currency, and asks for the catalog in it', async () => {
    const el = await store(commerce, { signedInAs: null });
    await loaded(el);
    const currency = $<HTMLSelectElement>(el, 'select[name="currency"]');
    expect([...currency.options].map((o) => o.value)).to.deep.equal(['GBP', 'EUR']);
    currency.value = 'EUR';
    currency.dispatchEvent(new Event('change'));
    await waitUntil(() => text(card(el, 'Starter')?.querySelector('[part="from"]')) === 'From €5.00 a month');
    expect(commerce.callsTo('GET /api/v1/store').map((c) => c.query)).to.deep.equal([
      {},
      { currency: 'EUR' },
    ]);
    // A product without a price in that currency is left out.
    expect(card(el, 'Agency')).to.be.undefined;
  });

  it('signed in, shows the account currency without a picker', async () => {
    const el = await store(commerce);
    await loaded(el);
    expect(el.shadowRoot!.querySelector('select[name="currency"]')).to.be.null;
    expect(commerce.callsTo('GET /api/v1/store')).to.have.length(1);
    expect(commerce.callsTo('GET /api/v1/store')[0]!.signedIn).to.be.true;
  });

  it('with order-href, links "Order" to the order page with the product and the cycle picked', async () => {
    const el = await store(commerce, {}, html`<portal-store order-href="/order"></portal-store>`);
    await loaded(el);
    const link = () => card(el, 'Starter').querySelector<HTMLAnchorElement>('a[part~="order"]')!;
    expect(link().getAttribute('href')).to.equal('/order?product=starter&cycle=monthly');
    expect(link().getAttribute('aria-label')).to.equal('Order Starter');
    await pickCycle(el, 'prod_starter', 'annual');
    expect(link().getAttribute('href')).to.equal('/order?product=starter&cycle=annual');
  });

  it('passes a guest’s currency on to the order page', async () => {
    const el = await store(
      commerce,
      { signedInAs: null },
      html`<portal-store order-href="/order?ref=shop"></portal-store>`,
    );
    await loaded(el);
    const currency = $<HTMLSelectElement>(el, 'select[name="currency"]');
    currency.value = 'EUR';
    currency.dispatchEvent(new Event('change'));
    await waitUntil(() => text(card(el, 'Starter')?.querySelector('[part="from"]')) === 'From €5.00 a month');
    expect(card(el, 'Starter').querySelector('a[part~="order"]')!.getAttribute('href')).to.equal(
      '/order?ref=shop&product=starter&cycle=monthly&currency=EUR',
    );
  });

  it('without order-href, fires portal-product-selected and opens the order form in place, with a way back', async () => {
    const el = await store(commerce);
    await loaded(el);
    const selected: PortalProductSelectedEvent[] = [];
    el.addEventListener('portal-product-selected', (event) => selected.push(event));
    await pickCycle(el, 'prod_business', 'annual');
    $<HTMLButtonElement>(el, '[data-product="prod_business"]').click();
    await el.updateComplete;
    expect(selected.map((e) => [e.detail.product.slug, e.detail.cycle, e.cancelable])).to.deep.equal([
      ['business', 'annual', true],
    ]);
    const form = $<PortalOrderForm>(el, 'portal-order-form');
    expect([form.product, form.cycle]).to.deep.equal(['business', 'annual']);
    await waitUntil(() => form.shadowRoot!.querySelector('#cycle-annual'), 'order form never loaded');
    expect(form.shadowRoot!.querySelector<HTMLInputElement>('#cycle-annual')!.checked).to.be.true;
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('button back');
    await expect(el).to.be.accessible();

    button(el, /Back to the store/).click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('portal-order-form')).to.be.null;
    await waitUntil(
      () => el.shadowRoot!.activeElement?.getAttribute('data-product') === 'prod_business',
      'focus not back on Order',
    );
  });

  it('lets the page take over "Order" by cancelling portal-product-selected', async () => {
    const el = await store(commerce);
    await loaded(el);
    el.addEventListener('portal-product-selected', (event) => event.preventDefault());
    $<HTMLButtonElement>(el, '[data-product="prod_starter"]').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('portal-order-form')).to.be.null;
  });

  it('shows one group with the group attribute', async () => {
    const el = await store(commerce, {}, html`<portal-store group="addons"></portal-store>`);
    await loaded(el);
    expect([...el.shadowRoot!.querySelectorAll('[part="group-title"]')].map(text)).to.deep.equal(['Add-ons']);
  });

  it('says when there is nothing for sale', async () => {
    commerce.groups = [];
    const el = await store(commerce);
    await loaded(el);
    expect(text($(el, '[part="empty"]'))).to.equal('There is nothing for sale here right now.');
    await expect(el).to.be.accessible();
  });

  it('hides itself when the business hides its store (404)', async () => {
    commerce.storeHidden = true;
    const el = await store(commerce, { signedInAs: null });
    await waitUntil(() => el.hidden, 'never hidden');
    await el.updateComplete;
    expect($(el, '[part="base"]').children).to.have.length(0);
    expect(getComputedStyle(el).display).to.equal('none');
  });

  it('shows a failed load with "Try again"', async () => {
    commerce.answer('GET /api/v1/store', () =>
      problem(503, 'UNAVAILABLE', 'The store is down for a moment.'),
    );
    const errors: Event[] = [];
    document.addEventListener('portal-error', (e) => errors.push(e), { once: true });
    const el = await store(commerce);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="load-error"]'), 'no load error');
    expect(text($(el, '[part="load-error"] p'))).to.equal('The store is down for a moment.');
    expect(errors).to.have.length(1);
    await expect(el).to.be.accessible();
    button(el, 'Try again').click();
    await loaded(el);
    expect(card(el, 'Starter')).to.exist;
  });

  it('speaks Spanish, in the dark theme too', async () => {
    const el = await store(commerce, { lang: 'es' }, html`<portal-store theme="dark"></portal-store>`);
    await loaded(el);
    const starter = card(el, 'Starter');
    expect(text(starter.querySelector('[part="from"]'))).to.equal('Desde 4,00 GBP al mes');
    expect(text(card(el, 'Business').querySelector('[part="badge"]'))).to.equal('Destacado');
    expect(text(card(el, 'Agency').querySelector('[part~="order"]'))).to.equal('Agotado');
    expect(text(starter.querySelector('label'))).to.equal('Periodo de facturación');
    await expect(el).to.be.accessible();
  });
});
