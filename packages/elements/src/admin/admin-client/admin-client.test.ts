import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdmin, fill, mountPage, noticeText, rows, submitFormOf } from '../../../test/fake-admin.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import type { PortalAdminClient } from './admin-client.js';

const mount = (fake: FakeAdmin, name = 'Acme Ltd', as = 'grace@example.com') => {
  const account = fake.accounts.find((a) => a.name === name)!;
  return mountPage<PortalAdminClient>(
    html`<portal-admin-client .client=${fake.client()} .session=${fake.signIn(as)} client-id=${account.id}></portal-admin-client>`,
    fake,
    { as },
  );
};

const dialog = (el: PortalAdminClient) => el.shadowRoot!.querySelector<HTMLDialogElement>('dialog');
const buttonLabels = (el: PortalAdminClient) =>
  [...el.shadowRoot!.querySelectorAll('button')].map(
    (b) => b.getAttribute('aria-label') ?? b.textContent?.trim(),
  );

describe('<portal-admin-client>', () => {
  let fake: FakeAdmin;
  beforeEach(() => {
    fake = new FakeAdmin();
  });

  it('shows the details and the portal users with their status', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('Acme Ltd');
    expect($(el, 'dl').textContent).to.contain('Acme Limited');
    const [ada, bob] = rows(el);
    expect(ada?.textContent).to.contain('ada@acme.test');
    expect(ada?.textContent).to.contain('Joined');
    expect(bob?.textContent).to.contain('Invited');
    const account = fake.accounts.find((a) => a.name === 'Acme Ltd')!;
    expect($(el, '[part~="domains"] a').getAttribute('href')).to.equal(`#/domains?account=${account.id}`);
    expect($(el, '[part~="tickets"] a').getAttribute('href')).to.equal(
      `#/tickets?account=${account.id}&status=all`,
    );
    await expect(el).to.be.accessible();
  });

  it('disables after a confirmation that says every session ends, then enables', async () => {
    const el = await mount(fake);
    const disable = button(el, 'Disable client');
    disable.focus();
    disable.click();
    await el.updateComplete;
    expect(dialog(el)?.open).to.be.true;
    expect(dialog(el)?.textContent).to.contain('signed out at once');
    await expect(el).to.be.accessible();
    button(el, 'Cancel').click();
    await el.updateComplete;
    expect(dialog(el) === null).to.be.true;
    expect(fake.callsTo(`/api/admin/v1/clients/${fake.accounts[2]?.id}/disable`)).to.have.length(0);
    expect(el.shadowRoot!.activeElement === disable).to.be.true;

    button(el, 'Disable client').click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => el.shadowRoot!.textContent?.includes('Enable client'), 'never disabled');
    expect(fake.accounts.find((a) => a.name === 'Acme Ltd')?.status).to.equal('disabled');
    expect(noticeText(el)).to.equal('Acme Ltd is disabled. Every session on it has ended.');
    expect($(el, '.title .badge').textContent).to.equal('Disabled');
    // Nobody can be invited or sent links while it is disabled.
    expect(buttonLabels(el)).not.to.include('Magic link for Ada Acme');

    button(el, 'Enable client').click();
    await settled(el);
    expect(fake.accounts.find((a) => a.name === 'Acme Ltd')?.status).to.equal('active');
    expect(noticeText(el)).to.equal('Acme Ltd is enabled again.');
  });

  it('offers billing staff only what their role may do', async () => {
    const el = await mount(fake, 'Acme Ltd', 'bill@example.com');
    const labels = buttonLabels(el);
    expect(labels).not.to.include('Disable client');
    expect(labels).not.to.include('Invite again: Bob Acme');
    expect(labels).to.include('Magic link for Ada Acme');
    expect(labels).to.include('Send login email to Ada Acme');
    expect(labels).to.include('Edit details');
    expect(el.shadowRoot!.querySelector('[name="invite.email"]') === null).to.be.true;
  });

  it('edits the details, sending only what changed', async () => {
    const el = await mount(fake);
    button(el, 'Edit details').click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('name');
    await fill(el, 'phone', '+44 20 7946 0000');
    await fill(el, 'address.city', 'London');
    await submitFormOf(el, 'phone');
    await settled(el);
    const [call] = fake.callsTo(
      `/api/admin/v1/clients/${fake.accounts.find((a) => a.name === 'Acme Ltd')?.id}`,
      'PATCH',
    );
    expect(call?.body).to.deep.equal({
      phone: '+44 20 7946 0000',
      address: { line1: '', line2: '', city: 'London', state: '', postcode: '', country: '' },
    });
    expect($(el, 'dl').textContent).to.contain('+44 20 7946 0000');
    expect(noticeText(el)).to.equal('The details were saved.');
  });

  it('invites, re-invites and emails each person, and invites a new email onto the client', async () => {
    const el = await mount(fake);
    button(el, 'Invite again').click();
    await settled(el);
    expect(noticeText(el)).to.equal('Invitation sent to bob@acme.test.');
    const bob = fake.accounts.find((a) => a.name === 'Acme Ltd')!.users[1]!;
    expect(fake.callsTo('/api/admin/v1/portal-users/invitations')[0]?.body).to.deep.equal({
      targets: [{ userId: bob.userId, accountId: fake.accounts.find((a) => a.name === 'Acme Ltd')?.id }],
    });

    $<HTMLButtonElement>(el, '[aria-label="Send login email to Ada Acme"]').click();
    await settled(el);
    expect(noticeText(el)).to.equal('Login email sent to ada@acme.test.');

    await submitFormOf(el, 'invite.email');
    expect($(el, '#invite-email-error').textContent).to.equal('Enter your email address.');
    expect($(el, '#invite-role-error').textContent).to.equal('Fill this in.');
    await fill(el, 'invite.email', 'ada@acme.test');
    await fill(el, 'invite.role', 'technical');
    await submitFormOf(el, 'invite.email');
    await settled(el);
    expect($(el, '#invite-email-error').textContent).to.equal('This person is already on this client.');

    await fill(el, 'invite.email', 'erin@acme.test');
    await fill(el, 'invite.name', 'Erin Acme');
    await submitFormOf(el, 'invite.email');
    await settled(el);
    expect(noticeText(el)).to.equal('Invitation sent to erin@acme.test.');
    await waitUntil(() => rows(el).length === 3, 'new person never listed');
    expect(rows(el)[2]?.textContent).to.contain('Technical');
    expect(alertText(el)).to.equal('');
  });

  it('makes a magic link in a dialog and gives focus back when closed', async () => {
    const el = await mount(fake);
    const open = $<HTMLButtonElement>(el, '[aria-label="Magic link for Ada Acme"]');
    open.focus();
    open.click();
    await el.updateComplete;
    expect(dialog(el)?.open).to.be.true;
    const magic = $(el, 'portal-admin-magic-link');
    await (magic as PortalAdminClient).updateComplete;
    await fill(magic as PortalAdminClient, 'destination', '/invoices');
    await submitFormOf(magic as PortalAdminClient, 'destination');
    await waitUntil(() => magic.shadowRoot!.querySelector('[name="url"]'), 'no link');
    await expect(el).to.be.accessible();
    button(el, 'Close').click();
    await waitUntil(() => !dialog(el), 'dialog never closed');
    await waitUntil(() => el.shadowRoot!.activeElement === open, 'focus not given back');
  });

  it('says when the client does not exist', async () => {
    const el = await mountPage<PortalAdminClient>(
      html`<portal-admin-client .client=${fake.client()} client-id="acct_missing"></portal-admin-client>`,
      fake,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="load-error"]'));
    expect($(el, '[part~="load-error"]').textContent?.trim()).to.equal(
      'This was not found. It may have been removed.',
    );
    expect(el.shadowRoot!.querySelector('[part~="load-error"] button') === null).to.be.true;
    await expect(el).to.be.accessible();
  });
});
