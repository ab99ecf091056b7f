// Amounts a person types, turned into the API's integer minor units with string arithmetic only: "12.34" in USD
// is the digits "1234", never 12.34 × 100 (which is 1233.9999… in floating point).

/** Why a typed amount was refused. */
export type AmountProblem = 'format' | 'digits' | 'zero' | 'over';

/** A typed amount in minor units, or why it was refused. */
export type ParsedAmount =
  | { amount: number; problem?: undefined }
  | { amount?: undefined; problem: AmountProblem };

/** More than the API ever takes (10^12 minor units), so every accepted amount is an exact integer. */
const MAX_MINOR_DIGITS = 13;

/** The decimal and grouping separators of `lang` ("." and "," in English, "," and "." in Spanish). */
export function separators(lang: string): { decimal: string; group: string } {
  let parts: Intl.NumberFormatPart[];
  try {
    parts = new Intl.NumberFormat(lang, { useGrouping: true }).formatToParts(12345.6);
  } catch {
    parts = [];
  }
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
  };
}

/** Whether `text` is digits in groups of three after a first group of one to three, split by `group`. */
const grouped = (text: string, group: string) => {
  const [first = '', ...rest] = text.split(group);
  return /^\d{1,3}$/.test(first) && rest.length > 0 && rest.every((part) => /^\d{3}$/.test(part));
};

/**
 * The amount a person typed, in minor units of a currency with `digits` decimal places (2 for USD, 0 for JPY),
 * at most `max`. Spaces are ignored. The separator is read the way `lang` writes numbers, and leniently: "12.50"
 * in Spanish is twelve and a half (a thousands separator is followed by three digits), "1,000" in English is a
 * thousand, and with both separators the last one is the decimal one. More decimal places than the currency has
 * are refused, not rounded.
 *
 * @example
 * ```ts
 * parseAmount('12.34', 2, 'en', 5000); // { amount: 1234 }
 * parseAmount('12,345', 2, 'es', 5000); // { problem: 'digits' }
 * ```
 */
export function parseAmount(text: string, digits: number, lang: string, max: number): ParsedAmount {
  const typed = text.replace(/\s/g, '');
  const { decimal, group } = separators(lang);
  const isSeparator = (c: string) => c === '.' || c === ',' || c === "'" || c === '’' || c === group;
  if (!typed || ![...typed].every((c) => (c >= '0' && c <= '9') || isSeparator(c))) {
    return { problem: 'format' };
  }
  const used = [...new Set([...typed].filter(isSeparator))];
  let whole = typed;
  let fraction = '';
  let mark: string | undefined;
  if (used.length > 1) {
    // Both kinds: the last one is the decimal separator, and it appears once.
    mark = typed[Math.max(...used.map((c) => typed.lastIndexOf(c)))];
  } else if (used.length === 1) {
    const only = used[0]!;
    const count = typed.split(only).length - 1;
    const after = typed.slice(typed.lastIndexOf(only) + 1);
    const looksGrouped = only !== decimal && /^\d{3}$/.test(after) && grouped(typed, only);
    if (count === 1 && !looksGrouped) mark = only;
  }
  if (mark !== undefined) {
    const at = typed.lastIndexOf(mark);
    whole = typed.slice(0, at);
    fraction = typed.slice(at + 1);
    if (!/^\d*$/.test(fraction)) return { problem: 'format' };
  }
  const groupMarks = [...new Set([...whole].filter(isSeparator))];
  if (groupMarks.length > 1) return { problem: 'format' };
  if (groupMarks.length === 1) {
    if (!grouped(whole, groupMarks[0]!)) return { problem: 'format' };
    whole = whole.split(groupMarks[0]!).join('');
  }
  if (!whole && !fraction) return { problem: 'format' };
  if (fraction.length > digits) return { problem: 'digits' };
  const minor = `${whole}${fraction.padEnd(digits, '0')}`.replace(/^0+/, '');
  if (!minor) return { problem: 'zero' };
  if (minor.length > MAX_MINOR_DIGITS) return { problem: 'over' };
  const amount = Number(minor);
  return amount > max ? { problem: 'over' } : { amount };
}

/**
 * Minor units as a person would type them, without grouping: `decimalInput(123456, 2, 'es')` → "1234,56",
 * `decimalInput(500, 0, 'en')` → "500".
 */
export function decimalInput(amount: number, digits: number, lang: string): string {
  const text = String(Math.abs(Math.trunc(amount))).padStart(digits + 1, '0');
  if (!digits) return text;
  return `${text.slice(0, -digits)}${separators(lang).decimal}${text.slice(-digits)}`;
}
