import type {
  AdminComment,
  AdminGroup,
  AdminPost,
  AdminPostSummary,
  Comment,
  Group,
  GroupMember,
  GroupSummary,
  PostSummary,
} from '@portico/sdk/contract';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { invalidCursor } from '../apps/paging.js';
import { excerpt, renderMarkdownCached } from '../content/markdown.js';
import type {
  AdminMemberRow,
  AdminPostRow,
  CommentWithAuthor,
  GroupRow,
  MemberRow,
  PostKeyset,
  PostRow,
  PostWithAuthor,
} from './store.js';

/** Markdown written by a client, rendered and sanitized for a page. */
export const render = (body: string) => renderMarkdownCached(body, { kind: 'message' });

/** A post's plain-text start. */
export const postExcerpt = (body: string) => excerpt(render(body).text);

/** The reader's standing in a group (a banned reader never gets this far). */
export const membershipOf = (member: MemberRow | undefined): GroupSummary['membership'] =>
  member?.status === 'member' || member?.status === 'requested' ? member.status : 'none';

/**
 * A group as its reader sees it. `ownHidden`: the reader's own hidden posts, counted for them only (the stored
 * count is of visible posts).
 */
export function groupView(group: GroupRow, member: MemberRow | undefined, ownHidden = 0): Group {
  return {
    id: group.id,
    slug: group.slug,
    name: group.name,
    description: group.description,
    join: group.join_policy,
    membership: membershipOf(member),
    memberCount: group.member_count,
    postCount: group.post_count + ownHidden,
    lastActivityAt: group.last_activity_at,
    notifyReplies: member?.status === 'member' && member.notify_replies === 1,
  };
}

export const groupSummary = (group: GroupRow, member: MemberRow | undefined, ownHidden = 0): GroupSummary => {
  const { notifyReplies: _n, ...summary } = groupView(group, member, ownHidden);
  return summary;
};

/** A post in the reader's list. `ownHiddenComments`: their hidden comments on it, counted for them only. */
export function postSummary(
  post: PostWithAuthor,
  readerId: string,
  liked: boolean,
  ownHiddenComments = 0,
): PostSummary {
  return {
    id: post.id,
    groupId: post.group_id,
    title: post.title,
    excerpt: postExcerpt(post.body),
    author: { name: post.author_name, you: post.user_id === readerId },
    status: post.status,
    pinned: post.pinned === 1,
    likeCount: post.like_count,
    liked,
    commentCount: post.comment_count + ownHiddenComments,
    lastActivityAt: post.last_activity_at,
    createdAt: post.created_at,
    editedAt: post.edited_at,
  };
}

export function commentView(comment: CommentWithAuthor, readerId: string, liked: boolean): Comment {
  const own = comment.user_id === readerId;
  return {
    id: comment.id,
    postId: comment.post_id,
    author: { name: comment.author_name, you: own },
    status: comment.status,
    body: own ? comment.body : '',
    html: render(comment.body).html,
    likeCount: comment.like_count,
    liked,
    createdAt: comment.created_at,
    editedAt: comment.edited_at,
  };
}

export function adminGroupView(
  group: GroupRow,
  requests: number,
  products: readonly { id: string; name: string }[],
): AdminGroup {
  return {
    id: group.id,
    slug: group.slug,
    name: group.name,
    description: group.description,
    join: group.join_policy,
    position: group.position,
    memberCount: group.member_count,
    requestCount: requests,
    postCount: group.post_count,
    products: [...products],
    createdAt: group.created_at,
    updatedAt: group.updated_at,
  };
}

export const adminMemberView = (row: AdminMemberRow): GroupMember => ({
  userId: row.user_id,
  name: row.name,
  email: row.email,
  accountId: row.account_id,
  accountName: row.account_name,
  status: row.status,
  banReason: row.ban_reason,
  posts: Number(row.posts ?? 0),
  createdAt: row.created_at,
  joinedAt: row.joined_at,
});

const staffAuthor = (row: { user_id: string; author_name: string; author_email: string }) => ({
  userId: row.user_id,
  name: row.author_name,
  email: row.author_email,
});

export const adminPostSummary = (row: AdminPostRow): AdminPostSummary => ({
  id: row.id,
  groupId: row.group_id,
  groupName: row.group_name,
  title: row.title,
  excerpt: postExcerpt(row.body),
  author: staffAuthor(row),
  status: row.status,
  pinned: row.pinned === 1,
  likeCount: row.like_count,
  commentCount: row.comment_count,
  lastActivityAt: row.last_activity_at,
  createdAt: row.created_at,
});

export const adminCommentView = (row: CommentWithAuthor): AdminComment => ({
  id: row.id,
  postId: row.post_id,
  author: staffAuthor(row),
  status: row.status,
  body: row.body,
  html: render(row.body).html,
  likeCount: row.like_count,
  createdAt: row.created_at,
  editedAt: row.edited_at,
});

export const adminPostView = (row: AdminPostRow, comments: readonly CommentWithAuthor[]): AdminPost => ({
  ...adminPostSummary(row),
  body: row.body,
  html: render(row.body).html,
  comments: comments.map(adminCommentView),
});

// ─── Cursors ────────────────────────────────────────────────────────────────────────────────────────────────

export const postCursor = (row: PostRow): string =>
  encodeCursor({ p: String(row.pinned), a: row.last_activity_at, i: row.id });

/** Reads a group's post-list cursor; anything else is a 400. */
export function readPostCursor(cursor: string | undefined): PostKeyset | undefined {
  const key = decodeCursor<{ p?: string; a?: string; i?: string }>(cursor);
  if (!key) return undefined;
  if ((key.p !== '0' && key.p !== '1') || !key.a || !key.i) throw invalidCursor();
  return { pinned: key.p === '1' ? 1 : 0, at: key.a, id: key.i };
}
