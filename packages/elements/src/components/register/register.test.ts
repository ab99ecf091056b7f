import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { FakePortal } from '../../../test/fake-portal.js';
import { $, alertText, button, inProvider, input, settled, submit, type } from '../../../test/helpers.js';
import {
  mfaStep,
  passWithAppCode,
  passWithBackupCode,
  submitAfterTicketSpent,
} from '../../../test/two-step.js';
import type { PortalRegister } from './register.js';

const register = (portal: FakePortal, markup = html`<portal-register></portal-register>`, lang?: string) =>
  inProvider<PortalRegister>(portal, markup, 'portal-register', lang ? { lang } : {});

const focusedName = (el: PortalRegister) => (el.shadowRoot!.activeElement as HTMLInputElement | null)?.name;

async function fillDetails(el: PortalRegister, password = 'a difference engine') {
  await type(el, 'name', 'Grace Hopper');
  await type(el, 'email', 'grace@example.com');
  await type(el, 'password', password);
}

describe('<portal-register>', () => {
  let portal: FakePortal;
  beforeEach(() => {
    portal = new FakePortal();
  });

  it('registers, asks for the emailed code, verifies it and signs in', async () => {
    const el = await register(portal);
    await expect(el).to.be.accessible();
    await fillDetails(el);
    await submit(el);
    await settled(el);
    expect(portal.callsTo('/api/v1/auth/register')[0]?.body).to.deep.equal({
      name: 'Grace Hopper',
      email: 'grace@example.com',
      password: 'a difference engine',
      locale: 'en',
    });

    const code = input(el, 'code');
    expect(code.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(code.getAttribute('inputmode')).to.equal('numeric');
    expect($(el, '[part="intro"]').textContent).to.contain('grace@example.com');
    await waitUntil(() => focusedName(el) === 'code', 'code input not focused');
    await expect(el).to.be.accessible();

    await type(el, 'code', '123456');
    const signedIn = oneEvent(el, 'portal-signed-in');
    await submit(el);
    const event = await signedIn;
    expect(event.detail.user.name).to.equal('Grace Hopper');
    expect(portal.callsTo('/api/v1/auth/verify-email')[0]?.body).to.deep.equal({
      email: 'grace@example.com',
      code: '123456',
    });
    await el.updateComplete;
    expect($(el, '[part~="signed-in"]').textContent).to.contain('Signed in as Grace Hopper');
    await expect(el).to.be.accessible();
  });

  it('shows and hides the password, and links the length hint', async () => {
    const el = await register(portal);
    const password = input(el, 'password');
    expect(password.type).to.equal('password');
    const hint = $(el, '#password-hint');
    expect(hint.textContent).to.equal('At least 8 characters.');
    expect(password.getAttribute('aria-describedby')).to.contain('password-hint');
    const toggle = $<HTMLButtonElement>(el, '[part="toggle"]');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(password.type).to.equal('text');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
  });

  it('checks the fields on the client first', async () => {
    const el = await register(portal);
    await type(el, 'password', 'short');
    await submit(el);
    expect($(el, '#name-error').textContent).to.equal('Enter your name.');
    expect($(el, '#email-error').textContent).to.equal('Enter your email address.');
    expect($(el, '#password-error').textContent).to.equal('Use at least 8 characters.');
    expect(portal.callsTo('/api/v1/auth/register')).to.have.length(0);
    await waitUntil(() => focusedName(el) === 'name');
    await expect(el).to.be.accessible();
  });

  it('shows PASSWORD_TOO_COMMON beside the password', async () => {
    const el = await register(portal);
    await fillDetails(el, 'password123');
    await submit(el);
    await settled(el);
    const password = input(el, 'password');
    expect(password.getAttribute('aria-invalid')).to.equal('true');
    expect(password.getAttribute('aria-describedby')).to.equal('password-error password-hint');
    expect($(el, '#password-error').textContent).to.equal('This password is too common. Choose another.');
    expect(alertText(el)).to.equal('');
    await waitUntil(() => focusedName(el) === 'password');
    await expect(el).to.be.accessible();
  });

  it('shows a wrong code in the alert', async () => {
    const el = await register(portal);
    await fillDetails(el);
    await submit(el);
    await settled(el);
    await type(el, 'code', '999999');
    await submit(el);
    await settled(el);
    expect(alertText(el)).to.equal('That code is not valid.');
    await type(el, 'code', '12');
    await submit(el);
    expect($(el, '#code-error').textContent).to.equal('Enter the 6-digit code.');
  });

  it('holds "Resend code" for 30 seconds by default', async () => {
    const el = await register(portal);
    await fillDetails(el);
    await submit(el);
    await settled(el);
    const resend = button(el, /^Resend code/);
    expect(resend.disabled).to.be.true;
    expect(resend.textContent?.trim()).to.equal('Resend code in 30 s');
  });

  it('resends the code after the cooldown and starts it again', async () => {
    const el = await register(portal, html`<portal-register resend-cooldown="1"></portal-register>`);
    await fillDetails(el);
    await submit(el);
    await settled(el);
    const resend = button(el, /^Resend code/);
    await waitUntil(() => !resend.disabled, 'resend never enabled', { timeout: 2500 });
    resend.click();
    await settled(el);
    expect(portal.callsTo('/api/v1/auth/verify-email/resend')[0]?.body).to.deep.equal({
      email: 'grace@example.com',
    });
    expect($(el, '[role="status"]').textContent).to.equal('We sent a new code to grace@example.com.');
    expect(button(el, /^Resend code/).disabled).to.be.true;
  });

  it('goes back with "Use another email", keeping what was typed', async () => {
    const el = await register(portal);
    await fillDetails(el);
    await submit(el);
    await settled(el);
    button(el, 'Use another email').click();
    await el.updateComplete;
    expect(input(el, 'name').value).to.equal('Grace Hopper');
    expect(input(el, 'email').value).to.equal('grace@example.com');
    await waitUntil(() => focusedName(el) === 'email');
  });

  it('speaks Spanish with lang="es" and registers with that locale', async () => {
    const el = await register(portal, html`<portal-register></portal-register>`, 'es');
    expect($(el, 'label[for="name"]').textContent).to.equal('Nombre completo');
    expect($(el, '[part="toggle"]').textContent?.trim()).to.equal('Mostrar contraseña');
    expect($(el, '#password-hint').textContent).to.equal('Al menos 8 caracteres.');
    await fillDetails(el);
    await submit(el);
    await settled(el);
    expect(portal.callsTo('/api/v1/auth/register')[0]?.body?.locale).to.equal('es');
    expect($(el, '[part="title"]').textContent).to.equal('Revisa tu correo');
    await expect(el).to.be.accessible();
  });

  it('is accessible in the dark theme', async () => {
    const el = await register(portal, html`<portal-register theme="dark"></portal-register>`);
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    await submit(el);
    await expect(el).to.be.accessible();
  });

  describe('two-step verification', () => {
    // Registering again with the email of a login that has it (a second account for the same person).
    beforeEach(() => {
      portal.addUser({ name: 'Grace Hopper', email: 'grace@example.com', password: 'a difference engine' });
      portal.enableTotp('grace@example.com');
    });

    const verify = async (el: PortalRegister) => {
      await fillDetails(el);
      await submit(el);
      await settled(el);
      await type(el, 'code', '123456');
      await submit(el);
      await settled(el);
      return mfaStep(el);
    };

    it('asks for the app code after the emailed one, refuses a wrong one, then signs in', async () => {
      const el = await register(portal);
      let fired = 0;
      el.addEventListener('portal-signed-in', () => fired++);
      const step = await verify(el);
      expect(fired).to.equal(0);
      const session = await passWithAppCode(el, step);
      expect(session.user.email).to.equal('grace@example.com');
      await el.updateComplete;
      expect($(el, '[part~="signed-in"]').textContent).to.contain('Signed in as Grace Hopper');
      await expect(el).to.be.accessible();
    });

    it('takes a backup code', async () => {
      const [backup] = portal.users.get('grace@example.com')!.backupCodes!;
      const el = await register(portal);
      await passWithBackupCode(el, await verify(el), backup!);
    });

    it('says the email is confirmed and leads to sign-in when the ticket is no longer valid', async () => {
      const el = await register(portal, html`<portal-register login-href="/login"></portal-register>`);
      await submitAfterTicketSpent(portal, el, await verify(el));
      expect($(el, '[part="title"]').textContent).to.equal('Your email is confirmed');
      expect($<HTMLAnchorElement>(el, 'a[part="link"]').getAttribute('href')).to.equal('/login');
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'confirmed-title', 'focus not moved');
      await expect(el).to.be.accessible();
    });
  });
});
