/**
 * 0040: supplies. The stock ledger (stock_moves) is the only record of quantities: stock
 * on hand is always a SUM over it, rows are never changed or deleted (corrections are
 * new reversing rows), and triggers refuse UPDATE/DELETE so no code path can forget.
 * Quantities are whole base units (个/只/瓶…); pack_size says how many make a 盒/箱.
 */
/** The ledger's guards (and an issued plan's lines); the demo reset drops and recreates them to clear demo data. */
export const LEDGER_TRIGGERS = /* sql */ `
-- What each recipient got is the plan's lines: once the plan is issued they are the record.
CREATE TRIGGER plan_lines_frozen_update BEFORE UPDATE ON plan_lines
WHEN (SELECT status FROM alloc_plans WHERE id = OLD.plan_id) = 'issued'
BEGIN SELECT RAISE(ABORT, '已发放的方案不能修改'); END;
CREATE TRIGGER plan_lines_frozen_delete BEFORE DELETE ON plan_lines
WHEN (SELECT status FROM alloc_plans WHERE id = OLD.plan_id) = 'issued'
BEGIN SELECT RAISE(ABORT, '已发放的方案不能修改'); END;
CREATE TRIGGER stock_moves_no_update BEFORE UPDATE ON stock_moves
BEGIN SELECT RAISE(ABORT, '台账记录不能修改，请登记一条冲正记录'); END;
CREATE TRIGGER stock_moves_no_delete BEFORE DELETE ON stock_moves
BEGIN SELECT RAISE(ABORT, '台账记录不能删除，请登记一条冲正记录'); END;
`;

