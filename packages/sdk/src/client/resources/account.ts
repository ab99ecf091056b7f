import {
  type ActivityEvent,
  type ActivityQuery,
  accountRoutes,
  type ChangeEmailInput,
  type ChangePasswordInput,
  type ConfirmEmailChangeInput,
  type Ended,
  type MeUpdateInput,
  type PasswordChanged,
  type Profile,
  type ProfileUpdateInput,
  type SessionInfo,
} from '../../contract/account.js';
import type { CodeSent, Session } from '../../contract/auth.js';
import type { HttpClient } from '../http.js';
import type { AuthResource } from './auth.js';

/** A page of items and the cursor of the next one (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The signed-in person and the active account: profile, email and password changes, signed-in devices and the
 * account's security timeline.
 *
 * @example
 * ```ts
 * const profile = await portal.account.getProfile();
 * if (profile.missingFields.length) showProfileForm(profile);
 * await portal.account.updateProfile({ company: 'Analytical Engines Ltd' });
 * ```
 */
export class AccountResource {
  readonly #http: HttpClient;
  readonly #auth: AuthResource;

  constructor(http: HttpClient, auth: AuthResource) {
    this.#http = http;
    this.#auth = auth;
  }

  /** Your details and the active account's, with the fields the business requires and those still missing. */
  getProfile(options: { signal?: AbortSignal } = {}): Promise<Profile> {
    return this.#http.send(accountRoutes.getProfile, options.signal ? { signal: options.signal } : {});
  }

  /** Changes the active account's details; only the fields given change. Needs `profile:write`. */
  updateProfile(input: ProfileUpdateInput): Promise<Profile> {
    return this.#http.send(accountRoutes.updateProfile, { body: input });
  }

  /** Changes your name or preferred language (the language of the elements and of every email). */
  async updateMe(input: MeUpdateInput): Promise<Session> {
    return this.#auth.updated(await this.#http.send(accountRoutes.updateMe, { body: input }));
  }

  /** Starts an email change: confirms your password and emails a code to the new address. */
  changeEmail(input: ChangeEmailInput): Promise<CodeSent> {
    return this.#http.send(accountRoutes.changeEmail, { body: input });
  }

  /** Finishes an email change with the code; the old address is told. */
  async confirmEmailChange(input: ConfirmEmailChangeInput): Promise<Session> {
    return this.#auth.updated(await this.#http.send(accountRoutes.confirmEmailChange, { body: input }));
  }

  /** Changes your password (the current one is required), optionally ending every other session. */
  changePassword(input: ChangePasswordInput): Promise<PasswordChanged> {
    return this.#http.send(accountRoutes.changePassword, { body: input });
  }

  /** Where you are signed in: device, place, last seen. */
  async sessions(): Promise<SessionInfo[]> {
    return (await this.#http.send(accountRoutes.listSessions)).items;
  }

  /** Ends one of your sessions. */
  endSession(sessionId: string): Promise<void> {
    return this.#http.send(accountRoutes.endSession, { params: { sessionId } });
  }

  /** Ends every session of yours but this one. */
  endOtherSessions(): Promise<Ended> {
    return this.#http.send(accountRoutes.endOtherSessions);
  }

  /** The account's security timeline, newest first (the owner only). Pass `nextCursor` for the next page. */
  activity(query: ActivityQuery = {}): Promise<Page<ActivityEvent>> {
    return this.#http.send(accountRoutes.activity, { query });
  }
}
