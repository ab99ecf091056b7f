import type { Invoice, InvoiceStatus } from '@portico/sdk/contract';
import PDFDocument from 'pdfkit';
import { formatMoney, minorDigits } from './money.js';

/** Everything an invoice PDF shows. */
export interface InvoicePdfInput {
  invoice: Invoice;
  business: {
    name: string;
    address: string;
    taxId: string | null;
    footer: string;
    /** PNG or JPEG; any other type is left out. */
    logo: { contentType: string; data: Buffer } | null;
  };
  locale: 'en' | 'es';
}

type Locale = InvoicePdfInput['locale'];

const LABELS = {
  en: {
    invoice: 'Invoice',
    draft: 'Draft',
    status: 'Status',
    issued: 'Issue date',
    due: 'Due date',
    billTo: 'Bill to',
    taxId: 'Tax ID',
    description: 'Description',
    quantity: 'Qty',
    unit: 'Unit price',
    amount: 'Amount',
    subtotal: 'Subtotal',
    tax: 'Tax',
    total: 'Total',
    creditApplied: 'Credit applied',
    amountPaid: 'Amount paid',
    balanceDue: 'Balance due',
    payments: 'Payments',
    notes: 'Notes',
    refunded: 'refunded',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    statuses: {
      draft: 'Draft',
      unpaid: 'Unpaid',
      paid: 'Paid',
      overdue: 'Overdue',
      cancelled: 'Cancelled',
      refunded: 'Refunded',
    },
  },
  es: {
    invoice: 'Factura',
    draft: 'Borrador',
    status: 'Estado',
    issued: 'Fecha de emisión',
    due: 'Fecha de vencimiento',
    billTo: 'Facturar a',
    taxId: 'NIF',
    description: 'Descripción',
    quantity: 'Cant.',
    unit: 'Precio unitario',
    amount: 'Importe',
    subtotal: 'Subtotal',
    tax: 'Impuesto',
    total: 'Total',
    creditApplied: 'Crédito aplicado',
    amountPaid: 'Importe pagado',
    balanceDue: 'Saldo pendiente',
    payments: 'Pagos',
    notes: 'Notas',
    refunded: 'reembolsado',
    page: (n: number, of: number) => `Página ${n} de ${of}`,
    statuses: {
      draft: 'Borrador',
      unpaid: 'Pendiente de pago',
      paid: 'Pagada',
      overdue: 'Vencida',
      cancelled: 'Anulada',
      refunded: 'Reembolsada',
    },
  },
} satisfies Record<Locale, { statuses: Record<InvoiceStatus, string> } & Record<string, unknown>>;

/** Code points above U+00FF that WinAnsi (the built-in fonts' encoding) still has: € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ. */
const WIN_ANSI_EXTRA = new Set(
  [
    0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d,
    0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e,
    0x0178,
  ].map((c) => String.fromCodePoint(c)),
);
/** Spaces and signs Intl uses that WinAnsi lacks, with their nearest WinAnsi character. */
const SUBSTITUTES: Record<string, string> = {
  '\u202f': '\u00a0',
  '\u2007': '\u00a0',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u2212': '-',
};

/**
 * The text as the built-in Helvetica can show it: the fonts use WinAnsi (Latin-1 and a few more), so any other
 * character (CJK, emoji, most non-Latin scripts) becomes "?" rather than garbage glyphs. Embedding a Unicode font
 * would lift this; until then, names and descriptions in other scripts print as question marks.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
    const code = char.codePointAt(0)!;
    if (char === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) out += char;
    else if (char === '\t') out += ' ';
    else if (WIN_ANSI_EXTRA.has(char)) out += char;
    else if (SUBSTITUTES[char]) out += SUBSTITUTES[char];
    else if (code >= 0x300 && code <= 0x36f)
      continue; // a combining mark NFC could not join: drop it
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0))
      continue; // control characters
    else out += '?';
  }
  return out;
}

const representable = (text: string) => toWinAnsi(text) === text.normalize('NFC');

const PAGE_MARGIN = 50;
const GREY = '#555555';
const RULE = '#cccccc';
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/**
 * Renders an invoice as an A4 PDF: the business (logo, name, address, tax id), the invoice's number, status and
 * dates, who it is billed to, its lines, totals, payments and notes, and the business's footer on every page.
 * Money is formatted in the invoice's currency for the locale. The output is deterministic: the same input gives
 * the same bytes (the PDF's dates are the invoice's own, and its file id derives from them).
 *
 * @example
 * ```ts
 * const pdf = await renderInvoicePdf({ invoice, business, locale: 'es' });
 * res.type('application/pdf').send(pdf);
 * ```
 */
