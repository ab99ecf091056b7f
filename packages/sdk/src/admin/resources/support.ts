import type { Attachment } from '../../contract/support.js';
import {
  type AdminDepartment,
  type AdminNewTicketInput,
  type AdminTicket,
  type AdminTicketQuery,
  type AdminTicketSummary,
  type AdminTicketUpdate,
  type DepartmentInput,
  type DepartmentUpdate,
  type StaffNoteInput,
  type StaffRef,
  type StaffReplyInput,
  type SupportQueues,
  type SupportSettings,
  type SupportSettingsInput,
  supportAdminRoutes as routes,
} from '../../contract/support-admin.js';
import type { HttpClient } from '../../client/http.js';
import type { Page } from '../../client/resources/account.js';

/**
 * Support as staff work it: queues, tickets, replies (mailed to the client), internal notes (never shown to the
 * client), assignment, departments and settings.
 *
 * @example
 * ```ts
 * const { items } = await admin.support.list({ status: 'active', assignee: 'none' });
 * await admin.support.update(items[0].id, { assigneeId: me.id });
 * await admin.support.addNote(items[0].id, { message: 'Customer is on the legacy plan.' });
 * await admin.support.reply(items[0].id, { message: 'Fixed: the mail queue is flowing again.' });
 * ```
 */
export class AdminSupportResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  queues(): Promise<SupportQueues> {
    return this.#http.send(routes.queues);
  }

  list(query: AdminTicketQuery = {}): Promise<Page<AdminTicketSummary>> {
    return this.#http.send(routes.listTickets, { query: { ...query } });
  }

  get(ticketId: string): Promise<AdminTicket> {
    return this.#http.send(routes.getTicket, { params: { ticketId } });
  }

  /** Opens a ticket for a client. */
  open(input: AdminNewTicketInput, options: { idempotencyKey?: string } = {}): Promise<AdminTicket> {
    return this.#http.send(routes.openTicket, { body: input, ...options });
  }

  /** Replies to the client; the ticket becomes `answered` unless `status` says otherwise. */
  reply(
    ticketId: string,
    input: StaffReplyInput,
    options: { idempotencyKey?: string } = {},
  ): Promise<AdminTicket> {
    return this.#http.send(routes.reply, { params: { ticketId }, body: input, ...options });
  }

  /** Adds an internal note: staff see it, the client never does. */
  addNote(
    ticketId: string,
    input: StaffNoteInput,
    options: { idempotencyKey?: string } = {},
  ): Promise<AdminTicket> {
    return this.#http.send(routes.addNote, { params: { ticketId }, body: input, ...options });
  }

  /** Changes status, priority, department or assignee (`assigneeId: null` unassigns). */
  update(ticketId: string, input: AdminTicketUpdate): Promise<AdminTicket> {
    return this.#http.send(routes.updateTicket, { params: { ticketId }, body: input });
  }

  upload(file: Blob | ArrayBuffer | Uint8Array, name: string): Promise<Attachment> {
    return this.#http.send(routes.upload, { query: { name }, file });
  }

  download(ticketId: string, attachmentId: string): Promise<Blob> {
    return this.#http.download(routes.download, { params: { ticketId, attachmentId } });
  }

  /** Staff who may be assigned tickets (admin and support roles, not disabled), by name. */
  async assignees(): Promise<StaffRef[]> {
    return (await this.#http.send(routes.listStaff)).items;
  }

  async departments(): Promise<AdminDepartment[]> {
    return (await this.#http.send(routes.listDepartments)).items;
  }

  createDepartment(input: DepartmentInput): Promise<AdminDepartment> {
    return this.#http.send(routes.createDepartment, { body: input });
  }

  updateDepartment(departmentId: string, input: DepartmentUpdate): Promise<AdminDepartment> {
    return this.#http.send(routes.updateDepartment, { params: { departmentId }, body: input });
  }

  deleteDepartment(departmentId: string): Promise<void> {
    return this.#http.send(routes.deleteDepartment, { params: { departmentId } });
  }

  settings(): Promise<SupportSettings> {
    return this.#http.send(routes.getSettings);
  }

  updateSettings(input: SupportSettingsInput): Promise<SupportSettings> {
    return this.#http.send(routes.updateSettings, { body: input });
  }
}
