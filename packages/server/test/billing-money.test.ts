import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { applyRate, formatMoney, minorDigits, taxRuleFor, totalsOf } from '../src/modules/billing/money.js';
import {
  type Client,
  invoiceOf,
  newClient,
  ok,
  placeOrder,
  seedCatalog,
  staffHeaders,
} from './billing-helpers.js';
import { startServer, type TestServer } from './helpers.js';

/** The rounding rule, independently: amount × bps / 10 000 to the nearest integer, halves away from zero. */
function reference(amount: number, bps: number): number {
  const n = BigInt(amount) * BigInt(bps);
  const q = n / 10_000n;
  const r = n % 10_000n;
  const abs = r < 0n ? -r : r;
  return Number(abs * 2n >= 10_000n ? q + (n < 0n ? -1n : 1n) : q);
}

/** A small seeded PRNG (mulberry32), so a failing cart can be found again. */
function prng(seed: number) {
  let a = seed >>> 0;
  return (max: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % max;
  };
}

/** Every money field of an answer, anywhere in it. */
function moneyFields(value: unknown, path = '$'): Array<[string, unknown]> {
  if (Array.isArray(value)) return value.flatMap((v, i) => moneyFields(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    /^(amount|total|subtotal|tax|balance|unitAmount|setupFee|creditApplied|amountPaid)$/.test(k)
      ? [[`${path}.${k}`, v] as [string, unknown]]
      : moneyFields(v, `${path}.${k}`),
  );
}

describe('money: the rounding rule', () => {
  test('applyRate rounds half away from zero, for positive and negative amounts', () => {
    const table: Array<[amount: number, bps: number, expected: number]> = [
      [1_000, 2_100, 210],
      [1, 5_000, 1], // 0.5 → 1
      [-1, 5_000, -1], // −0.5 → −1, not 0
      [3, 5_000, 2], // 1.5 → 2
      [-3, 5_000, -2],
      [2, 2_500, 1], // 0.5
      [-2, 2_500, -1],
      [1_044, 1_000, 104], // 104.4
      [1_045, 1_000, 105], // 104.5
      [-1_045, 1_000, -105],
      [1_046, 1_000, 105],
      [-1_044, 1_000, -104],
      [1_999, 2_100, 420], // 419.79
      [12_345, 750, 926], // 925.875
      [0, 2_100, 0],
      [7, 0, 0],
      [999_999_999_999, 1, 100_000_000], // 99 999 999.9999
      [1_000_000_000_000, 10_000, 1_000_000_000_000],
      [-1_000_000_000_000, 10_000, -1_000_000_000_000],
      // A 0-decimal currency (JPY) rounds to the yen the same way: minor units are what is rounded.
      [1_234, 1_000, 123], // ¥123.4
      [1_235, 1_000, 124], // ¥123.5
      [-1_235, 1_000, -124],
    ];
    for (const [amount, bps, expected] of table) {
      assert.equal(applyRate(amount, bps), expected, `applyRate(${amount}, ${bps})`);
      assert.equal(reference(amount, bps), expected, `reference(${amount}, ${bps})`);
    }
  });

  test('applyRate refuses anything that is not an integer amount and a non-negative integer rate', () => {
    assert.throws(() => applyRate(10.5, 2_100), RangeError);
    assert.throws(() => applyRate(10, 21.5), RangeError);
    assert.throws(() => applyRate(10, -1), RangeError);
    assert.throws(() => applyRate(Number.MAX_SAFE_INTEGER + 1, 1), RangeError);
  });

  test('applyRate agrees with the reference rule on random amounts and rates', () => {
    const next = prng(42);
    for (let i = 0; i < 5_000; i++) {
      const amount = (next(2) ? -1 : 1) * next(2_000_000_000);
      const bps = next(10_001);
      assert.equal(applyRate(amount, bps), reference(amount, bps), `applyRate(${amount}, ${bps})`);
    }
  });

  test('totalsOf: tax is rounded once, on the sum of the taxable lines', () => {
    const cents = [1, 1, 1].map(() => ({ quantity: 1, unitAmount: 1, taxable: true }));
    // Per line, 50% of 1 cent would round to 1 three times (3); once on the sum it is 1.5 → 2.
    assert.deepEqual(totalsOf(cents, { name: 'VAT', rateBps: 5_000 }), {
      subtotal: 3,
      tax: 2,
      total: 5,
      taxName: 'VAT',
      taxRateBps: 5_000,
    });
    const mixed = [
      { quantity: 2, unitAmount: 1_999, taxable: true },
      { quantity: 1, unitAmount: -500, taxable: true }, // a discount
      { quantity: 1, unitAmount: 1_000, taxable: false },
    ];
    assert.deepEqual(totalsOf(mixed, { name: 'VAT', rateBps: 2_100 }), {
      subtotal: 4_498,
      tax: 735, // 21% of 3 498 = 734.58
      total: 5_233,
      taxName: 'VAT',
      taxRateBps: 2_100,
    });
    assert.deepEqual(totalsOf(mixed, null), {
      subtotal: 4_498,
      tax: 0,
      total: 4_498,
      taxName: null,
      taxRateBps: 0,
    });
    assert.equal(totalsOf(mixed, { name: 'Zero', rateBps: 0 }).taxName, null);
    // Yen: 3 × ¥333 at 10% = ¥99.9 → ¥100.
    assert.equal(
      totalsOf([{ quantity: 3, unitAmount: 333, taxable: true }], { name: 'JCT', rateBps: 1_000 }).tax,
      100,
    );
    assert.throws(() => totalsOf([{ quantity: 3, unitAmount: 0.5, taxable: true }], null), RangeError);
  });

  test('totalsOf: total = subtotal + tax and every figure is an integer, for random carts', () => {
    const next = prng(7);
    for (let i = 0; i < 2_000; i++) {
      const lines = Array.from({ length: 1 + next(12) }, () => ({
        quantity: 1 + next(20),
        unitAmount: next(5) === 0 ? -next(10_000) : next(1_000_000),
        taxable: next(3) > 0,
      }));
      const rateBps = next(3_000);
      const totals = totalsOf(lines, { name: 'Tax', rateBps });
      const subtotal = lines.reduce((sum, l) => sum + l.quantity * l.unitAmount, 0);
      const taxable = lines.filter((l) => l.taxable).reduce((sum, l) => sum + l.quantity * l.unitAmount, 0);
      assert.equal(totals.subtotal, subtotal);
      assert.equal(totals.tax, reference(taxable, rateBps));
      assert.equal(totals.total, totals.subtotal + totals.tax);
      for (const v of [totals.subtotal, totals.tax, totals.total]) assert.ok(Number.isSafeInteger(v));
    }
  });

  test('taxRuleFor: a state rule beats a country rule, which beats the rule for everyone', () => {
    const rules = [
      { name: 'Default', rateBps: 500, country: null },
      { name: 'IVA', rateBps: 2_100, country: 'ES' },
      { name: 'IGIC', rateBps: 700, country: 'ES', state: 'Canarias' },
    ];
    assert.equal(taxRuleFor(rules, { country: 'ES', state: 'Madrid' })?.name, 'IVA');
    assert.equal(taxRuleFor(rules, { country: 'es', state: ' canarias ' })?.name, 'IGIC');
    assert.equal(taxRuleFor(rules, { country: 'FR' })?.name, 'Default');
    assert.equal(taxRuleFor(rules.slice(1), { country: 'FR' }), null);
  });

  test('formatMoney uses the currency’s minor digits', () => {
    assert.equal(minorDigits('JPY'), 0);
    assert.equal(minorDigits('KWD'), 3);
    assert.equal(formatMoney(123_456, 'USD'), '$1,234.56');
    assert.equal(formatMoney(1_234, 'JPY'), '¥1,234');
    assert.equal(formatMoney(1_234, 'KWD', 'en').replace(/\s/g, ' '), 'KWD 1.234');
  });
});

describe('money: invoices written for random carts', () => {
  let s: TestServer;
  let products: Array<{ id: string; cycles: string[] }>;
  let client: Client;

  before(async () => {
    s = await startServer();
    const catalog = await seedCatalog(s);
    products = [
      { id: catalog.starter.id, cycles: ['monthly', 'annual'] },
      { id: catalog.pro.id, cycles: ['monthly'] },
      { id: catalog.migration.id, cycles: ['one_time'] },
    ];
    const headers = await staffHeaders(s, 'admin');
    ok(
      await s.request('PATCH', '/api/admin/v1/billing/settings', {
        headers,
        body: { taxRules: [{ name: 'VAT', rateBps: 2_150, country: 'GB' }] },
      }),
    );
    client = await newClient(s, 'carts@money.test', { address: { country: 'GB' } });
  });
  after(() => s.close());

  test('total = Σ lines + tax, tax = the rate on the taxable lines, and no amount is ever a fraction', async () => {
    const next = prng(2026);
    for (let i = 0; i < 12; i++) {
      const items = Array.from({ length: 1 + next(4) }, () => {
        const product = products[next(products.length)]!;
        return {
          productId: product.id,
          cycle: product.cycles[next(product.cycles.length)]!,
          quantity: 1 + next(3),
        };
      });
      const { order, invoice } = await placeOrder(s, client, items);
      const lineSum = invoice.lines.reduce((sum: number, l: any) => sum + l.amount, 0);
      const taxable = invoice.lines
        .filter((l: any) => l.taxable)
        .reduce((sum: number, l: any) => sum + l.amount, 0);
      assert.equal(invoice.subtotal, lineSum);
      assert.equal(invoice.tax, reference(taxable, 2_150));
      assert.equal(invoice.total, lineSum + invoice.tax);
      assert.equal(invoice.taxName, 'VAT');
      assert.equal(order.total, invoice.total);
      for (const line of invoice.lines) assert.equal(line.amount, line.quantity * line.unitAmount);
      const again = await invoiceOf(s, client, invoice.id);
      for (const [path, v] of moneyFields({ order, invoice, again })) {
        assert.ok(Number.isSafeInteger(v), `${path} is ${v}`);
      }
    }
  });
});
