/**
 * The staff side: staff logins and their sessions, link tokens (magic links, invitations, staff sign-in tickets),
 * the audit log, stored files (the logo), client details, and who was invited when.
 */
export const name = 'staff';

export const up = /* sql */ `
CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'billing', 'support')),
  password_hash TEXT,
  totp_secret TEXT,
  totp_pending_secret TEXT,
  totp_enabled_at TEXT,
  totp_last_step INTEGER,
  disabled_at TEXT,
  last_sign_in_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE staff_sessions (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  idle_expires_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ip TEXT,
  user_agent TEXT,
  revoked_at TEXT
) STRICT;
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id, created_at DESC);
CREATE INDEX staff_sessions_expiry ON staff_sessions (expires_at);

CREATE TABLE link_tokens (
  id TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('magic_link', 'invitation', 'staff_invitation', 'staff_mfa')),
  token_hash TEXT NOT NULL UNIQUE,
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
  staff_id TEXT REFERENCES staff(id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  destination TEXT,
  created_by TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX link_tokens_user ON link_tokens (user_id, purpose, created_at DESC);
CREATE INDEX link_tokens_staff ON link_tokens (staff_id, purpose, created_at DESC);
CREATE INDEX link_tokens_expiry ON link_tokens (expires_at);

CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_type TEXT NOT NULL CHECK (actor_type IN ('staff', 'user', 'system', 'anonymous')),
  actor_id TEXT,
  actor_label TEXT,
  action TEXT NOT NULL,
  target_type TEXT,
  target_id TEXT,
  account_id TEXT,
  ip TEXT,
  user_agent TEXT,
  details TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX audit_recent ON audit_log (at DESC, id DESC);
CREATE INDEX audit_actor ON audit_log (actor_id, at DESC, id DESC);
CREATE INDEX audit_account ON audit_log (account_id, at DESC, id DESC);
CREATE INDEX audit_action ON audit_log (action, at DESC, id DESC);

CREATE TABLE assets (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  content_type TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  byte_size INTEGER NOT NULL,
  data BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX assets_kind ON assets (kind, created_at DESC);

ALTER TABLE accounts ADD COLUMN company TEXT;
ALTER TABLE accounts ADD COLUMN phone TEXT;
ALTER TABLE accounts ADD COLUMN address TEXT NOT NULL DEFAULT '{}';
ALTER TABLE accounts ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN external_id TEXT;
CREATE INDEX accounts_recent ON accounts (created_at DESC, id DESC);
CREATE INDEX accounts_status_recent ON accounts (status, created_at DESC, id DESC);
CREATE UNIQUE INDEX accounts_external ON accounts (external_id) WHERE external_id IS NOT NULL;
UPDATE accounts SET search_text = lower(name);

ALTER TABLE users ADD COLUMN invited_at TEXT;
ALTER TABLE users ADD COLUMN last_sign_in_at TEXT;
UPDATE users SET last_sign_in_at = (SELECT max(created_at) FROM sessions WHERE sessions.user_id = users.id);
CREATE INDEX memberships_recent ON memberships (created_at DESC, id DESC);
`;
