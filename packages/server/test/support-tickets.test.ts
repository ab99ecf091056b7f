import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { newClient, ok } from './billing-helpers.js';
import { stable, staffSession } from './helpers.js';
import { addContact, bearer } from './account-helpers.js';
import {
  ADMIN,
  API,
  idsOf,
  openTicket,
  problem,
  staffNote,
  staffReply,
  staffUpload,
  startSupport,
  type SupportWorld,
  upload,
} from './support-helpers.js';

describe('support tickets: the client side', () => {
  let w: SupportWorld;
  before(async () => {
    w = await startSupport();
  });
  after(() => w.s.close());
  // A new rate-limit window for each test (they open more tickets together than an account may in an hour), and
  // a new staff session, since the last one went idle meanwhile.
  beforeEach(async () => {
    w.s.clock.advance(3_600_000);
    w.agent = await staffSession(w.s, 'support');
  });

  test('config lists the departments clients may use, in form order, and the attachment rules', async () => {
    const r = ok(await w.s.request('GET', `${API}/config`, { headers: w.ada.headers }));
    assert.deepEqual(
      r.departments.map((d: { name: string }) => d.name),
      ['General', 'Technical support'],
    );
    assert.deepEqual(r.attachments, { maxBytes: 10 * 1024 * 1024, maxFiles: 5, types: r.attachments.types });
    assert.ok(r.attachments.types.includes('png'));
  });

  test('opening a ticket: reference, first message rendered safely, opener by name, status open', async () => {
    const ticket = await openTicket(w.s, w.ada, {
      departmentId: w.departments.technical,
      subject: '  Mail bounces  ',
      message: 'Hello <script>alert(1)</script> **bold**',
      priority: 'high',
    });
    assert.match(ticket.id, /^tkt_/);
    assert.match(ticket.reference, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    assert.equal(ticket.subject, 'Mail bounces');
    assert.equal(ticket.status, 'open');
    assert.equal(ticket.priority, 'high');
    assert.equal(ticket.department.name, 'Technical support');
    assert.equal(ticket.openedBy, 'ada');
    assert.equal(ticket.lastReplyBy, 'client');
    assert.equal(ticket.messageCount, 1);
    assert.equal(ticket.closedAt, null);
    assert.equal(ticket.messages.length, 1);
    const [message] = ticket.messages;
    assert.deepEqual(message.author, { kind: 'client', name: 'ada' });
    assert.equal(message.body, 'Hello <script>alert(1)</script> **bold**');
    assert.doesNotMatch(message.html, /<script/);
    assert.match(message.html, /<strong>bold<\/strong>/);
  });

  test('a hidden or unknown department is 422 DEPARTMENT_UNAVAILABLE, and nothing is written', async () => {
    const before = await w.s.app.portico.db.selectFrom('tickets').select('id').execute();
    for (const departmentId of [w.departments.abuse, 'dep_nothing']) {
      const r = await w.s.request('POST', `${API}/tickets`, {
        headers: w.ada.headers,
        body: { departmentId, subject: 'Spam', message: 'Report' },
      });
      const body = problem(r, 422, 'DEPARTMENT_UNAVAILABLE');
      assert.equal(body.errors[0].path, 'departmentId');
    }
    const afterRows = await w.s.app.portico.db.selectFrom('tickets').select('id').execute();
    assert.equal(afterRows.length, before.length);
  });

  test('invalid input is a 400 with field errors', async () => {
    const r = await w.s.request('POST', `${API}/tickets`, {
      headers: w.ada.headers,
      body: { departmentId: w.departments.general, subject: ' ', message: 'x'.repeat(20_001) },
    });
    const body = problem(r, 400, 'VALIDATION_FAILED');
    assert.deepEqual(body.errors.map((e: { path: string }) => e.path).sort(), ['message', 'subject']);
  });

  test('status: client reply keeps open, staff reply answers, client reply → customer_reply, close, reopen', async () => {
    const t = await openTicket(w.s, w.ada, { departmentId: w.departments.general });
    const path = `${API}/tickets/${t.id}`;
    const more = ok(
      await w.s.request('POST', `${path}/replies`, {
        headers: w.ada.headers,
        body: { message: 'More info' },
      }),
      201,
    );
    assert.equal(more.status, 'open', 'staff have not answered yet: still waiting for them');
    assert.equal(more.messageCount, 2);

    w.s.clock.advance(60_000);
    const answered = await staffReply(w.s, w.agent.headers, t.id, { message: 'Fixed it.' });
    assert.equal(answered.status, 'answered');
    assert.equal(answered.lastReplyBy, 'staff');
    assert.equal(answered.lastReplyAt, w.s.clock.now().toISOString());
    assert.equal(answered.messageCount, 3);

    w.s.clock.advance(60_000);
    const back = ok(
      await w.s.request('POST', `${path}/replies`, {
        headers: w.ada.headers,
        body: { message: 'Still broken' },
      }),
      201,
    );
    assert.equal(back.status, 'customer_reply');
    assert.equal(back.lastReplyBy, 'client');

    w.s.clock.advance(60_000);
    const closed = ok(await w.s.request('POST', `${path}/close`, { headers: w.ada.headers }));
    assert.equal(closed.status, 'closed');
    assert.equal(closed.closedAt, w.s.clock.now().toISOString());
    const closedAgain = ok(await w.s.request('POST', `${path}/close`, { headers: w.ada.headers }));
    assert.equal(closedAgain.closedAt, closed.closedAt, 'closing a closed ticket changes nothing');

    const reopened = ok(
      await w.s.request('POST', `${path}/replies`, { headers: w.ada.headers, body: { message: 'Again!' } }),
      201,
    );
    assert.equal(reopened.status, 'customer_reply');
    assert.equal(reopened.closedAt, null);

    const staffClosed = await staffReply(w.s, w.agent.headers, t.id, {
      message: 'Closing.',
      status: 'closed',
    });
    assert.equal(staffClosed.status, 'closed');
    assert.ok(staffClosed.closedAt);
  });

  test('lists are the account’s own, most recently active first, by status or active, in pages', async () => {
    const carol = await newClient(w.s, 'carol@client.test');
    const a = await openTicket(w.s, carol, { departmentId: w.departments.general, subject: 'A' });
    w.s.clock.advance(1000);
    const b = await openTicket(w.s, carol, { departmentId: w.departments.general, subject: 'B' });
    w.s.clock.advance(1000);
    const c = await openTicket(w.s, carol, { departmentId: w.departments.general, subject: 'C' });
    w.s.clock.advance(1000);
    await staffReply(w.s, w.agent.headers, a.id, { message: 'Answer' });
    w.s.clock.advance(1000);
    ok(await w.s.request('POST', `${API}/tickets/${b.id}/close`, { headers: carol.headers }));
    const list = (query = '') =>
      w.s.request('GET', `${API}/tickets${query}`, { headers: carol.headers }).then((r) => ok(r));
    // b closed (no reply): its activity is still its opening; a's staff reply moved it up.
    assert.deepEqual(idsOf(await list()), [a.id, c.id, b.id]);
    assert.deepEqual(idsOf(await list('?status=active')), [a.id, c.id]);
    assert.deepEqual(idsOf(await list('?status=answered')), [a.id]);
    assert.deepEqual(idsOf(await list('?status=closed')), [b.id]);
    const first = await list('?limit=2');
    assert.deepEqual(idsOf(first), [a.id, c.id]);
    const second = await list(`?limit=2&cursor=${first.nextCursor}`);
    assert.deepEqual(idsOf(second), [b.id]);
    assert.equal(second.nextCursor, null);
    problem(
      await w.s.request('GET', `${API}/tickets?cursor=nonsense`, { headers: carol.headers }),
      400,
      'VALIDATION_FAILED',
    );
    const summary = (await list()).items[0];
    assert.equal(summary.messageCount, 2);
    assert.equal('messages' in summary, false);
  });

  test('tenant isolation: another account’s ticket is the same 404 as a missing one, everywhere', async () => {
    const theirs = await openTicket(w.s, w.bob, { departmentId: w.departments.general });
    const file = await upload(w.s, w.bob, 'bob.txt');
    const withFile = ok(
      await w.s.request('POST', `${API}/tickets/${theirs.id}/replies`, {
        headers: w.bob.headers,
        body: { message: 'file', attachments: [file.id] },
      }),
      201,
    );
    const attachmentId = withFile.messages[1].attachments[0].id;
    const missing = 'tkt_00000000000000000000000000';
    const calls: Array<[string, string, unknown?]> = [
      ['GET', ''],
      ['POST', '/replies', { message: 'hi' }],
      ['POST', '/close'],
      ['GET', `/attachments/${attachmentId}`],
    ];
    for (const [method, suffix, body] of calls) {
      const foreign = await w.s.request(method, `${API}/tickets/${theirs.id}${suffix}`, {
        headers: w.ada.headers,
        ...(body ? { body } : {}),
      });
      const unknown = await w.s.request(method, `${API}/tickets/${missing}${suffix}`, {
        headers: w.ada.headers,
        ...(body ? { body } : {}),
      });
      assert.equal(foreign.status, 404, `${method} ${suffix}: ${foreign.text}`);
      assert.deepEqual(
        { ...stable(foreign.body), instance: undefined },
        { ...stable(unknown.body), instance: undefined },
        `${method} ${suffix}`,
      );
    }
    const still = ok(await w.s.request('GET', `${API}/tickets/${theirs.id}`, { headers: w.bob.headers }));
    assert.equal(still.status, 'open', 'the refused close changed nothing');
    assert.equal(still.messageCount, 2, 'the refused reply wrote nothing');
    const adaList = ok(await w.s.request('GET', `${API}/tickets`, { headers: w.ada.headers }));
    assert.ok(!idsOf(adaList).includes(theirs.id));
  });

  test('an attachment of another ticket, asked through one’s own ticket, is 404', async () => {
    const mine = await openTicket(w.s, w.ada, { departmentId: w.departments.general });
    const file = await upload(w.s, w.ada, 'mine.txt');
    const other = await openTicket(w.s, w.ada, {
      departmentId: w.departments.general,
      attachments: [file.id],
    });
    const attachmentId = other.messages[0].attachments[0].id;
    ok(
      await w.s.request('GET', `${API}/tickets/${other.id}/attachments/${attachmentId}`, {
        headers: w.ada.headers,
      }),
    );
    problem(
      await w.s.request('GET', `${API}/tickets/${mine.id}/attachments/${attachmentId}`, {
        headers: w.ada.headers,
      }),
      404,
      'NOT_FOUND',
    );
  });

  test('another person’s upload in a message is 422 ATTACHMENT_UNAVAILABLE and nothing is written', async () => {
    const bobs = await upload(w.s, w.bob, 'bob.txt');
    const contact = await addContact(w.s, w.ada.accountId, 'colleague@client.test', 'custom', [
      'support:write',
    ]);
    const colleagues = await upload(w.s, { headers: bearer(contact.token) }, 'colleague.txt');
    const own = await upload(w.s, w.ada, 'own.txt');
    const { db } = w.s.app.portico;
    const count = async () => ({
      tickets: (await db.selectFrom('tickets').select('id').execute()).length,
      messages: (await db.selectFrom('ticket_messages').select('id').execute()).length,
    });
    const beforeCounts = await count();
    for (const foreign of [bobs.id, colleagues.id, 'att_00000000000000000000000000']) {
      const r = await w.s.request('POST', `${API}/tickets`, {
        headers: w.ada.headers,
        body: {
          departmentId: w.departments.general,
          subject: 'S',
          message: 'M',
          attachments: [own.id, foreign],
        },
      });
      const body = problem(r, 422, 'ATTACHMENT_UNAVAILABLE');
      assert.equal(body.errors[0].path, 'attachments.1');
    }
    assert.deepEqual(await count(), beforeCounts);
    const ownRow = await db
      .selectFrom('ticket_attachments')
      .selectAll()
      .where('id', '=', own.id)
      .executeTakeFirstOrThrow();
    assert.equal(ownRow.message_id, null, 'the valid upload was not taken either');
    // Once sent, an upload cannot be sent again.
    await openTicket(w.s, w.ada, { departmentId: w.departments.general, attachments: [own.id] });
    problem(
      await w.s.request('POST', `${API}/tickets`, {
        headers: w.ada.headers,
        body: { departmentId: w.departments.general, subject: 'S', message: 'M', attachments: [own.id] },
      }),
      422,
      'ATTACHMENT_UNAVAILABLE',
    );
  });

  test('more files than the business allows is a 400 on attachments', async () => {
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await upload(w.s, w.ada, `f${i}.txt`)).id);
    const body = problem(
      await w.s.request('POST', `${API}/tickets`, {
        headers: w.ada.headers,
        body: { departmentId: w.departments.general, subject: 'S', message: 'M', attachments: ids },
      }),
      400,
      'VALIDATION_FAILED',
    );
    assert.equal(body.errors[0].path, 'attachments');
  });

  test('opening is idempotent with the same key: one ticket', async () => {
    const key = crypto.randomUUID();
    const send = () =>
      w.s.request('POST', `${API}/tickets`, {
        headers: { ...w.bob.headers, 'idempotency-key': key },
        body: { departmentId: w.departments.general, subject: 'Once', message: 'Only once' },
      });
    const first = ok(await send(), 201);
    const again = await send();
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.body.id, first.id);
    const rows = await w.s.app.portico.db
      .selectFrom('tickets')
      .select('id')
      .where('subject', '=', 'Once')
      .execute();
    assert.equal(rows.length, 1);
  });

  test('permissions: a contact without support:read cannot read; without support:write cannot write', async () => {
    const reader = await addContact(w.s, w.ada.accountId, 'reader@client.test', 'custom', ['support:read']);
    const nobody = await addContact(w.s, w.ada.accountId, 'nobody@client.test', 'custom', ['billing:read']);
    const t = await openTicket(w.s, w.ada, { departmentId: w.departments.general });
    for (const [method, path] of [
      ['GET', `${API}/tickets`],
      ['GET', `${API}/tickets/${t.id}`],
      ['GET', `${API}/config`],
    ] as const) {
      problem(await w.s.request(method, path, { headers: bearer(nobody.token) }), 403, 'PERMISSION_DENIED');
      ok(await w.s.request(method, path, { headers: bearer(reader.token) }));
    }
    problem(
      await w.s.request('POST', `${API}/tickets/${t.id}/replies`, {
        headers: bearer(reader.token),
        body: { message: 'hi' },
      }),
      403,
      'PERMISSION_DENIED',
    );
    problem(
      await w.s.request('POST', `${API}/tickets`, {
        headers: bearer(reader.token),
        body: { departmentId: w.departments.general, subject: 'S', message: 'M' },
      }),
      403,
      'PERMISSION_DENIED',
    );
  });

  test('opening is limited per account (10 an hour), replies per person', async () => {
    const dan = await newClient(w.s, 'dan@client.test');
    for (let i = 0; i < 10; i++) await openTicket(w.s, dan, { departmentId: w.departments.general });
    const limited = problem(
      await w.s.request('POST', `${API}/tickets`, {
        headers: dan.headers,
        body: { departmentId: w.departments.general, subject: 'S', message: 'M' },
      }),
      429,
      'RATE_LIMITED',
    );
    assert.ok(limited.retryAfter > 0);
  });
});

