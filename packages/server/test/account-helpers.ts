import { createHash, randomBytes } from 'node:crypto';
import { hashPassword } from '../src/index.js';
import type { TestServer } from './helpers.js';

export const PASSWORD = 'correct horse battery staple';

/** Bearer headers for a session token. */
export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** Signs in with a password in token mode (optionally as a given browser); returns the session token. */
export async function signIn(
  server: TestServer,
  email: string,
  password = PASSWORD,
  headers: Record<string, string> = {},
): Promise<string> {
  const r = await server.request('POST', '/api/v1/auth/login', {
    body: { email, password },
    headers: { 'x-portico-session': 'token', ...headers },
  });
  if (r.status !== 200 || !r.body.token) throw new Error(`login: ${r.status} ${r.text}`);
  return r.body.token;
}

/** The active account's id of a session. */
export async function accountOf(server: TestServer, token: string): Promise<string> {
  const r = await server.request('GET', '/api/v1/auth/session', { headers: bearer(token) });
  if (r.status !== 200 || !r.body) throw new Error(`session: ${r.status} ${r.text}`);
  return r.body.account.id;
}

/**
 * Adds a contact with their own verified login to an account, straight in the database (the contacts API is
 * another area's), and signs them in; returns their user id and session token.
 */
export async function addContact(
  server: TestServer,
  accountId: string,
  email: string,
  role: 'billing' | 'technical' | 'custom',
  permissions: string[],
): Promise<{ userId: string; token: string }> {
  const { db, deps } = server.app.portico;
  const now = deps.clock.now().toISOString();
  const userId = deps.ids('usr');
  await db
    .insertInto('users')
    .values({
      id: userId,
      email,
      name: `Contact ${role}`,
      password_hash: await hashPassword(PASSWORD),
      email_verified_at: now,
      locale: 'en',
      disabled_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('memberships')
    .values({
      id: deps.ids('mem'),
      user_id: userId,
      account_id: accountId,
      role,
      permissions: JSON.stringify(permissions),
      created_at: now,
    })
    .execute();
  return { userId, token: await signIn(server, email) };
}

/** A live session made straight in the database, for a user on an account; returns its token. */
export async function insertSession(
  server: TestServer,
  userId: string,
  accountId: string,
  extra: { userAgent?: string; ip?: string; country?: string } = {},
): Promise<{ id: string; token: string }> {
  const { db, deps, config } = server.app.portico;
  const now = deps.clock.now();
  const token = `ps_${randomBytes(32).toString('base64url')}`;
  const id = deps.ids('ses');
  await db
    .insertInto('sessions')
    .values({
      id,
      token_hash: createHash('sha256').update(token).digest('hex'),
      user_id: userId,
      account_id: accountId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      idle_expires_at: new Date(now.getTime() + config.sessionIdleMs).toISOString(),
      expires_at: new Date(now.getTime() + config.sessionAbsoluteMs).toISOString(),
      ip: extra.ip ?? null,
      user_agent: extra.userAgent ?? null,
      revoked_at: null,
      country: extra.country ?? null,
    })
    .execute();
  return { id, token };
}
