import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { FakeAdmin, problem } from '../../../test/fake-admin.js';
import { $, alertText, button, input, settled, submit, type } from '../../../test/helpers.js';
import type { PortalAdminLogin } from './admin-login.js';

const login = (fake: FakeAdmin, lang = 'en') =>
  fixture<PortalAdminLogin>(
    html`<portal-admin-login .client=${fake.client()} lang=${lang}></portal-admin-login>`,
  );

const focusedName = (el: PortalAdminLogin) => (el.shadowRoot!.activeElement as HTMLInputElement | null)?.name;

async function enter(el: PortalAdminLogin, email: string, password: string) {
  await type(el, 'email', email);
  await type(el, 'password', password);
  await submit(el);
  await settled(el);
}

describe('<portal-admin-login>', () => {
  let fake: FakeAdmin;
  beforeEach(() => {
    fake = new FakeAdmin();
  });

  it('signs in with email and password and fires portal-admin-signed-in', async () => {
    const el = await login(fake);
    await expect(el).to.be.accessible();
    const signedIn = oneEvent(el, 'portal-admin-signed-in');
    await type(el, 'email', 'grace@example.com');
    await type(el, 'password', 'correct horse battery');
    await submit(el);
    const event = await signedIn;
    expect(event.detail.staff.name).to.equal('Grace Hopper');
    expect(event.bubbles && event.composed).to.be.true;
    expect(fake.callsTo('/api/admin/v1/auth/login')[0]?.body).to.deep.equal({
      email: 'grace@example.com',
      password: 'correct horse battery',
    });
    expect(fake.signedIn).to.equal(fake.member('grace@example.com').id);
  });

  it('asks for the TOTP code with the ticket, refuses a wrong code beside the field, then signs in', async () => {
    const el = await login(fake);
    await enter(el, 'tess@example.com', 'correct horse battery');
    expect($(el, 'h1').textContent).to.equal('Two-step sign-in');
    const code = input(el, 'code');
    expect(code.autocomplete).to.equal('one-time-code');
    expect(code.inputMode).to.equal('numeric');
    await waitUntil(() => focusedName(el) === 'code', 'code input not focused');
    await expect(el).to.be.accessible();

    await type(el, 'code', '000000');
    await submit(el);
    await settled(el);
    expect($(el, '#code-error').textContent).to.equal(
      'That code is not right. Check your authenticator app and try again.',
    );
    expect(input(el, 'code').getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();

    await type(el, 'code', '123 456');
    const signedIn = oneEvent(el, 'portal-admin-signed-in');
    await submit(el);
    expect((await signedIn).detail.staff.email).to.equal('tess@example.com');
    const [first, second] = fake.callsTo('/api/admin/v1/auth/login/totp');
    expect(first?.body.ticket).to.match(/^tkt_/);
    expect(second?.body).to.deep.equal({ ticket: first?.body.ticket, code: '123456' });
  });

  it('goes back to the password step when the ticket expired', async () => {
    const el = await login(fake);
    await enter(el, 'tess@example.com', 'correct horse battery');
    fake.answer('POST /api/admin/v1/auth/login/totp', () =>
      problem(400, 'TICKET_INVALID', 'This sign-in has expired. Sign in again.'),
    );
    await type(el, 'code', '123456');
    await submit(el);
    await settled(el);
    expect($(el, 'h1').textContent).to.equal('Sign in to the console');
    expect(alertText(el)).to.equal('The sign-in took too long. Enter your password again.');
    expect(input(el, 'email').value).to.equal('tess@example.com');
    await waitUntil(() => focusedName(el) === 'password', 'password not focused');
  });

  it('says when the email or password is wrong, and fires portal-error', async () => {
    const el = await login(fake);
    const failed = oneEvent(el, 'portal-error');
    await enter(el, 'grace@example.com', 'wrong');
    expect((await failed).detail.action).to.equal('adminLogin');
    expect(alertText(el)).to.equal('The email or password is not right.');
    expect(input(el, 'password').value).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('says how many seconds to wait when rate limited', async () => {
    fake.answer('POST /api/admin/v1/auth/login', () =>
      problem(429, 'RATE_LIMITED', 'Too many requests.', undefined, { 'retry-after': '42' }),
    );
    const el = await login(fake);
    await enter(el, 'grace@example.com', 'correct horse battery');
    expect(alertText(el)).to.equal('Too many attempts. Try again in 42 s.');
  });

  it('says when the staff account is disabled', async () => {
    fake.member('sam@example.com').disabled = true;
    const el = await login(fake);
    await enter(el, 'sam@example.com', 'correct horse battery');
    expect(alertText(el)).to.equal('This staff account is disabled. Ask an administrator to enable it.');
  });

  it('checks the fields before calling the server', async () => {
    const el = await login(fake);
    await submit(el);
    expect($(el, '#email-error').textContent).to.equal('Enter your email address.');
    expect($(el, '#password-error').textContent).to.equal('Enter your password.');
    expect(fake.callsTo('/api/admin/v1/auth/login')).to.have.length(0);
    await waitUntil(() => focusedName(el) === 'email');
  });

  it('speaks Spanish, and its code step has a way back', async () => {
    const el = await login(fake, 'es');
    expect($(el, 'h1').textContent).to.equal('Inicia sesión en la consola');
    expect($(el, 'label[for="email"]').textContent).to.equal('Correo electrónico');
    await enter(el, 'grace@example.com', 'wrong');
    expect(alertText(el)).to.equal('El correo o la contraseña no son correctos.');
    await enter(el, 'tess@example.com', 'correct horse battery');
    button(el, 'Volver a iniciar sesión').click();
    await el.updateComplete;
    expect($(el, 'h1').textContent).to.equal('Inicia sesión en la consola');
    await expect(el).to.be.accessible();
  });
});
