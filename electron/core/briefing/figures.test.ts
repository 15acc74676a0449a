import type Database from 'better-sqlite3-multiple-ciphers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BriefingData } from '../../../shared/api/briefing';
import { FIGURE_KEYS, type Totals } from '../../../shared/domain/briefing-figures';
import { addDays, localDay } from '../../../shared/domain/days';
import type { Core } from '../registry/core';
import type { Call } from '../../../test/helpers/sessions';
import { dataOf, manualClock, openSignedIn, SLOW_MS } from '../../../test/helpers/temp-core';
import { shiftsOf } from '../../../shared/domain/shifts';

/**
 * The briefing's figures against the rows behind them, counted the other way: every row
 * read into JavaScript and sorted into Beijing days here, where the core counts index
 * ranges in SQL. Both must agree on the demo office with its residents, key persons,
 * registrations, rosters and stock, plus a day of extra activity made through the API.
 */

const NOW = '2026-11-20T02:00:00Z'; // 10:00 in Beijing
const DAY = '2026-11-19';

let core: Core;
let call: Call;

const rows = <T>(db: Database.Database, sql: string, ...p: unknown[]) => db.prepare(sql).all(...p) as T[];
const dayOf = (iso: string | null) => (iso ? localDay(new Date(iso)) : null);

