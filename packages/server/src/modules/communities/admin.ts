import type {
  AdminGroup,
  AdminPost,
  AdminPostQuerySchema,
  AdminPostSummary,
  CommentModerationInputSchema,
  GroupInputSchema,
  GroupMember,
  GroupMemberQuerySchema,
  GroupUpdateSchema,
  MemberActionInputSchema,
  PostModerationInputSchema,
} from '@portico/sdk/contract';
import type { Updateable } from 'kysely';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { CommunityGroupsTable } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { AppAccess } from '../apps/access.js';
import { pageOf, readTimeCursor, timeCursor } from '../apps/paging.js';
import type { AuditLog, AuditRecord } from '../audit/audit-log.js';
import { staffRecord } from '../audit/staff-record.js';
import type { Trx } from '../billing/invoice-store.js';
import { DEFAULT_LIMIT } from '../billing/invoice-store.js';
import { slugify, uniqueSlug } from '../content/slug.js';
import type { StaffChange } from '../settings/service.js';
import { CommunityErrors } from './errors.js';
import { CommunityStore, type GroupRow } from './store.js';
import { adminGroupView, adminMemberView, adminPostSummary, adminPostView } from './views.js';

type GroupInput = z.output<typeof GroupInputSchema>;
type GroupUpdate = z.output<typeof GroupUpdateSchema>;
type MemberQuery = z.output<typeof GroupMemberQuerySchema>;
type MemberAction = z.output<typeof MemberActionInputSchema>;
type PostQuery = z.output<typeof AdminPostQuerySchema>;
type PostModeration = z.output<typeof PostModerationInputSchema>;
type CommentModeration = z.output<typeof CommentModerationInputSchema>;

export interface CommunitiesAdminDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  access: AppAccess;
}

/**
 * Communities as staff run them: groups (with the products that grant purchase groups), members (requests, bans)
 * and moderation (pin, hide, remove). Every change commits with its audit entry and keeps the counts exact.
 */
export class CommunitiesAdmin {
  readonly #d: CommunitiesAdminDeps;
  readonly #store: CommunityStore;

