// The staff side end to end, in Chromium against a real server with a SQLite file: the operator creates the first
// staff user with the CLI, signs in at /admin, creates a client, makes a magic link with a destination, and the
// client opens it in another browser context and lands signed in there; the link then no longer works.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startServer } from './helpers.mjs';

const SERVER_MAIN = fileURLToPath(new URL('../packages/server/dist/main.js', import.meta.url));
const STAFF = { email: 'operator@northwind.test', password: 'a long operator passphrase' };
const CLIENT = { name: 'Lovelace Analytics', email: 'ada@lovelace.test', owner: 'Ada Lovelace' };

/** Runs `portico staff create` against the server's database file with the password piped on stdin. */
function createStaffWithCli(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [SERVER_MAIN, 'staff', 'create', '--email', STAFF.email, '--role', 'admin', '--name', 'Olive Operator'],
      { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`exit ${code}: ${output}`))));
    child.stdin.end(`${STAFF.password}\n`);
  });
}

describe('the staff console', () => {
  let dir;
  let server;
  let browser;
  const pageErrors = [];

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'portico-staff-e2e-'));
    const env = {
      PORTICO_DATABASE: path.join(dir, 'portico.db'),
      PORTICO_SECRET: randomBytes(32).toString('hex'),
      PORTICO_SEED_DEMO: '0',
    };
    server = await startServer({ env });
    await createStaffWithCli({ ...env, PORTICO_MODE: 'development', LOG_LEVEL: 'silent' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('staff signs in, creates a client and a magic link; the client lands signed in on the destination', async () => {
    const staffContext = await browser.newContext();
    const staffPage = await staffContext.newPage();
    staffPage.on('pageerror', (error) => pageErrors.push(error));
    await staffPage.goto(`${server.origin}/admin`);

    // Locators pierce open shadow roots, so label and role queries reach inside the console's elements.
    const login = staffPage.locator('portal-admin-login');
    await login.getByLabel('Email').fill(STAFF.email);
    await login.getByLabel('Password').fill(STAFF.password);
    await login.getByRole('button', { name: 'Sign in' }).click();

    const clients = staffPage.locator('portal-admin-clients');
    await clients.getByRole('button', { name: 'New client' }).click();
    await clients.getByLabel('Client name').fill(CLIENT.name);
    await clients.getByLabel('Owner email').fill(CLIENT.email);
    await clients.getByLabel('Owner name').fill(CLIENT.owner);
    await clients.getByRole('button', { name: 'Create client' }).click();
    // The console opens the new client's page.
    const client = staffPage.locator('portal-admin-client');
    await client.getByRole('heading', { name: CLIENT.name }).waitFor();
    await client.getByRole('button', { name: `Magic link for ${CLIENT.owner}` }).click();
    await client.getByLabel('Open on page (optional)').fill('/login');
    await client.getByRole('button', { name: 'Generate link' }).click();
    const linkField = client.getByRole('textbox', { name: 'Magic link', exact: true });
    await linkField.waitFor();
    const url = await linkField.inputValue();
    assert.match(url, new RegExp(`^${server.origin}/magic-link#token=pml_[A-Za-z0-9_-]{43}$`));

    // A mail scanner (or a preview) fetching the link spends nothing: the token is in the fragment and the page
    // only shows a button.
    const scanned = await fetch(url.replace('localhost', '127.0.0.1'));
    assert.equal(scanned.status, 200);

    const clientContext = await browser.newContext();
    const clientPage = await clientContext.newPage();
    clientPage.on('pageerror', (error) => pageErrors.push(error));
    await clientPage.goto(url);
    const magic = clientPage.locator('portal-magic-link');
    await magic.getByText(`Sign in to ${'Portico'} as`).waitFor();
    assert.equal(new URL(clientPage.url()).hash, '', 'the token left the address bar');
    await Promise.all([
      clientPage.waitForURL(`${server.origin}/login`),
      magic.getByRole('button', { name: /sign in/i }).click(),
    ]);

    await clientPage.locator('portal-login').getByText(`Signed in as ${CLIENT.owner}`).waitFor();
    const session = await clientPage.evaluate(async (api) => {
      const res = await fetch(`${api}/api/v1/auth/session`, { credentials: 'include' });
      return res.json();
    }, server.origin);
    assert.equal(session?.user.email, CLIENT.email);
    assert.equal(session?.account.name, CLIENT.name);

    // Staff and client sessions never cross: the client's browser is not signed in to the console.
    const staffSide = await clientPage.evaluate(async (api) => {
      const res = await fetch(`${api}/api/admin/v1/auth/session`, { credentials: 'include' });
      return res.json();
    }, server.origin);
    assert.equal(staffSide, null);

    // The link worked once: a third browser gets the "used or expired" message.
    const lateContext = await browser.newContext();
    const latePage = await lateContext.newPage();
    await latePage.goto(url);
    await latePage
      .locator('portal-magic-link')
      .getByText('Sign-in links work once and expire after 10 minutes', { exact: false })
      .waitFor();

    // The console's audit log shows the link made and used.
    await staffPage.goto(`${server.origin}/admin#/audit`);
    const audit = staffPage.locator('portal-admin-audit');
    await audit.getByText('magic_link.used').first().waitFor();
    await audit.getByText('magic_link.created').first().waitFor();

    assert.deepEqual(pageErrors, []);
    await Promise.all([staffContext.close(), clientContext.close(), lateContext.close()]);
  });

  test('every console page loads against the real server with no failed request and no error', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${server.origin}/admin`);
    const login = page.locator('portal-admin-login');
    await login.getByLabel('Email').fill(STAFF.email);
    await login.getByLabel('Password').fill(STAFF.password);
    await login.getByRole('button', { name: 'Sign in' }).click();
    const pages = [
      ['#/clients', 'portal-admin-clients', 'Clients'],
      ['#/portal-users', 'portal-admin-portal-users', 'Portal users'],
      ['#/settings', 'portal-admin-settings', 'Client portal settings'],
      ['#/staff', 'portal-admin-staff', 'Staff'],
      ['#/audit', 'portal-admin-audit', 'Audit log'],
      ['#/security', 'portal-admin-security', 'My security'],
      ['#/products', 'portal-admin-products', 'Products'],
      ['#/orders', 'portal-admin-orders', 'Orders'],
      ['#/invoices', 'portal-admin-invoices', 'Invoices'],
      ['#/services', 'portal-admin-services', 'Services'],
      ['#/cancellations', 'portal-admin-cancellations', 'Cancellation requests'],
      ['#/billing-settings', 'portal-admin-billing-settings', 'Billing settings'],
      ['#/domains', 'portal-admin-domains', 'Domains'],
      ['#/tlds', 'portal-admin-tlds', 'TLDs & pricing'],
      ['#/domain-settings', 'portal-admin-domain-settings', 'Domain settings'],
    ];
    for (const [hash, tag, heading] of pages) {
      await page.evaluate((h) => {
        location.hash = h;
      }, hash);
      await page.locator(tag).getByRole('heading', { name: heading, exact: true }).waitFor();
      // Lists show their rows (or their empty state) once loaded: no spinner left behind.
      await page.locator(tag).locator('[part~="loading"]').waitFor({ state: 'detached' });
    }
    // The portal users dashboard counts the client made in the first test and shows the portal URL.
    await page.evaluate(() => {
      location.hash = '#/portal-users';
    });
    const users = page.locator('portal-admin-portal-users');
    await users.getByText(CLIENT.email).first().waitFor();
    assert.equal(await users.getByRole('textbox', { name: 'Portal address' }).inputValue(), server.origin);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
