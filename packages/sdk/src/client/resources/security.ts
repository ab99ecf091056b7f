import {
  accountRoutes,
  type BackupCodes,
  type ClientTotpSetup,
  type Passkey,
  type RegisterPasskeyInput,
  type RenamePasskeyInput,
  type SecondFactorInput,
  type SecurityOverview,
} from '../../contract/account.js';
import type { PasskeyOptions } from '../../contract/auth.js';
import type { TotpCodeInput } from '../../contract/staff.js';
import type { HttpClient } from '../http.js';

/**
 * Two-factor authentication (TOTP and backup codes) and passkeys of the signed-in person. Sessions only: an API
 * token can never change them.
 *
 * @example
 * ```ts
 * const setup = await portal.security.setupTotp();      // show setup.qrSvg, or setup.secret to type
 * const { codes } = await portal.security.enableTotp({ code: '123456' }); // show the backup codes once
 * ```
 */
export class SecurityResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Password, two-factor, backup codes and passkeys at a glance. */
  overview(): Promise<SecurityOverview> {
    return this.#http.send(accountRoutes.security);
  }

  /** Starts two-factor enrolment: a secret, its otpauth URI and QR code. Confirm within 15 minutes. */
  setupTotp(): Promise<ClientTotpSetup> {
    return this.#http.send(accountRoutes.setupTotp);
  }

  /** Confirms enrolment with a code from the app; answers ten backup codes, shown this once. */
  enableTotp(input: TotpCodeInput): Promise<BackupCodes> {
    return this.#http.send(accountRoutes.enableTotp, { body: input });
  }

  /** Turns two-factor off with a current code (from the app, or a backup code). */
  disableTotp(input: SecondFactorInput): Promise<void> {
    return this.#http.send(accountRoutes.disableTotp, { body: input });
  }

  /** Replaces the backup codes (a current app code is required); the old ones stop working. */
  regenerateBackupCodes(input: TotpCodeInput): Promise<BackupCodes> {
    return this.#http.send(accountRoutes.regenerateBackupCodes, { body: input });
  }

  /** Your passkeys. */
  async passkeys(): Promise<Passkey[]> {
    return (await this.#http.send(accountRoutes.listPasskeys)).items;
  }

  /**
   * Starts adding a passkey: WebAuthn creation options for `navigator.credentials.create()` (or
   * `@simplewebauthn/browser`'s `startRegistration`).
   */
  passkeyRegistrationOptions(): Promise<PasskeyOptions> {
    return this.#http.send(accountRoutes.passkeyRegistrationOptions);
  }

  /** Finishes adding a passkey with the authenticator's answer. */
  registerPasskey(input: RegisterPasskeyInput): Promise<Passkey> {
    return this.#http.send(accountRoutes.registerPasskey, { body: input });
  }

  renamePasskey(passkeyId: string, input: RenamePasskeyInput): Promise<Passkey> {
    return this.#http.send(accountRoutes.renamePasskey, { params: { passkeyId }, body: input });
  }

  removePasskey(passkeyId: string): Promise<void> {
    return this.#http.send(accountRoutes.removePasskey, { params: { passkeyId } });
  }
}
