import {
  type Comment,
  type CommentInputSchema,
  type Group,
  type GroupSummary,
  grants,
  type Like,
  type MembershipUpdateSchema,
  type PageQuerySchema,
  type Permission,
  type Post,
  type PostInputSchema,
  type PostSummary,
  type PostUpdateSchema,
} from '@portico/sdk/contract';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { Auth } from '../../http/auth.js';
import type { RateLimiter } from '../../http/rate-limit.js';
import type { AppAccess } from '../apps/access.js';
import { pageOf } from '../apps/paging.js';
import { DEFAULT_LIMIT } from '../billing/invoice-store.js';
import { pickLocale } from '../mail/templates.js';
import type { Settings } from '../settings/settings.js';
import { CommunityErrors } from './errors.js';
import type { CommunityMailer } from './mail.js';
import {
  CommunityStore,
  type GroupRow,
  type MemberRow,
  type PostWithAuthor,
  type ReplyRecipient,
} from './store.js';
import {
  commentView,
  groupSummary,
  groupView,
  postCursor,
  postExcerpt,
  postSummary,
  readPostCursor,
  render,
} from './views.js';

type PageQuery = z.output<typeof PageQuerySchema>;
type PostInput = z.output<typeof PostInputSchema>;
type PostUpdate = z.output<typeof PostUpdateSchema>;
type CommentInput = z.output<typeof CommentInputSchema>;
type MembershipUpdate = z.output<typeof MembershipUpdateSchema>;

/** Posts: at most this many per person per hour. */
export const POST_LIMIT = { max: 10, windowSeconds: 3600 };
/** Comments: at most this many per person per hour. */
export const COMMENT_LIMIT = { max: 60, windowSeconds: 3600 };
/** How long the quote of a reply in its notification may be. */
const QUOTE_CHARS = 280;

/** Where a request names its group (`groupId`: an id or slug). */
export type GroupParams = Record<string, string>;

/** A group the reader may see, with their row in it (never `banned`). */
export interface SeenGroup {
  group: GroupRow;
  member: MemberRow | undefined;
}

export interface CommunityServiceDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  rate: RateLimiter;
  access: AppAccess;
  mailer: CommunityMailer;
}

/**
 * Communities as a client uses them. A group is seen when it is open or on request, or a purchase group the
 * reader's account holds, and never by someone banned from it; anything else is the 404 of a missing group. Posts,
 * comments and likes are for members only. A hidden post or comment reaches its author only (marked so) and is not
 * counted for anyone else.
 *
 * Counts (members, posts, comments, likes) move in the transaction of the change that moves them.
 */
export class CommunityService {
  readonly #d: CommunityServiceDeps;
  readonly #store: CommunityStore;
  /** The group the route guard resolved, by the request's params object, so the handler does not resolve it again. */
  readonly #guarded = new WeakMap<object, Promise<SeenGroup>>();

  constructor(deps: CommunityServiceDeps) {
    this.#d = deps;
    this.#store = new CommunityStore(deps.db);
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  // ─── Access ───────────────────────────────────────────────────────────────────────────────────────────────

  /** The group by id or slug if the reader may see it; the 404 of a missing group otherwise. */
  async seen(auth: Auth, ref: string): Promise<SeenGroup> {
    const group = await this.#store.groupByRef(ref);
    if (!group) throw CommunityErrors.groupNotFound();
    const member = await this.#store.member(group.id, auth.userId);
    if (member?.status === 'banned') throw CommunityErrors.groupNotFound();
    if (
      group.join_policy === 'purchase' &&
      !(await this.#d.access.holds(auth.accountId, 'group', group.id))
    ) {
      throw CommunityErrors.groupNotFound();
    }
    return { group, member };
  }

  /**
   * The route guard's check (`member`: posts, comments, likes, their settings) with the request's params, before
   * anything of the body is read; remembers the group for the handler of the same request.
   */
  async guard(auth: Auth, params: GroupParams, member: boolean): Promise<void> {
    const seen = this.seen(auth, params.groupId ?? '');
    this.#guarded.set(params, seen);
    if (member) await this.#joined(auth, params);
    else await seen;
  }

  /** The group of the request (the one its guard resolved, else looked up now) if the reader may see it. */
  #seenAt(auth: Auth, params: GroupParams): Promise<SeenGroup> {
    return this.#guarded.get(params) ?? this.seen(auth, params.groupId ?? '');
  }

  /** The group if the reader is a member of it (posts, comments, likes, their settings); 404 otherwise. */
  async #joined(auth: Auth, params: GroupParams): Promise<SeenGroup & { member: MemberRow }> {
    const seen = await this.#seenAt(auth, params);
    if (seen.member?.status !== 'member') throw CommunityErrors.groupNotFound();
    return seen as SeenGroup & { member: MemberRow };
  }

