import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type {
  CommunityCommentsTable,
  CommunityGroupsTable,
  CommunityMembersTable,
  CommunityPostsTable,
} from '../../db/schema.js';
import type { TimeKeyset } from '../apps/paging.js';
import type { Trx } from '../billing/invoice-store.js';
import { isUniqueViolation } from '../services/store.js';

export type GroupRow = Selectable<CommunityGroupsTable>;
export type MemberRow = Selectable<CommunityMembersTable>;
export type PostRow = Selectable<CommunityPostsTable>;
export type CommentRow = Selectable<CommunityCommentsTable>;

/** A post or comment with who wrote it (their email for staff views only). */
export type PostWithAuthor = PostRow & { author_name: string; author_email: string };
export type CommentWithAuthor = CommentRow & { author_name: string; author_email: string };
export type AdminPostRow = PostWithAuthor & { group_name: string };

/** A member as staff list them: the person, the account they joined through, and their posts in the group. */
export type AdminMemberRow = MemberRow & {
  name: string;
  email: string;
  account_name: string;
  posts: number;
};

/** A keyset position in a group's posts, ordered by (pinned DESC, last_activity_at DESC, id DESC). */
export interface PostKeyset {
  pinned: 0 | 1;
  at: string;
  id: string;
}

/** Someone told of a reply. */
export interface ReplyRecipient {
  user_id: string;
  account_id: string;
  email: string;
  locale: string;
  /** Their role and permissions on that account (a contact needs `apps:read`). */
  role: string;
  permissions: string;
}

/**
 * SQL of communities: groups, members, posts, comments and likes. Client reads take the reader's user id so a hidden
 * post or comment reaches its author only; staff reads are named `admin…`. Pass a transaction as `db` to run
 * inside it.
 */
export class CommunityStore {
  constructor(private readonly db: Trx) {}

  // ─── Groups ───────────────────────────────────────────────────────────────────────────────────────────────

  /** Every group in the switcher's order (index `community_groups_order`). */
  groups(): Promise<GroupRow[]> {
    return this.db.selectFrom('community_groups').selectAll().orderBy('position').orderBy('name').execute();
  }

