import type {
  AdminTicket,
  AdminTicketMessage,
  AdminTicketSummary,
  Attachment,
  Department,
  Ticket,
  TicketMessage,
  TicketSummary,
} from '@portico/sdk/contract';
import type { Trx } from '../billing/invoice-store.js';
import { encodeCursor } from '../../http/cursor.js';
import type { AttachmentMeta, DepartmentRow, MessageRow, SupportStore, TicketRow } from './store.js';

export const toDepartment = (row: Pick<DepartmentRow, 'id' | 'name' | 'description'>): Department => ({
  id: row.id,
  name: row.name,
  description: row.description,
});

export const toAttachment = (row: AttachmentMeta): Attachment => ({
  id: row.id,
  name: row.name,
  size: row.size,
  type: row.type,
  createdAt: row.created_at,
});

/** A department that was deleted under a ticket cannot happen (tickets keep theirs); this only guards types. */
const unknownDepartment = (id: string): Department => ({ id, name: '', description: '' });

function toSummary(row: TicketRow, department: Department): TicketSummary {
  return {
    id: row.id,
    reference: row.reference,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    department,
    openedBy: row.opened_by_name,
    lastReplyBy: row.last_reply_by,
    lastReplyAt: row.last_reply_at,
    messageCount: row.message_count,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  };
}

/** A message as the client sees it: the author by kind and name only. Never called with a note. */
function toClientMessage(row: MessageRow, attachments: AttachmentMeta[]): TicketMessage {
  return {
    id: row.id,
    author: { kind: row.author_kind, name: row.author_name },
    body: row.body,
    html: row.html,
    attachments: attachments.map(toAttachment),
    createdAt: row.created_at,
  };
}

function toAdminMessage(row: MessageRow, attachments: AttachmentMeta[]): AdminTicketMessage {
  return {
    id: row.id,
    kind: row.kind,
    author: {
      kind: row.author_kind,
      name: row.author_name,
      id: row.author_user_id ?? row.author_staff_id ?? '',
      email: row.author_email,
    },
    body: row.body,
    html: row.html,
    attachments: attachments.map(toAttachment),
    createdAt: row.created_at,
  };
}

/** One page from `limit + 1` rows: the items and the cursor after the last one when there are more. */
export function ticketPage<T>(
  rows: TicketRow[],
  limit: number,
  map: (row: TicketRow) => T,
): { items: T[]; nextCursor: string | null } {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return {
    items: kept.map(map),
    nextCursor: rows.length > limit && last ? encodeCursor({ a: last.last_reply_at, i: last.id }) : null,
  };
}

/**
 * Builds ticket views from rows: the department, and for staff the account's name and the assignee, each read once
 * per list. The client views are built from replies only; a note never reaches them.
 */
export class TicketViews {
  constructor(
    private readonly db: Trx,
    private readonly store: SupportStore,
  ) {}

  async #departments(): Promise<Map<string, Department>> {
    return new Map((await this.store.departments()).map((row) => [row.id, toDepartment(row)]));
  }

  /** Client summaries of the account's rows. */
  async clientSummaries(rows: readonly TicketRow[]): Promise<Map<string, TicketSummary>> {
    const departments = await this.#departments();
    return new Map(
      rows.map((row) => [
        row.id,
        toSummary(row, departments.get(row.department_id) ?? unknownDepartment(row.department_id)),
      ]),
    );
  }

  /** The client's view of a ticket the caller proved is theirs: replies only, with their files. */
  async clientTicket(row: TicketRow): Promise<Ticket> {
    const [summary] = (await this.clientSummaries([row])).values();
    const messages = await this.store.messages(row.id, { notes: false });
    const files = await this.#filesOf(messages);
    return {
      ...(summary as TicketSummary),
      messages: messages.map((m) => toClientMessage(m, files.get(m.id) ?? [])),
    };
  }

  async adminSummaries(rows: readonly TicketRow[]): Promise<Map<string, AdminTicketSummary>> {
    const departments = await this.#departments();
    const accountIds = [...new Set(rows.map((r) => r.account_id))];
    const staffIds = [...new Set(rows.flatMap((r) => (r.assignee_staff_id ? [r.assignee_staff_id] : [])))];
    const [accounts, staff] = await Promise.all([
      accountIds.length
        ? this.db.selectFrom('accounts').select(['id', 'name']).where('id', 'in', accountIds).execute()
        : [],
      staffIds.length
        ? this.db.selectFrom('staff').select(['id', 'name']).where('id', 'in', staffIds).execute()
        : [],
    ]);
    const accountName = new Map(accounts.map((a) => [a.id, a.name]));
    const staffName = new Map(staff.map((s) => [s.id, s.name]));
    return new Map(
      rows.map((row) => [
        row.id,
        {
          ...toSummary(row, departments.get(row.department_id) ?? unknownDepartment(row.department_id)),
          accountId: row.account_id,
          accountName: accountName.get(row.account_id) ?? '',
          assignee: row.assignee_staff_id
            ? { id: row.assignee_staff_id, name: staffName.get(row.assignee_staff_id) ?? '' }
            : null,
        },
      ]),
    );
  }

  /** Staff's view: every message, internal notes included. */
  async adminTicket(row: TicketRow): Promise<AdminTicket> {
    const [summary] = (await this.adminSummaries([row])).values();
    const messages = await this.store.messages(row.id, { notes: true });
    const files = await this.#filesOf(messages);
    return {
      ...(summary as AdminTicketSummary),
      messages: messages.map((m) => toAdminMessage(m, files.get(m.id) ?? [])),
    };
  }

  async #filesOf(messages: readonly MessageRow[]): Promise<Map<string, AttachmentMeta[]>> {
    const files = new Map<string, AttachmentMeta[]>();
    for (const file of await this.store.attachmentsOf(messages.map((m) => m.id))) {
      const list = files.get(file.message_id ?? '') ?? [];
      list.push(file);
      files.set(file.message_id ?? '', list);
    }
    return files;
  }
}
