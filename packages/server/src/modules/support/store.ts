import { type Insertable, type Selectable, sql, type Updateable, type UpdateObject } from 'kysely';
import type {
  AuditLogTable,
  Database,
  SupportDepartmentsTable,
  TicketAttachmentsTable,
  TicketMessagesTable,
  TicketStatusValue,
  TicketsTable,
} from '../../db/schema.js';
import type { Trx } from '../billing/invoice-store.js';
import { likePattern } from '../clients/store.js';

export type TicketRow = Selectable<TicketsTable>;
export type MessageRow = Selectable<TicketMessagesTable>;
export type AttachmentRow = Selectable<TicketAttachmentsTable>;
export type DepartmentRow = Selectable<SupportDepartmentsTable>;
export type ListStatus = TicketStatusValue | 'active';

/** A keyset position in a ticket list ordered by (last_reply_at DESC, id DESC). */
export interface TicketKeyset {
  at: string;
  id: string;
}

/** Who an upload belongs to until a message takes it. */
export type UploadOwner =
  | { kind: 'client'; accountId: string; userId: string }
  | { kind: 'staff'; staffId: string };

/** Attachment columns every view reads (never the bytes). */
const ATTACHMENT_COLUMNS = [
  'ticket_attachments.id',
  'ticket_attachments.message_id',
  'ticket_attachments.name',
  'ticket_attachments.size',
  'ticket_attachments.type',
  'ticket_attachments.created_at',
] as const;
export type AttachmentMeta = Pick<
  AttachmentRow,
  'id' | 'message_id' | 'name' | 'size' | 'type' | 'created_at'
>;

const before = (after: TicketKeyset) =>
  sql<boolean>`(tickets.last_reply_at, tickets.id) < (${after.at}, ${after.id})`;

/** Staff list filters (already resolved: `assignee` is a staff id, `none`, or absent). */
export interface AdminTicketFilter {
  status?: ListStatus | undefined;
  departmentId?: string | undefined;
  priority?: string | undefined;
  assignee?: string | undefined;
  accountId?: string | undefined;
  q?: string | undefined;
  after?: TicketKeyset | undefined;
  limit: number;
}

