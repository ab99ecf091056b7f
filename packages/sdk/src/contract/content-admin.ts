import * as z from 'zod/mini';
import {
  adminRoutesOf,
  defineRoute,
  itemsSchema,
  PageQuerySchema,
  pageSchema,
  staffOnly,
  TimestampSchema,
} from './common.js';
import {
  ComponentStatusSchema,
  HeroSchema,
  IncidentImpactSchema,
  IncidentKindSchema,
  IncidentSchema,
  IncidentStatusSchema,
  INCIDENT_STATUSES,
  KbCategoryRefSchema,
  KbCategorySchema,
  MAINTENANCE_STATUSES,
  SlugSchema,
  StatusComponentSchema,
} from './content.js';

const title = (max: number, label: string) =>
  z
    .string({ error: `${label} is required` })
    .check(
      z.trim(),
      z.minLength(1, { error: `${label} is required` }),
      z.maxLength(max, { error: `${label} must be at most ${max} characters` }),
    );
/** Markdown written by staff: up to 100,000 characters. */
export const MarkdownSchema = z
  .string({ error: 'Write the text' })
  .check(z.trim(), z.maxLength(100_000, { error: 'At most 100,000 characters' }));
const position = z.int().check(z.minimum(0), z.maximum(100_000));
/** A timestamp (ISO 8601 with a zone, or `YYYY-MM-DDTHH:mm` read as UTC). */
export const InstantSchema = z.string().check(
  z.refine((v) => isRealDate(v) && !Number.isNaN(Date.parse(v)), {
    error: 'Use a date and time such as 2026-12-31T22:00Z',
  }),
);

/** Whether `v` starts with a date and time that exist on the calendar (no 30 February, no 25:00). */
function isRealDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(v);
  if (!m) return false;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59;
}

/** Markdown to preview: what any editor shows beside the text, rendered exactly as it will be published. */
export const MarkdownPreviewInputSchema = z.object({ markdown: MarkdownSchema });
export const MarkdownPreviewSchema = z.object({ html: z.string() });
export type MarkdownPreview = z.infer<typeof MarkdownPreviewSchema>;

// ─── Knowledge base ─────────────────────────────────────────────────────────────────────────────────────────

export const AdminKbCategorySchema = z.extend(KbCategorySchema, {
  position: z.int(),
  /** Articles in it, drafts included. */
  allArticles: z.int(),
});
export type AdminKbCategory = z.infer<typeof AdminKbCategorySchema>;

export const KbCategoryInputSchema = z.object({
  name: title(120, 'Name'),
  /** Made from the name when left out. */
  slug: z.optional(SlugSchema),
  description: z.optional(z.string().check(z.trim(), z.maxLength(500, { error: 'At most 500 characters' }))),
  position: z.optional(position),
});
export type KbCategoryInput = z.input<typeof KbCategoryInputSchema>;
export const KbCategoryUpdateSchema = z.partial(KbCategoryInputSchema);
export type KbCategoryUpdate = z.input<typeof KbCategoryUpdateSchema>;

export const ArticleStatusSchema = z.enum(['draft', 'published']);
export type ArticleStatus = z.infer<typeof ArticleStatusSchema>;

