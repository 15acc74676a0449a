import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { Checklist, ChecklistItem } from '../../../shared/api/inspections';
import { ApiError } from '../../../shared/api/errors';
import type { TargetKindCode } from '../../../shared/domain/enums';
import { stmt } from '../db/statements';

type Item = z.output<typeof ChecklistItem>;
type Out = z.output<typeof Checklist>;

interface Row {
  id: number;
  target_kind: TargetKindCode;
  version: number;
  items: string;
  created_by: string;
  created_at: string;
}
const toOut = (r: Row): Out => ({
  id: r.id,
  targetKind: r.target_kind,
  version: r.version,
  items: JSON.parse(r.items) as Item[],
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** The newest version of each kind (version 1, the shipped checklists, comes with migration 0110). */
export function currentChecklists(db: Database.Database): Out[] {
  return (
    stmt(
      db,
      'SELECT c.* FROM checklists c WHERE version = (SELECT max(version) FROM checklists d WHERE d.target_kind = c.target_kind) ORDER BY target_kind',
    ).all() as Row[]
  ).map(toOut);
}

export const currentChecklist = (db: Database.Database, kind: TargetKindCode): Out =>
  toOut(stmt(db, 'SELECT * FROM checklists WHERE target_kind = ? ORDER BY version DESC LIMIT 1').get(kind) as Row);

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
    stmt(db, 'INSERT INTO checklists (target_kind, version, items, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(
      kind,
      current.version + 1,
      JSON.stringify(items),
      who.username,
      who.now.toISOString(),
    ).lastInsertRowid,
  );
  return checklistById(db, id);
}
