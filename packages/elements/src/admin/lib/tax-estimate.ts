import type { TaxRule } from '@portico/sdk/admin';

/** A line of an invoice being written, in minor units. */
export interface EstimateLine {
  quantity: number;
  unitAmount: number;
  taxable: boolean;
}

/** What the invoice would come to: the server works out the real figures when it is saved. */
export interface TotalsEstimate {
  subtotal: number;
  tax: number;
  total: number;
  /** The rule the estimate applied, or null when none matches the client's address. */
  rule: TaxRule | null;
}

/**
 * The tax rule for an address, as the server picks it: a rule for the country and state wins over one for the
 * country, which wins over one for every country (`country: null`).
 */
export function taxRuleFor(
  rules: readonly TaxRule[],
  address: { country?: string | null; state?: string | null },
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

/**
 * Subtotal, tax and total of `lines` under `rule`, in integer arithmetic as the server does it: tax is the rate
 * applied once to the taxable lines' sum, rounded half away from zero (BigInt, so nothing passes through a float).
 */
export function estimateTotals(lines: readonly EstimateLine[], rule: TaxRule | null): TotalsEstimate {
  let subtotal = 0n;
  let taxable = 0n;
  for (const line of lines) {
    const amount = BigInt(line.quantity) * BigInt(line.unitAmount);
    subtotal += amount;
    if (line.taxable) taxable += amount;
  }
  let tax = 0n;
  if (rule && rule.rateBps > 0) {
    const product = taxable * BigInt(rule.rateBps);
    const sign = product < 0n ? -1n : 1n;
    tax = ((product * sign + 5000n) / 10000n) * sign;
  }
  return {
    subtotal: Number(subtotal),
    tax: Number(tax),
    total: Number(subtotal + tax),
    rule: rule && rule.rateBps > 0 ? rule : null,
  };
}
