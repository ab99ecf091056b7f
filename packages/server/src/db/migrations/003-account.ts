/**
 * The client's own account and security: two-factor (TOTP and backup codes) and the sign-in tickets between the
 * first step and the code, passkeys and their WebAuthn challenges, API tokens, contacts' permissions, the country
 * of each session, and email-change codes.
 */
export const name = 'account';

export const up = /* sql */ `
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending_at TEXT;
ALTER TABLE users ADD COLUMN totp_enabled_at TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
ALTER TABLE users ADD COLUMN last_account_id TEXT;

ALTER TABLE memberships ADD COLUMN permissions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE memberships ADD COLUMN invited_by TEXT;
ALTER TABLE memberships ADD COLUMN joined_at TEXT;
ALTER TABLE memberships ADD COLUMN invited_name TEXT;
UPDATE memberships SET joined_at = created_at WHERE role = 'owner';

ALTER TABLE sessions ADD COLUMN country TEXT;

CREATE TABLE backup_codes (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX backup_codes_user ON backup_codes (user_id, used_at);

CREATE TABLE mfa_tickets (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
  method TEXT NOT NULL,
  next TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  ip TEXT,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX mfa_tickets_expiry ON mfa_tickets (expires_at);

CREATE TABLE passkeys (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  credential_id TEXT NOT NULL UNIQUE,
  public_key BLOB NOT NULL,
  counter INTEGER NOT NULL DEFAULT 0,
  transports TEXT NOT NULL DEFAULT '[]',
  device_type TEXT NOT NULL,
  backed_up INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT
) STRICT;
CREATE INDEX passkeys_user ON passkeys (user_id, created_at);

CREATE TABLE webauthn_challenges (
  id TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('register', 'authenticate')),
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  challenge TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX webauthn_challenges_expiry ON webauthn_challenges (expires_at);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  scopes TEXT NOT NULL,
  expires_at TEXT,
  last_used_at TEXT,
  last_used_ip TEXT,
  revoked_at TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX api_tokens_account ON api_tokens (account_id, created_at DESC);
CREATE INDEX api_tokens_user ON api_tokens (user_id, account_id);

-- Email-change codes join the code kinds: SQLite cannot alter a CHECK, so the table is rebuilt.
CREATE TABLE challenges_new (
  id TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'login', 'reset', 'change_email')),
  email TEXT NOT NULL,
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  sends INTEGER NOT NULL DEFAULT 1,
  expires_at TEXT NOT NULL,
  consumed_at TEXT,
  created_at TEXT NOT NULL,
  payload TEXT
) STRICT;
INSERT INTO challenges_new SELECT id, purpose, email, user_id, code_hash, attempts, sends, expires_at, consumed_at, created_at, payload FROM challenges;
DROP TABLE challenges;
ALTER TABLE challenges_new RENAME TO challenges;
CREATE INDEX challenges_lookup ON challenges (purpose, email, created_at DESC, id DESC);
CREATE INDEX challenges_expiry ON challenges (expires_at);
`;
