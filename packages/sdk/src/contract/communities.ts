import * as z from 'zod/mini';
import { defineRoute, itemsSchema, PageQuerySchema, pageSchema, TimestampSchema } from './common.js';

/**
 * How a client comes into a group: `open` (joins at once), `request` (staff approve), `purchase` (accounts with an
 * active service of a product that grants it, or that staff invited; others never see it).
 */
export const GroupJoinSchema = z.enum(['open', 'request', 'purchase']);
export type GroupJoin = z.infer<typeof GroupJoinSchema>;

/** The person's standing in a group. `banned` members see nothing of it (404). */
export const MembershipStatusSchema = z.enum(['none', 'requested', 'member']);
export type MembershipStatus = z.infer<typeof MembershipStatusSchema>;

/** A group in the client's list. */
export const GroupSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  join: GroupJoinSchema,
  membership: MembershipStatusSchema,
  memberCount: z.int(),
  postCount: z.int(),
  lastActivityAt: z.nullable(TimestampSchema),
});
export type GroupSummary = z.infer<typeof GroupSummarySchema>;

/** A group with the member's own settings. */
export const GroupSchema = z.extend(GroupSummarySchema, {
  /** Mail me when someone replies to my posts or to posts I commented on (members only; false otherwise). */
  notifyReplies: z.boolean(),
});
export type Group = z.infer<typeof GroupSchema>;

/** Who wrote a post or comment: a name, and whether it is the reader. Never an email. */
export const CommunityAuthorSchema = z.object({
  name: z.string(),
  you: z.boolean(),
});

/** `hidden`: a moderator hid it; only its author still sees it, marked so. */
export const CommunityItemStatusSchema = z.enum(['visible', 'hidden']);

export const PostSummarySchema = z.object({
  id: z.string(),
  groupId: z.string(),
  title: z.string(),
  /** A plain-text start of the post. */
  excerpt: z.string(),
  author: CommunityAuthorSchema,
  status: CommunityItemStatusSchema,
  pinned: z.boolean(),
  likeCount: z.int(),
  liked: z.boolean(),
  commentCount: z.int(),
  lastActivityAt: TimestampSchema,
  createdAt: TimestampSchema,
  editedAt: z.nullable(TimestampSchema),
});
export type PostSummary = z.infer<typeof PostSummarySchema>;

export const CommentSchema = z.object({
  id: z.string(),
  postId: z.string(),
  author: CommunityAuthorSchema,
  status: CommunityItemStatusSchema,
  /** The Markdown as written (for editing; the author's own only, else empty). */
  body: z.string(),
  /** The Markdown rendered and sanitized on the server. */
  html: z.string(),
  likeCount: z.int(),
  liked: z.boolean(),
  createdAt: TimestampSchema,
  editedAt: z.nullable(TimestampSchema),
});
export type Comment = z.infer<typeof CommentSchema>;

/** A post with its comments, oldest first. */
export const PostSchema = z.extend(PostSummarySchema, {
  body: z.string(),
  html: z.string(),
  comments: z.array(CommentSchema),
});
export type Post = z.infer<typeof PostSchema>;

const text = (max: number, what: string) =>
  z
    .string({ error: `Write ${what}` })
    .check(
      z.trim(),
      z.minLength(1, { error: `Write ${what}` }),
      z.maxLength(max, { error: `At most ${max.toLocaleString('en')} characters` }),
    );

export const PostInputSchema = z.object({
  title: text(200, 'a title'),
  body: text(20_000, 'the post'),
});
export type PostInput = z.input<typeof PostInputSchema>;
export const PostUpdateSchema = z.partial(PostInputSchema);
export type PostUpdate = z.input<typeof PostUpdateSchema>;

export const CommentInputSchema = z.object({ body: text(10_000, 'a comment') });
export type CommentInput = z.input<typeof CommentInputSchema>;

export const MembershipUpdateSchema = z.object({ notifyReplies: z.boolean() });
export type MembershipUpdate = z.input<typeof MembershipUpdateSchema>;

export const LikeSchema = z.object({ liked: z.boolean(), likeCount: z.int() });
export type Like = z.infer<typeof LikeSchema>;

const tags = ['apps: communities'];
const groupErrors = ['NOT_FOUND'] as const;
const client = (write: boolean) =>
  ({ tags, auth: 'client', access: write ? 'apps:write' : 'apps:read' }) as const;

/**
 * Community groups, as a client uses them. A group the person may not see (a purchase group the account does not
 * hold, or one they are banned from) is 404 on every route; posts and their routes are for members only (404
 * otherwise). Every route is 404 while the communities app is off or not the client's.
 */
