import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { FakeAdminApps } from '../../../test/fake-admin-apps.js';
import { FakeAdminBilling } from '../../../test/fake-admin-billing.js';
import { FakeAdminContent } from '../../../test/fake-admin-content.js';
import { FakeAdminDomains } from '../../../test/fake-admin-domains.js';
import { FakeAdminSupport } from '../../../test/fake-admin-support.js';
import { type FakeAdmin, fill, problem, submitFormOf } from '../../../test/fake-admin.js';
import { $, button, settled, submit, type } from '../../../test/helpers.js';
import type { AdminElement } from '../lib/admin-element.js';
import type { PortalAdminApp } from './admin-app.js';

const original = location.pathname + location.search;

/** The sidebar's Content group, which every role reads. */
const contentPages = ['Knowledge base', 'FAQ', 'Announcements', 'Status', 'Home'];
/** The sidebar's Apps group, as an admin sees it. */
const appPages = ['Apps', 'Affiliates', 'Courses', 'Communities', 'Moderation'];

async function mountApp(fake: FakeAdmin, options: { as?: string; lang?: string } = {}) {
  if (options.as) fake.signIn(options.as);
  const app = await fixture<PortalAdminApp>(
    html`<portal-admin-app .client=${fake.client()} lang=${options.lang ?? 'en'}></portal-admin-app>`,
  );
  await waitUntil(() => app.status !== 'loading', 'session never loaded');
  await app.updateComplete;
  return app;
}

const navLinks = (app: PortalAdminApp) =>
  [...app.shadowRoot!.querySelectorAll('nav a')].map((a) => a.textContent?.trim());

const page = (app: PortalAdminApp) => app.shadowRoot!.querySelector<AdminElement>('[data-page]');

/** Waits until the page `tag` shows and its heading has focus. */
async function landedOn(app: PortalAdminApp, tag: string) {
  await waitUntil(() => page(app)?.localName === tag, `never showed <${tag}>`);
  await waitUntil(
    () =>
      app.shadowRoot!.activeElement === page(app) && page(app)?.shadowRoot?.activeElement?.localName === 'h1',
    `focus never reached the heading of <${tag}>`,
  );
}

/** Opens `hash`; checks the page `tag` lands under the nav entry and title `nav`, with the attributes `attrs`. */
async function opens(
  app: PortalAdminApp,
  hash: string,
  tag: string,
  nav: string,
  attrs: Record<string, string> = {},
) {
  location.hash = hash;
  await landedOn(app, tag);
  expect($(app, 'nav a[aria-current="page"]').textContent?.trim()).to.equal(nav);
  expect(document.title).to.equal(`${nav} – Portico admin`);
  for (const [name, value] of Object.entries(attrs)) expect(page(app)?.getAttribute(name)).to.equal(value);
}

