import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { FakeCommerce, inCommerceProvider } from '../../../test/fake-commerce.js';
import { FakeDomains, inDomainsProvider } from '../../../test/fake-domains.js';
import { json, problem } from '../../../test/fake-portal.js';
import { $, alertText, button, settled, type } from '../../../test/helpers.js';
import type { PortalLogin } from '../login/login.js';
import type { PortalOrderForm, PortalOrderPlacedEvent } from './order-form.js';

const orderForm = (
  commerce: FakeCommerce,
  options: Parameters<typeof inCommerceProvider>[3] = {},
  content: TemplateResult = html`<portal-order-form product="starter" cycle="monthly"></portal-order-form>`,
) => inCommerceProvider<PortalOrderForm>(commerce, content, 'portal-order-form', options);

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();
const find = (el: PortalOrderForm, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);

async function loaded(el: PortalOrderForm) {
  await waitUntil(() => find(el, '#order-title, [part="empty"], [part="unavailable"]'), 'never loaded');
  await el.updateComplete;
}

/** Waits for the quote of what is picked now; returns the summary's rows. */
async function quoted(el: PortalOrderForm): Promise<string[][]> {
  await waitUntil(() => find(el, '[part="quote-lines"]'), 'never quoted');
  return [
    ...el.shadowRoot!.querySelectorAll('[part="quote-lines"] tbody tr, [part="quote-lines"] tfoot tr'),
  ].map((row) => [...row.children].map((cell) => text(cell)!));
}

const total = (el: PortalOrderForm) => text(find(el, '[part~="total"] td'));

