import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedCommunitiesDemo } from '../src/modules/communities/demo.js';
import { seedDemo } from '../src/seed.js';
import { startServer, type TestServer } from './helpers.js';

describe('communities: the demo seed', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
    await seedDemo(s.app.portico);
    await seedCommunitiesDemo(s.app.portico);
    // Idempotent: a second run changes nothing.
    await seedCommunitiesDemo(s.app.portico);
  });
  after(() => s.close());

  test('the app is on for everyone, with two groups, each with a pinned welcome post by the demo client', async () => {
    const { current } = s.app.portico.settings;
    assert.equal(current.apps.communities.enabled, true);
    assert.equal(current.apps.communities.access, 'everyone');
    const { items } = await s.app.portico.apps.communities.admin.groups();
    assert.deepEqual(
      items.map((g) => [g.name, g.join, g.memberCount, g.postCount]),
      [
        ['Announcements & tips', 'open', 1, 1],
        ['Customer lounge', 'request', 1, 1],
      ],
    );
    const posts = await s.app.portico.apps.communities.admin.posts({});
    assert.equal(posts.items.length, 2);
    assert.ok(posts.items.every((p) => p.pinned && p.author.email === 'demo@example.com'));
  });
});
