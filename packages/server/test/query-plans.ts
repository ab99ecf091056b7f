import assert from 'node:assert/strict';
import type { TestServer } from './helpers.js';

/** The SELECTs SQLite prepares while `run` runs (each SQL text is prepared once, on first use). */
export async function selectsDuring(s: TestServer, run: () => Promise<unknown>): Promise<string[]> {
  const { sqlite } = s.app.portico;
  const seen: string[] = [];
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    if (/^select/i.test(source)) seen.push(source);
    return prepare(source);
  }) as typeof sqlite.prepare;
  try {
    await run();
  } finally {
    sqlite.prepare = prepare;
  }
  return seen;
}

/** SQLite's plan of `sql` (its `?` bound to null), one step per `|`. */
export function planOf(s: TestServer, sql: string): string {
  const params = Array((sql.match(/\?/g) ?? []).length).fill(null);
  return (s.app.portico.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');
}

/** Asserts that `sqls` holds one query, planned with each of `uses` and no temporary B-tree. */
export function assertOnePlan(s: TestServer, what: string, sqls: string[], ...uses: RegExp[]): void {
  assert.equal(sqls.length, 1, `${what}: ${sqls.length} queries seen\n${sqls.join('\n')}`);
  const plan = planOf(s, sqls[0]!);
  assert.doesNotMatch(plan, /TEMP B-TREE/, `${what}: ${plan}`);
  for (const use of uses) assert.match(plan, use, `${what}: ${plan}`);
}
