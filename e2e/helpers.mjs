// Shared fixtures for the end-to-end tests: a fresh Portico server, the example site on another port, Chromium.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, freePort } from '../scripts/test-support.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SERVER_MAIN = path.join(root, 'packages/server/dist/main.js');
const SITE_MAIN = path.join(root, 'examples/embed-site/serve.mjs');

/** Demo sign-in seeded in development mode. */
export const DEMO = { email: 'demo@example.com', password: 'northwind-demo-portal' };

export { freePort };

/**
 * Calls `check` until it returns a truthy value (which is returned) or `timeout` ms pass.
 * The deterministic alternative to sleeping: it waits exactly as long as the condition needs.
 */
export async function eventually(check, { timeout = 10_000, interval = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeout} ms waiting for ${message}${lastError ? `: ${lastError.message}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Spawns a node script, keeps its output for error messages, and knows how to stop it. */
function spawnNode(name, args, { env, cwd }) {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
    if (process.env.E2E_VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** Waits until `url` answers 2xx, failing early with the child's output if it exits. */
async function waitUntilUp(proc, url, name) {
  let exited = false;
  proc.exited.then(() => {
    exited = true;
  });
  await eventually(
    async () => {
      if (exited) throw new Error(`${name} exited early:\n${proc.output()}`);
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      return response.ok;
    },
    { timeout: 30_000, interval: 100, message: `${name} at ${url}` },
  ).catch((error) => {
    throw new Error(`${error.message}\n--- ${name} output ---\n${proc.output()}`);
  });
}

/**
 * Starts a fresh Portico server (in-memory database, development mode so the dev mailbox exists).
 * `origin` is http://localhost:<port>, the name the browser uses.
 */
export async function startServer({ port, allowedOrigins = [], env = {} } = {}) {
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run \`npm run build\` first`);
  port ??= await freePort();
  const cwd = await mkdtemp(path.join(tmpdir(), 'portico-e2e-'));
  const origin = `http://localhost:${port}`;
  const proc = spawnNode('server', [SERVER_MAIN, 'serve'], {
    cwd,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PORTICO_MODE: 'development',
      PORTICO_DATABASE: ':memory:',
      PORTICO_PUBLIC_URL: origin,
      PORTICO_ALLOWED_ORIGINS: allowedOrigins.join(','),
      PORTICO_SECRET: randomBytes(32).toString('hex'),
      PORTICO_SEED_DEMO: '1',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  try {
    await waitUntilUp(proc, `http://127.0.0.1:${port}/api/v1/health`, 'Portico server');
  } catch (error) {
    await proc.stop();
    await rm(cwd, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    origin,
    /** The URL node's fetch uses (127.0.0.1, no name resolution surprises). */
    apiUrl: `http://127.0.0.1:${port}`,
    output: proc.output,
    async stop() {
      const result = await proc.stop();
      await rm(cwd, { recursive: true, force: true });
      return result;
    },
  };
}

/** Starts the example site (examples/embed-site/serve.mjs) pointing at `porticoUrl`. */
export async function startSite({ port, porticoUrl }) {
  port ??= await freePort();
  const proc = spawnNode('site', [SITE_MAIN], {
    cwd: root,
    env: { ...process.env, EMBED_PORT: String(port), EMBED_HOST: '127.0.0.1', PORTICO_URL: porticoUrl },
  });
  try {
    await waitUntilUp(proc, `http://127.0.0.1:${port}/`, 'Example site');
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { port, origin: `http://localhost:${port}`, output: proc.output, stop: () => proc.stop() };
}

/** Launches the system Chromium headless. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Server, example site and browser together. Both origins use the name `localhost` on different ports:
 * cross-origin (CORS applies) but same-site, so the SameSite=Lax session cookie is sent.
 */
export async function startStack() {
  const [serverPort, sitePort] = [await freePort(), await freePort()];
  const started = [];
  try {
    const server = await startServer({ port: serverPort, allowedOrigins: [`http://localhost:${sitePort}`] });
    started.push(server);
    const site = await startSite({ port: sitePort, porticoUrl: server.origin });
    started.push(site);
    const browser = await launchBrowser();
    started.push({ stop: () => browser.close() });
    return {
      server,
      site,
      browser,
      async close() {
        for (const part of started.reverse()) await part.stop().catch(() => {});
      },
    };
  } catch (error) {
    for (const part of started.reverse()) await part.stop().catch(() => {});
    throw error;
  }
}

/** Every mail the dev mailbox holds for `to`, newest first. */
export async function mailFor(serverUrl, to) {
  const response = await fetch(`${serverUrl}/dev/mailbox/messages?to=${encodeURIComponent(to)}`);
  if (!response.ok) throw new Error(`GET /dev/mailbox/messages answered ${response.status}`);
  const body = await response.json();
  return body.items;
}

/** Ids of the mails `to` has now, to tell the next mail from older ones. */
export async function mailIds(serverUrl, to) {
  return new Set((await mailFor(serverUrl, to)).map((m) => m.id));
}

/**
 * Waits for a mail to `to` that is not in `seen` (and whose subject matches `subject`, if given)
 * and returns it with the 6-digit code in its text.
 */
export async function nextCode(serverUrl, to, { seen = new Set(), subject } = {}) {
  const mail = await eventually(
    async () =>
      (await mailFor(serverUrl, to)).find((m) => !seen.has(m.id) && (!subject || subject.test(m.subject))),
    { timeout: 10_000, message: `a new mail to ${to}${subject ? ` matching ${subject}` : ''}` },
  );
  const code = mail.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`No 6-digit code in the mail "${mail.subject}":\n${mail.text}`);
  return { mail, code };
}

/**
 * Signs a new client up through the API, as the registration form would (the form has its own test): registers,
 * reads the emailed code and verifies the address. Throws when a step does not answer as it should.
 */
export async function registerClient(serverUrl, { name, email, password }) {
  const seen = await mailIds(serverUrl, email);
  const post = (path, body) =>
    fetch(`${serverUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const registered = await post('/api/v1/auth/register', { name, email, password });
  if (registered.status !== 202) throw new Error(`register answered ${registered.status}`);
  const { code } = await nextCode(serverUrl, email, { seen });
  const verified = await post('/api/v1/auth/verify-email', { email, code });
  if (verified.status !== 200) throw new Error(`verify-email answered ${verified.status}`);
}

/** Signs in with the example site's `<portal-login>` and waits until the account menu shows the person. */
export async function signInOnSite(page, siteOrigin, { name, email, password }) {
  await page.goto(`${siteOrigin}/#login`);
  const login = page.locator('portal-login');
  await login.getByLabel('Email').fill(email);
  await login.getByLabel('Password').fill(password);
  await login.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page
    .locator('portal-account-menu')
    .getByRole('button', { name: `Account menu for ${name}` })
    .waitFor();
}

/** Pays the whole balance of a `<portal-invoice>` with the test gateway's always-approved card. */
export async function payWithTestCard(invoice) {
  await invoice.getByLabel('Card number').fill('4242 4242 4242 4242');
  await invoice.getByLabel('Expiry date (MM/YY)').fill('12/34');
  await invoice.getByLabel('Security code (CVC)').fill('123');
  await invoice.getByRole('button', { name: /^Pay (?!part)/ }).click();
  await invoice.getByText(/Payment received/).waitFor();
}
