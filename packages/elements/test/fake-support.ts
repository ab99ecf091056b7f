import {
  type Attachment,
  grants,
  type Permission,
  type PortalClient,
  type SupportConfig,
  type Ticket,
  type TicketMessage,
  type TicketSummary,
} from '@portico/sdk';
import { ATTACHMENT_TYPES, NewTicketInputSchema, TicketReplyInputSchema } from '@portico/sdk/contract';
import { FakeAccount } from './fake-account.js';
import { fakeClient, json, problem } from './fake-portal.js';
import { RouteOverrides } from './route-overrides.js';
import '../src/index.js';

/** A request to one of the support routes. */
export interface FakeSupportCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The JSON body; undefined for GET and for uploads. */
  body: Record<string, any> | undefined;
  /** An upload's size in bytes. */
  bytes?: number;
  idempotencyKey: string | null;
}

type Handler = (call: FakeSupportCall) => Response | Promise<Response>;

/** `minutes` ago, as an ISO timestamp. */
export const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** A body as the fake's message HTML: escaped, with `**bold**`. */
const bodyHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');

const validation = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  problem(
    400,
    'VALIDATION_FAILED',
    'The request body has invalid fields',
    issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );

/**
 * A stand-in for the Portico server's support routes (`/api/v1/support/…`: config, tickets, replies, closing,
 * uploads and downloads) in front of a {@link FakeAccount}, which answers everything else and decides who is
 * signed in with which permissions. Shapes, permissions and codes follow `packages/sdk/src/contract/support.ts`:
 * reading needs `support:read`, writing `support:write`; bodies are checked with the contract's own schemas
 * (400 VALIDATION_FAILED with field errors); uploads are checked against `config.attachments` (415
 * ATTACHMENT_TYPE, 413 ATTACHMENT_TOO_LARGE); a message may only carry unsent uploads (422
 * ATTACHMENT_UNAVAILABLE); a repeated Idempotency-Key answers the first ticket or reply. Message HTML is the
 * body escaped (tests can set any `html`, e.g. hostile markup). `answer(route, handler, times)` overrides the
 * next request(s).
 */
export class FakeSupport {
  readonly account: FakeAccount;
  readonly calls: FakeSupportCall[] = [];
  /** Every ticket of the account, in any order (lists sort by last activity). */
  tickets: Ticket[] = [];
  config: SupportConfig = {
    departments: [
      { id: 'dep_billing', name: 'Billing', description: 'Invoices and payments' },
      { id: 'dep_technical', name: 'Technical', description: 'Hosting, mail and domains' },
    ],
    attachments: { maxBytes: 1024 * 1024, maxFiles: 3, types: ['png', 'jpg', 'pdf', 'txt', 'log'] },
  };
  /** Uploaded files, by id, with whether a message carries them. */
  readonly uploads = new Map<string, Attachment & { used: boolean; bytes: Uint8Array }>();
  readonly #keys = new Map<string, Ticket>();
  readonly #overrides = new RouteOverrides<FakeSupportCall>();
  #ids = 0;

  constructor(account: FakeAccount = new FakeAccount()) {
    this.account = account;
  }

  /** Adds a ticket: open, technical, one message from Ada unless told otherwise. */
  addTicket(ticket: Partial<Ticket> = {}): Ticket {
    const n = this.tickets.length + 1;
    const createdAt = ticket.createdAt ?? minutesAgo(60 * 24);
    const messages = ticket.messages ?? [this.message({ body: `Ticket ${n} needs help.`, createdAt })];
    const last = messages.at(-1);
    const added: Ticket = {
      id: this.#id('tkt'),
      reference: `K7QM-${String(n).padStart(4, '0')}`,
      subject: `Ticket ${n}`,
      status: 'open',
      priority: 'medium',
      department: this.config.departments[1]!,
      openedBy: 'Ada Lovelace',
      lastReplyBy: last?.author.kind ?? 'client',
      lastReplyAt: last?.createdAt ?? createdAt,
      messageCount: messages.length,
      createdAt,
      closedAt: null,
      ...ticket,
      messages,
    };
    this.tickets.push(added);
    return added;
  }

