import type {
  AdminKbArticle,
  AdminKbArticleQuerySchema,
  AdminKbCategory,
  KbArticleInputSchema,
  KbArticleUpdateSchema,
  KbCategoryInputSchema,
  KbCategoryUpdateSchema,
} from '@portico/sdk/contract';
import type { Kysely, Updateable } from 'kysely';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { Database, KbArticlesTable, KbCategoriesTable } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import type { AuditLog } from '../audit/audit-log.js';
import { staffRecord } from '../audit/staff-record.js';
import type { StaffChange } from '../settings/service.js';
import { ContentErrors } from './errors.js';
import { type KbArticleRow, type KbCategoryCountsRow, KbStore } from './kb-store.js';
import { renderMarkdown } from './markdown.js';
import { slugify, uniqueSlug } from './slug.js';

type CategoryInput = z.output<typeof KbCategoryInputSchema>;
type CategoryUpdate = z.output<typeof KbCategoryUpdateSchema>;
type ArticleInput = z.output<typeof KbArticleInputSchema>;
type ArticleUpdate = z.output<typeof KbArticleUpdateSchema>;
type ArticleQuery = z.output<typeof AdminKbArticleQuerySchema>;
type Trx = Kysely<Database>;
type ArticleWithCategory = KbArticleRow & { category_slug: string; category_name: string };

export interface KnowledgeBaseAdminDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
}

/**
 * The private-use characters search highlights are marked with. Stored titles and text never hold them, so a
 * marker in a highlight is always one FTS5 put there.
 */
const MARKERS = /[\uE000\uE001]/g;
const clean = (text: string) => text.replace(MARKERS, '');

/** Markdown rendered for an article: sanitized HTML, and the text the index, excerpts and snippets read. */
function rendered(body: string): { html: string; text: string } {
  const { html, text } = renderMarkdown(body, { kind: 'document' });
  return { html, text: clean(text) };
}

/** Staff's side of the knowledge base: categories and articles, drafts included. Each change commits with its audit row. */
export class KnowledgeBaseAdmin {
  readonly #d: KnowledgeBaseAdminDeps;
  readonly #store: KbStore;

