/**
 * 0070: key persons (重点人员) and their follow-up. A key person may not be a registered
 * resident yet (arrivals often are not). Status changes are kept as history rows; the
 * twice-daily checks are one row per person, day and slot, so "due today" is a join of
 * the people under a measure with the checks that exist.
 */
export default /* sql */ `
CREATE TABLE key_persons (
  id INTEGER PRIMARY KEY,
  resident_id INTEGER REFERENCES residents (id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  id_number TEXT,
  phone TEXT,
  compound_id INTEGER REFERENCES compounds (id) ON DELETE SET NULL,
  address TEXT,
  category TEXT NOT NULL CHECK (category IN ('arrival', 'riskArea', 'closeContact', 'secondaryContact', 'inbound', 'other')),
  origin TEXT,
  arrival_date TEXT,
  transport TEXT,
  measure TEXT NOT NULL CHECK (measure IN ('homeObservation', 'homeIsolation', 'centralQuarantine', 'healthMonitoring')),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('observing', 'released', 'hospital', 'central')),
  cadre_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
  grid_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
  doctor_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
  police_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
  volunteer_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
  note TEXT,
  search_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX key_persons_status_dates ON key_persons (status, start_date, end_date);
CREATE INDEX key_persons_compound ON key_persons (compound_id);

CREATE TABLE key_person_events (
  id INTEGER PRIMARY KEY,
  key_person_id INTEGER NOT NULL REFERENCES key_persons (id) ON DELETE CASCADE,
  ts TEXT NOT NULL,
  status TEXT NOT NULL,
  note TEXT,
  username TEXT NOT NULL
) STRICT;
CREATE INDEX key_person_events_person ON key_person_events (key_person_id);

CREATE TABLE followups (
  id INTEGER PRIMARY KEY,
  key_person_id INTEGER NOT NULL REFERENCES key_persons (id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  slot TEXT NOT NULL CHECK (slot IN ('am', 'pm')),
  temperature REAL CHECK (temperature IS NULL OR temperature BETWEEN 34 AND 43),
  symptoms TEXT,
  username TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (key_person_id, day, slot)
) STRICT;
CREATE INDEX followups_day ON followups (day);

ALTER TABLE alerts ADD COLUMN key_person_id INTEGER REFERENCES key_persons (id) ON DELETE SET NULL;
`;
