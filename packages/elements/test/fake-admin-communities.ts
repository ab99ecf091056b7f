import type {
  AdminComment,
  AdminGroup,
  AdminPost,
  AdminPostSummary,
  AdminProduct,
  GroupMember,
} from '@portico/sdk/admin';
import { slugify } from '../src/admin/lib/content-labels.js';
import { fakeMarkdown } from './fake-admin-content.js';
import { FakeSequence, fakeProduct } from './fake-records.js';
import { FakeAdmin, type FakeStaff, json, notFound, pageOf, problem } from './fake-admin.js';

/** A group as the fake stores it (its counts are worked out when answered). */
type FakeGroup = Omit<AdminGroup, 'memberCount' | 'requestCount' | 'postCount' | 'products'> & {
  productIds: string[];
};
/** A membership, request or ban. */
type FakeMember = GroupMember & { groupId: string };
/** A post as the fake stores it (its group's name and comment count are looked up when answered). */
type FakePost = Omit<AdminPost, 'groupName' | 'commentCount' | 'excerpt'>;

/**
 * The fake staff API with communities: two products, the groups "Customers" (open), "Beta testers" (on request,
 * with two requests and a ban) and "VIP" (by purchase of the first product), their members, and posts with
 * comments (one hidden) in Customers. Markdown is rendered by `render` (escaped text by default; a test may make
 * posts' `html` anything, to play a hostile server). Member actions refuse (409) what does not fit the person's
 * standing, as the server does.
 */
export class FakeAdminCommunities extends FakeAdmin {
  readonly products: AdminProduct[] = [];
  readonly groups: FakeGroup[] = [];
  readonly members: FakeMember[] = [];
  readonly posts: FakePost[] = [];
  readonly #seq = new FakeSequence('2025-05-10T09:00:00Z', 'm');

  constructor() {
    super();
    const vipProduct = this.addProduct('VIP membership');
    this.addProduct('Starter hosting');
    const customers = this.addGroup({ name: 'Customers', description: 'Everyone who hosts with us.' });
    const beta = this.addGroup({ name: 'Beta testers', join: 'request' });
    this.addGroup({ name: 'VIP', join: 'purchase', productIds: [vipProduct.id] });
    const ada = this.addMember(customers, {
      name: 'Ada Acme',
      email: 'ada@acme.test',
      accountName: 'Acme Ltd',
    });
    const carol = this.addMember(customers, {
      name: 'Carol Globex',
      email: 'carol@globex.test',
      accountName: 'Globex',
    });
    this.addMember(beta, {
      name: 'Ada Acme',
      email: 'ada@acme.test',
      accountName: 'Acme Ltd',
      userId: ada.userId,
    });
    this.addMember(beta, {
      name: 'Bob Acme',
      email: 'bob@acme.test',
      accountName: 'Acme Ltd',
      status: 'requested',
    });
    this.addMember(beta, {
      name: 'Dave Initech',
      email: 'dave@initech.test',
      accountName: 'Initech',
      status: 'requested',
    });
    this.addMember(beta, {
      name: 'Eve Spam',
      email: 'eve@spam.test',
      accountName: 'Spam Inc',
      status: 'banned',
      banReason: 'Advertising',
    });
    const welcome = this.addPost(customers, ada, { title: 'Hello everyone', body: 'Glad to be **here**.' });
    this.addComment(welcome, carol, 'Welcome, Ada!');
    this.addComment(welcome, carol, 'Buy cheap watches', 'hidden');
    this.addPost(customers, carol, { title: 'Spam post', body: 'Click here.', status: 'hidden' });
    this.addPost(customers, ada, { title: 'Backups?', body: 'How often do you back up?', pinned: true });
  }

  addProduct(name: string): AdminProduct {
    const product = fakeProduct({
      id: this.newId('prod'),
      groupId: 'pgr_m0000000000000000000000000',
      name,
      type: 'service',
      sortOrder: this.products.length,
      now: this.now(),
    });
    this.products.push(product);
    return product;
  }

  addGroup(o: Partial<FakeGroup> & { name: string }): FakeGroup {
    const now = this.now();
    const group: FakeGroup = {
      id: this.newId('grp'),
      slug: slugify(o.name),
      description: '',
      join: 'open',
      position: this.groups.length,
      productIds: [],
      createdAt: now,
      updatedAt: now,
      ...o,
    };
    this.groups.push(group);
    return group;
  }

