import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { FakePortal } from '../../../test/fake-portal.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import {
  mfaStep,
  passWithAppCode,
  passWithBackupCode,
  submitAfterTicketSpent,
} from '../../../test/two-step.js';
import type { PortalProvider } from '../provider/provider.js';
import type { PortalMagicLink } from './magic-link.js';
import '../../index.js';

const page = () => `${location.pathname}${location.search}`;
/** This page's absolute URL with `hash`, as the server sends `next`. */
const here = (hash: string) => `${location.origin}${page()}${hash}`;

/** Puts `#token=…` in the address bar, as opening the emailed link does. */
const openWithToken = (token: string) => history.replaceState(null, '', `${page()}#token=${token}`);

/** A magic-link page inside a provider, once it has previewed the link (or given up). */
async function magicLink(
  portal: FakePortal,
  content: TemplateResult = html`<portal-magic-link no-redirect></portal-magic-link>`,
  lang = 'en',
): Promise<PortalMagicLink> {
  const provider = await fixture<PortalProvider>(
    html`<portal-provider .client=${portal.client()} lang=${lang}>${content}</portal-provider>`,
  );
  const el = provider.querySelector('portal-magic-link')!;
  await waitUntil(
    () => el.shadowRoot?.querySelector('[part="title"], [part~="retry"], [part="intro"]'),
    'never settled',
  );
  await settled(el);
  return el;
}

const signIn = (el: PortalMagicLink) => $<HTMLButtonElement>(el, 'button[type="submit"]');

