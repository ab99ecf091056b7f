// A domain from search to name servers, in Chromium on the embedded example site: a new client searches with the
// home page's <domain-search>, adds a free name, continues to the order form, places the order, pays with the test
// card, finds the domain active in My Domains (registered through the built-in local registrar by the domains job
// the payment kicked), and changes its name servers, which the registrar confirms before they are stored.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eventually, payWithTestCard, registerClient, signInOnSite, startStack } from './helpers.mjs';

describe('a domain from search to name servers', () => {
  const name = 'Dorothy Vaughan';
  const email = `dorothy.${randomBytes(4).toString('hex')}@example.com`;
  const password = 'fortran for the whole section';
  const label = `vaughan-${randomBytes(3).toString('hex')}`;
  const domain = `${label}.com`;

  let stack;
  let page;
  const pageErrors = [];

  before(async () => {
    stack = await startStack();
    const api = stack.server.apiUrl;
    await registerClient(api, { name, email, password });

    const context = await stack.browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  after(async () => {
    await stack?.close();
  });

  test('search, add to the order, pay, see it in My Domains and change its name servers', async () => {
    await signInOnSite(page, stack.site.origin, { name, email, password });

    // Search on the home page and add the .com for one year.
    await page.goto(`${stack.site.origin}/#domains`);
    const widget = page.locator('domain-search');
    await widget.getByLabel('Find your domain').fill(label);
    await widget.getByRole('button', { name: 'Search', exact: true }).click();
    const row = widget.locator(`[part~="row"][data-domain="${domain}"][data-status="available"]`);
    await row.waitFor();
    await row.getByRole('button', { name: `Add ${domain}` }).click();
    await Promise.all([
      page.waitForURL(/billing\.html/),
      widget.locator('[part~="cart"]').getByRole('button', { name: 'Continue' }).click(),
    ]);

    // The order form has the domain; place the order and pay its invoice in place.
    const form = page.locator('portal-order-form');
    await form.getByText(`Domain registration: ${domain} (1 year)`).waitFor();
    const terms = form.getByRole('checkbox', { name: /Terms of Service/ });
    if (await terms.count()) await terms.check();
    await form.getByRole('button', { name: 'Place order' }).click();
    await form.getByText('Thank you: your order is placed').waitFor();
    const invoice = form.locator('portal-invoice');
    await payWithTestCard(invoice);

    // The payment queued the registration and kicked the domains job: My Domains shows it active soon after.
    const mine = page.locator('portal-domains');
    await eventually(
      async () => {
        await page.goto(`${stack.site.origin}/billing.html#my-domains`);
        const status = mine.locator('tr', { hasText: domain });
        await status.first().waitFor();
        return /Active/.test(await status.first().innerText());
      },
      { timeout: 15_000, interval: 250, message: `${domain} active in My Domains` },
    );

    // Open it and replace the name servers.
    await mine.locator('[part="open"]', { hasText: domain }).click();
    const detail = mine.locator('portal-domain');
    await detail.getByRole('heading', { name: 'Name servers' }).waitFor();
    await detail.getByLabel('Name server 1', { exact: true }).fill('ns1.dorothy-dns.net');
    await detail.getByLabel('Name server 2', { exact: true }).fill('NS2.Dorothy-DNS.net');
    await detail.getByRole('button', { name: 'Save name servers' }).click();
    await detail.getByText('Name servers saved.').waitFor();

    // What the API stores now is what the registrar confirmed, in ASCII lower case; a fresh load (which opens the
    // domain again from the address's #domain/<id>) shows it.
    assert.match(new URL(page.url()).hash, /^#domain\/dom_/);
    await page.reload();
    await detail.getByRole('heading', { name: 'Name servers' }).waitFor();
    assert.equal(
      await detail.getByLabel('Name server 1', { exact: true }).inputValue(),
      'ns1.dorothy-dns.net',
    );
    assert.equal(
      await detail.getByLabel('Name server 2', { exact: true }).inputValue(),
      'ns2.dorothy-dns.net',
    );
    assert.equal(await detail.getByLabel('Name server 3', { exact: true }).count(), 0);

    assert.deepEqual(pageErrors, []);
  });
});
