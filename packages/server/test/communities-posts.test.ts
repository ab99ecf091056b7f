import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Parser } from 'htmlparser2';
import { type Client, key, newClient } from './billing-helpers.js';
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

/** A URL's scheme as a browser reads it: whitespace and controls dropped. */
function schemeOf(url: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers drop these from URLs, so must the check
  const squeezed = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  return /^([a-z][a-z0-9+.-]*):/.exec(squeezed)?.[1];
}

/** Everything script-capable in an HTML string, read as a browser's parser would (see content-markdown.test.ts). */
function scriptCapable(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (
          ['script', 'iframe', 'object', 'embed', 'svg', 'math', 'style', 'form', 'base', 'meta'].includes(
            name,
          )
        )
          found.push(`<${name}>`);
        for (const [attr, value] of Object.entries(attribs)) {
          if (/^on/i.test(attr)) found.push(`<${name} ${attr}>`);
          if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attr)) {
            const scheme = schemeOf(value);
            if (scheme && !['http', 'https', 'mailto'].includes(scheme))
              found.push(`<${name} ${attr}="${value}">`);
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '[click me](javascript:alert(1))',
  '[tab](jav&#x09;ascript:alert(1))',
  '<a href="javascript:alert(1)">raw</a>',
  '![img](javascript:alert(1))',
  '<svg onload=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
].join('\n\n');

