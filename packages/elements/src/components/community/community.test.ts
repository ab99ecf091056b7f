import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { Post } from '@portico/sdk';
import {
  FakeCommunities,
  type FakeGroup,
  inCommunitiesProvider,
  minutesAgo,
} from '../../../test/fake-communities.js';
import { json, problem } from '../../../test/fake-portal.js';
import { $, settled } from '../../../test/helpers.js';
import { all, find, text } from '../../../test/queries.js';
import { dangerousNodes, flushTasks, spyOnXss } from '../../../test/xss.js';
import { XSS_PAYLOADS } from '../../../test/xss-payloads.js';
import type { PortalCommunity, PortalPostCreatedEvent } from './community.js';
import './community.js';

const API = '/api/v1/communities/groups';

async function mount(
  fake: FakeCommunities,
  content = html`<portal-community group="makers" login-href="/login"></portal-community>`,
  options: Parameters<typeof inCommunitiesProvider>[3] = {},
): Promise<PortalCommunity> {
  const el = await inCommunitiesProvider<PortalCommunity>(fake, content, 'portal-community', options);
  if (options.signedInAs !== null) await loaded(el);
  return el;
}

async function loaded(el: PortalCommunity) {
  await waitUntil(
    () =>
      find(
        el,
        '#group-title, [part~="load-error"], [part="not-allowed"], [part="not-found"], [part="empty"]',
      ),
    'never loaded',
  );
  await el.updateComplete;
}

/** Waits for the posts (or their empty state). */
async function postsShown(el: PortalCommunity) {
  await waitUntil(() => find(el, '[part~="post-list"], [part~="posts"] [part="empty"]'), 'no posts');
  await el.updateComplete;
}

const titles = (el: PortalCommunity) => all(el, '[part~="post-item"] h4').map(text);
const postTitle = (el: PortalCommunity) => text(find(el, '#post-title'));

async function showsPost(el: PortalCommunity, title: string) {
  await waitUntil(() => postTitle(el) === title, `post ${title} never showed (shows ${postTitle(el)})`, {
    interval: 1,
  });
  await el.updateComplete;
}

/** The button (or link) labelled `label` inside `scope` (the element's shadow root by default). */
function buttonIn(scope: ParentNode, label: string | RegExp): HTMLButtonElement {
  const found = [...scope.querySelectorAll<HTMLButtonElement>('button, a')].find((b) => {
    const t = text(b) ?? '';
    return typeof label === 'string' ? t === label : label.test(t);
  });
  if (!found) throw new Error(`No button ${label}`);
  return found;
}

