import type { Generated } from 'kysely';

/** Times are ISO 8601 UTC strings (`Date#toISOString`), which sort as text. */
type Iso = string;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  email_verified_at: Iso | null;
  locale: string;
  disabled_at: Iso | null;
  created_at: Iso;
  updated_at: Iso;
}

export interface AccountsTable {
  id: string;
  name: string;
  status: 'active' | 'disabled';
  currency: string;
  created_at: Iso;
  updated_at: Iso;
}

export interface MembershipsTable {
  id: string;
  user_id: string;
  account_id: string;
  role: 'owner' | 'billing' | 'technical' | 'custom';
  created_at: Iso;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  account_id: string;
  created_at: Iso;
  last_seen_at: Iso;
  idle_expires_at: Iso;
  expires_at: Iso;
  ip: string | null;
  user_agent: string | null;
  revoked_at: Iso | null;
}

export type ChallengePurpose = 'verify_email' | 'login' | 'reset';

export interface ChallengesTable {
  id: string;
  purpose: ChallengePurpose;
  email: string;
  /** Null for a decoy challenge made for an unknown email (so answers look the same). */
  user_id: string | null;
  code_hash: string;
  attempts: Generated<number>;
  sends: Generated<number>;
  expires_at: Iso;
  consumed_at: Iso | null;
  created_at: Iso;
  /** JSON with purpose-specific data. */
  payload: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: number;
  count: number;
}

export interface AuthFailuresTable {
  key: string;
  count: number;
  last_failure_at: Iso;
  locked_until: Iso | null;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text: string;
  html: string;
  template: string;
  status: 'pending' | 'sent' | 'failed';
  transport: string | null;
  attempts: Generated<number>;
  next_attempt_at: Iso;
  lease_until: Iso | null;
  last_error: string | null;
  created_at: Iso;
  sent_at: Iso | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: Iso;
}

export interface MigrationsTable {
  id: number;
  name: string;
  applied_at: Iso;
}

export interface Database {
  users: UsersTable;
  accounts: AccountsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  challenges: ChallengesTable;
  rate_limits: RateLimitsTable;
  auth_failures: AuthFailuresTable;
  outbox: OutboxTable;
  settings: SettingsTable;
  portico_migrations: MigrationsTable;
}
