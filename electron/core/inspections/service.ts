import type { inspections } from '../../../shared/api/inspections';
import type { disinfection } from '../../../shared/api/disinfection';
import { actor, entityCtx, type Handlers } from '../api/types';
import { stmt } from '../db/statements';
import { exportList } from '../excel/export-list';
import { premisesTable } from './excel-table';
import { createRow, deleteRow, getRow, listRows, updateRow } from '../kernel/entity';
import { currentChecklists, saveChecklist } from './checklists';
import { coverage, listAreas, listDisinfections, recordDisinfection, setAreas } from './disinfection';
import { createInspection, listInspections, searchTargets } from './inspections';
import { getPhoto, savePhoto } from './photos';
import { premises } from './premises';
import { extendProblems, fixProblem, getProblem, listProblems, problemHistory, reassignProblems, recheckProblem } from './problems';
import { inspectionReport } from './report';
import { ApiError } from '../../../shared/api/errors';

export const inspectionHandlers: Handlers<keyof typeof inspections | keyof typeof disinfection> = {
  'premises.list': (input, ctx) => listRows(entityCtx(ctx), premises, input),
  'premises.create': (f, ctx) => createRow(entityCtx(ctx), premises, f),
  'premises.update': ({ id, ...f }, ctx) => updateRow(entityCtx(ctx), premises, id, f),
  'premises.delete': ({ id }, ctx) => {
    const scan = getRow(entityCtx(ctx), premises, id).pledgeScanId;
    const out = deleteRow(entityCtx(ctx), premises, id);
    if (scan) stmt(ctx.db, 'DELETE FROM photos WHERE id = ?').run(scan);
    return out;
  },
  'premises.setPledgeScan': ({ id, photo }, ctx) => {
    const e = entityCtx(ctx);
    const before = getRow(e, premises, id);
    // Community-scoped users change only their own communities' premises, as with every edit.
    if (!e.scope.all && !stmt(ctx.db, 'SELECT 1 FROM user_communities WHERE user_id = ? AND community_id = ?').get(e.scope.userId, before.communityId)) {
      throw new ApiError('FORBIDDEN', '只能管理自己负责社区的经营场所');
    }
    const scan = photo === null ? null : savePhoto(ctx.db, photo, {}, actor(ctx));
    stmt(ctx.db, 'UPDATE premises SET pledge_scan_id = ? WHERE id = ?').run(scan, id);
    if (before.pledgeScanId) stmt(ctx.db, 'DELETE FROM photos WHERE id = ?').run(before.pledgeScanId);
    return getRow(e, premises, id);
  },
  'premises.export': (input, ctx) =>
    exportList(premises, premisesTable, ctx, input, { module: new URL('./export-job.ts', import.meta.url), fn: 'premisesExport' }),
  'checklists.current': (_, { db }) => currentChecklists(db),
  'checklists.save': ({ targetKind, items }, ctx) => saveChecklist(ctx.db, targetKind, items, actor(ctx)),
  'inspections.create': (f, ctx) => createInspection(ctx.db, f, entityCtx(ctx).scope, actor(ctx)),
  'inspections.list': (f, ctx) => listInspections(ctx.db, f, entityCtx(ctx).scope),
  'inspections.targets': ({ targetKind, q }, ctx) => searchTargets(ctx.db, targetKind, q, entityCtx(ctx).scope),
  'problems.list': (f, ctx) => listProblems(ctx.db, f, entityCtx(ctx).scope, ctx.now()),
  'problems.get': ({ id }, ctx) => ({ ...getProblem(ctx.db, id, entityCtx(ctx).scope, ctx.now()), history: problemHistory(ctx.db, id) }),
  'problems.fix': ({ id, note, photos }, ctx) => fixProblem(ctx.db, id, note, photos, entityCtx(ctx).scope, actor(ctx)),
  'problems.recheck': ({ id, passed, note, photos }, ctx) => recheckProblem(ctx.db, id, passed, note, photos, entityCtx(ctx).scope, actor(ctx)),
  'problems.reassign': (f, ctx) => reassignProblems(ctx.db, f, entityCtx(ctx).scope, actor(ctx)),
  'problems.extend': (f, ctx) => extendProblems(ctx.db, f, entityCtx(ctx).scope, actor(ctx)),
  'problems.notice': ({ targetKind, targetId }, ctx) => {
    const { rows } = listProblems(ctx.db, { targetKind, targetId, page: 1, pageSize: 500, order: 'asc' }, entityCtx(ctx).scope, ctx.now());
    const open = rows.filter((r) => r.status !== 'closed');
    const name = stmt(ctx.db, 'SELECT target_name AS n FROM problems WHERE target_kind = ? AND target_id = ? ORDER BY id DESC LIMIT 1').get(
      targetKind,
      targetId,
    ) as { n: string } | undefined;
    if (!name) throw new ApiError('NOT_FOUND', '该点位没有督查问题');
    const first = open[0] ?? rows[0];
    return {
      targetName: name.n,
      communityName: first?.communityName ?? null,
      responsible: first?.responsibleName ?? null,
      problems: open,
    };
  },
  'inspections.report': ({ from, to }, ctx) => inspectionReport(ctx.db, from, to, ctx.now()),
  'photos.get': ({ id }, ctx) => getPhoto(ctx.db, id, entityCtx(ctx).scope),
  'disinfection.areas': (f, ctx) => listAreas(ctx.db, f, ctx.now(), entityCtx(ctx).scope),
  'disinfection.setAreas': ({ ownerKind, ownerId, areas }, ctx) => setAreas(ctx.db, ownerKind, ownerId, areas, ctx.now()),
  'disinfection.record': (f, ctx) => recordDisinfection(ctx.db, f, actor(ctx)),
  'disinfection.list': (f, ctx) => listDisinfections(ctx.db, f, entityCtx(ctx).scope),
  'disinfection.coverage': ({ day, behindOnly }, ctx) => coverage(ctx.db, day, behindOnly, entityCtx(ctx).scope),
};
