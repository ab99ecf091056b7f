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
  /** When staff last invited them to the portal. */
  invited_at: Generated<Iso | null>;
  last_sign_in_at: Generated<Iso | null>;
  /** Client TOTP seed, sealed with the server secret (AES-256-GCM), as staff seeds are. */
  totp_secret: Generated<string | null>;
  /** A seed being enrolled, not yet confirmed, and when the enrolment started (15 minutes to confirm). */
  totp_pending_secret: Generated<string | null>;
  totp_pending_at: Generated<Iso | null>;
  totp_enabled_at: Generated<Iso | null>;
  /** The last accepted 30-second step: a step is never accepted twice. */
  totp_last_step: Generated<number | null>;
  /** The account they last used: the next sign-in starts there. */
  last_account_id: Generated<string | null>;
  /** Whether they still want announcement mails (1) or unsubscribed (0). */
  announcement_mail: Generated<0 | 1>;
}

export interface AccountsTable {
  id: string;
  name: string;
  status: 'active' | 'disabled';
  currency: string;
  created_at: Iso;
  updated_at: Iso;
  company: Generated<string | null>;
  phone: Generated<string | null>;
  /** JSON of the contract's Address. */
  address: Generated<string>;
  notes: Generated<string>;
  /** Lower-cased name, company and users' emails, for the staff search. */
  search_text: Generated<string>;
  /** The id in the system it was imported from (e.g. `whmcs:123`). */
  external_id: Generated<string | null>;
}

export interface MembershipsTable {
  id: string;
  user_id: string;
  account_id: string;
  role: 'owner' | 'billing' | 'technical' | 'custom';
  created_at: Iso;
  /** JSON array of the contract's Permission (ignored for the owner, who holds all). */
  permissions: Generated<string>;
  /** The user who added this contact. */
  invited_by: Generated<string | null>;
  /** When they first signed in to this account (the owner: when it was made). */
  joined_at: Generated<Iso | null>;
  /**
   * The name the owner typed when adding this contact: shown until they join, so adding an email that already
   * has a login never reveals that login's own name.
   */
  invited_name: Generated<string | null>;
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
  /** Country (ISO 3166-1 alpha-2, or `LAN` for private addresses) of `ip` when the session began. */
  country: Generated<string | null>;
}

export type ChallengePurpose = 'verify_email' | 'login' | 'reset' | 'change_email';

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
  /** Extra headers as a JSON object (`List-Unsubscribe`), or null. */
  headers: Generated<string | null>;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: Iso;
}

export interface StaffTable {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'billing' | 'support';
  /** Null until an invited staff member sets one. */
  password_hash: string | null;
  /** TOTP seed, encrypted with the server secret (AES-256-GCM). */
  totp_secret: string | null;
  /** A seed being enrolled, not yet confirmed. */
  totp_pending_secret: string | null;
  totp_enabled_at: Iso | null;
  /** The last accepted 30-second step: a step is never accepted twice. */
  totp_last_step: number | null;
  disabled_at: Iso | null;
  last_sign_in_at: Iso | null;
  created_at: Iso;
  updated_at: Iso;
}

export interface StaffSessionsTable {
  id: string;
  token_hash: string;
  staff_id: string;
  created_at: Iso;
  last_seen_at: Iso;
  idle_expires_at: Iso;
  expires_at: Iso;
  ip: string | null;
  user_agent: string | null;
  revoked_at: Iso | null;
}

export type LinkTokenPurpose = 'magic_link' | 'invitation' | 'staff_invitation' | 'staff_mfa';

/** Single-use secrets sent in links (stored as SHA-256): magic links, invitations, staff sign-in tickets. */
export interface LinkTokensTable {
  id: string;
  purpose: LinkTokenPurpose;
  token_hash: string;
  user_id: string | null;
  account_id: string | null;
  staff_id: string | null;
  /** The address the link is bound to. */
  email: string;
  /** Where a magic link lands (a path in the portal). */
  destination: string | null;
  /** The staff member who made it. */
  created_by: string | null;
  attempts: Generated<number>;
  expires_at: Iso;
  used_at: Iso | null;
  created_at: Iso;
}

