import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import { FakeAccount } from '../../../test/fake-account.js';
import { FakeApps } from '../../../test/fake-apps.js';
import { FakePortal, problem } from '../../../test/fake-portal.js';
import { $ } from '../../../test/helpers.js';
import type { PortalProvider } from '../provider/provider.js';
import { isCurrentPage, type PortalNav } from './nav.js';
import '../../index.js';

/** A nav inside a provider (optionally inside `wrap`), once the configuration and session are loaded. */
async function nav(
  portal: Pick<FakePortal, 'client'>,
  options: { signedInAs?: string; lang?: string; nav?: TemplateResult; width?: string } = {},
): Promise<PortalNav> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${options.width ?? '1000px'}">
    <portal-provider .client=${portal.client(options.signedInAs)} lang=${options.lang ?? 'en'}>
      ${options.nav ?? html`<portal-nav></portal-nav>`}
    </portal-provider>
  </div>`);
  const provider = wrapper.querySelector<PortalProvider>('portal-provider')!;
  await waitUntil(
    () => provider.sessionState.status !== 'loading' && provider.configState.status !== 'loading',
    'provider never loaded',
  );
  const el = wrapper.querySelector('portal-nav')!;
  await el.updateComplete;
  return el;
}

const linkTexts = (el: PortalNav) =>
  [...el.shadowRoot!.querySelectorAll('[part="links"] a')].map((a) => a.textContent?.trim());
const menuButton = (el: PortalNav) => $<HTMLButtonElement>(el, '[part="menu-button"]');
const menuPanel = (el: PortalNav) => $(el, '[part="menu"]');
const shown = (element: Element) => getComputedStyle(element).display !== 'none';

describe('<portal-nav>', () => {
  let portal: FakePortal;
  beforeEach(() => {
    portal = new FakePortal();
  });

  it('shows the business name, the section links and, for guests, sign in and get started', async () => {
    const el = await nav(portal);
    expect($(el, '[part="brand"]').textContent?.trim()).to.equal('Northwind Hosting');
    expect($(el, '[part="brand"]').getAttribute('href')).to.equal('/');
    expect(linkTexts(el)).to.deep.equal([
      'Store',
      'Domains',
      'Knowledge base',
      'Announcements',
      'FAQ',
      'Status',
    ]);
    const hrefs = [...el.shadowRoot!.querySelectorAll('[part="links"] a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal([
      '/store',
      '/domains',
      '/knowledgebase',
      '/announcements',
      '/faq',
      '/status',
    ]);
    expect($(el, '[part~="sign-in"]').getAttribute('href')).to.equal('/login');
    expect($(el, '[part~="get-started"]').getAttribute('href')).to.equal('/register');
    expect($(el, '[part~="get-started"]').textContent?.trim()).to.equal('Get started');
    expect(el.shadowRoot!.querySelector('portal-account-menu')).to.be.null;
    expect($(el, 'nav').getAttribute('aria-label')).to.equal('Main');
    await expect(el).to.be.accessible();
  });

  it('shows only the sections the portal configuration enables, at the hrefs given', async () => {
    portal.config.sections = { ...portal.config.sections, store: false, knowledgeBase: false };
    const el = await nav(portal, {
      nav: html`<portal-nav domains-href="/find-a-domain" announcements-href="/news"></portal-nav>`,
    });
    expect(linkTexts(el)).to.deep.equal(['Domains', 'Announcements', 'FAQ', 'Status']);
    expect($(el, '[part="links"] a').getAttribute('href')).to.equal('/find-a-domain');

    portal.config.sections = {
      ...portal.config.sections,
      domainSearch: false,
      announcements: false,
      faq: false,
      status: false,
    };
    await el.closest('portal-provider')!.refreshConfig();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="links"]')).to.be.null;
  });

  it('shows the logo with the business name as its text alternative', async () => {
    portal.config.logoUrl =
      'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="80" height="20"%3E%3C/svg%3E';
    const el = await nav(portal);
    const logo = $<HTMLImageElement>(el, '[part="brand"] img[part="logo"]');
    expect(logo.alt).to.equal('Northwind Hosting');
    expect(el.shadowRoot!.querySelector('[part="name"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('shows the account menu when signed in', async () => {
    const el = await nav(portal, { signedInAs: 'ada@example.com' });
    const menu = $(el, 'portal-account-menu');
    expect(menu.getAttribute('login-href')).to.equal('/login');
    expect(el.shadowRoot!.querySelector('[part~="sign-in"]')).to.be.null;
    await waitUntil(() => menu.shadowRoot?.querySelector('[part="avatar"]'), 'menu never rendered');
    expect(menu.shadowRoot!.querySelector('[part="avatar"]')?.textContent).to.equal('AL');
    await expect(el).to.be.accessible();
  });

  it('shows the app switcher before the account menu when signed in, with current-app and app-hrefs', async () => {
    const apps = new FakeApps(new FakeAccount(portal));
    const el = await nav(apps, {
      signedInAs: 'ada@example.com',
      nav: html`<portal-nav current-app="courses" app-hrefs="courses=/courses.html"></portal-nav>`,
    });
    const switcher = $(el, '[part~="account"] portal-app-switcher');
    expect(switcher.nextElementSibling?.localName).to.equal('portal-account-menu');
    expect(switcher.getAttribute('current')).to.equal('courses');
    expect(switcher.getAttribute('hrefs')).to.equal('courses=/courses.html');
    await waitUntil(
      () => switcher.shadowRoot?.querySelector('[data-app="courses"]'),
      'switcher never listed',
    );
    const courses = switcher.shadowRoot!.querySelector('[data-app="courses"]')!;
    expect(courses.getAttribute('href')).to.equal('/courses.html');
    expect(courses.getAttribute('aria-current')).to.equal('page');
    await expect(el).to.be.accessible();
  });

  it('shows no app switcher to guests', async () => {
    const el = await nav(new FakeApps(new FakeAccount(portal)));
    expect(el.shadowRoot!.querySelector('portal-app-switcher')).to.be.null;
  });

  it('links to the dashboard, services and invoices when signed in and their hrefs are set', async () => {
    const links = html`<portal-nav dashboard-href="/" services-href="/services" invoices-href="/invoices"></portal-nav>`;
    const guest = await nav(portal, { nav: links });
    expect(linkTexts(guest), 'not for guests').to.deep.equal([
      'Store',
      'Domains',
      'Knowledge base',
      'Announcements',
      'FAQ',
      'Status',
    ]);
    const el = await nav(portal, { signedInAs: 'ada@example.com', nav: links });
    expect(linkTexts(el)).to.deep.equal([
      'Dashboard',
      'Services',
      'Invoices',
      'Store',
      'Domains',
      'Knowledge base',
      'Announcements',
      'FAQ',
      'Status',
    ]);
    const hrefs = [...el.shadowRoot!.querySelectorAll('[part="links"] a')]
      .slice(0, 3)
      .map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal(['/', '/services', '/invoices']);
    // Without the attributes, a signed-in nav is as before.
    const plain = await nav(portal, { signedInAs: 'ada@example.com' });
    expect(linkTexts(plain)).to.deep.equal([
      'Store',
      'Domains',
      'Knowledge base',
      'Announcements',
      'FAQ',
      'Status',
    ]);
    await expect(el).to.be.accessible();
  });

  it('links to the support tickets for those who may see them', async () => {
    const links = html`<portal-nav tickets-href="/support"></portal-nav>`;
    const guest = await nav(portal, { nav: links });
    expect(linkTexts(guest), 'not for guests').not.to.include('Support');
    const el = await nav(portal, { signedInAs: 'ada@example.com', nav: links });
    expect(linkTexts(el)[0]).to.equal('Support');
    expect($(el, '[part="links"] a').getAttribute('href')).to.equal('/support');

    // A contact without support:read gets no link; with it (or support:write), one.
    const account = new FakeAccount(portal);
    account.asContact('custom', ['billing:read']);
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 1000px">
      <portal-provider .client=${account.client('ada@example.com')} lang="es">${links}</portal-provider>
    </div>`);
    const provider = wrapper.querySelector<PortalProvider>('portal-provider')!;
    await waitUntil(
      () => provider.sessionState.status === 'signed-in' && provider.configState.status !== 'loading',
    );
    const contactNav = wrapper.querySelector('portal-nav')!;
    await contactNav.updateComplete;
    expect(linkTexts(contactNav)).not.to.include('Soporte');
    account.asContact('custom', ['support:write']);
    await provider.refresh();
    await waitUntil(() => linkTexts(contactNav).includes('Soporte'), 'no link with support:write');
  });

  it('links to my domains for those who may see the account’s domains', async () => {
    const links = html`<portal-nav my-domains-href="/domains" domains-href="/find-a-domain"></portal-nav>`;
    const guest = await nav(portal, { nav: links });
    expect(linkTexts(guest), 'not for guests').not.to.include('My domains');
    const el = await nav(portal, { signedInAs: 'ada@example.com', nav: links });
    expect(linkTexts(el)).to.deep.equal([
      'My domains',
      'Store',
      'Domains',
      'Knowledge base',
      'Announcements',
      'FAQ',
      'Status',
    ]);
    expect($(el, '[part="links"] a').getAttribute('href')).to.equal('/domains');
    await expect(el).to.be.accessible();

    // A contact without domains:read gets no link to a page that would only say so.
    const account = new FakeAccount(portal);
    account.asContact('custom', ['billing:read']);
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 1000px">
      <portal-provider .client=${account.client('ada@example.com')} lang="es">${links}</portal-provider>
    </div>`);
    const provider = wrapper.querySelector<PortalProvider>('portal-provider')!;
    await waitUntil(
      () => provider.sessionState.status === 'signed-in' && provider.configState.status !== 'loading',
    );
    const contactNav = wrapper.querySelector('portal-nav')!;
    await contactNav.updateComplete;
    expect(linkTexts(contactNav)).not.to.include('Mis dominios');
    account.asContact('custom', ['domains:read']);
    await provider.refresh();
    await waitUntil(() => linkTexts(contactNav).includes('Mis dominios'), 'no link with domains:read');
  });

  it('offers sign in again after signing out from the account menu, with focus on it', async () => {
    const el = await nav(portal, { signedInAs: 'ada@example.com' });
    const menu = $(el, 'portal-account-menu');
    await waitUntil(() => menu.shadowRoot?.querySelector('[part="trigger"]'), 'menu never rendered');
    menu.shadowRoot!.querySelector<HTMLButtonElement>('[part="trigger"]')!.click();
    await waitUntil(() => menu.shadowRoot?.querySelector('[part~="sign-out"]'), 'menu never opened');
    menu.shadowRoot!.querySelector<HTMLButtonElement>('[part~="sign-out"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="sign-in"]'), 'sign-in link not shown');
    await waitUntil(() => el.shadowRoot!.activeElement === $(el, '[part~="sign-in"]'), 'focus lost');
  });

  it('marks the link to the page shown with aria-current="page"', async () => {
    const here = `${location.pathname}${location.search}`;
    const el = await nav(portal, { nav: html`<portal-nav kb-href=${here}></portal-nav>` });
    const current = [...el.shadowRoot!.querySelectorAll('[part="links"] a[aria-current="page"]')];
    expect(current.map((a) => a.textContent?.trim())).to.deep.equal(['Knowledge base']);
    await expect(el).to.be.accessible();
  });

  it('tells the current page by origin, path, query and hash', () => {
    const here = new URL('https://portal.example.com/kb/?q=dns#top');
    expect(isCurrentPage('/kb', here)).to.be.true;
    expect(isCurrentPage('https://portal.example.com/kb/', here)).to.be.true;
    expect(isCurrentPage('/kb?q=dns#top', here)).to.be.true;
    expect(isCurrentPage('/kb?q=mail', here)).to.be.false;
    expect(isCurrentPage('#faq', here)).to.be.false;
    expect(isCurrentPage('/store', here)).to.be.false;
    expect(isCurrentPage('https://other.example.com/kb', here)).to.be.false;
  });

  describe('on a narrow width', () => {
    it('collapses the links behind a menu button that opens with the keyboard and closes with Escape', async () => {
      const el = await nav(portal, { width: '320px' });
      const button = menuButton(el);
      expect(shown(button)).to.be.true;
      expect(shown(menuPanel(el))).to.be.false;
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(button.getAttribute('aria-controls')).to.equal('menu');
      expect(button.textContent?.trim()).to.equal('Menu');
      await expect(el).to.be.accessible();

      button.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.open).to.be.true;
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(shown(menuPanel(el))).to.be.true;
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Store');
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(el.open).to.be.false;
      expect(shown(menuPanel(el))).to.be.false;
      expect(el.shadowRoot!.activeElement).to.equal(button);

      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(el.open).to.be.true;
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      await el.updateComplete;
      expect(el.open, 'a click outside closes it').to.be.false;
    });

    it('opens the app switcher’s menu inside the bar, not off its start edge', async () => {
      const apps = new FakeApps(new FakeAccount(portal));
      const el = await nav(apps, { signedInAs: 'ada@example.com', lang: 'es', width: '280px' });
      menuButton(el).click();
      await el.updateComplete;
      const switcher = $(el, 'portal-app-switcher');
      await waitUntil(() => switcher.shadowRoot?.querySelector('#trigger'), 'switcher never listed');
      switcher.shadowRoot!.querySelector<HTMLButtonElement>('#trigger')!.click();
      await waitUntil(
        () => switcher.shadowRoot!.activeElement?.getAttribute('data-app') === 'portal',
        'never opened',
      );
      const bar = el.getBoundingClientRect();
      const panel = switcher.shadowRoot!.querySelector('[part="panel"]')!.getBoundingClientRect();
      expect(panel.width).to.be.greaterThan(0);
      expect(panel.left, 'the menu starts before the bar').to.be.at.least(bar.left);
      expect(panel.right, 'the menu ends after the bar').to.be.at.most(bar.right);
    });

    it('shows everything without a menu button on a wide one', async () => {
      const el = await nav(portal, { width: '1000px' });
      expect(shown(menuButton(el))).to.be.false;
      expect(shown(menuPanel(el))).to.be.true;
    });
  });

  it('shows placeholders while the configuration and session load', async () => {
    portal.answer('GET /api/v1/portal/config', () => new Promise(() => {}));
    portal.answer('GET /api/v1/auth/session', () => new Promise(() => {}));
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <portal-provider .client=${portal.client()}><portal-nav></portal-nav></portal-provider>
    </div>`);
    const el = wrapper.querySelector('portal-nav')!;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="brand"]')).to.be.null;
    const status = $(el, '[part="skeleton"][role="status"]');
    expect(status.textContent?.trim()).to.equal('Loading…');
    await expect(el).to.be.accessible();
  });

  it('still links home and offers sign in when the configuration cannot be loaded', async () => {
    portal.answer('GET /api/v1/portal/config', () => problem(500, 'INTERNAL', 'Something broke.'));
    const el = await nav(portal);
    expect($(el, '[part="brand"]').textContent?.trim()).to.equal('Home');
    expect(el.shadowRoot!.querySelector('[part="links"]')).to.be.null;
    expect($(el, '[part~="sign-in"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const el = await nav(portal, { lang: 'es', width: '320px' });
    expect(linkTexts(el)).to.deep.equal([
      'Tienda',
      'Dominios',
      'Base de conocimiento',
      'Anuncios',
      'Preguntas frecuentes',
      'Estado',
    ]);
    expect(menuButton(el).textContent?.trim()).to.equal('Menú');
    expect($(el, '[part~="sign-in"]').textContent?.trim()).to.equal('Iniciar sesión');
    expect($(el, '[part~="get-started"]').textContent?.trim()).to.equal('Empezar');
  });

  it('is accessible in the dark theme, open', async () => {
    const el = await nav(portal, { nav: html`<portal-nav theme="dark"></portal-nav>`, width: '320px' });
    menuButton(el).click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('standalone, loads the configuration and session through its api attribute', async () => {
    const original = window.fetch;
    window.fetch = portal.fetch;
    try {
      const el = await fixture<PortalNav>(html`<portal-nav api="http://nav.test" mode="token"></portal-nav>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[part="brand"]'), 'configuration never loaded');
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="sign-in"]'), 'session never loaded');
      expect($(el, '[part="brand"]').textContent?.trim()).to.equal('Northwind Hosting');
      expect(portal.callsTo('/api/v1/portal/config')).to.have.length(1);
    } finally {
      window.fetch = original;
    }
  });
});
