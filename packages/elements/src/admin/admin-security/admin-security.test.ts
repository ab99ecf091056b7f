import { expect, html, oneEvent } from '@open-wc/testing';
import { FakeAdmin, fill, mountPage, noticeText, submitFormOf } from '../../../test/fake-admin.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import type { PortalAdminSecurity } from './admin-security.js';

const mount = (fake: FakeAdmin, as = 'grace@example.com', lang = 'en') =>
  mountPage<PortalAdminSecurity>(
    html`<portal-admin-security .client=${fake.client()} lang=${lang}></portal-admin-security>`,
    fake,
    { as },
  );

describe('<portal-admin-security>', () => {
  let fake: FakeAdmin;
  beforeEach(() => {
    fake = new FakeAdmin();
  });

  it('changes the password, explaining a wrong current password and a common new one', async () => {
    const el = await mount(fake);
    await expect(el).to.be.accessible();
    await fill(el, 'currentPassword', 'not it');
    await fill(el, 'newPassword', 'a much better passphrase');
    await submitFormOf(el, 'currentPassword');
    await settled(el);
    expect($(el, '#currentPassword-error').textContent).to.equal('Your current password is not right.');

    await fill(el, 'currentPassword', 'correct horse battery');
    await fill(el, 'newPassword', 'password123');
    await submitFormOf(el, 'currentPassword');
    await settled(el);
    expect($(el, '#newPassword-error').textContent).to.equal('This password is too common. Choose another.');

    await fill(el, 'newPassword', 'a much better passphrase');
    await submitFormOf(el, 'currentPassword');
    await settled(el);
    expect(fake.callsTo('/api/admin/v1/auth/password').at(-1)?.body).to.deep.equal({
      currentPassword: 'correct horse battery',
      newPassword: 'a much better passphrase',
    });
    expect(noticeText(el)).to.equal('Your password was changed. Your other sessions were signed out.');
    expect($<HTMLInputElement>(el, '[name="newPassword"]').value).to.equal('');
  });

  it('enrols TOTP: shows the QR code and the key in groups, refuses a wrong code, then turns it on', async () => {
    const el = await mount(fake);
    expect($(el, '#totp-title + .badge').textContent).to.equal('Off');
    button(el, 'Set up an authenticator app').click();
    await settled(el);
    const qr = $(el, '[part~="qr"]');
    expect(qr.getAttribute('role')).to.equal('img');
    expect(qr.querySelector('svg path')).to.exist;
    expect($(el, '[part~="secret"]').textContent).to.equal('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('code');
    await expect(el).to.be.accessible();

    await fill(el, 'code', '111111');
    await submitFormOf(el, 'code');
    await settled(el);
    expect($(el, '#code-error').textContent).to.equal(
      'That code is not right. Check your authenticator app and try again.',
    );

    await fill(el, 'code', '123456');
    const changed = oneEvent(el, 'portal-admin-session-change');
    await submitFormOf(el, 'code');
    expect((await changed).detail.staff.totpEnabled).to.be.true;
    await el.updateComplete;
    expect($(el, '#totp-title + .badge').textContent).to.equal('On');
    expect(noticeText(el)).to.contain('Two-step sign-in is on.');
    expect(fake.member('grace@example.com').totpEnabled).to.be.true;
  });

  it('turns TOTP off with a code, and explains when the business requires it', async () => {
    fake.settings.requireStaffTotp = true;
    const el = await mount(fake, 'tess@example.com');
    expect(button(el, 'Turn off two-step sign-in')).to.exist;
    await fill(el, 'code', '123456');
    await submitFormOf(el, 'code');
    await settled(el);
    expect(alertText(el)).to.equal(
      'Your business requires staff to use two-step sign-in, so it cannot be turned off. An admin can change that in Settings.',
    );
    expect(fake.member('tess@example.com').totpEnabled).to.be.true;
    await expect(el).to.be.accessible();

    fake.settings.requireStaffTotp = false;
    const changed = oneEvent(el, 'portal-admin-session-change');
    await submitFormOf(el, 'code');
    expect((await changed).detail.staff.totpEnabled).to.be.false;
    await el.updateComplete;
    expect(button(el, 'Set up an authenticator app')).to.exist;
  });

  it('shows only the enrolment when it is required, and speaks Spanish', async () => {
    fake.settings.requireStaffTotp = true;
    fake.signIn('grace@example.com');
    const el = await mountPage<PortalAdminSecurity>(
      html`<portal-admin-security .client=${fake.client()} enrolment-required lang="es"></portal-admin-security>`,
      fake,
    );
    expect($(el, 'h1').textContent).to.equal('Configura el inicio de sesión en dos pasos');
    expect(el.shadowRoot!.querySelector('[name="currentPassword"]') === null).to.be.true;
    button(el, 'Configurar una aplicación de autenticación').click();
    await settled(el);
    expect(el.shadowRoot!.textContent).not.to.contain('Cancelar');
    await expect(el).to.be.accessible();
  });
});
