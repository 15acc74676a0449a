/**
 * 0020: users, sessions, sign-in throttling, settings and the append-only audit log.
 * Session tokens are stored only as SHA-256 hashes. The audit log refuses UPDATE and
 * DELETE through triggers; only rows older than the retention cut-off can be purged.
 */
export default /* sql */ `
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  phone TEXT,
  role TEXT NOT NULL CHECK (role IN ('admin', 'command', 'community', 'supplies', 'roster', 'viewer')),
  scope_all INTEGER NOT NULL CHECK (scope_all IN (0, 1)),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  last_login_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE user_communities (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, community_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
) STRICT;
CREATE INDEX sessions_user_id ON sessions (user_id);

-- Failed sign-ins per user name, whether or not the name exists (so replies cannot tell).
CREATE TABLE login_failures (
  username TEXT PRIMARY KEY COLLATE NOCASE,
  failures INTEGER NOT NULL,
  locked_until TEXT
) STRICT, WITHOUT ROWID;

CREATE TABLE app_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO app_settings (key, value) VALUES ('idle_timeout_minutes', '30'), ('audit_retention_years', '3'), ('audit_purge_before', '');

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  ts TEXT NOT NULL,
  user_id INTEGER,
  username TEXT,
  client TEXT NOT NULL,
  method TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('write', 'read_personal', 'export', 'auth', 'security')),
  entity TEXT,
  entity_id INTEGER,
  detail TEXT,
  row_count INTEGER
) STRICT;
CREATE INDEX audit_log_ts ON audit_log (ts);
CREATE INDEX audit_log_username_ts ON audit_log (username, ts);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '操作日志不可修改'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN OLD.ts >= (SELECT value FROM app_settings WHERE key = 'audit_purge_before')
BEGIN SELECT RAISE(ABORT, '操作日志不可删除'); END;
`;
