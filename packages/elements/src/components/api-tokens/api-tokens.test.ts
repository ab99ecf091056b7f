import { aTimeout, expect, html, waitUntil } from '@open-wc/testing';
import { FakeAccount, inAccountProvider } from '../../../test/fake-account.js';
import { problem } from '../../../test/fake-portal.js';
import { $, alertText, button, settled, type } from '../../../test/helpers.js';
import type { PortalApiTokens } from './api-tokens.js';

const tokens = (account: FakeAccount, options: Parameters<typeof inAccountProvider>[3] = {}) =>
  inAccountProvider<PortalApiTokens>(
    account,
    html`<portal-api-tokens></portal-api-tokens>`,
    'portal-api-tokens',
    options,
  );

async function loaded(el: PortalApiTokens) {
  await waitUntil(() => el.shadowRoot!.querySelector('[part="table"], [part="empty"]'), 'never loaded');
  await el.updateComplete;
}

const rows = (el: PortalApiTokens) =>
  [...el.shadowRoot!.querySelectorAll('tbody tr')].map((row) =>
    [...row.children].slice(0, 6).map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()),
  );

const box = (el: PortalApiTokens, permission: string) =>
  $<HTMLInputElement>(el, `input[name="scopes"][value="${permission}"]`);

async function tick(el: PortalApiTokens, permission: string, checked = true) {
  const input = box(el, permission);
  input.checked = checked;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** The open confirmation dialog's button reading `label`. */
const dialogButton = (el: PortalApiTokens, label: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('dialog[open] button')].find(
    (b) => b.textContent?.trim() === label,
  )!;

describe('<portal-api-tokens>', () => {
  let account: FakeAccount;
  let writes: string[];
  const clipboard = navigator.clipboard.writeText;
  beforeEach(() => {
    account = new FakeAccount();
    writes = [];
    navigator.clipboard.writeText = async (text: string) => {
      writes.push(text);
    };
  });
  afterEach(() => {
    navigator.clipboard.writeText = clipboard;
  });

  it('lists the tokens: name, prefix, scopes, creator, last use and expiry', async () => {
    account.addToken({ name: 'Deploys', prefix: 'pt_AbCdEfG', scopes: ['services:write', 'domains:read'] });
    account.addToken({
      name: 'Billing export',
      prefix: 'pt_HiJkLmN',
      scopes: ['billing:read'],
      lastUsedAt: '2025-03-03T14:05:00Z',
      lastUsedIp: '203.0.113.9',
      expiresAt: '2026-01-01T12:00:00Z',
    });
    const el = await tokens(account);
    await loaded(el);
    const [first, second] = rows(el);
    expect(first!.slice(0, 3)).to.deep.equal(['Deploys', 'pt_AbCdEfG…', 'Services (Change), Domains (View)']);
    expect(first![3]).to.match(/^Ada Lovelace /);
    expect(first!.slice(4)).to.deep.equal(['Never used', 'Never']);
    expect(second![4]).to.match(/2025.* from 203\.0\.113\.9$/);
    expect(second![5]).to.match(/2026/);
    await expect(el).to.be.accessible();
  });

  it('creates a token within what the person holds, and shows it once', async () => {
    account.asContact('custom', ['billing:write', 'services:read']);
    const el = await tokens(account);
    await loaded(el);
    expect($(el, '[part="empty"]').textContent).to.equal('No API tokens yet.');
    button(el, 'New token').click();
    await el.updateComplete;
    await waitUntil(
      () => el.shadowRoot!.activeElement?.getAttribute('name') === 'name',
      'focus not on the name',
    );
    // Only the areas the person holds; "Change" only where they hold it.
    const areas = [...el.shadowRoot!.querySelectorAll('[part="permission-grid"] tbody th')].map(
      (th) => th.textContent,
    );
    expect(areas).to.deep.equal(['Billing', 'Services']);
    expect(box(el, 'services:write').disabled).to.be.true;
    await expect(el).to.be.accessible();

    button(el, 'Create token').click();
    await el.updateComplete;
    expect($(el, '#name-error').textContent).to.equal('Fill in this field.');
    expect($(el, '#scopes-error').textContent).to.equal('Pick at least one scope.');
    expect(account.callsTo('POST /api/v1/tokens')).to.have.length(0);

    await type(el, 'name', 'Invoices export');
    await tick(el, 'billing:write');
    // "Change" includes "View": shown ticked and locked.
    expect(box(el, 'billing:read').checked).to.be.true;
    expect(box(el, 'billing:read').disabled).to.be.true;
    const expiry = $<HTMLSelectElement>(el, 'select[name="expiresInDays"]');
    expect([...expiry.options].map((o) => o.textContent?.trim())).to.deep.equal([
      'In 30 days',
      'In 90 days',
      'In 365 days',
      'Never',
    ]);
    expiry.value = '';
    expiry.dispatchEvent(new Event('change'));
    await el.updateComplete;
    button(el, 'Create token').click();
    await settled(el);
    expect(account.callsTo('POST /api/v1/tokens').map((c) => c.body)).to.deep.equal([
      { name: 'Invoices export', scopes: ['billing:write'] },
    ]);
    const secret = $<HTMLInputElement>(el, '[part~="secret"]');
    expect(secret.value).to.match(/^pt_s3cr3t/);
    expect(secret.readOnly).to.be.true;
    expect($(el, '[part="created"]').textContent).to.contain("You won't see it again");
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'created-title', 'focus not on the new token');
    expect(rows(el)[0]![0]).to.equal('Invoices export');
    await expect(el).to.be.accessible();

    button(el, 'Copy').click();
    await waitUntil(() => writes.length === 1);
    expect(writes).to.deep.equal([secret.value]);
    await el.updateComplete;
    expect($(el, '[role="status"]').textContent?.trim()).to.equal('Copied to the clipboard.');

    button(el, 'Done').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="secret"]'), 'the secret is gone').to.be.null;
    expect(el.shadowRoot!.innerHTML).not.to.contain(writes[0]);
  });

  it('forgets a new token when the session changes', async () => {
    const el = await tokens(account);
    await loaded(el);
    button(el, 'New token').click();
    await el.updateComplete;
    await type(el, 'name', 'CI');
    await tick(el, 'services:read');
    button(el, 'Create token').click();
    await settled(el);
    expect(el.shadowRoot!.querySelector('[part~="secret"]')).to.exist;
    await el.client!.auth.logout();
    await el.updateComplete;
    await el.client!.auth.login({ email: 'ada@example.com', password: 'analytical engine' });
    await loaded(el);
    expect(el.shadowRoot!.querySelector('[part~="secret"]')).to.be.null;
    expect(el.shadowRoot!.querySelector('form')).to.be.null;
  });

  it('explains SCOPE_NOT_GRANTED beside the scopes and TOKEN_NOT_ALLOWED in the alert', async () => {
    const el = await tokens(account);
    await loaded(el);
    button(el, 'New token').click();
    await el.updateComplete;
    await type(el, 'name', 'CI');
    await tick(el, 'billing:read');
    // The owner's permissions changed meanwhile (the grid was drawn with the old ones).
    account.asContact('technical');
    button(el, 'Create token').click();
    await settled(el);
    expect($(el, '#scopes-error').textContent).to.equal(
      'A token can only have permissions you hold on this account. Untick the others.',
    );
    expect(alertText(el)).to.equal('');
    account.answer('POST /api/v1/tokens', () =>
      problem(403, 'TOKEN_NOT_ALLOWED', 'API tokens cannot do this; sign in to the portal.'),
    );
    button(el, 'Create token').click();
    await settled(el);
    expect(alertText(el)).to.equal("API tokens can't do this. Sign in to the portal to do it.");
  });

  it('says so when the list is refused to an API token', async () => {
    account.answer('GET /api/v1/tokens', () =>
      problem(403, 'TOKEN_NOT_ALLOWED', 'API tokens cannot do this; sign in to the portal.'),
    );
    const el = await tokens(account);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="load-error"]'), 'no error');
    expect($(el, '[part="load-error"]').textContent?.trim()).to.equal(
      "API tokens can't do this. Sign in to the portal to do it.",
    );
    expect(() => button(el, 'Try again'), 'asking again cannot help').to.throw();
  });

  it('revokes a token after confirmation', async () => {
    account.addToken({ name: 'Deploys' });
    account.addToken({ name: 'Backups' });
    const el = await tokens(account);
    await loaded(el);
    const revoke = $<HTMLButtonElement>(el, 'button[aria-label="Revoke Backups"]');
    revoke.focus();
    revoke.click();
    await el.updateComplete;
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    expect(dialog.open).to.be.true;
    expect(dialog.textContent).to.contain('Revoke “Backups”?').and.contain('stops working at once');
    await expect(el).to.be.accessible();
    dialogButton(el, 'Cancel').click();
    await el.updateComplete;
    expect(account.callsTo('DELETE /api/v1/tokens/' + account.tokens[1]!.id)).to.have.length(0);
    expect(el.shadowRoot!.activeElement, 'focus back on the button').to.equal(revoke);

    // Regression: the cancelled dialog's close event came a task later and answered this next dialog "no".
    revoke.click();
    await el.updateComplete;
    await aTimeout(0);
    expect($<HTMLDialogElement>(el, 'dialog').open, 'the next dialog is still open').to.be.true;
    dialogButton(el, 'Revoke').click();
    await waitUntil(() => account.tokens.length === 1, 'not revoked');
    await settled(el);
    expect(account.tokens.map((t) => t.name)).to.deep.equal(['Deploys']);
    expect(rows(el).map((r) => r[0])).to.deep.equal(['Deploys']);
    expect($(el, '[role="status"]').textContent?.trim()).to.equal('“Backups” is revoked.');
  });

  it('shows the sign-in explanation when signed out, and speaks Spanish', async () => {
    const el = await tokens(account, { signedInAs: null, lang: 'es' });
    expect($(el, '[part="signed-out"]').textContent).to.contain('Inicia sesión para continuar.');
    await expect(el).to.be.accessible();
  });

  it('is accessible in the dark theme with the form open', async () => {
    account.addToken({ name: 'Deploys' });
    const el = await inAccountProvider<PortalApiTokens>(
      account,
      html`<portal-api-tokens theme="dark"></portal-api-tokens>`,
      'portal-api-tokens',
    );
    await loaded(el);
    button(el, 'New token').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
