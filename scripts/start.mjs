#!/usr/bin/env node
// `npm start`: runs the Portico server and the Northwind Hosting example site side by side (after `npm run build`).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 3000);
const embedPort = Number(process.env.EMBED_PORT ?? 4000);
const serverUrl = `http://localhost:${port}`;
const siteUrl = `http://localhost:${embedPort}`;
const serverMain = fileURLToPath(new URL('../packages/server/dist/main.js', import.meta.url));

for (const [name, value] of [
  ['PORT', port],
  ['EMBED_PORT', embedPort],
]) {
  if (!Number.isInteger(value) || value < 1 || value > 65535) fail(`${name} must be a port number (1-65535)`);
}
if (port === embedPort)
  fail('PORT and EMBED_PORT must differ: the example site shows Portico on another origin');
if (!existsSync(serverMain))
  fail('The server is not built. Run `npm run build` first (`npm start` does it for you).');

mkdirSync(new URL('../data/', import.meta.url), { recursive: true });

const allowedOrigins = new Set(
  (process.env.PORTICO_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
allowedOrigins.add(siteUrl).add(`http://127.0.0.1:${embedPort}`);

const children = [];
let stopping = false;

function run(name, args, env) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`\n${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
      stop(code || 1);
    } else if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) {
      process.exit(process.exitCode ?? 0);
    }
  });
  child.on('error', (error) => {
    console.error(`Could not start ${name}: ${error.message}`);
    stop(1);
  });
  children.push(child);
  return child;
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  if (alive.length === 0) process.exit(code);
  for (const child of alive) child.kill('SIGTERM');
  // A child that ignores SIGTERM must not keep the terminal hostage.
  setTimeout(() => {
    for (const child of alive)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    process.exit(code);
  }, 5000).unref();
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

async function waitFor(url, what) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (stopping) return false;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  console.error(`${what} did not answer at ${url} within 30 s.`);
  stop(1);
  return false;
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run('Portico server', [serverMain, 'serve'], {
  PORT: String(port),
  PORTICO_PUBLIC_URL: process.env.PORTICO_PUBLIC_URL ?? serverUrl,
  PORTICO_ALLOWED_ORIGINS: [...allowedOrigins].join(','),
});
run('Example site', [fileURLToPath(new URL('../examples/embed-site/serve.mjs', import.meta.url))], {
  EMBED_PORT: String(embedPort),
  PORTICO_URL: serverUrl,
});

const ready = await Promise.all([
  waitFor(`http://127.0.0.1:${port}/api/v1/health`, 'The Portico server'),
  waitFor(`http://127.0.0.1:${embedPort}/`, 'The example site'),
]);
if (ready.every(Boolean) && !stopping) {
  const mode = process.env.PORTICO_MODE ?? 'development';
  const lines = [
    '',
    'Portico is running.',
    `  Portal server     ${serverUrl}  (API ${serverUrl}/api/v1, OpenAPI ${serverUrl}/api/openapi.json)`,
    `  Hosted portal     ${serverUrl}/  (the same elements, served by Portico itself)`,
    `  Staff console     ${serverUrl}/admin`,
    `  Example site      ${siteUrl}  (Northwind Hosting, embeds the elements from another origin)`,
  ];
  if (mode === 'development')
    lines.push(`  Dev mailbox       ${serverUrl}/dev/mailbox  (sign-up and sign-in codes land here)`);
  lines.push(
    '  Demo sign-in      demo@example.com / northwind-demo-portal',
    '  Staff sign-in     admin@example.com / northwind-staff-console',
  );
  // The seed's read-only demo API token (packages/server/src/seed.ts), never made in production.
  if (mode !== 'production')
    lines.push(
      '  SDK example       PORTICO_API_TOKEN=pt_northwind-demo-api-token-for-the-sdk-script-example node examples/sdk-script/index.mjs',
    );
  lines.push('', 'Press Ctrl+C to stop.', '');
  console.log(lines.join('\n'));
}