  addMember(
    group: FakeGroup,
    o: Partial<FakeMember> & { name: string; email: string; accountName: string },
  ): FakeMember {
    const now = this.now();
    const status = o.status ?? 'member';
    const member: FakeMember = {
      userId: this.newId('usr'),
      accountId: this.newId('acct'),
      banReason: null,
      posts: 0,
      createdAt: now,
      joinedAt: status === 'member' ? now : null,
      ...o,
      status,
      groupId: group.id,
    };
    this.members.unshift(member);
    return member;
  }

  addPost(
    group: FakeGroup,
    author: FakeMember,
    o: { title: string; body: string; status?: 'visible' | 'hidden'; pinned?: boolean; html?: string },
  ): FakePost {
    const now = this.now();
    const post: FakePost = {
      id: this.newId('pst'),
      groupId: group.id,
      title: o.title,
      author: { userId: author.userId, name: author.name, email: author.email },
      status: o.status ?? 'visible',
      pinned: o.pinned ?? false,
      likeCount: 2,
      lastActivityAt: now,
      createdAt: now,
      body: o.body,
      html: o.html ?? fakeMarkdown(o.body),
      comments: [],
    };
    author.posts++;
    this.posts.unshift(post);
    return post;
  }

  addComment(post: FakePost, author: FakeMember, body: string, status: 'visible' | 'hidden' = 'visible') {
    const comment: AdminComment = {
      id: this.newId('cmt'),
      postId: post.id,
      author: { userId: author.userId, name: author.name, email: author.email },
      status,
      body,
      html: fakeMarkdown(body),
      likeCount: 0,
      createdAt: this.now(),
      editedAt: null,
    };
    post.comments.push(comment);
    post.lastActivityAt = comment.createdAt;
    return comment;
  }

  /** The group named `name`. */
  group(name: string): FakeGroup {
    const found = this.groups.find((g) => g.name === name);
    if (!found) throw new Error(`No group ${name}`);
    return found;
  }

  /** The post titled `title`. */
  post(title: string): FakePost {
    const found = this.posts.find((p) => p.title === title);
    if (!found) throw new Error(`No post ${title}`);
    return found;
  }

  /** `name`'s standing in `group`, if any. */
  standing(group: FakeGroup, name: string): FakeMember | undefined {
    return this.members.find((m) => m.groupId === group.id && m.name === name);
  }