export interface AuditLogTable {
  id: string;
  at: Iso;
  actor_type: 'staff' | 'user' | 'system' | 'anonymous';
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  account_id: string | null;
  ip: string | null;
  user_agent: string | null;
  /** JSON object. */
  details: Generated<string>;
}

/** Files kept in the database (the logo), served with their type. */
export interface AssetsTable {
  id: string;
  kind: string;
  content_type: string;
  sha256: string;
  byte_size: number;
  data: Buffer;
  created_at: Iso;
}

/** Single-use backup codes of a user's two-factor (HMAC-SHA256 of the code). */
export interface BackupCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: Iso | null;
  created_at: Iso;
}

/** The step between a first factor and the TOTP or backup code (`pmt_` token, SHA-256). */
export interface MfaTicketsTable {
  id: string;
  token_hash: string;
  user_id: string;
  /** The account the sign-in asked for (a magic link's or invitation's), else null. */
  account_id: string | null;
  /** How the first step was made (`password`, `email_code`, `magic_link`, ...), for the audit log. */
  method: string;
  /** A magic link's destination, handed back once the second factor is in. */
  next: string | null;
  attempts: Generated<number>;
  ip: string | null;
  expires_at: Iso;
  used_at: Iso | null;
  created_at: Iso;
}

export interface PasskeysTable {
  id: string;
  user_id: string;
  /** base64url credential id. */
  credential_id: string;
  /** COSE public key. */
  public_key: Buffer;
  counter: number;
  /** JSON array of transports. */
  transports: Generated<string>;
  device_type: string;
  backed_up: number;
  name: string;
  created_at: Iso;
  last_used_at: Iso | null;
}

export interface WebauthnChallengesTable {
  id: string;
  purpose: 'register' | 'authenticate';
  user_id: string | null;
  /** base64url challenge. */
  challenge: string;
  expires_at: Iso;
  used_at: Iso | null;
  created_at: Iso;
}

/** API tokens (`pt_…`, SHA-256): act for one account within their scopes. */
export interface ApiTokensTable {
  id: string;
  account_id: string;
  /** Who made it: the token never holds more than this member's permissions. */
  user_id: string;
  name: string;
  token_hash: string;
  /** The first characters, to recognise it. */
  prefix: string;
  /** JSON array of the contract's Permission. */
  scopes: string;
  expires_at: Iso | null;
  last_used_at: Iso | null;
  last_used_ip: string | null;
  revoked_at: Iso | null;
  created_at: Iso;
}

export interface MigrationsTable {
  id: number;
  name: string;
  applied_at: Iso;
}

// ─── Billing (migration 004). Money is integer minor units; booleans are 0/1. ──────────────────────────────

export interface CountersTable {
  name: string;
  value: number;
}

export interface ProductGroupsTable {
  id: string;
  slug: string;
  name: string;
  description: Generated<string>;
  sort_order: Generated<number>;
  hidden: Generated<0 | 1>;
  created_at: Iso;
  updated_at: Iso;
}

export interface ProductsTable {
  id: string;
  group_id: string;
  slug: string;
  name: string;
  description: Generated<string>;
  /** JSON array of strings. */
  features: Generated<string>;
  type: 'hosting' | 'service' | 'other';
  featured: Generated<0 | 1>;
  hidden: Generated<0 | 1>;
  /** Units left; null when not tracked. */
  stock: number | null;
  taxable: Generated<0 | 1>;
  sort_order: Generated<number>;
  created_at: Iso;
  updated_at: Iso;
}

export type Cycle = 'one_time' | 'monthly' | 'quarterly' | 'semiannual' | 'annual' | 'biennial';

export interface ProductPricesTable {
  product_id: string;
  currency: string;
  cycle: Cycle;
  amount: number;
  setup_fee: Generated<number>;
}

