/** A date and time in the reader's language, e.g. "3 Mar 2025, 14:05". Empty for null. */
export function formatDateTime(lang: string, iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A date in the reader's language, e.g. "3 Mar 2025". Empty for null. */
export function formatDate(lang: string, iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(date);
}

/** A TOTP secret in groups of four, easier to type: `JBSW Y3DP EHPK 3PXP`. */
export const groupSecret = (secret: string) => secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');

/** Waits `ms` milliseconds (read at each call) after the last call before calling `fn` (search boxes). */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: () => number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms());
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}

/** A `datetime-local` value (the reader's local time) as an ISO 8601 UTC time, or undefined when empty. */
export function localToIso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
