import * as z from 'zod/mini';
import {
  adminRoutesOf,
  defineRoute,
  idSchema,
  itemsSchema,
  PageQuerySchema,
  pageSchema,
  staffOnly,
  TimestampSchema,
} from './common.js';
import {
  ATTACHMENT_MAX_BYTES_CEILING,
  AttachmentExtensionSchema,
  AttachmentIdsSchema,
  AttachmentRulesSchema,
  AttachmentSchema,
  AttachmentUploadQuerySchema,
  DepartmentSchema,
  MessageBodySchema,
  NewTicketInputSchema,
  TICKET_STATUSES,
  TicketPrioritySchema,
  TicketStatusSchema,
  TicketSummarySchema,
} from './support.js';

/** A department as staff manage it. */
export const AdminDepartmentSchema = z.extend(DepartmentSchema, {
  /** Clients may open tickets in it (false: staff-only, e.g. abuse reports staff open themselves). */
  visible: z.boolean(),
  /** Order in the form (lower first). */
  position: z.int(),
  /** Tickets in it, any status. */
  tickets: z.int(),
});
export type AdminDepartment = z.infer<typeof AdminDepartmentSchema>;

export const DepartmentInputSchema = z.object({
  name: z
    .string({ error: 'Name is required' })
    .check(
      z.trim(),
      z.minLength(1, { error: 'Name is required' }),
      z.maxLength(80, { error: 'At most 80 characters' }),
    ),
  description: z.optional(z.string().check(z.trim(), z.maxLength(500, { error: 'At most 500 characters' }))),
  visible: z.optional(z.boolean()),
  position: z.optional(z.int().check(z.minimum(0), z.maximum(100_000))),
});
export type DepartmentInput = z.input<typeof DepartmentInputSchema>;
export const DepartmentUpdateSchema = z.partial(DepartmentInputSchema);
export type DepartmentUpdate = z.input<typeof DepartmentUpdateSchema>;

/** A staff member as a ticket names them. */
export const StaffRefSchema = z.object({ id: z.string(), name: z.string() });
export type StaffRef = z.infer<typeof StaffRefSchema>;

/** A message as staff see it: replies of both sides and internal notes. */
export const AdminTicketMessageSchema = z.object({
  id: z.string(),
  /** `note`: an internal note, never shown or mailed to the client. */
  kind: z.enum(['reply', 'note']),
  author: z.object({
    kind: z.enum(['client', 'staff']),
    name: z.string(),
    /** The user (client) or staff member. */
    id: z.string(),
    email: z.string(),
  }),
  body: z.string(),
  html: z.string(),
  attachments: z.array(AttachmentSchema),
  createdAt: TimestampSchema,
});
export type AdminTicketMessage = z.infer<typeof AdminTicketMessageSchema>;

export const AdminTicketSummarySchema = z.extend(TicketSummarySchema, {
  accountId: z.string(),
  accountName: z.string(),
  assignee: z.nullable(StaffRefSchema),
});
export type AdminTicketSummary = z.infer<typeof AdminTicketSummarySchema>;

export const AdminTicketSchema = z.extend(AdminTicketSummarySchema, {
  /** Oldest first; internal notes among them. */
  messages: z.array(AdminTicketMessageSchema),
});
export type AdminTicket = z.infer<typeof AdminTicketSchema>;

export const AdminTicketQuerySchema = z.extend(PageQuerySchema, {
  /** One status, or `active` (not closed). */
  status: z.optional(z.enum([...TICKET_STATUSES, 'active'])),
  departmentId: z.optional(z.string().check(z.maxLength(60))),
  priority: z.optional(TicketPrioritySchema),
  /** `me`, `none` (unassigned) or a staff id. */
  assignee: z.optional(z.string().check(z.maxLength(60))),
  accountId: z.optional(z.string().check(z.maxLength(60))),
  /** Part of the subject, or the reference. */
  q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
});
export type AdminTicketQuery = z.input<typeof AdminTicketQuerySchema>;

/** Open tickets by department and status, for the queue list. */
export const SupportQueuesSchema = z.object({
  departments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      open: z.int(),
      customerReply: z.int(),
      answered: z.int(),
    }),
  ),
  /** Not closed and assigned to nobody. */
  unassigned: z.int(),
  /** Not closed and assigned to the asking staff member. */
  mine: z.int(),
});
export type SupportQueues = z.infer<typeof SupportQueuesSchema>;

