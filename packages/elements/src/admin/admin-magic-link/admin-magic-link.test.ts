import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FakeAdmin, fill, noticeText, problem, submitFormOf } from '../../../test/fake-admin.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import type { PortalAdminMagicLink } from './admin-magic-link.js';

async function mount(fake: FakeAdmin, lang = 'en') {
  fake.signIn('sam@example.com');
  const acme = fake.accounts.find((a) => a.name === 'Acme Ltd')!;
  const ada = acme.users[0]!;
  const user = { ...ada, accountId: acme.id, accountName: acme.name };
  return fixture<PortalAdminMagicLink>(
    html`<portal-admin-magic-link .client=${fake.client()} .user=${user} lang=${lang}></portal-admin-magic-link>`,
  );
}

describe('<portal-admin-magic-link>', () => {
  let fake: FakeAdmin;
  beforeEach(() => {
    fake = new FakeAdmin();
  });

  it('says who the link signs in, makes it without a destination, and shows when it expires', async () => {
    const el = await mount(fake);
    expect($(el, '.intro').textContent).to.contain('Ada Acme (ada@acme.test)');
    await expect(el).to.be.accessible();
    await submitFormOf(el, 'destination');
    await settled(el);
    expect(fake.callsTo('/api/admin/v1/portal-users/magic-links')[0]?.body).to.not.have.property(
      'destination',
    );
    expect($<HTMLInputElement>(el, '[name="url"]').value).to.contain('/magic#token=');
    expect(noticeText(el)).to.match(/^The link is ready\. It works once, until /);
    expect(button(el, 'Generate another link')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows the server’s objection to a destination beside the field', async () => {
    fake.answer('POST /api/admin/v1/portal-users/magic-links', () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'destination', message: 'Use a path inside the portal, starting with /' },
      ]),
    );
    const el = await mount(fake);
    await fill(el, 'destination', '/ok');
    await submitFormOf(el, 'destination');
    await settled(el);
    expect($(el, '#destination-error').textContent).to.equal('Use a path inside the portal, starting with /');
  });

  it('says how to copy by hand when the browser refuses', async () => {
    const el = await mount(fake);
    await submitFormOf(el, 'destination');
    await settled(el);
    Object.defineProperty(navigator.clipboard, 'writeText', {
      configurable: true,
      value: () => Promise.reject(new DOMException('Denied', 'NotAllowedError')),
    });
    try {
      button(el, 'Copy').click();
      await waitUntil(() => alertText(el));
      expect(alertText(el)).to.equal(
        'The browser did not allow copying. Select the text and copy it by hand.',
      );
    } finally {
      delete (navigator.clipboard as unknown as Record<string, unknown>).writeText;
    }
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, 'es');
    expect($(el, 'label[for="destination"]').textContent).to.equal('Abrir en la página (opcional)');
    expect($(el, 'button[type="submit"]').textContent?.trim()).to.equal('Generar enlace');
  });
});
