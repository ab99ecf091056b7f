import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createPortalClient, isPortalApiError, type PortalClient } from '../src/index.js';
import { type PorticoServer, startPortico } from './portico-server.js';

const DAY = 86_400_000;

describe('apps against a real Portico server', () => {
  let portico: PorticoServer;
  let baseUrl: string;
  let ada: PortalClient;
  const password = 'correct horse battery staple';

  async function signUp(name: string, email: string, referral?: string): Promise<PortalClient> {
    const portal = createPortalClient({ baseUrl, mode: 'token' });
    await portal.auth.register({ name, email, password, ...(referral ? { referral } : {}) });
    await portal.auth.verifyEmail({ email, code: await portico.codeFor(email) });
    return portal;
  }

  before(async () => {
    portico = await startPortico();
    baseUrl = portico.baseUrl;
    const { settings, db, deps } = portico.app.portico;
    await settings.update({
      apps: {
        affiliates: { enabled: true, access: 'everyone', href: null },
        courses: { enabled: true, access: 'everyone', href: '/courses.html' },
        communities: { enabled: true, access: 'everyone', href: null },
      },
      affiliates: { ...settings.current.affiliates, signup: 'open' },
    });
    const now = deps.clock.now().toISOString();
    await db
      .insertInto('courses')
      .values({
        id: 'crs_01jd0000000000000000000000',
        slug: 'hosting-101',
        title: 'Hosting 101',
        summary: 'From zero to a live site',
        description: 'Start **here**.',
        status: 'published',
        access: 'everyone',
        position: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('course_modules')
      .values({
        id: 'mod_01jd0000000000000000000000',
        course_id: 'crs_01jd0000000000000000000000',
        title: 'Basics',
        position: 0,
        created_at: now,
      })
      .execute();
    await db
      .insertInto('course_lessons')
      .values([
        {
          id: 'lsn_01jd0000000000000000000001',
          course_id: 'crs_01jd0000000000000000000000',
          module_id: 'mod_01jd0000000000000000000000',
          title: 'Your control panel',
          body: 'Sign in at **panel.example.com**.',
          video_url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
          drip_days: 0,
          status: 'published',
          position: 0,
          created_at: now,
          updated_at: now,
        },
        {
          id: 'lsn_01jd0000000000000000000002',
          course_id: 'crs_01jd0000000000000000000000',
          module_id: 'mod_01jd0000000000000000000000',
          title: 'Going live',
          body: 'Point your domain.',
          video_url: null,
          drip_days: 3,
          status: 'published',
          position: 1,
          created_at: now,
          updated_at: now,
        },
      ])
      .execute();
    await db
      .insertInto('community_groups')
      .values({
        id: 'grp_01jd0000000000000000000000',
        slug: 'lounge',
        name: 'Lounge',
        description: 'Say hello',
        join_policy: 'open',
        position: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    ada = await signUp('Ada Lovelace', 'ada@example.com');
  });

  after(async () => {
    await portico?.close();
  });

  test('the switcher lists the apps with where they live', async () => {
    const { apps, portal, profileIncomplete } = await ada.apps.list();
    assert.equal(profileIncomplete, false);
    assert.ok(portal.href.startsWith('http'));
    assert.deepEqual(
      apps.map((a) => a.id),
      ['courses', 'communities', 'affiliates'],
    );
    assert.equal(apps.find((a) => a.id === 'courses')?.href, '/courses.html');
  });

  test('a referral link, a referred registration and the affiliate’s view', async () => {
    const joined = await ada.affiliate.join({ payoutDetails: 'PayPal: ada@example.com' });
    assert.equal(joined.affiliate?.status, 'active');
    const code = joined.affiliate!.code;
    assert.ok(joined.affiliate!.link.includes(`ref=${code}`));

    const visitor = createPortalClient({ baseUrl, mode: 'token' });
    const click = await visitor.affiliate.track(code);
    assert.match(click.referral ?? '', /^clk_/);
    assert.deepEqual(await visitor.affiliate.track('nobody-here'), { referral: null, expiresAt: null });

    await signUp('Grace Hopper', 'grace@example.com', click.referral!);
    const referrals = await ada.affiliate.referrals();
    assert.equal(referrals.items.length, 1);
    assert.equal(referrals.items[0]!.name, 'G. H.');
    const overview = await ada.affiliate.overview();
    assert.equal(overview.affiliate?.stats.clicks, 1);
    assert.equal(overview.affiliate?.stats.signups, 1);
    const error = await ada.affiliate.requestPayout({ amount: 1, currency: 'USD' }).catch((e: unknown) => e);
    assert.ok(isPortalApiError(error), String(error));
    assert.equal(error.code, 'PAYOUT_AMOUNT');
  });

  test('a course: outline, a lesson with its video, completion, and drip refused until its day', async () => {
    const { items } = await ada.courses.list();
    assert.equal(items.length, 1);
    const course = await ada.courses.get('hosting-101');
    assert.equal(course.modules[0]!.lessons.length, 2);
    const [first, second] = course.modules[0]!.lessons;
    assert.equal(second!.available, false);
    assert.ok(second!.opensAt);

    const lesson = await ada.courses.lesson(course.id, first!.id);
    assert.equal(lesson.video?.kind, 'youtube');
    assert.equal(lesson.video?.embedUrl, 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    assert.match(lesson.html, /<strong>panel\.example\.com<\/strong>/);
    const done = await ada.courses.complete(course.id, first!.id);
    assert.equal(done.completed, true);
    assert.equal(done.progress.percent, 50);

    const locked = await ada.courses.lesson(course.id, second!.id).catch((e: unknown) => e);
    assert.ok(isPortalApiError(locked), String(locked));
    assert.equal(locked.status, 403);
    assert.equal(locked.code, 'LESSON_LOCKED');

    portico.clock.advance(3 * DAY);
    const open = await ada.courses.lesson(course.id, second!.id);
    assert.equal(open.title, 'Going live');

    const missing = await ada.courses.get('no-such-course').catch((e: unknown) => e);
    assert.ok(isPortalApiError(missing));
    assert.equal(missing.status, 404);
  });

  test('a community: join, post, comment, like, notifications', async () => {
    const group = await ada.communities.join('lounge');
    assert.equal(group.membership, 'member');
    const post = await ada.communities.createPost(group.id, {
      title: 'Hello',
      body: 'First post <script>alert(1)</script> **here**',
    });
    assert.doesNotMatch(post.html, /<script/i);
    assert.match(post.html, /<strong>here<\/strong>/);
    const comment = await ada.communities.comment(group.id, post.id, { body: 'And a comment' });
    assert.equal(comment.author.you, true);
    assert.deepEqual(await ada.communities.likePost(group.id, post.id), { liked: true, likeCount: 1 });
    assert.deepEqual(await ada.communities.likePost(group.id, post.id), { liked: true, likeCount: 1 });
    const quiet = await ada.communities.setNotifications(group.id, false);
    assert.equal(quiet.notifyReplies, false);
    const page = await ada.communities.posts(group.id);
    assert.equal(page.items[0]!.commentCount, 1);
  });
});
