import {
  type AdminGroup,
  type AdminPost,
  type AdminPostQuery,
  type AdminPostSummary,
  type CommentModerationInput,
  communitiesAdminRoutes as routes,
  type GroupInput,
  type GroupMember,
  type GroupMemberQuery,
  type GroupUpdate,
  type MemberActionInput,
  type PostModerationInput,
} from '../../contract/communities-admin.js';
import type { HttpClient } from '../../client/http.js';
import type { Page } from '../../client/resources/account.js';

/**
 * Communities as staff run them: groups, join requests, bans, and moderation of posts and comments.
 *
 * @example
 * ```ts
 * const group = await admin.communities.createGroup({ name: 'Customers', join: 'request' });
 * const { items } = await admin.communities.members(group.id, { status: 'requested' });
 * await admin.communities.memberAction(group.id, items[0].userId, { action: 'approve' });
 * await admin.communities.moderatePost(postId, { action: 'pin' });
 * ```
 */
export class AdminCommunitiesResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  groups(): Promise<{ items: AdminGroup[] }> {
    return this.#http.send(routes.groups);
  }

  createGroup(input: GroupInput): Promise<AdminGroup> {
    return this.#http.send(routes.createGroup, { body: input });
  }

  group(groupId: string): Promise<AdminGroup> {
    return this.#http.send(routes.group, { params: { groupId } });
  }

  updateGroup(groupId: string, input: GroupUpdate): Promise<AdminGroup> {
    return this.#http.send(routes.updateGroup, { params: { groupId }, body: input });
  }

  removeGroup(groupId: string): Promise<void> {
    return this.#http.send(routes.removeGroup, { params: { groupId } });
  }

  members(groupId: string, query: GroupMemberQuery = {}): Promise<Page<GroupMember>> {
    return this.#http.send(routes.members, { params: { groupId }, query: { ...query } });
  }

  /** Approves or declines a request, bans, unbans or removes a member. */
  memberAction(groupId: string, userId: string, input: MemberActionInput): Promise<GroupMember> {
    return this.#http.send(routes.memberAction, { params: { groupId, userId }, body: input });
  }

  posts(query: AdminPostQuery = {}): Promise<Page<AdminPostSummary>> {
    return this.#http.send(routes.posts, { query: { ...query } });
  }

  post(postId: string): Promise<AdminPost> {
    return this.#http.send(routes.post, { params: { postId } });
  }

  moderatePost(postId: string, input: PostModerationInput): Promise<AdminPost> {
    return this.#http.send(routes.moderatePost, { params: { postId }, body: input });
  }

  moderateComment(commentId: string, input: CommentModerationInput): Promise<AdminPost> {
    return this.#http.send(routes.moderateComment, { params: { commentId }, body: input });
  }

  removePost(postId: string): Promise<void> {
    return this.#http.send(routes.removePost, { params: { postId } });
  }

  /** Removes a comment for good; answers its post. */
  removeComment(commentId: string): Promise<AdminPost> {
    return this.#http.send(routes.removeComment, { params: { commentId } });
  }
}
