import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { Problem, ProblemEvent, ProblemFilter } from '../../../shared/api/inspections';
import { ApiError } from '../../../shared/api/errors';
import { addDays, localDay } from '../../../shared/domain/days';
import { Responsible } from '../../../shared/domain/enums';
import { stmt } from '../db/statements';
import type { Scope } from '../kernel/entity';
import { savePhoto } from './photos';

/**
 * A problem's life: 待整改 → (整改) 已整改待复查 → (复查通过) 已销号, or back to 待整改 when
 * the re-check fails. 逾期 is read, not written: still 待整改 after its deadline day. Every
 * step is an event row (which triggers keep from being edited). The re-check must be made
 * by someone other than the person responsible and the person who reported the fix.
 */

type Db = Database.Database;
type Who = { username: string; now: Date };
export type ProblemOut = z.input<typeof Problem>;

/** Days to fix, by category: duty lapses the same day, posters within two. */
export const DEADLINE_DAYS = { duty: 0, measures: 1, hygiene: 1, publicity: 2, other: 3 } as const;

const STATUS = `CASE WHEN p.status = 'open' AND p.deadline < @today THEN 'overdue' ELSE p.status END`;
const SELECT = `SELECT p.id, it.inspection_id AS inspectionId, p.target_kind AS targetKind, p.target_id AS targetId, p.target_name AS targetName,
  m.name AS communityName, p.category, p.item, p.description, p.responsible_kind AS responsibleKind, p.responsible_name AS responsibleName,
  p.responsible_user AS responsibleUser, p.deadline, ${STATUS} AS status, p.found_on AS foundOn, p.fixed_by AS fixedBy, p.closed_at AS closedAt
  FROM problems p JOIN inspection_targets it ON it.id = p.inspection_target_id LEFT JOIN communities m ON m.id = p.community_id`;
const IN_SCOPE = '(@all = 1 OR p.community_id IN (SELECT community_id FROM user_communities WHERE user_id = @uid))';

const photosOf = (db: Db, problemId: number) =>
  (stmt(db, 'SELECT id FROM photos WHERE problem_id = ? AND event_id IS NULL ORDER BY id').all(problemId) as { id: number }[]).map((r) => r.id);

export function getProblem(db: Db, id: number, scope: Scope, now: Date): ProblemOut {
  const row = stmt(db, `${SELECT} WHERE p.id = @id AND ${IN_SCOPE}`).get({ id, today: localDay(now), all: scope.all ? 1 : 0, uid: scope.userId }) as
    Omit<ProblemOut, 'photos'> | undefined;
  if (!row) throw new ApiError('NOT_FOUND', `问题不存在（编号 ${id}）`);
  return { ...row, photos: photosOf(db, id) };
}

export function problemHistory(db: Db, id: number): z.input<typeof ProblemEvent>[] {
  const photos = stmt(db, 'SELECT id FROM photos WHERE event_id = ? ORDER BY id');
  return (
    stmt(db, 'SELECT id, ts, username, action, note FROM problem_events WHERE problem_id = ? ORDER BY id').all(id) as (z.input<typeof ProblemEvent> & {
      id: number;
    })[]
  ).map(({ id: eventId, ...e }) => ({ ...e, photos: (photos.all(eventId) as { id: number }[]).map((p) => p.id) }));
}

