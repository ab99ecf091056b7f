import {
  type Attachment,
  type NewTicketInput,
  type SupportConfig,
  supportRoutes,
  type Ticket,
  type TicketReplyInput,
  type TicketStatus,
  type TicketSummary,
} from '../../contract/support.js';
import type { HttpClient } from '../http.js';
import type { Page } from './account.js';
import type { PageOptions } from './orders.js';

/**
 * The account's support tickets. Files are uploaded first (`upload`), then sent with a message by id; an upload
 * nobody sends expires after 24 hours. Internal notes of staff are never in any answer.
 *
 * @example
 * ```ts
 * const { departments } = await portal.support.config();
 * const file = await portal.support.upload(new Blob([log]), 'error.log');
 * const ticket = await portal.support.open({
 *   departmentId: departments[0].id,
 *   subject: 'Mail bounces',
 *   message: 'Since this morning every mail to **@example.com** bounces. Log attached.',
 *   attachments: [file.id],
 * });
 * await portal.support.reply(ticket.id, { message: 'It works again, thanks!' });
 * await portal.support.close(ticket.id);
 * ```
 */
export class SupportResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** The departments clients may write to, and what files the business accepts. */
  config(): Promise<SupportConfig> {
    return this.#http.send(supportRoutes.config);
  }

  /** Tickets, most recently active first. `status: 'active'` lists every ticket that is not closed. */
  list(options: PageOptions & { status?: TicketStatus | 'active' } = {}): Promise<Page<TicketSummary>> {
    return this.#http.send(supportRoutes.list, { query: { ...options } });
  }

  /** A ticket with its thread, oldest message first. */
  get(ticketId: string): Promise<Ticket> {
    return this.#http.send(supportRoutes.get, { params: { ticketId } });
  }

  /** Opens a ticket. Safe to retry: the SDK sends an `Idempotency-Key` (pass your own to span page loads). */
  open(input: NewTicketInput, options: { idempotencyKey?: string } = {}): Promise<Ticket> {
    return this.#http.send(supportRoutes.open, { body: input, ...options });
  }

  /** Replies; a closed ticket opens again. */
  reply(
    ticketId: string,
    input: TicketReplyInput,
    options: { idempotencyKey?: string } = {},
  ): Promise<Ticket> {
    return this.#http.send(supportRoutes.reply, { params: { ticketId }, body: input, ...options });
  }

  close(ticketId: string): Promise<Ticket> {
    return this.#http.send(supportRoutes.close, { params: { ticketId } });
  }

  /**
   * Uploads a file to send with a message. `name`'s extension must be one the business accepts and must match the
   * content (a `.png` must be a PNG); otherwise `ATTACHMENT_TYPE`. Too large: `ATTACHMENT_TOO_LARGE`.
   */
  upload(
    file: Blob | ArrayBuffer | Uint8Array,
    name: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<Attachment> {
    return this.#http.send(supportRoutes.upload, { query: { name }, file, ...options });
  }

  /** An attachment's bytes (as a Blob of its stored type). */
  download(ticketId: string, attachmentId: string): Promise<Blob> {
    return this.#http.download(supportRoutes.download, { params: { ticketId, attachmentId } });
  }
}
