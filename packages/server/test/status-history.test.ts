import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { componentHistory, HISTORY_DAYS, windowStart } from '../src/modules/status/history.js';
import { type StaffLogin, staffSession, type TestServer } from './helpers.js';
import { publicGet, staffCall, startNewsServer } from './news-helpers.js';

const NOW = new Date('2026-03-02T09:00:00.000Z');
/** Hours from the window's start (2025-12-03T00:00Z) to NOW: 89 days and 9 hours. */
const WINDOW_HOURS = 89 * 24 + 9;

describe('component history (the maths)', () => {
  test('90 UTC days, oldest first, ending today', () => {
    const { days } = componentHistory({ now: NOW, inForce: 'operational', events: [], incidents: [] });
    assert.equal(days.length, HISTORY_DAYS);
    assert.equal(days[0]!.date, '2025-12-03');
    assert.equal(days.at(-1)!.date, '2026-03-02');
    assert.equal(windowStart(NOW).toISOString(), '2025-12-03T00:00:00.000Z');
    assert.ok(days.every((d) => d.status === 'operational' && d.incidents === 0));
  });

  test('a two-hour major outage yesterday: that day is major_outage, uptime cut to 2 decimals', () => {
    const { days, uptime } = componentHistory({
      now: NOW,
      inForce: 'operational',
      events: [
        { status: 'major_outage', at: '2026-03-01T10:00:00.000Z' },
        { status: 'operational', at: '2026-03-01T12:00:00.000Z' },
      ],
      incidents: [{ startsAt: '2026-03-01T10:00:00.000Z', resolvedAt: '2026-03-01T12:00:00.000Z' }],
    });
    assert.equal(days.at(-2)!.status, 'major_outage');
    assert.equal(days.at(-2)!.incidents, 1);
    assert.equal(days.at(-1)!.status, 'operational');
    assert.equal(days.at(-3)!.status, 'operational');
    // 100 × (1 − 2 / 2145) = 99.9067…, cut to 99.90.
    assert.equal(uptime, Math.floor(100 * (1 - 2 / WINDOW_HOURS) * 100) / 100);
    assert.equal(uptime, 99.9);
  });

  test('a partial outage counts 30 % down; degraded and maintenance count as up', () => {
    const partial = componentHistory({
      now: NOW,
      inForce: 'operational',
      events: [
        { status: 'partial_outage', at: '2026-02-10T00:00:00.000Z' },
        { status: 'operational', at: '2026-02-10T10:00:00.000Z' },
      ],
      incidents: [],
    });
    // 10 hours × 30 % = 3 hours down: 100 × (1 − 3 / 2145) = 99.860…
    assert.equal(partial.uptime, 99.86);
    const up = componentHistory({
      now: NOW,
      inForce: 'degraded',
      events: [{ status: 'maintenance', at: '2026-02-10T00:00:00.000Z' }],
      incidents: [],
    });
    assert.equal(up.uptime, 100);
  });

  test('any downtime at all reads below 100', () => {
    const { uptime } = componentHistory({
      now: NOW,
      inForce: 'operational',
      events: [
        { status: 'major_outage', at: '2026-03-02T08:00:00.000Z' },
        { status: 'operational', at: '2026-03-02T08:00:01.000Z' },
      ],
      incidents: [],
    });
    assert.equal(uptime, 99.99);
  });

  test('a day with several statuses shows the worst; the status in force at midnight counts', () => {
    const { days } = componentHistory({
      now: NOW,
      inForce: 'operational',
      events: [
        { status: 'degraded', at: '2026-02-27T08:00:00.000Z' },
        { status: 'major_outage', at: '2026-02-27T09:00:00.000Z' },
        { status: 'partial_outage', at: '2026-02-27T10:00:00.000Z' },
        { status: 'operational', at: '2026-02-28T03:00:00.000Z' },
      ],
      incidents: [],
    });
    const day = (date: string) => days.find((d) => d.date === date)!.status;
    assert.equal(day('2026-02-26'), 'operational');
    assert.equal(day('2026-02-27'), 'major_outage');
    // Partial outage in force at midnight until 03:00.
    assert.equal(day('2026-02-28'), 'partial_outage');
    assert.equal(day('2026-03-01'), 'operational');
  });

  test('days before the component existed count as operational', () => {
    const { days, uptime } = componentHistory({
      now: NOW,
      inForce: null,
      events: [{ status: 'major_outage', at: '2026-03-02T07:00:00.000Z' }],
      incidents: [],
    });
    assert.ok(days.slice(0, -1).every((d) => d.status === 'operational'));
    assert.equal(days.at(-1)!.status, 'major_outage');
    // 2 hours down of 2145.
    assert.equal(uptime, 99.9);
  });

  test('an incident still open counts on every day from its start to today', () => {
    const { days } = componentHistory({
      now: NOW,
      inForce: 'operational',
      events: [],
      incidents: [
        { startsAt: '2026-02-28T23:00:00.000Z', resolvedAt: null },
        { startsAt: '2026-03-02T01:00:00.000Z', resolvedAt: '2026-03-02T02:00:00.000Z' },
      ],
    });
    assert.deepEqual(
      days.slice(-4).map((d) => d.incidents),
      [0, 1, 1, 2],
    );
  });
});

