/**
 * 0060: residents and checkpoint registrations. Buildings and households sit under
 * compounds; a resident's ID number is unique and validated before it gets here (the
 * ID's birth date and sex are stored beside it so lists need not parse it). Checkpoint
 * registrations are the big table (millions of rows): every query filters a range of
 * ts, never a function of it; abnormal temperatures have their own partial index.
 */
export default /* sql */ `
CREATE TABLE buildings (
  id INTEGER PRIMARY KEY,
  compound_id INTEGER NOT NULL REFERENCES compounds (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  UNIQUE (compound_id, name)
) STRICT;

CREATE TABLE households (
  id INTEGER PRIMARY KEY,
  building_id INTEGER NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
  unit TEXT NOT NULL DEFAULT '',
  room TEXT NOT NULL,
  UNIQUE (building_id, unit, room)
) STRICT;

CREATE TABLE residents (
  id INTEGER PRIMARY KEY,
  household_id INTEGER REFERENCES households (id) ON DELETE SET NULL,
  compound_id INTEGER REFERENCES compounds (id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  id_number TEXT NOT NULL UNIQUE,
  birth_date TEXT NOT NULL,
  gender TEXT NOT NULL CHECK (gender IN ('M', 'F')),
  phone TEXT,
  relation TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('resident', 'tenant', 'floating', 'temporary')),
  flags TEXT NOT NULL DEFAULT '',
  origin TEXT,
  return_date TEXT,
  note TEXT,
  search_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX residents_compound ON residents (compound_id);
CREATE INDEX residents_household ON residents (household_id);

CREATE TABLE registrations (
  id INTEGER PRIMARY KEY,
  checkpoint_id INTEGER NOT NULL REFERENCES checkpoints (id) ON DELETE CASCADE,
  ts TEXT NOT NULL,
  subject TEXT NOT NULL CHECK (subject IN ('person', 'vehicle')),
  name TEXT,
  phone TEXT,
  plate TEXT,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  temperature REAL CHECK (temperature IS NULL OR temperature BETWEEN 30 AND 45),
  abnormal INTEGER NOT NULL DEFAULT 0 CHECK (abnormal IN (0, 1)),
  pass_no TEXT,
  reason TEXT,
  refused INTEGER NOT NULL DEFAULT 0 CHECK (refused IN (0, 1)),
  username TEXT NOT NULL
) STRICT;
CREATE INDEX registrations_ts ON registrations (ts);
-- Covering for a day's counts per checkpoint: no table lookups over hundreds of thousands of rows.
CREATE INDEX registrations_checkpoint_ts ON registrations (checkpoint_id, ts, subject, abnormal, refused);
CREATE INDEX registrations_abnormal ON registrations (ts) WHERE abnormal = 1;

-- Alerts someone must acknowledge with what was done: a fever at a checkpoint, or a key
-- person's follow-up with fever or symptoms (key_person_id is added by 0070).
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('temperature', 'followup')),
  ts TEXT NOT NULL,
  checkpoint_id INTEGER REFERENCES checkpoints (id) ON DELETE SET NULL,
  registration_id INTEGER REFERENCES registrations (id) ON DELETE SET NULL,
  message TEXT NOT NULL,
  ack_by TEXT,
  ack_at TEXT,
  action TEXT
) STRICT;
CREATE INDEX alerts_open ON alerts (ts) WHERE ack_at IS NULL;
`;
