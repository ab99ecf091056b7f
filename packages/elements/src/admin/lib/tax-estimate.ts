import type { TaxRule } from '@portico/sdk/admin';
import { type TotalsLine, totalsOf } from '@portico/sdk/contract';

export { taxRuleFor } from '@portico/sdk/contract';

/** A line of an invoice being written, in minor units. */
export type EstimateLine = TotalsLine;

/** What the invoice would come to: the server works out the real figures when it is saved. */
export interface TotalsEstimate {
  subtotal: number;
  tax: number;
  total: number;
  /** The rule the estimate applied, or null when none matches the client's address. */
  rule: TaxRule | null;
}

/**
 * Subtotal, tax and total of `lines` under `rule`, by the server's own arithmetic (`totalsOf` of the contract).
 * Lines too large for the server to store (it refuses them) estimate to NaN instead of throwing mid-render.
 */
export function estimateTotals(lines: readonly EstimateLine[], rule: TaxRule | null): TotalsEstimate {
  try {
    const { subtotal, tax, total, taxRateBps } = totalsOf(lines, rule);
    return { subtotal, tax, total, rule: taxRateBps > 0 ? rule : null };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { subtotal: Number.NaN, tax: Number.NaN, total: Number.NaN, rule: null };
  }
}
