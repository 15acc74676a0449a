/**
 * 0100: the daily briefing. A briefing freezes its figures as JSON when generated (a
 * printed briefing must not change under the reader), keeps its paragraphs as edited,
 * and every generate/regenerate/edit is a version row. Issue numbers (期数) count per
 * year in order of creation and are never reused. Roll-up reports are the figure rows
 * lower units sent up, one per unit and day. The other indexes serve the day's figures.
 *
 * registration_days: per Beijing day and checkpoint, the registrations counted by kind,
 * kept by triggers in the same transaction as the rows (so it can never disagree with
 * them; a test counts both ways). A day is 357,000 rows on the bench database: counting
 * them for each of the 总览's 14 days took 1.4 s, reading these counts takes ~1 ms. The
 * update trigger watches only the counted columns, so 数据清理 (names, phones) leaves it be.
 */
export default /* sql */ `
CREATE TABLE briefings (
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  issue_no INTEGER NOT NULL,
  figures TEXT NOT NULL,
  narrative TEXT NOT NULL,
  edited TEXT NOT NULL DEFAULT '[]',
  generated_at TEXT NOT NULL,
  generated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  UNIQUE (year, issue_no)
) STRICT;

CREATE TABLE briefing_versions (
  briefing_id INTEGER NOT NULL REFERENCES briefings (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  ts TEXT NOT NULL,
  username TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('generate', 'regenerate', 'edit')),
  sections TEXT NOT NULL DEFAULT '[]',
  figures TEXT NOT NULL,
  narrative TEXT NOT NULL,
  PRIMARY KEY (briefing_id, version)
) STRICT;

CREATE TABLE rollup_reports (
  day TEXT NOT NULL,
  unit_name TEXT NOT NULL,
  division_code TEXT,
  file_name TEXT NOT NULL,
  generated_at TEXT NOT NULL,
  totals TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (day, unit_name)
) STRICT;

CREATE TABLE registration_days (
  day TEXT NOT NULL,
  checkpoint_id INTEGER NOT NULL,
  people INTEGER NOT NULL DEFAULT 0,
  vehicles INTEGER NOT NULL DEFAULT 0,
  abnormal INTEGER NOT NULL DEFAULT 0,
  refused INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, checkpoint_id)
) STRICT, WITHOUT ROWID;
INSERT INTO registration_days (day, checkpoint_id, people, vehicles, abnormal, refused)
  SELECT date(ts, '+8 hours'), checkpoint_id, sum(subject = 'person'), sum(subject = 'vehicle'), sum(abnormal), sum(refused) FROM registrations GROUP BY 1, 2;
CREATE TRIGGER registration_days_insert AFTER INSERT ON registrations BEGIN
  INSERT INTO registration_days (day, checkpoint_id, people, vehicles, abnormal, refused)
    VALUES (date(NEW.ts, '+8 hours'), NEW.checkpoint_id, NEW.subject = 'person', NEW.subject = 'vehicle', NEW.abnormal, NEW.refused)
    ON CONFLICT (day, checkpoint_id) DO UPDATE SET people = people + excluded.people, vehicles = vehicles + excluded.vehicles,
      abnormal = abnormal + excluded.abnormal, refused = refused + excluded.refused;
END;
CREATE TRIGGER registration_days_delete AFTER DELETE ON registrations BEGIN
  UPDATE registration_days SET people = people - (OLD.subject = 'person'), vehicles = vehicles - (OLD.subject = 'vehicle'),
    abnormal = abnormal - OLD.abnormal, refused = refused - OLD.refused
    WHERE day = date(OLD.ts, '+8 hours') AND checkpoint_id = OLD.checkpoint_id;
END;
CREATE TRIGGER registration_days_update AFTER UPDATE OF ts, checkpoint_id, subject, abnormal, refused ON registrations BEGIN
  UPDATE registration_days SET people = people - (OLD.subject = 'person'), vehicles = vehicles - (OLD.subject = 'vehicle'),
    abnormal = abnormal - OLD.abnormal, refused = refused - OLD.refused
    WHERE day = date(OLD.ts, '+8 hours') AND checkpoint_id = OLD.checkpoint_id;
  INSERT INTO registration_days (day, checkpoint_id, people, vehicles, abnormal, refused)
    VALUES (date(NEW.ts, '+8 hours'), NEW.checkpoint_id, NEW.subject = 'person', NEW.subject = 'vehicle', NEW.abnormal, NEW.refused)
    ON CONFLICT (day, checkpoint_id) DO UPDATE SET people = people + excluded.people, vehicles = vehicles + excluded.vehicles,
      abnormal = abnormal + excluded.abnormal, refused = refused + excluded.refused;
END;

CREATE INDEX alerts_ts ON alerts (ts);
CREATE INDEX alerts_ack_at ON alerts (ack_at) WHERE ack_at IS NOT NULL;
CREATE INDEX needs_created_at ON needs (created_at);
CREATE INDEX needs_done_at ON needs (done_at) WHERE done_at IS NOT NULL;
CREATE INDEX key_person_events_status_ts ON key_person_events (status, ts);
CREATE INDEX key_persons_start_date ON key_persons (start_date);
CREATE INDEX key_persons_end_date ON key_persons (end_date);
CREATE INDEX alloc_plans_issued_at ON alloc_plans (issued_at) WHERE issued_at IS NOT NULL;
CREATE INDEX test_rounds_day ON test_rounds (day);
`;
