/**
 * 0090: 出入证 (passes) issued per household with a rule — so many exits in so many days —
 * and what a registration found wrong with the pass it showed. Needs of households
 * under measures (代买, 就医, 送药) and nucleic-acid testing rounds live here too.
 */
export default /* sql */ `
CREATE TABLE passes (
  id INTEGER PRIMARY KEY,
  pass_no TEXT NOT NULL UNIQUE,
  household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
  uses INTEGER NOT NULL DEFAULT 1 CHECK (uses >= 1),
  per_days INTEGER NOT NULL DEFAULT 2 CHECK (per_days >= 1),
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
  username TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX passes_household ON passes (household_id);

ALTER TABLE registrations ADD COLUMN pass_flag TEXT;
CREATE INDEX registrations_pass ON registrations (pass_no, ts) WHERE pass_no IS NOT NULL;

CREATE TABLE needs (
  id INTEGER PRIMARY KEY,
  key_person_id INTEGER REFERENCES key_persons (id) ON DELETE CASCADE,
  household_id INTEGER REFERENCES households (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('shopping', 'medical', 'medicine', 'other')),
  detail TEXT NOT NULL,
  volunteer_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
  done_at TEXT,
  username TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX needs_open ON needs (created_at) WHERE done_at IS NULL;

CREATE TABLE test_rounds (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  day TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE test_counts (
  round_id INTEGER NOT NULL REFERENCES test_rounds (id) ON DELETE CASCADE,
  compound_id INTEGER NOT NULL REFERENCES compounds (id) ON DELETE CASCADE,
  due INTEGER NOT NULL CHECK (due >= 0),
  tested INTEGER NOT NULL DEFAULT 0 CHECK (tested >= 0),
  PRIMARY KEY (round_id, compound_id)
) STRICT, WITHOUT ROWID;
`;
