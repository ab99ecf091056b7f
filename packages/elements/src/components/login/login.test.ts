import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FakePortal, problem } from '../../../test/fake-portal.js';
import { $, alertText, button, inProvider, input, settled, submit, type } from '../../../test/helpers.js';
import { focusedInStep, mfaStep } from '../../../test/two-step.js';
import { addVirtualAuthenticator, enrolPasskey } from '../../../test/virtual-authenticator.js';
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

    it('runs the two-step verification with its own client', async () => {
      portal.enableTotp('ada@example.com');
      const original = window.fetch;
      window.fetch = portal.fetch;
      try {
        const el = await fixture<PortalLogin>(
          html`<portal-login api="http://standalone-mfa.test" mode="token"></portal-login>`,
        );
        await waitUntil(() => el.sessionState.status === 'signed-out', 'session never loaded');
        await el.updateComplete;
        await type(el, 'email', 'ada@example.com');
        await type(el, 'password', 'analytical engine');
        await submit(el);
        const step = await mfaStep(el);
        expect(step.client).to.equal(el.client);
        await type(step, 'code', '246810');
        const signedIn = oneEvent(el, 'portal-signed-in');
        await submit(step);
        await signedIn;
        await waitUntil(() => el.shadowRoot!.querySelector('[part~="signed-in"]'), 'not signed in');
        expect(portal.callsTo('/api/v1/auth/session')).to.have.length(1);
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

  describe('two-step verification', () => {
    beforeEach(() => {
      portal.enableTotp('ada@example.com');
    });

    const signInWithPassword = async (el: PortalLogin) => {
      await type(el, 'email', 'ada@example.com');
      await type(el, 'password', 'analytical engine');
      await submit(el);
      await settled(el);
      return mfaStep(el);
    };

    it('asks for the app code after the password, refuses a wrong one, then signs in', async () => {
      const el = await login(portal);
      const signedIn = oneEvent(el, 'portal-signed-in');
      let fired = 0;
      el.addEventListener('portal-signed-in', () => fired++);
      const step = await signInWithPassword(el);
      expect(fired).to.equal(0);
      expect($(step, '[part="title"]').textContent).to.equal('Two-step verification');
      const code = input(step, 'code');
      expect(code.autocomplete).to.equal('one-time-code');
      expect(code.inputMode).to.equal('numeric');
      expect($(step, 'label[for="code"]').textContent).to.equal('Code from your app');
      expect($(step, '[part="expiry"]').textContent).to.match(/^This step works until /);
      await waitUntil(() => focusedInStep(step) === 'code', 'code input not focused');
      await expect(el).to.be.accessible();

      const failed = oneEvent(el, 'portal-error');
      await type(step, 'code', '000000');
      await submit(step);
      expect((await failed).detail.action).to.equal('completeMfa');
      await settled(step);
      expect($(step, '#code-error').textContent).to.equal('That code is not right. 4 tries left.');
      expect(input(step, 'code').getAttribute('aria-invalid')).to.equal('true');
      expect(input(step, 'code').value).to.equal('');
      await expect(el).to.be.accessible();

      await type(step, 'code', '246 810');
      await submit(step);
      expect((await signedIn).detail.user.name).to.equal('Ada Lovelace');
      const [first, second] = portal.callsTo('/api/v1/auth/mfa');
      expect(first?.body?.ticket).to.match(/^mfa_/);
      expect(second?.body).to.deep.equal({ ticket: first?.body?.ticket, code: '246810' });
      await el.updateComplete;
      expect($(el, '[part~="signed-in"]').textContent).to.contain('Signed in as Ada Lovelace');
      expect(el.shadowRoot!.querySelector('portal-mfa-step')).to.be.null;
    });

    it('takes a backup code instead, with dashes and capitals', async () => {
      const [backup] = portal.users.get('ada@example.com')!.backupCodes!;
      const el = await login(portal);
      const step = await signInWithPassword(el);
      button(step, 'Use a backup code').click();
      await step.updateComplete;
      const code = input(step, 'code');
      expect($(step, 'label[for="code"]').textContent).to.equal('Backup code');
      expect(code.inputMode).to.equal('text');
      expect(code.autocomplete).to.equal('off');
      await waitUntil(() => focusedInStep(step) === 'code', 'code input not focused');
      await expect(el).to.be.accessible();

      await type(step, 'code', '123456');
      await submit(step);
      expect($(step, '#code-error').textContent).to.equal('Enter a backup code: 16 letters and digits.');
      expect(portal.callsTo('/api/v1/auth/mfa')).to.have.length(0);

      const typed = backup!.toUpperCase().replace(/(.{4})(?!$)/g, '$1-');
      await type(step, 'code', typed);
      const signedIn = oneEvent(el, 'portal-signed-in');
      await submit(step);
      await signedIn;
      expect(portal.callsTo('/api/v1/auth/mfa')[0]?.body?.code).to.equal(backup);
      expect(portal.users.get('ada@example.com')!.backupCodes).not.to.include(backup);
    });

    it('switches back to the app code', async () => {
      const el = await login(portal);
      const step = await signInWithPassword(el);
      button(step, 'Use a backup code').click();
      await step.updateComplete;
      button(step, 'Use your authenticator app').click();
      await step.updateComplete;
      expect(input(step, 'code').inputMode).to.equal('numeric');
    });

    it('checks the code on the client first', async () => {
      const el = await login(portal);
      const step = await signInWithPassword(el);
      await submit(step);
      expect($(step, '#code-error').textContent).to.equal('Enter the 6-digit code.');
      expect(portal.callsTo('/api/v1/auth/mfa')).to.have.length(0);
    });

    it('starts over from the password when the ticket is no longer valid', async () => {
      const el = await login(portal);
      const step = await signInWithPassword(el);
      portal.answer('POST /api/v1/auth/mfa', () =>
        problem(400, 'TICKET_INVALID', 'This sign-in has expired or was already used. Sign in again.'),
      );
      await type(step, 'code', '246810');
      await submit(step);
      await waitUntil(() => !el.shadowRoot!.querySelector('portal-mfa-step'), 'step still shown');
      expect($(el, '[part="title"]').textContent).to.equal('Sign in');
      expect(alertText(el)).to.equal('This sign-in has expired or was already used. Sign in again.');
      expect(input(el, 'email').value).to.equal('ada@example.com');
      expect(input(el, 'password').value).to.equal('');
      await waitUntil(() => focusedName(el) === 'password', 'password not focused');
      await expect(el).to.be.accessible();
    });

    it('starts over after the fifth wrong code', async () => {
      const el = await login(portal);
      const step = await signInWithPassword(el);
      for (let i = 0; i < 5; i++) {
        await type(step, 'code', '000000');
        await submit(step);
        await settled(step);
      }
      await waitUntil(() => !el.shadowRoot!.querySelector('portal-mfa-step'), 'step still shown');
      expect(alertText(el)).to.equal('Too many wrong codes. Sign in again to get a new chance.');
      await waitUntil(() => focusedName(el) === 'password', 'password not focused');
    });

    it('starts over by itself when the ticket expires, without sending a code', async () => {
      portal.mfaTicketSeconds = 1;
      const el = await login(portal);
      await signInWithPassword(el);
      await waitUntil(() => !el.shadowRoot!.querySelector('portal-mfa-step'), 'step never expired', {
        timeout: 2500,
      });
      expect(alertText(el)).to.equal('This sign-in took too long. Start again.');
      expect(portal.callsTo('/api/v1/auth/mfa')).to.have.length(0);
    });

    it('says how long to wait after too many attempts, and keeps the step', async () => {
      const el = await login(portal);
      const step = await signInWithPassword(el);
      portal.answer('POST /api/v1/auth/mfa', () =>
        problem(429, 'TOO_MANY_ATTEMPTS', 'Too many failed attempts.', undefined, { 'retry-after': '30' }),
      );
      await type(step, 'code', '246810');
      await submit(step);
      await settled(step);
      expect(alertText(step)).to.equal('Too many attempts. Try again in 30 s.');
      portal.answer('POST /api/v1/auth/mfa', () =>
        problem(429, 'RATE_LIMITED', 'Too many requests.', undefined, { 'retry-after': '12' }),
      );
      await type(step, 'code', '246810');
      await submit(step);
      await settled(step);
      expect(alertText(step)).to.equal('Too many attempts. Try again in 12 s.');
      expect(el.shadowRoot!.querySelector('portal-mfa-step')).to.equal(step);
    });

    it('asks for it after an emailed code too, and "Start over" goes back to the email step', async () => {
      const el = await login(portal);
      button(el, 'Email me a sign-in code').click();
      await type(el, 'email', 'ada@example.com');
      await submit(el);
      await settled(el);
      await type(el, 'code', '123456');
      await submit(el);
      await settled(el);
      let step = await mfaStep(el);
      button(step, 'Start over').click();
      await el.updateComplete;
      expect($(el, '[part="title"]').textContent).to.equal('Sign in with an emailed code');
      expect(alertText(el)).to.equal('');

      await submit(el);
      await settled(el);
      await type(el, 'code', '123456');
      await submit(el);
      await settled(el);
      step = await mfaStep(el);
      await type(step, 'code', '246810');
      const signedIn = oneEvent(el, 'portal-signed-in');
      await submit(step);
      expect((await signedIn).detail.user.email).to.equal('ada@example.com');
    });

    it('asks for it after a password reset', async () => {
      const el = await login(portal);
      button(el, 'Forgot password?').click();
      await type(el, 'email', 'ada@example.com');
      await submit(el);
      await settled(el);
      await type(el, 'code', '123456');
      await type(el, 'password', 'a new engine 2');
      await submit(el);
      await settled(el);
      const step = await mfaStep(el);
      await type(step, 'code', '246810');
      const signedIn = oneEvent(el, 'portal-signed-in');
      await submit(step);
      await signedIn;
      expect(portal.users.get('ada@example.com')?.password).to.equal('a new engine 2');
    });

    it('speaks Spanish', async () => {
      const el = await login(portal, { lang: 'es' });
      const step = await signInWithPassword(el);
      expect($(step, '[part="title"]').textContent).to.equal('Verificación en dos pasos');
      expect($(step, 'label[for="code"]').textContent).to.equal('Código de tu aplicación');
      expect(button(step, 'Usar un código de respaldo')).to.exist;
    });
  });

  describe('passkeys', () => {
    let removeAuthenticator: () => Promise<void>;
    beforeEach(async () => {
      removeAuthenticator = await addVirtualAuthenticator();
    });
    afterEach(() => removeAuthenticator());

    it('signs in with a passkey', async () => {
      await enrolPasskey(portal.client('ada@example.com'));
      const el = await login(portal);
      await expect(el).to.be.accessible();
      const signedIn = oneEvent(el, 'portal-signed-in');
      button(el, 'Sign in with a passkey').click();
      expect((await signedIn).detail.user.name).to.equal('Ada Lovelace');
      expect(portal.callsTo('/api/v1/auth/passkey/options')).to.have.length(1);
      const [call] = portal.callsTo('/api/v1/auth/passkey');
      expect(call?.body?.challengeId).to.match(/^wch_/);
      await el.updateComplete;
      expect($(el, '[part~="signed-in"]').textContent).to.contain('Ada Lovelace');
      expect(portal.passkeys[0]?.lastUsedAt).to.be.a('string');
    });

    it('says calmly that a cancelled passkey dialog was cancelled', async () => {
      // No passkey on the authenticator: the browser ends the ceremony as a refusal (NotAllowedError).
      const el = await login(portal);
      let failures = 0;
      el.addEventListener('portal-error', () => failures++);
      button(el, 'Sign in with a passkey').click();
      await waitUntil(() => $(el, '[role="status"]').textContent?.trim(), 'nothing said');
      await settled(el);
      expect($(el, '[role="status"]').textContent?.trim()).to.equal(
        'Passkey sign-in was cancelled. Try again, or sign in another way.',
      );
      expect(alertText(el)).to.equal('');
      expect(failures).to.equal(0);
      expect(portal.callsTo('/api/v1/auth/passkey')).to.have.length(0);
      await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('part')?.includes('passkey'));
      await expect(el).to.be.accessible();
    });

    it('says clearly when the server does not accept the passkey', async () => {
      await enrolPasskey(portal.client('ada@example.com'));
      portal.passkeys.length = 0;
      const el = await login(portal);
      const failed = oneEvent(el, 'portal-error');
      button(el, 'Sign in with a passkey').click();
      expect((await failed).detail.action).to.equal('passkeyLogin');
      await settled(el);
      expect(alertText(el)).to.equal(
        'That passkey was not accepted. It may have been removed from your login: sign in another way.',
      );
      await expect(el).to.be.accessible();
    });

    it('with passkey-autofill, offers passkeys in the email field and signs in with the one picked', async () => {
      await enrolPasskey(portal.client('ada@example.com'));
      let release: (() => void) | undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      portal.answer('POST /api/v1/auth/passkey/options', async (call) => {
        await held;
        return portal.fetch(`http://portal.test${call.path}`, { method: 'POST' });
      });
      const el = await inProvider<PortalLogin>(
        portal,
        html`<portal-login passkey-autofill></portal-login>`,
        'portal-login',
      );
      expect(input(el, 'email').getAttribute('autocomplete')).to.equal('username webauthn');
      await waitUntil(() => release && portal.callsTo('/api/v1/auth/passkey/options').length, 'never asked');
      // The virtual authenticator picks the passkey at once, as a person choosing it from autofill would.
      const signedIn = oneEvent(el, 'portal-signed-in');
      release?.();
      expect((await signedIn).detail.user.name).to.equal('Ada Lovelace');
      expect(portal.callsTo('/api/v1/auth/passkey')).to.have.length(1);
    });

    it('with passkey-autofill, asks once when the browser has no passkey to offer', async () => {
      const el = await inProvider<PortalLogin>(
        portal,
        html`<portal-login passkey-autofill></portal-login>`,
        'portal-login',
      );
      await waitUntil(() => portal.callsTo('/api/v1/auth/passkey/options').length, 'never asked');
      await aTimeout(100);
      await type(el, 'email', 'ada@example.com');
      await type(el, 'password', 'analytical engine');
      const signedIn = oneEvent(el, 'portal-signed-in');
      await submit(el);
      await signedIn;
      expect(portal.callsTo('/api/v1/auth/passkey/options')).to.have.length(1);
      expect(alertText(el)).to.equal('');
    });

    it('is not offered without WebAuthn, nor is autofill', async () => {
      const original = window.PublicKeyCredential;
      delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
      try {
        const el = await inProvider<PortalLogin>(
          portal,
          html`<portal-login passkey-autofill></portal-login>`,
          'portal-login',
        );
        expect(el.shadowRoot!.querySelector('[part~="passkey"]')).to.be.null;
        expect(portal.callsTo('/api/v1/auth/passkey/options')).to.have.length(0);
      } finally {
        window.PublicKeyCredential = original;
      }
    });
  });

  describe('account chooser', () => {
    beforeEach(() => {
      portal.users.get('ada@example.com')!.accounts = [
        { id: 'acct_01', name: 'Analytical Engines Ltd', role: 'owner' },
        { id: 'acct_02', name: 'Difference Engines', role: 'billing' },
      ];
    });

    const signIn = async (el: PortalLogin) => {
      await type(el, 'email', 'ada@example.com');
      await type(el, 'password', 'analytical engine');
      await submit(el);
      await settled(el);
    };

    it('asks which account to use before firing portal-signed-in, and switches to the one picked', async () => {
      const el = await login(portal);
      let fired = 0;
      el.addEventListener('portal-signed-in', () => fired++);
      await signIn(el);
      expect(fired).to.equal(0);
      expect($(el, '[part="title"]').textContent).to.equal('Choose an account');
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'choose-title', 'focus not moved');
      const accounts = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="account"]')];
      expect(accounts.map((a) => a.textContent?.replace(/\s+/g, ' ').trim())).to.deep.equal([
        'Analytical Engines Ltd Owner · Current',
        'Difference Engines Billing',
      ]);
      expect(accounts[0]?.getAttribute('aria-current')).to.equal('true');
      expect(accounts[1]?.hasAttribute('aria-current')).to.be.false;
      await expect(el).to.be.accessible();

      const signedIn = oneEvent(el, 'portal-signed-in');
      accounts[1]!.click();
      expect((await signedIn).detail.account.name).to.equal('Difference Engines');
      expect(portal.callsTo('/api/v1/auth/switch-account')[0]?.body).to.deep.equal({ accountId: 'acct_02' });
      await el.updateComplete;
      expect($(el, '[part~="signed-in"]').textContent).to.contain('Signed in as Ada Lovelace');
    });

    it('goes on with the active account without switching', async () => {
      const el = await login(portal);
      await signIn(el);
      const signedIn = oneEvent(el, 'portal-signed-in');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="account"][aria-current]')!.click();
      expect((await signedIn).detail.account.id).to.equal('acct_01');
      expect(portal.callsTo('/api/v1/auth/switch-account')).to.have.length(0);
    });

    it('comes after the two-step verification', async () => {
      portal.enableTotp('ada@example.com');
      const el = await login(portal);
      await signIn(el);
      const step = await mfaStep(el);
      await type(step, 'code', '246810');
      await submit(step);
      await waitUntil(() => el.shadowRoot!.querySelector('[part="accounts"]'), 'no chooser');
    });
  });
});
