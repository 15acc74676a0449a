/**
 * 0050: volunteers. People, teams, posts and rosters. Every checkpoint has its 执勤岗,
 * kept in step with the checkpoint by triggers (name, staff per shift, hours, status),
 * so no code path can add a checkpoint without its post. Shifts are hours of a day;
 * an assignment names a post, a day of the roster and a shift of the post's pattern.
 */
export default /* sql */ `
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  phone TEXT,
  id_number TEXT UNIQUE,
  gender TEXT CHECK (gender IN ('M', 'F')),
  age_group TEXT CHECK (age_group IN ('18-35', '36-50', '51-60', '60+')),
  compound_id INTEGER REFERENCES compounds (id) ON DELETE SET NULL,
  community_id INTEGER REFERENCES communities (id) ON DELETE SET NULL,
  kind TEXT NOT NULL CHECK (kind IN ('party', 'volunteer', 'cadre', 'grid', 'property', 'police', 'medical', 'building', 'sinking')),
  party_member INTEGER NOT NULL DEFAULT 0 CHECK (party_member IN (0, 1)),
  skills TEXT NOT NULL DEFAULT '',
  weekdays TEXT NOT NULL DEFAULT '1234567',
  window_start INTEGER CHECK (window_start BETWEEN 0 AND 23),
  window_end INTEGER CHECK (window_end BETWEEN 0 AND 24),
  days_off TEXT NOT NULL DEFAULT '',
  health TEXT NOT NULL DEFAULT 'healthy' CHECK (health IN ('healthy', 'observe', 'unwell')),
  note TEXT,
  search_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX people_community ON people (community_id);
CREATE INDEX people_compound ON people (compound_id);
CREATE INDEX people_kind ON people (kind);

CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('vanguard', 'service', 'branch', 'building', 'custom')),
  leader_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
  community_id INTEGER REFERENCES communities (id) ON DELETE SET NULL,
  compound_id INTEGER REFERENCES compounds (id) ON DELETE SET NULL,
  note TEXT,
  search_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX teams_community ON teams (community_id);

CREATE TABLE team_members (
  team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX team_members_person ON team_members (person_id);

CREATE TABLE post_kinds (
  id INTEGER PRIMARY KEY,
  code TEXT UNIQUE,
  name TEXT NOT NULL UNIQUE,
  position INTEGER NOT NULL
) STRICT;
INSERT INTO post_kinds (code, name, position) VALUES
  ('publicity', '宣传岗', 1), ('duty', '执勤岗', 2), ('disinfection', '消毒岗', 3), ('emergency', '应急处理岗', 4),
  ('supplies', '物资保障岗', 5), ('service', '服务岗', 6), ('patrol', '巡逻岗', 7);

CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind_id INTEGER NOT NULL REFERENCES post_kinds (id) ON DELETE RESTRICT,
  checkpoint_id INTEGER UNIQUE REFERENCES checkpoints (id) ON DELETE CASCADE,
  compound_id INTEGER REFERENCES compounds (id) ON DELETE CASCADE,
  community_id INTEGER REFERENCES communities (id) ON DELETE SET NULL,
  place TEXT,
  per_shift INTEGER NOT NULL CHECK (per_shift BETWEEN 1 AND 50),
  pattern TEXT NOT NULL CHECK (pattern IN ('three', 'two', 'day', 'custom')),
  custom_shifts TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  search_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX posts_kind ON posts (kind_id);
CREATE INDEX posts_community ON posts (community_id);

INSERT INTO posts (name, kind_id, checkpoint_id, compound_id, community_id, per_shift, pattern, active, search_key, created_at, updated_at)
SELECT k.name, (SELECT id FROM post_kinds WHERE code = 'duty'), k.id, k.compound_id, k.community_id, k.staff_per_shift,
  CASE k.hours WHEN 'allDay' THEN 'three' ELSE 'day' END, k.status = 'active', k.search_key, k.created_at, k.updated_at
FROM checkpoints k;

CREATE TRIGGER checkpoints_duty_post_insert AFTER INSERT ON checkpoints
BEGIN
  INSERT INTO posts (name, kind_id, checkpoint_id, compound_id, community_id, per_shift, pattern, active, search_key, created_at, updated_at)
  VALUES (NEW.name, (SELECT id FROM post_kinds WHERE code = 'duty'), NEW.id, NEW.compound_id, NEW.community_id, NEW.staff_per_shift,
    CASE NEW.hours WHEN 'allDay' THEN 'three' ELSE 'day' END, NEW.status = 'active', NEW.search_key, NEW.created_at, NEW.updated_at);
END;
CREATE TRIGGER checkpoints_duty_post_update AFTER UPDATE ON checkpoints
BEGIN
  UPDATE posts SET name = NEW.name, compound_id = NEW.compound_id, community_id = NEW.community_id, per_shift = NEW.staff_per_shift,
    pattern = CASE NEW.hours WHEN 'allDay' THEN 'three' ELSE 'day' END, active = NEW.status = 'active', search_key = NEW.search_key, updated_at = NEW.updated_at
  WHERE checkpoint_id = NEW.id;
END;

CREATE TABLE rosters (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  start_date TEXT NOT NULL,
  days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 31),
  min_rest_hours INTEGER NOT NULL DEFAULT 8 CHECK (min_rest_hours BETWEEN 0 AND 24),
  weekly_cap_hours INTEGER NOT NULL DEFAULT 48 CHECK (weekly_cap_hours BETWEEN 8 AND 168),
  created_by TEXT NOT NULL,
  filled_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX rosters_start ON rosters (start_date);

CREATE TABLE assignments (
  id INTEGER PRIMARY KEY,
  roster_id INTEGER NOT NULL REFERENCES rosters (id) ON DELETE CASCADE,
  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  day INTEGER NOT NULL CHECK (day >= 0),
  shift INTEGER NOT NULL CHECK (shift >= 0),
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (source IN ('auto', 'manual')),
  attendance TEXT CHECK (attendance IN ('present', 'absent', 'substituted')),
  stood_by INTEGER REFERENCES people (id) ON DELETE SET NULL,
  UNIQUE (roster_id, post_id, day, shift, person_id)
) STRICT;
CREATE INDEX assignments_person ON assignments (roster_id, person_id);
`;
