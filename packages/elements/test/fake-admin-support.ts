import {
  type AdminClient,
  type AdminDepartment,
  type AdminTicket,
  type AdminTicketMessage,
  type AdminTicketSummary,
  type Attachment,
  createAdminClient,
  type SupportSettings,
  type TicketPriority,
  type TicketStatus,
} from '@portico/sdk/admin';
import { ATTACHMENT_TYPES } from '@portico/sdk/contract';
import {
  ADMIN_API,
  type FakeAccount,
  FakeAdmin,
  type FakeStaff,
  json,
  notFound,
  pageOf,
  problem,
} from './fake-admin.js';

/** A department as the fake stores it (its ticket count is worked out when listed). */
type FakeDepartment = Omit<AdminDepartment, 'tickets'>;

/** An uploaded file: its attachment, its bytes, who uploaded it and the message it went on (if any). */
interface FakeUpload {
  attachment: Attachment;
  bytes: Uint8Array;
  staffId: string;
  used: boolean;
}

const UPLOAD_PATH = '/api/admin/v1/support/attachments';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What the server's Markdown renderer does, as far as the tests need: escaped text, paragraphs, **bold**. */
export function renderMarkdown(markdown: string): string {
  return markdown
    .trim()
    .split(/\n{2,}/)
    .map((block) => `<p>${escapeHtml(block).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')}</p>`)
    .join('\n');
}

/**
 * The fake staff API with support: departments (Sales and Technical visible to clients, Abuse staff-only),
 * tickets of Acme Ltd and Globex with their threads (client replies, staff replies, internal notes, attachments),
 * the queue counts, attachment uploads (raw bytes, checked against the settings' size and types), downloads,
 * support settings and the Markdown preview. Uploads can be held (`holdUploads`) to see them in progress.
 */
export class FakeAdminSupport extends FakeAdmin {
  readonly departments: FakeDepartment[] = [];
  readonly tickets: AdminTicket[] = [];
  readonly uploads = new Map<string, FakeUpload>();
  supportSettings: SupportSettings = {
    attachments: { maxBytes: 5 * 1024 * 1024, maxFiles: 3, types: ['png', 'jpg', 'pdf', 'txt', 'log'] },
    autoCloseDays: 7,
  };
  /** The Idempotency-Key of each request that carried one, in order. */
  readonly idempotencyKeys: { method: string; path: string; key: string }[] = [];
  /** While set, uploads wait until `releaseUploads()`. */
  holdUploads = false;
  #held: (() => void)[] = [];
  #n = 0;
  #at = Date.parse('2025-05-01T09:00:00Z');

