import { HttpError } from './problem.js';

/** A cursor that is tampered, foreign, or does not name a position of its list: always this same 400. */
export const invalidCursor = (): HttpError =>
  new HttpError(400, 'VALIDATION_FAILED', 'The cursor is not valid', {
    errors: [{ path: 'cursor', message: 'The cursor is not valid' }],
  });

/** An opaque cursor for keyset pagination: the sort key of the last item seen, base64url JSON. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Reads a cursor made by `encodeCursor`; a tampered or foreign one is a 400, never a 500. */
export function decodeCursor<T extends Record<string, string>>(cursor: string | undefined): T | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && Object.values(value).every((v) => typeof v === 'string'))
      return value as T;
  } catch {
    // falls through to the error below
  }
  throw invalidCursor();
}

/**
 * Reads the cursor of a list ordered by one sort value then the id, `{ [key]: value, i: id }` (`key` is `c` for
 * lists by creation time, `a` for lists by another time); a cursor without both is a 400.
 */
export function readKeysetCursor(
  cursor: string | undefined,
  key: string,
): { value: string; id: string } | undefined {
  const decoded = decodeCursor<Record<string, string>>(cursor);
  if (!decoded) return undefined;
  const value = decoded[key];
  if (!value || !decoded.i) throw invalidCursor();
  return { value, id: decoded.i };
}
