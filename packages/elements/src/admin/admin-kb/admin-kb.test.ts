import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminContent } from '../../../test/fake-admin-content.js';
import { fill, mountPage, noticeText, rows, submitFormOf } from '../../../test/fake-admin.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import type { PortalAdminKb } from './admin-kb.js';

const mount = (fake: FakeAdminContent, as = 'grace@example.com', lang = 'en') =>
  mountPage<PortalAdminKb>(
    html`<portal-admin-kb
      .client=${fake.client()}
      .session=${fake.signIn(as)}
      .searchDelay=${0}
      page-size="2"
      lang=${lang}
    ></portal-admin-kb>`,
    fake,
    { as },
  );

const articleRows = (el: PortalAdminKb) => [
  ...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('[part~="articles"] tbody tr'),
];
const categoryRows = (el: PortalAdminKb) => [
  ...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('[part~="categories"] tbody tr'),
];
const titles = (el: PortalAdminKb) => articleRows(el).map((r) => r.querySelector('a')?.textContent?.trim());
const press = async (el: PortalAdminKb, label: string) => {
  $<HTMLButtonElement>(el, `[aria-label="${label}"]`).click();
  await el.updateComplete;
};
const confirm = async (el: PortalAdminKb) => {
  await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no confirmation asked');
  $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
};

describe('<portal-admin-kb>', () => {
  let fake: FakeAdminContent;
  beforeEach(() => {
    fake = new FakeAdminContent();
  });

  it('lists articles most recently updated first, paged, with category, status and votes; then the categories', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('Knowledge base');
    expect($(el, '[part~="new"]').getAttribute('href')).to.equal('#/kb/new');
    expect(titles(el)).to.deep.equal(['Move your site to us', 'Set up IMAP']);
    const first = articleRows(el)[0]!.textContent ?? '';
    expect(first).to.contain('Getting started');
    expect(first).to.contain('Draft');
    expect(articleRows(el)[0]!.querySelector('a')!.getAttribute('href')).to.equal(
      `#/kb/${fake.article('Move your site to us').id}`,
    );
    button(el, 'Load more').click();
    await waitUntil(() => articleRows(el).length === 3, 'never loaded more');
    expect(articleRows(el)[2]!.textContent).to.contain('12 yes · 3 no');
    expect(articleRows(el)[2]!.textContent).to.contain('Published');

    expect(
      categoryRows(el).map((r) => r.querySelector('th')?.textContent?.replace(/\s+/g, ' ').trim()),
    ).to.deep.equal(['Getting started getting-started', 'Email email', 'Billing billing']);
    expect(categoryRows(el)[0]!.textContent).to.contain('1 of 2');
    await expect(el).to.be.accessible();
  });

  it('searches by title and filters by category and status', async () => {
    const el = await mount(fake);
    await fill(el, 'q', 'imap');
    await waitUntil(() => titles(el).join() === 'Set up IMAP', 'search never applied');
    expect(fake.calls.at(-1)?.query).to.include({ q: 'imap' });

    await fill(el, 'q', '');
    await fill(el, 'category', fake.category('Getting started').id);
    await waitUntil(
      () => titles(el).join() === 'Move your site to us,Reset your password',
      'category never applied',
    );
    await fill(el, 'status', 'published');
    await waitUntil(() => titles(el).join() === 'Reset your password', 'status never applied');
    expect(fake.calls.at(-1)?.query).to.include({
      categoryId: fake.category('Getting started').id,
      status: 'published',
    });

    await fill(el, 'category', fake.category('Billing').id);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="empty"]'), 'never empty');
    expect($(el, '[part~="empty"]').textContent).to.contain('No articles match.');
  });

  it('adds a category with its slug made from the name, and shows a slug another uses beside the field', async () => {
    const el = await mount(fake);
    button(el, 'Add category').click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('name');
    await fill(el, 'name', 'Emáil & DNS');
    expect($<HTMLInputElement>(el, '[name="slug"]').value).to.equal('email-dns');
    await fill(el, 'slug', 'email');
    await fill(el, 'name', 'Email and DNS');
    // Once typed, the slug no longer follows the name.
    expect($<HTMLInputElement>(el, '[name="slug"]').value).to.equal('email');
    await fill(el, 'position', 'first');
    await submitFormOf(el, 'name');
    expect($(el, '#position-error').textContent).to.contain('whole number');
    await fill(el, 'position', '5');
    await submitFormOf(el, 'name');
    await settled(el);
    expect($(el, '#slug-error').textContent).to.equal('Another category already uses this slug.');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('slug');
    await expect(el).to.be.accessible();

    await fill(el, 'slug', 'email-dns');
    await fill(el, 'description', 'Records and mailboxes.');
    await submitFormOf(el, 'name');
    await waitUntil(() => noticeText(el) === 'The category Email and DNS was added.', 'never added');
    expect(fake.callsTo('/api/admin/v1/kb/categories', 'POST').at(-1)?.body).to.deep.equal({
      name: 'Email and DNS',
      description: 'Records and mailboxes.',
      slug: 'email-dns',
      position: 5,
    });
    expect(
      categoryRows(el).map((r) => r.querySelector('th')?.textContent?.replace(/\s+/g, ' ').trim()),
    ).to.include('Email and DNS email-dns');
  });

  it('renames a category, and explains that one with articles cannot be deleted', async () => {
    const el = await mount(fake);
    await press(el, 'Edit Email');
    expect($<HTMLInputElement>(el, '[name="slug"]').value).to.equal('email');
    await fill(el, 'name', 'Mail');
    expect($<HTMLInputElement>(el, '[name="slug"]').value).to.equal('email');
    await submitFormOf(el, 'name');
    await waitUntil(() => noticeText(el) === 'The category Mail was saved.', 'never saved');
    expect(fake.category('Mail').slug).to.equal('email');

    await press(el, 'Delete Getting started');
    expect($(el, 'dialog').textContent).to.contain('Delete the category Getting started?');
    await confirm(el);
    await waitUntil(
      () => alertText(el).includes('still holds articles (2, drafts included)'),
      'never explained',
    );
    expect(fake.categories.some((c) => c.name === 'Getting started')).to.be.true;

    await press(el, 'Delete Billing');
    await confirm(el);
    await waitUntil(() => noticeText(el) === 'The category Billing was deleted.', 'never deleted');
    expect(categoryRows(el)).to.have.length(2);
  });

  it('shows billing staff everything, read-only', async () => {
    const el = await mount(fake, 'bill@example.com');
    expect(el.shadowRoot!.textContent).to.contain('Your role can read this but not change it.');
    expect(el.shadowRoot!.querySelector('[part~="new"]') === null).to.be.true;
    expect(el.shadowRoot!.querySelector('[part~="edit"], [part~="remove"]') === null).to.be.true;
    expect([...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent?.trim())).to.deep.equal([
      'Load more',
    ]);
    expect(rows(el).length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, 'grace@example.com', 'es');
    expect($(el, 'h1').textContent).to.equal('Base de conocimiento');
    expect(button(el, 'Añadir categoría')).to.exist;
    expect(articleRows(el)[0]!.textContent).to.contain('Borrador');
    await expect(el).to.be.accessible();
  });
});
