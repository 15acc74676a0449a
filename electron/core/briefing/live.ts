import type Database from 'better-sqlite3-multiple-ciphers';
import { addDays, dayStart, localDay } from '../../../shared/domain/days';
import { shiftStaffing } from '../volunteers/day-figures';
import { dayFigures, registrationsBetween, trend } from './figures';

/** 总览's live figures: today's, yesterday's whole and up to this time, the shift on duty and the 14-day trend. */
function countLive(db: Database.Database, at: Date) {
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
}

type Live = ReturnType<typeof countLive>;

/** Per connection (a reset or restore opens a new one), the last figures and what they were counted for. */
const counted = new WeakMap<Database.Database, { key: string; live: Live }>();

/**
 * Every PC with 总览 open asks again after each change anywhere in the office, and the count
 * takes a few hundred ms on a large office's thread: ten PCs after one registration would hold
 * every caller up for seconds. The figures are the same for all of them (they are the office's,
 * not a user's), so they are counted once per data version and minute (the minute moves
 * "yesterday up to this time" and the shift on duty) and shared.
 */
export function liveFigures(db: Database.Database, at: Date, dataVersion: string): Live {
  const key = `${dataVersion}|${Math.floor(at.getTime() / 60_000)}`;
  const last = counted.get(db);
  if (last?.key === key) return last.live;
  const live = countLive(db, at);
  counted.set(db, { key, live });
  return live;
}
