/**
 * An instant the contract's `InstantSchema` accepted, as an ISO string: with a zone it means what it says; without
 * one (`2026-12-31T22:00`, what a `datetime-local` input sends) it is read as UTC, never as the server's zone.
 */
export function toInstant(value: string): string {
  const zoned = /(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(value.trim());
  return new Date(zoned ? value.trim() : `${value.trim()}Z`).toISOString();
}
