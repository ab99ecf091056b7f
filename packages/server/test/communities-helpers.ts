import assert from 'node:assert/strict';
import { type Client, key, newClient, ok } from './billing-helpers.js';
import { staffSession, startServer, type TestResponse, type TestServer } from './helpers.js';

export const GROUPS = '/api/v1/communities/groups';
export const ADMIN = '/api/admin/v1/communities';

export { ok };

/** A server with the communities app on for everyone and an admin's headers. */
export async function startCommunities(): Promise<{ s: TestServer; staff: Record<string, string> }> {
  const s = await startServer();
  await enableCommunities(s);
  return { s, staff: (await staffSession(s, 'admin')).headers };
}

export async function enableCommunities(s: TestServer, access: 'everyone' | 'granted' = 'everyone') {
  const { settings } = s.app.portico;
  const apps = settings.current.apps;
  await settings.update({ apps: { ...apps, communities: { ...apps.communities, enabled: true, access } } });
}

export async function newGroup(
  s: TestServer,
  staff: Record<string, string>,
  body: Record<string, unknown>,
): Promise<any> {
  return ok(await s.request('POST', `${ADMIN}/groups`, { headers: staff, body }), 201);
}

/** A client request with the client's session. */
export function as(
  s: TestServer,
  client: Client,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  return s.request(method, path, {
    headers: { ...client.headers, ...headers },
    ...(body === undefined ? {} : { body }),
  });
}

/** A client that joined `groupId` (an open or bought group). */
export async function member(s: TestServer, email: string, groupId: string, name?: string): Promise<Client> {
  const client = await newClient(s, email);
  if (name) {
    await s.app.portico.db.updateTable('users').set({ name }).where('id', '=', client.userId).execute();
  }
  const joined = ok(await as(s, client, 'POST', `${GROUPS}/${groupId}/membership`));
  assert.equal(joined.membership, 'member');
  return client;
}

/** Writes a post (a fresh Idempotency-Key) and answers it. */
export async function writePost(
  s: TestServer,
  client: Client,
  groupId: string,
  title: string,
  body = `About ${title}`,
): Promise<any> {
  return ok(
    await as(s, client, 'POST', `${GROUPS}/${groupId}/posts`, { title, body }, { 'idempotency-key': key() }),
    201,
  );
}

/** Comments on a post (a fresh Idempotency-Key) and answers the comment. */
export async function writeComment(
  s: TestServer,
  client: Client,
  groupId: string,
  postId: string,
  body: string,
): Promise<any> {
  return ok(
    await as(
      s,
      client,
      'POST',
      `${GROUPS}/${groupId}/posts/${postId}/comments`,
      { body },
      { 'idempotency-key': key() },
    ),
    201,
  );
}
