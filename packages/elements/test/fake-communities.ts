import type { Comment, Group, Post, PostSummary } from '@portico/sdk';
import {
  CommentInputSchema,
  MembershipUpdateSchema,
  PostInputSchema,
  PostUpdateSchema,
} from '@portico/sdk/contract';
import { FakeAccount } from './fake-account.js';
import { json, problem } from './fake-portal.js';
import { type FakeCall, FakeRoutes, pageOf, validation } from './fake-routes.js';
import '../src/index.js';

/** A request to one of the communities routes. */
export type FakeCommunitiesCall = FakeCall;

/** A group as the fake keeps it: what the API shows, and who may see it. */
export interface FakeGroup extends Group {
  /** A purchase group the account does not hold, or one the person is banned from: 404 everywhere. */
  invisible?: boolean;
  posts: Post[];
}

/** `minutes` ago, as an ISO timestamp. */
export const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** Text as the fake's rendered HTML: escaped, with `**bold**`. */
const textHtml = (text: string) =>
  `<p>${text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')}</p>`;

const notFound = () => problem(404, 'NOT_FOUND', 'Not found.');

const ME = { name: 'Ada Lovelace', you: true };
const GRACE = { name: 'Grace Hopper', you: false };

/**
 * A stand-in for the Portico server's community routes (`/api/v1/communities/…`) in front of a
 * {@link FakeAccount}, which answers everything else and decides who is signed in with which permissions. Shapes,
 * permissions and codes follow `packages/sdk/src/contract/communities.ts`: reading needs `apps:read`, writing
 * `apps:write`; a group the person may not see is 404 everywhere, and posts are 404 to non-members; bodies are
 * checked with the contract's schemas (400 VALIDATION_FAILED with field errors); a repeated Idempotency-Key answers
 * the first post or comment; only the author may edit or delete (404 otherwise); hidden items reach their author
 * only. Post and comment HTML is the body escaped (tests can set any `html`, e.g. hostile markup). `available =
 * false` is the app switched off (404 on every route). `answer(route, handler, times)` overrides the next
 * request(s).
 */
export class FakeCommunities extends FakeRoutes {
  groups: FakeGroup[] = [];
  /** The communities app is on and this client's. */
  available = true;

  constructor(account: FakeAccount = new FakeAccount()) {
    super(account, /^\/api\/v1\/communities(\/|$)/);
  }

  /** Adds a group: open, Ada not a member, no posts unless told otherwise. */
  addGroup(group: Partial<FakeGroup> = {}): FakeGroup {
    const n = this.groups.length + 1;
    const added: FakeGroup = {
      id: this.id('grp'),
      slug: `group-${n}`,
      name: `Group ${n}`,
      description: `What group ${n} is about.`,
      join: 'open',
      membership: 'none',
      memberCount: 3,
      postCount: 0,
      lastActivityAt: null,
      notifyReplies: false,
      posts: [],
      ...group,
    };
    added.postCount = group.postCount ?? added.posts.length;
    for (const post of added.posts) post.groupId = added.id;
    this.groups.push(added);
    return added;
  }

  /** A post (by Grace unless `author` says otherwise), with its body rendered as escaped HTML. */
  post(post: Partial<Post> = {}): Post {
    const n = this.idCount + 1;
    const body = post.body ?? `Post ${n} body.`;
    const createdAt = post.createdAt ?? minutesAgo(60);
    const id = post.id ?? this.id('pst');
    for (const comment of post.comments ?? []) comment.postId = id;
    return {
      groupId: '',
      title: `Post ${n}`,
      excerpt: body.slice(0, 140),
      author: GRACE,
      status: 'visible',
      pinned: false,
      likeCount: 0,
      liked: false,
      commentCount: post.comments?.length ?? 0,
      lastActivityAt: createdAt,
      createdAt,
      editedAt: null,
      body,
      html: textHtml(body),
      comments: [],
      ...post,
      id,
    };
  }

  /** A comment (by Grace unless `author` says otherwise). */
  comment(comment: Partial<Comment> = {}): Comment {
    const body = comment.body ?? 'Nice.';
    return {
      id: this.id('cmt'),
      postId: '',
      author: GRACE,
      status: 'visible',
      body,
      html: textHtml(body),
      likeCount: 0,
      liked: false,
      createdAt: minutesAgo(30),
      editedAt: null,
      ...comment,
    };
  }

  /** Ada, herself. */
  readonly me = ME;

  protected override route(call: FakeCommunitiesCall, request: Request): Response {
    const signedOut = this.signedOut(request);
    if (signedOut) return signedOut;
    if (!this.available) return notFound();
    return this.appsDenied(call) ?? this.#route(call);
  }

