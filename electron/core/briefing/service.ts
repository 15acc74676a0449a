import type { briefing } from '../../../shared/api/briefing';
import { addDays, dayStart, localDay } from '../../../shared/domain/days';
import { actor, type Handlers } from '../api/types';
import { stmt } from '../db/statements';
import { currentStaffing } from '../volunteers/staffing';
import { generateBriefing, getBriefing, listBriefings, regenerateBriefing, saveNarrative, versions } from './briefings';
import { briefingDocx } from './docx';
import { dayFigures, registrationsBetween, trend } from './figures';
import { reportWorkbook } from './report';
import { getRollup, importRollup, removeUnit } from './rollup';

/** Checkpoints a roster covers this shift, and those standing with fewer people than needed. */
function shiftStaffing(db: Parameters<typeof currentStaffing>[0], now: Date) {
  const byCheckpoint = new Map<number, { need: number; have: number }>();
  for (const s of currentStaffing(db, now)) {
    const v = byCheckpoint.get(s.checkpointId) ?? { need: 0, have: 0 };
    v.need += s.need;
    v.have += s.have;
    byCheckpoint.set(s.checkpointId, v);
  }
  const names = new Map((stmt(db, 'SELECT id, name FROM checkpoints').all() as { id: number; name: string }[]).map((r) => [r.id, r.name]));
  const short = [...byCheckpoint].filter(([, v]) => v.have < v.need).map(([id]) => names.get(id) ?? `卡点 ${id}`);
  return { required: byCheckpoint.size, staffed: byCheckpoint.size - short.length, short: short.slice(0, 20) };
}

export const briefingHandlers: Handlers<keyof typeof briefing> = {
  'dashboard.live': (_, { db, now }) => {
    const at = now();
    const today = localDay(at);
    const { map: _map, ...figures } = dayFigures(db, today, { map: false });
    return {
      now: at.toISOString(),
      today: figures,
      yesterday: dayFigures(db, addDays(today, -1), { map: false }).totals,
      yesterdaySoFar: registrationsBetween(db, dayStart(addDays(today, -1)), new Date(at.getTime() - 86_400_000).toISOString()),
      shift: shiftStaffing(db, at),
      trend: trend(db, addDays(today, -1), 14),
    };
  },
  'system.changes': (_, ctx) => ({ version: ctx.dataVersion() }),
  'briefings.list': ({ year }, { db }) => listBriefings(db, year),
  'briefings.get': ({ id }, { db }) => getBriefing(db, id),
  'briefings.generate': ({ day }, ctx) => generateBriefing(ctx.db, day, actor(ctx)),
  'briefings.regenerate': ({ id }, ctx) => regenerateBriefing(ctx.db, id, actor(ctx)),
  'briefings.saveNarrative': ({ id, narrative }, ctx) => saveNarrative(ctx.db, id, narrative, actor(ctx)),
  'briefings.versions': ({ id }, { db }) => versions(db, id),
  'briefings.docx': ({ id, mapPng }, { db }) => briefingDocx(getBriefing(db, id), mapPng ? Buffer.from(mapPng, 'base64') : null),
  'briefings.workbook': ({ id }, { db }) => {
    const b = getBriefing(db, id);
    return reportWorkbook({
      unitName: b.figures.officeName,
      divisionCode: b.figures.divisionCode,
      day: b.day,
      generatedAt: b.generatedAt,
      ...b.figures.totals,
    });
  },
  'rollup.import': ({ day, files }, ctx) => importRollup(ctx.db, day, files, actor(ctx)),
  'rollup.get': ({ day }, { db }) => getRollup(db, day),
  'rollup.remove': ({ day, unitName }, { db }) => removeUnit(db, day, unitName),
  'rollup.workbook': ({ day }, { db, now }) => {
    const office = stmt(db, 'SELECT name, division_code AS divisionCode FROM office WHERE id = 1').get() as { name: string; divisionCode: string | null };
    return reportWorkbook({ unitName: office.name, divisionCode: office.divisionCode, day, generatedAt: now().toISOString(), ...getRollup(db, day).sum });
  },
};
