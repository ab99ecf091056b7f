import * as z from 'zod/mini';
import { CatalogQuerySchema, ProductSchema } from './billing.js';
import { defineRoute, LinkTokenSchema, PageQuerySchema, pageSchema, TimestampSchema } from './common.js';
import { PortalSectionsSchema } from './portal.js';

/**
 * Public content: the knowledge base, FAQ, announcements, the status page and the portal home. Every Markdown
 * field is rendered and sanitized on the server (`html`); no HTML a writer typed passes through. A section the
 * business hides answers 404 on every route of it.
 */

/** A URL-safe name: lower-case letters, digits and single hyphens. */
export const SlugSchema = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.maxLength(80, { error: 'At most 80 characters' }),
    z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'Use lower-case letters, digits and single hyphens' }),
  );

/** An id or a slug in a path (`/kb/articles/reset-your-password`). */
const refParam = 'an id or a slug';

// ─── Knowledge base ─────────────────────────────────────────────────────────────────────────────────────────

export const KbCategorySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  /** Published articles in it. */
  articleCount: z.int(),
});
export type KbCategory = z.infer<typeof KbCategorySchema>;

export const KbCategoryRefSchema = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const KbArticleSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  /** Plain text: the start of the article, about 200 characters. */
  excerpt: z.string(),
  category: KbCategoryRefSchema,
  publishedAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type KbArticleSummary = z.infer<typeof KbArticleSummarySchema>;

/** "Was this helpful?" answers so far, and the asker's own (by account when signed in, else by address). */
export const KbVotesSchema = z.object({
  yes: z.int(),
  no: z.int(),
  mine: z.nullable(z.enum(['yes', 'no'])),
});
export type KbVotes = z.infer<typeof KbVotesSchema>;

export const KbArticleSchema = z.extend(KbArticleSummarySchema, {
  /** Sanitized HTML; headings carry ids for in-page links. */
  html: z.string(),
  votes: KbVotesSchema,
  /** Up to 5 articles on the same subject, best first. */
  related: z.array(KbArticleSummarySchema),
});
export type KbArticle = z.infer<typeof KbArticleSchema>;

export const KbArticleListQuerySchema = z.extend(PageQuerySchema, {
  /** A category's id or slug. */
  category: z.optional(z.string().check(z.maxLength(80))),
});
export type KbArticleListQuery = z.input<typeof KbArticleListQuerySchema>;

/**
 * A search: words as people type them. Quotes, operators and any script are taken as text (never as FTS syntax);
 * the last word also matches as a prefix.
 */
export const KbSearchQuerySchema = z.object({
  q: z
    .string({ error: 'Type something to search for' })
    .check(
      z.trim(),
      z.minLength(1, { error: 'Type something to search for' }),
      z.maxLength(200, { error: 'At most 200 characters' }),
    ),
  /** A category's id or slug. */
  category: z.optional(z.string().check(z.maxLength(80))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50))),
});
export type KbSearchQuery = z.input<typeof KbSearchQuerySchema>;

/** A search hit. `title` and `snippet` are escaped text with the matches in `<mark>` (and nothing else). */
export const KbSearchHitSchema = z.object({
  article: KbArticleSummarySchema,
  title: z.string(),
  snippet: z.string(),
});
export type KbSearchHit = z.infer<typeof KbSearchHitSchema>;

export const KbSearchResultSchema = z.object({ items: z.array(KbSearchHitSchema) });
export type KbSearchResult = z.infer<typeof KbSearchResultSchema>;

export const KbVoteInputSchema = z.object({ helpful: z.boolean({ error: 'Answer yes or no' }) });
export type KbVoteInput = z.input<typeof KbVoteInputSchema>;

// ─── FAQ ────────────────────────────────────────────────────────────────────────────────────────────────────

export const FaqItemSchema = z.object({
  id: z.string(),
  question: z.string(),
  /** Sanitized HTML of the answer. */
  html: z.string(),
});
export type FaqItem = z.infer<typeof FaqItemSchema>;

export const FaqGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  items: z.array(FaqItemSchema),
});
export type FaqGroup = z.infer<typeof FaqGroupSchema>;

/** Groups in order; with `q`, only the questions that match (and groups with none left out). */
export const FaqSchema = z.object({ groups: z.array(FaqGroupSchema) });
export type Faq = z.infer<typeof FaqSchema>;

export const FaqQuerySchema = z.object({
  q: z.optional(z.string().check(z.trim(), z.maxLength(200, { error: 'At most 200 characters' }))),
});
export type FaqQuery = z.input<typeof FaqQuerySchema>;

// ─── Announcements ──────────────────────────────────────────────────────────────────────────────────────────

export const AnnouncementSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  /** Plain text, about 200 characters. */
  excerpt: z.string(),
  publishedAt: TimestampSchema,
});
export type AnnouncementSummary = z.infer<typeof AnnouncementSummarySchema>;

export const AnnouncementSchema = z.extend(AnnouncementSummarySchema, {
  html: z.string(),
});
export type Announcement = z.infer<typeof AnnouncementSchema>;

