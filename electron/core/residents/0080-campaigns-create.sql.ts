/**
 * 0080: screening campaigns (入户排查). A campaign covers the whole office or chosen
 * communities for a date range; every visit to a household is a row (无人 today, 已排查
 * tomorrow), and a household counts as reached once a visit found it 已排查 or 空置.
 */
export default /* sql */ `
CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  scope_all INTEGER NOT NULL CHECK (scope_all IN (0, 1)),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE campaign_communities (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  PRIMARY KEY (campaign_id, community_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE visits (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('done', 'absent', 'refused', 'vacant')),
  present INTEGER CHECK (present IS NULL OR present >= 0),
  findings TEXT,
  username TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX visits_campaign_household ON visits (campaign_id, household_id, result);
CREATE INDEX households_building ON households (building_id);
CREATE INDEX buildings_compound ON buildings (compound_id);
`;
