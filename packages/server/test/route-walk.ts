import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { allRoutes, type Permission, type RouteDescriptor } from '@portico/sdk/contract';
import type { Router } from 'express';
import type { MembershipsTable } from '../src/db/schema.js';
import { sha256 } from '../src/modules/auth/secrets.js';
import type { TestServer } from './helpers.js';

/** A (method, path) some router answers. */
export interface Mounted {
  method: string;
  path: string;
}

/** Every route a router mounts, nested routers included, read from Express 5's layer stack. */
export function mountedRoutes(router: Router, prefix = ''): Mounted[] {
  const out: Mounted[] = [];
  for (const layer of router.stack as unknown as Array<Record<string, any>>) {
    if (layer.route) {
      const path = layer.route.path;
      assert.equal(typeof path, 'string', `a route mounted on a non-string path: ${String(path)}`);
      for (const method of Object.keys(layer.route.methods)) {
        if (method !== '_all') out.push({ method: method.toUpperCase(), path: prefix + path });
      }
    } else if (Array.isArray(layer.handle?.stack)) {
      const at = layer.slash ? '' : layer.rawPath;
      assert.equal(typeof at, 'string', 'a nested router mounted on a non-string path');
      out.push(...mountedRoutes(layer.handle as Router, prefix + at));
    }
  }
  return out;
}

/** Every route of both APIs in the contract. */
export const contractRoutes: RouteDescriptor[] = Object.values(allRoutes).flatMap(
  (area) => Object.values(area) as RouteDescriptor[],
);

export const routeKey = (r: Mounted) => `${r.method} ${r.path}`;

/** The contract routes the server mounts on its client API (what a client credential can reach). */
export function mountedClientRoutes(s: TestServer): RouteDescriptor[] {
  const served = new Set(mountedRoutes(s.app.portico.routers.client).map(routeKey));
  return contractRoutes.filter((r) => served.has(routeKey(r)));
}

/** The id prefix a path parameter takes, so the fake ids are well formed. */
const ID_PREFIXES: Record<string, string> = {
  staffId: 'stf',
  clientId: 'acct',
  accountId: 'acct',
  userId: 'usr',
  membershipId: 'mem',
  contactId: 'mem',
  tokenId: 'tok',
  sessionId: 'ses',
};

/** The route's path with a well-formed id nobody has in each parameter. */
export function fakePath(s: TestServer, route: RouteDescriptor): string {
  return route.path.replace(/:([A-Za-z]+)/g, (_, name: string) =>
    s.app.portico.deps.ids(ID_PREFIXES[name] ?? name.replace(/Id$/, '').toLowerCase()),
  );
}

/** Sends a route with fake ids and, when it takes a body, an empty JSON one. */
export function sendFake(s: TestServer, route: RouteDescriptor, headers: Record<string, string>) {
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
  return s.request(route.method, fakePath(s, route), { headers, ...(hasBody ? { body: {} } : {}) });
}

/** A fresh session of a user on an account, minted straight in the database (no sign-in round trip). */
export async function mintSession(s: TestServer, userId: string, accountId: string): Promise<string> {
  const now = s.clock.now();
  const token = `ps_${randomBytes(32).toString('base64url')}`;
  await s.app.portico.db
    .insertInto('sessions')
    .values({
      id: s.app.portico.deps.ids('ses'),
      token_hash: sha256(token),
      user_id: userId,
      account_id: accountId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      idle_expires_at: new Date(now.getTime() + 3_600_000).toISOString(),
      expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
      ip: null,
      user_agent: null,
      revoked_at: null,
    })
    .execute();
  return token;
}

/**
 * A person with a membership of an account, written straight in the database (no invitation round trip), for
 * grids that need many principals. Returns the user id.
 */
export async function insertMember(
  s: TestServer,
  accountId: string,
  input: { email: string; role: MembershipsTable['role']; permissions: readonly Permission[] },
): Promise<string> {
  const { db, deps } = s.app.portico;
  const now = s.clock.now().toISOString();
  const userId = deps.ids('usr');
  await db
    .insertInto('users')
    .values({
      id: userId,
      email: input.email,
      name: input.email.slice(0, input.email.indexOf('@')),
      password_hash: null,
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

/** Who a client session token belongs to, read through the session route. */
export async function whoIs(
  s: TestServer,
  token: string,
): Promise<{ userId: string; accountId: string; permissions: Permission[] }> {
  const r = await s.request('GET', '/api/v1/auth/session', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body, 'signed in');
  return { userId: r.body.user.id, accountId: r.body.account.id, permissions: r.body.permissions };
}
