import type {
  AdminAnnouncement,
  AdminAnnouncementQuerySchema,
  Announcement,
  AnnouncementInputSchema,
  AnnouncementSummary,
  AnnouncementUpdateSchema,
  PageQuerySchema,
} from '@portico/sdk/contract';
import type { Updateable } from 'kysely';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { AnnouncementsTable } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import type { AuditLog } from '../audit/audit-log.js';
import { staffRecord } from '../audit/staff-record.js';
import { excerpt, renderMarkdown } from '../content/markdown.js';
import { slugify, uniqueSlug } from '../content/slug.js';
import type { StaffChange } from '../settings/service.js';
import type { Settings } from '../settings/settings.js';
import { toInstant } from '../status/instant.js';
import { AnnouncementErrors } from './errors.js';
import { type AnnouncementRow, type AnnouncementSummaryRow, AnnouncementsStore } from './store.js';

type PageQuery = z.output<typeof PageQuerySchema>;
type AdminQuery = z.output<typeof AdminAnnouncementQuerySchema>;
type AnnouncementInput = z.output<typeof AnnouncementInputSchema>;
type AnnouncementUpdate = z.output<typeof AnnouncementUpdateSchema>;

export interface AnnouncementsDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
}

export function toSummary(row: AnnouncementSummaryRow): AnnouncementSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    excerpt: excerpt(row.text, 200),
    publishedAt: row.published_at ?? '',
  };
}

function toAdmin(row: AnnouncementRow): AdminAnnouncement {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    body: row.body,
    html: row.html,
    publishedAt: row.published_at,
    emailedAt: row.emailed_at,
    emailRecipients: row.email_recipients,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Announcements: what clients read (published ones, once their time has come; a hidden section answers 404) and
 * what staff write (drafts, scheduled and published ones). Every staff change commits with its audit entry.
 */
export class AnnouncementsService {
  readonly #d: AnnouncementsDeps;
  readonly #store: AnnouncementsStore;

  constructor(deps: AnnouncementsDeps) {
    this.#d = deps;
    this.#store = new AnnouncementsStore(deps.db);
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  #open(): void {
    if (!this.#d.settings.current.sections.announcements) throw AnnouncementErrors.hidden();
  }

  /** Published announcements, newest first. */
  async list(query: PageQuery): Promise<{ items: AnnouncementSummary[]; nextCursor: string | null }> {
    this.#open();
    const limit = query.limit ?? 20;
    const after = decodeCursor<{ p: string; id: string }>(query.cursor);
    const rows = await this.#store.published(this.#now(), limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toSummary),
      nextCursor:
        rows.length > limit && last?.published_at
          ? encodeCursor({ p: last.published_at, id: last.id })
          : null,
    };
  }

  /** The latest published ones (the portal home); empty when the section is hidden. */
  async latest(limit: number): Promise<AnnouncementSummary[]> {
    if (!this.#d.settings.current.sections.announcements || limit <= 0) return [];
    return (await this.#store.published(this.#now(), limit)).map(toSummary);
  }

  /** One published announcement by id or slug: drafts and scheduled ones are 404 like unknown ones. */
  async get(ref: string): Promise<Announcement> {
    this.#open();
    const row = await this.#store.publishedOne(ref, this.#now());
    if (!row) throw AnnouncementErrors.notFound();
    return { ...toSummary(row), html: row.html };
  }

  // ─── Staff ──────────────────────────────────────────────────────────────────────────────────────────────

  async adminList(query: AdminQuery): Promise<{ items: AdminAnnouncement[]; nextCursor: string | null }> {
    const limit = query.limit ?? 50;
    const after = decodeCursor<{ u: string; id: string }>(query.cursor);
    const rows = await this.#store.list({ status: query.status, now: this.#now() }, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toAdmin),
      nextCursor: rows.length > limit && last ? encodeCursor({ u: last.updated_at, id: last.id }) : null,
    };
  }

  async adminGet(id: string): Promise<AdminAnnouncement> {
    return toAdmin(await this.#find(id));
  }

  async #find(id: string, db: Db = this.#d.db): Promise<AnnouncementRow> {
    const row = await new AnnouncementsStore(db).find(id);
    if (!row) throw AnnouncementErrors.notFound();
    return row;
  }

  #audit(change: StaffChange, action: string, id: string, details: Record<string, unknown>) {
    return this.#d.audit.row(staffRecord(change, { action, target: { type: 'announcement', id }, details }));
  }

  /**
   * Writes an announcement: a draft (no `publishedAt`), scheduled (a future one) or published. Without a slug one is
   * made from the title (`-2`, `-3` … when taken); a slug asked for that is taken is 409 CONFLICT.
   */
  async create(input: AnnouncementInput, change: StaffChange): Promise<AdminAnnouncement> {
    const now = this.#now();
    const id = this.#d.ids('ann');
    const rendered = renderMarkdown(input.body, { kind: 'document' });
    const publishedAt = input.publishedAt ? toInstant(input.publishedAt) : null;
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new AnnouncementsStore(trx);
      let slug: string;
      if (input.slug) {
        if (await store.slugTaken(input.slug)) throw AnnouncementErrors.slugTaken(input.slug);
        slug = input.slug;
      } else {
        const base = slugify(input.title, 'announcement');
        slug = uniqueSlug(base, await store.slugsLike(base));
      }
      await store.insert({
        id,
        slug,
        title: input.title,
        body: input.body,
        html: rendered.html,
        text: rendered.text,
        published_at: publishedAt,
        emailed_at: null,
        email_recipients: null,
        created_at: now,
        updated_at: now,
      });
      await store.insertAudit(
        this.#audit(change, 'announcement.created', id, { slug, title: input.title, publishedAt }),
      );
    });
    return this.adminGet(id);
  }

  /** Edits, reschedules, publishes (a date) or unpublishes (`publishedAt: null`) an announcement. */
  async update(id: string, input: AnnouncementUpdate, change: StaffChange): Promise<AdminAnnouncement> {
    const set: Updateable<AnnouncementsTable> = {};
    if (input.title !== undefined) set.title = input.title;
    if (input.body !== undefined) {
      const rendered = renderMarkdown(input.body, { kind: 'document' });
      Object.assign(set, { body: input.body, html: rendered.html, text: rendered.text });
    }
    if (input.publishedAt !== undefined)
      set.published_at = input.publishedAt === null ? null : toInstant(input.publishedAt);
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new AnnouncementsStore(trx);
      const current = await this.#find(id, trx);
      if (input.slug !== undefined && input.slug !== current.slug) {
        if (await store.slugTaken(input.slug, id)) throw AnnouncementErrors.slugTaken(input.slug);
        set.slug = input.slug;
      }
      if (!Object.keys(set).length) return;
      await store.update(id, { ...set, updated_at: this.#now() });
      await store.insertAudit(
        this.#audit(change, 'announcement.updated', id, {
          fields: Object.keys(set),
          ...(set.slug !== undefined && { slug: set.slug }),
          ...(set.published_at !== undefined && { publishedAt: set.published_at }),
        }),
      );
    });
    return this.adminGet(id);
  }

  async remove(id: string, change: StaffChange): Promise<void> {
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new AnnouncementsStore(trx);
      const current = await this.#find(id, trx);
      await store.delete(id);
      await store.insertAudit(
        this.#audit(change, 'announcement.deleted', id, { slug: current.slug, title: current.title }),
      );
    });
  }
}