export default /* sql */ `
CREATE TABLE supply_items (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL CHECK (category IN ('protective', 'disinfection', 'living')),
  unit TEXT NOT NULL,
  pack_size INTEGER NOT NULL DEFAULT 1 CHECK (pack_size >= 1),
  pack_unit TEXT,
  allow_split INTEGER NOT NULL DEFAULT 0 CHECK (allow_split IN (0, 1)),
  low_stock INTEGER CHECK (low_stock >= 0),
  note TEXT,
  search_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX supply_items_category ON supply_items (category);

CREATE TABLE warehouses (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  community_id INTEGER REFERENCES communities (id) ON DELETE RESTRICT,
  keeper TEXT,
  phone TEXT,
  note TEXT,
  search_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE donors (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('enterprise', 'association', 'individual')),
  contact TEXT,
  phone TEXT,
  note TEXT,
  search_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX donors_kind ON donors (kind);

CREATE TABLE donations (
  id INTEGER PRIMARY KEY,
  receipt_no TEXT NOT NULL UNIQUE,
  donor_id INTEGER NOT NULL REFERENCES donors (id) ON DELETE RESTRICT,
  warehouse_id INTEGER NOT NULL REFERENCES warehouses (id) ON DELETE RESTRICT,
  received_on TEXT NOT NULL,
  note TEXT,
  username TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX donations_donor ON donations (donor_id);
CREATE INDEX donations_received_on ON donations (received_on);

CREATE TABLE alloc_plans (
  id INTEGER PRIMARY KEY,
  plan_no TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  warehouse_id INTEGER NOT NULL REFERENCES warehouses (id) ON DELETE RESTRICT,
  basis TEXT NOT NULL CHECK (basis IN ('population', 'checkpoints', 'staff', 'observed', 'equal')),
  status TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'issued')),
  note TEXT,
  created_by TEXT NOT NULL,
  approved_by TEXT,
  approved_at TEXT,
  issued_by TEXT,
  issued_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX alloc_plans_status ON alloc_plans (status, id);

CREATE TABLE plan_items (
  plan_id INTEGER NOT NULL REFERENCES alloc_plans (id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES supply_items (id) ON DELETE RESTRICT,
  requested INTEGER NOT NULL CHECK (requested >= 0),
  explanation TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (plan_id, item_id)
) STRICT;

CREATE TABLE plan_recipients (
  plan_id INTEGER NOT NULL REFERENCES alloc_plans (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('community', 'checkpoint')),
  ref_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  workload REAL NOT NULL,
  weight REAL NOT NULL CHECK (weight >= 0),
  min_packs INTEGER CHECK (min_packs >= 0),
  max_packs INTEGER CHECK (max_packs >= 0),
  position INTEGER NOT NULL,
  PRIMARY KEY (plan_id, kind, ref_id)
) STRICT;

CREATE TABLE plan_lines (
  plan_id INTEGER NOT NULL REFERENCES alloc_plans (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  ref_id INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  qty INTEGER NOT NULL CHECK (qty >= 0),
  suggested INTEGER NOT NULL CHECK (suggested >= 0),
  PRIMARY KEY (plan_id, kind, ref_id, item_id),
  FOREIGN KEY (plan_id, kind, ref_id) REFERENCES plan_recipients (plan_id, kind, ref_id) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, item_id) REFERENCES plan_items (plan_id, item_id) ON DELETE CASCADE
) STRICT;

CREATE TABLE stock_moves (
  id INTEGER PRIMARY KEY,
  ts TEXT NOT NULL,
  item_id INTEGER NOT NULL REFERENCES supply_items (id) ON DELETE RESTRICT,
  warehouse_id INTEGER NOT NULL REFERENCES warehouses (id) ON DELETE RESTRICT,
  qty INTEGER NOT NULL CHECK (qty <> 0),
  kind TEXT NOT NULL CHECK (kind IN ('purchase', 'upper', 'donation', 'issue', 'use', 'transfer_out', 'transfer_in', 'adjust', 'loss', 'reversal')),
  donation_id INTEGER REFERENCES donations (id) ON DELETE RESTRICT,
  plan_id INTEGER REFERENCES alloc_plans (id) ON DELETE RESTRICT,
  recipient_kind TEXT CHECK (recipient_kind IN ('community', 'checkpoint')),
  recipient_id INTEGER,
  recipient_name TEXT,
  transfer_id INTEGER,
  reverses_id INTEGER REFERENCES stock_moves (id),
  counterparty TEXT,
  reason TEXT,
  username TEXT NOT NULL
) STRICT;
-- Stock on hand per item and warehouse: a covering index, summed without touching the table.
CREATE INDEX stock_moves_item_warehouse_qty ON stock_moves (item_id, warehouse_id, qty);
-- Per item and day: the 30-day trend and days of cover read small covering ranges, no sorting.
CREATE INDEX stock_moves_item_ts ON stock_moves (item_id, ts, kind, qty);
-- The ledger list's filters: date range, warehouse, kind.
CREATE INDEX stock_moves_ts ON stock_moves (ts);
CREATE INDEX stock_moves_warehouse_ts ON stock_moves (warehouse_id, ts);
CREATE INDEX stock_moves_kind_ts ON stock_moves (kind, ts);
CREATE INDEX stock_moves_plan ON stock_moves (plan_id) WHERE plan_id IS NOT NULL;
CREATE INDEX stock_moves_donation ON stock_moves (donation_id) WHERE donation_id IS NOT NULL;
CREATE INDEX stock_moves_transfer ON stock_moves (transfer_id) WHERE transfer_id IS NOT NULL;
-- A row is reversed at most once; partial, so the ordinary rows cost no index entry.
CREATE UNIQUE INDEX stock_moves_reverses ON stock_moves (reverses_id) WHERE reverses_id IS NOT NULL;

${LEDGER_TRIGGERS}

INSERT INTO warehouses (name, search_key, created_at, updated_at)
VALUES ('街道物资库', '街道物资库|jiedaowuziku|jdwzk', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- The starter catalogue: the items the street offices' own accounts name (seeds 002, 003).
INSERT INTO supply_items (name, category, unit, pack_size, pack_unit, allow_split, search_key, created_at, updated_at)
SELECT v.column1, v.column2, v.column3, v.column4, v.column5, v.column6, v.column7, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (VALUES
('医用外科口罩', 'protective', '只', 50, '盒', 0, '医用外科口罩|yiyongwaikekouzhao|yywkkz'),
('N95口罩', 'protective', '只', 20, '盒', 0, 'n95口罩|n95kouzhao|n95kz'),
('防护服', 'protective', '套', 1, NULL, 0, '防护服|fanghufu|fhf'),
('防护手套', 'protective', '双', 50, '盒', 0, '防护手套|fanghushoutao|fhst'),
('手持体温计', 'protective', '个', 1, NULL, 0, '手持体温计|shouchitiwenji|sctwj'),
('水银体温计', 'protective', '支', 10, '盒', 1, '水银体温计|shuiyintiwenji|sytwj'),
('84消毒液', 'disinfection', '瓶', 20, '箱', 1, '84消毒液|84xiaoduye|84xdy'),
('75%酒精', 'disinfection', '瓶', 24, '箱', 1, '75%酒精|75%jiujing|75%jj'),
('喷壶', 'disinfection', '个', 1, NULL, 0, '喷壶|penhu|ph'),
('方便面', 'living', '箱', 1, NULL, 0, '方便面|fangbianmian|fbm'),
('奶制品', 'living', '箱', 1, NULL, 0, '奶制品|naizhipin|nzp'),
('矿泉水', 'living', '件', 1, NULL, 0, '矿泉水|kuangquanshui|kqs'),
('火腿肠', 'living', '箱', 1, NULL, 0, '火腿肠|huotuichang|htc'),
('煤', 'living', '公斤', 1, NULL, 1, '煤|mei|m')) AS v;
`;