  protected override handleMore(
    id: string,
    params: Record<string, string>,
    body: any,
    query: any,
    _me: FakeStaff | undefined,
  ): Response | undefined {
    if (id === 'adminBilling.listProducts') return json(200, { items: this.products });
    if (!id.startsWith('adminCommunities.')) return undefined;
    const group = params.groupId ? this.groups.find((g) => g.id === params.groupId) : undefined;
    if (params.groupId && !group) return notFound('group');
    const post = params.postId ? this.posts.find((p) => p.id === params.postId) : undefined;
    if (params.postId && !post) return notFound('post');
    const commentPost = params.commentId
      ? this.posts.find((p) => p.comments.some((c) => c.id === params.commentId))
      : undefined;
    if (params.commentId && !commentPost) return notFound('comment');
    switch (id.slice('adminCommunities.'.length)) {
      case 'groups':
        return json(200, {
          items: [...this.groups].sort((a, b) => a.position - b.position).map((g) => this.#group(g)),
        });
      case 'createGroup': {
        const slug = body.slug ?? slugify(body.name);
        if (this.groups.some((g) => g.slug === slug)) return slugTaken();
        return json(201, this.#group(this.addGroup({ ...body, slug })));
      }
      case 'group':
        return json(200, this.#group(group!));
      case 'updateGroup':
        if (body.slug && this.groups.some((g) => g.id !== group!.id && g.slug === body.slug))
          return slugTaken();
        Object.assign(group!, body, { updatedAt: this.now() });
        return json(200, this.#group(group!));
      case 'removeGroup':
        this.groups.splice(this.groups.indexOf(group!), 1);
        return new Response(null, { status: 204 });
      case 'members':
        return json(
          200,
          pageOf(
            this.members
              .filter((m) => m.groupId === group!.id && (!query.status || m.status === query.status))
              .map(memberOf),
            query,
          ),
        );
      case 'memberAction': {
        // As the server acts: approve and decline answer a request, unban a ban (409 otherwise); ban and
        // remove act on any standing; someone with none can be banned only if they posted in the group.
        let member = this.members.find((m) => m.groupId === group!.id && m.userId === params.userId);
        if (!member && body.action === 'ban') member = this.#outsider(group!, params.userId!);
        if (!member) return problem(404, 'NOT_FOUND', 'This person is not a member of the group.');
        const drop = () => this.members.splice(this.members.indexOf(member), 1);
        switch (body.action) {
          case 'approve':
          case 'decline':
            if (member.status !== 'requested')
              return problem(409, 'CONFLICT', 'There is no request to answer.');
            if (body.action === 'decline') {
              drop();
              return json(200, memberOf({ ...member, status: 'requested' }));
            }
            member.status = 'member';
            member.joinedAt = this.now();
            return json(200, memberOf(member));
          case 'ban':
            member.status = 'banned';
            member.banReason = body.reason || null;
            return json(200, memberOf(member));
          case 'unban':
            if (member.status !== 'banned') return problem(409, 'CONFLICT', 'This person is not banned.');
            member.status = 'member';
            member.banReason = null;
            member.joinedAt ??= this.now();
            return json(200, memberOf(member));
          case 'remove':
            drop();
            return json(200, memberOf(member));
        }
        return undefined;
      }
      case 'posts': {
        const items = this.posts
          .filter(
            (p) =>
              (!query.groupId || p.groupId === query.groupId) && (!query.status || p.status === query.status),
          )
          .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt))
          .map((p) => this.#summary(p));
        return json(200, pageOf(items, query));
      }
      case 'post':
        return json(200, this.#post(post!));
      case 'moderatePost':
        if (body.action === 'pin' || body.action === 'unpin') post!.pinned = body.action === 'pin';
        else post!.status = body.action === 'hide' ? 'hidden' : 'visible';
        return json(200, this.#post(post!));
      case 'removePost':
        this.posts.splice(this.posts.indexOf(post!), 1);
        return new Response(null, { status: 204 });
      case 'moderateComment': {
        const comment = commentPost!.comments.find((c) => c.id === params.commentId)!;
        comment.status = body.action === 'hide' ? 'hidden' : 'visible';
        return json(200, this.#post(commentPost!));
      }
      case 'removeComment':
        commentPost!.comments = commentPost!.comments.filter((c) => c.id !== params.commentId);
        return json(200, this.#post(commentPost!));
    }
    return undefined;
  }

  /** The fake's clock: a minute later at each call. */
  protected now(): string {
    return this.#seq.now();
  }

  /** A new id, unique within the fake, shaped as the contract's ids. */
  protected newId(prefix: string): string {
    return this.#seq.id(prefix);
  }

  /** Someone with no standing in the group who posted in it (the server bans them all the same), else none. */
  #outsider(group: FakeGroup, userId: string): FakeMember | undefined {
    const author = this.posts.find((p) => p.groupId === group.id && p.author.userId === userId)?.author;
    if (!author) return undefined;
    return this.addMember(group, {
      userId,
      name: author.name,
      email: author.email,
      accountName: 'Unknown',
    });
  }

  #group(g: FakeGroup): AdminGroup {
    const { productIds, ...rest } = g;
    const count = (status: GroupMember['status']) =>
      this.members.filter((m) => m.groupId === g.id && m.status === status).length;
    return {
      ...rest,
      memberCount: count('member'),
      requestCount: count('requested'),
      postCount: this.posts.filter((p) => p.groupId === g.id).length,
      products: productIds.map((id) => ({ id, name: this.products.find((p) => p.id === id)?.name ?? id })),
    };
  }

  #summary(p: FakePost): AdminPostSummary {
    const { body, html: _, comments, ...rest } = p;
    return {
      ...rest,
      groupName: this.groups.find((g) => g.id === p.groupId)?.name ?? '',
      excerpt: body.slice(0, 140),
      commentCount: comments.length,
    };
  }

  #post(p: FakePost): AdminPost {
    return { ...this.#summary(p), body: p.body, html: p.html, comments: p.comments };
  }
}

const memberOf = ({ groupId: _, ...member }: FakeMember): GroupMember => member;

const slugTaken = () => problem(409, 'CONFLICT', 'Another group already uses this slug.');
