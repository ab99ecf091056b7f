import {
  authRoutes,
  type CodeSent,
  type EmailOnlyInput,
  type LoginInput,
  type LoginWithCodeInput,
  type RegisterInput,
  type ResetPasswordInput,
  type Session,
  type VerifyEmailInput,
} from '../../contract/auth.js';
import {
  type AcceptInvitationInput,
  type InvitationPreview,
  type LinkTokenInput,
  type MagicLinkPreview,
  type MagicLinkSession,
  portalRoutes,
} from '../../contract/portal.js';
import type { HttpClient } from '../http.js';

/** Listener for sign-in and sign-out. `null` means signed out. */
export type SessionListener = (session: Session | null) => void;

/**
 * Sign-up, sign-in (password or emailed code), password reset and sign-out.
 *
 * @example
 * ```ts
 * await portal.auth.register({ name: 'Ada Lovelace', email: 'ada@example.com', password: 'analytical engine' });
 * const session = await portal.auth.verifyEmail({ email: 'ada@example.com', code: '123456' });
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

  /** Confirms the emailed code and signs in. */
  async verifyEmail(input: VerifyEmailInput): Promise<Session> {
    return this.#signedIn(await this.#http.send(authRoutes.verifyEmail, { body: input }));
  }

  /** Sends the verification code again. */
  resendCode(input: EmailOnlyInput): Promise<CodeSent> {
    return this.#http.send(authRoutes.resendCode, { body: input });
  }

  /** Signs in with email and password. */
  async login(input: LoginInput): Promise<Session> {
    return this.#signedIn(await this.#http.send(authRoutes.login, { body: input }));
  }

  /** Emails a one-time sign-in code. */
  requestLoginCode(input: EmailOnlyInput): Promise<CodeSent> {
    return this.#http.send(authRoutes.requestLoginCode, { body: input });
  }

  /** Signs in with an emailed one-time code. */
  async loginWithCode(input: LoginWithCodeInput): Promise<Session> {
    return this.#signedIn(await this.#http.send(authRoutes.loginWithCode, { body: input }));
  }

  /** Emails a password-reset code. */
  requestPasswordReset(input: EmailOnlyInput): Promise<CodeSent> {
    return this.#http.send(authRoutes.requestPasswordReset, { body: input });
  }

  /** Sets a new password with the emailed code, ends other sessions and signs in. */
  async resetPassword(input: ResetPasswordInput): Promise<Session> {
    return this.#signedIn(await this.#http.send(authRoutes.resetPassword, { body: input }));
  }

  /** Who a magic link signs in, without spending it. */
  previewMagicLink(input: LinkTokenInput): Promise<MagicLinkPreview> {
    return this.#http.send(portalRoutes.previewMagicLink, { body: input });
  }

  /** Spends a magic link and signs in; `next` is where the link was meant to land, if anywhere. */
  async redeemMagicLink(input: LinkTokenInput): Promise<MagicLinkSession> {
    const session = await this.#http.send(portalRoutes.redeemMagicLink, { body: input });
    this.#signedIn(session);
    return session;
  }

  /** Who an invitation is for, without spending it. */
  previewInvitation(input: LinkTokenInput): Promise<InvitationPreview> {
    return this.#http.send(portalRoutes.previewInvitation, { body: input });
  }

  /** Accepts an invitation: sets the password and signs in. */
  async acceptInvitation(input: AcceptInvitationInput): Promise<Session> {
    return this.#signedIn(await this.#http.send(portalRoutes.acceptInvitation, { body: input }));
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