const isUniqueViolation = (error: unknown, column: string) =>
  (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
  String((error as Error).message).includes(column);

/** How many references are tried before giving up (40 random bits each: a clash is already rare). */
const REFERENCE_TRIES = 8;

/**
 * SQL of support: departments, tickets, their messages and attachments. Every read of a client's data takes the
 * account id the session proved; staff reads (`admin…`) are named so. Pass a transaction as `db` to run inside it.
 */
export class SupportStore {
  constructor(private readonly db: Trx) {}

  // ─── Departments ────────────────────────────────────────────────────────────────────────────────────────

  /** Every department in form order (index `support_departments_order`). */
  departments(options: { visibleOnly?: boolean } = {}): Promise<DepartmentRow[]> {
    let q = this.db.selectFrom('support_departments').selectAll();
    if (options.visibleOnly) q = q.where('visible', '=', 1);
    return q.orderBy('position').orderBy('name').execute();
  }

  department(id: string): Promise<DepartmentRow | undefined> {
    return this.db.selectFrom('support_departments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Tickets per department, any status. */
  async ticketsPerDepartment(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('tickets')
      .select(['department_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('department_id')
      .execute();
    return new Map(rows.map((r) => [r.department_id, Number(r.n)]));
  }

  /** Inserts a department with its audit entry; false when the name (case-insensitive) is taken. */
  async insertDepartment(
    row: Insertable<SupportDepartmentsTable>,
    audit: Insertable<AuditLogTable>,
  ): Promise<boolean> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('support_departments').values(row).execute();
        await trx.insertInto('audit_log').values(audit).execute();
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error, 'support_departments')) return false;
      throw error;
    }
  }

  /** Changes a department with its audit entry: `missing`, `taken` (the name), or the row. */
  async updateDepartment(
    id: string,
    set: Updateable<SupportDepartmentsTable>,
    audit: Insertable<AuditLogTable>,
  ): Promise<DepartmentRow | 'missing' | 'taken'> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('support_departments')
          .set(set)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        if (!row) return 'missing';
        await trx.insertInto('audit_log').values(audit).execute();
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'support_departments')) return 'taken';
      throw error;
    }
  }

  /** Deletes a department without tickets, with its audit entry: `missing`, `in use`, or `deleted`. */
  deleteDepartment(id: string, audit: Insertable<AuditLogTable>): Promise<'missing' | 'in use' | 'deleted'> {
    return this.db.transaction().execute(async (trx) => {
      const used = await trx
        .selectFrom('tickets')
        .select('id')
        .where('department_id', '=', id)
        .limit(1)
        .executeTakeFirst();
      if (used) return 'in use';
      const gone = await trx.deleteFrom('support_departments').where('id', '=', id).executeTakeFirst();
      if (Number(gone.numDeletedRows) !== 1) return 'missing';
      await trx.insertInto('audit_log').values(audit).execute();
      return 'deleted';
    });
  }

  // ─── Tickets ────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * The account's tickets, most recently active first. One status walks `tickets_account_status`; `active` and
   * all walk `tickets_account` (`+status` keeps the planner on the index whose order is the list's).
   */
  listForAccount(
    accountId: string,
    input: { status?: ListStatus | undefined; after?: TicketKeyset | undefined; limit: number },
  ): Promise<TicketRow[]> {
    let q = this.db.selectFrom('tickets').selectAll().where('tickets.account_id', '=', accountId);
    if (input.status === 'active') q = q.where(sql<boolean>`+tickets.status <> 'closed'`);
    else if (input.status) q = q.where('tickets.status', '=', input.status);
    if (input.after) q = q.where(before(input.after));
    return q
      .orderBy('tickets.last_reply_at', 'desc')
      .orderBy('tickets.id', 'desc')
      .limit(input.limit)
      .execute();
  }

  /** One of the account's tickets; another account's is as missing as an unknown id. */
  findForAccount(accountId: string, id: string): Promise<TicketRow | undefined> {
    return this.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
  }

  /** How many of the account's tickets are not closed (index-only on `tickets_account_status`). */
  async countActive(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('status', 'in', ['open', 'answered', 'customer_reply'])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Any ticket (staff). */
  adminFind(id: string): Promise<TicketRow | undefined> {
    return this.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Tickets across accounts, most recently active first. One filter drives the walk, in this order: the account,
   * the assignee, the department, the status; the others are checked on the way (`+column` keeps the planner off
   * their indexes, whose order is not the list's). With one status the driving index has it; with `active` or
   * none, its `…_recent` twin without the status does, so no list is ever sorted in a temporary B-tree.
   */
  adminList(filter: AdminTicketFilter): Promise<TicketRow[]> {
    let q = this.db.selectFrom('tickets').selectAll();
    const one = filter.status && filter.status !== 'active' ? filter.status : undefined;
    const drivers = [
      filter.accountId !== undefined && 'account',
      filter.assignee !== undefined && 'assignee',
      filter.departmentId !== undefined && 'department',
    ].filter(Boolean);
    const driver = drivers[0] ?? 'status';
    const plain = (name: string) => name === driver;
    if (filter.accountId !== undefined) {
      q = plain('account')
        ? q.where('tickets.account_id', '=', filter.accountId)
        : q.where(sql<boolean>`+tickets.account_id = ${filter.accountId}`);
    }
    if (filter.assignee !== undefined) {
      if (filter.assignee === 'none') {
        q = plain('assignee')
          ? q.where('tickets.assignee_staff_id', 'is', null)
          : q.where(sql<boolean>`+tickets.assignee_staff_id IS NULL`);
      } else {
        q = plain('assignee')
          ? q.where('tickets.assignee_staff_id', '=', filter.assignee)
          : q.where(sql<boolean>`+tickets.assignee_staff_id = ${filter.assignee}`);
      }
    }
    if (filter.departmentId !== undefined) {
      q = plain('department')
        ? q.where('tickets.department_id', '=', filter.departmentId)
        : q.where(sql<boolean>`+tickets.department_id = ${filter.departmentId}`);
    }
    if (one) q = q.where('tickets.status', '=', one);
    else if (filter.status === 'active') q = q.where(sql<boolean>`+tickets.status <> 'closed'`);
    if (filter.priority) q = q.where(sql<boolean>`+tickets.priority = ${filter.priority}`);
    if (filter.q) {
      const pattern = likePattern(filter.q);
      q = q.where(
        sql<boolean>`(lower(tickets.subject) LIKE ${pattern} ESCAPE '\\' OR lower(+tickets.reference) LIKE ${pattern} ESCAPE '\\')`,
      );
    }
    if (filter.after) q = q.where(before(filter.after));
    return q
      .orderBy('tickets.last_reply_at', 'desc')
      .orderBy('tickets.id', 'desc')
      .limit(filter.limit)
      .execute();
  }

  /** Not-closed tickets per department and status (index `tickets_department`). */
  async queueCounts(): Promise<Array<{ department_id: string; status: TicketStatusValue; n: number }>> {
    const rows = await this.db
      .selectFrom('tickets')
      .select(['department_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', 'in', ['open', 'answered', 'customer_reply'])
      .groupBy(['department_id', 'status'])
      .execute();
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }

  /** Not-closed tickets of one assignee, or of nobody (`null`) (index `tickets_assignee`). */
  async countAssigned(staffId: string | null): Promise<number> {
    const row = await this.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('assignee_staff_id', staffId === null ? 'is' : '=', staffId)
      .where('status', 'in', ['open', 'answered', 'customer_reply'])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Inserts a ticket under a fresh reference from `nextReference`, trying another on the (rare) clash with an
   * existing one. Run it in a transaction: a failed insert leaves nothing.
   */
  async insertTicket(
    row: Omit<Insertable<TicketsTable>, 'reference'>,
    nextReference: () => string,
  ): Promise<TicketRow> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db
          .insertInto('tickets')
          .values({ ...row, reference: nextReference() })
          .returningAll()
          .executeTakeFirstOrThrow();
      } catch (error) {
        if (attempt >= REFERENCE_TRIES || !isUniqueViolation(error, 'tickets.reference')) throw error;
      }
    }
  }

  /** Changes a ticket (after its owner was proved); the changed row, or undefined when it is gone. */
  updateTicket(id: string, set: UpdateObject<Database, 'tickets'>): Promise<TicketRow | undefined> {
    return this.db.updateTable('tickets').set(set).where('id', '=', id).returningAll().executeTakeFirst();
  }

  insertMessage(row: Insertable<TicketMessagesTable>): Promise<MessageRow> {
    return this.db.insertInto('ticket_messages').values(row).returningAll().executeTakeFirstOrThrow();
  }

  insertAudit(row: Insertable<AuditLogTable>): Promise<unknown> {
    return this.db.insertInto('audit_log').values(row).execute();
  }

  /** A ticket's thread, oldest first; without notes unless asked (index `ticket_messages_thread`). */
  messages(ticketId: string, options: { notes: boolean }): Promise<MessageRow[]> {
    let q = this.db.selectFrom('ticket_messages').selectAll().where('ticket_id', '=', ticketId);
    if (!options.notes) q = q.where(sql<boolean>`+kind = 'reply'`);
    return q.orderBy('created_at').orderBy('id').execute();
  }

  /** The attachments on these messages, oldest first. */
  attachmentsOf(messageIds: readonly string[]): Promise<AttachmentMeta[]> {
    if (!messageIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('ticket_attachments')
      .select(ATTACHMENT_COLUMNS)
      .where('message_id', 'in', messageIds)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  // ─── Attachments ────────────────────────────────────────────────────────────────────────────────────────

  /** Stores an upload's row and bytes together. */
  async insertUpload(row: Insertable<TicketAttachmentsTable>, data: Buffer): Promise<AttachmentRow> {
    return this.db.transaction().execute(async (trx) => {
      const stored = await trx
        .insertInto('ticket_attachments')
        .values(row)
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.insertInto('ticket_attachment_data').values({ attachment_id: row.id, data }).execute();
      return stored;
    });
  }

  /**
   * Puts uploads on a message: each must be unattached, unexpired and `owner`'s. Answers the index of the first
   * that is not (and takes none), or -1 when all were taken. Run it in the message's transaction.
   */
  async claimUploads(
    ids: readonly string[],
    owner: UploadOwner,
    target: { ticketId: string; messageId: string },
    now: string,
  ): Promise<number> {
    if (!ids.length) return -1;
    let q = this.db
      .selectFrom('ticket_attachments')
      .select('id')
      .where('id', 'in', ids)
      .where('message_id', 'is', null)
      .where('expires_at', '>', now)
      .where('uploader_kind', '=', owner.kind);
    q =
      owner.kind === 'client'
        ? q.where('account_id', '=', owner.accountId).where('uploader_user_id', '=', owner.userId)
        : q.where('uploader_staff_id', '=', owner.staffId);
    const usable = new Set((await q.execute()).map((r) => r.id));
    const missing = ids.findIndex((id) => !usable.has(id));
    if (missing >= 0) return missing;
    await this.db
      .updateTable('ticket_attachments')
      .set({ ticket_id: target.ticketId, message_id: target.messageId, expires_at: null })
      .where('id', 'in', ids)
      .where('message_id', 'is', null)
      .execute();
    return -1;
  }

  /**
   * An attachment and its bytes, if it is on a client-visible message of the account's ticket; a file on an
   * internal note, another ticket or another account's ticket is not found.
   */
  downloadForAccount(
    accountId: string,
    ticketId: string,
    attachmentId: string,
  ): Promise<(AttachmentMeta & { data: Buffer }) | undefined> {
    return this.db
      .selectFrom('ticket_attachments')
      .innerJoin('tickets', 'tickets.id', 'ticket_attachments.ticket_id')
      .innerJoin('ticket_messages', 'ticket_messages.id', 'ticket_attachments.message_id')
      .innerJoin('ticket_attachment_data', 'ticket_attachment_data.attachment_id', 'ticket_attachments.id')
      .select([...ATTACHMENT_COLUMNS, 'ticket_attachment_data.data'])
      .where('ticket_attachments.id', '=', attachmentId)
      .where('ticket_attachments.ticket_id', '=', ticketId)
      .where('tickets.account_id', '=', accountId)
      .where('ticket_messages.kind', '=', 'reply')
      .executeTakeFirst();
  }

  /** An attachment on any message (notes included) of the ticket (staff). */
  adminDownload(
    ticketId: string,
    attachmentId: string,
  ): Promise<(AttachmentMeta & { data: Buffer }) | undefined> {
    return this.db
      .selectFrom('ticket_attachments')
      .innerJoin('ticket_attachment_data', 'ticket_attachment_data.attachment_id', 'ticket_attachments.id')
      .select([...ATTACHMENT_COLUMNS, 'ticket_attachment_data.data'])
      .where('ticket_attachments.id', '=', attachmentId)
      .where('ticket_attachments.ticket_id', '=', ticketId)
      .where('ticket_attachments.message_id', 'is not', null)
      .executeTakeFirst();
  }

  // ─── The job ────────────────────────────────────────────────────────────────────────────────────────────

  /** Tickets `answered` with no reply since `before`, oldest first (index `tickets_queue`). */
  answeredBefore(before: string, limit: number): Promise<TicketRow[]> {
    return this.db
      .selectFrom('tickets')
      .selectAll()
      .where('status', '=', 'answered')
      .where('last_reply_at', '<=', before)
      .orderBy('last_reply_at')
      .limit(limit)
      .execute();
  }

  /** Closes a ticket still `answered` since `lastReplyAt` (a reply meanwhile keeps it open). */
  async closeIfStillAnswered(id: string, lastReplyAt: string, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('tickets')
      .set({ status: 'closed', closed_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'answered')
      .where('last_reply_at', '=', lastReplyAt)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Deletes uploads no message took before they expired (their bytes go with them). */
  async deleteExpiredUploads(now: string): Promise<number> {
    const r = await this.db
      .deleteFrom('ticket_attachments')
      .where('message_id', 'is', null)
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
