import type { PasskeyCredentialJson, PortalClient } from '@portico/sdk';
import {
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  WebAuthnAbortService,
} from '@simplewebauthn/browser';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { credentialJson, requestOptions } from '../../lib/passkeys.js';

/** A fresh challenge before the server's (5 minutes) runs out, so a passkey picked late still signs in. */
const REFRESH_MS = 4 * 60_000;

/**
 * Offers the person's passkeys in the browser's autofill of the email field (WebAuthn conditional mediation)
 * between `start()` and `stop()`, and hands a picked passkey's answer to `onCredential`. Every failure is silent:
 * the form and the passkey button still work. Armed at most once per `start()`, so a browser that refuses at once
 * is not asked again and again.
 */
export class PasskeyAutofill implements ReactiveController {
  /** Between `start()` and `stop()`. */
  armed = false;

  readonly #onCredential: (challengeId: string, credential: PasskeyCredentialJson) => void;
  /** Bumped by every start and stop, so an older request's answer is dropped. */
  #generation = 0;
  /** Our conditional request is waiting in the browser. */
  #pending = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    onCredential: (challengeId: string, credential: PasskeyCredentialJson) => void,
  ) {
    this.#onCredential = onCredential;
    host.addController(this);
  }

  async start(client: PortalClient): Promise<void> {
    this.stop();
    this.armed = true;
    const generation = ++this.#generation;
    const current = () => generation === this.#generation;
    if (!(await browserSupportsWebAuthnAutofill()) || !current()) return;
    let challenge: Awaited<ReturnType<PortalClient['auth']['passkeyOptions']>>;
    try {
      challenge = await client.auth.passkeyOptions();
    } catch {
      return;
    }
    if (!current()) return;
    this.#timer = setTimeout(() => void this.start(client), REFRESH_MS);
    this.#pending = true;
    try {
      const credential = await startAuthentication({
        optionsJSON: requestOptions(challenge.options),
        useBrowserAutofill: true,
        // The email input is in a shadow root, out of the library's document-wide check.
        verifyBrowserAutofillInput: false,
      });
      if (!current()) return;
      this.#pending = false;
      clearTimeout(this.#timer);
      this.#onCredential(challenge.challengeId, credentialJson(credential));
    } catch {
      // Replaced by the passkey button, stopped, or no passkey here: the other ways in remain.
    } finally {
      if (current()) this.#pending = false;
    }
  }

  stop(): void {
    this.#generation++;
    this.armed = false;
    clearTimeout(this.#timer);
    if (this.#pending) WebAuthnAbortService.cancelCeremony();
    this.#pending = false;
  }

  hostDisconnected(): void {
    this.stop();
  }
}
