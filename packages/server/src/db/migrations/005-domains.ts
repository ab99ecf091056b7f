/**
 * Domains: the TLDs the business sells and their price grids, clients' domains, the registrar tasks that register,
 * transfer and renew them, and the built-in `local` registrar's own registry. Invoice lines gain the domain kinds
 * and a `domain_id` (SQLite cannot change a CHECK in place, so the table is rebuilt with its rows and indexes).
 */
export const name = 'domains';

export const up = /* sql */ `
CREATE TABLE invoice_lines_next (
  id TEXT PRIMARY KEY,
  invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('product', 'setup', 'renewal', 'custom', 'domain_register', 'domain_transfer', 'domain_renewal')),
  description TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity >= 1),
  unit_amount INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  taxable INTEGER NOT NULL CHECK (taxable IN (0, 1)),
  service_id TEXT,
  domain_id TEXT,
  period_start TEXT,
  period_end TEXT,
  CHECK (amount = quantity * unit_amount)
) STRICT;
INSERT INTO invoice_lines_next (id, invoice_id, position, kind, description, quantity, unit_amount, amount, taxable,
  service_id, domain_id, period_start, period_end)
  SELECT id, invoice_id, position, kind, description, quantity, unit_amount, amount, taxable,
    service_id, NULL, period_start, period_end FROM invoice_lines;
DROP TABLE invoice_lines;
ALTER TABLE invoice_lines_next RENAME TO invoice_lines;
CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id, position);
-- One invoice per service per period, however often the renewal job runs.
CREATE UNIQUE INDEX invoice_lines_period ON invoice_lines (service_id, period_start)
  WHERE service_id IS NOT NULL AND kind IN ('product', 'renewal');
-- One renewal invoice per domain per term (period_start is the expiry the renewal extends).
CREATE UNIQUE INDEX invoice_lines_domain_period ON invoice_lines (domain_id, period_start)
  WHERE domain_id IS NOT NULL AND kind = 'domain_renewal';
CREATE INDEX invoice_lines_domain ON invoice_lines (domain_id) WHERE domain_id IS NOT NULL;

CREATE TABLE domain_tlds (
  tld TEXT PRIMARY KEY,
  position INTEGER NOT NULL DEFAULT 0,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  registrar TEXT NOT NULL,
  availability TEXT NOT NULL CHECK (availability IN ('registrar', 'rdap')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX domain_tlds_order ON domain_tlds (position, tld);

CREATE TABLE domain_prices (
  tld TEXT NOT NULL REFERENCES domain_tlds(tld) ON DELETE CASCADE ON UPDATE CASCADE,
  currency TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('register', 'renew', 'transfer')),
  years INTEGER NOT NULL CHECK (years BETWEEN 1 AND 10),
  amount INTEGER NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (tld, currency, action, years)
) STRICT, WITHOUT ROWID;
CREATE INDEX domain_prices_currency ON domain_prices (currency, tld);

CREATE TABLE domains (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  order_id TEXT REFERENCES orders(id),
  -- ASCII (punycode) form, lower case.
  name TEXT NOT NULL,
  tld TEXT NOT NULL,
  registrar TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('register', 'transfer')),
  years INTEGER NOT NULL CHECK (years BETWEEN 1 AND 10),
  status TEXT NOT NULL CHECK (status IN ('pending', 'provisioning', 'failed', 'active', 'expired', 'cancelled')),
  auto_renew INTEGER NOT NULL DEFAULT 1 CHECK (auto_renew IN (0, 1)),
  privacy INTEGER NOT NULL DEFAULT 0 CHECK (privacy IN (0, 1)),
  locked INTEGER NOT NULL DEFAULT 1 CHECK (locked IN (0, 1)),
  -- JSON array of ASCII host names.
  nameservers TEXT NOT NULL DEFAULT '[]',
  -- A transfer's EPP code as the client gave it, sealed; cleared once the transfer is done.
  epp_code_sealed TEXT,
  registered_at TEXT,
  expires_at TEXT,
  -- The registrar's last error, for staff.
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX domains_account ON domains (account_id, created_at DESC, id DESC);
CREATE INDEX domains_account_status ON domains (account_id, status, created_at DESC, id DESC);
CREATE INDEX domains_all ON domains (created_at DESC, id DESC);
CREATE INDEX domains_status ON domains (status, created_at DESC, id DESC);
CREATE INDEX domains_order ON domains (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX domains_expiry ON domains (status, expires_at);
-- A name is held by one order or domain at a time (a cancelled order lets it go).
CREATE UNIQUE INDEX domains_live_name ON domains (name) WHERE status <> 'cancelled';

CREATE TABLE domain_tasks (
  id TEXT PRIMARY KEY,
  domain_id TEXT NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
  invoice_id TEXT REFERENCES invoices(id),
  kind TEXT NOT NULL CHECK (kind IN ('register', 'transfer', 'renew')),
  years INTEGER NOT NULL CHECK (years BETWEEN 1 AND 10),
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'failed', 'done')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  run_after TEXT NOT NULL,
  -- While running: when the claim lapses (a process that died mid-call leaves the task to be claimed again).
  lease_until TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX domain_tasks_due ON domain_tasks (status, run_after);
CREATE INDEX domain_tasks_domain ON domain_tasks (domain_id, created_at DESC, id DESC);
-- A paid invoice queues each of its domain tasks once, however often its hook runs.
CREATE UNIQUE INDEX domain_tasks_invoice ON domain_tasks (invoice_id, domain_id, kind) WHERE invoice_id IS NOT NULL;

-- The built-in local registrar's registry: every name it knows, whoever holds it.
CREATE TABLE local_registry (
  name TEXT PRIMARY KEY,
  -- 'self' for names this business registered through it; anything else is held elsewhere.
  holder TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  nameservers TEXT NOT NULL DEFAULT '[]',
  privacy INTEGER NOT NULL DEFAULT 0 CHECK (privacy IN (0, 1)),
  locked INTEGER NOT NULL DEFAULT 1 CHECK (locked IN (0, 1)),
  -- The transfer code, sealed (purpose 'epp').
  epp_code_sealed TEXT NOT NULL,
  premium INTEGER NOT NULL DEFAULT 0 CHECK (premium IN (0, 1)),
  updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`;