/** Every figure, counted from raw rows in JavaScript. */
function countByHand(db: Database.Database, day: string): Totals {
  const compounds = rows<{ households: number; population: number; control_level: string }>(db, 'SELECT households, population, control_level FROM compounds');
  const checkpoints = rows<{ id: number; status: string }>(db, 'SELECT id, status FROM checkpoints');
  const regs = rows<{ ts: string; subject: string; abnormal: number; refused: number }>(db, 'SELECT ts, subject, abnormal, refused FROM registrations').filter(
    (r) => dayOf(r.ts) === day,
  );

  // Duty: the newest roster covering the day, its checkpoint posts' shifts, who stood.
  const roster = rows<{ id: number; start_date: string; days: number }>(db, 'SELECT id, start_date, days FROM rosters ORDER BY id DESC').find(
    (r) => r.start_date <= day && addDays(r.start_date, r.days) > day,
  );
  let dutyNeeded = 0;
  let dutyFilled = 0;
  let dutyPeople = 0;
  let dutyAbsent = 0;
  if (roster) {
    const index = Math.round((Date.parse(day) - Date.parse(roster.start_date)) / 86_400_000);
    const posts = rows<{ id: number; per_shift: number; pattern: string; custom_shifts: string | null; checkpoint_id: number | null; active: number }>(
      db,
      'SELECT * FROM posts',
    );
    const asg = rows<{ post_id: number; shift: number; person_id: number; attendance: string | null; day: number }>(
      db,
      'SELECT * FROM assignments WHERE roster_id = ?',
      roster.id,
    ).filter((a) => a.day === index);
    for (const p of posts.filter((p) => p.active === 1 && p.checkpoint_id !== null)) {
      shiftsOf(p.pattern as never, p.custom_shifts ? JSON.parse(p.custom_shifts) : null).forEach((_, shift) => {
        dutyNeeded += p.per_shift;
        dutyFilled += Math.min(p.per_shift, asg.filter((a) => a.post_id === p.id && a.shift === shift && a.attendance !== 'absent').length);
      });
    }
    dutyPeople = new Set(asg.filter((a) => a.attendance !== 'absent').map((a) => a.person_id)).size;
    dutyAbsent = asg.filter((a) => a.attendance === 'absent').length;
  }

  // Key persons: in term on the day, and no move out of 观察中 recorded before the day ended.
  const events = rows<{ key_person_id: number; ts: string; status: string }>(db, 'SELECT key_person_id, ts, status FROM key_person_events');
  const outBy = (id: number, dayIncl: string) => events.some((e) => e.key_person_id === id && e.status !== 'observing' && dayOf(e.ts)! <= dayIncl);
  const kps = rows<{ id: number; measure: string; start_date: string; end_date: string; status: string }>(
    db,
    'SELECT id, measure, start_date, end_date, status FROM key_persons',
  );
  const under = kps.filter(
    (k) =>
      k.start_date <= day &&
      k.end_date > day &&
      !outBy(k.id, day) &&
      (k.status === 'observing' || events.some((e) => e.key_person_id === k.id && e.status !== 'observing')),
  );
  const underIds = new Set(under.map((k) => k.id));
  const released = kps.filter(
    (k) =>
      events.some((e) => e.key_person_id === k.id && e.status === 'released' && dayOf(e.ts) === day) ||
      (k.end_date === day && k.start_date < day && !outBy(k.id, addDays(day, -1))),
  );

  // Screening: the campaign under way on the day (else the latest before it); households reached by then.
  const campaigns = rows<{ id: number; start_date: string; end_date: string; scope_all: number }>(
    db,
    'SELECT * FROM campaigns ORDER BY start_date DESC, id DESC',
  ).filter((c) => c.start_date <= day);
  const campaign = campaigns.find((c) => c.end_date >= day) ?? campaigns[0];
  let screenHouseholds = 0;
  let screenReached = 0;
  if (campaign) {
    const inScope = new Set(
      rows<{ community_id: number }>(db, 'SELECT community_id FROM campaign_communities WHERE campaign_id = ?', campaign.id).map((r) => r.community_id),
    );
    const hh = rows<{ id: number; community_id: number }>(
      db,
      'SELECT h.id, p.community_id FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds p ON p.id = b.compound_id',
    ).filter((h) => campaign.scope_all === 1 || inScope.has(h.community_id));
    const reached = new Set(
      rows<{ household_id: number; day: string; result: string }>(db, 'SELECT household_id, day, result FROM visits WHERE campaign_id = ?', campaign.id)
        .filter((v) => v.day <= day && (v.result === 'done' || v.result === 'vacant'))
        .map((v) => v.household_id),
    );
    screenHouseholds = hh.length;
    screenReached = hh.filter((h) => reached.has(h.id)).length;
  }

  // Stock: every ledger row up to the end of the day.
  const moves = rows<{ item_id: number; ts: string; qty: number; kind: string }>(db, 'SELECT item_id, ts, qty, kind FROM stock_moves');
  const items = rows<{ id: number; low_stock: number | null }>(db, 'SELECT id, low_stock FROM supply_items');
  const threshold = Number((db.prepare("SELECT value FROM app_settings WHERE key = 'supplies_cover_days'").get() as { value: string } | undefined)?.value ?? 3);
  const lowStockItems = items.filter((i) => {
    const mine = moves.filter((m) => m.item_id === i.id && dayOf(m.ts)! <= day);
    const onHand = mine.reduce((a, m) => a + m.qty, 0);
    const out7 = Math.max(
      0,
      mine.filter((m) => dayOf(m.ts)! >= addDays(day, -6) && (m.kind === 'issue' || m.kind === 'use')).reduce((a, m) => a - m.qty, 0),
    );
    const cover = out7 > 0 ? Math.round((onHand / (out7 / 7)) * 10) / 10 : null;
    return (i.low_stock !== null && onHand < i.low_stock) || (cover !== null && cover < threshold);
  }).length;

  const alerts = rows<{ ts: string; ack_at: string | null }>(db, 'SELECT ts, ack_at FROM alerts');
  const needs = rows<{ created_at: string; done_at: string | null }>(db, 'SELECT created_at, done_at FROM needs');
  const measure = (m: string) => under.filter((k) => k.measure === m).length;

  // Inspections and problems as of the end of the day; disinfection done (capped per area) against due.
  const inspections = rows<{ id: number; day: string }>(db, 'SELECT id, day FROM inspections').filter((i) => i.day === day);
  const targets = rows<{ inspection_id: number }>(db, 'SELECT inspection_id FROM inspection_targets').filter((t) =>
    inspections.some((i) => i.id === t.inspection_id),
  );
  const problems = rows<{ found_on: string; deadline: string; fixed_at: string | null; closed_at: string | null }>(
    db,
    'SELECT found_on, deadline, fixed_at, closed_at FROM problems',
  );
  const notBy = (iso: string | null) => iso === null || dayOf(iso)! > day;
  const areas = rows<{ id: number; per_day: number; active_from: string; active_until: string | null }>(db, 'SELECT * FROM disinfection_areas').filter(
    (a) => a.active_from <= day && (a.active_until === null || a.active_until > day),
  );
  const records = rows<{ area_id: number; day: string }>(db, 'SELECT area_id, day FROM disinfections').filter((r) => r.day === day);
  return {
    communities: rows(db, 'SELECT id FROM communities').length,
    compounds: compounds.length,
    households: compounds.reduce((a, c) => a + c.households, 0),
    population: compounds.reduce((a, c) => a + c.population, 0),
    compoundsSealed: compounds.filter((c) => c.control_level === 'sealed').length,
    compoundsControlled: compounds.filter((c) => c.control_level === 'controlled').length,
    compoundsPrecaution: compounds.filter((c) => c.control_level === 'precaution').length,
    checkpoints: checkpoints.filter((c) => c.status === 'active').length,
    dutyNeeded,
    dutyFilled,
    dutyPeople,
    dutyAbsent,
    regPeople: regs.filter((r) => r.subject === 'person').length,
    regVehicles: regs.filter((r) => r.subject === 'vehicle').length,
    regAbnormal: regs.filter((r) => r.abnormal === 1).length,
    regRefused: regs.filter((r) => r.refused === 1).length,
    keyUnder: under.length,
    keyHomeObservation: measure('homeObservation'),
    keyHomeIsolation: measure('homeIsolation'),
    keyCentralQuarantine: measure('centralQuarantine'),
    keyHealthMonitoring: measure('healthMonitoring'),
    keyNew: kps.filter((k) => k.start_date === day).length,
    keyReleased: released.length,
    followupsDue: under.length * 2,
    followupsDone: rows<{ key_person_id: number; day: string }>(db, 'SELECT key_person_id, day FROM followups').filter(
      (f) => f.day === day && underIds.has(f.key_person_id),
    ).length,
    screenHouseholds,
    screenReached,
    tested: rows<{ day: string; tested: number }>(db, 'SELECT r.day, c.tested FROM test_rounds r JOIN test_counts c ON c.round_id = r.id')
      .filter((r) => r.day === day)
      .reduce((a, r) => a + r.tested, 0),
    alertsRaised: alerts.filter((a) => dayOf(a.ts) === day).length,
    alertsHandled: alerts.filter((a) => dayOf(a.ack_at) === day).length,
    alertsOpen: alerts.filter((a) => dayOf(a.ts)! <= day && (a.ack_at === null || dayOf(a.ack_at)! > day)).length,
    needsNew: needs.filter((n) => dayOf(n.created_at) === day).length,
    needsDone: needs.filter((n) => dayOf(n.done_at) === day).length,
    donations: rows<{ received_on: string }>(db, 'SELECT received_on FROM donations').filter((d) => d.received_on === day).length,
    plansIssued: rows<{ issued_at: string | null }>(db, 'SELECT issued_at FROM alloc_plans').filter((p) => dayOf(p.issued_at) === day).length,
    lowStockItems,
    inspections: inspections.length,
    inspectedPlaces: targets.length,
    problemsNew: problems.filter((p) => p.found_on === day).length,
    problemsClosed: problems.filter((p) => dayOf(p.closed_at) === day).length,
    problemsOpen: problems.filter((p) => p.found_on <= day && notBy(p.closed_at)).length,
    problemsOverdue: problems.filter((p) => p.deadline < day && p.found_on <= day && notBy(p.closed_at) && notBy(p.fixed_at)).length,
    disinfectDue: areas.reduce((s, a) => s + a.per_day, 0),
    disinfectDone: areas.reduce((s, a) => s + Math.min(a.per_day, records.filter((r) => r.area_id === a.id).length), 0),
    premises: rows<{ status: string }>(db, 'SELECT status FROM premises').filter((p) => p.status === 'open').length,
    people: rows(db, 'SELECT id FROM people').length,
    teams: rows(db, 'SELECT id FROM teams').length,
  };
}

