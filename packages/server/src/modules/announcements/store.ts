import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AnnouncementsTable, AuditLogTable } from '../../db/schema.js';

export type AnnouncementRow = Selectable<AnnouncementsTable>;

/** What lists and the home read: never the Markdown or the HTML. */
const SUMMARY = ['id', 'slug', 'title', 'text', 'published_at'] as const;
export type AnnouncementSummaryRow = Pick<AnnouncementRow, (typeof SUMMARY)[number]>;

/** An account owner an announcement mail goes to. */
export interface MailingRecipient {
  id: string;
  email: string;
  locale: string;
}

/** SQL of announcements and their mailings. Pass a transaction's database to work inside it. */
export class AnnouncementsStore {
  constructor(private readonly db: Db) {}

  /** Published by `now`, newest first, after the keyset `after` (`announcements_published`). */
  published(
    now: string,
    limit: number,
    after?: { p: string; id: string },
  ): Promise<AnnouncementSummaryRow[]> {
    let q = this.db
      .selectFrom('announcements')
      .select(SUMMARY)
      .where('published_at', 'is not', null)
      .where('published_at', '<=', now);
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('published_at', '<', after.p),
          eb.and([eb('published_at', '=', after.p), eb('id', '<', after.id)]),
        ]),
      );
    }
    return q.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** A published announcement by id or slug. */
  publishedOne(ref: string, now: string): Promise<AnnouncementRow | undefined> {
    return this.db
      .selectFrom('announcements')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', ref), eb('slug', '=', ref.toLowerCase())]))
      .where('published_at', 'is not', null)
      .where('published_at', '<=', now)
      .executeTakeFirst();
  }

  find(id: string): Promise<AnnouncementRow | undefined> {
    return this.db.selectFrom('announcements').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every announcement, drafts and scheduled ones included, most recently edited first (`announcements_updated`). */
  list(
    filter: { status?: 'draft' | 'scheduled' | 'published' | undefined; now: string },
    limit: number,
    after?: { u: string; id: string },
  ): Promise<AnnouncementRow[]> {
    let q = this.db.selectFrom('announcements').selectAll();
    if (filter.status === 'draft') q = q.where('published_at', 'is', null);
    if (filter.status === 'scheduled') q = q.where('published_at', '>', filter.now);
    if (filter.status === 'published') q = q.where('published_at', '<=', filter.now);
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('updated_at', '<', after.u),
          eb.and([eb('updated_at', '=', after.u), eb('id', '<', after.id)]),
        ]),
      );
    }
    return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** Slugs in use that are `base` or `base-<n>`, so a new one can be picked beside them. */
  async slugsLike(base: string, exceptId?: string): Promise<Set<string>> {
    let q = this.db
      .selectFrom('announcements')
      .select('slug')
      .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]));
    if (exceptId) q = q.where('id', '!=', exceptId);
    return new Set((await q.execute()).map((r) => r.slug));
  }

  async slugTaken(slug: string, exceptId?: string): Promise<boolean> {
    let q = this.db.selectFrom('announcements').select('id').where('slug', '=', slug);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async insert(row: Insertable<AnnouncementsTable>): Promise<void> {
    await this.db.insertInto('announcements').values(row).execute();
  }

  async update(id: string, set: Updateable<AnnouncementsTable>): Promise<void> {
    await this.db.updateTable('announcements').set(set).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('announcements').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  /**
   * Marks a published (by `now`), never-mailed announcement as mailed: exactly one of many parallel callers gets
   * true. Its count starts at 0 and grows with each batch queued.
   */
  async claimMailing(id: string, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('announcements')
      .set({ emailed_at: now, email_recipients: 0 })
      .where('id', '=', id)
      .where('emailed_at', 'is', null)
      .where('published_at', 'is not', null)
      .where('published_at', '<=', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * The next `limit` people after `afterUserId` (by id) who own an account, whose login is not disabled and who
   * still take announcement mails. One row per person, however many accounts they own.
   */
  recipients(afterUserId: string, limit: number): Promise<MailingRecipient[]> {
    return this.db
      .selectFrom('users')
      .select(['users.id', 'users.email', 'users.locale'])
      .where('users.id', '>', afterUserId)
      .where('users.disabled_at', 'is', null)
      .where('users.announcement_mail', '=', 1)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('memberships')
            .select('memberships.id')
            .whereRef('memberships.user_id', '=', 'users.id')
            .where('memberships.role', '=', 'owner'),
        ),
      )
      .orderBy('users.id')
      .limit(limit)
      .execute();
  }

  /** Adds `n` to the people an announcement was mailed to (with the batch that queued them). */
  async countMailed(id: string, n: number): Promise<void> {
    await this.db
      .updateTable('announcements')
      .set((eb) => ({ email_recipients: eb('email_recipients', '+', n) }))
      .where('id', '=', id)
      .execute();
  }

  /** Turns announcement mails off for a person; false when there is no such person. */
  async unsubscribe(userId: string, now: string): Promise<{ found: boolean; changed: boolean }> {
    const r = await this.db
      .updateTable('users')
      .set({ announcement_mail: 0, updated_at: now })
      .where('id', '=', userId)
      .where('announcement_mail', '=', 1)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) return { found: true, changed: true };
    const user = await this.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    return { found: user !== undefined, changed: false };
  }

  async insertAudit(row: Insertable<AuditLogTable>): Promise<void> {
    await this.db.insertInto('audit_log').values(row).execute();
  }
}
