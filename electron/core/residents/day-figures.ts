import type Database from 'better-sqlite3-multiple-ciphers';
import { dayEnd, dayStart } from '../../../shared/domain/days';
import { stmt } from '../db/statements';

/**
 * Residents' figures of one day, as of its end: key persons under a measure (their events
 * are dated, so a release today leaves yesterday's count alone), follow-ups, the screening
 * campaign's reach, alerts, needs and tests.
 */

type Db = Database.Database;
type Params = { day: string; start: string; end: string };

const params = (day: string): Params => ({ day, start: dayStart(day), end: dayEnd(day) });
const count = (db: Db, sql: string, ...p: unknown[]) => (stmt(db, sql).get(...p) as { n: number }).n;

/** Key persons under a measure at the end of a day: in their term, and not released or moved out by then. */
const UNDER_MEASURE = `k.start_date <= :day AND k.end_date > :day
  AND NOT EXISTS (SELECT 1 FROM key_person_events e WHERE e.key_person_id = k.id AND e.status <> 'observing' AND e.ts < :end)
  AND (k.status = 'observing' OR EXISTS (SELECT 1 FROM key_person_events e WHERE e.key_person_id = k.id AND e.status <> 'observing'))`;

export interface KeyPersonDayFigures {
  keyUnder: number;
  keyHomeObservation: number;
  keyHomeIsolation: number;
  keyCentralQuarantine: number;
  keyHealthMonitoring: number;
  keyNew: number;
  keyReleased: number;
  /** Two follow-ups a day for each person under a measure. */
  followupsDue: number;
  followupsDone: number;
}

export function keyPersonDayFigures(db: Db, day: string): KeyPersonDayFigures {
  const p = params(day);
  const byMeasure = Object.fromEntries(
    (stmt(db, `SELECT k.measure AS m, count(*) AS n FROM key_persons k WHERE ${UNDER_MEASURE} GROUP BY k.measure`).all(p) as { m: string; n: number }[]).map(
      (r) => [r.m, r.n],
    ),
  ) as Record<string, number>;
  const under = Object.values(byMeasure).reduce((a, b) => a + b, 0);
  const followupsDone = count(
    db,
    `SELECT count(*) AS n FROM followups f JOIN key_persons k ON k.id = f.key_person_id WHERE f.day = :day AND ${UNDER_MEASURE}`,
    p,
  );
  const keyReleased = count(
    db,
    `SELECT count(*) AS n FROM key_persons k WHERE
       EXISTS (SELECT 1 FROM key_person_events e WHERE e.key_person_id = k.id AND e.status = 'released' AND e.ts >= :start AND e.ts < :end)
       OR (k.end_date = :day AND k.start_date < :day AND NOT EXISTS (SELECT 1 FROM key_person_events e WHERE e.key_person_id = k.id AND e.status <> 'observing' AND e.ts < :start))`,
    p,
  );
  return {
    keyUnder: under,
    keyHomeObservation: byMeasure.homeObservation ?? 0,
    keyHomeIsolation: byMeasure.homeIsolation ?? 0,
    keyCentralQuarantine: byMeasure.centralQuarantine ?? 0,
    keyHealthMonitoring: byMeasure.healthMonitoring ?? 0,
    keyNew: count(db, 'SELECT count(*) AS n FROM key_persons WHERE start_date = ?', day),
    keyReleased,
    followupsDue: under * 2,
    followupsDone,
  };
}

/** The campaign under way on the day, else the latest one started before it. */
function campaignOf(db: Db, day: string) {
  return (stmt(db, 'SELECT id, name FROM campaigns WHERE start_date <= ? ORDER BY (end_date >= ?) DESC, start_date DESC, id DESC LIMIT 1').get(day, day) ??
    null) as { id: number; name: string } | null;
}

/** A campaign's communities: all of them for an office-wide campaign. */
const IN_CAMPAIGN = `((SELECT scope_all FROM campaigns WHERE id = :id) = 1 OR p.community_id IN (SELECT community_id FROM campaign_communities WHERE campaign_id = :id))`;

/**
 * Households in the campaign's scope and those reached by the end of the day, per community.
 * Reached is counted from the campaign's visits (an index range), not by asking each of the
 * office's ~50,000 households whether it was visited: 总览 counts this on every refresh.
 */
function screeningByCommunity(db: Db, campaignId: number | null, day: string) {
  if (campaignId === null) return [];
  const households = stmt(
    db,
    `SELECT p.community_id AS id, count(*) AS n
     FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds p ON p.id = b.compound_id
     WHERE ${IN_CAMPAIGN} GROUP BY p.community_id`,
  ).all({ id: campaignId }) as { id: number; n: number }[];
  const reached = new Map(
    (
      stmt(
        db,
        `SELECT p.community_id AS id, count(DISTINCT v.household_id) AS n
         FROM visits v JOIN households h ON h.id = v.household_id JOIN buildings b ON b.id = h.building_id JOIN compounds p ON p.id = b.compound_id
         WHERE v.campaign_id = :id AND v.result IN ('done', 'vacant') AND v.day <= :day AND ${IN_CAMPAIGN}
         GROUP BY p.community_id`,
      ).all({ id: campaignId, day }) as { id: number; n: number }[]
    ).map((r) => [r.id, r.n]),
  );
  return households.map((h) => ({ id: h.id, households: h.n, reached: reached.get(h.id) ?? 0 }));
}

