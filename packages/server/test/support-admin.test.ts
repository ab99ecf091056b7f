import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addContact, bearer } from './account-helpers.js';
import { ok } from './billing-helpers.js';
import { startServer, staffSession } from './helpers.js';
import {
  ADMIN,
  API,
  openTicket,
  problem,
  staffReply,
  startSupport,
  type SupportWorld,
} from './support-helpers.js';
import { seedDemo } from '../src/index.js';
import { DEMO_LOGIN } from '../src/seed.js';

describe('support: departments, settings and staff roles', () => {
  let w: SupportWorld;
  before(async () => {
    w = await startSupport();
  });
  after(() => w.s.close());

  test('departments: list in order with ticket counts; unique names; hide; delete only without tickets', async () => {
    const made = ok(
      await w.s.request('POST', `${ADMIN}/departments`, {
        headers: w.admin.headers,
        body: { name: 'Sales', position: 5 },
      }),
      201,
    );
    assert.deepEqual(
      { ...made, id: undefined },
      { id: undefined, name: 'Sales', description: '', visible: true, position: 5, tickets: 0 },
    );
    const dup = await w.s.request('POST', `${ADMIN}/departments`, {
      headers: w.admin.headers,
      body: { name: ' sales ' },
    });
    problem(dup, 409, 'CONFLICT');
    const rename = await w.s.request('PATCH', `${ADMIN}/departments/${made.id}`, {
      headers: w.admin.headers,
      body: { name: 'GENERAL' },
    });
    problem(rename, 409, 'CONFLICT');

    await openTicket(w.s, w.ada, { departmentId: w.departments.general });
    const list = ok(await w.s.request('GET', `${ADMIN}/departments`, { headers: w.billing })).items;
    assert.deepEqual(
      list.map((d: { name: string; tickets: number }) => [d.name, d.tickets]),
      // By position, then name.
      [
        ['Abuse', 0],
        ['General', 1],
        ['Technical support', 0],
        ['Sales', 0],
      ],
    );

    const hidden = ok(
      await w.s.request('PATCH', `${ADMIN}/departments/${made.id}`, {
        headers: w.admin.headers,
        body: { visible: false, description: 'Quotes' },
      }),
    );
    assert.equal(hidden.visible, false);
    assert.equal(hidden.description, 'Quotes');
    const config = ok(await w.s.request('GET', `${API}/config`, { headers: w.ada.headers }));
    assert.ok(!config.departments.some((d: { id: string }) => d.id === made.id));

    problem(
      await w.s.request('DELETE', `${ADMIN}/departments/${w.departments.general}`, {
        headers: w.admin.headers,
      }),
      409,
      'CONFLICT',
    );
    const gone = await w.s.request('DELETE', `${ADMIN}/departments/${made.id}`, { headers: w.admin.headers });
    assert.equal(gone.status, 204);
    problem(
      await w.s.request('DELETE', `${ADMIN}/departments/${made.id}`, { headers: w.admin.headers }),
      404,
      'NOT_FOUND',
    );
    problem(
      await w.s.request('PATCH', `${ADMIN}/departments/dep_missing`, {
        headers: w.admin.headers,
        body: { name: 'X' },
      }),
      404,
      'NOT_FOUND',
    );
    const actions = (
      await w.s.app.portico.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', made.id)
        .orderBy('id')
        .execute()
    ).map((r) => r.action);
    assert.deepEqual(actions, [
      'support.department_created',
      'support.department_updated',
      'support.department_deleted',
    ]);
  });

  test('settings: read by every role, changed by admins only, audited, and applied at once', async () => {
    const read = ok(await w.s.request('GET', `${ADMIN}/settings`, { headers: w.billing }));
    assert.deepEqual(read.autoCloseDays, 7);
    const changed = ok(
      await w.s.request('PATCH', `${ADMIN}/settings`, {
        headers: w.admin.headers,
        body: { attachments: { maxFiles: 2, types: ['png'] }, autoCloseDays: 3 },
      }),
    );
    assert.deepEqual(changed, {
      attachments: { maxBytes: read.attachments.maxBytes, maxFiles: 2, types: ['png'] },
      autoCloseDays: 3,
    });
    const config = ok(await w.s.request('GET', `${API}/config`, { headers: w.ada.headers }));
    assert.deepEqual(config.attachments, {
      maxBytes: read.attachments.maxBytes,
      maxFiles: 2,
      types: ['png'],
    });
    problem(
      await w.s.request('PATCH', `${ADMIN}/settings`, {
        headers: w.agent.headers,
        body: { autoCloseDays: 1 },
      }),
      403,
      'ROLE_NOT_ALLOWED',
    );
    const invalid = problem(
      await w.s.request('PATCH', `${ADMIN}/settings`, {
        headers: w.admin.headers,
        body: { attachments: { maxBytes: 100 * 1024 * 1024, types: ['exe'] }, autoCloseDays: 0 },
      }),
      400,
      'VALIDATION_FAILED',
    );
    assert.deepEqual(invalid.errors.map((e: { path: string }) => e.path).sort(), [
      'attachments.maxBytes',
      'attachments.types.0',
      'autoCloseDays',
    ]);
    const audit = await w.s.app.portico.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'support_settings.updated')
      .execute();
    assert.equal(audit.length, 1);
    assert.deepEqual(JSON.parse(audit[0]!.details).autoCloseDays, { from: 7, to: 3 });
  });

  test('billing staff read tickets but neither reply, note, update, open nor upload', async () => {
    const t = await openTicket(w.s, w.ada, { departmentId: w.departments.general });
    ok(await w.s.request('GET', `${ADMIN}/tickets/${t.id}`, { headers: w.billing }));
    ok(await w.s.request('GET', `${ADMIN}/tickets`, { headers: w.billing }));
    ok(await w.s.request('GET', `${ADMIN}/queues`, { headers: w.billing }));
    const writes: Array<[string, string, unknown]> = [
      ['POST', `${ADMIN}/tickets/${t.id}/replies`, { message: 'x' }],
      ['POST', `${ADMIN}/tickets/${t.id}/notes`, { message: 'x' }],
      ['PATCH', `${ADMIN}/tickets/${t.id}`, { priority: 'low' }],
      [
        'POST',
        `${ADMIN}/tickets`,
        { accountId: w.ada.accountId, departmentId: w.departments.general, subject: 's', message: 'm' },
      ],
      ['POST', `${ADMIN}/departments`, { name: 'Nope' }],
    ];
    for (const [method, path, body] of writes) {
      problem(await w.s.request(method, path, { headers: w.billing, body }), 403, 'ROLE_NOT_ALLOWED');
    }
    const { uploadRaw } = await import('./support-helpers.js');
    problem(await uploadRaw(w.s, `${ADMIN}/attachments`, 'a.png', 'x', w.billing), 403, 'ROLE_NOT_ALLOWED');
    const after = ok(await w.s.request('GET', `${ADMIN}/tickets/${t.id}`, { headers: w.billing }));
    assert.equal(after.messages.length, 1);
    assert.equal(after.priority, 'medium');
  });

  test('every role lists who tickets may be assigned to: enabled admin and support staff, by name', async () => {
    const { db } = w.s.app.portico;
    const gone = await staffSession(w.s, 'support', 'gone@staff.test');
    await db
      .updateTable('staff')
      .set({ disabled_at: w.s.clock.now().toISOString() })
      .where('id', '=', gone.id)
      .execute();
    const expected = await db
      .selectFrom('staff')
      .select(['id', 'name'])
      .where('disabled_at', 'is', null)
      .where('role', 'in', ['admin', 'support'])
      .orderBy('name')
      .orderBy('id')
      .execute();
    assert.ok(expected.some((m) => m.id === w.agent.id) && !expected.some((m) => m.id === gone.id));
    for (const headers of [w.agent.headers, w.billing]) {
      const { items } = ok(await w.s.request('GET', `${ADMIN}/staff`, { headers }));
      assert.deepEqual(items, expected);
    }
  });

  test('a staff reply or note with another staff member’s upload is 422, nothing written', async () => {
    const t = await openTicket(w.s, w.ada, { departmentId: w.departments.general });
    const { staffUpload } = await import('./support-helpers.js');
    const theirs = await staffUpload(
      w.s,
      w.admin.headers,
      'a.png',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]),
    );
    for (const kind of ['replies', 'notes']) {
      problem(
        await w.s.request('POST', `${ADMIN}/tickets/${t.id}/${kind}`, {
          headers: w.agent.headers,
          body: { message: 'x', attachments: [theirs.id] },
        }),
        422,
        'ATTACHMENT_UNAVAILABLE',
      );
    }
    const row = await w.s.app.portico.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', t.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'open');
    assert.equal(row.message_count, 1);
    const audits = await w.s.app.portico.db
      .selectFrom('audit_log')
      .select('id')
      .where('target_id', '=', t.id)
      .execute();
    assert.equal(audits.length, 0, 'the audit entry rolled back with the message');
  });

  test('the dashboard counts the account’s tickets that are not closed, for people who may read support', async () => {
    const dashboard = async (headers: Record<string, string>) =>
      ok(await w.s.request('GET', '/api/v1/dashboard', { headers })).openTickets;
    const before = await dashboard(w.bob.headers);
    const a = await openTicket(w.s, w.bob, { departmentId: w.departments.general });
    await openTicket(w.s, w.bob, { departmentId: w.departments.general });
    await staffReply(w.s, w.agent.headers, a.id, { message: 'Answered' });
    assert.equal(await dashboard(w.bob.headers), before + 2);
    ok(await w.s.request('POST', `${API}/tickets/${a.id}/close`, { headers: w.bob.headers }));
    assert.equal(await dashboard(w.bob.headers), before + 1);
    const payer = await addContact(w.s, w.bob.accountId, 'payer@bob.test', 'custom', ['billing:read']);
    assert.equal(await dashboard(bearer(payer.token)), null);
    const reader = await addContact(w.s, w.bob.accountId, 'reader@bob.test', 'custom', ['support:read']);
    assert.equal(await dashboard(bearer(reader.token)), before + 1);
    assert.equal(await w.s.app.portico.support.openTickets(w.bob.accountId), before + 1);
  });
});

