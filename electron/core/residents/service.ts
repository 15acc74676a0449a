import type { campaigns } from '../../../shared/api/campaigns';
import type { keyPersons } from '../../../shared/api/key-persons';
import type { residents } from '../../../shared/api/residents';
import { entityCtx, type Ctx, type Handlers } from '../api/types';
import { stmt } from '../db/statements';
import { listRows } from '../places/entity';
import { acknowledge, dailyCounts, listRegistrations, openAlerts, register } from './registrations';
import { residentsDef } from './residents';
import { cleanupPersonal } from './cleanup';
import { campaignSummary, coverageBy, createCampaign, recordVisit, unreached } from './campaigns';
import { backupNow } from '../db/backup';
import { createKeyPerson, dueList, getKeyPerson, history, listKeyPersons, measureDays, recordFollowup, setMeasureDays, setStatus } from './key-persons';

const who = (ctx: Ctx) => ({ username: ctx.user?.username ?? 'system', now: ctx.now() });

export const residentHandlers: Handlers<keyof typeof residents | keyof typeof keyPersons | keyof typeof campaigns> = {
  'residents.list': (input, ctx) => listRows(entityCtx(ctx), residentsDef, input),
  'residents.buildings': ({ compoundId }, ctx) =>
    stmt(
      ctx.db,
      `SELECT b.id, b.name, (SELECT count(*) FROM households h WHERE h.building_id = b.id) AS households,
         (SELECT count(*) FROM residents r JOIN households h ON h.id = r.household_id WHERE h.building_id = b.id) AS residents
       FROM buildings b WHERE b.compound_id = ? ORDER BY length(b.name), b.name`,
    ).all(compoundId) as never,
  'registrations.create': (input, ctx) => register(ctx.db, input, who(ctx)),
  'registrations.list': (input, ctx) => listRegistrations(ctx.db, input),
  'registrations.daily': ({ day }, ctx) => dailyCounts(ctx.db, day),
  'personal.cleanup': async ({ before }, ctx) => {
    await backupNow(ctx.db, ctx.backupDir, 'precleanup', ctx.now());
    const counts = ctx.db.transaction(() => cleanupPersonal(ctx.db, before)).immediate();
    // Freed pages are rewritten away; the WAL is emptied so no old page survives beside the file.
    ctx.db.exec('VACUUM');
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    return counts;
  },
  'alerts.open': (_, ctx) => openAlerts(ctx.db),
  'alerts.ack': ({ id, action }, ctx) => {
    acknowledge(ctx.db, id, action, who(ctx));
    return { ok: true as const };
  },
  'keyPersons.list': (input, ctx) => listKeyPersons(ctx.db, input),
  'keyPersons.create': (input, ctx) => createKeyPerson(ctx.db, input, who(ctx)),
  'keyPersons.setStatus': ({ id, status, note }, ctx) => {
    setStatus(ctx.db, id, status, note, who(ctx));
    return { ok: true as const };
  },
  'keyPersons.history': ({ id }, ctx) => (getKeyPerson(ctx.db, id), history(ctx.db, id)),
  'keyPersons.settings': (_, ctx) => measureDays(ctx.db),
  'keyPersons.setSettings': ({ days }, ctx) => setMeasureDays(ctx.db, days),
  'followups.due': (input, ctx) => dueList(ctx.db, input, ctx.now()),
  'followups.record': (input, ctx) => recordFollowup(ctx.db, input, who(ctx)),
  'campaigns.list': (_, ctx) => (stmt(ctx.db, 'SELECT id FROM campaigns ORDER BY start_date DESC, id DESC').all() as { id: number }[]).map((c) => campaignSummary(ctx.db, c.id)),
  'campaigns.create': (input, ctx) => createCampaign(ctx.db, input, who(ctx)),
  'campaigns.coverage': ({ id, by, parentId }, ctx) => coverageBy(ctx.db, id, by, parentId),
  'campaigns.unreached': (input, ctx) => unreached(ctx.db, input),
  'visits.record': (input, ctx) => recordVisit(ctx.db, input, who(ctx)),
};
