import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ok } from './billing-helpers.js';
import { assertOnePlan, planOf, selectsDuring } from './query-plans.js';
import { ADMIN, API, openTicket, startSupport, type SupportWorld } from './support-helpers.js';

/**
 * The ticket-list SELECTs among those a request prepared (the lookups of names beside them are left out). SQLite
 * prepares each SQL text once, so each case below has a filter set no earlier case had.
 */
const ticketLists = (sqls: string[]) => sqls.filter((sql) => /^select \* from "tickets"/i.test(sql));

describe('support queries walk their indexes: no list sorts in a temporary B-tree', () => {
  let w: SupportWorld;
  before(async () => {
    w = await startSupport();
    for (let i = 0; i < 3; i++) {
      await openTicket(w.s, w.ada, { departmentId: w.departments.general });
      await openTicket(w.s, w.bob, { departmentId: w.departments.technical });
    }
  });
  after(() => w.s.close());

  const clientCases: Array<[string, RegExp]> = [
    ['', /USING INDEX tickets_account \(/],
    ['?status=open', /USING INDEX tickets_account_status/],
    ['?status=active', /USING INDEX tickets_account \(/],
  ];
  for (const [query, index] of clientCases) {
    test(`client list ${query || '(all)'}`, async () => {
      const sqls = await selectsDuring(w.s, async () =>
        ok(await w.s.request('GET', `${API}/tickets${query}`, { headers: w.ada.headers })),
      );
      assertOnePlan(w.s, `client list ${query}`, ticketLists(sqls), index);
    });
  }

  test('a client list page after a cursor keeps the walk', async () => {
    const first = ok(
      await w.s.request('GET', `${API}/tickets?limit=1&status=active`, { headers: w.ada.headers }),
    );
    const sqls = await selectsDuring(w.s, async () =>
      ok(
        await w.s.request('GET', `${API}/tickets?limit=1&status=active&cursor=${first.nextCursor}`, {
          headers: w.ada.headers,
        }),
      ),
    );
    assertOnePlan(w.s, 'client list after a cursor', ticketLists(sqls), /USING INDEX tickets_account \(/);
  });

  const staffCases = (ids: {
    staffId: string;
    accountId: string;
    departmentId: string;
  }): Array<[string, RegExp]> => [
    ['', /USING INDEX tickets_recent/],
    ['status=open', /USING INDEX tickets_queue/],
    ['status=active', /USING INDEX tickets_recent/],
    ['priority=high&q=mail', /USING INDEX tickets_recent/],
    [`departmentId=${ids.departmentId}`, /USING INDEX tickets_department_recent/],
    [`departmentId=${ids.departmentId}&status=open`, /USING INDEX tickets_department \(/],
    [`departmentId=${ids.departmentId}&status=active&priority=low`, /USING INDEX tickets_department_recent/],
    ['assignee=me', /USING INDEX tickets_assignee_recent/],
    ['assignee=none&status=active', /USING INDEX tickets_assignee_recent/],
    ['assignee=none&status=customer_reply', /USING INDEX tickets_assignee \(/],
    [
      `assignee=${ids.staffId}&departmentId=${ids.departmentId}&status=answered`,
      /USING INDEX tickets_assignee \(/,
    ],
    [`accountId=${ids.accountId}&priority=low`, /USING INDEX tickets_account \(/],
    [`accountId=${ids.accountId}&status=open&assignee=none`, /USING INDEX tickets_account_status/],
    [
      `accountId=${ids.accountId}&departmentId=${ids.departmentId}&status=active&q=x`,
      /USING INDEX tickets_account \(/,
    ],
  ];

  test('staff lists, each filter and combination', async () => {
    const cases = staffCases({
      staffId: w.agent.id,
      accountId: w.ada.accountId,
      departmentId: w.departments.general,
    });
    for (const [query, index] of cases) {
      const sqls = await selectsDuring(w.s, async () =>
        ok(await w.s.request('GET', `${ADMIN}/tickets?${query}`, { headers: w.agent.headers })),
      );
      assertOnePlan(w.s, `staff list ${query}`, ticketLists(sqls), index);
    }
  });

  test('one ticket’s thread, its files, queues, the dashboard count and the job read by index', () => {
    const plans = {
      thread: planOf(
        w.s,
        `select * from "ticket_messages" where "ticket_id" = ? and +kind = 'reply' order by "created_at", "id"`,
      ),
      files: planOf(
        w.s,
        `select "id" from "ticket_attachments" where "message_id" in (?, ?) order by "created_at", "id"`,
      ),
      queues: planOf(
        w.s,
        `select "department_id", "status", count(*) as "n" from "tickets" where "status" in (?, ?, ?) group by "department_id", "status"`,
      ),
      unassigned: planOf(
        w.s,
        `select count(*) as "n" from "tickets" where "assignee_staff_id" is null and "status" in (?, ?, ?)`,
      ),
      dashboard: planOf(
        w.s,
        `select count(*) as "n" from "tickets" where "account_id" = ? and "status" in (?, ?, ?)`,
      ),
      autoClose: planOf(
        w.s,
        `select * from "tickets" where "status" = ? and "last_reply_at" <= ? order by "last_reply_at" limit ?`,
      ),
      expired: planOf(
        w.s,
        `delete from "ticket_attachments" where "message_id" is null and "expires_at" <= ?`,
      ),
    };
    assert.match(plans.thread, /USING INDEX ticket_messages_thread/);
    assert.doesNotMatch(plans.thread, /TEMP B-TREE/);
    assert.match(plans.files, /ticket_attachments_message/);
    // Only the not-closed tickets are read (closed ones are most of a desk's history); the groups are a handful.
    assert.match(plans.queues, /SEARCH tickets USING INDEX tickets_queue \(status=\?\)/);
    assert.match(plans.unassigned, /USING COVERING INDEX tickets_assignee/);
    assert.match(plans.dashboard, /USING COVERING INDEX tickets_account_status/);
    assert.match(plans.autoClose, /USING INDEX tickets_queue/);
    assert.doesNotMatch(plans.autoClose, /TEMP B-TREE/);
    assert.match(plans.expired, /ticket_attachments_expiry/);
  });
});