export const StaffReplyInputSchema = z.object({
  message: MessageBodySchema,
  attachments: z._default(AttachmentIdsSchema, []),
  /** The ticket's status after the reply (default `answered`). */
  status: z.optional(TicketStatusSchema),
});
export type StaffReplyInput = z.input<typeof StaffReplyInputSchema>;

export const StaffNoteInputSchema = z.object({
  message: MessageBodySchema,
  attachments: z._default(AttachmentIdsSchema, []),
});
export type StaffNoteInput = z.input<typeof StaffNoteInputSchema>;

export const AdminTicketUpdateSchema = z.object({
  status: z.optional(TicketStatusSchema),
  priority: z.optional(TicketPrioritySchema),
  departmentId: z.optional(z.string().check(z.minLength(1))),
  /** A staff id, or null to unassign. */
  assigneeId: z.optional(z.nullable(z.string().check(z.minLength(1)))),
});
export type AdminTicketUpdate = z.input<typeof AdminTicketUpdateSchema>;

/**
 * A ticket staff open for a client (it shows in their portal as any other). Departments hidden from clients may
 * be used here.
 */
export const AdminNewTicketInputSchema = z.extend(NewTicketInputSchema, {
  accountId: idSchema('acct'),
  /** Mail the account's support contacts the first message (default true). */
  notify: z.optional(z.boolean()),
  /** Assign it at once (a staff id). */
  assigneeId: z.optional(z.nullable(z.string().check(z.minLength(1)))),
});
export type AdminNewTicketInput = z.input<typeof AdminNewTicketInputSchema>;

/** The business's support settings. */
export const SupportSettingsSchema = z.object({
  attachments: AttachmentRulesSchema,
  /** Tickets left `answered` this many days without a client reply are closed by the job; null never. */
  autoCloseDays: z.nullable(z.int()),
});
export type SupportSettings = z.infer<typeof SupportSettingsSchema>;

export const SupportSettingsInputSchema = z.object({
  attachments: z.optional(
    z.object({
      maxBytes: z.optional(
        z
          .int()
          .check(
            z.minimum(1024, { error: 'At least 1 KB' }),
            z.maximum(ATTACHMENT_MAX_BYTES_CEILING, { error: 'At most 25 MB' }),
          ),
      ),
      maxFiles: z.optional(
        z.int().check(z.minimum(0, { error: 'At least 0' }), z.maximum(10, { error: 'At most 10 files' })),
      ),
      types: z.optional(
        z
          .array(AttachmentExtensionSchema)
          .check(z.refine((list) => new Set(list).size === list.length, { error: 'Each type only once' })),
      ),
    }),
  ),
  autoCloseDays: z.optional(
    z.nullable(
      z.int().check(z.minimum(1, { error: 'At least 1 day' }), z.maximum(365, { error: 'At most 365 days' })),
    ),
  ),
});
export type SupportSettingsInput = z.input<typeof SupportSettingsInputSchema>;

const read = staffOnly('admin', 'billing', 'support');
const work = staffOnly('admin', 'support');
const manage = staffOnly('admin');
const admin = adminRoutesOf('adminSupport', 'support');

/**
 * Staff routes of support: queues, tickets, replies and internal notes, departments and settings. Every staff
 * role reads; `admin` and `support` work tickets; `admin` manages departments and settings.
 */
