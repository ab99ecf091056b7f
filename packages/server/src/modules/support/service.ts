import type {
  Attachment,
  NewTicketInputSchema,
  SupportConfig,
  Ticket,
  TicketListQuerySchema,
  TicketReplyInputSchema,
  TicketSummary,
} from '@portico/sdk/contract';
import { sql } from 'kysely';
import type { Request } from 'express';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { Auth } from '../../http/auth.js';
import { readKeysetCursor } from '../../http/cursor.js';
import type { RateLimiter } from '../../http/rate-limit.js';
import { DEFAULT_LIMIT } from '../billing/invoice-store.js';
import type { Settings } from '../settings/settings.js';
import type { SupportAttachments } from './attachments.js';
import { SupportErrors } from './errors.js';
import type { MailTicket, SupportMailer } from './mail.js';
import { type AttachmentMeta, SupportStore, type TicketKeyset, type TicketRow } from './store.js';
import { checkFileCount, clientWriter, newReference, personOf, writeMessage } from './thread.js';
import { TicketViews, ticketPage, toDepartment } from './views.js';

type ListQuery = z.output<typeof TicketListQuerySchema>;
type NewTicket = z.output<typeof NewTicketInputSchema>;
type Reply = z.output<typeof TicketReplyInputSchema>;

/** Opening tickets: at most this many per account per hour. */
export const OPEN_LIMIT = { max: 10, windowSeconds: 3600 };
/** Replies: at most this many per person per hour. */
export const REPLY_LIMIT = { max: 60, windowSeconds: 3600 };
/** Uploads: at most this many per person per hour. */
export const UPLOAD_LIMIT = { max: 60, windowSeconds: 3600 };

/** Reads a ticket-list cursor; anything else is a 400. */
export function readTicketKeyset(cursor: string | undefined): TicketKeyset | undefined {
  const key = readKeysetCursor(cursor, 'a');
  return key && { at: key.value, id: key.id };
}

export const mailTicket = (row: TicketRow): MailTicket => ({
  id: row.id,
  reference: row.reference,
  subject: row.subject,
  accountId: row.account_id,
  openedByUserId: row.opened_by_user_id,
});

export interface SupportTicketsDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  rate: RateLimiter;
  mailer: SupportMailer;
  attachments: SupportAttachments;
}

/**
 * The account's tickets as its people use them. Every read takes the account the caller proved; another account's
 * ticket is the same 404 as a missing one. Internal notes, and files on them, are never read here.
 *
 * A client's reply moves the ticket to `customer_reply` (a closed ticket opens again), except while it is still
 * `open`: staff have not answered yet, so it stays waiting for them as it was.
 */
export class SupportTickets {
  readonly #d: SupportTicketsDeps;
  readonly #store: SupportStore;
  readonly #views: TicketViews;

  constructor(deps: SupportTicketsDeps) {
    this.#d = deps;
    this.#store = new SupportStore(deps.db);
    this.#views = new TicketViews(deps.db, this.#store);
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  /** The departments clients may write to and the attachment rules. */
  async config(): Promise<SupportConfig> {
    const rules = this.#d.settings.current.support;
    return {
      departments: (await this.#store.departments({ visibleOnly: true })).map(toDepartment),
      attachments: {
        maxBytes: rules.attachmentMaxBytes,
        maxFiles: rules.attachmentMaxFiles,
        types: rules.attachmentTypes,
      },
    };
  }

  async list(auth: Auth, query: ListQuery): Promise<{ items: TicketSummary[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.#store.listForAccount(auth.accountId, {
      status: query.status,
      after: readTicketKeyset(query.cursor),
      limit: limit + 1,
    });
    const views = await this.#views.clientSummaries(rows.slice(0, limit));
    return ticketPage(rows, limit, (row) => views.get(row.id) as TicketSummary);
  }

  async #find(auth: Auth, id: string): Promise<TicketRow> {
    const row = await this.#store.findForAccount(auth.accountId, id);
    if (!row) throw SupportErrors.ticketNotFound();
    return row;
  }

  async get(auth: Auth, id: string): Promise<Ticket> {
    return this.#views.clientTicket(await this.#find(auth, id));
  }

  /** How many of the account's tickets are not closed (the dashboard's count). */
  openCount(accountId: string): Promise<number> {
    return this.#store.countActive(accountId);
  }