describe('briefing figures', () => {
  beforeAll(async () => {
    const clock = manualClock(NOW);
    ({ core, call } = await openSignedIn({ demo: true, demoResidents: true, now: clock }));
    // A day of activity through the API on the briefing's day, so each kind of row is there.
    clock.set('2026-11-19T03:00:00Z');
    const cp = (core.db.prepare("SELECT id FROM checkpoints WHERE status = 'active' ORDER BY id LIMIT 1").get() as { id: number }).id;
    dataOf(await call('registrations.create', { checkpointId: cp, subject: 'person', name: '王小明', direction: 'in', temperature: 38.2 }));
    dataOf(await call('registrations.create', { checkpointId: cp, subject: 'vehicle', plate: '豫N12345', direction: 'in', refused: true, reason: '外地车辆' }));
    const kp = (
      core.db.prepare("SELECT id FROM key_persons WHERE status = 'observing' AND start_date <= ? AND end_date > ? ORDER BY id LIMIT 1").get(DAY, DAY) as {
        id: number;
      }
    ).id;
    dataOf(await call('keyPersons.setStatus', { id: kp, status: 'released', note: '期满解除' }));
    clock.set(NOW);
    // The demo with its 140,000 residents is built here, on the test's clock (not copied from the
    // run's template, which is dated today): over two minutes when another run loads the machine.
  }, SLOW_MS * 3);

  it('every total equals the rows behind it, counted by hand', async () => {
    const b = dataOf<BriefingData>(await call('briefings.generate', { day: DAY }));
    const byHand = countByHand(core.db, DAY);
    for (const k of FIGURE_KEYS) expect(b.figures.totals[k], k).toBe(byHand[k]);
    // The demo makes these non-trivial; a zero everywhere would reconcile too.
    for (const k of [
      'regPeople',
      'regVehicles',
      'regAbnormal',
      'regRefused',
      'keyUnder',
      'followupsDone',
      'screenReached',
      'dutyFilled',
      'keyReleased',
      'alertsRaised',
      'inspections',
      'problemsNew',
      'problemsOpen',
      'problemsOverdue',
      'problemsClosed',
      'disinfectDue',
      'disinfectDone',
      'premises',
    ] as const) {
      expect(b.figures.totals[k], k).toBeGreaterThan(0);
    }
  });

  it('the tables add up to the totals', async () => {
    const b = dataOf<BriefingData>(
      await call('briefings.get', { id: (core.db.prepare('SELECT id FROM briefings WHERE day = ?').get(DAY) as { id: number }).id }),
    );
    const f = b.figures;
    const sum = (k: keyof (typeof f.byCommunity)[number]) => f.byCommunity.reduce((a, c) => a + (c[k] as number), 0);
    expect(sum('regPeople')).toBe(f.totals.regPeople);
    expect(sum('regVehicles')).toBe(f.totals.regVehicles);
    expect(sum('checkpoints')).toBe(f.totals.checkpoints);
    expect(sum('screenHouseholds')).toBe(f.totals.screenHouseholds);
    expect(sum('screenReached')).toBe(f.totals.screenReached);
    expect(f.supplies.filter((s) => s.low).length).toBe(f.totals.lowStockItems);
    expect(f.map.compounds.length).toBe(168);
  });

  it('yesterday in the 总览 is the same count as a briefing of yesterday', async () => {
    const live = dataOf<{
      yesterday: Totals;
      yesterdaySoFar: Record<string, number>;
      today: { totals: Totals };
      trend: { day: string; regPeople: number; keyUnder: number }[];
    }>(await call('dashboard.live', {}));
    const byHand = countByHand(core.db, DAY);
    for (const k of FIGURE_KEYS) expect(live.yesterday[k], k).toBe(byHand[k]);
    expect(live.trend).toHaveLength(14);
    expect(live.trend.at(-1)).toMatchObject({ day: DAY, regPeople: byHand.regPeople, keyUnder: byHand.keyUnder });
    // Yesterday until 10:00, as the tiles compare today's flows with it.
    const soFar = rows<{ ts: string; subject: string }>(core.db, 'SELECT ts, subject FROM registrations').filter(
      (r) => dayOf(r.ts) === DAY && r.ts < '2026-11-19T02:00:00.000Z',
    );
    expect(live.yesterdaySoFar.regPeople).toBe(soFar.filter((r) => r.subject === 'person').length);
    expect(live.yesterdaySoFar.regVehicles).toBe(soFar.filter((r) => r.subject === 'vehicle').length);
    const today = countByHand(core.db, '2026-11-20');
    for (const k of FIGURE_KEYS) expect(live.today.totals[k], k).toBe(today[k]);
  });
});

