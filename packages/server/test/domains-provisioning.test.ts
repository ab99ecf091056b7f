import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LOCAL_DEFAULT_NAMESERVERS } from '../src/modules/domains/local-registrar.js';
import { DomainTasks, MAX_TASK_ATTEMPTS } from '../src/modules/domains/tasks.js';
import { RegistrarError } from '../src/modules/domains/registrar.js';
import { invoiceOf, ok, pay, staffHeaders } from './billing-helpers.js';
import { domainRow } from './domains-helpers.js';
import {
  auditOf,
  localRegistrar,
  NAMESERVERS,
  payAndProvision,
  placeDomainOrder,
  type SlowRegistrar,
  startDomainShop,
  tasksOf,
} from './domains-lifecycle-helpers.js';

const MINUTE = 60_000;
const ADMIN = '/api/admin/v1';

describe('paying for a domain', () => {
  test('the test gateway pays, the local registrar registers, the client is told and sees it', async () => {
    const { s, client: ada } = await startDomainShop('ada@example.com');
    try {
      const { order, invoice } = await placeDomainOrder(s, ada, [
        { domain: 'first-light.com', action: 'register', years: 2 },
      ]);
      const domainId = order.domains[0].domainId;
      await payAndProvision(s, ada, invoice.id);
      assert.equal((await invoiceOf(s, ada, invoice.id)).status, 'paid');
      const row = await domainRow(s, domainId);
      assert.equal(row.status, 'active');
      assert.equal(row.registered_at, '2026-03-02T09:00:00.000Z');
      assert.equal(row.expires_at, '2028-03-02T09:00:00.000Z');
      assert.deepEqual(JSON.parse(row.nameservers), NAMESERVERS);
      assert.equal(row.last_error, null);
      const [task] = await tasksOf(s, domainId);
      assert.deepEqual([task?.kind, task?.status, task?.attempts, task?.years], ['register', 'done', 1, 2]);
      // The registry has it as ours.
      const sync = await localRegistrar(s).sync('first-light.com');
      assert.equal(sync.expiresAt, '2028-03-02T09:00:00.000Z');
      // My Domains and the order show it.
      const mine = ok(await s.request('GET', `/api/v1/domains/${domainId}`, { headers: ada.headers }));
      assert.equal(mine.status, 'active');
      assert.equal(mine.invoiceId, invoice.id);
      const viewed = ok(await s.request('GET', `/api/v1/orders/${order.id}`, { headers: ada.headers }));
      assert.equal(viewed.status, 'active');
      assert.equal(viewed.domains[0].domainId, domainId);
      const mails = await s.mailsTo(ada.email);
      assert.ok(
        mails.some((m) => m.subject === 'first-light.com is registered'),
        mails.map((m) => m.subject).join(),
      );
      assert.deepEqual(await auditOf(s, domainId), ['domain.registered']);
    } finally {
      await s.close();
    }
  });

  test('with no default name servers set yet, a registration takes the registrar’s own', async () => {
    const { s, client: ada } = await startDomainShop('ada@example.com');
    try {
      await s.app.portico.settings.update({
        domains: { defaultNameservers: [], renewalLeadDays: 30, privacyByDefault: true },
      });
      const { order, invoice } = await placeDomainOrder(s, ada, [
        { domain: 'no-servers-yet.com', action: 'register' },
      ]);
      const domainId = order.domains[0].domainId;
      assert.deepEqual(JSON.parse((await domainRow(s, domainId)).nameservers), []);
      await payAndProvision(s, ada, invoice.id);
      const mine = ok(await s.request('GET', `/api/v1/domains/${domainId}`, { headers: ada.headers }));
      assert.equal(mine.status, 'active');
      assert.deepEqual(mine.nameservers, LOCAL_DEFAULT_NAMESERVERS);
    } finally {
      await s.close();
    }
  });

  test('a transfer brings the name in with its EPP code, and the code is then forgotten', async () => {
    const { s, client: ada } = await startDomainShop('ada@example.com');
    try {
      await localRegistrar(s).holdElsewhere('moving-in.net', {
        eppCode: 'Move-Me-42',
        locked: false,
        expiresAt: '2026-09-01T00:00:00.000Z',
      });
      const { order, invoice } = await placeDomainOrder(s, ada, [
        { domain: 'moving-in.net', action: 'transfer', eppCode: 'Move-Me-42' },
      ]);
      await payAndProvision(s, ada, invoice.id);
      const row = await domainRow(s, order.domains[0].domainId);
      assert.equal(row.status, 'active');
      assert.equal(row.expires_at, '2027-09-01T00:00:00.000Z');
      assert.equal(row.epp_code_sealed, null);
      const subjects = (await s.mailsTo(ada.email)).map((m) => m.subject);
      assert.ok(subjects.includes('moving-in.net was transferred to us'), subjects.join());
    } finally {
      await s.close();
    }
  });

  test('a registrar failure after payment is visible to staff and retryable; the client is told once', async () => {
    const { s, client: ada, scripted } = await startDomainShop('ada@example.com');
    try {
      const { order, invoice } = await placeDomainOrder(s, ada, [
        { domain: 'stuck-name.test', action: 'register' },
      ]);
      const domainId = order.domains[0].domainId;
      scripted.failWith = new RegistrarError('Registry says no (2302)', { permanent: true, code: 'refused' });
      await payAndProvision(s, ada, invoice.id);
      // The money is in; the domain is failed, not lost.
      assert.equal((await invoiceOf(s, ada, invoice.id)).status, 'paid');
      const row = await domainRow(s, domainId);
      assert.equal(row.status, 'failed');
      assert.match(row.last_error ?? '', /Registry says no/);
      assert.deepEqual(
        scripted.calls.filter((c) => c.startsWith('register')),
        ['register stuck-name.test'],
      );
      const client = ok(await s.request('GET', `/api/v1/domains/${domainId}`, { headers: ada.headers }));
      assert.equal(client.status, 'failed');
      assert.equal('lastError' in client, false);
      const support = await staffHeaders(s, 'support');
      const seen = ok(await s.request('GET', `${ADMIN}/domains/${domainId}`, { headers: support }));
      assert.equal(seen.status, 'failed');
      assert.match(seen.lastError, /refused: Registry says no/);
      assert.equal(seen.tasks[0].status, 'failed');
      assert.equal(seen.tasks[0].attempts, 1);
      assert.match(seen.tasks[0].lastError, /Registry says no/);
      assert.equal(seen.tasks[0].invoiceId, invoice.id);
      const failedMails = (await s.mailsTo(ada.email)).filter(
        (m) => m.subject === 'We are working on stuck-name.test',
      );
      assert.equal(failedMails.length, 1);
      assert.match(failedMails[0]!.text, /on it/);
      // Support may look but not retry.
      const refused = await s.request('POST', `${ADMIN}/domains/${domainId}/retry`, { headers: support });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'ROLE_NOT_ALLOWED');
      // A retry that fails again keeps it failed and mails nobody again.
      const billing = await staffHeaders(s, 'billing');
      const again = ok(await s.request('POST', `${ADMIN}/domains/${domainId}/retry`, { headers: billing }));
      assert.equal(again.status, 'failed');
      assert.equal(again.tasks[0].attempts, 2);
      assert.equal(
        (await s.mailsTo(ada.email)).filter((m) => m.subject === 'We are working on stuck-name.test').length,
        1,
      );
      // The registrar works again: a retry registers it, at once.
      scripted.failWith = null;
      const fixed = ok(await s.request('POST', `${ADMIN}/domains/${domainId}/retry`, { headers: billing }));
      assert.equal(fixed.status, 'active');
      assert.equal(fixed.lastError, null);
      assert.equal(fixed.tasks[0].status, 'done');
      assert.equal(fixed.tasks[0].attempts, 3);
      assert.equal(fixed.expiresAt, '2027-03-02T09:00:00.000Z');
      assert.deepEqual(
        scripted.calls.filter((c) => c.startsWith('register')),
        ['register stuck-name.test', 'register stuck-name.test', 'register stuck-name.test'],
      );
      assert.ok((await s.mailsTo(ada.email)).some((m) => m.subject === 'stuck-name.test is registered'));
      assert.deepEqual(await auditOf(s, domainId), [
        'domain.task_failed',
        'domain.retried',
        'domain.task_failed',
        'domain.retried',
        'domain.registered',
      ]);
      // Nothing failed any more: a retry is a conflict.
      const nothing = await s.request('POST', `${ADMIN}/domains/${domainId}/retry`, { headers: billing });
      assert.equal(nothing.status, 409);
      assert.equal(nothing.body.code, 'CONFLICT');
      const missing = await s.request('POST', `${ADMIN}/domains/dom_missing/retry`, { headers: billing });
      assert.equal(missing.status, 404);
    } finally {
      await s.close();
    }
  });

  test('a transient failure is retried after 1 and 5 minutes on the fake clock, then fails for staff', async () => {
    const { s, client: ada, scripted } = await startDomainShop('ada@example.com');
    try {
      const { tasks } = s.app.portico.domains;
      const { order, invoice } = await placeDomainOrder(s, ada, [
        { domain: 'flaky-link.test', action: 'register' },
      ]);
      const domainId = order.domains[0].domainId;
      scripted.failWith = new RegistrarError('Registry unreachable', { permanent: false });
      await payAndProvision(s, ada, invoice.id);
      let [task] = await tasksOf(s, domainId);
      assert.deepEqual([task?.status, task?.attempts], ['queued', 1]);
      assert.equal(task?.run_after, new Date(s.clock.now().getTime() + MINUTE).toISOString());
      assert.equal((await domainRow(s, domainId)).status, 'provisioning');
      // Not due yet: nothing is asked.
      assert.deepEqual(await tasks.run(), { done: 0, retrying: 0, failed: 0 });
      s.clock.advance(MINUTE);
      assert.deepEqual(await tasks.run(), { done: 0, retrying: 1, failed: 0 });
      [task] = await tasksOf(s, domainId);
      assert.equal(task?.run_after, new Date(s.clock.now().getTime() + 5 * MINUTE).toISOString());
      s.clock.advance(5 * MINUTE - 1);
      assert.deepEqual(await tasks.run(), { done: 0, retrying: 0, failed: 0 });
      s.clock.advance(1);
      assert.deepEqual(await tasks.run(), { done: 0, retrying: 0, failed: 1 });
      [task] = await tasksOf(s, domainId);
      assert.deepEqual([task?.status, task?.attempts], ['failed', MAX_TASK_ATTEMPTS]);
      assert.equal((await domainRow(s, domainId)).status, 'failed');
      assert.equal(scripted.calls.filter((c) => c.startsWith('register')).length, MAX_TASK_ATTEMPTS);
    } finally {
      await s.close();
    }
  });

  test('a transient failure that clears registers on the next attempt', async () => {
    const { s, client: ada, scripted } = await startDomainShop('ada@example.com');
    try {
      const { order, invoice } = await placeDomainOrder(s, ada, [
        { domain: 'second-try.test', action: 'register' },
      ]);
      scripted.failWith = new RegistrarError('busy', { permanent: false });
      await payAndProvision(s, ada, invoice.id);
      scripted.failWith = null;
      s.clock.advance(MINUTE);
      // The job's pass (tasks, then renewals) picks it up.
      const pass = await s.app.portico.domains.runJob();
      assert.equal(pass.done, 1);
      assert.equal((await domainRow(s, order.domains[0].domainId)).status, 'active');
      const subjects = (await s.mailsTo(ada.email)).map((m) => m.subject);
      assert.ok(!subjects.includes('We are working on second-try.test'), subjects.join());
    } finally {
      await s.close();
    }
  });

  test('a hung registrar times out as a transient failure, with the reason for staff', async () => {
    const { s, client: ada, scripted } = await startDomainShop('ada@example.com');
    try {
      const { order } = await placeDomainOrder(s, ada, [{ domain: 'hung-up.test', action: 'register' }]);
      const domainId = order.domains[0].domainId;
      const { db, deps, domains } = s.app.portico;
      const now = s.clock.now().toISOString();
      // As the paid hook leaves it (the app's own runner, with its 60 s deadline, is not kicked).
      await db.updateTable('domains').set({ status: 'provisioning' }).where('id', '=', domainId).execute();
      await db
        .insertInto('domain_tasks')
        .values({
          id: deps.ids('dtask'),
          domain_id: domainId,
          invoice_id: null,
          kind: 'register',
          years: 1,
          status: 'queued',
          attempts: 0,
          last_error: null,
          run_after: now,
          lease_until: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      scripted.hang = true;
      const { audit, config } = s.app.portico;
      const tasks = new DomainTasks({
        db,
        clock: s.clock,
        logger: deps.logger,
        audit,
        config,
        registrars: domains.registrars,
        mailer: domains.mailer,
        deadlineMs: 50,
      });
      const started = Date.now();
      assert.deepEqual(await tasks.run(), { done: 0, retrying: 1, failed: 0 });
      assert.ok(Date.now() - started < 5_000);
      const [task] = await tasksOf(s, domainId);
      assert.deepEqual([task?.status, task?.attempts], ['queued', 1]);
      assert.match(task?.last_error ?? '', /^timeout:/);
      assert.equal((await domainRow(s, domainId)).status, 'provisioning');
    } finally {
      await s.close();
    }
  });

  test('two runners at once register a paid domain exactly once', async () => {
    const { s, client: ada, scripted } = await startDomainShop('ada@example.com');
    try {
      (scripted as SlowRegistrar).delayMs = 30;
      const orders = [];
      for (const name of ['parallel-one.test', 'parallel-two.test', 'parallel-three.test']) {
        orders.push(await placeDomainOrder(s, ada, [{ domain: name, action: 'register' }]));
      }
      // Mark them paid without the kick, as if another process had taken the payment.
      const deps = s.app.portico;
      const other = new DomainTasks({
        db: deps.db,
        clock: s.clock,
        logger: deps.deps.logger,
        audit: deps.audit,
        config: deps.config,
        registrars: deps.domains.registrars,
        mailer: deps.domains.mailer,
      });
      for (const { invoice } of orders) ok(await pay(s, ada, invoice.id), 201);
      await Promise.all([deps.domains.tasks.run(), other.run(), deps.domains.tasks.run(), other.run()]);
      await deps.domains.tasks.idle();
      const registers = scripted.calls.filter((c) => c.startsWith('register'));
      assert.deepEqual([...registers].sort(), [
        'register parallel-one.test',
        'register parallel-three.test',
        'register parallel-two.test',
      ]);
      for (const { order } of orders) {
        assert.equal((await domainRow(s, order.domains[0].domainId)).status, 'active');
        const tasks = await tasksOf(s, order.domains[0].domainId);
        assert.deepEqual(
          tasks.map((t) => [t.status, t.attempts]),
          [['done', 1]],
        );
      }
    } finally {
      await s.close();
    }
  });

  test('a runner that died mid-call leaves the task to be claimed again once its lease lapses', async () => {
    const { s, client: ada, scripted } = await startDomainShop('ada@example.com');
    try {
      const { order, invoice } = await placeDomainOrder(s, ada, [
        { domain: 'lease-lapse.test', action: 'register' },
      ]);
      scripted.failWith = new RegistrarError('busy', { permanent: false });
      await payAndProvision(s, ada, invoice.id);
      const domainId = order.domains[0].domainId;
      // Simulate a claim whose process died: running, lease in the future.
      await s.app.portico.db
        .updateTable('domain_tasks')
        .set({ status: 'running', lease_until: new Date(s.clock.now().getTime() + 5 * MINUTE).toISOString() })
        .where('domain_id', '=', domainId)
        .execute();
      scripted.failWith = null;
      s.clock.advance(MINUTE);
      assert.equal((await s.app.portico.domains.tasks.run()).done, 0);
      s.clock.advance(4 * MINUTE);
      assert.equal((await s.app.portico.domains.tasks.run()).done, 1);
      assert.equal((await domainRow(s, domainId)).status, 'active');
    } finally {
      await s.close();
    }
  });
});

describe('unpaid and refunded domain orders', () => {
  test('cancelling the unpaid invoice cancels the domain; nothing is asked of the registrar', async () => {
    const { s, client: ada, scripted } = await startDomainShop('ada@example.com');
    try {
      const { order, invoice } = await placeDomainOrder(s, ada, [
        { domain: 'never-paid.test', action: 'register' },
      ]);
      const staff = await staffHeaders(s, 'billing');
      ok(await s.request('POST', `${ADMIN}/invoices/${invoice.id}/cancel`, { headers: staff }));
      await s.app.portico.domains.tasks.idle();
      assert.equal((await domainRow(s, order.domains[0].domainId)).status, 'cancelled');
      assert.deepEqual(await tasksOf(s, order.domains[0].domainId), []);
      assert.deepEqual(
        scripted.calls.filter((c) => !c.startsWith('check')),
        [],
      );
    } finally {
      await s.close();
    }
  });

  test('a refund before the registrar was asked cancels the domain and its task never runs', async () => {
    const { s, client: ada, scripted } = await startDomainShop('ada@example.com');
    try {
      const { order, invoice } = await placeDomainOrder(s, ada, [
        { domain: 'refund-me.test', action: 'register' },
      ]);
      scripted.failWith = new RegistrarError('busy', { permanent: false });
      await payAndProvision(s, ada, invoice.id);
      const staff = await staffHeaders(s, 'billing');
      const refunded = await s.request('POST', `${ADMIN}/invoices/${invoice.id}/refund`, {
        headers: { ...staff, 'idempotency-key': crypto.randomUUID() },
        body: {},
      });
      assert.equal(refunded.status, 200, refunded.text);
      scripted.failWith = null;
      s.clock.advance(60 * MINUTE);
      await s.app.portico.domains.tasks.run();
      const domainId = order.domains[0].domainId;
      assert.equal((await domainRow(s, domainId)).status, 'cancelled');
      const [task] = await tasksOf(s, domainId);
      assert.equal(task?.status, 'failed');
      assert.match(task?.last_error ?? '', /refunded/);
      assert.equal(scripted.calls.filter((c) => c.startsWith('register')).length, 1);
      const retry = await s.request('POST', `${ADMIN}/domains/${domainId}/retry`, {
        headers: await staffHeaders(s, 'billing'),
      });
      assert.equal(retry.status, 409);
      assert.equal(retry.body.code, 'CONFLICT');
    } finally {
      await s.close();
    }
  });
});
