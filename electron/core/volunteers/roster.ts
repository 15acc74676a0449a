import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import type { Gap, Roster, RosterFields } from '../../../shared/api/volunteers';
import { REASON_LABELS, type Reason, type SolverPerson, type SolverSlot, solveRoster, whyNot } from '../../../shared/domain/roster-solver';
import { type ShiftPattern, shiftLabel, shiftSpan, shiftsOf } from '../../../shared/domain/shifts';
import { dayStart } from '../../../shared/domain/days';
import { stmt } from '../db/statements';

/**
 * Rosters: a date range of slots (post × day × shift) and the people placed in them.
 * Day indexes count from the roster's first day; hours count from its first midnight
 * (Beijing time), so a 20–08 night shift is one span across midnight.
 */

export interface RosterRow {
  id: number;
  name: string;
  start_date: string;
  days: number;
  min_rest_hours: number;
  weekly_cap_hours: number;
}

export interface PostRow {
  id: number;
  name: string;
  kind_name: string;
  compound_id: number | null;
  community_id: number | null;
  community_name: string | null;
  per_shift: number;
  pattern: ShiftPattern;
  custom_shifts: string | null;
}

export const slotKey = (postId: number, day: number, shift: number) => `${postId}:${day}:${shift}`;
export const postShifts = (p: Pick<PostRow, 'pattern' | 'custom_shifts'>) => shiftsOf(p.pattern, p.custom_shifts ? JSON.parse(p.custom_shifts) : null);

/** Calendar date of a roster day. */
export function dateOf(r: RosterRow, day: number): string {
  const d = new Date(`${r.start_date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + day);
  return d.toISOString().slice(0, 10);
}
/** ISO weekday (1 = Monday) of the roster's first day. */
const firstWeekday = (r: RosterRow) => ((new Date(`${r.start_date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

export function loadRoster(db: Database.Database, id: number): RosterRow {
  const r = stmt(db, 'SELECT id, name, start_date, days, min_rest_hours, weekly_cap_hours FROM rosters WHERE id = ?').get(id) as RosterRow | undefined;
  if (!r) throw new ApiError('NOT_FOUND', `排班表不存在或已被删除（编号 ${id}）`);
  return r;
}

const POSTS_SQL = `SELECT t.id, t.name, k.name AS kind_name, t.compound_id, t.community_id, c.name AS community_name, t.per_shift, t.pattern, t.custom_shifts
  FROM posts t JOIN post_kinds k ON k.id = t.kind_id LEFT JOIN communities c ON c.id = t.community_id WHERE t.active = 1`;
export const activePosts = (db: Database.Database) => stmt(db, `${POSTS_SQL} ORDER BY k.position, t.id`).all() as PostRow[];

export function solverOptions(r: RosterRow) {
  return { minRestHours: r.min_rest_hours, weeklyCapHours: r.weekly_cap_hours, firstWeekday: firstWeekday(r) };
}

export function slotsOf(r: RosterRow, posts: PostRow[]): (SolverSlot & { post: PostRow; day: number; shift: number })[] {
  const out: (SolverSlot & { post: PostRow; day: number; shift: number })[] = [];
  for (const post of posts) {
    const shifts = postShifts(post);
    for (let day = 0; day < r.days; day++)
      shifts.forEach((sh, shift) => {
        const [start, end] = shiftSpan(day, sh);
        out.push({
          key: slotKey(post.id, day, shift),
          start,
          end,
          need: post.per_shift,
          compoundId: post.compound_id,
          communityId: post.community_id,
          post,
          day,
          shift,
        });
      });
  }
  return out;
}

interface PersonRow {
  id: number;
  name: string;
  weekdays: string;
  window_start: number | null;
  window_end: number | null;
  days_off: string;
  health: string;
  compound_id: number | null;
  community_id: number | null;
}

export function solverPeople(db: Database.Database, r: RosterRow): (SolverPerson & { name: string })[] {
  const rows = stmt(
    db,
    'SELECT id, name, weekdays, window_start, window_end, days_off, health, compound_id, community_id FROM people ORDER BY id',
  ).all() as PersonRow[];
  const start = Date.parse(`${r.start_date}T00:00:00Z`);
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    weekdays: p.weekdays.split('').map(Number),
    window: p.window_start === null || p.window_end === null ? null : [p.window_start, p.window_end],
    daysOff: p.days_off
      ? p.days_off
          .split(',')
          .map((d) => Math.round((Date.parse(`${d}T00:00:00Z`) - start) / 86_400_000))
          .filter((d) => d >= 0 && d < r.days)
      : [],
    fit: p.health === 'healthy',
    compoundId: p.compound_id,
    communityId: p.community_id,
  }));
}

