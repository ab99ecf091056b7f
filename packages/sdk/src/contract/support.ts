import * as z from 'zod/mini';
import { defineRoute, idSchema, PageQuerySchema, pageSchema, TimestampSchema } from './common.js';

/** Error codes of the support area. */
export const SupportErrorCodes = {
  /** The file is larger than the business allows (413). */
  ATTACHMENT_TOO_LARGE: 'ATTACHMENT_TOO_LARGE',
  /**
   * The file's type is not one the business accepts, or its content is not what its name says (a `.png` that is
   * not a PNG). 415.
   */
  ATTACHMENT_TYPE: 'ATTACHMENT_TYPE',
  /**
   * An attachment id in a message is unknown, expired, already on a message, or was uploaded by someone else
   * (422; one answer for all of them).
   */
  ATTACHMENT_UNAVAILABLE: 'ATTACHMENT_UNAVAILABLE',
  /** The department does not exist or does not take tickets from clients (422). */
  DEPARTMENT_UNAVAILABLE: 'DEPARTMENT_UNAVAILABLE',
} as const;

/**
 * `open`: waiting for staff. `answered`: staff replied, waiting for the client. `customer_reply`: the client
 * replied after staff did, waiting for staff. `closed`: done (a reply from the client opens it again).
 */
export const TICKET_STATUSES = ['open', 'answered', 'customer_reply', 'closed'] as const;
export const TicketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const TicketPrioritySchema = z.enum(TICKET_PRIORITIES);
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/**
 * File types an attachment may be, by extension. The business picks which of them it accepts; the server checks
 * that the content is what the extension says (magic bytes; text is UTF-8 without NUL). Nothing that a browser
 * runs (HTML, SVG, scripts) is on the list.
 */
export const ATTACHMENT_TYPES = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
  gz: 'application/gzip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
} as const;
export type AttachmentExtension = keyof typeof ATTACHMENT_TYPES;
export const AttachmentExtensionSchema = z.enum(
  Object.keys(ATTACHMENT_TYPES) as [AttachmentExtension, ...AttachmentExtension[]],
);
/** The largest attachment limit a business may set: 25 MB. */
export const ATTACHMENT_MAX_BYTES_CEILING = 25 * 1024 * 1024;

/** A file on a ticket message (or uploaded and waiting to be sent with one). */
export const AttachmentSchema = z.object({
  id: z.string(),
  /** The file name as shown and downloaded: made safe on upload (no path, no control characters). */
  name: z.string(),
  /** Bytes. */
  size: z.int(),
  /** The stored content type, from the checked extension (never what the uploader claimed). */
  type: z.string(),
  createdAt: TimestampSchema,
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** The query of an upload: the file's name (its extension picks and checks the type). */
export const AttachmentUploadQuerySchema = z.object({
  name: z
    .string()
    .check(
      z.minLength(1, { error: 'Give the file a name' }),
      z.maxLength(255, { error: 'The file name must be at most 255 characters' }),
    ),
});
export type AttachmentUploadQuery = z.input<typeof AttachmentUploadQuerySchema>;

/** A department tickets go to. */
export const DepartmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
});
export type Department = z.infer<typeof DepartmentSchema>;

/** What the business accepts as attachments. */
export const AttachmentRulesSchema = z.object({
  /** Largest file, in bytes. */
  maxBytes: z.int(),
  /** Most files on one message. */
  maxFiles: z.int(),
  /** Extensions accepted, lower case, without the dot. */
  types: z.array(AttachmentExtensionSchema),
});
export type AttachmentRules = z.infer<typeof AttachmentRulesSchema>;

/** What the new-ticket form needs: the departments clients may write to and the attachment rules. */
export const SupportConfigSchema = z.object({
  departments: z.array(DepartmentSchema),
  attachments: AttachmentRulesSchema,
});
export type SupportConfig = z.infer<typeof SupportConfigSchema>;

/** Who wrote a message, as a client sees it (staff by name only). */
export const MessageAuthorSchema = z.object({
  kind: z.enum(['client', 'staff']),
  name: z.string(),
});

/** One message of a ticket's thread, as the client sees it. Internal notes are never among them. */
export const TicketMessageSchema = z.object({
  id: z.string(),
  author: MessageAuthorSchema,
  /** The Markdown as written. */
  body: z.string(),
  /** The Markdown rendered and sanitized on the server: no HTML the writer typed passes through. */
  html: z.string(),
  attachments: z.array(AttachmentSchema),
  createdAt: TimestampSchema,
});
export type TicketMessage = z.infer<typeof TicketMessageSchema>;

/** A ticket in a list. */
export const TicketSummarySchema = z.object({
  id: z.string(),
  /** What people quote (`K7QM-2X4T`): random, on every mail subject. */
  reference: z.string(),
  subject: z.string(),
  status: TicketStatusSchema,
  priority: TicketPrioritySchema,
  department: DepartmentSchema,
  /** The person of the account who opened it (or the staff member who opened it for them). */
  openedBy: z.string(),
  /** Who wrote last. */
  lastReplyBy: z.enum(['client', 'staff']),
  lastReplyAt: TimestampSchema,
  /** Client-visible messages. */
  messageCount: z.int(),
  createdAt: TimestampSchema,
  closedAt: z.nullable(TimestampSchema),
});
export type TicketSummary = z.infer<typeof TicketSummarySchema>;

/** A ticket with its thread, oldest message first. */
export const TicketSchema = z.extend(TicketSummarySchema, {
  messages: z.array(TicketMessageSchema),
});
export type Ticket = z.infer<typeof TicketSchema>;

