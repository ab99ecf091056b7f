import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FakePortal, problem } from '../../../test/fake-portal.js';
import { $, alertText, button, inProvider, input, settled, submit, type } from '../../../test/helpers.js';
import type { PortalLogin } from './login.js';

const login = (portal: FakePortal, options: { signedInAs?: string; lang?: string } = {}) =>
  inProvider<PortalLogin>(portal, html`<portal-login></portal-login>`, 'portal-login', options);

const focusedName = (el: PortalLogin) => (el.shadowRoot!.activeElement as HTMLInputElement | null)?.name;

describe('<portal-login>', () => {
  let portal: FakePortal;
  beforeEach(() => {
    portal = new FakePortal();
  });

  describe('password sign-in', () => {
    it('signs in, fires portal-signed-in with the session and says who is signed in', async () => {
      const el = await login(portal);
      await type(el, 'email', 'ada@example.com');
      await type(el, 'password', 'analytical engine');
      const signedIn = oneEvent(el, 'portal-signed-in');
      await submit(el);
      const event = await signedIn;
      expect(event.detail.user.name).to.equal('Ada Lovelace');
      expect(event.bubbles && event.composed).to.be.true;
      await el.updateComplete;
      expect($(el, '[part~="signed-in"]').textContent).to.contain('Signed in as Ada Lovelace');
      expect(portal.callsTo('/api/v1/auth/login')[0]?.body).to.deep.equal({
        email: 'ada@example.com',
        password: 'analytical engine',
      });
    });

    it('shows the server detail in the alert on a wrong password and fires portal-error', async () => {
      const el = await login(portal);
      await type(el, 'email', 'ada@example.com');
      await type(el, 'password', 'wrong');
      const failed = oneEvent(el, 'portal-error');
      await submit(el);
      const event = await failed;
      await settled(el);
      expect(event.detail.action).to.equal('login');
      expect(alertText(el)).to.equal('Email or password is incorrect.');
      expect(input(el, 'password').getAttribute('aria-invalid')).to.equal('false');
      await expect(el).to.be.accessible();
    });

    it('disables the button and marks the form busy while the request is in flight', async () => {
      let answer: ((response: Response) => void) | undefined;
      portal.answer('POST /api/v1/auth/login', () => new Promise((resolve) => (answer = resolve)));
      const el = await login(portal);
      await type(el, 'email', 'ada@example.com');
      await type(el, 'password', 'analytical engine');
      await submit(el);
      await waitUntil(() => answer, 'request never sent');
      const submitButton = $<HTMLButtonElement>(el, 'button[type="submit"]');
      expect(submitButton.disabled).to.be.true;
      expect($(el, 'form').getAttribute('aria-busy')).to.equal('true');
      expect(submitButton.querySelector('.spinner')).to.exist;
      answer?.(problem(401, 'INVALID_CREDENTIALS', 'Email or password is incorrect.'));
      await settled(el);
      expect(submitButton.disabled).to.be.false;
      expect($(el, 'form').getAttribute('aria-busy')).to.equal('false');
    });

    it('shows a server validation error beside its field, with aria-invalid and aria-describedby', async () => {
      portal.answer('POST /api/v1/auth/login', () =>
        problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
          { path: 'email', message: 'Enter a valid email address' },
        ]),
      );
      const el = await login(portal);
      await type(el, 'email', 'ada@example');
      await type(el, 'password', 'analytical engine');
      await submit(el);
      await settled(el);
      const email = input(el, 'email');
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      const error = $(el, `#${email.getAttribute('aria-describedby')}`);
      expect(error.textContent).to.equal('Enter a valid email address');
      expect(error.getAttribute('part')).to.contain('error');
      expect(alertText(el)).to.equal('');
      expect(focusedName(el)).to.equal('email');
      await expect(el).to.be.accessible();
    });

    it('checks required fields on the client without calling the server', async () => {
      const el = await login(portal);
      await submit(el);
      expect(input(el, 'email').getAttribute('aria-invalid')).to.equal('true');
      expect($(el, '#email-error').textContent).to.equal('Enter your email address.');
      expect($(el, '#password-error').textContent).to.equal('Enter your password.');
      expect(portal.callsTo('/api/v1/auth/login')).to.have.length(0);
      await type(el, 'email', 'ada@example.com');
      expect(input(el, 'email').getAttribute('aria-invalid')).to.equal('false');
    });

    it('shows the retry-after seconds on 429', async () => {
      portal.answer('POST /api/v1/auth/login', () =>
        problem(429, 'RATE_LIMITED', 'Too many requests.', undefined, { 'retry-after': '42' }),
      );
      const el = await login(portal);
      await type(el, 'email', 'ada@example.com');
      await type(el, 'password', 'analytical engine');
      await submit(el);
      await settled(el);
      expect(alertText(el)).to.equal('Too many attempts. Try again in 42 s.');
    });

    it('signs in when the server was busy once (the SDK retries after Retry-After)', async () => {
      const busy = () => problem(429, 'SERVER_BUSY', 'Busy.', undefined, { 'retry-after': '0' });
      portal.answer('POST /api/v1/auth/login', busy);
      const el = await login(portal);
      await type(el, 'email', 'ada@example.com');
      await type(el, 'password', 'analytical engine');
      const signedIn = oneEvent(el, 'portal-signed-in');
      await submit(el);
      await signedIn;
      expect(portal.callsTo('/api/v1/auth/login')).to.have.length(2);
      expect(alertText(el)).to.equal('');
    });

    it('says the server is busy, not that the person tried too often, when it stays busy', async () => {
      const busy = () => problem(429, 'SERVER_BUSY', 'Busy.', undefined, { 'retry-after': '0' });
      portal.answer('POST /api/v1/auth/login', busy, 2);
      const el = await login(portal);
      await type(el, 'email', 'ada@example.com');
      await type(el, 'password', 'analytical engine');
      await submit(el);
      await settled(el);
      expect(alertText(el)).to.equal('The server is busy. Try again in a moment.');
    });

    it('works from the keyboard alone', async () => {
      const el = await login(portal);
      input(el, 'email').focus();
      await sendKeys({ type: 'ada@example.com' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'analytical engine' });
      const signedIn = oneEvent(el, 'portal-signed-in');
      await sendKeys({ press: 'Enter' });
      await signedIn;
      await el.updateComplete;
      // Focus moves to the message that replaced the form.
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'signed-in', 'focus not moved');
    });

    it('says so when the server cannot be reached', async () => {
      portal.answer('POST /api/v1/auth/login', () => Promise.reject(new TypeError('Failed to fetch')));
      const el = await login(portal);
      await type(el, 'email', 'ada@example.com');
      await type(el, 'password', 'analytical engine');
      await submit(el);
      await settled(el);
      expect(alertText(el)).to.equal('Could not reach the server. Check your connection and try again.');
    });

    it('offers the form when the session could not be loaded', async () => {
      portal.answer('GET /api/v1/auth/session', () => problem(500, 'INTERNAL', 'Something broke.'));
      const el = await login(portal);
      expect(input(el, 'email')).to.exist;
    });

    it('is accessible in the dark theme', async () => {
      const el = await inProvider<PortalLogin>(
        portal,
        html`<portal-login theme="dark"></portal-login>`,
        'portal-login',
      );
      await submit(el);
      await expect(el).to.be.accessible();
    });

    it('is accessible', async () => {
      const el = await login(portal);
      await expect(el).to.be.accessible();
      for (const name of ['email', 'password']) {
        const label = $(el, `label[for="${name}"]`);
        expect(label.textContent?.trim()).to.not.equal('');
      }
    });
  });

  describe('emailed code', () => {
    it('requests a code, moves focus to the code input, and signs in with it', async () => {
      const el = await login(portal);
      button(el, 'Email me a sign-in code').click();
      await el.updateComplete;
      expect(focusedName(el)).to.equal('email');
      await expect(el).to.be.accessible();
      await type(el, 'email', 'ada@example.com');
      await submit(el);
      await settled(el);
      expect(portal.callsTo('/api/v1/auth/login-code/request')[0]?.body).to.deep.equal({
        email: 'ada@example.com',
      });
      const code = input(el, 'code');
      expect(code.autocomplete).to.equal('one-time-code');
      expect(code.inputMode).to.equal('numeric');
      expect($(el, '[part="intro"]').textContent).to.contain('ada@example.com');
      await waitUntil(() => focusedName(el) === 'code', 'code input not focused');
      await expect(el).to.be.accessible();

      await type(el, 'code', '123 456');
      const signedIn = oneEvent(el, 'portal-signed-in');
      await submit(el);
      expect((await signedIn).detail.user.email).to.equal('ada@example.com');
      expect(portal.callsTo('/api/v1/auth/login-code')[0]?.body).to.deep.equal({
        email: 'ada@example.com',
        code: '123456',
      });
    });

    it('shows the server detail for a wrong code', async () => {
      const el = await login(portal);
      button(el, 'Email me a sign-in code').click();
      await type(el, 'email', 'ada@example.com');
      await submit(el);
      await settled(el);
      await type(el, 'code', '000000');
      await submit(el);
      await settled(el);
      expect(alertText(el)).to.equal('That code is not valid.');
      await expect(el).to.be.accessible();
    });

    it('holds "Resend code" for the cooldown, then resends', async () => {
      const el = await inProvider<PortalLogin>(
        portal,
        html`<portal-login resend-cooldown="1"></portal-login>`,
        'portal-login',
      );
      button(el, 'Email me a sign-in code').click();
      await type(el, 'email', 'ada@example.com');
      await submit(el);
      await settled(el);
      const resend = button(el, /^Resend code/);
      expect(resend.disabled).to.be.true;
      expect(resend.textContent?.trim()).to.equal('Resend code in 1 s');
      await waitUntil(() => !resend.disabled, 'resend never enabled', { timeout: 2500 });
      expect(resend.textContent?.trim()).to.equal('Resend code');
      resend.click();
      await settled(el);
      expect(portal.callsTo('/api/v1/auth/login-code/request')).to.have.length(2);
      expect($(el, '[role="status"]').textContent).to.contain('We sent a new code to ada@example.com');
      expect(button(el, /^Resend code/).disabled).to.be.true;
    });

    it('goes back to the email step with "Use another email"', async () => {
      const el = await login(portal);
      button(el, 'Email me a sign-in code').click();
      await type(el, 'email', 'ada@example.com');
      await submit(el);
      await settled(el);
      button(el, 'Use another email').click();
      await el.updateComplete;
      expect(input(el, 'email').value).to.equal('ada@example.com');
      await waitUntil(() => focusedName(el) === 'email');
    });
  });

  describe('forgot password', () => {
    it('requests a reset code, then sets a new password and signs in', async () => {
      const el = await login(portal);
      button(el, 'Forgot password?').click();
      await el.updateComplete;
      expect($(el, '[part="title"]').textContent).to.equal('Reset your password');
      await type(el, 'email', 'ada@example.com');
      await submit(el);
      await settled(el);
      expect(portal.callsTo('/api/v1/auth/password-reset/request')).to.have.length(1);
      await waitUntil(() => focusedName(el) === 'code');
      await expect(el).to.be.accessible();

      await type(el, 'code', '123456');
      await type(el, 'password', 'short');
      await submit(el);
      expect($(el, '#password-error').textContent).to.equal('Use at least 8 characters.');

      await type(el, 'password', 'password123');
      await submit(el);
      await settled(el);
      expect($(el, '#password-error').textContent).to.equal('This password is too common. Choose another.');
      expect(input(el, 'password').getAttribute('aria-describedby')).to.contain('password-error');

      await type(el, 'password', 'a new engine 2');
      const signedIn = oneEvent(el, 'portal-signed-in');
      await submit(el);
      expect((await signedIn).detail.user.name).to.equal('Ada Lovelace');
      expect(portal.users.get('ada@example.com')?.password).to.equal('a new engine 2');
      await el.updateComplete;
      expect($(el, '[part~="signed-in"]').textContent).to.contain('Signed in as Ada Lovelace');
    });
  });

  describe('signed in', () => {
    it('says who is signed in and signs out', async () => {
      const el = await login(portal, { signedInAs: 'ada@example.com' });
      expect($(el, '[part~="signed-in"]').textContent).to.contain('Signed in as Ada Lovelace');
      await expect(el).to.be.accessible();
      const signedOut = oneEvent(el, 'portal-signed-out');
      button(el, 'Sign out').click();
      await signedOut;
      expect(portal.callsTo('/api/v1/auth/logout')).to.have.length(1);
      await el.updateComplete;
      expect(input(el, 'email')).to.exist;
    });
  });

  describe('languages', () => {
    it('uses its own lang', async () => {
      const el = await inProvider<PortalLogin>(
        portal,
        html`<portal-login lang="es"></portal-login>`,
        'portal-login',
      );
      expect($(el, 'label[for="email"]').textContent).to.equal('Correo electrónico');
      expect($(el, 'button[type="submit"]').textContent?.trim()).to.equal('Iniciar sesión');
      await submit(el);
      expect($(el, '#email-error').textContent).to.equal('Escribe tu correo electrónico.');
      await expect(el).to.be.accessible();
    });

    it("uses the provider's lang, and shows server messages as sent", async () => {
      const el = await login(portal, { lang: 'es-MX' });
      expect($(el, 'label[for="password"]').textContent).to.equal('Contraseña');
      await type(el, 'email', 'ada@example.com');
      await type(el, 'password', 'wrong');
      await submit(el);
      await settled(el);
      expect(alertText(el)).to.equal('Email or password is incorrect.');
    });

    it("falls back to the page's lang, then English", async () => {
      document.documentElement.lang = 'es';
      try {
        const el = await fixture<PortalLogin>(html`<portal-login></portal-login>`);
        expect($(el, 'label[for="email"]').textContent).to.equal('Correo electrónico');
        document.documentElement.lang = 'fr';
        el.requestUpdate();
        await el.updateComplete;
        expect($(el, 'label[for="email"]').textContent).to.equal('Email');
        // The text is English, and says so, though the page is French.
        expect($(el, '[part="base"]').lang).to.equal('en');
      } finally {
        document.documentElement.lang = 'en';
      }
    });
  });

  describe('standalone', () => {
    it('makes its own client from the api attribute', async () => {
      const original = window.fetch;
      window.fetch = portal.fetch;
      try {
        const el = await fixture<PortalLogin>(
          html`<portal-login api="http://standalone.test" mode="token"></portal-login>`,
        );
        await waitUntil(() => el.sessionState.status === 'signed-out', 'session never loaded');
        expect(el.client?.baseUrl).to.equal('http://standalone.test');
        await el.updateComplete;
        await type(el, 'email', 'ada@example.com');
        await type(el, 'password', 'analytical engine');
        const signedIn = oneEvent(el, 'portal-signed-in');
        await submit(el);
        await signedIn;
        expect(portal.callsTo('/api/v1/auth/login')).to.have.length(1);
        await el.updateComplete;
        expect($(el, '[part~="signed-in"]').textContent).to.contain('Ada Lovelace');
      } finally {
        window.fetch = original;
      }
    });

    it('says it is not connected when it has neither provider nor api', async () => {
      const el = await fixture<PortalLogin>(html`<portal-login></portal-login>`);
      await type(el, 'email', 'ada@example.com');
      await type(el, 'password', 'analytical engine');
      await submit(el);
      await aTimeout(0);
      expect(alertText(el)).to.contain('not connected');
    });
  });
});