/** The token of an announcement mail's unsubscribe link. */
export const UnsubscribeInputSchema = z.object({ token: LinkTokenSchema });
export type UnsubscribeInput = z.input<typeof UnsubscribeInputSchema>;

// ─── Status page ────────────────────────────────────────────────────────────────────────────────────────────

/** Worst last: `operational` < `maintenance` < `degraded` < `partial_outage` < `major_outage`. */
export const COMPONENT_STATUSES = [
  'operational',
  'maintenance',
  'degraded',
  'partial_outage',
  'major_outage',
] as const;
export const ComponentStatusSchema = z.enum(COMPONENT_STATUSES);
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** One day of a component's history (UTC days). */
export const StatusDaySchema = z.object({
  /** `YYYY-MM-DD`. */
  date: z.string(),
  /** The worst status the component had that day. */
  status: ComponentStatusSchema,
  /** Incidents (not maintenance) that touched it that day. */
  incidents: z.int(),
});
export type StatusDay = z.infer<typeof StatusDaySchema>;

export const StatusComponentSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** A heading components are shown under (`Hosting`, `Email`), or null. */
  group: z.nullable(z.string()),
  status: ComponentStatusSchema,
  /**
   * Percent of the last 90 days it was up, 2 decimals: a major outage counts as down, a partial outage as 30 %
   * down, maintenance and degraded as up.
   */
  uptime: z.number(),
  /** The last 90 days, oldest first; today is last. */
  days: z.array(StatusDaySchema),
});
export type StatusComponent = z.infer<typeof StatusComponentSchema>;

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'completed'] as const;
export const IncidentStatusSchema = z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES]);
export type IncidentStatus = z.infer<typeof IncidentStatusSchema>;
export const IncidentImpactSchema = z.enum(['none', 'minor', 'major', 'critical']);
export type IncidentImpact = z.infer<typeof IncidentImpactSchema>;
export const IncidentKindSchema = z.enum(['incident', 'maintenance']);
export type IncidentKind = z.infer<typeof IncidentKindSchema>;

export const IncidentUpdateSchema = z.object({
  id: z.string(),
  status: IncidentStatusSchema,
  body: z.string(),
  html: z.string(),
  createdAt: TimestampSchema,
});
export type IncidentUpdate = z.infer<typeof IncidentUpdateSchema>;

