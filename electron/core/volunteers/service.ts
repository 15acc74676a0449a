import type { volunteers } from '../../../shared/api/volunteers';
import { ApiError } from '../../../shared/api/errors';
import { actor, entityCtx, type Ctx, type Handlers } from '../api/types';
import { stmt } from '../db/statements';
import { exportList } from '../excel/export-list';
import { peopleTable } from './excel-tables';
import { createRow, deleteRow, listRows, requireRef, updateRow } from '../kernel/entity';
import { candidates, rosterGrid } from './grid';
import { people, posts, teams } from './registers';
import { rosterWorkbook } from './roster-workbook';
import { unmaskPerson } from './masked-fields';
import { can } from '../../../shared/domain/roles';
import { activePosts, conflicts, coverage, createRoster, fillRoster, loadRoster, postShifts, rosterSummary } from './roster';

function requireSlot(ctx: Ctx, rosterId: number, postId: number, day: number, shift: number): void {
  const r = loadRoster(ctx.db, rosterId);
  const post = activePosts(ctx.db).find((p) => p.id === postId);
  if (!post) throw new ApiError('VALIDATION', '岗位不存在或已停用', [{ path: 'postId', message: '岗位不存在' }]);
  if (day >= r.days) throw new ApiError('VALIDATION', `排班表只有 ${r.days} 天`, [{ path: 'day', message: '日期超出排班表' }]);
  if (shift >= postShifts(post).length) throw new ApiError('VALIDATION', '该岗位没有这个班次', [{ path: 'shift', message: '班次不存在' }]);
}

function placed(ctx: Ctx, rosterId: number, id: number) {
  return { id, conflicts: conflicts(ctx.db, loadRoster(ctx.db, rosterId)).get(id) ?? [] };
}

const kindRow = (ctx: Ctx, id: number) => {
  const k = stmt(ctx.db, 'SELECT k.id, k.code, k.name, (SELECT count(*) FROM posts p WHERE p.kind_id = k.id) AS posts FROM post_kinds k WHERE k.id = ?').get(
    id,
  ) as { id: number; code: string | null; name: string; posts: number } | undefined;
  if (!k) throw new ApiError('NOT_FOUND', '岗位类型不存在');
  return k;
};
const uniqueKind = <T>(run: () => T): T => {
  try {
    return run();
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new ApiError('CONFLICT', '已有同名的岗位类型');
    throw e;
  }
};

