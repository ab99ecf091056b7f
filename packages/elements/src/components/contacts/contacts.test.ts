import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAccount, inAccountProvider } from '../../../test/fake-account.js';
import { $, button, settled, type } from '../../../test/helpers.js';
import type { PortalContacts } from './contacts.js';

const contacts = (account: FakeAccount, options: Parameters<typeof inAccountProvider>[3] = {}) =>
  inAccountProvider<PortalContacts>(
    account,
    html`<portal-contacts></portal-contacts>`,
    'portal-contacts',
    options,
  );

async function loaded(el: PortalContacts) {
  await waitUntil(() => el.shadowRoot!.querySelector('[part="table"], [part="empty"]'), 'never loaded');
  await el.updateComplete;
}

const rows = (el: PortalContacts) =>
  [...el.shadowRoot!.querySelectorAll('tbody tr')].map((row) =>
    [...row.children].slice(0, 4).map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()),
  );

const box = (el: PortalContacts, permission: string) =>
  $<HTMLInputElement>(el, `input[name="permissions"][value="${permission}"]`);

async function pick(el: PortalContacts, selector: string, checked = true) {
  const input = $<HTMLInputElement>(el, selector);
  input.checked = checked;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}

const ticked = (el: PortalContacts) =>
  [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="permissions"]:checked')].map(
    (i) => i.value,
  );

const dialogButton = (el: PortalContacts, label: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('dialog[open] button')].find(
    (b) => b.textContent?.trim() === label,
  )!;

