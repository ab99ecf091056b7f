import { expect, html, waitUntil } from '@open-wc/testing';
import { fill, mountPage, noticeText, problem, rows, submitFormOf } from '../../../test/fake-admin.js';
import { FakeAdminApps } from '../../../test/fake-admin-apps.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import type { PortalAdminApps } from './admin-apps.js';

const mount = (fake: FakeAdminApps, as = 'grace@example.com', lang = 'en') =>
  mountPage<PortalAdminApps>(
    html`<portal-admin-apps .client=${fake.client()} .session=${fake.signIn(as)} .searchDelay=${0} lang=${lang}></portal-admin-apps>`,
    fake,
    { as },
  );

const card = (el: PortalAdminApps, id: string) => $(el, `section[aria-labelledby="app-${id}-title"]`);
const patches = (fake: FakeAdminApps, id: string) => fake.callsTo(`/api/admin/v1/apps/${id}`, 'PATCH');
const grantRows = (el: PortalAdminApps) =>
  rows(el).map((r) =>
    [...r.querySelectorAll('td')].slice(0, 3).map((c) => c.textContent?.replace(/\s+/g, ' ').trim()),
  );
const confirm = async (el: PortalAdminApps, answer: 'confirm' | 'cancel' = 'confirm') => {
  await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no confirmation asked');
  $<HTMLButtonElement>(el, `dialog [part~="${answer}"]`).click();
};

