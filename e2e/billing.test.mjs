// Buying on the embedded example site, in Chromium: a new client orders a product from the store's order form,
// pays the invoice with the test card in the same place, then finds the service active and the invoice paid, and
// downloads its PDF.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { payWithTestCard, registerClient, signInOnSite, startStack } from './helpers.mjs';

describe('buying on the embedded example site', () => {
  const name = 'Mary Jackson';
  const email = `mary.${randomBytes(4).toString('hex')}@example.com`;
  const password = 'wind tunnels and slide rules';

  let stack;
  let context;
  let page;
  const pageErrors = [];

  before(async () => {
    stack = await startStack();
    const api = stack.server.apiUrl;
    await registerClient(api, { name, email, password });

    context = await stack.browser.newContext({ acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  after(async () => {
    await stack?.close();
  });

  test('orders Starter, pays with the test card, sees the service active and the invoice paid with its PDF', async () => {
    await signInOnSite(page, stack.site.origin, { name, email, password });

    // The store's "Order" link lands here with the product and cycle in the URL.
    await page.goto(`${stack.site.origin}/billing.html?product=starter&cycle=annual#order`);
    const form = page.locator('portal-order-form');
    await form.getByText('Starter').first().waitFor();
    const total = form.getByText(/^Total/).first();
    await total.waitFor();
    const terms = form.getByRole('checkbox', { name: /Terms of Service/ });
    if (await terms.count()) await terms.check();
    await form.getByRole('button', { name: 'Place order' }).click();
    await form.getByText('Thank you: your order is placed').waitFor();

    // The new invoice opens in the form, ready to pay.
    const invoice = form.locator('portal-invoice');
    await payWithTestCard(invoice);

    // My services and my invoices, as a fresh page load shows them.
    await page.goto(`${stack.site.origin}/billing.html`);
    const services = page.locator('portal-services');
    const service = services.getByRole('row').filter({ hasText: 'Starter' });
    await service.first().waitFor();
    assert.equal(await service.count(), 1, 'one service');
    assert.match(await service.first().innerText(), /Active/);

    const invoices = page.locator('portal-invoices');
    const paid = invoices.getByRole('row').filter({ hasText: 'Paid' });
    await paid.first().waitFor();
    assert.equal(
      await invoices
        .getByRole('row')
        .filter({ hasText: /Unpaid|Overdue/ })
        .count(),
      0,
    );
    await paid.first().click();
    const detail = invoices.locator('portal-invoice');
    await detail.getByText('Balance due').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      detail.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.pdf$/);
    const bytes = await readFile(await download.path());
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(bytes.length > 1000, 'a whole PDF');

    assert.deepEqual(pageErrors, []);
  });
});
