import type { StaffRole } from '@portico/sdk/contract';

/** The client principal behind a request: a client session (later also an API token). */
export interface Auth {
  kind: 'session';
  sessionId: string;
  userId: string;
  accountId: string;
  /** What authentication already read (the session and user row), so handlers need not read it again. */
  snapshot?: unknown;
}

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
