// The account page of the example site, in Chromium: two-step verification enrolled with a code computed from the
// secret the page shows, then a sign-in that asks for it; a passkey made on Chromium's virtual authenticator, then
// a sign-in with it alone; a contact added by the owner, who joins from the invitation and finds both accounts.
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eventually, mailFor, mailIds, registerClient, startStack } from './helpers.mjs';

/** RFC 6238 code (SHA-1, 6 digits, 30-second steps) of a base32 secret for a step, as an authenticator app. */
function totp(secret, step) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...secret.replace(/\s+/g, '').toUpperCase()]
    .map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0'))
    .join('');
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
const currentStep = () => Math.floor(Date.now() / 30_000);

describe('the account page on the embedded example site', () => {
  const name = 'Grace Hopper';
  const email = `grace.${randomBytes(4).toString('hex')}@example.com`;
  const password = 'a ship in harbour is safe';

  let stack;
  let context;
  let page;
  let secret;
  let enrolStep;
  const pageErrors = [];

  const login = () => page.locator('portal-login');
  const security = () => page.locator('portal-security');
  const menu = () => page.locator('portal-account-menu');
  const menuButton = () => menu().getByRole('button', { name: `Account menu for ${name}` });

  async function signOut() {
    await menuButton().click();
    await menu().getByRole('menuitem', { name: 'Sign out' }).click();
    await menu().getByRole('link', { name: 'Sign in' }).waitFor();
  }

  async function signInWithPassword() {
    await page.goto(`${stack.site.origin}/#login`);
    await login().getByLabel('Email').fill(email);
    await login().getByLabel('Password').fill(password);
    await login().getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  before(async () => {
    stack = await startStack();
    // The person signs up through the API (the registration form has its own test).
    const api = stack.server.apiUrl;
    await registerClient(api, { name, email, password });

    context = await stack.browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  after(async () => {
    await stack?.close();
  });

  test('turns on two-step verification with a code computed from the key the page shows', async () => {
    await signInWithPassword();
    await menuButton().waitFor();
    await page.goto(`${stack.site.origin}/account.html`);
    await security().getByRole('button', { name: 'Set up two-step verification' }).click();
    await security().getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    secret = (await security().locator('[part="secret"]').textContent()).replace(/\s+/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/, 'a 160-bit base32 key');

    enrolStep = currentStep();
    await security().getByLabel('Code from your app').fill(totp(secret, enrolStep));
    await security().getByRole('button', { name: 'Turn on' }).click();
    const codes = security().getByRole('list', { name: 'Backup codes' });
    await codes.waitFor();
    assert.equal(await codes.getByRole('listitem').count(), 10);
    await security().getByRole('button', { name: 'I saved them' }).click();
    await security().getByText('Backup codes left: 10 of 10.').waitFor();
  });

  test('signs out, then signing in with the password asks for the code and accepts it', async () => {
    await signOut();
    await signInWithPassword();
    await login().getByRole('heading', { name: 'Two-step verification' }).waitFor();
    assert.equal(await menuButton().count(), 0, 'not signed in before the second step');
    const session = await page.evaluate(async (api) => {
      const res = await fetch(`${api}/api/v1/auth/session`, { credentials: 'include' });
      return res.json();
    }, stack.server.origin);
    assert.equal(session, null, 'no session exists on the server yet');

    // The enrolment spent its step; a code of a later step (the next one is inside the ±1 window) works.
    await login()
      .getByLabel('Code from your app')
      .fill(totp(secret, Math.max(enrolStep + 1, currentStep())));
    await login().getByRole('button', { name: 'Verify and sign in' }).click();
    await menuButton().waitFor();
    await login().getByText(`Signed in as ${name}`).waitFor();
  });

  test("adds a passkey on Chromium's virtual authenticator and signs in with it alone", async () => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    await page.goto(`${stack.site.origin}/account.html`);
    await security().getByRole('button', { name: 'Add a passkey' }).click();
    await security().getByLabel('Name this passkey').fill('Test laptop');
    await security().getByRole('button', { name: 'Save passkey' }).click();
    await security().getByText('Test laptop').waitFor();

    await signOut();
    await page.goto(`${stack.site.origin}/#login`);
    await login().getByRole('button', { name: 'Sign in with a passkey' }).click();
    await menuButton().waitFor();
    assert.equal(
      await login().getByRole('heading', { name: 'Two-step verification' }).count(),
      0,
      'a passkey is both factors: no code is asked',
    );
  });

  test('the owner adds a billing contact, who accepts the invitation and sees only what billing may', async () => {
    const contactEmail = `ada.${randomBytes(4).toString('hex')}@example.com`;
    await page.goto(`${stack.site.origin}/account.html`);
    const contacts = page.locator('portal-contacts');
    const seen = await mailIds(stack.server.apiUrl, contactEmail);
    await contacts.getByRole('button', { name: 'Add contact' }).click();
    await contacts.getByLabel('Name').fill('Ada Lovelace');
    await contacts.getByLabel('Email').fill(contactEmail);
    await contacts.getByRole('radio', { name: 'Billing' }).check();
    await contacts.getByRole('button', { name: 'Add and notify' }).click();
    await contacts.getByText(`We sent ${contactEmail} an email.`).waitFor();

    const mail = await eventually(
      async () => (await mailFor(stack.server.apiUrl, contactEmail)).find((m) => !seen.has(m.id)),
      { message: `the invitation to ${contactEmail}` },
    );
    const link = mail.text.match(/https?:\/\/\S+\/invitation#token=\S+/)?.[0];
    assert.ok(link, mail.text);

    // The contact, in a browser of their own, accepts on the hosted invitation page.
    const theirs = await stack.browser.newContext();
    const contactPage = await theirs.newPage();
    contactPage.setDefaultTimeout(10_000);
    await contactPage.goto(link);
    const invitation = contactPage.locator('portal-invitation');
    await invitation.getByLabel('Choose a password').fill('the engine weaves algebra');
    await invitation.getByRole('button', { name: 'Accept and sign in' }).click();
    const session = await eventually(
      () =>
        contactPage.evaluate(async () => {
          const res = await fetch('/api/v1/auth/session', { credentials: 'include' });
          return res.json();
        }),
      { message: 'the contact signed in' },
    );
    assert.equal(session.user.email, contactEmail);
    assert.equal(session.account.role, 'billing');
    assert.ok(session.permissions.includes('billing:write'));
    assert.ok(!session.permissions.includes('support:read'));
    // Accepting navigates to the portal home: ask again if the page is between documents.
    const owned = await eventually(
      () => contactPage.evaluate(async () => (await fetch('/api/v1/contacts')).status),
      { message: 'the contacts route answered the contact' },
    );
    assert.equal(owned, 403, 'a contact cannot manage contacts');
    await theirs.close();

    await page.reload();
    await contacts.getByText('Active', { exact: true }).waitFor();
    assert.equal(pageErrors.length, 0, pageErrors.join('\n'));
  });
});
