import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { FakeCommunities, inCommunitiesProvider, minutesAgo } from '../../../test/fake-communities.js';
import { json, problem } from '../../../test/fake-portal.js';
import { $, button, settled } from '../../../test/helpers.js';
import { all, find, text } from '../../../test/queries.js';
import type { PortalCommunities } from './communities.js';
import './communities.js';
import type { PortalMembershipChangedEvent } from './membership.js';

async function mount(
  fake: FakeCommunities,
  content = html`<portal-communities login-href="/login"></portal-communities>`,
  options: Parameters<typeof inCommunitiesProvider>[3] = {},
): Promise<PortalCommunities> {
  const el = await inCommunitiesProvider<PortalCommunities>(fake, content, 'portal-communities', options);
  if (options.signedInAs !== null) await loaded(el);
  return el;
}

async function loaded(el: PortalCommunities) {
  await waitUntil(
    () =>
      find(
        el,
        '[part~="groups"], [part~="load-error"], [part="not-allowed"], [part="empty"], [part="unavailable"]',
      ),
    'never loaded',
  );
  await el.updateComplete;
}

const card = (el: PortalCommunities, name: string) => {
  const found = all(el, '[part~="group"]').find((c) => text(c.querySelector('h3')) === name);
  if (!found) throw new Error(`No group ${name}`);
  return found;
};

const buttonIn = (scope: HTMLElement, label: string) => {
  const found = [...scope.querySelectorAll('button')].find((b) => text(b) === label);
  if (!found)
    throw new Error(`No button ${label}: ${[...scope.querySelectorAll('button')].map((b) => text(b))}`);
  return found;
};

async function answerDialog(el: PortalCommunities, label: string) {
  await waitUntil(() => find(el, 'dialog[open]'), 'no confirmation');
  buttonIn($(el, 'dialog[open]'), label).click();
  await el.updateComplete;
}

