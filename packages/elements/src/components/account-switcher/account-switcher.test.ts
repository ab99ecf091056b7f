import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { FakeAccount, inAccountProvider } from '../../../test/fake-account.js';
import { problem } from '../../../test/fake-portal.js';
import { $, alertText, settled } from '../../../test/helpers.js';
import type { PortalAccountSwitchedEvent } from '../../lib/account-switch.js';
import type { PortalAccountSwitcher } from './account-switcher.js';

const switcher = (
  account: FakeAccount,
  content = html`<portal-account-switcher></portal-account-switcher>`,
  options = {},
) => inAccountProvider<PortalAccountSwitcher>(account, content, 'portal-account-switcher', options);

const items = (el: PortalAccountSwitcher) =>
  [...el.shadowRoot!.querySelectorAll('[part~="account"]')].map((item) => ({
    text: item.textContent?.replace(/\s+/g, ' ').trim(),
    current: item.getAttribute('aria-current') === 'true',
    button: item.localName === 'button',
  }));

describe('<portal-account-switcher>', () => {
  let account: FakeAccount;
  beforeEach(() => {
    account = new FakeAccount();
    account.addAccount({ id: 'acct_02', name: 'Difference Engines', role: 'billing' });
  });

  it('lists the accounts with the role in each, the active one marked', async () => {
    const el = await switcher(account);
    expect($(el, '[part="title"]').textContent).to.equal('Switch account');
    expect(items(el)).to.deep.equal([
      { text: 'Analytical Engines Ltd Owner Current', current: true, button: false },
      { text: 'Difference Engines Billing', current: false, button: true },
    ]);
    await expect(el).to.be.accessible();
  });

  it('switches account, and the session follows everywhere', async () => {
    const el = await inAccountProvider<PortalAccountSwitcher>(
      account,
      html`<portal-account-switcher></portal-account-switcher><portal-account-menu></portal-account-menu>`,
      'portal-account-switcher',
    );
    const switched = oneEvent(el, 'portal-account-switched') as Promise<PortalAccountSwitchedEvent>;
    $<HTMLButtonElement>(el, 'button[part~="account"]').click();
    const event = await switched;
    expect(event.detail.account.id).to.equal('acct_02');
    expect(event.bubbles && event.composed).to.be.true;
    expect(account.callsTo('POST /api/v1/auth/switch-account').map((c) => c.body)).to.deep.equal([
      { accountId: 'acct_02' },
    ]);
    await settled(el);
    expect(el.sessionState.session?.account.name).to.equal('Difference Engines');
    expect(items(el).map((i) => i.current)).to.deep.equal([false, true]);
    expect($(el, '[role="status"]').textContent?.trim()).to.equal('Now using Difference Engines.');
    await waitUntil(
      () => el.shadowRoot!.activeElement?.getAttribute('aria-current') === 'true',
      'focus lost',
    );
    const menu = el.parentElement!.querySelector('portal-account-menu')!;
    await menu.updateComplete;
    expect(menu.shadowRoot!.textContent).to.contain('Account: Difference Engines');
  });

  it('shows why switching failed', async () => {
    account.answer('POST /api/v1/auth/switch-account', () =>
      problem(404, 'ACCOUNT_NOT_FOUND', 'You are not a member of that account.'),
    );
    const el = await switcher(account);
    $<HTMLButtonElement>(el, 'button[part~="account"]').click();
    await settled(el);
    expect(alertText(el)).to.equal('You are not a member of that account.');
    expect(el.sessionState.session?.account.id).to.equal('acct_01');
  });

  it('renders nothing with one account unless always, and nothing when signed out', async () => {
    account.accounts = account.accounts.slice(0, 1);
    const el = await switcher(account);
    expect(el.shadowRoot!.children).to.have.length(0);
    el.always = true;
    await el.updateComplete;
    expect(items(el)).to.have.length(1);
    await expect(el).to.be.accessible();
    const signedOut = await switcher(
      account,
      html`<portal-account-switcher always></portal-account-switcher>`,
      {
        signedInAs: null,
      },
    );
    expect(signedOut.shadowRoot!.children).to.have.length(0);
  });

  it('speaks Spanish', async () => {
    const el = await switcher(
      account,
      html`<portal-account-switcher theme="dark"></portal-account-switcher>`,
      {
        lang: 'es',
      },
    );
    expect($(el, '[part="title"]').textContent).to.equal('Cambiar de cuenta');
    expect(items(el)[0]!.text).to.equal('Analytical Engines Ltd Propietario Actual');
    await expect(el).to.be.accessible();
  });
});
