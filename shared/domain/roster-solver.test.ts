import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNight, type SolverOptions, type SolverPerson, type SolverSlot, solveRoster } from './roster-solver';

const OPTS: SolverOptions = { minRestHours: 8, weeklyCapHours: 48, firstWeekday: 1 };
const THREE: [number, number][] = [
  [0, 8],
  [8, 16],
  [16, 24],
];

function slotsFor(days: number, posts: { id: number; need: number; shifts: [number, number][]; compoundId?: number }[]): SolverSlot[] {
  const out: SolverSlot[] = [];
  for (let d = 0; d < days; d++)
    for (const p of posts)
      p.shifts.forEach(([s, e], i) =>
        out.push({
          key: `${p.id}:${d}:${i}`,
          start: d * 24 + s,
          end: d * 24 + (e > s ? e : e + 24),
          need: p.need,
          compoundId: p.compoundId ?? null,
          communityId: null,
        }),
      );
  return out;
}
const anyone = (id: number, extra: Partial<SolverPerson> = {}): SolverPerson => ({
  id,
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  window: null,
  daysOff: [],
  fit: true,
  compoundId: null,
  communityId: null,
  ...extra,
});

const personArb = (id: number) =>
  fc
    .record({
      weekdays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
      window: fc.option(fc.constantFrom<[number, number]>([8, 20], [0, 24], [20, 8], [6, 18]), { nil: null }),
      daysOff: fc.subarray([0, 1, 2]),
      fit: fc.constantFrom(true, true, true, true, false),
    })
    .map((r) => anyone(id, r));

/** Every hard rule, checked on a result. */
function checkRules(people: SolverPerson[], slots: SolverSlot[], assigned: Map<string, number[]>, o: SolverOptions) {
  const byPerson = new Map<number, SolverSlot[]>();
  for (const s of slots) {
    const ids = assigned.get(s.key) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) byPerson.set(id, [...(byPerson.get(id) ?? []), s]);
  }
  for (const [id, mine] of byPerson) {
    const p = people.find((x) => x.id === id)!;
    mine.sort((a, b) => a.start - b.start);
    for (let i = 0; i < mine.length; i++) {
      const s = mine[i]!;
      const day = Math.floor(s.start / 24);
      expect(p.fit).toBe(true);
      expect(p.daysOff).not.toContain(day);
      expect(p.weekdays).toContain(((o.firstWeekday - 1 + day) % 7) + 1);
      if (i > 0) expect(s.start - mine[i - 1]!.end).toBeGreaterThanOrEqual(o.minRestHours); // no overlap, rest kept
    }
    const weeks = new Map<number, number>();
    for (const s of mine) weeks.set(Math.floor(s.start / 168), (weeks.get(Math.floor(s.start / 168)) ?? 0) + s.end - s.start);
    for (const h of weeks.values()) expect(h).toBeLessThanOrEqual(o.weeklyCapHours);
  }
}

/** Whether any assignment fills every slot (exhaustive; small cases only). */
function feasible(people: SolverPerson[], slots: SolverSlot[], o: SolverOptions): boolean {
  const seats = slots.flatMap((s) => Array.from({ length: s.need }, () => s));
  const mine = new Map<number, SolverSlot[]>();
  const taken = new Map<string, number[]>();
  const fits = (p: SolverPerson, s: SolverSlot) => {
    const day = Math.floor(s.start / 24);
    if (!p.fit || p.daysOff.includes(day) || !p.weekdays.includes(((o.firstWeekday - 1 + day) % 7) + 1)) return false;
    if (p.window) {
      const [ws, we] = p.window;
      const span = we > ws ? we - ws : 24 - ws + we;
      if (ws !== we && (((s.start % 24) - ws + 24) % 24) + (s.end - s.start) > span) return false;
    }
    if ((taken.get(s.key) ?? []).includes(p.id)) return false;
    const list = mine.get(p.id) ?? [];
    if (list.some((x) => s.start < x.end + o.minRestHours && s.end + o.minRestHours > x.start)) return false;
    const week = Math.floor(s.start / 168);
    return list.filter((x) => Math.floor(x.start / 168) === week).reduce((h, x) => h + x.end - x.start, s.end - s.start) <= o.weeklyCapHours;
  };
  const go = (i: number): boolean => {
    if (i === seats.length) return true;
    const s = seats[i]!;
    for (const p of people) {
      if (!fits(p, s)) continue;
      mine.set(p.id, [...(mine.get(p.id) ?? []), s]);
      taken.set(s.key, [...(taken.get(s.key) ?? []), p.id]);
      if (go(i + 1)) return true;
      mine.set(p.id, mine.get(p.id)!.slice(0, -1));
      taken.set(s.key, taken.get(s.key)!.slice(0, -1));
    }
    return false;
  };
  return go(0);
}

