import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import type { Invoice, InvoiceLine, Payment } from '@portico/sdk/contract';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { formatMoney } from '../src/modules/billing/money.js';
import { type InvoicePdfInput, renderInvoicePdf, toWinAnsi } from '../src/modules/billing/pdf.js';

/** The text of each page, whitespace (no-break spaces included) collapsed to single spaces. */
async function pdfText(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
    pages.push(text.replace(/[\s\u00a0\u202f]+/g, ' '));
  }
  await doc.destroy();
  return pages;
}
const squash = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ');

const line = (n: number, description: string, quantity: number, unitAmount: number): InvoiceLine => ({
  id: `il_${n}`,
  kind: 'custom',
  description,
  quantity,
  unitAmount,
  amount: quantity * unitAmount,
  taxable: true,
  serviceId: null,
  domainId: null,
  periodStart: null,
  periodEnd: null,
});

const payment = (amount: number, currency = 'USD'): Payment => ({
  id: 'pay_1',
  invoiceId: 'inv_1',
  gateway: 'test',
  status: 'succeeded',
  currency,
  amount,
  method: 'Visa •••• 4242',
  failureMessage: null,
  action: null,
  createdAt: '2026-03-03T10:00:00.000Z',
});

/** Subtotal 179.97, VAT 21 % 37.79, total 217.76, credit 10.00, paid 50.00, balance 157.76. */
function invoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: 'inv_1',
    number: 'INV-00042',
    status: 'unpaid',
    currency: 'USD',
    subtotal: 179_97,
    taxName: 'VAT',
    taxRateBps: 2100,
    tax: 37_79,
    total: 217_76,
    creditApplied: 10_00,
    amountPaid: 50_00,
    balance: 157_76,
    issuedAt: '2026-03-02T09:00:00.000Z',
    dueAt: '2026-03-16T09:00:00.000Z',
    paidAt: null,
    createdAt: '2026-03-02T08:00:00.000Z',
    lines: [
      {
        ...line(1, 'Web hosting, Pro plan', 1, 120_00),
        kind: 'renewal',
        periodStart: '2026-03-02T00:00:00.000Z',
        periodEnd: '2026-04-02T00:00:00.000Z',
      },
      line(2, 'Domain registration: example.com', 2, 15_00),
      line(
        3,
        'Priority support hours, billed per started hour, including the on-call weekend rota for the ' +
          'migration of the mail cluster and the follow-up review meeting with the whole team',
        3,
        9_99,
      ),
    ],
    payments: [payment(50_00), { ...payment(5_00), id: 'pay_2', status: 'failed', method: 'Declined card' }],
    billTo: {
      name: 'Ada Lovelace',
      company: 'Analytical Engines Ltd',
      email: 'ada@example.com',
      address: { line1: '12 Marylebone Road', city: 'London', postcode: 'NW1 5LR', country: 'GB' },
    },
    notes: 'Thank you for your business.',
    ...overrides,
  };
}

const business: InvoicePdfInput['business'] = {
  name: 'Portico Hosting',
  address: '1 Harbour Street\nValencia',
  taxId: 'ESB12345678',
  footer: 'Portico Hosting S.L. · Registered in Valencia',
  logo: null,
};

