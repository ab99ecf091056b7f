import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdmin, fill, mountPage, noticeText, rows, submitFormOf } from '../../../test/fake-admin.js';
import { $, button, settled } from '../../../test/helpers.js';
import type { PortalAdminMagicLink } from '../admin-magic-link/admin-magic-link.js';
import type { PortalAdminPortalUsers } from './admin-portal-users.js';

const mount = (fake: FakeAdmin, as = 'grace@example.com') =>
  mountPage<PortalAdminPortalUsers>(
    html`<portal-admin-portal-users .client=${fake.client()} .session=${fake.signIn(as)} .searchDelay=${50}></portal-admin-portal-users>`,
    fake,
    { as },
  );

const row = (el: PortalAdminPortalUsers, email: string) =>
  rows(el).find((r) => r.textContent?.includes(email))!;
const select = async (el: PortalAdminPortalUsers, email: string) => {
  const box = row(el, email).querySelector<HTMLInputElement>('input[type="checkbox"]')!;
  box.click();
  await el.updateComplete;
};
const emails = (el: PortalAdminPortalUsers) =>
  rows(el).map((r) => r.querySelectorAll('td')[2]?.textContent?.trim());

/** Replaces the clipboard's writeText while `body` runs; returns what was written. */
async function withClipboard(body: () => Promise<void>): Promise<string[]> {
  const written: string[] = [];
  Object.defineProperty(navigator.clipboard, 'writeText', {
    configurable: true,
    value: async (text: string) => {
      written.push(text);
    },
  });
  try {
    await body();
  } finally {
    delete (navigator.clipboard as unknown as Record<string, unknown>).writeText;
  }
  return written;
}

