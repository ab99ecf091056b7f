import { expect, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { FakeContent, inContentProvider } from '../../../test/fake-content.js';
import { json, problem } from '../../../test/fake-portal.js';
import { $, button, settled } from '../../../test/helpers.js';
import { all, find, shows, text } from '../../../test/queries.js';
import { dangerousNodes, flushTasks, spyOnXss } from '../../../test/xss.js';
import { XSS_PAYLOADS } from '../../../test/xss-payloads.js';
import type { PortalAnnouncements } from './announcements.js';

const mount = (
  fake: FakeContent,
  content: TemplateResult = html`<portal-announcements></portal-announcements>`,
  options: { lang?: string } = {},
) => inContentProvider<PortalAnnouncements>(fake, content, 'portal-announcements', options);

const titles = (el: PortalAnnouncements) => all(el, '[part~="link"]').map(text);

describe('<portal-announcements>', () => {
  let fake: FakeContent;
  beforeEach(() => {
    history.replaceState(null, '', location.pathname);
    fake = new FakeContent().seed();
  });
  afterEach(() => history.replaceState(null, '', location.pathname));

  it('lists the newest first with date and excerpt, and pages back with “Older announcements”', async () => {
    const el = await mount(fake);
    await shows(el, '[part~="item"]');
    expect(titles(el)).to.deep.equal(
      Array.from({ length: 10 }, (_, i) => `News ${String(i + 1).padStart(2, '0')}`),
    );
    const first = find(el, '[part~="item"]')!;
    expect(text(first.querySelector('[part="date"]'))).to.equal('Nov 11, 2026');
    expect(text(first.querySelector('[part="excerpt"]'))).to.equal('What happened in part 01.');
    expect(first.querySelector('a')!.getAttribute('href')).to.equal('#announcement/news-01');
    await expect(el).to.be.accessible();

    button(el, 'Older announcements').click();
    await waitUntil(() => titles(el).length === 14, 'never loaded more');
    expect(find(el, '[part~="more"]')).to.be.null;
    await waitUntil(() => text(el.shadowRoot!.activeElement) === 'News 11', 'focus not on the first new one');
  });

  it('drops an “Older announcements” page that answers after the list was loaded again (regression)', async () => {
    const el = await mount(fake);
    await shows(el, '[part~="item"]');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const summary = ({ html: _, ...rest }: (typeof fake.announcements)[number]) => rest;
    fake.answer('GET /api/v1/announcements', async () => {
      await held;
      return json(200, { items: fake.announcements.slice(10).map(summary), nextCursor: null });
    });
    button(el, 'Older announcements').click();
    await waitUntil(() => fake.callsTo('GET /api/v1/announcements').length === 2, 'never asked for more');
    el.pageSize = 5;
    await waitUntil(() => titles(el).length === 5, 'never loaded again');
    release();
    await settled(el);
    expect(titles(el)).to.deep.equal(['News 01', 'News 02', 'News 03', 'News 04', 'News 05']);
  });

  it('shows the newest load when an older one answers late (regression)', async () => {
    const el = await mount(fake);
    await shows(el, '[part~="item"]');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const summary = ({ html: _, ...rest }: (typeof fake.announcements)[number]) => rest;
    fake.answer(
      'GET /api/v1/announcements',
      async (call) => {
        if (call.query.limit === '3') await held;
        const items = fake.announcements.slice(0, Number(call.query.limit)).map(summary);
        return json(200, { items, nextCursor: null });
      },
      2,
    );
    el.pageSize = 3;
    await waitUntil(() => fake.callsTo('GET /api/v1/announcements').length === 2, 'never asked again');
    el.pageSize = 4;
    await waitUntil(() => titles(el).length === 4, 'the newest never shown');
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    expect(titles(el)).to.have.length(4);
  });

  it('opens one in place with its text and a link back; the back button works too', async () => {
    const el = await mount(fake);
    await shows(el, '[part~="item"]');
    all(el, '[part~="link"]')[1]!.click();
    await shows(el, '[part~="announcement"]');
    expect(location.hash).to.equal('#announcement/news-02');
    expect(text(find(el, '[part~="announcement"] [part~="heading"]'))).to.equal('News 02');
    expect(el.shadowRoot!.activeElement).to.equal(find(el, '[part~="announcement"] [part~="heading"]'));
    expect(find(el, '[part="content"].rich em')!.textContent).to.equal('part 02');
    expect(text(find(el, '[part~="announcement"] [part="date"]'))).to.equal('Published Nov 10, 2026');
    await expect(el).to.be.accessible();

    $<HTMLAnchorElement>(el, '[part~="back"]').click();
    await shows(el, '[part~="list"]');
    expect(location.hash).to.equal('#announcements');
    await waitUntil(() => text(el.shadowRoot!.activeElement) === 'News 02', 'focus not back on its link');

    history.back();
    await shows(el, '[part~="announcement"]');
    expect(location.hash).to.equal('#announcement/news-02');
  });

  it('opens the announcement of a shared #announcement/<slug> link, and says when it does not exist', async () => {
    history.replaceState(null, '', '#announcement/news-05');
    const el = await mount(fake);
    await shows(el, '[part~="announcement"]');
    expect(text(find(el, '[part~="heading"]'))).to.equal('News 05');
    history.pushState(null, '', '#announcement/gone');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await shows(el, '[part="not-found"]');
    expect(text(find(el, '[part="not-found"]'))).to.equal(
      'This announcement does not exist or has been removed.',
    );
    expect(el.hidden).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('shows only the latest N with limit, without paging, and links to detail-href', async () => {
    const el = await mount(
      fake,
      html`<portal-announcements limit="3" detail-href="/news?from=home"></portal-announcements>`,
    );
    await shows(el, '[part~="item"]');
    expect(titles(el)).to.deep.equal(['News 01', 'News 02', 'News 03']);
    expect(find(el, '[part~="more"]')).to.be.null;
    expect(fake.callsTo('GET /api/v1/announcements').map((c) => c.query)).to.deep.equal([{ limit: '3' }]);
    expect(find(el, '[part~="link"]')!.getAttribute('href')).to.equal('/news?from=home#announcement/news-01');
  });

  it('says when there are none', async () => {
    fake.announcements = [];
    const el = await mount(fake);
    await shows(el, '[part="empty"]');
    expect(text(find(el, '[part="empty"]'))).to.equal('There are no announcements yet.');
    await expect(el).to.be.accessible();
  });

  it('renders nothing when the business hides its announcements (404)', async () => {
    fake.hidden.add('announcements');
    history.replaceState(null, '', '#announcement/news-01');
    const el = await mount(fake);
    await waitUntil(() => el.hidden, 'never hidden');
    await el.updateComplete;
    expect($(el, '[part="base"]').children).to.have.length(0);
  });

  it('shows a failed load with “Try again”', async () => {
    fake.answer('GET /api/v1/announcements', () => problem(503, 'UNAVAILABLE', 'Down for a moment.'));
    const el = await mount(fake);
    await shows(el, '[part="load-error"]');
    expect(text(find(el, '[part="load-error"] p'))).to.equal('Down for a moment.');
    await expect(el).to.be.accessible();
    button(el, 'Try again').click();
    await shows(el, '[part~="item"]');
  });

  it('speaks Spanish', async () => {
    history.replaceState(null, '', '#announcement/news-01');
    const el = await mount(fake, html`<portal-announcements></portal-announcements>`, { lang: 'es' });
    await shows(el, '[part~="announcement"]');
    expect(text(find(el, '[part~="back"]'))).to.equal('← Todos los anuncios');
    expect(text(find(el, '[part~="announcement"] [part="date"]'))).to.equal('Publicado el 11 nov 2026');
    await expect(el).to.be.accessible();
  });

  it('runs none of the XSS payloads given as announcements’ HTML', async function (this: {
    timeout(ms: number): void;
  }) {
    this.timeout(120_000);
    const { calls, restore } = spyOnXss();
    try {
      fake.announcements = XSS_PAYLOADS.map(({ id, markdown }) => ({
        id: `ann_${id}`,
        slug: `xss-${id.toLowerCase()}`,
        title: `XSS ${id}`,
        excerpt: '',
        html: markdown,
        publishedAt: '2026-11-01T00:00:00Z',
      }));
      const el = await mount(fake);
      await shows(el, '[part~="item"]');
      for (const { id } of XSS_PAYLOADS) {
        history.replaceState(null, '', `#announcement/xss-${id.toLowerCase()}`);
        window.dispatchEvent(new HashChangeEvent('hashchange'));
        await waitUntil(
          () => text(find(el, '[part~="announcement"] h2')) === `XSS ${id}`,
          `${id} never showed`,
          {
            interval: 1,
          },
        );
        expect(dangerousNodes(el.shadowRoot!), id).to.deep.equal([]);
      }
      await flushTasks();
      expect(calls).to.deep.equal([]);
    } finally {
      restore();
    }
  });
});
