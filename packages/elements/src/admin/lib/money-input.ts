import { separators } from '../../lib/money-input.js';

// Typed amounts are read by the parser the client elements share.
export {
  MAX_AMOUNT,
  type MoneyInputError,
  type MoneyInputOptions,
  type MoneyInputResult,
  moneyInputValue,
  parseMoneyInput,
} from '../../lib/money-input.js';

/**
 * A percentage a person typed ("21", "7.5", "8,875") as basis points (2100, 750, 888 is refused: at most two
 * decimals), with string arithmetic; undefined when it is not a number from 0 to 100.
 */
export function parsePercent(text: string): number | undefined {
  const s = text.replace(/[\s%]/g, '');
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!match) return undefined;
  const bps = Number(`${match[1]}${(match[2] ?? '').padEnd(2, '0')}`);
  return bps <= 10_000 ? bps : undefined;
}

/** Basis points as a percentage to type back: 2100 → "21", 750 → "7.5" (in `lang`'s decimal mark). */
export function percentValue(bps: number, lang = 'en'): string {
  const whole = Math.trunc(bps / 100);
  const rest = String(bps % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return rest ? `${whole}${separators(lang).decimal}${rest}` : String(whole);
}