async function pickCycle(el: PortalOrderForm, cycle: string) {
  const radio = $<HTMLInputElement>(el, `#cycle-${cycle}`);
  radio.checked = true;
  radio.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

const place = (el: PortalOrderForm) => button(el, 'Place order');

describe('<portal-order-form>', () => {
  let commerce: FakeCommerce;
  beforeEach(() => {
    sessionStorage.clear();
    commerce = new FakeCommerce().seedCatalog();
  });
  afterEach(() => {
    sessionStorage.clear();
  });

  it('shows the product, its cycles and the server’s quote: lines, tax with its name and rate, total', async () => {
    const el = await orderForm(commerce);
    await loaded(el);
    expect(text($(el, '#order-title'))).to.equal('Starter');
    expect([...el.shadowRoot!.querySelectorAll('[part="description"] p')].map(text)).to.deep.equal([
      'One website.',
      'Great for a blog.',
    ]);
    const cycles = [...el.shadowRoot!.querySelectorAll('[part="cycles"] label')].map(text);
    expect(cycles).to.deep.equal(['Monthly £4.00 a month', 'Yearly £40.00 a year + £10.00 setup']);
    expect($<HTMLInputElement>(el, '#cycle-monthly').checked).to.be.true;
    // Hosting is one per order: no quantity.
    expect(find(el, 'input[name="quantity"]')).to.be.null;
    expect(find(el, '[part="quoting"]')).to.exist;
    expect(await quoted(el)).to.deep.equal([
      ['Starter (monthly)', '£4.00'],
      ['Subtotal', '£4.00'],
      ['VAT (20%)', '£0.80'],
      ['Total', '£4.80'],
    ]);
    expect(commerce.callsTo('POST /api/v1/store/quote').map((c) => c.body)).to.deep.equal([
      { items: [{ productId: 'prod_starter', cycle: 'monthly' }], currency: 'GBP' },
    ]);
    expect(text(find(el, '.quote [role="status"]'))).to.equal('Total: £4.80');
    await expect(el).to.be.accessible();
  });

  it('asks for a new quote on every change, and never shows one for an earlier choice', async () => {
    const el = await orderForm(commerce);
    await loaded(el);
    await quoted(el);

    // The quote for "Yearly" is slow to come; meanwhile the old one must not show as this choice's.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    commerce.answer('POST /api/v1/store/quote', async () => {
      await held;
      return json(200, {
        currency: 'GBP',
        lines: [],
        subtotal: 99_900,
        taxName: null,
        taxRateBps: 0,
        tax: 0,
        total: 99_900,
      });
    });
    await pickCycle(el, 'annual');
    expect(find(el, '[part="quote-lines"]'), 'the monthly quote is gone').to.be.null;
    expect(text(find(el, '[part="quoting"]'))).to.equal('Working out the price…');
    expect($(el, '[part~="place"]').hasAttribute('disabled')).to.be.true;
    await waitUntil(() => commerce.callsTo('POST /api/v1/store/quote').length === 2, 'no second quote');

    // Back to monthly before the yearly answer: the late yearly answer is dropped.
    await pickCycle(el, 'monthly');
    await waitUntil(() => commerce.callsTo('POST /api/v1/store/quote').length === 3, 'no third quote');
    await quoted(el);
    expect(total(el)).to.equal('£4.80');
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    expect(total(el)).to.equal('£4.80');

    await pickCycle(el, 'annual');
    await waitUntil(() => total(el) === '£60.00', 'the yearly quote never showed');
    expect(commerce.callsTo('POST /api/v1/store/quote').at(-1)!.body).to.deep.equal({
      items: [{ productId: 'prod_starter', cycle: 'annual' }],
      currency: 'GBP',
    });
  });

  it('asks for a quantity for products that are not hosting, and quotes it', async () => {
    const el = await orderForm(commerce, {}, html`<portal-order-form product="prod_ip"></portal-order-form>`);
    await loaded(el);
    await quoted(el);
    await type(el, 'quantity', '0');
    expect(text($(el, '#quantity-error'))).to.equal('Enter a whole number from 1 to 100.');
    expect(find(el, '[part="quote-lines"]')).to.be.null;
    await type(el, 'quantity', '3');
    expect(find(el, '#quantity-error')).to.be.null;
    expect(await quoted(el)).to.deep.include(['3 × Dedicated IP (monthly)', '£9.00']);
    expect(total(el)).to.equal('£10.80');
    expect(commerce.callsTo('POST /api/v1/store/quote').at(-1)!.body).to.deep.equal({
      items: [{ productId: 'prod_ip', cycle: 'monthly', quantity: 3 }],
      currency: 'GBP',
    });
  });

  it('places the order with what was picked, never a price, then shows the invoice to pay', async () => {
    const el = await orderForm(commerce);
    await loaded(el);
    await pickCycle(el, 'annual');
    await waitUntil(() => total(el) === '£60.00');
    const placed: PortalOrderPlacedEvent[] = [];
    document.addEventListener('portal-order-placed', (e) => placed.push(e), { once: true });
    place(el).click();
    await settled(el);
    const [call, ...more] = commerce.callsTo('POST /api/v1/orders');
    expect(more).to.have.length(0);
    expect(call!.body).to.deep.equal({
      items: [{ productId: 'prod_starter', cycle: 'annual' }],
      currency: 'GBP',
    });
    expect(call!.idempotencyKey).to.match(/^[0-9a-f]{32}$/);
    expect(placed).to.have.length(1);
    expect(placed[0]!.cancelable && placed[0]!.composed && placed[0]!.bubbles).to.be.true;
    const { order, invoice } = placed[0]!.detail;
    expect(order.invoiceId).to.equal(invoice.id);
    expect(text($(el, '#placed-title'))).to.equal('Thank you: your order is placed');
    expect(el.shadowRoot!.activeElement?.id).to.equal('placed-title');
    expect(text($(el, '[part="confirmation"] p'))).to.equal(
      `Invoice ${invoice.number} for £60.00 is ready. Pay it now to get started.`,
    );
    expect($(el, 'portal-invoice').getAttribute('invoice-id')).to.equal(invoice.id);
    expect(sessionStorage.getItem('portico:order'), 'the selection is done with').to.be.null;
    await expect(el).to.be.accessible();

    // Signing out puts the confirmation away: it was not for whoever uses the page next.
    await el.client!.auth.logout();
    await waitUntil(() => !find(el, '#placed-title'), 'the confirmation stayed');
  });

  it('reuses the Idempotency-Key when the same order is sent again, and makes a new one for a new attempt', async () => {
    const el = await orderForm(commerce);
    await loaded(el);
    await quoted(el);
    commerce.answer('POST /api/v1/orders', () => problem(503, 'UNAVAILABLE', 'Try again in a moment.'), 2);
    place(el).click();
    // A second click while the first is in flight sends nothing.
    place(el).click();
    await settled(el);
    expect(alertText(el)).to.equal('Try again in a moment.');
    place(el).click();
    await settled(el);
    const [first, retry] = commerce.callsTo('POST /api/v1/orders');
    expect(commerce.callsTo('POST /api/v1/orders')).to.have.length(2);
    expect(retry!.idempotencyKey).to.equal(first!.idempotencyKey);

    // Another choice is another order: a new key.
    await pickCycle(el, 'annual');
    await waitUntil(() => total(el) === '£60.00');
    place(el).click();
    await settled(el);
    const third = commerce.callsTo('POST /api/v1/orders')[2]!;
    expect(third.idempotencyKey).to.not.equal(first!.idempotencyKey);
    expect(commerce.orders).to.have.length(1);
    expect(find(el, '#placed-title')).to.exist;
  });

  it('requires the Terms of Service when the business has them', async () => {
    commerce.termsUrl = 'https://northwind.example/terms';
    const el = await orderForm(commerce);
    await loaded(el);
    await quoted(el);
    const link = $<HTMLAnchorElement>(el, '[part="terms-link"]');
    expect(link.href).to.equal('https://northwind.example/terms');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(text(link)).to.equal('Terms of Service (opens in a new tab)');
    place(el).click();
    await el.updateComplete;
    expect(text($(el, '#acceptTerms-error'))).to.equal('Accept the Terms of Service to place the order.');
    expect(commerce.callsTo('POST /api/v1/orders')).to.have.length(0);
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'acceptTerms', 'focus not on the terms');
    await expect(el).to.be.accessible();

    const terms = $<HTMLInputElement>(el, '#acceptTerms');
    terms.click();
    await el.updateComplete;
    expect(find(el, '#acceptTerms-error')).to.be.null;
    // The server still refuses (its terms changed): its code shows beside the checkbox.
    commerce.answer('POST /api/v1/orders', () =>
      problem(422, 'TERMS_NOT_ACCEPTED', 'Accept the Terms of Service.', [
        { path: 'acceptTerms', message: 'Accept the Terms of Service' },
      ]),
    );
    place(el).click();
    await settled(el);
    expect(text($(el, '#acceptTerms-error'))).to.equal('Accept the Terms of Service to place the order.');
    place(el).click();
    await settled(el);
    expect(commerce.callsTo('POST /api/v1/orders').map((c) => c.body?.acceptTerms)).to.deep.equal([
      true,
      true,
    ]);
    expect(find(el, '#placed-title')).to.exist;
  });

  it('explains PRODUCT_UNAVAILABLE and OUT_OF_STOCK from the server', async () => {
    const el = await orderForm(commerce);
    await loaded(el);
    await quoted(el);
    commerce.answer('POST /api/v1/orders', () => problem(409, 'OUT_OF_STOCK', 'Starter is out of stock.'));
    place(el).click();
    await settled(el);
    expect(alertText(el)).to.equal('This product is out of stock.');
    commerce.answer('POST /api/v1/orders', () =>
      problem(422, 'PRODUCT_UNAVAILABLE', 'Not available.', [{ path: 'items.0.productId', message: 'x' }]),
    );
    place(el).click();
    await settled(el);
    expect(text($(el, '#cycle-error'))).to.equal(
      'This product is not available in this billing cycle or currency any more.',
    );
    expect($(el, '[part="cycles"]').getAttribute('aria-describedby')).to.equal('cycle-error');
    // Neither placed anything: the next send is a new attempt.
    const keys = commerce.callsTo('POST /api/v1/orders').map((c) => c.idempotencyKey);
    expect(keys[0]).to.not.equal(keys[1]);
  });

  it('shows a quote that cannot be made, and an out-of-stock product without a way to order it', async () => {
    commerce.answer('POST /api/v1/store/quote', () =>
      problem(409, 'OUT_OF_STOCK', 'Starter is out of stock.'),
    );
    const el = await orderForm(commerce);
    await loaded(el);
    await waitUntil(() => find(el, '[part="quote-error"]'), 'no quote error');
    expect(text($(el, '[part="quote-error"]'))).to.equal('This product is out of stock.');
    expect($(el, '[part~="place"]').hasAttribute('disabled')).to.be.true;

    const agency = await orderForm(
      commerce,
      {},
      html`<portal-order-form product="agency"></portal-order-form>`,
    );
    await loaded(agency);
    expect(text($(agency, '[part="badge"]'))).to.equal('Out of stock');
    expect(find(agency, '[part~="place"]')).to.be.null;
    expect(find(agency, '[part="quote"]')).to.be.null;
  });

  it('signed out, asks to sign in inline, keeps the choice, and continues once signed in', async () => {
    const el = await orderForm(commerce, { signedInAs: null });
    await loaded(el);
    await pickCycle(el, 'annual');
    await waitUntil(() => total(el) === '£60.00');
    expect(find(el, '[part~="place"]')).to.be.null;
    expect(text($(el, '#account-title'))).to.equal('Sign in to order');
    await expect(el).to.be.accessible();

    // The switch to sign up, and back.
    button(el, 'New here? Create an account').click();
    await el.updateComplete;
    expect(find(el, 'portal-register')).to.exist;
    expect(find(el, 'portal-login')).to.be.null;
    button(el, 'Already have an account? Sign in').click();
    await el.updateComplete;

    const login = $<PortalLogin>(el, 'portal-login');
    await login.updateComplete;
    await type(login, 'email', 'ada@example.com');
    await type(login, 'password', 'analytical engine');
    $<HTMLButtonElement>(login, 'button[type="submit"]').click();
    await waitUntil(() => find(el, '[part~="place"]'), 'the order never continued');
    expect($<HTMLInputElement>(el, '#cycle-annual').checked, 'the choice is kept').to.be.true;
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'order-title', 'focus not on the order');
    await waitUntil(() => total(el) === '£60.00');
    // The quote is asked again for the account (its address decides the tax).
    expect(commerce.callsTo('POST /api/v1/store/quote').at(-1)!.signedIn).to.be.true;
    place(el).click();
    await settled(el);
    expect(commerce.callsTo('POST /api/v1/orders')).to.have.length(1);
    expect(find(el, 'portal-invoice')).to.exist;
  });

  it('keeps the choice across a reload, and reads the product and cycle from the page URL', async () => {
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?product=dedicated-ip&cycle=monthly`);
    try {
      const first = await orderForm(
        commerce,
        { signedInAs: null },
        html`<portal-order-form></portal-order-form>`,
      );
      await loaded(first);
      expect(text($(first, '#order-title'))).to.equal('Dedicated IP');
      await type(first, 'quantity', '4');
      first.remove();

      // "Reload": a new form on the same page finds the quantity typed.
      const second = await orderForm(
        commerce,
        { signedInAs: null },
        html`<portal-order-form></portal-order-form>`,
      );
      await loaded(second);
      expect($<HTMLInputElement>(second, 'input[name="quantity"]').value).to.equal('4');
      expect(await quoted(second)).to.deep.include(['4 × Dedicated IP (monthly)', '£12.00']);

      // A different ask (another product) starts afresh.
      const third = await orderForm(
        commerce,
        { signedInAs: null },
        html`<portal-order-form product="starter"></portal-order-form>`,
      );
      await loaded(third);
      expect(text($(third, '#order-title'))).to.equal('Starter');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('says when there is no product to order, or it is not in the store', async () => {
    const empty = await orderForm(
      commerce,
      {},
      html`<portal-order-form store-href="/store"></portal-order-form>`,
    );
    await loaded(empty);
    expect(text($(empty, '[part="empty"] p'))).to.equal('Pick a product in the store to order it.');
    expect($(empty, '[part="empty"] a').getAttribute('href')).to.equal('/store');
    await expect(empty).to.be.accessible();

    const gone = await orderForm(commerce, {}, html`<portal-order-form product="nope"></portal-order-form>`);
    await loaded(gone);
    expect(text($(gone, '[part="unavailable"] p'))).to.equal('This product is not available any more.');
  });

  it('shows a failed load with "Try again"', async () => {
    commerce.answer('GET /api/v1/store', () => problem(500, 'INTERNAL', 'Something broke.'));
    const el = await orderForm(commerce);
    await waitUntil(() => find(el, '[part="load-error"]'), 'no load error');
    expect(text($(el, '[part="load-error"] p'))).to.equal('Something broke.');
    button(el, 'Try again').click();
    await loaded(el);
    expect(text($(el, '#order-title'))).to.equal('Starter');
  });

  it('tells someone whose role may not order, without a button', async () => {
    commerce.account.asContact('technical');
    const el = await orderForm(commerce);
    await loaded(el);
    expect(text($(el, '[part="not-allowed"]'))).to.equal(
      'Your role on this account cannot place orders. Ask the account owner.',
    );
    expect(find(el, '[part~="place"]')).to.be.null;
  });

  it('lets the page take over after ordering by cancelling portal-order-placed', async () => {
    const el = await orderForm(commerce);
    await loaded(el);
    await quoted(el);
    el.addEventListener('portal-order-placed', (event) => event.preventDefault());
    place(el).click();
    await settled(el);
    expect(find(el, '#placed-title')).to.be.null;
    expect(text($(el, '[part="status"]'))).to.equal('Your order is placed.');
  });

  it('speaks Spanish', async () => {
    commerce.termsUrl = 'https://northwind.example/terms';
    const el = await orderForm(commerce, { lang: 'es' });
    await loaded(el);
    await quoted(el);
    expect(text($(el, '[part="cycles"] legend'))).to.equal('Periodo de facturación');
    expect(text($(el, '[part~="total"] th'))).to.equal('Total');
    expect(text($(el, '[part~="place"]'))).to.equal('Hacer el pedido');
    expect(text($(el, '[part~="terms"] label'))).to.contain('Acepto los Términos del servicio');
    await expect(el).to.be.accessible();
  });

  it('works standalone with its own api attribute too', async () => {
    // Without a provider or api it says it is not connected.
    const el = await fixture<PortalOrderForm>(
      html`<portal-order-form product="starter"></portal-order-form>`,
    );
    expect(text($(el, '[part="load-error"]'))).to.contain('not connected');
  });
});

describe('<portal-order-form> with domains', () => {
  let domains: FakeDomains;
  const before = location.href;
  beforeEach(() => {
    sessionStorage.clear();
    domains = new FakeDomains(new FakeCommerce().seedCatalog());
  });
  afterEach(() => {
    sessionStorage.clear();
    history.replaceState(null, '', before);
  });

  const withDomains = (
    content: TemplateResult,
    options: { signedInAs?: string | null; lang?: string } = {},
  ) => inDomainsProvider<PortalOrderForm>(domains, content, 'portal-order-form', options);

  const lines = (el: PortalOrderForm) =>
    [...el.shadowRoot!.querySelectorAll('[part~="domain-line"]')].map((line) => [
      text(line.querySelector('[part~="domain-name"]')),
      text(line.querySelector('.sub')),
    ]);
  const quoteCalls = () => domains.callsTo('POST /api/v1/store/quote');

  it('orders domains alone: lines with their period, the server’s quote, then the order with the domains', async () => {
    const el = await withDomains(
      html`<portal-order-form
        .domains=${[
          { domain: 'Bücher.example', action: 'register', years: 2 },
          { domain: 'northwind.com', action: 'register' },
        ]}
      ></portal-order-form>`,
    );
    await loaded(el);
    expect(text($(el, '#order-title'))).to.equal('Order domains');
    expect(find(el, '[part="cycles"]')).to.be.null;
    expect(text($(el, '[part="domains"] legend'))).to.equal('Domains');
    expect(lines(el)).to.deep.equal([
      ['bücher.example', 'Registration'],
      ['northwind.com', 'Registration'],
    ]);
    const period = $<HTMLSelectElement>(el, '#domain-0-years');
    expect(text($(el, 'label[for="domain-0-years"]'))).to.equal('Period for bücher.example');
    expect([...period.options].map((o) => text(o))).to.deep.equal(['1 year · £5.00', '2 years · £10.00']);
    expect(period.value).to.equal('2');
    expect(await quoted(el)).to.deep.equal([
      ['Domain registration: bücher.example (2 years)', '£10.00'],
      ['Domain registration: northwind.com (1 year)', '£10.00'],
      ['Subtotal', '£20.00'],
      ['VAT (20%)', '£4.00'],
      ['Total', '£24.00'],
    ]);
    expect(quoteCalls().at(-1)!.body).to.deep.equal({
      items: [],
      domains: [
        { domain: 'xn--bcher-kva.example', action: 'register', years: 2 },
        { domain: 'northwind.com', action: 'register', years: 1 },
      ],
      currency: 'GBP',
    });
    await expect(el).to.be.accessible();

    // Another period is another quote.
    const com = $<HTMLSelectElement>(el, '#domain-1-years');
    com.value = '3';
    com.dispatchEvent(new Event('change'));
    await waitUntil(() => total(el) === '£45.60', `the 3-year quote never showed: ${total(el)}`);

    place(el).click();
    await settled(el);
    const [call] = domains.callsTo('POST /api/v1/orders');
    expect(call!.body).to.deep.equal({
      items: [],
      domains: [
        { domain: 'xn--bcher-kva.example', action: 'register', years: 2 },
        { domain: 'northwind.com', action: 'register', years: 3 },
      ],
      currency: 'GBP',
    });
    expect(call!.idempotencyKey).to.match(/^[0-9a-f]{32}$/);
    expect(domains.commerce.orders[0]!.domains.map((d) => [d.unicode, d.years])).to.deep.equal([
      ['bücher.example', 2],
      ['northwind.com', 3],
    ]);
    expect(text($(el, '#placed-title'))).to.equal('Thank you: your order is placed');
    expect($(el, 'portal-invoice').getAttribute('invoice-id')).to.equal(
      domains.commerce.orders[0]!.invoiceId,
    );
  });

  it('reads the page’s domain parameters and asks for a transfer’s EPP code before quoting', async () => {
    history.replaceState(
      null,
      '',
      `${location.pathname}?domain=transfer:example.com:1&domain=register:northwind.net:2&domain=bogus&domain=register:bad..name:1`,
    );
    const el = await withDomains(html`<portal-order-form></portal-order-form>`);
    await loaded(el);
    expect(lines(el)).to.deep.equal([
      ['example.com', 'Transfer'],
      ['northwind.net', 'Registration'],
    ]);
    const code = $<HTMLInputElement>(el, 'input[name="domains.0.eppCode"]');
    expect(code.required).to.be.true;
    expect(code.maxLength).to.equal(64);
    expect(code.value).to.equal('');
    expect(text($(el, `label[for="${code.id}"]`))).to.equal('Transfer (EPP) code for example.com *');
    expect(text($(el, '[part="quote"] [part="hint"]'))).to.equal(
      'Enter the transfer code of each transfer to see the total.',
    );
    expect($(el, '[part~="place"]').hasAttribute('disabled')).to.be.true;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(quoteCalls(), 'no quote without the code').to.have.length(0);
    await expect(el).to.be.accessible();

    await type(el, 'domains.0.eppCode', ' Xy7#kLm9 ');
    expect(await quoted(el)).to.deep.include(['Domain transfer: example.com (1 year)', '£9.00']);
    expect(quoteCalls().at(-1)!.body!.domains).to.deep.equal([
      { domain: 'example.com', action: 'transfer', years: 1, eppCode: 'Xy7#kLm9' },
      { domain: 'northwind.net', action: 'register', years: 2 },
    ]);

    // The server refuses the code: its words go beside the field.
    domains.answer('POST /api/v1/orders', () =>
      problem(400, 'VALIDATION_FAILED', 'The request has invalid fields', [
        { path: 'domains.0.eppCode', message: 'That code is not accepted' },
      ]),
    );
    place(el).click();
    await settled(el);
    expect(text($(el, '#domains-0-eppCode-error'))).to.equal('That code is not accepted');
    await waitUntil(() => el.shadowRoot!.activeElement === code, 'focus not on the code');
    await type(el, 'domains.0.eppCode', 'N3w-code');
    expect(find(el, '#domains-0-eppCode-error')).to.be.null;
    await waitUntil(() => quoteCalls().at(-1)!.body!.domains[0].eppCode === 'N3w-code');
    await quoted(el);
    place(el).click();
    await settled(el);
    expect(domains.callsTo('POST /api/v1/orders').at(-1)!.body!.domains[0]).to.deep.equal({
      domain: 'example.com',
      action: 'transfer',
      years: 1,
      eppCode: 'N3w-code',
    });
    expect(find(el, '#placed-title')).to.exist;
  });

  it('takes transfer codes from the cart <domain-search> left on this origin, not from a stale one', async () => {
    history.replaceState(null, '', `${location.pathname}?domain=transfer:example.com:1`);
    sessionStorage.setItem(
      'portico:domain-cart',
      JSON.stringify({
        items: [{ domain: 'example.com', action: 'transfer', years: 1, eppCode: 'from-the-search' }],
        savedAt: new Date().toISOString(),
      }),
    );
    const el = await withDomains(html`<portal-order-form></portal-order-form>`);
    await loaded(el);
    expect($<HTMLInputElement>(el, 'input[name="domains.0.eppCode"]').value).to.equal('from-the-search');
    await quoted(el);
    place(el).click();
    await settled(el);
    expect(domains.callsTo('POST /api/v1/orders')[0]!.body!.domains[0].eppCode).to.equal('from-the-search');
    expect(sessionStorage.getItem('portico:domain-cart'), 'the cart is done with').to.be.null;

    sessionStorage.setItem(
      'portico:domain-cart',
      JSON.stringify({
        items: [{ domain: 'example.com', action: 'transfer', years: 1, eppCode: 'old' }],
        savedAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
      }),
    );
    const later = await withDomains(html`<portal-order-form></portal-order-form>`);
    await loaded(later);
    expect($<HTMLInputElement>(later, 'input[name="domains.0.eppCode"]').value).to.equal('');
  });

  it('orders a product and domains together', async () => {
    const el = await withDomains(
      html`<portal-order-form
        product="starter"
        cycle="monthly"
        .domains=${[{ domain: 'northwind.org', action: 'register', years: 1 }]}
      ></portal-order-form>`,
    );
    await loaded(el);
    expect(text($(el, '#order-title'))).to.equal('Starter');
    expect(await quoted(el)).to.deep.equal([
      ['Starter (monthly)', '£4.00'],
      ['Domain registration: northwind.org (1 year)', '£11.00'],
      ['Subtotal', '£15.00'],
      ['VAT (20%)', '£3.00'],
      ['Total', '£18.00'],
    ]);
    place(el).click();
    await settled(el);
    const order = domains.commerce.orders[0]!;
    expect(order.items.map((i) => i.productId)).to.deep.equal(['prod_starter']);
    expect(order.domains.map((d) => d.domain)).to.deep.equal(['northwind.org']);
  });

  it('signed out, keeps the domains and codes through the inline sign-in, then orders them', async () => {
    history.replaceState(null, '', `${location.pathname}?domain=transfer:example.net:1`);
    const el = await withDomains(html`<portal-order-form></portal-order-form>`, { signedInAs: null });
    await loaded(el);
    await type(el, 'domains.0.eppCode', 'keep-me');
    await quoted(el);
    expect(find(el, '[part~="place"]')).to.be.null;
    expect(text($(el, '#account-title'))).to.equal('Sign in to order');
    const stored = JSON.parse(sessionStorage.getItem('portico:order')!);
    expect(stored.domains).to.deep.equal([
      { domain: 'example.net', action: 'transfer', years: 1, eppCode: 'keep-me' },
    ]);
    await expect(el).to.be.accessible();

    const login = $<PortalLogin>(el, 'portal-login');
    await login.updateComplete;
    await type(login, 'email', 'ada@example.com');
    await type(login, 'password', 'analytical engine');
    $<HTMLButtonElement>(login, 'button[type="submit"]').click();
    await waitUntil(() => find(el, '[part~="place"]'), 'the order never continued');
    expect($<HTMLInputElement>(el, 'input[name="domains.0.eppCode"]').value).to.equal('keep-me');
    await waitUntil(() => quoteCalls().at(-1)!.signedIn, 'no quote for the account');
    await quoted(el);
    place(el).click();
    await settled(el);
    expect(domains.callsTo('POST /api/v1/orders')[0]!.body!.domains).to.deep.equal([
      { domain: 'example.net', action: 'transfer', years: 1, eppCode: 'keep-me' },
    ]);
  });

  it('removes a domain, and says so when nothing is left to order', async () => {
    const el = await withDomains(
      html`<portal-order-form
        store-href="/store"
        .domains=${[{ domain: 'one.com', action: 'register' }, { domain: 'two.com', action: 'register' }]}
      ></portal-order-form>`,
    );
    await loaded(el);
    await quoted(el);
    const remove = $<HTMLButtonElement>(el, '[part~="domain-line"] [part~="remove"]');
    expect(remove.getAttribute('aria-label')).to.equal('Remove one.com');
    remove.click();
    await el.updateComplete;
    expect(lines(el)).to.deep.equal([['two.com', 'Registration']]);
    await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('aria-label') === 'Remove two.com');
    await waitUntil(() => total(el) === '£12.00', 'no quote for what is left');
    $<HTMLButtonElement>(el, '[part~="domain-line"] [part~="remove"]').click();
    await el.updateComplete;
    expect(text($(el, '[part="empty"] p'))).to.equal('Pick a product in the store to order it.');
  });

  it('explains a domain taken meanwhile, and an ending no longer sold', async () => {
    const el = await withDomains(
      html`<portal-order-form
        .domains=${[
          { domain: 'fresh.com', action: 'register' },
          { domain: 'fresh.shop', action: 'register' },
        ]}
      ></portal-order-form>`,
    );
    await loaded(el);
    expect(text($(el, '[part~="domain-line"]:nth-child(2) [part~="field-error"]'))).to.equal(
      'We do not offer this domain any more. Remove it to continue.',
    );
    expect(find(el, '[part="quote-lines"]')).to.be.null;
    $<HTMLButtonElement>(el, '[part~="domain-line"]:nth-child(2) [part~="remove"]').click();
    await quoted(el);
    domains.taken.add('fresh.com');
    place(el).click();
    await settled(el);
    expect(alertText(el)).to.equal('One of these domains cannot be registered any more: it was just taken.');
  });

  it('orders domains while the store is hidden', async () => {
    domains.commerce.storeHidden = true;
    const el = await withDomains(
      html`<portal-order-form .domains=${[{ domain: 'quiet.org', action: 'register' }]}></portal-order-form>`,
    );
    await loaded(el);
    await quoted(el);
    expect(total(el)).to.equal('£13.20');
    expect(find(el, '[part~="terms"]')).to.be.null;
    place(el).click();
    await settled(el);
    expect(find(el, '#placed-title')).to.exist;
  });

  it('speaks Spanish', async () => {
    history.replaceState(null, '', `${location.pathname}?domain=transfer:example.com:1`);
    const el = await withDomains(html`<portal-order-form></portal-order-form>`, { lang: 'es' });
    await loaded(el);
    expect(text($(el, '#order-title'))).to.equal('Pedir dominios');
    expect(text($(el, '[part="domains"] legend'))).to.equal('Dominios');
    expect(lines(el)).to.deep.equal([['example.com', 'Transferencia']]);
    expect(text($(el, '[part="quote"] [part="hint"]'))).to.equal(
      'Escribe el código de cada transferencia para ver el total.',
    );
    await expect(el).to.be.accessible();
  });
});
