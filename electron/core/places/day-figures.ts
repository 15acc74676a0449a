import type Database from 'better-sqlite3-multiple-ciphers';
import { dayEnd } from '../../../shared/domain/days';
import type { ControlLevelCode } from '../../../shared/domain/enums';
import { stmt } from '../db/statements';

/**
 * The territory's figures of one day, as of its end: a compound's control level and a
 * checkpoint's state come from their history (migration 0150), so yesterday's briefing is
 * not changed by today's sealing or today's new checkpoint.
 */

type Db = Database.Database;

const LEVEL_AT = `(SELECT l.level FROM compound_levels l WHERE l.compound_id = c.id AND l.since < :end ORDER BY l.since DESC LIMIT 1)`;
const STATUS_AT = `(SELECT s.status FROM checkpoint_states s WHERE s.checkpoint_id = k.id AND s.since < :end ORDER BY s.since DESC LIMIT 1)`;

export interface PlaceDayFigures {
  communities: number;
  compounds: number;
  households: number;
  population: number;
  compoundsSealed: number;
  compoundsControlled: number;
  compoundsPrecaution: number;
  /** Checkpoints active at the end of the day. */
  checkpoints: number;
}

export function placeDayFigures(db: Db, day: string): PlaceDayFigures {
  return stmt(
    db,
    `SELECT (SELECT count(*) FROM communities) AS communities, (SELECT count(*) FROM compounds WHERE created_at < :end) AS compounds,
       (SELECT coalesce(sum(households), 0) FROM compounds WHERE created_at < :end) AS households,
       (SELECT coalesce(sum(population), 0) FROM compounds WHERE created_at < :end) AS population,
       (SELECT count(*) FROM compounds c WHERE ${LEVEL_AT} = 'sealed') AS compoundsSealed,
       (SELECT count(*) FROM compounds c WHERE ${LEVEL_AT} = 'controlled') AS compoundsControlled,
       (SELECT count(*) FROM compounds c WHERE ${LEVEL_AT} = 'precaution') AS compoundsPrecaution,
       (SELECT count(*) FROM checkpoints k WHERE ${STATUS_AT} = 'active') AS checkpoints`,
  ).get({ end: dayEnd(day) }) as PlaceDayFigures;
}

/** Every checkpoint with its community and its state at the end of the day ('none' before it existed). */
export function checkpointsAsOf(db: Db, day: string) {
  return stmt(db, `SELECT k.id, k.community_id AS communityId, coalesce(${STATUS_AT}, 'none') AS status FROM checkpoints k ORDER BY k.id`).all({
    end: dayEnd(day),
  }) as { id: number; communityId: number; status: string }[];
}

export const communityList = (db: Db) => stmt(db, 'SELECT id, name FROM communities ORDER BY id').all() as { id: number; name: string }[];

export const officeOf = (db: Db) =>
  stmt(db, 'SELECT name, division_code AS divisionCode FROM office WHERE id = 1').get() as { name: string; divisionCode: string | null };

/** Points for the printed map as of the end of the day: compounds with their level, active checkpoints. */
export function placeMap(db: Db, day: string) {
  const end = { end: dayEnd(day) };
  const compounds = (
    stmt(db, `SELECT lng, lat, ${LEVEL_AT} AS level FROM compounds c WHERE lng IS NOT NULL AND lat IS NOT NULL AND created_at < :end ORDER BY id`).all(end) as {
      lng: number;
      lat: number;
      level: ControlLevelCode;
    }[]
  ).map((c) => [c.lng, c.lat, c.level] as [number, number, ControlLevelCode]);
  const checkpoints = (
    stmt(db, `SELECT lng, lat FROM checkpoints k WHERE ${STATUS_AT} = 'active' AND lng IS NOT NULL AND lat IS NOT NULL ORDER BY id`).all(end) as {
      lng: number;
      lat: number;
    }[]
  ).map((c) => [c.lng, c.lat] as [number, number]);
  return { compounds, checkpoints };
}
