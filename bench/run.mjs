#!/usr/bin/env node
// Portico benchmarks: `npm run bench` (builds first) or `node bench/run.mjs`. See bench/README.md.
// Everything runs against 127.0.0.1 only, and every case is bounded in time.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import argon2 from 'argon2';
import autocannon from 'autocannon';
import { rollup } from 'rollup';
import { pdfThroughput, seedInvoices } from './billing.mjs';
import { caseCheckThroughput, caseDomainSearch } from './domains.mjs';
import { caseApps } from './apps.mjs';
import { caseKbSearch } from './kb.mjs';
import { expectStatus, freePort, percentile, startNode } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const SERVER_MAIN = path.join(root, 'packages/server/dist/main.js');
const ELEMENTS_DIST = path.join(root, 'packages/elements/dist');

const num = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

const config = {
  /** Seconds per measured autocannon run. */
  duration: num('BENCH_DURATION', 5),
  /** Seconds of discarded warm-up before each measured run. */
  warmup: num('BENCH_WARMUP', 1),
  /** Concurrent connections for the throughput runs. */
  connections: num('BENCH_CONNECTIONS', 10),
  /** Sequential logins (and argon2 verifies) in case (b). */
  loginSamples: num('BENCH_LOGIN_SAMPLES', 50),
  /** Concurrent logins in the flood, case (c). */
  floodConnections: num('BENCH_FLOOD_CONNECTIONS', 50),
  /** Registered and unknown emails per endpoint in the timing comparison, case (e). */
  enumerationSamples: num('BENCH_ENUMERATION_SAMPLES', 20),
  /** Accounts and invoices of the large database in (f). */
  scaleAccounts: num('BENCH_SCALE_ACCOUNTS', 100_000),
  scaleInvoices: num('BENCH_SCALE_INVOICES', 1_000_000),
  /** Sequential requests timed per size in (f). */
  listSamples: num('BENCH_LIST_SAMPLES', 500),
  /** Searches (one name across 10 TLDs) timed per client in (h). */
  domainSearches: num('BENCH_DOMAIN_SEARCHES', 30),
  /** Cases to run (`BENCH_ONLY=a,f,g`); every case when unset. (f) needs (a) for its bare-Express ratio. */
  only: process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((c) => c.trim())) : undefined,
  /** PORTICO_MAX_CONCURRENT_HASHES for the Portico server (unset: the server's default). */
  maxConcurrentHashes: process.env.BENCH_MAX_HASHES,
};

const DEMO = { email: 'demo@example.com', password: 'northwind-demo-portal' };
/** The server's argon2id parameters (packages/server/src/modules/auth/passwords.ts), OWASP's minimum. */
let hashOptions = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

const targets = {
  sessionThroughput: 0.5,
  sessionP99: 2,
  loginOverhead: 1.15,
  floodThroughput: 0.8,
  loginBundleGz: 20 * 1024,
  listScaleP50: 1.3,
  listThroughput: 0.4,
};

const log = (message) => process.stderr.write(`${message}\n`);
const round = (n, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : n);

