import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { EX_DATAERR, EX_USAGE, staffCommand } from '../src/cli/staff.js';
import type { CliIo } from '../src/cli/io.js';
import { staffSession, startServer, type TestServer } from './helpers.js';

const PASSWORD = 'a long staff password';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `portico staff …` in-process with piped stdin, or on a fake terminal that types (or pastes, in one chunk)
 * each of `typed` when its prompt shows.
 */
async function run(
  s: TestServer,
  argv: string[],
  input: { piped?: string; typed?: string[]; pasted?: boolean } = { piped: `${PASSWORD}\n` },
): Promise<Run & { rawMode: boolean[] }> {
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const rawMode: boolean[] = [];
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += d;
  });
  if (input.typed) {
    const answers = [...input.typed];
    stdin.isTTY = true;
    stdin.setRawMode = (raw) => {
      rawMode.push(raw);
    };
    // Type each answer once its prompt shows, key by key as a terminal in raw mode delivers them.
    stderr.on('data', (d) => {
      err += d;
      if (/Password: $|password: $/.test(String(d))) {
        const answer = answers.shift() ?? '';
        if (input.pasted) stdin.write(answer);
        else for (const key of answer) stdin.write(key);
      }
    });
  } else {
    stderr.on('data', (d) => {
      err += d;
    });
    if (input.piped !== undefined) stdin.end(input.piped);
    else stdin.end();
  }
  const io: CliIo = { stdin, stdout, stderr };
  const code = await staffCommand(argv, s.app, io);
  return { code, stdout: out, stderr: err, rawMode };
}

function login(s: TestServer, email: string, password = PASSWORD) {
  return s.request('POST', '/api/admin/v1/auth/login', { body: { email, password } });
}

