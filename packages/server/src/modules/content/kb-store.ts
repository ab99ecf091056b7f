import { type Kysely, type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database, KbArticlesTable, KbCategoriesTable } from '../../db/schema.js';
import { likePattern } from '../clients/store.js';

type Trx = Kysely<Database>;
export type KbCategoryRow = Selectable<KbCategoriesTable>;
export type KbArticleRow = Selectable<KbArticlesTable>;

/** An article as lists show it: the start of its text (for the excerpt) and its category. */
export interface KbSummaryRow {
  id: string;
  slug: string;
  title: string;
  /** The first 400 characters of the text. */
  head: string;
  published_at: string | null;
  updated_at: string;
  category_id: string;
  category_slug: string;
  category_name: string;
}

/** A search hit: the summary, and title and snippet with the matches between U+E000 and U+E001. */
export interface KbHitRow extends KbSummaryRow {
  title_marked: string;
  snippet_marked: string;
}

/** A category with its article counts. */
export interface KbCategoryCountsRow extends KbCategoryRow {
  published: number;
  all: number;
}

/** Where a match starts and ends in `highlight()` and `snippet()` output: private-use characters. */
export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';

/** The ranking: bm25 with a title match worth ten times a match in the text. */
const RANK = 'bm25(10.0, 1.0)';

const summaryColumns = sql`a.id, a.slug, a.title, substr(a.text, 1, 400) AS head, a.published_at, a.updated_at,
  c.id AS category_id, c.slug AS category_slug, c.name AS category_name`;

/** The public order of articles: categories in order, then articles in their category's order. */
const PUBLIC_ORDER = sql`c.position, c.name, c.rowid, a.position, a.title, a.rowid`;

/** The knowledge base's SQL. */
export class KbStore {
  constructor(private readonly db: Db) {}

  /** Every category in order, with published and all article counts. */
  async categories(db: Trx = this.db): Promise<KbCategoryCountsRow[]> {
    const { rows } = await sql<KbCategoryCountsRow>`SELECT c.*,
        (SELECT count(*) FROM kb_articles a WHERE a.category_id = c.id AND a.status = 'published') AS published,
        (SELECT count(*) FROM kb_articles a WHERE a.category_id = c.id) AS "all"
      FROM kb_categories c
      ORDER BY c.position, c.name`.execute(db);
    return rows;
  }

  async category(id: string, db: Trx = this.db): Promise<KbCategoryCountsRow | undefined> {
    const { rows } = await sql<KbCategoryCountsRow>`SELECT c.*,
        (SELECT count(*) FROM kb_articles a WHERE a.category_id = c.id AND a.status = 'published') AS published,
        (SELECT count(*) FROM kb_articles a WHERE a.category_id = c.id) AS "all"
      FROM kb_categories c WHERE c.id = ${id}`.execute(db);
    return rows[0];
  }

  /** A category by id or slug. */
  async categoryByRef(ref: string): Promise<KbCategoryRow | undefined> {
    return this.db
      .selectFrom('kb_categories')
      .selectAll()
      .where(ref.startsWith('kbc_') ? 'id' : 'slug', '=', ref)
      .executeTakeFirst();
  }

  /** Slugs of `table` equal to `base` or `base-…`, for picking a free one. */
  async slugsLike(
    table: 'kb_categories' | 'kb_articles',
    base: string,
    db: Trx = this.db,
  ): Promise<string[]> {
    const rows = await db
      .selectFrom(table)
      .select('slug')
      .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
      .execute();
    return rows.map((r) => r.slug);
  }

