import {
  type Comment,
  type Group,
  grants,
  type Permission,
  type PortalClient,
  type Post,
  type PostSummary,
} from '@portico/sdk';
import {
  CommentInputSchema,
  MembershipUpdateSchema,
  PostInputSchema,
  PostUpdateSchema,
} from '@portico/sdk/contract';
import { FakeAccount } from './fake-account.js';
import { fakeClient, json, problem } from './fake-portal.js';
import { RouteOverrides } from './route-overrides.js';
import '../src/index.js';

/** A request to one of the communities routes. */
export interface FakeCommunitiesCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, any> | undefined;
  idempotencyKey: string | null;
}

type Handler = (call: FakeCommunitiesCall) => Response | Promise<Response>;

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

const validation = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  problem(
    400,
    'VALIDATION_FAILED',
    'The request body has invalid fields',
    issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );

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
export class FakeCommunities {
  readonly account: FakeAccount;
  readonly calls: FakeCommunitiesCall[] = [];
  groups: FakeGroup[] = [];
  /** The communities app is on and this client's. */
  available = true;
  readonly #keys = new Map<string, unknown>();
  readonly #overrides = new RouteOverrides<FakeCommunitiesCall>();
  #ids = 0;

  constructor(account: FakeAccount = new FakeAccount()) {
    this.account = account;
  }

  /** Adds a group: open, Ada not a member, no posts unless told otherwise. */
  addGroup(group: Partial<FakeGroup> = {}): FakeGroup {
    const n = this.groups.length + 1;
    const added: FakeGroup = {
      id: this.#id('grp'),
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
    const n = this.#ids + 1;
    const body = post.body ?? `Post ${n} body.`;
    const createdAt = post.createdAt ?? minutesAgo(60);
    const id = post.id ?? this.#id('pst');
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
      id: this.#id('cmt'),
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

  /** Makes the signed-in person a contact with just these permissions. */
  asContact(permissions: Permission[]): void {
    this.account.asContact('custom', permissions);
  }

  answer(route: string, handler: Handler, times = 1): void {
    this.#overrides.set(route, handler, times);
  }

  /** Requests made to `route` (`METHOD /path` or just the path). */
  callsTo(route: string): FakeCommunitiesCall[] {
    return this.calls.filter((c) => c.path === route || `${c.method} ${c.path}` === route);
  }

  client(email?: string): PortalClient {
    let token: string | undefined;
    if (email) {
      token = this.#id('tok');
      this.account.portal.sessions.set(token, email);
    }
    return fakeClient(this.fetch, token);
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!/^\/api\/v1\/communities(\/|$)/.test(url.pathname)) return this.account.fetch(request);
    const text = request.method === 'GET' ? '' : await request.text();
    const call: FakeCommunitiesCall = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: text ? JSON.parse(text) : undefined,
      idempotencyKey: request.headers.get('idempotency-key'),
    };
    this.calls.push(call);
    const canned = this.#overrides.answer(call);
    if (canned) return canned;
    const bearer = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    if (!this.account.portal.sessions.get(bearer))
      return problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
    if (!this.available) return notFound();
    const access: Permission = call.method === 'GET' ? 'apps:read' : 'apps:write';
    if (!grants(this.account.permissions, access)) {
      return problem(403, 'PERMISSION_DENIED', `You do not have ${access} on this account.`);
    }
    return this.#route(call);
  };

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
    const limit = Number(call.query.limit ?? 20);
    const start = call.query.cursor ? Number(call.query.cursor) : 0;
    const next = start + limit < all.length ? String(start + limit) : null;
    return json(200, { items: all.slice(start, start + limit), nextCursor: next });
  }

  #createPost(group: FakeGroup, call: FakeCommunitiesCall): Response {
    const repeat = call.idempotencyKey ? this.#keys.get(call.idempotencyKey) : undefined;
    if (repeat) return json(201, repeat);
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
    if (call.idempotencyKey) this.#keys.set(call.idempotencyKey, post);
    return json(201, post);
  }

  #comment(post: Post, call: FakeCommunitiesCall): Response {
    const repeat = call.idempotencyKey ? this.#keys.get(call.idempotencyKey) : undefined;
    if (repeat) return json(201, repeat);
    const parsed = CommentInputSchema.safeParse(call.body ?? {});
    if (!parsed.success) return validation(parsed.error.issues);
    const now = new Date().toISOString();
    const comment = this.comment({ postId: post.id, body: parsed.data.body, author: ME, createdAt: now });
    post.comments.push(comment);
    post.commentCount++;
    post.lastActivityAt = now;
    if (call.idempotencyKey) this.#keys.set(call.idempotencyKey, comment);
    return json(201, comment);
  }

  #like(item: { liked: boolean; likeCount: number }, like: boolean) {
    if (item.liked !== like) {
      item.liked = like;
      item.likeCount += like ? 1 : -1;
    }
    return { liked: item.liked, likeCount: item.likeCount };
  }

  #id(prefix: string) {
    this.#ids++;
    return `${prefix}_${String(this.#ids).padStart(26, '0')}`;
  }
}

/** Renders `content` in a provider signed in to the fake as Ada (or `signedInAs`; `null` for signed out). */
export { inFakeProvider as inCommunitiesProvider } from './fake-pieces.js';
