import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';

/** A shift that has started is history: the automatic fill neither empties nor adds to it. */

// Thursday 2026-12-03, 10:00 in Beijing.
const NOW = new Date('2026-12-03T10:00:00+08:00');
let t: TestCore;
let roster: Call;

beforeAll(async () => {
  t = await openTestCore({ now: () => NOW });
  roster = await signInAs(t.core, 'roster');
}, 120_000);
afterAll(() => t.cleanup());

/** Placements per slot, keyed post/day/shift, with the hour (from the roster's first midnight) each shift starts. */
function placements(rosterId: number) {
  return t.core.db
    .prepare('SELECT id, post_id AS post, day, shift, person_id AS person, source FROM assignments WHERE roster_id = ? ORDER BY id')
    .all(rosterId) as {
    id: number;
    post: number;
    day: number;
    shift: number;
    person: number;
    source: string;
  }[];
}

describe('automatic fill and the past', () => {
  it('fills only shifts still to come, and a second fill leaves what was placed on started shifts as it was', async () => {
    const created = unwrap<{ id: number }>(
      await roster('rosters.create', { name: '本周排班', startDate: '2026-12-01', days: 7, minRestHours: 8, weeklyCapHours: 48 }),
    );
    unwrap(await roster('rosters.fill', { id: created.id, keepManual: true }));
    // Each post's shifts as the grid labels them ("0–8", "8–16" …): their first number is the start hour.
    const posts: { id: number; shifts: string[] }[] = [];
    for (let page = 1; ; page++) {
      const g = unwrap<{ posts: { id: number; shifts: string[] }[]; total: number }>(await roster('rosters.grid', { id: created.id, page, pageSize: 100 }));
      posts.push(...g.posts);
      if (posts.length >= g.total || g.posts.length === 0) break;
    }
    const grid = { posts };
    const shiftStart = new Map(grid.posts.map((p) => [p.id, p.shifts.map((s) => Number(/(\d+)/.exec(s)?.[1] ?? 0))]));
    const startHour = (a: { post: number; day: number; shift: number }) => a.day * 24 + shiftStart.get(a.post)![a.shift]!;
    const nowHour = 2 * 24 + 10;

    const first = placements(created.id);
    expect(first.length).toBeGreaterThan(100);
    expect(first.filter((a) => startHour(a) < nowHour)).toEqual([]);

    // Yesterday someone stood at a post (placed then, by an earlier fill): it is history now.
    const post = grid.posts[0]!.id;
    const person = first[0]!.person;
    t.core.db
      .prepare("INSERT INTO assignments (roster_id, post_id, day, shift, person_id, source) VALUES (?, ?, 1, 0, ?, 'auto')")
      .run(created.id, post, person);
    const pastBefore = placements(created.id).filter((a) => startHour(a) < nowHour);
    expect(pastBefore).toHaveLength(1);

    unwrap(await roster('rosters.fill', { id: created.id, keepManual: false }));
    const after = placements(created.id);
    expect(after.filter((a) => startHour(a) < nowHour)).toEqual(pastBefore);
    expect(after.filter((a) => startHour(a) >= nowHour).length).toBeGreaterThan(100);
  });
});
