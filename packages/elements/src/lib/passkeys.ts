import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import type { PasskeyCredentialJson, PasskeyOptions } from '@portico/sdk';

/** Whether this browser has WebAuthn at all (passkey buttons are shown only then). */
export const passkeysSupported = (): boolean => typeof globalThis.PublicKeyCredential === 'function';

/**
 * How a WebAuthn ceremony that threw ended: the person dismissed it or it timed out (`cancelled`: browsers do not
 * tell the two apart), our own code replaced it (`aborted`), the authenticator already holds a passkey for this
 * login (`exists`), or anything else (`failed`).
 */
export function ceremonyOutcome(error: unknown): 'cancelled' | 'aborted' | 'exists' | 'failed' {
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  if (code === 'ERROR_CEREMONY_ABORTED' || name === 'AbortError') return 'aborted';
  if (name === 'NotAllowedError') return 'cancelled';
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError') return 'exists';
  return 'failed';
}

/** The server's request options as @simplewebauthn/browser takes them. */
export const requestOptions = (options: PasskeyOptions['options']) =>
  options as unknown as PublicKeyCredentialRequestOptionsJSON;

/** The server's creation options as @simplewebauthn/browser takes them. */
export const creationOptions = (options: PasskeyOptions['options']) =>
  options as unknown as PublicKeyCredentialCreationOptionsJSON;

/** The authenticator's answer as the contract describes it. */
export const credentialJson = (
  credential: AuthenticationResponseJSON | RegistrationResponseJSON,
): PasskeyCredentialJson => ({
  ...credential,
  response: { ...credential.response },
  clientExtensionResults: { ...credential.clientExtensionResults },
});
