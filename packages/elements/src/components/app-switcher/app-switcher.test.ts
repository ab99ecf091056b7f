import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FakeApps, inAppsProvider } from '../../../test/fake-apps.js';
import { json, problem } from '../../../test/fake-portal.js';
import { $ } from '../../../test/helpers.js';
import { all, find, text } from '../../../test/queries.js';
import type { PortalProvider } from '../provider/provider.js';
import { currentEntry, type PortalAppSwitcher, parseHrefs } from './app-switcher.js';
import './app-switcher.js';

const switcher = (
  fake: FakeApps,
  options: Parameters<typeof inAppsProvider>[3] = {},
  content = html`<portal-app-switcher></portal-app-switcher>`,
) => inAppsProvider<PortalAppSwitcher>(fake, content, 'portal-app-switcher', options);

async function loaded(el: PortalAppSwitcher) {
  await waitUntil(() => find(el, '[part="trigger"]'), 'never showed the button');
  await el.updateComplete;
}

const trigger = (el: PortalAppSwitcher) => $<HTMLButtonElement>(el, '[part="trigger"]');
const items = (el: PortalAppSwitcher) => all(el, '[role="menuitem"]');
const focused = (el: PortalAppSwitcher) => el.shadowRoot!.activeElement as HTMLElement | null;
const entries = (el: PortalAppSwitcher) =>
  items(el).map((a) => [text(a.querySelector('.name')), a.getAttribute('href')]);

async function press(el: PortalAppSwitcher, key: string) {
  await sendKeys({ press: key });
  await el.updateComplete;
}

