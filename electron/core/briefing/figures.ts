import type Database from 'better-sqlite3-multiple-ciphers';
import type { BriefingFiguresData } from '../../../shared/api/briefing';
import type { Totals } from '../../../shared/domain/briefing-figures';
import { addDays, dayEnd, dayStart } from '../../../shared/domain/days';
import type { ControlLevelCode } from '../../../shared/domain/enums';
import { stmt } from '../db/statements';
import { dayCoverage } from '../inspections/disinfection';
import { coverDaysThreshold } from '../supplies/stock';
import { type PostRow, postShifts } from '../volunteers/roster';

/**
 * A day's figures, counted from the rows that record them (never typed in, never cached):
 * the briefing freezes them, the 总览 shows today's. "As of the end of the day" wherever a
 * state is counted, so the figures of a past day do not drift as later days are recorded.
 * Every query reads a range of an indexed column; the registrations (5 million rows on
 * the bench) are read from the per-day counts their triggers keep in step.
 */

type Db = Database.Database;
const one = <T = number>(db: Db, sql: string, ...params: unknown[]) => (stmt(db, sql).get(...params) as { n: T }).n;

/** Key persons under a measure at the end of a day: in their term, and not released or moved out by then. */
export const UNDER_MEASURE = `k.start_date <= :day AND k.end_date > :day
  AND NOT EXISTS (SELECT 1 FROM key_person_events e WHERE e.key_person_id = k.id AND e.status <> 'observing' AND e.ts < :end)
  AND (k.status = 'observing' OR EXISTS (SELECT 1 FROM key_person_events e WHERE e.key_person_id = k.id AND e.status <> 'observing'))`;

/**
 * A compound's control level and a checkpoint's state at the end of a day (:end), from
 * their history (migration 0150): yesterday's briefing is not changed by today's sealing
 * or today's new checkpoint.
 */
const LEVEL_AT = `(SELECT l.level FROM compound_levels l WHERE l.compound_id = c.id AND l.since < :end ORDER BY l.since DESC LIMIT 1)`;
const STATUS_AT = `(SELECT s.status FROM checkpoint_states s WHERE s.checkpoint_id = k.id AND s.since < :end ORDER BY s.since DESC LIMIT 1)`;

function places(db: Db, day: string) {
  const t = stmt(
    db,
    `SELECT (SELECT count(*) FROM communities) AS communities, (SELECT count(*) FROM compounds WHERE created_at < :end) AS compounds,
       (SELECT coalesce(sum(households), 0) FROM compounds WHERE created_at < :end) AS households,
       (SELECT coalesce(sum(population), 0) FROM compounds WHERE created_at < :end) AS population,
       (SELECT count(*) FROM compounds c WHERE ${LEVEL_AT} = 'sealed') AS compoundsSealed,
       (SELECT count(*) FROM compounds c WHERE ${LEVEL_AT} = 'controlled') AS compoundsControlled,
       (SELECT count(*) FROM compounds c WHERE ${LEVEL_AT} = 'precaution') AS compoundsPrecaution,
       (SELECT count(*) FROM checkpoints k WHERE ${STATUS_AT} = 'active') AS checkpoints,
       (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM teams) AS teams`,
  ).get({ end: dayEnd(day) }) as Pick<
    Totals,
    | 'communities'
    | 'compounds'
    | 'households'
    | 'population'
    | 'compoundsSealed'
    | 'compoundsControlled'
    | 'compoundsPrecaution'
    | 'checkpoints'
    | 'people'
    | 'teams'
  >;
  return t;
}

/** Per checkpoint, the day's registrations, from the counts the registrations' triggers keep (migration 0100). */
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
  return (
    stmt(db, `SELECT k.id, k.community_id AS communityId, coalesce(${STATUS_AT}, 'none') AS status FROM checkpoints k ORDER BY k.id`).all({
      end: dayEnd(day),
    }) as { id: number; communityId: number; status: string }[]
  ).map((k) => {
    const c = counts.get(k.id);
    return { ...k, people: c?.people ?? 0, vehicles: c?.vehicles ?? 0, abnormal: c?.abnormal ?? 0, refused: c?.refused ?? 0 };
  });
}

