import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { encodeCursor } from '../src/http/cursor.js';
import { startServer, type TestServer } from './helpers.js';
import { planOf, selectsDuring } from './query-plans.js';

describe('billing lists walk an index in their order (no temporary B-tree)', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  /** The SQL of every list query `run` makes, as the store sent it to SQLite. */
  const listQueries = async (run: () => Promise<unknown>) =>
    (await selectsDuring(s, run)).filter((sql) => /order by/i.test(sql) && /limit/i.test(sql));

  const cursor = encodeCursor({ c: '2026-03-02T09:00:00.000Z', i: 'inv_x' });
  const account = 'acct_00000000000000000000000000';

  test('the client invoice list, with and without a status, with and without a cursor', async () => {
    const { invoices } = s.app.portico.billing;
    const seen = await listQueries(async () => {
      await invoices.list(account, { limit: 10 });
      await invoices.list(account, { limit: 10, status: 'unpaid' });
      await invoices.list(account, { limit: 10, cursor });
      await invoices.list(account, { limit: 10, status: 'paid', cursor });
    });
    assert.equal(seen.length, 4);
    for (const sql of seen) {
      const plan = planOf(s, sql);
      assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
      assert.match(plan, /USING (COVERING )?INDEX invoices_account(_status)? /, plan);
    }
  });

  test('the staff invoice list by account, status, number and cursor', async () => {
    const { invoices } = s.app.portico.billing;
    const seen = await listQueries(async () => {
      await invoices.adminList({ limit: 10 });
      await invoices.adminList({ limit: 10, status: 'draft' });
      await invoices.adminList({ limit: 10, accountId: account });
      await invoices.adminList({ limit: 10, accountId: account, status: 'overdue', cursor });
      await invoices.adminList({ limit: 10, q: 'INV-0001', cursor });
    });
    assert.equal(seen.length, 5);
    for (const sql of seen) {
      const plan = planOf(s, sql);
      assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
      assert.match(plan, /USING (COVERING )?INDEX invoices_(recent|status|account|account_status) /, plan);
    }
  });

  test('orders, payments and the credit ledger', async () => {
    const { orders, payments, credit } = s.app.portico.billing;
    const seen = await listQueries(async () => {
      await orders.list(account, { limit: 10, cursor });
      await orders.adminList({ limit: 10 });
      await orders.adminList({ limit: 10, status: 'pending', cursor });
      await orders.adminList({ limit: 10, accountId: account });
      await payments.adminList({ limit: 10 });
      await payments.adminList({ limit: 10, status: 'succeeded', gateway: 'test' });
      await payments.adminList({ limit: 10, accountId: account, cursor });
      await credit.entries(account, { limit: 10, cursor });
    });
    assert.equal(seen.length, 8);
    for (const sql of seen) {
      const plan = planOf(s, sql);
      assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
    }
  });
});
