import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FakeAccount } from '../../../test/fake-account.js';
import { FakePortal, problem } from '../../../test/fake-portal.js';
import type { PortalErrorEvent, PortalSessionChangeEvent } from '../../lib/events.js';
import type { PortalFooter } from '../footer/footer.js';
import type { PortalAccountMenu } from '../account-menu/account-menu.js';
import type { PortalLogin } from '../login/login.js';
import type { PortalProfile } from '../profile/profile.js';
import { brandTokens, contrast } from './brand.js';
import type { PortalProvider } from './provider.js';
import '../../index.js';

/** The computed colours of the login's submit button. */
const submitColours = (login: PortalLogin) => {
  const style = getComputedStyle(login.shadowRoot!.querySelector('button[type="submit"]')!);
  return { background: style.backgroundColor, color: style.color };
};

const rgb = (hex: string) =>
  [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as unknown as readonly [
    number,
    number,
    number,
  ];

/** `[light, dark]` out of `light-dark(a, b)`. */
const pair = (value: string) => value.match(/#[0-9a-f]{6}/g)!;

describe('<portal-provider>', () => {
  let portal: FakePortal;
  beforeEach(() => {
    portal = new FakePortal();
  });

  it('loads the session and shares the client and session with the elements inside', async () => {
    const client = portal.client('ada@example.com');
    const provider = await fixture<PortalProvider>(
      html`<portal-provider .client=${client}><div><portal-login></portal-login></div></portal-provider>`,
    );
    await waitUntil(() => provider.sessionState.status === 'signed-in');
    expect(provider.sessionState.session?.user.name).to.equal('Ada Lovelace');
    expect(portal.callsTo('/api/v1/auth/session')).to.have.length(1);
    const login = provider.querySelector<PortalLogin>('portal-login')!;
    expect(login.client).to.equal(client);
    expect(login.sessionState).to.equal(provider.sessionState);
  });

  it('follows sign-ins and sign-outs made through its client', async () => {
    const client = portal.client();
    const provider = await fixture<PortalProvider>(
      html`<portal-provider .client=${client}></portal-provider>`,
    );
    await waitUntil(() => provider.sessionState.status === 'signed-out');
    await client.auth.login({ email: 'ada@example.com', password: 'analytical engine' });
    expect(provider.sessionState.status).to.equal('signed-in');
    await client.auth.logout();
    expect(provider.sessionState).to.deep.equal({ status: 'signed-out', session: null });
  });

  describe('portal-session-change', () => {
    let seen: PortalSessionChangeEvent[];
    const record = (event: PortalSessionChangeEvent) => seen.push(event);
    const statuses = () => seen.map((event) => event.detail.status);
    beforeEach(() => {
      seen = [];
      document.addEventListener('portal-session-change', record);
    });
    afterEach(() => document.removeEventListener('portal-session-change', record));

    it('fires on the document once the first load finishes, with the session', async () => {
      const provider = await fixture<PortalProvider>(
        html`<portal-provider .client=${portal.client('ada@example.com')}></portal-provider>`,
      );
      await waitUntil(() => seen.length > 0, 'no portal-session-change');
      const [event] = seen;
      expect(event!.target).to.equal(provider);
      expect(event!.bubbles && event!.composed).to.be.true;
      expect(event!.detail.status).to.equal('signed-in');
      expect(event!.detail.session?.user.name).to.equal('Ada Lovelace');
      expect(event!.detail).to.equal(provider.sessionState);
    });

    it('fires on sign-in and sign-out, and when the server ended the session, never for loading', async () => {
      const client = portal.client();
      const provider = await fixture<PortalProvider>(
        html`<portal-provider .client=${client}></portal-provider>`,
      );
      await waitUntil(() => seen.length === 1, 'first load not announced');
      await client.auth.login({ email: 'ada@example.com', password: 'analytical engine' });
      expect(statuses()).to.deep.equal(['signed-out', 'signed-in']);
      expect(seen[1]!.detail.session?.user.email).to.equal('ada@example.com');
      // Regression (contract change): a signed-out session read is 200 `null`, and the SDK reports a session
      // it knew that the server no longer has.
      portal.endSessions();
      await provider.refresh();
      expect(statuses()).to.deep.equal(['signed-out', 'signed-in', 'signed-out']);
      expect(seen[2]!.detail.session).to.be.null;
      await client.auth.logout();
      await provider.refresh();
      expect(statuses(), 'nothing changed, nothing fired').to.have.length(3);
    });

    it('fires for a session that could not be loaded, and when a new client finds another', async () => {
      portal.answer('GET /api/v1/auth/session', () => problem(500, 'INTERNAL', 'Something broke.'));
      const provider = await fixture<PortalProvider>(
        html`<portal-provider .client=${portal.client()}></portal-provider>`,
      );
      await waitUntil(() => seen.length === 1, 'first load not announced');
      expect(seen[0]!.detail.status).to.equal('error');
      provider.client = portal.client('ada@example.com');
      await waitUntil(() => seen.length === 2, 'new session not announced');
      expect(statuses()).to.deep.equal(['error', 'signed-in']);
    });
  });

  it('reports a session that could not be loaded as an error', async () => {
    portal.answer('GET /api/v1/auth/session', () => problem(500, 'INTERNAL', 'Something broke.'));
    const provider = await fixture<PortalProvider>(
      html`<portal-provider .client=${portal.client()}></portal-provider>`,
    );
    await waitUntil(() => provider.sessionState.status === 'error');
    expect(provider.sessionState.session).to.be.null;
  });

  it('makes its own client from api and mode, cookie by default', async () => {
    const original = window.fetch;
    window.fetch = portal.fetch;
    try {
      const provider = await fixture<PortalProvider>(
        html`<portal-provider api="http://portal.test"><portal-login></portal-login></portal-provider>`,
      );
      expect(provider.client?.baseUrl).to.equal('http://portal.test');
      expect(provider.client?.mode).to.equal('cookie');
      expect(provider.querySelector<PortalLogin>('portal-login')!.client).to.equal(provider.client);
      await waitUntil(() => provider.sessionState.status === 'signed-out');
      provider.mode = 'token';
      await provider.updateComplete;
      expect(provider.client?.mode).to.equal('token');
    } finally {
      window.fetch = original;
    }
  });

  it('passes its lang to the elements, which their own lang overrides', async () => {
    const provider = await fixture<PortalProvider>(
      html`<portal-provider .client=${portal.client()} lang="es"
        ><portal-login id="a"></portal-login><portal-login id="b" lang="en"></portal-login
      ></portal-provider>`,
    );
    const [a, b] = [...provider.querySelectorAll<PortalLogin>('portal-login')];
    await waitUntil(() => provider.sessionState.status === 'signed-out');
    await a!.updateComplete;
    await b!.updateComplete;
    expect(a!.resolvedLocale).to.equal('es');
    expect(a!.shadowRoot!.querySelector('label')?.textContent).to.equal('Correo electrónico');
    expect(b!.shadowRoot!.querySelector('label')?.textContent).to.equal('Email');
    provider.setAttribute('lang', 'en');
    await provider.updateComplete;
    await a!.updateComplete;
    expect(a!.shadowRoot!.querySelector('label')?.textContent).to.equal('Email');
  });

  describe('portal configuration', () => {
    it('loads it once per client and shares it with the elements inside', async () => {
      const client = portal.client();
      const provider = await fixture<PortalProvider>(
        html`<portal-provider .client=${client}><portal-nav></portal-nav><portal-footer></portal-footer></portal-provider>`,
      );
      await waitUntil(() => provider.configState.status === 'ready', 'configuration never loaded');
      expect(provider.configState.config?.businessName).to.equal('Northwind Hosting');
      const footer = provider.querySelector<PortalFooter>('portal-footer')!;
      await footer.updateComplete;
      expect(footer.shadowRoot!.querySelector('[part="copyright"]')?.textContent).to.contain(
        'Northwind Hosting',
      );
      // A second provider with the same client does not ask again.
      const again = await fixture<PortalProvider>(
        html`<portal-provider .client=${client}></portal-provider>`,
      );
      await waitUntil(() => again.configState.status === 'ready');
      expect(portal.callsTo('/api/v1/portal/config')).to.have.length(1);
      await provider.refreshConfig();
      expect(portal.callsTo('/api/v1/portal/config')).to.have.length(2);
    });

    it('makes the brand colour the default primary colour, with readable text on it', async () => {
      portal.config.brandColor = '#0f766e';
      const provider = await fixture<PortalProvider>(
        html`<portal-provider .client=${portal.client()}><portal-login></portal-login></portal-provider>`,
      );
      await waitUntil(() => provider.configState.status === 'ready');
      const login = provider.querySelector('portal-login')!;
      await login.updateComplete;
      expect(submitColours(login)).to.deep.equal({
        background: 'rgb(15, 118, 110)',
        color: 'rgb(255, 255, 255)',
      });
      await expect(login).to.be.accessible();
    });

    it("lets the page's own --portal-color-primary win over the brand colour", async () => {
      portal.config.brandColor = '#0f766e';
      const wrapper = await fixture<HTMLDivElement>(html`<div
        style="--portal-color-primary: rgb(128, 0, 32); --portal-color-on-primary: rgb(255, 250, 240)"
      >
        <portal-provider .client=${portal.client()}><portal-login></portal-login></portal-provider>
      </div>`);
      const provider = wrapper.querySelector('portal-provider')!;
      await waitUntil(() => provider.configState.status === 'ready');
      const login = provider.querySelector('portal-login')!;
      await login.updateComplete;
      expect(submitColours(login)).to.deep.equal({
        background: 'rgb(128, 0, 32)',
        color: 'rgb(255, 250, 240)',
      });
      // Also when the page styles the provider itself.
      const style = document.createElement('style');
      style.textContent = 'portal-provider { --portal-color-primary: rgb(0, 64, 0); }';
      document.head.append(style);
      try {
        expect(submitColours(login).background).to.equal('rgb(0, 64, 0)');
      } finally {
        style.remove();
      }
    });

    it('darkens or lightens a brand colour that would be hard to read, in each scheme', async () => {
      const light = [0xf4, 0xf6, 0xf9] as const;
      const dark = [0x23, 0x27, 0x31] as const;
      for (const brand of [
        '#facc15',
        '#ffffff',
        '#000000',
        '#1d4ed8',
        '#0f766e',
        '#ff0000',
        '#6b21a8',
        '#00ffcc',
      ]) {
        const tokens = brandTokens(brand)!;
        const [lightPrimary, darkPrimary] = pair(tokens.primary) as [string, string];
        expect(contrast(rgb(lightPrimary), light), `${brand} light`).to.be.at.least(4.5);
        expect(contrast(rgb(darkPrimary), dark), `${brand} dark`).to.be.at.least(4.5);
        const [onLight, onDark] = tokens.onPrimary.match(/#[0-9a-f]{3,6}/g)! as [string, string];
        const full = (hex: string) => (hex === '#fff' ? '#ffffff' : hex);
        expect(contrast(rgb(full(onLight)), rgb(lightPrimary)), `${brand} on light`).to.be.at.least(4.5);
        expect(contrast(rgb(full(onDark)), rgb(darkPrimary)), `${brand} on dark`).to.be.at.least(4.5);
      }
      // A colour that already reads well is kept as it is.
      expect(pair(brandTokens('#1d4ed8')!.primary)[0]).to.equal('#1d4ed8');
      expect(brandTokens('red')).to.be.undefined;
      portal.config.brandColor = '#facc15';
      const provider = await fixture<PortalProvider>(
        html`<portal-provider .client=${portal.client()} theme="dark"
          ><portal-login theme="dark"></portal-login
        ></portal-provider>`,
      );
      await waitUntil(() => provider.configState.status === 'ready');
      await expect(provider.querySelector('portal-login')!).to.be.accessible();
    });

    it('reports a configuration that could not be loaded, and the elements keep their defaults', async () => {
      portal.answer('GET /api/v1/portal/config', () => problem(500, 'INTERNAL', 'Something broke.'));
      const errors: PortalErrorEvent[] = [];
      const record = (event: PortalErrorEvent) => errors.push(event);
      document.addEventListener('portal-error', record);
      try {
        const provider = await fixture<PortalProvider>(
          html`<portal-provider .client=${portal.client()}><portal-login></portal-login></portal-provider>`,
        );
        await waitUntil(() => provider.configState.status === 'error');
        expect(errors.map((event) => event.detail.action)).to.deep.equal(['config']);
        expect(provider.style.getPropertyValue('--portal-brand')).to.equal('');
        const login = provider.querySelector('portal-login')!;
        await login.updateComplete;
        expect(submitColours(login).background).to.equal('rgb(36, 81, 194)');
        // It loads once the server answers again, and a failed reload keeps what was shown.
        await provider.refreshConfig();
        expect(provider.configState.status).to.equal('ready');
        portal.answer('GET /api/v1/portal/config', () => problem(500, 'INTERNAL', 'Something broke.'));
        await provider.refreshConfig();
        expect(provider.configState.status).to.equal('ready');
        expect(errors).to.have.length(2);
      } finally {
        document.removeEventListener('portal-error', record);
      }
    });
  });

  describe("the signed-in person's preferred language", () => {
    /** The account menu's accessible name for its button, in the language it speaks. */
    const menuLabel = async (provider: PortalProvider) => {
      const menu = provider.querySelector<PortalAccountMenu>('portal-account-menu')!;
      await provider.updateComplete;
      await menu.updateComplete;
      return menu.shadowRoot!.querySelector('[part="trigger"] .sr-only')?.textContent;
    };

    it('is the language of the elements when the provider has no lang, and an explicit lang wins', async () => {
      const account = new FakeAccount(portal);
      account.locale = 'es';
      const provider = await fixture<PortalProvider>(
        html`<portal-provider .client=${account.client('ada@example.com')}
          ><portal-account-menu></portal-account-menu
        ></portal-provider>`,
      );
      await waitUntil(() => provider.sessionState.status === 'signed-in');
      expect(await menuLabel(provider)).to.equal('Menú de la cuenta de Ada Lovelace');
      provider.setAttribute('lang', 'en');
      expect(await menuLabel(provider)).to.equal('Account menu for Ada Lovelace');
      provider.removeAttribute('lang');
      expect(await menuLabel(provider)).to.equal('Menú de la cuenta de Ada Lovelace');
      // A new preference applies at once.
      await provider.client!.account.updateMe({ locale: 'en' });
      expect(await menuLabel(provider)).to.equal('Account menu for Ada Lovelace');
    });

    it('is ignored when the elements have no text in it', async () => {
      const account = new FakeAccount(portal);
      account.locale = 'fr';
      const provider = await fixture<PortalProvider>(
        html`<portal-provider .client=${account.client('ada@example.com')}
          ><portal-account-menu></portal-account-menu
        ></portal-provider>`,
      );
      await waitUntil(() => provider.sessionState.status === 'signed-in');
      await menuLabel(provider);
      expect(provider.querySelector<PortalAccountMenu>('portal-account-menu')!.resolvedLocale).not.to.equal(
        'fr',
      );
    });
  });

  describe('profile gate', () => {
    let account: FakeAccount;
    beforeEach(() => {
      account = new FakeAccount(portal);
      account.requiredFields = ['phone'];
      account.details.acct_01!.phone = null;
    });
    const gate = (provider: PortalProvider) =>
      provider.shadowRoot!.querySelector<HTMLDialogElement>('dialog[part="profile-gate"]');

    it('asks for the missing fields in a modal dialog that Escape does not close, until none are missing', async () => {
      const provider = await fixture<PortalProvider>(
        html`<portal-provider .client=${account.client('ada@example.com')}
          ><button type="button">Page</button></portal-provider
        >`,
      );
      await waitUntil(() => gate(provider)?.open, 'no profile gate');
      const dialog = gate(provider)!;
      expect(dialog.matches(':modal')).to.be.true;
      expect(dialog.getAttribute('aria-label')).to.equal('Complete your profile');
      const profile = dialog.querySelector<PortalProfile>('portal-profile[complete]')!;
      await waitUntil(() => profile.shadowRoot!.querySelector('input[name="phone"]'), 'profile not loaded');
      await expect(profile).to.be.accessible();

      await waitUntil(
        () => profile.shadowRoot!.activeElement?.getAttribute('name') === 'phone',
        'focus not on the first missing field',
      );
      await sendKeys({ press: 'Escape' });
      await sendKeys({ press: 'Escape' });
      await provider.updateComplete;
      await waitUntil(() => gate(provider)?.open, 'Escape closed the gate');

      const phone = profile.shadowRoot!.querySelector<HTMLInputElement>('input[name="phone"]')!;
      phone.value = '+44 20 7946 0000';
      phone.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await profile.updateComplete;
      profile.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await waitUntil(() => !gate(provider), 'the gate stayed open');
      expect(provider.sessionState.session?.profileMissing).to.deep.equal([]);
      expect(account.callsTo('PATCH /api/v1/profile').map((c) => c.body)).to.deep.equal([
        { phone: '+44 20 7946 0000' },
      ]);
    });

    it('offers signing out instead', async () => {
      const provider = await fixture<PortalProvider>(
        html`<portal-provider .client=${account.client('ada@example.com')}></portal-provider>`,
      );
      await waitUntil(() => gate(provider)?.open, 'no profile gate');
      const profile = gate(provider)!.querySelector<PortalProfile>('portal-profile')!;
      await waitUntil(() => profile.shadowRoot!.querySelector('input[name="phone"]'), 'profile not loaded');
      [...profile.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')]
        .find((b) => b.textContent?.trim() === 'Sign out')!
        .click();
      await waitUntil(() => provider.sessionState.status === 'signed-out');
      await provider.updateComplete;
      expect(gate(provider)).to.be.null;
    });

    it('is not shown with profile-gate="off", to someone who may not fill it, or when signed out', async () => {
      const off = await fixture<PortalProvider>(
        html`<portal-provider .client=${account.client('ada@example.com')} profile-gate="off"></portal-provider>`,
      );
      await waitUntil(() => off.sessionState.status === 'signed-in');
      await off.updateComplete;
      expect(off.sessionState.session?.profileMissing).to.deep.equal(['phone']);
      expect(gate(off)).to.be.null;

      account.asContact('technical');
      const contact = await fixture<PortalProvider>(
        html`<portal-provider .client=${account.client('ada@example.com')}></portal-provider>`,
      );
      await waitUntil(() => contact.sessionState.status === 'signed-in');
      await contact.updateComplete;
      expect(contact.sessionState.session?.profileMissing).to.deep.equal(['phone']);
      expect(gate(contact)).to.be.null;

      const signedOut = await fixture<PortalProvider>(
        html`<portal-provider .client=${account.client()}></portal-provider>`,
      );
      await waitUntil(() => signedOut.sessionState.status === 'signed-out');
      expect(gate(signedOut)).to.be.null;
    });
  });
});