describe('communities: posts, comments, likes', () => {
  let s: TestServer;
  let staff: Record<string, string>;
  let group: any;
  let ada: Client;
  let bob: Client;
  let cleo: Client;
  const posts = () => `${GROUPS}/${group.id}/posts`;

  before(async () => {
    ({ s, staff } = await startCommunities());
    group = await newGroup(s, staff, { name: 'Town square' });
    ada = await member(s, 'ada@posts.test', group.id, 'Ada Lovelace');
    bob = await member(s, 'bob@posts.test', group.id, 'Bob Builder');
    cleo = await member(s, 'cleo@posts.test', group.id, 'Cleo Patra');
  });
  after(() => s.close());

  test('a post renders its Markdown, names its author (never an email) and marks the reader’s own', async () => {
    const post = await writePost(
      s,
      ada,
      group.id,
      'Backups',
      'Run **daily** backups.\n\nSee https://example.com',
    );
    assert.equal(post.author.name, 'Ada Lovelace');
    assert.equal(post.author.you, true);
    assert.match(post.html, /<strong>daily<\/strong>/);
    assert.equal(post.excerpt, 'Run daily backups. See https://example.com');
    assert.equal(post.body, 'Run **daily** backups.\n\nSee https://example.com');
    const seen = ok(await as(s, bob, 'GET', `${posts()}/${post.id}`));
    assert.equal(seen.author.you, false);
    assert.equal(seen.body, '', 'the Markdown source is for its author only');
    assert.doesNotMatch(JSON.stringify(seen), /ada@posts\.test/);
    const list = ok(await as(s, bob, 'GET', posts()));
    assert.doesNotMatch(JSON.stringify(list), /@posts\.test/);
  });

  test('Idempotency-Key: the same post sent twice is made once', async () => {
    const headers = { 'idempotency-key': key() };
    const body = { title: 'Twice', body: 'Sent twice' };
    const first = ok(await as(s, ada, 'POST', posts(), body, headers), 201);
    const again = await as(s, ada, 'POST', posts(), body, headers);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.body.id, first.id);
    const rows = await s.app.portico.db
      .selectFrom('community_posts')
      .select('id')
      .where('title', '=', 'Twice')
      .execute();
    assert.equal(rows.length, 1);
  });

  test('bad input is a 400 with field errors, never a 500', async () => {
    const r = await as(s, ada, 'POST', posts(), { title: '   ', body: 'x'.repeat(20_001) });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body.errors.map((e: any) => e.path).sort(), ['body', 'title']);
    const cursor = await as(s, ada, 'GET', `${posts()}?cursor=not-a-cursor`);
    assert.equal(cursor.status, 400);
  });

  test('pinned posts first, then latest activity; a comment moves a post up; pages follow the order', async () => {
    const g = await newGroup(s, staff, { name: 'Ordering' });
    const dan = await member(s, 'dan@posts.test', g.id);
    const made: any[] = [];
    for (const title of ['one', 'two', 'three', 'four', 'five']) {
      made.push(await writePost(s, dan, g.id, title));
      s.clock.advance(60_000);
    }
    // A comment on "two" makes it the latest activity; staff pin "one".
    await writeComment(s, dan, g.id, made[1].id, 'bump');
    ok(
      await s.request('POST', `${ADMIN}/posts/${made[0].id}/moderation`, {
        headers: staff,
        body: { action: 'pin' },
      }),
    );
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = ok(
        await as(s, dan, 'GET', `${GROUPS}/${g.id}/posts?limit=2${cursor ? `&cursor=${cursor}` : ''}`),
      );
      assert.ok(page.items.length <= 2);
      titles.push(...page.items.map((p: any) => p.title));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(titles, ['one', 'two', 'five', 'four', 'three']);
    const first = ok(await as(s, dan, 'GET', `${GROUPS}/${g.id}/posts`)).items[0];
    assert.equal(first.pinned, true);
    const view = ok(await as(s, dan, 'GET', `${GROUPS}/${g.id}`));
    assert.equal(view.postCount, 5);
    assert.equal(
      view.lastActivityAt,
      (
        await s.app.portico.db
          .selectFrom('community_posts')
          .select('last_activity_at')
          .where('id', '=', made[1].id)
          .executeTakeFirstOrThrow()
      ).last_activity_at,
    );
  });

  test('a hidden post or comment: its author sees it marked hidden; others never see it or count it', async () => {
    const post = await writePost(s, bob, group.id, 'Off topic');
    const other = await writePost(s, ada, group.id, 'On topic');
    const hiddenComment = await writeComment(s, bob, group.id, other.id, 'rude words');
    await writeComment(s, cleo, group.id, other.id, 'kind words');
    const before = ok(await as(s, ada, 'GET', `${GROUPS}/${group.id}`)).postCount;
    ok(
      await s.request('POST', `${ADMIN}/posts/${post.id}/moderation`, {
        headers: staff,
        body: { action: 'hide' },
      }),
    );
    ok(
      await s.request('POST', `${ADMIN}/comments/${hiddenComment.id}/moderation`, {
        headers: staff,
        body: { action: 'hide' },
      }),
    );
    // The author.
    const mine = ok(await as(s, bob, 'GET', `${posts()}/${post.id}`));
    assert.equal(mine.status, 'hidden');
    const bobList = ok(await as(s, bob, 'GET', `${posts()}?limit=100`)).items;
    assert.equal(bobList.find((p: any) => p.id === post.id)?.status, 'hidden');
    const bobThread = ok(await as(s, bob, 'GET', `${posts()}/${other.id}`));
    assert.equal(bobThread.comments.find((c: any) => c.id === hiddenComment.id)?.status, 'hidden');
    assert.equal(bobThread.commentCount, 2);
    assert.equal(ok(await as(s, bob, 'GET', `${GROUPS}/${group.id}`)).postCount, before);
    // Everyone else.
    assert.equal((await as(s, ada, 'GET', `${posts()}/${post.id}`)).status, 404);
    assert.equal((await as(s, ada, 'PUT', `${posts()}/${post.id}/like`)).status, 404);
    assert.equal((await as(s, ada, 'POST', `${posts()}/${post.id}/comments`, { body: 'hi' })).status, 404);
    const adaList = ok(await as(s, ada, 'GET', `${posts()}?limit=100`)).items;
    assert.ok(!adaList.some((p: any) => p.id === post.id));
    assert.ok(adaList.every((p: any) => p.status === 'visible'));
    const adaThread = ok(await as(s, ada, 'GET', `${posts()}/${other.id}`));
    assert.deepEqual(
      adaThread.comments.map((c: any) => c.body === '' && c.html.includes('kind')),
      [true],
    );
    assert.equal(adaThread.commentCount, 1);
    assert.equal(adaList.find((p: any) => p.id === other.id).commentCount, 1);
    assert.equal(
      (await as(s, ada, 'PUT', `${posts()}/${other.id}/comments/${hiddenComment.id}/like`)).status,
      404,
    );
    assert.equal(ok(await as(s, ada, 'GET', `${GROUPS}/${group.id}`)).postCount, before - 1);
    // Staff see it all.
    const staffView = ok(await s.request('GET', `${ADMIN}/posts/${other.id}`, { headers: staff }));
    assert.deepEqual(
      staffView.comments.map((c: any) => c.status),
      ['hidden', 'visible'],
    );
    // Unhidden: back for everyone, counted again.
    ok(
      await s.request('POST', `${ADMIN}/posts/${post.id}/moderation`, {
        headers: staff,
        body: { action: 'unhide' },
      }),
    );
    ok(await as(s, ada, 'GET', `${posts()}/${post.id}`));
    assert.equal(ok(await as(s, ada, 'GET', `${GROUPS}/${group.id}`)).postCount, before);
  });

  test('removed posts and comments are gone for everyone, with their likes, and the counts follow', async () => {
    const post = await writePost(s, cleo, group.id, 'To remove');
    const comment = await writeComment(s, ada, group.id, post.id, 'Soon gone');
    await writeComment(s, bob, group.id, post.id, 'Stays');
    ok(await as(s, bob, 'PUT', `${posts()}/${post.id}/comments/${comment.id}/like`));
    ok(await as(s, bob, 'PUT', `${posts()}/${post.id}/like`));
    const countBefore = ok(await as(s, ada, 'GET', `${GROUPS}/${group.id}`)).postCount;
    const after = ok(await s.request('DELETE', `${ADMIN}/comments/${comment.id}`, { headers: staff }));
    assert.equal(after.commentCount, 1);
    assert.equal(after.comments.length, 1);
    const thread = ok(await as(s, cleo, 'GET', `${posts()}/${post.id}`));
    assert.equal(thread.commentCount, 1);
    assert.ok(!thread.comments.some((c: any) => c.id === comment.id));
    assert.equal(
      (await as(s, ada, 'PATCH', `${posts()}/${post.id}/comments/${comment.id}`, { body: 'x' })).status,
      404,
    );
    assert.equal((await s.request('DELETE', `${ADMIN}/posts/${post.id}`, { headers: staff })).status, 204);
    assert.equal((await as(s, cleo, 'GET', `${posts()}/${post.id}`)).status, 404);
    assert.equal((await s.request('GET', `${ADMIN}/posts/${post.id}`, { headers: staff })).status, 404);
    assert.equal(ok(await as(s, ada, 'GET', `${GROUPS}/${group.id}`)).postCount, countBefore - 1);
    const { db } = s.app.portico;
    assert.equal(
      (await db.selectFrom('community_comments').select('id').where('post_id', '=', post.id).execute())
        .length,
      0,
    );
    assert.equal(
      (
        await db
          .selectFrom('community_likes')
          .select('target_id')
          .where('target_id', 'in', [post.id, comment.id])
          .execute()
      ).length,
      0,
    );
  });

  test('likes: twice changes nothing, and parallel likes of many people count exactly', async () => {
    const post = await writePost(s, ada, group.id, 'Like me');
    const one = ok(await as(s, bob, 'PUT', `${posts()}/${post.id}/like`));
    assert.deepEqual(one, { liked: true, likeCount: 1 });
    assert.deepEqual(ok(await as(s, bob, 'PUT', `${posts()}/${post.id}/like`)), {
      liked: true,
      likeCount: 1,
    });
    assert.deepEqual(ok(await as(s, bob, 'DELETE', `${posts()}/${post.id}/like`)), {
      liked: false,
      likeCount: 0,
    });
    assert.deepEqual(ok(await as(s, bob, 'DELETE', `${posts()}/${post.id}/like`)), {
      liked: false,
      likeCount: 0,
    });
    const crowd = [ada, bob, cleo];
    for (let i = 0; i < 7; i++) crowd.push(await member(s, `fan${i}@posts.test`, group.id));
    // Each person likes three times at once: ten likes in all.
    const answers = await Promise.all(
      crowd.flatMap((c) => [1, 2, 3].map(() => as(s, c, 'PUT', `${posts()}/${post.id}/like`))),
    );
    assert.ok(answers.every((r) => r.status === 200));
    const seen = ok(await as(s, bob, 'GET', `${posts()}/${post.id}`));
    assert.equal(seen.likeCount, 10);
    assert.equal(seen.liked, true);
    // Half take theirs back at once, twice each.
    await Promise.all(
      crowd.slice(0, 5).flatMap((c) => [1, 2].map(() => as(s, c, 'DELETE', `${posts()}/${post.id}/like`))),
    );
    assert.equal(ok(await as(s, ada, 'GET', `${posts()}/${post.id}`)).likeCount, 5);
    assert.equal(ok(await as(s, ada, 'GET', `${posts()}/${post.id}`)).liked, false);
    const stored = await s.app.portico.db
      .selectFrom('community_likes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('target_id', '=', post.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), 5);
    // Comments too.
    const comment = await writeComment(s, bob, group.id, post.id, 'Liked?');
    await Promise.all(crowd.map((c) => as(s, c, 'PUT', `${posts()}/${post.id}/comments/${comment.id}/like`)));
    const thread = ok(await as(s, cleo, 'GET', `${posts()}/${post.id}`));
    assert.equal(thread.comments.at(-1).likeCount, 10);
    assert.equal(thread.comments.at(-1).liked, true);
  });

  test('one person cannot edit or delete another’s post or comment; their own they can', async () => {
    const post = await writePost(s, ada, group.id, 'Mine', 'original');
    const comment = await writeComment(s, ada, group.id, post.id, 'my comment');
    const bobs = await writeComment(s, bob, group.id, post.id, 'bob comment');
    const path = `${posts()}/${post.id}`;
    assert.equal((await as(s, bob, 'PATCH', path, { title: 'Hijacked' })).status, 404);
    assert.equal((await as(s, bob, 'DELETE', path)).status, 404);
    assert.equal(
      (await as(s, bob, 'PATCH', `${path}/comments/${comment.id}`, { body: 'Hijacked' })).status,
      404,
    );
    assert.equal((await as(s, bob, 'DELETE', `${path}/comments/${comment.id}`)).status, 404);
    // A comment id of another post, or a post id of another group, is not found either.
    const elsewhere = await writePost(s, bob, group.id, 'Elsewhere');
    assert.equal(
      (await as(s, ada, 'PATCH', `${posts()}/${elsewhere.id}/comments/${comment.id}`, { body: 'x' })).status,
      404,
    );
    const g2 = await newGroup(s, staff, { name: 'Other room' });
    ok(await as(s, ada, 'POST', `${GROUPS}/${g2.id}/membership`));
    assert.equal((await as(s, ada, 'GET', `${GROUPS}/${g2.id}/posts/${post.id}`)).status, 404);
    const still = ok(await as(s, ada, 'GET', path));
    assert.equal(still.title, 'Mine');
    assert.equal(still.editedAt, null);
    assert.equal(still.comments.length, 2);
    // The author edits and deletes.
    s.clock.advance(1000);
    const edited = ok(await as(s, ada, 'PATCH', path, { body: 'changed' }));
    assert.equal(edited.title, 'Mine');
    assert.equal(edited.body, 'changed');
    assert.equal(edited.editedAt, s.clock.now().toISOString());
    const editedComment = ok(await as(s, ada, 'PATCH', `${path}/comments/${comment.id}`, { body: 'better' }));
    assert.equal(editedComment.body, 'better');
    assert.ok(editedComment.editedAt);
    assert.equal((await as(s, ada, 'DELETE', `${path}/comments/${comment.id}`)).status, 204);
    assert.equal(ok(await as(s, ada, 'GET', path)).commentCount, 1);
    assert.equal((await as(s, bob, 'DELETE', `${path}/comments/${bobs.id}`)).status, 204);
    assert.equal((await as(s, ada, 'DELETE', path)).status, 204);
    assert.equal((await as(s, ada, 'GET', path)).status, 404);
  });

  test('XSS: a post and a comment with script, onerror and javascript: links render nothing script-capable', async () => {
    assert.deepEqual(scriptCapable('<img src=x onerror=alert(1)><a href="javascript:x">a</a>').length, 2);
    const post = await writePost(s, ada, group.id, '<script>alert(1)</script>', XSS);
    const comment = await writeComment(s, bob, group.id, post.id, XSS);
    const thread = ok(await as(s, cleo, 'GET', `${posts()}/${post.id}`));
    for (const html of [post.html, comment.html, thread.html, thread.comments[0].html]) {
      assert.deepEqual(scriptCapable(html), [], html);
      // What is left of the payloads is text: no element but the allowed ones.
      assert.doesNotMatch(html, /<(script|img|svg|iframe)\b/i);
    }
    // The title is text: it is never rendered as HTML by the server.
    assert.equal(thread.title, '<script>alert(1)</script>');
    const staffView = ok(await s.request('GET', `${ADMIN}/posts/${post.id}`, { headers: staff }));
    assert.deepEqual(scriptCapable(staffView.html + staffView.comments[0].html), []);
  });

  test('membership: leave and join again, reply notifications toggle, counts kept', async () => {
    const g = await newGroup(s, staff, { name: 'Comings and goings' });
    const eve = await newClient(s, 'eve@posts.test');
    const joined = ok(await as(s, eve, 'POST', `${GROUPS}/${g.id}/membership`));
    assert.equal(joined.memberCount, 1);
    assert.equal(joined.notifyReplies, true);
    assert.equal(ok(await as(s, eve, 'POST', `${GROUPS}/${g.id}/membership`)).memberCount, 1);
    const off = ok(await as(s, eve, 'PATCH', `${GROUPS}/${g.id}/membership`, { notifyReplies: false }));
    assert.equal(off.notifyReplies, false);
    const left = ok(await as(s, eve, 'DELETE', `${GROUPS}/${g.id}/membership`));
    assert.equal(left.membership, 'none');
    assert.equal(left.memberCount, 0);
    assert.equal(left.notifyReplies, false);
    assert.equal(ok(await as(s, eve, 'POST', `${GROUPS}/${g.id}/membership`)).notifyReplies, true);
  });

  test('a request to join: staff are mailed; approve lets them in, decline does not', async () => {
    const club = await newGroup(s, staff, { name: 'Inner circle', join: 'request' });
    const fred = await newClient(s, 'fred@posts.test');
    const gina = await newClient(s, 'gina@posts.test');
    const asked = ok(await as(s, fred, 'POST', `${GROUPS}/${club.slug}/membership`));
    assert.equal(asked.membership, 'requested');
    assert.equal(asked.memberCount, 0);
    assert.equal(ok(await as(s, fred, 'POST', `${GROUPS}/${club.id}/membership`)).membership, 'requested');
    ok(await as(s, gina, 'POST', `${GROUPS}/${club.id}/membership`));
    const admin = s.mail.sent.length;
    await s.app.portico.outbox.deliverDue();
    const notices = s.mail.sent.slice(admin).filter((m) => /Request to join Inner circle/.test(m.subject));
    assert.ok(notices.length >= 2, 'each request mailed staff');
    assert.match(notices[0]!.text, /\/admin#\/communities/);
    assert.match(notices[0]!.text, /fred/);
    const requests = ok(
      await s.request('GET', `${ADMIN}/groups/${club.id}/members?status=requested`, { headers: staff }),
    );
    assert.deepEqual(requests.items.map((m: any) => m.email).sort(), ['fred@posts.test', 'gina@posts.test']);
    assert.equal(
      ok(await s.request('GET', `${ADMIN}/groups/${club.id}`, { headers: staff })).requestCount,
      2,
    );
    const approved = ok(
      await s.request('POST', `${ADMIN}/groups/${club.id}/members/${fred.userId}`, {
        headers: staff,
        body: { action: 'approve' },
      }),
    );
    assert.equal(approved.status, 'member');
    assert.ok(approved.joinedAt);
    // Approving twice is a conflict: there is no request any more.
    const twice = await s.request('POST', `${ADMIN}/groups/${club.id}/members/${fred.userId}`, {
      headers: staff,
      body: { action: 'approve' },
    });
    assert.equal(twice.status, 409);
    ok(
      await s.request('POST', `${ADMIN}/groups/${club.id}/members/${gina.userId}`, {
        headers: staff,
        body: { action: 'decline' },
      }),
    );
    const fredView = ok(await as(s, fred, 'GET', `${GROUPS}/${club.id}`));
    assert.equal(fredView.membership, 'member');
    assert.equal(fredView.memberCount, 1);
    await writePost(s, fred, club.id, 'In at last');
    const ginaView = ok(await as(s, gina, 'GET', `${GROUPS}/${club.id}`));
    assert.equal(ginaView.membership, 'none');
    assert.equal((await as(s, gina, 'GET', `${GROUPS}/${club.id}/posts`)).status, 404);
    // She may ask again.
    assert.equal(ok(await as(s, gina, 'POST', `${GROUPS}/${club.id}/membership`)).membership, 'requested');
    // Withdrawing a request.
    assert.equal(ok(await as(s, gina, 'DELETE', `${GROUPS}/${club.id}/membership`)).membership, 'none');
  });
  test('posting is rate-limited per person (429 with Retry-After); others can still post', async () => {
    const g = await newGroup(s, staff, { name: 'Busy room' });
    const spammer = await member(s, 'spam@posts.test', g.id);
    const other = await member(s, 'calm@posts.test', g.id);
    let limited: any;
    for (let i = 0; i < 15 && !limited; i++) {
      const r = await as(s, spammer, 'POST', `${GROUPS}/${g.id}/posts`, { title: `#${i}`, body: 'buy now' });
      if (r.status === 429) limited = r;
      else assert.equal(r.status, 201);
    }
    assert.ok(limited, 'the limit was never reached');
    assert.equal(limited.body.code, 'RATE_LIMITED');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    await writePost(s, other, g.id, 'Still fine');
    s.clock.advance(3_600_000);
    await writePost(s, spammer, g.id, 'An hour later');
  });
});