describe('<portal-app-switcher>', () => {
  let fake: FakeApps;
  beforeEach(() => {
    fake = new FakeApps();
  });

  it('lists the portal then each app, as links, behind a closed "Apps" button', async () => {
    const el = await switcher(fake);
    await loaded(el);
    const button = trigger(el);
    expect(text(button)).to.equal('Apps');
    expect(button.getAttribute('aria-haspopup')).to.equal('menu');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect($(el, '[part="panel"]').hidden).to.be.true;
    expect(entries(el)).to.deep.equal([
      ['Northwind Hosting', 'http://portal.test/'],
      ['Courses', 'http://portal.test/apps/courses'],
      ['Communities', 'http://portal.test/apps/communities'],
    ]);
    expect(items(el).every((a) => a.localName === 'a')).to.be.true;
    expect(text(items(el)[1]!.querySelector('[part="description"]'))).to.equal(
      'Your membership courses and lessons',
    );
    await expect(el).to.be.accessible();
  });

  it('opens with Enter on the first entry, moves with the arrows, Home and End, and closes with Escape', async () => {
    const el = await switcher(fake);
    await loaded(el);
    trigger(el).focus();
    await press(el, 'Enter');
    expect(el.open).to.be.true;
    expect(trigger(el).getAttribute('aria-expanded')).to.equal('true');
    expect(focused(el)?.dataset.app).to.equal('portal');
    await expect(el).to.be.accessible();
    await press(el, 'ArrowDown');
    expect(focused(el)?.dataset.app).to.equal('courses');
    await press(el, 'End');
    expect(focused(el)?.dataset.app).to.equal('communities');
    await press(el, 'ArrowDown');
    expect(focused(el)?.dataset.app).to.equal('portal');
    await press(el, 'ArrowUp');
    expect(focused(el)?.dataset.app).to.equal('communities');
    await press(el, 'Home');
    expect(focused(el)?.dataset.app).to.equal('portal');
    await press(el, 'Escape');
    expect(el.open).to.be.false;
    expect(focused(el)).to.equal(trigger(el));
  });

  it('opens on the last entry with Arrow Up, and Tab closes it and leaves', async () => {
    const el = await switcher(fake);
    await loaded(el);
    trigger(el).focus();
    await press(el, 'ArrowUp');
    expect(el.open).to.be.true;
    expect(focused(el)?.dataset.app).to.equal('communities');
    await press(el, 'Tab');
    expect(el.open).to.be.false;
    expect($(el, '[part="panel"]').hidden).to.be.true;
  });

  it('closes on a click outside', async () => {
    const el = await switcher(fake);
    await loaded(el);
    trigger(el).click();
    await el.updateComplete;
    expect(el.open).to.be.true;
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.open).to.be.false;
  });

  it('marks the entry named by current with aria-current="page"', async () => {
    const el = await switcher(fake, {}, html`<portal-app-switcher current="courses"></portal-app-switcher>`);
    await loaded(el);
    const current = all(el, '[aria-current="page"]');
    expect(current.map((a) => a.dataset.app)).to.deep.equal(['courses']);
    expect(current[0]!.getAttribute('part')).to.equal('item current');
    el.current = 'portal';
    await el.updateComplete;
    expect(all(el, '[aria-current="page"]').map((a) => a.dataset.app)).to.deep.equal(['portal']);
  });

  it('takes hrefs from the hrefs attribute, and without current marks the entry of this page', async () => {
    const here = location.pathname;
    const el = await switcher(
      fake,
      {},
      html`<portal-app-switcher
        hrefs="courses=${here}, communities=/community.html,portal=/account.html, bogus"
      ></portal-app-switcher>`,
    );
    await loaded(el);
    expect(entries(el)).to.deep.equal([
      ['Northwind Hosting', '/account.html'],
      ['Courses', here],
      ['Communities', '/community.html'],
    ]);
    expect(all(el, '[aria-current="page"]').map((a) => a.dataset.app)).to.deep.equal(['courses']);
  });

  it('tells the current entry by origin and the nearest path holding the page', () => {
    const here = new URL('https://portal.example.com/apps/courses/lesson/1?x=1');
    const hrefs = [
      'https://portal.example.com/',
      'https://portal.example.com/apps/courses',
      '/apps/communities',
    ];
    expect(currentEntry(hrefs, here)).to.equal(1);
    expect(currentEntry(hrefs, new URL('https://portal.example.com/invoices'))).to.equal(0);
    expect(currentEntry(hrefs, new URL('https://portal.example.com/apps/courses-old'))).to.equal(0);
    expect(currentEntry(['https://other.example.com/'], here)).to.equal(-1);
    expect(
      currentEntry(['/courses.html?tab=mine'], new URL('https://a.example/courses.html?tab=all')),
    ).to.equal(-1);
    expect(parseHrefs(' a=/a , =x, b=, c = /c?x=1 ')).to.deep.equal({ a: '/a', c: '/c?x=1' });
  });

  it('shows the portal and a note instead of the apps while the profile is incomplete', async () => {
    fake.account.requiredFields = ['phone'];
    fake.account.details.acct_01!.phone = null;
    const el = await switcher(fake);
    await loaded(el);
    expect(entries(el).map(([name]) => name)).to.deep.equal(['Northwind Hosting']);
    expect(text(find(el, '[part="note"]'))).to.equal('Complete your profile to use apps.');
    trigger(el).click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('shows nothing when there is no app to switch to', async () => {
    fake.apps = [];
    const el = await switcher(fake);
    await waitUntil(() => fake.callsTo('/api/v1/apps').length === 1, 'never asked');
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
    expect(el.shadowRoot!.children.length).to.equal(0);
  });

  it('shows nothing and asks nothing when signed out', async () => {
    const el = await switcher(fake, { signedInAs: null });
    expect(find(el, '[part="trigger"]')).to.be.null;
    expect(fake.callsTo('/api/v1/apps')).to.have.length(0);
  });

  it('shows nothing while the list loads', async () => {
    fake.answer('GET /api/v1/apps', () => new Promise(() => {}));
    const el = await switcher(fake);
    await waitUntil(() => fake.callsTo('/api/v1/apps').length === 1, 'never asked');
    expect(find(el, '[part="trigger"]')).to.be.null;
  });

  it('offers "Try again" in the menu when the list fails, and shows the apps after', async () => {
    fake.answer('GET /api/v1/apps', () => problem(500, 'INTERNAL', 'Something went wrong.'));
    const provider = await fixture<PortalProvider>(
      html`<portal-provider .client=${fake.client('ada@example.com')} profile-gate="off"
        ><portal-app-switcher></portal-app-switcher
      ></portal-provider>`,
    );
    const el = provider.querySelector('portal-app-switcher')!;
    const failed = oneEvent(el, 'portal-error');
    await loaded(el);
    expect((await failed).detail.action).to.equal('listApps');
    trigger(el).click();
    await el.updateComplete;
    expect(text(find(el, '[part="load-error"]'))).to.equal('The apps could not be loaded.');
    await expect(el).to.be.accessible();
    await press(el, 'Enter');
    await waitUntil(() => find(el, '[data-app="courses"]'), 'never reloaded');
    expect(el.open).to.be.false;
  });

  it('shows nothing when asking again cannot help (a server without apps)', async () => {
    fake.answer('GET /api/v1/apps', () => problem(404, 'NOT_FOUND', 'No such route.'));
    const el = await switcher(fake);
    await waitUntil(() => fake.callsTo('/api/v1/apps').length === 1, 'never asked');
    await el.updateComplete;
    expect(find(el, '[part="trigger"]')).to.be.null;
  });

  it('asks again after switching account and after signing out and in', async () => {
    fake.account.addAccount({ id: 'acct_02', name: 'Difference Engines', role: 'owner' });
    const el = await switcher(fake);
    await loaded(el);
    fake.answer('GET /api/v1/apps', () =>
      json(200, { portal: fake.portalApp, apps: [fake.apps[0]], profileIncomplete: false }),
    );
    await el.client!.auth.switchAccount({ accountId: 'acct_02' });
    await waitUntil(() => items(el).length === 2, 'the other account’s apps never showed');
    expect(fake.callsTo('/api/v1/apps')).to.have.length(2);
    await el.client!.auth.logout();
    await waitUntil(() => !find(el, '[part="trigger"]'), 'still shown when signed out');
    await el.client!.auth.login({ email: 'ada@example.com', password: 'analytical engine' });
    await loaded(el);
    expect(fake.callsTo('/api/v1/apps')).to.have.length(3);
  });

  it('speaks Spanish', async () => {
    const el = await switcher(fake, { lang: 'es' });
    await loaded(el);
    expect(text(trigger(el))).to.equal('Aplicaciones');
    expect(entries(el).map(([name]) => name)).to.deep.equal(['Northwind Hosting', 'Cursos', 'Comunidades']);
    expect(text(items(el)[0]!.querySelector('.description'))).to.equal('Tu cuenta, servicios y facturas');
  });

  it('is accessible open in the dark theme', async () => {
    const el = await switcher(fake, {}, html`<portal-app-switcher theme="dark"></portal-app-switcher>`);
    await loaded(el);
    trigger(el).click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
