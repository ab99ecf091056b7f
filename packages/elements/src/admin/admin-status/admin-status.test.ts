import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminContent, typeMarkdown } from '../../../test/fake-admin-content.js';
import { fill, mountPage, noticeText, problem, submitFormOf } from '../../../test/fake-admin.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import type { PortalAdminMarkdownEditor } from '../lib/markdown-editor.js';
import type { PortalAdminStatus } from './admin-status.js';

const original = location.pathname + location.search;

const mount = (fake: FakeAdminContent, as = 'grace@example.com', lang = 'en') =>
  mountPage<PortalAdminStatus>(
    html`<portal-admin-status
      .client=${fake.client()}
      .session=${fake.signIn(as)}
      .now=${() => fake.now}
      time-zone="Europe/Madrid"
      lang=${lang}
    ></portal-admin-status>`,
    fake,
    { as },
  );

const componentRows = (el: PortalAdminStatus) => [
  ...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('[part~="components"] tbody tr'),
];
const incidentTitles = (el: PortalAdminStatus, label: string) =>
  [...el.shadowRoot!.querySelectorAll(`[part~="incidents"] [aria-label="${label}"] tbody tr a`)].map((a) =>
    a.textContent?.trim(),
  );
describe('<portal-admin-status>', () => {
  let fake: FakeAdminContent;
  beforeEach(() => {
    fake = new FakeAdminContent();
    history.replaceState(null, '', `${original}#/status`);
  });
  afterEach(() => {
    history.replaceState(null, '', original);
  });

  it('lists components with their status in words, and incidents with the open ones first', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('Status page');
    expect(componentRows(el).map((r) => r.querySelector('th')?.textContent?.trim())).to.deep.equal([
      'Web hosting Shared hosting servers.',
      'Email',
      'DNS',
    ]);
    const select = $<HTMLSelectElement>(el, `[name="status.${fake.component('Email').id}"]`);
    expect(select.value).to.equal('degraded');
    expect([...select.options].map((o) => o.textContent)).to.deep.equal([
      'Operational',
      'Under maintenance',
      'Degraded performance',
      'Partial outage',
      'Major outage',
    ]);
    expect(incidentTitles(el, 'Open')).to.deep.equal(['Database upgrade', 'Email delays']);
    expect(incidentTitles(el, 'Resolved and completed')).to.deep.equal(['Website outage in Frankfurt']);
    await expect(el).to.be.accessible();
  });

  it('changes a component’s status in place, and puts the select back when the server refuses', async () => {
    const el = await mount(fake);
    const email = fake.component('Email');
    await fill(el, `status.${email.id}`, 'major_outage');
    await waitUntil(() => noticeText(el) === 'Email is now: Major outage.', 'never changed');
    expect(fake.callsTo(`/api/admin/v1/status/components/${email.id}`, 'PATCH')[0]?.body).to.deep.equal({
      status: 'major_outage',
    });
    expect(email.status).to.equal('major_outage');

    fake.answer(`PATCH /api/admin/v1/status/components/${email.id}`, () =>
      problem(503, 'INTERNAL', 'Down for maintenance.'),
    );
    await fill(el, `status.${email.id}`, 'operational');
    await waitUntil(() => alertText(el) === 'Down for maintenance.', 'never refused');
    await el.updateComplete;
    expect($<HTMLSelectElement>(el, `[name="status.${email.id}"]`).value).to.equal('major_outage');
  });

  // Regression: the select is disabled while the change is sent, and focus fell to the document's body.
  it('keeps focus on a component’s status select after changing it, accepted or refused', async () => {
    const client = fake.client();
    const update = client.status.updateComponent.bind(client.status);
    // As over a network: the answer comes after the page has been drawn with the select disabled.
    client.status.updateComponent = async (...args: Parameters<typeof update>) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return update(...args);
    };
    const el = await mountPage<PortalAdminStatus>(
      html`<portal-admin-status
        .client=${client}
        .session=${fake.signIn('grace@example.com')}
        .now=${() => fake.now}
        time-zone="Europe/Madrid"
        lang="en"
      ></portal-admin-status>`,
      fake,
      { as: 'grace@example.com' },
    );
    const email = fake.component('Email');
    const focused = () => el.shadowRoot!.activeElement?.getAttribute('name');
    $<HTMLSelectElement>(el, `[name="status.${email.id}"]`).focus();
    await fill(el, `status.${email.id}`, 'major_outage');
    await waitUntil(() => noticeText(el) === 'Email is now: Major outage.', 'never changed');
    await el.updateComplete;
    expect(focused()).to.equal(`status.${email.id}`);
    fake.answer(`PATCH /api/admin/v1/status/components/${email.id}`, () =>
      problem(503, 'INTERNAL', 'Down for maintenance.'),
    );
    await fill(el, `status.${email.id}`, 'operational');
    await waitUntil(() => alertText(el) === 'Down for maintenance.', 'never refused');
    await el.updateComplete;
    expect(focused()).to.equal(`status.${email.id}`);
  });

  it('adds, edits and deletes components', async () => {
    const el = await mount(fake);
    button(el, 'Add component').click();
    await el.updateComplete;
    await fill(el, 'name', 'Control panel');
    await fill(el, 'group', 'Hosting');
    await fill(el, 'position', '15');
    await fill(el, 'status', 'maintenance');
    await submitFormOf(el, 'name');
    await waitUntil(() => noticeText(el) === 'The component Control panel was added.', 'never added');
    expect(fake.callsTo('/api/admin/v1/status/components', 'POST')[0]?.body).to.deep.equal({
      name: 'Control panel',
      description: '',
      group: 'Hosting',
      status: 'maintenance',
      position: 15,
    });
    // The notice comes with the answer; the list reloads after it.
    await waitUntil(() => componentRows(el)[2]?.textContent?.includes('Control panel'), 'not listed');

    $<HTMLButtonElement>(el, '[aria-label="Edit DNS"]').click();
    await el.updateComplete;
    await fill(el, 'description', 'Name servers.');
    await submitFormOf(el, 'name');
    await waitUntil(() => noticeText(el) === 'The component DNS was saved.', 'never saved');
    expect(fake.component('DNS').description).to.equal('Name servers.');

    $<HTMLButtonElement>(el, '[aria-label="Delete DNS"]').click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no confirmation');
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => noticeText(el) === 'The component DNS was deleted.', 'never deleted');
    await waitUntil(() => componentRows(el).length === 3, 'still listed');
  });

  it('opens an incident with its impact, components, their status and a first message', async () => {
    const el = await mount(fake);
    $<HTMLButtonElement>(el, '[part~="new-incident"]').click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('title');
    await submitFormOf(el, 'title');
    expect($(el, '#title-error').textContent).to.equal('Fill this in.');
    expect($<PortalAdminMarkdownEditor>(el, 'portal-admin-markdown-editor').error).to.equal(
      'Write what is happening.',
    );
    await expect(el).to.be.accessible();

    const web = fake.component('Web hosting');
    await fill(el, 'title', 'Slow websites');
    await fill(el, 'impact', 'major');
    await fill(el, `component.${web.id}`, true);
    await fill(el, 'componentStatus', 'degraded');
    await typeMarkdown(el, 'Pages load slowly.');
    await submitFormOf(el, 'title');
    await waitUntil(() => noticeText(el) === 'The incident Slow websites is open.', 'never opened');
    expect(fake.callsTo('/api/admin/v1/status/incidents', 'POST')[0]?.body).to.deep.equal({
      kind: 'incident',
      title: 'Slow websites',
      impact: 'major',
      message: 'Pages load slowly.',
      componentIds: [web.id],
      componentStatus: 'degraded',
    });
    expect(location.hash).to.equal(`#/status/${fake.incident('Slow websites').id}`);
    expect(web.status).to.equal('degraded');
  });

  it('schedules maintenance for a window typed in the staff member’s zone, sent in UTC', async () => {
    const el = await mount(fake);
    $<HTMLButtonElement>(el, '[part~="new-maintenance"]').click();
    await el.updateComplete;
    expect($(el, '#startsAt-hint').textContent).to.contain('(Europe/Madrid)');
    await fill(el, 'title', 'Network upgrade');
    await fill(el, 'startsAt', '2025-06-20T23:00');
    await fill(el, 'endsAt', '2025-06-20T22:00');
    await typeMarkdown(el, 'Short interruptions.');
    await submitFormOf(el, 'title');
    expect($(el, '#endsAt-error').textContent).to.equal('The end must be after the start.');

    await fill(el, 'endsAt', '2025-06-21T01:30');
    await fill(el, `component.${fake.component('DNS').id}`, true);
    await submitFormOf(el, 'title');
    await settled(el);
    // Madrid in June is UTC+2.
    expect(fake.callsTo('/api/admin/v1/status/incidents', 'POST')[0]?.body).to.deep.equal({
      kind: 'maintenance',
      title: 'Network upgrade',
      impact: 'none',
      message: 'Short interruptions.',
      componentIds: [fake.component('DNS').id],
      startsAt: '2025-06-20T21:00:00.000Z',
      endsAt: '2025-06-20T23:30:00.000Z',
    });
    await waitUntil(
      () => noticeText(el) === 'The maintenance Network upgrade is scheduled.',
      'never scheduled',
    );
  });

  it('filters incidents by kind', async () => {
    const el = await mount(fake);
    await fill(el, 'kind', 'maintenance');
    await waitUntil(() => incidentTitles(el, 'Open').join() === 'Database upgrade', 'never filtered');
    expect(fake.calls.filter((c) => c.path === '/api/admin/v1/status/incidents').at(-1)?.query).to.include({
      kind: 'maintenance',
    });
    expect($(el, '[part~="incidents"]').textContent).to.contain('None yet.');
  });

  it('shows billing staff the status page, read-only, in Spanish', async () => {
    const el = await mount(fake, 'bill@example.com', 'es');
    expect($(el, 'h1').textContent).to.equal('Página de estado');
    expect(el.shadowRoot!.querySelector('select[name^="status."]') === null).to.be.true;
    expect(componentRows(el)[1]!.textContent).to.contain('Rendimiento degradado');
    expect(el.shadowRoot!.querySelector('[part~="new-incident"], [part~="edit"], [part~="remove"]') === null)
      .to.be.true;
    await expect(el).to.be.accessible();
  });
});
