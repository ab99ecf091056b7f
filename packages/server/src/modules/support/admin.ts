import type {
  AdminNewTicketInputSchema,
  AdminTicket,
  AdminTicketQuerySchema,
  AdminTicketSummary,
  AdminTicketUpdateSchema,
  Attachment,
  StaffNoteInputSchema,
  StaffReplyInputSchema,
  SupportQueues,
  TicketStatus,
} from '@portico/sdk/contract';
import type { Request } from 'express';
import type { UpdateObject } from 'kysely';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { StaffAuth } from '../../http/auth.js';
import type { AuditLog } from '../audit/audit-log.js';
import { staffRecord } from '../audit/staff-record.js';
import { DEFAULT_LIMIT } from '../billing/invoice-store.js';
import type { StaffChange } from '../settings/service.js';
import type { Settings } from '../settings/settings.js';
import type { SupportAttachments } from './attachments.js';
import { SupportErrors } from './errors.js';
import type { SupportMailer } from './mail.js';
import { mailTicket, readTicketKeyset } from './service.js';
import { type AttachmentMeta, SupportStore, type TicketRow } from './store.js';
import { checkFileCount, newReference, staffMemberOf, staffWriter, writeMessage } from './thread.js';
import { TicketViews, ticketPage } from './views.js';

type ListQuery = z.output<typeof AdminTicketQuerySchema>;
type NewTicket = z.output<typeof AdminNewTicketInputSchema>;
type Reply = z.output<typeof StaffReplyInputSchema>;
type Note = z.output<typeof StaffNoteInputSchema>;
type Update = z.output<typeof AdminTicketUpdateSchema>;

export interface SupportAdminDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  mailer: SupportMailer;
  attachments: SupportAttachments;
}

/** The columns a status change sets: a closed ticket gets its closing time, any other status loses it. */
const statusChange = (status: TicketStatus, now: string) => ({
  status,
  closed_at: status === 'closed' ? now : null,
});

/**
 * Support as staff work it: queues, every client's tickets, replies (mailed to the client) and internal notes
 * (never shown or mailed to them), changes of status, priority, department and assignee. Every change commits with
 * its audit entry.
 */
export class SupportAdmin {
  readonly #d: SupportAdminDeps;
  readonly #store: SupportStore;
  readonly #views: TicketViews;