export const supportAdminRoutes = {
  queues: defineRoute({
    ...admin(
      'queues',
      'GET',
      '/support/queues',
      'Open tickets by department and status, mine and unassigned',
    ),
    ...read,
    status: 200,
    output: SupportQueuesSchema,
  }),
  listTickets: defineRoute({
    ...admin('listTickets', 'GET', '/support/tickets', 'Tickets, most recently active first, filtered'),
    ...read,
    query: AdminTicketQuerySchema,
    status: 200,
    output: pageSchema(AdminTicketSummarySchema),
  }),
  getTicket: defineRoute({
    ...admin('getTicket', 'GET', '/support/tickets/:ticketId', 'A ticket with its thread and internal notes'),
    ...read,
    status: 200,
    output: AdminTicketSchema,
    errors: ['NOT_FOUND'],
  }),
  openTicket: defineRoute({
    ...admin('openTicket', 'POST', '/support/tickets', 'Open a ticket for a client'),
    ...work,
    idempotent: true,
    body: AdminNewTicketInputSchema,
    status: 201,
    output: AdminTicketSchema,
    errors: ['NOT_FOUND', 'DEPARTMENT_UNAVAILABLE', 'ATTACHMENT_UNAVAILABLE'],
  }),
  reply: defineRoute({
    ...admin('reply', 'POST', '/support/tickets/:ticketId/replies', 'Reply to the client (mailed to them)'),
    ...work,
    idempotent: true,
    body: StaffReplyInputSchema,
    status: 201,
    output: AdminTicketSchema,
    errors: ['NOT_FOUND', 'ATTACHMENT_UNAVAILABLE'],
  }),
  addNote: defineRoute({
    ...admin(
      'addNote',
      'POST',
      '/support/tickets/:ticketId/notes',
      'Add an internal note (never shown to the client)',
    ),
    ...work,
    idempotent: true,
    body: StaffNoteInputSchema,
    status: 201,
    output: AdminTicketSchema,
    errors: ['NOT_FOUND', 'ATTACHMENT_UNAVAILABLE'],
  }),
  updateTicket: defineRoute({
    ...admin(
      'updateTicket',
      'PATCH',
      '/support/tickets/:ticketId',
      'Change status, priority, department or assignee',
    ),
    ...work,
    body: AdminTicketUpdateSchema,
    status: 200,
    output: AdminTicketSchema,
    errors: ['NOT_FOUND', 'DEPARTMENT_UNAVAILABLE', 'VALIDATION_FAILED'],
  }),
  upload: defineRoute({
    ...admin(
      'upload',
      'POST',
      '/support/attachments',
      'Upload a file for a reply or note: raw bytes as application/octet-stream, the name in `?name=`',
    ),
    ...work,
    rawBody: true,
    query: AttachmentUploadQuerySchema,
    status: 201,
    output: AttachmentSchema,
    errors: ['ATTACHMENT_TOO_LARGE', 'ATTACHMENT_TYPE'],
  }),
  download: defineRoute({
    ...admin(
      'download',
      'GET',
      '/support/tickets/:ticketId/attachments/:attachmentId',
      'Download an attachment',
    ),
    ...read,
    status: 200,
    produces: 'application/octet-stream',
    errors: ['NOT_FOUND'],
  }),
  listStaff: defineRoute({
    ...admin(
      'listStaff',
      'GET',
      '/support/staff',
      'Staff who may be assigned tickets (admin and support, active)',
    ),
    ...read,
    status: 200,
    output: itemsSchema(StaffRefSchema),
  }),
  listDepartments: defineRoute({
    ...admin('listDepartments', 'GET', '/support/departments', 'Every department, in form order'),
    ...read,
    status: 200,
    output: itemsSchema(AdminDepartmentSchema),
  }),
  createDepartment: defineRoute({
    ...admin('createDepartment', 'POST', '/support/departments', 'Add a department'),
    ...manage,
    body: DepartmentInputSchema,
    status: 201,
    output: AdminDepartmentSchema,
    errors: ['CONFLICT'],
  }),
  updateDepartment: defineRoute({
    ...admin(
      'updateDepartment',
      'PATCH',
      '/support/departments/:departmentId',
      'Rename, reorder, show or hide a department',
    ),
    ...manage,
    body: DepartmentUpdateSchema,
    status: 200,
    output: AdminDepartmentSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  deleteDepartment: defineRoute({
    ...admin(
      'deleteDepartment',
      'DELETE',
      '/support/departments/:departmentId',
      'Remove a department without tickets',
    ),
    ...manage,
    status: 204,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  getSettings: defineRoute({
    ...admin('getSettings', 'GET', '/support/settings', 'Attachment rules and auto-close'),
    ...read,
    status: 200,
    output: SupportSettingsSchema,
  }),
  updateSettings: defineRoute({
    ...admin('updateSettings', 'PATCH', '/support/settings', 'Change attachment rules or auto-close'),
    ...manage,
    body: SupportSettingsInputSchema,
    status: 200,
    output: SupportSettingsSchema,
  }),
};