/** `active` lists every ticket that is not closed. */
export const TicketListQuerySchema = z.extend(PageQuerySchema, {
  status: z.optional(z.enum([...TICKET_STATUSES, 'active'])),
});
export type TicketListQuery = z.input<typeof TicketListQuerySchema>;

/** A message's Markdown: 1 to 20,000 characters. */
export const MessageBodySchema = z
  .string({ error: 'Write a message' })
  .check(
    z.trim(),
    z.minLength(1, { error: 'Write a message' }),
    z.maxLength(20_000, { error: 'A message must be at most 20,000 characters' }),
  );

/** Ids of files uploaded first (`POST /support/attachments`), at most 10 (the business may allow fewer). */
export const AttachmentIdsSchema = z.array(idSchema('att')).check(
  z.maxLength(10, { error: 'At most 10 files' }),
  z.refine((ids) => new Set(ids).size === ids.length, { error: 'Each file only once' }),
);

export const NewTicketInputSchema = z.object({
  departmentId: z
    .string({ error: 'Choose a department' })
    .check(z.minLength(1, { error: 'Choose a department' })),
  priority: z._default(TicketPrioritySchema, 'medium'),
  subject: z
    .string({ error: 'Write a subject' })
    .check(
      z.trim(),
      z.minLength(1, { error: 'Write a subject' }),
      z.maxLength(200, { error: 'The subject must be at most 200 characters' }),
    ),
  message: MessageBodySchema,
  attachments: z._default(AttachmentIdsSchema, []),
});
export type NewTicketInput = z.input<typeof NewTicketInputSchema>;

export const TicketReplyInputSchema = z.object({
  message: MessageBodySchema,
  attachments: z._default(AttachmentIdsSchema, []),
});
export type TicketReplyInput = z.input<typeof TicketReplyInputSchema>;

const ticketErrors = ['NOT_FOUND'] as const;

/** The account's support tickets. */
export const supportRoutes = {
  config: defineRoute({
    id: 'support.config',
    method: 'GET',
    path: '/api/v1/support/config',
    summary: 'The departments clients may write to, and the attachment rules',
    tags: ['support'],
    auth: 'client',
    access: 'support:read',
    status: 200,
    output: SupportConfigSchema,
  }),
  list: defineRoute({
    id: 'support.list',
    method: 'GET',
    path: '/api/v1/support/tickets',
    summary: "The account's tickets, most recently active first, optionally of one status",
    tags: ['support'],
    auth: 'client',
    access: 'support:read',
    query: TicketListQuerySchema,
    status: 200,
    output: pageSchema(TicketSummarySchema),
  }),
  get: defineRoute({
    id: 'support.get',
    method: 'GET',
    path: '/api/v1/support/tickets/:ticketId',
    summary: 'One ticket with its thread (internal notes are never included)',
    tags: ['support'],
    auth: 'client',
    access: 'support:read',
    status: 200,
    output: TicketSchema,
    errors: ticketErrors,
  }),
  open: defineRoute({
    id: 'support.open',
    method: 'POST',
    path: '/api/v1/support/tickets',
    summary: 'Open a ticket (attachments uploaded first); staff of the department are told by email',
    tags: ['support'],
    auth: 'client',
    access: 'support:write',
    idempotent: true,
    body: NewTicketInputSchema,
    status: 201,
    output: TicketSchema,
    errors: ['DEPARTMENT_UNAVAILABLE', 'ATTACHMENT_UNAVAILABLE', 'RATE_LIMITED'],
    rateLimited: true,
  }),
  reply: defineRoute({
    id: 'support.reply',
    method: 'POST',
    path: '/api/v1/support/tickets/:ticketId/replies',
    summary: 'Reply to a ticket (a closed ticket opens again)',
    tags: ['support'],
    auth: 'client',
    access: 'support:write',
    idempotent: true,
    body: TicketReplyInputSchema,
    status: 201,
    output: TicketSchema,
    errors: ['NOT_FOUND', 'ATTACHMENT_UNAVAILABLE', 'RATE_LIMITED'],
    rateLimited: true,
  }),
  close: defineRoute({
    id: 'support.close',
    method: 'POST',
    path: '/api/v1/support/tickets/:ticketId/close',
    summary: 'Close a ticket (closing a closed one changes nothing)',
    tags: ['support'],
    auth: 'client',
    access: 'support:write',
    status: 200,
    output: TicketSchema,
    errors: ticketErrors,
  }),
  upload: defineRoute({
    id: 'support.upload',
    method: 'POST',
    path: '/api/v1/support/attachments',
    summary:
      'Upload a file for a message: the raw bytes as application/octet-stream, the name in `?name=`. Unused uploads expire after 24 hours.',
    tags: ['support'],
    auth: 'client',
    access: 'support:write',
    rawBody: true,
    query: AttachmentUploadQuerySchema,
    status: 201,
    output: AttachmentSchema,
    errors: ['ATTACHMENT_TOO_LARGE', 'ATTACHMENT_TYPE', 'RATE_LIMITED'],
    rateLimited: true,
  }),
  download: defineRoute({
    id: 'support.download',
    method: 'GET',
    path: '/api/v1/support/tickets/:ticketId/attachments/:attachmentId',
    summary: 'Download an attachment (Content-Disposition: attachment, its stored type)',
    tags: ['support'],
    auth: 'client',
    access: 'support:read',
    status: 200,
    produces: 'application/octet-stream',
    errors: ticketErrors,
  }),
};
