import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeMyDomains, inDomainsProvider } from '../../../test/fake-my-domains.js';
import { json, problem } from '../../../test/fake-portal.js';
import { $, button } from '../../../test/helpers.js';
import type { PortalDomain } from '../domain/domain.js';
import type { PortalDomains } from './domains.js';

const domainsEl = (
  fake: FakeMyDomains,
  options: Parameters<typeof inDomainsProvider>[3] = {},
  content = html`<portal-domains></portal-domains>`,
) => inDomainsProvider<PortalDomains>(fake, content, 'portal-domains', options);

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

async function loaded(el: PortalDomains) {
  await waitUntil(() => el.shadowRoot!.querySelector('[part="table"], [part="empty"]'), 'never loaded');
  await el.updateComplete;
}

const rows = (el: PortalDomains) =>
  [...el.shadowRoot!.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => text(cell)));

/** Noon (the reader's time) `days` days from today. */
const inDays = (days: number) => {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, 12).toISOString();
};

async function pick(el: PortalDomains, status: string) {
  const select = $<HTMLSelectElement>(el, 'select[name="status"]');
  select.value = status;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

/** Waits for the open `<portal-domain>` to show its domain. */
async function detail(el: PortalDomains): Promise<PortalDomain> {
  await waitUntil(() => el.shadowRoot!.querySelector('portal-domain'), 'no detail');
  const domain = el.shadowRoot!.querySelector<PortalDomain>('portal-domain')!;
  await waitUntil(() => domain.shadowRoot?.querySelector('#domain-title'), 'the domain never loaded');
  return domain;
}

describe('<portal-domains>', () => {
  let fake: FakeMyDomains;
  const start = location.href;
  beforeEach(() => {
    fake = new FakeMyDomains();
    history.replaceState(null, '', start);
  });
  afterEach(() => {
    history.replaceState(null, '', start);
  });

  it('lists the domains: Unicode name with its ASCII form, expiry, auto-renew and status', async () => {
    fake.addDomain({ domain: 'northwind.com', expiresAt: inDays(200), autoRenew: false });
    fake.addDomain({ domain: 'xn--bcher-kva.example', expiresAt: inDays(12) });
    fake.addDomain({ domain: 'old-shop.com', status: 'expired', expiresAt: inDays(-3) });
    fake.addDomain({ domain: 'new-shop.com', status: 'failed', expiresAt: null, registeredAt: null });
    const el = await domainsEl(fake);
    await loaded(el);
    const [failed, expired, idn, plain] = rows(el);
    expect(failed).to.deep.equal(['new-shop.com', '—None', 'On', 'Failed']);
    expect(expired![0]).to.equal('old-shop.com');
    expect(expired![3]).to.equal('Expired');
    expect(expired![1], 'an expired domain is not "expiring soon"').not.to.contain('Expires in');
    expect(idn![0]).to.equal('bücher.example xn--bcher-kva.example');
    expect(idn![1]).to.match(/\d{4} Expires in 12 days$/);
    expect(plain![1]).not.to.contain('Expires in');
    expect(plain![2]).to.equal('Off');
    expect(plain![3]).to.equal('Active');

    // Expired and failed stand out: a "bad" badge (the text still says it).
    const badges = [...el.shadowRoot!.querySelectorAll('[part="badge"]')].map((b) => b.className);
    expect(badges).to.deep.equal(['badge bad', 'badge bad', 'badge good', 'badge good']);
    expect($(el, '[part="open"]').getAttribute('href')).to.equal(
      `${location.pathname}${location.search}#domain/${fake.domains[0]!.id}`,
    );
    expect(el.shadowRoot!.querySelector('[part~="more"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('filters by status, asking the server for that status', async () => {
    fake.addDomain({ domain: 'live.com' });
    fake.addDomain({ domain: 'gone.com', status: 'expired', expiresAt: inDays(-10) });
    const el = await domainsEl(fake);
    await loaded(el);
    expect(rows(el)).to.have.length(2);
    const options = [...el.shadowRoot!.querySelectorAll('select[name="status"] option')].map(text);
    expect(options).to.deep.equal([
      'All',
      'Active',
      'Expired',
      'Awaiting payment',
      'In progress',
      'Failed',
      'Cancelled',
    ]);

    await pick(el, 'expired');
    await loaded(el);
    expect(rows(el).map((r) => r[0])).to.deep.equal(['gone.com']);
    expect(el.status).to.equal('expired');

    await pick(el, 'pending');
    await waitUntil(() => el.shadowRoot!.querySelector('[part="empty"]'), 'empty never shown');
    expect(text($(el, '[part="empty"]'))).to.equal('No domains with this status.');
    expect(fake.callsTo('GET /api/v1/domains').map((c) => c.query.status)).to.deep.equal([
      undefined,
      'expired',
      'pending',
    ]);
    await expect(el).to.be.accessible();
  });

  it('loads more with the cursor, and moves focus to the first new row', async () => {
    for (let i = 1; i <= 5; i++) fake.addDomain({ domain: `site-${i}.com` });
    const el = await domainsEl(fake, {}, html`<portal-domains page-size="3"></portal-domains>`);
    await loaded(el);
    expect(rows(el).map((r) => r[0])).to.deep.equal(['site-5.com', 'site-4.com', 'site-3.com']);
    button(el, 'Load more').click();
    await waitUntil(() => rows(el).length === 5, 'never loaded more');
    expect(rows(el).map((r) => r[0])).to.deep.equal([
      'site-5.com',
      'site-4.com',
      'site-3.com',
      'site-2.com',
      'site-1.com',
    ]);
    expect(fake.callsTo('GET /api/v1/domains').map((c) => c.query)).to.deep.equal([
      { limit: '3' },
      { limit: '3', cursor: '3' },
    ]);
    expect(el.shadowRoot!.querySelector('[part~="more"]')).to.be.null;
    await waitUntil(() => text(el.shadowRoot!.activeElement) === 'site-2.com', 'focus not on the new rows');
  });

  it('says when there are none, with a link to the domain search', async () => {
    const el = await domainsEl(fake, {}, html`<portal-domains search-href="/find"></portal-domains>`);
    await loaded(el);
    expect(text($(el, '[part="empty"] p'))).to.equal('You have no domains yet.');
    expect($(el, '[part="search"]').getAttribute('href')).to.equal('/find');
    expect(text($(el, '[part="search"]'))).to.equal('Find a domain');
    await expect(el).to.be.accessible();
  });

  it('explains to someone who may not see domains, without asking the server', async () => {
    fake.asContact(['billing:read']);
    const el = await domainsEl(fake);
    expect(text($(el, '[part="not-allowed"]'))).to.contain("You don't have access to this account's domains");
    expect(fake.callsTo('GET /api/v1/domains')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('shows a failed load with "Try again"', async () => {
    fake.addDomain({ domain: 'northwind.com' });
    fake.answer('GET /api/v1/domains', () => problem(503, 'UNAVAILABLE', 'Busy, try again.'));
    const el = await domainsEl(fake);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="load-error"]'), 'no load error');
    expect(text($(el, '[part="load-error"] p'))).to.equal('Busy, try again.');
    await expect(el).to.be.accessible();
    button(el, 'Try again').click();
    await loaded(el);
    expect(rows(el)).to.have.length(1);
  });

  it('shows loading while the list is on its way', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    fake.addDomain({ domain: 'northwind.com' });
    fake.answer('GET /api/v1/domains', async () => {
      await held;
      return json(200, { items: fake.domains, nextCursor: null });
    });
    const el = await domainsEl(fake);
    expect(text($(el, '[part="loading"]'))).to.equal('Loading…');
    await expect(el).to.be.accessible();
    release();
    await loaded(el);
    expect(rows(el)).to.have.length(1);
  });

  it('asks to sign in when signed out', async () => {
    const el = await domainsEl(
      fake,
      { signedInAs: null },
      html`<portal-domains login-href="/login"></portal-domains>`,
    );
    expect(text($(el, '[part="signed-out"]'))).to.equal('Sign in to continue. Sign in');
    expect($(el, '[part="signed-out"] a').getAttribute('href')).to.equal('/login');
    await expect(el).to.be.accessible();
  });

  it('opens a domain in place and goes back, changing the hash without a history entry', async () => {
    const dom = fake.addDomain({ domain: 'northwind.com' });
    const el = await domainsEl(fake, {}, html`<portal-domains invoice-href="/invoices"></portal-domains>`);
    await loaded(el);
    const length = history.length;
    $<HTMLAnchorElement>(el, '[part="open"]').click();
    const domain = await detail(el);
    expect(domain.domainId).to.equal(dom.id);
    expect(domain.invoiceHref).to.equal('/invoices');
    expect(location.hash).to.equal(`#domain/${dom.id}`);
    expect(history.length, 'no new history entry').to.equal(length);
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('button back');
    await expect(el).to.be.accessible();

    button(el, /All domains/).click();
    await loaded(el);
    expect(location.hash).to.equal('');
    await waitUntil(
      () => text(el.shadowRoot!.activeElement) === 'northwind.com',
      'focus not back on the row',
    );
  });

  it('opens the domain named in the page’s #domain/<id>, as the domain mails link', async () => {
    const dom = fake.addDomain({ domain: 'northwind.com' });
    fake.addDomain({ domain: 'other.com' });
    history.replaceState(null, '', `#domain/${dom.id}`);
    const el = await domainsEl(fake);
    const domain = await detail(el);
    expect(text(domain.shadowRoot!.querySelector('#domain-title'))).to.equal('northwind.com');

    location.hash = '#top';
    await loaded(el);
    expect(rows(el)).to.have.length(2);
  });

  it('links names to domain-href when set, leaving the click to the browser', async () => {
    const dom = fake.addDomain({ domain: 'northwind.com' });
    const el = await domainsEl(fake, {}, html`<portal-domains domain-href="/domain#x"></portal-domains>`);
    await loaded(el);
    expect($(el, '[part="open"]').getAttribute('href')).to.equal(`/domain#domain/${dom.id}`);
  });

  it('updates a row when the open domain changes', async () => {
    const dom = fake.addDomain({ domain: 'northwind.com', autoRenew: true });
    const el = await domainsEl(fake);
    await loaded(el);
    $<HTMLAnchorElement>(el, '[part="open"]').click();
    const domain = await detail(el);
    $<HTMLButtonElement>(domain, '#autoRenew').click();
    await waitUntil(() => dom.autoRenew === false, 'auto-renew never turned off');
    await waitUntil(() => $(domain, '#autoRenew').getAttribute('aria-busy') === 'false');
    button(el, /All domains/).click();
    await loaded(el);
    expect(rows(el)[0]![2]).to.equal('Off');
  });

  it('speaks Spanish', async () => {
    fake.addDomain({ domain: 'northwind.com', status: 'expired', expiresAt: inDays(-1), autoRenew: false });
    const el = await domainsEl(fake, { lang: 'es' });
    await loaded(el);
    expect(text($(el, '[part="title"]'))).to.equal('Mis dominios');
    expect(rows(el)[0]!.slice(2)).to.deep.equal(['Desactivada', 'Caducado']);
    expect(text($(el, 'label[for="status"]'))).to.equal('Mostrar');
    await expect(el).to.be.accessible();
  });
});
