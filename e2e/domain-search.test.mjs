// <domain-search> on the example site, which is another origin than the Portico server, against the real server
// and its demo seed: a search whose results stream in with prices, a taken name, a register and a transfer added to
// the cart, "Continue" to the order form (the transfer code through sessionStorage, never the URL), and an
// accessibility check of the widget in that page with axe-core.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { startStack } from './helpers.mjs';

const require = createRequire(import.meta.url);

/** The demo seed's name held at another registrar with a published transfer code (packages/server/src/seed.ts). */
const TRANSFER = { domain: 'transfer-me.com', eppCode: 'NW-demo-transfer-2026' };

describe('<domain-search> on the embedded example site', () => {
  let stack;
  const pageErrors = [];

  before(async () => {
    stack = await startStack();
  });

  after(async () => {
    await stack?.close();
  });

  async function newPage(options = {}) {
    const context = await stack.browser.newContext(options);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  test('the hosted /store page shows the domain search while the business shows it', async () => {
    const html = await (await fetch(`${stack.server.apiUrl}/store`)).text();
    assert.match(html, /<domain-search order-href="\/order"><\/domain-search>/);
  });

  test('searches, shows results as they come with prices, a taken name, and continues to the order form', async () => {
    const page = await newPage();
    // Hold one check back in the browser: the other rows must fill in without waiting for it.
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    await page.route(/\/api\/v1\/domains\/availability\?.*domain=northwind-e2e\.io/, async (route) => {
      await held;
      await route.continue();
    });
    const checks = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/domains/availability')) {
        checks.push(new URL(request.url()).searchParams.get('domain'));
      }
    });

    await page.goto(`${stack.site.origin}/#domains`);
    const widget = page.locator('domain-search');
    await widget.getByLabel('Find your domain').fill('northwind-e2e.com');
    await widget.getByRole('button', { name: 'Search', exact: true }).click();

    const row = (domain) => widget.locator(`[part~="row"][data-domain="${domain}"]`);
    await widget.locator('[part~="row"][data-domain="northwind-e2e.net"][data-status="available"]').waitFor();
    assert.equal(await row('northwind-e2e.io').getAttribute('data-status'), 'checking');
    assert.match(await widget.locator('[part="summary"]').innerText(), /^\d+ of \d+ checked$/);
    assert.equal(checks[0], 'northwind-e2e.com', 'the typed domain is checked first');
    release();
    await widget.getByText(/^Done: \d+ available$/).waitFor();
    assert.equal(await row('northwind-e2e.io').getAttribute('data-status'), 'available');
    assert.match(await row('northwind-e2e.com').locator('[part~="price"]').innerText(), /^\$12\.99\/year$/);
    assert.ok(checks.includes('northwind-e2e.co.uk'), 'every TLD of the business is checked');

    // Add a registration for 2 years.
    const com = row('northwind-e2e.com');
    await com.locator('select').selectOption('2');
    await com.getByRole('button', { name: 'Add northwind-e2e.com' }).click();

    // A taken name: transfer it in with its EPP code.
    await widget.getByLabel('Find your domain').fill(TRANSFER.domain);
    await widget.getByRole('button', { name: 'Search', exact: true }).click();
    await widget.getByText(/^Done: \d+ available$/).waitFor();
    const taken = row(TRANSFER.domain);
    assert.equal(await taken.getAttribute('data-status'), 'taken');
    await taken.getByText('Taken').waitFor();
    await taken.getByRole('button', { name: `Transfer ${TRANSFER.domain}` }).click();
    await taken.getByLabel(`Transfer (EPP) code for ${TRANSFER.domain}`).fill(TRANSFER.eppCode);
    await taken.getByRole('button', { name: `Add transfer of ${TRANSFER.domain}` }).click();

    const cart = widget.locator('[part~="cart"]');
    assert.deepEqual(await cart.locator('[part~="cart-item"] .name').allInnerTexts(), [
      'northwind-e2e.com',
      TRANSFER.domain,
    ]);
    await cart.getByText(/^Total: \$\d+\.\d\d$/).waitFor();

    await Promise.all([
      page.waitForURL(/billing\.html/),
      cart.getByRole('button', { name: 'Continue' }).click(),
    ]);
    const url = new URL(page.url());
    assert.deepEqual(url.searchParams.getAll('domain'), [
      'register:northwind-e2e.com:2',
      `transfer:${TRANSFER.domain}:1`,
    ]);
    assert.ok(!page.url().includes(TRANSFER.eppCode), 'the EPP code is never in the URL');

    // The order form on the billing page has both, the code filled in from the widget's cart.
    const form = page.locator('portal-order-form');
    await form.getByRole('heading', { name: 'Order domains' }).waitFor();
    assert.equal(
      await form.getByLabel(`Transfer (EPP) code for ${TRANSFER.domain}`).inputValue(),
      TRANSFER.eppCode,
    );
    await form
      .getByText(/^Total$/)
      .first()
      .waitFor();
    await form.getByText('Domain registration: northwind-e2e.com (2 years)').waitFor();
    // Signed out: ordering continues after signing in inline.
    await form.getByText('Sign in to order').waitFor();
    assert.deepEqual(pageErrors, []);
  });

  test('passes an axe accessibility check in the host page, with results and a cart', async () => {
    // axe-core goes in as an inline script, which the example site's CSP (rightly) refuses: bypass it for the check.
    const page = await newPage({ bypassCSP: true });
    await page.goto(`${stack.site.origin}/#domains`);
    const widget = page.locator('domain-search');
    await widget.getByLabel('Find your domain').fill('example');
    await widget.getByRole('button', { name: 'Search', exact: true }).click();
    await widget.getByText(/^Done: \d+ available$/).waitFor();
    await widget.getByRole('button', { name: 'Add example.dev' }).click();
    await widget.getByRole('button', { name: 'Transfer example.com' }).click();
    // A bad search leaves its message beside the field too.
    await widget.getByLabel('Find your domain').fill('bad..name');
    await widget.getByRole('button', { name: 'Search', exact: true }).click();
    await widget.getByText('A domain cannot start with a dot or have two dots in a row.').waitFor();

    await page.addScriptTag({ path: require.resolve('axe-core') });
    const violations = await page.evaluate(async () => {
      const result = await globalThis.axe.run(document.querySelector('domain-search'), {
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(pageErrors, []);
  });
});
