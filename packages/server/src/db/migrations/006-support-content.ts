/**
 * Support and public content: departments, tickets, their messages (replies and internal notes) and attachments
 * (metadata and bytes apart, so listing never pages in a file); the knowledge base with its FTS5 index and votes;
 * FAQ with its index; announcements (and users' opt-out of their mails); the status page's components, their
 * status history, incidents and maintenance with updates.
 *
 * The FTS5 tables are external-content indexes kept in step by triggers; both use the `unicode61` tokenizer with
 * diacritics removed, so "cafe" finds "café".
 */
export const name = 'support-content';

export const up = /* sql */ `
CREATE TABLE support_departments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  visible INTEGER NOT NULL DEFAULT 1 CHECK (visible IN (0, 1)),
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX support_departments_name ON support_departments (lower(name));
CREATE INDEX support_departments_order ON support_departments (position, name);

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  department_id TEXT NOT NULL REFERENCES support_departments(id),
  subject TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'answered', 'customer_reply', 'closed')),
  priority TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
  -- Who opened it: a person of the account, or a staff member for them.
  opened_by_user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  opened_by_staff_id TEXT REFERENCES staff(id) ON DELETE SET NULL,
  opened_by_name TEXT NOT NULL,
  assignee_staff_id TEXT REFERENCES staff(id) ON DELETE SET NULL,
  last_reply_by TEXT NOT NULL CHECK (last_reply_by IN ('client', 'staff')),
  last_reply_at TEXT NOT NULL,
  -- Client-visible messages (replies, not notes).
  message_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  closed_at TEXT
) STRICT;
CREATE INDEX tickets_account ON tickets (account_id, last_reply_at DESC, id DESC);
CREATE INDEX tickets_account_status ON tickets (account_id, status, last_reply_at DESC, id DESC);
CREATE INDEX tickets_queue ON tickets (status, last_reply_at DESC, id DESC);
CREATE INDEX tickets_department ON tickets (department_id, status, last_reply_at DESC, id DESC);
CREATE INDEX tickets_assignee ON tickets (assignee_staff_id, status, last_reply_at DESC, id DESC);
CREATE INDEX tickets_recent ON tickets (last_reply_at DESC, id DESC);
-- Staff lists of one assignee or department across statuses (all, or \`active\`) walk these in the list's order.
CREATE INDEX tickets_assignee_recent ON tickets (assignee_staff_id, last_reply_at DESC, id DESC);
CREATE INDEX tickets_department_recent ON tickets (department_id, last_reply_at DESC, id DESC);

CREATE TABLE ticket_messages (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('reply', 'note')),
  author_kind TEXT NOT NULL CHECK (author_kind IN ('client', 'staff')),
  author_user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  author_staff_id TEXT REFERENCES staff(id) ON DELETE SET NULL,
  author_name TEXT NOT NULL,
  author_email TEXT NOT NULL,
  body TEXT NOT NULL,
  html TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (kind = 'reply' OR author_kind = 'staff')
) STRICT;
CREATE INDEX ticket_messages_thread ON ticket_messages (ticket_id, created_at, id);

-- An upload belongs to whoever sent it (a person of an account, or a staff member) until a message takes it;
-- unattached uploads expire.
CREATE TABLE ticket_attachments (
  id TEXT PRIMARY KEY,
  uploader_kind TEXT NOT NULL CHECK (uploader_kind IN ('client', 'staff')),
  account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
  uploader_user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  uploader_staff_id TEXT REFERENCES staff(id) ON DELETE CASCADE,
  ticket_id TEXT REFERENCES tickets(id) ON DELETE CASCADE,
  message_id TEXT REFERENCES ticket_messages(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  type TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  CHECK ((message_id IS NULL) = (ticket_id IS NULL)),
  CHECK (uploader_kind = 'staff' OR account_id IS NOT NULL)
) STRICT;
CREATE INDEX ticket_attachments_message ON ticket_attachments (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX ticket_attachments_ticket ON ticket_attachments (ticket_id) WHERE ticket_id IS NOT NULL;
CREATE INDEX ticket_attachments_expiry ON ticket_attachments (expires_at) WHERE message_id IS NULL;

CREATE TABLE ticket_attachment_data (
  attachment_id TEXT PRIMARY KEY REFERENCES ticket_attachments(id) ON DELETE CASCADE,
  data BLOB NOT NULL
) STRICT;

CREATE TABLE kb_categories (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX kb_categories_order ON kb_categories (position, name);

-- rowid is kept (no WITHOUT ROWID): the FTS index points at it.
CREATE TABLE kb_articles (
  id TEXT NOT NULL UNIQUE,
  slug TEXT NOT NULL UNIQUE,
  category_id TEXT NOT NULL REFERENCES kb_categories(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  html TEXT NOT NULL,
  -- The rendered text without markup: what the index, excerpts and snippets read.
  text TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  position INTEGER NOT NULL DEFAULT 0,
  votes_yes INTEGER NOT NULL DEFAULT 0,
  votes_no INTEGER NOT NULL DEFAULT 0,
  published_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX kb_articles_category ON kb_articles (category_id, status, position, title);
CREATE INDEX kb_articles_published ON kb_articles (status, position, title);
CREATE INDEX kb_articles_updated ON kb_articles (updated_at DESC, id DESC);

CREATE VIRTUAL TABLE kb_articles_fts USING fts5(
  title, text, content = 'kb_articles', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER kb_articles_fts_insert AFTER INSERT ON kb_articles BEGIN
  INSERT INTO kb_articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER kb_articles_fts_delete AFTER DELETE ON kb_articles BEGIN
  INSERT INTO kb_articles_fts (kb_articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER kb_articles_fts_update AFTER UPDATE OF title, text ON kb_articles BEGIN
  INSERT INTO kb_articles_fts (kb_articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
  INSERT INTO kb_articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

-- One answer per person per article: voter is 'usr:<id>' when signed in, else 'ip:<hmac of the address>'.
CREATE TABLE kb_votes (
  article_id TEXT NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
  voter TEXT NOT NULL,
  helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (article_id, voter)
) STRICT, WITHOUT ROWID;

CREATE TABLE faq_groups (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX faq_groups_order ON faq_groups (position, name);

CREATE TABLE faq_items (
  id TEXT NOT NULL UNIQUE,
  group_id TEXT NOT NULL REFERENCES faq_groups(id),
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  html TEXT NOT NULL,
  text TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX faq_items_group ON faq_items (group_id, position, question);

CREATE VIRTUAL TABLE faq_items_fts USING fts5(
  question, text, content = 'faq_items', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER faq_items_fts_insert AFTER INSERT ON faq_items BEGIN
  INSERT INTO faq_items_fts (rowid, question, text) VALUES (new.rowid, new.question, new.text);
END;
CREATE TRIGGER faq_items_fts_delete AFTER DELETE ON faq_items BEGIN
  INSERT INTO faq_items_fts (faq_items_fts, rowid, question, text) VALUES ('delete', old.rowid, old.question, old.text);
END;
CREATE TRIGGER faq_items_fts_update AFTER UPDATE OF question, text ON faq_items BEGIN
  INSERT INTO faq_items_fts (faq_items_fts, rowid, question, text) VALUES ('delete', old.rowid, old.question, old.text);
  INSERT INTO faq_items_fts (rowid, question, text) VALUES (new.rowid, new.question, new.text);
END;

CREATE TABLE announcements (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  html TEXT NOT NULL,
  text TEXT NOT NULL,
  -- Null: a draft. Later than now: scheduled.
  published_at TEXT,
  emailed_at TEXT,
  email_recipients INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX announcements_published ON announcements (published_at DESC, id DESC) WHERE published_at IS NOT NULL;
CREATE INDEX announcements_updated ON announcements (updated_at DESC, id DESC);

-- Whether a person still wants announcement mails (the link in each one turns it off).
ALTER TABLE users ADD COLUMN announcement_mail INTEGER NOT NULL DEFAULT 1 CHECK (announcement_mail IN (0, 1));

CREATE TABLE status_components (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  group_name TEXT,
  status TEXT NOT NULL CHECK (status IN ('operational', 'maintenance', 'degraded', 'partial_outage', 'major_outage')),
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX status_components_order ON status_components (position, name);

-- Every status a component took, from when: the 90-day history is read from these.
CREATE TABLE status_component_events (
  id TEXT PRIMARY KEY,
  component_id TEXT NOT NULL REFERENCES status_components(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('operational', 'maintenance', 'degraded', 'partial_outage', 'major_outage')),
  at TEXT NOT NULL
) STRICT;
CREATE INDEX status_component_events_component ON status_component_events (component_id, at);
CREATE INDEX status_component_events_at ON status_component_events (at);

CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('incident', 'maintenance')),
  title TEXT NOT NULL,
  impact TEXT NOT NULL CHECK (impact IN ('none', 'minor', 'major', 'critical')),
  status TEXT NOT NULL CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved', 'scheduled', 'in_progress', 'completed')),
  starts_at TEXT NOT NULL,
  ends_at TEXT,
  resolved_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((kind = 'incident' AND status IN ('investigating', 'identified', 'monitoring', 'resolved'))
      OR (kind = 'maintenance' AND status IN ('scheduled', 'in_progress', 'completed')))
) STRICT;
CREATE INDEX incidents_recent ON incidents (starts_at DESC, id DESC);
CREATE INDEX incidents_kind ON incidents (kind, starts_at DESC, id DESC);
CREATE INDEX incidents_open ON incidents (starts_at DESC, id DESC) WHERE resolved_at IS NULL;

CREATE TABLE incident_components (
  incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  component_id TEXT NOT NULL REFERENCES status_components(id) ON DELETE CASCADE,
  PRIMARY KEY (incident_id, component_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX incident_components_component ON incident_components (component_id, incident_id);

CREATE TABLE incident_updates (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  body TEXT NOT NULL,
  html TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX incident_updates_incident ON incident_updates (incident_id, created_at DESC, id DESC);

-- Extra mail headers (JSON object), e.g. List-Unsubscribe on announcement mails.
ALTER TABLE outbox ADD COLUMN headers TEXT;

-- The status an open incident (or maintenance in progress) holds each of its components at: a component shows the
-- worst status any of its open incidents holds, and goes back to operational when none is left.
ALTER TABLE incident_components ADD COLUMN status TEXT CHECK (status IN ('operational', 'maintenance', 'degraded', 'partial_outage', 'major_outage'));
CREATE INDEX incidents_resolved ON incidents (resolved_at DESC, id DESC) WHERE resolved_at IS NOT NULL;
CREATE INDEX incidents_maintenance_due ON incidents (status, starts_at) WHERE kind = 'maintenance';
`;
