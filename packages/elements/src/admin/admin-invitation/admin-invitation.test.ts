import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { FakeAdmin, fill, submitFormOf } from '../../../test/fake-admin.js';
import { $, settled } from '../../../test/helpers.js';
import type { PortalAdminInvitation } from './admin-invitation.js';

async function mount(fake: FakeAdmin, token: string, lang = 'en') {
  const el = await fixture<PortalAdminInvitation>(
    html`<portal-admin-invitation .client=${fake.client()} token=${token} lang=${lang}></portal-admin-invitation>`,
  );
  await waitUntil(() => !el.shadowRoot!.querySelector('[part~="loading"]'), 'never loaded');
  await el.updateComplete;
  return el;
}

describe('<portal-admin-invitation>', () => {
  let fake: FakeAdmin;
  beforeEach(() => {
    fake = new FakeAdmin();
  });

  it('says who the invitation is for, then sets the password and signs in', async () => {
    const token = fake.invite('nina@example.com', 'Nina New');
    const el = await mount(fake, token);
    expect($(el, '.intro').textContent).to.contain(
      'Nina New, you are invited to the Portico Hosting staff console as nina@example.com.',
    );
    expect($<HTMLInputElement>(el, '[name="username"]').value).to.equal('nina@example.com');
    await expect(el).to.be.accessible();

    await fill(el, 'password', 'short');
    await submitFormOf(el, 'password');
    expect($(el, '#password-error').textContent).to.equal('Use at least 8 characters.');

    await fill(el, 'password', 'password123');
    await submitFormOf(el, 'password');
    await settled(el);
    expect($(el, '#password-error').textContent).to.equal('This password is too common. Choose another.');

    await fill(el, 'password', 'a long new password');
    const signedIn = oneEvent(el, 'portal-admin-signed-in');
    await submitFormOf(el, 'password');
    expect((await signedIn).detail.staff.email).to.equal('nina@example.com');
    expect(fake.member('nina@example.com').invited).to.be.false;
  });

  it('says the link is not valid when the server refuses it, without offering a retry', async () => {
    const el = await mount(fake, `sti_${'z'.repeat(43)}`);
    expect($(el, '[part~="load-error"]').textContent).to.contain('This invitation link is not valid');
    expect(el.shadowRoot!.querySelector('[part~="load-error"] button') === null).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('says the link is not valid when it has no token, without asking the server', async () => {
    const el = await mount(fake, '', 'es');
    await aTimeout(50);
    expect($(el, '[part~="load-error"]').textContent).to.contain('Este enlace de invitación no es válido');
    expect(fake.calls).to.have.length(0);
  });
});
