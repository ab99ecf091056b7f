import assert from 'node:assert/strict';
import type { PortalSections } from '@portico/sdk/contract';
import { newClient } from './billing-helpers.js';
import { type StaffLogin, staffSession, startServer, type TestServer } from './helpers.js';

/** A server with an admin staff session, for the announcements, status and home tests. */
export async function startNewsServer(): Promise<{ s: TestServer; admin: StaffLogin }> {
  const s = await startServer();
  const admin = await staffSession(s, 'admin');
  return { s, admin };
}

/** Calls the staff API as `who`; asserts the status when given and returns the body. */
export async function staffCall(
  s: TestServer,
  who: StaffLogin,
  method: string,
  path: string,
  body?: unknown,
  expect?: number,
  headers: Record<string, string> = {},
): Promise<any> {
  const r = await s.request(method, `/api/admin/v1${path}`, {
    headers: { ...who.headers, ...headers },
    ...(body === undefined ? {} : { body }),
  });
  if (expect !== undefined) assert.equal(r.status, expect, `${method} ${path}: ${r.text}`);
  return r.body;
}

/** Reads the client API anonymously; asserts the status when given. */
export async function publicGet(s: TestServer, path: string, expect?: number): Promise<any> {
  const r = await s.request('GET', `/api/v1${path}`);
  if (expect !== undefined) assert.equal(r.status, expect, `GET ${path}: ${r.text}`);
  return r.body;
}

/** Shows or hides portal sections. */
export async function setSections(s: TestServer, sections: Partial<PortalSections>): Promise<void> {
  const { settings } = s.app.portico;
  await settings.update({ sections: { ...settings.current.sections, ...sections } });
}

/**
 * A person who owns a new account (a billing-helpers client): returns their user and account ids. `locale`,
 * `disabled` and `unsubscribed` shape who mailings reach.
 */
export async function insertOwner(
  s: TestServer,
  email: string,
  options: { locale?: string; disabled?: boolean; unsubscribed?: boolean } = {},
): Promise<{ userId: string; accountId: string }> {
  const { userId, accountId } = await newClient(s, email, { locale: options.locale ?? 'en' });
  if (options.disabled || options.unsubscribed) {
    const { db, deps } = s.app.portico;
    const now = deps.clock.now().toISOString();
    await db
      .updateTable('users')
      .set({
        ...(options.disabled && { disabled_at: now }),
        ...(options.unsubscribed && { announcement_mail: 0 as const }),
      })
      .where('id', '=', userId)
      .execute();
  }
  return { userId, accountId };
}

/** Audit actions written so far for a target, oldest first. */
export async function auditActions(s: TestServer, targetId: string): Promise<string[]> {
  const rows = await s.app.portico.db
    .selectFrom('audit_log')
    .select(['action', 'at', 'id'])
    .where('target_id', '=', targetId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}