export const AdminKbArticleSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  category: KbCategoryRefSchema,
  status: ArticleStatusSchema,
  /** Order within the category (lower first). */
  position: z.int(),
  /** The Markdown as written. */
  body: z.string(),
  html: z.string(),
  votes: z.object({ yes: z.int(), no: z.int() }),
  publishedAt: z.nullable(TimestampSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type AdminKbArticle = z.infer<typeof AdminKbArticleSchema>;

export const AdminKbArticleQuerySchema = z.extend(PageQuerySchema, {
  categoryId: z.optional(z.string().check(z.maxLength(60))),
  status: z.optional(ArticleStatusSchema),
  /** Part of the title. */
  q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
});
export type AdminKbArticleQuery = z.input<typeof AdminKbArticleQuerySchema>;

export const KbArticleInputSchema = z.object({
  title: title(200, 'Title'),
  slug: z.optional(SlugSchema),
  categoryId: z.string({ error: 'Choose a category' }).check(z.minLength(1, { error: 'Choose a category' })),
  body: MarkdownSchema,
  /** Default `draft`. Publishing the first time sets `publishedAt`. */
  status: z.optional(ArticleStatusSchema),
  position: z.optional(position),
});
export type KbArticleInput = z.input<typeof KbArticleInputSchema>;
export const KbArticleUpdateSchema = z.partial(KbArticleInputSchema);
export type KbArticleUpdate = z.input<typeof KbArticleUpdateSchema>;

// ─── FAQ ────────────────────────────────────────────────────────────────────────────────────────────────────

export const AdminFaqItemSchema = z.object({
  id: z.string(),
  groupId: z.string(),
  question: z.string(),
  /** The answer's Markdown. */
  answer: z.string(),
  html: z.string(),
  position: z.int(),
  updatedAt: TimestampSchema,
});
export type AdminFaqItem = z.infer<typeof AdminFaqItemSchema>;

export const AdminFaqGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.int(),
  items: z.array(AdminFaqItemSchema),
});
export type AdminFaqGroup = z.infer<typeof AdminFaqGroupSchema>;

export const FaqGroupInputSchema = z.object({ name: title(120, 'Name'), position: z.optional(position) });
export type FaqGroupInput = z.input<typeof FaqGroupInputSchema>;
export const FaqGroupUpdateSchema = z.partial(FaqGroupInputSchema);
export type FaqGroupUpdate = z.input<typeof FaqGroupUpdateSchema>;

export const FaqItemInputSchema = z.object({
  groupId: z.string({ error: 'Choose a group' }).check(z.minLength(1, { error: 'Choose a group' })),
  question: title(300, 'Question'),
  answer: z
    .string({ error: 'Write the answer' })
    .check(
      z.trim(),
      z.minLength(1, { error: 'Write the answer' }),
      z.maxLength(20_000, { error: 'At most 20,000 characters' }),
    ),
  position: z.optional(position),
});
export type FaqItemInput = z.input<typeof FaqItemInputSchema>;
export const FaqItemUpdateSchema = z.partial(FaqItemInputSchema);
export type FaqItemUpdate = z.input<typeof FaqItemUpdateSchema>;

// ─── Announcements ──────────────────────────────────────────────────────────────────────────────────────────

export const AdminAnnouncementSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  body: z.string(),
  html: z.string(),
  /** Null: a draft. In the future: scheduled (clients see it from then). */
  publishedAt: z.nullable(TimestampSchema),
  /** When it was mailed to clients, and to how many people. */
  emailedAt: z.nullable(TimestampSchema),
  emailRecipients: z.nullable(z.int()),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type AdminAnnouncement = z.infer<typeof AdminAnnouncementSchema>;

export const AnnouncementInputSchema = z.object({
  title: title(200, 'Title'),
  slug: z.optional(SlugSchema),
  body: MarkdownSchema,
  /** Null or left out: a draft. */
  publishedAt: z.optional(z.nullable(InstantSchema)),
});
export type AnnouncementInput = z.input<typeof AnnouncementInputSchema>;
export const AnnouncementUpdateSchema = z.partial(AnnouncementInputSchema);
export type AnnouncementUpdate = z.input<typeof AnnouncementUpdateSchema>;

export const AdminAnnouncementQuerySchema = z.extend(PageQuerySchema, {
  status: z.optional(z.enum(['draft', 'scheduled', 'published'])),
});
export type AdminAnnouncementQuery = z.input<typeof AdminAnnouncementQuerySchema>;

/** What mailing an announcement queued. */
export const AnnouncementMailingSchema = z.object({
  /** People the mail was queued for (account owners who have not unsubscribed; disabled logins get nothing). */
  recipients: z.int(),
  emailedAt: TimestampSchema,
});
export type AnnouncementMailing = z.infer<typeof AnnouncementMailingSchema>;

// ─── Status page ────────────────────────────────────────────────────────────────────────────────────────────

