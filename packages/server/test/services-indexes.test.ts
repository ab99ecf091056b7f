import { describe, test } from 'node:test';
import type { Auth } from '../src/http/auth.js';
import { startServer } from './helpers.js';
import { assertOnePlan, selectsDuring } from './query-plans.js';

const cursor = Buffer.from(JSON.stringify({ c: '2026-03-02T09:00:00.000Z', i: 'svc_x' })).toString(
  'base64url',
);

describe('services queries', () => {
  test('lists and the job’s due query use their indexes and no temporary B-tree', async () => {
    const s = await startServer();
    try {
      const { service, job } = s.app.portico.services;
      const auth = {
        accountId: 'acct_x',
        userId: 'usr_x',
        permissions: ['services:read'],
      } as unknown as Auth;
      const cases: Array<{ what: string; run: () => Promise<unknown>; index: RegExp; from: RegExp }> = [
        {
          what: 'client list',
          run: () => service.list(auth, { limit: 10 }),
          index: /USING INDEX services_account\b/,
          from: /from "services"/,
        },
        {
          what: 'client list by status, after a cursor',
          run: () => service.list(auth, { limit: 10, status: 'active', cursor }),
          index: /USING INDEX services_account_status\b/,
          from: /from "services"/,
        },
        {
          what: 'staff list',
          run: () => service.adminList({ limit: 10 }),
          index: /USING INDEX services_recent\b/,
          from: /from "services"/,
        },
        {
          what: 'staff list by status',
          run: () => service.adminList({ limit: 10, status: 'suspended', cursor }),
          index: /USING INDEX services_status\b/,
          from: /from "services"/,
        },
        {
          what: 'staff list of one account',
          run: () => service.adminList({ limit: 10, accountId: 'acct_x' }),
          index: /USING INDEX services_account\b/,
          from: /from "services"/,
        },
        {
          what: 'staff list of one account by status',
          run: () => service.adminList({ limit: 10, accountId: 'acct_x', status: 'active', cursor }),
          index: /USING INDEX services_account_status\b/,
          from: /from "services"/,
        },
        {
          what: 'cancellation requests',
          run: () => service.listCancellations({ limit: 10 }),
          index: /USING INDEX cancellations_status\b/,
          from: /from "cancellation_requests"/,
        },
        {
          what: 'cancellation requests after a cursor',
          run: () => service.listCancellations({ limit: 10, status: 'approved', cursor }),
          index: /USING INDEX cancellations_status\b/,
          from: /from "cancellation_requests"/,
        },
      ];
      for (const c of cases) {
        const lists = (await selectsDuring(s, c.run)).filter(
          (sql) => c.from.test(sql) && /order by/i.test(sql),
        );
        assertOnePlan(s, c.what, lists, c.index);
      }

      // The dashboard's five soonest renewals read one account's active services in due order, from the index.
      const upcoming = (await selectsDuring(s, () => s.app.portico.services.dashboard.read(auth))).filter(
        (sql) => /from "services"/.test(sql) && /order by/i.test(sql),
      );
      assertOnePlan(
        s,
        'the upcoming renewals query',
        upcoming,
        /USING INDEX services_account_due \(account_id=\? AND status=\?/,
      );

      const due = (await selectsDuring(s, () => job.run())).filter((sql) =>
        /from "services" inner join "products"/.test(sql),
      );
      assertOnePlan(
        s,
        'the due-services query',
        due,
        /USING INDEX services_due\b/,
        /invoice_lines_period/,
        /cancellations_open/,
      );
    } finally {
      await s.close();
    }
  });
});
