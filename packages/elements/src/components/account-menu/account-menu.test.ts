import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PortalProvider } from '../provider/provider.js';
import { FakeAccount, inAccountProvider } from '../../../test/fake-account.js';
import { FakePortal } from '../../../test/fake-portal.js';
import { $, inProvider } from '../../../test/helpers.js';
import { initials, type PortalAccountMenu } from './account-menu.js';

const menu = (portal: FakePortal, options: { signedInAs?: string; lang?: string } = {}) =>
  inProvider<PortalAccountMenu>(
    portal,
    html`<portal-account-menu login-href="/login"></portal-account-menu>`,
    'portal-account-menu',
    { signedInAs: 'ada@example.com', ...options },
  );

const trigger = (el: PortalAccountMenu) => $<HTMLButtonElement>(el, '[part="trigger"]');
const panel = (el: PortalAccountMenu) => $(el, '[part="panel"]');
const focused = (el: PortalAccountMenu) => el.shadowRoot!.activeElement;

describe('<portal-account-menu>', () => {
  let portal: FakePortal;
  beforeEach(() => {
    portal = new FakePortal();
  });

  it('shows the initials and name on a closed menu button', async () => {
    const el = await menu(portal);
    expect($(el, '[part="avatar"]').textContent).to.equal('AL');
    // The accessible name says what the button is for, and contains the visible name.
    expect($(el, '[part="trigger"] .sr-only').textContent).to.equal('Account menu for Ada Lovelace');
    expect(trigger(el).getAttribute('aria-expanded')).to.equal('false');
    expect(trigger(el).getAttribute('aria-haspopup')).to.equal('menu');
    expect(panel(el).hidden).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('opens with Enter, shows who is signed in, and closes with Escape returning focus', async () => {
    const el = await menu(portal);
    trigger(el).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.open).to.be.true;
    expect(trigger(el).getAttribute('aria-expanded')).to.equal('true');
    const text = panel(el).textContent ?? '';
    expect(text).to.contain('Ada Lovelace');
    expect(text).to.contain('ada@example.com');
    expect(text).to.contain('Analytical Engines Ltd');
    expect(focused(el)?.getAttribute('role')).to.equal('menuitem');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.be.false;
    expect(panel(el).hidden).to.be.true;
    expect(focused(el)).to.equal(trigger(el));
  });

  it('opens with Space and with ArrowDown', async () => {
    const el = await menu(portal);
    trigger(el).focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.open).to.be.true;
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.open).to.be.true;
    expect(focused(el)?.textContent?.trim()).to.equal('Sign out');
  });

  it('closes on a click outside', async () => {
    const el = await menu(portal);
    trigger(el).click();
    await el.updateComplete;
    expect(el.open).to.be.true;
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.open).to.be.false;
  });

  it('signs out from the menu and fires portal-signed-out', async () => {
    const el = await menu(portal);
    trigger(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const signedOut = oneEvent(el, 'portal-signed-out');
    await sendKeys({ press: 'Enter' });
    const event = await signedOut;
    expect(event.bubbles && event.composed).to.be.true;
    expect(portal.callsTo('/api/v1/auth/logout')).to.have.length(1);
    await el.updateComplete;
    const link = $<HTMLAnchorElement>(el, 'a[part="link"]');
    expect(link.getAttribute('href')).to.equal('/login');
    await waitUntil(() => focused(el) === link, 'focus not on the sign-in link');
  });

  it('shows a sign-in link when signed out, or nothing without login-href', async () => {
    const el = await menu(portal, { signedInAs: undefined });
    expect($(el, 'a[part="link"]').textContent).to.equal('Sign in');
    await expect(el).to.be.accessible();
    el.loginHref = undefined;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('a, button')).to.be.null;
  });

  it('shows a skeleton while the session loads', async () => {
    portal.answer('GET /api/v1/auth/session', () => new Promise(() => {}));
    const provider = await fixture<PortalProvider>(
      html`<portal-provider .client=${portal.client()}
        ><portal-account-menu login-href="/login"></portal-account-menu
      ></portal-provider>`,
    );
    const el = provider.querySelector('portal-account-menu')!;
    await el.updateComplete;
    const skeleton = $(el, '[part="skeleton"]');
    expect(skeleton.getAttribute('role')).to.equal('status');
    expect(skeleton.textContent).to.equal('Loading…');
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const el = await menu(portal, { lang: 'es' });
    trigger(el).click();
    await el.updateComplete;
    expect(trigger(el).textContent).to.contain('Menú de la cuenta de Ada Lovelace');
    expect(panel(el).textContent).to.contain('Cuenta: Analytical Engines Ltd');
    expect($(el, '[role="menuitem"]').textContent?.trim()).to.equal('Cerrar sesión');
  });

  it('shows the sign-in link when the session could not be loaded', async () => {
    portal.answer('GET /api/v1/auth/session', () => Promise.reject(new TypeError('Failed to fetch')));
    const el = await menu(portal, { signedInAs: undefined });
    expect($(el, 'a[part="link"]').textContent).to.equal('Sign in');
  });

  it('is accessible open in the dark theme', async () => {
    const el = await inProvider<PortalAccountMenu>(
      portal,
      html`<portal-account-menu theme="dark"></portal-account-menu>`,
      'portal-account-menu',
      { signedInAs: 'ada@example.com' },
    );
    trigger(el).click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('standalone, shares its client with other standalone elements on the same server', async () => {
    const original = window.fetch;
    window.fetch = portal.fetch;
    try {
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <portal-account-menu api="http://shared.test" mode="token"></portal-account-menu>
        <portal-login api="http://shared.test" mode="token"></portal-login>
      </div>`);
      const el = wrapper.querySelector('portal-account-menu')!;
      const login = wrapper.querySelector('portal-login')!;
      expect(el.client).to.equal(login.client);
      await waitUntil(() => el.sessionState.status === 'signed-out');
      await login.client!.auth.login({ email: 'ada@example.com', password: 'analytical engine' });
      await el.updateComplete;
      expect($(el, '[part="avatar"]').textContent).to.equal('AL');
    } finally {
      window.fetch = original;
    }
  });

  describe('with several accounts', () => {
    let account: FakeAccount;
    beforeEach(() => {
      account = new FakeAccount(portal);
      account.addAccount({ id: 'acct_02', name: 'Difference Engines', role: 'technical' });
    });
    const accountMenu = () =>
      inAccountProvider<PortalAccountMenu>(
        account,
        html`<portal-account-menu></portal-account-menu>`,
        'portal-account-menu',
      );
    const radios = (el: PortalAccountMenu) => [
      ...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitemradio"]'),
    ];

    it('offers "Switch account" in the menu, reachable with the arrow keys', async () => {
      const el = await accountMenu();
      trigger(el).focus();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect($(el, '[part~="switch-account"]').getAttribute('aria-label')).to.equal('Switch account');
      expect(
        radios(el).map((r) => [r.textContent?.replace(/\s+/g, ' ').trim(), r.getAttribute('aria-checked')]),
      ).to.deep.equal([
        ['Analytical Engines Ltd Owner', 'true'],
        ['Difference Engines Technical', 'false'],
      ]);
      expect(focused(el)).to.equal(radios(el)[0]);
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'End' });
      expect(focused(el)?.textContent?.trim()).to.equal('Sign out');
      await sendKeys({ press: 'Home' });
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(el)).to.equal(radios(el)[1]);

      const switched = oneEvent(el, 'portal-account-switched');
      await sendKeys({ press: 'Enter' });
      expect((await switched).detail.account.id).to.equal('acct_02');
      await el.updateComplete;
      expect(account.callsTo('POST /api/v1/auth/switch-account').map((c) => c.body)).to.deep.equal([
        { accountId: 'acct_02' },
      ]);
      expect(el.open).to.be.false;
      expect(focused(el)).to.equal(trigger(el));
      expect($(el, '[role="status"]').textContent).to.equal('Now using Difference Engines.');
      trigger(el).click();
      await el.updateComplete;
      expect(panel(el).textContent).to.contain('Account: Difference Engines');
      expect(radios(el).map((r) => r.getAttribute('aria-checked'))).to.deep.equal(['false', 'true']);
    });

    it('closes without asking the server when the active account is picked', async () => {
      const el = await accountMenu();
      trigger(el).focus();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.open).to.be.false;
      expect(account.callsTo('POST /api/v1/auth/switch-account')).to.have.length(0);
    });

    it('speaks Spanish in the dark theme', async () => {
      const el = await inAccountProvider<PortalAccountMenu>(
        account,
        html`<portal-account-menu theme="dark"></portal-account-menu>`,
        'portal-account-menu',
        { lang: 'es' },
      );
      trigger(el).click();
      await el.updateComplete;
      expect($(el, '[part~="switch-account"]').getAttribute('aria-label')).to.equal('Cambiar de cuenta');
      expect(radios(el)[1]!.textContent).to.contain('Técnico');
      await expect(el).to.be.accessible();
    });
  });

  it('makes initials from names', () => {
    expect(initials('Ada Lovelace')).to.equal('AL');
    expect(initials('  grace  brewster murray hopper ')).to.equal('GH');
    expect(initials('Cher')).to.equal('C');
    expect(initials('')).to.equal('');
  });
});