  #route(call: FakeCommunitiesCall): Response {
    // /api/v1/communities/groups/:groupId/(membership|posts)/:postId/(like|comments)/:commentId/like
    const [, , , , , ref, area, postId, sub, commentId, commentSub] = call.path.split('/');
    if (!ref) return call.method === 'GET' ? this.#list() : notFound();
    const group = this.groups.find((g) => !g.invisible && (g.id === ref || g.slug === ref));
    if (!group) return notFound();
    const route = [
      call.method,
      area ?? '',
      postId ? ':post' : '',
      sub ?? '',
      commentId ? ':comment' : '',
      commentSub ?? '',
    ]
      .filter(Boolean)
      .join(' ');
    switch (route) {
      case 'GET':
        return json(200, this.#group(group));
      case 'POST membership':
        return this.#join(group);
      case 'PATCH membership': {
        const parsed = MembershipUpdateSchema.safeParse(call.body ?? {});
        if (!parsed.success) return validation(parsed.error.issues);
        if (group.membership === 'member') group.notifyReplies = parsed.data.notifyReplies;
        return json(200, this.#group(group));
      }
      case 'DELETE membership':
        if (group.membership === 'member') group.memberCount--;
        group.membership = 'none';
        group.notifyReplies = false;
        return json(200, this.#group(group));
    }
    if (group.membership !== 'member') return notFound();
    if (route === 'GET posts') return this.#posts(group, call);
    if (route === 'POST posts') return this.#createPost(group, call);
    const post = group.posts.find((p) => p.id === postId && (p.status === 'visible' || p.author.you));
    if (!post) return notFound();
    const own = post.author.you;
    switch (route) {
      case 'GET posts :post':
        return json(200, post);
      case 'PATCH posts :post': {
        if (!own) return notFound();
        const parsed = PostUpdateSchema.safeParse(call.body ?? {});
        if (!parsed.success) return validation(parsed.error.issues);
        if (parsed.data.title !== undefined) post.title = parsed.data.title;
        if (parsed.data.body !== undefined) {
          post.body = parsed.data.body;
          post.html = textHtml(post.body);
          post.excerpt = post.body.slice(0, 140);
        }
        post.editedAt = new Date().toISOString();
        return json(200, post);
      }
      case 'DELETE posts :post':
        if (!own) return notFound();
        group.posts = group.posts.filter((p) => p !== post);
        group.postCount--;
        return new Response(null, { status: 204 });
      case 'PUT posts :post like':
      case 'DELETE posts :post like':
        return json(200, this.#like(post, call.method === 'PUT'));
      case 'POST posts :post comments':
        return this.#comment(post, call);
    }
    const comment = post.comments.find((c) => c.id === commentId && (c.status === 'visible' || c.author.you));
    if (!comment) return notFound();
    switch (route) {
      case 'PATCH posts :post comments :comment': {
        if (!comment.author.you) return notFound();
        const parsed = CommentInputSchema.safeParse(call.body ?? {});
        if (!parsed.success) return validation(parsed.error.issues);
        comment.body = parsed.data.body;
        comment.html = textHtml(comment.body);
        comment.editedAt = new Date().toISOString();
        return json(200, comment);
      }
      case 'DELETE posts :post comments :comment':
        if (!comment.author.you) return notFound();
        post.comments = post.comments.filter((c) => c !== comment);
        post.commentCount--;
        return new Response(null, { status: 204 });
      case 'PUT posts :post comments :comment like':
      case 'DELETE posts :post comments :comment like':
        return json(200, this.#like(comment, call.method === 'PUT'));
      default:
        return notFound();
    }
  }

  #group({ invisible: _, posts: __, ...group }: FakeGroup): Group {
    return group;
  }

  #list(): Response {
    return json(200, {
      items: this.groups
        .filter((g) => !g.invisible)
        .map(({ invisible: _, posts: __, notifyReplies: ___, ...summary }) => summary),
    });
  }

  #join(group: FakeGroup): Response {
    if (group.membership !== 'member') {
      if (group.join === 'request') {
        group.membership = 'requested';
      } else {
        group.membership = 'member';
        group.memberCount++;
        group.notifyReplies = true;
      }
    }
    return json(200, this.#group(group));
  }

  #posts(group: FakeGroup, call: FakeCommunitiesCall): Response {
    const all = group.posts
      .filter((p) => p.status === 'visible' || p.author.you)
      .sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.lastActivityAt.localeCompare(a.lastActivityAt))
      .map(({ body: _, html: __, comments: ___, ...summary }): PostSummary => summary);
    return pageOf(all, call.query);
  }

  #createPost(group: FakeGroup, call: FakeCommunitiesCall): Response {
    const repeat = this.repeated(call);
    if (repeat) return repeat;
    const parsed = PostInputSchema.safeParse(call.body ?? {});
    if (!parsed.success) return validation(parsed.error.issues);
    const now = new Date().toISOString();
    const post = this.post({
      groupId: group.id,
      title: parsed.data.title,
      body: parsed.data.body,
      author: ME,
      createdAt: now,
    });
    group.posts.push(post);
    group.postCount++;
    return this.created(call, post);
  }

  #comment(post: Post, call: FakeCommunitiesCall): Response {
    const repeat = this.repeated(call);
    if (repeat) return repeat;
    const parsed = CommentInputSchema.safeParse(call.body ?? {});
    if (!parsed.success) return validation(parsed.error.issues);
    const now = new Date().toISOString();
    const comment = this.comment({ postId: post.id, body: parsed.data.body, author: ME, createdAt: now });
    post.comments.push(comment);
    post.commentCount++;
    post.lastActivityAt = now;
    return this.created(call, comment);
  }

  #like(item: { liked: boolean; likeCount: number }, like: boolean) {
    if (item.liked !== like) {
      item.liked = like;
      item.likeCount += like ? 1 : -1;
    }
    return { liked: item.liked, likeCount: item.likeCount };
  }
}

/** Renders `content` in a provider signed in to the fake as Ada (or `signedInAs`; `null` for signed out). */
export { inFakeProvider as inCommunitiesProvider } from './fake-pieces.js';
