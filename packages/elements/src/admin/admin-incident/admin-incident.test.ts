import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminContent, typeMarkdown } from '../../../test/fake-admin-content.js';
import { dangerousNodes, flushTasks, spyOnXss } from '../../../test/xss.js';
import { fill, mountPage, noticeText, problem, submitFormOf } from '../../../test/fake-admin.js';
import { $, settled } from '../../../test/helpers.js';
import { XSS_PAYLOADS } from '../../../test/xss-payloads.js';
import type { PortalAdminMarkdownEditor } from '../lib/markdown-editor.js';
import type { PortalAdminIncident } from './admin-incident.js';

const original = location.pathname + location.search;

const mount = (fake: FakeAdminContent, id: string, as = 'grace@example.com', lang = 'en') =>
  mountPage<PortalAdminIncident>(
    html`<portal-admin-incident
      .client=${fake.client()}
      .session=${fake.signIn(as)}
      .now=${() => fake.now}
      incident-id=${id}
      time-zone="UTC"
      lang=${lang}
    ></portal-admin-incident>`,
    fake,
    { as },
  );

const statusOptions = (el: PortalAdminIncident) =>
  [...el.shadowRoot!.querySelectorAll<HTMLOptionElement>('[name="status"] option')].map((o) => o.value);
const timeline = (el: PortalAdminIncident) =>
  [...el.shadowRoot!.querySelectorAll('[part~="update"]')].map((u) => ({
    status: u.querySelector('[part~="badge"]')?.textContent?.trim(),
    time: u.querySelector('time')?.getAttribute('datetime'),
    text: u.querySelector('.rich')?.textContent?.trim(),
  }));
