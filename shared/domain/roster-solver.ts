/**
 * Filling a roster: every post × shift slot gets the people it needs, where possible.
 *
 * Hard rules (never broken): a person stands only when available (weekday, hours window,
 * not on a day off, fit for duty), never in two overlapping slots, with at least
 * `minRestHours` between shifts, and within `weeklyCapHours` per 7 days of the roster.
 * Preferences, in order: for a day shift, people who can stand at fewer times first (they
 * leave the flexible for the nights only those can fill); nights to those with the
 * fewest nights so far and day shifts to those with the most (nights are shared out);
 * people living at the slot's compound, then in its community; fewer hours so far;
 * lower id.
 * Slots are filled in time order, so the result is the same for the same input. When the greedy pass leaves gaps, a bounded
 * backtracking search tries to close them (exact on small cases); gaps that remain are
 * explained by counting why each person could not take the slot.
 */

export interface SolverPerson {
  id: number;
  /** ISO weekdays (1 = Monday … 7 = Sunday) the person can stand. */
  weekdays: number[];
  /** Hours of the day the person's shifts must lie within, [start, end) in 0–24; end < start wraps past midnight. null: any time. */
  window: [number, number] | null;
  /** Days off, as day indexes from the roster's first day. */
  daysOff: number[];
  fit: boolean;
  compoundId: number | null;
  communityId: number | null;
}

export interface SolverSlot {
  key: string;
  /** Hours from the roster's first midnight. */
  start: number;
  end: number;
  need: number;
  compoundId: number | null;
  communityId: number | null;
}

export interface SolverOptions {
  minRestHours: number;
  weeklyCapHours: number;
  /** Weekday (1–7) of day index 0. */
  firstWeekday: number;
  /** Node budget of the repair search (exact for small cases). */
  searchBudget?: number;
}

/** People already placed (kept as they are), by slot key. */
export type Fixed = Map<string, number[]>;

export type Reason = 'unavailable' | 'dayOff' | 'unfit' | 'busy' | 'rest' | 'cap';
export const REASON_LABELS: Record<Reason, string> = {
  unavailable: '不在可值守时间',
  dayOff: '当天请假',
  unfit: '健康原因暂不上岗',
  busy: '同一时间已有班次',
  rest: '两班之间休息不足',
  cap: '超过每周工时上限',
};

export interface SolverResult {
  /** Slot key → person ids (fixed ones first). */
  assigned: Map<string, number[]>;
  /** Slots left short, with how many are missing and why people did not fit. */
  gaps: { key: string; missing: number; reasons: Partial<Record<Reason, number>> }[];
  filled: number;
  needed: number;
}

const NIGHT_START = 0;
const NIGHT_END = 6;

/** A shift counts as a night shift when it covers any time between 00:00 and 06:00. */
export function isNight(start: number, end: number): boolean {
  for (let d = Math.floor(start / 24) * 24; d < end; d += 24) {
    if (start < d + NIGHT_END && end > d + NIGHT_START) return true;
  }
  return false;
}

interface State {
  /** Per person: their shifts [start, end), kept sorted by start. */
  shifts: Map<number, [number, number][]>;
  nights: Map<number, number>;
  hours: Map<number, number>;
}

function within(window: [number, number], start: number, end: number): boolean {
  const [ws, we] = window;
  const s = start % 24;
  const len = end - start;
  if (ws === we) return true;
  const span = we > ws ? we - ws : 24 - ws + we;
  const offset = (s - ws + 24) % 24;
  return offset + len <= span;
}

export function whyNot(p: SolverPerson, slot: SolverSlot, state: State, o: SolverOptions): Reason | null {
  if (!p.fit) return 'unfit';
  const day = Math.floor(slot.start / 24);
  if (p.daysOff.includes(day)) return 'dayOff';
  const weekday = ((o.firstWeekday - 1 + day) % 7) + 1;
  if (!p.weekdays.includes(weekday)) return 'unavailable';
  if (p.window && !within(p.window, slot.start, slot.end)) return 'unavailable';
  const mine = state.shifts.get(p.id) ?? [];
  for (const [s, e] of mine) {
    if (slot.start < e && slot.end > s) return 'busy';
    if (slot.start < e + o.minRestHours && slot.end + o.minRestHours > s) return 'rest';
  }
  const week = Math.floor(day / 7);
  let inWeek = slot.end - slot.start;
  for (const [s, e] of mine) if (Math.floor(s / 24 / 7) === week) inWeek += e - s;
  if (inWeek > o.weeklyCapHours) return 'cap';
  return null;
}

