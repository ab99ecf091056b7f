import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, CLIENT, newAffiliate, startProgramme, sums } from './affiliates-helpers.js';
import { type Client, creditOf, key, ok, staffHeaders } from './billing-helpers.js';
import type { TestServer } from './helpers.js';

/** Puts an amount in the affiliate's available balance the way staff correct it. */
async function credit(s: TestServer, affiliateId: string, amount: number, currency = 'USD') {
  const headers = await staffHeaders(s, 'billing');
  return ok(
    await s.request('POST', `${ADMIN}/${affiliateId}/adjustments`, {
      headers: { ...headers, 'idempotency-key': key() },
      body: { amount, currency, description: 'Opening balance' },
    }),
    201,
  );
}

const askPayout = (s: TestServer, client: Client, amount: number, currency = 'USD') =>
  s.request('POST', `${CLIENT}/payouts`, {
    headers: { ...client.headers, 'idempotency-key': key() },
    body: { amount, currency },
  });

const decide = (s: TestServer, headers: Record<string, string>, id: string, action: string, body?: unknown) =>
  s.request('POST', `${ADMIN}/payouts/${id}/${action}`, { headers, ...(body ? { body } : {}) });

describe('payouts', () => {
  test('a request needs the minimum, at most the available balance, and one waiting per currency', async () => {
    const { s } = await startProgramme({ minimumPayout: 5000, minimumPayoutCurrency: 'USD' });
    try {
      const aff = await newAffiliate(s, 'ada@payouts.test');
      const entry = await credit(s, aff.id, 10_000);
      assert.deepEqual([entry.kind, entry.bucket, entry.amount], ['adjustment', 'available', 10_000]);
      await credit(s, aff.id, 300, 'EUR');

      const small = await askPayout(s, aff.client, 4999);
      assert.equal(small.status, 422);
      assert.equal(small.body.code, 'PAYOUT_AMOUNT');
      assert.equal(small.body.errors[0].path, 'amount');
      const large = await askPayout(s, aff.client, 10_001);
      assert.equal(large.status, 422);
      assert.equal(large.body.code, 'PAYOUT_AMOUNT');
      const none = await askPayout(s, aff.client, 5000, 'JPY');
      assert.equal(none.status, 422, 'nothing available in that currency');

      const asked = ok(await askPayout(s, aff.client, 6000), 201);
      assert.deepEqual([asked.status, asked.amount, asked.currency], ['requested', 6000, 'USD']);
      assert.deepEqual(await sums(s, aff.id), { pending: 0, available: 4000, requested: 6000, paid: 0 });
      const twice = await askPayout(s, aff.client, 4000);
      assert.equal(twice.status, 409);
      assert.equal(twice.body.code, 'PAYOUT_PENDING');
      // The minimum is in USD: another currency has none, and has its own waiting request.
      ok(await askPayout(s, aff.client, 300, 'EUR'), 201);
      assert.deepEqual(await sums(s, aff.id, 'EUR'), { pending: 0, available: 0, requested: 300, paid: 0 });

      const listed = ok(await s.request('GET', `${CLIENT}/payouts`, { headers: aff.client.headers }));
      assert.deepEqual(
        listed.items.map((p: any) => [p.currency, p.status]),
        [
          ['EUR', 'requested'],
          ['USD', 'requested'],
        ],
      );

      // Not active (suspended, or still waiting for approval): no payouts.
      const staff = await staffHeaders(s, 'billing');
      ok(
        await s.request('POST', `${ADMIN}/${aff.id}/status`, {
          headers: staff,
          body: { status: 'suspended' },
        }),
      );
      const inactive = await askPayout(s, aff.client, 1);
      assert.equal(inactive.status, 409);
      assert.equal(inactive.body.code, 'AFFILIATE_INACTIVE');
    } finally {
      await s.close();
    }
  });

  test('staff approve then record it paid; a wrong state is 409; the owner is mailed', async () => {
    const { s } = await startProgramme();
    try {
      const aff = await newAffiliate(s, 'ada@paid.test');
      await credit(s, aff.id, 8000);
      const payout = ok(await askPayout(s, aff.client, 8000), 201);
      const staff = await staffHeaders(s, 'billing');

      const approved = ok(await decide(s, staff, payout.id, 'approve'));
      assert.equal(approved.status, 'approved');
      assert.equal(approved.affiliateId, aff.id);
      assert.equal((await decide(s, staff, payout.id, 'approve')).status, 409);
      const paid = ok(await decide(s, staff, payout.id, 'paid', { method: 'bank', reference: 'TX-991' }));
      assert.deepEqual([paid.status, paid.method, paid.reference], ['paid', 'bank', 'TX-991']);
      assert.deepEqual(await sums(s, aff.id), { pending: 0, available: 0, requested: 0, paid: 8000 });
      const again = await decide(s, staff, payout.id, 'paid', { method: 'bank', reference: 'TX-992' });
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'CONFLICT');
      assert.equal((await decide(s, staff, payout.id, 'credit')).status, 409);
      assert.equal((await decide(s, staff, payout.id, 'reject', { reason: 'late' })).status, 409);
      assert.equal((await decide(s, staff, 'apo_01hzzzzzzzzzzzzzzzzzzzzzzz', 'approve')).status, 404);

      const mails = await s.mailsTo(aff.client.email);
      assert.ok(mails.some((m) => m.subject === 'Payout of $80.00 sent' && m.text.includes('TX-991')));
      const audit = await s.app.portico.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', payout.id)
        .orderBy('at')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['affiliate.payout_approved', 'affiliate.payout_paid'],
      );
      // The next request in the currency may be made now that this one is decided.
      await credit(s, aff.id, 5000);
      ok(await askPayout(s, aff.client, 5000), 201);
    } finally {
      await s.close();
    }
  });

  test('paying as credit writes the account’s credit ledger in the same change; rejecting returns it', async () => {
    const { s } = await startProgramme();
    try {
      const aff = await newAffiliate(s, 'ada@credit.test');
      await credit(s, aff.id, 12_000);
      const staff = await staffHeaders(s, 'admin');

      const first = ok(await askPayout(s, aff.client, 7000), 201);
      const credited = ok(await decide(s, staff, first.id, 'credit'));
      assert.equal(credited.status, 'credited');
      assert.deepEqual(await sums(s, aff.id), { pending: 0, available: 5000, requested: 0, paid: 7000 });
      const row = await s.app.portico.db
        .selectFrom('credit_ledger')
        .selectAll()
        .where('account_id', '=', aff.client.accountId)
        .executeTakeFirstOrThrow();
      assert.deepEqual([row.kind, row.amount, row.currency], ['adjustment', 7000, 'USD']);
      assert.equal(await creditOf(s, aff.client), 7000, 'the client sees the credit');
      const ledger = ok(await s.request('GET', `${CLIENT}/ledger`, { headers: aff.client.headers }));
      assert.deepEqual(
        ledger.items.slice(0, 2).map((e: any) => [e.kind, e.bucket, e.amount]),
        [
          ['payout_credited', 'paid', 7000],
          ['payout_credited', 'requested', -7000],
        ],
      );

      const second = ok(await askPayout(s, aff.client, 5000), 201);
      const missingReason = await decide(s, staff, second.id, 'reject', {});
      assert.equal(missingReason.status, 400);
      const rejected = ok(await decide(s, staff, second.id, 'reject', { reason: 'Details are incomplete' }));
      assert.deepEqual([rejected.status, rejected.note], ['rejected', 'Details are incomplete']);
      assert.deepEqual(await sums(s, aff.id), { pending: 0, available: 5000, requested: 0, paid: 7000 });

      const subjects = (await s.mailsTo(aff.client.email)).map((m) => m.subject);
      assert.ok(subjects.includes('Payout of $70.00 added to your credit'));
      assert.ok(subjects.includes('Payout of $50.00 not made'));

      // Staff see the queue: waiting first (oldest first), then the decided ones.
      const third = ok(await askPayout(s, aff.client, 5000), 201);
      const queue = ok(await s.request('GET', `${ADMIN}/payouts?limit=2`, { headers: staff }));
      assert.deepEqual(
        queue.items.map((p: any) => p.id),
        [third.id, second.id],
      );
      const rest = ok(
        await s.request('GET', `${ADMIN}/payouts?limit=2&cursor=${queue.nextCursor}`, { headers: staff }),
      );
      assert.deepEqual(
        rest.items.map((p: any) => p.id),
        [first.id],
      );
      assert.equal(rest.nextCursor, null);
      const rejectedOnly = ok(await s.request('GET', `${ADMIN}/payouts?status=rejected`, { headers: staff }));
      assert.deepEqual(
        rejectedOnly.items.map((p: any) => p.id),
        [second.id],
      );
      const bad = await s.request('GET', `${ADMIN}/payouts?cursor=not-a-cursor`, { headers: staff });
      assert.equal(bad.status, 400);
    } finally {
      await s.close();
    }
  });
});
