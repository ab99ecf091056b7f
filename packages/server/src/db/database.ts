import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import * as identity from './migrations/001-identity.js';
import * as staff from './migrations/002-staff.js';
import * as account from './migrations/003-account.js';
import * as billing from './migrations/004-billing.js';
import * as domains from './migrations/005-domains.js';
import * as supportContent from './migrations/006-support-content.js';
import * as apps from './migrations/007-apps.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/** Numbered migrations, applied in order at start. Append; never edit one that has shipped. */
export const migrations: ReadonlyArray<{ id: number; name: string; up: string }> = [
  { id: 1, ...identity },
  { id: 2, ...staff },
  { id: 3, ...account },
  { id: 4, ...billing },
  { id: 5, ...domains },
  { id: 6, ...supportContent },
  { id: 7, ...apps },
];

/**
 * Runs `work` on the connection with `synchronous = NORMAL`: its commits do not wait for the disk. For counters
 * whose last few updates may be lost on a power cut (rate limits), never for money. In WAL mode this loses
 * durability, not consistency, and the next FULL commit writes them to disk too (the WAL is one sequential log).
 * The connection is held for the whole callback, so no other query runs with the relaxed setting.
 */
export function relaxedWrite<T>(db: Db, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`PRAGMA synchronous = NORMAL`.execute(connection);
    try {
      return await work(connection);
    } finally {
      await sql`PRAGMA synchronous = FULL`.execute(connection);
    }
  });
}

export interface OpenDatabase {
  db: Db;
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

/**
 * Opens the SQLite file (WAL, foreign keys on, busy timeout), applies pending migrations and wraps it in Kysely.
 */
export function openDatabase(file: string): OpenDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // FULL: a commit is on disk before it is acknowledged, so a power cut never loses a payment, an invoice's state
  // or a ledger row. SQLite's setting is per connection, so the whole file gets it (bench/ measures the cost).
  sqlite.pragma('synchronous = FULL');
  migrate(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  let closed = false;
  return {
    db,
    sqlite,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every query it runs; preparing costs more than running a small indexed query. Queries are built
 * from a fixed set of shapes, so their SQL texts repeat: keep the prepared statements, bounded.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string) {
      let statement = cache.get(source);
      if (!statement) {
        statement = sqlite.prepare(source);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
        cache.set(source, statement);
      }
      return statement;
    },
  };
}

/** Applies every migration not yet recorded, each in its own transaction. Returns the ids applied. */
export function migrate(sqlite: SQLite.Database, now: () => Date = () => new Date()): number[] {
  sqlite.exec(
    'CREATE TABLE IF NOT EXISTS portico_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
  );
  const done = new Set(
    (sqlite.prepare('SELECT id FROM portico_migrations').all() as { id: number }[]).map((r) => r.id),
  );
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    sqlite.transaction(() => {
      sqlite.exec(m.up);
      sqlite
        .prepare('INSERT INTO portico_migrations (id, name, applied_at) VALUES (?, ?, ?)')
        .run(m.id, m.name, now().toISOString());
    })();
    applied.push(m.id);
  }
  return applied;
}
