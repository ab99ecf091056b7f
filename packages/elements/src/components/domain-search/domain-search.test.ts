import { expect, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { FakeDomains, inDomainsProvider } from '../../../test/fake-domains.js';
import { problem } from '../../../test/fake-portal.js';
import { $, button, type } from '../../../test/helpers.js';
import type { DomainSearch, PortalDomainsSelectedEvent } from './domain-search.js';

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();
const find = (el: DomainSearch, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);

const mount = (
  fake: FakeDomains,
  content: TemplateResult = html`<domain-search></domain-search>`,
  options: { signedInAs?: string | null; lang?: string } = { signedInAs: null },
) => inDomainsProvider<DomainSearch>(fake, content, 'domain-search', options);

async function ready(el: DomainSearch) {
  await waitUntil(() => find(el, 'input[name="query"], [part="load-error"], [part="empty"]'), 'never loaded');
  await el.updateComplete;
}

async function search(el: DomainSearch, query: string) {
  await type(el, 'query', query);
  $<HTMLButtonElement>(el, 'button[type="submit"]').click();
  await el.updateComplete;
}

/** The result rows: [name, status]. */
const rows = (el: DomainSearch, within = '[part~="results"]') =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>(`${within} [part~="row"]`)].map((row) => [
    text(row.querySelector('[part~="domain"]')),
    row.dataset.status,
  ]);

/** The first match of `selector` inside `node` (not a shadow root). */
function pick<T extends Element = HTMLElement>(node: Element, selector: string): T {
  const found = node.querySelector<T>(selector);
  if (!found) throw new Error(`No ${selector} in ${node.outerHTML.slice(0, 80)}`);
  return found;
}
const maybe = (node: Element, selector: string) => node.querySelector<HTMLElement>(selector);

const row = (el: DomainSearch, domain: string) => $(el, `[part~="row"][data-domain="${domain}"]`);
const statusOf = (el: DomainSearch, domain: string) => find(el, `[data-domain="${domain}"]`)?.dataset.status;
const summary = (el: DomainSearch) => text(find(el, '[part="summary"]'));

async function done(el: DomainSearch) {
  await waitUntil(() => /^Done|^Listo/.test(summary(el) ?? ''), `never done: ${summary(el)}`);
  await el.updateComplete;
}

/** A domain search whose navigation is recorded instead of followed. */
function recordNavigation(el: DomainSearch): string[] {
  const visited: string[] = [];
  (el as unknown as { navigate: (href: string) => void }).navigate = (href) => visited.push(href);
  return visited;
}