function place(state: State, id: number, slot: SolverSlot): void {
  const mine = state.shifts.get(id) ?? [];
  mine.push([slot.start, slot.end]);
  mine.sort((a, b) => a[0] - b[0]);
  state.shifts.set(id, mine);
  if (isNight(slot.start, slot.end)) state.nights.set(id, (state.nights.get(id) ?? 0) + 1);
  state.hours.set(id, (state.hours.get(id) ?? 0) + slot.end - slot.start);
}

function unplace(state: State, id: number, slot: SolverSlot): void {
  const mine = state.shifts.get(id)!;
  mine.splice(
    mine.findIndex(([s, e]) => s === slot.start && e === slot.end),
    1,
  );
  if (isNight(slot.start, slot.end)) state.nights.set(id, state.nights.get(id)! - 1);
  state.hours.set(id, state.hours.get(id)! - (slot.end - slot.start));
}

/** Hours a week a person could stand at all: fewer means fewer other slots they could fill. */
const flexibility = (p: SolverPerson) =>
  p.weekdays.length * (p.window ? (p.window[1] > p.window[0] ? p.window[1] - p.window[0] : 24 - p.window[0] + p.window[1]) || 24 : 24);

/** Orders candidates for a slot: negative when a is the better choice. */
function better(a: SolverPerson, b: SolverPerson, slot: SolverSlot, night: boolean, state: State): number {
  const near = (p: SolverPerson) =>
    slot.compoundId !== null && p.compoundId === slot.compoundId ? 0 : slot.communityId !== null && p.communityId === slot.communityId ? 1 : 2;
  return (
    // Those who can stand only at a few times take those times, leaving the flexible for the rest
    // (a night is for the flexible anyway: nights are shared out first among them).
    (night ? 0 : flexibility(a) - flexibility(b)) ||
    // Nights go to those with the fewest; day shifts to those with the most, keeping the others fresh for the next night.
    (night ? 1 : -1) * ((state.nights.get(a.id) ?? 0) - (state.nights.get(b.id) ?? 0)) ||
    (night ? flexibility(a) - flexibility(b) : 0) ||
    near(a) - near(b) ||
    (state.hours.get(a.id) ?? 0) - (state.hours.get(b.id) ?? 0) ||
    a.id - b.id
  );
}

/** Candidates for a slot, best first (all of them, or only the best `limit`). */
function ranked(people: SolverPerson[], slot: SolverSlot, state: State, o: SolverOptions, taken: number[], limit = Infinity): SolverPerson[] {
  const night = isNight(slot.start, slot.end);
  const best: SolverPerson[] = [];
  for (const p of people) {
    if (taken.includes(p.id) || whyNot(p, slot, state, o) !== null) continue;
    if (best.length >= limit && better(p, best[best.length - 1]!, slot, night, state) >= 0) continue;
    // Insertion into a short sorted list: a slot needs one or two people, rarely more.
    let i = best.length;
    while (i > 0 && better(p, best[i - 1]!, slot, night, state) < 0) i--;
    best.splice(i, 0, p);
    if (best.length > limit) best.pop();
  }
  return best;
}