export interface OrdersTable {
  id: string;
  account_id: string;
  user_id: string | null;
  status: 'pending' | 'active' | 'cancelled';
  currency: string;
  total: number;
  invoice_id: string;
  notes: Generated<string>;
  created_at: Iso;
  updated_at: Iso;
}

export interface OrderItemsTable {
  id: string;
  order_id: string;
  position: number;
  product_id: string;
  name: string;
  cycle: Cycle;
  quantity: number;
}

export type InvoiceStatus = 'draft' | 'unpaid' | 'paid' | 'overdue' | 'cancelled' | 'refunded';

export interface InvoicesTable {
  id: string;
  account_id: string;
  order_id: string | null;
  /** Null while a draft. */
  number: string | null;
  status: InvoiceStatus;
  currency: string;
  subtotal: number;
  tax_name: string | null;
  tax_rate_bps: Generated<number>;
  tax: number;
  /** Always subtotal + tax (a CHECK holds it). */
  total: number;
  credit_applied: Generated<number>;
  amount_paid: Generated<number>;
  /** JSON of the contract's BillTo, as it was when issued. */
  bill_to: Generated<string>;
  notes: Generated<string>;
  issued_at: Iso | null;
  due_at: Iso | null;
  paid_at: Iso | null;
  cancelled_at: Iso | null;
  refunded_at: Iso | null;
  created_at: Iso;
  updated_at: Iso;
}

export interface InvoiceLinesTable {
  id: string;
  invoice_id: string;
  position: number;
  kind: 'product' | 'setup' | 'renewal' | 'custom' | 'domain_register' | 'domain_transfer' | 'domain_renewal';
  description: string;
  quantity: number;
  unit_amount: number;
  /** Always quantity × unit_amount (a CHECK holds it). */
  amount: number;
  taxable: 0 | 1;
  service_id: string | null;
  /** The domain a `domain_*` line registers, transfers or renews. */
  domain_id: string | null;
  period_start: Iso | null;
  period_end: Iso | null;
}

export interface InvoiceRemindersTable {
  invoice_id: string;
  /** e.g. `before:7`, `overdue:3`. */
  kind: string;
  sent_at: Iso;
}

export interface PaymentsTable {
  id: string;
  invoice_id: string;
  account_id: string;
  gateway: string;
  status: 'pending' | 'succeeded' | 'failed' | 'refunded';
  currency: string;
  amount: number;
  method: string | null;
  /** The gateway's id for it (a PaymentIntent id, a bank reference). */
  reference: string | null;
  failure_message: string | null;
  /** JSON of the contract's PaymentAction while pending. */
  action: string | null;
  /** Staff who recorded an offline payment. */
  recorded_by: string | null;
  succeeded_at: Iso | null;
  refunded_at: Iso | null;
  created_at: Iso;
  updated_at: Iso;
}

export interface WebhookEventsTable {
  gateway: string;
  event_id: string;
  type: string;
  received_at: Iso;
}

export interface CreditLedgerTable {
  id: string;
  account_id: string;
  currency: string;
  /** Signed: positive adds credit, negative spends it. Never 0. */
  amount: number;
  kind: 'overpayment' | 'applied' | 'adjustment' | 'refund';
  description: string;
  invoice_id: string | null;
  payment_id: string | null;
  staff_id: string | null;
  created_at: Iso;
}

export interface ServicesTable {
  id: string;
  account_id: string;
  product_id: string;
  order_id: string | null;
  order_item_id: string | null;
  product_name: string;
  label: string | null;
  status: 'pending' | 'active' | 'suspended' | 'cancelled';
  cycle: Cycle;
  currency: string;
  amount: number;
  next_due_at: Iso | null;
  activated_at: Iso | null;
  suspended_at: Iso | null;
  suspend_reason: string | null;
  /** `overdue` when the renewal job suspended it (a payment lifts it), `staff` otherwise. */
  suspended_by: 'overdue' | 'staff' | null;
  cancelled_at: Iso | null;
  created_at: Iso;
  updated_at: Iso;
}