describe('<portal-communities>', () => {
  let fake: FakeCommunities;
  beforeEach(() => {
    fake = new FakeCommunities();
  });

  function seed() {
    fake.addGroup({
      slug: 'makers',
      name: 'Makers',
      description: 'Show what you built.',
      join: 'open',
      memberCount: 1,
      postCount: 4,
      lastActivityAt: minutesAgo(5),
    });
    fake.addGroup({ slug: 'insiders', name: 'Insiders', join: 'request', memberCount: 12, postCount: 1 });
    fake.addGroup({ slug: 'vip', name: 'VIP', join: 'purchase', membership: 'member', memberCount: 2 });
    fake.addGroup({ slug: 'secret', name: 'Secret', join: 'purchase', invisible: true });
  }

  it('lists the groups this person may see, with counts, how to join and their standing', async () => {
    seed();
    const el = await mount(fake);
    expect(all(el, '[part~="group"] h3').map(text)).to.deep.equal(['Makers', 'Insiders', 'VIP']);
    const makers = card(el, 'Makers');
    expect(text(makers.querySelector('[part="description"]'))).to.equal('Show what you built.');
    expect(text(makers.querySelector('[part="facts"]'))).to.equal('1 member · 4 posts · Anyone can join');
    expect(text(makers.querySelector('[part="activity"]'))).to.equal('Active 5 minutes ago');
    expect(text(card(el, 'Insiders').querySelector('[part="facts"]'))).to.equal(
      '12 members · 1 post · Join on request',
    );
    const vip = card(el, 'VIP');
    expect(text(vip.querySelector('[part="facts"]'))).to.contain('Included with your purchase');
    expect(text(vip.querySelector('[part~="badge"]'))).to.equal('Member');
    expect(vip.getAttribute('part')).to.equal('group member');
    expect(buttonIn(makers, 'Join')).to.exist;
    expect(buttonIn(card(el, 'Insiders'), 'Ask to join')).to.exist;
    expect(buttonIn(vip, 'Leave group')).to.exist;
    // Links open the group on this page by default (a <portal-community> here follows the hash).
    const link = makers.querySelector<HTMLAnchorElement>('[part="open"]')!;
    expect(link.getAttribute('href')).to.equal(`${location.pathname}${location.search}#group/makers`);
    await expect(el).to.be.accessible();
  });

  it('links groups to group-href when set', async () => {
    seed();
    const el = await mount(
      fake,
      html`<portal-communities group-href="/community?x=1#old"></portal-communities>`,
    );
    expect(card(el, 'VIP').querySelector('a')!.getAttribute('href')).to.equal('/community?x=1#group/vip');
  });

  it('shows loading, then an empty list', async () => {
    let release!: () => void;
    fake.answer(
      'GET /api/v1/communities/groups',
      () =>
        new Promise<Response>((resolve) => {
          release = () => resolve(json(200, { items: [] }));
        }),
    );
    const el = await inCommunitiesProvider<PortalCommunities>(
      fake,
      html`<portal-communities></portal-communities>`,
      'portal-communities',
    );
    await waitUntil(() => find(el, '[part="loading"]'), 'no loading state');
    expect(text($(el, '[part="loading"]'))).to.equal('Loading…');
    release();
    await loaded(el);
    expect(text($(el, '[part="empty"]'))).to.equal('There are no groups to join yet.');
    await expect(el).to.be.accessible();
  });

  it('explains a failed load and tries again', async () => {
    seed();
    fake.answer('GET /api/v1/communities/groups', () =>
      problem(500, 'INTERNAL', 'Something broke on our side.'),
    );
    const el = await mount(fake);
    expect(text($(el, '[part~="load-error"] p'))).to.equal('Something broke on our side.');
    await expect(el).to.be.accessible();
    button(el, 'Try again').click();
    await loaded(el);
    await waitUntil(() => find(el, '[part~="groups"]'), 'no list after retry');
    expect(all(el, '[part~="group"]')).to.have.length(3);
  });

  it('says communities are not available while the app is off (404)', async () => {
    seed();
    fake.available = false;
    const el = await mount(fake);
    expect(text($(el, '[part="unavailable"]'))).to.equal('Communities are not available.');
    expect(find(el, '[part="retry"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('asks to sign in when signed out', async () => {
    const el = await mount(fake, undefined, { signedInAs: null });
    await waitUntil(() => find(el, '[part="signed-out"]'));
    expect(text($(el, '[part="signed-out"]'))).to.equal('Sign in to continue. Sign in');
    expect($(el, '[part="signed-out"] a').getAttribute('href')).to.equal('/login');
    expect(fake.calls).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('joins an open group at once', async () => {
    seed();
    const el = await mount(fake);
    const changed = oneEvent(el, 'portal-membership-changed') as Promise<PortalMembershipChangedEvent>;
    buttonIn(card(el, 'Makers'), 'Join').click();
    const event = await changed;
    await settled(el);
    expect(event.detail.action).to.equal('join');
    expect(event.detail.group.membership).to.equal('member');
    expect(
      fake.callsTo('POST /api/v1/communities/groups/grp_00000000000000000000000001/membership'),
    ).to.have.length(1);
    const makers = card(el, 'Makers');
    expect(text(makers.querySelector('[part~="badge"]'))).to.equal('Member');
    expect(text(makers.querySelector('[part="facts"]'))).to.equal('2 members · 4 posts · Anyone can join');
    expect(buttonIn(makers, 'Leave group')).to.exist;
    expect(text($(el, '[role="status"]'))).to.equal('You joined Makers.');
    expect(el.shadowRoot!.activeElement).to.equal(makers.querySelector('[part="open"]'));
  });

  it('asks to join a group on request, then withdraws the request', async () => {
    seed();
    const el = await mount(fake);
    buttonIn(card(el, 'Insiders'), 'Ask to join').click();
    await settled(el);
    let insiders = card(el, 'Insiders');
    expect(text(insiders.querySelector('[part~="badge"]'))).to.equal('Request pending');
    expect(text($(el, '[role="status"]'))).to.equal(
      'Your request to join Insiders was sent. You will see its posts once it is accepted.',
    );
    buttonIn(insiders, 'Withdraw request').click();
    await settled(el);
    insiders = card(el, 'Insiders');
    expect(insiders.querySelector('[part~="badge"]')).to.equal(null);
    expect(buttonIn(insiders, 'Ask to join')).to.exist;
    expect(text($(el, '[role="status"]'))).to.equal('Your request to join Insiders was withdrawn.');
  });

  it('leaves a group only after confirming', async () => {
    seed();
    const el = await mount(fake);
    buttonIn(card(el, 'VIP'), 'Leave group').click();
    await el.updateComplete;
    expect(text($(el, '#confirm-title'))).to.equal('Leave VIP?');
    await expect(el).to.be.accessible();
    await answerDialog(el, 'Cancel');
    expect(
      fake.callsTo('DELETE /api/v1/communities/groups/grp_00000000000000000000000003/membership'),
    ).to.have.length(0);
    expect(text(card(el, 'VIP').querySelector('[part~="badge"]'))).to.equal('Member');

    buttonIn(card(el, 'VIP'), 'Leave group').click();
    await answerDialog(el, 'Leave group');
    await settled(el);
    expect(
      fake.callsTo('DELETE /api/v1/communities/groups/grp_00000000000000000000000003/membership'),
    ).to.have.length(1);
    expect(card(el, 'VIP').querySelector('[part~="badge"]')).to.equal(null);
    expect(buttonIn(card(el, 'VIP'), 'Join')).to.exist;
    expect(text($(el, '[role="status"]'))).to.equal('You left VIP.');
  });

  it('shows a refused join in the alert and keeps the group as it was', async () => {
    seed();
    fake.answer('POST /api/v1/communities/groups/grp_00000000000000000000000001/membership', () =>
      problem(429, 'RATE_LIMITED', 'Slow down.', undefined, { 'retry-after': '30' }),
    );
    const el = await mount(fake);
    buttonIn(card(el, 'Makers'), 'Join').click();
    await settled(el);
    expect(text($(el, '[role="alert"]'))).to.equal('Too many attempts. Try again in 30 s.');
    expect(buttonIn(card(el, 'Makers'), 'Join')).to.exist;
  });

  it('explains when the person may not use the apps, and reads only with apps:read', async () => {
    seed();
    fake.asContact(['profile:read']);
    let el = await mount(fake);
    expect(text($(el, '[part="not-allowed"]'))).to.equal(
      "You don't have access to this account's apps. Ask the account owner.",
    );
    expect(fake.calls).to.deep.equal([]);

    fake.asContact(['apps:read']);
    el = await mount(fake);
    expect(text($(el, '[part="not-allowed"]'))).to.contain('You can read the groups but not join or write.');
    expect(all(el, '[part~="group"]')).to.have.length(3);
    expect(all(el, '[part~="group"] button')).to.have.length(0);
  });

  it('speaks Spanish', async () => {
    seed();
    const el = await mount(fake, undefined, { lang: 'es' });
    expect(text($(el, '[part="title"]'))).to.equal('Comunidades');
    expect(text(card(el, 'Makers').querySelector('[part="facts"]'))).to.equal(
      '1 miembro · 4 publicaciones · Cualquiera puede unirse',
    );
    expect(buttonIn(card(el, 'Insiders'), 'Solicitar unirme')).to.exist;
    expect(text(card(el, 'VIP').querySelector('[part~="badge"]'))).to.equal('Miembro');
    await expect(el).to.be.accessible();
  });
});
