import { expect, html, waitUntil } from '@open-wc/testing';
import type { ActivityEvent } from '@portico/sdk';
import { FakeAccount, inAccountProvider } from '../../../test/fake-account.js';
import { problem } from '../../../test/fake-portal.js';
import { $, button, settled } from '../../../test/helpers.js';
import type { PortalErrorEvent } from '../../lib/events.js';
import type { PortalActivity } from './activity.js';

const activity = (account: FakeAccount, options: Parameters<typeof inAccountProvider>[3] = {}) =>
  inAccountProvider<PortalActivity>(
    account,
    html`<portal-activity page-size="3"></portal-activity>`,
    'portal-activity',
    options,
  );

const entries = (el: PortalActivity) =>
  [...el.shadowRoot!.querySelectorAll('[part~="entry"]')].map((entry) => ({
    sentence: entry.querySelector('[part="sentence"]')?.textContent?.replace(/\s+/g, ' ').trim(),
    meta: entry.querySelector('[part="meta"]')?.textContent?.replace(/\s+/g, ' ').trim(),
  }));

async function loaded(el: PortalActivity) {
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="entry"], [part="empty"]'), 'never loaded');
  await el.updateComplete;
}

const event = (
  action: string,
  details: ActivityEvent['details'] = {},
  extra: Partial<ActivityEvent> = {},
) => ({
  id: `aud_${action.replace(/\W/g, '')}${Object.values(details).join('')}`,
  at: new Date().toISOString(),
  action,
  actor: { type: 'user' as const, label: 'ada@example.com' },
  device: null,
  ip: null,
  place: null,
  details,
  ...extra,
});