/** An incident, or a scheduled maintenance, with its timestamped updates (newest first). */
export const IncidentSchema = z.object({
  id: z.string(),
  kind: IncidentKindSchema,
  title: z.string(),
  impact: IncidentImpactSchema,
  status: IncidentStatusSchema,
  components: z.array(z.object({ id: z.string(), name: z.string() })),
  /** When it began (an incident) or is planned to begin (maintenance). */
  startsAt: TimestampSchema,
  /** Maintenance: the planned end. Null for incidents. */
  endsAt: z.nullable(TimestampSchema),
  /** When it was resolved or completed. */
  resolvedAt: z.nullable(TimestampSchema),
  updates: z.array(IncidentUpdateSchema),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const StatusPageSchema = z.object({
  /** The worst status of any component. */
  overall: ComponentStatusSchema,
  components: z.array(StatusComponentSchema),
  /** Unresolved incidents and maintenance in progress, newest first. */
  active: z.array(IncidentSchema),
  /** Maintenance scheduled and not started, soonest first. */
  upcoming: z.array(IncidentSchema),
  /** Incidents and maintenance resolved in the last 7 days, newest first. */
  recent: z.array(IncidentSchema),
});
export type StatusPage = z.infer<typeof StatusPageSchema>;

export const IncidentListQuerySchema = z.extend(PageQuerySchema, {
  kind: z.optional(IncidentKindSchema),
});
export type IncidentListQuery = z.input<typeof IncidentListQuerySchema>;

// ─── Home ───────────────────────────────────────────────────────────────────────────────────────────────────

export const HeroSchema = z.object({
  title: z.string(),
  subtitle: z.string(),
  /** The button's words and where it goes (a path on the portal or an http(s) URL); null: no button. */
  cta: z.nullable(z.object({ label: z.string(), url: z.string() })),
});
export type Hero = z.infer<typeof HeroSchema>;

/** What `<portal-home>` draws, per the business's settings and visible sections. */
export const HomeSchema = z.object({
  hero: HeroSchema,
  sections: PortalSectionsSchema,
  /** Featured products in stock, in the catalog's currency (empty when the store is hidden). */
  currency: z.string(),
  featuredProducts: z.array(ProductSchema),
  /** The latest announcements (empty when announcements are hidden). */
  announcements: z.array(AnnouncementSummarySchema),
});
export type Home = z.infer<typeof HomeSchema>;

export const HomeQuerySchema = CatalogQuerySchema;

const notFound = ['NOT_FOUND'] as const;
const tags = (area: string) => [area];

/** Knowledge base, FAQ, announcements, status page and home. Public; a hidden section answers 404. */
export const contentRoutes = {
  kbCategories: defineRoute({
    id: 'content.kbCategories',
    method: 'GET',
    path: '/api/v1/kb/categories',
    summary: 'Knowledge-base categories with their article counts, in order',
    tags: tags('knowledge base'),
    auth: 'public',
    status: 200,
    output: z.object({ items: z.array(KbCategorySchema) }),
    errors: notFound,
  }),
  kbArticles: defineRoute({
    id: 'content.kbArticles',
    method: 'GET',
    path: '/api/v1/kb/articles',
    summary: 'Published articles, of one category or all, in the category order',
    tags: tags('knowledge base'),
    auth: 'public',
    query: KbArticleListQuerySchema,
    status: 200,
    output: pageSchema(KbArticleSummarySchema),
    errors: notFound,
  }),
  kbArticle: defineRoute({
    id: 'content.kbArticle',
    method: 'GET',
    path: '/api/v1/kb/articles/:article',
    summary: `One published article (${refParam}) with its votes and related articles`,
    tags: tags('knowledge base'),
    auth: 'optional',
    access: 'support:read',
    status: 200,
    output: KbArticleSchema,
    errors: notFound,
  }),
  kbSearch: defineRoute({
    id: 'content.kbSearch',
    method: 'GET',
    path: '/api/v1/kb/search',
    summary: 'Full-text search of published articles, best match first, matches highlighted',
    tags: tags('knowledge base'),
    auth: 'public',
    query: KbSearchQuerySchema,
    status: 200,
    output: KbSearchResultSchema,
    errors: [...notFound, 'RATE_LIMITED'],
    rateLimited: true,
  }),
  kbVote: defineRoute({
    id: 'content.kbVote',
    method: 'PUT',
    path: '/api/v1/kb/articles/:articleId/vote',
    summary: '"Was this helpful?": one answer per person (changing it replaces it)',
    tags: tags('knowledge base'),
    auth: 'optional',
    access: 'support:read',
    body: KbVoteInputSchema,
    status: 200,
    output: KbVotesSchema,
    errors: [...notFound, 'RATE_LIMITED'],
    rateLimited: true,
  }),
  faq: defineRoute({
    id: 'content.faq',
    method: 'GET',
    path: '/api/v1/faq',
    summary: 'Questions and answers by group; `q` keeps the matching ones',
    tags: tags('faq'),
    auth: 'public',
    query: FaqQuerySchema,
    status: 200,
    output: FaqSchema,
    errors: notFound,
  }),
  announcements: defineRoute({
    id: 'content.announcements',
    method: 'GET',
    path: '/api/v1/announcements',
    summary: 'Published announcements, newest first',
    tags: tags('announcements'),
    auth: 'public',
    query: PageQuerySchema,
    status: 200,
    output: pageSchema(AnnouncementSummarySchema),
    errors: notFound,
  }),
  announcement: defineRoute({
    id: 'content.announcement',
    method: 'GET',
    path: '/api/v1/announcements/:announcement',
    summary: `One published announcement (${refParam})`,
    tags: tags('announcements'),
    auth: 'public',
    status: 200,
    output: AnnouncementSchema,
    errors: notFound,
  }),
  unsubscribe: defineRoute({
    id: 'content.unsubscribe',
    method: 'POST',
    path: '/api/v1/announcements/unsubscribe',
    summary: "Stop announcement mails to the link's address (the link in every announcement mail)",
    tags: tags('announcements'),
    auth: 'public',
    body: UnsubscribeInputSchema,
    status: 204,
    errors: ['LINK_INVALID', 'RATE_LIMITED'],
    rateLimited: true,
  }),
  status: defineRoute({
    id: 'content.status',
    method: 'GET',
    path: '/api/v1/status',
    summary: 'Components with 90 days of history, active incidents, maintenance and recent incidents',
    tags: tags('status'),
    auth: 'public',
    status: 200,
    output: StatusPageSchema,
    errors: notFound,
  }),
  incidents: defineRoute({
    id: 'content.incidents',
    method: 'GET',
    path: '/api/v1/status/incidents',
    summary: 'Incident and maintenance history of the last 90 days, newest first',
    tags: tags('status'),
    auth: 'public',
    query: IncidentListQuerySchema,
    status: 200,
    output: pageSchema(IncidentSchema),
    errors: notFound,
  }),
  incident: defineRoute({
    id: 'content.incident',
    method: 'GET',
    path: '/api/v1/status/incidents/:incidentId',
    summary: 'One incident or maintenance with all its updates',
    tags: tags('status'),
    auth: 'public',
    status: 200,
    output: IncidentSchema,
    errors: notFound,
  }),
  home: defineRoute({
    id: 'content.home',
    method: 'GET',
    path: '/api/v1/home',
    summary: 'The portal home: hero, featured products, latest announcements and the visible sections',
    tags: tags('home'),
    auth: 'optional',
    access: 'billing:read',
    query: HomeQuerySchema,
    status: 200,
    output: HomeSchema,
    errors: ['CURRENCY_NOT_ENABLED'],
  }),
};
