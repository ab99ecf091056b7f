import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, newClient, pay, placeOrder, seedCatalog, type TestCatalog } from './billing-helpers.js';
import {
  ADMIN,
  as,
  enableCommunities,
  GROUPS,
  member,
  newGroup,
  ok,
  startCommunities,
  writeComment,
  writePost,
} from './communities-helpers.js';
import type { TestServer } from './helpers.js';
import { type Mounted, mountedRoutes } from './route-walk.js';

/** Every client route of one group, from the real router. */
const groupRoutes = (s: TestServer): Mounted[] =>
  mountedRoutes(s.app.portico.routers.client).filter((r) =>
    r.path.startsWith('/api/v1/communities/groups/:groupId'),
  );

/** A route's path with real ids. */
const fill = (route: Mounted, ids: { groupId: string; postId: string; commentId: string }) =>
  route.path.replace(/:(groupId|postId|commentId)\b/g, (_, name: keyof typeof ids) => ids[name]);

/** Sends every group route (an empty JSON body where one is taken) and answers the ones that were not 404. */
async function notHidden(
  s: TestServer,
  client: Client,
  ids: { groupId: string; postId: string; commentId: string },
): Promise<string[]> {
  const leaks: string[] = [];
  for (const route of groupRoutes(s)) {
    const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
    const r = await as(s, client, route.method, fill(route, ids), hasBody ? {} : undefined);
    if (r.status !== 404 || r.body?.code !== 'NOT_FOUND')
      leaks.push(`${route.method} ${route.path}: ${r.status}`);
  }
  return leaks;
}