describe('support tickets: staff side and what clients never see', () => {
  let w: SupportWorld;
  before(async () => {
    w = await startSupport();
  });
  after(() => w.s.close());

  test('internal notes (and their files) never reach a client: get, list, reply and close answers', async () => {
    const t = await openTicket(w.s, w.ada, { departmentId: w.departments.general });
    const file = await staffUpload(w.s, w.agent.headers, 'secret.txt', 'SECRET-NOTE-FILE');
    const staffView = await staffNote(w.s, w.agent.headers, t.id, {
      message: 'SECRET-NOTE: customer is on the old plan',
      attachments: [file.id],
    });
    assert.equal(staffView.messages.at(-1).kind, 'note');
    assert.equal(staffView.messages.at(-1).author.email, 'agent@staff.test');
    assert.equal(staffView.status, 'open', 'a note changes no status');
    assert.equal(staffView.messageCount, 1, 'a note is not one of the client’s messages');
    const noteFile = staffView.messages.at(-1).attachments[0].id;

    const answers = [
      await w.s.request('GET', `${API}/tickets/${t.id}`, { headers: w.ada.headers }),
      await w.s.request('GET', `${API}/tickets`, { headers: w.ada.headers }),
      await w.s.request('POST', `${API}/tickets/${t.id}/replies`, {
        headers: w.ada.headers,
        body: { message: 'Hi' },
      }),
      await w.s.request('POST', `${API}/tickets/${t.id}/close`, { headers: w.ada.headers }),
    ];
    for (const r of answers) {
      assert.ok(r.status < 300, r.text);
      assert.doesNotMatch(r.text, /SECRET-NOTE/);
      assert.doesNotMatch(r.text, new RegExp(noteFile));
      assert.doesNotMatch(r.text, /agent@staff\.test|stf_/, 'no staff email or id');
    }
    assert.equal(answers[0]!.body.messages.length, 1);
    problem(
      await w.s.request('GET', `${API}/tickets/${t.id}/attachments/${noteFile}`, { headers: w.ada.headers }),
      404,
      'NOT_FOUND',
    );
    const adminFile = await w.s.request('GET', `${ADMIN}/tickets/${t.id}/attachments/${noteFile}`, {
      headers: w.agent.headers,
    });
    assert.equal(adminFile.status, 200);
    assert.equal(adminFile.text, 'SECRET-NOTE-FILE');
    const mails = await w.s.mailsTo('ada@client.test');
    for (const mail of mails) assert.doesNotMatch(mail.text + mail.html, /SECRET-NOTE/);
  });

  test('the client view of a staff reply names the staff member only; staff see ids and emails', async () => {
    const t = await openTicket(w.s, w.ada, { departmentId: w.departments.general });
    await staffReply(w.s, w.agent.headers, t.id, { message: 'On it' });
    const client = ok(await w.s.request('GET', `${API}/tickets/${t.id}`, { headers: w.ada.headers }));
    assert.deepEqual(client.messages[1].author, { kind: 'staff', name: 'Test support' });
    const staff = ok(await w.s.request('GET', `${ADMIN}/tickets/${t.id}`, { headers: w.billing }));
    assert.deepEqual(staff.messages[1].author, {
      kind: 'staff',
      name: 'Test support',
      id: w.agent.id,
      email: 'agent@staff.test',
    });
    assert.equal(staff.messages[0].author.email, 'ada@client.test');
    assert.equal(staff.accountName, 'Ada Ltd');
    assert.equal(staff.accountId, w.ada.accountId);
  });

  test('staff update: status, priority, department (hidden ok), assignee (admin/support only)', async () => {
    const t = await openTicket(w.s, w.ada, { departmentId: w.departments.general });
    const patch = (body: unknown, headers = w.agent.headers) =>
      w.s.request('PATCH', `${ADMIN}/tickets/${t.id}`, { headers, body });
    const updated = ok(
      await patch({
        priority: 'urgent',
        departmentId: w.departments.abuse,
        assigneeId: w.agent.id,
        status: 'closed',
      }),
    );
    assert.equal(updated.priority, 'urgent');
    assert.equal(updated.department.name, 'Abuse');
    assert.deepEqual(updated.assignee, { id: w.agent.id, name: 'Test support' });
    assert.equal(updated.status, 'closed');
    assert.ok(updated.closedAt);
    const reopened = ok(await patch({ status: 'open', assigneeId: null }));
    assert.equal(reopened.closedAt, null);
    assert.equal(reopened.assignee, null);

    const billingStaff = await w.s.app.portico.db
      .selectFrom('staff')
      .select('id')
      .where('role', '=', 'billing')
      .executeTakeFirstOrThrow();
    for (const assigneeId of [billingStaff.id, 'stf_00000000000000000000000000']) {
      const body = problem(await patch({ assigneeId }), 400, 'VALIDATION_FAILED');
      assert.equal(body.errors[0].path, 'assigneeId');
    }
    problem(await patch({ departmentId: 'dep_none' }), 422, 'DEPARTMENT_UNAVAILABLE');
    problem(await patch({ priority: 'low' }, w.billing), 403, 'ROLE_NOT_ALLOWED');

    const audit = await w.s.app.portico.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', t.id)
      .where('action', '=', 'support.ticket_updated')
      .orderBy('id')
      .execute();
    assert.equal(audit.length, 2);
    assert.equal(audit[0]!.actor_id, w.agent.id);
    assert.deepEqual(JSON.parse(audit[0]!.details).priority, { from: 'medium', to: 'urgent' });
  });

  test('staff open a ticket for a client in a hidden department; it shows in their portal', async () => {
    const att = await staffUpload(w.s, w.admin.headers, 'report.txt', 'evidence');
    const made = ok(
      await w.s.request('POST', `${ADMIN}/tickets`, {
        headers: w.admin.headers,
        body: {
          accountId: w.bob.accountId,
          departmentId: w.departments.abuse,
          subject: 'Spam from your server',
          message: 'We received **reports**.',
          attachments: [att.id],
          assigneeId: w.agent.id,
        },
      }),
      201,
    );
    assert.equal(made.status, 'answered');
    assert.equal(made.openedBy, 'Test admin');
    assert.equal(made.assignee.id, w.agent.id);
    const seen = ok(await w.s.request('GET', `${API}/tickets/${made.id}`, { headers: w.bob.headers }));
    assert.equal(seen.messages[0].attachments[0].name, 'report.txt');
    const mails = await w.s.mailsTo('bob@client.test');
    assert.ok(mails.some((m) => m.subject === `[#${made.reference}] Spam from your server`));
    problem(
      await w.s.request('POST', `${ADMIN}/tickets`, {
        headers: w.admin.headers,
        body: {
          accountId: 'acct_00000000000000000000000000',
          departmentId: w.departments.general,
          subject: 'S',
          message: 'M',
        },
      }),
      404,
      'NOT_FOUND',
    );
    const quiet = ok(
      await w.s.request('POST', `${ADMIN}/tickets`, {
        headers: w.admin.headers,
        body: {
          accountId: w.bob.accountId,
          departmentId: w.departments.general,
          subject: 'Quiet',
          message: 'M',
          notify: false,
        },
      }),
      201,
    );
    const after = await w.s.mailsTo('bob@client.test');
    assert.ok(!after.some((m) => m.subject.includes(quiet.reference)));
  });

  test('staff lists filter by status, department, priority, assignee (me, none, id), account and q', async () => {
    const { general, technical } = w.departments;
    const x = await openTicket(w.s, w.ada, {
      departmentId: general,
      subject: 'Invoice question',
      priority: 'low',
    });
    w.s.clock.advance(1000);
    const y = await openTicket(w.s, w.bob, {
      departmentId: technical,
      subject: 'Server down',
      priority: 'urgent',
    });
    w.s.clock.advance(1000);
    ok(
      await w.s.request('PATCH', `${ADMIN}/tickets/${x.id}`, {
        headers: w.agent.headers,
        body: { assigneeId: w.agent.id },
      }),
    );
    const ids = async (query: string, headers = w.agent.headers) =>
      idsOf(ok(await w.s.request('GET', `${ADMIN}/tickets?${query}`, { headers })));
    assert.deepEqual((await ids('limit=2')).slice(0, 2), [y.id, x.id]);
    const mine = ok(await w.s.request('GET', `${ADMIN}/tickets?assignee=me`, { headers: w.agent.headers }));
    assert.equal(mine.items[0].id, x.id);
    assert.ok(mine.items.every((t: { assignee: { id: string } }) => t.assignee.id === w.agent.id));
    assert.deepEqual(await ids('assignee=me', w.admin.headers), []);
    assert.deepEqual(await ids(`assignee=${w.agent.id}&status=open`, w.admin.headers), [x.id]);
    assert.ok(!(await ids('assignee=none')).includes(x.id));
    assert.ok((await ids('assignee=none')).includes(y.id));
    assert.deepEqual(await ids(`accountId=${w.bob.accountId}&departmentId=${technical}&priority=urgent`), [
      y.id,
    ]);
    assert.deepEqual(await ids('q=invoice%20QUEST'), [x.id]);
    assert.deepEqual(await ids(`q=${y.reference.toLowerCase()}`), [y.id]);
    assert.deepEqual(await ids(`q=${y.reference.slice(0, 4)}&departmentId=${technical}`), [y.id]);
    const first = ok(
      await w.s.request('GET', `${ADMIN}/tickets?limit=1&status=active`, { headers: w.billing }),
    );
    const second = ok(
      await w.s.request('GET', `${ADMIN}/tickets?limit=1&status=active&cursor=${first.nextCursor}`, {
        headers: w.billing,
      }),
    );
    assert.notEqual(second.items[0].id, first.items[0].id);
  });

  test('queues count not-closed tickets per department and status, unassigned and mine', async () => {
    const q = ok(await w.s.request('GET', `${ADMIN}/queues`, { headers: w.agent.headers }));
    const { db } = w.s.app.portico;
    const rows = await db.selectFrom('tickets').selectAll().execute();
    const active = rows.filter((r) => r.status !== 'closed');
    for (const d of q.departments) {
      assert.equal(d.open, active.filter((r) => r.department_id === d.id && r.status === 'open').length);
      assert.equal(
        d.answered,
        active.filter((r) => r.department_id === d.id && r.status === 'answered').length,
      );
      assert.equal(
        d.customerReply,
        active.filter((r) => r.department_id === d.id && r.status === 'customer_reply').length,
      );
    }
    assert.equal(q.departments.length, 3);
    assert.equal(q.unassigned, active.filter((r) => !r.assignee_staff_id).length);
    assert.equal(q.mine, active.filter((r) => r.assignee_staff_id === w.agent.id).length);
    assert.ok(q.mine >= 1);
  });
});
