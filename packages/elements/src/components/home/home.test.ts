import { expect, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { FakeCommerce } from '../../../test/fake-commerce.js';
import { FakeContent, inContentProvider } from '../../../test/fake-content.js';
import { FakeDomains } from '../../../test/fake-domains.js';
import { problem } from '../../../test/fake-portal.js';
import { $, button } from '../../../test/helpers.js';
import { all, find, text } from '../../../test/queries.js';
import type { PortalHome } from './home.js';

const full = html`<portal-home order-href="/order" announcements-href="/news"></portal-home>`;

const mount = (
  fake: FakeContent,
  content: TemplateResult = full,
  options: { signedInAs?: string | null; lang?: string } = {},
) => inContentProvider<PortalHome>(fake, content, 'portal-home', options);

async function loaded(el: PortalHome) {
  await waitUntil(() => find(el, '[part~="hero"], [part="load-error"]'), 'never loaded');
  await el.updateComplete;
}

describe('<portal-home>', () => {
  let fake: FakeContent;
  beforeEach(() => {
    fake = new FakeContent(new FakeDomains(new FakeCommerce().seedCatalog())).seed();
  });

  it('shows the hero, featured products, the domain search and the latest announcements', async () => {
    const el = await mount(fake);
    await loaded(el);
    expect(text(find(el, '[part="hero-title"]'))).to.equal('Hosting that just works');
    expect(all(el, '[part="hero-subtitle"] p').map(text)).to.deep.equal([
      'Fast sites, friendly people.',
      'Moving is free.',
    ]);
    const cta = $<HTMLAnchorElement>(el, '[part~="cta"]');
    expect(text(cta)).to.equal('See our plans');
    expect(cta.href).to.equal(`${location.origin}/store`);

    const cards = all(el, '[part~="product"]');
    expect(cards.map((c) => text(c.querySelector('[part="name"]')))).to.deep.equal(['Business']);
    expect(text(cards[0]!.querySelector('[part="price"]'))).to.equal('£12.00 a month');
    const order = cards[0]!.querySelector<HTMLAnchorElement>('[part~="order"]')!;
    expect(order.getAttribute('href')).to.equal('/order?product=business&cycle=monthly');
    expect(order.getAttribute('aria-label')).to.equal('Order Business');

    const search = $(el, 'domain-search');
    expect(search.getAttribute('order-href')).to.equal('/order');

    const news = all(el, '[part~="announcement"] a');
    expect(news.map((a) => [text(a), a.getAttribute('href')])).to.deep.equal([
      ['News 01', '/news#announcement/news-01'],
      ['News 02', '/news#announcement/news-02'],
      ['News 03', '/news#announcement/news-03'],
    ]);
    expect(find(el, '[part~="all-announcements"]')!.getAttribute('href')).to.equal('/news');
    await expect(el).to.be.accessible();
  });

  it('resolves the call to action’s path against base-href, and drops one that is not http(s)', async () => {
    const el = await mount(
      fake,
      html`<portal-home base-href="https://portal.example.com/client/"></portal-home>`,
    );
    await loaded(el);
    expect($<HTMLAnchorElement>(el, '[part~="cta"]').href).to.equal('https://portal.example.com/store');
    fake.hero = { ...fake.hero, cta: { label: 'Plans', url: 'plans' } };
    const again = await mount(
      fake,
      html`<portal-home base-href="https://portal.example.com/client/"></portal-home>`,
    );
    await loaded(again);
    expect($<HTMLAnchorElement>(again, '[part~="cta"]').href).to.equal(
      'https://portal.example.com/client/plans',
    );
    fake.hero = { ...fake.hero, cta: { label: 'Evil', url: 'javascript:alert(1)' } };
    const evil = await mount(fake);
    await loaded(evil);
    expect(find(evil, '[part~="cta"]')).to.be.null;
  });

  it('leaves out every part the business hides', async () => {
    fake.hidden = new Set(['store', 'announcements']);
    const el = await mount(fake);
    await loaded(el);
    expect(find(el, '[part~="featured"]')).to.be.null;
    expect(find(el, 'domain-search')).to.be.null;
    expect(find(el, '[part~="announcements"]')).to.be.null;
    expect(find(el, '[part~="hero"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows no domain search when domain search is off, and no Order without order-href', async () => {
    fake.hidden = new Set(['domainSearch']);
    const el = await mount(fake, html`<portal-home></portal-home>`);
    await loaded(el);
    expect(find(el, 'domain-search')).to.be.null;
    expect(find(el, '[part~="product"]')).to.exist;
    expect(find(el, '[part~="order"]')).to.be.null;
    expect(find(el, '[part~="all-announcements"]')).to.be.null;
  });

  it('leaves out empty lists and an empty hero', async () => {
    fake.domains.commerce.groups = [];
    fake.announcements = [];
    fake.hero = { title: '', subtitle: '', cta: null };
    fake.hidden = new Set(['domainSearch']);
    const el = await mount(fake);
    await waitUntil(() => fake.callsTo('GET /api/v1/home').length === 1);
    await waitUntil(() => !find(el, '[part="loading"]'), 'never loaded');
    await el.updateComplete;
    expect(find(el, '[part~="hero"]')).to.be.null;
    expect(find(el, '[part~="featured"]')).to.be.null;
    expect(find(el, '[part~="announcements"]')).to.be.null;
  });

  it('shows a failed load with “Try again”', async () => {
    fake.answer('GET /api/v1/home', () => problem(503, 'UNAVAILABLE', 'Down for a moment.'));
    const el = await mount(fake);
    await loaded(el);
    expect(text(find(el, '[part="load-error"] p'))).to.equal('Down for a moment.');
    await expect(el).to.be.accessible();
    button(el, 'Try again').click();
    await waitUntil(() => find(el, '[part~="hero"]'), 'never loaded again');
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, full, { lang: 'es' });
    await loaded(el);
    expect(text(find(el, '#featured-title'))).to.equal('Productos destacados');
    expect(text(find(el, '[part="price"]'))).to.equal('12,00 GBP al mes');
    expect(text(find(el, '[part~="order"]'))).to.equal('Contratar');
    expect(text(find(el, '#news-title'))).to.equal('Últimos anuncios');
    await expect(el).to.be.accessible();
  });
});