describe('status history through the API, on the fake clock', () => {
  let s: TestServer;
  let admin: StaffLogin;
  /** A staff call with a fresh session (the clock moves, so sessions idle out). */
  const call = async (method: string, path: string, body?: unknown, expect?: number) => {
    admin = await staffSession(s, 'admin');
    return staffCall(s, admin, method, path, body, expect);
  };
  before(async () => {
    ({ s, admin } = await startNewsServer());
  });
  after(() => s.close());

  test('an outage yesterday shows as major_outage yesterday, with the uptime it cost', async () => {
    s.clock.set('2026-02-20T12:00:00.000Z');
    const web = await call('POST', '/status/components', { name: 'Web', group: 'Hosting' }, 201);
    assert.equal(web.status, 'operational');
    s.clock.set('2026-03-01T10:00:00.000Z');
    const incident = await call(
      'POST',
      '/status/incidents',
      { title: 'Web down', impact: 'critical', message: 'Looking', componentIds: [web.id] },
      201,
    );
    assert.equal(incident.status, 'investigating');
    assert.equal(incident.startsAt, '2026-03-01T10:00:00.000Z');
    s.clock.set('2026-03-01T12:00:00.000Z');
    await call(
      'POST',
      `/status/incidents/${incident.id}/updates`,
      { status: 'resolved', message: 'Fixed' },
      201,
    );
    s.clock.set(NOW);

    const page = await publicGet(s, '/status', 200);
    const c = page.components.find((x: any) => x.id === web.id);
    assert.equal(c.days.length, 90);
    assert.equal(c.days.at(-1).date, '2026-03-02');
    assert.equal(c.days.at(-2).status, 'major_outage');
    assert.equal(c.days.at(-2).incidents, 1);
    assert.equal(c.days.at(-3).status, 'operational');
    assert.equal(c.status, 'operational');
    assert.equal(c.uptime, 99.9);
    assert.equal(page.overall, 'operational');
    assert.deepEqual(
      page.recent.map((i: any) => i.id),
      [incident.id],
    );
    const admin = await call('GET', '/status/components', undefined, 200);
    assert.equal(admin.items.find((x: any) => x.id === web.id).uptime, 99.9);
  });

  test('a status set by hand is kept in the history', async () => {
    s.clock.set('2026-02-25T08:00:00.000Z');
    const dns = await call('POST', '/status/components', { name: 'DNS' }, 201);
    s.clock.set('2026-02-26T08:00:00.000Z');
    await call('PATCH', `/status/components/${dns.id}`, { status: 'degraded' }, 200);
    s.clock.set('2026-02-26T09:00:00.000Z');
    await call('PATCH', `/status/components/${dns.id}`, { status: 'partial_outage' }, 200);
    s.clock.set('2026-02-26T10:00:00.000Z');
    await call('PATCH', `/status/components/${dns.id}`, { status: 'operational' }, 200);
    s.clock.set(NOW);
    const page = await publicGet(s, '/status', 200);
    const c = page.components.find((x: any) => x.id === dns.id);
    assert.equal(c.days.find((d: any) => d.date === '2026-02-26').status, 'partial_outage');
    assert.equal(c.days.find((d: any) => d.date === '2026-02-27').status, 'operational');
    // One hour at 30 %.
    assert.equal(c.uptime, Math.floor(100 * (1 - 0.3 / WINDOW_HOURS) * 100) / 100);
  });
});
