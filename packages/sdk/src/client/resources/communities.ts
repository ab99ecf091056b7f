import {
  type Comment,
  type CommentInput,
  communityRoutes as routes,
  type Group,
  type GroupSummary,
  type Like,
  type Post,
  type PostInput,
  type PostSummary,
  type PostUpdate,
} from '../../contract/communities.js';
import type { HttpClient } from '../http.js';
import type { Page } from './account.js';
import type { PageOptions } from './orders.js';

/**
 * Community groups: joining, posts and comments (Markdown, rendered safely on the server), likes, and reply
 * notifications a member can turn off.
 *
 * @example
 * ```ts
 * const { items } = await portal.communities.groups();
 * const group = await portal.communities.join(items[0].id);
 * const post = await portal.communities.createPost(group.id, { title: 'Hello', body: 'First post **here**.' });
 * await portal.communities.comment(group.id, post.id, { body: 'Welcome!' });
 * await portal.communities.setNotifications(group.id, false);
 * ```
 */
export class CommunitiesResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  groups(): Promise<{ items: GroupSummary[] }> {
    return this.#http.send(routes.groups);
  }

  /** A group by id or slug. */
  group(groupId: string): Promise<Group> {
    return this.#http.send(routes.group, { params: { groupId } });
  }

  /** Joins an open or purchase group, or asks to join one on request (`membership: 'requested'`). */
  join(groupId: string): Promise<Group> {
    return this.#http.send(routes.join, { params: { groupId } });
  }

  leave(groupId: string): Promise<Group> {
    return this.#http.send(routes.leave, { params: { groupId } });
  }

  /** Turns reply notification mails on or off for this group. */
  setNotifications(groupId: string, notifyReplies: boolean): Promise<Group> {
    return this.#http.send(routes.update, { params: { groupId }, body: { notifyReplies } });
  }

  posts(groupId: string, options: PageOptions = {}): Promise<Page<PostSummary>> {
    return this.#http.send(routes.posts, { params: { groupId }, query: { ...options } });
  }

  post(groupId: string, postId: string): Promise<Post> {
    return this.#http.send(routes.post, { params: { groupId, postId } });
  }

  /** Safe to retry: the SDK sends an `Idempotency-Key`. */
  createPost(groupId: string, input: PostInput, options: { idempotencyKey?: string } = {}): Promise<Post> {
    return this.#http.send(routes.createPost, { params: { groupId }, body: input, ...options });
  }

  updatePost(groupId: string, postId: string, input: PostUpdate): Promise<Post> {
    return this.#http.send(routes.updatePost, { params: { groupId, postId }, body: input });
  }

  deletePost(groupId: string, postId: string): Promise<void> {
    return this.#http.send(routes.deletePost, { params: { groupId, postId } });
  }

  likePost(groupId: string, postId: string): Promise<Like> {
    return this.#http.send(routes.likePost, { params: { groupId, postId } });
  }

  unlikePost(groupId: string, postId: string): Promise<Like> {
    return this.#http.send(routes.unlikePost, { params: { groupId, postId } });
  }

  /** Safe to retry: the SDK sends an `Idempotency-Key`. */
  comment(
    groupId: string,
    postId: string,
    input: CommentInput,
    options: { idempotencyKey?: string } = {},
  ): Promise<Comment> {
    return this.#http.send(routes.comment, { params: { groupId, postId }, body: input, ...options });
  }

  updateComment(groupId: string, postId: string, commentId: string, input: CommentInput): Promise<Comment> {
    return this.#http.send(routes.updateComment, { params: { groupId, postId, commentId }, body: input });
  }

  deleteComment(groupId: string, postId: string, commentId: string): Promise<void> {
    return this.#http.send(routes.deleteComment, { params: { groupId, postId, commentId } });
  }

  likeComment(groupId: string, postId: string, commentId: string): Promise<Like> {
    return this.#http.send(routes.likeComment, { params: { groupId, postId, commentId } });
  }

  unlikeComment(groupId: string, postId: string, commentId: string): Promise<Like> {
    return this.#http.send(routes.unlikeComment, { params: { groupId, postId, commentId } });
  }
}
