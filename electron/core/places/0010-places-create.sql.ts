/**
 * 0010: the office and its territory. search_key holds name + full pinyin + initials
 * (computed at write time with pinyin-pro) because FTS5 misses short Hanzi queries and
 * pinyin cannot be computed inside SQL. Each filterable list column has an index.
 */
export default /* sql */ `
CREATE TABLE office (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  division_code TEXT
) STRICT;
INSERT INTO office (id, name) VALUES (1, '未命名街道');

CREATE TABLE communities (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('community', 'village', 'committee')),
  secretary TEXT,
  phone TEXT,
  note TEXT,
  search_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE grids (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  leader TEXT,
  leader_phone TEXT,
  note TEXT,
  search_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE compounds (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE RESTRICT,
  grid_id INTEGER REFERENCES grids (id) ON DELETE RESTRICT,
  name TEXT NOT NULL,
  management_type TEXT NOT NULL CHECK (management_type IN ('managed', 'self', 'unmanaged')),
  property_company TEXT,
  buildings INTEGER NOT NULL CHECK (buildings >= 0),
  households INTEGER NOT NULL CHECK (households >= 0),
  population INTEGER NOT NULL CHECK (population >= 0),
  control_level TEXT NOT NULL CHECK (control_level IN ('sealed', 'controlled', 'precaution', 'normal')),
  lng REAL,
  lat REAL,
  boundary TEXT,
  search_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (community_id, name)
) STRICT;
CREATE INDEX compounds_grid_id ON compounds (grid_id);
CREATE INDEX compounds_management_type ON compounds (management_type);
CREATE INDEX compounds_control_level ON compounds (control_level);

CREATE TABLE checkpoints (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('gate', 'road', 'village', 'unit')),
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE RESTRICT,
  compound_id INTEGER REFERENCES compounds (id) ON DELETE RESTRICT,
  lng REAL,
  lat REAL,
  hours TEXT NOT NULL CHECK (hours IN ('allDay', 'daytime')),
  staff_per_shift INTEGER NOT NULL CHECK (staff_per_shift BETWEEN 1 AND 50),
  status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'removed')),
  note TEXT,
  search_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX checkpoints_community_id ON checkpoints (community_id);
CREATE INDEX checkpoints_compound_id ON checkpoints (compound_id);
CREATE INDEX checkpoints_status ON checkpoints (status);
`;
