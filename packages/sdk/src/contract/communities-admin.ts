import * as z from 'zod/mini';
import { GrantingProductsSchema, ProductRefSchema } from './apps-admin.js';
import {
  adminRoutesOf,
  defineRoute,
  itemsSchema,
  PageQuerySchema,
  pageSchema,
  staffOnly,
  TimestampSchema,
} from './common.js';
import { CommunityItemStatusSchema, GroupJoinSchema } from './communities.js';
import { SlugSchema } from './content.js';

export const AdminGroupSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  join: GroupJoinSchema,
  position: z.int(),
  memberCount: z.int(),
  /** Join requests waiting. */
  requestCount: z.int(),
  postCount: z.int(),
  /** For `purchase` groups. */
  products: z.array(ProductRefSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type AdminGroup = z.infer<typeof AdminGroupSchema>;

export const GroupInputSchema = z.object({
  name: z
    .string({ error: 'A name is required' })
    .check(
      z.trim(),
      z.minLength(1, { error: 'A name is required' }),
      z.maxLength(120, { error: 'At most 120 characters' }),
    ),
  slug: z.optional(SlugSchema),
  description: z.optional(
    z.string().check(z.trim(), z.maxLength(1000, { error: 'At most 1,000 characters' })),
  ),
  join: z.optional(GroupJoinSchema),
  position: z.optional(z.int().check(z.minimum(0), z.maximum(100_000))),
  productIds: z.optional(GrantingProductsSchema),
});
export type GroupInput = z.input<typeof GroupInputSchema>;
export const GroupUpdateSchema = z.partial(GroupInputSchema);
export type GroupUpdate = z.input<typeof GroupUpdateSchema>;

export const MEMBER_STATUSES = ['member', 'requested', 'banned'] as const;
export const MemberStatusSchema = z.enum(MEMBER_STATUSES);
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const GroupMemberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  status: MemberStatusSchema,
  banReason: z.nullable(z.string()),
  posts: z.int(),
  createdAt: TimestampSchema,
  joinedAt: z.nullable(TimestampSchema),
});
export type GroupMember = z.infer<typeof GroupMemberSchema>;

export const GroupMemberQuerySchema = z.extend(PageQuerySchema, {
  status: z.optional(MemberStatusSchema),
});
export type GroupMemberQuery = z.input<typeof GroupMemberQuerySchema>;

export const MemberActionInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('approve') }),
  z.object({ action: z.literal('decline') }),
  z.object({
    action: z.literal('ban'),
    reason: z.optional(z.string().check(z.trim(), z.maxLength(500, { error: 'At most 500 characters' }))),
  }),
  z.object({ action: z.literal('unban') }),
  z.object({ action: z.literal('remove') }),
]);
export type MemberActionInput = z.input<typeof MemberActionInputSchema>;

/** A post or comment as moderators see it (removed ones are deleted, so never listed). */
export const ModerationStatusSchema = CommunityItemStatusSchema;

/** Who wrote a post or comment, as moderators see them. */
const ModeratedAuthorSchema = z.object({ userId: z.string(), name: z.string(), email: z.string() });

export const AdminCommentSchema = z.object({
  id: z.string(),
  postId: z.string(),
  author: ModeratedAuthorSchema,
  status: ModerationStatusSchema,
  body: z.string(),
  html: z.string(),
  likeCount: z.int(),
  createdAt: TimestampSchema,
  editedAt: z.nullable(TimestampSchema),
});
export type AdminComment = z.infer<typeof AdminCommentSchema>;

export const AdminPostSummarySchema = z.object({
  id: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  title: z.string(),
  excerpt: z.string(),
  author: ModeratedAuthorSchema,
  status: ModerationStatusSchema,
  pinned: z.boolean(),
  likeCount: z.int(),
  commentCount: z.int(),
  lastActivityAt: TimestampSchema,
  createdAt: TimestampSchema,
});
export type AdminPostSummary = z.infer<typeof AdminPostSummarySchema>;

export const AdminPostSchema = z.extend(AdminPostSummarySchema, {
  body: z.string(),
  html: z.string(),
  comments: z.array(AdminCommentSchema),
});
export type AdminPost = z.infer<typeof AdminPostSchema>;

export const AdminPostQuerySchema = z.extend(PageQuerySchema, {
  groupId: z.optional(z.string().check(z.maxLength(64))),
  status: z.optional(ModerationStatusSchema),
});
export type AdminPostQuery = z.input<typeof AdminPostQuerySchema>;

