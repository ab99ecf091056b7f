import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CARD,
  CHALLENGE_CARD,
  type Client,
  creditOf,
  DECLINED_CARD,
  invoiceOf,
  key,
  newClient,
  ok,
  pay,
  paymentsIn,
  placeOrder,
  staffHeaders,
  startBilling,
  type TestCatalog,
} from './billing-helpers.js';
import type { TestServer } from './helpers.js';

describe('billing: payments and credit', () => {
  let s: TestServer;
  let catalog: TestCatalog;
  let ada: Client;

  /** A fresh unpaid invoice of Pro monthly ($25, no tax). */
  const invoice = async (client = ada) =>
    (await placeOrder(s, client, [{ productId: catalog.pro.id, cycle: 'monthly' }])).invoice;
  const confirm = (client: Client, paymentId: string, body: Record<string, unknown> = {}) =>
    s.request('POST', `/api/v1/payments/${paymentId}/confirm`, { headers: client.headers, body });
  const applyCredit = (client: Client, invoiceId: string, body: Record<string, unknown> = {}) =>
    s.request('POST', `/api/v1/invoices/${invoiceId}/credit`, {
      headers: { ...client.headers, 'idempotency-key': key() },
      body,
    });
  const addCredit = async (client: Client, amount: number) =>
    ok(
      await s.request('POST', `/api/admin/v1/clients/${client.accountId}/credit`, {
        headers: { ...(await staffHeaders(s, 'billing')), 'idempotency-key': key() },
        body: { currency: 'USD', amount, description: 'Goodwill' },
      }),
      201,
    );
  const mailSubjects = async (client: Client) => (await s.mailsTo(client.email)).map((m) => m.subject);

  before(async () => {
    ({ s, catalog, client: ada } = await startBilling('ada@pay.test'));
  });
  after(() => s.close());

  test('the gateways clients may pay with', async () => {
    const { items } = ok(await s.request('GET', '/api/v1/billing/gateways', { headers: ada.headers }));
    assert.deepEqual(items, [
      { id: 'test', name: 'Card (test mode)', kind: 'card', instructions: null, testMode: true },
    ]);
  });

  test('paying the whole balance with a test card pays the invoice and activates what it bills', async () => {
    const placed = await placeOrder(s, ada, [{ productId: catalog.starter.id, cycle: 'monthly' }]);
    const payment = ok(await pay(s, ada, placed.invoice.id), 201);
    assert.equal(payment.status, 'succeeded');
    assert.equal(payment.amount, placed.invoice.total);
    assert.equal(payment.method, 'Visa •••• 4242');
    assert.equal(payment.action, null);
    const paid = await invoiceOf(s, ada, placed.invoice.id);
    assert.equal(paid.status, 'paid');
    assert.equal(paid.balance, 0);
    assert.equal(paid.amountPaid, placed.invoice.total);
    assert.equal(paid.paidAt, s.clock.now().toISOString());
    assert.deepEqual(paid.payments, [payment]);
    assert.deepEqual(
      ok(await s.request('GET', `/api/v1/payments/${payment.id}`, { headers: ada.headers })),
      payment,
    );
    const order = ok(await s.request('GET', `/api/v1/orders/${placed.order.id}`, { headers: ada.headers }));
    assert.equal(order.status, 'active');
    const service = await s.app.portico.db
      .selectFrom('services')
      .select('status')
      .where('order_id', '=', placed.order.id)
      .executeTakeFirstOrThrow();
    assert.equal(service.status, 'active');
    assert.ok((await mailSubjects(ada)).includes(`Payment received for Invoice ${paid.number}`));
    const again = await pay(s, ada, placed.invoice.id);
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'INVOICE_NOT_PAYABLE');
  });

  test('a partial payment, then the rest', async () => {
    const inv = await invoice();
    const part = ok(await pay(s, ada, inv.id, { gateway: 'test', card: CARD, amount: 1_000 }), 201);
    assert.equal(part.amount, 1_000);
    let now = await invoiceOf(s, ada, inv.id);
    assert.equal(now.status, 'unpaid');
    assert.equal(now.balance, 1_500);
    const tooMuch = await pay(s, ada, inv.id, { gateway: 'test', card: CARD, amount: 1_501 });
    assert.equal(tooMuch.status, 422);
    assert.equal(tooMuch.body.code, 'AMOUNT_INVALID');
    const rest = ok(await pay(s, ada, inv.id), 201);
    assert.equal(rest.amount, 1_500);
    now = await invoiceOf(s, ada, inv.id);
    assert.equal(now.status, 'paid');
    assert.equal(now.amountPaid, 2_500);
    assert.equal(now.payments.length, 2);
  });

  test('a declined card is a failed payment, not an error; nothing is paid', async () => {
    const inv = await invoice();
    const declined = ok(await pay(s, ada, inv.id, { gateway: 'test', card: DECLINED_CARD }), 201);
    assert.equal(declined.status, 'failed');
    assert.equal(declined.failureMessage, 'Your card was declined.');
    const still = await invoiceOf(s, ada, inv.id);
    assert.equal(still.status, 'unpaid');
    assert.equal(still.balance, 2_500);
    assert.ok((await mailSubjects(ada)).includes(`A payment for Invoice ${inv.number} did not go through`));
  });

  test('a payment needs an online gateway, and the test gateway a card', async () => {
    const inv = await invoice();
    for (const gateway of ['manual', 'stripe', 'bitcoin']) {
      const r = await pay(s, ada, inv.id, { gateway, card: CARD });
      assert.equal(r.status, 422, gateway);
      assert.equal(r.body.code, 'GATEWAY_UNAVAILABLE');
    }
    const noCard = await pay(s, ada, inv.id, { gateway: 'test' });
    assert.equal(noCard.status, 400);
    assert.equal(noCard.body.errors[0].path, 'card');
    assert.equal((await paymentsIn(s, inv.id)).length, 0);
  });

  test('a challenged payment stays pending until confirmed, and is confirmed once', async () => {
    const inv = await invoice();
    const pending = ok(await pay(s, ada, inv.id, { gateway: 'test', card: CHALLENGE_CARD }), 201);
    assert.equal(pending.status, 'pending');
    assert.deepEqual(pending.action, { type: 'test_challenge' });
    assert.equal((await invoiceOf(s, ada, inv.id)).status, 'unpaid');
    const [a, b] = await Promise.all([confirm(ada, pending.id), confirm(ada, pending.id)]);
    const statuses = [a.status, b.status].sort();
    assert.ok(statuses[0] === 200, `${a.status} ${b.status}`);
    const done = ok(await s.request('GET', `/api/v1/payments/${pending.id}`, { headers: ada.headers }));
    assert.equal(done.status, 'succeeded');
    assert.equal(done.action, null);
    const paid = await invoiceOf(s, ada, inv.id);
    assert.equal(paid.status, 'paid');
    assert.equal(paid.amountPaid, 2_500, 'the payment counted once');
    const late = await confirm(ada, pending.id);
    assert.equal(late.status, 409);
    assert.equal(late.body.code, 'PAYMENT_NOT_PENDING');

    const other = await invoice();
    const challenged = ok(await pay(s, ada, other.id, { gateway: 'test', card: CHALLENGE_CARD }), 201);
    const failed = ok(await confirm(ada, challenged.id, { outcome: 'fail' }));
    assert.equal(failed.status, 'failed');
    assert.equal((await invoiceOf(s, ada, other.id)).status, 'unpaid');
  });

  test('twenty parallel payments with one Idempotency-Key charge once and answer the same', async () => {
    const inv = await invoice();
    const idem = key();
    const answers = await Promise.all(Array.from({ length: 20 }, () => pay(s, ada, inv.id, undefined, idem)));
    assert.deepEqual(
      answers.map((r) => r.status),
      Array(20).fill(201),
    );
    const first = answers[0]!.body;
    for (const r of answers) assert.deepEqual(r.body, first);
    assert.equal(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 19);
    const payments = await paymentsIn(s, inv.id);
    assert.equal(payments.length, 1, 'one charge');
    assert.equal(payments[0]!.id, first.id);
    const paid = await invoiceOf(s, ada, inv.id);
    assert.equal(paid.status, 'paid');
    assert.equal(paid.amountPaid, 2_500);

    const reused = await pay(s, ada, inv.id, { gateway: 'test', card: CARD, amount: 100 }, idem);
    assert.equal(reused.status, 422);
    assert.equal(reused.body.code, 'IDEMPOTENCY_KEY_REUSED');
    const secondKey = await pay(s, ada, inv.id);
    assert.equal(secondKey.status, 409);
    assert.equal(secondKey.body.code, 'INVOICE_NOT_PAYABLE');
    assert.equal((await paymentsIn(s, inv.id)).length, 1, 'nothing more was charged');
  });

  test('regression: a payment that lands after the invoice was paid becomes credit (two payments raced)', async () => {
    const inv = await invoice();
    const slow = ok(await pay(s, ada, inv.id, { gateway: 'test', card: CHALLENGE_CARD }), 201);
    ok(await pay(s, ada, inv.id), 201);
    assert.equal((await invoiceOf(s, ada, inv.id)).status, 'paid');
    const creditBefore = await creditOf(s, ada);
    ok(await confirm(ada, slow.id));
    const after = await invoiceOf(s, ada, inv.id);
    assert.equal(after.amountPaid, 2_500, 'the invoice is not paid twice');
    assert.equal(await creditOf(s, ada), creditBefore + 2_500);
    const entries = ok(await s.request('GET', '/api/v1/credit/entries', { headers: ada.headers }));
    assert.deepEqual(
      { kind: entries.items[0].kind, amount: entries.items[0].amount, invoiceId: entries.items[0].invoiceId },
      { kind: 'overpayment', amount: 2_500, invoiceId: inv.id },
    );
  });

  test('credit pays an invoice: all of it, or part; never more than the balance or the credit', async () => {
    const bob = await newClient(s, 'bob@pay.test');
    const inv = await invoice(bob);
    const none = await applyCredit(bob, inv.id);
    assert.equal(none.status, 409);
    assert.equal(none.body.code, 'INSUFFICIENT_CREDIT');
    await addCredit(bob, 3_000);
    const tooMuch = await applyCredit(bob, inv.id, { amount: 2_501 });
    assert.equal(tooMuch.status, 422);
    assert.equal(tooMuch.body.code, 'AMOUNT_INVALID');
    const part = ok(await applyCredit(bob, inv.id, { amount: 1_000 }));
    assert.equal(part.creditApplied, 1_000);
    assert.equal(part.balance, 1_500);
    assert.equal(part.status, 'unpaid');
    const rest = ok(await applyCredit(bob, inv.id));
    assert.equal(rest.creditApplied, 2_500);
    assert.equal(rest.status, 'paid');
    assert.equal(await creditOf(s, bob), 500);
    const second = await invoice(bob);
    const short = await applyCredit(bob, second.id, { amount: 600 });
    assert.equal(short.status, 409);
    assert.equal(short.body.code, 'INSUFFICIENT_CREDIT');
    const some = ok(await applyCredit(bob, second.id));
    assert.equal(some.creditApplied, 500);
    assert.equal(some.balance, 2_000);
    assert.equal(await creditOf(s, bob), 0);
    // The rest by card.
    assert.equal(ok(await pay(s, bob, second.id), 201).amount, 2_000);
    const entries = ok(await s.request('GET', '/api/v1/credit/entries?limit=2', { headers: bob.headers }));
    assert.deepEqual(
      entries.items.map((e: any) => [e.kind, e.amount]),
      [
        ['applied', -500],
        ['applied', -1_500],
      ],
    );
    const page2 = ok(
      await s.request('GET', `/api/v1/credit/entries?limit=2&cursor=${entries.nextCursor}`, {
        headers: bob.headers,
      }),
    );
    assert.deepEqual(
      page2.items.map((e: any) => [e.kind, e.amount]),
      [
        ['applied', -1_000],
        ['adjustment', 3_000],
      ],
    );
    assert.equal(page2.nextCursor, null);
  });

  test('credit never goes below zero under ten parallel applications', async () => {
    const cleo = await newClient(s, 'cleo@pay.test');
    await addCredit(cleo, 1_000);
    const invoices = await Promise.all(Array.from({ length: 10 }, () => invoice(cleo)));
    const fixed = await Promise.all(invoices.map((inv) => applyCredit(cleo, inv.id, { amount: 300 })));
    assert.deepEqual(fixed.map((r) => r.status).sort(), [200, 200, 200, 409, 409, 409, 409, 409, 409, 409]);
    assert.equal(await creditOf(s, cleo), 100);
    const whatever = await Promise.all(invoices.map((inv) => applyCredit(cleo, inv.id)));
    assert.equal(whatever.filter((r) => r.status === 200).length, 1);
    const sum = await s.app.portico.db
      .selectFrom('credit_ledger')
      .select((eb) => eb.fn.sum<number>('amount').as('n'))
      .where('account_id', '=', cleo.accountId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(sum.n), 0);
    const credit = ok(await s.request('GET', '/api/v1/credit', { headers: cleo.headers }));
    assert.deepEqual(credit, { balances: [] });
  });

  test('the invoice list: newest first, by status, never drafts; the PDF downloads', async () => {
    const dana = await newClient(s, 'dana@pay.test');
    const first = await invoice(dana);
    s.clock.advance(1_000);
    const second = await invoice(dana);
    ok(await pay(s, dana, second.id), 201);
    const admin = await staffHeaders(s, 'admin');
    ok(
      await s.request('POST', '/api/admin/v1/invoices', {
        headers: admin,
        body: { accountId: dana.accountId, lines: [{ description: 'Draft', unitAmount: 100 }] },
      }),
      201,
    );
    const all = ok(await s.request('GET', '/api/v1/invoices', { headers: dana.headers }));
    assert.deepEqual(
      all.items.map((i: any) => [i.id, i.status]),
      [
        [second.id, 'paid'],
        [first.id, 'unpaid'],
      ],
    );
    const unpaid = ok(await s.request('GET', '/api/v1/invoices?status=unpaid', { headers: dana.headers }));
    assert.deepEqual(
      unpaid.items.map((i: any) => i.id),
      [first.id],
    );
    const drafts = ok(await s.request('GET', '/api/v1/invoices?status=draft', { headers: dana.headers }));
    assert.deepEqual(drafts.items, []);
    const page = ok(await s.request('GET', '/api/v1/invoices?limit=1', { headers: dana.headers }));
    const next = ok(
      await s.request('GET', `/api/v1/invoices?limit=1&cursor=${page.nextCursor}`, { headers: dana.headers }),
    );
    assert.deepEqual([page.items[0].id, next.items[0].id, next.nextCursor], [second.id, first.id, null]);
    const bad = await s.request('GET', '/api/v1/invoices?cursor=nonsense', { headers: dana.headers });
    assert.equal(bad.status, 400);

    const pdf = await fetch(`${s.url}/api/v1/invoices/${first.id}/pdf`, { headers: dana.headers });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(pdf.headers.get('content-disposition'), `attachment; filename="${first.number}.pdf"`);
    assert.equal(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );
  });
});
