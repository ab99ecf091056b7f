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