export const AdminStatusComponentSchema = z.extend(StatusComponentSchema, {
  position: z.int(),
});
export type AdminStatusComponent = z.infer<typeof AdminStatusComponentSchema>;

export const StatusComponentInputSchema = z.object({
  name: title(120, 'Name'),
  description: z.optional(z.string().check(z.trim(), z.maxLength(500, { error: 'At most 500 characters' }))),
  group: z.optional(
    z.nullable(z.string().check(z.trim(), z.maxLength(80, { error: 'At most 80 characters' }))),
  ),
  /** Set by hand; incidents and maintenance also set it. Every change is kept for the 90-day history. */
  status: z.optional(ComponentStatusSchema),
  position: z.optional(position),
});
export type StatusComponentInput = z.input<typeof StatusComponentInputSchema>;
export const StatusComponentUpdateSchema = z.partial(StatusComponentInputSchema);
export type StatusComponentUpdate = z.input<typeof StatusComponentUpdateSchema>;

const statusFitsKind = (value: { kind?: string; status?: string }) =>
  value.status === undefined ||
  (value.kind === 'maintenance'
    ? (MAINTENANCE_STATUSES as readonly string[]).includes(value.status)
    : (INCIDENT_STATUSES as readonly string[]).includes(value.status));

/**
 * A new incident (it starts now, `investigating` by default) or a scheduled maintenance (`startsAt`, `endsAt`,
 * `scheduled` by default). `componentStatus` is set on its components (an incident's default follows its impact;
 * maintenance in progress sets `maintenance`).
 */
export const IncidentInputSchema = z
  .object({
    kind: z._default(IncidentKindSchema, 'incident'),
    title: title(200, 'Title'),
    impact: z._default(IncidentImpactSchema, 'minor'),
    status: z.optional(IncidentStatusSchema),
    message: z
      .string({ error: 'Write what is happening' })
      .check(
        z.trim(),
        z.minLength(1, { error: 'Write what is happening' }),
        z.maxLength(20_000, { error: 'At most 20,000 characters' }),
      ),
    componentIds: z._default(z.array(z.string().check(z.minLength(1))).check(z.maxLength(100)), []),
    componentStatus: z.optional(ComponentStatusSchema),
    startsAt: z.optional(InstantSchema),
    endsAt: z.optional(InstantSchema),
  })
  .check(
    z.refine(statusFitsKind, { error: 'That status is not one of this kind', path: ['status'] }),
    z.refine((v) => v.kind !== 'maintenance' || (v.startsAt !== undefined && v.endsAt !== undefined), {
      error: 'Maintenance needs a start and an end',
      path: ['startsAt'],
    }),
    // Only once both are real times (a bad one already has its own error).
    z.refine(
      (v) =>
        !isRealDate(v.startsAt ?? '') ||
        !isRealDate(v.endsAt ?? '') ||
        Date.parse(v.endsAt!) > Date.parse(v.startsAt!),
      {
        error: 'The end must be after the start',
        path: ['endsAt'],
      },
    ),
  );
export type IncidentInput = z.input<typeof IncidentInputSchema>;

export const IncidentEditSchema = z.object({
  title: z.optional(title(200, 'Title')),
  impact: z.optional(IncidentImpactSchema),
  componentIds: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(100))),
  startsAt: z.optional(InstantSchema),
  endsAt: z.optional(z.nullable(InstantSchema)),
});
export type IncidentEdit = z.input<typeof IncidentEditSchema>;

/** A timestamped update: the new status (of the incident's kind) and what to say. */
export const IncidentUpdateInputSchema = z.object({
  status: IncidentStatusSchema,
  message: z
    .string({ error: 'Write the update' })
    .check(
      z.trim(),
      z.minLength(1, { error: 'Write the update' }),
      z.maxLength(20_000, { error: 'At most 20,000 characters' }),
    ),
  /**
   * Set on its components. Resolving or completing puts them back to `operational` unless another open incident
   * still holds them.
   */
  componentStatus: z.optional(ComponentStatusSchema),
});
export type IncidentUpdateInput = z.input<typeof IncidentUpdateInputSchema>;

