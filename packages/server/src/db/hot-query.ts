import { type Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database.js';

/**
 * A read that runs on every authenticated request, built and compiled once: each run sends the same SQL with new
 * parameters. Build `query` with placeholder values; pass the real ones in the order the builder took them.
 */
export function hotQuery<Row>(db: Db, query: Compilable<Row>): (...parameters: unknown[]) => Promise<Row[]> {
  const { sql } = query.compile();
  return async (...parameters) => (await db.executeQuery<Row>(CompiledQuery.raw(sql, parameters))).rows;
}