describe('<portal-admin-portal-users>', () => {
  let fake: FakeAdmin;
  beforeEach(() => {
    fake = new FakeAdmin();
  });

  it('shows the portal address with a Copy button and the not invited / invited / joined counts', async () => {
    const el = await mount(fake);
    expect($<HTMLInputElement>(el, '[name="portalUrl"]').value).to.equal('https://portal.example.com');
    const counts = [...el.shadowRoot!.querySelectorAll('.counts div')].map(
      (d) => `${d.querySelector('dt')?.textContent}: ${d.querySelector('dd')?.textContent}`,
    );
    expect(counts).to.deep.equal(['Not invited: 1', 'Invited: 1', 'Joined: 2']);
    expect(rows(el)).to.have.length(4);
    const written = await withClipboard(async () => {
      $<HTMLButtonElement>(el, '[part~="copy"]').click();
      await waitUntil(() => noticeText(el));
    });
    expect(written).to.deep.equal(['https://portal.example.com']);
    expect(noticeText(el)).to.equal('Portal address copied to the clipboard.');
    await expect(el).to.be.accessible();
  });

  it('searches and filters by status', async () => {
    const el = await mount(fake);
    await fill(el, 'q', 'acme');
    await waitUntil(() => rows(el).length === 2, 'search never applied');
    await fill(el, 'status', 'invited');
    await waitUntil(() => rows(el).length === 1);
    expect(emails(el)).to.deep.equal(['bob@acme.test']);
    const last = fake.callsTo('/api/admin/v1/portal-users').at(-1);
    expect(last?.query).to.include({ q: 'acme', status: 'invited' });
  });

  it('invites the selected people and shows each person’s result', async () => {
    const el = await mount(fake);
    await select(el, 'ada@acme.test');
    await select(el, 'carol@globex.test');
    expect($(el, '[part~="bulk"] p').textContent).to.equal('2 selected');
    await expect(el).to.be.accessible();
    button(el, 'Invite').click();
    await settled(el);
    const ada = fake.accounts.find((a) => a.name === 'Acme Ltd')!;
    const globex = fake.accounts.find((a) => a.name === 'Globex')!;
    expect(fake.callsTo('/api/admin/v1/portal-users/invitations')[0]?.body).to.deep.equal({
      targets: [
        { userId: globex.users[0]?.userId, accountId: globex.id },
        { userId: ada.users[0]?.userId, accountId: ada.id },
      ],
    });
    const results = [...el.shadowRoot!.querySelectorAll('[part~="results"] li')].map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(results).to.deep.equal([
      'Sent carol@globex.test',
      'Not sent ada@acme.test Already signed in to the portal.',
    ]);
    expect(noticeText(el)).to.equal('1 sent, 1 not sent.');
    // The list reloads with the new statuses and counts, and the selection is cleared.
    await waitUntil(() => row(el, 'carol@globex.test').textContent?.includes('Invited'));
    expect($(el, '[part~="bulk"] p').textContent).to.equal('0 selected');
    await expect(el).to.be.accessible();
  });

  it('selects everyone shown at once and emails them each a sign-in link', async () => {
    fake.accounts.find((a) => a.name === 'Initech')!.users[0]!.disabled = true;
    const el = await mount(fake);
    const all = $<HTMLInputElement>(el, 'thead input[type="checkbox"]');
    all.click();
    await el.updateComplete;
    expect($(el, '[part~="bulk"] p').textContent).to.equal('3 selected');
    button(el, 'Send login email').click();
    await settled(el);
    expect(fake.callsTo('/api/admin/v1/portal-users/login-emails')[0]?.body.userIds).to.have.length(3);
    expect(noticeText(el)).to.equal('3 sent, 0 not sent.');
  });

  it('makes a magic link landing on a page, and copies it', async () => {
    const el = await mount(fake);
    $<HTMLButtonElement>(el, '[aria-label="Magic link for Ada Acme"]').click();
    await el.updateComplete;
    const magic = $<PortalAdminMagicLink>(el, 'portal-admin-magic-link');
    await magic.updateComplete;
    await fill(magic, 'destination', 'https://evil.example');
    await submitFormOf(magic, 'destination');
    expect($(magic, '#destination-error').textContent).to.equal(
      'Use a path inside the portal, starting with / (such as /invoices).',
    );
    expect(fake.callsTo('/api/admin/v1/portal-users/magic-links')).to.have.length(0);

    await fill(magic, 'destination', '/invoices/inv_1/pay');
    await submitFormOf(magic, 'destination');
    await settled(magic);
    const acme = fake.accounts.find((a) => a.name === 'Acme Ltd')!;
    expect(fake.callsTo('/api/admin/v1/portal-users/magic-links')[0]?.body).to.deep.equal({
      userId: acme.users[0]?.userId,
      accountId: acme.id,
      destination: '/invoices/inv_1/pay',
    });
    const url = $<HTMLInputElement>(magic, '[name="url"]');
    expect(url.value).to.match(/^https:\/\/portal\.example\.com\/magic#token=ml_/);
    expect(url.readOnly).to.be.true;
    expect($(magic, '#url-hint').textContent).to.contain('10 minutes');
    await waitUntil(
      () => magic.shadowRoot!.activeElement?.textContent?.trim() === 'Copy',
      'copy not focused',
    );
    const written = await withClipboard(async () => {
      button(magic, 'Copy').click();
      await waitUntil(() => noticeText(magic).includes('copied'));
    });
    expect(written).to.deep.equal([url.value]);
    expect(noticeText(magic)).to.equal('Magic link copied to the clipboard.');
    await expect(el).to.be.accessible();
  });

  it('invites someone new onto a client found by search', async () => {
    const el = await mount(fake);
    button(el, 'Invite someone new').click();
    await el.updateComplete;
    await fill(el, 'new.clientSearch', 'glob');
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[name="new.accountId"] option').length === 2);
    const globex = fake.accounts.find((a) => a.name === 'Globex')!;
    await fill(el, 'new.accountId', globex.id);
    await fill(el, 'new.email', 'dan@globex.test');
    await fill(el, 'new.name', 'Dan Globex');
    await fill(el, 'new.role', 'billing');
    await expect(el).to.be.accessible();
    await submitFormOf(el, 'new.email');
    await settled(el);
    expect(fake.callsTo('/api/admin/v1/portal-users/invitations')[0]?.body).to.deep.equal({
      targets: [{ accountId: globex.id, email: 'dan@globex.test', name: 'Dan Globex', role: 'billing' }],
    });
    expect(noticeText(el)).to.equal('Invitation sent to dan@globex.test.');
    await waitUntil(() => emails(el).includes('dan@globex.test'), 'never listed');
  });

  it('offers billing staff login emails and magic links but not invitations', async () => {
    const el = await mount(fake, 'bill@example.com');
    const labels = [...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(labels).to.include('Send login email');
    expect(labels).not.to.include('Invite');
    expect(labels).not.to.include('Invite someone new');
    expect(labels).to.include('Magic link');
  });

  it('resets the two-factor of someone who lost their phone, after a confirmation', async () => {
    const el = await mount(fake);
    const reset = () =>
      row(el, 'ada@acme.test').querySelector<HTMLButtonElement>(
        'button[aria-label="Reset two-factor for Ada Acme"]',
      );
    expect(reset(), 'shown where two-factor is on').to.exist;
    expect(row(el, 'dave@initech.test').textContent).not.to.include('Reset two-factor');
    reset()!.click();
    await el.updateComplete;
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    expect(dialog.textContent).to.include('Reset two-factor for Ada Acme?');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => noticeText(el));
    expect(noticeText(el)).to.equal('Two-factor is off for Ada Acme; they were told by email.');
    expect(reset(), 'gone once off').to.be.null;
    expect(fake.calls.some((c) => c.path.endsWith('/reset-2fa'))).to.be.true;
  });

  it('does not offer billing staff the two-factor reset', async () => {
    const el = await mount(fake, 'bill@example.com');
    expect(el.shadowRoot!.textContent).not.to.include('Reset two-factor');
  });

  it('says so when nobody matches', async () => {
    const el = await mount(fake);
    await fill(el, 'q', 'nobody at all');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="empty"]'));
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal(
      'Nobody matches. Try another search or status.',
    );
    await expect(el).to.be.accessible();
  });
});
