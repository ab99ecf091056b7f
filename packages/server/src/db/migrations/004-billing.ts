/**
 * Billing and services: the store's product groups, products and prices; orders; invoices with their lines,
 * numbering counter and reminders; payments and gateway webhooks; the credit ledger; services and cancellation
 * requests; idempotency keys. Money is INTEGER minor units with a currency column beside it.
 */
export const name = 'billing';

export const up = /* sql */ `
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
INSERT INTO counters (name, value) VALUES ('invoice_number', 1);

CREATE TABLE product_groups (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0,
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE products (
  id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL REFERENCES product_groups(id),
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  features TEXT NOT NULL DEFAULT '[]',
  type TEXT NOT NULL CHECK (type IN ('hosting', 'service', 'other')),
  featured INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  stock INTEGER CHECK (stock IS NULL OR stock >= 0),
  taxable INTEGER NOT NULL DEFAULT 1 CHECK (taxable IN (0, 1)),
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX products_group ON products (group_id, sort_order, id);

CREATE TABLE product_prices (
  product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  currency TEXT NOT NULL,
  cycle TEXT NOT NULL CHECK (cycle IN ('one_time', 'monthly', 'quarterly', 'semiannual', 'annual', 'biennial')),
  amount INTEGER NOT NULL CHECK (amount >= 0),
  setup_fee INTEGER NOT NULL DEFAULT 0 CHECK (setup_fee >= 0),
  PRIMARY KEY (product_id, currency, cycle)
) STRICT, WITHOUT ROWID;

CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'cancelled')),
  currency TEXT NOT NULL,
  total INTEGER NOT NULL,
  invoice_id TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX orders_account ON orders (account_id, created_at DESC, id DESC);
CREATE INDEX orders_recent ON orders (created_at DESC, id DESC);
CREATE INDEX orders_status ON orders (status, created_at DESC, id DESC);

CREATE TABLE order_items (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  product_id TEXT NOT NULL REFERENCES products(id),
  name TEXT NOT NULL,
  cycle TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity >= 1)
) STRICT;
CREATE INDEX order_items_order ON order_items (order_id, position);
CREATE INDEX order_items_product ON order_items (product_id);

CREATE TABLE invoices (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  order_id TEXT,
  number TEXT,
  status TEXT NOT NULL CHECK (status IN ('draft', 'unpaid', 'paid', 'overdue', 'cancelled', 'refunded')),
  currency TEXT NOT NULL,
  subtotal INTEGER NOT NULL,
  tax_name TEXT,
  tax_rate_bps INTEGER NOT NULL DEFAULT 0,
  tax INTEGER NOT NULL,
  total INTEGER NOT NULL,
  credit_applied INTEGER NOT NULL DEFAULT 0 CHECK (credit_applied >= 0),
  amount_paid INTEGER NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
  bill_to TEXT NOT NULL DEFAULT '{}',
  notes TEXT NOT NULL DEFAULT '',
  issued_at TEXT,
  due_at TEXT,
  paid_at TEXT,
  cancelled_at TEXT,
  refunded_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (total = subtotal + tax)
) STRICT;
CREATE UNIQUE INDEX invoices_number ON invoices (number) WHERE number IS NOT NULL;
CREATE INDEX invoices_account ON invoices (account_id, created_at DESC, id DESC);
CREATE INDEX invoices_account_status ON invoices (account_id, status, created_at DESC, id DESC);
CREATE INDEX invoices_recent ON invoices (created_at DESC, id DESC);
CREATE INDEX invoices_status ON invoices (status, created_at DESC, id DESC);
CREATE INDEX invoices_due ON invoices (status, due_at);
CREATE INDEX invoices_order ON invoices (order_id) WHERE order_id IS NOT NULL;

CREATE TABLE invoice_lines (
  id TEXT PRIMARY KEY,
  invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('product', 'setup', 'renewal', 'custom')),
  description TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity >= 1),
  unit_amount INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  taxable INTEGER NOT NULL CHECK (taxable IN (0, 1)),
  service_id TEXT,
  period_start TEXT,
  period_end TEXT,
  CHECK (amount = quantity * unit_amount)
) STRICT;
CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id, position);
-- One invoice per service per period, however often the renewal job runs.
CREATE UNIQUE INDEX invoice_lines_period ON invoice_lines (service_id, period_start)
  WHERE service_id IS NOT NULL AND kind IN ('product', 'renewal');

CREATE TABLE invoice_reminders (
  invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (invoice_id, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  gateway TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded')),
  currency TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  method TEXT,
  reference TEXT,
  failure_message TEXT,
  action TEXT,
  recorded_by TEXT,
  succeeded_at TEXT,
  refunded_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX payments_reference ON payments (gateway, reference) WHERE reference IS NOT NULL;
CREATE INDEX payments_invoice ON payments (invoice_id, created_at);
CREATE INDEX payments_account ON payments (account_id, created_at DESC, id DESC);
CREATE INDEX payments_recent ON payments (created_at DESC, id DESC);
CREATE INDEX payments_status ON payments (status, created_at DESC, id DESC);

CREATE TABLE webhook_events (
  gateway TEXT NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (gateway, event_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE credit_ledger (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  currency TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount <> 0),
  kind TEXT NOT NULL,
  description TEXT NOT NULL,
  invoice_id TEXT,
  payment_id TEXT,
  staff_id TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX credit_ledger_account ON credit_ledger (account_id, created_at DESC, id DESC);
CREATE INDEX credit_ledger_balance ON credit_ledger (account_id, currency, amount);

CREATE TABLE services (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  product_id TEXT NOT NULL REFERENCES products(id),
  order_id TEXT,
  order_item_id TEXT,
  product_name TEXT NOT NULL,
  label TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'suspended', 'cancelled')),
  cycle TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  next_due_at TEXT,
  activated_at TEXT,
  suspended_at TEXT,
  suspend_reason TEXT,
  -- 'overdue' when the renewal job suspended it (payment lifts it); 'staff' otherwise.
  suspended_by TEXT,
  cancelled_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX services_account ON services (account_id, created_at DESC, id DESC);
CREATE INDEX services_account_status ON services (account_id, status, created_at DESC, id DESC);
CREATE INDEX services_recent ON services (created_at DESC, id DESC);
CREATE INDEX services_status ON services (status, created_at DESC, id DESC);
CREATE INDEX services_due ON services (status, next_due_at);
CREATE INDEX services_account_due ON services (account_id, status, next_due_at, id);
CREATE INDEX services_order ON services (order_id);

CREATE TABLE cancellation_requests (
  id TEXT PRIMARY KEY,
  service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_id TEXT,
  type TEXT NOT NULL CHECK (type IN ('immediate', 'end_of_period')),
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  effective_at TEXT,
  staff_note TEXT,
  processed_by TEXT,
  processed_at TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX cancellations_service ON cancellation_requests (service_id, created_at DESC, id DESC);
CREATE INDEX cancellations_status ON cancellation_requests (status, created_at, id);
-- At most one open (pending or approved) request per service.
CREATE UNIQUE INDEX cancellations_open ON cancellation_requests (service_id) WHERE status IN ('pending', 'approved');

CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('running', 'done')),
  status INTEGER,
  body TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);
`;
