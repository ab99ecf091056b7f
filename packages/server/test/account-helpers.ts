import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Permission } from '@portico/sdk/contract';
import type { MembershipsTable } from '../src/db/schema.js';
import { sha256 } from '../src/modules/auth/secrets.js';
import { base32Decode, totpCode } from '../src/modules/auth/totp.js';
import { hashPassword } from '../src/index.js';
import type { TestServer } from './helpers.js';

export const PASSWORD = 'correct horse battery staple';

/** The header that asks for the session token in the answer instead of a cookie. */
export const TOKEN_MODE = { 'x-portico-session': 'token' };

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
    headers: { ...TOKEN_MODE, ...headers },
  });
  if (r.status !== 200 || !r.body.token) throw new Error(`login: ${r.status} ${r.text}`);
  return r.body.token;
}

/** Who a client session token belongs to, read through the session route. */
export async function whoIs(
  server: TestServer,
  token: string,
): Promise<{ userId: string; accountId: string; permissions: Permission[] }> {
  const r = await server.request('GET', '/api/v1/auth/session', { headers: bearer(token) });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body, 'signed in');
  return { userId: r.body.user.id, accountId: r.body.account.id, permissions: r.body.permissions };
}

/** The active account's id of a session. */
export async function accountOf(server: TestServer, token: string): Promise<string> {
  return (await whoIs(server, token)).accountId;
}

/**
 * A person with a verified login and a joined membership of an account, written straight in the database (no
 * invitation round trip). Named after their email and without a password unless told. Returns the user id.
 */
export async function insertMember(
  server: TestServer,
  accountId: string,
  input: {
    email: string;
    role: MembershipsTable['role'];
    permissions: readonly Permission[];
    name?: string;
    passwordHash?: string | null;
  },
): Promise<string> {
  const { db, deps } = server.app.portico;
  const now = deps.clock.now().toISOString();
  const userId = deps.ids('usr');
  await db
    .insertInto('users')
    .values({
      id: userId,
      email: input.email,
      name: input.name ?? input.email.slice(0, input.email.indexOf('@')),
      password_hash: input.passwordHash ?? null,
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
      role: input.role,
      permissions: JSON.stringify(input.permissions),
      joined_at: now,
      created_at: now,
    })
    .execute();
  return userId;
}

/**
 * Adds a contact with their own login (password {@link PASSWORD}) to an account, straight in the database (the
 * contacts API is another area's), and signs them in; returns their user id and session token.
 */
export async function addContact(
  server: TestServer,
  accountId: string,
  email: string,
  role: 'billing' | 'technical' | 'custom',
  permissions: readonly Permission[],
): Promise<{ userId: string; token: string }> {
  const userId = await insertMember(server, accountId, {
    email,
    role,
    permissions,
    name: `Contact ${role}`,
    passwordHash: await hashPassword(PASSWORD),
  });
  return { userId, token: await signIn(server, email) };
}

/**
 * A live session of a user on an account, made straight in the database (no sign-in round trip), with the
 * configured lifetimes; returns its id and token.
 */
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
      token_hash: sha256(token),
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

/** Starts a TOTP enrolment for the login of `token`. */
export const setupTotp = (server: TestServer, token: string) =>
  server.request('POST', '/api/v1/me/totp/setup', { headers: bearer(token) });

/** Confirms a TOTP enrolment with a code of the pending secret. */
export const enableTotp = (server: TestServer, token: string, code: string) =>
  server.request('POST', '/api/v1/me/totp/enable', { body: { code }, headers: bearer(token) });

/** Turns TOTP on for the login of `token`: a setup, then a code of its secret. Answers the secret and backup codes. */
export async function turnOnTotp(
  server: TestServer,
  token: string,
): Promise<{ secret: Buffer; backupCodes: string[] }> {
  const setup = await setupTotp(server, token);
  assert.equal(setup.status, 200, setup.text);
  const secret = base32Decode(setup.body.secret);
  const enabled = await enableTotp(server, token, totpCode(secret, server.clock.now().getTime()));
  assert.equal(enabled.status, 200, enabled.text);
  return { secret, backupCodes: enabled.body.codes };
}

/** The details of the newest `auth.signed_in` audit entry: how the last sign-in was made. */
export async function lastSignIn(server: TestServer): Promise<Record<string, unknown>> {
  const audit = await server.app.portico.db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'auth.signed_in')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return JSON.parse(audit.details);
}
