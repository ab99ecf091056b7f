/** Dates, times, places and lists in the reader's language, through `Intl` (no data shipped); keys to type. */

import { formatMoney as formatAmount, minorDigits } from '@portico/sdk';

const valid = (iso: string | null | undefined): Date | undefined => {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/** A date and time, e.g. "3 Mar 2025, 14:05". Empty for null. */
export function formatDateTime(lang: string, iso: string | null | undefined): string {
  const date = valid(iso);
  if (!date) return iso ?? '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A date, e.g. "3 Mar 2025". Empty for null. */
export function formatDate(lang: string, iso: string | null | undefined): string {
  const date = valid(iso);
  if (!date) return iso ?? '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(date);
}

/** A time of day, e.g. "14:05". */
export function formatTime(lang: string, iso: string): string {
  const date = valid(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(date);
}

/** The reader's local calendar day of `iso`, as `YYYY-MM-DD`, to group entries by. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const capitalize = (lang: string, text: string) =>
  text ? text.charAt(0).toLocaleUpperCase(lang) + text.slice(1) : text;

/** A day heading: "Today", "Yesterday", else the full date ("Monday, 3 March 2025"). */
export function dayHeading(lang: string, iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(date) - startOf(now)) / 86_400_000);
  if (days === 0 || days === -1) {
    return capitalize(lang, new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(days, 'day'));
  }
  return new Intl.DateTimeFormat(lang, { dateStyle: 'full' }).format(date);
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** `iso` relative to now in `lang`: "5 minutes ago", "yesterday", "now". */
export function relativeTime(lang: string, iso: string, now = Date.now()): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** A file size for people: "512 bytes", "1.5 kB", "25 MB" (steps of 1024). */
export function formatBytes(lang: string, bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: BYTE_UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 || value >= 10 ? 0 : 1,
  }).format(value);
}

/** "A, B and C" in the reader's language. */
export const formatList = (lang: string, items: readonly string[]): string =>
  new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);

/** A language's name in that language, e.g. `es` → "Español". */
export function languageName(tag: string): string {
  try {
    return capitalize(tag, new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag);
  } catch {
    return tag;
  }
}

/** A region's name, e.g. `ES` → "Spain"; the code itself when unknown. */
export function regionName(lang: string, code: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A currency's code and name, e.g. `EUR` → "EUR · Euro". */
export function currencyLabel(lang: string, code: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'currency', fallback: 'none' }).of(code);
    return name ? `${code} · ${name}` : code;
  } catch {
    return code;
  }
}

/** Region codes that are not countries (groupings and private-use codes). */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);
const countriesByLang = new Map<string, { code: string; name: string }[]>();

/**
 * Every country the browser can name, as ISO 3166-1 alpha-2 codes with their names in `lang`, sorted by name.
 * Built from `Intl.DisplayNames`, so no list is shipped.
 */
export function countries(lang: string): { code: string; name: string }[] {
  let list = countriesByLang.get(lang);
  if (!list) {
    const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    const collator = new Intl.Collator(lang);
    list = [];
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const name = NOT_COUNTRIES.has(code) ? undefined : names.of(code);
        if (name && name !== code) list.push({ code, name });
      }
    }
    list.sort((x, y) => collator.compare(x.name, y.name));
    countriesByLang.set(lang, list);
  }
  return list;
}

/** A TOTP secret in groups of four, easier to type: `JBSW Y3DP EHPK 3PXP`. */
export const groupSecret = (secret: string) => secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');

export { minorDigits };

/** An amount in minor units (the API's integers) for people, e.g. `formatMoney('es', 123456, 'EUR')` → "1234,56 €". */
export const formatMoney = (lang: string, amount: number, currency: string): string =>
  formatAmount(amount, currency, lang);
