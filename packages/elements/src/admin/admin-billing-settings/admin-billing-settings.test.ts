import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminBilling } from '../../../test/fake-admin-billing.js';
import { fill, mountPage, noticeText, problem, submitFormOf } from '../../../test/fake-admin.js';
import { $, button } from '../../../test/helpers.js';
import type { PortalAdminBillingSettings } from './admin-billing-settings.js';

const mount = (fake: FakeAdminBilling, as = 'grace@example.com', lang = 'en') =>
  mountPage<PortalAdminBillingSettings>(
    html`<portal-admin-billing-settings .client=${fake.client()} .session=${fake.signIn(as)} lang=${lang}></portal-admin-billing-settings>`,
    fake,
    { as },
  );

const example = (el: PortalAdminBillingSettings) => $(el, '[part~="example"] output').textContent?.trim();
const patches = (fake: FakeAdminBilling) => fake.callsTo('/api/admin/v1/billing/settings', 'PATCH');
const input = (el: PortalAdminBillingSettings, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`);

describe('<portal-admin-billing-settings>', () => {
  let fake: FakeAdminBilling;
  beforeEach(() => {
    fake = new FakeAdminBilling();
  });

  it('shows the settings and the gateways, with a live example of the next invoice number', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('Billing settings');
    expect(input(el, 'invoicePrefix').value).to.equal('INV-');
    expect(input(el, 'reminderDays').value).to.equal('7, 3');
    expect(input(el, 'taxRules.0.rate').value).to.equal('21');
    expect(example(el)).to.equal('INV-00044');
    await fill(el, 'nextInvoiceNumber', '42');
    expect(example(el)).to.equal('INV-00042');
    await fill(el, 'numberPadding', '3');
    await fill(el, 'invoicePrefix', '2025/');
    expect(example(el)).to.equal('2025/042');
    expect($(el, '[part~="save"]').textContent).to.contain('Unsaved changes: 3');
    expect(el.shadowRoot!.querySelectorAll('[part~="gateway"]')).to.have.length(3);
    await expect(el).to.be.accessible();
  });

  it('edits the tax rules, sending rates as basis points', async () => {
    const el = await mount(fake);
    button(el, 'Add tax rule').click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('taxRules.1.name');
    await fill(el, 'taxRules.1.name', 'VAT');
    await fill(el, 'taxRules.1.rate', '8.875');
    await fill(el, 'taxRules.1.country', 'gbr');
    await submitFormOf(el, 'invoicePrefix');
    expect($(el, '#taxRules-1-rate-error').textContent).to.equal(
      'Enter a percentage from 0 to 100 with at most two decimals.',
    );
    expect($(el, '#taxRules-1-country-error').textContent).to.equal(
      'Use 2 letters such as ES, or leave it blank.',
    );
    expect(patches(fake)).to.have.length(0);
    await expect(el).to.be.accessible();

    await fill(el, 'taxRules.1.rate', '21');
    await fill(el, 'taxRules.1.country', 'gb');
    await fill(el, 'taxRules.0.rate', '7,5');
    await fill(el, 'taxRules.0.state', 'Canarias');
    await submitFormOf(el, 'invoicePrefix');
    await waitUntil(() => noticeText(el) === 'The billing settings were saved.', 'never saved');
    expect(patches(fake)[0]?.body).to.deep.equal({
      taxRules: [
        { name: 'IVA', rateBps: 750, country: 'ES', state: 'Canarias' },
        { name: 'VAT', rateBps: 2100, country: 'GB', state: null },
      ],
    });
    expect(input(el, 'taxRules.0.rate').value).to.equal('7.5');

    $<HTMLButtonElement>(el, '[aria-label="Remove tax rule 1"]').click();
    await el.updateComplete;
    expect(input(el, 'taxRules.0.name').value).to.equal('VAT');
  });

  it('saves terms, reminders and suspension, and shows the server’s objections beside their fields', async () => {
    const el = await mount(fake);
    await fill(el, 'reminderDays', '10, 5 1');
    await fill(el, 'overdueReminderDays', '1, 2, 3, 4, 5, 6');
    await fill(el, 'suspend', false);
    await fill(el, 'nextInvoiceNumber', '12');
    await submitFormOf(el, 'invoicePrefix');
    expect($(el, '#overdueReminderDays-error').textContent).to.contain('Enter up to five numbers of days');
    await fill(el, 'overdueReminderDays', '3');
    await submitFormOf(el, 'invoicePrefix');
    await waitUntil(() => el.shadowRoot!.querySelector('#nextInvoiceNumber-error'), 'no server error');
    expect($(el, '#nextInvoiceNumber-error').textContent).to.equal('Lower numbers are already used.');
    expect(patches(fake)[0]?.body).to.deep.equal({
      nextInvoiceNumber: 12,
      reminderDays: [10, 5, 1],
      overdueReminderDays: [3],
      suspendAfterDays: null,
    });
    await fill(el, 'nextInvoiceNumber', '44');
    await submitFormOf(el, 'invoicePrefix');
    await waitUntil(() => noticeText(el) === 'The billing settings were saved.', 'never saved');
    expect(fake.billingSettings.suspendAfterDays).to.equal(null);
    expect(fake.billingSettings.reminderDays).to.deep.equal([10, 5, 1]);
  });

  it('keeps gateway secrets write-only and gives the webhook URL to copy', async () => {
    const el = await mount(fake);
    const stripe = $(el, '[aria-labelledby="gateway-stripe"]');
    expect(stripe.textContent).to.contain('Not set');
    expect(input(el, 'gateways.stripe.webhookUrl').value).to.equal(
      'https://portal.example.com/api/v1/billing/webhooks/stripe',
    );
    await fill(el, 'gateways.stripe.enabled', true);
    await fill(el, 'gateways.stripe.publishableKey', 'pk_test_123');
    await fill(el, 'gateways.stripe.secretKey', 'sk_test_456');
    await submitFormOf(el, 'gateways.stripe.secretKey');
    await waitUntil(() => noticeText(el) === 'Card was saved.', 'never saved');
    expect(fake.callsTo('/api/admin/v1/billing/gateways/stripe', 'PATCH')[0]?.body).to.deep.equal({
      enabled: true,
      publishableKey: 'pk_test_123',
      secretKey: 'sk_test_456',
    });
    expect(fake.secrets.get('stripe.secretKey')).to.equal('sk_test_456');
    // Never shown again: the field is empty and the page says a key is set.
    expect(input(el, 'gateways.stripe.secretKey').value).to.equal('');
    expect(input(el, 'gateways.stripe.secretKey').type).to.equal('password');
    expect($(el, '[aria-labelledby="gateway-stripe"] .secret .badge').textContent).to.equal('Set');
    expect($(el, '[aria-labelledby="gateway-stripe"] .title .badge').textContent).to.equal('On');

    await fill(el, 'gateways.manual.instructions', 'Pay to IBAN ES00 1234.');
    await submitFormOf(el, 'gateways.manual.instructions');
    await waitUntil(() => noticeText(el) === 'Bank transfer was saved.', 'never saved');
    expect(fake.callsTo('/api/admin/v1/billing/gateways/manual', 'PATCH')[0]?.body).to.deep.equal({
      instructions: 'Pay to IBAN ES00 1234.',
    });
  });

  it('shows billing staff the settings without the admin-only saves', async () => {
    const el = await mount(fake, 'bill@example.com');
    expect($(el, '.intro').textContent).to.equal('Only admins can change these settings.');
    expect(el.shadowRoot!.querySelector('[part~="save"]') === null).to.be.true;
    expect(el.shadowRoot!.querySelectorAll('button[type="submit"]')).to.have.length(0);
    expect(input(el, 'invoicePrefix').matches(':disabled')).to.be.true;
    expect(input(el, 'gateways.stripe.secretKey').matches(':disabled')).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('says when the settings cannot load', async () => {
    fake.answer('GET /api/admin/v1/billing/gateways', () => problem(500, 'INTERNAL', 'Something broke.'));
    const el = await mount(fake);
    expect($(el, '[part~="load-error"]').textContent).to.contain('Something broke.');
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, 'grace@example.com', 'es');
    expect($(el, 'h1').textContent).to.equal('Ajustes de facturación');
    expect($(el, 'label[for="taxRules-0-rate"]').textContent).to.equal('Tipo (%)');
    await fill(el, 'taxRules.0.rate', '10,5');
    await submitFormOf(el, 'invoicePrefix');
    await waitUntil(() => noticeText(el) === 'Se guardaron los ajustes de facturación.', 'never saved');
    expect(patches(fake)[0]?.body.taxRules[0].rateBps).to.equal(1050);
    expect(input(el, 'taxRules.0.rate').value).to.equal('10,5');
  });
});
