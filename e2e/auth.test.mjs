// Registration, sign-out, password sign-in, emailed-code sign-in and password reset, in Chromium, on the
// example site (one origin) embedding the elements served by a fresh Portico server (another origin).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { mailIds, nextCode, startStack } from './helpers.mjs';

describe('auth on the embedded example site', () => {
  const name = 'Ada Lovelace';
  const email = `ada.${randomBytes(4).toString('hex')}@example.com`;
  const password = 'analytical engine 1843';
  const newPassword = 'difference engine 1822';

  let stack;
  let page;
  const pageErrors = [];
  const cspViolations = [];

  // Locators pierce open shadow roots, so role and label queries reach inside the elements.
  const login = () => page.locator('portal-login');
  const register = () => page.locator('portal-register');
  const menu = () => page.locator('portal-account-menu');
  const menuButton = () => menu().getByRole('button', { name: `Account menu for ${name}` });

  /** Waits until every sign of being signed in shows: account menu, login element and the host page. */
  async function expectSignedIn() {
    await menuButton().waitFor();
    await login().getByText(`Signed in as ${name}`).waitFor();
    await page.locator('#portal-status').getByText(`Welcome, ${name}.`).waitFor();
    assert.equal(await menu().getByRole('button').count(), 1);
  }

  /** Waits until the page is signed out again, and checks the server agrees (the cookie no longer works). */
  async function expectSignedOut() {
    await menu().getByRole('link', { name: 'Sign in' }).waitFor();
    await login().getByLabel('Email').waitFor();
    const answer = await page.evaluate(async (api) => {
      const res = await fetch(`${api}/api/v1/auth/session`, { credentials: 'include' });
      return { status: res.status, body: await res.json() };
    }, stack.server.origin);
    assert.deepEqual(answer, { status: 200, body: null }, 'the session must be over on the server too');
  }

  /** Opens the login's `link` view, asks for a code for `email` and returns it from the dev mailbox. */
  async function askForCode(link, heading) {
    await login().getByRole('button', { name: link }).click();
    await login().getByRole('heading', { name: heading }).waitFor();
    await login().getByLabel('Email').fill(email);
    const seen = await mailIds(stack.server.apiUrl, email);
    await login().getByRole('button', { name: 'Send code' }).click();
    await login().getByText(`We sent a 6-digit code to ${email}.`).waitFor();
    return (await nextCode(stack.server.apiUrl, email, { seen })).code;
  }

  before(async () => {
    stack = await startStack();
    const context = await stack.browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });

  after(async () => {
    await stack?.close();
  });

  test('the page on its own origin loads the elements from the server origin', async () => {
    assert.notEqual(new URL(stack.site.origin).port, new URL(stack.server.origin).port);
    await page.goto(`${stack.site.origin}/`);
    await login().getByRole('heading', { name: 'Sign in' }).waitFor();
    await register().getByRole('heading', { name: 'Create your account' }).waitFor();
    await menu().getByRole('link', { name: 'Sign in' }).waitFor();
    assert.equal(await menu().getByRole('link', { name: 'Sign in' }).getAttribute('href'), '#login');
  });

  test('registers with name, email and password, confirmed by the emailed code', async () => {
    const seen = await mailIds(stack.server.apiUrl, email);
    await register().getByLabel('Full name').fill(name);
    await register().getByLabel('Email').fill(email);
    await register().getByLabel('Password', { exact: true }).fill(password);
    await register().getByRole('button', { name: 'Create account' }).click();

    await register().getByText(`We sent a 6-digit code to ${email}.`).waitFor();
    const { code } = await nextCode(stack.server.apiUrl, email, { seen });
    await register().getByLabel('6-digit code').fill(code);
    await register().getByRole('button', { name: 'Verify and sign in' }).click();

    await expectSignedIn();
    // The host page hides its registration card once signed in (site.js, from the portal-signed-in event).
    await register().waitFor({ state: 'hidden' });
  });

  test('signs out from the account menu', async () => {
    await menuButton().click();
    await menu().getByText(email).waitFor();
    await menu().getByRole('menuitem', { name: 'Sign out' }).click();
    await expectSignedOut();
    await register().waitFor({ state: 'visible' });
  });

  test('signs in with the password, and stays signed in across a reload', async () => {
    await login().getByLabel('Email').fill(email);
    await login().getByLabel('Password').fill(password);
    await login().getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectSignedIn();

    await page.reload();
    await expectSignedIn();

    await login().getByRole('button', { name: 'Sign out' }).click();
    await expectSignedOut();
  });

  test('signs in with a code sent by email', async () => {
    const code = await askForCode('Email me a sign-in code', 'Sign in with an emailed code');
    await login().getByLabel('6-digit code').fill(code);
    await login().getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectSignedIn();

    await menuButton().click();
    await menu().getByRole('menuitem', { name: 'Sign out' }).click();
    await expectSignedOut();
  });

  test('resets a forgotten password with an emailed code, then signs in with the new one', async () => {
    const code = await askForCode('Forgot password?', 'Reset your password');
    await login().getByLabel('6-digit code').fill(code);
    await login().getByLabel('New password').fill(newPassword);
    await login().getByRole('button', { name: 'Set password and sign in' }).click();
    await expectSignedIn();

    await login().getByRole('button', { name: 'Sign out' }).click();
    await expectSignedOut();

    // The old password no longer works...
    await login().getByLabel('Email').fill(email);
    await login().getByLabel('Password').fill(password);
    await login().getByRole('button', { name: 'Sign in', exact: true }).click();
    await login().getByRole('alert').filter({ hasText: /\S/ }).waitFor();
    assert.equal(await menuButton().count(), 0);

    // ...the new one does.
    await login().getByLabel('Password').fill(newPassword);
    await login().getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectSignedIn();
  });

  test('the page threw nothing and the host CSP allowed everything the elements needed', () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(cspViolations, []);
  });
});
