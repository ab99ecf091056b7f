import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const main = new URL('../src/main.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'portico-cli-'));

function run(args: string[], env: Record<string, string>) {
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', main, ...args], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function output(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('the portico CLI', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a bad configuration exits 78 with one line per problem', async () => {
    const r = await output(run(['serve'], { PORT: 'eighty', SMTP_URL: 'nope' }));
    assert.equal(r.code, 78);
    assert.match(r.stderr, /PORT: must be a port number/);
    assert.match(r.stderr, /SMTP_URL: must start with smtp/);
  });

  test('migrate creates the database file and exits 0', async () => {
    const r = await output(run(['migrate'], { PORTICO_DATABASE: join(dir, 'm', 'portico.db') }));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /is up to date/);
  });

  test('serve seeds the demo once, answers, and on SIGTERM drains a request in flight before exiting 0', async () => {
    const child = run(['serve'], {
      PORT: '0',
      PORTICO_DATABASE: join(dir, 's', 'portico.db'),
      PORTICO_MODE: 'development',
      LOG_LEVEL: 'trace',
    });
    const done = output(child);
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stdout!.on('data', (d) => {
        seen += d;
        const m = seen.match(/Portico listening on (http:\/\/[\d.]+:\d+)/);
        if (m) resolve(m[1]!);
      });
      child.on('close', () => reject(new Error(`exited early: ${seen}`)));
    });
    const health = await fetch(`${url}/api/v1/health`);
    assert.equal(health.status, 200);
    // A password sign-in takes an argon2 verify: long enough to be in flight when SIGTERM lands.
    const inFlight = fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'demo@example.com', password: 'northwind-demo-portal' }),
    });
    // SIGTERM once the server logs that the sign-in started (it then spends an argon2 verify on it).
    await new Promise<void>((resolve) => {
      let log = '';
      const watch = (d: Buffer) => {
        log += d;
        if (/"path":"\/api\/v1\/auth\/login","msg":"request start"/.test(log)) {
          child.stdout!.off('data', watch);
          resolve();
        }
      };
      child.stdout!.on('data', watch);
    });
    child.kill('SIGTERM');
    const answer = await inFlight;
    assert.equal(answer.status, 200, 'the request in flight was answered');
    const r = await done;
    assert.equal(r.code, 0, r.stderr);
  });
});