export const volunteerHandlers: Handlers<keyof typeof volunteers | 'people.export'> = {
  'people.export': (input, ctx) => exportList(people, peopleTable, ctx, input, { module: new URL('./export-job.ts', import.meta.url), fn: 'peopleExport' }),
  'people.list': (input, ctx) => listRows(entityCtx(ctx), people, input),
  'people.create': (input, ctx) => createRow(entityCtx(ctx), people, input),
  'people.update': ({ id, ...f }, ctx) => updateRow(entityCtx(ctx), people, id, unmaskPerson(ctx.db, id, f)),
  'people.delete': ({ id }, ctx) => deleteRow(entityCtx(ctx), people, id),

  'teams.list': (input, ctx) => listRows(entityCtx(ctx), teams, input),
  'teams.create': (input, ctx) => createRow(entityCtx(ctx), teams, input),
  'teams.update': ({ id, ...f }, ctx) => updateRow(entityCtx(ctx), teams, id, f),
  'teams.delete': ({ id }, ctx) => deleteRow(entityCtx(ctx), teams, id),
  'teams.members': ({ id }, ctx) =>
    stmt(ctx.db, 'SELECT p.id, p.name, p.kind FROM team_members m JOIN people p ON p.id = m.person_id WHERE m.team_id = ? ORDER BY p.name').all(id) as never,
  'teams.setMembers': ({ id, personIds }, ctx) => {
    requireRef(ctx.db, 'teams', id, 'id', '队伍');
    stmt(ctx.db, 'DELETE FROM team_members WHERE team_id = ?').run(id);
    const insert = stmt(ctx.db, 'INSERT OR IGNORE INTO team_members (team_id, person_id) VALUES (?, ?)');
    for (const p of personIds) {
      requireRef(ctx.db, 'people', p, 'personIds', '人员');
      insert.run(id, p);
    }
    ctx.record({ entity: 'teams', id, before: null, after: { members: personIds.length } });
    return { ok: true as const };
  },

  'postKinds.list': (_, ctx) =>
    stmt(
      ctx.db,
      'SELECT k.id, k.code, k.name, (SELECT count(*) FROM posts p WHERE p.kind_id = k.id) AS posts FROM post_kinds k ORDER BY k.position, k.id',
    ).all() as never,
  'postKinds.create': ({ name }, ctx) =>
    uniqueKind(() =>
      kindRow(
        ctx,
        Number(
          stmt(ctx.db, 'INSERT INTO post_kinds (name, position) VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM post_kinds))').run(name).lastInsertRowid,
        ),
      ),
    ),
  'postKinds.rename': ({ id, name }, ctx) => {
    kindRow(ctx, id);
    uniqueKind(() => stmt(ctx.db, 'UPDATE post_kinds SET name = ? WHERE id = ?').run(name, id));
    return kindRow(ctx, id);
  },
  'postKinds.delete': ({ id }, ctx) => {
    const k = kindRow(ctx, id);
    if (k.code === 'duty') throw new ApiError('IN_USE', '执勤岗是卡点自动生成岗位的类型，不能删除（可以改名）');
    if (k.posts > 0) throw new ApiError('IN_USE', `还有 ${k.posts} 个岗位属于“${k.name}”，不能删除`);
    stmt(ctx.db, 'DELETE FROM post_kinds WHERE id = ?').run(id);
    return { ok: true as const };
  },

  'posts.list': (input, ctx) => listRows(entityCtx(ctx), posts, { ...input, active: input.active === undefined ? undefined : input.active ? 1 : 0 }),
  'posts.create': (input, ctx) => createRow(entityCtx(ctx), posts, input),
  'posts.update': ({ id, ...f }, ctx) => {
    const cp = stmt(ctx.db, 'SELECT checkpoint_id AS id FROM posts WHERE id = ?').get(id) as { id: number | null } | undefined;
    if (cp?.id) throw new ApiError('VALIDATION', '卡点执勤岗随卡点设置（名称、每班人数、值守时段、状态），请在“小区与卡点”中修改该卡点');
    return updateRow(entityCtx(ctx), posts, id, f);
  },
  'posts.delete': ({ id }, ctx) => {
    const cp = stmt(ctx.db, 'SELECT checkpoint_id AS id FROM posts WHERE id = ?').get(id) as { id: number | null } | undefined;
    if (cp?.id) throw new ApiError('IN_USE', '卡点执勤岗随卡点存在；撤除卡点时将卡点状态改为“已撤除”即可');
    return deleteRow(entityCtx(ctx), posts, id);
  },

  'rosters.list': (_, ctx) =>
    (stmt(ctx.db, 'SELECT id FROM rosters ORDER BY start_date DESC, id DESC').all() as { id: number }[]).map((r) => rosterSummary(ctx.db, r.id)),
  'rosters.create': (input, ctx) => rosterSummary(ctx.db, createRoster(ctx.db, input, actor(ctx))),
  'rosters.delete': ({ id }, ctx) => {
    loadRoster(ctx.db, id);
    stmt(ctx.db, 'DELETE FROM rosters WHERE id = ?').run(id);
    return { ok: true as const };
  },
  'rosters.fill': ({ id, keepManual }, ctx) => fillRoster(ctx.db, id, keepManual, ctx.now()),
  'rosters.grid': (input, ctx) => rosterGrid(ctx.db, input),
  'rosters.assign': ({ rosterId, postId, day, shift, personId }, ctx) => {
    requireSlot(ctx, rosterId, postId, day, shift);
    requireRef(ctx.db, 'people', personId, 'personId', '人员');
    if (
      stmt(ctx.db, 'SELECT 1 FROM assignments WHERE roster_id = ? AND post_id = ? AND day = ? AND shift = ? AND person_id = ?').get(
        rosterId,
        postId,
        day,
        shift,
        personId,
      )
    ) {
      throw new ApiError('CONFLICT', '此人已在这个班次');
    }
    const id = Number(
      stmt(ctx.db, "INSERT INTO assignments (roster_id, post_id, day, shift, person_id, source) VALUES (?, ?, ?, ?, ?, 'manual')").run(
        rosterId,
        postId,
        day,
        shift,
        personId,
      ).lastInsertRowid,
    );
    return placed(ctx, rosterId, id);
  },
  'rosters.move': ({ assignmentId, postId, day, shift }, ctx) => {
    const a = stmt(ctx.db, 'SELECT roster_id AS rosterId, person_id AS personId FROM assignments WHERE id = ?').get(assignmentId) as
      { rosterId: number; personId: number } | undefined;
    if (!a) throw new ApiError('NOT_FOUND', '该安排不存在（可能已被取消）');
    requireSlot(ctx, a.rosterId, postId, day, shift);
    try {
      stmt(ctx.db, "UPDATE assignments SET post_id = ?, day = ?, shift = ?, source = 'manual', attendance = NULL, stood_by = NULL WHERE id = ?").run(
        postId,
        day,
        shift,
        assignmentId,
      );
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new ApiError('CONFLICT', '此人已在那个班次');
      throw e;
    }
    return placed(ctx, a.rosterId, assignmentId);
  },
  'rosters.swap': ({ a, b }, ctx) => {
    const rows = stmt(ctx.db, 'SELECT id, roster_id AS rosterId, person_id AS personId FROM assignments WHERE id IN (?, ?)').all(a, b) as {
      id: number;
      rosterId: number;
      personId: number;
    }[];
    const x = rows.find((r) => r.id === a);
    const y = rows.find((r) => r.id === b);
    if (!x || !y) throw new ApiError('NOT_FOUND', '该安排不存在（可能已被取消）');
    if (x.rosterId !== y.rosterId) throw new ApiError('VALIDATION', '只能对调同一排班表中的安排');
    if (x.personId === y.personId) return { conflicts: [] };
    // Through a placeholder person id, so the (slot, person) uniqueness holds at every step;
    // the foreign key is checked at commit (this transaction only), when both rows are real again.
    ctx.db.pragma('defer_foreign_keys = ON');
    const set = stmt(ctx.db, "UPDATE assignments SET person_id = ?, source = 'manual', attendance = NULL, stood_by = NULL WHERE id = ?");
    try {
      set.run(-1, x.id);
      set.run(x.personId, y.id);
      set.run(y.personId, x.id);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new ApiError('CONFLICT', '对调后会有人在同一班次出现两次');
      throw e;
    }
    const issues = conflicts(ctx.db, loadRoster(ctx.db, x.rosterId));
    return { conflicts: [...new Set([...(issues.get(x.id) ?? []), ...(issues.get(y.id) ?? [])])] };
  },
  'rosters.unassign': ({ assignmentId }, ctx) => {
    if (stmt(ctx.db, 'DELETE FROM assignments WHERE id = ?').run(assignmentId).changes === 0) throw new ApiError('NOT_FOUND', '该安排不存在（可能已被取消）');
    return { ok: true as const };
  },
  'rosters.attend': ({ assignmentId, attendance, stoodBy }, ctx) => {
    if (attendance === 'substituted' && stoodBy === null)
      throw new ApiError('VALIDATION', '替班请选择实际到岗的人', [{ path: 'stoodBy', message: '请选择替班人' }]);
    if (stoodBy !== null) requireRef(ctx.db, 'people', stoodBy, 'stoodBy', '替班人');
    const changed = stmt(ctx.db, 'UPDATE assignments SET attendance = ?, stood_by = ? WHERE id = ?').run(
      attendance,
      attendance === 'substituted' ? stoodBy : null,
      assignmentId,
    ).changes;
    if (changed === 0) throw new ApiError('NOT_FOUND', '该安排不存在（可能已被取消）');
    return { ok: true as const };
  },
  'rosters.candidates': (input, ctx) => candidates(ctx.db, input),
  'rosters.coverage': ({ id }, ctx) => coverage(ctx.db, loadRoster(ctx.db, id)),
  'rosters.export': ({ id, full }, ctx) => {
    if (full && !(ctx.user && can(ctx.user.role, 'personal:unmask'))) throw new ApiError('FORBIDDEN', '当前角色无权导出完整的个人信息');
    return rosterWorkbook(ctx.db, id, full);
  },
};
