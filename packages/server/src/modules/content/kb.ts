import type {
  KbArticle,
  KbArticleListQuerySchema,
  KbArticleSummary,
  KbCategory,
  KbSearchQuerySchema,
  KbSearchResult,
  KbVotes,
} from '@portico/sdk/contract';
import type * as z from 'zod';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../deps.js';
import type { Auth } from '../../http/auth.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { escapeHtml } from '../../http/html.js';
import type { Limit, RateLimiter } from '../../http/rate-limit.js';
import { hmac } from '../auth/secrets.js';
import type { Settings } from '../settings/settings.js';
import { ContentErrors } from './errors.js';
import { ftsQuery } from './fts.js';
import { KbStore, type KbSummaryRow, MARK_CLOSE, MARK_OPEN } from './kb-store.js';
import { excerpt } from './markdown.js';

type ListQuery = z.output<typeof KbArticleListQuerySchema>;
type SearchQuery = z.output<typeof KbSearchQuerySchema>;

/** Searches per IP: generous for search-as-you-type (a keystroke each), short of scraping the index. */
export const KB_SEARCH_LIMIT: Limit = { max: 120, windowSeconds: 60 };
/** Votes per IP: people behind one office address vote on a few articles each. */
export const KB_VOTE_LIMIT: Limit = { max: 30, windowSeconds: 60 };
/** Related articles on an article page. */
export const RELATED_COUNT = 5;

/**
 * Words too common to say two titles are on the same subject (`How to set up email` and `How to point a domain`
 * share `how` and `to` only). Left out of the related-articles query; the search itself keeps every word.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be by can do does for from how i if in into is it my of on or our the their this to ' +
    'use using what when where which who why with you your'
  ).split(' '),
);

export interface KnowledgeBaseDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  config: Config;
  rate: RateLimiter;
}

/** Who is asking, for votes: a signed-in person, or a visitor known by their address. */
export interface Asker {
  auth: Auth | undefined;
  ip: string;
}

/**
 * FTS5 highlight output made safe to show as HTML: the whole string escaped, then the private-use match markers
 * turned into `<mark>` and `</mark>`, so the article's own text (`<script>` included) is only ever text and
 * `<mark>` is the only tag. A marker without its pair (never written by FTS5: stored text has none) is dropped.
 */
export function markedHtml(marked: string): string {
  let open = false;
  let out = '';
  for (const part of escapeHtml(marked).split(/([\uE000\uE001])/)) {
    if (part === MARK_OPEN) {
      if (!open) out += '<mark>';
      open = true;
    } else if (part === MARK_CLOSE) {
      if (open) out += '</mark>';
      open = false;
    } else out += part;
  }
  return open ? `${out}</mark>` : out;
}

/**
 * The public knowledge base: categories, published articles, full-text search with highlights, related articles
 * and "was this helpful?" votes. Drafts are never read here. Every call answers 404 while the business hides the
 * knowledge base.
 */
export class KnowledgeBase {
  readonly #d: KnowledgeBaseDeps;
  readonly #store: KbStore;

  constructor(deps: KnowledgeBaseDeps) {
    this.#d = deps;
    this.#store = new KbStore(deps.db);
  }

  #open(): void {
    if (!this.#d.settings.current.sections.knowledgeBase) throw ContentErrors.sectionHidden('knowledge base');
  }

  /**
   * Who a vote belongs to: the person when signed in, else the visitor's address through a keyed HMAC (the
   * address itself is never stored, and the key is the server's own, so the table cannot be reversed by hashing
   * the address space).
   */
  voter(asker: Asker): string {
    return asker.auth
      ? `usr:${asker.auth.userId}`
      : `ip:${hmac(this.#d.config.secret, `kb-voter:${asker.ip}`).slice(0, 32)}`;
  }

  /** Categories that have published articles, in order, with how many. */
  async categories(): Promise<KbCategory[]> {
    this.#open();
    const rows = await this.#store.categories();
    return rows
      .filter((r) => r.published > 0)
      .map((r) => ({
        id: r.id,
        slug: r.slug,
        name: r.name,
        description: r.description,
        articleCount: Number(r.published),
      }));
  }