/** Runs autocannon with a discarded warm-up first. */
async function load(options) {
  if (config.warmup) await autocannon({ ...options, duration: config.warmup });
  const result = await autocannon({ ...options, duration: config.duration });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

async function loadServerHashOptions() {
  // Prefer the server's own parameters when its library exports them, so the comparison cannot drift.
  try {
    const server = await import('@portico/server');
    if (server.PASSWORD_HASH_OPTIONS) hashOptions = { ...server.PASSWORD_HASH_OPTIONS };
  } catch {
    // The package is not built or does not export them: keep the documented parameters.
  }
}

/**
 * Starts Portico on a fresh SQLite file. `prepare(dbFile)`, when given, runs on the migrated file before the server
 * starts (settings the server reads at start).
 */
async function startPortico(mode = 'production', extraEnv = {}, prepare = undefined) {
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run \`npm run build\` first`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portico-bench-'));
  const dbFile = path.join(dir, 'portico.db');
  const port = await freePort();
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    // Production: no per-response contract checks, no dev mailbox; the demo is seeded explicitly below.
    PORTICO_MODE: mode,
    // A real file so SQLite runs in WAL mode as in production.
    PORTICO_DATABASE: dbFile,
    PORTICO_PUBLIC_URL: `http://127.0.0.1:${port}`,
    PORTICO_SECRET: randomBytes(32).toString('hex'),
    PORTICO_SEED_DEMO: '1',
    PORTICO_RATE_LIMIT_SCALE: '100000',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  if (config.maxConcurrentHashes) env.PORTICO_MAX_CONCURRENT_HASHES = config.maxConcurrentHashes;
  const url = `http://127.0.0.1:${port}`;
  if (prepare) {
    execFileSync(process.execPath, [SERVER_MAIN, 'migrate'], {
      cwd: dir,
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    await prepare(dbFile);
  }
  const proc = await startNode('Portico server', [SERVER_MAIN, 'serve'], {
    cwd: dir,
    env,
    readyUrl: `${url}/api/v1/health`,
  });
  return {
    url,
    dbFile,
    async stop() {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in as the demo user in token mode and returns the bearer token. */
async function login(url) {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portico-session': 'token' },
    body: JSON.stringify(DEMO),
  });
  await expectStatus(response, 200, 'POST /api/v1/auth/login');
  const session = await response.json();
  if (!session.token) throw new Error('Token-mode login answered without a token');
  return session.token;
}

/** (a) Bare Express vs an authenticated session read on Portico. */
async function caseThroughput(portico, token) {
  const port = await freePort();
  const bare = await startNode('bare express', [path.join(here, 'bare-express.mjs')], {
    env: { PORT: String(port) },
    readyUrl: `http://127.0.0.1:${port}/`,
  });
  let baseline;
  try {
    log(`(a) bare Express: ${config.duration} s, ${config.connections} connections`);
    baseline = await load({ url: `http://127.0.0.1:${port}/`, connections: config.connections });
  } finally {
    await bare.stop();
  }
  const headers = { authorization: `Bearer ${token}` };
  const check = await fetch(`${portico.url}/api/v1/auth/session`, { headers });
  await expectStatus(check, 200, 'GET /api/v1/auth/session with the bearer token');
  log(`(a) Portico GET /api/v1/auth/session: ${config.duration} s, ${config.connections} connections`);
  const session = await load({
    url: `${portico.url}/api/v1/auth/session`,
    connections: config.connections,
    headers,
  });
  return {
    bareExpress: baseline,
    porticoSession: session,
    throughputRatio: session.requestsPerSecond / baseline.requestsPerSecond,
    p99Ratio: session.p99 / Math.max(baseline.p99, 1),
  };
}

/** (b) Login latency at concurrency 1 vs argon2 verify alone. */
async function caseLoginLatency(portico) {
  const n = config.loginSamples;
  const send = () =>
    fetch(`${portico.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portico-session': 'token' },
      body: JSON.stringify(DEMO),
    });
  log(`(b) ${n} sequential logins, then ${n} argon2 verifies`);
  for (let i = 0; i < 3; i++) await expectStatus(await send(), 200, 'warm-up login');
  const loginTimes = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const response = await send();
    await response.arrayBuffer();
    loginTimes.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`login ${i} answered ${response.status}`);
  }
  const hash = await argon2.hash(DEMO.password, hashOptions);
  for (let i = 0; i < 3; i++) await argon2.verify(hash, DEMO.password);
  const verifyTimes = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const ok = await argon2.verify(hash, DEMO.password);
    verifyTimes.push(performance.now() - start);
    if (!ok) throw new Error('argon2.verify said no to the right password');
  }
  const loginP50 = percentile(loginTimes, 50);
  const verifyP50 = percentile(verifyTimes, 50);
  return {
    samples: n,
    hashOptions: { ...hashOptions, type: 'argon2id' },
    loginP50,
    loginP99: percentile(loginTimes, 99),
    argon2VerifyP50: verifyP50,
    ratio: loginP50 / verifyP50,
  };
}

/**
 * (e) Enumeration by timing: the same requests for registered and unregistered emails, interleaved, compared by
 * their median time. Runs against a development server (its dev mailbox lets the bench register real users), with
 * each registered email used once per endpoint so no failure delay kicks in.
 */
async function caseEnumeration(portico) {
  const n = config.enumerationSamples;
  log(`(e) ${n} registered vs ${n} unknown emails on register, login, code request and reset request`);
  const post = async (route, body) => {
    const start = performance.now();
    const response = await fetch(`${portico.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { ms: performance.now() - start, status: response.status, text };
  };
  const run = Date.now().toString(36);
  const known = [];
  for (let i = 0; i < n; i++) {
    const email = `known-${run}-${i}@bench.example`;
    await expectStatus(
      await fetch(`${portico.url}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bench', email, password: 'bench password long enough' }),
      }),
      202,
      'register a known user',
    );
    const mail = await (
      await fetch(`${portico.url}/dev/mailbox/messages?to=${encodeURIComponent(email)}`)
    ).json();
    const code = mail.items[0]?.text.match(/\b(\d{6})\b/)?.[1];
    if (!code) throw new Error(`no code mailed to ${email}`);
    await expectStatus(
      await fetch(`${portico.url}/api/v1/auth/verify-email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, code }),
      }),
      200,
      'verify a known user',
    );
    known.push(email);
  }
  const endpoints = [
    [
      'register',
      '/api/v1/auth/register',
      (email) => ({ name: 'Bench', email, password: 'another long password' }),
    ],
    [
      'login (wrong password)',
      '/api/v1/auth/login',
      (email) => ({ email, password: 'not the password at all' }),
    ],
    ['sign-in code request', '/api/v1/auth/login-code/request', (email) => ({ email })],
    ['reset request', '/api/v1/auth/password-reset/request', (email) => ({ email })],
  ];
  const out = [];
  for (const [name, route, body] of endpoints) {
    const times = { known: [], unknown: [] };
    const statuses = new Set();
    for (let i = 0; i < n; i++) {
      const unknownEmail = `unknown-${run}-${name.length}-${i}@bench.example`;
      // Alternate which goes first, so drift during the run falls on both sides equally.
      const pair =
        i % 2
          ? [
              ['known', known[i]],
              ['unknown', unknownEmail],
            ]
          : [
              ['unknown', unknownEmail],
              ['known', known[i]],
            ];
      for (const [side, email] of pair) {
        const r = await post(route, body(email));
        times[side].push(r.ms);
        statuses.add(`${side}:${r.status}`);
      }
    }
    const knownP50 = percentile(times.known, 50);
    const unknownP50 = percentile(times.unknown, 50);
    out.push({ name, knownP50, unknownP50, ratio: unknownP50 / knownP50, statuses: [...statuses].sort() });
  }
  return { samples: n, endpoints: out };
}

/**
 * (c) A login flood from another process while session reads are measured. `polite`: the flooding clients honour
 * Retry-After as @portico/sdk does; otherwise they ignore it and send as fast as answers come (hostile).
 */
async function caseFlood(portico, token, baseline, polite = false) {
  log(
    `(c${polite ? "'" : ''}) ${config.floodConnections} concurrent ${polite ? 'polite' : 'hostile'} logins for ${config.duration} s while measuring session reads`,
  );
  const floodProcess = new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(here, 'login-flood.mjs')],
      {
        env: {
          ...process.env,
          FLOOD_URL: portico.url,
          FLOOD_CONNECTIONS: String(config.floodConnections),
          // Longer than the measurement: the flood must cover it from start to end.
          FLOOD_DURATION: String(config.duration + 2),
          FLOOD_EMAIL: DEMO.email,
          FLOOD_PASSWORD: DEMO.password,
          FLOOD_POLITE: polite ? '1' : '0',
        },
        maxBuffer: 1 << 20,
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`login flood failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
      },
    );
  });
  // Measure only once the flood has filled the hashing slots (the child takes a moment to start).
  await waitForFlood(portico.url);
  const result = await autocannon({
    url: `${portico.url}/api/v1/auth/session`,
    connections: config.connections,
    duration: config.duration,
    headers: { authorization: `Bearer ${token}` },
  });
  const flood = await floodProcess;
  const session = {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
  return {
    logins: flood,
    sessionUnderFlood: session,
    throughputRatio: baseline ? session.requestsPerSecond / baseline : undefined,
  };
}

/** Resolves once a login answers 429 SERVER_BUSY, i.e. the hashing slots are full. Gives up after 3 s. */
async function waitForFlood(url) {
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    const response = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(DEMO),
    });
    const body = await response.json().catch(() => ({}));
    if (response.status === 429 && body.code === 'SERVER_BUSY') return;
  }
}

/** Times `n` sequential GETs (after 20 warm-ups); returns the p50 and p99 in ms (sub-millisecond resolution). */
async function timeGets(url, headers, n) {
  const once = async () => {
    const start = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
    return performance.now() - start;
  };
  for (let i = 0; i < 20; i++) await once();
  const times = [];
  for (let i = 0; i < n; i++) times.push(await once());
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/**
 * (f) The authenticated invoice list (25 rows) with 1,000 invoices in the database, then with 100,000 accounts and
 * 1,000,000 invoices: sequential latency (p50) at each size, and throughput at the large size against (a)'s bare
 * Express. The demo account holds 100 invoices in both, so each request returns a full page.
 */
async function caseInvoiceScale(bareRps) {
  const sizes = [
    { name: 'small', accounts: 100, invoices: 1_000 },
    { name: 'large', accounts: config.scaleAccounts, invoices: config.scaleInvoices },
  ];
  const out = {};
  for (const size of sizes) {
    log(`(f) ${size.invoices} invoices over ${size.accounts} accounts: seeding`);
    const portico = await startPortico();
    try {
      const seeded = seedInvoices(portico.dbFile, size);
      log(`(f) seeded in ${round(seeded.seconds)} s; timing the list`);
      const token = await login(portico.url);
      const headers = { authorization: `Bearer ${token}` };
      const url = `${portico.url}/api/v1/invoices?limit=25`;
      const first = await fetch(url, { headers });
      await expectStatus(first, 200, 'GET /api/v1/invoices');
      const page = await first.json();
      if (page.items.length !== 25) throw new Error(`the list returned ${page.items.length} rows, not 25`);
      const sequential = await timeGets(url, headers, config.listSamples);
      const filtered = await timeGets(`${url}&status=paid`, headers, Math.ceil(config.listSamples / 2));
      const throughput =
        size.name === 'large' ? await load({ url, connections: config.connections, headers }) : undefined;
      out[size.name] = { ...size, ...seeded, sequential, filtered, throughput };
    } finally {
      await portico.stop();
    }
  }
  return {
    ...out,
    p50Ratio: out.large.sequential.p50 / out.small.sequential.p50,
    filteredP50Ratio: out.large.filtered.p50 / out.small.filtered.p50,
    throughputRatio: bareRps ? out.large.throughput.requestsPerSecond / bareRps : undefined,
    tempBTree: [...out.large.plans.list, ...out.large.plans.byStatus].some((d) => d.includes('TEMP B-TREE')),
  };
}

/** (d) Bundle sizes, and what classic zod would cost over zod/mini. */
async function caseBundles() {
  const gz = (file) => (existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : undefined);
  const bundle = async (input) => {
    const build = await rollup({ input, plugins: [nodeResolve()], onwarn: () => {} });
    const { output } = await build.generate({ format: 'es', plugins: [terser()] });
    await build.close();
    const code = output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('');
    return { min: Buffer.byteLength(code), gz: gzipSync(code, { level: 9 }).length };
  };
  log('(d) bundle sizes');
  const loginSource = path.join(ELEMENTS_DIST, 'login.js');
  return {
    elementsGz: gz(path.join(ELEMENTS_DIST, 'elements.js')),
    elementsLoginGz: gz(path.join(ELEMENTS_DIST, 'elements-login.js')),
    // What a host that bundles only `@portico/elements/login` itself ships (the package's per-element entry).
    loginEntryBundled: existsSync(loginSource) ? await bundle(loginSource) : undefined,
    zodClassic: await bundle(path.join(here, 'zod-size/classic.mjs')),
    zodMini: await bundle(path.join(here, 'zod-size/mini.mjs')),
  };
}

async function attempt(name, fn) {
  const id = name.match(/^\((\w)/)?.[1];
  if (id && config.only && !config.only.has(id)) return undefined;
  try {
    return await fn();
  } catch (error) {
    log(`${name} failed: ${error.stack ?? error.message}`);
    return { error: error.message };
  }
}

// ---- report ----

const kb = (bytes) => (bytes === undefined ? 'missing' : `${round(bytes / 1024, 1)} KB`);
const pct = (r) => (r === undefined ? '-' : `${round(r * 100, 0)}%`);
const times = (r) => (r === undefined ? '-' : `${round(r, 2)}x`);
const verdict = (ok) => (ok === undefined ? '' : ok ? 'ok' : 'MISS');

function rows(cases) {
  const out = [];
  const { a, b, c, cPolite, d, e, f, g, h, i, j } = cases;
  if (a?.error) out.push(['(a) throughput', 'error', a.error, '', '']);
  else if (a) {
    out.push([
      '(a) bare Express {ok:true}',
      'req/s · p99',
      `${round(a.bareExpress.requestsPerSecond, 0)} · ${a.bareExpress.p99} ms`,
      '',
      '',
    ]);
    out.push([
      '(a) Portico GET session (Bearer)',
      'req/s · p99',
      `${round(a.porticoSession.requestsPerSecond, 0)} · ${a.porticoSession.p99} ms`,
      '',
      a.porticoSession.non2xx ? `${a.porticoSession.non2xx} non-2xx!` : '',
    ]);
    out.push([
      '(a) Portico / bare',
      'req/s ratio',
      pct(a.throughputRatio),
      '≥ 50%',
      verdict(a.throughputRatio >= targets.sessionThroughput),
    ]);
    out.push([
      '(a) Portico / bare',
      'p99 ratio',
      times(a.p99Ratio),
      '≤ 2x',
      verdict(a.p99Ratio <= targets.sessionP99),
    ]);
  }
  if (b?.error) out.push(['(b) login latency', 'error', b.error, '', '']);
  else if (b) {
    out.push([
      '(b) POST login, concurrency 1',
      'p50 · p99',
      `${round(b.loginP50)} ms · ${round(b.loginP99)} ms`,
      '',
      '',
    ]);
    out.push(['(b) argon2id verify alone', 'p50', `${round(b.argon2VerifyP50)} ms`, '', '']);
    out.push([
      '(b) login / argon2',
      'p50 ratio',
      times(b.ratio),
      '≤ 1.15x',
      verdict(b.ratio <= targets.loginOverhead),
    ]);
  }
  for (const [flood, label, kind] of [
    [c, '(c)', 'hostile'],
    [cPolite, "(c')", 'polite'],
  ]) {
    if (flood?.error) out.push([`${label} flood`, 'error', flood.error, '', '']);
    else if (flood) {
      const other = Object.entries(flood.logins.other)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ');
      out.push([
        `${label} ${config.floodConnections} ${kind} logins`,
        '200 · 429 busy',
        `${flood.logins.ok} · ${flood.logins.serverBusy}`,
        '',
        [
          flood.logins.rateLimited ? `429 RATE_LIMITED: ${flood.logins.rateLimited}` : '',
          other,
          flood.logins.errors ? `errors: ${flood.logins.errors}` : '',
        ]
          .filter(Boolean)
          .join('; '),
      ]);
      out.push([
        `${label} session reads under flood`,
        'req/s · p99',
        `${round(flood.sessionUnderFlood.requestsPerSecond, 0)} · ${flood.sessionUnderFlood.p99} ms`,
        '',
        flood.sessionUnderFlood.non2xx ? `${flood.sessionUnderFlood.non2xx} non-2xx!` : '',
      ]);
      out.push([
        `${label} under flood / (a)`,
        'req/s ratio',
        pct(flood.throughputRatio),
        '≥ 80%',
        verdict(flood.throughputRatio >= targets.floodThroughput),
      ]);
    }
  }
  if (d?.error) out.push(['(d) bundles', 'error', d.error, '', '']);
  else if (d) {
    const budget = (bytes) => verdict(bytes === undefined ? undefined : bytes <= targets.loginBundleGz);
    out.push(['(d) dist/elements.js', 'gzip', kb(d.elementsGz), '', '']);
    out.push([
      '(d) dist/elements-login.js',
      'gzip',
      kb(d.elementsLoginGz),
      '≤ 20 KB',
      budget(d.elementsLoginGz),
    ]);
    if (d.loginEntryBundled) {
      out.push([
        '(d) dist/login.js, rollup+terser',
        'min · gzip',
        `${kb(d.loginEntryBundled.min)} · ${kb(d.loginEntryBundled.gz)}`,
        '≤ 20 KB',
        budget(d.loginEntryBundled.gz),
      ]);
    }
    out.push([
      '(d) schemas with classic zod',
      'min · gzip',
      `${kb(d.zodClassic.min)} · ${kb(d.zodClassic.gz)}`,
      '',
      '',
    ]);
    out.push([
      '(d) schemas with zod/mini',
      'min · gzip',
      `${kb(d.zodMini.min)} · ${kb(d.zodMini.gz)}`,
      '',
      `mini saves ${kb(d.zodClassic.gz - d.zodMini.gz)} gz`,
    ]);
  }
  if (e?.error) out.push(['(e) timing', 'error', e.error, '', '']);
  else if (e) {
    for (const ep of e.endpoints) {
      out.push([
        `(e) ${ep.name}`,
        'unknown/known p50',
        `${round(ep.unknownP50, 1)} / ${round(ep.knownP50, 1)} ms = ${times(ep.ratio)}`,
        '≈ 1x',
        ep.statuses.join(' '),
      ]);
    }
  }
  if (f?.error) out.push(['(f) invoice list at scale', 'error', f.error, '', '']);
  else if (f) {
    out.push([
      `(f) list 25, ${f.small.invoices} invoices`,
      'p50 · p99',
      `${round(f.small.sequential.p50, 2)} · ${round(f.small.sequential.p99, 2)} ms`,
      '',
      '',
    ]);
    out.push([
      `(f) list 25, ${f.large.counts.invoices} invoices`,
      'p50 · p99',
      `${round(f.large.sequential.p50, 2)} · ${round(f.large.sequential.p99, 2)} ms`,
      '',
      `seeded in ${round(f.large.seconds)} s`,
    ]);
    out.push([
      '(f) large / small',
      'p50 ratio',
      times(f.p50Ratio),
      '≤ 1.3x',
      verdict(f.p50Ratio <= targets.listScaleP50),
    ]);
    out.push([
      '(f) status=paid, large / small',
      'p50 ratio',
      times(f.filteredP50Ratio),
      '≤ 1.3x',
      verdict(f.filteredP50Ratio <= targets.listScaleP50),
    ]);
    out.push(['(f) query plans', 'temp B-tree', f.tempBTree ? 'yes' : 'none', 'none', verdict(!f.tempBTree)]);
    out.push([
      '(f) list at 1M / bare Express',
      'req/s ratio',
      `${pct(f.throughputRatio)} (${round(f.large.throughput.requestsPerSecond, 0)} req/s)`,
      '≥ 40%',
      verdict(f.throughputRatio === undefined ? undefined : f.throughputRatio >= targets.listThroughput),
    ]);
  }
  if (g?.error) out.push(['(g) invoice PDFs', 'error', g.error, '', '']);
  else if (g) {
    out.push([
      '(g) invoice PDF, 6 lines, one core',
      'PDFs/s',
      `${round(g.perSecond, 0)} (${kb(g.averageBytes)} each)`,
      '',
      '',
    ]);
  }
  if (h?.error) out.push(['(h) domain search', 'error', h.error, '', '']);
  else if (h) {
    const ms = (v) => `${round(v, 1)} ms`;
    const search = (label, r) =>
      out.push([
        `(h) ${label}`,
        'first · all p50 (p90)',
        `${ms(r.firstP50)} (${ms(r.firstP90)}) · ${ms(r.allP50)} (${ms(r.allP90)})`,
        '',
        `${r.searches} searches`,
      ]);
    out.push([
      '(h) stub registries, 10 TLDs',
      'fastest · slowest',
      `${ms(h.floor.first)} · ${ms(h.floor.all)}`,
      '',
      'the floor',
    ]);
    search('HTTP, 6 connections', h.http6);
    search('HTTP, 10 connections', h.http10);
    search('RdapChecker direct', h.direct);
    out.push(['(h) HTTP 6 conn / direct', 'all p50 ratio', times(h.allRatio), '', '']);
  }
  if (i?.error) out.push(['(i) availability endpoint', 'error', i.error, '', '']);
  else if (i) {
    for (const [label, r] of [
      ['cache 60 s', i.cached],
      ['cache off', i.uncached],
    ]) {
      out.push([
        `(i) GET availability, ${label}`,
        'req/s · p99',
        `${round(r.requestsPerSecond, 0)} · ${r.p99} ms`,
        '',
        [
          `${round(r.rdapPerRequest, 3)} RDAP req per request`,
          r.non2xx ? `${r.non2xx} non-2xx!` : '',
          r.errors || r.timeouts ? `${r.errors} errors, ${r.timeouts} timeouts!` : '',
        ]
          .filter(Boolean)
          .join('; '),
      ]);
    }
    out.push([
      '(i) GET tlds, same server',
      'req/s · p99',
      `${round(i.tldList.requestsPerSecond, 0)} · ${i.tldList.p99} ms`,
      '',
      `reads only: no rate-limit write, no check; ${pct(i.tldListRatio)} of bare`,
    ]);
    out.push(['(i) cached / uncached', 'req/s ratio', times(i.cacheSpeedup), '', '']);
    out.push([
      '(i) cached · uncached / bare',
      'req/s ratio',
      `${pct(i.cachedRatio)} · ${pct(i.uncachedRatio)}`,
      '',
      `bare ${round(i.bareExpressRps, 0)} req/s`,
    ]);
  }
  if (j?.error) out.push(['(j) knowledge-base search', 'error', j.error, '', '']);
  else if (j) {
    const side = (label, r, found) =>
      out.push([
        `(j) ${label}`,
        'req/s · p99',
        `${round(r.requestsPerSecond, 0)} · ${r.p99} ms`,
        '',
        [
          `${found}/${j.queries} queries found something`,
          r.non2xx ? `${r.non2xx} non-2xx!` : '',
          r.errors || r.timeouts ? `${r.errors} errors, ${r.timeouts} timeouts!` : '',
        ]
          .filter(Boolean)
          .join('; '),
      ]);
    side(`FTS5 search, ${j.articles} articles`, j.fts, j.ftsFound);
    side("LIKE '%word%' scan, same file", j.like, j.likeFound);
    out.push([
      '(j) FTS5 / LIKE',
      'req/s · p99 ratio',
      `${times(j.throughputRatio)} · ${times(j.p99Ratio)} lower`,
      '',
      `${round(j.textMegabytes, 1)} MB of text, seeded in ${round(j.seedSeconds)} s`,
    ]);
  }
  const k = cases.k;
  if (k?.error) out.push(['(k) apps', 'error', k.error, '', '']);
  else if (k) {
    const side = (label, r, ratio) =>
      out.push([
        `(k) ${label}`,
        'req/s · p99',
        `${round(r.requestsPerSecond, 0)} · ${r.p99} ms`,
        '',
        [
          ratio === undefined ? 'the floor: an authenticated read' : `${pct(ratio)} of the session read`,
          r.non2xx ? `${r.non2xx} non-2xx!` : '',
          r.errors || r.timeouts ? `${r.errors} errors, ${r.timeouts} timeouts!` : '',
        ]
          .filter(Boolean)
          .join('; '),
      ]);
    side('GET session, same server', k.session);
    side('GET course outline, 40 lessons', k.course, k.courseRatio);
    side(`GET posts page 1, group of ${k.postCount}`, k.posts, k.postsRatio);
  }
  return out;
}

function table(data) {
  const head = ['Case', 'Metric', 'Result', 'Target', 'Verdict'];
  const all = [head, ...data];
  const widths = head.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) =>
    r
      .map((cell, i) => String(cell).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...data.map(line)].join('\n');
}

// ---- main ----

await loadServerHashOptions();
const results = {
  startedAt: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  config,
  targets,
  cases: {},
};

let portico;
try {
  portico = await attempt('starting Portico', startPortico);
  if (portico.error) {
    results.cases.a = results.cases.b = results.cases.c = portico;
  } else {
    const token = await attempt('token-mode login', () => login(portico.url));
    if (typeof token !== 'string') {
      results.cases.a = results.cases.b = results.cases.c = token;
    } else {
      results.cases.a = await attempt('(a)', () => caseThroughput(portico, token));
      results.cases.b = await attempt('(b)', () => caseLoginLatency(portico));
      results.cases.c = await attempt('(c)', () =>
        caseFlood(portico, token, results.cases.a.porticoSession?.requestsPerSecond),
      );
      results.cases.cPolite = await attempt("(c)'", () =>
        caseFlood(portico, token, results.cases.a.porticoSession?.requestsPerSecond, true),
      );
    }
  }
} finally {
  if (portico?.stop) await portico.stop();
}
results.cases.f = await attempt('(f)', () =>
  caseInvoiceScale(results.cases.a?.bareExpress?.requestsPerSecond),
);
results.cases.g = await attempt('(g)', () => pdfThroughput(config.duration));
results.cases.h = await attempt('(h)', () =>
  caseDomainSearch({ startPortico, log, searches: config.domainSearches }),
);
results.cases.i = await attempt('(i)', () =>
  caseCheckThroughput({
    startPortico,
    load,
    log,
    connections: config.connections,
    duration: config.duration,
    warmup: config.warmup,
    bareRps: results.cases.a?.bareExpress?.requestsPerSecond,
  }),
);
results.cases.j = await attempt('(j)', () =>
  caseKbSearch({ startPortico, load, log, connections: config.connections }),
);
results.cases.k = await attempt('(k)', () =>
  caseApps({ startPortico, load, log, login, demoEmail: DEMO.email, connections: config.connections }),
);
results.cases.d = await attempt('(d)', caseBundles);
let devPortico;
try {
  devPortico = await attempt('starting Portico (development)', () => startPortico('development'));
  results.cases.e = devPortico.error ? devPortico : await attempt('(e)', () => caseEnumeration(devPortico));
} finally {
  if (devPortico?.stop) await devPortico.stop();
}
results.finishedAt = new Date().toISOString();

const output = table(rows(results.cases));
console.log(
  `\nPortico bench · node ${results.node} · ${results.cpus} CPU (${results.cpuModel}) · ${config.duration} s per run\n`,
);
console.log(output);
await mkdir(path.join(here, 'results'), { recursive: true });
await writeFile(path.join(here, 'results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWrote ${path.relative(process.cwd(), path.join(here, 'results/latest.json'))}`);