describe('registration_days', () => {
  const byHand = (db: Database.Database) =>
    rows<{ day: string; checkpoint_id: number; people: number; vehicles: number; abnormal: number; refused: number }>(
      db,
      "SELECT date(ts, '+8 hours') AS day, checkpoint_id, sum(subject = 'person') AS people, sum(subject = 'vehicle') AS vehicles, sum(abnormal) AS abnormal, sum(refused) AS refused FROM registrations GROUP BY 1, 2 ORDER BY 1, 2",
    );
  const kept = (db: Database.Database) =>
    rows(
      db,
      'SELECT day, checkpoint_id, people, vehicles, abnormal, refused FROM registration_days WHERE people + vehicles + abnormal + refused > 0 ORDER BY 1, 2',
    );

  it('is filled from the registrations already there when the migration runs, and follows inserts, updates and deletes', async () => {
    const { migrations } = await import('../registry/migrations');
    const { openTempCore, makeDataDir } = await import('../../../test/helpers/temp-core');
    const dataDir = makeDataDir();
    const before = await openTempCore({ dataDir, migrations: migrations.filter((m) => m.version < 100) });
    before.db.exec(
      "INSERT INTO communities (name, kind, search_key, created_at, updated_at) VALUES ('建设路社区', 'community', 'jsl', '2026-01-01', '2026-01-01')",
    );
    const community = (before.db.prepare('SELECT id FROM communities').get() as { id: number }).id;
    before.db
      .prepare(
        "INSERT INTO checkpoints (name, kind, community_id, hours, staff_per_shift, status, search_key, created_at, updated_at) VALUES ('一号卡点', 'gate', ?, 'allDay', 2, 'active', 'yhkd', '2026-01-01', '2026-01-01')",
      )
      .run(community);
    const cp = (before.db.prepare('SELECT id FROM checkpoints').get() as { id: number }).id;
    const ins = before.db.prepare(
      "INSERT INTO registrations (checkpoint_id, ts, subject, direction, abnormal, refused, username) VALUES (?, ?, ?, 'in', ?, ?, 'test')",
    );
    // 23:30 UTC is 07:30 the next day in Beijing: the day boundary is Beijing's.
    for (const [ts, subject, abnormal, refused] of [
      ['2026-11-18T23:30:00.000Z', 'person', 1, 0],
      ['2026-11-19T03:00:00.000Z', 'vehicle', 0, 1],
      ['2026-11-19T15:59:59.999Z', 'person', 0, 0],
      ['2026-11-19T16:00:00.000Z', 'person', 0, 0],
    ] as const)
      ins.run(cp, ts, subject, abnormal, refused);
    before.close();

    const core = await openTempCore({ dataDir });
    expect(kept(core.db)).toEqual(byHand(core.db));
    expect(rows(core.db, 'SELECT day, people, vehicles FROM registration_days ORDER BY day')).toEqual([
      { day: '2026-11-19', people: 2, vehicles: 1 },
      { day: '2026-11-20', people: 1, vehicles: 0 },
    ]);
    core.db.prepare("UPDATE registrations SET abnormal = 1, ts = '2026-11-20T01:00:00.000Z' WHERE subject = 'vehicle'").run();
    core.db.prepare('UPDATE registrations SET name = NULL WHERE 1').run();
    core.db.prepare("DELETE FROM registrations WHERE ts = '2026-11-18T23:30:00.000Z'").run();
    expect(kept(core.db)).toEqual(byHand(core.db));
  });
});
