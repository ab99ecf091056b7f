// Billing cases: (f) the authenticated invoice list at 1,000 vs 1,000,000 invoices, (g) PDF generation per second.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const requireFromServer = createRequire(path.join(root, 'packages/server/package.json'));

/** The list query's shape (packages/server/src/modules/billing): the account's non-draft invoices, newest first. */
const LIST_SQL = `SELECT id, number, status, currency, total, credit_applied, amount_paid, issued_at, due_at, paid_at, created_at
  FROM invoices WHERE account_id = ? AND status <> 'draft' ORDER BY created_at DESC, id DESC LIMIT 26`;
const LIST_STATUS_SQL = `SELECT id FROM invoices WHERE account_id = ? AND status = ? ORDER BY created_at DESC, id DESC LIMIT 26`;

const base32 = (n) => n.toString(32).padStart(26, '0');

/**
 * Adds `accounts` accounts and `invoices` invoices to a Portico database file, straight through SQLite in one
 * transaction: the demo account gets `demoInvoices` of them (so its list has pages), the rest spread evenly.
 * Returns the demo account's id and how long seeding took.
 */
export function seedInvoices(
  file,
  { accounts, invoices, demoInvoices = 100, demoEmail = 'demo@example.com' },
) {
  const SQLite = requireFromServer('better-sqlite3');
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  const started = performance.now();
  const demo = db
    .prepare(
      `SELECT m.account_id AS id FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE u.email = ? AND m.role = 'owner' LIMIT 1`,
    )
    .get(demoEmail);
  if (!demo) throw new Error(`no account owned by ${demoEmail}: was the demo seeded?`);
  const insertAccount = db.prepare(
    `INSERT INTO accounts (id, name, status, currency, created_at, updated_at) VALUES (?, ?, 'active', 'USD', ?, ?)`,
  );
  const insertInvoice = db.prepare(
    `INSERT INTO invoices (id, account_id, number, status, currency, subtotal, tax_name, tax_rate_bps, tax, total,
       credit_applied, amount_paid, bill_to, notes, issued_at, due_at, paid_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'USD', ?, NULL, 0, 0, ?, 0, ?, '{}', '', ?, ?, ?, ?, ?)`,
  );
  const statuses = ['paid', 'paid', 'paid', 'unpaid', 'overdue', 'cancelled'];
  const start = Date.parse('2024-01-01T00:00:00Z');
  const span = 3 * 365 * 86_400_000;
  db.transaction(() => {
    const ids = [];
    for (let i = 0; i < accounts; i++) {
      const id = `acct_${base32(1e12 + i)}`;
      const at = new Date(start + (i % 1000) * 86_400).toISOString();
      insertAccount.run(id, `Bench client ${i}`, at, at);
      ids.push(id);
    }
    for (let i = 0; i < invoices; i++) {
      const account = i < demoInvoices ? demo.id : ids[i % ids.length];
      const status = statuses[i % statuses.length];
      const created = new Date(start + Math.floor((i / invoices) * span)).toISOString();
      const total = 500 + (i % 5000);
      insertInvoice.run(
        `inv_${base32(1e12 + i)}`,
        account,
        `BENCH-${String(i).padStart(7, '0')}`,
        status,
        total,
        total,
        status === 'paid' ? total : 0,
        created,
        created,
        status === 'paid' ? created : null,
        created,
        created,
      );
    }
  })();
  db.exec('ANALYZE');
  const seconds = (performance.now() - started) / 1000;
  const plans = {
    list: db
      .prepare(`EXPLAIN QUERY PLAN ${LIST_SQL}`)
      .all(demo.id)
      .map((r) => r.detail),
    byStatus: db
      .prepare(`EXPLAIN QUERY PLAN ${LIST_STATUS_SQL}`)
      .all(demo.id, 'paid')
      .map((r) => r.detail),
  };
  const counts = db
    .prepare(
      'SELECT (SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM invoices) AS invoices',
    )
    .get();
  db.close();
  return { demoAccountId: demo.id, seconds, plans, counts };
}

/** A 6-line invoice in the contract's shape, for the PDF case. */
function sampleInvoice() {
  const lines = Array.from({ length: 6 }, (_, i) => ({
    id: `invl_${base32(i)}`,
    kind: 'product',
    description: `Business hosting, annual (line ${i + 1})`,
    quantity: 1 + (i % 3),
    unitAmount: 4999,
    amount: 4999 * (1 + (i % 3)),
    taxable: true,
    serviceId: null,
    periodStart: '2026-01-01T00:00:00.000Z',
    periodEnd: '2027-01-01T00:00:00.000Z',
  }));
  const subtotal = lines.reduce((sum, l) => sum + l.amount, 0);
  const tax = Math.round((subtotal * 2100) / 10000);
  return {
    id: `inv_${base32(1)}`,
    number: 'INV-00042',
    status: 'unpaid',
    currency: 'EUR',
    total: subtotal + tax,
    balance: subtotal + tax,
    issuedAt: '2026-03-02T09:00:00.000Z',
    dueAt: '2026-03-16T09:00:00.000Z',
    paidAt: null,
    createdAt: '2026-03-02T09:00:00.000Z',
    subtotal,
    taxName: 'VAT',
    taxRateBps: 2100,
    tax,
    creditApplied: 0,
    amountPaid: 0,
    lines,
    payments: [],
    billTo: {
      name: 'Northwind Traders',
      company: 'Northwind Traders S.L.',
      email: 'billing@northwind.example',
      address: { line1: 'Calle Mayor 1', city: 'Madrid', postcode: '28013', country: 'ES' },
    },
    notes: 'Thank you for your business.',
  };
}

/** (g) Invoice PDFs rendered per second on one core (this process's one thread), for `seconds` seconds. */
export async function pdfThroughput(seconds) {
  const file = path.join(root, 'packages/server/dist/modules/billing/pdf.js');
  const { renderInvoicePdf } = await import(pathToFileURL(file).href);
  const input = {
    invoice: sampleInvoice(),
    business: {
      name: 'Northwind Hosting',
      address: 'Calle Mayor 1\n28013 Madrid',
      taxId: 'ESB12345678',
      footer: 'Registered in Madrid.',
      logo: null,
    },
    locale: 'es',
  };
  for (let i = 0; i < 5; i++) await renderInvoicePdf(input);
  let count = 0;
  let bytes = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    bytes += (await renderInvoicePdf(input)).length;
    count++;
  }
  const elapsed = (performance.now() - started) / 1000;
  return {
    pdfs: count,
    seconds: elapsed,
    perSecond: count / elapsed,
    averageBytes: Math.round(bytes / count),
  };
}