  constructor() {
    super();
    const sales = this.addDepartment({ name: 'Sales', description: 'Plans, prices and orders.' });
    const tech = this.addDepartment({ name: 'Technical', description: 'Servers, mail and DNS.' });
    this.addDepartment({ name: 'Abuse', description: 'Reports of abuse.', visible: false });
    const acme = this.account('Acme Ltd');
    const globex = this.account('Globex');
    const sam = this.member('sam@example.com');
    const grace = this.member('grace@example.com');

    const mail = this.addTicket(acme, {
      subject: 'Mail is not arriving',
      reference: 'K7QM-2X4T',
      department: tech,
      status: 'customer_reply',
      priority: 'urgent',
      assignee: sam,
    });
    this.addMessage(mail, { author: 'client', body: 'Since this morning **no mail** arrives.' });
    this.addMessage(mail, {
      author: 'staff',
      kind: 'note',
      by: sam,
      body: 'Customer is on the legacy plan.',
    });
    this.addMessage(mail, { author: 'staff', by: sam, body: 'We are looking at the mail queue.' });
    const log = this.addMessage(mail, { author: 'client', body: 'Here is the bounce I got.' });
    log.attachments.push(this.#storeUpload('bounce.txt', 'Delivery failed: 550', null));

    const upgrade = this.addTicket(acme, {
      subject: 'Upgrade to the business plan',
      reference: 'P3RW-8HZN',
      department: sales,
      status: 'open',
      priority: 'medium',
    });
    this.addMessage(upgrade, { author: 'client', body: 'How much is the business plan?' });

    const dns = this.addTicket(globex, {
      subject: 'DNS records for globex.dev',
      reference: 'D9LS-4KVB',
      department: tech,
      status: 'answered',
      priority: 'low',
      assignee: grace,
    });
    this.addMessage(dns, { author: 'client', body: 'Which records do I need?' });
    this.addMessage(dns, { author: 'staff', by: grace, body: 'An A record and an MX record.' });

    const invoice = this.addTicket(globex, {
      subject: 'Old invoice question',
      reference: 'Q2TT-6MJE',
      department: sales,
      status: 'closed',
      priority: 'high',
    });
    this.addMessage(invoice, { author: 'client', body: 'Was my last invoice paid?' });
  }

  override client(): AdminClient {
    return createAdminClient({ baseUrl: ADMIN_API, fetch: this.#fetch, retries: 0 });
  }

  /** The client named `name`. */
  account(name: string): FakeAccount {
    const found = this.accounts.find((a) => a.name === name);
    if (!found) throw new Error(`No client ${name}`);
    return found;
  }

  addDepartment(o: Partial<FakeDepartment> & { name: string }): FakeDepartment {
    const department: FakeDepartment = {
      id: this.newId('dep'),
      description: '',
      visible: true,
      position: (this.departments.at(-1)?.position ?? 0) + 10,
      ...o,
    };
    this.departments.push(department);
    return department;
  }

  addTicket(
    account: FakeAccount,
    o: {
      subject: string;
      reference?: string;
      department: FakeDepartment;
      status?: TicketStatus;
      priority?: TicketPriority;
      assignee?: FakeStaff;
    },
  ): AdminTicket {
    const now = this.now();
    const ticket: AdminTicket = {
      id: this.newId('tkt'),
      reference: o.reference ?? `R${String(this.#n).padStart(3, '0')}-TEST`,
      subject: o.subject,
      status: o.status ?? 'open',
      priority: o.priority ?? 'medium',
      department: this.#departmentRef(o.department),
      openedBy: account.users[0]?.name ?? account.name,
      lastReplyBy: 'client',
      lastReplyAt: now,
      messageCount: 0,
      createdAt: now,
      closedAt: o.status === 'closed' ? now : null,
      accountId: account.id,
      accountName: account.name,
      assignee: o.assignee ? { id: o.assignee.id, name: o.assignee.name } : null,
      messages: [],
    };
    this.tickets.push(ticket);
    return ticket;
  }

  /** Adds a message; `html` is what the server would have rendered (a test may put anything there). */
  addMessage(
    ticket: AdminTicket,
    o: { author: 'client' | 'staff'; body: string; kind?: 'reply' | 'note'; by?: FakeStaff; html?: string },
  ): AdminTicketMessage {
    const account = this.accounts.find((a) => a.id === ticket.accountId);
    const person = account?.users[0];
    const message: AdminTicketMessage = {
      id: this.newId('msg'),
      kind: o.kind ?? 'reply',
      author:
        o.author === 'client'
          ? {
              kind: 'client',
              name: person?.name ?? 'Client',
              id: person?.userId ?? 'usr_x',
              email: person?.email ?? '',
            }
          : {
              kind: 'staff',
              name: o.by?.name ?? 'Staff',
              id: o.by?.id ?? 'stf_x',
              email: o.by?.email ?? '',
            },
      body: o.body,
      html: o.html ?? renderMarkdown(o.body),
      attachments: [],
      createdAt: this.now(),
    };
    ticket.messages.push(message);
    if (message.kind === 'reply') {
      ticket.messageCount++;
      ticket.lastReplyBy = o.author;
      ticket.lastReplyAt = message.createdAt;
    }
    return message;
  }

  /** The ticket whose subject is `subject`. */
  ticket(subject: string): AdminTicket {
    const found = this.tickets.find((t) => t.subject === subject);
    if (!found) throw new Error(`No ticket ${subject}`);
    return found;
  }

  /** The department named `name`. */
  department(name: string): FakeDepartment {
    const found = this.departments.find((d) => d.name === name);
    if (!found) throw new Error(`No department ${name}`);
    return found;
  }

  /** Lets held uploads finish. */
  releaseUploads(): void {
    this.holdUploads = false;
    for (const release of this.#held.splice(0)) release();
  }

  protected override handleMore(
    id: string,
    params: Record<string, string>,
    body: any,
    query: any,
    me: FakeStaff | undefined,
  ): Response | undefined {
    if (id === 'adminContent.preview') return json(200, { html: renderMarkdown(body.markdown) });
    if (!id.startsWith('adminSupport.')) return undefined;
    const ticket = params.ticketId ? this.tickets.find((t) => t.id === params.ticketId) : undefined;
    const department = params.departmentId
      ? this.departments.find((d) => d.id === params.departmentId)
      : undefined;
    switch (id.slice('adminSupport.'.length)) {
      case 'queues': {
        const active = this.tickets.filter((t) => t.status !== 'closed');
        const count = (departmentId: string, status: TicketStatus) =>
          active.filter((t) => t.department.id === departmentId && t.status === status).length;
        return json(200, {
          departments: this.#sorted().map((d) => ({
            id: d.id,
            name: d.name,
            open: count(d.id, 'open'),
            customerReply: count(d.id, 'customer_reply'),
            answered: count(d.id, 'answered'),
          })),
          unassigned: active.filter((t) => !t.assignee).length,
          mine: active.filter((t) => t.assignee?.id === me?.id).length,
        });
      }
      case 'listTickets': {
        const q = (query.q ?? '').toLowerCase();
        const assignee = query.assignee === 'me' ? me?.id : query.assignee;
        const items = this.tickets
          .filter(
            (t) =>
              (!query.status ||
                (query.status === 'active' ? t.status !== 'closed' : t.status === query.status)) &&
              (!query.departmentId || t.department.id === query.departmentId) &&
              (!query.priority || t.priority === query.priority) &&
              (!query.accountId || t.accountId === query.accountId) &&
              (!assignee || (assignee === 'none' ? !t.assignee : t.assignee?.id === assignee)) &&
              (!q || t.subject.toLowerCase().includes(q) || t.reference.toLowerCase() === q),
          )
          .sort((a, b) => b.lastReplyAt.localeCompare(a.lastReplyAt))
          .map(summaryOf);
        return json(200, pageOf(items, query));
      }
      case 'getTicket':
        return ticket ? json(200, ticket) : notFound('ticket');
      case 'reply':
      case 'addNote': {
        if (!ticket || !me) return notFound('ticket');
        const files = this.#claim(body.attachments, me);
        if (!files) return problem(422, 'ATTACHMENT_UNAVAILABLE', 'An attachment is not available.');
        const note = id === 'adminSupport.addNote';
        const message = this.addMessage(ticket, {
          author: 'staff',
          kind: note ? 'note' : 'reply',
          by: me,
          body: body.message,
        });
        message.attachments.push(...files);
        if (!note) ticket.status = body.status ?? 'answered';
        return json(201, ticket);
      }
      case 'updateTicket': {
        if (!ticket) return notFound('ticket');
        if (body.departmentId !== undefined) {
          const moved = this.departments.find((d) => d.id === body.departmentId);
          if (!moved) return problem(422, 'DEPARTMENT_UNAVAILABLE', 'There is no such department.');
          ticket.department = this.#departmentRef(moved);
        }
        if (body.assigneeId !== undefined) {
          if (body.assigneeId === null) ticket.assignee = null;
          else {
            const staff = this.staff.find((s) => s.id === body.assigneeId);
            if (!staff || staff.role === 'billing') {
              return problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
                { path: 'assigneeId', message: 'Choose a staff member who works tickets' },
              ]);
            }
            ticket.assignee = { id: staff.id, name: staff.name };
          }
        }
        if (body.status) {
          ticket.status = body.status;
          ticket.closedAt = body.status === 'closed' ? this.now() : null;
        }
        if (body.priority) ticket.priority = body.priority;
        return json(200, ticket);
      }
      case 'download': {
        const upload = ticket
          ? [...this.uploads.values()].find(
              (u) =>
                u.attachment.id === params.attachmentId &&
                ticket.messages.some((m) => m.attachments.some((a) => a.id === u.attachment.id)),
            )
          : undefined;
        if (!upload) return notFound('attachment');
        return new Response(upload.bytes.slice().buffer, {
          status: 200,
          headers: { 'content-type': upload.attachment.type },
        });
      }
      case 'listStaff':
        return json(200, {
          items: this.staff
            .filter((s) => s.role !== 'billing' && !s.disabled)
            .map((s) => ({ id: s.id, name: s.name }))
            .sort((a, b) => a.name.localeCompare(b.name)),
        });
      case 'listDepartments':
        return json(200, { items: this.#sorted().map(this.#withCount) });
      case 'createDepartment': {
        if (this.#nameTaken(body.name)) return nameTaken();
        return json(201, this.#withCount(this.addDepartment(body)));
      }
      case 'updateDepartment': {
        if (!department) return notFound('department');
        if (body.name !== undefined && this.#nameTaken(body.name, department.id)) return nameTaken();
        Object.assign(department, body);
        for (const t of this.tickets) {
          if (t.department.id === department.id) t.department = this.#departmentRef(department);
        }
        return json(200, this.#withCount(department));
      }
      case 'deleteDepartment': {
        if (!department) return notFound('department');
        if (this.tickets.some((t) => t.department.id === department.id)) {
          return problem(409, 'CONFLICT', 'The department has tickets.');
        }
        this.departments.splice(this.departments.indexOf(department), 1);
        return new Response(null, { status: 204 });
      }
      case 'getSettings':
        return json(200, this.supportSettings);
      case 'updateSettings':
        this.supportSettings = {
          attachments: { ...this.supportSettings.attachments, ...body.attachments },
          autoCloseDays:
            body.autoCloseDays === undefined ? this.supportSettings.autoCloseDays : body.autoCloseDays,
        };
        return json(200, this.supportSettings);
    }
    return undefined;
  }

  /** The fake's clock: a minute later at each call. */
  protected now(): string {
    this.#at += 60_000;
    return new Date(this.#at).toISOString();
  }

  /** A new id, unique within the fake, shaped as the contract's ids (`att_` + 26 characters). */
  protected newId(prefix: string): string {
    this.#n++;
    return `${prefix}_s${String(this.#n).padStart(25, '0')}`;
  }

  /** Uploads arrive as raw bytes (not JSON), so they are answered here, before the JSON routing. */
  readonly #fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const key = request.headers.get('idempotency-key');
    if (key) this.idempotencyKeys.push({ method: request.method, path: url.pathname, key });
    if (request.method !== 'POST' || url.pathname !== UPLOAD_PATH) return this.fetch(request);
    const bytes = new Uint8Array(await request.arrayBuffer());
    const name = url.searchParams.get('name') ?? '';
    this.calls.push({
      method: 'POST',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: { size: bytes.length, text: new TextDecoder().decode(bytes) },
    });
    if (this.holdUploads) await new Promise<void>((resolve) => this.#held.push(resolve));
    const me = this.staff.find((s) => s.id === this.signedIn && !s.disabled);
    if (!me) return problem(401, 'UNAUTHENTICATED', 'Sign in to the staff console to continue.');
    if (me.role === 'billing') return problem(403, 'ROLE_NOT_ALLOWED', 'Your role may not do this.');
    const rules = this.supportSettings.attachments;
    const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
    if (!(rules.types as string[]).includes(extension)) {
      return problem(415, 'ATTACHMENT_TYPE', 'Files of this type are not accepted.');
    }
    if (bytes.length > rules.maxBytes) {
      return problem(413, 'ATTACHMENT_TOO_LARGE', 'The file is too large.');
    }
    const attachment = this.#storeUpload(name, bytes, me.id);
    return json(201, attachment);
  };

  #storeUpload(name: string, content: string | Uint8Array, staffId: string | null): Attachment {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase() as keyof typeof ATTACHMENT_TYPES;
    const attachment: Attachment = {
      id: this.newId('att'),
      name,
      size: bytes.length,
      type: ATTACHMENT_TYPES[extension] ?? 'application/octet-stream',
      createdAt: this.now(),
    };
    this.uploads.set(attachment.id, { attachment, bytes, staffId: staffId ?? '', used: staffId === null });
    return attachment;
  }

  /** The uploads `ids` name, marked used; undefined when one is unknown, used, or someone else's. */
  #claim(ids: string[], me: FakeStaff): Attachment[] | undefined {
    const uploads = ids.map((id) => this.uploads.get(id));
    if (uploads.some((u) => !u || u.used || u.staffId !== me.id)) return undefined;
    return uploads.map((u) => {
      u!.used = true;
      return u!.attachment;
    });
  }

  #sorted() {
    return [...this.departments].sort((a, b) => a.position - b.position);
  }

  #nameTaken(name: string, except?: string) {
    return this.departments.some((d) => d.id !== except && d.name.toLowerCase() === name.toLowerCase());
  }

  #departmentRef = (d: FakeDepartment) => ({ id: d.id, name: d.name, description: d.description });

  #withCount = (d: FakeDepartment): AdminDepartment => ({
    ...d,
    tickets: this.tickets.filter((t) => t.department.id === d.id).length,
  });
}

const nameTaken = () =>
  problem(409, 'CONFLICT', 'A department with this name already exists.', [
    { path: 'name', message: 'A department with this name already exists.' },
  ]);

/** A ticket as lists show it. */
function summaryOf({ messages: _, ...summary }: AdminTicket): AdminTicketSummary {
  return summary;
}