export const AdminIncidentQuerySchema = z.extend(PageQuerySchema, {
  kind: z.optional(IncidentKindSchema),
  /** Only unresolved ones (and maintenance not completed). */
  open: z.optional(z.enum(['true', 'false'])),
});
export type AdminIncidentQuery = z.input<typeof AdminIncidentQuerySchema>;

// ─── Home ───────────────────────────────────────────────────────────────────────────────────────────────────

export const HomeSettingsSchema = z.object({
  hero: HeroSchema,
  /** Featured products shown (0 hides them). */
  featuredLimit: z.int(),
  /** Latest announcements shown (0 hides them). */
  announcementsLimit: z.int(),
});
export type HomeSettings = z.infer<typeof HomeSettingsSchema>;

export const HomeSettingsInputSchema = z.object({
  hero: z.optional(
    z.object({
      title: title(120, 'Title'),
      subtitle: z.string().check(z.trim(), z.maxLength(300, { error: 'At most 300 characters' })),
      cta: z.nullable(
        z.object({
          label: title(40, 'Button text'),
          url: z.string().check(
            z.trim(),
            z.maxLength(2000),
            z.regex(/^(https?:\/\/[^\s]+|\/(?![/\\])[^\s]*)$/i, {
              error: 'Use a path such as /store or an http(s) URL',
            }),
          ),
        }),
      ),
    }),
  ),
  featuredLimit: z.optional(z.int().check(z.minimum(0), z.maximum(12, { error: 'At most 12' }))),
  announcementsLimit: z.optional(z.int().check(z.minimum(0), z.maximum(10, { error: 'At most 10' }))),
});
export type HomeSettingsInput = z.input<typeof HomeSettingsInputSchema>;

const read = staffOnly('admin', 'billing', 'support');
const write = staffOnly('admin', 'support');
const admin = adminRoutesOf('adminContent', 'content');
const crud = { errors: ['NOT_FOUND', 'CONFLICT'] as const };

/**
 * Staff routes of public content: knowledge base, FAQ, announcements, status page and home. Every staff role
 * reads; `admin` and `support` write.
 */
