import { aTimeout, expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminCommunities } from '../../../test/fake-admin-communities.js';
import { fill, mountPage, noticeText, problem, submitFormOf } from '../../../test/fake-admin.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import './admin-communities.js';
import type { PortalAdminCommunities } from './admin-communities.js';

const API = '/api/admin/v1/communities';

const mount = (fake: FakeAdminCommunities, o: { as?: string; lang?: string } = {}) =>
  mountPage<PortalAdminCommunities>(
    html`<portal-admin-communities
      .client=${fake.client()}
      .session=${fake.signIn(o.as ?? 'grace@example.com')}
      lang=${o.lang ?? 'en'}
    ></portal-admin-communities>`,
    fake,
    { as: o.as ?? 'grace@example.com' },
  );

const byLabel = (el: PortalAdminCommunities, label: string) =>
  $<HTMLButtonElement>(el, `button[aria-label="${label}"]`);
const tables = (el: PortalAdminCommunities) => [...el.shadowRoot!.querySelectorAll('table')];
const rowTexts = (table: HTMLTableElement | undefined) =>
  [...(table?.tBodies[0]?.rows ?? [])].map((r) => r.textContent?.replace(/\s+/g, ' ').trim());
const tab = (el: PortalAdminCommunities, name: RegExp) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((t) =>
    name.test(t.textContent?.trim() ?? ''),
  )!;

async function confirm(el: PortalAdminCommunities, expected: string) {
  await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no confirmation');
  expect($(el, 'dialog[open]').textContent).to.contain(expected);
  $<HTMLButtonElement>(el, 'dialog[open] [part~="confirm"]').click();
  await aTimeout(0);
  await settled(el);
}