export const communityRoutes = {
  groups: defineRoute({
    id: 'communities.groups',
    method: 'GET',
    path: '/api/v1/communities/groups',
    summary: 'Groups this person may see: open and on-request ones, and purchase ones the account holds',
    ...client(false),
    status: 200,
    output: itemsSchema(GroupSummarySchema),
    errors: groupErrors,
  }),
  group: defineRoute({
    id: 'communities.group',
    method: 'GET',
    path: '/api/v1/communities/groups/:groupId',
    summary: 'A group (by id or slug) and the person’s standing in it',
    ...client(false),
    status: 200,
    output: GroupSchema,
    errors: groupErrors,
  }),
  join: defineRoute({
    id: 'communities.join',
    method: 'POST',
    path: '/api/v1/communities/groups/:groupId/membership',
    summary:
      'Join (open and purchase groups) or ask to join (on request); a member joining again changes nothing',
    ...client(true),
    status: 200,
    output: GroupSchema,
    errors: groupErrors,
  }),
  update: defineRoute({
    id: 'communities.updateMembership',
    method: 'PATCH',
    path: '/api/v1/communities/groups/:groupId/membership',
    summary: 'Turn reply notifications on or off',
    ...client(true),
    body: MembershipUpdateSchema,
    status: 200,
    output: GroupSchema,
    errors: groupErrors,
  }),
  leave: defineRoute({
    id: 'communities.leave',
    method: 'DELETE',
    path: '/api/v1/communities/groups/:groupId/membership',
    summary: 'Leave the group (or withdraw a request); posts stay',
    ...client(true),
    status: 200,
    output: GroupSchema,
    errors: groupErrors,
  }),
  posts: defineRoute({
    id: 'communities.posts',
    method: 'GET',
    path: '/api/v1/communities/groups/:groupId/posts',
    summary: 'Posts, pinned first, then by latest activity (members only)',
    ...client(false),
    query: PageQuerySchema,
    status: 200,
    output: pageSchema(PostSummarySchema),
    errors: groupErrors,
  }),
  createPost: defineRoute({
    id: 'communities.createPost',
    method: 'POST',
    path: '/api/v1/communities/groups/:groupId/posts',
    summary: 'Write a post (Markdown)',
    ...client(true),
    idempotent: true,
    body: PostInputSchema,
    status: 201,
    output: PostSchema,
    errors: ['NOT_FOUND', 'RATE_LIMITED'],
    rateLimited: true,
  }),
  post: defineRoute({
    id: 'communities.post',
    method: 'GET',
    path: '/api/v1/communities/groups/:groupId/posts/:postId',
    summary: 'A post with its comments',
    ...client(false),
    status: 200,
    output: PostSchema,
    errors: groupErrors,
  }),
  updatePost: defineRoute({
    id: 'communities.updatePost',
    method: 'PATCH',
    path: '/api/v1/communities/groups/:groupId/posts/:postId',
    summary: 'Edit your own post',
    ...client(true),
    body: PostUpdateSchema,
    status: 200,
    output: PostSchema,
    errors: groupErrors,
  }),
  deletePost: defineRoute({
    id: 'communities.deletePost',
    method: 'DELETE',
    path: '/api/v1/communities/groups/:groupId/posts/:postId',
    summary: 'Delete your own post and its comments',
    ...client(true),
    status: 204,
    errors: groupErrors,
  }),
  likePost: defineRoute({
    id: 'communities.likePost',
    method: 'PUT',
    path: '/api/v1/communities/groups/:groupId/posts/:postId/like',
    summary: 'Like a post (twice changes nothing)',
    ...client(true),
    status: 200,
    output: LikeSchema,
    errors: groupErrors,
  }),
  unlikePost: defineRoute({
    id: 'communities.unlikePost',
    method: 'DELETE',
    path: '/api/v1/communities/groups/:groupId/posts/:postId/like',
    summary: 'Take a like back',
    ...client(true),
    status: 200,
    output: LikeSchema,
    errors: groupErrors,
  }),
  comment: defineRoute({
    id: 'communities.comment',
    method: 'POST',
    path: '/api/v1/communities/groups/:groupId/posts/:postId/comments',
    summary:
      'Comment on a post; the post’s author and earlier commenters are mailed unless they turned it off',
    ...client(true),
    idempotent: true,
    body: CommentInputSchema,
    status: 201,
    output: CommentSchema,
    errors: ['NOT_FOUND', 'RATE_LIMITED'],
    rateLimited: true,
  }),
  updateComment: defineRoute({
    id: 'communities.updateComment',
    method: 'PATCH',
    path: '/api/v1/communities/groups/:groupId/posts/:postId/comments/:commentId',
    summary: 'Edit your own comment',
    ...client(true),
    body: CommentInputSchema,
    status: 200,
    output: CommentSchema,
    errors: groupErrors,
  }),
  deleteComment: defineRoute({
    id: 'communities.deleteComment',
    method: 'DELETE',
    path: '/api/v1/communities/groups/:groupId/posts/:postId/comments/:commentId',
    summary: 'Delete your own comment',
    ...client(true),
    status: 204,
    errors: groupErrors,
  }),
  likeComment: defineRoute({
    id: 'communities.likeComment',
    method: 'PUT',
    path: '/api/v1/communities/groups/:groupId/posts/:postId/comments/:commentId/like',
    summary: 'Like a comment',
    ...client(true),
    status: 200,
    output: LikeSchema,
    errors: groupErrors,
  }),
  unlikeComment: defineRoute({
    id: 'communities.unlikeComment',
    method: 'DELETE',
    path: '/api/v1/communities/groups/:groupId/posts/:postId/comments/:commentId/like',
    summary: 'Take a like on a comment back',
    ...client(true),
    status: 200,
    output: LikeSchema,
    errors: groupErrors,
  }),
};
