import {
  type StaffAcceptInvitationInput,
  type StaffInvitationPreview,
  type StaffLoginInput,
  type StaffLoginResult,
  type StaffPasswordChangeInput,
  type StaffSession,
  type StaffTotpLoginInput,
  staffRoutes,
  type TotpCodeInput,
  type TotpSetup,
} from '../../contract/staff.js';
import type { HttpClient } from '../../client/http.js';

/**
 * Staff sign-in (password, then TOTP when enrolled), the staff member's own password and TOTP.
 *
 * @example
 * ```ts
 * const result = await admin.auth.login({ email: 'ops@example.com', password: '…' });
 * const session = result.status === 'signed_in'
 *   ? result.session
 *   : await admin.auth.loginTotp({ ticket: result.ticket, code: '123456' });
 * ```
 */
export class StaffAuthResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Signs in with email and password; answers `totp_required` with a ticket when TOTP is enrolled. */
  login(input: StaffLoginInput): Promise<StaffLoginResult> {
    return this.#http.send(staffRoutes.login, { body: input });
  }

  /** Finishes a sign-in with the authenticator's code. */
  loginTotp(input: StaffTotpLoginInput): Promise<StaffSession> {
    return this.#http.send(staffRoutes.loginTotp, { body: input });
  }

  /** Ends the staff session. */
  logout(): Promise<void> {
    return this.#http.send(staffRoutes.logout);
  }

  /** The current staff session, or null. */
  session(): Promise<StaffSession | null> {
    return this.#http.send(staffRoutes.session);
  }

  /** Who a staff invitation is for, without spending it. */
  previewInvitation(input: { token: string }): Promise<StaffInvitationPreview> {
    return this.#http.send(staffRoutes.previewInvitation, { body: input });
  }

  /** Accepts a staff invitation: sets the password and signs in. */
  acceptInvitation(input: StaffAcceptInvitationInput): Promise<StaffSession> {
    return this.#http.send(staffRoutes.acceptInvitation, { body: input });
  }

  /** Changes your password; your other staff sessions end. */
  changePassword(input: StaffPasswordChangeInput): Promise<void> {
    return this.#http.send(staffRoutes.changePassword, { body: input });
  }

  /** Starts TOTP enrolment: a secret, its otpauth URI and a QR code. */
  totpSetup(): Promise<TotpSetup> {
    return this.#http.send(staffRoutes.totpSetup);
  }

  /** Turns TOTP on with a code from the authenticator. */
  totpConfirm(input: TotpCodeInput): Promise<StaffSession> {
    return this.#http.send(staffRoutes.totpConfirm, { body: input });
  }

  /** Turns TOTP off with a current code. */
  totpDisable(input: TotpCodeInput): Promise<StaffSession> {
    return this.#http.send(staffRoutes.totpDisable, { body: input });
  }
}
