/** The principal behind a request. */
export interface Auth {
  kind: 'session';
  sessionId: string;
  userId: string;
  accountId: string;
}
