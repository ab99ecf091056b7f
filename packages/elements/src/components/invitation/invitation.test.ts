import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { FakePortal } from '../../../test/fake-portal.js';
import { $, alertText, input, settled, submit, type } from '../../../test/helpers.js';
import {
  mfaStep,
  passWithAppCode,
  passWithBackupCode,
  submitAfterTicketSpent,
} from '../../../test/two-step.js';
import type { PortalProvider } from '../provider/provider.js';
import type { PortalInvitation } from './invitation.js';
import '../../index.js';

const page = () => `${location.pathname}${location.search}`;
const openWithToken = (token: string) => history.replaceState(null, '', `${page()}#token=${token}`);

/** An invitation page inside a provider, once it has previewed the invitation (or given up). */
async function invitation(
  portal: FakePortal,
  content: TemplateResult = html`<portal-invitation no-redirect></portal-invitation>`,
  lang = 'en',
): Promise<PortalInvitation> {
  const provider = await fixture<PortalProvider>(
    html`<portal-provider .client=${portal.client()} lang=${lang}>${content}</portal-provider>`,
  );
  await waitUntil(() => provider.configState.status !== 'loading', 'configuration never loaded');
  const el = provider.querySelector('portal-invitation')!;
  await waitUntil(() => el.shadowRoot?.querySelector('[part="title"], [part~="retry"]'), 'never settled');
  await settled(el);
  return el;
}

const invite = (portal: FakePortal) =>
  portal.addInvitation({
    email: 'grace@example.com',
    name: 'Grace Hopper',
    accountName: 'Analytical Engines Ltd',
  });

