import { CommonErrorCodes } from '@portico/sdk/contract';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { HttpError } from '../../http/problem.js';

/** A keyset position in a list ordered by (time DESC, id DESC). */
export interface TimeKeyset {
  at: string;
  id: string;
}

/** A cursor that decoded but does not name a position of this list: 400, as a tampered one is. */
export const invalidCursor = () =>
  new HttpError(400, CommonErrorCodes.VALIDATION_FAILED, 'The cursor is not valid', {
    errors: [{ path: 'cursor', message: 'The cursor is not valid' }],
  });

/** The cursor of a (time, id) position. */
export const timeCursor = (at: string, id: string): string => encodeCursor({ a: at, i: id });

/** Reads a cursor made by `timeCursor`; anything else is a 400. */
export function readTimeCursor(cursor: string | undefined): TimeKeyset | undefined {
  const key = decodeCursor<{ a?: string; i?: string }>(cursor);
  if (!key) return undefined;
  if (!key.a || !key.i) throw invalidCursor();
  return { at: key.a, id: key.i };
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
