import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminContent, typeMarkdown } from '../../../test/fake-admin-content.js';
import { fill, mountPage, noticeText, problem, submitFormOf } from '../../../test/fake-admin.js';
import { $, alertText, settled } from '../../../test/helpers.js';
import type { PortalAdminMarkdownEditor } from '../lib/markdown-editor.js';
import type { PortalAdminKbArticle } from './admin-kb-article.js';

const original = location.pathname + location.search;

const mount = (fake: FakeAdminContent, id = '', as = 'grace@example.com', lang = 'en') =>
  mountPage<PortalAdminKbArticle>(
    html`<portal-admin-kb-article
      .client=${fake.client()}
      .session=${fake.signIn(as)}
      article-id=${id}
      lang=${lang}
    ></portal-admin-kb-article>`,
    fake,
    { as },
  );

const editor = (el: PortalAdminKbArticle) => $<PortalAdminMarkdownEditor>(el, 'portal-admin-markdown-editor');
const value = (el: PortalAdminKbArticle, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`).value;

/** Whether leaving the browser page now would ask first. */
const guarded = () => {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
};

describe('<portal-admin-kb-article>', () => {
  let fake: FakeAdminContent;
  beforeEach(() => {
    fake = new FakeAdminContent();
    history.replaceState(null, '', `${original}#/kb/new`);
  });
  afterEach(() => {
    history.replaceState(null, '', original);
  });

  it('writes a new article: the slug follows the title until typed, then it is created and opened', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent?.trim()).to.equal('New article');
    expect(guarded()).to.be.false;
    await fill(el, 'title', 'Point your domain at us');
    expect(value(el, 'slug')).to.equal('point-your-domain-at-us');
    expect(guarded()).to.be.true;
    await submitFormOf(el, 'title');
    expect($(el, '#categoryId-error').textContent).to.equal('Choose a category.');
    expect(editor(el).error).to.equal('Write the text.');
    expect(fake.callsTo('/api/admin/v1/kb/articles', 'POST')).to.have.length(0);
    await expect(el).to.be.accessible();

    await fill(el, 'categoryId', fake.category('Getting started').id);
    await fill(el, 'status', 'published');
    await fill(el, 'position', '3');
    await typeMarkdown(el, '## Records\n\nAdd an **A** record.');
    await submitFormOf(el, 'title');
    await waitUntil(
      () => noticeText(el) === 'The article Point your domain at us was created.',
      'never created',
    );
    expect(fake.callsTo('/api/admin/v1/kb/articles', 'POST')[0]?.body).to.deep.equal({
      title: 'Point your domain at us',
      categoryId: fake.category('Getting started').id,
      status: 'published',
      body: '## Records\n\nAdd an **A** record.',
      slug: 'point-your-domain-at-us',
      position: 3,
    });
    const created = fake.article('Point your domain at us');
    expect(location.hash).to.equal(`#/kb/${created.id}`);
    expect(el.articleId).to.equal(created.id);
    expect($(el, 'h1').textContent?.trim()).to.equal('Point your domain at us');
    expect(guarded()).to.be.false;
  });

  it('shows a slug another article uses beside the slug, and the server’s field errors beside theirs', async () => {
    const el = await mount(fake);
    await fill(el, 'title', 'Reset your password');
    await fill(el, 'categoryId', fake.category('Email').id);
    await typeMarkdown(el, 'Text.');
    await submitFormOf(el, 'title');
    await settled(el);
    expect($(el, '#slug-error').textContent).to.equal('Another article already uses this slug.');

    // A 409 without field errors is still about the slug.
    fake.answer('POST /api/admin/v1/kb/articles', () => problem(409, 'CONFLICT', 'Conflict.'));
    await fill(el, 'slug', 'reset-it');
    await submitFormOf(el, 'title');
    await settled(el);
    expect($(el, '#slug-error').textContent).to.equal(
      'Something else already uses this slug. Choose another.',
    );
    expect(alertText(el)).to.equal('');

    fake.answer('POST /api/admin/v1/kb/articles', () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'title', message: 'Title must be at most 200 characters' },
        { path: 'body', message: 'At most 100,000 characters' },
      ]),
    );
    await fill(el, 'slug', 'reset-it-2');
    await submitFormOf(el, 'title');
    await settled(el);
    expect($(el, '#title-error').textContent).to.equal('Title must be at most 200 characters');
    expect(editor(el).error).to.equal('At most 100,000 characters');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('title');
  });

  it('edits an article, sending only what changed, with its votes, dates and a link to it on the portal', async () => {
    fake.settings.portalUrl = 'https://www.example.com/portal/';
    const a = fake.article('Reset your password');
    const el = await mount(fake, a.id);
    expect($(el, 'h1').textContent?.trim()).to.equal('Reset your password');
    expect(value(el, 'slug')).to.equal('reset-your-password');
    expect(editor(el).value).to.equal(a.body);
    expect($(el, '[part~="details"]').textContent).to.contain('12 found it helpful, 3 did not.');
    expect($(el, '[part~="view"]').getAttribute('href')).to.equal(
      'https://www.example.com/portal/kb#kb/article/reset-your-password',
    );
    await expect(el).to.be.accessible();

    await fill(el, 'title', 'Reset a forgotten password');
    // An existing article keeps its slug while the title changes.
    expect(value(el, 'slug')).to.equal('reset-your-password');
    await fill(el, 'status', 'draft');
    await submitFormOf(el, 'title');
    await waitUntil(
      () => noticeText(el) === 'The article Reset a forgotten password was saved.',
      'never saved',
    );
    expect(fake.callsTo(`/api/admin/v1/kb/articles/${a.id}`, 'PATCH')[0]?.body).to.deep.equal({
      title: 'Reset a forgotten password',
      status: 'draft',
    });
    // A draft is not on the portal.
    expect(el.shadowRoot!.querySelector('[part~="view"]') === null).to.be.true;

    await submitFormOf(el, 'title');
    expect(noticeText(el)).to.equal('Nothing has changed, so there was nothing to save.');
  });

  it('previews the body as it will be published', async () => {
    const el = await mount(fake, fake.article('Set up IMAP').id);
    const md = editor(el);
    [...md.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="tab"]')][1]!.click();
    await waitUntil(() => md.shadowRoot!.querySelector('.rich h2'), 'never previewed');
    expect(md.shadowRoot!.querySelector('.rich h2')?.textContent).to.equal('Server');
  });

  it('deletes an article after confirming, then goes back to the list', async () => {
    const a = fake.article('Move your site to us');
    const el = await mount(fake, a.id);
    $<HTMLButtonElement>(el, '[part~="delete"]').click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no confirmation');
    expect($(el, 'dialog').textContent).to.contain('Delete the article Move your site to us?');
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => location.hash === '#/kb', 'never went back');
    expect(fake.articles.some((x) => x.id === a.id)).to.be.false;
  });

  it('says when the article does not exist', async () => {
    const el = await mount(fake, 'kba_nope');
    expect($(el, '[part~="load-error"]').textContent).to.contain('There is no such article.');
  });

  it('shows billing staff the article, read-only', async () => {
    const el = await mount(fake, fake.article('Reset your password').id, 'bill@example.com');
    expect(el.shadowRoot!.textContent).to.contain('Your role can read this but not change it.');
    expect($<HTMLInputElement>(el, '[name="title"]').matches(':disabled')).to.be.true;
    expect(editor(el).readonly).to.be.true;
    expect(el.shadowRoot!.querySelector('button[type="submit"], [part~="delete"]') === null).to.be.true;
    // Billing cannot read the settings, so the console does not know where the portal is.
    expect(el.shadowRoot!.querySelector('[part~="view"]') === null).to.be.true;
    expect(fake.callsTo('/api/admin/v1/settings')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, '', 'grace@example.com', 'es');
    expect($(el, 'h1').textContent?.trim()).to.equal('Nuevo artículo');
    expect($(el, 'button[type="submit"]').textContent?.trim()).to.equal('Crear artículo');
    await expect(el).to.be.accessible();
  });
});
