import type { campaigns } from '../../../shared/api/campaigns';
import type { householdServices } from '../../../shared/api/household-services';
import { ApiError } from '../../../shared/api/errors';
import type { keyPersons } from '../../../shared/api/key-persons';
import type { residents } from '../../../shared/api/residents';
import { actor, entityCtx, type Handlers } from '../api/types';
import { stmt } from '../db/statements';
import { listRows } from '../kernel/entity';
import { acknowledge, dailyCounts, listRegistrations, markSeen, openAlerts, register } from './registrations';
import { residentsDef } from './residents';
import { cleanupPersonal } from './cleanup';
import { createNeed, createRound, issuePass, listNeeds, listPasses, revokePass } from './household-services';
import { checkPassCode, gateKit, passCards } from './pass-codes';
import { campaignSummary, coverageBy, createCampaign, recordVisit, unreached } from './campaigns';
import { backupNow } from '../db/backup';
import { exportList } from '../excel/export-list';
import { residentsTable } from './excel-table';
import { testCounts } from './test-counts';
import { dueList, getKeyPerson, history, linkResident, listKeyPersons, measureDays, recordFollowup, setMeasureDays } from './key-persons';

/** keyPersons.create and .setStatus are served by inspections/key-person-duty.ts: they keep the 消杀 duty around the home in step. */
type ServedAbove = 'keyPersons.create' | 'keyPersons.setStatus';

export const residentHandlers: Handlers<
  Exclude<keyof typeof residents | keyof typeof keyPersons | keyof typeof campaigns | keyof typeof householdServices, ServedAbove>