// A prompt that never gets its answer would hang: fail instead.
describe('portico staff create', { timeout: 20_000 }, () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  test('with the password on stdin: prints the id, and the member can sign in at once', async () => {
    const r = await run(
      s,
      ['create', '--email', 'Ops@Staff.test', '--role', 'admin', '--name', 'Ops Person'],
      {
        piped: `${PASSWORD}\nignored second line\n`,
      },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^stf_[0-9a-z]{26}\n$/);
    assert.match(r.stderr, /Created admin ops@staff\.test/);
    const signIn = await login(s, 'ops@staff.test');
    assert.equal(signIn.status, 200, signIn.text);
    assert.equal(signIn.body.session.staff.id, r.stdout.trim());
    assert.equal(signIn.body.session.staff.name, 'Ops Person');
    assert.equal(signIn.body.session.staff.invited, false);
    const [entry] = (await s.app.portico.audit.list({ action: 'staff.created' })).items;
    assert.equal(entry?.actorType, 'system');
    assert.equal(entry?.targetId, r.stdout.trim());
  });

  test('a name defaults to the part of the email before the @; Windows line ends are fine', async () => {
    const r = await run(s, ['create', '--email=crlf@staff.test', '--role=support'], {
      piped: `${PASSWORD}\r\n`,
    });
    assert.equal(r.code, 0, r.stderr);
    const signIn = await login(s, 'crlf@staff.test');
    assert.equal(signIn.status, 200);
    assert.equal(signIn.body.session.staff.name, 'crlf');
  });

  test('on a terminal it asks twice without echo, in raw mode, honouring backspace', async () => {
    const r = await run(s, ['create', '--email', 'tty@staff.test', '--role', 'billing'], {
      typed: [`x\u007f${PASSWORD}\r`, `${PASSWORD}\r`],
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Password: \nRepeat the password: \n/);
    assert.ok(!r.stderr.includes(PASSWORD) && !r.stdout.includes(PASSWORD), 'never echoed');
    assert.deepEqual(r.rawMode, [true, false, true, false]);
    assert.equal((await login(s, 'tty@staff.test')).status, 200);
  });

  test('both answers pasted at the first prompt reach both prompts', async () => {
    const r = await run(s, ['create', '--email', 'paste@staff.test', '--role', 'billing'], {
      typed: [`${PASSWORD}\r${PASSWORD}\r`, ''],
      pasted: true,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await login(s, 'paste@staff.test')).status, 200);
  });

  test('Ctrl-C at a prompt cancels with 130 and creates nobody', async () => {
    const r = await run(s, ['create', '--email', 'cancel@staff.test', '--role', 'billing'], {
      typed: ['abc\u0003'],
    });
    assert.equal(r.code, 130);
    assert.match(r.stderr, /Cancelled/);
    assert.deepEqual(r.rawMode, [true, false], 'the terminal is back to normal');
    assert.equal((await login(s, 'cancel@staff.test')).status, 401);
  });

  test('two different passwords at the prompts are a data error', async () => {
    const r = await run(s, ['create', '--email', 'differ@staff.test', '--role', 'billing'], {
      typed: [`${PASSWORD}\r`, `${PASSWORD}!\r`],
    });
    assert.equal(r.code, EX_DATAERR);
    assert.match(r.stderr, /The two passwords differ/);
    assert.equal((await login(s, 'differ@staff.test')).status, 401, 'nobody was created');
  });

  test('usage errors exit 64 with the usage', async () => {
    for (const argv of [
      [],
      ['frobnicate'],
      ['create', '--role', 'admin'],
      ['create', '--email', 'x@staff.test'],
      ['create', '--email', 'x@staff.test', '--role', 'boss'],
      ['create', '--email', 'x@staff.test', '--role', 'admin', '--colour', 'blue'],
      ['create', 'x@staff.test'],
      ['list', '--all'],
    ]) {
      const r = await run(s, argv);
      assert.equal(r.code, EX_USAGE, argv.join(' '));
      assert.match(r.stderr, /Usage:\n {2}portico staff create/, argv.join(' '));
      assert.equal(r.stdout, '');
    }
  });

  test('data errors exit 65 with a clear message and create nobody', async () => {
    const cases: Array<[string[], string | undefined, RegExp]> = [
      [['--email', 'not-an-email'], `${PASSWORD}\n`, /Email: Enter a valid email address/],
      [['--email', 'weak@staff.test'], 'password123\n', /one of the most common passwords/],
      [['--email', 'short@staff.test'], 'abc\n', /Password: Password must be at least 8 characters/],
      [['--email', 'same@staff.test'], 'same@staff.test\n', /must not be your email/],
      [['--email', 'empty@staff.test'], undefined, /No password on stdin/],
      [['--email', 'ops@staff.test'], `${PASSWORD}\n`, /already exists/],
    ];
    for (const [args, piped, message] of cases) {
      const r = await run(s, ['create', ...args, '--role', 'support'], piped === undefined ? {} : { piped });
      assert.equal(r.code, EX_DATAERR, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
    const members = await s.app.portico.staff.list();
    for (const email of ['weak@staff.test', 'short@staff.test', 'same@staff.test', 'empty@staff.test'])
      assert.ok(!members.some((m) => m.email === email), email);
  });
});

describe('portico staff list', () => {
  test('prints a table of email, name, role, TOTP and status', async () => {
    const s = await startServer();
    try {
      const empty = await run(s, ['list']);
      assert.equal(empty.code, 0);
      assert.match(empty.stdout, /No staff members yet/);
      await run(s, ['create', '--email', 'first@staff.test', '--role', 'admin', '--name', 'First Admin']);
      const invited = await staffSession(s, 'support', 'invited@staff.test');
      await run(s, ['create', '--email', 'off@staff.test', '--role', 'billing', '--name', 'Gone']);
      s.app.portico.sqlite
        .prepare("UPDATE staff SET disabled_at = '2026-01-01T00:00:00.000Z' WHERE email = ?")
        .run('off@staff.test');
      s.app.portico.sqlite
        .prepare("UPDATE staff SET totp_enabled_at = '2026-01-01T00:00:00.000Z' WHERE email = ?")
        .run('first@staff.test');
      const r = await run(s, ['list']);
      assert.equal(r.code, 0);
      assert.equal(
        r.stdout,
        [
          'EMAIL               NAME          ROLE     TOTP  STATUS',
          'first@staff.test    First Admin   admin    on    active',
          `${invited.email}  Test support  support  off   invited`,
          'off@staff.test      Gone          billing  off   disabled',
          '',
        ].join('\n'),
      );
    } finally {
      await s.close();
    }
  });
});

describe('portico staff reset-totp', () => {
  test("clears a member's TOTP by email; an unknown email is a data error", async () => {
    const s = await startServer();
    try {
      const member = await s.app.portico.staff.createWithPassword({
        email: 'phone.lost@staff.test',
        name: 'Phone Lost',
        role: 'support',
        password: PASSWORD,
      });
      await s.app.portico.db
        .updateTable('staff')
        .set({ totp_secret: 'v1.x.y.z', totp_enabled_at: s.clock.now().toISOString() })
        .where('id', '=', member.id)
        .execute();
      const r = await run(s, ['reset-totp', '--email', 'Phone.Lost@staff.test']);
      assert.equal(r.code, 0, r.stderr);
      const row = await s.app.portico.db
        .selectFrom('staff')
        .select(['totp_secret', 'totp_enabled_at'])
        .where('id', '=', member.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { totp_secret: null, totp_enabled_at: null });
      const unknown = await run(s, ['reset-totp', '--email', 'nobody@staff.test']);
      assert.equal(unknown.code, EX_DATAERR);
      assert.equal((await run(s, ['reset-totp'])).code, EX_USAGE);
    } finally {
      await s.close();
    }
  });
});

describe('the real portico binary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-staff-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('staff create reads the password piped on stdin; the member then signs in over HTTP', async () => {
    const database = join(dir, 'portico.db');
    const main = new URL('../src/main.ts', import.meta.url).pathname;
    const child = spawn(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        main,
        'staff',
        'create',
        '--email',
        'cli@staff.test',
        '--role',
        'admin',
      ],
      {
        env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', PORTICO_DATABASE: database },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdin.end(`${PASSWORD}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^stf_[0-9a-z]{26}\n$/);

    const s = await startServer({ databaseFile: database });
    try {
      const r = await login(s, 'cli@staff.test');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.session.staff.id, stdout.trim());
      assert.equal(r.body.session.staff.role, 'admin');
    } finally {
      await s.close();
    }
  });
});
