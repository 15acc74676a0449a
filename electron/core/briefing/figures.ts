import type Database from 'better-sqlite3-multiple-ciphers';
import type { BriefingFiguresData } from '../../../shared/api/briefing';
import type { Totals } from '../../../shared/domain/briefing-figures';
import { addDays } from '../../../shared/domain/days';
import { stmt } from '../db/statements';
import { inspectionDayFigures } from '../inspections/day-figures';
import { checkpointsAsOf, communityList, officeOf, placeDayFigures, placeMap } from '../places/day-figures';
import { keyPersonDayFigures, registrationsBetween, residentDayFigures } from '../residents/day-figures';
import { supplyDayFigures } from '../supplies/day-figures';
import { volunteerDayFigures } from '../volunteers/day-figures';

/**
 * A day's figures, counted from the rows that record them (never typed in, never cached):
 * the briefing freezes them, the 总览 shows today's. Each feature counts its own, "as of the
 * end of the day" wherever a state is counted, so the figures of a past day do not drift as
 * later days are recorded; this file only puts them together.
 */

type Db = Database.Database;

export { registrationsBetween };

/**
 * Per checkpoint, the day's registrations, from the per-day counts the registrations'
 * triggers keep (migration 0100; the registrations are 5 million rows on the bench).
 */
export function registrationsByCheckpoint(db: Db, day: string) {
  const counts = new Map(
    (
      stmt(db, 'SELECT checkpoint_id AS id, people, vehicles, abnormal, refused FROM registration_days WHERE day = ?').all(day) as {
        id: number;
        people: number;
        vehicles: number;
        abnormal: number;
        refused: number;
      }[]
    ).map((r) => [r.id, r]),
  );
  return checkpointsAsOf(db, day).map((k) => {
    const c = counts.get(k.id);
    return { ...k, people: c?.people ?? 0, vehicles: c?.vehicles ?? 0, abnormal: c?.abnormal ?? 0, refused: c?.refused ?? 0 };
  });
}

/** Every figure of the day, its tables, and the office for the printed map. */
export function dayFigures(db: Db, day: string, opts: { map?: boolean } = {}): BriefingFiguresData {
  const office = officeOf(db);
  const regs = registrationsByCheckpoint(db, day);
  const reg = regs.reduce(
    (a, r) => ({
      regPeople: a.regPeople + r.people,
      regVehicles: a.regVehicles + r.vehicles,
      regAbnormal: a.regAbnormal + r.abnormal,
      regRefused: a.regRefused + r.refused,
    }),
    { regPeople: 0, regVehicles: 0, regAbnormal: 0, regRefused: 0 },
  );
  const residents = residentDayFigures(db, day);
  const byCommunity = communityList(db).map((c) => {
    const mine = regs.filter((r) => r.communityId === c.id);
    const res = residents.byCommunity.get(c.id);
    return {
      name: c.name,
      checkpoints: mine.filter((r) => r.status === 'active').length,
      regPeople: mine.reduce((a, r) => a + r.people, 0),
      regVehicles: mine.reduce((a, r) => a + r.vehicles, 0),
      regAbnormal: mine.reduce((a, r) => a + r.abnormal, 0),
      keyUnder: res?.keyUnder ?? 0,
      screenHouseholds: res?.screenHouseholds ?? 0,
      screenReached: res?.screenReached ?? 0,
    };
  });
  const stock = supplyDayFigures(db, day);
  const totals: Totals = {
    ...placeDayFigures(db, day),
    ...volunteerDayFigures(db, day),
    ...reg,
    ...residents.totals,
    ...inspectionDayFigures(db, day),
    donations: stock.donations,
    plansIssued: stock.plansIssued,
    lowStockItems: stock.lowStockItems,
  };
  return {
    day,
    officeName: office.name,
    divisionCode: office.divisionCode,
    totals,
    campaignName: residents.campaignName,
    scarcest: stock.scarcest,
    byCommunity,
    supplies: stock.rows,
    alerts: residents.alerts,
    map: opts.map === false ? { compounds: [], checkpoints: [] } : placeMap(db, day),
  };
}

/** The series the 总览 draws: per day, registrations, people under measures and follow-ups. */
export function trend(db: Db, lastDay: string, days = 14) {
  const out = [];
  for (let k = days - 1; k >= 0; k--) {
    const day = addDays(lastDay, -k);
    const regs = registrationsByCheckpoint(db, day);
    const kp = keyPersonDayFigures(db, day);
    out.push({
      day,
      regPeople: regs.reduce((a, r) => a + r.people, 0),
      regVehicles: regs.reduce((a, r) => a + r.vehicles, 0),
      keyUnder: kp.keyUnder,
      followupsDue: kp.followupsDue,
      followupsDone: kp.followupsDone,
    });
  }
  return out;
}