export function solveRoster(people: SolverPerson[], slots: SolverSlot[], o: SolverOptions, fixed: Fixed = new Map()): SolverResult {
  const state: State = { shifts: new Map(), nights: new Map(), hours: new Map() };
  const assigned = new Map<string, number[]>();
  const byKey = new Map(slots.map((s) => [s.key, s]));
  for (const [key, ids] of fixed) {
    const slot = byKey.get(key);
    if (!slot) continue;
    assigned.set(key, [...ids]);
    for (const id of ids) place(state, id, slot);
  }
  // Time order (start, end, then key): the same input gives the same roster.
  const order = [...slots].sort((a, b) => a.start - b.start || a.end - b.end || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // Only people fit for duty on that weekday are ever looked at for a slot.
  const byWeekday = new Map<number, SolverPerson[]>();
  for (let wd = 1; wd <= 7; wd++)
    byWeekday.set(
      wd,
      people.filter((p) => p.fit && p.weekdays.includes(wd)),
    );
  const open: SolverSlot[] = [];
  for (const slot of order) {
    const have = assigned.get(slot.key) ?? [];
    const missing = slot.need - have.length;
    if (missing > 0) {
      const weekday = ((o.firstWeekday - 1 + Math.floor(slot.start / 24)) % 7) + 1;
      for (const p of ranked(byWeekday.get(weekday)!, slot, state, o, have, missing)) {
        have.push(p.id);
        place(state, p.id, slot);
      }
    }
    assigned.set(slot.key, have);
    if (have.length < slot.need) open.push(slot);
  }
  // The exact search is for small rosters (a team, a few posts): on a street-wide week the
  // greedy pass stands and the gaps are explained instead.
  const seatsTotal = slots.reduce((n, s) => n + s.need, 0);
  if (open.length && seatsTotal * people.length <= 5_000) repair(people, order, assigned, state, o, fixed, o.searchBudget ?? 20_000);

  const gaps: SolverResult['gaps'] = [];
  let filled = 0;
  let needed = 0;
  for (const slot of slots) {
    const have = assigned.get(slot.key) ?? [];
    needed += slot.need;
    filled += Math.min(have.length, slot.need);
    if (have.length >= slot.need) continue;
    const reasons: Partial<Record<Reason, number>> = {};
    for (const p of people) {
      if (have.includes(p.id)) continue;
      const r = whyNot(p, slot, state, o);
      if (r) reasons[r] = (reasons[r] ?? 0) + 1;
    }
    gaps.push({ key: slot.key, missing: slot.need - have.length, reasons });
  }
  return { assigned, gaps, filled, needed };
}

/**
 * Backtracking over the non-fixed placements in time order, trying candidates best
 * first, to find an assignment that fills every slot; keeps the greedy result when the
 * budget runs out or no complete assignment exists.
 */
function repair(
  people: SolverPerson[],
  order: SolverSlot[],
  assigned: Map<string, number[]>,
  greedyState: State,
  o: SolverOptions,
  fixed: Fixed,
  budget: number,
): void {
  const state: State = { shifts: new Map(), nights: new Map(), hours: new Map() };
  const trial = new Map<string, number[]>();
  const bySlot = new Map(order.map((s) => [s.key, s]));
  for (const [key, ids] of fixed) {
    const slot = bySlot.get(key);
    if (!slot) continue;
    trial.set(key, [...ids]);
    for (const id of ids) place(state, id, slot);
  }
  // One decision per missing seat, in time order.
  const seats: SolverSlot[] = [];
  for (const s of order) for (let k = fixed.get(s.key)?.length ?? 0; k < s.need; k++) seats.push(s);
  let nodes = 0;
  const go = (i: number): boolean => {
    if (i === seats.length) return true;
    if (++nodes > budget) return false;
    const slot = seats[i]!;
    const have = trial.get(slot.key) ?? [];
    trial.set(slot.key, have);
    const lastId = i > 0 && seats[i - 1] === slot ? have.at(-1)! : -Infinity;
    // Seats of one slot are interchangeable: take people in increasing id to avoid repeats.
    for (const p of ranked(people, slot, state, o, have)
      .filter((c) => c.id > lastId || lastId === -Infinity)
      .sort((a, b) => a.id - b.id)) {
      have.push(p.id);
      place(state, p.id, slot);
      if (go(i + 1)) return true;
      have.pop();
      unplace(state, p.id, slot);
      if (nodes > budget) return false;
    }
    return false;
  };
  if (go(0)) {
    for (const [k, v] of trial) assigned.set(k, v);
    greedyState.shifts = state.shifts;
    greedyState.nights = state.nights;
    greedyState.hours = state.hours;
  }
}