describe('the support demo', () => {
  test('seeds four departments (Abuse hidden) and an answered ticket of the demo login, once', async () => {
    const s = await startServer({ mode: 'development' });
    try {
      await seedDemo(s.app.portico);
      const { db } = s.app.portico;
      const departments = await db
        .selectFrom('support_departments')
        .selectAll()
        .orderBy('position')
        .execute();
      assert.deepEqual(
        departments.map((d) => [d.name, d.visible]),
        [
          ['General', 1],
          ['Billing', 1],
          ['Technical support', 1],
          ['Abuse', 0],
        ],
      );
      const owner = await db
        .selectFrom('users')
        .innerJoin('memberships', 'memberships.user_id', 'users.id')
        .select('memberships.account_id')
        .where('users.email', '=', DEMO_LOGIN.email)
        .executeTakeFirstOrThrow();
      const tickets = await db.selectFrom('tickets').selectAll().execute();
      assert.equal(tickets.length, 1);
      assert.equal(tickets[0]!.account_id, owner.account_id);
      assert.equal(tickets[0]!.status, 'answered');
      const messages = await db.selectFrom('ticket_messages').selectAll().orderBy('created_at').execute();
      assert.deepEqual(
        messages.map((m) => m.author_kind),
        ['client', 'staff'],
      );
      await seedDemo(s.app.portico);
      assert.equal(
        (await db.selectFrom('tickets').select('id').execute()).length,
        1,
        'seeding again adds nothing',
      );
      assert.equal((await db.selectFrom('support_departments').select('id').execute()).length, 4);
    } finally {
      await s.close();
    }
  });
});
