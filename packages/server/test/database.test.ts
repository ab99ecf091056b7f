import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { relaxedWrite } from '../src/db/database.js';
import { migrations, openDatabase } from '../src/index.js';

describe('the SQLite store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-db-'));
  let opened: ReturnType<typeof openDatabase>;
  before(() => {
    opened = openDatabase(join(dir, 'nested', 'portico.db'));
  });
  after(async () => {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('commits wait for the disk (FULL); a relaxed write does not, and no other query ever sees it relaxed', async () => {
    const level = async () =>
      (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(opened.db)).rows[0]?.synchronous;
    assert.equal(await level(), 2);
    const seen: Array<number | undefined> = [];
    await Promise.all([
      relaxedWrite(opened.db, async (db) => {
        seen.push((await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db)).rows[0]?.synchronous);
        // Let the other query try to run meanwhile: it must wait for the connection.
        await new Promise((resolve) => setImmediate(resolve));
        await sql`SELECT 1`.execute(db);
      }),
      opened.db.transaction().execute(async (trx) => {
        seen.push((await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(trx)).rows[0]?.synchronous);
      }),
    ]);
    assert.deepEqual(seen, [1, 2]);
    assert.equal(await level(), 2);
    await assert.rejects(
      relaxedWrite(opened.db, () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await level(), 2, 'FULL again after a failure');
  });

  test('opens in WAL mode with foreign keys and a busy timeout, and records migrations', () => {
    assert.equal(opened.sqlite.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(opened.sqlite.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(opened.sqlite.pragma('busy_timeout', { simple: true }), 5000);
    const applied = opened.sqlite.prepare('SELECT id FROM portico_migrations ORDER BY id').all() as {
      id: number;
    }[];
    assert.deepEqual(
      applied.map((r) => r.id),
      migrations.map((m) => m.id),
    );
  });

  test('re-opening applies nothing twice', async () => {
    const again = openDatabase(join(dir, 'nested', 'portico.db'));
    const count = again.sqlite.prepare('SELECT count(*) AS n FROM portico_migrations').get() as { n: number };
    assert.equal(count.n, migrations.length);
    await again.close();
  });

  const plans: Array<[string, string, unknown[]]> = [
    [
      'latest challenge',
      'SELECT * FROM challenges WHERE purpose = ? AND email = ? AND consumed_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1',
      ['login', 'a@b.co'],
    ],
    ['session by token', 'SELECT * FROM sessions WHERE token_hash = ?', ['x']],
    ['sessions of a user', 'SELECT * FROM sessions WHERE user_id = ? ORDER BY created_at DESC', ['u']],
    [
      'due mail',
      "SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 50",
      ['x'],
    ],
    [
      'mailbox of one address',
      'SELECT * FROM outbox WHERE to_address = ? ORDER BY created_at DESC, id DESC LIMIT 50',
      ['x'],
    ],
    ['whole dev mailbox', 'SELECT * FROM outbox ORDER BY created_at DESC, id DESC LIMIT 100', []],
    [
      'accounts of a user',
      'SELECT * FROM memberships JOIN accounts ON accounts.id = memberships.account_id WHERE memberships.user_id = ? ORDER BY memberships.created_at, memberships.id',
      ['u'],
    ],
    [
      'memberships of an account',
      'SELECT * FROM memberships WHERE account_id = ? ORDER BY created_at',
      ['x'],
    ],
  ];
  for (const [what, query, params] of plans) {
    test(`${what} uses an index and no temporary B-tree`, () => {
      const plan = (
        opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...params) as { detail: string }[]
      )
        .map((r) => r.detail)
        .join(' | ');
      assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
      assert.match(plan, /USING (COVERING )?INDEX|USING PRIMARY KEY|USING INTEGER PRIMARY KEY/, plan);
    });
  }
});
