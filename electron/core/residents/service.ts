import type { residents } from '../../../shared/api/residents';
import { entityCtx, type Ctx, type Handlers } from '../api/types';
import { stmt } from '../db/statements';
import { listRows } from '../places/entity';
import { acknowledge, dailyCounts, listRegistrations, openAlerts, register } from './registrations';
import { residentsDef } from './residents';

const who = (ctx: Ctx) => ({ username: ctx.user?.username ?? 'system', now: ctx.now() });

export const residentHandlers: Handlers<keyof typeof residents> = {
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
  'alerts.open': (_, ctx) => openAlerts(ctx.db),
  'alerts.ack': ({ id, action }, ctx) => {
    acknowledge(ctx.db, id, action, who(ctx));
    return { ok: true as const };
  },
};
