import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Client } from './billing-helpers.js';
import {
  ADMIN,
  as,
  GROUPS,
  member,
  newGroup,
  ok,
  startCommunities,
  writeComment,
  writePost,
} from './communities-helpers.js';
import type { TestServer } from './helpers.js';

describe('communities: reply notifications', () => {
  let s: TestServer;
  let staff: Record<string, string>;
  let group: any;
  let ada: Client;
  let bob: Client;
  let cleo: Client;
  let dan: Client;

  /** The reply mails each of `people` got since `since` (a count of sent mails). */
  const repliesTo = async (since: number, ...people: Client[]) => {
    await s.app.portico.outbox.deliverDue();
    const fresh = s.mail.sent.slice(since).filter((m) => /replied to/.test(m.subject));
    return people.map((p) => fresh.filter((m) => m.to === p.email).length);
  };

  /** Delivers what is queued, then answers how many mails went out so far. */
  const markNow = async () => {
    await s.app.portico.outbox.deliverDue();
    return s.mail.sent.length;
  };

  before(async () => {
    ({ s, staff } = await startCommunities());
    group = await newGroup(s, staff, { name: 'Hosting help' });
    ada = await member(s, 'ada@notify.test', group.id, 'Ada Lovelace');
    bob = await member(s, 'bob@notify.test', group.id, 'Bob Builder');
    cleo = await member(s, 'cleo@notify.test', group.id, 'Cleo Patra');
    dan = await member(s, 'dan@notify.test', group.id, 'Dan Druff');
    await s.app.portico.outbox.deliverDue();
  });
  after(() => s.close());

  test('the author and earlier commenters are mailed once each; the replier is not', async () => {
    const post = await writePost(s, ada, group.id, 'PHP version');
    let mark = await markNow();
    await writeComment(s, bob, group.id, post.id, 'Which one do you need?');
    assert.deepEqual(await repliesTo(mark, ada, bob, cleo, dan), [1, 0, 0, 0]);
    // Bob comments twice: still one mail per person per reply.
    await writeComment(s, bob, group.id, post.id, 'Also, which site?');
    mark = await markNow();
    await writeComment(
      s,
      cleo,
      group.id,
      post.id,
      `Try 8.3. ${'It is much faster than 7.4 and supported for longer. '.repeat(20)}`,
    );
    assert.deepEqual(await repliesTo(mark, ada, bob, cleo, dan), [1, 1, 0, 0]);
    const mail = s.mail.sent.slice(mark).find((m) => m.to === ada.email)!;
    assert.equal(mail.subject, 'Cleo Patra replied to “PHP version”');
    assert.match(mail.text, /Cleo Patra replied to “PHP version” in Hosting help:/);
    assert.match(mail.text, /“Try 8\.3\. It is much faster/);
    assert.ok(mail.text.length < 2000, 'the quote is short');
    assert.match(mail.text, new RegExp(`/communities#group/hosting-help/post/${post.id}`));
    assert.match(mail.text, /turn off reply notifications in the group Hosting help/);
    assert.doesNotMatch(mail.text + mail.html, /cleo@notify\.test/);
    // The author replying to their own post tells the commenters, not themself.
    mark = await markNow();
    await writeComment(s, ada, group.id, post.id, 'Thanks both!');
    assert.deepEqual(await repliesTo(mark, ada, bob, cleo, dan), [0, 1, 1, 0]);
  });

  test('the quote is plain text, whatever the Markdown', async () => {
    const post = await writePost(s, ada, group.id, 'Markup');
    const mark = await markNow();
    await writeComment(
      s,
      bob,
      group.id,
      post.id,
      '**Bold** and <script>alert(1)</script> [a link](https://x.example)',
    );
    await s.app.portico.outbox.deliverDue();
    const mail = s.mail.sent.slice(mark).find((m) => m.to === ada.email)!;
    assert.match(mail.text, /“Bold and <script>alert\(1\)<\/script> a link”/);
    assert.doesNotMatch(mail.html, /<script>/);
  });

  test('nobody who turned it off, left, was banned or is disabled', async () => {
    const g = await newGroup(s, staff, { name: 'Quiet' });
    const author = await member(s, 'author@notify.test', g.id);
    const off = await member(s, 'off@notify.test', g.id);
    const leaver = await member(s, 'leaver@notify.test', g.id);
    const banned = await member(s, 'banned@notify.test', g.id);
    const disabled = await member(s, 'disabled@notify.test', g.id);
    const stays = await member(s, 'stays@notify.test', g.id);
    const post = await writePost(s, author, g.id, 'Thread');
    for (const who of [off, leaver, banned, disabled, stays])
      await writeComment(s, who, g.id, post.id, 'me too');
    ok(await as(s, off, 'PATCH', `${GROUPS}/${g.id}/membership`, { notifyReplies: false }));
    ok(await as(s, author, 'PATCH', `${GROUPS}/${g.id}/membership`, { notifyReplies: false }));
    ok(await as(s, leaver, 'DELETE', `${GROUPS}/${g.id}/membership`));
    ok(
      await s.request('POST', `${ADMIN}/groups/${g.id}/members/${banned.userId}`, {
        headers: staff,
        body: { action: 'ban' },
      }),
    );
    await s.app.portico.db
      .updateTable('users')
      .set({ disabled_at: s.clock.now().toISOString() })
      .where('id', '=', disabled.userId)
      .execute();
    const replier = await member(s, 'replier@notify.test', g.id);
    const mark = await markNow();
    await writeComment(s, replier, g.id, post.id, 'A reply');
    assert.deepEqual(
      await repliesTo(mark, author, off, leaver, banned, disabled, stays, replier),
      [0, 0, 0, 0, 0, 1, 0],
    );
    // Turned back on: mailed again.
    ok(await as(s, off, 'PATCH', `${GROUPS}/${g.id}/membership`, { notifyReplies: true }));
    const again = await markNow();
    await writeComment(s, replier, g.id, post.id, 'Another');
    assert.deepEqual(await repliesTo(again, off, stays), [1, 1]);
  });

  test('a reply on a hidden post tells nobody (nobody else can see it)', async () => {
    const post = await writePost(s, dan, group.id, 'Will be hidden');
    await writeComment(s, bob, group.id, post.id, 'first');
    ok(
      await s.request('POST', `${ADMIN}/posts/${post.id}/moderation`, {
        headers: staff,
        body: { action: 'hide' },
      }),
    );
    const mark = await markNow();
    await writeComment(s, dan, group.id, post.id, 'only I can see this');
    assert.deepEqual(await repliesTo(mark, bob, dan), [0, 0]);
  });
});
