import type Database from 'better-sqlite3-multiple-ciphers';
import { dayEnd, dayStart } from '../../../shared/domain/days';
import { stmt } from '../db/statements';
import { dayCoverage } from './disinfection';

/**
 * Inspections' figures of one day: the inspections of the day, the problems' state at its
 * end (found, fixed and closed are dated, so a past day stays as it was), and disinfection
 * done against due. Open premises are counted as registered now (no history kept).
 */

type Db = Database.Database;

export interface InspectionDayFigures {
  inspections: number;
  inspectedPlaces: number;
  problemsNew: number;
  problemsClosed: number;
  problemsOpen: number;
  problemsOverdue: number;
  disinfectDue: number;
  disinfectDone: number;
  premises: number;
}

export function inspectionDayFigures(db: Db, day: string): InspectionDayFigures {
  const p = { day, start: dayStart(day), end: dayEnd(day) };
  const count = (sql: string, ...params: unknown[]) => (stmt(db, sql).get(...params) as { n: number }).n;
  const areas = dayCoverage(db, day);
  return {
    inspections: count('SELECT count(*) AS n FROM inspections WHERE day = :day', p),
    inspectedPlaces: count('SELECT count(*) AS n FROM inspection_targets t JOIN inspections i ON i.id = t.inspection_id WHERE i.day = :day', p),
    problemsNew: count('SELECT count(*) AS n FROM problems WHERE found_on = :day', p),
    problemsClosed: count('SELECT count(*) AS n FROM problems WHERE closed_at >= :start AND closed_at < :end', p),
    problemsOpen: count('SELECT count(*) AS n FROM problems WHERE found_on <= :day AND (closed_at IS NULL OR closed_at >= :end)', p),
    problemsOverdue: count(
      `SELECT count(*) AS n FROM problems WHERE deadline < :day AND found_on <= :day
         AND (closed_at IS NULL OR closed_at >= :end) AND (fixed_at IS NULL OR fixed_at >= :end)`,
      p,
    ),
    disinfectDue: areas.reduce((s, a) => s + a.perDay, 0),
    disinfectDone: areas.reduce((s, a) => s + a.done, 0),
    premises: count("SELECT count(*) AS n FROM premises WHERE status = 'open'"),
  };
}
