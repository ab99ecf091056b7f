import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { staffSession, startServer, type TestServer } from './helpers.js';
import {
  DAY,
  insertService,
  issueInvoice,
  newClient,
  renewalLines,
  serviceRow,
  setBilling,
  settleInvoice,
  subjectsTo,
} from './services-helpers.js';

const NOTHING = {
  renewals: 0,
  freeRenewals: 0,
  reminders: 0,
  overdue: 0,
  overdueReminders: 0,
  suspended: 0,
  cancelled: 0,
};

const at = (s: TestServer, days: number) => new Date(s.clock.now().getTime() + days * DAY).toISOString();
const run = (s: TestServer) => s.app.portico.services.runJob();
const sum = (runs: Array<Record<string, number>>, key: string) => runs.reduce((n, r) => n + (r[key] ?? 0), 0);

describe('the renewal job', () => {
  test('issues exactly one renewal invoice per service per period, however often it runs', async () => {
    const s = await startServer();
    try {
      const ada = await newClient(s, 'ada@renewals.test');
      const service = await insertService(s, ada.accountId, { amount: 1500, nextDueAt: at(s, 10) });
      const runs = [];
      for (let i = 0; i < 5; i++) runs.push(await run(s));
      assert.equal(sum(runs, 'renewals'), 1);
      assert.deepEqual(runs[1], NOTHING, 'a second pass at the same time does nothing');
      let lines = await renewalLines(s, service.id);
      assert.equal(lines.length, 1);
      assert.deepEqual(lines[0], {
        invoice_id: lines[0]!.invoice_id,
        status: 'unpaid',
        due_at: service.next_due_at,
        total: 1500,
        period_start: service.next_due_at,
        period_end: '2026-04-12T09:00:00.000Z',
      });
      const issued = (await subjectsTo(s, ada.email)).filter((x) => x.startsWith('Invoice INV-'));
      assert.equal(issued.length, 1, 'one invoice-issued mail');

      // Paid: the next period is billed once its lead time comes, and only once.
      await settleInvoice(s, lines[0]!.invoice_id, 'paid');
      assert.equal((await serviceRow(s, service.id)).next_due_at, '2026-04-12T09:00:00.000Z');
      s.clock.advance(31 * DAY);
      const later = [];
      for (let i = 0; i < 5; i++) later.push(await run(s));
      assert.equal(sum(later, 'renewals'), 1);
      lines = await renewalLines(s, service.id);
      assert.deepEqual(
        lines.map((l) => [l.period_start, l.period_end]),
        [
          ['2026-03-12T09:00:00.000Z', '2026-04-12T09:00:00.000Z'],
          ['2026-04-12T09:00:00.000Z', '2026-05-12T09:00:00.000Z'],
        ],
      );
    } finally {
      await s.close();
    }
  });

  test('passes running at once still issue one invoice per period', async () => {
    const s = await startServer();
    try {
      const ada = await newClient(s, 'ada@concurrent.test');
      const services = await Promise.all(
        [3, 5, 7].map((d) => insertService(s, ada.accountId, { nextDueAt: at(s, d) })),
      );
      const runs = await Promise.all(Array.from({ length: 5 }, () => run(s)));
      assert.equal(sum(runs, 'renewals'), 3);
      for (const service of services) assert.equal((await renewalLines(s, service.id)).length, 1);
      const numbers = await s.app.portico.db.selectFrom('invoices').select('number').execute();
      assert.equal(new Set(numbers.map((n) => n.number)).size, numbers.length, 'no number used twice');
      // Unpaid, a period is never billed twice: a month on, the same invoice is overdue and no other is issued.
      s.clock.advance(31 * DAY);
      await Promise.all(Array.from({ length: 5 }, () => run(s)));
      for (const service of services) {
        const lines = await renewalLines(s, service.id);
        assert.deepEqual(
          lines.map((l) => l.status),
          ['overdue'],
        );
      }
    } finally {
      await s.close();
    }
  });

  test('skips one-time, pending, cancelled and far-off services; a late renewal is due after the terms', async () => {
    const s = await startServer();
    try {
      const ada = await newClient(s, 'ada@skips.test');
      const skipped = [
        await insertService(s, ada.accountId, { cycle: 'one_time', nextDueAt: at(s, 1) }),
        await insertService(s, ada.accountId, { status: 'pending', nextDueAt: at(s, 1) }),
        await insertService(s, ada.accountId, { status: 'cancelled', nextDueAt: at(s, 1) }),
        await insertService(s, ada.accountId, { nextDueAt: at(s, 15) }),
      ];
      const late = await insertService(s, ada.accountId, { nextDueAt: at(s, -2) });
      const suspended = await insertService(s, ada.accountId, { status: 'suspended', nextDueAt: at(s, 5) });
      const result = await run(s);
      assert.equal(result.renewals, 2);
      for (const service of skipped) assert.equal((await renewalLines(s, service.id)).length, 0);
      assert.equal((await renewalLines(s, suspended.id)).length, 1);
      const [lateLine] = await renewalLines(s, late.id);
      assert.equal(lateLine?.period_start, late.next_due_at);
      assert.equal(lateLine?.due_at, at(s, 14), 'due after the payment terms, not in the past');
    } finally {
      await s.close();
    }
  });

  test('a free service moves to its next period when it comes, with no invoice', async () => {
    const s = await startServer();
    try {
      const ada = await newClient(s, 'ada@free.test');
      const free = await insertService(s, ada.accountId, { amount: 0, nextDueAt: at(s, 3) });
      assert.equal((await run(s)).freeRenewals, 0);
      s.clock.advance(3 * DAY);
      const runs = [await run(s), await run(s)];
      assert.equal(sum(runs, 'freeRenewals'), 1);
      assert.equal((await serviceRow(s, free.id)).next_due_at, '2026-04-05T09:00:00.000Z');
      assert.equal((await renewalLines(s, free.id)).length, 0);
    } finally {
      await s.close();
    }
  });

  test('reminders, overdue, suspension; paying lifts an overdue suspension but never a staff one', async () => {
    const s = await startServer();
    try {
      await setBilling(s, { suspendAfterDays: 3, reminderDays: [7, 1], overdueReminderDays: [1, 7] });
      const ada = await newClient(s, 'ada@overdue.test');
      const service = await insertService(s, ada.accountId, { label: 'ada.example', nextDueAt: at(s, 14) });
      assert.equal((await run(s)).renewals, 1);
      const [line] = await renewalLines(s, service.id);
      assert.ok(line);

      s.clock.advance(7 * DAY);
      assert.deepEqual(await run(s), { ...NOTHING, reminders: 1 });
      assert.deepEqual(await run(s), NOTHING);
      s.clock.advance(6 * DAY);
      assert.deepEqual(await run(s), { ...NOTHING, reminders: 1 });
      s.clock.advance(DAY + 60_000);
      assert.deepEqual(await run(s), { ...NOTHING, overdue: 1 });
      s.clock.advance(DAY);
      assert.deepEqual(await run(s), { ...NOTHING, overdueReminders: 1 });

      // A staff-suspended service with its own overdue invoice: the job leaves it, and payment does not lift it.
      const held = await insertService(s, ada.accountId, { status: 'suspended', nextDueAt: at(s, 30) });
      const heldInvoice = await issueInvoice(
        s,
        ada.accountId,
        [
          {
            kind: 'custom',
            description: 'Migration work',
            quantity: 1,
            unitAmount: 5000,
            taxable: true,
            serviceId: held.id,
          },
        ],
        { dueAt: at(s, -10) },
      );

      s.clock.advance(3 * DAY);
      const suspending = await run(s);
      assert.equal(suspending.suspended, 1);
      assert.equal(suspending.overdue, 1, 'the custom invoice');
      assert.deepEqual(await run(s), NOTHING);
      let row = await serviceRow(s, service.id);
      assert.equal(row.status, 'suspended');
      assert.equal(row.suspended_by, 'overdue');
      assert.match(row.suspend_reason ?? '', /^Invoice INV-\d+ is overdue\.$/);

      const subjects = await subjectsTo(s, ada.email);
      const about = (text: string) => subjects.filter((x) => x.includes(text)).length;
      assert.equal(about('is due soon'), 2);
      assert.equal(about('is overdue'), 2, 'one for each overdue invoice');
      assert.equal(about('ada.example) is suspended'), 1);

      await settleInvoice(s, line.invoice_id, 'paid');
      row = await serviceRow(s, service.id);
      assert.equal(row.status, 'active');
      assert.equal(row.suspended_by, null);
      assert.equal(row.next_due_at, line.period_end);
      assert.ok((await subjectsTo(s, ada.email)).includes('Web hosting (ada.example) is active again'));

      await settleInvoice(s, heldInvoice.id, 'paid');
      assert.equal((await serviceRow(s, held.id)).status, 'suspended');
      assert.equal((await serviceRow(s, held.id)).suspended_by, 'staff');
    } finally {
      await s.close();
    }
  });

  test('an overdue suspension stays while another invoice of the service is overdue', async () => {
    const s = await startServer();
    try {
      await setBilling(s, { suspendAfterDays: 0 });
      const ada = await newClient(s, 'ada@two-overdue.test');
      const service = await insertService(s, ada.accountId, { nextDueAt: at(s, 60) });
      const bill = (days: number) =>
        issueInvoice(
          s,
          ada.accountId,
          [
            {
              kind: 'custom',
              description: 'Extra',
              quantity: 1,
              unitAmount: 100,
              taxable: false,
              serviceId: service.id,
            },
          ],
          { dueAt: at(s, days) },
        );
      const one = await bill(-3);
      const two = await bill(-2);
      assert.equal((await run(s)).suspended, 1);
      await settleInvoice(s, one.id, 'paid');
      assert.equal((await serviceRow(s, service.id)).status, 'suspended');
      await settleInvoice(s, two.id, 'paid');
      assert.equal((await serviceRow(s, service.id)).status, 'active');
    } finally {
      await s.close();
    }
  });

  test('an approved end-of-period cancellation stops renewals and ends the service at its period end', async () => {
    const s = await startServer();
    try {
      const ada = await newClient(s, 'ada@end-of-period.test');
      const billing = await staffSession(s, 'billing');
      const service = await insertService(s, ada.accountId, { nextDueAt: at(s, 20) });
      const pendingOnly = await insertService(s, ada.accountId, { nextDueAt: at(s, 20) });
      for (const [id, type] of [
        [service.id, 'end_of_period'],
        [pendingOnly.id, 'immediate'],
      ] as const) {
        const asked = await s.request('POST', `/api/v1/services/${id}/cancellation`, {
          headers: ada.headers,
          body: { type, reason: 'No longer needed' },
        });
        assert.equal(asked.status, 201, asked.text);
        if (id === service.id) {
          const approved = await s.request(
            'POST',
            `/api/admin/v1/cancellations/${asked.body.cancellation.id}/approve`,
            { headers: billing.headers },
          );
          assert.equal(approved.status, 200, approved.text);
          assert.equal(approved.body.effectiveAt, service.next_due_at);
        }
      }
      s.clock.advance(10 * DAY);
      assert.deepEqual(await run(s), NOTHING, 'no renewal while a request is open');
      s.clock.advance(10 * DAY - 60_000);
      assert.deepEqual(await run(s), NOTHING, 'not before its time');
      s.clock.advance(60_000);
      assert.equal((await run(s)).cancelled, 1);
      assert.deepEqual(await run(s), NOTHING);
      const row = await serviceRow(s, service.id);
      assert.equal(row.status, 'cancelled');
      assert.equal(row.cancelled_at, service.next_due_at);
      assert.equal(row.next_due_at, null);
      assert.equal((await renewalLines(s, service.id)).length, 0);
      assert.equal((await serviceRow(s, pendingOnly.id)).status, 'active');
      assert.ok((await subjectsTo(s, ada.email)).includes('Web hosting is cancelled'));
      const audit = await s.app.portico.db
        .selectFrom('audit_log')
        .select(['action', 'actor_type'])
        .where('target_id', '=', service.id)
        .where('action', '=', 'service.cancelled')
        .execute();
      assert.deepEqual(audit, [{ action: 'service.cancelled', actor_type: 'system' }]);
    } finally {
      await s.close();
    }
  });
});
