import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importCommand } from '../src/cli/import.js';
import {
  applyWhmcsImport,
  type ImportDeps,
  ImportError,
  planWhmcsImport,
} from '../src/modules/import/whmcs.js';
import { startServer, type TestServer } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/whmcs-clients.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'portico-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a CSV to a temporary file and returns its path. */
function csvFile(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Runs `portico import …` against the test server with in-memory streams. */
async function run(s: TestServer, argv: string[], options: { tty?: boolean } = {}) {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += d;
  });
  stderr.on('data', (d) => {
    err += d;
  });
  const code = await importCommand(argv, s.app, { stdin: new PassThrough(), stdout, stderr });
  await new Promise((resolve) => setImmediate(resolve));
  return { code, out, err };
}

async function counts(s: TestServer) {
  const { db } = s.app.portico;
  return {
    accounts: (await db.selectFrom('accounts').select('id').execute()).length,
    users: (await db.selectFrom('users').select('id').execute()).length,
    memberships: (await db.selectFrom('memberships').select('id').execute()).length,
  };
}

const account = (s: TestServer, externalId: string) =>
  s.app.portico.db
    .selectFrom('accounts')
    .selectAll()
    .where('external_id', '=', externalId)
    .executeTakeFirstOrThrow();

describe('portico import clients (WHMCS)', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
    await s.app.portico.clients.create(
      { name: 'Taken Ltd', email: 'taken@client.test' },
      { actor: { type: 'system', label: 'test' } },
    );
  });
  after(() => s.close());

  test('a file with bad rows imports nothing: each row is reported with its line, exit 65', async () => {
    const before = await counts(s);
    const r = await run(s, ['clients', FIXTURE]);
    assert.equal(r.code, 65, r.out + r.err);
    const lines = r.out.split('\n');
    const reasonsOf = (line: number) => lines.find((l) => l.startsWith(`  line ${line}: `));
    assert.match(reasonsOf(5)!, /bad email "not-an-email"/);
    assert.match(reasonsOf(6)!, /missing name/);
    assert.match(reasonsOf(7)!, /duplicate email ada@engines\.test within the file \(first on line 2\)/);
    assert.match(reasonsOf(8)!, /missing email/);
    // Line 11, not 10: the row on line 9 has a quoted cell that spans two lines.
    assert.match(reasonsOf(11)!, /taken@client\.test is already a login here/);
    assert.equal(lines.filter((l) => l.startsWith('  line ')).length, 5);
    assert.match(r.out, /Nothing was imported/);
    assert.match(r.out, /Imported 0, rejected 5, skipped 5\./);
    assert.deepEqual(await counts(s), before);
  });

  test('--dry-run validates and reports, and writes nothing', async () => {
    const before = await counts(s);
    const strict = await run(s, ['clients', FIXTURE, '--dry-run']);
    assert.equal(strict.code, 65);
    const lenient = await run(s, ['clients', '--dry-run', FIXTURE, '--skip-invalid']);
    assert.equal(lenient.code, 0, lenient.out + lenient.err);
    assert.match(lenient.out, /Dry run: 5 clients would be imported; nothing was written\./);
    assert.deepEqual(await counts(s), before);
  });

  test('--skip-invalid imports the good rows in one go, verified and without passwords', async () => {
    const before = await counts(s);
    const r = await run(s, ['clients', FIXTURE, '--skip-invalid']);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /Imported 5, rejected 5, skipped 0\./);
    assert.match(r.err, /Importing: 5\/5\n$/, 'plain progress lines when stderr is no terminal');
    assert.deepEqual(await counts(s), {
      accounts: before.accounts + 5,
      users: before.users + 5,
      memberships: before.memberships + 5,
    });

    const ada = await account(s, 'whmcs:101');
    assert.deepEqual(
      {
        name: ada.name,
        company: ada.company,
        phone: ada.phone,
        status: ada.status,
        currency: ada.currency,
        createdAt: ada.created_at,
        address: JSON.parse(ada.address),
      },
      {
        name: 'Analytical Engines Ltd',
        company: 'Analytical Engines Ltd',
        phone: '+44.2071234567',
        status: 'active',
        currency: 'GBP',
        createdAt: '2019-04-01T00:00:00.000Z',
        address: { line1: "12 St James's Square", city: 'London', postcode: 'SW1Y 4JH', country: 'GB' },
      },
    );
    const owner = await s.app.portico.db
      .selectFrom('users')
      .innerJoin('memberships', 'memberships.user_id', 'users.id')
      .selectAll('users')
      .select('memberships.role')
      .where('memberships.account_id', '=', ada.id)
      .executeTakeFirstOrThrow();
    assert.equal(owner.email, 'ada@engines.test');
    assert.equal(owner.name, 'Ada Lovelace');
    assert.equal(owner.role, 'owner');
    assert.equal(owner.password_hash, null);
    assert.ok(owner.email_verified_at, 'the business vouches for the address');

    assert.equal((await account(s, 'whmcs:102')).name, 'Grace Hopper', 'no company: the person names it');
    assert.equal((await account(s, 'whmcs:103')).status, 'disabled', 'Inactive');
    const jane = await account(s, 'whmcs:108');
    assert.equal(jane.status, 'disabled', 'Closed');
    assert.equal(jane.currency, 'EUR');
    assert.equal(jane.company, 'Smith, Jones & Co');
    assert.equal(jane.created_at, '2018-11-20T14:05:00.000Z');
    assert.deepEqual(JSON.parse(jane.address), {
      line1: 'Unit 4\nHarbour Road',
      city: 'Cork',
      postcode: 'T12 XY34',
      country: 'IE',
    });
    assert.equal((await account(s, 'whmcs:110')).currency, 'USD', "WHMCS's currency id: the default");

    const found = await s.app.portico.clients.list({ q: 'smith, jones' });
    assert.deepEqual(
      found.items.map((c) => c.id),
      [jane.id],
    );
    const audit = await s.app.portico.db
      .selectFrom('audit_log')
      .select(['actor_type', 'actor_label'])
      .where('action', '=', 'client.created')
      .where('details', 'like', '%whmcs%')
      .execute();
    assert.equal(audit.length, 5);
    assert.ok(audit.every((a) => a.actor_type === 'system' && a.actor_label === 'portico import'));
    assert.deepEqual(
      await s.app.portico.db.selectFrom('outbox').select('id').execute(),
      [],
      'no mail without --invite',
    );
  });

  test('running the same file again imports nothing twice', async () => {
    const before = await counts(s);
    const r = await run(s, ['clients', FIXTURE, '--skip-invalid']);
    assert.equal(r.code, 0);
    assert.match(
      r.out,
      /line 2: ada@engines\.test is already a login here; WHMCS client 101 was already imported/,
    );
    assert.match(r.out, /Imported 0, rejected 10, skipped 0\./);
    assert.deepEqual(await counts(s), before);
  });

  test('all writes are one transaction: a failure midway leaves nothing', async () => {
    const file = csvFile('atomic.csv', [
      'id,firstname,lastname,email',
      '201,One,Person,one@atomic.test',
      '202,Two,Person,two@atomic.test',
      '203,Three,Person,three@atomic.test',
    ]);
    const { clients, settings, audit, deps, db } = s.app.portico;
    const importDeps: ImportDeps = {
      store: clients.store,
      settings,
      audit,
      clock: deps.clock,
      ids: deps.ids,
    };
    const plan = await planWhmcsImport(readFileSync(file, 'utf8'), importDeps);
    assert.equal(plan.rows.length, 3);
    const before = await counts(s);

    // The write fails after two rows were written (here, by the progress callback, which runs inside it).
    await assert.rejects(
      applyWhmcsImport(plan, importDeps, {
        onProgress: (done) => {
          if (done === 2) throw new Error('disk full');
        },
      }),
      /disk full/,
    );
    assert.deepEqual(await counts(s), before);

    // Someone signs up with the third email between the check and the write.
    await db
      .insertInto('users')
      .values({
        id: deps.ids('usr'),
        email: 'three@atomic.test',
        name: 'Early Bird',
        password_hash: null,
        email_verified_at: null,
        locale: 'en',
        disabled_at: null,
        created_at: deps.clock.now().toISOString(),
        updated_at: deps.clock.now().toISOString(),
      })
      .execute();
    await assert.rejects(applyWhmcsImport(plan, importDeps), ImportError);
    assert.deepEqual(await counts(s), { ...before, users: before.users + 1 });
    assert.equal(
      await db.selectFrom('accounts').select('id').where('external_id', '=', 'whmcs:201').executeTakeFirst(),
      undefined,
    );
  });

  test('bad usage is 64, an unreadable file 66, a file without an email column 65', async () => {
    assert.equal((await run(s, [])).code, 64);
    assert.equal((await run(s, ['clients'])).code, 64);
    assert.equal((await run(s, ['invoices', FIXTURE])).code, 64);
    const unknown = await run(s, ['clients', FIXTURE, '--force']);
    assert.equal(unknown.code, 64);
    assert.match(unknown.err, /Unknown option --force/);
    const missing = await run(s, ['clients', join(dir, 'nope.csv')]);
    assert.equal(missing.code, 66);
    assert.match(missing.err, /cannot read/);
    const noEmail = await run(s, [
      'clients',
      csvFile('no-email.csv', ['First Name,Last Name', 'Ada,Lovelace']),
    ]);
    assert.equal(noEmail.code, 65);
    assert.match(noEmail.err, /no email column/);
    const help = await run(s, ['clients', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /--skip-invalid/);
  });
});

