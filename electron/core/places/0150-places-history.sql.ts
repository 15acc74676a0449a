/**
 * 0150: the history of compounds' control levels and checkpoints' states, so a day's
 * briefing counts 封控区 and 卡点 as they were that day and a later sealing or a new
 * checkpoint does not rewrite it. One row per change, `since` being the instant the row
 * was written with (the app's clock); kept by triggers in the same transaction as the
 * change. Rows on file start at their creation.
 */
export default /* sql */ `
CREATE TABLE compound_levels (
  compound_id INTEGER NOT NULL REFERENCES compounds (id) ON DELETE CASCADE,
  since TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('sealed', 'controlled', 'precaution', 'normal')),
  PRIMARY KEY (compound_id, since)
) STRICT, WITHOUT ROWID;

CREATE TABLE checkpoint_states (
  checkpoint_id INTEGER NOT NULL REFERENCES checkpoints (id) ON DELETE CASCADE,
  since TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'removed')),
  PRIMARY KEY (checkpoint_id, since)
) STRICT, WITHOUT ROWID;

INSERT INTO compound_levels (compound_id, since, level) SELECT id, created_at, control_level FROM compounds;
INSERT INTO checkpoint_states (checkpoint_id, since, status) SELECT id, created_at, status FROM checkpoints;

CREATE TRIGGER compounds_level_created AFTER INSERT ON compounds BEGIN
  INSERT OR REPLACE INTO compound_levels (compound_id, since, level) VALUES (NEW.id, NEW.created_at, NEW.control_level);
END;
CREATE TRIGGER compounds_level_changed AFTER UPDATE OF control_level ON compounds WHEN NEW.control_level IS NOT OLD.control_level BEGIN
  INSERT OR REPLACE INTO compound_levels (compound_id, since, level) VALUES (NEW.id, NEW.updated_at, NEW.control_level);
END;
CREATE TRIGGER checkpoints_state_created AFTER INSERT ON checkpoints BEGIN
  INSERT OR REPLACE INTO checkpoint_states (checkpoint_id, since, status) VALUES (NEW.id, NEW.created_at, NEW.status);
END;
CREATE TRIGGER checkpoints_state_changed AFTER UPDATE OF status ON checkpoints WHEN NEW.status IS NOT OLD.status BEGIN
  INSERT OR REPLACE INTO checkpoint_states (checkpoint_id, since, status) VALUES (NEW.id, NEW.updated_at, NEW.status);
END;
`;
