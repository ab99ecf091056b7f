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
import { isPortalApiError } from '../errors.js';
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

  constructor(http: HttpClient) {
    this.#http = http;
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

  /** Signs out on the server and forgets the token. */
  async logout(): Promise<void> {
    try {
      await this.#http.send(authRoutes.logout);
    } finally {
      this.#http.token = undefined;
      this.#emit(null);
    }
  }

  /** The current session, or `null` when signed out. */
  async session(): Promise<Session | null> {
    try {
      return await this.#http.send(authRoutes.session);
    } catch (error) {
      if (isPortalApiError(error) && error.status === 401) {
        this.#http.token = undefined;
        return null;
      }
      throw error;
    }
  }

  /** Calls `listener` on every sign-in and sign-out made through this client. Returns an unsubscribe function. */
  onSessionChange(listener: SessionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #signedIn(session: Session): Session {
    if (session.token) this.#http.token = session.token;
    this.#emit(session);
    return session;
  }

  #emit(session: Session | null) {
    for (const listener of this.#listeners) listener(session);
  }
}
