import { encodeCursor, readKeysetCursor } from '../../http/cursor.js';

export { invalidCursor } from '../../http/cursor.js';

/** A keyset position in a list ordered by (time DESC, id DESC). */
export interface TimeKeyset {
  at: string;
  id: string;
}

/** The cursor of a (time, id) position. */
export const timeCursor = (at: string, id: string): string => encodeCursor({ a: at, i: id });

/** Reads a cursor made by `timeCursor`; anything else is a 400. */
export function readTimeCursor(cursor: string | undefined): TimeKeyset | undefined {
  const key = readKeysetCursor(cursor, 'a');
  return key && { at: key.value, id: key.id };
}

/** A page of `limit` from `rows` fetched with `limit + 1`: the items and the cursor of the last one shown. */
export function pageOf<R, T>(
  rows: readonly R[],
  limit: number,
  view: (row: R) => T,
  cursor: (row: R) => string,
): { items: T[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { items: shown.map(view), nextCursor: rows.length > limit && last ? cursor(last) : null };
}
