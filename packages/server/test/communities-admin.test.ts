import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { communitiesAdminRoutes } from '@portico/sdk/contract';
import { CommunityStore } from '../src/modules/communities/store.js';
import { newClient, seedCatalog } from './billing-helpers.js';
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
import { staffSession, type TestServer } from './helpers.js';
import { planOf, selectsDuring } from './query-plans.js';
import { fakePath } from './route-walk.js';

describe('communities: the staff side', () => {
  let s: TestServer;
  let staff: Record<string, string>;

  before(async () => {
    ({ s, staff } = await startCommunities());
  });
  after(() => s.close());

  const auditOf = (action: string) =>
    s.app.portico.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  test('roles: billing staff are refused every route; support moderate but do not change groups', async () => {
    const billing = (await staffSession(s, 'billing')).headers;
    const support = (await staffSession(s, 'support')).headers;
    const routes = Object.values(communitiesAdminRoutes);
    assert.equal(routes.length, 13);
    for (const route of routes) {
      const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
      const r = await s.request(route.method, fakePath(s, route), {
        headers: billing,
        ...(hasBody ? { body: {} } : {}),
      });
      assert.equal(r.status, 403, `${route.method} ${route.path}: ${r.status}`);
      assert.equal(r.body.code, 'ROLE_NOT_ALLOWED');
    }
    const create = await s.request('POST', `${ADMIN}/groups`, { headers: support, body: { name: 'Nope' } });
    assert.equal(create.status, 403);
    ok(await s.request('GET', `${ADMIN}/groups`, { headers: support }));
    ok(await s.request('GET', `${ADMIN}/posts`, { headers: support }));
    // Without a staff session at all.
    assert.equal((await s.request('GET', `${ADMIN}/groups`)).status, 401);
  });

  test('groups: slugs from names made unique, a taken slug is a 409 on the field, products grant purchase groups', async () => {
    const catalog = await seedCatalog(s);
    const a = await newGroup(s, staff, { name: 'Café & Co' });
    assert.equal(a.slug, 'cafe-co');
    assert.equal(a.join, 'open');
    const b = await newGroup(s, staff, { name: 'Café & Co' });
    assert.equal(b.slug, 'cafe-co-2');
    const taken = await s.request('POST', `${ADMIN}/groups`, {
      headers: staff,
      body: { name: 'X', slug: 'cafe-co' },
    });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.code, 'CONFLICT');
    assert.deepEqual(
      taken.body.errors.map((e: any) => e.path),
      ['slug'],
    );
    const renamed = await s.request('PATCH', `${ADMIN}/groups/${b.id}`, {
      headers: staff,
      body: { slug: 'cafe-co' },
    });
    assert.equal(renamed.status, 409);
    const bad = await s.request('POST', `${ADMIN}/groups`, {
      headers: staff,
      body: { name: '', join: 'secret' },
    });
    assert.equal(bad.status, 400);
    const unknown = await s.request('POST', `${ADMIN}/groups`, {
      headers: staff,
      body: { name: 'Ghost products', productIds: [s.app.portico.deps.ids('prod')] },
    });
    assert.equal(unknown.status, 422, unknown.text);
    assert.equal((await s.request('GET', `${ADMIN}/groups`, { headers: staff })).body.items.length, 2);

    const paid = await newGroup(s, staff, {
      name: 'Pro room',
      join: 'purchase',
      productIds: [catalog.pro.id, catalog.starter.id],
    });
    assert.deepEqual(paid.products.map((p: any) => p.name).sort(), ['Pro', 'Starter']);
    const changed = ok(
      await s.request('PATCH', `${ADMIN}/groups/${paid.id}`, {
        headers: staff,
        body: { name: 'Pro lounge', description: 'For pros', productIds: [catalog.pro.id], position: 7 },
      }),
    );
    assert.equal(changed.name, 'Pro lounge');
    assert.equal(changed.slug, 'pro-room', 'a new name keeps the slug (links keep working)');
    assert.equal(changed.position, 7);
    assert.deepEqual(
      changed.products.map((p: any) => p.name),
      ['Pro'],
    );
    assert.equal((await auditOf('community.group_created')).length, 3);
    const updated = await auditOf('community.group_updated');
    assert.equal(updated.length, 1);
    assert.equal(updated[0]!.target_id, paid.id);
    assert.equal(
      (await s.request('GET', `${ADMIN}/groups/grp_00000000000000000000000000`, { headers: staff })).status,
      404,
    );
  });

  test('an on-request group made open lets its waiting requests in', async () => {
    const g = await newGroup(s, staff, { name: 'Soon open', join: 'request' });
    const hal = await newClient(s, 'hal@admin.test');
    ok(await as(s, hal, 'POST', `${GROUPS}/${g.id}/membership`));
    const opened = ok(
      await s.request('PATCH', `${ADMIN}/groups/${g.id}`, { headers: staff, body: { join: 'open' } }),
    );
    assert.equal(opened.memberCount, 1);
    assert.equal(opened.requestCount, 0);
    assert.equal(ok(await as(s, hal, 'GET', `${GROUPS}/${g.id}`)).membership, 'member');
  });

  test('members: listed newest first with their posts, filtered by status, paged; ban, unban and remove', async () => {
    const g = await newGroup(s, staff, { name: 'Members room' });
    const people = [];
    for (const name of ['ivy', 'jon', 'kim', 'lea']) {
      people.push(await member(s, `${name}@admin.test`, g.id));
      s.clock.advance(1000);
    }
    const [ivy, jon, kim] = people as [any, any, any];
    await writePost(s, jon, g.id, 'One');
    await writePost(s, jon, g.id, 'Two');
    const emails: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = ok(
        await s.request(
          'GET',
          `${ADMIN}/groups/${g.id}/members?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          {
            headers: staff,
          },
        ),
      );
      emails.push(...page.items.map((m: any) => m.email));
      if (page.items.some((m: any) => m.email === 'jon@admin.test')) {
        assert.equal(page.items.find((m: any) => m.email === 'jon@admin.test').posts, 2);
      }
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(emails, ['lea@admin.test', 'kim@admin.test', 'jon@admin.test', 'ivy@admin.test']);

    const act = (userId: string, body: object) =>
      s.request('POST', `${ADMIN}/groups/${g.id}/members/${userId}`, { headers: staff, body });
    const banned = ok(await act(jon.userId, { action: 'ban', reason: 'Spam links' }));
    assert.equal(banned.status, 'banned');
    assert.equal(banned.banReason, 'Spam links');
    assert.equal(ok(await s.request('GET', `${ADMIN}/groups/${g.id}`, { headers: staff })).memberCount, 3);
    const bans = ok(
      await s.request('GET', `${ADMIN}/groups/${g.id}/members?status=banned`, { headers: staff }),
    );
    assert.deepEqual(
      bans.items.map((m: any) => m.email),
      ['jon@admin.test'],
    );
    // Their posts stay (staff still see them); they see nothing.
    const posts = ok(await s.request('GET', `${ADMIN}/posts?groupId=${g.id}`, { headers: staff }));
    assert.equal(posts.items.length, 2);
    assert.equal((await as(s, jon, 'GET', `${GROUPS}/${g.id}`)).status, 404);
    assert.equal((await act(ivy.userId, { action: 'unban' })).status, 409);
    assert.equal((await act(ivy.userId, { action: 'approve' })).status, 409);
    const back = ok(await act(jon.userId, { action: 'unban' }));
    assert.equal(back.status, 'member');
    assert.equal(back.banReason, null);
    assert.equal(ok(await as(s, jon, 'GET', `${GROUPS}/${g.id}`)).membership, 'member');
    ok(await act(kim.userId, { action: 'remove' }));
    assert.equal(ok(await as(s, kim, 'GET', `${GROUPS}/${g.id}`)).membership, 'none');
    assert.equal(ok(await s.request('GET', `${ADMIN}/groups/${g.id}`, { headers: staff })).memberCount, 3);
    assert.equal((await act(kim.userId, { action: 'remove' })).status, 404);
    // Someone who left after writing here can still be banned from coming back.
    ok(await act(jon.userId, { action: 'remove' }));
    const leftAndBanned = ok(await act(jon.userId, { action: 'ban', reason: 'Came back to spam' }));
    assert.equal(leftAndBanned.status, 'banned');
    // Banning again without a reason keeps it; removing a banned person would lift the ban, so it is refused.
    assert.equal(ok(await act(jon.userId, { action: 'ban' })).banReason, 'Came back to spam');
    assert.equal((await act(jon.userId, { action: 'remove' })).status, 409);
    assert.equal((await as(s, jon, 'POST', `${GROUPS}/${g.id}/membership`)).status, 404);
    ok(await act(jon.userId, { action: 'unban' }));
    assert.equal((await act(jon.userId, { action: 'dance' })).status, 400);
    const audited = await auditOf('community.member_banned');
    assert.equal(audited.length, 3);
    assert.equal(audited[0]!.account_id, jon.accountId);
    assert.equal((await auditOf('community.member_unbanned')).length, 2);
    assert.equal((await auditOf('community.member_removed')).length, 2);
  });

  test('someone who only commented and left can still be banned from coming back', async () => {
    const g = await newGroup(s, staff, { name: 'Commenters', join: 'open' });
    const ann = await member(s, 'ann@commenter.test', g.id);
    const bob = await member(s, 'bob@commenter.test', g.id);
    const p = await writePost(s, ann, g.id, 'Hello');
    await writeComment(s, bob, g.id, p.id, 'Buy my stuff');
    ok(await as(s, bob, 'DELETE', `${GROUPS}/${g.id}/membership`));
    const banned = ok(
      await s.request('POST', `${ADMIN}/groups/${g.id}/members/${bob.userId}`, {
        headers: staff,
        body: { action: 'ban', reason: 'Spam in comments' },
      }),
    );
    assert.equal(banned.status, 'banned');
    assert.equal((await as(s, bob, 'POST', `${GROUPS}/${g.id}/membership`)).status, 404);
  });

  test('posts: filtered by group and status; moderation is audited; a deleted group takes everything with it', async () => {
    const catalog = {
      pro: (
        await s.app.portico.db
          .selectFrom('products')
          .select('id')
          .where('name', '=', 'Pro')
          .executeTakeFirstOrThrow()
      ).id,
    };
    const g = await newGroup(s, staff, { name: 'Short lived', join: 'open', productIds: [catalog.pro] });
    const mia = await member(s, 'mia@admin.test', g.id);
    const ned = await member(s, 'ned@admin.test', g.id);
    const p1 = await writePost(s, mia, g.id, 'First');
    const p2 = await writePost(s, ned, g.id, 'Second');
    const c1 = await writeComment(s, ned, g.id, p1.id, 'Reply');
    ok(await as(s, mia, 'PUT', `${GROUPS}/${g.id}/posts/${p1.id}/comments/${c1.id}/like`));
    ok(await as(s, ned, 'PUT', `${GROUPS}/${g.id}/posts/${p1.id}/like`));
    const hidden = ok(
      await s.request('POST', `${ADMIN}/posts/${p2.id}/moderation`, {
        headers: staff,
        body: { action: 'hide' },
      }),
    );
    assert.equal(hidden.status, 'hidden');
    assert.equal(hidden.author.email, 'ned@admin.test');
    const onlyHidden = ok(
      await s.request('GET', `${ADMIN}/posts?groupId=${g.id}&status=hidden`, { headers: staff }),
    );
    assert.deepEqual(
      onlyHidden.items.map((p: any) => p.id),
      [p2.id],
    );
    const all = ok(await s.request('GET', `${ADMIN}/posts?groupId=${g.id}`, { headers: staff }));
    assert.deepEqual(all.items.map((p: any) => p.id).sort(), [p1.id, p2.id].sort());
    assert.equal(all.items[0].groupName, 'Short lived');
    const pinned = ok(
      await s.request('POST', `${ADMIN}/posts/${p1.id}/moderation`, {
        headers: staff,
        body: { action: 'pin' },
      }),
    );
    assert.equal(pinned.pinned, true);
    assert.equal(pinned.comments.length, 1);
    const hiddenComment = ok(
      await s.request('POST', `${ADMIN}/comments/${c1.id}/moderation`, {
        headers: staff,
        body: { action: 'hide' },
      }),
    );
    assert.equal(hiddenComment.commentCount, 0);
    assert.equal(hiddenComment.comments[0].status, 'hidden');
    assert.equal(
      (
        await s.request('POST', `${ADMIN}/posts/pst_00000000000000000000000000/moderation`, {
          headers: staff,
          body: { action: 'pin' },
        })
      ).status,
      404,
    );
    assert.equal(
      (await s.request('DELETE', `${ADMIN}/comments/cmt_00000000000000000000000000`, { headers: staff }))
        .status,
      404,
    );
    for (const action of ['community.post_hidden', 'community.post_pinned', 'community.comment_hidden']) {
      assert.equal((await auditOf(action)).length, 1, action);
    }

    assert.equal((await s.request('DELETE', `${ADMIN}/groups/${g.id}`, { headers: staff })).status, 204);
    assert.equal((await s.request('GET', `${ADMIN}/groups/${g.id}`, { headers: staff })).status, 404);
    assert.equal((await as(s, mia, 'GET', `${GROUPS}/${g.id}`)).status, 404);
    const { db } = s.app.portico;
    const left = await Promise.all([
      db.selectFrom('community_posts').select('id').where('group_id', '=', g.id).execute(),
      db.selectFrom('community_members').select('user_id').where('group_id', '=', g.id).execute(),
      db.selectFrom('community_comments').select('id').where('id', '=', c1.id).execute(),
      db.selectFrom('community_likes').select('target_id').where('target_id', 'in', [p1.id, c1.id]).execute(),
      db.selectFrom('product_grants').select('product_id').where('resource_id', '=', g.id).execute(),
    ]);
    assert.deepEqual(
      left.map((rows) => rows.length),
      [0, 0, 0, 0, 0],
    );
    assert.equal((await auditOf('community.group_deleted')).length, 1);
    assert.equal((await s.request('DELETE', `${ADMIN}/groups/${g.id}`, { headers: staff })).status, 404);
  });
});

describe('communities: lists walk an index in their order (no temporary B-tree)', () => {
  let s: TestServer;
  before(async () => {
    ({ s } = await startCommunities());
  });
  after(() => s.close());

  const listQueries = async (run: () => Promise<unknown>) =>
    (await selectsDuring(s, run)).filter((sql) => /order by/i.test(sql));
  const check = (sqls: string[], count: number, index: RegExp) => {
    assert.equal(sqls.length, count, sqls.join('\n'));
    for (const sql of sqls) {
      const plan = planOf(s, sql);
      assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
      assert.match(plan, index, plan);
    }
  };
  const at = '2026-03-02T09:00:00.000Z';

  test('a group’s posts for a member, with and without a cursor', async () => {
    const store = new CommunityStore(s.app.portico.db);
    const seen = await listQueries(async () => {
      await store.postsForReader('grp_x', 'usr_x', { limit: 10 });
      await store.postsForReader('grp_x', 'usr_x', { limit: 10, after: { pinned: 1, at, id: 'pst_x' } });
    });
    check(seen, 2, /community_posts_group /);
  });

  test('the staff post list by group, status, both and neither, with a cursor', async () => {
    const store = new CommunityStore(s.app.portico.db);
    const after = { at, id: 'pst_x' };
    check(await listQueries(() => store.adminPosts({ limit: 10 })), 1, /community_posts_recent /);
    check(
      await listQueries(() => store.adminPosts({ limit: 10, status: 'hidden', after })),
      1,
      /community_posts_status /,
    );
    check(
      await listQueries(() => store.adminPosts({ limit: 10, groupId: 'grp_x' })),
      1,
      /community_posts_group_recent /,
    );
    check(
      await listQueries(() => store.adminPosts({ limit: 10, groupId: 'grp_x', status: 'visible', after })),
      1,
      /community_posts_group_recent /,
    );
  });

  test('members, comments and groups', async () => {
    const store = new CommunityStore(s.app.portico.db);
    const after = { at, id: 'usr_x' };
    check(
      await listQueries(async () => {
        await store.adminMembers('grp_x', { limit: 10, status: 'requested' });
        await store.adminMembers('grp_x', { limit: 10, status: 'member', after });
      }),
      2,
      /community_members_status /,
    );
    check(
      await listQueries(async () => {
        await store.adminMembers('grp_x', { limit: 10 });
        await store.adminMembers('grp_x', { limit: 10, after });
      }),
      2,
      /community_members_recent /,
    );
    check(await listQueries(() => store.comments('pst_x')), 1, /community_comments_post /);
    check(await listQueries(() => store.groups()), 1, /community_groups_order/);
  });
});
