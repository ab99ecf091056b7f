import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { FakeBilling, inBillingProvider } from '../../../test/fake-billing.js';
import { problem } from '../../../test/fake-portal.js';
import { $, alertText, button, input, settled, type } from '../../../test/helpers.js';
import { formatMoney } from '../../lib/format.js';
import type { PortalInvoice, PortalPaidEvent } from './invoice.js';

const show = (billing: FakeBilling, id: string, options: Parameters<typeof inBillingProvider>[3] = {}) =>
  inBillingProvider<PortalInvoice>(
    billing,
    html`<portal-invoice invoice-id=${id}></portal-invoice>`,
    'portal-invoice',
    options,
  );

const shadow = (el: PortalInvoice) => el.shadowRoot!;
const words = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function loaded(el: PortalInvoice) {
  await waitUntil(
    () => shadow(el).querySelector('[part~="title"], [part~="load-error"], [part~="not-allowed"]'),
    'never loaded',
  );
  await el.updateComplete;
}

/** Waits until the payment form (or the credit button) is shown. */
async function payReady(el: PortalInvoice) {
  await loaded(el);
  await waitUntil(() => shadow(el).querySelector('[part~="pay-form"]'), 'no payment form').catch(() => {
    throw new Error(
      `No payment form: ${words(shadow(el).querySelector('[part~="pay"]')) || words(shadow(el).querySelector('.base'))}`,
    );
  });
  await el.updateComplete;
}

/** Rows of the totals: label and amount. */
const totals = (el: PortalInvoice) =>
  [...shadow(el).querySelectorAll('tfoot tr')].map((row) => [words(row.children[0]), words(row.children[1])]);

const notice = (el: PortalInvoice) => words($(el, '[role="status"]'));
const expiry = `12/${String((new Date().getFullYear() + 2) % 100).padStart(2, '0')}`;

async function fillCard(el: PortalInvoice, number: string) {
  await type(el, 'card.number', number);
  await type(el, 'card.expiry', expiry);
  await type(el, 'card.cvc', '123');
  await type(el, 'card.name', 'Ada Lovelace');
}

const payButton = (el: PortalInvoice) => $<HTMLButtonElement>(el, 'button[type="submit"]');

async function pay(el: PortalInvoice) {
  payButton(el).click();
  await el.updateComplete;
  await settled(el);
}

const dialog = (el: PortalInvoice) => shadow(el).querySelector<HTMLDialogElement>('dialog.challenge');