describe('communities: a group the person may not see is 404 on every route', () => {
  let s: TestServer;
  let staff: Record<string, string>;
  let catalog: TestCatalog;
  let bought: { group: any; postId: string; commentId: string };
  let open: { group: any; postId: string; commentId: string; bobPostId: string };
  let bob: Client;
  let carla: Client;

  before(async () => {
    ({ s, staff } = await startCommunities());
    catalog = await seedCatalog(s);
    // A purchase group, granted by Pro, with a post and a comment of a client who bought it.
    const group = await newGroup(s, staff, {
      name: 'Pro lounge',
      join: 'purchase',
      productIds: [catalog.pro.id],
    });
    carla = await newClient(s, 'carla@access.test');
    ok(
      await pay(
        s,
        carla,
        (await placeOrder(s, carla, [{ productId: catalog.pro.id, cycle: 'monthly' }])).invoice.id,
      ),
      201,
    );
    ok(await as(s, carla, 'POST', `${GROUPS}/${group.id}/membership`));
    const post = await writePost(s, carla, group.id, 'For pros');
    const comment = await writeComment(s, carla, group.id, post.id, 'Indeed');
    bought = { group, postId: post.id, commentId: comment.id };

    // An open group where Bob posted, then got banned.
    const town = await newGroup(s, staff, { name: 'Town square' });
    const ann = await member(s, 'ann@access.test', town.id);
    bob = await member(s, 'bob@access.test', town.id);
    const annPost = await writePost(s, ann, town.id, 'Hello');
    const bobPost = await writePost(s, bob, town.id, 'Bob was here');
    const annComment = await writeComment(s, ann, town.id, annPost.id, 'First');
    await writeComment(s, bob, town.id, annPost.id, 'Second');
    open = { group: town, postId: annPost.id, commentId: annComment.id, bobPostId: bobPost.id };
    ok(
      await s.request('POST', `${ADMIN}/groups/${town.id}/members/${bob.userId}`, {
        headers: staff,
        body: { action: 'ban', reason: 'Spam' },
      }),
    );
  });
  after(() => s.close());

  test('the walk covers every route of the router with a group in its path (16)', () => {
    assert.equal(groupRoutes(s).length, 16);
  });

  test('(a) a purchase group the account does not hold: 404 everywhere, by id and by slug, and not listed', async () => {
    // The buyer sees it all (so the sweep below can fail).
    ok(await as(s, carla, 'GET', `${GROUPS}/${bought.group.id}/posts/${bought.postId}`));
    ok(
      await as(
        s,
        carla,
        'PUT',
        `${GROUPS}/${bought.group.slug}/posts/${bought.postId}/comments/${bought.commentId}/like`,
      ),
    );
    const ada = await newClient(s, 'ada@access.test');
    assert.deepEqual(await notHidden(s, ada, { ...bought, groupId: bought.group.id }), []);
    assert.deepEqual(await notHidden(s, ada, { ...bought, groupId: bought.group.slug }), []);
    const list = ok(await as(s, ada, 'GET', GROUPS));
    assert.ok(!list.items.some((g: any) => g.id === bought.group.id));
  });

  test('(b) a banned member: 404 everywhere, their own post included, and the group is not listed', async () => {
    assert.deepEqual(await notHidden(s, bob, { ...open, groupId: open.group.id }), []);
    assert.deepEqual(
      await notHidden(s, bob, {
        groupId: open.group.slug,
        postId: open.bobPostId,
        commentId: open.commentId,
      }),
      [],
    );
    const list = ok(await as(s, bob, 'GET', GROUPS));
    assert.ok(!list.items.some((g: any) => g.id === open.group.id));
    // Leaving does not lift a ban: the row stays.
    const row = await s.app.portico.db
      .selectFrom('community_members')
      .select('status')
      .where('group_id', '=', open.group.id)
      .where('user_id', '=', bob.userId)
      .executeTakeFirst();
    assert.equal(row?.status, 'banned');
    // Their post stays for the others.
    const posts = await s.app.portico.db
      .selectFrom('community_posts')
      .select('id')
      .where('id', '=', open.bobPostId)
      .execute();
    assert.equal(posts.length, 1);
  });

  test('buying the granting product makes the group visible and joinable; a refund of access hides it again', async () => {
    const dora = await newClient(s, 'dora@access.test');
    assert.equal((await as(s, dora, 'GET', `${GROUPS}/${bought.group.id}`)).status, 404);
    const { invoice } = await placeOrder(s, dora, [{ productId: catalog.pro.id, cycle: 'monthly' }]);
    // An unpaid order grants nothing.
    assert.equal((await as(s, dora, 'GET', `${GROUPS}/${bought.group.id}`)).status, 404);
    ok(await pay(s, dora, invoice.id), 201);
    const seen = ok(await as(s, dora, 'GET', `${GROUPS}/${bought.group.slug}`));
    assert.equal(seen.membership, 'none');
    assert.ok(ok(await as(s, dora, 'GET', GROUPS)).items.some((g: any) => g.id === bought.group.id));
    const joined = ok(await as(s, dora, 'POST', `${GROUPS}/${bought.group.id}/membership`));
    assert.equal(joined.membership, 'member');
    assert.equal(joined.memberCount, 2);
    const posts = ok(await as(s, dora, 'GET', `${GROUPS}/${bought.group.id}/posts`));
    assert.deepEqual(
      posts.items.map((p: any) => p.id),
      [bought.postId],
    );
    // The service suspended: the access goes with it, membership or not.
    await s.app.portico.db
      .updateTable('services')
      .set({ status: 'suspended' })
      .where('account_id', '=', dora.accountId)
      .execute();
    assert.deepEqual(await notHidden(s, dora, { ...bought, groupId: bought.group.id }), []);
  });

  test('a visible group’s posts are 404 to who is not a member (none, or a request waiting)', async () => {
    const eve = await newClient(s, 'eve@access.test');
    ok(await as(s, eve, 'GET', `${GROUPS}/${open.group.id}`));
    const postRoutes = groupRoutes(s).filter((r) => r.path.includes('/posts'));
    assert.equal(postRoutes.length, 12);
    const check = async (who: Client) => {
      for (const route of postRoutes) {
        const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
        const r = await as(
          s,
          who,
          route.method,
          fill(route, { ...open, groupId: open.group.id }),
          hasBody ? {} : undefined,
        );
        assert.equal(r.status, 404, `${route.method} ${route.path}: ${r.status}`);
      }
      // Nor can they turn on notifications of a group they are not in.
      const patch = await as(s, who, 'PATCH', `${GROUPS}/${open.group.id}/membership`, {
        notifyReplies: false,
      });
      assert.equal(patch.status, 404);
    };
    await check(eve);
    const club = await newGroup(s, staff, { name: 'Quiet club', join: 'request' });
    const asked = ok(await as(s, eve, 'POST', `${GROUPS}/${club.id}/membership`));
    assert.equal(asked.membership, 'requested');
    const clubPost = await (async () => {
      const insider = await newClient(s, 'insider@access.test');
      ok(await as(s, insider, 'POST', `${GROUPS}/${club.id}/membership`));
      ok(
        await s.request('POST', `${ADMIN}/groups/${club.id}/members/${insider.userId}`, {
          headers: staff,
          body: { action: 'approve' },
        }),
      );
      return writePost(s, insider, club.id, 'Members only');
    })();
    for (const route of postRoutes) {
      const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
      const r = await as(
        s,
        eve,
        route.method,
        fill(route, { groupId: club.id, postId: clubPost.id, commentId: 'cmt_x' }),
        hasBody ? {} : undefined,
      );
      assert.equal(r.status, 404, `${route.method} ${route.path}: ${r.status}`);
    }
  });

  test('the app off, or given to some accounts only: every communities route is 404, the list included', async () => {
    const fay = await newClient(s, 'fay@access.test');
    const all = mountedRoutes(s.app.portico.routers.client).filter((r) =>
      r.path.startsWith('/api/v1/communities/'),
    );
    assert.equal(all.length, 17);
    const sweep = async () => {
      const leaks: string[] = [];
      for (const route of all) {
        const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
        const r = await as(
          s,
          fay,
          route.method,
          fill(route, { ...open, groupId: open.group.id }),
          hasBody ? {} : undefined,
        );
        if (r.status !== 404) leaks.push(`${route.method} ${route.path}: ${r.status}`);
      }
      return leaks;
    };
    await enableCommunities(s, 'granted');
    assert.deepEqual(await sweep(), []);
    const apps = s.app.portico.settings.current.apps;
    await s.app.portico.settings.update({
      apps: { ...apps, communities: { ...apps.communities, enabled: false } },
    });
    assert.deepEqual(await sweep(), []);
    await enableCommunities(s, 'everyone');
    ok(await as(s, fay, 'GET', GROUPS));
  });
});