  group(id: string): Promise<GroupRow | undefined> {
    return this.db.selectFrom('community_groups').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A group by id or slug (slugs never contain `_`, ids always do). */
  groupByRef(ref: string): Promise<GroupRow | undefined> {
    return this.db
      .selectFrom('community_groups')
      .selectAll()
      .where(ref.includes('_') ? 'id' : 'slug', '=', ref)
      .executeTakeFirst();
  }

  async slugsLike(base: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('community_groups')
      .select('slug')
      .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
      .execute();
    return rows.map((r) => r.slug);
  }

  async slugTaken(slug: string, exceptId?: string): Promise<boolean> {
    let q = this.db.selectFrom('community_groups').select('id').where('slug', '=', slug);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async nextPosition(): Promise<number> {
    const row = await this.db
      .selectFrom('community_groups')
      .select((eb) => eb.fn.max('position').as('top'))
      .executeTakeFirst();
    return row?.top == null ? 0 : Number(row.top) + 1;
  }

  /** Inserts a group; false when its slug is taken (a race with another insert). */
  async insertGroup(row: Insertable<CommunityGroupsTable>): Promise<boolean> {
    try {
      await this.db.insertInto('community_groups').values(row).execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Changes a group: the row, `missing`, or `taken` (the slug). */
  async updateGroup(
    id: string,
    set: Updateable<CommunityGroupsTable>,
  ): Promise<GroupRow | 'missing' | 'taken'> {
    try {
      const row = await this.db
        .updateTable('community_groups')
        .set(set)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ?? 'missing';
    } catch (error) {
      if (isUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  /** Deletes a group with its members, posts, comments and every like on them. */
  async deleteGroup(id: string): Promise<boolean> {
    const posts = this.db.selectFrom('community_posts').select('id').where('group_id', '=', id);
    await this.db
      .deleteFrom('community_likes')
      .where((eb) =>
        eb.or([
          eb('target_id', 'in', posts),
          eb(
            'target_id',
            'in',
            this.db.selectFrom('community_comments').select('id').where('post_id', 'in', posts),
          ),
        ]),
      )
      .execute();
    await this.db.deleteFrom('community_comments').where('post_id', 'in', posts).execute();
    await this.db.deleteFrom('community_posts').where('group_id', '=', id).execute();
    await this.db.deleteFrom('community_members').where('group_id', '=', id).execute();
    const result = await this.db.deleteFrom('community_groups').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Join requests waiting, per group. */
  async requestCounts(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('community_members')
      .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'requested')
      .groupBy('group_id')
      .execute();
    return new Map(rows.map((r) => [r.group_id, Number(r.n)]));
  }

  /** Moves a group's counters (and its last activity, when given). */
  async bumpGroup(id: string, posts: number, activityAt?: string): Promise<void> {
    await this.db
      .updateTable('community_groups')
      .set({
        post_count: sql`max(post_count + ${posts}, 0)`,
        ...(activityAt ? { last_activity_at: activityAt } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  /** Sets a group's member count from its rows (index `community_members_status`). */
  async recountMembers(id: string): Promise<void> {
    await this.db
      .updateTable('community_groups')
      .set({
        member_count: (eb) =>
          eb
            .selectFrom('community_members')
            .select((e) => e.fn.countAll<number>().as('n'))
            .where('group_id', '=', id)
            .where('status', '=', 'member'),
      })
      .where('id', '=', id)
      .execute();
  }

  // ─── Members ──────────────────────────────────────────────────────────────────────────────────────────────

  member(groupId: string, userId: string): Promise<MemberRow | undefined> {
    return this.db
      .selectFrom('community_members')
      .selectAll()
      .where('group_id', '=', groupId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  /** The person's rows in every group (index `community_members_user`). */
  async membershipsOf(userId: string): Promise<Map<string, MemberRow>> {
    const rows = await this.db
      .selectFrom('community_members')
      .selectAll()
      .where('user_id', '=', userId)
      .execute();
    return new Map(rows.map((r) => [r.group_id, r]));
  }

  /** Inserts a membership row unless the person has one; true when inserted. */
  async insertMember(row: Insertable<CommunityMembersTable>): Promise<boolean> {
    const result = await this.db
      .insertInto('community_members')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  updateMember(
    groupId: string,
    userId: string,
    set: Updateable<CommunityMembersTable>,
  ): Promise<MemberRow | undefined> {
    return this.db
      .updateTable('community_members')
      .set(set)
      .where('group_id', '=', groupId)
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirst();
  }

  async deleteMember(groupId: string, userId: string, unlessStatus?: MemberRow['status']): Promise<boolean> {
    let q = this.db
      .deleteFrom('community_members')
      .where('group_id', '=', groupId)
      .where('user_id', '=', userId);
    if (unlessStatus) q = q.where('status', '!=', unlessStatus);
    const result = await q.executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** A group's members with the person, the account they joined through and their posts in the group. */
  #adminMembers(groupId: string) {
    return this.db
      .selectFrom('community_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .selectAll('m')
      .select(['u.name', 'u.email', 'a.name as account_name'])
      .select((eb) =>
        eb
          .selectFrom('community_posts as p')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('p.user_id', '=', 'm.user_id')
          .whereRef('p.group_id', '=', 'm.group_id')
          .as('posts'),
      )
      .where('m.group_id', '=', groupId);
  }

  /**
   * A group's people for staff, newest first (index `community_members_status` with a status, else
   * `community_members_recent`), with their posts in the group.
   */
  adminMembers(
    groupId: string,
    filter: { status?: MemberRow['status'] | undefined; after?: TimeKeyset | undefined; limit: number },
  ): Promise<AdminMemberRow[]> {
    let q = this.#adminMembers(groupId);
    if (filter.status) q = q.where('m.status', '=', filter.status);
    const after = filter.after;
    if (after) {
      // The index runs created_at DESC then user_id ASC: a range on the first, the tie broken on the second.
      q = q
        .where('m.created_at', '<=', after.at)
        .where((eb) => eb.or([eb('m.created_at', '<', after.at), eb('m.user_id', '>', after.id)]));
    }
    return q
      .orderBy('m.created_at', 'desc')
      .orderBy('m.user_id', 'asc')
      .limit(filter.limit)
      .execute() as Promise<AdminMemberRow[]>;
  }

  /** One member as staff see them. */
  async adminMember(groupId: string, userId: string): Promise<AdminMemberRow | undefined> {
    return this.#adminMembers(groupId).where('m.user_id', '=', userId).executeTakeFirst() as Promise<
      AdminMemberRow | undefined
    >;
  }

  // ─── Posts ────────────────────────────────────────────────────────────────────────────────────────────────

  #posts() {
    return this.db
      .selectFrom('community_posts as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .selectAll('p')
      .select(['u.name as author_name', 'u.email as author_email']);
  }

  post(id: string): Promise<PostWithAuthor | undefined> {
    return this.#posts().where('p.id', '=', id).executeTakeFirst();
  }

  /** A post of the group the reader may see: visible, or their own. */
  postForReader(groupId: string, postId: string, readerId: string): Promise<PostWithAuthor | undefined> {
    return this.#posts()
      .where('p.id', '=', postId)
      .where('p.group_id', '=', groupId)
      .where((eb) => eb.or([eb('p.status', '=', 'visible'), eb('p.user_id', '=', readerId)]))
      .executeTakeFirst();
  }

  /**
   * A page of the group's posts the reader may see, pinned first then by latest activity (index
   * `community_posts_group`, walked in its order).
   */
  postsForReader(
    groupId: string,
    readerId: string,
    page: { after?: PostKeyset | undefined; limit: number },
  ): Promise<PostWithAuthor[]> {
    let q = this.#posts()
      .where('p.group_id', '=', groupId)
      .where((eb) => eb.or([eb('p.status', '=', 'visible'), eb('p.user_id', '=', readerId)]));
    const after = page.after;
    if (after) {
      q = q.where(
        sql<boolean>`(p.pinned, p.last_activity_at, p.id) < (${after.pinned}, ${after.at}, ${after.id})`,
      );
    }
    return q
      .orderBy('p.pinned', 'desc')
      .orderBy('p.last_activity_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(page.limit)
      .execute();
  }

  /** Posts with their group's name, for staff. */
  #adminPosts() {
    return this.#posts()
      .innerJoin('community_groups as g', 'g.id', 'p.group_id')
      .select('g.name as group_name');
  }

  /**
   * Posts of every group (or one) for staff, latest activity first: index `community_posts_recent`,
   * `community_posts_status` or `community_posts_group_recent`.
   */
  adminPosts(filter: {
    groupId?: string | undefined;
    status?: PostRow['status'] | undefined;
    after?: TimeKeyset | undefined;
    limit: number;
  }): Promise<AdminPostRow[]> {
    let q = this.#adminPosts();
    if (filter.groupId) q = q.where('p.group_id', '=', filter.groupId);
    if (filter.status) q = q.where('p.status', '=', filter.status);
    const after = filter.after;
    if (after) q = q.where(sql<boolean>`(p.last_activity_at, p.id) < (${after.at}, ${after.id})`);
    return q.orderBy('p.last_activity_at', 'desc').orderBy('p.id', 'desc').limit(filter.limit).execute();
  }

  async adminPost(id: string): Promise<AdminPostRow | undefined> {
    return this.#adminPosts().where('p.id', '=', id).executeTakeFirst();
  }

  insertPost(row: Insertable<CommunityPostsTable>): Promise<unknown> {
    return this.db.insertInto('community_posts').values(row).execute();
  }

  updatePost(id: string, set: Updateable<CommunityPostsTable>): Promise<PostRow | undefined> {
    return this.db
      .updateTable('community_posts')
      .set(set)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /** Deletes a post, its comments and every like on them. */
  async deletePost(id: string): Promise<boolean> {
    const comments = this.db.selectFrom('community_comments').select('id').where('post_id', '=', id);
    await this.db
      .deleteFrom('community_likes')
      .where((eb) => eb.or([eb('target_id', '=', id), eb('target_id', 'in', comments)]))
      .execute();
    await this.db.deleteFrom('community_comments').where('post_id', '=', id).execute();
    const result = await this.db.deleteFrom('community_posts').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The person's own hidden posts in a group (counted for them only). */
  async hiddenPostsBy(groupIds: readonly string[], userId: string): Promise<Map<string, number>> {
    if (!groupIds.length) return new Map();
    const rows = await this.db
      .selectFrom('community_posts')
      .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('user_id', '=', userId)
      .where('group_id', 'in', groupIds)
      .where('status', '=', 'hidden')
      .groupBy('group_id')
      .execute();
    return new Map(rows.map((r) => [r.group_id, Number(r.n)]));
  }

  // ─── Comments ─────────────────────────────────────────────────────────────────────────────────────────────

  #comments() {
    return this.db
      .selectFrom('community_comments as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .selectAll('c')
      .select(['u.name as author_name', 'u.email as author_email']);
  }

  /** A post's comments, oldest first (index `community_comments_post`); hidden ones too. */
  comments(postId: string): Promise<CommentWithAuthor[]> {
    return this.#comments().where('c.post_id', '=', postId).orderBy('c.created_at').orderBy('c.id').execute();
  }

  comment(postId: string, commentId: string): Promise<CommentWithAuthor | undefined> {
    return this.#comments().where('c.id', '=', commentId).where('c.post_id', '=', postId).executeTakeFirst();
  }

  commentById(commentId: string): Promise<CommentWithAuthor | undefined> {
    return this.#comments().where('c.id', '=', commentId).executeTakeFirst();
  }

  insertComment(row: Insertable<CommunityCommentsTable>): Promise<unknown> {
    return this.db.insertInto('community_comments').values(row).execute();
  }

  updateComment(id: string, set: Updateable<CommunityCommentsTable>): Promise<CommentRow | undefined> {
    return this.db
      .updateTable('community_comments')
      .set(set)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async deleteComment(id: string): Promise<boolean> {
    await this.db.deleteFrom('community_likes').where('target_id', '=', id).execute();
    const result = await this.db.deleteFrom('community_comments').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Moves a post's comment count (and its last activity, when given). */
  async bumpPost(id: string, comments: number, activityAt?: string): Promise<void> {
    await this.db
      .updateTable('community_posts')
      .set({
        comment_count: sql`max(comment_count + ${comments}, 0)`,
        ...(activityAt ? { last_activity_at: activityAt } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  /** The reader's own hidden comments per post (counted for them only; index `community_comments_user`). */
  async hiddenCommentsBy(postIds: readonly string[], userId: string): Promise<Map<string, number>> {
    if (!postIds.length) return new Map();
    const rows = await this.db
      .selectFrom('community_comments')
      .select(['post_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('post_id', 'in', postIds)
      .where('user_id', '=', userId)
      .where('status', '=', 'hidden')
      .groupBy('post_id')
      .execute();
    return new Map(rows.map((r) => [r.post_id, Number(r.n)]));
  }

  // ─── Likes ────────────────────────────────────────────────────────────────────────────────────────────────

  /** Which of `targetIds` the person liked. */
  async likedBy(userId: string, targetIds: readonly string[]): Promise<Set<string>> {
    if (!targetIds.length) return new Set();
    const rows = await this.db
      .selectFrom('community_likes')
      .select('target_id')
      .where('user_id', '=', userId)
      .where('target_id', 'in', targetIds)
      .execute();
    return new Set(rows.map((r) => r.target_id));
  }

  /** Adds a like unless it is there; true when added. */
  async like(targetId: string, userId: string, now: string): Promise<boolean> {
    const result = await this.db
      .insertInto('community_likes')
      .values({ target_id: targetId, user_id: userId, created_at: now })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Takes a like back; true when there was one. */
  async unlike(targetId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('community_likes')
      .where('target_id', '=', targetId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Moves a post's or comment's like count; answers the new count. */
  async bumpLikes(table: 'community_posts' | 'community_comments', id: string, by: number): Promise<number> {
    const row = await this.db
      .updateTable(table)
      .set({ like_count: sql`max(like_count + ${by}, 0)` })
      .where('id', '=', id)
      .returning('like_count')
      .executeTakeFirst();
    return row?.like_count ?? 0;
  }

  // ─── Notifications ────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Who hears of a reply on a post: its author and everyone who commented on it before, except the replier, while
   * they are members of the group who want these mails and their login is not disabled. Each person once.
   */
  replyRecipients(post: { id: string; group_id: string; user_id: string }, replierId: string) {
    const people = this.db
      .selectFrom('community_comments')
      .select('user_id')
      .where('post_id', '=', post.id)
      .union(this.db.selectNoFrom(sql<string>`${post.user_id}`.as('user_id')));
    return (
      this.db
        .selectFrom('community_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        // Still one of the people of the account they joined through.
        .innerJoin('memberships as am', (join) =>
          join.onRef('am.user_id', '=', 'm.user_id').onRef('am.account_id', '=', 'm.account_id'),
        )
        .select(['m.user_id', 'm.account_id', 'u.email', 'u.locale', 'am.role', 'am.permissions'])
        .where('m.group_id', '=', post.group_id)
        .where('m.user_id', 'in', people)
        .where('m.user_id', '!=', replierId)
        .where('m.status', '=', 'member')
        .where('m.notify_replies', '=', 1)
        .where('u.disabled_at', 'is', null)
        .orderBy('m.user_id')
        .execute() as Promise<ReplyRecipient[]>
    );
  }
}