  /**
   * Opens a ticket in a department clients may use, with its first message and files, in one transaction; the
   * opener gets an acknowledgement with the reference and staff a notice, queued in the same transaction.
   */
  async open(auth: Auth, input: NewTicket): Promise<Ticket> {
    await this.#d.rate.hit(`support-open:account:${auth.accountId}`, OPEN_LIMIT);
    const department = await this.#store.department(input.departmentId);
    if (!department?.visible) throw SupportErrors.departmentUnavailable();
    checkFileCount(this.#d.settings, input.attachments);
    const person = await personOf(this.#d.db, auth.userId);
    const account = await this.#d.db
      .selectFrom('accounts')
      .select('name')
      .where('id', '=', auth.accountId)
      .executeTakeFirst();
    const now = this.#now();
    const ticket = await this.#d.db.transaction().execute(async (trx) => {
      const store = new SupportStore(trx);
      const row = await store.insertTicket(
        {
          id: this.#d.ids('tkt'),
          account_id: auth.accountId,
          department_id: department.id,
          subject: input.subject,
          status: 'open',
          priority: input.priority,
          opened_by_user_id: auth.userId,
          opened_by_staff_id: null,
          opened_by_name: person.name,
          assignee_staff_id: null,
          last_reply_by: 'client',
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
        ...clientWriter(auth, person),
        body: input.message,
        attachments: input.attachments,
        now,
      });
      const mailer = this.#d.mailer.within(trx);
      await mailer.ticketReceived(mailTicket(row));
      await mailer.notifyStaff(null, {
        event: 'opened',
        ticket: mailTicket(row),
        accountName: account?.name ?? '',
        by: person.name,
        department: department.name,
        priority: row.priority,
        text,
      });
      return row;
    });
    return this.#views.clientTicket(ticket);
  }

  /** Replies on the account's ticket; staff (its assignee, else the team) are told. */
  async reply(auth: Auth, id: string, input: Reply): Promise<Ticket> {
    await this.#d.rate.hit(`support-reply:user:${auth.userId}`, REPLY_LIMIT);
    const found = await this.#find(auth, id);
    checkFileCount(this.#d.settings, input.attachments);
    const person = await personOf(this.#d.db, auth.userId);
    const now = this.#now();
    const updated = await this.#d.db.transaction().execute(async (trx) => {
      const store = new SupportStore(trx);
      const { text } = await writeMessage(store, this.#d.ids, {
        ticketId: found.id,
        kind: 'reply',
        ...clientWriter(auth, person),
        body: input.message,
        attachments: input.attachments,
        now,
      });
      // Decided in the UPDATE itself, so a staff change committed meanwhile is never overwritten with a stale one.
      const row = await store.updateTicket(found.id, {
        status: sql`CASE WHEN status = 'open' THEN 'open' ELSE 'customer_reply' END`,
        closed_at: null,
        last_reply_by: 'client',
        last_reply_at: now,
        message_count: sql`message_count + 1`,
        updated_at: now,
      });
      if (!row) throw SupportErrors.ticketNotFound();
      const [account, department] = await Promise.all([
        trx.selectFrom('accounts').select('name').where('id', '=', row.account_id).executeTakeFirst(),
        store.department(row.department_id),
      ]);
      await this.#d.mailer.within(trx).notifyStaff(row.assignee_staff_id, {
        event: 'replied',
        ticket: mailTicket(row),
        accountName: account?.name ?? '',
        by: person.name,
        department: department?.name ?? '',
        priority: row.priority,
        text,
      });
      return row;
    });
    return this.#views.clientTicket(updated);
  }

  /** Closes the account's ticket; closing a closed one changes nothing. */
  async close(auth: Auth, id: string): Promise<Ticket> {
    const found = await this.#find(auth, id);
    if (found.status === 'closed') return this.#views.clientTicket(found);
    const now = this.#now();
    const row = await this.#store.updateTicket(found.id, {
      status: 'closed',
      closed_at: now,
      updated_at: now,
    });
    return this.#views.clientTicket(row ?? found);
  }

  /** Stores a file the person will send with a message. */
  async upload(auth: Auth, req: Request, name: string): Promise<Attachment> {
    await this.#d.rate.hit(`support-upload:user:${auth.userId}`, UPLOAD_LIMIT);
    return this.#d.attachments.upload(
      { kind: 'client', accountId: auth.accountId, userId: auth.userId },
      req,
      name,
    );
  }

  /** A file on a reply of the account's ticket (never one on an internal note). */
  async download(
    auth: Auth,
    ticketId: string,
    attachmentId: string,
  ): Promise<AttachmentMeta & { data: Buffer }> {
    const file = await this.#store.downloadForAccount(auth.accountId, ticketId, attachmentId);
    if (!file) throw SupportErrors.attachmentNotFound();
    return file;
  }
}
