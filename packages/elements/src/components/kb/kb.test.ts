import { expect, html, nextFrame, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { FakeContent, inContentProvider } from '../../../test/fake-content.js';
import { json, problem } from '../../../test/fake-portal.js';
import { $, button } from '../../../test/helpers.js';
import { all, find, shows, text } from '../../../test/queries.js';
import { dangerousNodes, flushTasks, spyOnXss } from '../../../test/xss.js';
import { XSS_PAYLOADS } from '../../../test/xss-payloads.js';
import type { PortalKb } from './kb.js';

const mount = (
  fake: FakeContent,
  content: TemplateResult = html`<portal-kb></portal-kb>`,
  options: { signedInAs?: string | null; lang?: string } = {},
) => inContentProvider<PortalKb>(fake, content, 'portal-kb', options);

const heading = (el: PortalKb) => text(find(el, '[part~="heading"]'));

/** Follows a link the way a click does: a new history entry and a `hashchange`. */
async function follow(el: PortalKb, link: HTMLElement) {
  link.click();
  await waitUntil(() => location.hash === link.getAttribute('href'), 'the hash never changed');
  await el.updateComplete;
}

async function typeQuery(el: PortalKb, value: string) {
  const box = $<HTMLInputElement>(el, 'input[name="q"]');
  box.value = value;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

const resultTitles = (el: PortalKb) => all(el, '[part~="result"] [part~="article-link"]').map(text);

describe('<portal-kb>', () => {
  let fake: FakeContent;
  beforeEach(() => {
    history.replaceState(null, '', location.pathname);
    fake = new FakeContent().seed();
  });
  afterEach(() => history.replaceState(null, '', location.pathname));

  it('shows a spinner, then the categories with their description and article count', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    fake.answer('GET /api/v1/kb/categories', async (call) => {
      await held;
      fake.calls.pop();
      return fake.fetch(new Request(`http://portal.test${call.path}`));
    });
    const el = await mount(fake);
    expect(text(find(el, '[part="loading"]'))).to.contain('Loading');
    release();
    await shows(el, '[part~="category"]');
    expect(heading(el)).to.equal('Knowledge base');
    expect(all(el, '[part~="category"]').map(text)).to.deep.equal([
      'Getting started Your first steps with us. 2 articles',
      'Billing Invoices, payments and refunds. 25 articles',
      'Email 0 articles',
    ]);
    expect(find(el, '[part~="category"]')!.getAttribute('href')).to.equal('#kb/category/getting-started');
    expect($(el, 'form[role="search"] label').textContent).to.equal('Search the knowledge base');
    await expect(el).to.be.accessible();
  });

  it('opens a category, pages its articles with “More articles”, and the back button returns', async () => {
    const el = await mount(fake);
    await shows(el, '[part~="category"]');
    await follow(el, all(el, '[part~="category"]')[1]!);
    await shows(el, '[part~="article-link"]');
    expect(heading(el)).to.equal('Billing');
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement).to.equal(find(el, '[part~="heading"]'));
    expect(all(el, '[part="breadcrumb"] a').map(text)).to.deep.equal(['All categories']);
    expect(all(el, '[part~="article-link"]')).to.have.length(20);
    await expect(el).to.be.accessible();

    button(el, 'More articles').click();
    await waitUntil(() => all(el, '[part~="article-link"]').length === 25, 'never loaded more');
    expect(find(el, '[part~="more"]')).to.be.null;
    expect(fake.callsTo('GET /api/v1/kb/articles').map((c) => c.query)).to.deep.equal([
      { category: 'billing', limit: '20' },
      { category: 'billing', limit: '20', cursor: '20' },
    ]);
    await waitUntil(
      () => text(el.shadowRoot!.activeElement) === 'Invoice question 21',
      'focus not on the first new',
    );

    history.back();
    await waitUntil(() => heading(el) === 'Knowledge base', 'back never showed the categories');
    expect(location.hash).to.equal('');
  });

  it('shows the category opened last when one left before it loaded answers late (regression)', async () => {
    const el = await mount(fake);
    await shows(el, '[part~="category"]');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let answered = false;
    fake.answer('GET /api/v1/kb/articles', async () => {
      await held;
      answered = true;
      return json(200, { items: [], nextCursor: null });
    });
    await follow(el, all(el, '[part~="category"]')[0]!);
    await waitUntil(() => fake.callsTo('GET /api/v1/kb/articles').length === 1, 'never asked');
    history.back();
    await waitUntil(() => heading(el) === 'Knowledge base', 'back never showed the categories');
    await follow(el, all(el, '[part~="category"]')[1]!);
    await waitUntil(() => heading(el) === 'Billing', 'Billing never shown');
    release();
    await waitUntil(() => answered, 'the late answer never came');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    expect(heading(el)).to.equal('Billing');
    expect(all(el, '[part~="article-link"]')).to.have.length(20);
  });

  it('shows an article: breadcrumb, date, text, related articles; an in-page link scrolls without navigating', async () => {
    history.replaceState(null, '', '#kb/article/reset-your-password');
    const el = await mount(fake);
    await shows(el, '[part~="article"]');
    expect(heading(el)).to.equal('Reset your password');
    expect(all(el, '[part="breadcrumb"] a').map((a) => [text(a), a.getAttribute('href')])).to.deep.equal([
      ['All categories', '#kb'],
      ['Getting started', '#kb/category/getting-started'],
    ]);
    expect(text(find(el, '[part="meta"]'))).to.match(/^Updated Nov 10, 2026$/);
    expect(find(el, '[part="content"].rich strong')!.textContent).to.equal('reset link');
    expect(all(el, '[part~="related"] [part~="article-link"]').map(text)).to.deep.equal([
      'Turn on two-step verification',
    ]);
    // Not focused on the first view: only after navigating.
    expect(el.shadowRoot!.activeElement).to.be.null;
    await expect(el).to.be.accessible();

    (find(el, '[part="content"] a[href="#steps"]') as HTMLAnchorElement).click();
    await el.updateComplete;
    expect(location.hash).to.equal('#kb/article/reset-your-password');
    expect(heading(el)).to.equal('Reset your password');

    await follow(el, find(el, '[part~="related"] [part~="article-link"]')!);
    await waitUntil(
      () => heading(el) === 'Turn on two-step verification',
      'the related article never opened',
    );
    history.back();
    await waitUntil(() => heading(el) === 'Reset your password', 'back never came back');
  });

  it('records “Was this helpful?”: counts, the visitor’s vote pressed, changing it, thanks', async () => {
    fake.votes.set(`guest ${fake.articles[0]!.id}`, 'no');
    history.replaceState(null, '', '#kb/article/reset-your-password');
    const el = await mount(fake);
    await shows(el, '[part~="feedback"]');
    const vote = (which: string) => $<HTMLButtonElement>(el, `[data-vote="${which}"]`);
    const state = () => ['yes', 'no'].map((w) => [w, vote(w).getAttribute('aria-pressed'), text(vote(w))]);
    expect(state()).to.deep.equal([
      ['yes', 'false', 'Yes 12'],
      ['no', 'true', 'No 3'],
    ]);
    expect(find(el, '[part~="feedback"]')!.getAttribute('role')).to.equal('group');

    vote('yes').click();
    await waitUntil(() => vote('yes').getAttribute('aria-pressed') === 'true', 'the vote never showed');
    expect(state()).to.deep.equal([
      ['yes', 'true', 'Yes 13'],
      ['no', 'false', 'No 2'],
    ]);
    expect(text(find(el, '[part~="thanks"]'))).to.equal('Thanks for your feedback.');
    expect(find(el, '[part~="thanks"]')!.getAttribute('role')).to.equal('status');
    expect(
      fake.callsTo(`PUT /api/v1/kb/articles/${fake.articles[0]!.id}/vote`).map((c) => c.body),
    ).to.deep.equal([{ helpful: true }]);
    await expect(el).to.be.accessible();

    // Pressing the pressed answer again sends nothing.
    vote('yes').click();
    await el.updateComplete;
    expect(fake.callsTo(`PUT /api/v1/kb/articles/${fake.articles[0]!.id}/vote`)).to.have.length(1);
  });

  it('says why a vote failed (429)', async () => {
    fake.answer(`PUT /api/v1/kb/articles/${fake.articles[0]!.id}/vote`, () =>
      problem(429, 'RATE_LIMITED', 'Slow down.', undefined, { 'retry-after': '30' }),
    );
    history.replaceState(null, '', '#kb/article/reset-your-password');
    const el = await mount(fake);
    await shows(el, '[part~="feedback"]');
    $<HTMLButtonElement>(el, '[data-vote="no"]').click();
    await waitUntil(() => text(find(el, '[part~="feedback"] [role="alert"]')), 'no alert');
    expect(text(find(el, '[part~="feedback"] [role="alert"]'))).to.equal(
      'Too many attempts. Try again in 30 s.',
    );
    expect($(el, '[data-vote="no"]').getAttribute('aria-pressed')).to.equal('false');
  });

  it('starts in the category attribute’s category', async () => {
    const el = await mount(fake, html`<portal-kb category="getting-started"></portal-kb>`);
    await shows(el, '[part~="article-link"]');
    expect(heading(el)).to.equal('Getting started');
    expect(all(el, '[part~="article-link"]').map(text)).to.deep.equal([
      'Reset your password',
      'Turn on two-step verification',
    ]);
  });

  it('says when a category or an article does not exist', async () => {
    history.replaceState(null, '', '#kb/category/nope');
    const el = await mount(fake);
    await shows(el, '[part="not-found"]');
    expect(text(find(el, '[part="not-found"]'))).to.equal(
      'This category does not exist or has been removed.',
    );
    history.pushState(null, '', '#kb/article/nope');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await waitUntil(
      () => text(find(el, '[part="not-found"]'))?.startsWith('This article'),
      'no missing article',
    );
    expect(el.hidden).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('says when a category has no articles', async () => {
    const el = await mount(fake, html`<portal-kb category="email"></portal-kb>`);
    await shows(el, '[part="empty"]');
    expect(text(find(el, '[part="empty"]'))).to.equal('There are no articles in this category yet.');
  });

  it('searches after a pause in typing, from 2 characters, with the matches highlighted', async () => {
    const el = await mount(fake);
    await shows(el, '[part~="category"]');
    await typeQuery(el, 'p');
    expect(text(find(el, '[part="hint"]'))).to.equal('Type at least 2 characters to search.');
    expect($(el, 'input[name="q"]').getAttribute('aria-describedby')).to.equal('q-hint');
    for (const q of ['pa', 'pas', 'pass', 'passw', 'password']) await typeQuery(el, q);
    await shows(el, '[part~="result"]');
    expect(fake.callsTo('GET /api/v1/kb/search').map((c) => c.query.q)).to.deep.equal(['password']);
    expect(location.hash).to.equal('#kb/search?q=password');
    expect(heading(el)).to.equal('Search results for “password”');
    expect(resultTitles(el)).to.deep.equal(['Reset your password']);
    expect(find(el, '[part~="result"] [part~="article-link"] mark')!.textContent).to.equal('password');
    expect(all(el, '[part="snippet"] mark').map((m) => m.textContent)).to.deep.equal(['password']);
    expect(text(find(el, '[part="status"]'))).to.equal('1 article found.');
    await expect(el).to.be.accessible();

    // One history entry for the whole search: back returns to the categories.
    history.back();
    await waitUntil(() => heading(el) === 'Knowledge base', 'back never left the search');
    expect($<HTMLInputElement>(el, 'input[name="q"]').value).to.equal('');
  });

  it('aborts the previous search, so only the last query’s results show', async () => {
    const release = fake.holdSearch('reset');
    const el = await mount(fake, html`<portal-kb search-delay="20"></portal-kb>`);
    await shows(el, '[part~="category"]');
    await typeQuery(el, 'reset');
    await waitUntil(() => fake.callsTo('GET /api/v1/kb/search').length === 1, 'the first search never went');
    await typeQuery(el, 'two-step');
    await shows(el, '[part~="result"]');
    expect(fake.abortedSearches).to.deep.equal(['reset']);
    release();
    await nextFrame();
    await el.updateComplete;
    expect(resultTitles(el)).to.deep.equal(['Turn on two-step verification']);
    expect(heading(el)).to.equal('Search results for “two-step”');
  });

  it('says when no article matches, and clearing the box goes back', async () => {
    const el = await mount(fake, html`<portal-kb category="billing" search-delay="0"></portal-kb>`);
    await shows(el, '[part~="article-link"]');
    await typeQuery(el, 'zebra crossing');
    await shows(el, '[part="empty"]');
    expect(text(find(el, '[part="empty"]'))).to.equal('No articles match “zebra crossing”.');
    expect(text(find(el, '[part="status"]'))).to.equal('No articles match “zebra crossing”.');
    await expect(el).to.be.accessible();
    await typeQuery(el, '');
    await waitUntil(() => heading(el) === 'Billing', 'never went back to the category');
    expect(location.hash).to.equal('#kb/category/billing');
  });

  it('opens a shared search link and shows too many searches (429) in its own words', async () => {
    fake.answer('GET /api/v1/kb/search', () =>
      problem(429, 'RATE_LIMITED', 'Too many requests.', undefined, { 'retry-after': '12' }),
    );
    history.replaceState(null, '', '#kb/search?q=password');
    const el = await mount(fake);
    await shows(el, '[part="load-error"]');
    expect($<HTMLInputElement>(el, 'input[name="q"]').value).to.equal('password');
    expect(text(find(el, '[part="load-error"]'))).to.equal(
      'Too many searches in a short time. Wait 12 s and try again.',
    );
    await expect(el).to.be.accessible();
  });

  it('renders nothing when the business hides its knowledge base (404)', async () => {
    fake.hidden.add('knowledgeBase');
    const el = await mount(fake);
    await waitUntil(() => el.hidden, 'never hidden');
    await el.updateComplete;
    expect($(el, '[part="base"]').children).to.have.length(0);
    expect(getComputedStyle(el).display).to.equal('none');
  });

  it('shows a failed load with “Try again”', async () => {
    fake.answer('GET /api/v1/kb/categories', () => problem(503, 'UNAVAILABLE', 'Down for a moment.'));
    const el = await mount(fake);
    await shows(el, '[part="load-error"]');
    expect(text(find(el, '[part="load-error"] p'))).to.equal('Down for a moment.');
    await expect(el).to.be.accessible();
    button(el, 'Try again').click();
    await shows(el, '[part~="category"]');
  });

  it('speaks Spanish', async () => {
    history.replaceState(null, '', '#kb/article/reset-your-password');
    const el = await mount(fake, html`<portal-kb></portal-kb>`, { lang: 'es' });
    await shows(el, '[part~="feedback"]');
    expect(text(find(el, '#helpful-label'))).to.equal('¿Te ha resultado útil?');
    expect(text($(el, '[data-vote="yes"]'))).to.equal('Sí 12');
    expect(text(find(el, '[part="meta"]'))).to.equal('Actualizado el 10 nov 2026');
    expect(text(find(el, '[part="breadcrumb"] a'))).to.equal('Todas las categorías');
    expect($(el, 'form[role="search"] label').textContent).to.equal('Buscar en la base de conocimiento');
    await expect(el).to.be.accessible();
  });

  describe('hostile HTML from the server', () => {
    let xss: ReturnType<typeof spyOnXss>;
    beforeEach(() => {
      xss = spyOnXss();
    });
    afterEach(() => xss.restore());

    it('runs none of the payloads in an article, nor in search titles and snippets', async function (this: {
      timeout(ms: number): void;
    }) {
      this.timeout(120_000);
      for (const { id, markdown } of XSS_PAYLOADS) {
        fake.addArticle({
          slug: `xss-${id.toLowerCase()}`,
          title: `XSS ${id}`,
          categoryId: 'kbc_email',
          html: markdown,
        });
      }
      const el = await mount(fake);
      await shows(el, '[part~="category"]');
      for (const { id } of XSS_PAYLOADS) {
        history.replaceState(null, '', `#kb/article/xss-${id.toLowerCase()}`);
        window.dispatchEvent(new HashChangeEvent('hashchange'));
        await waitUntil(() => heading(el) === `XSS ${id}`, `article ${id} never showed`, { interval: 1 });
        expect(dangerousNodes(el.shadowRoot!), id).to.deep.equal([]);
      }
      fake.answer('GET /api/v1/kb/search', () =>
        json(200, {
          items: XSS_PAYLOADS.map(({ markdown }, i) => ({
            article: {
              id: `kba_x${i}`,
              slug: `x${i}`,
              title: 'x',
              excerpt: '',
              category: { id: 'kbc_email', slug: 'email', name: 'Email' },
              publishedAt: '2026-01-01T00:00:00Z',
              updatedAt: '2026-01-01T00:00:00Z',
            },
            title: markdown,
            snippet: markdown,
          })),
        }),
      );
      await typeQuery(el, 'anything');
      await waitUntil(
        () => all(el, '[part~="result"]').length === XSS_PAYLOADS.length,
        'results never showed',
      );
      await flushTasks();
      expect(xss.calls).to.deep.equal([]);
      expect(dangerousNodes(el.shadowRoot!)).to.deep.equal([]);
    });
  });
});
