import type { InsertResult, UpdateResult } from 'kysely';

/**
 * Whether a write changed exactly one row: how a conditional UPDATE (or an INSERT … ON CONFLICT DO NOTHING)
 * tells the one caller that won from the others.
 */
export function changedOne(result: UpdateResult | InsertResult): boolean {
  const rows = 'numUpdatedRows' in result ? result.numUpdatedRows : result.numInsertedOrUpdatedRows;
  return Number(rows ?? 0) === 1;
}