export interface ResidentDayFigures {
  totals: KeyPersonDayFigures & {
    screenHouseholds: number;
    screenReached: number;
    alertsRaised: number;
    alertsHandled: number;
    alertsOpen: number;
    needsNew: number;
    needsDone: number;
    tested: number;
  };
  campaignName: string | null;
  /** Per community id: key persons under a measure, households to screen and reached. */
  byCommunity: Map<number, { keyUnder: number; screenHouseholds: number; screenReached: number }>;
  /** The day's alerts (the first 30), handled if acknowledged by the end of the day. */
  alerts: { ts: string; kind: 'temperature' | 'followup'; message: string; handled: boolean }[];
}

export function residentDayFigures(db: Db, day: string): ResidentDayFigures {
  const p = params(day);
  const campaign = campaignOf(db, day);
  const screening = screeningByCommunity(db, campaign?.id ?? null, day);
  const byCommunity: ResidentDayFigures['byCommunity'] = new Map();
  const of = (id: number) => byCommunity.get(id) ?? byCommunity.set(id, { keyUnder: 0, screenHouseholds: 0, screenReached: 0 }).get(id)!;
  for (const s of screening) Object.assign(of(s.id), { screenHouseholds: s.households, screenReached: s.reached });
  const keyRows = stmt(
    db,
    `SELECT p.community_id AS id, count(*) AS n FROM key_persons k JOIN compounds p ON p.id = k.compound_id WHERE ${UNDER_MEASURE} GROUP BY p.community_id`,
  ).all(p) as { id: number; n: number }[];
  for (const k of keyRows) of(k.id).keyUnder = k.n;
  const alerts = (
    stmt(db, 'SELECT ts, kind, message, ack_at IS NOT NULL AND ack_at < :end AS handled FROM alerts WHERE ts >= :start AND ts < :end ORDER BY ts LIMIT 30').all(
      p,
    ) as { ts: string; kind: 'temperature' | 'followup'; message: string; handled: number }[]
  ).map((a) => ({ ...a, handled: a.handled === 1 }));
  return {
    totals: {
      ...keyPersonDayFigures(db, day),
      screenHouseholds: screening.reduce((a, r) => a + r.households, 0),
      screenReached: screening.reduce((a, r) => a + r.reached, 0),
      alertsRaised: count(db, 'SELECT count(*) AS n FROM alerts WHERE ts >= :start AND ts < :end', p),
      alertsHandled: count(db, 'SELECT count(*) AS n FROM alerts WHERE ack_at >= :start AND ack_at < :end', p),
      alertsOpen: count(db, 'SELECT count(*) AS n FROM alerts WHERE ts < :end AND (ack_at IS NULL OR ack_at >= :end)', p),
      needsNew: count(db, 'SELECT count(*) AS n FROM needs WHERE created_at >= :start AND created_at < :end', p),
      needsDone: count(db, 'SELECT count(*) AS n FROM needs WHERE done_at >= :start AND done_at < :end', p),
      tested: count(db, 'SELECT coalesce(sum(c.tested), 0) AS n FROM test_rounds r JOIN test_counts c ON c.round_id = r.id WHERE r.day = ?', day),
    },
    campaignName: campaign?.name ?? null,
    byCommunity,
    alerts,
  };
}

/** Registrations in [from, to): the (checkpoint_id, ts, …) covering index, one short range per checkpoint. */
export function registrationsBetween(db: Db, from: string, to: string) {
  const sums = stmt(
    db,
    `SELECT coalesce(sum(subject = 'person'), 0) AS regPeople, coalesce(sum(subject = 'vehicle'), 0) AS regVehicles, coalesce(sum(abnormal), 0) AS regAbnormal, coalesce(sum(refused), 0) AS regRefused
     FROM registrations WHERE checkpoint_id = ? AND ts >= ? AND ts < ?`,
  );
  const out = { regPeople: 0, regVehicles: 0, regAbnormal: 0, regRefused: 0 };
  for (const { id } of stmt(db, 'SELECT id FROM checkpoints').all() as { id: number }[]) {
    const c = sums.get(id, from, to) as typeof out;
    out.regPeople += c.regPeople;
    out.regVehicles += c.regVehicles;
    out.regAbnormal += c.regAbnormal;
    out.regRefused += c.regRefused;
  }
  return out;
}
