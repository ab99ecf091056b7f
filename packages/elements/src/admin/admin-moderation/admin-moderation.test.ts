import { aTimeout, expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminCommunities } from '../../../test/fake-admin-communities.js';
import { fill, mountPage, noticeText, rows } from '../../../test/fake-admin.js';
import { $, button, settled } from '../../../test/helpers.js';
import { dangerousNodes, flushTasks, spyOnXss } from '../../../test/xss.js';
import { XSS_PAYLOADS } from '../../../test/xss-payloads.js';
import './admin-moderation.js';
import type { PortalAdminModeration } from './admin-moderation.js';

const original = location.pathname + location.search;
const API = '/api/admin/v1/communities';

const mount = (
  fake: FakeAdminCommunities,
  postId = '',
  o: { as?: string; lang?: string; pageSize?: number } = {},
) =>
  mountPage<PortalAdminModeration>(
    html`<portal-admin-moderation
      .client=${fake.client()}
      .session=${fake.signIn(o.as ?? 'sam@example.com')}
      post-id=${postId}
      page-size=${o.pageSize ?? 25}
      lang=${o.lang ?? 'en'}
    ></portal-admin-moderation>`,
    fake,
    { as: o.as ?? 'sam@example.com' },
  );

const titles = (el: PortalAdminModeration) => rows(el).map((r) => r.querySelector('a')?.textContent?.trim());
const byLabel = (el: PortalAdminModeration, label: string) =>
  $<HTMLButtonElement>(el, `button[aria-label="${label}"]`);
const comments = (el: PortalAdminModeration) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>('.comments > li'),
];

async function confirm(el: PortalAdminModeration, expected: string) {
  await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no confirmation');
  expect($(el, 'dialog[open]').textContent).to.contain(expected);
  $<HTMLButtonElement>(el, 'dialog[open] [part~="confirm"]').click();
  await aTimeout(0);
  await settled(el);
}