export interface CancellationRequestsTable {
  id: string;
  service_id: string;
  account_id: string;
  user_id: string | null;
  type: 'immediate' | 'end_of_period';
  reason: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  effective_at: Iso | null;
  staff_note: string | null;
  processed_by: string | null;
  processed_at: Iso | null;
  created_at: Iso;
}

export interface IdempotencyKeysTable {
  /** `<principal scope>:<route id>`, so keys of different accounts or routes never meet. */
  scope: string;
  key: string;
  /** SHA-256 of the request (path parameters and body). */
  fingerprint: string;
  state: 'running' | 'done';
  status: number | null;
  /** The JSON answer, replayed for a repeat. */
  body: string | null;
  created_at: Iso;
}

export interface DomainTldsTable {
  /** ASCII, no leading dot: `com`, `co.uk`, `xn--p1ai`. */
  tld: string;
  position: number;
  enabled: 0 | 1;
  registrar: string;
  availability: 'registrar' | 'rdap';
  created_at: Iso;
  updated_at: Iso;
}

export interface DomainPricesTable {
  tld: string;
  currency: string;
  action: 'register' | 'renew' | 'transfer';
  years: number;
  amount: number;
}

export interface DomainsTable {
  id: string;
  account_id: string;
  order_id: string | null;
  /** ASCII (punycode), lower case. */
  name: string;
  tld: string;
  registrar: string;
  action: 'register' | 'transfer';
  years: number;
  status: 'pending' | 'provisioning' | 'failed' | 'active' | 'expired' | 'cancelled';
  auto_renew: 0 | 1;
  privacy: 0 | 1;
  locked: 0 | 1;
  /** JSON array of ASCII host names. */
  nameservers: string;
  /** A transfer's EPP code as given, sealed (purpose `epp`); null once done. */
  epp_code_sealed: string | null;
  registered_at: Iso | null;
  expires_at: Iso | null;
  last_error: string | null;
  created_at: Iso;
  updated_at: Iso;
}

export interface DomainTasksTable {
  id: string;
  domain_id: string;
  invoice_id: string | null;
  kind: 'register' | 'transfer' | 'renew';
  years: number;
  status: 'queued' | 'running' | 'failed' | 'done';
  attempts: number;
  last_error: string | null;
  run_after: Iso;
  lease_until: Iso | null;
  created_at: Iso;
  updated_at: Iso;
}

/** The built-in local registrar's registry. */
export interface LocalRegistryTable {
  name: string;
  /** `self`: registered through this business; anything else: held elsewhere. */
  holder: string;
  registered_at: Iso;
  expires_at: Iso;
  nameservers: string;
  privacy: 0 | 1;
  locked: 0 | 1;
  epp_code_sealed: string;
  premium: 0 | 1;
  updated_at: Iso;
}

export interface SupportDepartmentsTable {
  id: string;
  name: string;
  description: string;
  visible: 0 | 1;
  position: number;
  created_at: Iso;
  updated_at: Iso;
}

export type TicketStatusValue = 'open' | 'answered' | 'customer_reply' | 'closed';
export type TicketPriorityValue = 'low' | 'medium' | 'high' | 'urgent';

export interface TicketsTable {
  id: string;
  /** Random, what people quote (`K7QM-2X4T`). */
  reference: string;
  account_id: string;
  department_id: string;
  subject: string;
  status: TicketStatusValue;
  priority: TicketPriorityValue;
  opened_by_user_id: string | null;
  opened_by_staff_id: string | null;
  opened_by_name: string;
  assignee_staff_id: string | null;
  last_reply_by: 'client' | 'staff';
  last_reply_at: Iso;
  /** Client-visible messages. */
  message_count: number;
  created_at: Iso;
  updated_at: Iso;
  closed_at: Iso | null;
}

export interface TicketMessagesTable {
  id: string;
  ticket_id: string;
  /** `note`: internal, staff only. */
  kind: 'reply' | 'note';
  author_kind: 'client' | 'staff';
  author_user_id: string | null;
  author_staff_id: string | null;
  author_name: string;
  author_email: string;
  /** Markdown as written. */
  body: string;
  /** Rendered and sanitized. */
  html: string;
  created_at: Iso;
}

