// The apps end to end, in Chromium against a real server and the example site (another origin): the demo client
// joins the affiliate programme; a visitor arrives through the referral link, registers on the site, buys Starter
// and pays; the affiliate sees exactly one commission; the buyer opens the course Starter grants, reads a lesson,
// and switches to the community app from the app switcher without signing in again.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  DEMO,
  eventually,
  mailIds,
  nextCode,
  payWithTestCard,
  signInOnSite,
  startStack,
} from './helpers.mjs';
import { clientAuth } from './xss-page.mjs';

/** The course the demo's Starter plan grants (seeded). */
const GRANTED_COURSE = 'Launch your first website';

/** Signs the demo client in through the API in token mode; answers headers for its later calls. */
async function demoHeaders(server) {
  const { token } = await clientAuth(server, DEMO);
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

describe('apps: referral, purchase, commission, course and the app switcher', () => {
  const name = 'Katherine Johnson';
  const email = `katherine.${randomBytes(4).toString('hex')}@example.com`;
  const password = 'trajectories by hand';

  let stack;
  let api;
  let demo;
  let affiliate;
  const pageErrors = [];

  before(async () => {
    stack = await startStack();
    api = stack.server.apiUrl;
    demo = await demoHeaders(stack.server);
    // The demo client joins the programme (the demo runs it with open sign-up).
    const joined = await fetch(`${api}/api/v1/affiliate`, { method: 'POST', headers: demo, body: '{}' });
    assert.equal(joined.status, 201, `join: ${await joined.clone().text()}`);
    affiliate = (await joined.json()).affiliate;
    assert.equal(affiliate.status, 'active');
  });

  after(async () => {
    await stack?.close();
  });

  test('a referred visitor registers and buys; the affiliate sees one commission; the buyer takes the course and switches app', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // Arrives through the referral link: the provider records the click and keeps the referral.
    await page.goto(`${stack.site.origin}/?ref=${affiliate.code}#login`);
    const stored = await eventually(() => page.evaluate(() => localStorage.getItem('portico.referral')), {
      message: 'the referral is stored',
    });
    assert.match(JSON.parse(stored).referral, /^clk_/);
    assert.doesNotMatch(page.url(), /ref=/, 'the referral code leaves the address');

    // Registers on the site.
    const register = page.locator('portal-register');
    const seen = await mailIds(api, email);
    await register.getByLabel('Full name').fill(name);
    await register.getByLabel('Email').fill(email);
    await register.getByLabel('Password', { exact: true }).fill(password);
    await register.getByRole('button', { name: 'Create account' }).click();
    const { code } = await nextCode(api, email, { seen });
    await register.getByLabel('6-digit code').fill(code);
    await register.getByRole('button', { name: 'Verify and sign in' }).click();
    await page
      .locator('portal-account-menu')
      .getByRole('button', { name: `Account menu for ${name}` })
      .waitFor();

    const referrals = await (await fetch(`${api}/api/v1/affiliate/referrals`, { headers: demo })).json();
    assert.equal(referrals.items.length, 1, 'the registration is attributed to the affiliate');
    assert.equal(referrals.items[0].name, 'K. J.', 'the affiliate sees initials only');

    // Buys Starter and pays with the test card.
    await page.goto(`${stack.site.origin}/billing.html?product=starter&cycle=annual#order`);
    const form = page.locator('portal-order-form');
    await form.getByText('Starter').first().waitFor();
    const terms = form.getByRole('checkbox', { name: /Terms of Service/ });
    if (await terms.count()) await terms.check();
    await form.getByRole('button', { name: 'Place order' }).click();
    await form.getByText('Thank you: your order is placed').waitFor();
    await payWithTestCard(form.locator('portal-invoice'));

    // Exactly one commission, pending, for the affiliate.
    const commissions = await (await fetch(`${api}/api/v1/affiliate/commissions`, { headers: demo })).json();
    assert.equal(commissions.items.length, 1, 'one commission for one paid invoice');
    assert.equal(commissions.items[0].status, 'pending');
    assert.ok(commissions.items[0].amount > 0);

    // The affiliate sees it in the element on the site.
    const affiliateContext = await stack.browser.newContext();
    const affiliatePage = await affiliateContext.newPage();
    affiliatePage.setDefaultTimeout(15_000);
    affiliatePage.on('pageerror', (error) => pageErrors.push(error.message));
    await signInOnSite(affiliatePage, stack.site.origin, {
      name: 'Dana Demo',
      email: DEMO.email,
      password: DEMO.password,
    });
    await affiliatePage.goto(`${stack.site.origin}/affiliate.html`);
    const board = affiliatePage.locator('portal-affiliate');
    const link = board.getByRole('textbox', { name: 'Referral link' });
    await link.waitFor();
    assert.equal(await link.inputValue(), affiliate.link);
    await board.getByText('Pending').first().waitFor();
    await board.getByText('K. J.').first().waitFor();

    // The buyer's course: Starter grants it.
    await page.goto(`${stack.site.origin}/courses.html`);
    const courses = page.locator('portal-courses');
    await courses.getByRole('heading', { name: GRANTED_COURSE }).waitFor();
    await courses
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: GRANTED_COURSE }) })
      .getByRole('link', { name: 'Start' })
      .click();
    const course = page.locator('portal-course');
    await course.getByRole('heading', { name: GRANTED_COURSE }).waitFor();
    await course.getByRole('link', { name: 'Start: Your plan at a glance' }).click();
    await course.getByRole('heading', { name: 'Your plan at a glance' }).waitFor();
    await course.getByRole('button', { name: 'Mark as complete' }).click();
    await course.getByRole('button', { name: 'Mark as complete', pressed: true }).waitFor();

    // One click in the app switcher moves to the community, signed in still.
    const switcher = page.locator('portal-app-switcher');
    await switcher.getByRole('button', { name: 'Apps' }).click();
    await switcher.getByRole('menuitem', { name: /Communities/ }).click();
    await page.waitForURL(`${stack.site.origin}/community.html`);
    await page.locator('portal-communities').getByRole('heading', { name: 'Announcements & tips' }).waitFor();
    await page
      .locator('portal-account-menu')
      .getByRole('button', { name: `Account menu for ${name}` })
      .waitFor();

    assert.deepEqual(pageErrors, []);
  });
});
