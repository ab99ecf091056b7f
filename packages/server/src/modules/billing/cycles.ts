import { type BillingCycle, CYCLE_MONTHS } from '@portico/sdk/contract';

/**
 * Adds a billing cycle to a time, in calendar months (UTC). A day past the end of the target month clamps to its
 * last day: 31 January + 1 month is 28 (or 29) February, never 3 March. `one_time` has no next date.
 */
export function addCycle(from: Date | string, cycle: BillingCycle): Date | null {
  if (cycle === 'one_time') return null;
  return addMonths(new Date(from), CYCLE_MONTHS[cycle]);
}

export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** `from` plus whole days. */
export function addDays(from: Date | string, days: number): Date {
  return new Date(new Date(from).getTime() + days * 86_400_000);
}
