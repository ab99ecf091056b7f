import { expect } from '@open-wc/testing';
import { catalogFor } from './login.js';

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
});