describe('<portal-admin-app>', () => {
  let fake: FakeAdminBilling;
  beforeEach(() => {
    fake = new FakeAdminBilling();
    history.replaceState(null, '', `${original}#/clients`);
  });
  afterEach(() => {
    history.replaceState(null, '', original);
  });

  it('shows the sign-in form when signed out, then the console with every section for an admin', async () => {
    const app = await mountApp(fake);
    const login = app.shadowRoot!.querySelector('portal-admin-login')!;
    expect(login).to.exist;
    await expect(app).to.be.accessible();
    await type(login, 'email', 'grace@example.com');
    await type(login, 'password', 'correct horse battery');
    await submit(login);
    await waitUntil(() => app.status === 'signed-in');
    await app.updateComplete;
    expect(navLinks(app)).to.deep.equal([
      'Clients',
      'Portal users',
      'Orders',
      'Invoices',
      'Services',
      'Domains',
      'Cancellations',
      'Tickets',
      'Products',
      'TLDs & pricing',
      'Billing settings',
      'Domain settings',
      'Support settings',
      ...contentPages,
      ...appPages,
      'Settings',
      'Staff',
      'Audit log',
      'My security',
    ]);
    expect($(app, 'nav a[aria-current="page"]').textContent?.trim()).to.equal('Clients');
    expect($(app, '.who').textContent).to.contain('Grace Hopper');
    await landedOn(app, 'portal-admin-clients');
    await expect(app).to.be.accessible();
  });

  const billingPages = [
    'Orders',
    'Invoices',
    'Services',
    'Domains',
    'Cancellations',
    'Tickets',
    'Products',
    'TLDs & pricing',
  ];
  for (const [email, role, extra, apps] of [
    ['sam@example.com', 'support', ['Domain settings', 'Support settings'], appPages.slice(1)],
    [
      'bill@example.com',
      'billing',
      ['Billing settings', 'Domain settings', 'Support settings'],
      ['Affiliates'],
    ],
  ] as const) {
    it(`hides Settings, Staff and Audit log from ${role} staff and refuses them by URL`, async () => {
      const app = await mountApp(fake, { as: email });
      expect(navLinks(app)).to.deep.equal([
        'Clients',
        'Portal users',
        ...billingPages,
        ...extra,
        ...contentPages,
        ...apps,
        'My security',
      ]);
      location.hash = '#/settings';
      await waitUntil(() => app.shadowRoot!.querySelector('main h1')?.textContent === 'Not available');
      expect(page(app) === null).to.be.true;
      expect(fake.callsTo('/api/admin/v1/settings')).to.have.length(0);
      await waitUntil(() => app.shadowRoot!.activeElement?.localName === 'h1');
    });
  }

  it('routes by hash, moves focus to each page heading, and follows back and forward', async () => {
    const app = await mountApp(fake, { as: 'grace@example.com' });
    // A fresh page load leaves focus where the browser puts it; navigating moves it.
    await waitUntil(() => page(app)?.localName === 'portal-admin-clients');
    expect(app.shadowRoot!.activeElement === null).to.be.true;
    await opens(app, '#/staff', 'portal-admin-staff', 'Staff');

    const acme = fake.accounts.find((a) => a.name === 'Acme Ltd')!;
    await opens(app, `#/clients/${acme.id}`, 'portal-admin-client', 'Clients', { 'client-id': acme.id });

    history.back();
    await landedOn(app, 'portal-admin-staff');
    history.forward();
    await landedOn(app, 'portal-admin-client');

    location.hash = '#/nowhere';
    await waitUntil(() => app.shadowRoot!.querySelector('main h1')?.textContent === 'Page not found');
  });

  it('opens the billing pages by hash, each under its nav entry', async () => {
    const app = await mountApp(fake, { as: 'grace@example.com' });
    for (const [hash, tag, nav] of [
      ['#/orders', 'portal-admin-orders', 'Orders'],
      ['#/invoices', 'portal-admin-invoices', 'Invoices'],
      ['#/services', 'portal-admin-services', 'Services'],
      ['#/cancellations', 'portal-admin-cancellations', 'Cancellations'],
      ['#/products', 'portal-admin-products', 'Products'],
      ['#/billing-settings', 'portal-admin-billing-settings', 'Billing settings'],
    ] as const) {
      await opens(app, hash, tag, nav);
    }
    const invoice = fake.invoice('INV-00042');
    await opens(app, `#/invoices/${invoice.id}`, 'portal-admin-invoice', 'Invoices', {
      'invoice-id': invoice.id,
    });
    const service = fake.services[0]!;
    await opens(app, `#/services/${service.id}`, 'portal-admin-service', 'Services', {
      'service-id': service.id,
    });
    const acme = fake.account('Acme Ltd');
    await opens(app, `#/invoices?account=${acme.id}`, 'portal-admin-invoices', 'Invoices', {
      'account-id': acme.id,
    });
    await expect(app).to.be.accessible();
  });

  it('opens the domain pages by hash, each under its nav entry', async () => {
    const domains = new FakeAdminDomains();
    const app = await mountApp(domains, { as: 'grace@example.com' });
    for (const [hash, tag, nav] of [
      ['#/domains', 'portal-admin-domains', 'Domains'],
      ['#/tlds', 'portal-admin-tlds', 'TLDs & pricing'],
      ['#/domain-settings', 'portal-admin-domain-settings', 'Domain settings'],
    ] as const) {
      await opens(app, hash, tag, nav);
    }
    const domain = domains.domain('example.com');
    await opens(app, `#/domains/${domain.id}`, 'portal-admin-domain', 'Domains', { 'domain-id': domain.id });
    const acme = domains.account('Acme Ltd');
    await opens(app, `#/domains?account=${acme.id}`, 'portal-admin-domains', 'Domains', {
      'account-id': acme.id,
    });
    await expect(app).to.be.accessible();
  });

  it('refuses Billing settings to support staff by URL', async () => {
    const app = await mountApp(fake, { as: 'sam@example.com' });
    location.hash = '#/billing-settings';
    await waitUntil(() => app.shadowRoot!.querySelector('main h1')?.textContent === 'Not available');
    expect(fake.callsTo('/api/admin/v1/billing/settings')).to.have.length(0);
    location.hash = '#/invoices';
    await landedOn(app, 'portal-admin-invoices');
    // Support staff read invoices but do not write them.
    expect(page(app)!.shadowRoot!.querySelector('[part~="new"]') === null).to.be.true;
  });

  it('returns to the sign-in form, saying why, when the server ends the session', async () => {
    const app = await mountApp(fake, { as: 'grace@example.com' });
    const signedOut = oneEvent(app, 'portal-admin-signed-out');
    fake.signedIn = null;
    location.hash = '#/staff';
    await signedOut;
    await app.updateComplete;
    expect(app.shadowRoot!.querySelector('portal-admin-login')).to.exist;
    expect($(app, '.app-status').textContent?.trim()).to.equal(
      'Your session ended. Sign in again to continue.',
    );
    await expect(app).to.be.accessible();
  });

  it('signs out with the button', async () => {
    const app = await mountApp(fake, { as: 'grace@example.com' });
    const signedOut = oneEvent(app, 'portal-admin-signed-out');
    $<HTMLButtonElement>(app, '[part~="sign-out"]').click();
    await signedOut;
    await app.updateComplete;
    expect(fake.callsTo('/api/admin/v1/auth/logout')).to.have.length(1);
    expect(fake.signedIn).to.be.null;
    expect(app.shadowRoot!.querySelector('portal-admin-login')).to.exist;
  });

  it('holds staff on TOTP enrolment when the business requires it, then opens the console', async () => {
    fake.settings.requireStaffTotp = true;
    const app = await mountApp(fake, { as: 'grace@example.com' });
    expect(app.shadowRoot!.querySelector('nav') === null).to.be.true;
    const security = page(app)!;
    expect(security.localName).to.equal('portal-admin-security');
    await waitUntil(() => security.shadowRoot!.querySelector('[part~="start"]'), 'no enrolment');
    expect($(security, 'h1').textContent).to.equal('Set up two-step sign-in');
    expect(security.shadowRoot!.querySelector('[name="currentPassword"]') === null).to.be.true;
    await expect(app).to.be.accessible();

    button(security, 'Set up an authenticator app').click();
    await settled(security);
    await fill(security, 'code', '123456');
    await submitFormOf(security, 'code');
    await waitUntil(() => app.shadowRoot!.querySelector('nav'), 'console never opened');
    await landedOn(app, 'portal-admin-clients');
  });

  it('accepts a staff invitation from /admin/invitation#token=…, then signs in', async () => {
    const token = fake.invite('nina@example.com', 'Nina New', 'support');
    history.replaceState(null, '', `/admin/invitation#token=${token}`);
    const app = await mountApp(fake);
    const invitation = app.shadowRoot!.querySelector('portal-admin-invitation')!;
    await waitUntil(() => invitation.shadowRoot!.textContent?.includes('nina@example.com'), 'no preview');
    await expect(app).to.be.accessible();
    await fill(invitation, 'password', 'a long new password');
    await submitFormOf(invitation, 'password');
    await waitUntil(
      () => app.status === 'signed-in' && app.shadowRoot!.querySelector('nav'),
      'never signed in',
    );
    expect(location.pathname).to.equal('/admin');
    expect(location.hash).to.equal('#/clients');
    expect(fake.callsTo('/api/admin/v1/auth/invitation/accept')[0]?.body).to.deep.equal({
      token,
      password: 'a long new password',
    });
    await landedOn(app, 'portal-admin-clients');
  });

  it('says when the console cannot load, and tries again', async () => {
    fake.answer('GET /api/admin/v1/auth/session', () => problem(503, 'INTERNAL', 'Down for maintenance.'));
    const app = await mountApp(fake, { as: 'grace@example.com' });
    expect(app.status).to.equal('error');
    expect($(app, '[role="alert"]').textContent).to.contain('The console could not be loaded.');
    await expect(app).to.be.accessible();
    button(app, 'Try again').click();
    await waitUntil(() => app.status === 'signed-in');
  });

  it('opens the support pages by hash, each under its nav entry, the tickets list with its filters', async () => {
    const support = new FakeAdminSupport();
    const app = await mountApp(support, { as: 'sam@example.com' });
    await opens(app, '#/tickets', 'portal-admin-tickets', 'Tickets');
    await opens(app, '#/support-settings', 'portal-admin-support-settings', 'Support settings');
    const ticket = support.ticket('Mail is not arriving');
    await opens(app, `#/tickets/${ticket.id}`, 'portal-admin-ticket', 'Tickets', { 'ticket-id': ticket.id });
    const acme = support.account('Acme Ltd');
    await opens(
      app,
      `#/tickets?account=${acme.id}&status=open&assignee=me`,
      'portal-admin-tickets',
      'Tickets',
      {
        'account-id': acme.id,
        query: 'status=open&assignee=me',
      },
    );
    await expect(app).to.be.accessible();
  });

  it('opens the content pages by hash, under a "Content" group in the sidebar', async () => {
    const content = new FakeAdminContent();
    const app = await mountApp(content, { as: 'grace@example.com' });
    const group = $(app, 'nav .nav-group');
    expect(group.querySelector('.nav-group-name')?.textContent?.trim()).to.equal('Content');
    expect(group.querySelector('ul')?.getAttribute('aria-labelledby')).to.equal('nav-navContent');
    expect([...group.querySelectorAll('a')].map((a) => a.textContent?.trim())).to.deep.equal(contentPages);
    for (const [hash, tag, nav] of [
      ['#/kb', 'portal-admin-kb', 'Knowledge base'],
      ['#/faq', 'portal-admin-faq', 'FAQ'],
      ['#/announcements', 'portal-admin-announcements', 'Announcements'],
      ['#/status', 'portal-admin-status', 'Status'],
      ['#/home', 'portal-admin-home', 'Home'],
    ] as const) {
      await opens(app, hash, tag, nav);
    }
    await opens(app, '#/kb/new', 'portal-admin-kb-article', 'Knowledge base', { 'article-id': '' });
    const announcement = content.announcement('Prices for 2026');
    await opens(app, `#/announcements/${announcement.id}`, 'portal-admin-announcement', 'Announcements', {
      'announcement-id': announcement.id,
    });
    const incident = content.incident('Email delays');
    await opens(app, `#/status/${incident.id}`, 'portal-admin-incident', 'Status', {
      'incident-id': incident.id,
    });
    const article = content.article('Set up IMAP');
    await opens(app, `#/kb/${article.id}`, 'portal-admin-kb-article', 'Knowledge base', {
      'article-id': article.id,
    });
    await expect(app).to.be.accessible();
  });

  it('opens the app pages by hash, under an "Apps" group in the sidebar', async () => {
    const apps = new FakeAdminApps();
    const app = await mountApp(apps, { as: 'grace@example.com' });
    const group = app.shadowRoot!.querySelectorAll('nav .nav-group')[1]!;
    expect(group.querySelector('.nav-group-name')?.textContent?.trim()).to.equal('Apps');
    expect(group.querySelector('ul')?.getAttribute('aria-labelledby')).to.equal('nav-navAppsGroup');
    expect([...group.querySelectorAll('a')].map((a) => a.textContent?.trim())).to.deep.equal(appPages);
    expect([...group.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      '#/apps',
      '#/affiliates',
      '#/courses',
      '#/communities',
      '#/moderation',
    ]);
    await opens(app, '#/apps', 'portal-admin-apps', 'Apps');
    await opens(app, '#/affiliates', 'portal-admin-affiliates', 'Affiliates');
    const acme = apps.affiliate('Acme Ltd');
    await opens(app, `#/affiliates/${acme.id}`, 'portal-admin-affiliate', 'Affiliates', {
      'affiliate-id': acme.id,
    });
    await expect(app).to.be.accessible();
  });

  it('refuses the Apps page to billing staff by URL', async () => {
    const apps = new FakeAdminApps();
    const app = await mountApp(apps, { as: 'bill@example.com' });
    location.hash = '#/apps';
    await waitUntil(() => app.shadowRoot!.querySelector('main h1')?.textContent === 'Not available');
    expect(apps.callsTo('/api/admin/v1/apps')).to.have.length(0);
  });

  it('speaks Spanish', async () => {
    const app = await mountApp(fake, { as: 'sam@example.com', lang: 'es' });
    expect(navLinks(app)).to.deep.equal([
      'Clientes',
      'Usuarios del portal',
      'Pedidos',
      'Facturas',
      'Servicios',
      'Dominios',
      'Cancelaciones',
      'Tickets',
      'Productos',
      'TLD y precios',
      'Ajustes de dominios',
      'Ajustes de soporte',
      'Base de conocimiento',
      'Preguntas frecuentes',
      'Anuncios',
      'Estado',
      'Inicio',
      'Afiliados',
      'Cursos',
      'Comunidades',
      'Moderación',
      'Mi seguridad',
    ]);
    expect($(app, '[part~="sign-out"]').textContent?.trim()).to.equal('Cerrar sesión');
    location.hash = '#/portal-users';
    await landedOn(app, 'portal-admin-portal-users');
    expect($(page(app)!, 'h1').textContent).to.equal('Usuarios del portal');
    expect(document.title).to.equal('Usuarios del portal – Administración de Portico');
  });
});
