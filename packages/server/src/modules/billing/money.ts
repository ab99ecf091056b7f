/**
 * Money: formatting for people and the integer arithmetic (lines, tax, totals, the tax rule for an address) lives in the contract
 * so the console's estimate is the server's own; see `@portico/sdk/contract`'s money.ts for its rounding rule.
 */
export {
  applyRate,
  formatMoney,
  lineAmount,
  MAX_AMOUNT,
  minorDigits,
  type Totals,
  type TotalsLine,
  taxRuleFor,
  totalsOf,
} from '@portico/sdk/contract';