  constructor(deps: SupportAdminDeps) {
    this.#d = deps;
    this.#store = new SupportStore(deps.db);
    this.#views = new TicketViews(deps.db, this.#store);
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  #audit(change: StaffChange, action: string, ticket: TicketRow, details: Record<string, unknown>) {
    return this.#d.audit.row(
      staffRecord(change, {
        action,
        target: { type: 'ticket', id: ticket.id },
        accountId: ticket.account_id,
        details: { reference: ticket.reference, ...details },
      }),
    );
  }

  async queues(staff: StaffAuth): Promise<SupportQueues> {
    const [departments, counts, unassigned, mine] = await Promise.all([
      this.#store.departments(),
      this.#store.queueCounts(),
      this.#store.countAssigned(null),
      this.#store.countAssigned(staff.staffId),
    ]);
    const count = (departmentId: string, status: TicketStatus) =>
      counts.find((c) => c.department_id === departmentId && c.status === status)?.n ?? 0;
    return {
      departments: departments.map((d) => ({
        id: d.id,
        name: d.name,
        open: count(d.id, 'open'),
        customerReply: count(d.id, 'customer_reply'),
        answered: count(d.id, 'answered'),
      })),
      unassigned,
      mine,
    };
  }

  async list(
    staff: StaffAuth,
    query: ListQuery,
  ): Promise<{ items: AdminTicketSummary[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.#store.adminList({
      status: query.status,
      departmentId: query.departmentId,
      priority: query.priority,
      assignee: query.assignee === 'me' ? staff.staffId : query.assignee || undefined,
      accountId: query.accountId,
      q: query.q || undefined,
      after: readTicketKeyset(query.cursor),
      limit: limit + 1,
    });
    const views = await this.#views.adminSummaries(rows.slice(0, limit));
    return ticketPage(rows, limit, (row) => views.get(row.id) as AdminTicketSummary);
  }

  async #find(id: string): Promise<TicketRow> {
    const row = await this.#store.adminFind(id);
    if (!row) throw SupportErrors.ticketNotFound();
    return row;
  }

  async get(id: string): Promise<AdminTicket> {
    return this.#views.adminTicket(await this.#find(id));
  }

  /** A department by id (hidden ones too): 422 DEPARTMENT_UNAVAILABLE when there is none. */
  async #department(id: string) {
    const department = await this.#store.department(id);
    if (!department) throw SupportErrors.departmentUnavailable();
    return department;
  }

  /** Who tickets may be assigned to: enabled staff who work tickets (admin or support), by name. */
  async assignees(): Promise<{ id: string; name: string }[]> {
    return this.#d.db
      .selectFrom('staff')
      .select(['id', 'name'])
      .where('disabled_at', 'is', null)
      .where('role', 'in', ['admin', 'support'])
      .orderBy('name')
      .orderBy('id')
      .execute();
  }

  /** An assignee must be an enabled staff member who works tickets (admin or support): 400 otherwise. */
  async #assignee(id: string | null | undefined): Promise<string | null | undefined> {
    if (id === undefined || id === null) return id;
    const member = await this.#d.db
      .selectFrom('staff')
      .select('id')
      .where('id', '=', id)
      .where('disabled_at', 'is', null)
      .where('role', 'in', ['admin', 'support'])
      .executeTakeFirst();
    if (!member) throw SupportErrors.field('assigneeId', 'Choose an active staff member who works tickets');
    return member.id;
  }

  /**
   * Opens a ticket for a client (in any department, hidden ones too), `answered` since it waits for the client,
   * and mails the account's support readers unless `notify` is false.
   */
  async open(input: NewTicket, change: StaffChange): Promise<AdminTicket> {
    const account = await this.#d.db
      .selectFrom('accounts')
      .select(['id', 'name'])
      .where('id', '=', input.accountId)
      .executeTakeFirst();
    if (!account) throw SupportErrors.accountNotFound();
    const department = await this.#department(input.departmentId);
    const assignee = await this.#assignee(input.assigneeId);
    checkFileCount(this.#d.settings, input.attachments);
    const author = await staffMemberOf(this.#d.db, change.staff.staffId);
    const now = this.#now();
    const ticket = await this.#d.db.transaction().execute(async (trx) => {
      const store = new SupportStore(trx);
      const row = await store.insertTicket(
        {
          id: this.#d.ids('tkt'),
          account_id: account.id,
          department_id: department.id,
          subject: input.subject,
          status: 'answered',
          priority: input.priority,
          opened_by_user_id: null,
          opened_by_staff_id: change.staff.staffId,
          opened_by_name: author.name,
          assignee_staff_id: assignee ?? null,
          last_reply_by: 'staff',
          last_reply_at: now,
          message_count: 1,
          created_at: now,
          updated_at: now,
          closed_at: null,
        },
        newReference,
      );
      const { text } = await writeMessage(store, this.#d.ids, {
        ticketId: row.id,
        kind: 'reply',
        ...staffWriter(change.staff.staffId, author),
        body: input.message,
        attachments: input.attachments,
        now,
      });
      await store.insertAudit(
        this.#audit(change, 'support.ticket_opened', row, {
          department: department.name,
          notify: input.notify !== false,
        }),
      );
      if (input.notify !== false)
        await this.#d.mailer.within(trx).openedForClient(mailTicket(row), author.name, text);
      return row;
    });
    return this.#views.adminTicket(ticket);
  }

  /** Replies to the client (mailed to the account's support readers); the ticket takes `status`, else `answered`. */
  async reply(id: string, input: Reply, change: StaffChange): Promise<AdminTicket> {
    const found = await this.#find(id);
    checkFileCount(this.#d.settings, input.attachments);
    const author = await staffMemberOf(this.#d.db, change.staff.staffId);
    const status = input.status ?? 'answered';
    const now = this.#now();
    const row = await this.#d.db.transaction().execute(async (trx) => {
      const store = new SupportStore(trx);
      const { text } = await writeMessage(store, this.#d.ids, {
        ticketId: found.id,
        kind: 'reply',
        ...staffWriter(change.staff.staffId, author),
        body: input.message,
        attachments: input.attachments,
        now,
      });
      const updated = await store.updateTicket(found.id, {
        ...statusChange(status, now),
        last_reply_by: 'staff',
        last_reply_at: now,
        message_count: (eb) => eb('message_count', '+', 1),
        updated_at: now,
      });
      if (!updated) throw SupportErrors.ticketNotFound();
      await store.insertAudit(
        this.#audit(change, 'support.ticket_replied', updated, { from: found.status, status }),
      );
      await this.#d.mailer.within(trx).staffReplied(mailTicket(updated), author.name, text);
      return updated;
    });
    return this.#views.adminTicket(row);
  }

  /** Adds an internal note: no status change, no mail, not counted among the client's messages. */
  async addNote(id: string, input: Note, change: StaffChange): Promise<AdminTicket> {
    const found = await this.#find(id);
    checkFileCount(this.#d.settings, input.attachments);
    const author = await staffMemberOf(this.#d.db, change.staff.staffId);
    const now = this.#now();
    const row = await this.#d.db.transaction().execute(async (trx) => {
      const store = new SupportStore(trx);
      const { message } = await writeMessage(store, this.#d.ids, {
        ticketId: found.id,
        kind: 'note',
        ...staffWriter(change.staff.staffId, author),
        body: input.message,
        attachments: input.attachments,
        now,
      });
      const updated = await store.updateTicket(found.id, { updated_at: now });
      if (!updated) throw SupportErrors.ticketNotFound();
      await store.insertAudit(this.#audit(change, 'support.note_added', updated, { messageId: message.id }));
      return updated;
    });
    return this.#views.adminTicket(row);
  }

  /** Changes status, priority, department or assignee; the audit entry holds what changed, before and after. */
  async update(id: string, input: Update, change: StaffChange): Promise<AdminTicket> {
    const found = await this.#find(id);
    const now = this.#now();
    const set: UpdateObject<Database, 'tickets'> = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (input.status !== undefined && input.status !== found.status) {
      Object.assign(set, statusChange(input.status, now));
      changes.status = { from: found.status, to: input.status };
    }
    if (input.priority !== undefined && input.priority !== found.priority) {
      set.priority = input.priority;
      changes.priority = { from: found.priority, to: input.priority };
    }
    if (input.departmentId !== undefined && input.departmentId !== found.department_id) {
      set.department_id = (await this.#department(input.departmentId)).id;
      changes.departmentId = { from: found.department_id, to: input.departmentId };
    }
    if (input.assigneeId !== undefined && input.assigneeId !== found.assignee_staff_id) {
      set.assignee_staff_id = (await this.#assignee(input.assigneeId)) ?? null;
      changes.assigneeId = { from: found.assignee_staff_id, to: input.assigneeId };
    }
    if (!Object.keys(changes).length) return this.#views.adminTicket(found);
    const row = await this.#d.db.transaction().execute(async (trx) => {
      const store = new SupportStore(trx);
      const updated = await store.updateTicket(found.id, { ...set, updated_at: now });
      if (!updated) throw SupportErrors.ticketNotFound();
      await store.insertAudit(this.#audit(change, 'support.ticket_updated', updated, changes));
      return updated;
    });
    return this.#views.adminTicket(row);
  }

  async upload(staff: StaffAuth, req: Request, name: string): Promise<Attachment> {
    return this.#d.attachments.upload({ kind: 'staff', staffId: staff.staffId }, req, name);
  }

  /** A file on any message of the ticket, internal notes included. */
  async download(ticketId: string, attachmentId: string): Promise<AttachmentMeta & { data: Buffer }> {
    const file = await this.#store.adminDownload(ticketId, attachmentId);
    if (!file) throw SupportErrors.attachmentNotFound();
    return file;
  }
}
