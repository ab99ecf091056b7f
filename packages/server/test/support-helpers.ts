import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import type { Config } from '../src/index.js';
import { type Client, newClient, ok, staffHeaders } from './billing-helpers.js';
import { staffSession, startServer, type StaffLogin, type TestResponse, type TestServer } from './helpers.js';

export const API = '/api/v1/support';
export const ADMIN = '/api/admin/v1/support';
/** An embedding site on the allow-list of every support test server. */
export const EMBED_ORIGIN = 'https://shop.example';

/** A support test server: departments (one hidden), an admin, a support and a billing staff member, two clients. */
export interface SupportWorld {
  s: TestServer;
  admin: StaffLogin;
  agent: StaffLogin;
  billing: Record<string, string>;
  ada: Client;
  bob: Client;
  departments: { general: string; technical: string; abuse: string };
}

export async function startSupport(overrides: Partial<Config> = {}): Promise<SupportWorld> {
  const s = await startServer({ allowedOrigins: [EMBED_ORIGIN], ...overrides });
  const admin = await staffSession(s, 'admin', 'admin@staff.test');
  const agent = await staffSession(s, 'support', 'agent@staff.test');
  const billing = await staffHeaders(s, 'billing');
  const department = async (name: string, visible = true) =>
    ok(
      await s.request('POST', `${ADMIN}/departments`, {
        headers: admin.headers,
        body: { name, description: `${name} questions`, visible },
      }),
      201,
    ).id as string;
  const departments = {
    general: await department('General'),
    technical: await department('Technical support'),
    abuse: await department('Abuse', false),
  };
  const ada = await newClient(s, 'ada@client.test');
  const bob = await newClient(s, 'bob@client.test');
  await s.app.portico.db
    .updateTable('accounts')
    .set({ name: 'Ada Ltd' })
    .where('id', '=', ada.accountId)
    .execute();
  return { s, admin, agent, billing, ada, bob, departments };
}

/** Sends raw bytes to an upload route (`application/octet-stream` unless told). */
export async function uploadRaw(
  s: TestServer,
  path: string,
  name: string,
  bytes: Uint8Array | string,
  headers: Record<string, string>,
): Promise<TestResponse> {
  const response = await fetch(`${s.url}${path}?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...headers },
    body: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : Uint8Array.from(bytes),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** A client's upload; answers the attachment (asserting 201). */
export async function upload(
  s: TestServer,
  who: { headers: Record<string, string> },
  name: string,
  bytes: Uint8Array | string = 'hello\n',
): Promise<{ id: string; name: string; size: number; type: string }> {
  return ok(await uploadRaw(s, `${API}/attachments`, name, bytes, who.headers), 201);
}

/** A staff member's upload. */
export async function staffUpload(
  s: TestServer,
  headers: Record<string, string>,
  name: string,
  bytes: Uint8Array | string = 'internal\n',
): Promise<{ id: string }> {
  return ok(await uploadRaw(s, `${ADMIN}/attachments`, name, bytes, headers), 201);
}

/** Opens a ticket as a client; answers the ticket. */
export async function openTicket(
  s: TestServer,
  who: { headers: Record<string, string> },
  input: {
    departmentId: string;
    subject?: string;
    message?: string;
    attachments?: string[];
    priority?: string;
  },
): Promise<any> {
  return ok(
    await s.request('POST', `${API}/tickets`, {
      headers: who.headers,
      body: { subject: 'Mail bounces', message: 'Every mail **bounces**.', ...input },
    }),
    201,
  );
}

/** A staff reply; answers the staff view. */
export async function staffReply(
  s: TestServer,
  headers: Record<string, string>,
  ticketId: string,
  body: { message: string; attachments?: string[]; status?: string },
): Promise<any> {
  return ok(await s.request('POST', `${ADMIN}/tickets/${ticketId}/replies`, { headers, body }), 201);
}

/** A staff note; answers the staff view. */
export async function staffNote(
  s: TestServer,
  headers: Record<string, string>,
  ticketId: string,
  body: { message: string; attachments?: string[] },
): Promise<any> {
  return ok(await s.request('POST', `${ADMIN}/tickets/${ticketId}/notes`, { headers, body }), 201);
}

// ─── File fixtures ──────────────────────────────────────────────────────────────────────────────────────────

export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000dIHDR', 'latin1'),
  Buffer.alloc(32, 1),
]);
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

/**
 * A ZIP archive of `entries` (stored, no compression), built byte by byte: local headers in order, then the
 * central directory and its end record.
 */
export function zip(entries: Array<[name: string, content: string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const DOCX = zip([
  ['[Content_Types].xml', '<Types/>'],
  ['_rels/.rels', '<Relationships/>'],
  ['word/document.xml', '<w:document/>'],
]);
export const XLSX = zip([
  ['[Content_Types].xml', '<Types/>'],
  ['xl/workbook.xml', '<workbook/>'],
]);
export const ODT = zip([
  ['mimetype', 'application/vnd.oasis.opendocument.text'],
  ['content.xml', '<office:document-content/>'],
]);
export const PLAIN_ZIP = zip([['readme.txt', 'hello']]);

/** The ids of a list answer's items. */
export const idsOf = (page: { items: Array<{ id: string }> }) => page.items.map((item) => item.id);

/** Asserts a problem answer's status and code. */
export function problem(r: TestResponse, status: number, code: string): any {
  assert.equal(r.status, status, `${r.status} ${r.text}`);
  assert.equal(r.body?.code, code, r.text);
  return r.body;
}