describe('<portal-magic-link>', () => {
  let portal: FakePortal;
  beforeEach(() => {
    portal = new FakePortal();
  });
  afterEach(() => history.replaceState(null, '', page()));

  it('takes the token out of the address bar and previews the link without spending it', async () => {
    const token = portal.addMagicLink('ada@example.com');
    history.replaceState(null, '', `${page()}#token=${token}&utm=mail`);
    const el = await magicLink(portal);
    expect(location.hash).to.equal('#utm=mail');
    expect(location.href).not.to.contain(token);
    expect($(el, '[part="title"]').textContent).to.equal('Sign in with your email link');
    expect($(el, '[part="intro"]').textContent?.trim()).to.equal(
      'Sign in to Northwind Hosting as a•••@example.com.',
    );
    expect($(el, '[part="expiry"]').textContent).to.match(/^The link works once, until \d{1,2}:\d{2}/);
    expect(portal.callsTo('/api/v1/auth/magic-link/preview')[0]?.body).to.deep.equal({ token });
    expect(portal.callsTo('/api/v1/auth/magic-link')).to.have.length(0);
    expect(portal.magicLinks.get(token)?.used).to.be.false;
    expect(el.shadowRoot!.querySelectorAll('button')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('spends the link once, with its one button, and fires portal-signed-in', async () => {
    openWithToken(portal.addMagicLink('ada@example.com'));
    const el = await magicLink(portal);
    const signedIn = oneEvent(el, 'portal-signed-in');
    signIn(el).click();
    signIn(el).click();
    const event = await signedIn;
    expect(event.detail.user.name).to.equal('Ada Lovelace');
    expect(event.cancelable && event.bubbles && event.composed).to.be.true;
    await settled(el);
    expect(portal.callsTo('/api/v1/auth/magic-link')).to.have.length(1);
    expect($(el, '[part~="signed-in"]').textContent).to.contain('Signed in as Ada Lovelace');
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'signed-in', 'focus not moved');
    await expect(el).to.be.accessible();
  });

  it('goes to the page the link was made for', async () => {
    openWithToken(portal.addMagicLink('ada@example.com', here('#invoices')));
    const el = await magicLink(portal, html`<portal-magic-link redirect="#elsewhere"></portal-magic-link>`);
    signIn(el).click();
    await waitUntil(() => location.hash === '#invoices', `went to ${location.href}`);
  });

  it('goes to redirect when the link has no destination, or one that is not a web address', async () => {
    openWithToken(portal.addMagicLink('ada@example.com', 'javascript:alert(1)'));
    const el = await magicLink(portal, html`<portal-magic-link redirect="#welcome"></portal-magic-link>`);
    signIn(el).click();
    await waitUntil(() => location.hash === '#welcome', `went to ${location.href}`);
  });

  it('stays on the page, signed in, when portal-signed-in is cancelled', async () => {
    openWithToken(portal.addMagicLink('ada@example.com', here('#invoices')));
    const el = await magicLink(portal, html`<portal-magic-link redirect="#welcome"></portal-magic-link>`);
    el.addEventListener('portal-signed-in', (event) => event.preventDefault(), { once: true });
    signIn(el).click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="signed-in"]'), 'not signed in');
    expect(location.hash).to.equal('');
  });

  it('explains a used, expired or unknown link and links to the sign-in page', async () => {
    const token = portal.addMagicLink('ada@example.com');
    portal.magicLinks.get(token)!.used = true;
    openWithToken(token);
    const el = await magicLink(
      portal,
      html`<portal-magic-link login-href="/sign-in" no-redirect></portal-magic-link>`,
    );
    expect($(el, '[part="title"]').textContent).to.equal('This link can no longer be used');
    expect($(el, '[part="intro"]').textContent).to.contain('expire after 10 minutes');
    expect($(el, 'a[part="link"]').getAttribute('href')).to.equal('/sign-in');
    expect(el.shadowRoot!.querySelector('button')).to.be.null;
    expect(alertText(el)).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('explains a link that was spent elsewhere after it was previewed', async () => {
    const token = portal.addMagicLink('ada@example.com');
    openWithToken(token);
    const el = await magicLink(portal);
    portal.magicLinks.get(token)!.used = true;
    signIn(el).click();
    await settled(el);
    expect($(el, '[part="title"]').textContent).to.equal('This link can no longer be used');
    await waitUntil(
      () => el.shadowRoot!.activeElement === $(el, '[part="title"]'),
      'focus not on the message',
    );
  });

  it('explains a disabled login', async () => {
    portal.addUser({ name: 'Grace', email: 'grace@example.com', password: 'x', disabled: true });
    openWithToken(portal.addMagicLink('grace@example.com'));
    const el = await magicLink(portal);
    signIn(el).click();
    await settled(el);
    expect($(el, '[part="title"]').textContent).to.equal('This login is disabled');
    expect($(el, '[part="intro"]').textContent).to.equal(
      'Contact Northwind Hosting if you think this is a mistake.',
    );
    await expect(el).to.be.accessible();
  });

  it('says the page needs the link when there is no token', async () => {
    const el = await magicLink(portal);
    expect($(el, '[part="intro"]').textContent).to.contain('needs the link from your email');
    expect(portal.callsTo('/api/v1/auth/magic-link/preview')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('offers to try again when the server cannot be reached', async () => {
    openWithToken(portal.addMagicLink('ada@example.com'));
    portal.answer('POST /api/v1/auth/magic-link/preview', () =>
      Promise.reject(new TypeError('Failed to fetch')),
    );
    const el = await magicLink(portal);
    expect(alertText(el)).to.equal('Could not reach the server. Check your connection and try again.');
    await expect(el).to.be.accessible();
    button(el, 'Try again').click();
    await waitUntil(() => el.shadowRoot!.querySelector('button[type="submit"]'), 'never previewed');
    expect(alertText(el)).to.equal('');
  });

  it('takes the token as a property, leaving the address bar alone', async () => {
    const token = portal.addMagicLink('ada@example.com');
    history.replaceState(null, '', `${page()}#keep`);
    const el = await magicLink(
      portal,
      html`<portal-magic-link .token=${token} no-redirect></portal-magic-link>`,
    );
    expect(location.hash).to.equal('#keep');
    expect(signIn(el)).to.exist;
  });

  it('speaks Spanish', async () => {
    openWithToken(portal.addMagicLink('ada@example.com'));
    const el = await magicLink(portal, undefined, 'es');
    expect($(el, '[part="intro"]').textContent?.trim()).to.equal(
      'Inicia sesión en Northwind Hosting como a•••@example.com.',
    );
    expect(signIn(el).textContent?.trim()).to.equal('Iniciar sesión');
  });

  it('standalone, works through its api attribute', async () => {
    const original = window.fetch;
    window.fetch = portal.fetch;
    try {
      openWithToken(portal.addMagicLink('ada@example.com'));
      const el = await fixture<PortalMagicLink>(
        html`<portal-magic-link api="http://magic.test" mode="token" no-redirect></portal-magic-link>`,
      );
      await waitUntil(() => el.shadowRoot!.querySelector('button[type="submit"]'), 'never previewed');
      signIn(el).click();
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="signed-in"]'), 'not signed in');
    } finally {
      window.fetch = original;
    }
  });

  describe('two-step verification', () => {
    beforeEach(() => {
      portal.enableTotp('ada@example.com');
    });

    it('asks for the app code after the link, refuses a wrong one, then signs in and goes where the link was for', async () => {
      openWithToken(portal.addMagicLink('ada@example.com', here('#invoices')));
      const el = await magicLink(portal, html`<portal-magic-link redirect="#elsewhere"></portal-magic-link>`);
      signIn(el).click();
      await settled(el);
      const session = await passWithAppCode(el, await mfaStep(el));
      expect(session.user.name).to.equal('Ada Lovelace');
      await waitUntil(() => location.hash === '#invoices', `went to ${location.href}`);
    });

    it('takes a backup code and stays with no-redirect', async () => {
      const [backup] = portal.users.get('ada@example.com')!.backupCodes!;
      openWithToken(portal.addMagicLink('ada@example.com'));
      const el = await magicLink(portal);
      signIn(el).click();
      await settled(el);
      await passWithBackupCode(el, await mfaStep(el), backup!);
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="signed-in"]'), 'not signed in');
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'signed-in', 'focus not moved');
      await expect(el).to.be.accessible();
    });

    it('sends to the sign-in page when the ticket is no longer valid (the link is spent)', async () => {
      openWithToken(portal.addMagicLink('ada@example.com'));
      const el = await magicLink(portal);
      signIn(el).click();
      await settled(el);
      await submitAfterTicketSpent(portal, el, await mfaStep(el));
      expect($(el, 'a[part="link"]').textContent).to.equal('Go to sign in');
      await expect(el).to.be.accessible();
    });
  });
});