describe('<portal-admin-communities>', () => {
  let fake: FakeAdminCommunities;
  beforeEach(() => {
    fake = new FakeAdminCommunities();
  });

  it('lists the groups with how one joins, members, requests and posts', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent?.trim()).to.equal('Communities');
    const groups = rowTexts(tables(el)[0]);
    expect(groups[0]).to.match(/^Customers customers Open 2 0 3 0 /);
    expect(groups[1]).to.match(/^Beta testers beta-testers On request 1 2 0 1 /);
    expect(groups[2]).to.match(/^VIP vip By purchase VIP membership 0 0 0 2 /);
    await expect(el).to.be.accessible();
  });

  it('creates a group joined by purchase, asking for a granting product first', async () => {
    const el = await mount(fake);
    button(el, 'New group').click();
    await el.updateComplete;
    await fill(el, 'name', 'Resellers');
    expect($<HTMLInputElement>(el, '[name="slug"]').value).to.equal('resellers');
    await fill(el, 'join', 'purchase');
    await fill(el, 'description', 'For our resellers.');
    await submitFormOf(el, 'name');
    expect($(el, '#productIds-error').textContent).to.equal(
      'Check at least one product: without one, nobody can join a group joined by purchase.',
    );
    expect(fake.callsTo(`${API}/groups`, 'POST')).to.have.length(0);
    await expect(el).to.be.accessible();

    const [vip] = fake.products;
    await fill(el, `product.${vip!.id}`, true);
    await fill(el, 'position', '5');
    await submitFormOf(el, 'name');
    await waitUntil(() => noticeText(el) === 'The group Resellers was created.', 'never created');
    expect(fake.callsTo(`${API}/groups`, 'POST')[0]?.body).to.deep.equal({
      name: 'Resellers',
      description: 'For our resellers.',
      join: 'purchase',
      productIds: [vip!.id],
      slug: 'resellers',
      position: 5,
    });
    expect(
      rowTexts(tables(el)[0]).some((r) => r?.startsWith('Resellers resellers By purchase VIP membership')),
    ).to.be.true;
  });

  it('edits a group; a taken slug shows beside the slug, the server’s field errors beside theirs', async () => {
    const el = await mount(fake);
    byLabel(el, 'Edit Beta testers').click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '[name="name"]').value).to.equal('Beta testers');
    expect($<HTMLSelectElement>(el, '[name="join"]').value).to.equal('request');
    await fill(el, 'slug', 'customers');
    await submitFormOf(el, 'name');
    await settled(el);
    expect($(el, '#slug-error').textContent).to.equal(
      'Another group already uses this slug. Choose another.',
    );

    fake.answer(`PATCH ${API}/groups/${fake.group('Beta testers').id}`, () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'description', message: 'At most 1,000 characters' },
      ]),
    );
    await fill(el, 'slug', 'beta');
    await submitFormOf(el, 'name');
    await settled(el);
    expect($(el, '#description-error').textContent).to.equal('At most 1,000 characters');

    await fill(el, 'name', 'Early access');
    await fill(el, 'join', 'open');
    await submitFormOf(el, 'name');
    await waitUntil(() => noticeText(el) === 'The group Early access was saved.', 'never saved');
    expect(fake.group('Early access').join).to.equal('open');
    expect(fake.group('Early access').slug).to.equal('beta');
  });

  it('deletes a group after confirming', async () => {
    const el = await mount(fake);
    byLabel(el, 'Delete VIP').click();
    await confirm(el, 'Delete the group VIP?');
    expect(noticeText(el)).to.equal('The group VIP was deleted.');
    expect(fake.groups.map((g) => g.name)).to.deep.equal(['Customers', 'Beta testers']);
  });

  it('approves and declines requests, bans with a reason, unbans and removes members', async () => {
    const beta = fake.group('Beta testers');
    const el = await mount(fake, { as: 'sam@example.com' });
    byLabel(el, 'Members of Beta testers').click();
    await waitUntil(() => tables(el)[1], 'members never shown');
    // Waiting requests come first.
    expect(tab(el, /^Requests/).getAttribute('aria-selected')).to.equal('true');
    expect(tab(el, /^Requests/).textContent?.trim()).to.equal('Requests (2)');
    expect(rowTexts(tables(el)[1]).map((r) => r?.split(' ').slice(0, 2).join(' '))).to.deep.equal([
      'Dave Initech',
      'Bob Acme',
    ]);
    await expect(el).to.be.accessible();

    byLabel(el, 'Approve Bob Acme').click();
    await waitUntil(() => noticeText(el) === 'Bob Acme is now a member of Beta testers.', 'never approved');
    expect(fake.standing(beta, 'Bob Acme')?.status).to.equal('member');
    expect(tab(el, /^Requests/).textContent?.trim()).to.equal('Requests (1)');
    byLabel(el, 'Decline Dave Initech').click();
    await waitUntil(() => noticeText(el) === 'The request of Dave Initech was declined.', 'never declined');
    expect(fake.standing(beta, 'Dave Initech')).to.equal(undefined);
    expect($(el, '[part~="empty"]').textContent).to.contain('No requests waiting.');

    tab(el, /^Members/).click();
    await waitUntil(() => rowTexts(tables(el)[1]).length === 2, 'members never listed');
    byLabel(el, 'Ban Bob Acme').click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no ban dialog');
    expect($(el, 'dialog[open]').textContent).to.contain('Ban Bob Acme from Beta testers?');
    await fill(el, 'banReason', 'Leaked the beta');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, 'dialog[open] [part~="confirm"]').click();
    await waitUntil(() => noticeText(el) === 'Bob Acme was banned from Beta testers.', 'never banned');
    expect(el.shadowRoot!.querySelector('dialog')).to.equal(null);
    expect(
      fake.callsTo(`${API}/groups/${beta.id}/members/${fake.standing(beta, 'Bob Acme')!.userId}`)[1]?.body,
    ).to.deep.equal({ action: 'ban', reason: 'Leaked the beta' });
    expect(fake.standing(beta, 'Bob Acme')?.banReason).to.equal('Leaked the beta');

    byLabel(el, 'Remove Ada Acme').click();
    await confirm(el, 'Remove Ada Acme from Beta testers?');
    expect(noticeText(el)).to.equal('Ada Acme was removed from Beta testers.');
    expect(fake.standing(beta, 'Ada Acme')).to.equal(undefined);

    tab(el, /^Banned/).click();
    await waitUntil(() => rowTexts(tables(el)[1]).length === 2, 'bans never listed');
    expect(rowTexts(tables(el)[1])).to.satisfy((r: string[]) => r.some((x) => x.includes('Advertising')));
    byLabel(el, 'Unban Eve Spam').click();
    await waitUntil(
      () => noticeText(el) === 'Eve Spam is no longer banned from Beta testers.',
      'never unbanned',
    );
    // As the server does: an unbanned person is a member again.
    expect(fake.standing(beta, 'Eve Spam')).to.deep.include({ status: 'member', banReason: null });
  });

  it('says so when a person’s standing changed meanwhile, and lists them again', async () => {
    const el = await mount(fake);
    byLabel(el, 'Members of Beta testers').click();
    await waitUntil(() => tables(el)[1], 'members never shown');
    fake.standing(fake.group('Beta testers'), 'Bob Acme')!.status = 'member';
    byLabel(el, 'Approve Bob Acme').click();
    await waitUntil(() => alertText(el) !== '', 'no alert');
    expect(alertText(el)).to.equal('This person’s standing changed meanwhile; the list was loaded again.');
    await waitUntil(() => rowTexts(tables(el)[1]).length === 1, 'never reloaded');
  });

  it('lets support staff manage members but not change groups', async () => {
    const el = await mount(fake, { as: 'sam@example.com' });
    expect(el.shadowRoot!.textContent).to.contain('only admins create, change or delete groups');
    expect(el.shadowRoot!.querySelector('[part~="new"], [part~="edit"], [part~="remove"]')).to.equal(null);
    expect(byLabel(el, 'Members of Customers')).to.exist;
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, { lang: 'es' });
    expect($(el, 'h1').textContent?.trim()).to.equal('Comunidades');
    expect(rowTexts(tables(el)[0])[1]).to.contain('Con solicitud');
    byLabel(el, 'Miembros de Beta testers').click();
    await waitUntil(() => tables(el)[1], 'members never shown');
    expect(tab(el, /^Solicitudes/).textContent?.trim()).to.equal('Solicitudes (2)');
    await expect(el).to.be.accessible();
  });
});