describe('<portal-admin-incident>', () => {
  let fake: FakeAdminContent;
  beforeEach(() => {
    fake = new FakeAdminContent();
    history.replaceState(null, '', `${original}#/status/x`);
  });
  afterEach(() => {
    history.replaceState(null, '', original);
  });

  it('shows the incident and its updates, newest first, with status, time and message', async () => {
    const i = fake.incident('Website outage in Frankfurt');
    const el = await mount(fake, i.id);
    expect($(el, 'h1').textContent).to.equal('Website outage in Frankfurt');
    expect($(el, '.title').textContent).to.contain('Resolved');
    expect($(el, '[part~="details"]').textContent).to.contain('Web hosting');
    expect(timeline(el)).to.deep.equal([
      { status: 'Resolved', time: i.updates[0]!.createdAt, text: 'Everything is back.' },
      { status: 'Investigating', time: i.updates[1]!.createdAt, text: 'Sites in Frankfurt do not load.' },
    ]);
    await expect(el).to.be.accessible();
  });

  // Regression: an update still on its way when a maintenance window was opened put the incident, and a next
  // status of the incident's kind, on the maintenance window's page.
  it('keeps showing the one now open when an update posted on the one before answers late', async () => {
    const client = fake.client();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const addUpdate = client.status.addUpdate.bind(client.status);
    client.status.addUpdate = async (...args: Parameters<typeof addUpdate>) => {
      await held;
      return addUpdate(...args);
    };
    const incident = fake.incident('Email delays');
    const el = await mountPage<PortalAdminIncident>(
      html`<portal-admin-incident
        .client=${client}
        .session=${fake.signIn('grace@example.com')}
        .now=${() => fake.now}
        incident-id=${incident.id}
        time-zone="UTC"
        lang="en"
      ></portal-admin-incident>`,
      fake,
      { as: 'grace@example.com' },
    );
    await typeMarkdown(el, 'We found the cause.');
    await submitFormOf(el, 'status');
    el.incidentId = fake.incident('Database upgrade').id;
    await waitUntil(() => $(el, 'h1').textContent === 'Database upgrade', 'never opened');
    release();
    await waitUntil(() => incident.updates.length === 2, 'never posted');
    await settled(el);
    expect($(el, 'h1').textContent).to.equal('Database upgrade');
    expect(statusOptions(el)).to.deep.equal(['scheduled', 'in_progress', 'completed']);
    expect($<HTMLSelectElement>(el, '[name="status"]').value).to.equal('in_progress');
  });

  it('posts an update with a status of the incident’s kind only, and sets its components’ status', async () => {
    const i = fake.incident('Email delays');
    const el = await mount(fake, i.id);
    expect(statusOptions(el)).to.deep.equal(['investigating', 'identified', 'monitoring', 'resolved']);
    // The next step is offered first.
    expect($<HTMLSelectElement>(el, '[name="status"]').value).to.equal('identified');
    await submitFormOf(el, 'status');
    expect($<PortalAdminMarkdownEditor>(el, 'portal-admin-markdown-editor').error).to.equal(
      'Write what is happening.',
    );

    await fill(el, 'componentStatus', 'partial_outage');
    await typeMarkdown(el, 'A mail server is **full**.');
    await submitFormOf(el, 'status');
    await waitUntil(() => noticeText(el) === 'The update was posted: Identified.', 'never posted');
    expect(fake.callsTo(`/api/admin/v1/status/incidents/${i.id}/updates`, 'POST')[0]?.body).to.deep.equal({
      status: 'identified',
      message: 'A mail server is **full**.',
      componentStatus: 'partial_outage',
    });
    expect(fake.component('Email').status).to.equal('partial_outage');
    expect(timeline(el)[0]).to.include({ status: 'Identified', text: 'A mail server is full.' });
    expect($(el, '.rich strong').textContent).to.equal('full');
    expect($<HTMLSelectElement>(el, '[name="status"]').value).to.equal('monitoring');
    expect($<PortalAdminMarkdownEditor>(el, 'portal-admin-markdown-editor').value).to.equal('');

    await fill(el, 'status', 'resolved');
    expect($(el, '[name="componentStatus"] option').textContent).to.contain('Back to operational');
    await typeMarkdown(el, 'Fixed.');
    await submitFormOf(el, 'status');
    await waitUntil(() => noticeText(el) === 'The update was posted: Resolved.', 'never resolved');
    expect(fake.component('Email').status).to.equal('operational');
    expect($(el, '[part~="details"]').textContent).not.to.contain('Not yet');
  });

  it('offers maintenance only the maintenance statuses, and shows the server’s refusal beside the status', async () => {
    const m = fake.incident('Database upgrade');
    const el = await mount(fake, m.id);
    expect(statusOptions(el)).to.deep.equal(['scheduled', 'in_progress', 'completed']);
    expect($<HTMLSelectElement>(el, '[name="status"]').value).to.equal('in_progress');
    fake.answer(`POST /api/admin/v1/status/incidents/${m.id}/updates`, () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'status', message: 'That status is not one of this kind' },
      ]),
    );
    await typeMarkdown(el, 'Starting.');
    await submitFormOf(el, 'status');
    await settled(el);
    expect($(el, '#status-error').textContent).to.equal('That status is not one of this kind');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('status');
  });

  it('edits the title, impact, components and a maintenance window, sending only what changed', async () => {
    const m = fake.incident('Database upgrade');
    const el = await mount(fake, m.id);
    $<HTMLButtonElement>(el, '[part~="details"] button:not([part~="delete"])').click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '[name="editStartsAt"]').value).to.equal('2025-06-05T10:00');
    const dns = fake.component('DNS');
    await fill(el, 'editTitle', 'Database and DNS upgrade');
    await fill(el, `component.${dns.id}`, true);
    await fill(el, 'editEndsAt', '2025-06-05T13:00');
    await submitFormOf(el, 'editTitle');
    await waitUntil(() => noticeText(el) === 'Database and DNS upgrade was saved.', 'never saved');
    expect(fake.callsTo(`/api/admin/v1/status/incidents/${m.id}`, 'PATCH')[0]?.body).to.deep.equal({
      title: 'Database and DNS upgrade',
      componentIds: [fake.component('Web hosting').id, dns.id],
      endsAt: '2025-06-05T13:00:00.000Z',
    });
    expect($(el, 'h1').textContent).to.equal('Database and DNS upgrade');
    expect($(el, '[part~="details"]').textContent).to.contain('Web hosting, DNS');
  });

  it('deletes an incident after confirming, then goes back to the status page', async () => {
    const i = fake.incident('Email delays');
    const el = await mount(fake, i.id);
    $<HTMLButtonElement>(el, '[part~="delete"]').click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no confirmation');
    expect($(el, 'dialog').textContent).to.contain('Delete Email delays?');
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => location.hash === '#/status', 'never went back');
    expect(fake.incidents.some((x) => x.id === i.id)).to.be.false;
  });

  it('shows billing staff the incident, read-only, in Spanish', async () => {
    const el = await mount(fake, fake.incident('Email delays').id, 'bill@example.com', 'es');
    expect(el.shadowRoot!.textContent).to.contain('Tu rol puede verlo, pero no cambiarlo.');
    expect(el.shadowRoot!.querySelector('[part~="post"], [part~="delete"], button') === null).to.be.true;
    expect(timeline(el)[0]?.status).to.equal('Investigando');
    await expect(el).to.be.accessible();
  });

  it('runs none of the XSS payloads in updates a hostile server sends as HTML', async function (this: {
    timeout(ms: number): void;
  }) {
    this.timeout(60_000);
    const i = fake.incident('Email delays');
    i.updates = XSS_PAYLOADS.map(({ id, markdown }) => ({
      id: `incu_${id}`,
      status: 'investigating',
      body: markdown,
      html: markdown,
      createdAt: new Date(fake.now).toISOString(),
    }));
    const xss = spyOnXss();
    try {
      const el = await mount(fake, i.id);
      expect(timeline(el)).to.have.length(XSS_PAYLOADS.length);
      await flushTasks();
      expect(dangerousNodes(el.shadowRoot!)).to.deep.equal([]);
      expect(xss.calls).to.deep.equal([]);
    } finally {
      xss.restore();
    }
  });
});
