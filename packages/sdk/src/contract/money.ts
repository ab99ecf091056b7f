import type { TaxRule } from './billing-admin.js';

/**
 * Invoice arithmetic, shared by the server (which stores the figures) and the console (which estimates them
 * while an invoice is written). Amounts are integers in the currency's minor unit; nothing here ever sees a float
 * amount.
 *
 * Rounding rule (stated in docs/billing.md and pinned by tests): tax is the rate applied to the sum of the taxable
 * lines, computed once per invoice in integer arithmetic and rounded half away from zero to the minor unit. Lines
 * are never rounded: a line is quantity × unit amount, exact.
 *
 * @example
 * ```ts
 * import { taxRuleFor, totalsOf } from '@portico/sdk/contract';
 * const rule = taxRuleFor([{ name: 'IVA', rateBps: 2100, country: 'ES', state: null }], { country: 'es' });
 * totalsOf([{ quantity: 3, unitAmount: 1999, taxable: true }], rule); // subtotal 5997, tax 1259, total 7256
 * ```
 */

/** Largest amount we accept anywhere (10^12 minor units); keeps every product below 2^53. */
export const MAX_AMOUNT = 1_000_000_000_000;

/** `amount × bps / 10000`, rounded half away from zero. Exact for |amount| ≤ 10^12 and bps ≤ 10000. */
export function applyRate(amount: number, bps: number): number {
  if (!Number.isSafeInteger(amount) || !Number.isInteger(bps) || bps < 0) {
    throw new RangeError(`applyRate needs integers: ${amount}, ${bps}`);
  }
  const product = BigInt(amount) * BigInt(bps);
  const sign = product < 0n ? -1n : 1n;
  const abs = product * sign;
  const rounded = (abs + 5000n) / 10000n; // BigInt division truncates: +half then truncate = half up on |x|
  return Number(rounded * sign);
}

/** A line as the totals see it: `amount` is derived, never given. */
export interface TotalsLine {
  quantity: number;
  unitAmount: number;
  taxable: boolean;
}

/** An invoice's figures, and the tax rule they applied (none when no rule matched or its rate is 0). */
export interface Totals {
  subtotal: number;
  tax: number;
  total: number;
  taxName: string | null;
  taxRateBps: number;
}

/** A line's amount (quantity × unit amount). Throws when the product leaves the safe range. */
export function lineAmount(line: Pick<TotalsLine, 'quantity' | 'unitAmount'>): number {
  const amount = line.quantity * line.unitAmount;
  if (!Number.isSafeInteger(amount) || Math.abs(amount) > MAX_AMOUNT * 10_000) {
    throw new RangeError('Line amount out of range');
  }
  return amount;
}

/**
 * An invoice's totals: subtotal = Σ line amounts; tax = rate × Σ taxable line amounts (rounded once);
 * total = subtotal + tax. The server's `invoices` table's CHECK holds the last equation.
 */
export function totalsOf(
  lines: readonly TotalsLine[],
  rule: Pick<TaxRule, 'name' | 'rateBps'> | null,
): Totals {
  let subtotal = 0;
  let taxable = 0;
  for (const line of lines) {
    const amount = lineAmount(line);
    subtotal += amount;
    if (line.taxable) taxable += amount;
  }
  const rateBps = rule?.rateBps ?? 0;
  const tax = rule && rateBps > 0 ? applyRate(taxable, rateBps) : 0;
  return {
    subtotal,
    tax,
    total: subtotal + tax,
    taxName: rule && rateBps > 0 ? rule.name : null,
    taxRateBps: rule && rateBps > 0 ? rateBps : 0,
  };
}

/**
 * The tax rule for an address: a rule for its country and state wins over one for its country, which wins over
 * one for every country (`country: null`). No match, no tax.
 */
export function taxRuleFor(
  rules: readonly TaxRule[],
  address: { country?: string | undefined | null; state?: string | undefined | null },
): TaxRule | null {
  const country = address.country?.toUpperCase() || null;
  const state = address.state?.trim().toLowerCase() || null;
  let best: TaxRule | null = null;
  let bestScore = -1;
  for (const rule of rules) {
    let score: number;
    if (rule.country === null) score = 0;
    else if (rule.country !== country) continue;
    else if (rule.state) {
      if (rule.state.trim().toLowerCase() !== state) continue;
      score = 2;
    } else score = 1;
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best;
}

/** Digits after the decimal point in a currency (2 for USD, 0 for JPY, 3 for KWD), from `Intl` (ICU). */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/**
 * Minor units for people: `formatMoney(123456, 'EUR', 'es')` → "1234,56 €". The division happens only here, for
 * display; amounts are never computed in floats. An unknown currency shows as "123456 XYZ".
 */
export function formatMoney(amount: number, currency: string, locale = 'en'): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
      amount / 10 ** minorDigits(currency),
    );
  } catch {
    return `${amount} ${currency}`;
  }
}