export function listProblems(db: Db, f: z.output<typeof ProblemFilter>, scope: Scope, now: Date) {
  const where = [IN_SCOPE];
  const p: Record<string, unknown> = { today: localDay(now), all: scope.all ? 1 : 0, uid: scope.userId };
  // Each status is a range of the (status, deadline) index.
  if (f.status === 'overdue') where.push("p.status = 'open' AND p.deadline < @today");
  else if (f.status === 'open') where.push("p.status = 'open' AND p.deadline >= @today");
  else if (f.status) (where.push('p.status = @status'), (p.status = f.status));
  if (f.category) (where.push('p.category = @category'), (p.category = f.category));
  if (f.communityId) (where.push('p.community_id = @communityId'), (p.communityId = f.communityId));
  if (f.targetKind) (where.push('p.target_kind = @targetKind'), (p.targetKind = f.targetKind));
  if (f.targetId) (where.push('p.target_id = @targetId'), (p.targetId = f.targetId));
  if (f.q)
    (where.push("(p.target_name LIKE @q ESCAPE '\\' OR p.item LIKE @q ESCAPE '\\' OR p.responsible_name LIKE @q ESCAPE '\\')"),
      (p.q = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const w = where.join(' AND ');
  const total = (stmt(db, `SELECT count(*) AS n FROM problems p WHERE ${w}`).get(p) as { n: number }).n;
  const rows = stmt(db, `${SELECT} WHERE ${w} ORDER BY p.status = 'closed', p.deadline, p.id LIMIT @limit OFFSET @offset`).all({
    ...p,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  }) as Omit<ProblemOut, 'photos'>[];
  return { rows: rows.map((r) => ({ ...r, photos: photosOf(db, r.id) })), total };
}

function event(db: Db, problemId: number, action: z.input<typeof ProblemEvent>['action'], note: string | null, who: Who, photos: string[] = []) {
  const eventId = Number(
    stmt(db, 'INSERT INTO problem_events (problem_id, ts, username, action, note) VALUES (?, ?, ?, ?, ?)').run(
      problemId,
      who.now.toISOString(),
      who.username,
      action,
      note,
    ).lastInsertRowid,
  );
  for (const b of photos) savePhoto(db, b, { problemId, eventId }, who);
}

export interface NewProblem {
  inspectionTargetId: number;
  targetKind: string;
  targetId: number;
  targetName: string;
  communityId: number | null;
  category: keyof typeof DEADLINE_DAYS;
  item: string;
  description: string | null;
  responsibleKind: keyof typeof Responsible.labels;
  responsibleName: string | null;
  foundOn: string;
  photos: string[];
}

export function createProblem(db: Db, p: NewProblem, who: Who): number {
  const id = Number(
    stmt(
      db,
      `INSERT INTO problems (inspection_target_id, target_kind, target_id, target_name, community_id, category, item, description, responsible_kind, responsible_name, found_on, deadline, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
    ).run(
      p.inspectionTargetId,
      p.targetKind,
      p.targetId,
      p.targetName,
      p.communityId,
      p.category,
      p.item,
      p.description,
      p.responsibleKind,
      p.responsibleName,
      p.foundOn,
      addDays(p.foundOn, DEADLINE_DAYS[p.category]),
      who.now.toISOString(),
    ).lastInsertRowid,
  );
  for (const b of p.photos) savePhoto(db, b, { problemId: id }, who);
  event(db, id, 'create', p.description, who);
  return id;
}

export function fixProblem(db: Db, id: number, note: string, photos: string[], scope: Scope, who: Who): ProblemOut {
  const p = getProblem(db, id, scope, who.now);
  if (p.status !== 'open' && p.status !== 'overdue') throw new ApiError('CONFLICT', `该问题${p.status === 'fixed' ? '已报告整改，正在等待复查' : '已销号'}`);
  stmt(db, "UPDATE problems SET status = 'fixed', fixed_at = ?, fixed_by = ? WHERE id = ?").run(who.now.toISOString(), who.username, id);
  event(db, id, 'fix', note, who, photos);
  return getProblem(db, id, scope, who.now);
}

export function recheckProblem(db: Db, id: number, passed: boolean, note: string, photos: string[], scope: Scope, who: Who): ProblemOut {
  const p = getProblem(db, id, scope, who.now);
  if (p.status !== 'fixed') throw new ApiError('CONFLICT', p.status === 'closed' ? '该问题已销号' : '该问题还没有报告整改，不能复查');
  if (who.username === p.responsibleUser || who.username === p.fixedBy) {
    throw new ApiError('FORBIDDEN', '复查须由整改责任人和整改报告人以外的人进行');
  }
  if (passed) stmt(db, "UPDATE problems SET status = 'closed', closed_at = ? WHERE id = ?").run(who.now.toISOString(), id);
  else stmt(db, "UPDATE problems SET status = 'open', fixed_at = NULL, fixed_by = NULL WHERE id = ?").run(id);
  event(db, id, passed ? 'recheckPass' : 'recheckFail', note, who, photos);
  return getProblem(db, id, scope, who.now);
}

export function reassignProblems(
  db: Db,
  f: { ids: number[]; responsibleKind: keyof typeof Responsible.labels; responsibleName: string | null; responsibleUser: string | null; reason: string },
  scope: Scope,
  who: Who,
) {
  if (f.responsibleUser && !stmt(db, 'SELECT 1 FROM users WHERE username = ?').get(f.responsibleUser))
    throw new ApiError('VALIDATION', `没有用户“${f.responsibleUser}”`);
  for (const id of f.ids) {
    const p = getProblem(db, id, scope, who.now);
    if (p.status === 'closed') throw new ApiError('CONFLICT', `问题 ${id}（${p.targetName} ${p.item}）已销号，不能改派`);
    stmt(db, 'UPDATE problems SET responsible_kind = ?, responsible_name = ?, responsible_user = ? WHERE id = ?').run(
      f.responsibleKind,
      f.responsibleName,
      f.responsibleUser,
      id,
    );
    event(db, id, 'reassign', `改派给${Responsible.labels[f.responsibleKind]}${f.responsibleName ? ` ${f.responsibleName}` : ''}：${f.reason}`, who);
  }
  return { changed: f.ids.length };
}

export function extendProblems(db: Db, f: { ids: number[]; deadline: string; reason: string }, scope: Scope, who: Who) {
  if (f.deadline < localDay(who.now)) throw new ApiError('VALIDATION', '新的整改期限不能早于今天', [{ path: 'deadline', message: '新的整改期限不能早于今天' }]);
  for (const id of f.ids) {
    const p = getProblem(db, id, scope, who.now);
    if (p.status === 'closed') throw new ApiError('CONFLICT', `问题 ${id}（${p.targetName} ${p.item}）已销号，不能延期`);
    stmt(db, 'UPDATE problems SET deadline = ? WHERE id = ?').run(f.deadline, id);
    event(db, id, 'extend', `整改期限由 ${p.deadline} 延至 ${f.deadline}：${f.reason}`, who);
  }
  return { changed: f.ids.length };
}