interface AssignmentRow {
  id: number;
  post_id: number;
  day: number;
  shift: number;
  person_id: number;
  source: 'auto' | 'manual';
  attendance: 'present' | 'absent' | 'substituted' | null;
  stood_by: number | null;
}
export const assignmentsOf = (db: Database.Database, rosterId: number) =>
  stmt(db, 'SELECT id, post_id, day, shift, person_id, source, attendance, stood_by FROM assignments WHERE roster_id = ?').all(rosterId) as AssignmentRow[];

export function createRoster(db: Database.Database, f: z.output<typeof RosterFields>, who: { username: string; now: Date }): number {
  const at = who.now.toISOString();
  return Number(
    stmt(
      db,
      'INSERT INTO rosters (name, start_date, days, min_rest_hours, weekly_cap_hours, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(f.name, f.startDate, f.days, f.minRestHours, f.weeklyCapHours, who.username, at, at).lastInsertRowid,
  );
}

/**
 * Hours from the roster's first midnight (Beijing) to `now`: a shift that starts before
 * this has begun or is over, and what happened on it is history — the fill neither
 * clears nor adds to it (past 应到/实到 must not change after the fact).
 */
export const rosterHoursAt = (r: RosterRow, now: Date) => (now.getTime() - Date.parse(dayStart(r.start_date))) / 3_600_000;

/**
 * Automatic fill of the shifts still to come: clears their automatic placements (and the
 * manual ones unless kept), solves with every other placement fixed, saves. Shifts that
 * have started keep exactly the people they had.
 */
export function fillRoster(db: Database.Database, id: number, keepManual: boolean, now: Date) {
  const r = loadRoster(db, id);
  const nowH = rosterHoursAt(r, now);
  const slots = slotsOf(r, activePosts(db));
  const startOf = new Map(slots.map((s) => [s.key, s.start]));
  const drop = stmt(db, 'DELETE FROM assignments WHERE id = ?');
  for (const a of assignmentsOf(db, id)) {
    const start = startOf.get(slotKey(a.post_id, a.day, a.shift));
    if (start === undefined || start < nowH) continue;
    if (a.source === 'auto' || !keepManual) drop.run(a.id);
  }
  const fixed = new Map<string, number[]>();
  for (const a of assignmentsOf(db, id)) {
    const k = slotKey(a.post_id, a.day, a.shift);
    fixed.set(k, [...(fixed.get(k) ?? []), a.person_id]);
  }
  // A started shift asks for no one beyond those it had, so the solver only counts them (rest, hours).
  const open = slots.map((s) => (s.start < nowH ? { ...s, need: Math.min(s.need, fixed.get(s.key)?.length ?? 0) } : s));
  const result = solveRoster(solverPeople(db, r), open, solverOptions(r), fixed);
  const insert = stmt(db, "INSERT INTO assignments (roster_id, post_id, day, shift, person_id, source) VALUES (?, ?, ?, ?, ?, 'auto')");
  for (const s of open) {
    if (s.start < nowH) continue;
    const before = fixed.get(s.key) ?? [];
    for (const personId of result.assigned.get(s.key) ?? []) if (!before.includes(personId)) insert.run(id, s.post.id, s.day, s.shift, personId);
  }
  stmt(db, 'UPDATE rosters SET filled_at = ?, updated_at = ? WHERE id = ?').run(now.toISOString(), now.toISOString(), id);
  return { needed: result.needed, filled: result.filled, gaps: result.gaps.length };
}

/**
 * What is wrong with each placement, in Chinese: standing while unavailable, two places
 * at once, too little rest, over the weekly cap. Computed for the whole roster at once
 * (a person's week is what decides rest and hours).
 */
export function conflicts(db: Database.Database, r: RosterRow): Map<number, string[]> {
  const posts = new Map((stmt(db, `${POSTS_SQL.replace(' WHERE t.active = 1', '')}`).all() as PostRow[]).map((p) => [p.id, p]));
  const people = new Map(solverPeople(db, r).map((p) => [p.id, p]));
  const o = solverOptions(r);
  const byPerson = new Map<number, { a: AssignmentRow; start: number; end: number }[]>();
  for (const a of assignmentsOf(db, r.id)) {
    const post = posts.get(a.post_id);
    const sh = post && postShifts(post)[a.shift];
    if (!sh) continue;
    const [start, end] = shiftSpan(a.day, sh);
    byPerson.set(a.person_id, [...(byPerson.get(a.person_id) ?? []), { a, start, end }]);
  }
  const out = new Map<number, string[]>();
  const add = (id: number, why: string) => {
    const list = out.get(id) ?? [];
    if (!list.includes(why)) list.push(why);
    out.set(id, list);
  };
  for (const [personId, list] of byPerson) {
    const p = people.get(personId);
    list.sort((x, y) => x.start - y.start);
    for (const x of list) {
      if (p) {
        // Alone (no other shifts), so only the person's own availability can object.
        const reason = whyNot(
          p,
          { key: '', start: x.start, end: x.end, need: 1, compoundId: null, communityId: null },
          { shifts: new Map(), nights: new Map(), hours: new Map() },
          o,
        );
        if (reason) add(x.a.id, REASON_LABELS[reason]);
      }
    }
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const x = list[i]!;
        const y = list[j]!;
        if (y.start >= x.end + o.minRestHours) break;
        const label = y.start < x.end ? REASON_LABELS.busy : `${REASON_LABELS.rest}（少于 ${o.minRestHours} 小时）`;
        add(x.a.id, label);
        add(y.a.id, label);
      }
    const weeks = new Map<number, typeof list>();
    for (const x of list) weeks.set(Math.floor(x.start / 168), [...(weeks.get(Math.floor(x.start / 168)) ?? []), x]);
    for (const w of weeks.values()) {
      const hours = w.reduce((h, x) => h + x.end - x.start, 0);
      if (hours > o.weeklyCapHours) for (const x of w) add(x.a.id, `${REASON_LABELS.cap}（本周 ${hours} 小时，上限 ${o.weeklyCapHours}）`);
    }
  }
  return out;
}

