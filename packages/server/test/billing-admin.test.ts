import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CARD,
  type Client,
  creditOf,
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

const ADMIN = '/api/admin/v1';

describe('billing: the staff console', () => {
  let s: TestServer;
  let catalog: TestCatalog;
  let ada: Client;
  let admin: Record<string, string>;
  let billing: Record<string, string>;
  let support: Record<string, string>;

  const call = (method: string, path: string, body?: unknown, headers = billing) =>
    s.request(method, `${ADMIN}${path}`, {
      headers: { ...headers, ...(method === 'POST' ? { 'idempotency-key': key() } : {}) },
      ...(body === undefined ? {} : { body }),
    });
  const audits = async (action: string) =>
    s.app.portico.db
      .selectFrom('audit_log')
      .select(['actor_type', 'actor_id', 'account_id', 'target_id', 'details'])
      .where('action', '=', action)
      .execute();
  const draft = async (
    client: Client,
    lines: unknown[] = [{ description: 'Consulting', quantity: 2, unitAmount: 5_000 }],
  ) => ok(await call('POST', '/invoices', { accountId: client.accountId, lines }), 201);

  before(async () => {
    ({ s, catalog, client: ada } = await startBilling('ada@console.test', { address: { country: 'ES' } }));
    admin = await staffHeaders(s, 'admin');
    billing = await staffHeaders(s, 'billing');
    support = await staffHeaders(s, 'support');
  });
  after(() => s.close());

  test('product groups and products: create, change, remove, with their rules', async () => {
    const group = ok(
      await call('POST', '/product-groups', { name: 'Email & Apps', description: 'Mail' }),
      201,
    );
    assert.equal(group.slug, 'email-apps');
    assert.equal(group.productCount, 0);
    const same = await call('POST', '/product-groups', { name: 'Other', slug: 'email-apps' });
    assert.equal(same.status, 409);
    assert.equal(same.body.code, 'CONFLICT');
    const renamed = ok(await call('PATCH', `/product-groups/${group.id}`, { name: 'Email', sortOrder: 5 }));
    assert.deepEqual([renamed.name, renamed.slug, renamed.sortOrder], ['Email', 'email-apps', 5]);

    const gbp = await call('POST', '/products', {
      groupId: group.id,
      name: 'Mailbox',
      prices: [{ currency: 'GBP', cycle: 'monthly', amount: 300 }],
    });
    assert.equal(gbp.status, 400);
    assert.equal(gbp.body.code, 'CURRENCY_NOT_ENABLED');
    assert.equal(gbp.body.errors[0].path, 'prices.0.currency');
    const twice = await call('POST', '/products', {
      groupId: group.id,
      name: 'Mailbox',
      prices: [
        { currency: 'USD', cycle: 'monthly', amount: 300 },
        { currency: 'usd', cycle: 'monthly', amount: 400 },
      ],
    });
    assert.equal(twice.status, 400);
    const noGroup = await call('POST', '/products', { groupId: s.app.portico.deps.ids('pgrp'), name: 'X' });
    assert.equal(noGroup.status, 404);
    const mailbox = ok(
      await call('POST', '/products', {
        groupId: group.id,
        name: 'Mailbox',
        stock: 10,
        prices: [
          { currency: 'USD', cycle: 'annual', amount: 3_000 },
          { currency: 'USD', cycle: 'monthly', amount: 300, setupFee: 100 },
        ],
      }),
      201,
    );
    assert.equal(mailbox.slug, 'mailbox');
    assert.equal(mailbox.type, 'other');
    assert.equal(mailbox.taxable, true);
    assert.deepEqual(
      mailbox.prices.map((p: any) => [p.cycle, p.amount, p.setupFee]),
      [
        ['monthly', 300, 100],
        ['annual', 3_000, 0],
      ],
    );
    const slugTaken = await call('PATCH', `/products/${mailbox.id}`, { slug: catalog.starter.slug });
    assert.equal(slugTaken.status, 409);
    const changed = ok(
      await call('PATCH', `/products/${mailbox.id}`, {
        hidden: true,
        stock: null,
        prices: [{ currency: 'EUR', cycle: 'monthly', amount: 250 }],
      }),
    );
    assert.equal(changed.hidden, true);
    assert.equal(changed.stock, null);
    assert.deepEqual(changed.prices, [{ currency: 'EUR', cycle: 'monthly', amount: 250, setupFee: 0 }]);
    assert.deepEqual(ok(await call('GET', `/products/${mailbox.id}`, undefined, support)), changed);
    const groups = ok(await call('GET', '/product-groups', undefined, support)).items;
    assert.equal(groups.find((g: any) => g.id === group.id).productCount, 1);

    const notEmpty = await call('DELETE', `/product-groups/${group.id}`);
    assert.equal(notEmpty.status, 409);
    assert.equal((await call('DELETE', `/products/${mailbox.id}`)).status, 204);
    assert.equal((await call('GET', `/products/${mailbox.id}`)).status, 404);
    assert.equal((await call('DELETE', `/product-groups/${group.id}`)).status, 204);
    assert.equal((await call('DELETE', `/product-groups/${group.id}`)).status, 404);

    await placeOrder(s, ada, [{ productId: catalog.migration.id, cycle: 'one_time' }]);
    const ordered = await call('DELETE', `/products/${catalog.migration.id}`);
    assert.equal(ordered.status, 409);
    assert.match(ordered.body.detail, /Hide it instead/);

    const created = await audits('product.created');
    assert.ok(created.some((a) => a.target_id === mailbox.id && a.actor_type === 'staff'));
    assert.equal((await audits('product.removed')).length, 1);
    assert.equal((await audits('product_group.removed')).length, 1);
  });

  test('roles: support reads but never writes; billing settings and gateways are for admins', async () => {
    for (const [method, path, body] of [
      ['POST', '/product-groups', { name: 'Nope' }],
      ['PATCH', `/products/${catalog.pro.id}`, { name: 'Nope' }],
      ['POST', '/invoices', { accountId: ada.accountId, lines: [{ description: 'x', unitAmount: 1 }] }],
      ['POST', `/clients/${ada.accountId}/credit`, { currency: 'USD', amount: 1, description: 'x' }],
    ] as const) {
      const r = await call(method, path, body, support);
      assert.equal(r.status, 403, path);
      assert.equal(r.body.code, 'ROLE_NOT_ALLOWED');
    }
    assert.equal((await call('GET', '/invoices', undefined, support)).status, 200);
    assert.equal((await call('GET', '/billing/settings', undefined, billing)).status, 200);
    assert.equal((await call('PATCH', '/billing/settings', { paymentTermsDays: 7 }, billing)).status, 403);
    assert.equal((await call('PATCH', '/billing/gateways/manual', { enabled: true }, billing)).status, 403);
  });

  test('a draft is written, changed with its totals computed again, issued, then locked', async () => {
    ok(
      await call(
        'PATCH',
        '/billing/settings',
        { taxRules: [{ name: 'IVA', rateBps: 2_100, country: 'ES' }] },
        admin,
      ),
    );
    const mails = (await s.mailsTo(ada.email)).length;
    const d = await draft(ada);
    assert.equal(d.status, 'draft');
    assert.equal(d.number, null);
    assert.equal(d.issuedAt, null);
    assert.equal(d.accountName, 'ada');
    assert.deepEqual([d.subtotal, d.tax, d.total, d.taxName], [10_000, 2_100, 12_100, 'IVA']);
    assert.equal((await s.request('GET', `/api/v1/invoices/${d.id}`, { headers: ada.headers })).status, 404);

    const changed = ok(
      await call('PATCH', `/invoices/${d.id}`, {
        lines: [
          { description: 'Consulting', quantity: 3, unitAmount: 5_000 },
          { description: 'Discount', unitAmount: -1_000 },
          { description: 'Domain (no tax)', unitAmount: 1_200, taxable: false },
        ],
        notes: 'Thanks!',
        dueAt: '2026-04-30',
      }),
    );
    assert.deepEqual([changed.subtotal, changed.tax, changed.total], [15_200, 2_940, 18_140]);
    assert.equal(changed.notes, 'Thanks!');
    assert.equal(changed.dueAt, '2026-04-30T00:00:00.000Z');
    const negative = await call('PATCH', `/invoices/${d.id}`, {
      lines: [{ description: 'Refund', unitAmount: -5 }],
    });
    assert.equal(negative.status, 400);

    const issued = ok(await call('POST', `/invoices/${d.id}/issue`));
    assert.equal(issued.status, 'unpaid');
    assert.match(issued.number, /^INV-\d{5}$/);
    assert.equal(issued.issuedAt, s.clock.now().toISOString());
    assert.equal(issued.dueAt, '2026-04-30T00:00:00.000Z', 'the due date set on the draft stays');
    assert.equal(issued.billTo.address.country, 'ES');
    const seen = await invoiceOf(s, ada, d.id);
    assert.equal(seen.total, 18_140);
    assert.equal((await s.mailsTo(ada.email)).length, mails + 1);

    for (const r of [
      await call('PATCH', `/invoices/${d.id}`, { notes: 'Too late' }),
      await call('POST', `/invoices/${d.id}/issue`),
    ]) {
      assert.equal(r.status, 409);
      assert.equal(r.body.code, 'INVOICE_NOT_EDITABLE');
    }
    const at = ok(
      await call('POST', '/invoices', {
        accountId: ada.accountId,
        issue: true,
        lines: [{ description: 'Now', unitAmount: 100 }],
      }),
      201,
    );
    assert.equal(at.status, 'unpaid');
    assert.ok(at.number);
    assert.equal(at.dueAt, new Date(s.clock.now().getTime() + 14 * 86_400_000).toISOString());
    assert.equal(
      (
        await call('POST', '/invoices', {
          accountId: s.app.portico.deps.ids('acct'),
          lines: [{ description: 'x', unitAmount: 1 }],
        })
      ).status,
      404,
    );
    const gbp = await call('POST', '/invoices', {
      accountId: ada.accountId,
      currency: 'GBP',
      lines: [{ description: 'x', unitAmount: 1 }],
    });
    assert.equal(gbp.body.code, 'CURRENCY_NOT_ENABLED');
    assert.equal((await audits('invoice.issued')).length, 2);
    ok(await call('PATCH', '/billing/settings', { taxRules: [] }, admin));
  });

  test('cancelling an invoice returns the credit applied and cancels its pending order', async () => {
    ok(
      await call('POST', `/clients/${ada.accountId}/credit`, {
        currency: 'USD',
        amount: 700,
        description: 'Promo',
      }),
      201,
    );
    const { order, invoice } = await placeOrder(s, ada, [
      { productId: catalog.limited.id, cycle: 'monthly', quantity: 2 },
    ]);
    const stock = async () =>
      (
        await s.app.portico.db
          .selectFrom('products')
          .select('stock')
          .where('id', '=', catalog.limited.id)
          .executeTakeFirstOrThrow()
      ).stock;
    assert.equal(await stock(), 0);
    ok(
      await s.request('POST', `/api/v1/invoices/${invoice.id}/credit`, {
        headers: { ...ada.headers, 'idempotency-key': key() },
        body: {},
      }),
    );
    assert.equal(await creditOf(s, ada), 0);
    const cancelled = ok(await call('POST', `/invoices/${invoice.id}/cancel`));
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.cancelledAt, s.clock.now().toISOString());
    assert.equal(await creditOf(s, ada), 700, 'the credit applied came back');
    assert.equal(ok(await call('GET', `/orders/${order.id}`, undefined, support)).status, 'cancelled');
    assert.equal(await stock(), 2, 'the stock came back');
    const services = await s.app.portico.db
      .selectFrom('services')
      .select('status')
      .where('order_id', '=', order.id)
      .execute();
    assert.ok(services.every((sv) => sv.status === 'cancelled'));
    const again = await call('POST', `/invoices/${invoice.id}/cancel`);
    assert.equal(again.status, 409);
    const payAfter = await pay(s, ada, invoice.id);
    assert.equal(payAfter.body.code, 'INVOICE_NOT_PAYABLE');

    // Cancelling the order cancels its invoice; an order no longer pending cannot be.
    const next = await placeOrder(s, ada, [{ productId: catalog.pro.id, cycle: 'monthly' }]);
    const byOrder = ok(await call('POST', `/orders/${next.order.id}/cancel`));
    assert.equal(byOrder.status, 'cancelled');
    assert.equal(byOrder.accountId, ada.accountId);
    assert.equal((await invoiceOf(s, ada, next.invoice.id)).status, 'cancelled');
    assert.equal((await call('POST', `/orders/${next.order.id}/cancel`)).status, 409);
    assert.equal((await audits('order.cancelled')).length, 1);
  });

  test('recording payments: part, then more than the rest (the excess becomes credit); a paid invoice takes no more', async () => {
    const bob = await newClient(s, 'bob@console.test');
    const d = await draft(bob);
    ok(await call('POST', `/invoices/${d.id}/issue`));
    const part = ok(
      await call('POST', `/invoices/${d.id}/payments`, {
        amount: 4_000,
        method: 'Bank transfer',
        reference: 'BT-1',
      }),
      201,
    );
    assert.equal(part.status, 'unpaid');
    assert.equal(part.balance, 6_000);
    const dup = await call('POST', `/invoices/${d.id}/payments`, { amount: 1, reference: 'BT-1' });
    assert.equal(dup.status, 409);
    const rest = ok(
      await call('POST', `/invoices/${d.id}/payments`, {
        amount: 7_000,
        reference: 'BT-2',
        paidAt: '2026-03-01',
      }),
      201,
    );
    assert.equal(rest.status, 'paid');
    assert.equal(rest.amountPaid, 10_000);
    assert.equal(rest.paidAt, '2026-03-01T00:00:00.000Z');
    assert.deepEqual(
      rest.payments.map((p: any) => [p.gateway, p.status, p.amount, p.method]),
      [
        ['manual', 'succeeded', 4_000, 'Bank transfer'],
        ['manual', 'succeeded', 7_000, 'Bank transfer'],
      ],
    );
    assert.equal(await creditOf(s, bob), 1_000);
    const payments = await paymentsIn(s, d.id);
    assert.ok(payments.every((p) => p.recorded_by !== null));
    const more = await call('POST', `/invoices/${d.id}/payments`, { amount: 1 });
    assert.equal(more.status, 409);
    assert.equal(more.body.code, 'INVOICE_NOT_PAYABLE');
    const listed = ok(
      await call('GET', `/payments?accountId=${bob.accountId}&gateway=manual`, undefined, support),
    );
    assert.deepEqual(
      listed.items.map((p: any) => [p.reference, p.invoiceNumber, p.accountName]),
      [
        ['BT-2', rest.number, 'bob'],
        ['BT-1', rest.number, 'bob'],
      ],
    );
    assert.equal((await audits('payment.recorded')).length, 2);
  });

  test('refunds: through the gateway, or to credit; the credit applied always returns', async () => {
    const cleo = await newClient(s, 'cleo@console.test');
    ok(
      await call('POST', `/clients/${cleo.accountId}/credit`, {
        currency: 'USD',
        amount: 500,
        description: 'Promo',
      }),
      201,
    );
    const card = await placeOrder(s, cleo, [{ productId: catalog.pro.id, cycle: 'monthly' }]);
    ok(
      await s.request('POST', `/api/v1/invoices/${card.invoice.id}/credit`, {
        headers: { ...cleo.headers, 'idempotency-key': key() },
        body: {},
      }),
    );
    ok(await pay(s, cleo, card.invoice.id, { gateway: 'test', card: CARD }), 201);
    const notPaid = await placeOrder(s, cleo, [{ productId: catalog.pro.id, cycle: 'monthly' }]);
    assert.equal((await call('POST', `/invoices/${notPaid.invoice.id}/refund`, {})).status, 409);

    const refunded = ok(
      await call('POST', `/invoices/${card.invoice.id}/refund`, { reason: 'Changed their mind' }),
    );
    assert.equal(refunded.status, 'refunded');
    assert.equal(refunded.refundedAt, s.clock.now().toISOString());
    assert.deepEqual(
      refunded.payments.map((p: any) => p.status),
      ['refunded'],
    );
    assert.equal(
      await creditOf(s, cleo),
      500,
      'the credit applied came back; the card payment went back to the card',
    );
    assert.equal((await call('POST', `/invoices/${card.invoice.id}/refund`, {})).status, 409);
    const service = await s.app.portico.db
      .selectFrom('services')
      .select('status')
      .where('order_id', '=', card.order.id)
      .executeTakeFirstOrThrow();
    assert.equal(service.status, 'cancelled');

    ok(await pay(s, cleo, notPaid.invoice.id), 201);
    const toCredit = ok(await call('POST', `/invoices/${notPaid.invoice.id}/refund`, { toCredit: true }));
    assert.equal(toCredit.status, 'refunded');
    assert.equal(await creditOf(s, cleo), 3_000);
    const entries = ok(await s.request('GET', '/api/v1/credit/entries', { headers: cleo.headers }));
    assert.deepEqual(
      [entries.items[0].kind, entries.items[0].amount, entries.items[0].invoiceId],
      ['refund', 2_500, notPaid.invoice.id],
    );
    const subjects = (await s.mailsTo(cleo.email)).map((m) => m.subject);
    assert.equal(subjects.filter((m) => m.endsWith('was refunded')).length, 2);
    assert.equal((await audits('invoice.refunded')).length, 2);
  });

  test('numbering: prefix and padding, no duplicates under parallel issues, and the counter never goes back', async () => {
    const settings = ok(await call('GET', '/billing/settings'));
    assert.equal(settings.invoicePrefix, 'INV-');
    assert.equal(settings.numberPadding, 5);
    const used = settings.nextInvoiceNumber - 1;
    const backwards = await call('PATCH', '/billing/settings', { nextInvoiceNumber: used }, admin);
    assert.equal(backwards.status, 409);
    assert.equal(backwards.body.code, 'CONFLICT');

    const set = ok(
      await call(
        'PATCH',
        '/billing/settings',
        { invoicePrefix: 'NW-', numberPadding: 3, nextInvoiceNumber: 40 },
        admin,
      ),
    );
    assert.deepEqual([set.invoicePrefix, set.numberPadding, set.nextInvoiceNumber], ['NW-', 3, 40]);
    const drafts = await Promise.all(Array.from({ length: 5 }, () => draft(ada)));
    const issued = await Promise.all(drafts.map((d) => call('POST', `/invoices/${d.id}/issue`)));
    assert.deepEqual(issued.map((r) => r.body.number).sort(), [
      'NW-040',
      'NW-041',
      'NW-042',
      'NW-043',
      'NW-044',
    ]);
    assert.equal(ok(await call('GET', '/billing/settings')).nextInvoiceNumber, 45);
    for (const n of [40, 44]) {
      const r = await call('PATCH', '/billing/settings', { nextInvoiceNumber: n }, admin);
      assert.equal(r.status, 409, String(n));
    }
    ok(await call('PATCH', '/billing/settings', { nextInvoiceNumber: 1_000 }, admin));
    const big = ok(
      await call('POST', '/invoices', {
        accountId: ada.accountId,
        issue: true,
        lines: [{ description: 'x', unitAmount: 1 }],
      }),
      201,
    );
    assert.equal(big.number, 'NW-1000', 'padding is a minimum');
    assert.equal((await call('PATCH', '/billing/settings', { nextInvoiceNumber: 45 }, admin)).status, 409);
    // Back to the old prefix: its own numbers are what the counter must stay above.
    const oldPrefix = await call(
      'PATCH',
      '/billing/settings',
      { invoicePrefix: 'INV-', numberPadding: 5, nextInvoiceNumber: 1 },
      admin,
    );
    assert.equal(oldPrefix.status, 409);
    const back = ok(
      await call('PATCH', '/billing/settings', { invoicePrefix: 'INV-', numberPadding: 5 }, admin),
    );
    assert.equal(back.nextInvoiceNumber, 1_001);
    const all = await s.app.portico.db
      .selectFrom('invoices')
      .select('number')
      .where('number', 'is not', null)
      .execute();
    assert.equal(new Set(all.map((r) => r.number)).size, all.length, 'no number twice');
    assert.ok((await audits('billing_settings.updated')).length >= 3);
  });

  test('billing settings change only what is sent', async () => {
    const before = ok(await call('GET', '/billing/settings'));
    const after = ok(
      await call(
        'PATCH',
        '/billing/settings',
        {
          paymentTermsDays: 30,
          reminderDays: [1, 7, 7],
          suspendAfterDays: null,
          businessAddress: '1 Harbour Street',
          taxId: 'GB123',
          taxRules: [{ name: 'VAT', rateBps: 2_000, country: 'gb' }],
        },
        admin,
      ),
    );
    assert.deepEqual(after, {
      ...before,
      paymentTermsDays: 30,
      reminderDays: [7, 1],
      suspendAfterDays: null,
      businessAddress: '1 Harbour Street',
      taxId: 'GB123',
      taxRules: [{ name: 'VAT', rateBps: 2_000, country: 'GB', state: null }],
    });
    ok(await call('PATCH', '/billing/settings', { taxRules: [], paymentTermsDays: 14 }, admin));
  });

  test('gateways: staff see and change them; clients then see what is on', async () => {
    const list = ok(await call('GET', '/billing/gateways')).items;
    assert.deepEqual(
      list.map((g: any) => [g.id, g.enabled]),
      [
        ['test', true],
        ['manual', false],
        ['stripe', false],
      ],
    );
    const manual = ok(
      await call(
        'PATCH',
        '/billing/gateways/manual',
        { enabled: true, instructions: 'IBAN ES00 0000' },
        admin,
      ),
    );
    assert.equal(manual.enabled, true);
    const info = ok(await s.request('GET', '/api/v1/billing/gateways', { headers: ada.headers })).items;
    assert.deepEqual(
      info.find((g: any) => g.id === 'manual'),
      {
        id: 'manual',
        name: 'Bank transfer',
        kind: 'offline',
        instructions: 'IBAN ES00 0000',
        testMode: false,
      },
    );
    assert.equal((await call('PATCH', '/billing/gateways/paypal', { enabled: true }, admin)).status, 404);
    const audit = await audits('gateway.updated');
    assert.deepEqual(JSON.parse(audit[0]!.details).changed, ['enabled', 'instructions']);
  });

  test('lists for the console carry the account; credit is adjusted but never below zero', async () => {
    const byQ = ok(await call('GET', '/invoices?q=nw-04', undefined, support));
    assert.equal(byQ.items.length, 5);
    assert.ok(byQ.items.every((i: any) => i.number.startsWith('NW-04') && i.accountName === 'ada'));
    const drafts = ok(await call('GET', `/invoices?status=draft&accountId=${ada.accountId}`));
    assert.ok(drafts.items.every((i: any) => i.status === 'draft' && i.accountId === ada.accountId));
    const page = ok(await call('GET', '/invoices?limit=2'));
    const next = ok(await call('GET', `/invoices?limit=2&cursor=${page.nextCursor}`));
    assert.equal(new Set([...page.items, ...next.items].map((i: any) => i.id)).size, 4);
    const orders = ok(
      await call('GET', `/orders?accountId=${ada.accountId}&status=cancelled`, undefined, support),
    );
    assert.equal(orders.items.length, 2);
    assert.ok(orders.items.every((o: any) => o.accountName === 'ada'));

    const dan = await newClient(s, 'dan@console.test');
    assert.deepEqual(ok(await call('GET', `/clients/${dan.accountId}/credit`, undefined, support)), {
      balances: [],
      entries: [],
    });
    const added = ok(
      await call('POST', `/clients/${dan.accountId}/credit`, {
        currency: 'EUR',
        amount: 1_000,
        description: 'Welcome',
      }),
      201,
    );
    assert.deepEqual(added.balances, [{ currency: 'EUR', amount: 1_000 }]);
    const tooMuch = await call('POST', `/clients/${dan.accountId}/credit`, {
      currency: 'EUR',
      amount: -1_001,
      description: 'Oops',
    });
    assert.equal(tooMuch.status, 409);
    assert.equal(tooMuch.body.code, 'INSUFFICIENT_CREDIT');
    const taken = ok(
      await call('POST', `/clients/${dan.accountId}/credit`, {
        currency: 'EUR',
        amount: -1_000,
        description: 'Expired',
      }),
      201,
    );
    assert.deepEqual(taken.balances, []);
    assert.deepEqual(
      taken.entries.map((e: any) => e.amount),
      [-1_000, 1_000],
    );
    assert.equal((await call('GET', `/clients/${s.app.portico.deps.ids('acct')}/credit`)).status, 404);
    assert.equal(
      (
        await call('POST', `/clients/${dan.accountId}/credit`, {
          currency: 'GBP',
          amount: 1,
          description: 'x',
        })
      ).status,
      400,
    );
    const audit = await audits('credit.adjusted');
    assert.ok(audit.some((a) => a.account_id === dan.accountId));

    const pdf = await fetch(`${s.url}${ADMIN}/invoices/${byQ.items[0].id}/pdf`, { headers: support });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-disposition'), `attachment; filename="${byQ.items[0].number}.pdf"`);
  });
});
