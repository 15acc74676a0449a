import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { InspectionInput, InspectionRow } from '../../../shared/api/inspections';
import { ApiError } from '../../../shared/api/errors';
import { TargetKind, type TargetKindCode } from '../../../shared/domain/enums';
import { stmt } from '../db/statements';
import { ALL_COMMUNITIES, type Scope } from '../kernel/entity';
import { searchPattern } from '../kernel/search-key';
import { checklistById, currentChecklist } from './checklists';
import { createProblem, type NewProblem } from './problems';

type Db = Database.Database;
type Who = { username: string; now: Date };

interface Target {
  name: string;
  communityId: number | null;
  communityName: string | null;
  responsibleKind: NewProblem['responsibleKind'];
  responsibleName: string | null;
}

/** A place that can be inspected, with who answers for it by default. */
export function targetOf(db: Db, kind: TargetKindCode, id: number): Target {
  const sql: Record<TargetKindCode, string> = {
    checkpoint: `SELECT k.name, k.community_id AS communityId, m.name AS communityName, 'checkpointLead' AS responsibleKind, NULL AS responsibleName
      FROM checkpoints k JOIN communities m ON m.id = k.community_id WHERE k.id = ?`,
    compound: `SELECT c.name, c.community_id AS communityId, m.name AS communityName,
        CASE WHEN c.management_type = 'managed' THEN 'property' ELSE 'community' END AS responsibleKind,
        CASE WHEN c.management_type = 'managed' THEN c.property_company ELSE m.name END AS responsibleName
      FROM compounds c JOIN communities m ON m.id = c.community_id WHERE c.id = ?`,
    premises: `SELECT t.name, t.community_id AS communityId, m.name AS communityName, 'premisesManager' AS responsibleKind, t.manager AS responsibleName
      FROM premises t JOIN communities m ON m.id = t.community_id WHERE t.id = ?`,
  };
  const t = stmt(db, sql[kind]).get(id) as Target | undefined;
  if (!t) throw new ApiError('VALIDATION', `${TargetKind.labels[kind]}不存在或已被删除（编号 ${id}）`);
  return t;
}

export function searchTargets(db: Db, kind: TargetKindCode, q: string | undefined, scope: Scope) {
  const table = { checkpoint: 'checkpoints', compound: 'compounds', premises: 'premises' }[kind];
  return stmt(
    db,
    `SELECT t.id, t.name, m.name AS communityName FROM ${table} t JOIN communities m ON m.id = t.community_id
     WHERE (@q IS NULL OR t.search_key LIKE @q ESCAPE '\\')
       AND (@all = 1 OR t.community_id IN (SELECT community_id FROM user_communities WHERE user_id = @uid))
     ORDER BY t.name LIMIT 50`,
  ).all({ q: q ? searchPattern(q) : null, all: scope.all ? 1 : 0, uid: scope.userId }) as { id: number; name: string; communityName: string | null }[];
}

