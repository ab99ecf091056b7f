import { expect, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { FakeContent, inContentProvider } from '../../../test/fake-content.js';
import { problem } from '../../../test/fake-portal.js';
import { $, button } from '../../../test/helpers.js';
import { all, find, shows, text } from '../../../test/queries.js';
import { dangerousNodes, flushTasks, spyOnXss } from '../../../test/xss.js';
import { XSS_PAYLOADS } from '../../../test/xss-payloads.js';
import type { PortalStatus } from './status.js';

const mount = (
  fake: FakeContent,
  content: TemplateResult = html`<portal-status time-zone="Europe/Madrid"></portal-status>`,
  options: { lang?: string } = {},
) => inContentProvider<PortalStatus>(fake, content, 'portal-status', options);

const row = (el: PortalStatus, name: string) =>
  all(el, '[part~="component"]').find((r) => text(r.querySelector('.component-name')) === name)!;
const bars = (r: HTMLElement) => [...r.querySelectorAll<HTMLElement>('[part~="bar"]')];

/** Holds the element's reload timers, to run by hand, until `restore()`. */
function holdIntervals() {
  const timers: { run: () => void; ms: number }[] = [];
  const real = window.setInterval;
  window.setInterval = ((run: () => void, ms: number) => {
    timers.push({ run, ms });
    return 0;
  }) as typeof window.setInterval;
  return {
    timers,
    restore: () => {
      window.setInterval = real;
    },
  };
}

describe('<portal-status>', () => {
  let fake: FakeContent;
  beforeEach(() => {
    fake = new FakeContent().seedStatus();
  });

  it('shows the worst state in words, the components by group with 90 named day bars and their uptime', async () => {
    const el = await mount(fake);
    await shows(el, '[part~="overall"]');
    const overall = $(el, '[part~="overall"]');
    expect(text(overall)).to.equal('! Some systems have degraded performance');
    expect(overall.querySelector('[part="icon"]')!.getAttribute('aria-hidden')).to.equal('true');
    expect(all(el, '[part="group-title"]').map(text)).to.deep.equal(['Hosting', 'Email', 'Other']);
    expect(text(row(el, 'Control panel').querySelector('[part~="component-status"]'))).to.equal(
      '! Degraded performance',
    );

    const hosting = row(el, 'Web hosting');
    const days = bars(hosting);
    expect(days).to.have.length(90);
    for (const r of all(el, '[part~="component"]')) expect(bars(r)).to.have.length(90);
    expect(days.every((b) => b.getAttribute('role') === 'img' && b.getAttribute('aria-label'))).to.be.true;
    expect(days[87]!.getAttribute('aria-label')).to.equal('Nov 10, 2026: Partial outage, 1 incident');
    expect(days[89]!.getAttribute('aria-label')).to.equal('Nov 12, 2026: Operational, no incidents');
    expect(days.find((b) => b.dataset.status === 'major_outage')!.getAttribute('aria-label')).to.equal(
      'Oct 1, 2026: Major outage, 2 incidents',
    );
    expect(text(hosting.querySelector('[part~="uptime"]'))).to.equal('99.87% uptime');
    expect($(el, '[part~="bars"]').getAttribute('aria-label')).to.equal('90-day history of Web hosting');
    await expect(el).to.be.accessible();
  });

  it('lets the keyboard move through the days: one Tab stop per component, arrows, Home and End', async () => {
    const el = await mount(fake);
    await shows(el, '[part~="bars"]');
    const days = bars(row(el, 'Web hosting'));
    expect(days.filter((b) => b.tabIndex === 0)).to.deep.equal([days[89]]);
    days[89]!.focus();
    const key = (k: string) =>
      el.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('ArrowLeft');
    key('ArrowLeft');
    expect(el.shadowRoot!.activeElement).to.equal(days[87]);
    expect(days.filter((b) => b.tabIndex === 0)).to.deep.equal([days[87]]);
    expect(text(row(el, 'Web hosting').querySelector('[part="day"]'))).to.equal(
      'Nov 10, 2026: Partial outage, 1 incident',
    );
    key('Home');
    expect(el.shadowRoot!.activeElement).to.equal(days[0]);
    key('End');
    expect(el.shadowRoot!.activeElement).to.equal(days[89]);
  });

  it('says “All systems operational” when all is well', async () => {
    for (const c of fake.components) c.status = 'operational';
    const el = await mount(fake);
    await shows(el, '[part~="overall"]');
    expect(text($(el, '[part~="overall"]'))).to.equal('✓ All systems operational');
    expect($(el, '[part~="overall"]').dataset.status).to.equal('operational');
  });

  it('shows current incidents with their updates, maintenance in the chosen time zone and recent incidents', async () => {
    const el = await mount(fake);
    await shows(el, '[part~="incident"]');
    const active = $(el, '.active [part~="incident"]');
    expect(text(active.querySelector('h4'))).to.equal('Slow control panel');
    expect(text(active.querySelector('[part~="impact"]'))).to.equal('Minor impact');
    expect(text(active)).to.contain('Affects: Control panel');
    const updates = [...active.querySelectorAll('[part~="update"]')];
    expect(updates.map((u) => text(u.querySelector('strong')))).to.deep.equal([
      'Identified',
      'Investigating',
    ]);
    expect(updates[0]!.querySelector('.rich strong')!.textContent).to.equal('slow database');
    expect(updates[0]!.querySelector('time')!.getAttribute('datetime')).to.match(/^2\d{3}-/);

    expect(text($(el, '.upcoming [part="window"]'))).to.equal(
      'Planned for Fri, Nov 20, 2026, 2:00 – 4:00 AM GMT+1',
    );
    const recent = $(el, '.recent [part~="incident"]');
    expect(text(recent.querySelector('h4'))).to.equal('Hosting outage');
    expect(text(recent)).to.contain('Resolved Tue, Nov 10, 2026, 10:30 AM GMT+1');
    expect(recent.querySelector('details')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows the maintenance window in another time zone', async () => {
    const el = await mount(fake, html`<portal-status time-zone="America/New_York"></portal-status>`);
    await shows(el, '[part="window"]');
    expect(text($(el, '[part="window"]'))).to.equal('Planned for Thu, Nov 19, 2026, 8:00 – 10:00 PM EST');
  });

  it('loads past incidents on demand, leaving out those already shown, with “Older incidents”', async () => {
    const el = await mount(fake);
    await shows(el, '.past');
    expect(fake.callsTo('GET /api/v1/status/incidents')).to.have.length(0);
    button(el, 'Show past incidents').click();
    await waitUntil(() => all(el, '.past [part~="incident"]').length, 'past never came');
    expect(all(el, '.past h4').map(text)).to.deep.equal(
      Array.from({ length: 9 }, (_, i) => `Old incident ${i + 1}`),
    );
    await waitUntil(() => text(el.shadowRoot!.activeElement) === 'Old incident 1', 'focus not on the first');
    button(el, 'Older incidents').click();
    await waitUntil(() => all(el, '.past [part~="incident"]').length === 12, 'never loaded more');
    expect(fake.callsTo('GET /api/v1/status/incidents').map((c) => c.query)).to.deep.equal([
      { limit: '10' },
      { limit: '10', cursor: '10' },
    ]);
    await expect(el).to.be.accessible();
  });

  it('reloads every refresh seconds (at least 10) while connected', async () => {
    const { timers, restore } = holdIntervals();
    try {
      const el = await mount(fake, html`<portal-status refresh="3"></portal-status>`);
      await shows(el, '[part~="overall"]');
      expect(timers.map((t) => t.ms)).to.deep.equal([10_000]);
      for (const c of fake.components) c.status = 'operational';
      timers[0]!.run();
      await waitUntil(
        () => text(find(el, '[part~="overall"]')) === '✓ All systems operational',
        'never reloaded',
      );
      expect(fake.callsTo('GET /api/v1/status')).to.have.length(2);
    } finally {
      restore();
    }
  });

  it('keeps the page when a reload fails', async () => {
    const { timers, restore } = holdIntervals();
    try {
      const el = await mount(fake, html`<portal-status refresh="30"></portal-status>`);
      await shows(el, '[part~="overall"]');
      fake.answer('GET /api/v1/status', () => problem(503, 'UNAVAILABLE', 'Down.'));
      timers[0]!.run();
      await waitUntil(() => fake.callsTo('GET /api/v1/status').length === 2);
      await el.updateComplete;
      expect(find(el, '[part~="overall"]')).to.exist;
      expect(find(el, '[part="load-error"]')).to.be.null;
    } finally {
      restore();
    }
  });

  it('renders nothing when the business hides its status page (404)', async () => {
    fake.hidden.add('status');
    const el = await mount(fake);
    await waitUntil(() => el.hidden, 'never hidden');
    await el.updateComplete;
    expect($(el, '[part="base"]').children).to.have.length(0);
  });

  it('shows a failed load with “Try again”, and no components', async () => {
    fake.answer('GET /api/v1/status', () => problem(503, 'UNAVAILABLE', 'Down for a moment.'));
    const el = await mount(fake);
    await shows(el, '[part="load-error"]');
    expect(text(find(el, '[part="load-error"] p'))).to.equal('Down for a moment.');
    await expect(el).to.be.accessible();
    fake.components = [];
    button(el, 'Try again').click();
    await shows(el, '[part="empty"]');
    expect(text(find(el, '[part="empty"]'))).to.equal('No components are listed.');
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, html`<portal-status time-zone="Europe/Madrid"></portal-status>`, {
      lang: 'es',
    });
    await shows(el, '[part~="overall"]');
    expect(text($(el, '[part~="overall"]'))).to.equal('! Algunos sistemas funcionan con lentitud');
    const days = bars(row(el, 'Web hosting'));
    expect(days[87]!.getAttribute('aria-label')).to.equal('10 nov 2026: Interrupción parcial, 1 incidencia');
    expect(text(row(el, 'Web hosting').querySelector('[part~="uptime"]'))).to.equal(
      '99,87 % de disponibilidad',
    );
    await expect(el).to.be.accessible();
  });

  it('runs none of the XSS payloads given as incident updates’ HTML', async function (this: {
    timeout(ms: number): void;
  }) {
    this.timeout(20_000);
    const xss = spyOnXss();
    const { timers, restore } = holdIntervals();
    try {
      const el = await mount(fake, html`<portal-status refresh="60"></portal-status>`);
      await shows(el, '[part~="update"]');
      // The hostile page comes with a reload, so the provider's session loads first.
      fake.active[0]!.updates = XSS_PAYLOADS.map(({ markdown }) =>
        fake.update('investigating', markdown, '2026-11-12T08:00:00Z'),
      );
      timers[0]!.run();
      await waitUntil(() => all(el, '[part~="update"]').length >= XSS_PAYLOADS.length, 'never rendered', {
        timeout: 10_000,
      });
      await flushTasks();
      expect(xss.calls).to.deep.equal([]);
      expect(dangerousNodes(el.shadowRoot!)).to.deep.equal([]);
    } finally {
      restore();
      xss.restore();
    }
  });
});
