/**
 * Portal apps: access given by staff or by products; the affiliate programme (affiliates, clicks, referrals,
 * commissions, payouts and the ledger every amount is a row of); membership courses (modules, lessons, files,
 * enrolments, progress); communities (groups, members, posts, comments, likes).
 *
 * Apps' settings (on, who may use them, where they live) and the programme's rules are in `settings`.
 */
export const name = 'apps';

export const up = /* sql */ `
-- Access staff gave one account (an invitation) to an app, a course or a group.
CREATE TABLE app_grants (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('app', 'course', 'group')),
  resource_id TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  note TEXT NOT NULL DEFAULT '',
  staff_id TEXT REFERENCES staff(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX app_grants_resource_account ON app_grants (kind, resource_id, account_id);
CREATE INDEX app_grants_account ON app_grants (account_id, kind, resource_id);
CREATE INDEX app_grants_recent ON app_grants (created_at DESC, id DESC);
CREATE INDEX app_grants_resource_recent ON app_grants (kind, resource_id, created_at DESC, id DESC);
CREATE INDEX app_grants_account_recent ON app_grants (account_id, created_at DESC, id DESC);
CREATE INDEX app_grants_kind_recent ON app_grants (kind, created_at DESC, id DESC);

-- Products whose active services give access to an app, a course or a group.
CREATE TABLE product_grants (
  kind TEXT NOT NULL CHECK (kind IN ('app', 'course', 'group')),
  resource_id TEXT NOT NULL,
  product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (kind, resource_id, product_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX product_grants_product ON product_grants (product_id);

-- Affiliates

CREATE TABLE affiliates (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL UNIQUE REFERENCES accounts(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'rejected', 'suspended')),
  payout_details TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  approved_at TEXT,
  decided_by TEXT REFERENCES staff(id) ON DELETE SET NULL
) STRICT;
CREATE UNIQUE INDEX affiliates_code ON affiliates (lower(code));
CREATE INDEX affiliates_recent ON affiliates (created_at DESC, id DESC);
CREATE INDEX affiliates_status ON affiliates (status, created_at DESC, id DESC);

CREATE TABLE affiliate_clicks (
  id TEXT PRIMARY KEY,
  affiliate_id TEXT NOT NULL REFERENCES affiliates(id) ON DELETE CASCADE,
  -- HMAC of the visitor's address and the day: counts repeat visits once a day, never stores the address.
  visitor TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX affiliate_clicks_affiliate ON affiliate_clicks (affiliate_id, created_at DESC);
CREATE INDEX affiliate_clicks_visitor ON affiliate_clicks (affiliate_id, visitor, created_at DESC);

-- An account one affiliate referred: at most one per account, the first attribution wins.
CREATE TABLE affiliate_referrals (
  id TEXT PRIMARY KEY,
  affiliate_id TEXT NOT NULL REFERENCES affiliates(id) ON DELETE CASCADE,
  account_id TEXT NOT NULL UNIQUE REFERENCES accounts(id) ON DELETE CASCADE,
  click_id TEXT REFERENCES affiliate_clicks(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX affiliate_referrals_affiliate ON affiliate_referrals (affiliate_id, created_at DESC, id DESC);

-- One commission per paid invoice of a referred account.
CREATE TABLE affiliate_commissions (
  id TEXT PRIMARY KEY,
  affiliate_id TEXT NOT NULL REFERENCES affiliates(id) ON DELETE CASCADE,
  referral_id TEXT NOT NULL REFERENCES affiliate_referrals(id) ON DELETE CASCADE,
  invoice_id TEXT NOT NULL UNIQUE REFERENCES invoices(id) ON DELETE CASCADE,
  currency TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  status TEXT NOT NULL CHECK (status IN ('pending', 'payable', 'reversed')),
  clears_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  reversed_at TEXT
) STRICT;
CREATE INDEX affiliate_commissions_affiliate ON affiliate_commissions (affiliate_id, created_at DESC, id DESC);
CREATE INDEX affiliate_commissions_affiliate_status ON affiliate_commissions (affiliate_id, status, created_at DESC, id DESC);
CREATE INDEX affiliate_commissions_recent ON affiliate_commissions (created_at DESC, id DESC);
CREATE INDEX affiliate_commissions_status ON affiliate_commissions (status, created_at DESC, id DESC);
CREATE INDEX affiliate_commissions_clearing ON affiliate_commissions (status, clears_at);

CREATE TABLE affiliate_payouts (
  id TEXT PRIMARY KEY,
  affiliate_id TEXT NOT NULL REFERENCES affiliates(id) ON DELETE CASCADE,
  currency TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'paid', 'credited', 'rejected')),
  method TEXT,
  reference TEXT,
  note TEXT,
  requested_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  decided_by TEXT REFERENCES staff(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  decided_at TEXT
) STRICT;
CREATE INDEX affiliate_payouts_affiliate ON affiliate_payouts (affiliate_id, created_at DESC, id DESC);
CREATE INDEX affiliate_payouts_affiliate_status ON affiliate_payouts (affiliate_id, status, created_at DESC, id DESC);
CREATE INDEX affiliate_payouts_status ON affiliate_payouts (status, created_at, id);
CREATE INDEX affiliate_payouts_recent ON affiliate_payouts (created_at DESC, id DESC);
-- At most one waiting payout per affiliate and currency.
CREATE UNIQUE INDEX affiliate_payouts_waiting ON affiliate_payouts (affiliate_id, currency)
  WHERE status IN ('requested', 'approved');

-- Every amount that moves: a commission in, a move between balances (two rows), a payout out.
CREATE TABLE affiliate_ledger (
  id TEXT PRIMARY KEY,
  affiliate_id TEXT NOT NULL REFERENCES affiliates(id) ON DELETE CASCADE,
  currency TEXT NOT NULL,
  bucket TEXT NOT NULL CHECK (bucket IN ('pending', 'available', 'requested', 'paid')),
  amount INTEGER NOT NULL CHECK (amount <> 0),
  kind TEXT NOT NULL CHECK (kind IN ('commission', 'cleared', 'reversal', 'payout_requested', 'payout_paid',
    'payout_credited', 'payout_rejected', 'adjustment')),
  commission_id TEXT REFERENCES affiliate_commissions(id) ON DELETE SET NULL,
  payout_id TEXT REFERENCES affiliate_payouts(id) ON DELETE SET NULL,
  staff_id TEXT REFERENCES staff(id) ON DELETE SET NULL,
  description TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX affiliate_ledger_affiliate ON affiliate_ledger (affiliate_id, created_at DESC, id DESC);
CREATE INDEX affiliate_ledger_balance ON affiliate_ledger (affiliate_id, currency, bucket, amount);

-- A product's own commission rule (others use the programme's).
CREATE TABLE affiliate_product_rules (
  product_id TEXT PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('percent', 'fixed', 'none')),
  rate_bps INTEGER,
  amount INTEGER,
  currency TEXT
) STRICT;

-- Courses

CREATE TABLE courses (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  access TEXT NOT NULL CHECK (access IN ('everyone', 'granted')),
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX courses_order ON courses (position, title);

CREATE TABLE course_modules (
  id TEXT PRIMARY KEY,
  course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX course_modules_course ON course_modules (course_id, position);

CREATE TABLE course_lessons (
  id TEXT PRIMARY KEY,
  course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  module_id TEXT NOT NULL REFERENCES course_modules(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  video_url TEXT,
  drip_days INTEGER NOT NULL DEFAULT 0 CHECK (drip_days >= 0),
  status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX course_lessons_course ON course_lessons (course_id, position);
CREATE INDEX course_lessons_module ON course_lessons (module_id, position);

CREATE TABLE lesson_files (
  id TEXT PRIMARY KEY,
  lesson_id TEXT NOT NULL REFERENCES course_lessons(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  size INTEGER NOT NULL,
  staff_id TEXT REFERENCES staff(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX lesson_files_lesson ON lesson_files (lesson_id, created_at);
CREATE TABLE lesson_file_data (
  file_id TEXT PRIMARY KEY REFERENCES lesson_files(id) ON DELETE CASCADE,
  data BLOB NOT NULL
) STRICT;

-- When an account first opened a course (drip counts from its access, see the courses module).
CREATE TABLE course_enrolments (
  course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  started_at TEXT NOT NULL,
  last_activity_at TEXT,
  PRIMARY KEY (course_id, account_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX course_enrolments_recent ON course_enrolments (course_id, started_at DESC, account_id);

-- A person's completed lessons (progress is personal; access belongs to the account).
CREATE TABLE lesson_progress (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  lesson_id TEXT NOT NULL REFERENCES course_lessons(id) ON DELETE CASCADE,
  course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  completed_at TEXT NOT NULL,
  PRIMARY KEY (user_id, lesson_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX lesson_progress_course ON lesson_progress (user_id, course_id);
CREATE INDEX lesson_progress_account ON lesson_progress (course_id, account_id, lesson_id);

-- Communities

CREATE TABLE community_groups (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  join_policy TEXT NOT NULL CHECK (join_policy IN ('open', 'request', 'purchase')),
  position INTEGER NOT NULL DEFAULT 0,
  member_count INTEGER NOT NULL DEFAULT 0,
  post_count INTEGER NOT NULL DEFAULT 0,
  last_activity_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX community_groups_order ON community_groups (position, name);

CREATE TABLE community_members (
  group_id TEXT NOT NULL REFERENCES community_groups(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- The account they joined through (purchase groups check its access).
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('member', 'requested', 'banned')),
  notify_replies INTEGER NOT NULL DEFAULT 1 CHECK (notify_replies IN (0, 1)),
  ban_reason TEXT,
  decided_by TEXT REFERENCES staff(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  joined_at TEXT,
  PRIMARY KEY (group_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX community_members_status ON community_members (group_id, status, created_at DESC, user_id);
CREATE INDEX community_members_user ON community_members (user_id, group_id);
-- The staff's list of a group's people, newest first, whatever their status.
CREATE INDEX community_members_recent ON community_members (group_id, created_at DESC, user_id);

CREATE TABLE community_posts (
  id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL REFERENCES community_groups(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('visible', 'hidden')),
  -- 1 pinned (listed first), 0 not: an integer so the list's index orders by it.
  pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  like_count INTEGER NOT NULL DEFAULT 0,
  comment_count INTEGER NOT NULL DEFAULT 0,
  last_activity_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  edited_at TEXT,
  moderated_by TEXT REFERENCES staff(id) ON DELETE SET NULL,
  moderated_at TEXT
) STRICT;
CREATE INDEX community_posts_group ON community_posts (group_id, pinned DESC, last_activity_at DESC, id DESC);
CREATE INDEX community_posts_recent ON community_posts (last_activity_at DESC, id DESC);
CREATE INDEX community_posts_status ON community_posts (status, last_activity_at DESC, id DESC);
CREATE INDEX community_posts_group_recent ON community_posts (group_id, last_activity_at DESC, id DESC);
CREATE INDEX community_posts_user ON community_posts (user_id, group_id);

CREATE TABLE community_comments (
  id TEXT PRIMARY KEY,
  post_id TEXT NOT NULL REFERENCES community_posts(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('visible', 'hidden')),
  like_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  edited_at TEXT,
  moderated_by TEXT REFERENCES staff(id) ON DELETE SET NULL,
  moderated_at TEXT
) STRICT;
CREATE INDEX community_comments_post ON community_comments (post_id, created_at, id);
CREATE INDEX community_comments_user ON community_comments (post_id, user_id);

-- A like of a post or a comment (the id's prefix says which).
CREATE TABLE community_likes (
  target_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (target_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX community_likes_user ON community_likes (user_id, target_id);
`;
