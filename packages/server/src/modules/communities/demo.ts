import type { GroupJoin } from '@portico/sdk/contract';
import type { PorticoContext } from '../../app.js';
import { demoActors, seedStaffChange } from '../../seed.js';

/** The demo's groups, each with a pinned welcome post. */
const DEMO_GROUPS: ReadonlyArray<{
  name: string;
  description: string;
  join: GroupJoin;
  welcome: { title: string; body: string };
}> = [
  {
    name: 'Announcements & tips',
    description: 'News from the team, and tips other clients found useful. Anyone can join.',
    join: 'open',
    welcome: {
      title: 'Welcome! Start here',
      body: `Hello everyone 👋

This group is for **tips and news** about hosting, mail and domains. A few ground rules:

- Be kind, and stay on topic.
- Never post passwords, sign-in codes or invoices: open a ticket for anything about your account.
- Found something useful? Share it, with a link to the [knowledge base](https://northwind.example/kb) if there is one.

You get an email when someone replies to your posts; turn it off with the bell at the top of the group.`,
    },
  },
  {
    name: 'Customer lounge',
    description:
      'A quieter room for regular clients to swap notes. Ask to join and the team will let you in.',
    join: 'request',
    welcome: {
      title: 'Say hello to the lounge',
      body: `Glad you made it in! Tell us what you run on Northwind: a shop, a blog, a client's site?

I'll start: I host my bakery's website and order form here. Happy to share how we set up **online orders**.`,
    },
  },
];

/**
 * The demo's communities, outside production and once (while there is no group): turns the communities app on
 * for everyone and creates its two groups. When the demo client exists, it joins both (its request to the lounge is
 * approved) and writes each group's welcome post, which staff pin. Made through the communities services, so rows,
 * counts, mails and audit entries are the real ones.
 */
export async function seedCommunitiesDemo(app: PorticoContext): Promise<void> {
  if (app.config.mode === 'production') return;
  const existing = await app.db.selectFrom('community_groups').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  const actors = await demoActors(app);
  let change = actors?.change;
  if (!change) {
    const staff = await app.db
      .selectFrom('staff')
      .select(['id', 'email'])
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    if (!staff) return;
    change = seedStaffChange(staff);
  }
  const current = app.settings.current.apps;
  await app.settings.update({
    apps: { ...current, communities: { ...current.communities, enabled: true, access: 'everyone' } },
  });
  const { admin, service } = app.apps.communities;
  for (const [position, demo] of DEMO_GROUPS.entries()) {
    const group = await admin.createGroup(
      { name: demo.name, description: demo.description, join: demo.join, position },
      change,
    );
    if (!actors) continue;
    const { client } = actors;
    const joined = await service.join(client, { groupId: group.id });
    if (joined.membership === 'requested') {
      await admin.memberAction(group.id, client.userId, { action: 'approve' }, change);
    }
    const post = await service.createPost(client, { groupId: group.id }, demo.welcome);
    await admin.moderatePost(post.id, { action: 'pin' }, change);
  }
}
