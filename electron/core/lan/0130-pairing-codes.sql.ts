/**
 * 0130: one-time pairing codes (设置 → 局域网共享 → 扫码配对). Only the SHA-256 of a code is
 * kept; a code signs in its user once, within 10 minutes of being made.
 */
export default /* sql */ `
CREATE TABLE pairing_codes (
  id INTEGER PRIMARY KEY,
  code_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  used_by TEXT
) STRICT;
`;