export const contentAdminRoutes = {
  preview: defineRoute({
    ...admin('preview', 'POST', '/content/preview', 'Render Markdown as clients will see it'),
    ...read,
    body: MarkdownPreviewInputSchema,
    status: 200,
    output: MarkdownPreviewSchema,
  }),

  listKbCategories: defineRoute({
    ...admin('listKbCategories', 'GET', '/kb/categories', 'Knowledge-base categories, in order'),
    ...read,
    status: 200,
    output: itemsSchema(AdminKbCategorySchema),
  }),
  createKbCategory: defineRoute({
    ...admin('createKbCategory', 'POST', '/kb/categories', 'Add a category'),
    ...write,
    body: KbCategoryInputSchema,
    status: 201,
    output: AdminKbCategorySchema,
    ...crud,
  }),
  updateKbCategory: defineRoute({
    ...admin('updateKbCategory', 'PATCH', '/kb/categories/:categoryId', 'Rename or reorder a category'),
    ...write,
    body: KbCategoryUpdateSchema,
    status: 200,
    output: AdminKbCategorySchema,
    ...crud,
  }),
  deleteKbCategory: defineRoute({
    ...admin(
      'deleteKbCategory',
      'DELETE',
      '/kb/categories/:categoryId',
      'Remove a category without articles',
    ),
    ...write,
    status: 204,
    ...crud,
  }),
  listKbArticles: defineRoute({
    ...admin(
      'listKbArticles',
      'GET',
      '/kb/articles',
      'Articles, drafts included, most recently updated first',
    ),
    ...read,
    query: AdminKbArticleQuerySchema,
    status: 200,
    output: pageSchema(AdminKbArticleSchema),
  }),
  getKbArticle: defineRoute({
    ...admin('getKbArticle', 'GET', '/kb/articles/:articleId', 'One article with its Markdown'),
    ...read,
    status: 200,
    output: AdminKbArticleSchema,
    errors: ['NOT_FOUND'],
  }),
  createKbArticle: defineRoute({
    ...admin('createKbArticle', 'POST', '/kb/articles', 'Write an article (a draft unless published)'),
    ...write,
    body: KbArticleInputSchema,
    status: 201,
    output: AdminKbArticleSchema,
    ...crud,
  }),
  updateKbArticle: defineRoute({
    ...admin('updateKbArticle', 'PATCH', '/kb/articles/:articleId', 'Edit, publish or unpublish an article'),
    ...write,
    body: KbArticleUpdateSchema,
    status: 200,
    output: AdminKbArticleSchema,
    ...crud,
  }),
  deleteKbArticle: defineRoute({
    ...admin('deleteKbArticle', 'DELETE', '/kb/articles/:articleId', 'Delete an article'),
    ...write,
    status: 204,
    errors: ['NOT_FOUND'],
  }),

  listFaq: defineRoute({
    ...admin('listFaq', 'GET', '/faq', 'Every FAQ group with its questions, in order'),
    ...read,
    status: 200,
    output: itemsSchema(AdminFaqGroupSchema),
  }),
  createFaqGroup: defineRoute({
    ...admin('createFaqGroup', 'POST', '/faq/groups', 'Add a group'),
    ...write,
    body: FaqGroupInputSchema,
    status: 201,
    output: AdminFaqGroupSchema,
    ...crud,
  }),
  updateFaqGroup: defineRoute({
    ...admin('updateFaqGroup', 'PATCH', '/faq/groups/:groupId', 'Rename or reorder a group'),
    ...write,
    body: FaqGroupUpdateSchema,
    status: 200,
    output: AdminFaqGroupSchema,
    ...crud,
  }),
  deleteFaqGroup: defineRoute({
    ...admin('deleteFaqGroup', 'DELETE', '/faq/groups/:groupId', 'Remove a group without questions'),
    ...write,
    status: 204,
    ...crud,
  }),
  createFaqItem: defineRoute({
    ...admin('createFaqItem', 'POST', '/faq/items', 'Add a question and answer'),
    ...write,
    body: FaqItemInputSchema,
    status: 201,
    output: AdminFaqItemSchema,
    ...crud,
  }),
  updateFaqItem: defineRoute({
    ...admin('updateFaqItem', 'PATCH', '/faq/items/:itemId', 'Edit, move or reorder a question'),
    ...write,
    body: FaqItemUpdateSchema,
    status: 200,
    output: AdminFaqItemSchema,
    ...crud,
  }),
  deleteFaqItem: defineRoute({
    ...admin('deleteFaqItem', 'DELETE', '/faq/items/:itemId', 'Delete a question'),
    ...write,
    status: 204,
    errors: ['NOT_FOUND'],
  }),

  listAnnouncements: defineRoute({
    ...admin(
      'listAnnouncements',
      'GET',
      '/announcements',
      'Announcements, drafts and scheduled ones included',
    ),
    ...read,
    query: AdminAnnouncementQuerySchema,
    status: 200,
    output: pageSchema(AdminAnnouncementSchema),
  }),
  getAnnouncement: defineRoute({
    ...admin(
      'getAnnouncement',
      'GET',
      '/announcements/:announcementId',
      'One announcement with its Markdown',
    ),
    ...read,
    status: 200,
    output: AdminAnnouncementSchema,
    errors: ['NOT_FOUND'],
  }),
  createAnnouncement: defineRoute({
    ...admin(
      'createAnnouncement',
      'POST',
      '/announcements',
      'Write an announcement (a draft, scheduled or published)',
    ),
    ...write,
    body: AnnouncementInputSchema,
    status: 201,
    output: AdminAnnouncementSchema,
    ...crud,
  }),
  updateAnnouncement: defineRoute({
    ...admin('updateAnnouncement', 'PATCH', '/announcements/:announcementId', 'Edit, schedule or publish'),
    ...write,
    body: AnnouncementUpdateSchema,
    status: 200,
    output: AdminAnnouncementSchema,
    ...crud,
  }),
  deleteAnnouncement: defineRoute({
    ...admin('deleteAnnouncement', 'DELETE', '/announcements/:announcementId', 'Delete an announcement'),
    ...write,
    status: 204,
    errors: ['NOT_FOUND'],
  }),
  mailAnnouncement: defineRoute({
    ...admin(
      'mailAnnouncement',
      'POST',
      '/announcements/:announcementId/mailing',
      'Mail a published announcement to every client once (account owners who have not unsubscribed)',
    ),
    ...write,
    idempotent: true,
    status: 202,
    output: AnnouncementMailingSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),

  listStatusComponents: defineRoute({
    ...admin(
      'listStatusComponents',
      'GET',
      '/status/components',
      'Status components with their history, in order',
    ),
    ...read,
    status: 200,
    output: itemsSchema(AdminStatusComponentSchema),
  }),
  createStatusComponent: defineRoute({
    ...admin('createStatusComponent', 'POST', '/status/components', 'Add a component'),
    ...write,
    body: StatusComponentInputSchema,
    status: 201,
    output: AdminStatusComponentSchema,
    ...crud,
  }),
  updateStatusComponent: defineRoute({
    ...admin(
      'updateStatusComponent',
      'PATCH',
      '/status/components/:componentId',
      'Rename, regroup, reorder or set its status',
    ),
    ...write,
    body: StatusComponentUpdateSchema,
    status: 200,
    output: AdminStatusComponentSchema,
    ...crud,
  }),
  deleteStatusComponent: defineRoute({
    ...admin('deleteStatusComponent', 'DELETE', '/status/components/:componentId', 'Remove a component'),
    ...write,
    status: 204,
    errors: ['NOT_FOUND'],
  }),
  listIncidents: defineRoute({
    ...admin('listIncidents', 'GET', '/status/incidents', 'Incidents and maintenance, newest first'),
    ...read,
    query: AdminIncidentQuerySchema,
    status: 200,
    output: pageSchema(IncidentSchema),
  }),
  getIncident: defineRoute({
    ...admin('getIncident', 'GET', '/status/incidents/:incidentId', 'One incident with its updates'),
    ...read,
    status: 200,
    output: IncidentSchema,
    errors: ['NOT_FOUND'],
  }),
  createIncident: defineRoute({
    ...admin('createIncident', 'POST', '/status/incidents', 'Open an incident or schedule maintenance'),
    ...write,
    body: IncidentInputSchema,
    status: 201,
    output: IncidentSchema,
    errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
  }),
  editIncident: defineRoute({
    ...admin(
      'editIncident',
      'PATCH',
      '/status/incidents/:incidentId',
      'Change title, impact, components or schedule',
    ),
    ...write,
    body: IncidentEditSchema,
    status: 200,
    output: IncidentSchema,
    errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
  }),
  addIncidentUpdate: defineRoute({
    ...admin(
      'addIncidentUpdate',
      'POST',
      '/status/incidents/:incidentId/updates',
      'Post a timestamped update',
    ),
    ...write,
    body: IncidentUpdateInputSchema,
    status: 201,
    output: IncidentSchema,
    errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
  }),
  deleteIncident: defineRoute({
    ...admin(
      'deleteIncident',
      'DELETE',
      '/status/incidents/:incidentId',
      'Delete an incident (posted in error)',
    ),
    ...write,
    status: 204,
    errors: ['NOT_FOUND'],
  }),

  getHome: defineRoute({
    ...admin(
      'getHome',
      'GET',
      '/content/home',
      'The home page: hero and how many products and announcements',
    ),
    ...read,
    status: 200,
    output: HomeSettingsSchema,
  }),
  updateHome: defineRoute({
    ...admin('updateHome', 'PATCH', '/content/home', 'Change the hero or the counts'),
    ...write,
    body: HomeSettingsInputSchema,
    status: 200,
    output: HomeSettingsSchema,
  }),
};
