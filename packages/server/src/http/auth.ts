import type { MembershipRole, Permission, ProfileField, StaffRole } from '@portico/sdk/contract';
import { HttpError } from './problem.js';

/** What every client principal carries: who, on which account, allowed to do what. */
interface ClientPrincipal {
  userId: string;
  accountId: string;
  /** The user's role on the account. */
  role: MembershipRole;
  /**
   * What the principal may do on the account: every permission for the owner, the membership's for a contact,
   * and for an API token its scopes within what its creator still holds.
   */
  permissions: readonly Permission[];
}

/** A person signed in to the portal (cookie or bearer `ps_` token). */
export interface SessionAuth extends ClientPrincipal {
  kind: 'session';
  sessionId: string;
  /** Required profile fields the account has not filled (the business's setting). */
  profileMissing: readonly ProfileField[];
  /** What authentication already read (the session and user row), so handlers need not read it again. */
  snapshot?: unknown;
}

/** An API token (`Authorization: Bearer pt_…`) acting for its account within its scopes. */
export interface TokenAuth extends ClientPrincipal {
  kind: 'token';
  tokenId: string;
  tokenName: string;
}

/** The client principal behind a request: a session or an API token. */
export type Auth = SessionAuth | TokenAuth;

/** The staff principal behind a request to the staff API. Never the same type as a client's. */
export interface StaffAuth {
  kind: 'staff';
  sessionId: string;
  staffId: string;
  email: string;
  role: StaffRole;
  /** The business requires TOTP and this staff member has not enrolled yet. */
  mfaEnrolmentRequired: boolean;
  snapshot?: unknown;
}

/** No signed-in client behind the request (or not any more). */
export const unauthenticated = () => new HttpError(401, 'UNAUTHENTICATED', 'Sign in to continue.');

/**
 * The session behind a session-only route (`self`, `owner` and `optional` routes without `access`, which
 * `mount()` already closed to API tokens).
 */
export function sessionOf(auth: Auth | undefined): SessionAuth {
  if (!auth) throw unauthenticated();
  if (auth.kind !== 'session') {
    throw new HttpError(403, 'TOKEN_NOT_ALLOWED', 'API tokens cannot do this; sign in to the portal.');
  }
  return auth;
}