describe('<portal-activity>', () => {
  let account: FakeAccount;
  beforeEach(() => {
    account = new FakeAccount();
  });

  it('shows the timeline grouped by day, with who, device, place and time', async () => {
    const now = new Date();
    account.seedActivity(3, now.getTime());
    account.activity[2]!.at = new Date(now.getTime() - 2 * 86_400_000).toISOString();
    const el = await activity(account);
    await loaded(el);
    const days = [...el.shadowRoot!.querySelectorAll('[part="day"]')].map((d) => d.textContent);
    expect(days).to.have.length(now.getHours() >= 1 ? 2 : 3);
    expect(days[0]).to.equal('Today');
    const [first, second, third] = entries(el);
    expect(first!.sentence).to.equal('Signed in with a password');
    expect(first!.meta).to.match(/^ada@example\.com · Firefox on Windows · United Kingdom · \d{1,2}:\d{2}/);
    expect(second!.sentence).to.equal('Created an API token: CI deploys');
    expect(third!.sentence).to.equal('Failed sign-in attempt Failed');
    expect(el.shadowRoot!.querySelector('time')?.getAttribute('datetime')).to.equal(account.activity[0]!.at);
    expect(el.shadowRoot!.querySelector('[part="credit"] a')?.textContent).to.equal(
      'IP Geolocation by DB-IP',
    );
    await expect(el).to.be.accessible();
  });

  it('describes every known action, and shows the id of others', async () => {
    account.activity = [
      event('auth.signed_in', { method: 'email_code' }),
      event('auth.signed_in', { method: 'magic_link' }),
      event('auth.signed_in', { method: 'passkey' }),
      event('auth.signed_in', { method: 'carrier_pigeon' }),
      event('auth.mfa_failed'),
      event('auth.account_switched'),
      event('security.totp_enabled'),
      event('security.totp_disabled'),
      event('security.backup_codes_regenerated'),
      event('security.passkey_added', { name: 'MacBook' }),
      event('security.passkey_removed', { name: 'Old phone' }),
      event('security.password_changed'),
      event('security.email_changed'),
      event('profile.updated'),
      event('token.revoked', { name: 'CI' }),
      event('token.used', { name: 'CI' }, { actor: { type: 'token', label: 'CI' } }),
      event('contact.updated', { email: 'grace@example.com' }),
      event('contact.removed', { email: 'grace@example.com' }),
      event('contact.invited', { email: 'grace@example.com' }, { actor: { type: 'staff', label: null } }),
      event('billing.invoice_paid', {}, { actor: { type: 'system', label: null } }),
    ];
    const el = await inAccountProvider<PortalActivity>(
      account,
      html`<portal-activity></portal-activity>`,
      'portal-activity',
    );
    await loaded(el);
    const shown = entries(el);
    expect(shown.map((e) => e.sentence)).to.deep.equal([
      'Signed in with an emailed code',
      'Signed in with an email link',
      'Signed in with a passkey',
      'Signed in',
      'Wrong two-step verification code Failed',
      'Switched to this account',
      'Turned on two-step verification',
      'Turned off two-step verification',
      'Generated new backup codes',
      'Added a passkey: MacBook',
      'Removed a passkey: Old phone',
      'Changed the password',
      'Changed the sign-in email',
      'Updated the account details',
      'Revoked an API token: CI',
      'Used an API token: CI',
      "Changed a contact's access: grace@example.com",
      'Removed a contact: grace@example.com',
      'Invited a contact: grace@example.com',
      'Other activity: billing.invoice_paid',
    ]);
    expect(shown[15]!.meta).to.match(/^API token “CI” · /);
    await waitUntil(
      () => entries(el)[18]!.meta?.startsWith('Northwind Hosting'),
      'staff not shown as the business',
    );
    expect(shown[19]!.meta).to.match(/^System · /);
    expect($(el, '[part~="entry"]:last-child code').textContent).to.equal('billing.invoice_paid');
  });

  it('loads more with the cursor and moves focus to the first new entry', async () => {
    account.seedActivity(5);
    const el = await activity(account);
    await loaded(el);
    expect(entries(el)).to.have.length(3);
    button(el, 'Load more').click();
    await settled(el);
    expect(entries(el)).to.have.length(5);
    expect(account.callsTo('/api/v1/account/activity').map((c) => c.query)).to.deep.equal([
      { limit: '3' },
      { limit: '3', cursor: '3' },
    ]);
    await waitUntil(() => el.shadowRoot!.activeElement?.id === account.activity[3]!.id, 'focus not moved');
    expect(() => button(el, 'Load more')).to.throw();
  });

  it('explains to someone who is not the owner, without asking the server', async () => {
    account.asContact('billing');
    const el = await activity(account);
    expect($(el, '[part="not-allowed"]').textContent).to.equal(
      "Only the account owner can see the account's security activity.",
    );
    expect(account.callsTo('/api/v1/account/activity')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('says when there is no activity yet', async () => {
    const el = await activity(account);
    await loaded(el);
    expect($(el, '[part="empty"]').textContent).to.equal('No activity yet.');
  });

  it('reports a timeline that could not be loaded, with portal-error', async () => {
    account.answer('GET /api/v1/account/activity', () => problem(503, 'INTERNAL', 'Down for a moment.'));
    const errors: PortalErrorEvent[] = [];
    const record = (e: PortalErrorEvent) => errors.push(e);
    document.addEventListener('portal-error', record);
    try {
      const el = await activity(account);
      await waitUntil(() => el.shadowRoot!.querySelector('[part="load-error"]'), 'no error shown');
      expect(errors.map((e) => e.detail.action)).to.deep.equal(['activity']);
      button(el, 'Try again').click();
      await loaded(el);
    } finally {
      document.removeEventListener('portal-error', record);
    }
  });

  it('shows the sign-in explanation when signed out', async () => {
    const el = await activity(account, { signedInAs: null });
    expect($(el, '[part="signed-out"]').textContent).to.contain('Sign in to continue.');
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish, in the dark theme too', async () => {
    account.seedActivity(2);
    const el = await inAccountProvider<PortalActivity>(
      account,
      html`<portal-activity theme="dark"></portal-activity>`,
      'portal-activity',
      { lang: 'es' },
    );
    await loaded(el);
    expect($(el, '[part="day"]').textContent).to.equal('Hoy');
    expect(entries(el)[0]!.sentence).to.equal('Inició sesión con contraseña');
    expect(entries(el)[0]!.meta).to.contain('Reino Unido');
    await expect(el).to.be.accessible();
  });
});
