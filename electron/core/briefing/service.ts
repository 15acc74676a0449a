import type { briefing } from '../../../shared/api/briefing';
import { actor, type Handlers } from '../api/types';
import { officeOf } from '../places/day-figures';
import {
  briefingDay,
  countDay,
  frozenBriefing,
  generateBriefing,
  listBriefings,
  readBriefing,
  refuseSecond,
  regenerateBriefing,
  saveNarrative,
  versions,
} from './briefings';
import { briefingDocx } from './docx';
import { liveFigures } from './live';
import { reportWorkbook } from './report';
import { getRollup, importRollup, removeUnit } from './rollup';

export const briefingHandlers: Handlers<keyof typeof briefing> = {
  'dashboard.live': (_, { db, now, dataVersion }) => liveFigures(db, now(), dataVersion()),
  'system.changes': (_, ctx) => ({ version: ctx.dataVersion() }),
  'briefings.list': ({ year }, { db }) => listBriefings(db, year),
  'briefings.get': ({ id }, { db }) => readBriefing(db, id),
  // The day's figures are counted first (on a thread of their own in a big office), then written in one short transaction.
  'briefings.generate': async ({ day }, ctx) => {
    refuseSecond(ctx.db, day);
    const figures = await countDay(ctx.db, day);
    return ctx.db.transaction(() => generateBriefing(ctx.db, day, actor(ctx), figures)).immediate();
  },
  'briefings.regenerate': async ({ id }, ctx) => {
    const figures = await countDay(ctx.db, briefingDay(ctx.db, id));
    return ctx.db.transaction(() => regenerateBriefing(ctx.db, id, actor(ctx), figures)).immediate();
  },
  'briefings.saveNarrative': ({ id, narrative }, ctx) => {
    ctx.db.transaction(() => saveNarrative(ctx.db, id, narrative, actor(ctx))).immediate();
    return readBriefing(ctx.db, id);
  },
  'briefings.versions': ({ id }, { db }) => versions(db, id),
  'briefings.docx': ({ id, mapPng }, { db }) => briefingDocx(frozenBriefing(db, id), mapPng ? Buffer.from(mapPng, 'base64') : null),
  'briefings.workbook': ({ id }, { db }) => {
    const b = frozenBriefing(db, id);
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
    const office = officeOf(db);
    return reportWorkbook({ unitName: office.name, divisionCode: office.divisionCode, day, generatedAt: now().toISOString(), ...getRollup(db, day).sum });
  },
};