> = {
  'residents.list': (input, ctx) => listRows(entityCtx(ctx), residentsDef, input),
  'residents.export': (input, ctx) =>
    exportList(residentsDef, residentsTable, ctx, input, { module: new URL('./export-job.ts', import.meta.url), fn: 'residentsExport' }),
  'residents.buildings': ({ compoundId }, ctx) =>
    stmt(
      ctx.db,
      `SELECT b.id, b.name, (SELECT count(*) FROM households h WHERE h.building_id = b.id) AS households,
         (SELECT count(*) FROM residents r JOIN households h ON h.id = r.household_id WHERE h.building_id = b.id) AS residents
       FROM buildings b WHERE b.compound_id = ? ORDER BY length(b.name), b.name`,
    ).all(compoundId) as never,
  'residents.households': ({ buildingId }, ctx) =>
    stmt(
      ctx.db,
      'SELECT h.id, h.unit, h.room, (SELECT count(*) FROM residents r WHERE r.household_id = h.id) AS residents FROM households h WHERE h.building_id = ? ORDER BY h.unit, length(h.room), h.room',
    ).all(buildingId) as never,
  'registrations.create': (input, ctx) => register(ctx.db, input, actor(ctx)),
  'registrations.list': (input, ctx) => listRegistrations(ctx.db, input, entityCtx(ctx).scope),
  'registrations.daily': ({ day }, ctx) => dailyCounts(ctx.db, day, entityCtx(ctx).scope),
  'personal.cleanup': async ({ before }, ctx) => {
    await backupNow(ctx.db, ctx.backupDir, 'precleanup', ctx.now());
    // Chunk by chunk, with a turn of the event loop between: registrations from the gates are answered meanwhile.
    const counts = await cleanupPersonal(ctx.db, before, () => new Promise((r) => setImmediate(r)));
    // Freed content is zeroed as it goes (secure_delete, db/key.ts), so there is no whole-file
    // VACUUM to hold every caller up; the WAL is emptied so no older page image survives beside the file.
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    return counts;
  },
  'alerts.open': (_, ctx) => openAlerts(ctx.db, entityCtx(ctx).scope),
  'alerts.ack': ({ id, action }, ctx) => {
    acknowledge(ctx.db, id, action, actor(ctx));
    return { ok: true as const };
  },
  'alerts.seen': ({ id }, ctx) => {
    markSeen(ctx.db, id, actor(ctx));
    return { ok: true as const };
  },
  'keyPersons.list': (input, ctx) => listKeyPersons(ctx.db, input, entityCtx(ctx).scope),
  'keyPersons.link': ({ id, residentId }, ctx) => linkResident(ctx.db, id, residentId, actor(ctx)),
  'keyPersons.history': ({ id }, ctx) => (getKeyPerson(ctx.db, id), history(ctx.db, id)),
  'keyPersons.settings': (_, ctx) => measureDays(ctx.db),
  'keyPersons.setSettings': ({ days }, ctx) => setMeasureDays(ctx.db, days),
  'followups.due': (input, ctx) => dueList(ctx.db, input, ctx.now(), entityCtx(ctx).scope),
  'followups.record': (input, ctx) => recordFollowup(ctx.db, input, actor(ctx)),
  'campaigns.list': (_, ctx) =>
    (stmt(ctx.db, 'SELECT id FROM campaigns ORDER BY start_date DESC, id DESC').all() as { id: number }[]).map((c) => campaignSummary(ctx.db, c.id)),
  'campaigns.create': (input, ctx) => createCampaign(ctx.db, input, actor(ctx)),
  'campaigns.coverage': ({ id, by, parentId }, ctx) => coverageBy(ctx.db, id, by, entityCtx(ctx).scope, parentId),
  'campaigns.unreached': (input, ctx) => unreached(ctx.db, input, entityCtx(ctx).scope),
  'visits.record': (input, ctx) => recordVisit(ctx.db, input, actor(ctx)),
  'passes.issue': (input, ctx) => issuePass(ctx.db, input, actor(ctx)),
  'passes.list': ({ compoundId }, ctx) => listPasses(ctx.db, entityCtx(ctx).scope, compoundId),
  'passes.cards': (input, ctx) => passCards(ctx.db, entityCtx(ctx).scope, input),
  'passes.check': ({ payload, direction }, ctx) => checkPassCode(ctx.db, payload, direction, ctx.now()),
  'passes.gateKit': (_, ctx) => gateKit(ctx.db, ctx.now()),
  'passes.revoke': ({ id }, ctx) => (revokePass(ctx.db, id), { ok: true as const }),
  'needs.list': ({ open }, ctx) => listNeeds(ctx.db, open, entityCtx(ctx).scope),
  'needs.create': (input, ctx) => createNeed(ctx.db, input, actor(ctx)),
  'needs.done': ({ id, done }, ctx) => {
    if (stmt(ctx.db, 'UPDATE needs SET done_at = ? WHERE id = ?').run(done ? ctx.now().toISOString() : null, id).changes === 0)
      throw new ApiError('NOT_FOUND', '需求不存在');
    return { ok: true as const };
  },
  'tests.create': (input, ctx) => createRound(ctx.db, input, actor(ctx)),
  'tests.list': (_, ctx) =>
    stmt(
      ctx.db,
      'SELECT t.id, t.name, t.day, coalesce(sum(c.due), 0) AS due, coalesce(sum(c.tested), 0) AS tested FROM test_rounds t LEFT JOIN test_counts c ON c.round_id = t.id GROUP BY t.id ORDER BY t.day DESC, t.id DESC',
    ).all() as never,
  'tests.compounds': ({ id }, ctx) => testCounts(ctx.db, entityCtx(ctx).scope, id),
  'tests.record': ({ id, compoundId, tested }, ctx) => {
    const row = stmt(ctx.db, 'SELECT due FROM test_counts WHERE round_id = ? AND compound_id = ?').get(id, compoundId) as { due: number } | undefined;
    if (!row) throw new ApiError('NOT_FOUND', '该轮次没有这个小区');
    stmt(ctx.db, 'UPDATE test_counts SET tested = ? WHERE round_id = ? AND compound_id = ?').run(tested, id, compoundId);
    return { ok: true as const };
  },
};
