import type { Passkey, PortalClient } from '@portico/sdk';
import { startRegistration } from '@simplewebauthn/browser';
import { executeServerCommand } from '@web/test-runner-commands';
import { creationOptions, credentialJson } from '../src/lib/passkeys.js';

/**
 * Adds a WebAuthn virtual authenticator to this page (a platform authenticator with resident keys and user
 * verification that always consents) and returns a function that removes it with the passkeys it holds.
 * `options` are the DevTools Protocol's `VirtualAuthenticatorOptions`, e.g. `{ isUserVerified: false }` to refuse.
 */
export async function addVirtualAuthenticator(
  options: Record<string, unknown> = {},
): Promise<() => Promise<void>> {
  const authenticatorId = await executeServerCommand<string, Record<string, unknown>>(
    'add-virtual-authenticator',
    options,
  );
  return async () => {
    await executeServerCommand('remove-virtual-authenticator', { authenticatorId });
  };
}

/** Makes a passkey on the virtual authenticator and registers it for the client's signed-in user. */
export async function enrolPasskey(client: PortalClient, name = 'Test key'): Promise<Passkey> {
  const { challengeId, options } = await client.security.passkeyRegistrationOptions();
  const credential = await startRegistration({ optionsJSON: creationOptions(options) });
  return client.security.registerPasskey({ challengeId, name, credential: credentialJson(credential) });
}