function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 29, 78, 216]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('invoice PDF', () => {
  test('shows the business, the number, dates, lines and every total, formatted', async () => {
    const pdf = await renderInvoicePdf({ invoice: invoice(), business, locale: 'en' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const [text, ...rest] = await pdfText(pdf);
    assert.equal(rest.length, 0);
    for (const expected of [
      'Portico Hosting',
      'Tax ID: ESB12345678',
      'Invoice',
      'INV-00042',
      'Unpaid',
      'March 2, 2026',
      'March 16, 2026',
      'Bill to',
      'Ada Lovelace',
      'Analytical Engines Ltd',
      'NW1 5LR London',
      'United Kingdom',
      'Domain registration: example.com',
      '$15.00',
      '$30.00',
      '$9.99',
      '$29.97',
      'Subtotal $179.97',
      'VAT (21%) $37.79',
      'Total $217.76',
      'Credit applied -$10.00',
      'Amount paid -$50.00',
      'Balance due $157.76',
      'Payments',
      'Visa •••• 4242',
      'Thank you for your business.',
      'Portico Hosting S.L. · Registered in Valencia',
      'Page 1 of 1',
    ]) {
      assert.ok(text!.includes(expected), `missing "${expected}" in: ${text}`);
    }
    // The long description wraps inside its column: its end is there, on a line of its own.
    assert.ok(text!.includes('follow-up review meeting with the whole team'), text);
    // Failed attempts are not payments.
    assert.ok(!text!.includes('Declined card'));
  });

  test('in Spanish: "Factura", Spanish dates and labels, euros formatted for Spain', async () => {
    const pdf = await renderInvoicePdf({ invoice: invoice({ currency: 'EUR' }), business, locale: 'es' });
    const [text] = await pdfText(pdf);
    for (const expected of [
      'Factura',
      'INV-00042',
      'Pendiente de pago',
      '2 de marzo de 2026',
      'Facturar a',
      'Reino Unido',
      'Descripción',
      `Subtotal ${squash(formatMoney(179_97, 'EUR', 'es'))}`,
      'VAT (21 %) 37,79 €',
      'Total 217,76 €',
      'Saldo pendiente 157,76 €',
      'Página 1 de 1',
    ]) {
      assert.ok(text!.includes(expected), `missing "${expected}" in: ${text}`);
    }
    assert.ok(!text!.includes('Invoice'));
  });

  test('a currency without minor units (JPY) prints whole yen', async () => {
    const yen = invoice({
      currency: 'JPY',
      subtotal: 12_000,
      taxName: null,
      taxRateBps: 0,
      tax: 0,
      total: 12_000,
      creditApplied: 0,
      amountPaid: 0,
      balance: 12_000,
      lines: [line(1, 'Hosting', 1, 12_000)],
      payments: [],
    });
    const [text] = await pdfText(await renderInvoicePdf({ invoice: yen, business, locale: 'en' }));
    assert.ok(text!.includes('Total ¥12,000'), text);
    assert.ok(text!.includes('Balance due ¥12,000'), text);
    assert.ok(!text!.includes('12,000.00') && !text!.includes('¥120'), text);
    assert.ok(!text!.includes('Credit applied') && !text!.includes('Amount paid') && !text!.includes('VAT'));
  });

  test('characters outside WinAnsi do not crash: they print as "?"', async () => {
    const unicode = invoice({
      lines: [line(1, 'Hosting 東京 🚀 Ωmega, café', 1, 179_97)],
      billTo: { ...invoice().billTo, name: 'Zoë 李' },
      notes: 'Merci — ✓',
    });
    const [text] = await pdfText(await renderInvoicePdf({ invoice: unicode, business, locale: 'en' }));
    assert.ok(text!.includes('Hosting ?? ? ?mega, café'), text);
    assert.ok(text!.includes('Zoë ?'), text);
    assert.ok(text!.includes('Merci — ?'), text);
    assert.equal(toWinAnsi('€ “quoted” ‘x’ • … ™ Œ\u202f1'), '€ “quoted” ‘x’ • … ™ Œ\u00a01');
  });

  test('a currency symbol the font lacks prints as its code', async () => {
    const rupees = invoice({ currency: 'INR', lines: [line(1, 'Hosting', 1, 179_97)], payments: [] });
    const [text] = await pdfText(await renderInvoicePdf({ invoice: rupees, business, locale: 'en' }));
    assert.match(text!, /Total INR 217\.76/);
    assert.ok(!text!.includes('?217'), text);
  });

  test('the same invoice renders the same bytes', async () => {
    const input = {
      invoice: invoice(),
      business: { ...business, logo: { contentType: 'image/png', data: png() } },
    };
    const a = await renderInvoicePdf({ ...input, locale: 'en' });
    const b = await renderInvoicePdf({ ...input, locale: 'en' });
    assert.ok(a.equals(b));
    // CreationDate (and the file id derived from it) is the issue date, never the time of rendering.
    assert.match(a.toString('latin1'), /\(D:20260302090000Z\)/);
  });

  test('a PNG logo is drawn; other types (SVG) and bad bytes are left out', async () => {
    const image = /\/Subtype \/Image/;
    const withPng = await renderInvoicePdf({
      invoice: invoice(),
      business: { ...business, logo: { contentType: 'image/png', data: png() } },
      locale: 'en',
    });
    assert.match(withPng.toString('latin1'), image);
    for (const logo of [
      { contentType: 'image/svg+xml', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
      { contentType: 'image/png', data: Buffer.from('not a png') },
      { contentType: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]) },
    ]) {
      const pdf = await renderInvoicePdf({
        invoice: invoice(),
        business: { ...business, logo },
        locale: 'en',
      });
      assert.doesNotMatch(pdf.toString('latin1'), image);
      assert.ok((await pdfText(pdf))[0]!.includes('Portico Hosting'));
    }
  });

  test('many lines flow onto more pages, each with the table header, footer and page number', async () => {
    const lines = Array.from({ length: 70 }, (_, i) => line(i + 1, `Line item number ${i + 1}`, 1, 1_00));
    const long = invoice({ lines, subtotal: 70_00, tax: 14_70, total: 84_70, balance: 24_70 });
    const pages = await pdfText(await renderInvoicePdf({ invoice: long, business, locale: 'en' }));
    assert.ok(pages.length >= 2, `${pages.length} pages`);
    pages.forEach((page, i) => {
      assert.ok(page.includes(`Page ${i + 1} of ${pages.length}`), page);
      assert.ok(page.includes('Registered in Valencia'), page);
      assert.ok(page.includes('Description Qty Unit price Amount'), page);
    });
    assert.ok(pages.join(' ').includes('Line item number 70'));
    assert.ok(pages.at(-1)!.includes('Balance due $24.70'));
  });

  test('a draft has no number or dates yet', async () => {
    const draft = invoice({ number: null, status: 'draft', issuedAt: null, dueAt: null });
    const [text] = await pdfText(await renderInvoicePdf({ invoice: draft, business, locale: 'en' }));
    assert.ok(text!.includes('Draft'));
    assert.ok(!text!.includes('Issue date'));
  });
});
