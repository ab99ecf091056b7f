import { expect, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { FakeContent, inContentProvider } from '../../../test/fake-content.js';
import { problem } from '../../../test/fake-portal.js';
import { $, button } from '../../../test/helpers.js';
import { find, text } from '../../../test/queries.js';
import type { PortalUnsubscribe } from './unsubscribe.js';

const mount = (
  fake: FakeContent,
  content: TemplateResult = html`<portal-unsubscribe></portal-unsubscribe>`,
  options: { lang?: string } = {},
) => inContentProvider<PortalUnsubscribe>(fake, content, 'portal-unsubscribe', options);

const unsubscribeCalls = (fake: FakeContent) => fake.callsTo('POST /api/v1/announcements/unsubscribe');

describe('<portal-unsubscribe>', () => {
  let fake: FakeContent;
  beforeEach(() => {
    history.replaceState(null, '', location.pathname);
    fake = new FakeContent();
  });
  afterEach(() => history.replaceState(null, '', location.pathname));

  it('asks first, never spending the link on load, takes the token out of the address bar, then stops the emails', async () => {
    const token = fake.addUnsubscribeToken();
    history.replaceState(null, '', `?lang=en&token=${token}#top`);
    const el = await mount(fake);
    expect(location.search).to.equal('?lang=en');
    expect(location.hash).to.equal('#top');
    expect(text(find(el, '.question'))).to.equal('Stop announcement emails to your address?');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unsubscribeCalls(fake)).to.have.length(0);
    expect(fake.unsubscribeTokens.get(token)!.used).to.be.false;
    await expect(el).to.be.accessible();

    button(el, 'Stop announcement emails').click();
    await waitUntil(() => find(el, '[part="done"]'), 'never done');
    expect(text(find(el, '[part="done"]'))).to.equal(
      'Done: we will not send announcement emails to your address any more. Signed in, you can turn them back on in your profile.',
    );
    expect(unsubscribeCalls(fake).map((c) => c.body)).to.deep.equal([{ token }]);
    expect(fake.unsubscribeTokens.get(token)!.used).to.be.true;
    expect(el.shadowRoot!.activeElement).to.equal(find(el, '[part="title"]'));
    await expect(el).to.be.accessible();
  });

  it('takes the token attribute', async () => {
    const token = fake.addUnsubscribeToken();
    const el = await mount(fake, html`<portal-unsubscribe token=${token}></portal-unsubscribe>`);
    button(el, 'Stop announcement emails').click();
    await waitUntil(() => find(el, '[part="done"]'), 'never done');
  });

  it('explains a used, expired or unknown link (LINK_INVALID)', async () => {
    const token = fake.addUnsubscribeToken();
    fake.unsubscribeTokens.get(token)!.used = true;
    const el = await mount(fake, html`<portal-unsubscribe token=${token}></portal-unsubscribe>`);
    button(el, 'Stop announcement emails').click();
    await waitUntil(() => find(el, '[part~="invalid"]'), 'never explained');
    expect(text(find(el, '[part~="invalid"]'))).to.equal(
      'This link is not valid any more. Use the link in the latest announcement email.',
    );
    expect(find(el, 'button')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('says the page needs the link when there is no token', async () => {
    const el = await mount(fake);
    expect(text(find(el, '[part~="invalid"]'))).to.equal(
      'This page needs the link from an announcement email. Open the link in the email again.',
    );
    expect(find(el, 'button')).to.be.null;
  });

  it('shows another failure and lets the person try again', async () => {
    const token = fake.addUnsubscribeToken();
    fake.answer('POST /api/v1/announcements/unsubscribe', () =>
      problem(429, 'RATE_LIMITED', 'Slow down.', undefined, { 'retry-after': '20' }),
    );
    const el = await mount(fake, html`<portal-unsubscribe token=${token}></portal-unsubscribe>`);
    button(el, 'Stop announcement emails').click();
    await waitUntil(() => text(find(el, '[role="alert"]')), 'no alert');
    expect(text(find(el, '[role="alert"]'))).to.equal('Too many attempts. Try again in 20 s.');
    expect(fake.unsubscribeTokens.get(token)!.used).to.be.false;
    await expect(el).to.be.accessible();
    button(el, 'Stop announcement emails').click();
    await waitUntil(() => find(el, '[part="done"]'), 'the retry never worked');
  });

  it('speaks Spanish', async () => {
    const token = fake.addUnsubscribeToken();
    const el = await mount(fake, html`<portal-unsubscribe token=${token}></portal-unsubscribe>`, {
      lang: 'es',
    });
    expect(text(find(el, '.question'))).to.equal('¿Dejar de enviar correos de anuncios a tu dirección?');
    expect(text($(el, 'button'))).to.equal('Dejar de recibir anuncios');
    await expect(el).to.be.accessible();
  });
});
