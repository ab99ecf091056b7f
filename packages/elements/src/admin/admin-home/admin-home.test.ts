import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminContent } from '../../../test/fake-admin-content.js';
import { fill, mountPage, noticeText, problem, submitFormOf } from '../../../test/fake-admin.js';
import { $, button, settled } from '../../../test/helpers.js';
import type { PortalAdminHome } from './admin-home.js';

const mount = (fake: FakeAdminContent, as = 'grace@example.com', lang = 'en') =>
  mountPage<PortalAdminHome>(
    html`<portal-admin-home .client=${fake.client()} .session=${fake.signIn(as)} lang=${lang}></portal-admin-home>`,
    fake,
    { as },
  );

const value = (el: PortalAdminHome, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`).value;
const saveBarText = (el: PortalAdminHome) => $(el, '[part~="save"] p').textContent?.trim();

describe('<portal-admin-home>', () => {
  let fake: FakeAdminContent;
  beforeEach(() => {
    fake = new FakeAdminContent();
  });

  it('shows the hero, its button and the counts', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('Home page');
    expect(value(el, 'title')).to.equal('Hosting that just works');
    expect(value(el, 'ctaLabel')).to.equal('See plans');
    expect(value(el, 'ctaUrl')).to.equal('/store');
    expect(value(el, 'featuredLimit')).to.equal('3');
    expect(saveBarText(el)).to.equal('No unsaved changes.');
    await expect(el).to.be.accessible();
  });

  it('saves what changed with the save bar, and discards', async () => {
    const el = await mount(fake);
    await fill(el, 'title', 'Hosting with people');
    await fill(el, 'announcementsLimit', '0');
    expect(saveBarText(el)).to.equal('Unsaved changes: 2');
    await submitFormOf(el, 'title');
    await waitUntil(() => noticeText(el) === 'The home page was saved.', 'never saved');
    expect(fake.callsTo('/api/admin/v1/content/home', 'PATCH')[0]?.body).to.deep.equal({
      hero: {
        title: 'Hosting with people',
        subtitle: 'Web hosting, email and domains with people who answer.',
        cta: { label: 'See plans', url: '/store' },
      },
      announcementsLimit: 0,
    });
    expect(saveBarText(el)).to.equal('No unsaved changes.');

    await fill(el, 'subtitle', 'Something else');
    button(el, 'Discard changes').click();
    await el.updateComplete;
    expect(value(el, 'subtitle')).to.equal('Web hosting, email and domains with people who answer.');
    expect(noticeText(el)).to.equal('Your changes were discarded.');
  });

  it('removes the button when both its fields are cleared, and checks them first', async () => {
    const el = await mount(fake);
    await fill(el, 'ctaUrl', '');
    await submitFormOf(el, 'title');
    expect($(el, '#ctaUrl-error').textContent).to.equal('Add where the button goes, or clear its text.');
    await fill(el, 'ctaUrl', 'javascript:alert(1)');
    await submitFormOf(el, 'title');
    expect($(el, '#ctaUrl-error').textContent).to.contain('Use a path such as /store');
    await fill(el, 'featuredLimit', '13');
    await submitFormOf(el, 'title');
    expect($(el, '#featuredLimit-error').textContent).to.equal('Enter a whole number from 0 to 12.');
    expect(fake.callsTo('/api/admin/v1/content/home', 'PATCH')).to.have.length(0);
    await expect(el).to.be.accessible();

    await fill(el, 'featuredLimit', '6');
    await fill(el, 'ctaUrl', '');
    await fill(el, 'ctaLabel', '');
    await submitFormOf(el, 'title');
    await settled(el);
    expect(fake.callsTo('/api/admin/v1/content/home', 'PATCH')[0]?.body).to.deep.equal({
      hero: {
        title: 'Hosting that just works',
        subtitle: 'Web hosting, email and domains with people who answer.',
        cta: null,
      },
      featuredLimit: 6,
    });
    expect(fake.home.hero.cta).to.equal(null);
  });

  it('shows the server’s refusal beside its field', async () => {
    fake.answer('PATCH /api/admin/v1/content/home', () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'hero.cta.url', message: 'Use a path such as /store or an http(s) URL' },
      ]),
    );
    const el = await mount(fake);
    await fill(el, 'ctaUrl', 'https://shop.example.com/plans');
    await submitFormOf(el, 'title');
    await settled(el);
    expect($(el, '#ctaUrl-error').textContent).to.equal('Use a path such as /store or an http(s) URL');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('ctaUrl');
  });

  it('shows billing staff the home page, read-only, in Spanish', async () => {
    const el = await mount(fake, 'bill@example.com', 'es');
    expect($(el, 'h1').textContent).to.equal('Página de inicio');
    expect($<HTMLInputElement>(el, '[name="title"]').matches(':disabled')).to.be.true;
    expect(el.shadowRoot!.querySelector('[part~="save"]') === null).to.be.true;
    await expect(el).to.be.accessible();
  });
});
