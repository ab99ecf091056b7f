import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import {
  type AppOptions,
  type Config,
  createApp,
  createIdGenerator,
  FakeClock,
  type MailTransport,
  type PorticoApp,
  testConfig,
} from '../src/index.js';

export interface SentMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** A mail transport that keeps what it sends, so tests read codes from real rendered mails. */
export class MemoryTransport implements MailTransport {
  readonly name = 'memory';
  readonly sent: SentMail[] = [];
  async send(message: { to_address: string; subject: string; text: string; html: string }): Promise<void> {
    this.sent.push({
      to: message.to_address,
      subject: message.subject,
      text: message.text,
      html: message.html,
    });
  }
}

export interface TestServer {
  app: PorticoApp;
  url: string;
  clock: FakeClock;
  mail: MemoryTransport;
  /** POST/GET JSON with sensible defaults; returns status, headers and parsed body. */
  request(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string>; raw?: string },
  ): Promise<TestResponse>;
  /** Delivers the outbox and returns the 6-digit code of the newest mail to `to`. */
  codeFor(to: string): Promise<string>;
  /** Delivers the outbox and returns mails to `to`, oldest first. */
  mailsTo(to: string): Promise<SentMail[]>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** Starts a real Portico server on 127.0.0.1 with an in-memory database, a fake clock and a memory mailbox. */
export async function startServer(
  overrides: Partial<Config> = {},
  options: Pick<AppOptions, 'registrars'> = {},
): Promise<TestServer> {
  const clock = new FakeClock('2026-03-02T09:00:00.000Z');
  const mail = new MemoryTransport();
  const config = testConfig(overrides);
  const app = createApp(
    config,
    { clock, ids: createIdGenerator(clock), logger: pino({ level: 'silent' }) },
    {
      mailTransport: mail,
      autoDeliverMail: false,
      ...options,
    },
  );
  await app.portico.ready;
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const mailsTo = async (to: string) => {
    await app.portico.outbox.deliverDue();
    return mail.sent.filter((m) => m.to === to.toLowerCase());
  };
  return {
    app,
    url,
    clock,
    mail,
    async request(method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      let body: string | undefined = init.raw;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(url + path, { method, headers, body, redirect: 'manual' });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: response.status, headers: response.headers, body: parsed, text };
    },
    async codeFor(to) {
      const mails = await mailsTo(to);
      const last = mails.at(-1);
      const code = last?.text.match(/\b(\d{6})\b/)?.[1];
      if (!code)
        throw new Error(`No code mailed to ${to}; mails: ${JSON.stringify(mails.map((m) => m.subject))}`);
      return code;
    },
    mailsTo,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.portico.close();
    },
  };
}

/** Registers and verifies a user; returns the session token (token mode). */
export async function signUp(
  server: TestServer,
  email: string,
  password = 'correct horse battery staple',
  name = 'Ada Lovelace',
): Promise<string> {
  const reg = await server.request('POST', '/api/v1/auth/register', { body: { name, email, password } });
  if (reg.status !== 202) throw new Error(`register: ${reg.status} ${reg.text}`);
  const code = await server.codeFor(email);
  const verified = await server.request('POST', '/api/v1/auth/verify-email', {
    body: { email, code },
    headers: { 'x-portico-session': 'token' },
  });
  if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${verified.text}`);
  return verified.body.token;
}

/** The body without the parts that differ per request. */
export function stable(body: any): any {
  if (!body || typeof body !== 'object') return body;
  const { requestId: _r, ...rest } = body;
  return rest;
}

/** Who the session read says is signed in with these headers: their email, or null when signed out. */
export async function signedInAs(
  server: TestServer,
  headers: Record<string, string>,
): Promise<string | null> {
  const r = await server.request('GET', '/api/v1/auth/session', { headers });
  if (r.status !== 200) throw new Error(`session read: ${r.status} ${r.text}`);
  return r.body === null ? null : r.body.user.email;
}

export interface StaffLogin {
  id: string;
  email: string;
  /** The staff session token (what the `portico_staff` cookie holds). */
  token: string;
  /** Headers that carry the staff cookie and the server's own Origin. */
  headers: Record<string, string>;
}

/**
 * Creates a staff member with a live session, straight in the database (no sign-in round trip), so tests of
 * staff routes need not go through the staff sign-in.
 */
export async function staffSession(
  server: TestServer,
  role: 'admin' | 'billing' | 'support' = 'admin',
  email = `${role}-${Math.random().toString(36).slice(2, 8)}@staff.test`,
): Promise<StaffLogin> {
  const { db, deps, config } = server.app.portico;
  const now = deps.clock.now();
  const id = deps.ids('stf');
  await db
    .insertInto('staff')
    .values({
      id,
      email,
      name: `Test ${role}`,
      role,
      password_hash: null,
      totp_secret: null,
      totp_pending_secret: null,
      totp_enabled_at: null,
      totp_last_step: null,
      disabled_at: null,
      last_sign_in_at: now.toISOString(),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  const token = `pst_${randomBytes(32).toString('base64url')}`;
  await db
    .insertInto('staff_sessions')
    .values({
      id: deps.ids('sts'),
      token_hash: createHash('sha256').update(token).digest('hex'),
      staff_id: id,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      idle_expires_at: new Date(now.getTime() + config.staffSessionIdleMs).toISOString(),
      expires_at: new Date(now.getTime() + config.staffSessionAbsoluteMs).toISOString(),
      ip: null,
      user_agent: null,
      revoked_at: null,
    })
    .execute();
  return { id, email, token, headers: { cookie: `portico_staff=${token}`, origin: config.publicOrigin } };
}