describe('<portal-contacts>', () => {
  let account: FakeAccount;
  beforeEach(() => {
    account = new FakeAccount();
  });

  it('lists the contacts: who, role, permissions, invited or active, last sign-in', async () => {
    account.addContact({ name: 'Grace Hopper', email: 'grace@example.com', role: 'billing' });
    account.addContact({
      name: 'Alan Turing',
      email: 'alan@example.com',
      role: 'custom',
      permissions: ['support:write'],
      status: 'invited',
      joinedAt: null,
      lastSignInAt: null,
    });
    const el = await contacts(account);
    await loaded(el);
    expect(rows(el)).to.deep.equal([
      [
        'Grace Hopper grace@example.com',
        'Billing',
        'Profile (Change), Billing (Change), Services (View), Domains (View)',
        'Active',
      ],
      ['Alan Turing alan@example.com', 'Custom', 'Support (Change)', 'Invited'],
    ]);
    expect(el.shadowRoot!.querySelectorAll('[part~="resend"]')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('adds a contact with a preset role, showing what it includes', async () => {
    const el = await contacts(account);
    await loaded(el);
    button(el, 'Add contact').click();
    await el.updateComplete;
    expect(ticked(el)).to.deep.equal([
      'profile:read',
      'profile:write',
      'billing:read',
      'billing:write',
      'services:read',
      'domains:read',
    ]);
    expect(box(el, 'support:read').disabled, 'a preset cannot be changed').to.be.true;
    await expect(el).to.be.accessible();
    await pick(el, '#role-technical');
    expect(ticked(el)).to.include('support:write').and.not.include('billing:read');
    await type(el, 'name', 'Grace Hopper');
    await type(el, 'email', 'grace@example.com');
    button(el, 'Add and notify').click();
    await settled(el);
    expect(account.callsTo('POST /api/v1/contacts').map((c) => c.body)).to.deep.equal([
      { name: 'Grace Hopper', email: 'grace@example.com', role: 'technical' },
    ]);
    expect(rows(el)[0]!.slice(1)).to.deep.equal([
      'Technical',
      'Profile (View), Services (Change), Domains (Change), Support (Change)',
      'Invited',
    ]);
    expect($(el, '[role="status"]').textContent?.trim()).to.equal('We sent grace@example.com an email.');
    expect(el.shadowRoot!.querySelector('form')).to.be.null;
  });

  it('adds a custom contact with the permissions picked, and shows ALREADY_A_MEMBER on the email', async () => {
    account.addContact({ name: 'Grace Hopper', email: 'grace@example.com' });
    const el = await contacts(account);
    await loaded(el);
    button(el, 'Add contact').click();
    await el.updateComplete;
    await pick(el, '#role-custom');
    // Custom starts from the role picked before.
    expect(ticked(el)).to.include('billing:write');
    // Unticking "Change" leaves "View".
    for (const permission of ['profile:write', 'billing:write', 'services:read', 'domains:read']) {
      await pick(el, `input[value="${permission}"]`, false);
    }
    expect(ticked(el)).to.deep.equal(['profile:read', 'billing:read']);
    await pick(el, 'input[value="profile:read"]', false);
    await pick(el, 'input[value="billing:read"]', false);
    await type(el, 'name', 'Grace');
    await type(el, 'email', 'not an email');
    button(el, 'Add and notify').click();
    await el.updateComplete;
    expect($(el, '#email-error').textContent).to.equal('Enter your email address.');
    expect($(el, '#permissions-error').textContent).to.equal('Pick at least one permission.');
    await pick(el, 'input[value="domains:write"]');
    await type(el, 'email', 'GRACE@example.com');
    button(el, 'Add and notify').click();
    await settled(el);
    expect(account.callsTo('POST /api/v1/contacts').at(-1)!.body).to.deep.equal({
      name: 'Grace',
      email: 'GRACE@example.com',
      role: 'custom',
      permissions: ['domains:write'],
    });
    expect($(el, '#email-error').textContent).to.equal('This person already is a member of this account.');
    expect($<HTMLInputElement>(el, 'input[name="email"]').getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(
      () => el.shadowRoot!.activeElement?.getAttribute('name') === 'email',
      'focus not on email',
    );
    await expect(el).to.be.accessible();
  });

  it("changes a contact's role and permissions", async () => {
    const grace = account.addContact({ name: 'Grace Hopper', email: 'grace@example.com' });
    const el = await contacts(account);
    await loaded(el);
    $<HTMLButtonElement>(el, 'button[aria-label="Edit Grace Hopper"]').click();
    await el.updateComplete;
    expect($(el, '#contact-form-title').textContent).to.equal("Change Grace Hopper's access");
    expect(el.shadowRoot!.querySelector('input[name="email"]'), 'the email is not changed here').to.be.null;
    expect($<HTMLInputElement>(el, '#role-billing').checked).to.be.true;
    await pick(el, '#role-custom');
    await pick(el, 'input[value="support:read"]');
    button(el, 'Save changes').click();
    await settled(el);
    expect(account.callsTo(`PATCH /api/v1/contacts/${grace.id}`).map((c) => c.body)).to.deep.equal([
      {
        role: 'custom',
        permissions: ['profile:write', 'billing:write', 'services:read', 'domains:read', 'support:read'],
      },
    ]);
    expect(rows(el)[0]![1]).to.equal('Custom');
    expect($(el, '[role="status"]').textContent).to.contain("Grace Hopper's access is changed.");
    await waitUntil(
      () => el.shadowRoot!.activeElement?.getAttribute('aria-label') === 'Edit Grace Hopper',
      'focus not back on Edit',
    );
  });

  it('resends an invitation to an invited contact', async () => {
    const alan = account.addContact({ name: 'Alan Turing', email: 'alan@example.com', status: 'invited' });
    const el = await contacts(account);
    await loaded(el);
    button(el, 'Resend invitation').click();
    await settled(el);
    expect(account.callsTo(`POST /api/v1/contacts/${alan.id}/invitation`)).to.have.length(1);
    expect($(el, '[role="status"]').textContent?.trim()).to.equal(
      'We sent alan@example.com a new invitation.',
    );
  });

  it('removes a contact after confirming that their sessions end now', async () => {
    account.addContact({ name: 'Grace Hopper', email: 'grace@example.com' });
    const el = await contacts(account);
    await loaded(el);
    $<HTMLButtonElement>(el, 'button[aria-label="Remove Grace Hopper"]').click();
    await el.updateComplete;
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    expect(dialog.open).to.be.true;
    expect(dialog.textContent)
      .to.contain('Remove Grace Hopper?')
      .and.contain('their sessions on this account end now');
    await expect(el).to.be.accessible();
    dialogButton(el, 'Remove').click();
    await waitUntil(() => account.contacts.length === 0, 'not removed');
    await settled(el);
    expect($(el, '[part="empty"]').textContent).to.equal('No contacts yet.');
    expect($(el, '[role="status"]').textContent?.trim()).to.equal('Grace Hopper is removed.');
  });

  it('explains to someone who is not the owner, without asking the server', async () => {
    account.asContact('billing');
    const el = await contacts(account);
    expect($(el, '[part="not-allowed"]').textContent).to.equal(
      'Only the account owner can manage its contacts.',
    );
    expect(account.callsTo('/api/v1/contacts')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('shows the sign-in explanation when signed out', async () => {
    const el = await contacts(account, { signedInAs: null });
    expect($(el, '[part="signed-out"]').textContent).to.contain('Sign in to continue.');
  });

  it('speaks Spanish, in the dark theme too', async () => {
    account.addContact({ name: 'Grace Hopper', email: 'grace@example.com' });
    const el = await inAccountProvider<PortalContacts>(
      account,
      html`<portal-contacts theme="dark"></portal-contacts>`,
      'portal-contacts',
      { lang: 'es' },
    );
    await loaded(el);
    expect(rows(el)[0]!.slice(1)).to.deep.equal([
      'Facturación',
      'Perfil (Modificar), Facturación (Modificar), Servicios (Ver), Dominios (Ver)',
      'Activo',
    ]);
    button(el, 'Añadir contacto').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