async function write(el: PortalCommunity, name: string, value: string) {
  const field = $<HTMLInputElement | HTMLTextAreaElement>(el, `[name="${name}"]`);
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Submits the form matching `form` (a part) with its submit button. */
async function send(el: PortalCommunity, form: string) {
  $<HTMLButtonElement>(el, `[part~="${form}"] button[type="submit"]`).click();
  await el.updateComplete;
}

async function answerDialog(el: PortalCommunity, label: string) {
  await waitUntil(() => find(el, 'dialog[open]'), 'no confirmation');
  buttonIn($(el, 'dialog[open]'), label).click();
  await el.updateComplete;
}

const fieldError = (el: PortalCommunity, name: string) => text(find(el, `#${name}-error`));

/** A promise and the function that resolves it: an answer the test gives when it wants. */
function later<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('<portal-community>', () => {
  let fake: FakeCommunities;
  const start = location.href;
  beforeEach(() => {
    fake = new FakeCommunities();
    history.replaceState(null, '', start);
  });
  afterEach(() => {
    history.replaceState(null, '', start);
  });

  /** Makers (Ada a member): a pinned welcome, Ada's printer post with two comments, and Ada's hidden post. */
  function makers(extra: Partial<FakeGroup> = {}) {
    const welcome = fake.post({
      title: 'Welcome',
      body: 'Say **hello**.',
      pinned: true,
      createdAt: minutesAgo(600),
    });
    const printer = fake.post({
      title: 'My printer',
      body: 'It prints **fast**.',
      author: fake.me,
      likeCount: 2,
      createdAt: minutesAgo(120),
      lastActivityAt: minutesAgo(10),
      editedAt: minutesAgo(100),
      comments: [
        fake.comment({ body: 'Which model?', likeCount: 1, createdAt: minutesAgo(60) }),
        fake.comment({ body: 'The small one.', author: fake.me, createdAt: minutesAgo(30) }),
        fake.comment({ body: 'Buy my stuff', author: fake.me, status: 'hidden', createdAt: minutesAgo(20) }),
      ],
    });
    const offTopic = fake.post({
      title: 'Off topic',
      author: fake.me,
      status: 'hidden',
      createdAt: minutesAgo(200),
    });
    const grace = fake.post({ title: 'Grace asks', createdAt: minutesAgo(300) });
    const group = fake.addGroup({
      slug: 'makers',
      name: 'Makers',
      description: 'Show what you built.',
      membership: 'member',
      memberCount: 5,
      notifyReplies: true,
      posts: [grace, printer, welcome, offTopic],
      ...extra,
    });
    return { group, welcome, printer, offTopic, grace };
  }

  async function openPrinter(el: PortalCommunity) {
    await postsShown(el);
    buttonIn(el.shadowRoot!, 'My printer').click();
    await showsPost(el, 'My printer');
  }

  describe('outside the group', () => {
    it('shows the group and the join action; posts are for members', async () => {
      makers({ membership: 'none', join: 'open' });
      const el = await mount(fake);
      expect(text($(el, '#group-title'))).to.equal('Makers');
      expect(text($(el, '[part="description"]'))).to.equal('Show what you built.');
      expect(text($(el, '[part="facts"]'))).to.equal('5 members · 4 posts · Anyone can join');
      expect(text($(el, '[part~="members-only"]'))).to.equal('Join the group to read and write posts.');
      expect(find(el, '[part~="posts"]')).to.equal(null);
      expect(fake.calls.filter((c) => c.path.endsWith('/posts'))).to.have.length(0);
      await expect(el).to.be.accessible();

      const joined = oneEvent(el, 'portal-membership-changed');
      buttonIn(el.shadowRoot!, 'Join').click();
      await joined;
      await postsShown(el);
      expect(text($(el, '[part~="badge"]'))).to.equal('Member');
      expect(titles(el)).to.include('Welcome');
      expect(find(el, '[part="switch"]')).to.exist;
      expect(text($(el, '[role="status"]'))).to.equal('You joined Makers.');
    });

    it('never shows a join answer for the account left while it was on its way', async () => {
      const { group } = makers({ membership: 'none', join: 'open' });
      fake.account.addAccount({ id: 'acct_02', name: 'Difference Engines', role: 'owner' });
      const el = await mount(fake);
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      fake.answer(`POST ${API}/${group.id}/membership`, async () => {
        await held;
        return json(200, { ...group, membership: 'member', memberCount: 6, notifyReplies: true });
      });
      buttonIn(el.shadowRoot!, 'Join').click();
      await el.updateComplete;
      await el.client!.auth.switchAccount({ accountId: 'acct_02' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await el.updateComplete;
      release();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await settled(el);
      // Joining was the other account's: this one is still outside, with no "You joined" and no posts.
      expect(text($(el, '[part~="members-only"]'))).to.equal('Join the group to read and write posts.');
      expect(find(el, '[role="status"]')?.textContent ?? '').to.not.contain('You joined');
    });

    it('asks to join a group on request and says the request waits', async () => {
      makers({ membership: 'none', join: 'request' });
      const el = await mount(fake);
      buttonIn(el.shadowRoot!, 'Ask to join').click();
      await settled(el);
      expect(text($(el, '.heading [part~="badge"]'))).to.equal('Request pending');
      expect(text($(el, '[part~="members-only"]'))).to.equal(
        'Your request to join is waiting for approval. You will see the posts once it is accepted.',
      );
      expect(buttonIn(el.shadowRoot!, 'Withdraw request')).to.exist;
    });

    it('says when the group does not exist or is not open to the person', async () => {
      makers({ invisible: true });
      const el = await mount(fake);
      expect(text($(el, '[part="not-found"]'))).to.equal("This group doesn't exist or isn't open to you.");
      await expect(el).to.be.accessible();
    });

    it('says when the app is off, shows nothing without a group, and asks to sign in', async () => {
      makers();
      fake.available = false;
      let el = await mount(fake);
      expect(text($(el, '[part="not-found"]'))).to.equal("This group doesn't exist or isn't open to you.");

      el = await mount(fake, html`<portal-community></portal-community>`);
      expect(text($(el, '[part="empty"]'))).to.equal('No group to show.');

      el = await mount(fake, undefined, { signedInAs: null });
      await waitUntil(() => find(el, '[part="signed-out"]'));
      expect(text($(el, '[part="signed-out"]'))).to.equal('Sign in to continue. Sign in');
      await expect(el).to.be.accessible();
    });

    it('explains a failed load and tries again', async () => {
      makers();
      fake.answer(`GET ${API}/makers`, () => problem(503, 'UNAVAILABLE', 'Down for maintenance.'));
      const el = await mount(fake);
      expect(text($(el, '[part~="load-error"] p'))).to.equal('Down for maintenance.');
      buttonIn(el.shadowRoot!, 'Try again').click();
      await waitUntil(() => find(el, '#group-title'));
    });
  });

  describe('as a member', () => {
    it('lists posts pinned first, marked, with authors, times and counts', async () => {
      makers();
      const el = await mount(fake);
      await postsShown(el);
      expect(titles(el)).to.deep.equal(['Welcome', 'My printer', 'Off topic', 'Grace asks']);
      const [welcome, printer, offTopic] = all(el, '[part~="post-item"]');
      expect(welcome!.getAttribute('part')).to.equal('post-item pinned');
      expect(text(welcome!.querySelector('[part~="badge"]'))).to.equal('Pinned');
      expect(text(printer!.querySelector('[part="meta"]'))).to.equal(
        'Ada Lovelace (you) · 2 hours ago · edited · 2 likes · 3 comments',
      );
      expect(text(offTopic!.querySelector('[part~="badge"]'))).to.equal('Hidden by a moderator');
      expect(text(all(el, '[part~="post-item"]')[3]!.querySelector('[part="meta"]'))).to.equal(
        'Grace Hopper · 5 hours ago · 0 likes · 0 comments',
      );
      await expect(el).to.be.accessible();
    });

    it('pages the posts with Load more, passing the cursor', async () => {
      makers();
      const el = await mount(fake, html`<portal-community group="makers" page-size="2"></portal-community>`);
      await postsShown(el);
      expect(titles(el)).to.deep.equal(['Welcome', 'My printer']);
      buttonIn(el.shadowRoot!, 'Load more posts').click();
      await settled(el);
      expect(titles(el)).to.deep.equal(['Welcome', 'My printer', 'Off topic', 'Grace asks']);
      const calls = fake.calls.filter((c) => c.path.endsWith('/posts'));
      expect(calls.map((c) => c.query)).to.deep.equal([{ limit: '2' }, { limit: '2', cursor: '2' }]);
      expect(el.shadowRoot!.activeElement?.textContent).to.equal('Off topic');
      expect(find(el, '[part~="more"]')).to.equal(null);
    });

    it('says when there are no posts yet', async () => {
      fake.addGroup({ slug: 'makers', name: 'Makers', membership: 'member' });
      const el = await mount(fake);
      await postsShown(el);
      expect(text($(el, '[part~="posts"] [part="empty"]'))).to.equal('No posts yet. Start the conversation.');
      await expect(el).to.be.accessible();
    });

    it('publishes a post: checks fields, shows server field errors, retries with the same key', async () => {
      const { group } = makers();
      const el = await mount(fake);
      await postsShown(el);
      buttonIn(el.shadowRoot!, 'New post').click();
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[name="title"]'));

      // Checked before any request, as the API would.
      await send(el, 'new-form');
      expect(fieldError(el, 'title')).to.equal('Write a title.');
      expect(fieldError(el, 'body')).to.equal('Write the post.');
      expect(fake.callsTo(`POST ${API}/${group.id}/posts`)).to.have.length(0);

      // The server's field error goes beside its field.
      fake.answer(`POST ${API}/${group.id}/posts`, () =>
        problem(400, 'VALIDATION_FAILED', 'Invalid', [{ path: 'title', message: 'Pick a clearer title' }]),
      );
      await write(el, 'title', 'Hi');
      await write(el, 'body', 'My **first** post.');
      await send(el, 'new-form');
      await settled(el);
      expect(fieldError(el, 'title')).to.equal('Pick a clearer title');
      expect(text($(el, '[part~="new-form"] [role="alert"]'))).to.equal('Check the fields marked below.');
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[name="title"]'));

      // Rate limited: said, and the next try is the same attempt (same Idempotency-Key).
      await write(el, 'title', 'Hello makers');
      fake.answer(`POST ${API}/${group.id}/posts`, () =>
        problem(429, 'RATE_LIMITED', 'Slow down.', undefined, { 'retry-after': '30' }),
      );
      await send(el, 'new-form');
      await settled(el);
      expect(text($(el, '[part~="new-form"] [role="alert"]'))).to.equal(
        'Too many attempts. Try again in 30 s.',
      );

      const created = oneEvent(el, 'portal-post-created') as Promise<PortalPostCreatedEvent>;
      await send(el, 'new-form');
      const event = await created;
      await showsPost(el, 'Hello makers');
      const keys = fake.callsTo(`POST ${API}/${group.id}/posts`).map((c) => c.idempotencyKey);
      expect(keys).to.have.length(3);
      expect(keys[0]).to.be.a('string').and.not.equal(keys[1]);
      expect(keys[2]).to.equal(keys[1]);
      expect(event.detail.post.title).to.equal('Hello makers');
      expect(event.bubbles && event.composed).to.equal(true);
      expect(group.posts.filter((p) => p.title === 'Hello makers')).to.have.length(1);
      expect(el.shadowRoot!.activeElement).to.equal($(el, '#post-title'));
      expect(text($(el, '[part~="post"] [part="body"]'))).to.equal('My first post.');
      expect(text($(el, '[role="status"]'))).to.equal('Your post was published.');
      expect(location.hash).to.equal(`#group/makers/post/${event.detail.post.id}`);

      buttonIn(el.shadowRoot!, /All posts/).click();
      await postsShown(el);
      expect(titles(el)).to.deep.equal(['Welcome', 'Hello makers', 'My printer', 'Off topic', 'Grace asks']);
      expect(text($(el, '[part="facts"]'))).to.equal('5 members · 5 posts · Anyone can join');
    });

    it('retries a post after no answer with the same key, so it is published once', async () => {
      const { group } = makers();
      const el = await mount(fake);
      await postsShown(el);
      buttonIn(el.shadowRoot!, 'New post').click();
      await el.updateComplete;
      await write(el, 'title', 'Once');
      await write(el, 'body', 'Only once.');
      fake.answer(`POST ${API}/${group.id}/posts`, () => Promise.reject(new TypeError('Failed to fetch')));
      await send(el, 'new-form');
      await settled(el);
      expect(text($(el, '[part~="new-form"] [role="alert"]'))).to.not.equal('');
      await send(el, 'new-form');
      await showsPost(el, 'Once');
      const keys = fake.callsTo(`POST ${API}/${group.id}/posts`).map((c) => c.idempotencyKey);
      expect(keys).to.have.length(2);
      expect(keys[1]).to.equal(keys[0]);
    });

    it('shows a post: author, time, edited, rich body, comments oldest first, hidden ones marked', async () => {
      makers();
      const el = await mount(fake);
      await openPrinter(el);
      expect(el.shadowRoot!.activeElement).to.equal($(el, '#post-title'));
      expect(text($(el, '[part="byline"]'))).to.equal('Ada Lovelace (you) · 2 hours ago · edited');
      expect($(el, '[part~="post"] [part="body"] strong').textContent).to.equal('fast');
      const comments = all(el, '[part~="comment"]');
      expect(comments.map((c) => text(c.querySelector('[part="body"]')))).to.deep.equal([
        'Which model?',
        'The small one.',
        'Buy my stuff',
      ]);
      expect(text(comments[0]!.querySelector('[part="author"]'))).to.equal('Grace Hopper');
      expect(text(comments[1]!.querySelector('[part="author"]'))).to.equal('Ada Lovelace (you)');
      expect(comments[2]!.getAttribute('part')).to.equal('comment hidden');
      expect(text(comments[2]!.querySelector('[part~="badge"]'))).to.equal('Hidden by a moderator');
      await expect(el).to.be.accessible();
    });

    it('marks a hidden post of the author as hidden by a moderator', async () => {
      const { offTopic } = makers();
      history.replaceState(null, '', `#group/makers/post/${offTopic.id}`);
      const el = await mount(fake);
      await showsPost(el, 'Off topic');
      expect(text($(el, '[part~="post"] [part~="badge"]'))).to.equal('Hidden by a moderator');
    });

    it('likes at once, with the server’s count, and takes it back', async () => {
      const { group, printer } = makers();
      const el = await mount(fake);
      await openPrinter(el);
      const like = () => $<HTMLButtonElement>(el, `[data-like="${printer.id}"]`);
      expect(like().getAttribute('aria-pressed')).to.equal('false');
      expect(text(like())).to.equal('♡ Like 2');

      const answer = later<Response>();
      fake.answer(`PUT ${API}/${group.id}/posts/${printer.id}/like`, () => answer.promise);
      like().click();
      await el.updateComplete;
      // Shown before the server answers.
      expect(like().getAttribute('aria-pressed')).to.equal('true');
      expect(text(like())).to.equal('♥ Like 3');
      answer.resolve(json(200, { liked: true, likeCount: 7 }));
      await waitUntil(() => text(like()) === '♥ Like 7', 'server count never shown');

      like().click();
      await waitUntil(() => fake.callsTo(`DELETE ${API}/${group.id}/posts/${printer.id}/like`).length === 1);
      await waitUntil(() => like().getAttribute('aria-pressed') === 'false');
      expect(printer.liked).to.equal(false);
    });

    it('sends quick like clicks in order, so what shows is what the server keeps', async () => {
      const { group, printer } = makers();
      const el = await mount(fake);
      await openPrinter(el);
      const like = () => $<HTMLButtonElement>(el, `[data-like="${printer.id}"]`);
      // The like reaches the server late (after the unlike sent just after it), as two connections may.
      const gate = later<void>();
      fake.answer(`PUT ${API}/${group.id}/posts/${printer.id}/like`, async () => {
        await gate.promise;
        if (!printer.liked) {
          printer.liked = true;
          printer.likeCount += 1;
        }
        return json(200, { liked: printer.liked, likeCount: printer.likeCount });
      });
      like().click();
      await el.updateComplete;
      like().click();
      await el.updateComplete;
      expect(like().getAttribute('aria-pressed')).to.equal('false');
      await new Promise((resolve) => setTimeout(resolve, 20));
      gate.resolve();
      await waitUntil(
        () => fake.callsTo(`PUT ${API}/${group.id}/posts/${printer.id}/like`).length === 1,
        'never liked',
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      await el.updateComplete;
      expect(like().getAttribute('aria-pressed')).to.equal(String(printer.liked));
      expect(printer.liked).to.equal(false);
      expect(text(like())).to.equal(`♡ Like ${printer.likeCount}`);
    });

    it('puts a like back when the server refuses it', async () => {
      const { group, printer } = makers();
      const el = await mount(fake);
      await openPrinter(el);
      const comment = printer.comments[0]!;
      fake.answer(`PUT ${API}/${group.id}/posts/${printer.id}/comments/${comment.id}/like`, () =>
        problem(500, 'INTERNAL', 'Could not like.'),
      );
      const like = () => $<HTMLButtonElement>(el, `[data-like="${comment.id}"]`);
      const failed = oneEvent(el, 'portal-error');
      like().click();
      await el.updateComplete;
      expect(like().getAttribute('aria-pressed')).to.equal('true');
      await failed;
      await el.updateComplete;
      expect(like().getAttribute('aria-pressed')).to.equal('false');
      expect(text(like())).to.equal('♡ Like 1');
      expect(text($(el, '[role="alert"]'))).to.equal('Could not like.');
    });

    it('comments, with the same key on a retry, and focuses the new comment', async () => {
      const { group, printer } = makers();
      const el = await mount(fake);
      await openPrinter(el);
      await send(el, 'comment-form');
      expect(fieldError(el, 'comment')).to.equal('Write a comment.');

      await write(el, 'comment', 'Looks **great**');
      const route = `POST ${API}/${group.id}/posts/${printer.id}/comments`;
      fake.answer(route, () => problem(503, 'UNAVAILABLE', 'Try later.'));
      await send(el, 'comment-form');
      await settled(el);
      expect(text($(el, '[part~="comment-form"] [role="alert"]'))).to.equal('Try later.');
      await send(el, 'comment-form');
      await settled(el);
      const keys = fake.callsTo(route).map((c) => c.idempotencyKey);
      expect(keys).to.have.length(2);
      expect(keys[1]).to.equal(keys[0]);
      const comments = all(el, '[part~="comment"]');
      expect(comments).to.have.length(4);
      expect(comments[3]!.querySelector('[part="body"] strong')?.textContent).to.equal('great');
      expect(el.shadowRoot!.activeElement).to.equal(comments[3]);
      expect($<HTMLTextAreaElement>(el, '[name="comment"]').value).to.equal('');
      expect(text($(el, '[role="status"]'))).to.equal('Your comment was added.');
    });

    it('offers edit and delete only on the person’s own post and comments', async () => {
      const { printer, grace } = makers();
      const el = await mount(fake);
      await openPrinter(el);
      expect(find(el, `[data-edit-post="${printer.id}"]`)).to.exist;
      expect(find(el, `[data-delete-post="${printer.id}"]`)).to.exist;
      const [theirs, mine] = printer.comments;
      expect(find(el, `[data-edit-comment="${theirs!.id}"]`)).to.equal(null);
      expect(find(el, `[data-delete-comment="${theirs!.id}"]`)).to.equal(null);
      expect(find(el, `[data-edit-comment="${mine!.id}"]`)).to.exist;

      buttonIn(el.shadowRoot!, /All posts/).click();
      await postsShown(el);
      buttonIn(el.shadowRoot!, 'Grace asks').click();
      await showsPost(el, 'Grace asks');
      expect(find(el, '[part~="edit"]')).to.equal(null);
      expect(find(el, '[part~="delete"]')).to.equal(null);
      expect(find(el, `[data-like="${grace.id}"]`)).to.exist;
    });

    it('edits the own post and comment', async () => {
      const { group, printer } = makers();
      const el = await mount(fake);
      await openPrinter(el);
      $<HTMLButtonElement>(el, `[data-edit-post="${printer.id}"]`).click();
      await el.updateComplete;
      expect($<HTMLInputElement>(el, '[name="editTitle"]').value).to.equal('My printer');
      expect($<HTMLTextAreaElement>(el, '[name="editBody"]').value).to.equal('It prints **fast**.');
      await write(el, 'editTitle', '');
      await send(el, 'edit-form');
      expect(fieldError(el, 'editTitle')).to.equal('Write a title.');
      await write(el, 'editTitle', 'My 3D printer');
      await send(el, 'edit-form');
      await settled(el);
      expect(postTitle(el)).to.equal('My 3D printer');
      expect(el.shadowRoot!.activeElement).to.equal($(el, '#post-title'));
      expect(fake.callsTo(`PATCH ${API}/${group.id}/posts/${printer.id}`)[0]!.body).to.deep.equal({
        title: 'My 3D printer',
        body: 'It prints **fast**.',
      });

      const mine = printer.comments[1]!;
      $<HTMLButtonElement>(el, `[data-edit-comment="${mine.id}"]`).click();
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[name="editComment"]'));
      await write(el, 'editComment', 'The big one.');
      await send(el, 'edit-form');
      await settled(el);
      const comment = $(el, `[data-comment="${mine.id}"]`);
      expect(text(comment.querySelector('[part="body"]'))).to.equal('The big one.');
      expect(text(comment.querySelector('.comment-head'))).to.contain('edited');
      expect(el.shadowRoot!.activeElement).to.equal(comment);
    });

    it('deletes the own comment and post after confirming', async () => {
      const { group, printer } = makers();
      const el = await mount(fake);
      await openPrinter(el);
      const mine = printer.comments[1]!;
      $<HTMLButtonElement>(el, `[data-delete-comment="${mine.id}"]`).click();
      await el.updateComplete;
      expect(text($(el, '#confirm-title'))).to.equal('Delete this comment?');
      await answerDialog(el, 'Cancel');
      expect(all(el, '[part~="comment"]')).to.have.length(3);
      $<HTMLButtonElement>(el, `[data-delete-comment="${mine.id}"]`).click();
      await answerDialog(el, 'Delete comment');
      await settled(el);
      expect(all(el, '[part~="comment"]')).to.have.length(2);
      expect(
        fake.callsTo(`DELETE ${API}/${group.id}/posts/${printer.id}/comments/${mine.id}`),
      ).to.have.length(1);

      $<HTMLButtonElement>(el, `[data-delete-post="${printer.id}"]`).click();
      await answerDialog(el, 'Delete post');
      await settled(el);
      await postsShown(el);
      expect(titles(el)).to.deep.equal(['Welcome', 'Off topic', 'Grace asks']);
      expect(text($(el, '[role="status"]'))).to.equal('Your post was deleted.');
      expect(location.hash).to.equal('#group/makers');
    });

    it('turns reply notifications off and on with a switch, and puts it back on failure', async () => {
      const { group } = makers();
      const el = await mount(fake);
      const box = () => $<HTMLInputElement>(el, '[part="switch"]');
      expect(box().getAttribute('role')).to.equal('switch');
      expect(box().checked).to.equal(true);
      box().click();
      await settled(el);
      expect(fake.callsTo(`PATCH ${API}/${group.id}/membership`)[0]!.body).to.deep.equal({
        notifyReplies: false,
      });
      expect(group.notifyReplies).to.equal(false);
      expect(box().checked).to.equal(false);
      expect(text($(el, '[role="status"]'))).to.equal('Reply notifications are off.');

      fake.answer(`PATCH ${API}/${group.id}/membership`, () => problem(500, 'INTERNAL', 'Nope.'));
      box().click();
      await settled(el);
      expect(box().checked).to.equal(false);
      expect(text($(el, '[role="alert"]'))).to.equal('Nope.');
      await expect(el).to.be.accessible();
    });

    it('leaves the group after confirming', async () => {
      const { group } = makers();
      const el = await mount(fake);
      await postsShown(el);
      buttonIn(el.shadowRoot!, 'Leave group').click();
      await answerDialog(el, 'Leave group');
      await settled(el);
      expect(group.membership).to.equal('none');
      expect(find(el, '[part~="posts"]')).to.equal(null);
      expect(text($(el, '[part~="members-only"]'))).to.equal('Join the group to read and write posts.');
      expect(buttonIn(el.shadowRoot!, 'Join')).to.exist;
    });

    it('reads without buttons or forms with only apps:read', async () => {
      makers();
      fake.asContact(['apps:read']);
      const el = await mount(fake);
      await openPrinter(el);
      expect(text($(el, '[part="not-allowed"]'))).to.contain('You can read the groups');
      expect(find(el, '[part~="comment-form"]')).to.equal(null);
      expect(find(el, '[part="switch"]')).to.equal(null);
      expect(find(el, '[part~="like"]')).to.equal(null);
      expect(find(el, '[part~="edit"]')).to.equal(null);
      expect(text($(el, '[part~="post"] .likes'))).to.equal('2 likes');
    });
  });

  describe('navigation', () => {
    it('follows #group/<slug> and #group/<slug>/post/<id>, focusing the heading', async () => {
      const { printer, welcome } = makers();
      fake.addGroup({ slug: 'other', name: 'Other', membership: 'member' });
      history.replaceState(null, '', '#group/makers');
      const el = await mount(fake, html`<portal-community></portal-community>`);
      expect(text($(el, '#group-title'))).to.equal('Makers');
      await postsShown(el);

      location.hash = `#group/makers/post/${printer.id}`;
      await showsPost(el, 'My printer');
      expect(el.shadowRoot!.activeElement).to.equal($(el, '#post-title'));

      // A click opens a post in place and sets the hash.
      buttonIn(el.shadowRoot!, /All posts/).click();
      await postsShown(el);
      expect(location.hash).to.equal('#group/makers');
      expect(el.shadowRoot!.activeElement).to.equal($(el, '#posts-title'));
      buttonIn(el.shadowRoot!, 'Welcome').click();
      await showsPost(el, 'Welcome');
      expect(location.hash).to.equal(`#group/makers/post/${welcome.id}`);

      location.hash = '#group/other';
      await waitUntil(() => text(find(el, '#group-title')) === 'Other');
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal($(el, '#group-title'));
      expect(find(el, '#post-title')).to.equal(null);
    });

    it('opens the post of a hash that names the group by id when `group` is its slug, and ignores other groups', async () => {
      const { group, printer } = makers();
      const other = fake.addGroup({ slug: 'other', name: 'Other', membership: 'member' });
      history.replaceState(null, '', `#group/${group.id}/post/${printer.id}`);
      const el = await mount(fake);
      await showsPost(el, 'My printer');

      location.hash = `#group/${other.id}`;
      await new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
      await el.updateComplete;
      expect(text($(el, '#group-title'))).to.equal('Makers');
      expect(postTitle(el)).to.equal('My printer');
    });

    it('says when a post does not exist', async () => {
      makers();
      history.replaceState(null, '', '#group/makers/post/pst_missing');
      const el = await mount(fake, html`<portal-community></portal-community>`);
      await waitUntil(() => find(el, '[part~="post-view"], [part="not-found"]'));
      expect(text($(el, '[part="not-found"]'))).to.equal("This post doesn't exist or was deleted.");
      await expect(el).to.be.accessible();
    });

    it('never lets a late answer for a post left replace the one opened since', async () => {
      const { group, printer, welcome } = makers();
      const el = await mount(fake);
      await postsShown(el);
      const slow = later<Response>();
      fake.answer(`GET ${API}/${group.id}/posts/${printer.id}`, () => slow.promise);
      buttonIn(el.shadowRoot!, 'My printer').click();
      await el.updateComplete;
      location.hash = `#group/makers/post/${welcome.id}`;
      await showsPost(el, 'Welcome');
      slow.resolve(json(200, printer));
      await flushTasks();
      expect(postTitle(el)).to.equal('Welcome');
    });
  });

  describe('hostile HTML from the server', () => {
    let xss: ReturnType<typeof spyOnXss>;
    beforeEach(() => {
      xss = spyOnXss();
    });
    afterEach(() => xss.restore());

    it('runs none of the payloads as post HTML', async function (this: { timeout(ms: number): void }) {
      this.timeout(180_000);
      expect(XSS_PAYLOADS.length).to.equal(990);
      const posts: Post[] = XSS_PAYLOADS.map(({ id, markdown }) =>
        // A server that let the Markdown through as HTML (and as the title and excerpt).
        fake.post({ id: `pst_${id}`, title: `XSS ${id}`, body: markdown, html: markdown, excerpt: markdown }),
      );
      fake.addGroup({ slug: 'makers', name: 'Makers', membership: 'member', posts });
      const el = await mount(
        fake,
        html`<portal-community group="makers" page-size="1000"></portal-community>`,
      );
      await postsShown(el);
      expect(all(el, '[part~="post-item"]')).to.have.length(990);
      expect(dangerousNodes(el.shadowRoot!)).to.deep.equal([]);
      for (const { id } of XSS_PAYLOADS) {
        history.replaceState(null, '', `#group/makers/post/pst_${id}`);
        window.dispatchEvent(new HashChangeEvent('hashchange'));
        await showsPost(el, `XSS ${id}`);
        expect(dangerousNodes(el.shadowRoot!), id).to.deep.equal([]);
      }
      await flushTasks();
      expect(xss.calls).to.deep.equal([]);
    });

    it('runs none of the payloads as comment HTML', async function (this: { timeout(ms: number): void }) {
      this.timeout(60_000);
      const post = fake.post({
        title: 'Thread',
        comments: XSS_PAYLOADS.map(({ id, markdown }) =>
          fake.comment({ id: `cmt_${id}`, body: markdown, html: markdown }),
        ),
      });
      fake.addGroup({ slug: 'makers', name: 'Makers', membership: 'member', posts: [post] });
      history.replaceState(null, '', `#group/makers/post/${post.id}`);
      const el = await mount(fake);
      await showsPost(el, 'Thread');
      expect(all(el, '[part~="comment"]')).to.have.length(990);
      await flushTasks();
      expect(xss.calls).to.deep.equal([]);
      expect(dangerousNodes(el.shadowRoot!)).to.deep.equal([]);
    });
  });

  it('speaks Spanish', async () => {
    makers();
    const el = await mount(fake, undefined, { lang: 'es' });
    await postsShown(el);
    expect(text($(el, '[part="facts"]'))).to.equal('5 miembros · 4 publicaciones · Cualquiera puede unirse');
    expect(text($(el, '[part~="post-item"] [part~="badge"]'))).to.equal('Fijada');
    expect(text($(el, 'label[for="notify"]'))).to.equal('Avisarme por correo de las respuestas');
    expect(buttonIn(el.shadowRoot!, 'Nueva publicación')).to.exist;
    expect(buttonIn(el.shadowRoot!, 'Salir del grupo')).to.exist;
    await openPrinter(el);
    expect(text($(el, '[part="byline"]'))).to.equal('Ada Lovelace (tú) · hace 2 horas · editado');
    expect(text($(el, '[part~="comment"].hidden [part~="badge"]'))).to.equal('Oculta por un moderador');
    expect(buttonIn(el.shadowRoot!, 'Comentar')).to.exist;
    await expect(el).to.be.accessible();
  });
});