  /** A message (from Ada unless `author` says otherwise), with its body rendered as escaped HTML. */
  message(message: Partial<TicketMessage> = {}): TicketMessage {
    const body = message.body ?? 'Hello';
    return {
      id: this.#id('msg'),
      author: { kind: 'client', name: 'Ada Lovelace' },
      body,
      html: `<p>${bodyHtml(body)}</p>`,
      attachments: [],
      createdAt: minutesAgo(30),
      ...message,
    };
  }

  /** An attachment record for a message. */
  attachment(name: string, size: number): Attachment {
    const ext = name.slice(name.lastIndexOf('.') + 1) as keyof typeof ATTACHMENT_TYPES;
    return {
      id: this.#id('att'),
      name,
      size,
      type: ATTACHMENT_TYPES[ext] ?? 'application/octet-stream',
      createdAt: minutesAgo(30),
    };
  }

  /** Makes the signed-in person a contact with just these permissions. */
  asContact(permissions: Permission[]): void {
    this.account.asContact('custom', permissions);
  }

  answer(route: string, handler: Handler, times = 1): void {
    this.#overrides.set(route, handler, times);
  }

  /** Requests made to `route` (`METHOD /path` or just the path). */
  callsTo(route: string): FakeSupportCall[] {
    return this.calls.filter((c) => c.path === route || `${c.method} ${c.path}` === route);
  }

