import type { Incident } from '../../contract/content.js';
import {
  type AdminAnnouncement,
  type AdminAnnouncementQuery,
  type AdminFaqGroup,
  type AdminFaqItem,
  type AdminIncidentQuery,
  type AdminKbArticle,
  type AdminKbArticleQuery,
  type AdminKbCategory,
  type AdminStatusComponent,
  type AnnouncementInput,
  type AnnouncementMailing,
  type AnnouncementUpdate,
  contentAdminRoutes as routes,
  type FaqGroupInput,
  type FaqGroupUpdate,
  type FaqItemInput,
  type FaqItemUpdate,
  type HomeSettings,
  type HomeSettingsInput,
  type IncidentEdit,
  type IncidentInput,
  type IncidentUpdateInput,
  type KbArticleInput,
  type KbArticleUpdate,
  type KbCategoryInput,
  type KbCategoryUpdate,
  type StatusComponentInput,
  type StatusComponentUpdate,
} from '../../contract/content-admin.js';
import type { HttpClient } from '../../client/http.js';
import type { Page } from '../../client/resources/account.js';

/**
 * Knowledge-base categories and articles (Markdown, rendered and sanitized on the server).
 *
 * @example
 * ```ts
 * const category = await admin.kb.createCategory({ name: 'Email' });
 * await admin.kb.createArticle({ title: 'Set up IMAP', categoryId: category.id, body: '## Server\n…', status: 'published' });
 * ```
 */
export class AdminKbResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  async categories(): Promise<AdminKbCategory[]> {
    return (await this.#http.send(routes.listKbCategories)).items;
  }
  createCategory(input: KbCategoryInput): Promise<AdminKbCategory> {
    return this.#http.send(routes.createKbCategory, { body: input });
  }
  updateCategory(categoryId: string, input: KbCategoryUpdate): Promise<AdminKbCategory> {
    return this.#http.send(routes.updateKbCategory, { params: { categoryId }, body: input });
  }
  deleteCategory(categoryId: string): Promise<void> {
    return this.#http.send(routes.deleteKbCategory, { params: { categoryId } });
  }
  articles(query: AdminKbArticleQuery = {}): Promise<Page<AdminKbArticle>> {
    return this.#http.send(routes.listKbArticles, { query: { ...query } });
  }
  article(articleId: string): Promise<AdminKbArticle> {
    return this.#http.send(routes.getKbArticle, { params: { articleId } });
  }
  createArticle(input: KbArticleInput): Promise<AdminKbArticle> {
    return this.#http.send(routes.createKbArticle, { body: input });
  }
  updateArticle(articleId: string, input: KbArticleUpdate): Promise<AdminKbArticle> {
    return this.#http.send(routes.updateKbArticle, { params: { articleId }, body: input });
  }
  deleteArticle(articleId: string): Promise<void> {
    return this.#http.send(routes.deleteKbArticle, { params: { articleId } });
  }
}

/** FAQ groups and their questions. */
export class AdminFaqResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  async list(): Promise<AdminFaqGroup[]> {
    return (await this.#http.send(routes.listFaq)).items;
  }
  createGroup(input: FaqGroupInput): Promise<AdminFaqGroup> {
    return this.#http.send(routes.createFaqGroup, { body: input });
  }
  updateGroup(groupId: string, input: FaqGroupUpdate): Promise<AdminFaqGroup> {
    return this.#http.send(routes.updateFaqGroup, { params: { groupId }, body: input });
  }
  deleteGroup(groupId: string): Promise<void> {
    return this.#http.send(routes.deleteFaqGroup, { params: { groupId } });
  }
  createItem(input: FaqItemInput): Promise<AdminFaqItem> {
    return this.#http.send(routes.createFaqItem, { body: input });
  }
  updateItem(itemId: string, input: FaqItemUpdate): Promise<AdminFaqItem> {
    return this.#http.send(routes.updateFaqItem, { params: { itemId }, body: input });
  }
  deleteItem(itemId: string): Promise<void> {
    return this.#http.send(routes.deleteFaqItem, { params: { itemId } });
  }
}

/** Announcements: drafts, scheduled and published, and mailing one to every client. */
export class AdminAnnouncementsResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  list(query: AdminAnnouncementQuery = {}): Promise<Page<AdminAnnouncement>> {
    return this.#http.send(routes.listAnnouncements, { query: { ...query } });
  }
  get(announcementId: string): Promise<AdminAnnouncement> {
    return this.#http.send(routes.getAnnouncement, { params: { announcementId } });
  }
  create(input: AnnouncementInput): Promise<AdminAnnouncement> {
    return this.#http.send(routes.createAnnouncement, { body: input });
  }
  update(announcementId: string, input: AnnouncementUpdate): Promise<AdminAnnouncement> {
    return this.#http.send(routes.updateAnnouncement, { params: { announcementId }, body: input });
  }
  delete(announcementId: string): Promise<void> {
    return this.#http.send(routes.deleteAnnouncement, { params: { announcementId } });
  }
  /** Mails a published announcement to every client, once (a second call is `CONFLICT`). */
  mail(announcementId: string, options: { idempotencyKey?: string } = {}): Promise<AnnouncementMailing> {
    return this.#http.send(routes.mailAnnouncement, { params: { announcementId }, ...options });
  }
}

/** The status page: components, incidents and maintenance with their updates. */
export class AdminStatusResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  async components(): Promise<AdminStatusComponent[]> {
    return (await this.#http.send(routes.listStatusComponents)).items;
  }
  createComponent(input: StatusComponentInput): Promise<AdminStatusComponent> {
    return this.#http.send(routes.createStatusComponent, { body: input });
  }
  updateComponent(componentId: string, input: StatusComponentUpdate): Promise<AdminStatusComponent> {
    return this.#http.send(routes.updateStatusComponent, { params: { componentId }, body: input });
  }
  deleteComponent(componentId: string): Promise<void> {
    return this.#http.send(routes.deleteStatusComponent, { params: { componentId } });
  }
  incidents(query: AdminIncidentQuery = {}): Promise<Page<Incident>> {
    return this.#http.send(routes.listIncidents, { query: { ...query } });
  }
  incident(incidentId: string): Promise<Incident> {
    return this.#http.send(routes.getIncident, { params: { incidentId } });
  }
  /** Opens an incident, or schedules maintenance (`kind: 'maintenance'` with `startsAt` and `endsAt`). */
  createIncident(input: IncidentInput): Promise<Incident> {
    return this.#http.send(routes.createIncident, { body: input });
  }
  editIncident(incidentId: string, input: IncidentEdit): Promise<Incident> {
    return this.#http.send(routes.editIncident, { params: { incidentId }, body: input });
  }
  /** Posts a timestamped update (`resolved` / `completed` closes it). */
  addUpdate(incidentId: string, input: IncidentUpdateInput): Promise<Incident> {
    return this.#http.send(routes.addIncidentUpdate, { params: { incidentId }, body: input });
  }
  deleteIncident(incidentId: string): Promise<void> {
    return this.#http.send(routes.deleteIncident, { params: { incidentId } });
  }
}

/** The portal home's settings, and the Markdown preview every editor uses. */
export class AdminContentResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Renders Markdown exactly as clients will see it. */
  async preview(markdown: string): Promise<string> {
    return (await this.#http.send(routes.preview, { body: { markdown } })).html;
  }
  home(): Promise<HomeSettings> {
    return this.#http.send(routes.getHome);
  }
  updateHome(input: HomeSettingsInput): Promise<HomeSettings> {
    return this.#http.send(routes.updateHome, { body: input });
  }
}
