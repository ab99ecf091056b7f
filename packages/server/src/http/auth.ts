/** The principal behind a request. */
export interface Auth {
  kind: 'session';
  sessionId: string;
  userId: string;
  accountId: string;
  /** What authentication already read (the session and user row), so handlers need not read it again. */
  snapshot?: unknown;
}