  /** Published articles of one category (id or slug) or all, in category and article order. */
  async list(query: ListQuery): Promise<{ items: KbArticleSummary[]; nextCursor: string | null }> {
    this.#open();
    const limit = query.limit ?? 25;
    let categoryId: string | undefined;
    if (query.category) {
      const category = await this.#store.categoryByRef(query.category);
      if (!category) throw ContentErrors.notFound('category');
      categoryId = category.id;
    }
    const after = decodeCursor<{ after: string }>(query.cursor);
    if (after && (typeof after.after !== 'string' || !(await this.#store.articleExists(after.after))))
      throw ContentErrors.invalidCursor();
    const rows = await this.#store.publishedPage({
      limit: limit + 1,
      ...(categoryId && { categoryId }),
      ...(after && { afterId: after.after }),
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(summaryOf),
      nextCursor: rows.length > limit && last ? encodeCursor({ after: last.id }) : null,
    };
  }

  /** One published article (id or slug) with the votes, the asker's own, and related articles. */
  async get(ref: string, asker: Asker): Promise<KbArticle> {
    this.#open();
    const row = await this.#store.publishedArticle(ref);
    if (!row) throw ContentErrors.notFound('article');
    const [mine, related] = await Promise.all([
      this.#store.voteOf(row.id, this.voter(asker)),
      this.related(row),
    ]);
    return {
      ...summaryOf({
        ...row,
        head: row.text.slice(0, 400),
        category_id: row.category_id,
      }),
      html: row.html,
      votes: { yes: row.votes_yes, no: row.votes_no, mine: mine === undefined ? null : mine ? 'yes' : 'no' },
      related,
    };
  }

  /**
   * Up to five published articles on the same subject: those sharing the most telling words of the title (any of
   * them, ranked by bm25 with titles first), then the rest of the article's category in its order.
   */
  async related(article: { id: string; title: string; category_id: string }): Promise<KbArticleSummary[]> {
    const match = ftsQuery(article.title, { match: 'any', prefixLast: false, skip: STOP_WORDS });
    const ranked = match ? await this.#store.ranked(match, article.id, RELATED_COUNT) : [];
    const fill =
      ranked.length < RELATED_COUNT
        ? await this.#store.inCategory(
            article.category_id,
            [article.id, ...ranked.map((r) => r.id)],
            RELATED_COUNT - ranked.length,
          )
        : [];
    return [...ranked, ...fill].map(summaryOf);
  }

  /**
   * Full-text search of published articles: every word typed must match (the last one also as a prefix), accents
   * and case aside; best first, a title match before a text match. Title and snippet come as escaped text with
   * the matches in `<mark>`. A query with no word in it finds nothing.
   */
  async search(query: SearchQuery, ip: string): Promise<KbSearchResult> {
    this.#open();
    await this.#d.rate.hit(`kb-search:ip:${ip}`, KB_SEARCH_LIMIT);
    let categoryId: string | undefined;
    if (query.category) {
      const category = await this.#store.categoryByRef(query.category);
      if (!category) throw ContentErrors.notFound('category');
      categoryId = category.id;
    }
    const match = ftsQuery(query.q);
    if (!match) return { items: [] };
    const rows = await this.#store.search(match, {
      limit: query.limit ?? 10,
      ...(categoryId && { categoryId }),
    });
    return {
      items: rows.map((row) => ({
        article: summaryOf(row),
        title: markedHtml(row.title_marked),
        snippet: markedHtml(row.snippet_marked),
      })),
    };
  }

  /**
   * Records "was this helpful?" for a published article: one answer per person (or address), a second replaces
   * the first, and the article's counts move in the same transaction.
   */
  async vote(articleId: string, helpful: boolean, asker: Asker): Promise<KbVotes> {
    this.#open();
    await this.#d.rate.hit(`kb-vote:ip:${asker.ip}`, KB_VOTE_LIMIT);
    const voter = this.voter(asker);
    const now = this.#d.clock.now().toISOString();
    const value = helpful ? 1 : 0;
    const counts = await this.#d.db.transaction().execute(async (trx) => {
      const article = await trx
        .selectFrom('kb_articles')
        .select(['id', 'status'])
        .where('id', '=', articleId)
        .executeTakeFirst();
      if (article?.status !== 'published') return undefined;
      const before = await this.#store.voteOf(article.id, voter, trx);
      if (before === undefined) {
        await trx
          .insertInto('kb_votes')
          .values({ article_id: article.id, voter, helpful: value, created_at: now, updated_at: now })
          .execute();
      } else if (before !== value) {
        await trx
          .updateTable('kb_votes')
          .set({ helpful: value, updated_at: now })
          .where('article_id', '=', article.id)
          .where('voter', '=', voter)
          .execute();
      }
      if (before !== value) {
        await trx
          .updateTable('kb_articles')
          .set((eb) => ({
            votes_yes: eb('votes_yes', '+', (helpful ? 1 : 0) - (before === 1 ? 1 : 0)),
            votes_no: eb('votes_no', '+', (helpful ? 0 : 1) - (before === 0 ? 1 : 0)),
          }))
          .where('id', '=', article.id)
          .execute();
      }
      return trx
        .selectFrom('kb_articles')
        .select(['votes_yes', 'votes_no'])
        .where('id', '=', article.id)
        .executeTakeFirstOrThrow();
    });
    if (!counts) throw ContentErrors.notFound('article');
    return { yes: counts.votes_yes, no: counts.votes_no, mine: helpful ? 'yes' : 'no' };
  }
}

/** An article as lists show it. */
export function summaryOf(row: KbSummaryRow): KbArticleSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    excerpt: excerpt(row.head, 200),
    category: { id: row.category_id, slug: row.category_slug, name: row.category_name },
    publishedAt: row.published_at ?? row.updated_at,
    updatedAt: row.updated_at,
  };
}