describe('<portal-admin-apps>', () => {
  let fake: FakeAdminApps;
  beforeEach(() => {
    fake = new FakeAdminApps();
  });

  it('shows each app with its switch, access, where it lives and the products that grant it', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('Apps');
    expect([...el.shadowRoot!.querySelectorAll('[part~="app"] h2')].map((h) => h.textContent)).to.deep.equal([
      'Affiliates',
      'Courses',
      'Communities',
    ]);
    const courses = card(el, 'courses');
    const toggle = courses.querySelector<HTMLInputElement>('[part~="switch"]')!;
    expect(toggle.getAttribute('role')).to.equal('switch');
    expect(toggle.checked).to.be.true;
    expect(card(el, 'communities').querySelector<HTMLInputElement>('[part~="switch"]')!.checked).to.be.false;
    expect($<HTMLSelectElement>(el, '[name="courses.access"]').value).to.equal('granted');
    expect($<HTMLInputElement>(el, '[name="courses.href"]').value).to.equal('/courses.html');
    expect(courses.querySelector('.effective a')?.getAttribute('href')).to.equal('/courses.html');
    // The hosted page is where an app without its own page lives.
    expect(card(el, 'affiliates').querySelector('.effective a')?.textContent).to.equal('/portal/affiliates');
    const checked = [...courses.querySelectorAll<HTMLInputElement>('[part~="products"] input')].map(
      (i) => `${i.parentElement?.textContent?.trim()}:${i.checked}`,
    );
    expect(checked).to.deep.equal(['Starter:true', 'Business:false']);
    // Products only matter to apps open to the accounts granted them.
    expect(card(el, 'affiliates').querySelector('[part~="products"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('saves only what changed of one app, and shows the server’s refusal beside its field', async () => {
    const el = await mount(fake);
    const business = fake.products.find((p) => p.name === 'Business')!;
    await fill(el, 'communities.enabled', true);
    await fill(el, 'communities.access', 'granted');
    await fill(el, `communities.products.${business.id}`, true);
    await submitFormOf(el, 'communities.href');
    await settled(el);
    expect(patches(fake, 'communities')[0]?.body).to.deep.equal({
      enabled: true,
      access: 'granted',
      productIds: [business.id],
    });
    expect(noticeText(el)).to.equal('Communities was saved. It is on.');
    expect(fake.apps.communities).to.deep.include({ enabled: true, access: 'granted' });

    await fill(el, 'courses.href', '//evil.example');
    await submitFormOf(el, 'courses.href');
    expect($(el, '#courses-href-error').textContent).to.equal(
      'Use a path such as /courses.html or a full https:// address.',
    );
    expect(patches(fake, 'courses')).to.have.length(0);

    fake.answer('PATCH /api/admin/v1/apps/courses', () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'href', message: 'A path such as /courses.html or a full https:// URL' },
      ]),
    );
    await fill(el, 'courses.href', '/learn.html');
    await submitFormOf(el, 'courses.href');
    await settled(el);
    expect($(el, '#courses-href-error').textContent).to.equal(
      'A path such as /courses.html or a full https:// URL',
    );
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('courses.href');

    // Emptied, the app lives on the hosted portal again.
    await fill(el, 'courses.href', '');
    await submitFormOf(el, 'courses.href');
    await settled(el);
    expect(patches(fake, 'courses').at(-1)?.body).to.deep.equal({ href: null });
    expect(card(el, 'courses').querySelector('.effective a')?.textContent).to.equal('/portal/courses');

    await submitFormOf(el, 'courses.href');
    expect(noticeText(el)).to.equal('Nothing has changed, so there was nothing to save.');
  });

  it('lists the invitations and filters them by kind', async () => {
    const acme = fake.account('Acme Ltd');
    fake.grants.push({
      ...fake.grants[0]!,
      id: 'grt_00000000000000000000000zzz',
      kind: 'app',
      resourceId: 'communities',
      resourceName: 'Communities',
      accountId: acme.id,
      accountName: acme.name,
      note: '',
    });
    const el = await mount(fake);
    expect(grantRows(el)).to.deep.equal([
      ['Globex', 'Course Getting started with hosting', 'Welcome aboard'],
      ['Acme Ltd', 'App Communities', ''],
    ]);
    expect(rows(el)[0]!.querySelector('a')?.getAttribute('href')).to.equal(
      `#/clients/${fake.account('Globex').id}`,
    );
    await fill(el, 'status', 'app');
    await waitUntil(() => rows(el).length === 1, 'the filter never applied');
    expect(fake.calls.at(-1)?.query.kind).to.equal('app');
    await fill(el, 'status', 'group');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="empty"]'));
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal('No invitations of this kind.');
  });

  it('invites an account found by search to a course, with a note', async () => {
    const el = await mount(fake);
    button(el, 'Invite an account').click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('kind');
    await submitFormOf(el, 'note');
    expect($(el, '#resourceId-error').textContent).to.equal('Choose an app');
    expect($(el, '#accountId-error').textContent).to.equal('Choose the account.');
    expect(fake.callsTo('/api/admin/v1/apps/grants', 'POST')).to.have.length(0);

    await fill(el, 'kind', 'course');
    await waitUntil(
      () => el.shadowRoot!.querySelector('[name="resourceId"] option[value^="crs_"]'),
      'no courses',
    );
    const course = fake.courseList[1]!;
    await fill(el, 'resourceId', course.id);
    await fill(el, 'accountQuery', 'acme');
    await waitUntil(
      () => $<HTMLSelectElement>(el, '[name="accountId"]').value !== '',
      'the search never found Acme',
    );
    const acme = fake.account('Acme Ltd');
    expect($<HTMLSelectElement>(el, '[name="accountId"]').value).to.equal(acme.id);
    expect(fake.calls.find((c) => c.path === '/api/admin/v1/clients')?.query.q).to.equal('acme');
    await fill(el, 'note', '  Enjoy the course  ');
    await expect(el).to.be.accessible();
    await submitFormOf(el, 'note');
    await settled(el);
    expect(fake.callsTo('/api/admin/v1/apps/grants', 'POST')[0]?.body).to.deep.equal({
      kind: 'course',
      resourceId: course.id,
      accountId: acme.id,
      note: 'Enjoy the course',
    });
    expect(noticeText(el)).to.equal('Acme Ltd now has access to Email deliverability.');
    await waitUntil(() => rows(el).length === 2, 'the new invitation is not listed');
    expect(grantRows(el)[0]).to.deep.equal(['Acme Ltd', 'Course Email deliverability', 'Enjoy the course']);
    expect(el.shadowRoot!.querySelector('[part~="invite"]')).to.equal(null);
  });

  it('invites to a group, and shows a refusal of the server beside the account', async () => {
    const el = await mount(fake);
    button(el, 'Invite an account').click();
    await el.updateComplete;
    await fill(el, 'kind', 'group');
    await waitUntil(
      () => el.shadowRoot!.querySelector('[name="resourceId"] option[value^="grp_"]'),
      'no groups',
    );
    expect(
      [...el.shadowRoot!.querySelectorAll('[name="resourceId"] option')].map((o) => o.textContent?.trim()),
    ).to.deep.equal(['Choose a group', 'Web developers', 'Resellers']);
    await fill(el, 'resourceId', fake.groupList[0]!.id);
    await fill(el, 'accountQuery', 'a');
    await waitUntil(
      () => el.shadowRoot!.querySelectorAll('[name="accountId"] option').length > 2,
      'no accounts',
    );
    await fill(el, 'accountId', fake.account('Initech').id);
    fake.answer('POST /api/admin/v1/apps/grants', () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'accountId', message: 'This account is disabled' },
      ]),
    );
    await submitFormOf(el, 'note');
    await settled(el);
    expect($(el, '#accountId-error').textContent).to.equal('This account is disabled');
    expect(fake.grants).to.have.length(1);
  });

  it('revokes an invitation after a confirmation', async () => {
    const el = await mount(fake);
    const label = 'Revoke Getting started with hosting from Globex';
    $<HTMLButtonElement>(el, `[aria-label="${label}"]`).click();
    await confirm(el, 'cancel');
    await el.updateComplete;
    expect(fake.grants).to.have.length(1);
    $<HTMLButtonElement>(el, `[aria-label="${label}"]`).click();
    await el.updateComplete;
    expect($(el, 'dialog').textContent).to.contain('Revoke Getting started with hosting from Globex?');
    await confirm(el);
    await settled(el);
    expect(fake.grants).to.have.length(0);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="empty"]'), 'the invitation is still listed');
    expect(noticeText(el)).to.equal(
      'Globex no longer has the access to Getting started with hosting you gave.',
    );
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'invitations-title', 'focus never moved');
  });

  it('says why the apps could not be loaded, and tries again', async () => {
    fake.answer('GET /api/admin/v1/apps', () => problem(503, 'UNAVAILABLE', 'Try again in a moment.'));
    const el = await mount(fake);
    expect($(el, '[part~="load-error"]').textContent).to.contain('Try again in a moment.');
    button(el, 'Try again').click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="app"]'), 'never loaded');
    expect(alertText(el)).to.equal('');
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, 'grace@example.com', 'es');
    expect($(el, 'h1').textContent).to.equal('Aplicaciones');
    expect(button(el, 'Guardar Courses')).to.exist;
    expect(button(el, 'Invitar a una cuenta')).to.exist;
    expect($(el, '[part~="table"] caption').textContent).to.equal('Invitaciones, las más recientes primero');
  });
});
