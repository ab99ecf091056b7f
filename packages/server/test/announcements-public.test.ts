import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StaffLogin, TestServer } from './helpers.js';
import { staffSession } from './helpers.js';
import { auditActions, publicGet, setSections, staffCall, startNewsServer } from './news-helpers.js';
import { assertOnePlan, selectsDuring } from './query-plans.js';

describe('announcements: what clients see and what staff write', () => {
  let s: TestServer;
  let admin: StaffLogin;
  before(async () => {
    ({ s, admin } = await startNewsServer());
  });
  after(() => s.close());

  const create = (body: Record<string, unknown>, expect = 201) =>
    staffCall(s, admin, 'POST', '/announcements', body, expect);

  test('a draft is never public; a scheduled one appears when its time comes', async () => {
    const draft = await create({ title: 'Quiet draft', body: 'Not yet.' });
    assert.equal(draft.publishedAt, null);
    const inAnHour = new Date(s.clock.now().getTime() + 3_600_000).toISOString();
    const scheduled = await create({
      title: 'Scheduled news',
      body: 'Soon **bold**.',
      publishedAt: inAnHour,
    });

    const before = await publicGet(s, '/announcements', 200);
    assert.ok(!before.items.some((a: any) => [draft.id, scheduled.id].includes(a.id)));
    await publicGet(s, `/announcements/${draft.slug}`, 404);
    await publicGet(s, `/announcements/${draft.id}`, 404);
    await publicGet(s, `/announcements/${scheduled.slug}`, 404);

    s.clock.advance(3_600_000);
    // The staff session's idle time ran out with the clock.
    admin = await staffSession(s, 'admin');
    const now = await publicGet(s, '/announcements', 200);
    assert.equal(now.items[0].id, scheduled.id);
    assert.equal(now.items[0].excerpt, 'Soon bold.');
    const one = await publicGet(s, `/announcements/${scheduled.slug}`, 200);
    assert.equal(one.html, '<p>Soon <strong>bold</strong>.</p>\n');
    assert.deepEqual(await publicGet(s, `/announcements/${scheduled.id}`, 200), one);
    await publicGet(s, `/announcements/${draft.slug}`, 404);
  });

  test('a publishedAt without a zone is read as UTC', async () => {
    const a = await create({ title: 'Zone check', body: 'x', publishedAt: '2026-02-01T10:30' });
    assert.equal(a.publishedAt, '2026-02-01T10:30:00.000Z');
  });

  test('slugs: made from the title, -2 when taken; an explicit taken slug is 409', async () => {
    const first = await create({ title: 'Café déjà vu!', body: 'x' });
    assert.equal(first.slug, 'cafe-deja-vu');
    const second = await create({ title: 'Café déjà vu', body: 'x' });
    assert.equal(second.slug, 'cafe-deja-vu-2');
    const clash = await create({ title: 'Other', slug: 'cafe-deja-vu', body: 'x' }, 409);
    assert.equal(clash.code, 'CONFLICT');
    assert.equal(clash.errors[0].path, 'slug');
    const moved = await staffCall(
      s,
      admin,
      'PATCH',
      `/announcements/${second.id}`,
      { slug: 'cafe-deja-vu' },
      409,
    );
    assert.equal(moved.code, 'CONFLICT');
    const renamed = await staffCall(
      s,
      admin,
      'PATCH',
      `/announcements/${second.id}`,
      { slug: 'renamed' },
      200,
    );
    assert.equal(renamed.slug, 'renamed');
    const bad = await create({ title: 'Bad', slug: 'Not A Slug!', body: 'x' }, 400);
    assert.equal(bad.errors[0].path, 'slug');
  });

  test('the Markdown is rendered and sanitized', async () => {
    const a = await create({
      title: 'Sanitized',
      body: '<script>alert(1)</script> [x](javascript:alert(1)) **ok**',
      publishedAt: s.clock.now().toISOString(),
    });
    assert.doesNotMatch(a.html, /<script|href="javascript:/);
    assert.match(a.html, /&lt;script&gt;/, 'typed HTML is shown as text');
    assert.match(a.html, /<strong>ok<\/strong>/);
    assert.equal(a.body, '<script>alert(1)</script> [x](javascript:alert(1)) **ok**');
  });

  test('the public list is newest first and pages with a cursor', async () => {
    const t0 = s.clock.now().getTime();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const a = await create({
        title: `Paged ${i}`,
        body: 'x',
        publishedAt: new Date(t0 - (10 - i) * 60_000).toISOString(),
      });
      made.push(a.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await publicGet(s, `/announcements?limit=2${cursor ? `&cursor=${cursor}` : ''}`, 200);
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((a: any) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    const times = [...new Set(seen)];
    assert.equal(times.length, seen.length, 'no announcement twice');
    const order = made.toReversed();
    assert.deepEqual(
      seen.filter((id) => made.includes(id)),
      order,
    );
    const bad = await publicGet(s, '/announcements?cursor=%%%', 400);
    assert.equal(bad.code, 'VALIDATION_FAILED');
  });

  test('staff list filters drafts, scheduled and published ones', async () => {
    const now = s.clock.now().getTime();
    const d = await create({ title: 'Filter draft', body: 'x' });
    const sc = await create({
      title: 'Filter later',
      body: 'x',
      publishedAt: new Date(now + 86_400_000).toISOString(),
    });
    const p = await create({ title: 'Filter now', body: 'x', publishedAt: new Date(now).toISOString() });
    const ids = async (status: string) =>
      (
        await staffCall(s, admin, 'GET', `/announcements?status=${status}&limit=100`, undefined, 200)
      ).items.map((a: any) => a.id);
    const [drafts, scheduled, published] = await Promise.all([
      ids('draft'),
      ids('scheduled'),
      ids('published'),
    ]);
    assert.ok(drafts.includes(d.id) && !drafts.includes(sc.id) && !drafts.includes(p.id));
    assert.ok(scheduled.includes(sc.id) && !scheduled.includes(d.id) && !scheduled.includes(p.id));
    assert.ok(published.includes(p.id) && !published.includes(d.id) && !published.includes(sc.id));
    const all = await staffCall(s, admin, 'GET', '/announcements?limit=100', undefined, 200);
    assert.ok([d.id, sc.id, p.id].every((id) => all.items.some((a: any) => a.id === id)));
  });

  test('edit, unpublish and delete, each audited', async () => {
    const a = await create({ title: 'Lifecycle', body: 'one', publishedAt: s.clock.now().toISOString() });
    await publicGet(s, `/announcements/${a.slug}`, 200);
    const edited = await staffCall(s, admin, 'PATCH', `/announcements/${a.id}`, { body: 'two' }, 200);
    assert.equal(edited.html, '<p>two</p>\n');
    assert.equal(edited.slug, a.slug, 'a new title or body keeps the address');
    await staffCall(s, admin, 'PATCH', `/announcements/${a.id}`, { publishedAt: null }, 200);
    await publicGet(s, `/announcements/${a.slug}`, 404);
    await staffCall(s, admin, 'DELETE', `/announcements/${a.id}`, undefined, 204);
    await staffCall(s, admin, 'GET', `/announcements/${a.id}`, undefined, 404);
    await staffCall(s, admin, 'DELETE', `/announcements/${a.id}`, undefined, 404);
    assert.deepEqual(await auditActions(s, a.id), [
      'announcement.created',
      'announcement.updated',
      'announcement.updated',
      'announcement.deleted',
    ]);
  });

  test('roles: billing staff read, only admin and support write', async () => {
    const billing = await staffSession(s, 'billing');
    const support = await staffSession(s, 'support');
    await staffCall(s, billing, 'GET', '/announcements', undefined, 200);
    const refused = await staffCall(s, billing, 'POST', '/announcements', { title: 'No', body: 'x' }, 403);
    assert.equal(refused.code, 'ROLE_NOT_ALLOWED');
    await staffCall(s, support, 'POST', '/announcements', { title: 'Support may', body: 'x' }, 201);
  });

  test('a hidden section answers 404 on every public route', async () => {
    const a = await create({ title: 'Hidden check', body: 'x', publishedAt: s.clock.now().toISOString() });
    await setSections(s, { announcements: false });
    try {
      for (const path of ['/announcements', `/announcements/${a.slug}`, `/announcements/${a.id}`]) {
        const body = await publicGet(s, path, 404);
        assert.equal(body.code, 'NOT_FOUND');
      }
      // Staff still manage them.
      await staffCall(s, admin, 'GET', `/announcements/${a.id}`, undefined, 200);
    } finally {
      await setSections(s, { announcements: true });
    }
  });
});

// A server of its own: SQLite prepares each SQL text once, so the queries must not have run before.
describe('announcement list plans', () => {
  let s: TestServer;
  let admin: StaffLogin;
  before(async () => {
    ({ s, admin } = await startNewsServer());
  });
  after(() => s.close());

  test('list queries use their index, with no temporary B-tree', async () => {
    const cursor = Buffer.from(JSON.stringify({ p: s.clock.now().toISOString(), id: 'ann_z' })).toString(
      'base64url',
    );
    const publicList = await selectsDuring(s, () => publicGet(s, `/announcements?cursor=${cursor}`, 200));
    assertOnePlan(s, 'public announcements', publicList, /announcements_published/);
    for (const status of ['', 'draft', 'scheduled', 'published']) {
      const sqls = await selectsDuring(s, () =>
        staffCall(s, admin, 'GET', `/announcements${status ? `?status=${status}` : ''}`, undefined, 200),
      );
      const own = sqls.filter((sql) => sql.includes('from "announcements"'));
      assertOnePlan(s, `staff announcements ${status}`, own, /announcements_updated/);
    }
  });
});