describe('roster solver (property tests)', () => {
  const instance = fc.integer({ min: 1, max: 5 }).chain((n) =>
    fc.record({
      people: fc.tuple(...Array.from({ length: n }, (_, i) => personArb(i + 1))),
      days: fc.integer({ min: 1, max: 3 }),
      posts: fc.array(
        fc.record({
          need: fc.integer({ min: 1, max: 2 }),
          pattern: fc.constantFrom<[number, number][][]>(
            [
              [0, 8],
              [8, 16],
              [16, 24],
            ] as never,
            [
              [8, 20],
              [20, 8],
            ] as never,
            [[8, 20]] as never,
          ),
        }),
        { minLength: 1, maxLength: 2 },
      ),
      rest: fc.constantFrom(0, 8, 12),
      cap: fc.constantFrom(16, 48),
    }),
  );
  const build = (x: { days: number; posts: { need: number; pattern: unknown }[] }) =>
    slotsFor(
      x.days,
      x.posts.map((p, i) => ({ id: i + 1, need: p.need, shifts: p.pattern as [number, number][] })),
    );

  it('keeps every hard rule: availability, days off, fitness, no overlaps, rest between shifts, weekly cap', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const o = { ...OPTS, minRestHours: x.rest, weeklyCapHours: x.cap };
        const slots = build(x);
        const r = solveRoster(x.people, slots, o);
        checkRules(x.people, slots, r.assigned, o);
        for (const s of slots) expect((r.assigned.get(s.key) ?? []).length).toBeLessThanOrEqual(s.need);
      }),
      { numRuns: 300 },
    );
  });

  it('meets every requirement whenever some assignment can (exhaustive check on small cases)', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const o = { ...OPTS, minRestHours: x.rest, weeklyCapHours: x.cap };
        const slots = build(x);
        if (slots.reduce((n, s) => n + s.need, 0) > 8) return;
        const r = solveRoster(x.people, slots, o);
        if (feasible(x.people, slots, o)) expect(r.gaps).toEqual([]);
        else expect(r.gaps.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('shares night shifts fairly: equally available people differ by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 12 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 2 }), (n, days, need) => {
        const people = Array.from({ length: n }, (_, i) => anyone(i + 1));
        const slots = slotsFor(days, [{ id: 1, need, shifts: THREE }]);
        const r = solveRoster(people, slots, { ...OPTS, weeklyCapHours: 168 });
        const nights = new Map(people.map((p) => [p.id, 0]));
        for (const s of slots) if (isNight(s.start, s.end)) for (const id of r.assigned.get(s.key) ?? []) nights.set(id, nights.get(id)! + 1);
        const counts = [...nights.values()];
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const slots = build(x);
        const a = solveRoster(x.people, slots, OPTS);
        const b = solveRoster(
          x.people.map((p) => ({ ...p })),
          slots.map((s) => ({ ...s })),
          OPTS,
        );
        expect([...a.assigned]).toEqual([...b.assigned]);
      }),
    );
  });
});

describe('roster solver, worked examples', () => {
  it('prefers people who live at the compound', () => {
    const people = [anyone(1), anyone(2, { compoundId: 7 })];
    const r = solveRoster(people, slotsFor(1, [{ id: 1, need: 1, shifts: [[8, 16]], compoundId: 7 }]), OPTS);
    expect(r.assigned.get('1:0:0')).toEqual([2]);
  });

  it('explains a slot nobody can take, and the rest it costs the next shift', () => {
    const people = [anyone(1), anyone(2), anyone(3, { window: [8, 20] })];
    const slots = slotsFor(1, [
      { id: 1, need: 3, shifts: [[0, 8]] },
      { id: 2, need: 2, shifts: [[8, 16]] },
    ]);
    const r = solveRoster(people, slots, OPTS);
    expect(r.gaps).toEqual([
      { key: '1:0:0', missing: 1, reasons: { unavailable: 1 } },
      { key: '2:0:0', missing: 1, reasons: { rest: 2 } },
    ]);
    expect(r).toMatchObject({ filled: 3, needed: 5 });
  });

  it('keeps people already placed by hand', () => {
    const people = [anyone(1), anyone(2)];
    const slots = slotsFor(1, [{ id: 1, need: 1, shifts: [[8, 16]] }]);
    expect(solveRoster(people, slots, OPTS, new Map([['1:0:0', [2]]])).assigned.get('1:0:0')).toEqual([2]);
  });
});