describe('<portal-invitation>', () => {
  let portal: FakePortal;
  beforeEach(() => {
    portal = new FakePortal();
  });
  afterEach(() => history.replaceState(null, '', page()));

  it('takes the token out of the address bar, says who invites whom, and prefills the name', async () => {
    const token = invite(portal);
    openWithToken(token);
    const el = await invitation(portal);
    expect(location.href).not.to.contain(token);
    expect($(el, '[part="title"]').textContent).to.equal('Accept your invitation');
    expect($(el, '[part="intro"]').textContent?.trim()).to.equal(
      "Northwind Hosting invites you to Analytical Engines Ltd's portal as grace@example.com.",
    );
    expect($(el, '[part="expiry"]').textContent).to.match(/^The invitation is valid until /);
    expect(input(el, 'name').value).to.equal('Grace Hopper');
    expect(input(el, 'password').autocomplete).to.equal('new-password');
    expect(input(el, 'username').value).to.equal('grace@example.com');
    expect(portal.invitations.get(token)?.used).to.be.false;
    expect(el.shadowRoot!.querySelector('[part="terms"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('checks the password length, then shows the server’s password error beside the field', async () => {
    openWithToken(invite(portal));
    const el = await invitation(portal);
    await type(el, 'password', 'short');
    await submit(el);
    expect($(el, '#password-error').textContent).to.equal('Use at least 8 characters.');
    expect(portal.callsTo('/api/v1/invitations/accept')).to.have.length(0);

    await type(el, 'password', 'password123');
    await submit(el);
    await settled(el);
    const password = input(el, 'password');
    expect(password.getAttribute('aria-invalid')).to.equal('true');
    expect(password.getAttribute('aria-describedby')).to.contain('password-error');
    expect($(el, '#password-error').textContent).to.equal('This password is too common. Choose another.');
    expect(alertText(el)).to.equal('');
    await waitUntil(() => el.shadowRoot!.activeElement === password, 'password not focused');
    await expect(el).to.be.accessible();
  });

  it('shows and hides the password', async () => {
    openWithToken(invite(portal));
    const el = await invitation(portal);
    const toggle = $<HTMLButtonElement>(el, '[part="toggle"]');
    expect(input(el, 'password').type).to.equal('password');
    toggle.click();
    await el.updateComplete;
    expect(input(el, 'password').type).to.equal('text');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
  });

  it('accepts, signs in with the name given, and fires portal-signed-in', async () => {
    const token = invite(portal);
    openWithToken(token);
    const el = await invitation(portal);
    await type(el, 'name', 'Grace B. Hopper');
    await type(el, 'password', 'a compiler in 1952');
    const signedIn = oneEvent(el, 'portal-signed-in');
    await submit(el);
    const event = await signedIn;
    expect(event.detail.user.name).to.equal('Grace B. Hopper');
    expect(event.cancelable).to.be.true;
    expect(portal.callsTo('/api/v1/invitations/accept')[0]?.body).to.deep.equal({
      token,
      password: 'a compiler in 1952',
      name: 'Grace B. Hopper',
    });
    await settled(el);
    expect($(el, '[part~="signed-in"]').textContent).to.contain('Signed in as Grace B. Hopper');
    await expect(el).to.be.accessible();
  });

  it('then goes to the portal, or to redirect', async () => {
    portal.config.portalUrl = `${location.origin}${page()}#portal`;
    openWithToken(invite(portal));
    let el = await invitation(portal, html`<portal-invitation></portal-invitation>`);
    await type(el, 'password', 'a compiler in 1952');
    await submit(el);
    await waitUntil(() => location.hash === '#portal', `went to ${location.href}`);

    history.replaceState(null, '', page());
    openWithToken(invite(portal));
    el = await invitation(portal, html`<portal-invitation redirect="#welcome"></portal-invitation>`);
    await type(el, 'password', 'a compiler in 1952');
    await submit(el);
    await waitUntil(() => location.hash === '#welcome', `went to ${location.href}`);
  });

  it('links the Terms of Service when the portal has them', async () => {
    portal.config.termsUrl = 'https://example.com/terms';
    openWithToken(invite(portal));
    const el = await invitation(portal);
    const terms = $(el, '[part="terms"]');
    expect(terms.textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      'By accepting, you agree to the Terms of Service.',
    );
    expect(terms.querySelector('a')?.getAttribute('href')).to.equal('https://example.com/terms');
    await expect(el).to.be.accessible();
  });

  it('explains a used, expired or unknown invitation', async () => {
    const token = invite(portal);
    portal.invitations.get(token)!.used = true;
    openWithToken(token);
    const el = await invitation(portal);
    expect($(el, '[part="title"]').textContent).to.equal('This link can no longer be used');
    expect($(el, '[part="intro"]').textContent).to.contain('expire after 7 days');
    expect($(el, 'a[part="link"]').getAttribute('href')).to.equal('/login');
    await expect(el).to.be.accessible();
  });

  it('explains a disabled login', async () => {
    portal.addUser({ name: 'Grace', email: 'grace@example.com', password: 'x', disabled: true });
    openWithToken(invite(portal));
    const el = await invitation(portal);
    await type(el, 'password', 'a compiler in 1952');
    await submit(el);
    await settled(el);
    expect($(el, '[part="title"]').textContent).to.equal('This login is disabled');
  });

  it('speaks Spanish', async () => {
    portal.config.termsUrl = 'https://example.com/terms';
    openWithToken(invite(portal));
    const el = await invitation(portal, undefined, 'es');
    expect($(el, '[part="intro"]').textContent?.trim()).to.equal(
      'Northwind Hosting te invita al portal de Analytical Engines Ltd como grace@example.com.',
    );
    expect($(el, 'label[for="password"]').textContent).to.equal('Elige una contraseña');
    expect($(el, '[part="terms"]').textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      'Al aceptar, aceptas los Términos del servicio.',
    );
    await submit(el);
    expect($(el, '#password-error').textContent).to.equal('Usa al menos 8 caracteres.');
  });

  describe('two-step verification', () => {
    // Invited to another account by a login that has it.
    beforeEach(() => {
      portal.addUser({ name: 'Grace Hopper', email: 'grace@example.com', password: 'old password' });
      portal.enableTotp('grace@example.com');
    });

    const accept = async (el: PortalInvitation) => {
      await type(el, 'password', 'a compiler in 1952');
      await submit(el);
      await settled(el);
      return mfaStep(el);
    };

    it('asks for the app code after accepting, refuses a wrong one, then signs in and goes on', async () => {
      portal.config.portalUrl = `${location.origin}${page()}#portal`;
      openWithToken(invite(portal));
      const el = await invitation(portal, html`<portal-invitation></portal-invitation>`);
      const session = await passWithAppCode(el, await accept(el));
      expect(session.user.email).to.equal('grace@example.com');
      await waitUntil(() => location.hash === '#portal', `went to ${location.href}`);
    });

    it('takes a backup code', async () => {
      const [backup] = portal.users.get('grace@example.com')!.backupCodes!;
      openWithToken(invite(portal));
      const el = await invitation(portal);
      await passWithBackupCode(el, await accept(el), backup!);
      await settled(el);
      expect($(el, '[part~="signed-in"]').textContent).to.contain('Signed in as Grace Hopper');
    });

    it('sends to the sign-in page when the ticket is no longer valid (the invitation is spent)', async () => {
      openWithToken(invite(portal));
      const el = await invitation(
        portal,
        html`<portal-invitation login-href="/sign-in" no-redirect></portal-invitation>`,
      );
      await submitAfterTicketSpent(portal, el, await accept(el));
      expect($(el, 'a[part="link"]').getAttribute('href')).to.equal('/sign-in');
      await waitUntil(() => el.shadowRoot!.activeElement === $(el, 'a[part="link"]'), 'link not focused');
      await expect(el).to.be.accessible();
    });
  });
});
