import {
  type Announcement,
  type AnnouncementSummary,
  contentRoutes,
  type Faq,
  type Home,
  type Incident,
  type IncidentKind,
  type KbArticle,
  type KbArticleSummary,
  type KbCategory,
  type KbSearchResult,
  type KbVotes,
  type StatusPage,
} from '../../contract/content.js';
import type { HttpClient } from '../http.js';
import type { Page } from './account.js';
import type { PageOptions } from './orders.js';

/**
 * The knowledge base: categories, articles (sanitized HTML), full-text search with highlighted matches, and
 * "was this helpful?" votes. Public; a business that hides it answers 404 (`NOT_FOUND`).
 *
 * @example
 * ```ts
 * const { items } = await portal.kb.search('reset password');
 * const article = await portal.kb.article(items[0].article.slug);
 * await portal.kb.vote(article.id, true);
 * ```
 */
export class KnowledgeBaseResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  async categories(): Promise<KbCategory[]> {
    return (await this.#http.send(contentRoutes.kbCategories)).items;
  }

  /** Published articles, of one category (id or slug) or all. */
  articles(options: PageOptions & { category?: string } = {}): Promise<Page<KbArticleSummary>> {
    return this.#http.send(contentRoutes.kbArticles, { query: { ...options } });
  }

  /** One article by id or slug, with its votes and related articles. */
  article(idOrSlug: string): Promise<KbArticle> {
    return this.#http.send(contentRoutes.kbArticle, { params: { article: idOrSlug } });
  }

  /**
   * Searches published articles, best match first. Anything may be typed: quotes and operators are words, never
   * search syntax. `title` and `snippet` of each hit are escaped HTML with the matches in `<mark>`.
   */
  search(
    q: string,
    options: { category?: string; limit?: number; signal?: AbortSignal } = {},
  ): Promise<KbSearchResult> {
    const { signal, ...query } = options;
    return this.#http.send(contentRoutes.kbSearch, { query: { q, ...query }, ...(signal ? { signal } : {}) });
  }

  /** "Was this helpful?": one answer per person; answering again replaces it. */
  vote(articleId: string, helpful: boolean): Promise<KbVotes> {
    return this.#http.send(contentRoutes.kbVote, { params: { articleId }, body: { helpful } });
  }
}

/** The FAQ: questions and answers by group; `q` keeps the matching ones. Public. */
export class FaqResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  get(options: { q?: string; signal?: AbortSignal } = {}): Promise<Faq> {
    const { signal, ...query } = options;
    return this.#http.send(contentRoutes.faq, { query, ...(signal ? { signal } : {}) });
  }
}

/** Announcements, newest first. Public. */
export class AnnouncementsResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  list(options: PageOptions = {}): Promise<Page<AnnouncementSummary>> {
    return this.#http.send(contentRoutes.announcements, { query: { ...options } });
  }

  /** One announcement by id or slug. */
  get(idOrSlug: string): Promise<Announcement> {
    return this.#http.send(contentRoutes.announcement, { params: { announcement: idOrSlug } });
  }

  /** Stops announcement mails to the address of an unsubscribe link's token. */
  unsubscribe(token: string): Promise<void> {
    return this.#http.send(contentRoutes.unsubscribe, { body: { token } });
  }
}

/** The status page: components with 90 days of history, incidents and maintenance. Public. */
export class StatusResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  get(): Promise<StatusPage> {
    return this.#http.send(contentRoutes.status);
  }

  /** Incident and maintenance history of the last 90 days, newest first. */
  incidents(options: PageOptions & { kind?: IncidentKind } = {}): Promise<Page<Incident>> {
    return this.#http.send(contentRoutes.incidents, { query: { ...options } });
  }

  incident(incidentId: string): Promise<Incident> {
    return this.#http.send(contentRoutes.incident, { params: { incidentId } });
  }
}

/** The portal home: hero, featured products, latest announcements and which sections are shown. */
export class HomeResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  get(options: { currency?: string } = {}): Promise<Home> {
    return this.#http.send(contentRoutes.home, { query: { ...options } });
  }
}