  async slugTaken(
    table: 'kb_categories' | 'kb_articles',
    slug: string,
    exceptId?: string,
    db: Trx = this.db,
  ): Promise<boolean> {
    let q = db.selectFrom(table).select('id').where('slug', '=', slug);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  /**
   * Published articles in the public order, optionally of one category, after the article `afterId` (the last
   * one of the previous page). Keyset pagination on the whole sort key, read from that article's row. The CROSS
   * JOIN keeps categories the outer loop (SQLite never reorders it), so both loops read in index order and
   * nothing is sorted.
   */
  async publishedPage(input: {
    categoryId?: string;
    afterId?: string;
    limit: number;
  }): Promise<KbSummaryRow[]> {
    const category = input.categoryId ? sql`AND c.id = ${input.categoryId}` : sql``;
    const after = input.afterId
      ? sql`AND (${PUBLIC_ORDER}) > (
          SELECT c.position, c.name, c.rowid, a.position, a.title, a.rowid
          FROM kb_articles a JOIN kb_categories c ON c.id = a.category_id WHERE a.id = ${input.afterId})`
      : sql``;
    const { rows } = await sql<KbSummaryRow>`SELECT ${summaryColumns}
      FROM kb_categories c CROSS JOIN kb_articles a
      WHERE a.category_id = c.id AND a.status = 'published' ${category} ${after}
      ORDER BY ${PUBLIC_ORDER}
      LIMIT ${input.limit}`.execute(this.db);
    return rows;
  }

  /** Whether an article exists (any status): a cursor naming a deleted one is no longer valid. */
  async articleExists(id: string): Promise<boolean> {
    const row = await this.db.selectFrom('kb_articles').select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  /** A published article by id or slug, with its category. */
  async publishedArticle(
    ref: string,
  ): Promise<(KbArticleRow & { category_slug: string; category_name: string }) | undefined> {
    return this.db
      .selectFrom('kb_articles as a')
      .innerJoin('kb_categories as c', 'c.id', 'a.category_id')
      .selectAll('a')
      .select(['c.slug as category_slug', 'c.name as category_name'])
      .where(ref.startsWith('kba_') ? 'a.id' : 'a.slug', '=', ref)
      .where('a.status', '=', 'published')
      .executeTakeFirst();
  }

  /**
   * Published articles matching an FTS5 expression, best first (a title match outranks a text match), with
   * title and snippet marked. FTS5 sorts by rank itself, so highlights are made for the returned rows only.
   */
  async search(match: string, input: { categoryId?: string; limit: number }): Promise<KbHitRow[]> {
    const category = input.categoryId ? sql`AND a.category_id = ${input.categoryId}` : sql``;
    const { rows } = await sql<KbHitRow>`SELECT ${summaryColumns},
        highlight(kb_articles_fts, 0, ${MARK_OPEN}, ${MARK_CLOSE}) AS title_marked,
        snippet(kb_articles_fts, 1, ${MARK_OPEN}, ${MARK_CLOSE}, '…', 24) AS snippet_marked
      FROM kb_articles_fts
      JOIN kb_articles a ON a.rowid = kb_articles_fts.rowid
      JOIN kb_categories c ON c.id = a.category_id
      WHERE kb_articles_fts MATCH ${match} AND kb_articles_fts.rank MATCH ${RANK}
        AND a.status = 'published' ${category}
      ORDER BY kb_articles_fts.rank
      LIMIT ${input.limit}`.execute(this.db);
    return rows;
  }

  /** Published articles other than `exceptId` matching an FTS5 expression, best first. */
  async ranked(match: string, exceptId: string, limit: number): Promise<KbSummaryRow[]> {
    const { rows } = await sql<KbSummaryRow>`SELECT ${summaryColumns}
      FROM kb_articles_fts
      JOIN kb_articles a ON a.rowid = kb_articles_fts.rowid
      JOIN kb_categories c ON c.id = a.category_id
      WHERE kb_articles_fts MATCH ${match} AND kb_articles_fts.rank MATCH ${RANK}
        AND a.status = 'published' AND a.id != ${exceptId}
      ORDER BY kb_articles_fts.rank
      LIMIT ${limit}`.execute(this.db);
    return rows;
  }

  /** Published articles of a category in its order, leaving out `except`. */
  async inCategory(categoryId: string, except: readonly string[], limit: number): Promise<KbSummaryRow[]> {
    const { rows } = await sql<KbSummaryRow>`SELECT ${summaryColumns}
      FROM kb_categories c JOIN kb_articles a ON a.category_id = c.id AND a.status = 'published'
      WHERE c.id = ${categoryId} AND a.id NOT IN (${sql.join(except.length ? except : [''])})
      ORDER BY ${PUBLIC_ORDER}
      LIMIT ${limit}`.execute(this.db);
    return rows;
  }

  /** The asker's own vote on an article. */
  async voteOf(articleId: string, voter: string, db: Trx = this.db): Promise<0 | 1 | undefined> {
    const row = await db
      .selectFrom('kb_votes')
      .select('helpful')
      .where('article_id', '=', articleId)
      .where('voter', '=', voter)
      .executeTakeFirst();
    return row?.helpful;
  }

  /** One article (any status) with its category, for staff. */
  async article(
    id: string,
    db: Trx = this.db,
  ): Promise<(KbArticleRow & { category_slug: string; category_name: string }) | undefined> {
    return db
      .selectFrom('kb_articles as a')
      .innerJoin('kb_categories as c', 'c.id', 'a.category_id')
      .selectAll('a')
      .select(['c.slug as category_slug', 'c.name as category_name'])
      .where('a.id', '=', id)
      .executeTakeFirst();
  }

  /** Every article, drafts included, most recently updated first; filtered; keyset on (updated_at, id). */
  async adminPage(input: {
    categoryId?: string | undefined;
    status?: 'draft' | 'published' | undefined;
    q?: string | undefined;
    after?: { updatedAt: string; id: string } | undefined;
    limit: number;
  }): Promise<Array<KbArticleRow & { category_slug: string; category_name: string }>> {
    let q = this.db
      .selectFrom('kb_articles as a')
      .innerJoin('kb_categories as c', 'c.id', 'a.category_id')
      .selectAll('a')
      .select(['c.slug as category_slug', 'c.name as category_name']);
    // `+column` keeps SQLite off the category index: it walks kb_articles_updated in order and filters, rather
    // than reading a category's rows and sorting them (a list never sorts; see test/query-plans.ts).
    if (input.categoryId) q = q.where(sql<boolean>`+a.category_id = ${input.categoryId}`);
    if (input.status) q = q.where(sql<boolean>`+a.status = ${input.status}`);
    if (input.q) q = q.where(sql<boolean>`lower(a.title) LIKE ${likePattern(input.q)} ESCAPE '\\'`);
    const after = input.after;
    if (after) q = q.where(sql<boolean>`(a.updated_at, a.id) < (${after.updatedAt}, ${after.id})`);
    return q.orderBy('a.updated_at', 'desc').orderBy('a.id', 'desc').limit(input.limit).execute();
  }

  /** The next position at the end of a category. */
  async nextArticlePosition(categoryId: string, db: Trx = this.db): Promise<number> {
    const row = await db
      .selectFrom('kb_articles')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('category_id', '=', categoryId)
      .executeTakeFirst();
    return row?.p == null ? 0 : Number(row.p) + 1;
  }

  async nextCategoryPosition(db: Trx = this.db): Promise<number> {
    const row = await db
      .selectFrom('kb_categories')
      .select((eb) => eb.fn.max('position').as('p'))
      .executeTakeFirst();
    return row?.p == null ? 0 : Number(row.p) + 1;
  }
}