  // ─── Groups and membership ────────────────────────────────────────────────────────────────────────────────

  /** The groups the reader may see, in the business's order. */
  async groups(auth: Auth): Promise<{ items: GroupSummary[] }> {
    const all = await this.#store.groups();
    const purchase = all.filter((g) => g.join_policy === 'purchase').map((g) => g.id);
    const [held, mine] = await Promise.all([
      this.#d.access.heldOfKind(auth.accountId, 'group', purchase),
      this.#store.membershipsOf(auth.userId),
    ]);
    const seen = all.filter(
      (g) => mine.get(g.id)?.status !== 'banned' && (g.join_policy !== 'purchase' || held.has(g.id)),
    );
    const hidden = await this.#store.hiddenPostsBy(
      seen.filter((g) => mine.get(g.id)?.status === 'member').map((g) => g.id),
      auth.userId,
    );
    return { items: seen.map((g) => groupSummary(g, mine.get(g.id), hidden.get(g.id) ?? 0)) };
  }

  async #groupView(auth: Auth, group: GroupRow, member: MemberRow | undefined): Promise<Group> {
    const hidden =
      member?.status === 'member' ? await this.#store.hiddenPostsBy([group.id], auth.userId) : new Map();
    return groupView(group, member, hidden.get(group.id) ?? 0);
  }

  async group(auth: Auth, at: GroupParams): Promise<Group> {
    const { group, member } = await this.#seenAt(auth, at);
    return this.#groupView(auth, group, member);
  }

  /**
   * Joins an open group, or one the account bought (seeing it means holding it); asks to join an on-request one
   * (admin and support staff are mailed). Someone with a row already (a member, a request) changes nothing.
   */
  async join(auth: Auth, at: GroupParams): Promise<Group> {
    const { group } = await this.#seenAt(auth, at);
    const now = this.#now();
    const status = group.join_policy === 'request' ? 'requested' : 'member';
    const [person, account] = await Promise.all([
      this.#d.db.selectFrom('users').select('name').where('id', '=', auth.userId).executeTakeFirst(),
      this.#d.db.selectFrom('accounts').select('name').where('id', '=', auth.accountId).executeTakeFirst(),
    ]);
    const after = await this.#d.db.transaction().execute(async (trx) => {
      const store = new CommunityStore(trx);
      const added = await store.insertMember({
        group_id: group.id,
        user_id: auth.userId,
        account_id: auth.accountId,
        status,
        notify_replies: 1,
        ban_reason: null,
        decided_by: null,
        created_at: now,
        joined_at: status === 'member' ? now : null,
      });
      if (added && status === 'member') await store.recountMembers(group.id);
      if (added && status === 'requested') {
        await this.#d.mailer.within(trx).joinRequested({
          who: person?.name ?? '',
          accountName: account?.name ?? '',
          groupName: group.name,
        });
      }
      return { group: await store.group(group.id), member: await store.member(group.id, auth.userId) };
    });
    if (!after.group || after.member?.status === 'banned') throw CommunityErrors.groupNotFound();
    return this.#groupView(auth, after.group, after.member);
  }

  /** Turns the member's reply notifications on or off. */
  async updateMembership(auth: Auth, at: GroupParams, input: MembershipUpdate): Promise<Group> {
    const { group } = await this.#joined(auth, at);
    const member = await this.#store.updateMember(group.id, auth.userId, {
      notify_replies: input.notifyReplies ? 1 : 0,
    });
    return this.#groupView(auth, group, member);
  }

  /** Leaves the group or withdraws a request; the person's posts stay. A ban is never lifted this way. */
  async leave(auth: Auth, at: GroupParams): Promise<Group> {
    const { group } = await this.#seenAt(auth, at);
    const after = await this.#d.db.transaction().execute(async (trx) => {
      const store = new CommunityStore(trx);
      if (await store.deleteMember(group.id, auth.userId, 'banned')) await store.recountMembers(group.id);
      return store.group(group.id);
    });
    return this.#groupView(auth, after ?? group, undefined);
  }

  // ─── Posts ────────────────────────────────────────────────────────────────────────────────────────────────

  async #summaries(auth: Auth, rows: readonly PostWithAuthor[]): Promise<Map<string, PostSummary>> {
    const ids = rows.map((r) => r.id);
    const [liked, hidden] = await Promise.all([
      this.#store.likedBy(auth.userId, ids),
      this.#store.hiddenCommentsBy(ids, auth.userId),
    ]);
    return new Map(
      rows.map((r) => [r.id, postSummary(r, auth.userId, liked.has(r.id), hidden.get(r.id) ?? 0)]),
    );
  }

  /** The group's posts the member may see, pinned first, then by latest activity. */
  async posts(
    auth: Auth,
    at: GroupParams,
    query: PageQuery,
  ): Promise<{ items: PostSummary[]; nextCursor: string | null }> {
    const { group } = await this.#joined(auth, at);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.#store.postsForReader(group.id, auth.userId, {
      after: readPostCursor(query.cursor),
      limit: limit + 1,
    });
    const views = await this.#summaries(auth, rows.slice(0, limit));
    return pageOf(rows, limit, (row) => views.get(row.id) as PostSummary, postCursor);
  }

  async #postView(auth: Auth, post: PostWithAuthor): Promise<Post> {
    const comments = (await this.#store.comments(post.id)).filter(
      (c) => c.status === 'visible' || c.user_id === auth.userId,
    );
    const liked = await this.#store.likedBy(auth.userId, [post.id, ...comments.map((c) => c.id)]);
    const own = post.user_id === auth.userId;
    const hiddenMine = comments.filter((c) => c.status === 'hidden').length;
    return {
      ...postSummary(post, auth.userId, liked.has(post.id), hiddenMine),
      body: own ? post.body : '',
      html: render(post.body).html,
      comments: comments.map((c) => commentView(c, auth.userId, liked.has(c.id))),
    };
  }

  /** A post of the group the member may see (visible, or their own): 404 otherwise. */
  async #post(auth: Auth, groupId: string, postId: string): Promise<PostWithAuthor> {
    const post = await this.#store.postForReader(groupId, postId, auth.userId);
    if (!post) throw CommunityErrors.postNotFound();
    return post;
  }

  /** The member's own post (someone else's is the 404 of a missing one). */
  async #ownPost(auth: Auth, groupId: string, postId: string): Promise<PostWithAuthor> {
    const post = await this.#post(auth, groupId, postId);
    if (post.user_id !== auth.userId) throw CommunityErrors.postNotFound();
    return post;
  }

  async post(auth: Auth, at: GroupParams, postId: string): Promise<Post> {
    const { group } = await this.#joined(auth, at);
    return this.#postView(auth, await this.#post(auth, group.id, postId));
  }

  async createPost(auth: Auth, at: GroupParams, input: PostInput): Promise<Post> {
    const { group } = await this.#joined(auth, at);
    await this.#d.rate.hit(`community-post:user:${auth.userId}`, POST_LIMIT);
    const now = this.#now();
    const id = this.#d.ids('pst');
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new CommunityStore(trx);
      await store.insertPost({
        id,
        group_id: group.id,
        user_id: auth.userId,
        account_id: auth.accountId,
        title: input.title,
        body: input.body,
        status: 'visible',
        pinned: 0,
        like_count: 0,
        comment_count: 0,
        last_activity_at: now,
        created_at: now,
        edited_at: null,
        moderated_by: null,
        moderated_at: null,
      });
      await store.bumpGroup(group.id, 1, now);
    });
    return this.#postView(auth, await this.#post(auth, group.id, id));
  }

  /** Edits the member's own post (only what is sent). */
  async updatePost(auth: Auth, at: GroupParams, postId: string, input: PostUpdate): Promise<Post> {
    const { group } = await this.#joined(auth, at);
    const post = await this.#ownPost(auth, group.id, postId);
    const title = input.title ?? post.title;
    const body = input.body ?? post.body;
    if (title !== post.title || body !== post.body) {
      await this.#store.updatePost(post.id, { title, body, edited_at: this.#now() });
    }
    return this.#postView(auth, await this.#post(auth, group.id, post.id));
  }

  /** Deletes the member's own post with its comments and likes. */
  async deletePost(auth: Auth, at: GroupParams, postId: string): Promise<void> {
    const { group } = await this.#joined(auth, at);
    const post = await this.#ownPost(auth, group.id, postId);
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new CommunityStore(trx);
      const current = await store.post(post.id);
      if (!current) return;
      await store.deletePost(post.id);
      if (current.status === 'visible') await store.bumpGroup(group.id, -1);
    });
  }

  async #like(
    table: 'community_posts' | 'community_comments',
    targetId: string,
    userId: string,
    liked: boolean,
  ): Promise<Like> {
    const now = this.#now();
    return this.#d.db.transaction().execute(async (trx) => {
      const store = new CommunityStore(trx);
      const changed = liked ? await store.like(targetId, userId, now) : await store.unlike(targetId, userId);
      const likeCount = await store.bumpLikes(table, targetId, changed ? (liked ? 1 : -1) : 0);
      return { liked, likeCount };
    });
  }

  async likePost(auth: Auth, at: GroupParams, postId: string, liked: boolean): Promise<Like> {
    const { group } = await this.#joined(auth, at);
    const post = await this.#post(auth, group.id, postId);
    return this.#like('community_posts', post.id, auth.userId, liked);
  }

  // ─── Comments ─────────────────────────────────────────────────────────────────────────────────────────────

  /** A comment of the post the member may see (visible, or their own): 404 otherwise. */
  async #comment(auth: Auth, at: GroupParams, postId: string, commentId: string, ownOnly: boolean) {
    const { group } = await this.#joined(auth, at);
    const post = await this.#post(auth, group.id, postId);
    const comment = await this.#store.comment(post.id, commentId);
    if (!comment) throw CommunityErrors.commentNotFound();
    const own = comment.user_id === auth.userId;
    if ((ownOnly || comment.status === 'hidden') && !own) throw CommunityErrors.commentNotFound();
    return { group, post, comment };
  }

  /**
   * Who hears of a reply: the post's author and earlier commenters (see `CommunityStore.replyRecipients`) who may
   * still use the group: a contact needs `apps:read`, and the account must still hold a purchase group, or the app
   * when the business gives it to some accounts only.
   */
  async #replyRecipients(
    group: GroupRow,
    post: PostWithAuthor,
    replierId: string,
  ): Promise<ReplyRecipient[]> {
    // Nobody else sees a hidden post, so nobody else hears of it.
    if (post.status !== 'visible') return [];
    const rows = (await this.#store.replyRecipients(post, replierId)).filter(
      (r) => r.role === 'owner' || grants(JSON.parse(r.permissions) as Permission[], 'apps:read'),
    );
    const accounts = [...new Set(rows.map((r) => r.account_id))];
    const allowed = new Set<string>();
    for (const accountId of accounts) {
      const { access } = this.#d;
      const app = this.#d.settings.current.apps.communities;
      if (app.access !== 'everyone' && !(await access.holds(accountId, 'app', 'communities'))) continue;
      if (group.join_policy === 'purchase' && !(await access.holds(accountId, 'group', group.id))) continue;
      allowed.add(accountId);
    }
    return rows.filter((r) => allowed.has(r.account_id));
  }

  /**
   * Comments on a post the member may see. Its author and earlier commenters are mailed once each, in the comment's
   * transaction, unless they turned it off (see `#replyRecipients`).
   */
  async comment(auth: Auth, at: GroupParams, postId: string, input: CommentInput): Promise<Comment> {
    const { group } = await this.#joined(auth, at);
    const post = await this.#post(auth, group.id, postId);
    await this.#d.rate.hit(`community-comment:user:${auth.userId}`, COMMENT_LIMIT);
    const [recipients, replier] = await Promise.all([
      this.#replyRecipients(group, post, auth.userId),
      this.#d.db.selectFrom('users').select('name').where('id', '=', auth.userId).executeTakeFirst(),
    ]);
    const now = this.#now();
    const id = this.#d.ids('cmt');
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new CommunityStore(trx);
      await store.insertComment({
        id,
        post_id: post.id,
        user_id: auth.userId,
        account_id: auth.accountId,
        body: input.body,
        status: 'visible',
        like_count: 0,
        created_at: now,
        edited_at: null,
        moderated_by: null,
        moderated_at: null,
      });
      await store.bumpPost(post.id, 1, now);
      await store.bumpGroup(group.id, 0, now);
      await this.#d.mailer.within(trx).replied(
        recipients.map((r) => ({ email: r.email, locale: pickLocale(r.locale) })),
        {
          by: replier?.name ?? '',
          postTitle: post.title,
          groupName: group.name,
          text: postExcerpt(input.body).slice(0, QUOTE_CHARS),
        },
        { groupSlug: group.slug, postId: post.id },
      );
    });
    const made = await this.#store.comment(post.id, id);
    if (!made) throw CommunityErrors.commentNotFound();
    return commentView(made, auth.userId, false);
  }

  async updateComment(
    auth: Auth,
    at: GroupParams,
    postId: string,
    commentId: string,
    input: CommentInput,
  ): Promise<Comment> {
    const { comment } = await this.#comment(auth, at, postId, commentId, true);
    if (input.body !== comment.body) {
      await this.#store.updateComment(comment.id, { body: input.body, edited_at: this.#now() });
    }
    const after = await this.#store.comment(comment.post_id, comment.id);
    if (!after) throw CommunityErrors.commentNotFound();
    const liked = await this.#store.likedBy(auth.userId, [after.id]);
    return commentView(after, auth.userId, liked.has(after.id));
  }

  async deleteComment(auth: Auth, at: GroupParams, postId: string, commentId: string): Promise<void> {
    const { comment } = await this.#comment(auth, at, postId, commentId, true);
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new CommunityStore(trx);
      const current = await store.commentById(comment.id);
      if (!current) return;
      await store.deleteComment(comment.id);
      if (current.status === 'visible') await store.bumpPost(comment.post_id, -1);
    });
  }

  async likeComment(
    auth: Auth,
    at: GroupParams,
    postId: string,
    commentId: string,
    liked: boolean,
  ): Promise<Like> {
    const { comment } = await this.#comment(auth, at, postId, commentId, false);
    return this.#like('community_comments', comment.id, auth.userId, liked);
  }
}
