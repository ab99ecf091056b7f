import {
  authRoutes,
  type CodeSent,
  type CompleteMfaInput,
  type EmailOnlyInput,
  isMfaRequired,
  type LoginInput,
  type LoginWithCodeInput,
  type PasskeyLoginInput,
  type PasskeyOptions,
  type RegisterInput,
  type ResetPasswordInput,
  type Session,
  type SignInResult,
  type SwitchAccountInput,
  type VerifyEmailInput,
} from '../../contract/auth.js';
import {
  type AcceptInvitationInput,
  type InvitationPreview,
  type LinkTokenInput,
  type MagicLinkPreview,
  type MagicLinkResult,
  portalRoutes,
} from '../../contract/portal.js';
import type { HttpClient } from '../http.js';

/** Listener for sign-in and sign-out. `null` means signed out. */
export type SessionListener = (session: Session | null) => void;

/**
 * Sign-up, sign-in (password, emailed code, magic link, invitation, passkey), the two-factor step, password
 * reset, switching account and sign-out.
 *
 * Sign-in methods answer a {@link SignInResult}: the session, or — when the login has two-factor authentication —
 * `{ status: 'mfa_required', ticket }`; finish with {@link AuthResource.completeMfa}.
 *
 * @example
 * ```ts
 * import { isMfaRequired } from '@portico/sdk';
 * let result = await portal.auth.login({ email: 'ada@example.com', password: 'analytical engine' });
 * if (isMfaRequired(result)) result = await portal.auth.completeMfa({ ticket: result.ticket, code: '123456' });
 * console.log(result.user.name);
 * ```
 */
export class AuthResource {
  readonly #http: HttpClient;
  readonly #listeners = new Set<SessionListener>();
  /** What this client last knew: signed in, signed out, or not yet asked. */
  #known: 'in' | 'out' | undefined;

  constructor(http: HttpClient) {
    this.#http = http;
    http.onSignedOut = () => this.#signedOut();
  }

  /** Starts a registration; a 6-digit code is emailed. The answer is the same whether or not the email is known. */
  register(input: RegisterInput): Promise<CodeSent> {
    return this.#http.send(authRoutes.register, { body: input });
  }

  /** Confirms the emailed code and signs in (or asks for the second factor). */
  async verifyEmail(input: VerifyEmailInput): Promise<SignInResult> {
    return this.#settle(await this.#http.send(authRoutes.verifyEmail, { body: input }));
  }

  /** Sends the verification code again. */
  resendCode(input: EmailOnlyInput): Promise<CodeSent> {
    return this.#http.send(authRoutes.resendCode, { body: input });
  }

  /** Signs in with email and password (or asks for the second factor). */
  async login(input: LoginInput): Promise<SignInResult> {
    return this.#settle(await this.#http.send(authRoutes.login, { body: input }));
  }

  /** Emails a one-time sign-in code. */
  requestLoginCode(input: EmailOnlyInput): Promise<CodeSent> {
    return this.#http.send(authRoutes.requestLoginCode, { body: input });
  }

  /** Signs in with an emailed one-time code (or asks for the second factor: email never skips it). */
  async loginWithCode(input: LoginWithCodeInput): Promise<SignInResult> {
    return this.#settle(await this.#http.send(authRoutes.loginWithCode, { body: input }));
  }

  /** Finishes a two-factor sign-in with a code from the authenticator app or a backup code. */
  async completeMfa(input: CompleteMfaInput): Promise<Session> {
    return this.#signedIn(await this.#http.send(authRoutes.completeMfa, { body: input }));
  }

  /**
   * Starts a passkey sign-in: WebAuthn request options for `navigator.credentials.get()` (or
   * `@simplewebauthn/browser`'s `startAuthentication`).
   */
  passkeyOptions(): Promise<PasskeyOptions> {
    return this.#http.send(authRoutes.passkeyOptions);
  }

  /** Signs in with the authenticator's answer to {@link AuthResource.passkeyOptions}. */
  async passkeyLogin(input: PasskeyLoginInput): Promise<Session> {
    return this.#signedIn(await this.#http.send(authRoutes.passkeyLogin, { body: input }));
  }

  /** Makes another account of this login the active one, without signing in again. */
  async switchAccount(input: SwitchAccountInput): Promise<Session> {
    return this.#signedIn(await this.#http.send(authRoutes.switchAccount, { body: input }));
  }

  /** Emails a password-reset code. */
  requestPasswordReset(input: EmailOnlyInput): Promise<CodeSent> {
    return this.#http.send(authRoutes.requestPasswordReset, { body: input });
  }

  /** Sets a new password with the emailed code, ends other sessions and signs in (or asks for the second factor). */
  async resetPassword(input: ResetPasswordInput): Promise<SignInResult> {
    return this.#settle(await this.#http.send(authRoutes.resetPassword, { body: input }));
  }

  /** Who a magic link signs in, without spending it. */
  previewMagicLink(input: LinkTokenInput): Promise<MagicLinkPreview> {
    return this.#http.send(portalRoutes.previewMagicLink, { body: input });
  }

  /**
   * Spends a magic link and signs in (or asks for the second factor); `next` is where the link was meant to land,
   * if anywhere.
   */
  async redeemMagicLink(input: LinkTokenInput): Promise<MagicLinkResult> {
    const result = await this.#http.send(portalRoutes.redeemMagicLink, { body: input });
    if (!isMfaRequired(result)) this.#signedIn(result);
    return result;
  }

  /** Who an invitation is for, without spending it. */
  previewInvitation(input: LinkTokenInput): Promise<InvitationPreview> {
    return this.#http.send(portalRoutes.previewInvitation, { body: input });
  }

  /** Accepts an invitation: sets the password and signs in (or asks for the second factor). */
  async acceptInvitation(input: AcceptInvitationInput): Promise<SignInResult> {
    return this.#settle(await this.#http.send(portalRoutes.acceptInvitation, { body: input }));
  }

  /** Signs out on the server and forgets the token. */
  async logout(): Promise<void> {
    try {
      await this.#http.send(authRoutes.logout);
    } finally {
      this.#http.token = undefined;
      this.#known = 'out';
      this.#emit(null);
    }
  }

  /** The current session, or `null` when signed out. Tells listeners when a session it knew has ended. */
  async session(): Promise<Session | null> {
    const session = await this.#http.send(authRoutes.session);
    if (session) {
      this.#known = 'in';
    } else {
      this.#http.token = undefined;
      this.#signedOut();
    }
    return session;
  }

  /**
   * Calls `listener` with the session on every sign-in through this client, and with `null` on sign-out or when
   * the server says a known session has ended. Returns an unsubscribe function.
   */
  onSessionChange(listener: SessionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Tells listeners about a session another resource changed (a new name or email, a switched account). Used by
   * the SDK's own resources.
   */
  updated(session: Session): Session {
    return this.#signedIn(session);
  }

  #settle(result: SignInResult): SignInResult {
    if (!isMfaRequired(result)) this.#signedIn(result);
    return result;
  }

  #signedIn(session: Session): Session {
    if (session.token) this.#http.token = session.token;
    this.#known = 'in';
    this.#emit(session);
    return session;
  }

  #signedOut(): void {
    const wasIn = this.#known === 'in';
    this.#known = 'out';
    if (wasIn) this.#emit(null);
  }

  #emit(session: Session | null) {
    for (const listener of this.#listeners) listener(session);
  }
}