/** `hide` keeps a post or comment for its author only (marked hidden); removing deletes it for good. */
export const PostModerationInputSchema = z.object({
  action: z.enum(['pin', 'unpin', 'hide', 'unhide']),
});
export type PostModerationInput = z.input<typeof PostModerationInputSchema>;
export const CommentModerationInputSchema = z.object({ action: z.enum(['hide', 'unhide']) });
export type CommentModerationInput = z.input<typeof CommentModerationInputSchema>;

const route = adminRoutesOf('adminCommunities', 'communities');
const staff = staffOnly('admin', 'support');

/** Staff side of communities: groups, members and moderation. */
export const communitiesAdminRoutes = {
  groups: defineRoute({
    ...route('groups', 'GET', '/communities/groups', 'Every group'),
    ...staff,
    status: 200,
    output: itemsSchema(AdminGroupSchema),
  }),
  createGroup: defineRoute({
    ...route('createGroup', 'POST', '/communities/groups', 'Create a group'),
    ...staffOnly('admin'),
    body: GroupInputSchema,
    status: 201,
    output: AdminGroupSchema,
    errors: ['VALIDATION_FAILED', 'CONFLICT'],
  }),
  group: defineRoute({
    ...route('group', 'GET', '/communities/groups/:groupId', 'A group'),
    ...staff,
    status: 200,
    output: AdminGroupSchema,
    errors: ['NOT_FOUND'],
  }),
  updateGroup: defineRoute({
    ...route('updateGroup', 'PATCH', '/communities/groups/:groupId', 'Change a group'),
    ...staffOnly('admin'),
    body: GroupUpdateSchema,
    status: 200,
    output: AdminGroupSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  removeGroup: defineRoute({
    ...route('removeGroup', 'DELETE', '/communities/groups/:groupId', 'Delete a group with its posts'),
    ...staffOnly('admin'),
    status: 204,
    errors: ['NOT_FOUND'],
  }),
  members: defineRoute({
    ...route(
      'members',
      'GET',
      '/communities/groups/:groupId/members',
      'Members, requests or bans, newest first',
    ),
    ...staff,
    query: GroupMemberQuerySchema,
    status: 200,
    output: pageSchema(GroupMemberSchema),
    errors: ['NOT_FOUND'],
  }),
  memberAction: defineRoute({
    ...route(
      'memberAction',
      'POST',
      '/communities/groups/:groupId/members/:userId',
      'Approve or decline a request, ban, unban or remove a member',
    ),
    ...staff,
    body: MemberActionInputSchema,
    status: 200,
    output: GroupMemberSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  posts: defineRoute({
    ...route('posts', 'GET', '/communities/posts', 'Posts of every group (or one), latest activity first'),
    ...staff,
    query: AdminPostQuerySchema,
    status: 200,
    output: pageSchema(AdminPostSummarySchema),
  }),
  post: defineRoute({
    ...route('post', 'GET', '/communities/posts/:postId', 'A post with every comment, hidden ones included'),
    ...staff,
    status: 200,
    output: AdminPostSchema,
    errors: ['NOT_FOUND'],
  }),
  moderatePost: defineRoute({
    ...route(
      'moderatePost',
      'POST',
      '/communities/posts/:postId/moderation',
      'Pin, unpin, hide or unhide a post',
    ),
    ...staff,
    body: PostModerationInputSchema,
    status: 200,
    output: AdminPostSchema,
    errors: ['NOT_FOUND'],
  }),
  moderateComment: defineRoute({
    ...route(
      'moderateComment',
      'POST',
      '/communities/comments/:commentId/moderation',
      'Hide or unhide a comment; answers its post',
    ),
    ...staff,
    body: CommentModerationInputSchema,
    status: 200,
    output: AdminPostSchema,
    errors: ['NOT_FOUND'],
  }),
  removePost: defineRoute({
    ...route('removePost', 'DELETE', '/communities/posts/:postId', 'Remove a post and its comments for good'),
    ...staff,
    status: 204,
    errors: ['NOT_FOUND'],
  }),
  removeComment: defineRoute({
    ...route(
      'removeComment',
      'DELETE',
      '/communities/comments/:commentId',
      'Remove a comment for good; answers its post',
    ),
    ...staff,
    status: 200,
    output: AdminPostSchema,
    errors: ['NOT_FOUND'],
  }),
};