export interface TicketAttachmentsTable {
  id: string;
  uploader_kind: 'client' | 'staff';
  /** The uploader's account (client uploads). */
  account_id: string | null;
  uploader_user_id: string | null;
  uploader_staff_id: string | null;
  /** Set, with message_id, when a message takes it. */
  ticket_id: string | null;
  message_id: string | null;
  /** Made safe on upload. */
  name: string;
  size: number;
  type: string;
  sha256: string;
  created_at: Iso;
  /** When an unattached upload is swept; null once on a message. */
  expires_at: Iso | null;
}

export interface TicketAttachmentDataTable {
  attachment_id: string;
  data: Buffer;
}

export interface KbCategoriesTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  position: number;
  created_at: Iso;
  updated_at: Iso;
}

export interface KbArticlesTable {
  id: string;
  slug: string;
  category_id: string;
  title: string;
  body: string;
  html: string;
  /** Rendered text without markup (index, excerpts, snippets). */
  text: string;
  status: 'draft' | 'published';
  position: number;
  votes_yes: Generated<number>;
  votes_no: Generated<number>;
  published_at: Iso | null;
  created_at: Iso;
  updated_at: Iso;
}

export interface KbVotesTable {
  article_id: string;
  /** `usr:<id>` or `ip:<hmac>`. */
  voter: string;
  helpful: 0 | 1;
  created_at: Iso;
  updated_at: Iso;
}

export interface FaqGroupsTable {
  id: string;
  name: string;
  position: number;
  created_at: Iso;
  updated_at: Iso;
}

export interface FaqItemsTable {
  id: string;
  group_id: string;
  question: string;
  answer: string;
  html: string;
  text: string;
  position: number;
  created_at: Iso;
  updated_at: Iso;
}

export interface AnnouncementsTable {
  id: string;
  slug: string;
  title: string;
  body: string;
  html: string;
  text: string;
  /** Null: draft; in the future: scheduled. */
  published_at: Iso | null;
  emailed_at: Iso | null;
  email_recipients: number | null;
  created_at: Iso;
  updated_at: Iso;
}

export type ComponentStatusValue =
  | 'operational'
  | 'maintenance'
  | 'degraded'
  | 'partial_outage'
  | 'major_outage';

export interface StatusComponentsTable {
  id: string;
  name: string;
  description: string;
  group_name: string | null;
  status: ComponentStatusValue;
  position: number;
  created_at: Iso;
  updated_at: Iso;
}

export interface StatusComponentEventsTable {
  id: string;
  component_id: string;
  status: ComponentStatusValue;
  at: Iso;
}

export interface IncidentsTable {
  id: string;
  kind: 'incident' | 'maintenance';
  title: string;
  impact: 'none' | 'minor' | 'major' | 'critical';
  status:
    | 'investigating'
    | 'identified'
    | 'monitoring'
    | 'resolved'
    | 'scheduled'
    | 'in_progress'
    | 'completed';
  starts_at: Iso;
  ends_at: Iso | null;
  resolved_at: Iso | null;
  created_at: Iso;
  updated_at: Iso;
}

export interface IncidentComponentsTable {
  incident_id: string;
  component_id: string;
  /** The status the incident holds the component at while it is open (maintenance: while in progress). */
  status: ComponentStatusValue | null;
}

export interface IncidentUpdatesTable {
  id: string;
  incident_id: string;
  status: string;
  body: string;
  html: string;
  created_at: Iso;
}

// Apps (migration 007)

export type GrantKindValue = 'app' | 'course' | 'group';

export interface AppGrantsTable {
  id: string;
  kind: GrantKindValue;
  /** The app id, `crs_…` or `grp_…`. */
  resource_id: string;
  account_id: string;
  note: Generated<string>;
  staff_id: string | null;
  created_at: Iso;
}

