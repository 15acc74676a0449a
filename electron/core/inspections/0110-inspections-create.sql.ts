/**
 * 0110: 督查整改. Premises are a register like compounds. A checklist is versioned per
 * target kind (editing makes a new version; an inspection's targets keep the version
 * they were checked against). A failed item becomes a problem whose every change is an
 * event row; 逾期 is derived (still 待整改 after the deadline day), never stored, so it is
 * right on any clock. Photos live in the database as BLOBs (encrypted and backed up with
 * it). Disinfection areas belong to a compound, a premises or a household under home
 * observation (a key person, until the measure ends); records carry their Beijing day
 * for the daily coverage.
 */
export default /* sql */ `
CREATE TABLE premises (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('supermarket', 'market', 'pharmacy', 'hotel', 'restaurant', 'petrol', 'shop', 'unit')),
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE RESTRICT,
  grid_id INTEGER REFERENCES grids (id) ON DELETE SET NULL,
  address TEXT,
  lng REAL,
  lat REAL,
  manager TEXT,
  phone TEXT,
  pledge_date TEXT,
  -- The signed 四方责任书 as photographed (optional).
  pledge_scan_id INTEGER,
  code_posted INTEGER NOT NULL DEFAULT 0 CHECK (code_posted IN (0, 1)),
  code_checked_on TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'paused', 'closed')),
  note TEXT,
  search_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (community_id, name)
) STRICT;
CREATE INDEX premises_kind ON premises (kind);
CREATE INDEX premises_status ON premises (status);

CREATE TABLE checklists (
  id INTEGER PRIMARY KEY,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('checkpoint', 'compound', 'premises')),
  version INTEGER NOT NULL,
  items TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (target_kind, version)
) STRICT;
-- Version 1 of each checklist: what the offices' accounts say each kind of place must do.
INSERT INTO checklists (target_kind, version, items, created_by, created_at) VALUES
  ('checkpoint', 1, '[{"key":"staffed","label":"有人值守","category":"duty"},{"key":"temperature","label":"测温","category":"duty"},{"key":"register","label":"登记","category":"duty"},{"key":"passCheck","label":"查验出入证/健康码","category":"duty"},{"key":"barrier","label":"车辆落杆","category":"measures"}]', 'system', '2020-01-01T00:00:00.000Z'),
  ('compound', 1, '[{"key":"singleGate","label":"只留一个出入口","category":"measures"},{"key":"disinfectLog","label":"公共区域消杀记录","category":"hygiene"},{"key":"posters","label":"宣传张贴","category":"publicity"}]', 'system', '2020-01-01T00:00:00.000Z'),
  ('premises', 1, '[{"key":"scan","label":"扫码查验","category":"measures"},{"key":"temperature","label":"测温","category":"measures"},{"key":"masks","label":"口罩","category":"measures"},{"key":"ventilate","label":"通风消杀","category":"hygiene"},{"key":"codePosted","label":"场所码张贴","category":"publicity"}]', 'system', '2020-01-01T00:00:00.000Z');

CREATE TABLE inspections (
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL,
  slot TEXT NOT NULL CHECK (slot IN ('am', 'noon', 'pm')),
  kind TEXT NOT NULL CHECK (kind IN ('routine', 'covert', 'special')),
  note TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX inspections_day ON inspections (day);

CREATE TABLE inspection_members (
  inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
  PRIMARY KEY (inspection_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE inspection_targets (
  id INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
  target_kind TEXT NOT NULL,
  target_id INTEGER NOT NULL,
  target_name TEXT NOT NULL,
  checklist_id INTEGER NOT NULL REFERENCES checklists (id) ON DELETE RESTRICT,
  failed TEXT NOT NULL DEFAULT '[]',
  note TEXT
) STRICT;
CREATE INDEX inspection_targets_inspection ON inspection_targets (inspection_id);

CREATE TABLE problems (
  id INTEGER PRIMARY KEY,
  inspection_target_id INTEGER NOT NULL REFERENCES inspection_targets (id) ON DELETE RESTRICT,
  target_kind TEXT NOT NULL,
  target_id INTEGER NOT NULL,
  target_name TEXT NOT NULL,
  community_id INTEGER REFERENCES communities (id) ON DELETE SET NULL,
  category TEXT NOT NULL CHECK (category IN ('duty', 'measures', 'hygiene', 'publicity', 'other')),
  item TEXT NOT NULL,
  description TEXT,
  responsible_kind TEXT NOT NULL CHECK (responsible_kind IN ('property', 'community', 'premisesManager', 'checkpointLead')),
  responsible_name TEXT,
  responsible_user TEXT,
  found_on TEXT NOT NULL,
  deadline TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'fixed', 'closed')),
  fixed_at TEXT,
  fixed_by TEXT,
  closed_at TEXT,
  created_at TEXT NOT NULL
) STRICT;
-- The overdue list and every status filter: status first, then deadline.
CREATE INDEX problems_status_deadline ON problems (status, deadline);
CREATE INDEX problems_target ON problems (target_kind, target_id, status);
CREATE INDEX problems_community ON problems (community_id, status);
CREATE INDEX problems_found_on ON problems (found_on);
CREATE INDEX problems_closed_at ON problems (closed_at) WHERE closed_at IS NOT NULL;

CREATE TABLE problem_events (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER NOT NULL REFERENCES problems (id) ON DELETE CASCADE,
  ts TEXT NOT NULL,
  username TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'fix', 'recheckPass', 'recheckFail', 'reassign', 'extend')),
  note TEXT
) STRICT;
CREATE INDEX problem_events_problem ON problem_events (problem_id);
CREATE TRIGGER problem_events_no_update BEFORE UPDATE ON problem_events BEGIN SELECT RAISE(ABORT, '处理记录不能修改'); END;

CREATE TABLE photos (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER REFERENCES problems (id) ON DELETE CASCADE,
  event_id INTEGER REFERENCES problem_events (id) ON DELETE CASCADE,
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  username TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX photos_problem ON photos (problem_id);
CREATE INDEX photos_event ON photos (event_id);

CREATE TABLE disinfection_areas (
  id INTEGER PRIMARY KEY,
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('compound', 'premises', 'keyPerson')),
  owner_id INTEGER NOT NULL,
  area TEXT NOT NULL CHECK (area IN ('elevator', 'corridor', 'unitDoor', 'toilet', 'garbage', 'whole', 'around')),
  per_day INTEGER NOT NULL DEFAULT 2 CHECK (per_day BETWEEN 1 AND 6),
  active_from TEXT NOT NULL,
  active_until TEXT,
  UNIQUE (owner_kind, owner_id, area)
) STRICT;

CREATE TABLE disinfections (
  id INTEGER PRIMARY KEY,
  area_id INTEGER NOT NULL REFERENCES disinfection_areas (id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  ts TEXT NOT NULL,
  by_name TEXT NOT NULL,
  agent TEXT NOT NULL CHECK (agent IN ('chlorine', 'alcohol', 'peracetic', 'other')),
  amount REAL NOT NULL,
  item_id INTEGER REFERENCES supply_items (id) ON DELETE SET NULL,
  stock_move_id INTEGER REFERENCES stock_moves (id),
  username TEXT NOT NULL
) STRICT;
-- Today's coverage counts each area's records of the day: (day, area) covers it.
CREATE INDEX disinfections_day_area ON disinfections (day, area_id);
`;