export async function renderInvoicePdf(input: InvoicePdfInput): Promise<Buffer> {
  const { invoice, business, locale } = input;
  const t = LABELS[locale];
  const created = new Date(invoice.issuedAt ?? invoice.createdAt);
  const title = invoice.number ? `${t.invoice} ${invoice.number}` : `${t.invoice} (${t.draft})`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE_MARGIN, left: PAGE_MARGIN, right: PAGE_MARGIN, bottom: PAGE_MARGIN },
    bufferPages: true,
    lang: locale,
    info: {
      Title: title,
      Author: business.name,
      Creator: 'Portico',
      Producer: 'Portico',
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const money = (amount: number) => moneyText(amount, invoice.currency, locale);
  const date = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
  const left = PAGE_MARGIN;
  const right = doc.page.width - PAGE_MARGIN;
  const width = right - left;

  /** Writes text at a point and returns its height. */
  const put = (
    text: string,
    x: number,
    y: number,
    options: PDFKit.Mixins.TextOptions & { font?: string; size?: number; color?: string } = {},
  ): number => {
    const { font = FONT, size = 9.5, color = 'black', ...rest } = options;
    const clean = toWinAnsi(text);
    doc.font(font).fontSize(size).fillColor(color);
    const height = doc.heightOfString(clean, rest);
    doc.text(clean, x, y, rest);
    return height;
  };
  const rule = (y: number) => {
    doc.moveTo(left, y).lineTo(right, y).lineWidth(0.5).strokeColor(RULE).stroke();
  };

  // The footer's room is kept free on every page (it is drawn at the end, once the page count is known).
  const footer = toWinAnsi(business.footer.trim());
  doc.font(FONT).fontSize(8);
  const footerHeight = footer ? Math.min(doc.heightOfString(footer, { width }), 60) : 0;
  const bottom = doc.page.height - PAGE_MARGIN - footerHeight - 24;
  // Text that flows on (long notes) and every later page stop above the footer too.
  const margins = {
    top: PAGE_MARGIN,
    left: PAGE_MARGIN,
    right: PAGE_MARGIN,
    bottom: doc.page.height - bottom,
  };
  doc.options.margins = margins;
  doc.page.margins = { ...margins };
  /** Moves to a new page when `needed` points do not fit below `y`; returns where to write. */
  const room = (y: number, needed: number): number => {
    if (y + needed <= bottom) return y;
    doc.addPage();
    return PAGE_MARGIN;
  };

  // ─── Header: the business on the left, the invoice on the right ───
  let leftY = PAGE_MARGIN;
  const logo = business.logo && isPngOrJpeg(business.logo) ? business.logo.data : null;
  if (logo) {
    try {
      doc.image(logo, left, leftY, { fit: [150, 60] });
      leftY += 70;
    } catch {
      // A logo pdfkit cannot read is left out rather than failing the invoice.
    }
  }
  const sideWidth = 250;
  leftY += put(business.name, left, leftY, { font: BOLD, size: 14, width: sideWidth });
  if (business.address.trim()) {
    leftY += put(business.address.trim(), left, leftY + 2, { size: 9, color: GREY, width: sideWidth }) + 2;
  }
  if (business.taxId) {
    leftY +=
      put(`${t.taxId}: ${business.taxId}`, left, leftY + 2, { size: 9, color: GREY, width: sideWidth }) + 2;
  }

  const metaX = right - 220;
  let rightY = PAGE_MARGIN;
  rightY += put(t.invoice, metaX, rightY, { font: BOLD, size: 22, width: 220, align: 'right' });
  rightY += put(invoice.number ?? t.draft, metaX, rightY, { size: 12, width: 220, align: 'right' }) + 8;
  const meta: [string, string][] = [[t.status, t.statuses[invoice.status]]];
  if (invoice.issuedAt) meta.push([t.issued, date(invoice.issuedAt)]);
  if (invoice.dueAt) meta.push([t.due, date(invoice.dueAt)]);
  for (const [label, value] of meta) {
    put(`${label}:`, metaX, rightY, { size: 9, color: GREY, width: 100 });
    rightY += put(value, metaX + 100, rightY, { size: 9, width: 120, align: 'right' }) + 2;
  }

  // ─── Bill to ───
  let y = Math.max(leftY, rightY) + 24;
  y += put(t.billTo, left, y, { font: BOLD, size: 9, color: GREY }) + 2;
  const billTo = invoice.billTo;
  const lines = [billTo.company, ...addressLines(billTo.address, locale), billTo.email].filter(
    (line): line is string => !!line,
  );
  y += put(billTo.name, left, y, { font: BOLD, size: 10, width: sideWidth });
  for (const line of lines) y += put(line, left, y, { size: 9.5, width: sideWidth });

  // ─── Lines ───
  const cols = {
    quantity: { x: right - 245, width: 40 },
    unit: { x: right - 195, width: 90 },
    amount: { x: right - 95, width: 95 },
  };
  const descWidth = cols.quantity.x - left - 10;
  const tableHeader = (at: number): number => {
    const style = { font: BOLD, size: 9, color: GREY } as const;
    put(t.description, left, at, { ...style, width: descWidth });
    put(t.quantity, cols.quantity.x, at, { ...style, ...cols.quantity, align: 'right' });
    put(t.unit, cols.unit.x, at, { ...style, ...cols.unit, align: 'right' });
    put(t.amount, cols.amount.x, at, { ...style, ...cols.amount, align: 'right' });
    rule(at + 14);
    return at + 20;
  };
  y = tableHeader(room(y + 24, 60));
  for (const line of invoice.lines) {
    const period =
      line.periodStart && line.periodEnd ? `${date(line.periodStart)} – ${date(line.periodEnd)}` : null;
    doc.font(FONT).fontSize(9.5);
    const descHeight = doc.heightOfString(toWinAnsi(line.description), { width: descWidth });
    doc.fontSize(8);
    const periodHeight = period ? doc.heightOfString(toWinAnsi(period), { width: descWidth }) + 1 : 0;
    const rowHeight = Math.max(descHeight + periodHeight, 12) + 8;
    const at = room(y, rowHeight);
    if (at !== y) y = tableHeader(at);
    put(line.description, left, y, { width: descWidth });
    if (period) put(period, left, y + descHeight + 1, { size: 8, color: GREY, width: descWidth });
    put(String(line.quantity), cols.quantity.x, y, { ...cols.quantity, align: 'right' });
    put(money(line.unitAmount), cols.unit.x, y, { ...cols.unit, align: 'right' });
    put(money(line.amount), cols.amount.x, y, { ...cols.amount, align: 'right' });
    y += rowHeight;
    rule(y - 4);
  }

  // ─── Totals ───
  const totals: [string, string, boolean][] = [[t.subtotal, money(invoice.subtotal), false]];
  if (invoice.taxName !== null || invoice.tax !== 0) {
    totals.push([
      `${invoice.taxName ?? t.tax} (${percent(invoice.taxRateBps, locale)})`,
      money(invoice.tax),
      false,
    ]);
  }
  totals.push([t.total, money(invoice.total), true]);
  if (invoice.creditApplied) totals.push([t.creditApplied, money(-invoice.creditApplied), false]);
  if (invoice.amountPaid) totals.push([t.amountPaid, money(-invoice.amountPaid), false]);
  totals.push([t.balanceDue, money(invoice.balance), true]);
  y = room(y + 8, totals.length * 16);
  for (const [label, value, strong] of totals) {
    const font = strong ? BOLD : FONT;
    put(label, right - 300, y, { font, width: 195, align: 'right' });
    put(value, cols.amount.x, y, { font, ...cols.amount, align: 'right' });
    y += 16;
  }

  // ─── Payments ───
  const payments = invoice.payments.filter((p) => p.status === 'succeeded' || p.status === 'refunded');
  if (payments.length) {
    y = room(y + 16, 40);
    y += put(t.payments, left, y, { font: BOLD, size: 9, color: GREY }) + 4;
    for (const payment of payments) {
      y = room(y, 14);
      const method = payment.method ?? payment.gateway;
      const what = payment.status === 'refunded' ? `${method} (${t.refunded})` : method;
      put(date(payment.createdAt), left, y, { width: 150 });
      put(what, left + 150, y, { width: cols.amount.x - left - 160 });
      put(money(payment.amount), cols.amount.x, y, { ...cols.amount, align: 'right' });
      y += 14;
    }
  }

  // ─── Notes ───
  if (invoice.notes.trim()) {
    y = room(y + 16, 40);
    y += put(t.notes, left, y, { font: BOLD, size: 9, color: GREY }) + 4;
    put(invoice.notes.trim(), left, y, { width });
  }

  // ─── Footer and page numbers, on every page ───
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would start a new page: the margin is lifted while the footer is drawn.
    doc.page.margins.bottom = 0;
    const base = doc.page.height - PAGE_MARGIN;
    if (footer) {
      put(footer, left, base - footerHeight - 12, {
        size: 8,
        color: GREY,
        width,
        align: 'center',
        height: footerHeight,
        ellipsis: true,
      });
    }
    put(t.page(i - start + 1, count), left, base - 8, { size: 8, color: GREY, width, align: 'right' });
  }
  doc.end();
  return done;
}

/** Money for the PDF: `formatMoney`, or the ISO code instead of a symbol the built-in font cannot show (₹, ₩). */
function moneyText(amount: number, currency: string, locale: Locale): string {
  const text = formatMoney(amount, currency, locale);
  if (representable(text)) return text;
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code' }).format(
    amount / 10 ** digits,
  );
}

/** "21%" / "21 %"; basis points, at most two decimals. */
function percent(bps: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(bps / 10_000);
}

function addressLines(address: Invoice['billTo']['address'], locale: Locale): string[] {
  const city = [address.postcode, address.city].filter(Boolean).join(' ');
  let country: string | undefined = address.country || undefined;
  if (country) {
    try {
      country = new Intl.DisplayNames([locale], { type: 'region' }).of(country) ?? country;
    } catch {
      // An unknown code prints as it is.
    }
  }
  return [address.line1, address.line2, city, address.state, country].filter(
    (line): line is string => !!line,
  );
}

function isPngOrJpeg(logo: { contentType: string; data: Buffer }): boolean {
  const { contentType, data } = logo;
  if (contentType === 'image/png') {
    return data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  }
  if (contentType === 'image/jpeg') return data.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]));
  return false;
}
