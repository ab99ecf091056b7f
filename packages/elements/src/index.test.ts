import { expect, fixture, html } from '@open-wc/testing';
import type { PortalProvider } from './index.js';
import './index.js';

// This page loads the full entry, as a site using elements.js does.
describe('the full entry', () => {
  it('makes the full client, with the account, security, token and contact resources', async () => {
    const provider = await fixture<PortalProvider>(
      html`<portal-provider api="http://portal.test"></portal-provider>`,
    );
    const client = provider.client!;
    for (const area of ['auth', 'portal', 'account', 'security', 'tokens', 'contacts'] as const) {
      expect(client[area], area).to.exist;
    }
  });
});