describe('<portal-admin-moderation>', () => {
  let fake: FakeAdminCommunities;
  beforeEach(() => {
    fake = new FakeAdminCommunities();
    history.replaceState(null, '', `${original}#/moderation`);
  });
  afterEach(() => {
    history.replaceState(null, '', original);
  });

  describe('the list', () => {
    it('lists the posts of every group, filtered by group and status, each opening its page', async () => {
      fake.addPost(fake.group('Beta testers'), fake.standing(fake.group('Beta testers'), 'Ada Acme')!, {
        title: 'Beta feedback',
        body: 'The new panel is fast.',
      });
      const el = await mount(fake);
      expect($(el, 'h1').textContent?.trim()).to.equal('Moderation');
      expect(titles(el)).to.deep.equal(['Beta feedback', 'Backups?', 'Spam post', 'Hello everyone']);
      const spam = fake.post('Spam post');
      expect(rows(el)[2]!.querySelector('a')!.getAttribute('href')).to.equal(`#/moderation/${spam.id}`);
      expect(rows(el)[2]!.textContent).to.contain('Hidden');
      expect(rows(el)[1]!.textContent).to.contain('Pinned');
      await expect(el).to.be.accessible();

      await fill(el, 'group', fake.group('Customers').id);
      await waitUntil(() => titles(el).length === 3, 'never filtered by group');
      await fill(el, 'status', 'hidden');
      await waitUntil(() => titles(el).length === 1, 'never filtered by status');
      expect(titles(el)).to.deep.equal(['Spam post']);
      expect(fake.calls.at(-1)?.query).to.deep.equal({
        groupId: fake.group('Customers').id,
        status: 'hidden',
        limit: '25',
      });
      await fill(el, 'group', fake.group('VIP').id);
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="empty"]'), 'never empty');
      expect($(el, '[part~="empty"]').textContent).to.contain('No posts match these filters.');
    });

    it('pages with Load more', async () => {
      const el = await mount(fake, '', { pageSize: 2 });
      expect(titles(el)).to.have.length(2);
      button(el, 'Load more').click();
      await waitUntil(() => titles(el).length === 3, 'never loaded more');
      expect(el.shadowRoot!.textContent).not.to.contain('Load more');
    });
  });

  describe('a post', () => {
    it('shows the post with every comment, hidden ones marked', async () => {
      const post = fake.post('Hello everyone');
      const el = await mount(fake, post.id);
      expect($(el, 'h1').textContent?.trim()).to.equal('Hello everyone');
      expect($(el, '[part~="post"] strong').textContent).to.equal('here');
      expect($(el, '[part~="details"]').textContent).to.contain('Customers');
      expect(comments(el)).to.have.length(2);
      expect(comments(el)[1]!.textContent).to.contain('Hidden — only its author sees it');
      expect(comments(el)[1]!.getAttribute('part')).to.equal('comment hidden');
      await expect(el).to.be.accessible();
    });

    it('pins, hides and unhides the post', async () => {
      const post = fake.post('Hello everyone');
      const el = await mount(fake, post.id);
      button(el, 'Pin').click();
      await waitUntil(() => noticeText(el) === 'The post is pinned to the top of Customers.', 'never pinned');
      expect(post.pinned).to.be.true;
      expect($(el, '.title').textContent).to.contain('Pinned');
      button(el, 'Unpin').click();
      await waitUntil(() => noticeText(el) === 'The post is no longer pinned.', 'never unpinned');
      button(el, 'Hide').click();
      await waitUntil(
        () => noticeText(el) === 'The post is hidden: only its author sees it.',
        'never hidden',
      );
      expect(post.status).to.equal('hidden');
      button(el, 'Unhide').click();
      await waitUntil(() => noticeText(el) === 'The post is visible again.', 'never unhidden');
      expect(fake.callsTo(`${API}/posts/${post.id}/moderation`).map((c) => c.body.action)).to.deep.equal([
        'pin',
        'unpin',
        'hide',
        'unhide',
      ]);
    });

    it('hides, unhides and removes comments', async () => {
      const post = fake.post('Hello everyone');
      const el = await mount(fake, post.id);
      byLabel(el, 'Hide the comment by Carol Globex').click();
      await waitUntil(
        () => noticeText(el) === 'The comment is hidden: only its author sees it.',
        'never hidden',
      );
      expect(post.comments.every((c) => c.status === 'hidden')).to.be.true;
      byLabel(el, 'Unhide the comment by Carol Globex').click();
      await waitUntil(() => noticeText(el) === 'The comment is visible again.', 'never unhidden');

      byLabel(el, 'Remove the comment by Carol Globex').click();
      await confirm(el, 'Remove this comment by Carol Globex?');
      expect(noticeText(el)).to.equal('The comment was removed.');
      expect(comments(el)).to.have.length(1);
      expect(post.comments).to.have.length(1);
    });

    it('bans the post’s author from its group, with a reason', async () => {
      const post = fake.post('Spam post');
      const customers = fake.group('Customers');
      const el = await mount(fake, post.id);
      button(el, 'Ban author from group').click();
      await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no ban dialog');
      expect($(el, 'dialog[open]').textContent).to.contain('Ban Carol Globex from Customers?');
      await fill(el, 'banReason', 'Spam');
      $<HTMLButtonElement>(el, 'dialog[open] [part~="confirm"]').click();
      await waitUntil(() => noticeText(el) === 'Carol Globex was banned from Customers.', 'never banned');
      expect(
        fake.callsTo(`${API}/groups/${customers.id}/members/${post.author.userId}`, 'POST')[0]?.body,
      ).to.deep.equal({
        action: 'ban',
        reason: 'Spam',
      });
      expect(fake.standing(customers, 'Carol Globex')?.status).to.equal('banned');
      await waitUntil(
        () => el.shadowRoot!.activeElement?.textContent?.trim() === 'Ban author from group',
        'focus not back',
      );

      // Banning again is what the server allows: it records the new reason.
      button(el, 'Ban author from group').click();
      await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no ban dialog');
      await fill(el, 'banReason', 'Spam, again');
      $<HTMLButtonElement>(el, 'dialog[open] [part~="confirm"]').click();
      await waitUntil(() => !el.shadowRoot!.querySelector('dialog[open]'), 'dialog never closed');
      expect(fake.standing(customers, 'Carol Globex')).to.deep.include({
        status: 'banned',
        banReason: 'Spam, again',
      });
    });

    it('shows the server’s refusal to ban in the dialog, where the staff member is looking', async () => {
      // A comment's author who left the group and never posted in it has no standing the server can ban.
      const post = fake.post('Hello everyone');
      const customers = fake.group('Customers');
      const carol = fake.standing(customers, 'Carol Globex')!;
      fake.members.splice(fake.members.indexOf(carol), 1);
      fake.posts.splice(fake.posts.indexOf(fake.post('Spam post')), 1);
      const el = await mount(fake, post.id);
      $<HTMLButtonElement>(el, '[aria-label="Ban Carol Globex from the group"]').click();
      await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no ban dialog');
      $<HTMLButtonElement>(el, 'dialog[open] [part~="confirm"]').click();
      await waitUntil(() => el.shadowRoot!.querySelector('#banReason-error'), 'no error');
      expect($(el, '#banReason-error').textContent).to.equal('This person is not a member of the group.');
      expect(fake.standing(customers, 'Carol Globex')).to.equal(undefined);
    });

    it('removes the post after confirming, then goes back to the list', async () => {
      const post = fake.post('Spam post');
      history.replaceState(null, '', `${original}#/moderation/${post.id}`);
      const el = await mount(fake, post.id);
      button(el, 'Remove post').click();
      await confirm(el, 'Remove the post Spam post?');
      await waitUntil(() => location.hash === '#/moderation', 'never went back');
      expect(fake.posts).not.to.include(post);
    });

    it('says when the post does not exist', async () => {
      const el = await mount(fake, 'pst_nope');
      expect($(el, '[part~="load-error"]').textContent).to.contain('There is no such post.');
    });

    it('never runs script from a post’s or comment’s HTML (XSS payloads as a hostile server would send them)', async function (this: {
      timeout(ms: number): void;
    }) {
      this.timeout(20_000);
      const xss = spyOnXss();
      try {
        const customers = fake.group('Customers');
        const ada = fake.standing(customers, 'Ada Acme')!;
        const payloads = XSS_PAYLOADS.slice(0, 150);
        const hostile = fake.addPost(customers, ada, {
          title: 'Hostile',
          body: 'x',
          html: payloads.map((p) => p.markdown).join('\n'),
        });
        for (const p of payloads) fake.addComment(hostile, ada, p.markdown).html = p.markdown;
        const el = await mount(fake, hostile.id);
        expect(comments(el)).to.have.length(payloads.length);
        await flushTasks();
        expect(xss.calls).to.deep.equal([]);
        expect(dangerousNodes(el.shadowRoot!)).to.deep.equal([]);
        expect(el.shadowRoot!.querySelectorAll('form, frame, frameset')).to.have.length(0);
      } finally {
        xss.restore();
      }
    });
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, fake.post('Hello everyone').id, { lang: 'es' });
    expect(button(el, 'Fijar')).to.exist;
    expect(button(el, 'Expulsar al autor del grupo')).to.exist;
    expect(comments(el)[1]!.textContent).to.contain('Oculto: solo lo ve su autor');
    await expect(el).to.be.accessible();
  });
});
