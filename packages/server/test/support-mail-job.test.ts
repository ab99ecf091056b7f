import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { SupportStore } from '../src/modules/support/store.js';
import { addContact, bearer, insertSession } from './account-helpers.js';
import { ok } from './billing-helpers.js';
import { staffSession } from './helpers.js';
import {
  ADMIN,
  API,
  openTicket,
  staffNote,
  staffReply,
  startSupport,
  type SupportWorld,
  upload,
} from './support-helpers.js';

const DAY = 86_400_000;

describe('support mails', () => {
  let w: SupportWorld;
  before(async () => {
    w = await startSupport();
  });
  after(() => w.s.close());
  const clearMail = async () => {
    await w.s.app.portico.outbox.deliverDue();
    w.s.mail.sent.splice(0);
  };
  beforeEach(clearMail);

  test('a client’s new ticket: the opener gets the reference, admins and support staff a notice', async () => {
    const t = await openTicket(w.s, w.ada, { departmentId: w.departments.technical, subject: 'Site down' });
    const [ack, ...more] = await w.s.mailsTo('ada@client.test');
    assert.equal(more.length, 0);
    assert.equal(ack!.subject, `[#${t.reference}] Site down`);
    assert.match(ack!.text, new RegExp(`#${t.reference}`));
    assert.match(ack!.text, new RegExp(`/#ticket/${t.id}`));
    for (const staff of ['admin@staff.test', 'agent@staff.test']) {
      const [notice] = await w.s.mailsTo(staff);
      assert.equal(notice!.subject, `[#${t.reference}] New ticket: Site down`, staff);
      assert.match(notice!.text, /ada \(Ada Ltd\) opened ticket .* in Technical support, medium priority/);
      assert.match(notice!.text, /Every mail bounces\./);
      assert.match(notice!.text, new RegExp(`/admin#/tickets/${t.id}`));
    }
    const billingStaff = w.s.mail.sent.filter((m) => m.to.startsWith('billing-'));
    assert.deepEqual(billingStaff, [], 'billing staff do not work tickets');
  });

  test('a client’s reply notifies the assignee only, once assigned', async () => {
    const t = await openTicket(w.s, w.ada, { departmentId: w.departments.general });
    ok(
      await w.s.request('PATCH', `${ADMIN}/tickets/${t.id}`, {
        headers: w.admin.headers,
        body: { assigneeId: w.agent.id },
      }),
    );
    await clearMail();
    ok(
      await w.s.request('POST', `${API}/tickets/${t.id}/replies`, {
        headers: w.ada.headers,
        body: { message: 'Any news?' },
      }),
      201,
    );
    await w.s.app.portico.outbox.deliverDue();
    assert.deepEqual(
      w.s.mail.sent.map((m) => [m.to, m.subject]),
      [['agent@staff.test', `[#${t.reference}] New reply: Mail bounces`]],
    );
  });

  test('a staff reply mails the account’s support readers and the opener, with reference, text and link', async () => {
    await addContact(w.s, w.ada.accountId, 'reader@client.test', 'custom', ['support:read']);
    const opener = await addContact(w.s, w.ada.accountId, 'opener@client.test', 'custom', ['support:write']);
    await addContact(w.s, w.ada.accountId, 'payer@client.test', 'custom', ['billing:read']);
    const t = await openTicket(
      w.s,
      { headers: bearer(opener.token) },
      { departmentId: w.departments.general },
    );
    await clearMail();
    await staffReply(w.s, w.agent.headers, t.id, {
      message: 'We **fixed** it.\n\nPlease check <b>again</b>.',
    });
    await w.s.app.portico.outbox.deliverDue();
    const to = w.s.mail.sent.map((m) => m.to).sort();
    assert.deepEqual(to, ['ada@client.test', 'opener@client.test', 'reader@client.test']);
    const mail = w.s.mail.sent.find((m) => m.to === 'reader@client.test')!;
    assert.equal(mail.subject, `[#${t.reference}] Mail bounces`);
    assert.match(mail.text, /Test support replied to ticket #/);
    assert.match(mail.text, /We fixed it\./);
    assert.match(mail.text, /Please check <b>again<\/b>\./, 'the text as written, Markdown removed');
    assert.match(mail.html, /Please check &lt;b&gt;again&lt;\/b&gt;/, 'escaped in the HTML');
    assert.match(mail.text, new RegExp(`${w.s.app.portico.config.publicUrl}/#ticket/${t.id}`));
  });

  test('an internal note mails nobody', async () => {
    const t = await openTicket(w.s, w.ada, { departmentId: w.departments.general });
    await clearMail();
    await staffNote(w.s, w.agent.headers, t.id, { message: 'SECRET internal' });
    await w.s.app.portico.outbox.deliverDue();
    assert.deepEqual(w.s.mail.sent, []);
    const queued = await w.s.app.portico.db.selectFrom('outbox').select('text').execute();
    assert.ok(queued.every((m) => !m.text.includes('SECRET internal')));
  });

  test('mails follow the reader’s language', async () => {
    await w.s.app.portico.db
      .updateTable('users')
      .set({ locale: 'es' })
      .where('email', '=', 'bob@client.test')
      .execute();
    const t = await openTicket(w.s, w.bob, { departmentId: w.departments.general, subject: 'Ayuda' });
    const [ack] = await w.s.mailsTo('bob@client.test');
    assert.equal(ack!.subject, `[#${t.reference}] Ayuda`);
    assert.match(ack!.text, /Hemos recibido tu ticket/);
  });
});

describe('the support job', () => {
  let w: SupportWorld;
  before(async () => {
    w = await startSupport();
  });
  after(() => w.s.close());
  // The fake clock runs days ahead here: each test starts with sessions that have not expired.
  beforeEach(async () => {
    for (const client of [w.ada, w.bob]) {
      client.headers = bearer((await insertSession(w.s, client.userId, client.accountId)).token);
    }
  });

  test('tickets left answered for autoCloseDays close, by the system, with an audit entry; others stay', async () => {
    const autoClose = w.s.app.portico.settings.current.support.autoCloseDays;
    assert.equal(autoClose, 7);
    const idle = await openTicket(w.s, w.ada, { departmentId: w.departments.general, subject: 'Idle' });
    const waiting = await openTicket(w.s, w.ada, { departmentId: w.departments.general, subject: 'Waiting' });
    const busy = await openTicket(w.s, w.ada, { departmentId: w.departments.general, subject: 'Busy' });
    await staffReply(w.s, w.agent.headers, idle.id, { message: 'Done?' });
    await staffReply(w.s, w.agent.headers, busy.id, { message: 'Done?' });
    w.s.clock.advance(6 * DAY);
    const agent = await staffSession(w.s, 'support');
    const ada = bearer((await insertSession(w.s, w.ada.userId, w.ada.accountId)).token);
    ok(
      await w.s.request('POST', `${API}/tickets/${busy.id}/replies`, {
        headers: ada,
        body: { message: 'No' },
      }),
      201,
    );
    await staffReply(w.s, agent.headers, busy.id, { message: 'Now?' });
    w.s.clock.advance(DAY - 1000);
    assert.deepEqual(await w.s.app.portico.support.runJob(), { ticketsAutoClosed: 0, uploadsExpired: 0 });
    w.s.clock.advance(1000);
    assert.deepEqual(await w.s.app.portico.support.runJob(), { ticketsAutoClosed: 1, uploadsExpired: 0 });
    const get = async (id: string) => ok(await w.s.request('GET', `${API}/tickets/${id}`, { headers: ada }));
    const closed = await get(idle.id);
    assert.equal(closed.status, 'closed');
    assert.equal(closed.closedAt, w.s.clock.now().toISOString());
    assert.equal(closed.messages.length, 2, 'closing adds no message');
    assert.equal((await get(waiting.id)).status, 'open', 'a ticket waiting for staff never closes itself');
    assert.equal((await get(busy.id)).status, 'answered', 'its last answer is only a day old');
    const audit = await w.s.app.portico.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'support.ticket_auto_closed')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_type, 'system');
    assert.equal(audit[0]!.target_id, idle.id);
    assert.equal(audit[0]!.account_id, w.ada.accountId);
    assert.deepEqual(await w.s.app.portico.support.runJob(), { ticketsAutoClosed: 0, uploadsExpired: 0 });
  });

  test('autoCloseDays null never closes', async () => {
    const admin = await staffSession(w.s, 'admin');
    ok(
      await w.s.request('PATCH', `${ADMIN}/settings`, {
        headers: admin.headers,
        body: { autoCloseDays: null },
      }),
    );
    const t = await openTicket(w.s, w.bob, { departmentId: w.departments.general });
    await staffReply(w.s, admin.headers, t.id, { message: 'Answer' });
    w.s.clock.advance(400 * DAY);
    const result = await w.s.app.portico.support.runJob();
    assert.equal(result.ticketsAutoClosed, 0);
    const row = await w.s.app.portico.db
      .selectFrom('tickets')
      .select('status')
      .where('id', '=', t.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'answered');
  });

  test('uploads no message took are deleted, bytes and all, 24 hours after upload; sent ones stay', async () => {
    const loose = await upload(w.s, w.bob, 'loose.txt');
    const sent = await upload(w.s, w.bob, 'sent.txt');
    await openTicket(w.s, w.bob, { departmentId: w.departments.general, attachments: [sent.id] });
    const { db } = w.s.app.portico;
    w.s.clock.advance(DAY - 1000);
    assert.equal((await w.s.app.portico.support.runJob()).uploadsExpired, 0);
    w.s.clock.advance(1000);
    assert.equal((await w.s.app.portico.support.runJob()).uploadsExpired, 1);
    const left = await db
      .selectFrom('ticket_attachments')
      .select('id')
      .where('id', 'in', [loose.id, sent.id])
      .execute();
    assert.deepEqual(
      left.map((r) => r.id),
      [sent.id],
    );
    const bytes = await db.selectFrom('ticket_attachment_data').select('attachment_id').execute();
    assert.ok(!bytes.some((b) => b.attachment_id === loose.id), 'the bytes went with the row');
    // An expired upload can no longer be sent.
    const late = await upload(w.s, w.bob, 'late.txt');
    w.s.clock.advance(DAY + 1);
    const r = await w.s.request('POST', `${API}/tickets`, {
      headers: bearer((await insertSession(w.s, w.bob.userId, w.bob.accountId)).token),
      body: { departmentId: w.departments.general, subject: 'S', message: 'M', attachments: [late.id] },
    });
    assert.equal(r.status, 422);
    assert.equal(r.body.code, 'ATTACHMENT_UNAVAILABLE');
  });

  test('the job is registered with the runner, hourly', () => {
    const { jobs } = w.s.app.portico.jobs as unknown as { jobs: Array<{ name: string; everyMs: number }> };
    assert.equal(jobs.find((j) => j.name === 'support')?.everyMs, 3_600_000);
  });

  test('a reference clash is retried with another reference', async () => {
    const { db, deps } = w.s.app.portico;
    const existing = await db
      .selectFrom('tickets')
      .select(['reference', 'account_id', 'department_id'])
      .executeTakeFirstOrThrow();
    const refs = [existing.reference, existing.reference, 'ZZZZ-0001'];
    const now = deps.clock.now().toISOString();
    const row = await db.transaction().execute((trx) =>
      new SupportStore(trx).insertTicket(
        {
          id: deps.ids('tkt'),
          account_id: existing.account_id,
          department_id: existing.department_id,
          subject: 'Clash',
          status: 'open',
          priority: 'low',
          opened_by_user_id: null,
          opened_by_staff_id: null,
          opened_by_name: 'x',
          assignee_staff_id: null,
          last_reply_by: 'client',
          last_reply_at: now,
          message_count: 0,
          created_at: now,
          updated_at: now,
          closed_at: null,
        },
        () => refs.shift()!,
      ),
    );
    assert.equal(row.reference, 'ZZZZ-0001');
  });
});