describe('<domain-search>', () => {
  let fake: FakeDomains;
  beforeEach(() => {
    sessionStorage.clear();
    fake = new FakeDomains();
  });
  afterEach(() => sessionStorage.clear());

  it('loads the endings and shows a labelled search field', async () => {
    const el = await mount(fake);
    await ready(el);
    const input = $<HTMLInputElement>(el, 'input[name="query"]');
    expect(text($(el, `label[for="${input.id}"]`))).to.equal('Find your domain');
    expect(input.getAttribute('aria-describedby')).to.equal('query-hint');
    expect(find(el, 'form')!.getAttribute('role')).to.equal('search');
    expect(fake.callsTo('GET /api/v1/domains/tlds')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  const badInputs: [string, string][] = [
    ['', 'Enter a name or a domain to search for.'],
    ['   ', 'Enter a name or a domain to search for.'],
    ['shop!', 'A domain may only use letters, digits and hyphens.'],
    ['my shop', 'A domain cannot contain spaces.'],
    ['.com', 'A domain cannot start with a dot or have two dots in a row.'],
    ['shop..com', 'A domain cannot start with a dot or have two dots in a row.'],
    ['a'.repeat(64), 'Each part of a domain is at most 63 characters.'],
    [`${`${'a'.repeat(60)}.`.repeat(5)}com`, 'A domain is at most 253 characters.'],
    ['-shop', 'A domain cannot start or end with a hyphen.'],
    ['shop-.com', 'A domain cannot start or end with a hyphen.'],
    ['ab--cd', 'A domain cannot have hyphens in both the 3rd and 4th places.'],
    ['xn--a', 'This xn-- name is not valid.'],
    ['\u0301shop', 'A part of a domain cannot start with an accent or other combining mark.'],
    ['shop.123', 'A domain cannot end in a number.'],
    ['www.shop.example.com', 'Enter the domain without a subdomain, such as example.com.'],
    ['shop.xyz', 'We do not offer .xyz domains.'],
    ['https://shop.xyz/cart', 'We do not offer .xyz domains.'],
  ];

  it('explains each kind of bad input beside the field, and sends nothing', async () => {
    const el = await mount(fake);
    await ready(el);
    for (const [input, message] of badInputs) {
      await search(el, input);
      const field = $<HTMLInputElement>(el, 'input[name="query"]');
      expect(text(find(el, '#query-error')), JSON.stringify(input)).to.equal(message);
      expect(field.getAttribute('aria-invalid'), input).to.equal('true');
      expect(field.getAttribute('aria-describedby'), input).to.equal('query-error query-hint');
    }
    expect(fake.callsTo('GET /api/v1/domains/availability')).to.have.length(0);
    expect(fake.callsTo('GET /api/v1/domains/suggestions')).to.have.length(0);
    expect(find(el, '[part~="results"]')).to.be.null;
    await expect(el).to.be.accessible();

    // Typing again clears the message.
    await type(el, 'query', 'shop');
    expect(find(el, '#query-error')).to.be.null;
    expect($(el, 'input[name="query"]').getAttribute('aria-invalid')).to.equal('false');
  });

  it('checks the typed ending first, then the others in the business’s order, with prices per year', async () => {
    const el = await mount(fake);
    await ready(el);
    await search(el, 'northwind.net');
    await done(el);
    expect(fake.checked()).to.deep.equal([
      'northwind.net',
      'northwind.com',
      'northwind.org',
      'northwind.io',
      'northwind.example',
      // Then the ideas.
      'getnorthwind.com',
      'northwindhq.net',
    ]);
    expect(fake.callsTo('GET /api/v1/domains/availability')[0]!.query.currency).to.equal('GBP');
    expect(rows(el)).to.deep.equal([
      ['northwind.net', 'available'],
      ['northwind.com', 'available'],
      ['northwind.org', 'available'],
      ['northwind.io', 'available'],
      ['northwind.example', 'available'],
    ]);
    expect(text($(el, '#results-title'))).to.equal('Results for northwind.net');
    expect(text(pick(row(el, 'northwind.com'), '[part~="price"]'))).to.equal('£10.00/year');
    // The years on offer are the TLD's register terms.
    const years = pick<HTMLSelectElement>(row(el, 'northwind.com'), 'select');
    expect([...years.options].map((o) => text(o))).to.deep.equal([
      '1 year · £10.00',
      '2 years · £19.00',
      '3 years · £28.00',
    ]);
    expect(summary(el)).to.equal('Done: 7 available');
    await expect(el).to.be.accessible();
  });

  it('reads internationalized names: checks go out in ASCII, the list shows them as typed', async () => {
    const el = await mount(fake);
    await ready(el);
    await search(el, 'BÜCHER.example');
    await done(el);
    expect(fake.checked().slice(0, 2)).to.deep.equal(['xn--bcher-kva.example', 'xn--bcher-kva.com']);
    expect(rows(el).slice(0, 2)).to.deep.equal([
      ['bücher.example', 'available'],
      ['bücher.com', 'available'],
    ]);
    expect(text($(el, '#results-title'))).to.equal('Results for bücher.example');
    // The suggestions are asked with what was typed.
    expect(fake.callsTo('GET /api/v1/domains/suggestions')[0]!.query.query).to.equal('BÜCHER.example');
  });

  it('shows each row as its answer comes: fast ones do not wait for a slow one', async () => {
    fake.delays = { com: 5, net: 60, org: 20, io: 10, example: 0 };
    const release = fake.hold('stream.org');
    const el = await mount(fake);
    await ready(el);
    await search(el, 'stream');
    // Every row is there at once, checking.
    expect(rows(el).map(([, status]) => status)).to.deep.equal(Array(5).fill('checking'));
    expect(text(pick(row(el, 'stream.com'), '[part~="checking"]'))).to.equal('Checking…');
    await waitUntil(() => statusOf(el, 'stream.net') === 'available', 'the slower .net never came');
    expect(statusOf(el, 'stream.com')).to.equal('available');
    expect(statusOf(el, 'stream.org'), 'the held row is still checking').to.equal('checking');
    expect(summary(el)).to.equal('4 of 5 checked');
    expect($(el, '[part="summary"]').getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
    release();
    await done(el);
    expect(statusOf(el, 'stream.org')).to.equal('available');
  });

  it('shows a check that hangs as “Couldn’t check” after check-timeout, and Retry checks it again', async () => {
    fake.hung.add('slow.net');
    const el = await mount(fake, html`<domain-search check-timeout="150"></domain-search>`);
    await ready(el);
    await search(el, 'slow');
    await done(el);
    expect(statusOf(el, 'slow.net')).to.equal('unknown');
    expect(fake.aborted).to.deep.equal(['slow.net']);
    expect(text(pick(row(el, 'slow.net'), '[part~="badge"]'))).to.equal('Couldn’t check');
    expect(statusOf(el, 'slow.com')).to.equal('available');
    expect(summary(el)).to.equal('Done: 6 available');
    await expect(el).to.be.accessible();

    fake.hung.clear();
    const retry = pick<HTMLButtonElement>(row(el, 'slow.net'), '[part~="retry"]');
    expect(retry.getAttribute('aria-label')).to.equal('Retry slow.net');
    retry.click();
    await waitUntil(() => statusOf(el, 'slow.net') === 'available', 'the retry never answered');
    expect(fake.checked().filter((d) => d === 'slow.net')).to.have.length(2);
  });

  it('shows a registry that did not answer (status unknown) as “Couldn’t check”', async () => {
    fake.unknown.add('quiet.org');
    const el = await mount(fake);
    await ready(el);
    await search(el, 'quiet');
    await done(el);
    expect(statusOf(el, 'quiet.org')).to.equal('unknown');
    expect(maybe(row(el, 'quiet.org'), '[part~="retry"]')).to.exist;
  });

  it('drops the checks of the last search when a new one starts', async () => {
    fake.hung.add('first.com');
    const el = await mount(fake);
    await ready(el);
    await search(el, 'first');
    await waitUntil(() => fake.checked().includes('first.com'));
    await search(el, 'second');
    expect(fake.aborted).to.include('first.com');
    await done(el);
    expect(rows(el).map(([name]) => name)).to.deep.equal([
      'second.com',
      'second.net',
      'second.org',
      'second.io',
      'second.example',
    ]);
  });

  it('checks the suggestions too, under “More ideas”, leaving out endings not sold and names shown', async () => {
    const el = await mount(fake);
    await ready(el);
    await search(el, 'kettle');
    await waitUntil(() => rows(el, '[part~="ideas"]').length === 2 && /^Done/.test(summary(el)!), 'no ideas');
    expect(text($(el, '#ideas-title'))).to.equal('More ideas');
    expect(rows(el, '[part~="ideas"]')).to.deep.equal([
      ['getkettle.com', 'available'],
      ['kettlehq.net', 'available'],
    ]);
    expect(fake.checked()).to.not.include('kettle.shop');
    expect(summary(el)).to.equal('Done: 7 available');
  });

  it('says when the suggestions fail, with a way to try again', async () => {
    fake.answer('GET /api/v1/domains/suggestions', () => problem(503, 'UNAVAILABLE', 'Try later.'));
    const el = await mount(fake);
    await ready(el);
    await search(el, 'kettle');
    await waitUntil(() => find(el, '[part~="ideas"] [part~="retry"]'), 'no failure shown');
    expect(text($(el, '[part~="ideas"] .muted'))).to.equal('More ideas could not be loaded.');
    button(el, 'Try again').click();
    await waitUntil(() => rows(el, '[part~="ideas"]').length === 2, 'no ideas after retrying');
  });

  it('offers a taken name for transfer: the EPP code is required, then it goes in the cart', async () => {
    const el = await mount(fake);
    await ready(el);
    await search(el, 'example');
    await done(el);
    const taken = row(el, 'example.com');
    expect(taken.dataset.status).to.equal('taken');
    expect(text(pick(taken, '[part~="badge"]'))).to.equal('Taken');
    expect(maybe(taken, '[part~="toggle"]'), 'a taken name cannot be added').to.be.null;
    const transfer = pick<HTMLButtonElement>(taken, '[part~="transfer"]');
    expect(transfer.getAttribute('aria-expanded')).to.equal('false');
    transfer.click();
    await el.updateComplete;
    expect(transfer.getAttribute('aria-expanded')).to.equal('true');
    const panel = $(el, `#${transfer.getAttribute('aria-controls')}`);
    expect(text(pick(panel, '[part~="price"]'))).to.equal('Transfer: £9.00, adds 1 year');
    await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('name') === 'epp-example-com');
    const code = pick<HTMLInputElement>(panel, 'input');
    expect(code.required).to.be.true;
    expect(code.maxLength).to.equal(64);
    expect(text(pick(panel, 'label'))).to.equal('Transfer (EPP) code for example.com *');

    button(el, 'Add transfer').click();
    await el.updateComplete;
    expect(text($(el, '#epp-example-com-error'))).to.equal(
      'Enter the transfer (EPP) code from your current registrar.',
    );
    expect(code.getAttribute('aria-invalid')).to.equal('true');
    expect(find(el, '[part~="cart"]')).to.be.null;
    await expect(el).to.be.accessible();

    await type(el, 'epp-example-com', '  Xy7#kLm9  ');
    button(el, 'Add transfer').click();
    await el.updateComplete;
    expect(text($(el, '[part~="cart-item"]'))).to.equal('example.com Transfer, adds 1 year £9.00 Remove');
    expect(text($(el, '[part~="total"]'))).to.equal('Total: £9.00');
    // A .net transfer comes in terms: the years are a choice.
    const net = row(el, 'example.net');
    pick<HTMLButtonElement>(net, '[part~="transfer"]').click();
    await el.updateComplete;
    expect([...pick<HTMLSelectElement>(net, 'select').options].map((o) => text(o))).to.deep.equal([
      '1 year · £11.00',
      '2 years · £22.00',
    ]);
    // .example takes no transfers.
    expect(maybe(row(el, 'example.example'), '[part~="transfer"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('shows a premium name as “contact us”, never addable', async () => {
    const el = await mount(fake);
    await ready(el);
    await search(el, 'ada');
    await done(el);
    const premium = row(el, 'ada.io');
    expect(premium.dataset.status).to.equal('premium');
    expect(text(pick(premium, '[part~="badge"]'))).to.equal('Premium name: contact us');
    expect(premium.querySelector('button')).to.be.null;
    expect(statusOf(el, 'ada.com')).to.equal('taken');
    // ada.net, ada.org, ada.example and the two ideas.
    expect(summary(el)).to.equal('Done: 5 available');
  });

  it('keeps a cart with the years and total; Continue fires portal-domains-selected and goes to order-href without EPP codes', async () => {
    const el = await mount(fake, html`<domain-search order-href="/order#top"></domain-search>`);
    const visited = recordNavigation(el);
    await ready(el);
    await search(el, 'example');
    await done(el);

    expect(maybe(row(el, 'example.org'), 'select'), '.org sells one term: no select').to.be.null;
    const com = row(el, 'example.example');
    const select = pick<HTMLSelectElement>(com, 'select');
    select.value = '2';
    select.dispatchEvent(new Event('change'));
    pick<HTMLButtonElement>(com, '[part~="toggle"]').click();
    await el.updateComplete;
    expect(text(pick(com, '[part~="toggle"]'))).to.equal('Remove');
    expect(pick(com, '[part~="toggle"]').getAttribute('aria-label')).to.equal('Remove example.example');

    pick<HTMLButtonElement>(row(el, 'example.com'), '[part~="transfer"]').click();
    await el.updateComplete;
    await type(el, 'epp-example-com', 'Xy7#kLm9');
    button(el, 'Add transfer').click();
    await el.updateComplete;

    expect([...el.shadowRoot!.querySelectorAll('[part~="cart-item"]')].map(text)).to.deep.equal([
      'example.example Registration, 2 years £10.00 Remove',
      'example.com Transfer, adds 1 year £9.00 Remove',
    ]);
    expect(text($(el, '[part~="total"]'))).to.equal('Total: £19.00');
    await expect(el).to.be.accessible();

    const events: PortalDomainsSelectedEvent[] = [];
    document.addEventListener('portal-domains-selected', (e) => events.push(e), { once: true });
    button(el, 'Continue').click();
    expect(events).to.have.length(1);
    const [event] = events;
    expect(event instanceof CustomEvent && event.bubbles && event.composed && event.cancelable).to.be.true;
    expect(event!.detail.items).to.deep.equal([
      { domain: 'example.example', action: 'register', years: 2 },
      { domain: 'example.com', action: 'transfer', years: 1, eppCode: 'Xy7#kLm9' },
    ]);
    expect(visited).to.deep.equal([
      `${location.origin}/order?domain=register:example.example:2&domain=transfer:example.com:1#top`,
    ]);
    expect(visited[0]).to.not.contain('Xy7');
    // The order page is on this origin: the codes wait in sessionStorage.
    const stashed = JSON.parse(sessionStorage.getItem('portico:domain-cart')!);
    expect(stashed.items).to.deep.equal(event!.detail.items);

    // Removing from the cart moves focus to what is left.
    $<HTMLButtonElement>(el, '[part~="cart-item"] [part~="remove"]').click();
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('[part~="cart-item"]')].map(text)).to.deep.equal([
      'example.com Transfer, adds 1 year £9.00 Remove',
    ]);
    await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('part') === 'button remove');
    expect(text(pick(row(el, 'example.example'), '[part~="toggle"]'))).to.equal('Add');
  });

  it('leaves the codes out of storage for an order page on another origin, and stays put when cancelled', async () => {
    const el = await mount(
      fake,
      html`<domain-search order-href="https://portal.example/order" currency="EUR"></domain-search>`,
    );
    const visited = recordNavigation(el);
    await ready(el);
    await search(el, 'example.com');
    await done(el);
    pick<HTMLButtonElement>(row(el, 'example.com'), '[part~="transfer"]').click();
    await el.updateComplete;
    await type(el, 'epp-example-com', 'secret-code');
    button(el, 'Add transfer').click();
    await el.updateComplete;
    expect(text($(el, '[part~="total"]'))).to.equal('Total: €11.00');

    el.addEventListener('portal-domains-selected', (e) => e.preventDefault(), { once: true });
    button(el, 'Continue').click();
    expect(visited).to.deep.equal([]);

    button(el, 'Continue').click();
    expect(visited).to.deep.equal([
      'https://portal.example/order?currency=EUR&domain=transfer:example.com:1',
    ]);
    expect(sessionStorage.getItem('portico:domain-cart')).to.be.null;
  });

  it('renders nothing when the business hides domain search', async () => {
    fake.hidden = true;
    const el = await mount(fake);
    await waitUntil(() => el.hidden, 'never hid');
    expect(find(el, '[part="base"]')!.children).to.have.length(0);
    expect(find(el, '[role="alert"]')).to.be.null;
  });

  it('shows a failed load with “Try again”', async () => {
    fake.answer('GET /api/v1/domains/tlds', () => problem(500, 'INTERNAL', 'Something broke.'));
    const el = await mount(fake);
    await ready(el);
    expect(text($(el, '[part="load-error"] p'))).to.equal('Something broke.');
    await expect(el).to.be.accessible();
    button(el, 'Try again').click();
    await waitUntil(() => find(el, 'input[name="query"]'), 'never loaded after retrying');
  });

  it('says when there are no domains for sale', async () => {
    fake.tlds = [];
    const el = await mount(fake);
    await ready(el);
    expect(text($(el, '[part="empty"]'))).to.equal('There are no domains for sale here right now.');
  });

  it('says how long to wait after too many searches, and sends nothing meanwhile', async () => {
    fake.answer(
      'GET /api/v1/domains/availability',
      () => problem(429, 'RATE_LIMITED', 'Too many requests.', undefined, { 'retry-after': '30' }),
      20,
    );
    const el = await mount(fake);
    await ready(el);
    await search(el, 'busy');
    await done(el);
    expect(text($(el, '[role="alert"]'))).to.equal('Too many searches. Try again in 30 seconds.');
    expect(statusOf(el, 'busy.com')).to.equal('unknown');
    expect(text(pick(row(el, 'busy.com'), '[part~="badge"]'))).to.equal(
      'Couldn’t check: the registry is busy',
    );
    const asked = fake.callsTo('GET /api/v1/domains/availability').length;
    expect(asked, 'the rest were not sent once limited').to.be.below(6);
    expect(fake.callsTo('GET /api/v1/domains/suggestions')).to.have.length(0);
    await search(el, 'other');
    expect(fake.callsTo('GET /api/v1/domains/availability')).to.have.length(asked);
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, html`<domain-search></domain-search>`, { signedInAs: null, lang: 'es' });
    await ready(el);
    expect(text($(el, 'label'))).to.equal('Busca tu dominio');
    await search(el, 'tienda.xyz');
    expect(text($(el, '#query-error'))).to.equal('No ofrecemos dominios .xyz.');
    await search(el, 'example');
    await done(el);
    expect(summary(el)).to.equal('Listo: 5 disponibles');
    expect(text(pick(row(el, 'example.com'), '[part~="badge"]'))).to.equal('Registrado');
    expect(text(pick(row(el, 'example.org'), '[part~="price"]'))).to.equal('11,00 GBP/año');
    await expect(el).to.be.accessible();
  });

  it('prices in the account’s currency when signed in', async () => {
    fake.commerce.account.details[fake.commerce.account.active]!.currency = 'EUR';
    const el = await mount(fake, html`<domain-search></domain-search>`, {});
    await ready(el);
    await search(el, 'euro.com');
    await done(el);
    expect(rows(el).map(([name]) => name)).to.deep.equal(['euro.com', 'euro.net']);
    expect(text(pick(row(el, 'euro.com'), '[part~="price"]'))).to.equal('€12.00/year');
  });
});