export interface ProductGrantsTable {
  kind: GrantKindValue;
  resource_id: string;
  product_id: string;
  created_at: Iso;
}

export interface AffiliatesTable {
  id: string;
  account_id: string;
  code: string;
  status: 'pending' | 'active' | 'rejected' | 'suspended';
  payout_details: Generated<string>;
  note: Generated<string>;
  created_at: Iso;
  updated_at: Iso;
  approved_at: Iso | null;
  decided_by: string | null;
}

export interface AffiliateClicksTable {
  id: string;
  affiliate_id: string;
  /** HMAC of the visitor's address and the day. */
  visitor: string;
  created_at: Iso;
}

export interface AffiliateReferralsTable {
  id: string;
  affiliate_id: string;
  account_id: string;
  click_id: string | null;
  created_at: Iso;
}

export interface AffiliateCommissionsTable {
  id: string;
  affiliate_id: string;
  referral_id: string;
  invoice_id: string;
  currency: string;
  amount: number;
  status: 'pending' | 'payable' | 'reversed';
  clears_at: Iso;
  created_at: Iso;
  updated_at: Iso;
  reversed_at: Iso | null;
}

export interface AffiliatePayoutsTable {
  id: string;
  affiliate_id: string;
  currency: string;
  amount: number;
  status: 'requested' | 'approved' | 'paid' | 'credited' | 'rejected';
  method: string | null;
  reference: string | null;
  note: string | null;
  requested_by: string | null;
  decided_by: string | null;
  created_at: Iso;
  updated_at: Iso;
  decided_at: Iso | null;
}

export interface AffiliateLedgerTable {
  id: string;
  affiliate_id: string;
  currency: string;
  bucket: 'pending' | 'available' | 'requested' | 'paid';
  /** Positive into the bucket, negative out of it; never 0. */
  amount: number;
  kind:
    | 'commission'
    | 'cleared'
    | 'reversal'
    | 'payout_requested'
    | 'payout_paid'
    | 'payout_credited'
    | 'payout_rejected'
    | 'adjustment';
  commission_id: string | null;
  payout_id: string | null;
  staff_id: string | null;
  description: string;
  created_at: Iso;
}

export interface AffiliateProductRulesTable {
  product_id: string;
  type: 'percent' | 'fixed' | 'none';
  rate_bps: number | null;
  amount: number | null;
  currency: string | null;
}

export interface CoursesTable {
  id: string;
  slug: string;
  title: string;
  summary: Generated<string>;
  description: Generated<string>;
  status: 'draft' | 'published';
  access: 'everyone' | 'granted';
  position: Generated<number>;
  created_at: Iso;
  updated_at: Iso;
}

export interface CourseModulesTable {
  id: string;
  course_id: string;
  title: string;
  position: Generated<number>;
  created_at: Iso;
}

export interface CourseLessonsTable {
  id: string;
  course_id: string;
  module_id: string;
  title: string;
  body: Generated<string>;
  video_url: string | null;
  drip_days: Generated<number>;
  status: 'draft' | 'published';
  position: Generated<number>;
  created_at: Iso;
  updated_at: Iso;
}

export interface LessonFilesTable {
  id: string;
  lesson_id: string;
  name: string;
  type: string;
  size: number;
  staff_id: string | null;
  created_at: Iso;
}

export interface LessonFileDataTable {
  file_id: string;
  data: Buffer;
}

export interface CourseEnrolmentsTable {
  course_id: string;
  account_id: string;
  started_at: Iso;
  last_activity_at: Iso | null;
}

export interface LessonProgressTable {
  user_id: string;
  lesson_id: string;
  course_id: string;
  account_id: string;
  completed_at: Iso;
}

export interface CommunityGroupsTable {
  id: string;
  slug: string;
  name: string;
  description: Generated<string>;
  join_policy: 'open' | 'request' | 'purchase';
  position: Generated<number>;
  member_count: Generated<number>;
  post_count: Generated<number>;
  last_activity_at: Iso | null;
  created_at: Iso;
  updated_at: Iso;
}

