// Amounts a person types, read into the API's integer minor units with string arithmetic only: "12.34" in USD is
// the digits "1234", never 12.34 × 100 (which is 1233.9999… in floating point).
import { minorDigits } from './format.js';

/** The largest amount the API takes anywhere (10^12 minor units). */
export const MAX_AMOUNT = 1_000_000_000_000;

/** Why a typed amount was refused: the message key to show beside it. */
export type MoneyInputError =
  | 'errorAmount'
  | 'errorAmountDecimals'
  | 'errorAmountNegative'
  | 'errorAmountTooLarge';

/** A typed amount read into minor units, or why it could not be. */
export type MoneyInputResult = { ok: true; amount: number } | { ok: false; error: MoneyInputError };

export interface MoneyInputOptions {
  /** The reader's language: its grouping separator tells "1,234" (en) from "1,5" (a decimal comma). */
  lang?: string;
  /** Whether a leading minus is allowed (credit adjustments, discount lines). */
  negative?: boolean;
  /** The most allowed, in minor units (`errorAmountTooLarge` above it); {@link MAX_AMOUNT} unless given. */
  max?: number;
  /** Whether the decimal mark may start or end the number (".5", "12."), as the invoice's pay form allows. */
  bareDecimal?: boolean;
}

/** The decimal and grouping separators of `lang` ("." and "," in English, "," and "." in Spanish). */
export function separators(lang: string): { decimal: string; group: string } {
  try {
    const parts = new Intl.NumberFormat(lang, { useGrouping: true }).formatToParts(12345.6);
    return {
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
    };
  } catch {
    return { decimal: '.', group: ',' };
  }
}

/**
 * Reads an amount a person typed ("12.50", "1.234,5", "-3", "1 000") into the integer minor units the API uses
 * (`1250` for 12.50 USD), with string arithmetic only: the typed digits are never multiplied as a float.
 *
 * Either `.` or `,` may mark the decimals. When both appear, the last one does and the other groups thousands;
 * one kind appearing more than once groups thousands. A single one is the decimal mark, unless it is `lang`'s
 * grouping separator followed by exactly three digits ("1,234" in English, "1.234" in Spanish). Spaces and
 * apostrophes group thousands too. More decimals than the currency has are refused, not rounded.
 *
 * @example
 * ```ts
 * parseMoneyInput('12.5', 'USD');                 // { ok: true, amount: 1250 }
 * parseMoneyInput('1.234,56', 'EUR', { lang: 'es' }); // { ok: true, amount: 123456 }
 * parseMoneyInput('10.5', 'JPY');                 // { ok: false, error: 'errorAmountDecimals' }
 * parseMoneyInput('.5', 'USD', { bareDecimal: true, max: 40 }); // { ok: false, error: 'errorAmountTooLarge' }
 * ```
 */
export function parseMoneyInput(
  text: string,
  currency: string,
  options: MoneyInputOptions = {},
): MoneyInputResult {
  const digits = minorDigits(currency);
  let s = text.replace(/[\s\u00a0\u202f'’]/g, '');
  let sign = '';
  if (/^[-−+]/.test(s)) {
    sign = s[0] === '+' ? '' : '-';
    s = s.slice(1);
  }
  if (!/^[\d.,]*\d[\d.,]*$/.test(s) || (!options.bareDecimal && /^[.,]|[.,]$/.test(s))) {
    return { ok: false, error: 'errorAmount' };
  }
  const marks = [...s].filter((c) => c === '.' || c === ',');
  const kinds = new Set(marks);
  let whole = s;
  let fraction = '';
  let grouped = '';
  if (kinds.size === 2) {
    const decimal = s[Math.max(s.lastIndexOf('.'), s.lastIndexOf(','))] as string;
    const at = s.lastIndexOf(decimal);
    whole = s.slice(0, at);
    fraction = s.slice(at + 1);
    grouped = decimal === '.' ? ',' : '.';
    if (whole.includes(decimal)) return { ok: false, error: 'errorAmount' };
  } else if (marks.length > 1) {
    grouped = marks[0] as string;
  } else if (marks.length === 1) {
    const mark = marks[0] as string;
    const [before = '', after = ''] = s.split(mark);
    const { group } = separators(options.lang ?? 'en');
    if (mark === group && after.length === 3) grouped = mark;
    else {
      whole = before;
      fraction = after;
    }
  }
  if (grouped) {
    const groups = whole.split(grouped);
    const [head = '', ...tail] = groups;
    if (!/^\d{1,3}$/.test(head) || tail.some((g) => !/^\d{3}$/.test(g)))
      return { ok: false, error: 'errorAmount' };
    whole = groups.join('');
  }
  // A bare decimal mark (".5") leaves no whole digits; the digit the check above asked for is in the fraction.
  const wholeDigits = options.bareDecimal ? /^\d*$/ : /^\d+$/;
  if (!wholeDigits.test(whole) || !/^\d*$/.test(fraction)) return { ok: false, error: 'errorAmount' };
  if (fraction.length > digits) return { ok: false, error: 'errorAmountDecimals' };
  const minor = `${whole}${fraction.padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '');
  if (minor.length > String(MAX_AMOUNT).length || Number(minor) > (options.max ?? MAX_AMOUNT)) {
    return { ok: false, error: 'errorAmountTooLarge' };
  }
  if (sign && minor !== '0' && !options.negative) return { ok: false, error: 'errorAmountNegative' };
  const amount = Number(minor);
  return { ok: true, amount: sign && amount ? -amount : amount };
}

/**
 * Minor units as a person would type them back, in `lang`'s decimal mark and without grouping: `1250` USD →
 * "12.50" (en) or "12,50" (es); what an amount field starts with, and what {@link parseMoneyInput} reads back.
 */
export function moneyInputValue(amount: number, currency: string, lang = 'en'): string {
  const digits = minorDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const text = String(Math.abs(Math.trunc(amount))).padStart(digits + 1, '0');
  if (!digits) return `${sign}${text}`;
  const { decimal } = separators(lang);
  return `${sign}${text.slice(0, -digits)}${decimal}${text.slice(-digits)}`;
}
