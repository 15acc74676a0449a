import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { Checklist, ChecklistItem } from '../../../shared/api/inspections';
import { ApiError } from '../../../shared/api/errors';
import type { TargetKindCode } from '../../../shared/domain/enums';
import { stmt } from '../db/statements';

type Item = z.output<typeof ChecklistItem>;
type Out = z.output<typeof Checklist>;

/** What the offices' accounts say each kind of place must do, as the shipped checklists. */
export const DEFAULT_CHECKLISTS: Record<TargetKindCode, Item[]> = {
  checkpoint: [
    { key: 'staffed', label: '有人值守', category: 'duty' },
    { key: 'temperature', label: '测温', category: 'duty' },
    { key: 'register', label: '登记', category: 'duty' },
    { key: 'passCheck', label: '查验出入证/健康码', category: 'duty' },
    { key: 'barrier', label: '车辆落杆', category: 'measures' },
  ],
  compound: [
    { key: 'singleGate', label: '只留一个出入口', category: 'measures' },
    { key: 'disinfectLog', label: '公共区域消杀记录', category: 'hygiene' },
    { key: 'posters', label: '宣传张贴', category: 'publicity' },
  ],
  premises: [
    { key: 'scan', label: '扫码查验', category: 'measures' },
    { key: 'temperature', label: '测温', category: 'measures' },
    { key: 'masks', label: '口罩', category: 'measures' },
    { key: 'ventilate', label: '通风消杀', category: 'hygiene' },
    { key: 'codePosted', label: '场所码张贴', category: 'publicity' },
  ],
};

interface Row {
  id: number;
  target_kind: TargetKindCode;
  version: number;
  items: string;
  created_by: string;
  created_at: string;
}
const toOut = (r: Row): Out => ({ id: r.id, targetKind: r.target_kind, version: r.version, items: JSON.parse(r.items) as Item[], createdBy: r.created_by, createdAt: r.created_at });

/** Makes version 1 of each kind from the defaults the first time it is needed. */
function ensureDefaults(db: Database.Database) {
  const ins = stmt(db, "INSERT OR IGNORE INTO checklists (target_kind, version, items, created_by, created_at) VALUES (?, 1, ?, 'system', ?)");
  for (const [kind, items] of Object.entries(DEFAULT_CHECKLISTS)) ins.run(kind, JSON.stringify(items), '2020-01-01T00:00:00.000Z');
}

export function currentChecklists(db: Database.Database): Out[] {
  ensureDefaults(db);
  return (stmt(db, 'SELECT c.* FROM checklists c WHERE version = (SELECT max(version) FROM checklists d WHERE d.target_kind = c.target_kind) ORDER BY target_kind').all() as Row[]).map(toOut);
}

export const currentChecklist = (db: Database.Database, kind: TargetKindCode): Out => currentChecklists(db).find((c) => c.targetKind === kind)!;

export const checklistById = (db: Database.Database, id: number): Out => toOut(stmt(db, 'SELECT * FROM checklists WHERE id = ?').get(id) as Row);

/** Saves a new version: past inspections keep pointing at the one they used. */
export function saveChecklist(db: Database.Database, kind: TargetKindCode, items: Item[], who: { username: string; now: Date }): Out {
  const keys = new Set<string>();
  for (const i of items) {
    if (keys.has(i.key)) throw new ApiError('VALIDATION', `检查项编码“${i.key}”重复`);
    keys.add(i.key);
  }
  const current = currentChecklist(db, kind);
  const id = Number(
    stmt(db, 'INSERT INTO checklists (target_kind, version, items, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(kind, current.version + 1, JSON.stringify(items), who.username, who.now.toISOString())
      .lastInsertRowid,
  );
  return checklistById(db, id);
}