describe('<portal-invoice>', () => {
  let billing: FakeBilling;
  beforeEach(() => {
    billing = new FakeBilling();
  });

  it('shows the invoice: number, status, dates, bill-to, lines with their period, totals, payments, notes', async () => {
    const invoice = billing.addInvoice({
      currency: 'USD',
      taxRateBps: 2100,
      creditApplied: 500,
      amountPaid: 1000,
      notes: 'Thank you for your business.\nPay within 14 days.',
      lines: [
        {
          description: 'Web hosting — Business',
          quantity: 2,
          unitAmount: 1999,
          periodStart: '2025-03-01T12:00:00Z',
          periodEnd: '2025-03-31T12:00:00Z',
        },
        { description: 'Setup', unitAmount: 500, taxable: false },
      ],
    });
    billing.addPayment(invoice, { amount: 1000, method: 'Visa •••• 4242' });
    billing.addPayment(invoice, {
      amount: 3838,
      status: 'failed',
      method: 'Visa •••• 0002',
      failureMessage: 'Your card was declined.',
    });
    const el = await show(billing, invoice.id);
    await loaded(el);
    expect(words($(el, '[part~="title"]'))).to.equal('Invoice INV-00001');
    expect(words($(el, '[part~="header"] [part~="badge"]'))).to.equal('Unpaid');
    expect(words($(el, '[part~="dates"]'))).to.match(/^Issued .+ Due .+$/);
    expect($(el, '[part~="bill-to"] address').innerText.split('\n')).to.deep.equal([
      'Ada Lovelace',
      'Analytical Engines Ltd',
      '12 St James’s Square',
      'SW1Y 4JH London',
      'United Kingdom',
      'ada@example.com',
    ]);
    const lines = [...shadow(el).querySelectorAll('tbody tr')]
      .slice(0, 2)
      .map((row) => [...row.children].map(words));
    expect(lines).to.deep.equal([
      ['Web hosting — Business Mar 1, 2025 – Mar 31, 2025', '2', '$19.99', '$39.98'],
      ['Setup', '1', '$5.00', '$5.00'],
    ]);
    // Tax is 21% of the taxable line only: 3998 × 0.21 = 839.58 → 840, done by the server.
    expect(totals(el)).to.deep.equal([
      ['Subtotal', '$44.98'],
      ['VAT (21%)', '$8.40'],
      ['Total', '$53.38'],
      ['Credit applied', '-$5.00'],
      ['Amount paid', '-$10.00'],
      ['Balance due', '$38.38'],
    ]);
    const payments = [...shadow(el).querySelectorAll('[part~="payments"] tbody tr')].map((row) =>
      [...row.children].slice(1).map(words),
    );
    expect(payments).to.deep.equal([
      ['Visa •••• 4242', 'Succeeded', '$10.00'],
      ['Visa •••• 0002 Your card was declined.', 'Failed', '$38.38'],
    ]);
    expect($(el, '[part~="notes"] p').textContent).to.equal(
      'Thank you for your business.\nPay within 14 days.',
    );
    await payReady(el);
    await expect(el).to.be.accessible();
  });

  it('formats amounts by the currency: JPY has no minor unit', async () => {
    const invoice = billing.addInvoice({
      currency: 'JPY',
      lines: [{ description: 'Domain', unitAmount: 12_345 }],
    });
    const el = await show(billing, invoice.id);
    await loaded(el);
    expect(totals(el)).to.deep.equal([
      ['Subtotal', '¥12,345'],
      ['Total', '¥12,345'],
      ['Balance due', '¥12,345'],
    ]);
    await payReady(el);
    expect(words(payButton(el))).to.equal('Pay ¥12,345');
    button(el, 'Pay part').click();
    await el.updateComplete;
    expect(input(el, 'amount').value, 'prefilled without decimals').to.equal('12345');
    await type(el, 'amount', '100.5');
    await pay(el);
    expect(words($(el, '#amount-error'))).to.equal('JPY amounts have no decimal places.');
  });

  it('speaks Spanish, with Spanish number formats', async () => {
    const invoice = billing.addInvoice({
      currency: 'EUR',
      status: 'overdue',
      taxRateBps: 2100,
      lines: [{ description: 'Alojamiento', unitAmount: 102_030 }],
    });
    const el = await show(billing, invoice.id, { lang: 'es' });
    await payReady(el);
    expect(words($(el, '[part~="title"]'))).to.equal('Factura INV-00001');
    expect(words($(el, '[part~="header"] [part~="badge"]'))).to.equal('Vencida');
    const euros = (amount: number) => formatMoney('es', amount, 'EUR').replace(/\s/g, ' ');
    expect(euros(102_030)).to.equal('1020,30 €');
    expect(totals(el).map(([label, amount]) => [label, amount!.replace(/\s/g, ' ')])).to.deep.equal([
      ['Subtotal', euros(102_030)],
      ['VAT (21 %)', euros(21_426)],
      ['Total', euros(123_456)],
      ['Saldo pendiente', euros(123_456)],
    ]);
    expect(words($(el, '.dates .overdue dd'))).to.contain('Vencida');
    button(el, 'Pagar una parte').click();
    await el.updateComplete;
    expect(input(el, 'amount').value).to.equal('1234,56');
    await type(el, 'amount', '1.000,5');
    expect(words(payButton(el)).replace(/\s/g, ' ')).to.equal(`Pagar ${euros(100_050)}`);
    await expect(el).to.be.accessible();
  });

  it('downloads the PDF through the SDK, named after the invoice number, and revokes its URL', async () => {
    const invoice = billing.addInvoice();
    const el = await show(billing, invoice.id);
    await loaded(el);
    const created: Blob[] = [];
    const revoked: string[] = [];
    const { createObjectURL, revokeObjectURL } = URL;
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return createObjectURL(blob);
    };
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url);
      revokeObjectURL(url);
    };
    const downloads: { href: string; name: string }[] = [];
    const onClick = (event: Event) => {
      const link = event.target as HTMLAnchorElement;
      if (link.localName !== 'a' || !link.download) return;
      downloads.push({ href: link.href, name: link.download });
      event.preventDefault();
    };
    shadow(el).addEventListener('click', onClick);
    try {
      button(el, 'Download PDF').click();
      await waitUntil(() => downloads.length === 1, 'no download');
      expect(billing.callsTo(`GET /api/v1/invoices/${invoice.id}/pdf`)).to.have.length(1);
      expect(downloads[0]!.name).to.equal('INV-00001.pdf');
      expect(downloads[0]!.href).to.match(/^blob:/);
      expect(created[0]!.type).to.equal('application/pdf');
      expect(await created[0]!.text()).to.equal('%PDF-1.7 INV-00001');
      expect(shadow(el).querySelector('a[download]'), 'the link is removed').to.be.null;
      await waitUntil(() => revoked.includes(downloads[0]!.href), 'URL never revoked', { timeout: 3000 });
    } finally {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
      shadow(el).removeEventListener('click', onClick);
    }
  });

  it('pays by card: the button waits, the invoice reloads, and portal-paid fires', async () => {
    const invoice = billing.addInvoice();
    const el = await show(billing, invoice.id);
    await payReady(el);
    expect(words($(el, '[part~="test-cards"]'))).to.contain('4242 4242 4242 4242');
    expect(input(el, 'card.number').autocomplete).to.equal('cc-number');
    expect(input(el, 'card.expiry').autocomplete).to.equal('cc-exp');
    expect(input(el, 'card.cvc').autocomplete).to.equal('cc-csc');
    expect(input(el, 'card.name').autocomplete).to.equal('cc-name');
    await expect(el).to.be.accessible();
    await fillCard(el, '4242424242424242');
    expect(input(el, 'card.number').value, 'grouped as typed').to.equal('4242 4242 4242 4242');
    const paid = oneEvent(el, 'portal-paid') as Promise<PortalPaidEvent>;
    // A double click: the second comes before the button is drawn disabled.
    payButton(el).click();
    payButton(el).click();
    await el.updateComplete;
    expect(payButton(el).disabled, 'disabled while pending').to.be.true;
    const { detail, bubbles, composed } = await paid;
    expect([bubbles, composed]).to.deep.equal([true, true]);
    const calls = billing.callsTo(`POST /api/v1/invoices/${invoice.id}/payments`);
    expect(calls, 'one request for a double click').to.have.length(1);
    expect(calls[0]!.body).to.deep.equal({
      gateway: 'test',
      amount: 1000,
      card: { number: '4242424242424242', expiry, cvc: '123', name: 'Ada Lovelace' },
    });
    expect(calls[0]!.idempotencyKey).to.match(/^[0-9a-f]{32}$/);
    expect(detail.payment!.status).to.equal('succeeded');
    expect(detail.invoice.status).to.equal('paid');
    await waitUntil(() => notice(el) === 'Payment received: £10.00. Thank you!', notice(el));
    expect(words($(el, '[part~="header"] [part~="badge"]'))).to.equal('Paid');
    expect(shadow(el).querySelector('[part~="pay"]'), 'nothing left to pay').to.be.null;
    await waitUntil(() => shadow(el).activeElement?.id === 'invoice-title', 'focus not on the title');
  });

  it('shows a decline, keeps the form for another try, and sends that try with a new key', async () => {
    const invoice = billing.addInvoice();
    const el = await show(billing, invoice.id);
    await payReady(el);
    await fillCard(el, '4000 0000 0000 0002');
    await pay(el);
    expect(alertText(el)).to.equal('Your card was declined.');
    expect(input(el, 'card.number').value, 'the card stays').to.equal('4000 0000 0000 0002');
    await waitUntil(() => shadow(el).querySelector('[part~="payments"]'), 'the failed payment is not listed');
    await type(el, 'card.number', '4242424242424242');
    await pay(el);
    const keys = billing.callsTo(`POST /api/v1/invoices/${invoice.id}/payments`).map((c) => c.idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[1]).to.not.equal(keys[0]);
    await waitUntil(() => notice(el).startsWith('Payment received'), notice(el));
  });

  it('checks the card and the amount before sending anything', async () => {
    const invoice = billing.addInvoice();
    const el = await show(billing, invoice.id);
    await payReady(el);
    await type(el, 'card.number', '4242 4242 4242 4241');
    await type(el, 'card.expiry', '13/30');
    await pay(el);
    expect(words($(el, '#card-number-error'))).to.equal('Enter a valid card number.');
    expect(words($(el, '#card-expiry-error'))).to.equal('Enter the expiry date as MM/YY.');
    expect(words($(el, '#card-cvc-error'))).to.equal('Enter the 3 or 4 digit code.');
    expect(shadow(el).activeElement?.getAttribute('name')).to.equal('card.number');
    await type(el, 'card.expiry', '01/20');
    await pay(el);
    expect(words($(el, '#card-expiry-error'))).to.equal('This card has expired.');
    expect(billing.callsTo(`POST /api/v1/invoices/${invoice.id}/payments`)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('pays part of the balance: typed amounts become minor units, or say what is wrong', async () => {
    const invoice = billing.addInvoice({ lines: [{ description: 'Hosting', unitAmount: 1000 }] });
    const el = await show(billing, invoice.id);
    await payReady(el);
    expect(words($(el, '[part~="amount"] p'))).to.equal('Paying the full balance, £10.00.');
    button(el, 'Pay part').click();
    await el.updateComplete;
    await waitUntil(() => shadow(el).activeElement?.id === 'amount', 'focus not on the amount');
    expect(input(el, 'amount').value).to.equal('10.00');
    await fillCard(el, '4242424242424242');
    const problems: [string, string][] = [
      ['10.001', 'GBP amounts have at most 2 decimal places.'],
      ['10.01', 'Enter at most the balance, £10.00.'],
      ['0', 'Enter an amount more than zero.'],
      ['ten', 'Enter an amount, e.g. 10.00.'],
    ];
    for (const [typed, message] of problems) {
      await type(el, 'amount', typed);
      await pay(el);
      expect(words($(el, '#amount-error')), typed).to.equal(message);
      expect(input(el, 'amount').getAttribute('aria-invalid')).to.equal('true');
    }
    expect(billing.callsTo(`POST /api/v1/invoices/${invoice.id}/payments`)).to.have.length(0);
    await type(el, 'amount', '4.35');
    expect(words(payButton(el))).to.equal('Pay £4.35');
    await pay(el);
    expect(billing.callsTo(`POST /api/v1/invoices/${invoice.id}/payments`)[0]!.body!.amount).to.equal(435);
    await waitUntil(() => notice(el) === 'Payment received: £4.35. Thank you!', notice(el));
    expect(totals(el).at(-1)).to.deep.equal(['Balance due', '£5.65']);
    expect(words($(el, '[part~="amount"] p')), 'back to the full balance').to.equal(
      'Paying the full balance, £5.65.',
    );
  });

  it('tries again with the same key after a lost answer, and a new attempt gets a new key', async () => {
    const invoice = billing.addInvoice();
    const route = `POST /api/v1/invoices/${invoice.id}/payments`;
    const el = await show(billing, invoice.id);
    await payReady(el);
    button(el, 'Pay part').click();
    await el.updateComplete;
    await type(el, 'amount', '2.00');
    await fillCard(el, '4242424242424242');
    billing.answer(route, () => Promise.reject(new TypeError('Failed to fetch')));
    await pay(el);
    expect(alertText(el)).to.equal('Could not reach the server. Check your connection and try again.');
    expect(words($(el, '#retry-hint'))).to.equal('Trying again never charges you twice.');
    await expect(el).to.be.accessible();
    button(el, 'Try again').click();
    await settled(el);
    await waitUntil(() => notice(el).startsWith('Payment received'), notice(el));
    expect(shadow(el).querySelector('[part~="pay-retry"]')).to.be.null;
    // The same form sent again is a new attempt: a new key.
    await fillCard(el, '4242424242424242');
    button(el, 'Pay part').click();
    await el.updateComplete;
    await type(el, 'amount', '2.00');
    await pay(el);
    const keys = billing.callsTo(route).map((c) => c.idempotencyKey);
    expect(keys).to.have.length(3);
    expect(keys[1], 'the retry reuses the key').to.equal(keys[0]);
    expect(keys[2], 'a new attempt has its own').to.not.equal(keys[0]);
    await waitUntil(() => totals(el).at(-1)?.[1] === '£6.00', 'two payments of £2.00');
  });

  it('a lost answer that went through is found before paying differently', async () => {
    const invoice = billing.addInvoice();
    const route = `POST /api/v1/invoices/${invoice.id}/payments`;
    const el = await show(billing, invoice.id);
    await payReady(el);
    await fillCard(el, '4242424242424242');
    // The server takes the payment, but the answer never arrives.
    billing.answer(route, async (call) => {
      await billing.serve(call);
      throw new TypeError('Failed to fetch');
    });
    await pay(el);
    expect(shadow(el).querySelector('[part~="pay-retry"]')).to.exist;
    button(el, 'Pay part').click();
    await el.updateComplete;
    await type(el, 'amount', '1.00');
    await pay(el);
    expect(alertText(el)).to.equal(
      'This invoice changed in the meantime. Check the balance before paying again.',
    );
    expect(billing.callsTo(route), 'no second payment').to.have.length(1);
    expect(words($(el, '[part~="header"] [part~="badge"]'))).to.equal('Paid');
  });

  it('shows "Try again" with the same key while the server still runs the payment (409) or is busy (429)', async () => {
    const invoice = billing.addInvoice();
    const route = `POST /api/v1/invoices/${invoice.id}/payments`;
    const el = await show(billing, invoice.id);
    await payReady(el);
    await fillCard(el, '4242424242424242');
    // The SDK waits Retry-After and tries once more by itself; both answers say "still running".
    billing.answer(
      route,
      () =>
        problem(409, 'IDEMPOTENCY_IN_PROGRESS', 'A request with this key is still running.', undefined, {
          'retry-after': '0',
        }),
      2,
    );
    await pay(el);
    expect(alertText(el)).to.equal('Your payment is still being processed. Try again in a moment.');
    billing.answer(route, () =>
      problem(429, 'RATE_LIMITED', 'Slow down.', undefined, { 'retry-after': '30' }),
    );
    button(el, 'Try again').click();
    await settled(el);
    expect(alertText(el)).to.equal('Too many attempts. Try again in 30 s.');
    button(el, 'Try again').click();
    await settled(el);
    await waitUntil(() => notice(el).startsWith('Payment received'), notice(el));
    const keys = new Set(billing.callsTo(route).map((c) => c.idempotencyKey));
    expect(billing.callsTo(route)).to.have.length(4);
    expect(keys.size, 'one key throughout').to.equal(1);
  });

  it('asks to authenticate in a dialog: Complete pays', async () => {
    const invoice = billing.addInvoice();
    const el = await show(billing, invoice.id);
    await payReady(el);
    await fillCard(el, '4000 0000 0000 3220');
    const paid = oneEvent(el, 'portal-paid') as Promise<PortalPaidEvent>;
    await pay(el);
    await waitUntil(() => dialog(el)?.open, 'no dialog');
    expect(words(dialog(el)!.querySelector('h2'))).to.equal('Authenticate this payment');
    expect(words(dialog(el)!.querySelector('#challenge-body'))).to.equal(
      'Your card issuer asks you to confirm the payment of £10.00.',
    );
    await waitUntil(
      () => shadow(el).activeElement?.textContent?.trim() === 'Complete',
      'focus not in the dialog',
    );
    await expect(el).to.be.accessible();
    button(el, 'Complete').click();
    const { detail } = await paid;
    const payment = detail.payment!;
    expect(billing.callsTo(`POST /api/v1/payments/${payment.id}/confirm`).map((c) => c.body)).to.deep.equal([
      { outcome: 'approve' },
    ]);
    expect(dialog(el)).to.be.null;
    await waitUntil(() => notice(el) === 'Payment received: £10.00. Thank you!', notice(el));
  });

  it('asks to authenticate in a dialog: Fail shows why, and the form stays', async () => {
    const invoice = billing.addInvoice();
    const el = await show(billing, invoice.id);
    await payReady(el);
    await fillCard(el, '4000 0000 0000 3220');
    await pay(el);
    await waitUntil(() => dialog(el)?.open, 'no dialog');
    button(el, 'Fail').click();
    await waitUntil(() => !dialog(el), 'dialog still open');
    await settled(el);
    expect(alertText(el)).to.equal('The card’s authentication failed.');
    const payment = invoice.payments[0]!;
    expect(billing.callsTo(`POST /api/v1/payments/${payment.id}/confirm`)[0]!.body).to.deep.equal({
      outcome: 'fail',
    });
    expect(shadow(el).querySelector('[part~="pay-form"]')).to.exist;
  });

  it('a dialog closed with Escape leaves the payment waiting; "Authenticate" opens it again', async () => {
    const invoice = billing.addInvoice();
    const el = await show(billing, invoice.id);
    await payReady(el);
    await fillCard(el, '4000 0000 0000 3220');
    await pay(el);
    await waitUntil(() => dialog(el)?.open, 'no dialog');
    dialog(el)!.close();
    await waitUntil(() => !dialog(el), 'dialog still there');
    await waitUntil(() => shadow(el).querySelector('[part~="resume"]'), 'no way to finish the payment');
    expect(notice(el)).to.equal('The payment is waiting for you to authenticate it.');
    expect($(el, '[part~="resume"]').getAttribute('aria-label')).to.equal(
      'Authenticate the payment of £10.00',
    );
    $(el, '[part~="resume"]').click();
    await waitUntil(() => dialog(el)?.open, 'no dialog again');
    button(el, 'Complete').click();
    await waitUntil(() => notice(el).startsWith('Payment received'), notice(el));
  });

  describe('with the Stripe-compatible gateway', () => {
    afterEach(() => billing.uninstallStripe());

    it('loads the library only when used, mounts its card field in light DOM, confirms, and re-reads', async () => {
      const stripe = billing.installStripe();
      const invoice = billing.addInvoice();
      const el = await show(billing, invoice.id);
      await payReady(el);
      expect(shadow(el).querySelector('[part~="card-form"]'), 'no card fields of our own').to.be.null;
      expect((window as any).Stripe, 'not loaded before paying').to.be.undefined;
      const paid = oneEvent(el, 'portal-paid') as Promise<PortalPaidEvent>;
      await pay(el);
      expect(billing.callsTo(`POST /api/v1/invoices/${invoice.id}/payments`)[0]!.body).to.deep.equal({
        gateway: 'stripe',
        amount: 1000,
      });
      await waitUntil(() => stripe.mounts.length === 1, 'card field never mounted');
      expect(stripe.keys).to.deep.equal(['pk_test_fake']);
      const container = stripe.mounts[0]!;
      expect(container.parentElement, 'in the light DOM').to.equal(el);
      expect(container.slot).to.equal('stripe-card');
      expect(container.assignedSlot?.getRootNode()).to.equal(shadow(el));
      await el.updateComplete;
      await expect(el).to.be.accessible();
      const confirm = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part~="stripe"] button')].find(
        (b) => words(b) === 'Pay £10.00',
      )!;
      confirm.click();
      const { detail } = await paid;
      const payment = detail.payment!;
      expect(stripe.confirms.map((c) => c.secret)).to.deep.equal([`pi_${payment.id}_secret_fake`]);
      expect(billing.callsTo(`POST /api/v1/payments/${payment.id}/confirm`).map((c) => c.body)).to.deep.equal(
        [{}],
      );
      expect(detail.invoice.status).to.equal('paid');
      expect(stripe.destroyed).to.equal(1);
      expect(el.querySelector('[slot="stripe-card"]'), 'container removed').to.be.null;
    });

    it('forwards the card slot through a shadow root it is shown in, so the field is in the page', async () => {
      const stripe = billing.installStripe();
      const invoice = billing.addInvoice();
      const outer = (await inBillingProvider(billing, html`<div id="outer"></div>`, '#outer')) as HTMLElement;
      outer.attachShadow({
        mode: 'open',
      }).innerHTML = `<portal-invoice invoice-id=${invoice.id}></portal-invoice>`;
      const el = outer.shadowRoot!.querySelector('portal-invoice')!;
      await payReady(el);
      await pay(el);
      await waitUntil(() => stripe.mounts.length === 1, 'card field never mounted');
      const container = stripe.mounts[0]!;
      expect(container.parentElement).to.equal(outer);
      expect(container.getRootNode()).to.equal(document);
      expect(container.assignedSlot?.assignedSlot?.getRootNode()).to.equal(shadow(el));
    });

    it('shows what the library says when the card is refused, and keeps the card field', async () => {
      const stripe = billing.installStripe();
      stripe.decline = 'Your card was declined.';
      const invoice = billing.addInvoice();
      const el = await show(billing, invoice.id);
      await payReady(el);
      await pay(el);
      await waitUntil(() => stripe.mounts.length === 1, 'card field never mounted');
      await el.updateComplete;
      button(el, 'Pay £10.00').click();
      await settled(el);
      expect(alertText(el)).to.equal('Your card was declined.');
      expect(el.querySelector('[slot="stripe-card"]')).to.exist;
      expect(billing.callsTo(`/api/v1/payments/${invoice.payments[0]!.id}/confirm`)).to.have.length(0);
      button(el, 'Cancel').click();
      await el.updateComplete;
      expect(el.querySelector('[slot="stripe-card"]'), 'removed on cancel').to.be.null;
      expect(shadow(el).querySelector('[part~="pay-form"]')).to.exist;
    });
  });

  it('applies credit in the invoice currency', async () => {
    billing.credit = [
      { currency: 'EUR', amount: 9_999 },
      { currency: 'GBP', amount: 400 },
    ];
    const invoice = billing.addInvoice();
    const el = await show(billing, invoice.id);
    await payReady(el);
    expect(words($(el, '[part~="credit"] p'))).to.equal('You have £4.00 of credit in GBP.');
    const paid = oneEvent(el, 'portal-paid') as Promise<PortalPaidEvent>;
    button(el, 'Use credit (£4.00 available)').click();
    const { detail } = await paid;
    expect(detail.payment).to.be.null;
    expect(detail.invoice.balance).to.equal(600);
    const calls = billing.callsTo(`POST /api/v1/invoices/${invoice.id}/credit`);
    expect(calls.map((c) => c.body)).to.deep.equal([{}]);
    expect(calls[0]!.idempotencyKey).to.match(/^[0-9a-f]{32}$/);
    await settled(el);
    expect(notice(el)).to.equal('Credit applied: £4.00. The balance is now £6.00.');
    expect(totals(el)).to.deep.include(['Credit applied', '-£4.00']);
    await waitUntil(() => !shadow(el).querySelector('[part~="use-credit"]'), 'no credit is left');
    expect(words(payButton(el))).to.equal('Pay £6.00');
  });

  it('tries applying credit again with the same key after a lost answer', async () => {
    billing.credit = [{ currency: 'GBP', amount: 400 }];
    const invoice = billing.addInvoice();
    const route = `POST /api/v1/invoices/${invoice.id}/credit`;
    billing.answer(route, () => problem(503, 'INTERNAL', 'Down for a moment.'));
    const el = await show(billing, invoice.id);
    await payReady(el);
    button(el, 'Use credit (£4.00 available)').click();
    await settled(el);
    expect(alertText(el)).to.equal('Down for a moment.');
    button(el, 'Try again').click();
    await settled(el);
    await waitUntil(() => notice(el).startsWith('Credit applied'), notice(el));
    const [first, second] = billing.callsTo(route).map((c) => c.idempotencyKey);
    expect(second).to.equal(first);
  });

  it('offers no credit in another currency', async () => {
    billing.credit = [{ currency: 'EUR', amount: 9_999 }];
    const invoice = billing.addInvoice();
    const el = await show(billing, invoice.id);
    await payReady(el);
    expect(shadow(el).querySelector('[part~="credit"]')).to.be.null;
  });

  it('shows a bank transfer’s instructions and the number to quote', async () => {
    const invoice = billing.addInvoice();
    const el = await show(billing, invoice.id);
    await payReady(el);
    const transfer = $<HTMLInputElement>(el, '#gateway-manual');
    transfer.click();
    await el.updateComplete;
    const instructions = $(el, '[part~="instructions"]');
    expect(instructions.querySelector('.pre')!.textContent).to.equal(
      'IBAN GB33 BUKB 2020 1555 5555 55\nBIC BUKBGB22',
    );
    expect(words(instructions)).to.contain('Quote INV-00001 as the payment reference.');
    expect(words(instructions)).to.contain('Amount to pay: £10.00.');
    expect(shadow(el).querySelector('button[type="submit"]'), 'nothing to submit').to.be.null;
    await expect(el).to.be.accessible();
  });

  it('someone who may not change billing sees the invoice, and why it cannot be paid here', async () => {
    billing.account.asContact('custom', ['billing:read']);
    const invoice = billing.addInvoice();
    const el = await show(billing, invoice.id);
    await loaded(el);
    expect(words($(el, '[part~="pay"] [part~="not-allowed"]'))).to.equal(
      'You can see this invoice, but paying it needs permission to change billing on this account. Ask the account owner.',
    );
    expect(shadow(el).querySelector('[part~="pay-form"]')).to.be.null;
    expect(billing.callsTo('/api/v1/billing/gateways')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('someone who may not see billing is told so', async () => {
    billing.account.asContact('technical');
    const invoice = billing.addInvoice();
    const el = await show(billing, invoice.id);
    await loaded(el);
    expect(words($(el, '[part~="not-allowed"]'))).to.equal(
      "You don't have access to this account's invoices. Ask the account owner.",
    );
    expect(billing.callsTo(`/api/v1/invoices/${invoice.id}`)).to.have.length(0);
  });

  it('offers to try a failed load again, but not a missing invoice', async () => {
    const invoice = billing.addInvoice();
    billing.answer(`GET /api/v1/invoices/${invoice.id}`, () =>
      problem(503, 'INTERNAL', 'Down for a moment.'),
    );
    const el = await show(billing, invoice.id);
    await loaded(el);
    expect(words($(el, '[part~="load-error"] p'))).to.equal('Down for a moment.');
    button(el, 'Try again').click();
    await waitUntil(() => shadow(el).querySelector('[part~="title"]'), 'never loaded');
    el.invoiceId = 'inv_missing';
    await waitUntil(() => shadow(el).querySelector('[part~="load-error"]'), 'no error');
    expect(words($(el, '[part~="load-error"]'))).to.equal('There is no such invoice on this account.');
    expect(shadow(el).querySelector('[part~="retry"]')).to.be.null;
  });

  it('asks to sign in when signed out', async () => {
    const invoice = billing.addInvoice();
    const el = await show(billing, invoice.id, { signedInAs: null });
    expect(words($(el, '[part~="signed-out"]'))).to.equal('Sign in to continue.');
    await expect(el).to.be.accessible();
  });
});