describe('portico import clients --invite', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  test('invitations go to the active clients after the commit; the bar is drawn on a terminal', async () => {
    const file = csvFile('invite.csv', [
      'id,firstname,lastname,companyname,email,country,status,currency,datecreated',
      '301,Ida,Active,Ida Co,ida@invite.test,SE,Active,SEK,2023-05-05',
      '302,Carl,Closed,,carl@invite.test,SE,Closed,SEK,2023-05-06',
      '303,Eva,Active,,eva@invite.test,SE,active,,',
    ]);
    const r = await run(s, ['clients', file, '--invite'], { tty: true });
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /Imported 3, rejected 0, skipped 0\./);
    assert.match(r.out, /Invitations sent: 2\./);
    assert.ok(r.err.includes(`\rImporting [${'#'.repeat(30)}] 3/3\n`), JSON.stringify(r.err));
    assert.ok(r.err.includes(`\rInviting [${'#'.repeat(30)}] 2/2\n`), JSON.stringify(r.err));

    for (const email of ['ida@invite.test', 'eva@invite.test']) {
      const [mail] = await s.mailsTo(email);
      assert.match(mail!.subject, /invited to the .* client portal/, email);
      assert.match(mail!.text, /\/invitation#token=pin_/);
    }
    assert.equal((await s.mailsTo('carl@invite.test')).length, 0, 'a closed client is not invited');
    const ida = await s.app.portico.db
      .selectFrom('users')
      .select('invited_at')
      .where('email', '=', 'ida@invite.test')
      .executeTakeFirstOrThrow();
    assert.ok(ida.invited_at);
    const sent = await s.app.portico.db
      .selectFrom('audit_log')
      .select('actor_type')
      .where('action', '=', 'invitation.sent')
      .execute();
    assert.deepEqual(
      sent.map((a) => a.actor_type),
      ['system', 'system'],
    );
    assert.equal(
      (
        await s.app.portico.db
          .selectFrom('accounts')
          .select('currency')
          .where('external_id', '=', 'whmcs:303')
          .executeTakeFirstOrThrow()
      ).currency,
      'USD',
    );
  });

  test('with allowDuplicateAccounts a known email gets the imported account on its login', async () => {
    await s.app.portico.settings.set('allowDuplicateAccounts', true);
    const file = csvFile('dup.csv', [
      'Email,First Name,Last Name,Company Name',
      'ida@invite.test,Ida,Active,Second Co',
    ]);
    const users = (await s.app.portico.db.selectFrom('users').select('id').execute()).length;
    const r = await run(s, ['clients', file]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal((await s.app.portico.db.selectFrom('users').select('id').execute()).length, users);
    const accounts = await s.app.portico.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .select('accounts.name')
      .where('users.email', '=', 'ida@invite.test')
      .execute();
    assert.deepEqual(accounts.map((a) => a.name).sort(), ['Ida Co', 'Second Co']);
  });
});
