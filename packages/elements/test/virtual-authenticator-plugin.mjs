// A @web/test-runner plugin giving tests a WebAuthn virtual authenticator through the Chrome DevTools Protocol,
// so passkey ceremonies run for real in headless Chromium (no stubbed navigator.credentials).
// Browser side: test/virtual-authenticator.ts.

/** CDP sessions by test session id. */
const cdpSessions = new Map();

async function cdpFor(session) {
  let cdp = cdpSessions.get(session.id);
  if (!cdp) {
    if (session.browser.type !== 'puppeteer') {
      throw new Error(
        `A virtual authenticator needs Chromium through puppeteer, not ${session.browser.type}`,
      );
    }
    cdp = await session.browser.getPage(session.id).createCDPSession();
    await cdp.send('WebAuthn.enable', { enableUI: false });
    cdpSessions.set(session.id, cdp);
  }
  return cdp;
}

export function virtualAuthenticatorPlugin() {
  return {
    name: 'virtual-authenticator',
    async executeCommand({ command, payload, session }) {
      if (command === 'add-virtual-authenticator') {
        const cdp = await cdpFor(session);
        const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
          options: {
            protocol: 'ctap2',
            ctap2Version: 'ctap2_1',
            transport: 'internal',
            hasResidentKey: true,
            hasUserVerification: true,
            isUserVerified: true,
            automaticPresenceSimulation: true,
            ...payload,
          },
        });
        return authenticatorId;
      }
      if (command === 'remove-virtual-authenticator') {
        const cdp = await cdpFor(session);
        await cdp.send('WebAuthn.removeVirtualAuthenticator', payload);
        return true;
      }
      return undefined;
    },
  };
}
