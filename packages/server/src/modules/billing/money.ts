/**
 * Money for people. The integer arithmetic (lines, tax, totals, the tax rule for an address) lives in the contract
 * so the console's estimate is the server's own; see `@portico/sdk/contract`'s money.ts for its rounding rule.
 */
export {
  applyRate,
  lineAmount,
  MAX_AMOUNT,
  type Totals,
  type TotalsLine,
  taxRuleFor,
  totalsOf,
} from '@portico/sdk/contract';

/** Digits after the decimal point in a currency (2 for USD, 0 for JPY, 3 for KWD), from ICU. */
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

/** Formats minor units for people: `formatMoney(123456, 'EUR', 'es')` → "1234,56 €". */
export function formatMoney(amount: number, currency: string, locale = 'en'): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount / 10 ** digits);
}