/** Records an inspection: its team and places, each checked against the current checklist; every failed item becomes a problem. */
export function createInspection(db: Db, f: z.output<typeof InspectionInput>, scope: Scope, who: Who): z.input<typeof InspectionRow> {
  for (const p of f.memberIds) if (!stmt(db, 'SELECT 1 FROM people WHERE id = ?').get(p)) throw new ApiError('VALIDATION', `督查人员不存在（编号 ${p}）`);
  const id = Number(
    stmt(db, 'INSERT INTO inspections (day, slot, kind, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      f.day,
      f.slot,
      f.kind,
      f.note,
      who.username,
      who.now.toISOString(),
    ).lastInsertRowid,
  );
  for (const p of new Set(f.memberIds)) stmt(db, 'INSERT INTO inspection_members (inspection_id, person_id) VALUES (?, ?)').run(id, p);
  const seen = new Set<string>();
  for (const t of f.targets) {
    const key = `${t.targetKind}:${t.targetId}`;
    if (seen.has(key)) throw new ApiError('VALIDATION', '同一处点位在一次督查中只能登记一次');
    seen.add(key);
    const target = targetOf(db, t.targetKind, t.targetId);
    if (!scope.all && !stmt(db, 'SELECT 1 FROM user_communities WHERE user_id = ? AND community_id = ?').get(scope.userId, target.communityId)) {
      throw new ApiError('FORBIDDEN', `只能督查自己负责社区的点位（${target.name}）`);
    }
    const checklist = currentChecklist(db, t.targetKind);
    const failed = t.failures.map((x) => {
      const item = checklist.items.find((i) => i.key === x.itemKey);
      if (!item) throw new ApiError('VALIDATION', `${TargetKind.labels[t.targetKind]}检查表没有“${x.itemKey}”这一项（检查表可能刚被修改，请刷新）`);
      return { ...x, item };
    });
    const targetId = Number(
      stmt(
        db,
        'INSERT INTO inspection_targets (inspection_id, target_kind, target_id, target_name, checklist_id, failed, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(id, t.targetKind, t.targetId, target.name, checklist.id, JSON.stringify(failed.map((x) => x.item.key)), t.note).lastInsertRowid,
    );
    for (const x of failed) {
      createProblem(
        db,
        {
          inspectionTargetId: targetId,
          targetKind: t.targetKind,
          targetId: t.targetId,
          targetName: target.name,
          communityId: target.communityId,
          category: x.item.category,
          item: x.item.label,
          description: x.description,
          responsibleKind: target.responsibleKind,
          responsibleName: target.responsibleName,
          foundOn: f.day,
          photos: x.photos,
        },
        who,
      );
    }
  }
  return inspectionRow(db, id);
}

export function inspectionRow(db: Db, id: number, scope: Scope = ALL_COMMUNITIES): z.input<typeof InspectionRow> {
  const i = stmt(db, 'SELECT id, day, slot, kind, note, created_by AS createdBy, created_at AS createdAt FROM inspections WHERE id = ?').get(id) as Omit<
    z.input<typeof InspectionRow>,
    'members' | 'targets' | 'problems'
  >;
  const members = (
    stmt(db, 'SELECT p.name FROM inspection_members x JOIN people p ON p.id = x.person_id WHERE x.inspection_id = ? ORDER BY p.id').all(id) as {
      name: string;
    }[]
  ).map((r) => r.name);
  const targets = (
    stmt(
      db,
      `SELECT target_kind AS targetKind, target_id AS targetId, target_name AS name, checklist_id AS checklistId, failed FROM inspection_targets t WHERE inspection_id = @id AND ${TARGET_MINE} ORDER BY id`,
    ).all({
      id,
      all: scope.all ? 1 : 0,
      uid: scope.userId,
    }) as {
      targetKind: TargetKindCode;
      targetId: number;
      name: string;
      checklistId: number;
      failed: string;
    }[]
  ).map((t) => {
    // Labels come from the version the place was checked against, not today's checklist.
    const used = checklistById(db, t.checklistId);
    const failed = (JSON.parse(t.failed) as string[]).map((k) => used.items.find((x) => x.key === k)?.label ?? k);
    return { targetKind: t.targetKind, targetId: t.targetId, name: t.name, failed, templateVersion: used.version };
  });
  const problems = (
    stmt(db, 'SELECT count(*) AS n FROM problems p JOIN inspection_targets t ON t.id = p.inspection_target_id WHERE t.inspection_id = ?').get(id) as {
      n: number;
    }
  ).n;
  return { ...i, members, targets, problems };
}

/** A community-scoped user sees the inspections that visited one of their places, and only those places of each. */
const TARGET_MINE = `(@all = 1 OR (CASE t.target_kind WHEN 'compound' THEN (SELECT community_id FROM compounds WHERE id = t.target_id)
    WHEN 'checkpoint' THEN (SELECT community_id FROM checkpoints WHERE id = t.target_id) ELSE (SELECT community_id FROM premises WHERE id = t.target_id) END)
    IN (SELECT community_id FROM user_communities WHERE user_id = @uid))`;

export function listInspections(db: Db, f: { from?: string; to?: string; page: number; pageSize: number }, scope: Scope) {
  const p = { from: f.from ?? '0000-00-00', to: f.to ?? '9999-99-99', all: scope.all ? 1 : 0, uid: scope.userId };
  const where = `i.day >= @from AND i.day <= @to AND EXISTS (SELECT 1 FROM inspection_targets t WHERE t.inspection_id = i.id AND ${TARGET_MINE})`;
  const total = (stmt(db, `SELECT count(*) AS n FROM inspections i WHERE ${where}`).get(p) as { n: number }).n;
  const ids = stmt(db, `SELECT i.id FROM inspections i WHERE ${where} ORDER BY i.day DESC, i.id DESC LIMIT @limit OFFSET @offset`).all({
    ...p,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  }) as { id: number }[];
  return { rows: ids.map((r) => inspectionRow(db, r.id, scope)), total };
}