/** The slot's requirement and filling, and why nobody else can stand there. */
export function coverage(db: Database.Database, r: RosterRow) {
  const posts = activePosts(db);
  const slots = slotsOf(r, posts);
  const people = solverPeople(db, r);
  const o = solverOptions(r);
  const state = { shifts: new Map<number, [number, number][]>(), nights: new Map<number, number>(), hours: new Map<number, number>() };
  const have = new Map<string, number[]>();
  const postById = new Map(posts.map((p) => [p.id, p]));
  for (const a of assignmentsOf(db, r.id)) {
    const post = postById.get(a.post_id);
    const sh = post && postShifts(post)[a.shift];
    if (!sh) continue;
    const k = slotKey(a.post_id, a.day, a.shift);
    have.set(k, [...(have.get(k) ?? []), a.person_id]);
    const span = shiftSpan(a.day, sh);
    state.shifts.set(
      a.person_id,
      [...(state.shifts.get(a.person_id) ?? []), span].sort((x, y) => x[0] - y[0]),
    );
  }
  const byDay = new Map<string, { needed: number; filled: number }>();
  const byCommunity = new Map<string, { needed: number; filled: number }>();
  const byKind = new Map<string, { needed: number; filled: number }>();
  const bump = (m: Map<string, { needed: number; filled: number }>, k: string, need: number, got: number) => {
    const v = m.get(k) ?? { needed: 0, filled: 0 };
    v.needed += need;
    v.filled += got;
    m.set(k, v);
  };
  const gaps: z.input<typeof Gap>[] = [];
  let needed = 0;
  let filled = 0;
  for (const s of slots) {
    const ids = have.get(s.key) ?? [];
    const got = Math.min(ids.length, s.need);
    needed += s.need;
    filled += got;
    const date = dateOf(r, s.day);
    bump(byDay, date, s.need, got);
    bump(byCommunity, s.post.community_name ?? '街道', s.need, got);
    bump(byKind, s.post.kind_name, s.need, got);
    if (got >= s.need) continue;
    const reasons = new Map<Reason, number>();
    for (const p of people) {
      if (ids.includes(p.id)) continue;
      const why = whyNot(p, s, state, o);
      if (why) reasons.set(why, (reasons.get(why) ?? 0) + 1);
    }
    const free = people.length - ids.length - [...reasons.values()].reduce((a, b) => a + b, 0);
    const parts = [...reasons].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} 人${REASON_LABELS[k]}`);
    const why =
      people.length === 0
        ? '还没有登记人员'
        : free > 0
          ? `还有 ${free} 人可以安排，请重新自动排班或手工安排`
          : `共 ${people.length} 人，都排不进：${parts.join('，')}`;
    gaps.push({
      postId: s.post.id,
      postName: s.post.name,
      kindName: s.post.kind_name,
      communityName: s.post.community_name,
      day: s.day,
      date,
      shift: shiftLabel(postShifts(s.post)[s.shift]!),
      need: s.need,
      have: ids.length,
      why,
    });
  }
  const list = (m: Map<string, { needed: number; filled: number }>) => [...m].map(([k, v]) => ({ k, ...v }));
  return {
    needed,
    filled,
    byDay: list(byDay).map(({ k, ...v }) => ({ date: k, ...v })),
    byCommunity: list(byCommunity).map(({ k, ...v }) => ({ communityName: k, ...v })),
    byKind: list(byKind).map(({ k, ...v }) => ({ kindName: k, ...v })),
    gaps,
  };
}

export function rosterSummary(db: Database.Database, id: number): z.input<typeof Roster> {
  const r = stmt(
    db,
    `SELECT id, name, start_date AS startDate, days, min_rest_hours AS minRestHours, weekly_cap_hours AS weeklyCapHours, created_by AS createdBy,
       filled_at AS filledAt, created_at AS createdAt, updated_at AS updatedAt FROM rosters WHERE id = ?`,
  ).get(id) as Omit<z.input<typeof Roster>, 'needed' | 'filled'> | undefined;
  if (!r) throw new ApiError('NOT_FOUND', `排班表不存在或已被删除（编号 ${id}）`);
  const row = loadRoster(db, id);
  const slots = slotsOf(row, activePosts(db));
  const counts = new Map<string, number>();
  for (const c of stmt(db, 'SELECT post_id, day, shift, count(*) AS n FROM assignments WHERE roster_id = ? GROUP BY post_id, day, shift').all(id) as {
    post_id: number;
    day: number;
    shift: number;
    n: number;
  }[]) {
    counts.set(slotKey(c.post_id, c.day, c.shift), c.n);
  }
  let needed = 0;
  let filled = 0;
  for (const s of slots) {
    needed += s.need;
    filled += Math.min(s.need, counts.get(s.key) ?? 0);
  }
  return { ...r, needed, filled };
}