export interface CommunityMembersTable {
  group_id: string;
  user_id: string;
  account_id: string;
  status: 'member' | 'requested' | 'banned';
  notify_replies: Generated<0 | 1>;
  ban_reason: string | null;
  decided_by: string | null;
  created_at: Iso;
  joined_at: Iso | null;
}

export interface CommunityPostsTable {
  id: string;
  group_id: string;
  user_id: string;
  account_id: string;
  title: string;
  body: string;
  status: 'visible' | 'hidden';
  pinned: Generated<0 | 1>;
  like_count: Generated<number>;
  comment_count: Generated<number>;
  last_activity_at: Iso;
  created_at: Iso;
  edited_at: Iso | null;
  moderated_by: string | null;
  moderated_at: Iso | null;
}

export interface CommunityCommentsTable {
  id: string;
  post_id: string;
  user_id: string;
  account_id: string;
  body: string;
  status: 'visible' | 'hidden';
  like_count: Generated<number>;
  created_at: Iso;
  edited_at: Iso | null;
  moderated_by: string | null;
  moderated_at: Iso | null;
}

export interface CommunityLikesTable {
  /** A post's or a comment's id. */
  target_id: string;
  user_id: string;
  created_at: Iso;
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
  staff: StaffTable;
  staff_sessions: StaffSessionsTable;
  link_tokens: LinkTokensTable;
  audit_log: AuditLogTable;
  assets: AssetsTable;
  backup_codes: BackupCodesTable;
  mfa_tickets: MfaTicketsTable;
  passkeys: PasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
  api_tokens: ApiTokensTable;
  counters: CountersTable;
  product_groups: ProductGroupsTable;
  products: ProductsTable;
  product_prices: ProductPricesTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  invoice_reminders: InvoiceRemindersTable;
  payments: PaymentsTable;
  webhook_events: WebhookEventsTable;
  credit_ledger: CreditLedgerTable;
  services: ServicesTable;
  cancellation_requests: CancellationRequestsTable;
  idempotency_keys: IdempotencyKeysTable;
  domain_tlds: DomainTldsTable;
  domain_prices: DomainPricesTable;
  domains: DomainsTable;
  domain_tasks: DomainTasksTable;
  local_registry: LocalRegistryTable;
  support_departments: SupportDepartmentsTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  ticket_attachments: TicketAttachmentsTable;
  ticket_attachment_data: TicketAttachmentDataTable;
  kb_categories: KbCategoriesTable;
  kb_articles: KbArticlesTable;
  kb_votes: KbVotesTable;
  faq_groups: FaqGroupsTable;
  faq_items: FaqItemsTable;
  announcements: AnnouncementsTable;
  status_components: StatusComponentsTable;
  status_component_events: StatusComponentEventsTable;
  incidents: IncidentsTable;
  incident_components: IncidentComponentsTable;
  incident_updates: IncidentUpdatesTable;
  app_grants: AppGrantsTable;
  product_grants: ProductGrantsTable;
  affiliates: AffiliatesTable;
  affiliate_clicks: AffiliateClicksTable;
  affiliate_referrals: AffiliateReferralsTable;
  affiliate_commissions: AffiliateCommissionsTable;
  affiliate_payouts: AffiliatePayoutsTable;
  affiliate_ledger: AffiliateLedgerTable;
  affiliate_product_rules: AffiliateProductRulesTable;
  courses: CoursesTable;
  course_modules: CourseModulesTable;
  course_lessons: CourseLessonsTable;
  lesson_files: LessonFilesTable;
  lesson_file_data: LessonFileDataTable;
  course_enrolments: CourseEnrolmentsTable;
  lesson_progress: LessonProgressTable;
  community_groups: CommunityGroupsTable;
  community_members: CommunityMembersTable;
  community_posts: CommunityPostsTable;
  community_comments: CommunityCommentsTable;
  community_likes: CommunityLikesTable;
  portico_migrations: MigrationsTable;
}