  client(email?: string): PortalClient {
    let token: string | undefined;
    if (email) {
      token = this.#id('tok');
      this.account.portal.sessions.set(token, email);
    }
    return fakeClient(this.fetch, token);
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!/^\/api\/v1\/support(\/|$)/.test(url.pathname)) return this.account.fetch(request);
    const upload = url.pathname === '/api/v1/support/attachments';
    const raw = request.method === 'GET' ? undefined : new Uint8Array(await request.arrayBuffer());
    const text = !upload && raw?.length ? new TextDecoder().decode(raw) : '';
    const call: FakeSupportCall = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: text ? JSON.parse(text) : undefined,
      ...(upload ? { bytes: raw?.length ?? 0 } : {}),
      idempotencyKey: request.headers.get('idempotency-key'),
    };
    this.calls.push(call);
    const canned = this.#overrides.answer(call);
    if (canned) return canned;
    const bearer = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    if (!this.account.portal.sessions.get(bearer))
      return problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
    return this.#route(call, raw);
  };

  #route(call: FakeSupportCall, raw: Uint8Array | undefined): Response {
    const [, , , , area, id, action, attachmentId] = call.path.split('/');
    const need = (access: Permission) =>
      grants(this.account.permissions, access)
        ? undefined
        : problem(403, 'PERMISSION_DENIED', `You do not have ${access} on this account.`);
    const route = `${call.method} ${area}${id ? '/:id' : ''}${action ? `/${action}` : ''}`;
    const access: Permission = call.method === 'GET' ? 'support:read' : 'support:write';
    const denied = need(access);
    if (denied) return denied;
    switch (route) {
      case 'GET config':
        return json(200, this.config);
      case 'POST attachments':
        return this.#upload(call, raw ?? new Uint8Array());
      case 'GET tickets':
        return this.#list(call);
      case 'POST tickets':
        return this.#open(call);
    }
    const ticket = this.tickets.find((t) => t.id === id);
    if (!ticket) return problem(404, 'NOT_FOUND', 'There is no such ticket.');
    switch (route) {
      case 'GET tickets/:id':
        return json(200, ticket);
      case 'POST tickets/:id/replies':
        return this.#reply(ticket, call);
      case 'POST tickets/:id/close':
        if (ticket.status !== 'closed') {
          ticket.status = 'closed';
          ticket.closedAt = new Date().toISOString();
        }
        return json(200, ticket);
      case 'GET tickets/:id/attachments': {
        const file = ticket.messages.flatMap((m) => m.attachments).find((a) => a.id === attachmentId);
        if (!file) return problem(404, 'NOT_FOUND', 'There is no such file.');
        return new Response(new Blob([`contents of ${file.name}`], { type: file.type }), {
          status: 200,
          headers: {
            'content-type': file.type,
            'content-disposition': `attachment; filename="${file.name}"`,
          },
        });
      }
      default:
        return problem(404, 'NOT_FOUND', 'No such route.');
    }
  }

  #list(call: FakeSupportCall): Response {
    const status = call.query.status;
    const all = this.tickets
      .filter((t) => !status || (status === 'active' ? t.status !== 'closed' : t.status === status))
      .sort((a, b) => b.lastReplyAt.localeCompare(a.lastReplyAt))
      .map(({ messages: _, ...summary }): TicketSummary => summary);
    const limit = Number(call.query.limit ?? 20);
    const start = call.query.cursor ? Number(call.query.cursor) : 0;
    const next = start + limit < all.length ? String(start + limit) : null;
    return json(200, { items: all.slice(start, start + limit), nextCursor: next });
  }

  #upload(call: FakeSupportCall, bytes: Uint8Array): Response {
    const name = call.query.name ?? '';
    const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
    const rules = this.config.attachments;
    if (!(rules.types as string[]).includes(ext)) {
      return problem(415, 'ATTACHMENT_TYPE', 'This type of file is not accepted.');
    }
    if (bytes.length > rules.maxBytes) {
      return problem(413, 'ATTACHMENT_TOO_LARGE', 'This file is larger than the limit.');
    }
    const attachment = { ...this.attachment(name, bytes.length), createdAt: new Date().toISOString() };
    this.uploads.set(attachment.id, { ...attachment, used: false, bytes });
    return json(201, attachment);
  }

  /** The uploads named by `ids`, marked used; undefined (refuse) when one is unknown or already sent. */
  #take(ids: readonly string[]): Attachment[] | undefined {
    const files = ids.map((id) => this.uploads.get(id));
    if (files.some((f) => !f || f.used)) return undefined;
    return files.map((f) => {
      f!.used = true;
      const { used: _, bytes: __, ...attachment } = f!;
      return attachment;
    });
  }

  #open(call: FakeSupportCall): Response {
    const repeat = call.idempotencyKey ? this.#keys.get(call.idempotencyKey) : undefined;
    if (repeat) return json(201, repeat);
    const parsed = NewTicketInputSchema.safeParse(call.body ?? {});
    if (!parsed.success) return validation(parsed.error.issues);
    const input = parsed.data;
    const department = this.config.departments.find((d) => d.id === input.departmentId);
    if (!department) {
      return problem(422, 'DEPARTMENT_UNAVAILABLE', 'This department does not take tickets.', [
        { path: 'departmentId', message: 'This department does not take tickets.' },
      ]);
    }
    const attachments = this.#take(input.attachments);
    if (!attachments) return problem(422, 'ATTACHMENT_UNAVAILABLE', 'An attachment is not available.');
    const now = new Date().toISOString();
    const ticket = this.addTicket({
      subject: input.subject,
      priority: input.priority,
      department,
      createdAt: now,
      messages: [this.message({ body: input.message, attachments, createdAt: now })],
    });
    if (call.idempotencyKey) this.#keys.set(call.idempotencyKey, ticket);
    return json(201, ticket);
  }

  #reply(ticket: Ticket, call: FakeSupportCall): Response {
    const repeat = call.idempotencyKey ? this.#keys.get(call.idempotencyKey) : undefined;
    if (repeat) return json(201, repeat);
    const parsed = TicketReplyInputSchema.safeParse(call.body ?? {});
    if (!parsed.success) return validation(parsed.error.issues);
    const attachments = this.#take(parsed.data.attachments);
    if (!attachments) return problem(422, 'ATTACHMENT_UNAVAILABLE', 'An attachment is not available.');
    const now = new Date().toISOString();
    ticket.messages = [
      ...ticket.messages,
      this.message({ body: parsed.data.message, attachments, createdAt: now }),
    ];
    ticket.messageCount = ticket.messages.length;
    ticket.status = ticket.messages.some((m) => m.author.kind === 'staff') ? 'customer_reply' : 'open';
    ticket.closedAt = null;
    ticket.lastReplyBy = 'client';
    ticket.lastReplyAt = now;
    if (call.idempotencyKey) this.#keys.set(call.idempotencyKey, structuredClone(ticket));
    return json(201, ticket);
  }

  #id(prefix: string) {
    this.#ids++;
    return `${prefix}_${String(this.#ids).padStart(26, '0')}`;
  }
}

/** Renders `content` in a provider signed in to the fake as Ada (or `signedInAs`; `null` for signed out). */
export { inFakeProvider as inSupportProvider } from './fake-pieces.js';