/** Registrations in [from, to): the (checkpoint_id, ts, …) covering index, one short range per checkpoint. */
export function registrationsBetween(db: Db, from: string, to: string) {
  const count = stmt(
    db,
    `SELECT coalesce(sum(subject = 'person'), 0) AS regPeople, coalesce(sum(subject = 'vehicle'), 0) AS regVehicles, coalesce(sum(abnormal), 0) AS regAbnormal, coalesce(sum(refused), 0) AS regRefused
     FROM registrations WHERE checkpoint_id = ? AND ts >= ? AND ts < ?`,
  );
  const out = { regPeople: 0, regVehicles: 0, regAbnormal: 0, regRefused: 0 };
  for (const { id } of stmt(db, 'SELECT id FROM checkpoints').all() as { id: number }[]) {
    const c = count.get(id, from, to) as typeof out;
    out.regPeople += c.regPeople;
    out.regVehicles += c.regVehicles;
    out.regAbnormal += c.regAbnormal;
    out.regRefused += c.regRefused;
  }
  return out;
}

/** Duty at checkpoints from the roster covering the day (the newest one if several do). */
function duty(db: Db, day: string) {
  const roster = stmt(
    db,
    "SELECT id, start_date FROM rosters WHERE start_date <= ? AND date(start_date, '+' || days || ' days') > ? ORDER BY id DESC LIMIT 1",
  ).get(day, day) as { id: number; start_date: string } | undefined;
  if (!roster) return { dutyNeeded: 0, dutyFilled: 0, dutyPeople: 0, dutyAbsent: 0 };
  const index = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${roster.start_date}T00:00:00Z`)) / 86_400_000);
  const posts = stmt(db, 'SELECT id, per_shift, pattern, custom_shifts FROM posts WHERE active = 1 AND checkpoint_id IS NOT NULL').all() as Pick<
    PostRow,
    'id' | 'per_shift' | 'pattern' | 'custom_shifts'
  >[];
  const present = new Map(
    (
      stmt(
        db,
        "SELECT post_id AS post, shift, sum(coalesce(attendance, '') <> 'absent') AS n FROM assignments WHERE roster_id = ? AND day = ? GROUP BY post_id, shift",
      ).all(roster.id, index) as { post: number; shift: number; n: number }[]
    ).map((r) => [`${r.post}:${r.shift}`, r.n]),
  );
  let dutyNeeded = 0;
  let dutyFilled = 0;
  for (const p of posts) {
    postShifts(p).forEach((_, shift) => {
      dutyNeeded += p.per_shift;
      dutyFilled += Math.min(p.per_shift, present.get(`${p.id}:${shift}`) ?? 0);
    });
  }
  const dutyAbsent = one(db, "SELECT count(*) AS n FROM assignments WHERE roster_id = ? AND day = ? AND attendance = 'absent'", roster.id, index);
  const dutyPeople = one(
    db,
    "SELECT count(DISTINCT person_id) AS n FROM assignments WHERE roster_id = ? AND day = ? AND coalesce(attendance, '') <> 'absent'",
    roster.id,
    index,
  );
  return { dutyNeeded, dutyFilled, dutyPeople, dutyAbsent };
}

function keyPersons(db: Db, day: string) {
  const p = { day, start: dayStart(day), end: dayEnd(day) };
  const byMeasure = Object.fromEntries(
    (stmt(db, `SELECT k.measure AS m, count(*) AS n FROM key_persons k WHERE ${UNDER_MEASURE} GROUP BY k.measure`).all(p) as { m: string; n: number }[]).map(
      (r) => [r.m, r.n],
    ),
  );
  const under = Object.values(byMeasure).reduce((a: number, b) => a + (b as number), 0);
  const followupsDone = one(
    db,
    `SELECT count(*) AS n FROM followups f JOIN key_persons k ON k.id = f.key_person_id WHERE f.day = :day AND ${UNDER_MEASURE}`,
    p,
  );
  const keyReleased = one(
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
    keyNew: one(db, 'SELECT count(*) AS n FROM key_persons WHERE start_date = ?', day),
    keyReleased,
    followupsDue: under * 2,
    followupsDone,
  };
}

/** The campaign under way on the day, else the latest one started before it. */
function campaignOf(db: Db, day: string) {
  return (stmt(db, 'SELECT id, name FROM campaigns WHERE start_date <= ? ORDER BY (end_date >= ?) DESC, start_date DESC, id DESC LIMIT 1').get(day, day) ??
    null) as {
    id: number;
    name: string;
  } | null;
}

/** Households in the campaign's scope and those reached by the end of the day, per community. */
function screeningByCommunity(db: Db, campaignId: number | null, day: string) {
  if (campaignId === null) return new Map<number, { households: number; reached: number }>();
  const rows = stmt(
    db,
    `SELECT p.community_id AS id, count(*) AS households,
       coalesce(sum(EXISTS (SELECT 1 FROM visits v WHERE v.campaign_id = :id AND v.household_id = h.id AND v.result IN ('done', 'vacant') AND v.day <= :day)), 0) AS reached
     FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds p ON p.id = b.compound_id
     WHERE (SELECT scope_all FROM campaigns WHERE id = :id) = 1 OR p.community_id IN (SELECT community_id FROM campaign_communities WHERE campaign_id = :id)
     GROUP BY p.community_id`,
  ).all({ id: campaignId, day }) as { id: number; households: number; reached: number }[];
  return new Map(rows.map((r) => [r.id, r]));
}

function supplies(db: Db, day: string) {
  const end = dayEnd(day);
  const from = dayStart(day);
  const weekFrom = dayStart(addDays(day, -6));
  const threshold = coverDaysThreshold(db);
  const items = stmt(db, 'SELECT id, name, unit, low_stock AS lowStock FROM supply_items ORDER BY id').all() as {
    id: number;
    name: string;
    unit: string;
    lowStock: number | null;
  }[];
  const sums = stmt(
    db,
    `SELECT coalesce(sum(qty), 0) AS onHand,
       coalesce(sum(CASE WHEN ts >= :from AND kind = 'issue' THEN -qty END), 0) AS issued,
       coalesce(sum(CASE WHEN ts >= :from AND kind IN ('purchase', 'upper', 'donation') THEN qty END), 0) AS received,
       coalesce(sum(CASE WHEN ts >= :week AND kind IN ('issue', 'use') THEN -qty END), 0) AS out7
     FROM stock_moves WHERE item_id = :item AND ts < :end`,
  );
  const rows = items.map((i) => {
    const s = sums.get({ item: i.id, from, week: weekFrom, end }) as { onHand: number; issued: number; received: number; out7: number };
    const out7 = Math.max(0, s.out7);
    const daysOfCover = out7 > 0 ? Math.round((s.onHand / (out7 / 7)) * 10) / 10 : null;
    const low = (i.lowStock !== null && s.onHand < i.lowStock) || (daysOfCover !== null && daysOfCover < threshold);
    return { name: i.name, unit: i.unit, issued: s.issued, received: s.received, onHand: s.onHand, daysOfCover, low };
  });
  const scarce = rows.filter((r) => r.daysOfCover !== null).sort((a, b) => a.daysOfCover! - b.daysOfCover!)[0];
  return {
    rows,
    scarcest: scarce ? { name: scarce.name, daysOfCover: scarce.daysOfCover! } : null,
    lowStockItems: rows.filter((r) => r.low).length,
    donations: one(db, 'SELECT count(*) AS n FROM donations WHERE received_on = ?', day),
    plansIssued: one(db, 'SELECT count(*) AS n FROM alloc_plans WHERE issued_at >= ? AND issued_at < ?', from, end),
  };
}

function alertsAndNeeds(db: Db, day: string) {
  const p = { start: dayStart(day), end: dayEnd(day) };
  return {
    alertsRaised: one(db, 'SELECT count(*) AS n FROM alerts WHERE ts >= :start AND ts < :end', p),
    alertsHandled: one(db, 'SELECT count(*) AS n FROM alerts WHERE ack_at >= :start AND ack_at < :end', p),
    alertsOpen: one(db, 'SELECT count(*) AS n FROM alerts WHERE ts < :end AND (ack_at IS NULL OR ack_at >= :end)', p),
    needsNew: one(db, 'SELECT count(*) AS n FROM needs WHERE created_at >= :start AND created_at < :end', p),
    needsDone: one(db, 'SELECT count(*) AS n FROM needs WHERE done_at >= :start AND done_at < :end', p),
    tested: one(db, 'SELECT coalesce(sum(c.tested), 0) AS n FROM test_rounds r JOIN test_counts c ON c.round_id = r.id WHERE r.day = ?', day),
  };
}

/** Inspections, the problems' state at the end of the day, and disinfection done against due. */
function inspectionFigures(db: Db, day: string) {
  const p = { day, start: dayStart(day), end: dayEnd(day) };
  const areas = dayCoverage(db, day);
  return {
    inspections: one(db, 'SELECT count(*) AS n FROM inspections WHERE day = :day', p),
    inspectedPlaces: one(db, 'SELECT count(*) AS n FROM inspection_targets t JOIN inspections i ON i.id = t.inspection_id WHERE i.day = :day', p),
    problemsNew: one(db, 'SELECT count(*) AS n FROM problems WHERE found_on = :day', p),
    problemsClosed: one(db, 'SELECT count(*) AS n FROM problems WHERE closed_at >= :start AND closed_at < :end', p),
    problemsOpen: one(db, 'SELECT count(*) AS n FROM problems WHERE found_on <= :day AND (closed_at IS NULL OR closed_at >= :end)', p),
    problemsOverdue: one(
      db,
      `SELECT count(*) AS n FROM problems WHERE deadline < :day AND found_on <= :day
         AND (closed_at IS NULL OR closed_at >= :end) AND (fixed_at IS NULL OR fixed_at >= :end)`,
      p,
    ),
    disinfectDue: areas.reduce((s, a) => s + a.perDay, 0),
    disinfectDone: areas.reduce((s, a) => s + a.done, 0),
    premises: one(db, "SELECT count(*) AS n FROM premises WHERE status = 'open'"),
  };
}

/** Every figure of the day, its tables, and the office for the printed map. */
export function dayFigures(db: Db, day: string, opts: { map?: boolean } = {}): BriefingFiguresData {
  const office = stmt(db, 'SELECT name, division_code AS divisionCode FROM office WHERE id = 1').get() as { name: string; divisionCode: string | null };
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
  const campaign = campaignOf(db, day);
  const screening = screeningByCommunity(db, campaign?.id ?? null, day);
  const keyByCommunity = new Map(
    (
      stmt(
        db,
        `SELECT p.community_id AS id, count(*) AS n FROM key_persons k JOIN compounds p ON p.id = k.compound_id WHERE ${UNDER_MEASURE} GROUP BY p.community_id`,
      ).all({
        day,
        start: dayStart(day),
        end: dayEnd(day),
      }) as { id: number; n: number }[]
    ).map((r) => [r.id, r.n]),
  );
  const byCommunity = (stmt(db, 'SELECT id, name FROM communities ORDER BY id').all() as { id: number; name: string }[]).map((c) => {
    const mine = regs.filter((r) => r.communityId === c.id);
    return {
      name: c.name,
      checkpoints: mine.filter((r) => r.status === 'active').length,
      regPeople: mine.reduce((a, r) => a + r.people, 0),
      regVehicles: mine.reduce((a, r) => a + r.vehicles, 0),
      regAbnormal: mine.reduce((a, r) => a + r.abnormal, 0),
      keyUnder: keyByCommunity.get(c.id) ?? 0,
      screenHouseholds: screening.get(c.id)?.households ?? 0,
      screenReached: screening.get(c.id)?.reached ?? 0,
    };
  });
  const stock = supplies(db, day);
  const totals: Totals = {
    ...places(db, day),
    ...duty(db, day),
    ...reg,
    ...keyPersons(db, day),
    screenHouseholds: [...screening.values()].reduce((a, r) => a + r.households, 0),
    screenReached: [...screening.values()].reduce((a, r) => a + r.reached, 0),
    ...alertsAndNeeds(db, day),
    ...inspectionFigures(db, day),
    donations: stock.donations,
    plansIssued: stock.plansIssued,
    lowStockItems: stock.lowStockItems,
  };
  const alerts = (
    stmt(db, 'SELECT ts, kind, message, ack_at IS NOT NULL AND ack_at < :end AS handled FROM alerts WHERE ts >= :start AND ts < :end ORDER BY ts LIMIT 30').all(
      {
        start: dayStart(day),
        end: dayEnd(day),
      },
    ) as { ts: string; kind: 'temperature' | 'followup'; message: string; handled: number }[]
  ).map((a) => ({ ...a, handled: a.handled === 1 }));
  return {
    day,
    officeName: office.name,
    divisionCode: office.divisionCode,
    totals,
    campaignName: campaign?.name ?? null,
    scarcest: stock.scarcest,
    byCommunity,
    supplies: stock.rows,
    alerts,
    map: opts.map === false ? { compounds: [], checkpoints: [] } : officeMap(db, day),
  };
}

/** Points for the printed map (a briefing stays as it was printed, so they are frozen with it). */
function officeMap(db: Db, day: string) {
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

/** The series the 总览 draws: per day, registrations, people under measures and follow-ups. */
export function trend(db: Db, lastDay: string, days = 14) {
  const out = [];
  for (let k = days - 1; k >= 0; k--) {
    const day = addDays(lastDay, -k);
    const regs = registrationsByCheckpoint(db, day);
    const kp = keyPersons(db, day);
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