  constructor(deps: KnowledgeBaseAdminDeps) {
    this.#d = deps;
    this.#store = new KbStore(deps.db);
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  #audit(
    trx: Trx,
    change: StaffChange,
    action: string,
    target: { type: string; id: string },
    details: Record<string, unknown>,
  ) {
    return trx
      .insertInto('audit_log')
      .values(this.#d.audit.row(staffRecord(change, { action, target, details })))
      .execute();
  }

  /**
   * The slug to store: the one given (409 CONFLICT when another row has it), or one made from `name` and made
   * unique with `-2`, `-3`, ….
   */
  async #slug(
    trx: Trx,
    table: 'kb_categories' | 'kb_articles',
    given: string | undefined,
    name: string,
    exceptId?: string,
  ): Promise<string> {
    if (given !== undefined) {
      if (await this.#store.slugTaken(table, given, exceptId, trx))
        throw ContentErrors.conflict(`The slug “${given}” is taken.`, 'slug');
      return given;
    }
    const base = slugify(name, table === 'kb_categories' ? 'category' : 'article');
    return uniqueSlug(base, await this.#store.slugsLike(table, base, trx));
  }

  // ─── Categories ───────────────────────────────────────────────────────────────────────────────────────────

  async categories(): Promise<AdminKbCategory[]> {
    return (await this.#store.categories()).map(categoryView);
  }

  async #category(id: string, trx: Trx = this.#d.db): Promise<AdminKbCategory> {
    const row = await this.#store.category(id, trx);
    if (!row) throw ContentErrors.notFound('category');
    return categoryView(row);
  }

  /** Adds a category, last unless a position is given. */
  async createCategory(input: CategoryInput, change: StaffChange): Promise<AdminKbCategory> {
    const id = this.#d.ids('kbc');
    const now = this.#now();
    return this.#d.db.transaction().execute(async (trx) => {
      const slug = await this.#slug(trx, 'kb_categories', input.slug, input.name);
      const position = input.position ?? (await this.#store.nextCategoryPosition(trx));
      await trx
        .insertInto('kb_categories')
        .values({
          id,
          slug,
          name: input.name,
          description: input.description ?? '',
          position,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.#audit(
        trx,
        change,
        'kb_category.created',
        { type: 'kb_category', id },
        { slug, name: input.name },
      );
      return this.#category(id, trx);
    });
  }

  /** Renames, re-describes, re-slugs or moves a category (the fields sent). */
  async updateCategory(id: string, input: CategoryUpdate, change: StaffChange): Promise<AdminKbCategory> {
    return this.#d.db.transaction().execute(async (trx) => {
      const current = await this.#category(id, trx);
      const set: Updateable<KbCategoriesTable> = {};
      if (input.name !== undefined) set.name = input.name;
      if (input.description !== undefined) set.description = input.description;
      if (input.position !== undefined) set.position = input.position;
      if (input.slug !== undefined && input.slug !== current.slug)
        set.slug = await this.#slug(trx, 'kb_categories', input.slug, current.name, id);
      if (!Object.keys(set).length) return current;
      await trx
        .updateTable('kb_categories')
        .set({ ...set, updated_at: this.#now() })
        .where('id', '=', id)
        .execute();
      await this.#audit(trx, change, 'kb_category.updated', { type: 'kb_category', id }, { ...set });
      return this.#category(id, trx);
    });
  }

  /** Removes a category that holds no article (drafts count): 409 CONFLICT otherwise. */
  async deleteCategory(id: string, change: StaffChange): Promise<void> {
    await this.#d.db.transaction().execute(async (trx) => {
      const current = await this.#category(id, trx);
      if (current.allArticles > 0)
        throw ContentErrors.conflict(
          `“${current.name}” holds ${current.allArticles} article${current.allArticles === 1 ? '' : 's'}: move or delete them first.`,
        );
      await trx.deleteFrom('kb_categories').where('id', '=', id).execute();
      await this.#audit(
        trx,
        change,
        'kb_category.deleted',
        { type: 'kb_category', id },
        { slug: current.slug, name: current.name },
      );
    });
  }

  // ─── Articles ─────────────────────────────────────────────────────────────────────────────────────────────

  /** Articles, drafts included, most recently updated first, filtered by category, status and part of the title. */
  async articles(query: ArticleQuery): Promise<{ items: AdminKbArticle[]; nextCursor: string | null }> {
    const limit = query.limit ?? 25;
    const after = decodeCursor<{ u: string; i: string }>(query.cursor);
    const rows = await this.#store.adminPage({
      categoryId: query.categoryId,
      status: query.status,
      q: query.q || undefined,
      after: after && { updatedAt: String(after.u), id: String(after.i) },
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(articleView),
      nextCursor: rows.length > limit && last ? encodeCursor({ u: last.updated_at, i: last.id }) : null,
    };
  }

  async article(id: string, trx: Trx = this.#d.db): Promise<AdminKbArticle> {
    const row = await this.#store.article(id, trx);
    if (!row) throw ContentErrors.notFound('article');
    return articleView(row);
  }

  async #categoryExists(trx: Trx, categoryId: string): Promise<void> {
    const row = await trx
      .selectFrom('kb_categories')
      .select('id')
      .where('id', '=', categoryId)
      .executeTakeFirst();
    if (!row) throw ContentErrors.field('categoryId', 'There is no such category');
  }

  /** Writes an article (a draft unless `status` is `published`), last in its category unless a position is given. */
  async createArticle(input: ArticleInput, change: StaffChange): Promise<AdminKbArticle> {
    const id = this.#d.ids('kba');
    const now = this.#now();
    const status = input.status ?? 'draft';
    const { html, text } = rendered(input.body);
    return this.#d.db.transaction().execute(async (trx) => {
      await this.#categoryExists(trx, input.categoryId);
      const title = clean(input.title);
      const slug = await this.#slug(trx, 'kb_articles', input.slug, title);
      const position = input.position ?? (await this.#store.nextArticlePosition(input.categoryId, trx));
      await trx
        .insertInto('kb_articles')
        .values({
          id,
          slug,
          category_id: input.categoryId,
          title,
          body: input.body,
          html,
          text,
          status,
          position,
          published_at: status === 'published' ? now : null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.#audit(
        trx,
        change,
        'kb_article.created',
        { type: 'kb_article', id },
        { slug, title, status, categoryId: input.categoryId },
      );
      return this.article(id, trx);
    });
  }

  /**
   * Edits an article (the fields sent): a new body is rendered again; publishing the first time sets
   * `publishedAt` (publishing again after unpublishing keeps the first date); a new category without a position
   * puts it last there. The title never changes the slug: links people saved keep working.
   */
  async updateArticle(id: string, input: ArticleUpdate, change: StaffChange): Promise<AdminKbArticle> {
    const body = input.body === undefined ? undefined : { body: input.body, ...rendered(input.body) };
    return this.#d.db.transaction().execute(async (trx) => {
      const current = await this.#store.article(id, trx);
      if (!current) throw ContentErrors.notFound('article');
      const set: Updateable<KbArticlesTable> = {};
      if (input.title !== undefined && clean(input.title) !== current.title) set.title = clean(input.title);
      if (input.slug !== undefined && input.slug !== current.slug)
        set.slug = await this.#slug(trx, 'kb_articles', input.slug, current.title, id);
      if (input.categoryId !== undefined && input.categoryId !== current.category_id) {
        await this.#categoryExists(trx, input.categoryId);
        set.category_id = input.categoryId;
        if (input.position === undefined)
          set.position = await this.#store.nextArticlePosition(input.categoryId, trx);
      }
      if (input.position !== undefined && input.position !== current.position) set.position = input.position;
      if (body && body.body !== current.body) Object.assign(set, body);
      const now = this.#now();
      if (input.status !== undefined && input.status !== current.status) {
        set.status = input.status;
        if (input.status === 'published' && !current.published_at) set.published_at = now;
      }
      if (!Object.keys(set).length) return articleView(current);
      await trx
        .updateTable('kb_articles')
        .set({ ...set, updated_at: now })
        .where('id', '=', id)
        .execute();
      const action =
        set.status === 'published'
          ? 'kb_article.published'
          : set.status === 'draft'
            ? 'kb_article.unpublished'
            : 'kb_article.updated';
      const { html: _html, text: _text, body: changedBody, ...fields } = set;
      await this.#audit(
        trx,
        change,
        action,
        { type: 'kb_article', id },
        { ...fields, ...(changedBody !== undefined && { bodyChanged: true }) },
      );
      return this.article(id, trx);
    });
  }

  /** Deletes an article with its votes. */
  async deleteArticle(id: string, change: StaffChange): Promise<void> {
    await this.#d.db.transaction().execute(async (trx) => {
      const current = await this.#store.article(id, trx);
      if (!current) throw ContentErrors.notFound('article');
      await trx.deleteFrom('kb_articles').where('id', '=', id).execute();
      await this.#audit(
        trx,
        change,
        'kb_article.deleted',
        { type: 'kb_article', id },
        { slug: current.slug, title: current.title, status: current.status },
      );
    });
  }
}

function categoryView(row: KbCategoryCountsRow): AdminKbCategory {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    articleCount: Number(row.published),
    position: row.position,
    allArticles: Number(row.all),
  };
}

function articleView(row: ArticleWithCategory): AdminKbArticle {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    category: { id: row.category_id, slug: row.category_slug, name: row.category_name },
    status: row.status,
    position: row.position,
    body: row.body,
    html: row.html,
    votes: { yes: row.votes_yes, no: row.votes_no },
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
