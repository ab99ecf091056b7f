import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FakePortal, problem } from '../../../test/fake-portal.js';
import type { PortalSessionChangeEvent } from '../../lib/events.js';
import type { PortalLogin } from '../login/login.js';
import type { PortalProvider } from './provider.js';
import '../../index.js';

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
});
