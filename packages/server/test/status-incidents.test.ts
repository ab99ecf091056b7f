import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type StaffLogin, staffSession, type TestServer } from './helpers.js';
import { auditActions, publicGet, setSections, staffCall, startNewsServer } from './news-helpers.js';
import { seedNewsDemo } from '../src/modules/home/demo.js';
import { assertOnePlan, planOf, selectsDuring } from './query-plans.js';

describe('incidents and maintenance', () => {
  let s: TestServer;
  /** A staff call with a fresh admin session (the clock moves, so sessions idle out). */
  const call = async (method: string, path: string, body?: unknown, expect?: number) =>
    staffCall(s, await staffSession(s, 'admin'), method, path, body, expect);
  const component = async (name: string) =>
    (await call('POST', '/status/components', { name }, 201)).id as string;
  const statusOf = async (id: string) =>
    (await call('GET', '/status/components', undefined, 200)).items.find((c: any) => c.id === id).status;
  const open = (body: Record<string, unknown>) =>
    call('POST', '/status/incidents', { title: 'Trouble', message: 'Looking into it', ...body }, 201);
  const update = (id: string, body: Record<string, unknown>, expect = 201) =>
    call('POST', `/status/incidents/${id}/updates`, { message: 'Update', ...body }, expect);

  before(async () => {
    ({ s } = await startNewsServer());
  });
  after(() => s.close());

  test('an incident holds its components at its impact until resolved', async () => {
    const mail = await component('Mail');
    const incident = await open({ impact: 'major', componentIds: [mail] });
    assert.equal(await statusOf(mail), 'partial_outage');
    assert.deepEqual(
      incident.components.map((c: any) => c.id),
      [mail],
    );
    assert.equal(incident.updates.length, 1);
    assert.equal(incident.updates[0].html, '<p>Looking into it</p>\n');

    const identified = await update(incident.id, { status: 'identified', componentStatus: 'major_outage' });
    assert.equal(identified.status, 'identified');
    assert.equal(await statusOf(mail), 'major_outage');
    s.clock.advance(60_000);
    const resolved = await update(incident.id, { status: 'resolved' });
    assert.equal(resolved.resolvedAt, s.clock.now().toISOString());
    assert.deepEqual(
      resolved.updates.map((u: any) => u.status),
      ['resolved', 'identified', 'investigating'],
    );
    assert.equal(await statusOf(mail), 'operational');
    assert.deepEqual(await auditActions(s, incident.id), [
      'incident.created',
      'incident.updated',
      'incident.updated',
    ]);
  });

  test('two overlapping incidents: the worst holds; resolving one leaves the other', async () => {
    const db = await component('Database');
    const bad = await open({ impact: 'critical', componentIds: [db] });
    const minor = await open({ impact: 'minor', componentIds: [db] });
    assert.equal(await statusOf(db), 'major_outage');
    await update(bad.id, { status: 'resolved' });
    assert.equal(await statusOf(db), 'degraded');
    await update(minor.id, { status: 'resolved' });
    assert.equal(await statusOf(db), 'operational');
    // Reopening holds it again.
    await update(minor.id, { status: 'monitoring' });
    assert.equal(await statusOf(db), 'degraded');
    await update(minor.id, { status: 'resolved' });
  });

  test('an explicit componentStatus wins over the impact', async () => {
    const cdn = await component('CDN');
    const incident = await open({ impact: 'none', componentStatus: 'partial_outage', componentIds: [cdn] });
    assert.equal(await statusOf(cdn), 'partial_outage');
    await update(incident.id, { status: 'resolved' });
    assert.equal(await statusOf(cdn), 'operational');
  });

  test('a status must be of the incident kind', async () => {
    const bad = await call(
      'POST',
      '/status/incidents',
      { title: 'x', message: 'x', status: 'in_progress' },
      400,
    );
    assert.equal(bad.code, 'VALIDATION_FAILED');
    assert.equal(bad.errors[0].path, 'status');
    const incident = await open({});
    const wrong = await update(incident.id, { status: 'completed' }, 400);
    assert.equal(wrong.code, 'VALIDATION_FAILED');
    assert.equal(wrong.errors[0].path, 'status');
    const start = new Date(s.clock.now().getTime() + 86_400_000).toISOString();
    const end = new Date(s.clock.now().getTime() + 90_000_000).toISOString();
    const m = await open({ kind: 'maintenance', startsAt: start, endsAt: end });
    assert.equal(m.status, 'scheduled');
    assert.equal((await update(m.id, { status: 'resolved' }, 400)).errors[0].path, 'status');
    const noEnd = await call(
      'POST',
      '/status/incidents',
      { kind: 'maintenance', title: 'x', message: 'x', startsAt: start },
      400,
    );
    assert.equal(noEnd.code, 'VALIDATION_FAILED');
    const future = await call('POST', '/status/incidents', { title: 'x', message: 'x', startsAt: end }, 400);
    assert.equal(future.errors[0].path, 'startsAt');
    const unknown = await call(
      'POST',
      '/status/incidents',
      { title: 'x', message: 'x', componentIds: ['stc_nope'] },
      400,
    );
    assert.equal(unknown.errors[0].path, 'componentIds.0');
    await update('inc_01kjpzv2804xv11y3as64g4ghv', { status: 'resolved' }, 404);
    await update(incident.id, { status: 'resolved' });
    await call('DELETE', `/status/incidents/${m.id}`, undefined, 204);
  });

  test('the job starts maintenance on time and completes it, releasing its components', async () => {
    const panel = await component('Panel');
    const t0 = s.clock.now().getTime();
    const m = await open({
      kind: 'maintenance',
      title: 'Panel upgrade',
      componentIds: [panel],
      startsAt: new Date(t0 + 3_600_000).toISOString(),
      endsAt: new Date(t0 + 3 * 3_600_000).toISOString(),
    });
    assert.equal(m.status, 'scheduled');
    assert.equal(await statusOf(panel), 'operational');
    const upcoming = await publicGet(s, '/status', 200);
    assert.ok(upcoming.upcoming.some((i: any) => i.id === m.id));

    assert.deepEqual(await s.app.portico.status.runJob(), { maintenanceStarted: 0, maintenanceCompleted: 0 });
    s.clock.advance(3_600_000);
    assert.deepEqual(await s.app.portico.status.runJob(), { maintenanceStarted: 1, maintenanceCompleted: 0 });
    assert.deepEqual(await s.app.portico.status.runJob(), { maintenanceStarted: 0, maintenanceCompleted: 0 });
    let now = await call('GET', `/status/incidents/${m.id}`, undefined, 200);
    assert.equal(now.status, 'in_progress');
    assert.equal(now.updates[0].status, 'in_progress');
    assert.equal(await statusOf(panel), 'maintenance');
    const active = await publicGet(s, '/status', 200);
    assert.ok(active.active.some((i: any) => i.id === m.id));
    assert.equal(active.overall, 'maintenance');

    // An incident on the panel during the maintenance outlives it.
    const incident = await open({ impact: 'minor', componentIds: [panel] });
    assert.equal(await statusOf(panel), 'degraded');
    s.clock.advance(2 * 3_600_000);
    assert.deepEqual(await s.app.portico.status.runJob(), { maintenanceStarted: 0, maintenanceCompleted: 1 });
    now = await call('GET', `/status/incidents/${m.id}`, undefined, 200);
    assert.equal(now.status, 'completed');
    assert.equal(now.resolvedAt, s.clock.now().toISOString());
    assert.equal(await statusOf(panel), 'degraded');
    await update(incident.id, { status: 'resolved' });
    assert.equal(await statusOf(panel), 'operational');
    assert.deepEqual(await auditActions(s, m.id), [
      'incident.created',
      'incident.maintenance_started',
      'incident.maintenance_completed',
    ]);
  });

  test('maintenance created with its start past begins at once', async () => {
    const ftp = await component('FTP');
    const t0 = s.clock.now().getTime();
    const m = await open({
      kind: 'maintenance',
      componentIds: [ftp],
      startsAt: new Date(t0 - 60_000).toISOString(),
      endsAt: new Date(t0 + 3_600_000).toISOString(),
    });
    assert.equal(m.status, 'in_progress');
    assert.equal(await statusOf(ftp), 'maintenance');
    await update(m.id, { status: 'completed' });
    assert.equal(await statusOf(ftp), 'operational');
  });

  test('editing: impact re-holds, components added are held and removed ones released', async () => {
    const a = await component('Edit A');
    const b = await component('Edit B');
    const incident = await open({ impact: 'minor', componentIds: [a] });
    const edited = await call(
      'PATCH',
      `/status/incidents/${incident.id}`,
      { impact: 'critical', title: 'Worse' },
      200,
    );
    assert.equal(edited.title, 'Worse');
    assert.equal(await statusOf(a), 'major_outage');
    await call('PATCH', `/status/incidents/${incident.id}`, { componentIds: [b] }, 200);
    assert.equal(await statusOf(a), 'operational');
    assert.equal(await statusOf(b), 'major_outage');
    const ends = await call(
      'PATCH',
      `/status/incidents/${incident.id}`,
      { endsAt: s.clock.now().toISOString() },
      400,
    );
    assert.equal(ends.errors[0].path, 'endsAt');
    await call('DELETE', `/status/incidents/${incident.id}`, undefined, 204);
    assert.equal(await statusOf(b), 'operational');
    await call('GET', `/status/incidents/${incident.id}`, undefined, 404);
    assert.deepEqual(await auditActions(s, incident.id), [
      'incident.created',
      'incident.edited',
      'incident.edited',
      'incident.deleted',
    ]);
  });

  test('components: created with a first event, names unique, deleted with their history', async () => {
    const id = await component('Unique');
    const clash = await call('POST', '/status/components', { name: 'unique' }, 409);
    assert.equal(clash.code, 'CONFLICT');
    const events = await s.app.portico.db
      .selectFrom('status_component_events')
      .select('status')
      .where('component_id', '=', id)
      .execute();
    assert.deepEqual(events, [{ status: 'operational' }]);
    const moved = await call(
      'PATCH',
      `/status/components/${id}`,
      { group: 'Network', position: 99, description: 'd' },
      200,
    );
    assert.deepEqual([moved.group, moved.position, moved.description], ['Network', 99, 'd']);
    await call('DELETE', `/status/components/${id}`, undefined, 204);
    await call('DELETE', `/status/components/${id}`, undefined, 404);
    assert.deepEqual(await auditActions(s, id), [
      'status_component.created',
      'status_component.updated',
      'status_component.deleted',
    ]);
  });

  test('public incident history: last 90 days, newest first, by kind, with a cursor', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await publicGet(
        s,
        `/status/incidents?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        200,
      );
      all.push(...page.items.map((i: any) => i.startsAt));
      cursor = page.nextCursor;
    } while (cursor);
    assert.ok(all.length >= 8);
    assert.deepEqual(all, [...all].sort().reverse());
    const maintenance = await publicGet(s, '/status/incidents?kind=maintenance', 200);
    assert.ok(maintenance.items.length >= 2);
    assert.ok(maintenance.items.every((i: any) => i.kind === 'maintenance'));
    const first = await publicGet(s, `/status/incidents?limit=1`, 200);
    assert.deepEqual(await publicGet(s, `/status/incidents/${first.items[0].id}`, 200), first.items[0]);
  });

  test('staff list: open ones only, or closed ones', async () => {
    const still = await open({ title: 'Still open' });
    const openOnes = await call('GET', '/status/incidents?open=true&limit=100', undefined, 200);
    assert.ok(openOnes.items.some((i: any) => i.id === still.id));
    assert.ok(openOnes.items.every((i: any) => i.resolvedAt === null));
    const closed = await call('GET', '/status/incidents?open=false&limit=100', undefined, 200);
    assert.ok(closed.items.length > 0 && closed.items.every((i: any) => i.resolvedAt !== null));
    await update(still.id, { status: 'resolved' });
  });

  test('roles: billing staff read, only admin and support write', async () => {
    const billing = await staffSession(s, 'billing');
    await staffCall(s, billing, 'GET', '/status/components', undefined, 200);
    await staffCall(s, billing, 'GET', '/status/incidents', undefined, 200);
    const refused = await staffCall(s, billing, 'POST', '/status/components', { name: 'Nope' }, 403);
    assert.equal(refused.code, 'ROLE_NOT_ALLOWED');
    const support = await staffSession(s, 'support');
    await staffCall(s, support, 'POST', '/status/incidents', { title: 'By support', message: 'x' }, 201);
  });

  test('a hidden status page answers 404 on every public route', async () => {
    const incident = (await publicGet(s, '/status/incidents?limit=1', 200)).items[0];
    await setSections(s, { status: false });
    try {
      for (const path of ['/status', '/status/incidents', `/status/incidents/${incident.id}`]) {
        assert.equal((await publicGet(s, path, 404)).code, 'NOT_FOUND');
      }
      await call('GET', `/status/incidents/${incident.id}`, undefined, 200);
    } finally {
      await setSections(s, { status: true });
    }
  });
});

// A server of its own: SQLite prepares each SQL text once, so the queries must not have run before.
describe('status list plans', () => {
  let s: TestServer;
  let admin: StaffLogin;
  before(async () => {
    ({ s, admin } = await startNewsServer());
  });
  after(() => s.close());

  const own = (sqls: string[]) =>
    sqls.filter((sql) => /from "incidents"/.test(sql) && !/"incident_components"/.test(sql));
  const cursor = Buffer.from(JSON.stringify({ s: '2026-03-01T00:00:00.000Z', id: 'inc_z' })).toString(
    'base64url',
  );

  test('incident lists keep their index order, with no temporary B-tree', async () => {
    const cases: Array<[string, () => Promise<unknown>, RegExp]> = [
      ['public', () => publicGet(s, `/status/incidents?cursor=${cursor}`, 200), /incidents_recent/],
      [
        'public by kind',
        () => publicGet(s, `/status/incidents?kind=incident&cursor=${cursor}`, 200),
        /incidents_kind/,
      ],
      [
        'staff',
        () => staffCall(s, admin, 'GET', `/status/incidents?cursor=${cursor}`, undefined, 200),
        /incidents_recent/,
      ],
      [
        'staff open',
        () => staffCall(s, admin, 'GET', '/status/incidents?open=true', undefined, 200),
        /incidents_open/,
      ],
      [
        'staff closed',
        () => staffCall(s, admin, 'GET', '/status/incidents?open=false', undefined, 200),
        /incidents_recent|incidents_resolved/,
      ],
      [
        'staff by kind',
        () => staffCall(s, admin, 'GET', '/status/incidents?kind=maintenance', undefined, 200),
        /incidents_kind/,
      ],
    ];
    for (const [what, run, index] of cases) assertOnePlan(s, what, own(await selectsDuring(s, run)), index);
  });

  test('the status page reads a fixed number of queries, none with a temporary B-tree', async () => {
    const sqls = await selectsDuring(s, () => publicGet(s, '/status', 200));
    assert.ok(sqls.length <= 10, `${sqls.length} queries`);
    for (const sql of sqls) {
      if (/"incident_updates"|"incident_components"/.test(sql) && /\bin \(/.test(sql)) continue;
      assert.doesNotMatch(planOf(s, sql), /TEMP B-TREE/, sql);
    }
  });
});

describe('the demo status page and announcements', () => {
  test('four components, an incident 12 days ago in the bars, maintenance next week, three announcements', async () => {
    const { s } = await startNewsServer();
    try {
      await seedNewsDemo(s.app.portico);
      await seedNewsDemo(s.app.portico);
      const page = await publicGet(s, '/status', 200);
      assert.deepEqual(
        page.components.map((c: any) => [c.name, c.group]),
        [
          ['Web hosting', 'Hosting'],
          ['Control panel', 'Hosting'],
          ['Email', 'Email'],
          ['DNS', 'Network'],
        ],
      );
      const email = page.components.find((c: any) => c.name === 'Email');
      const day = email.days.at(-13);
      assert.deepEqual([day.status, day.incidents], ['partial_outage', 1]);
      assert.ok(email.uptime < 100);
      assert.equal(page.overall, 'operational');
      assert.equal(page.upcoming.length, 1);
      assert.equal(page.upcoming[0].title, 'Control panel upgrade');
      const history = await publicGet(s, '/status/incidents?kind=incident', 200);
      assert.equal(history.items.length, 1);
      assert.equal(history.items[0].updates.length, 3);
      const news = await publicGet(s, '/announcements', 200);
      assert.equal(news.items.length, 3);
      assert.equal(news.items[0].publishedAt, s.clock.now().toISOString());
    } finally {
      await s.close();
    }
  });
});
