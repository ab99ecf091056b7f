import { aTimeout, expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdmin, fill, mountPage, noticeText, rows, submitFormOf } from '../../../test/fake-admin.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import type { PortalAdminStaff } from './admin-staff.js';

const mount = (fake: FakeAdmin, lang = 'en') =>
  mountPage<PortalAdminStaff>(
    html`<portal-admin-staff .client=${fake.client()} .session=${fake.signIn('grace@example.com')} lang=${lang}></portal-admin-staff>`,
    fake,
  );

const row = (el: PortalAdminStaff, email: string) => rows(el).find((r) => r.textContent?.includes(email))!;
const roleSelect = (el: PortalAdminStaff, name: string) =>
  $<HTMLSelectElement>(el, `select[aria-label="Role for ${name}"]`);

async function chooseRole(el: PortalAdminStaff, name: string, role: string) {
  const select = roleSelect(el, name);
  select.value = role;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
  await settled(el);
}

async function confirm(el: PortalAdminStaff) {
  await el.updateComplete;
  $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
}

describe('<portal-admin-staff>', () => {
  let fake: FakeAdmin;
  beforeEach(() => {
    fake = new FakeAdmin();
  });

  it('lists staff with their role, TOTP and status', async () => {
    const el = await mount(fake);
    expect(rows(el)).to.have.length(4);
    expect(row(el, 'grace@example.com').textContent).to.contain('(you)');
    expect(roleSelect(el, 'Grace Hopper').value).to.equal('admin');
    const tess = [...row(el, 'tess@example.com').querySelectorAll('td')].map((td) => td.textContent?.trim());
    expect(tess.slice(3, 5)).to.deep.equal(['On', 'Active']);
    expect(row(el, 'tess@example.com').textContent).to.contain('Reset two-step sign-in');
    await expect(el).to.be.accessible();
  });

  it('invites a staff member, showing a taken email beside the field', async () => {
    const el = await mount(fake);
    button(el, 'Invite staff member').click();
    await el.updateComplete;
    await fill(el, 'email', 'sam@example.com');
    await fill(el, 'name', 'Sam Again');
    await fill(el, 'role', 'billing');
    await submitFormOf(el, 'email');
    await settled(el);
    expect($(el, '#email-error').textContent).to.equal('This email address is already in use.');
    await expect(el).to.be.accessible();

    await fill(el, 'email', 'nina@example.com');
    await submitFormOf(el, 'email');
    await settled(el);
    expect(fake.callsTo('/api/admin/v1/staff', 'POST')[1]?.body).to.deep.equal({
      email: 'nina@example.com',
      name: 'Sam Again',
      role: 'billing',
    });
    expect(row(el, 'nina@example.com').textContent).to.contain('Invited');
    expect(noticeText(el)).to.equal('Invitation sent to nina@example.com.');
  });

  it('changes a role in place', async () => {
    const el = await mount(fake);
    await chooseRole(el, 'Sam Support', 'billing');
    const sam = fake.member('sam@example.com');
    expect(fake.callsTo(`/api/admin/v1/staff/${sam.id}`, 'PATCH')[0]?.body).to.deep.equal({
      role: 'billing',
    });
    expect(sam.role).to.equal('billing');
    expect(noticeText(el)).to.equal('Sam Support is now Billing.');
  });

  it('says why the last admin cannot lose the role or be disabled, and keeps the role shown', async () => {
    const el = await mount(fake);
    await chooseRole(el, 'Grace Hopper', 'support');
    expect(alertText(el)).to.equal(
      'There must always be at least one active admin. Make someone else an admin first.',
    );
    expect(roleSelect(el, 'Grace Hopper').value).to.equal('admin');
    expect(fake.member('grace@example.com').role).to.equal('admin');

    $<HTMLButtonElement>(el, '[aria-label="Disable Grace Hopper"]').click();
    await confirm(el);
    await waitUntil(() => alertText(el).startsWith('There must always'));
    expect(fake.member('grace@example.com').disabled).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('disables after a confirmation and enables again', async () => {
    const el = await mount(fake);
    $<HTMLButtonElement>(el, '[aria-label="Disable Sam Support"]').click();
    await el.updateComplete;
    expect($(el, 'dialog').textContent).to.contain('signed out at once');
    await confirm(el);
    await waitUntil(() => row(el, 'sam@example.com').textContent?.includes('Disabled'));
    expect(noticeText(el)).to.equal('Sam Support is disabled and signed out.');
    $<HTMLButtonElement>(el, '[aria-label="Enable Sam Support"]').click();
    await waitUntil(() => row(el, 'sam@example.com').textContent?.includes('Active'));
    expect(fake.member('sam@example.com').disabled).to.be.false;
  });

  it('keeps the next confirmation open when a cancelled one closes late', async () => {
    const el = await mount(fake);
    const disable = $<HTMLButtonElement>(el, '[aria-label="Disable Sam Support"]');
    disable.focus();
    disable.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'dialog [part~="cancel"]').click();
    await el.updateComplete;
    expect(fake.member('sam@example.com').disabled).to.be.false;
    expect(el.shadowRoot!.activeElement, 'focus back on the button').to.equal(disable);

    // Regression: the cancelled dialog's close event came a task later and answered this next dialog "no".
    disable.click();
    await el.updateComplete;
    await aTimeout(0);
    expect($<HTMLDialogElement>(el, 'dialog').open, 'the next dialog is still open').to.be.true;
    await confirm(el);
    await waitUntil(() => row(el, 'sam@example.com').textContent?.includes('Disabled'), 'not disabled');
    expect(fake.member('sam@example.com').disabled).to.be.true;
  });

  it('resets a lost authenticator after a confirmation', async () => {
    const el = await mount(fake);
    $<HTMLButtonElement>(el, '[aria-label="Reset two-step sign-in for Tess Totp"]').click();
    await confirm(el);
    await waitUntil(() => noticeText(el) === 'Two-step sign-in was reset for Tess Totp.');
    expect(fake.member('tess@example.com').totpEnabled).to.be.false;
    expect(row(el, 'tess@example.com').textContent).not.to.contain('Reset two-step sign-in');
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, 'es');
    expect($(el, 'h1').textContent).to.equal('Personal');
    const select = $<HTMLSelectElement>(el, 'select[aria-label="Rol de Grace Hopper"]');
    expect(select.selectedOptions[0]?.textContent).to.equal('Administración');
  });
});