  constructor(deps: CommunitiesAdminDeps) {
    this.#d = deps;
    this.#store = new CommunityStore(deps.db);
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  async #audit(trx: Trx, change: StaffChange, entry: Omit<AuditRecord, 'actor' | 'origin'>): Promise<void> {
    await trx
      .insertInto('audit_log')
      .values(this.#d.audit.row(staffRecord(change, entry)))
      .execute();
  }

  // ─── Groups ───────────────────────────────────────────────────────────────────────────────────────────────

  async #views(rows: readonly GroupRow[]): Promise<AdminGroup[]> {
    const [requests, products] = await Promise.all([
      this.#store.requestCounts(),
      this.#d.access.productsOf(
        'group',
        rows.map((r) => r.id),
      ),
    ]);
    return rows.map((r) => adminGroupView(r, requests.get(r.id) ?? 0, products.get(r.id) ?? []));
  }

  async groups(): Promise<{ items: AdminGroup[] }> {
    return { items: await this.#views(await this.#store.groups()) };
  }

  async group(id: string): Promise<AdminGroup> {
    const row = await this.#store.group(id);
    if (!row) throw CommunityErrors.groupNotFound();
    const [view] = await this.#views([row]);
    return view as AdminGroup;
  }

  /** The slug to store: the one given (409 when another group has it), or one made from the name, made unique. */
  async #slug(store: CommunityStore, given: string | undefined, name: string, exceptId?: string) {
    if (given !== undefined) {
      if (await store.slugTaken(given, exceptId)) throw CommunityErrors.slugTaken(given);
      return given;
    }
    const base = slugify(name, 'group');
    return uniqueSlug(base, await store.slugsLike(base));
  }

  async createGroup(input: GroupInput, change: StaffChange): Promise<AdminGroup> {
    const id = this.#d.ids('grp');
    const now = this.#now();
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new CommunityStore(trx);
      const slug = await this.#slug(store, input.slug, input.name);
      const inserted = await store.insertGroup({
        id,
        slug,
        name: input.name,
        description: input.description ?? '',
        join_policy: input.join ?? 'open',
        position: input.position ?? (await store.nextPosition()),
        member_count: 0,
        post_count: 0,
        last_activity_at: null,
        created_at: now,
        updated_at: now,
      });
      if (!inserted) throw CommunityErrors.slugTaken(slug);
      await this.#d.access.setProducts(trx, 'group', id, input.productIds ?? [], now);
      await this.#audit(trx, change, {
        action: 'community.group_created',
        target: { type: 'community_group', id },
        details: { name: input.name, slug, join: input.join ?? 'open', productIds: input.productIds ?? [] },
      });
    });
    return this.group(id);
  }

  /**
   * Changes a group (only what is sent). An on-request group made open lets its waiting requests in: they asked,
   * and anyone may now join.
   */
  async updateGroup(id: string, input: GroupUpdate, change: StaffChange): Promise<AdminGroup> {
    const now = this.#now();
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new CommunityStore(trx);
      const current = await store.group(id);
      if (!current) throw CommunityErrors.groupNotFound();
      const set: Updateable<CommunityGroupsTable> = { updated_at: now };
      if (input.slug !== undefined && input.slug !== current.slug) {
        set.slug = await this.#slug(store, input.slug, current.name, id);
      }
      if (input.name !== undefined) set.name = input.name;
      if (input.description !== undefined) set.description = input.description;
      if (input.join !== undefined) set.join_policy = input.join;
      if (input.position !== undefined) set.position = input.position;
      const row = await store.updateGroup(id, set);
      if (row === 'missing') throw CommunityErrors.groupNotFound();
      if (row === 'taken') throw CommunityErrors.slugTaken(input.slug ?? '');
      if (input.productIds !== undefined) {
        await this.#d.access.setProducts(trx, 'group', id, input.productIds, now);
      }
      if (current.join_policy !== 'open' && row.join_policy === 'open') {
        await trx
          .updateTable('community_members')
          .set({ status: 'member', joined_at: now, decided_by: change.staff.staffId })
          .where('group_id', '=', id)
          .where('status', '=', 'requested')
          .execute();
        await store.recountMembers(id);
      }
      await this.#audit(trx, change, {
        action: 'community.group_updated',
        target: { type: 'community_group', id },
        details: { ...input },
      });
    });
    return this.group(id);
  }

  /** Deletes a group with its members, posts, comments, likes and grants. */
  async removeGroup(id: string, change: StaffChange): Promise<void> {
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new CommunityStore(trx);
      const current = await store.group(id);
      if (!current) throw CommunityErrors.groupNotFound();
      await this.#d.access.forget(trx, 'group', id);
      await store.deleteGroup(id);
      await this.#audit(trx, change, {
        action: 'community.group_deleted',
        target: { type: 'community_group', id },
        details: { name: current.name, slug: current.slug, posts: current.post_count },
      });
    });
  }

  // ─── Members ──────────────────────────────────────────────────────────────────────────────────────────────

  async members(
    groupId: string,
    query: MemberQuery,
  ): Promise<{ items: GroupMember[]; nextCursor: string | null }> {
    if (!(await this.#store.group(groupId))) throw CommunityErrors.groupNotFound();
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.#store.adminMembers(groupId, {
      status: query.status,
      after: readTimeCursor(query.cursor),
      limit: limit + 1,
    });
    return pageOf(rows, limit, adminMemberView, (r) => timeCursor(r.created_at, r.user_id));
  }

  /**
   * Approves or declines a request (requests only: 409 otherwise), bans (the person's posts stay; they lose the
   * group), unbans (back to member) or removes someone. Answers the person as they are now; declined and removed
   * people as they were.
   */
  async memberAction(
    groupId: string,
    userId: string,
    input: MemberAction,
    change: StaffChange,
  ): Promise<GroupMember> {
    const now = this.#now();
    const staffId = change.staff.staffId;
    return this.#d.db.transaction().execute(async (trx) => {
      const store = new CommunityStore(trx);
      let before = await store.adminMember(groupId, userId);
      // Someone who left can still be banned from coming back, if they ever wrote in the group (post or comment).
      if (!before && input.action === 'ban') {
        const wrote =
          (await trx
            .selectFrom('community_posts')
            .select('account_id')
            .where('group_id', '=', groupId)
            .where('user_id', '=', userId)
            .orderBy('created_at', 'desc')
            .executeTakeFirst()) ??
          (await trx
            .selectFrom('community_comments as c')
            .innerJoin('community_posts as p', 'p.id', 'c.post_id')
            .select('c.account_id')
            .where('p.group_id', '=', groupId)
            .where('c.user_id', '=', userId)
            .orderBy('c.created_at', 'desc')
            .executeTakeFirst());
        if (wrote) {
          await store.insertMember({
            group_id: groupId,
            user_id: userId,
            account_id: wrote.account_id,
            status: 'banned',
            created_at: now,
            joined_at: null,
            ban_reason: null,
            decided_by: staffId,
          });
          before = await store.adminMember(groupId, userId);
        }
      }
      if (!before) throw CommunityErrors.memberNotFound();
      const requestOnly = () => {
        if (before.status !== 'requested') throw CommunityErrors.conflict('There is no request to answer.');
      };
      let details: Record<string, unknown> = { groupId, from: before.status };
      switch (input.action) {
        case 'approve':
          requestOnly();
          await store.updateMember(groupId, userId, {
            status: 'member',
            joined_at: now,
            decided_by: staffId,
          });
          break;
        case 'decline':
          requestOnly();
          await store.deleteMember(groupId, userId);
          break;
        case 'ban':
          // Banning again without a reason keeps the reason given before.
          await store.updateMember(groupId, userId, {
            status: 'banned',
            ban_reason: input.reason || (before.status === 'banned' ? before.ban_reason : null),
            decided_by: staffId,
          });
          details = { ...details, reason: input.reason ?? '' };
          break;
        case 'unban':
          if (before.status !== 'banned') throw CommunityErrors.conflict('This person is not banned.');
          await store.updateMember(groupId, userId, {
            status: 'member',
            ban_reason: null,
            joined_at: before.joined_at ?? now,
            decided_by: staffId,
          });
          break;
        case 'remove':
          // Removing a banned person would quietly lift the ban (they could join again): unban first.
          if (before.status === 'banned') {
            throw CommunityErrors.conflict('This person is banned: unban them first to remove them.');
          }
          await store.deleteMember(groupId, userId);
          break;
      }
      await store.recountMembers(groupId);
      await this.#audit(trx, change, {
        action: `community.member_${
          { approve: 'approved', decline: 'declined', ban: 'banned', unban: 'unbanned', remove: 'removed' }[
            input.action
          ]
        }`,
        target: { type: 'user', id: userId },
        accountId: before.account_id,
        details,
      });
      const after = await store.adminMember(groupId, userId);
      return adminMemberView(after ?? before);
    });
  }

  // ─── Posts and comments ───────────────────────────────────────────────────────────────────────────────────

  async posts(query: PostQuery): Promise<{ items: AdminPostSummary[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.#store.adminPosts({
      groupId: query.groupId,
      status: query.status,
      after: readTimeCursor(query.cursor),
      limit: limit + 1,
    });
    return pageOf(rows, limit, adminPostSummary, (r) => timeCursor(r.last_activity_at, r.id));
  }

  /** A post with every comment, hidden ones included. */
  async post(id: string, db: Trx = this.#d.db): Promise<AdminPost> {
    const store = new CommunityStore(db);
    const row = await store.adminPost(id);
    if (!row) throw CommunityErrors.postNotFound();
    return adminPostView(row, await store.comments(id));
  }

  /** Pins, unpins, hides (its author still sees it, marked) or unhides a post. */
  async moderatePost(id: string, input: PostModeration, change: StaffChange): Promise<AdminPost> {
    const now = this.#now();
    return this.#d.db.transaction().execute(async (trx) => {
      const store = new CommunityStore(trx);
      const post = await store.post(id);
      if (!post) throw CommunityErrors.postNotFound();
      const moderated = { moderated_by: change.staff.staffId, moderated_at: now };
      switch (input.action) {
        case 'pin':
        case 'unpin':
          await store.updatePost(id, { pinned: input.action === 'pin' ? 1 : 0, ...moderated });
          break;
        case 'hide':
        case 'unhide': {
          const status = input.action === 'hide' ? 'hidden' : 'visible';
          if (post.status !== status) {
            await store.updatePost(id, { status, ...moderated });
            await store.bumpGroup(post.group_id, status === 'hidden' ? -1 : 1);
          }
          break;
        }
      }
      await this.#audit(trx, change, {
        action: `community.post_${{ pin: 'pinned', unpin: 'unpinned', hide: 'hidden', unhide: 'unhidden' }[input.action]}`,
        target: { type: 'community_post', id },
        accountId: post.account_id,
        details: { groupId: post.group_id, title: post.title },
      });
      return this.post(id, trx);
    });
  }

  /** Hides (its author still sees it, marked) or unhides a comment; answers its post. */
  async moderateComment(id: string, input: CommentModeration, change: StaffChange): Promise<AdminPost> {
    const now = this.#now();
    return this.#d.db.transaction().execute(async (trx) => {
      const store = new CommunityStore(trx);
      const comment = await store.commentById(id);
      if (!comment) throw CommunityErrors.commentNotFound();
      const status = input.action === 'hide' ? 'hidden' : 'visible';
      if (comment.status !== status) {
        await store.updateComment(id, { status, moderated_by: change.staff.staffId, moderated_at: now });
        await store.bumpPost(comment.post_id, status === 'hidden' ? -1 : 1);
      }
      await this.#audit(trx, change, {
        action: `community.comment_${input.action === 'hide' ? 'hidden' : 'unhidden'}`,
        target: { type: 'community_comment', id },
        accountId: comment.account_id,
        details: { postId: comment.post_id },
      });
      return this.post(comment.post_id, trx);
    });
  }

  /** Deletes a post, its comments and their likes for good. */
  async removePost(id: string, change: StaffChange): Promise<void> {
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new CommunityStore(trx);
      const post = await store.post(id);
      if (!post) throw CommunityErrors.postNotFound();
      await store.deletePost(id);
      if (post.status === 'visible') await store.bumpGroup(post.group_id, -1);
      await this.#audit(trx, change, {
        action: 'community.post_removed',
        target: { type: 'community_post', id },
        accountId: post.account_id,
        details: { groupId: post.group_id, title: post.title, authorId: post.user_id },
      });
    });
  }

  /** Deletes a comment and its likes for good; answers its post. */
  async removeComment(id: string, change: StaffChange): Promise<AdminPost> {
    return this.#d.db.transaction().execute(async (trx) => {
      const store = new CommunityStore(trx);
      const comment = await store.commentById(id);
      if (!comment) throw CommunityErrors.commentNotFound();
      await store.deleteComment(id);
      if (comment.status === 'visible') await store.bumpPost(comment.post_id, -1);
      await this.#audit(trx, change, {
        action: 'community.comment_removed',
        target: { type: 'community_comment', id },
        accountId: comment.account_id,
        details: { postId: comment.post_id, authorId: comment.user_id },
      });
      return this.post(comment.post_id, trx);
    });
  }
}
