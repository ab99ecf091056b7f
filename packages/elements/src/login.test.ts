import { expect, fixture, html } from '@open-wc/testing';
import { catalogFor, type PortalProvider } from './login.js';

// This page loads only the login entry, as a sign-in page using elements-login.js does.
describe('the login entry', () => {
  it('defines the provider and the login form, and nothing else', () => {
    expect(customElements.get('portal-provider')).to.exist;
    expect(customElements.get('portal-login')).to.exist;
    expect(customElements.get('portal-register')).to.be.undefined;
    expect(customElements.get('portal-account-menu')).to.be.undefined;
  });

  it('carries the login text in both languages, and not the other elements’ text', () => {
    for (const lang of ['en', 'es']) {
      const messages = catalogFor(lang);
      expect(messages.forgotPassword, lang).to.be.a('string');
      expect(messages.codeSent, lang).to.be.a('string');
      expect(messages.fullName, lang).to.be.undefined;
      expect(messages.accountMenu, lang).to.be.undefined;
    }
  });

  it('makes the sign-in client: auth and portal, and a clear error for the other areas', async () => {
    const provider = await fixture<PortalProvider>(
      html`<portal-provider api="http://portal.test"></portal-provider>`,
    );
    const client = provider.client!;
    expect(client.auth).to.exist;
    expect(client.portal).to.exist;
    expect(() => client.account).to.throw(/not in the login bundle/);
  });
});
