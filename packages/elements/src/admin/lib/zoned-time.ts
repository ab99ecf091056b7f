/**
 * Wall-clock times in a named time zone (the staff member's, unless a page is told another), as `datetime-local`
 * inputs show them, and the UTC instants the API takes. Done with `Intl` alone, daylight saving included.
 */

/** The browser's time zone (an IANA name such as `Europe/Madrid`). */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of `ms` in `timeZone`. */
function fieldsIn(ms: number, timeZone: string): Record<string, number> {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const fields: Record<string, number> = {};
  for (const part of format.formatToParts(ms)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return fields;
}

/** How far `timeZone` is ahead of UTC at the instant `ms`, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const f = fieldsIn(ms, timeZone);
  const asUtc = Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A `datetime-local` value read as a wall-clock time in `timeZone`, as an ISO 8601 UTC instant; undefined when it
 * is empty or not a time. A time skipped by a daylight-saving jump is read with the offset before the jump.
 */
export function zonedToIso(value: string | undefined, timeZone: string): string | undefined {
  const m = LOCAL.exec((value ?? '').trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  if (Number.isNaN(wall)) return undefined;
  // The offset at the wall time read as UTC is a first guess; the offset at the guess settles it (DST edges).
  const first = wall - offsetAt(wall, timeZone);
  const settled = wall - offsetAt(first, timeZone);
  if (settled + offsetAt(settled, timeZone) === wall) return new Date(settled).toISOString();
  // No instant shows this wall time (skipped by a jump forward): read it with the offset of the day before.
  return new Date(wall - offsetAt(wall - 86_400_000, timeZone)).toISOString();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as a `datetime-local` value (`YYYY-MM-DDTHH:mm`) in `timeZone`; empty for null. */
export function isoToZoned(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const f = fieldsIn(ms, timeZone);
  return `${f.year}-${pad(f.month!)}-${pad(f.day!)}T${pad(f.hour!)}:${pad(f.minute!)}`;
}

/** A date and time in `lang`, shown in `timeZone` (e.g. "3 Mar 2025, 14:05"); empty for null. */
export function formatInZone(lang: string, iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(ms);
}

/** The name of `timeZone` for people, e.g. "Central European Standard Time (Europe/Madrid)". */
export function timeZoneName(lang: string, timeZone: string, at = Date.now()): string {
  const long = new Intl.DateTimeFormat(lang, { timeZone, timeZoneName: 'long' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return long && long !== timeZone ? `${long} (${timeZone})` : timeZone;
}

/** The message key of what is wrong with one end of a window. */
export type WindowError = 'contentErrorPickTime' | 'contentErrorEndAfterStart';

/**
 * A window typed as two wall-clock times in `timeZone`: its ends in UTC (undefined when not a time), and what is
 * wrong with each end (the end must come after the start).
 */
export function readWindow(
  start: string,
  end: string,
  timeZone: string,
): { startsAt?: string; endsAt?: string; startError?: WindowError; endError?: WindowError } {
  const startsAt = zonedToIso(start, timeZone);
  const endsAt = zonedToIso(end, timeZone);
  const startError = startsAt ? undefined : 'contentErrorPickTime';
  const endError = !endsAt
    ? 'contentErrorPickTime'
    : startsAt && Date.parse(endsAt) <= Date.parse(startsAt)
      ? 'contentErrorEndAfterStart'
      : undefined;
  return { startsAt, endsAt, startError, endError };
}
