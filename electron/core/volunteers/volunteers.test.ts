import { describe, expect, it } from 'vitest';
import { signInAs } from '../../../test/helpers/sessions';
import { CHINESE, dataOf, errorOf, manualClock, openSignedIn, type Call } from '../../../test/helpers/temp-core';

/** The rosters here start on Monday 30 November; the fill only plans shifts still to come, so the clock reads the Sunday evening before. */
const beforeTheWeek = () => manualClock('2026-11-29T12:00:00Z');

type Page<T> = { rows: T[]; total: number };
type PostRow = { id: number; name: string; checkpointId: number | null; perShift: number; pattern: string; active: boolean; kindName: string };
type Grid = {
  dates: string[];
  posts: { id: number; name: string; shifts: string[]; cells: { id: number; personId: number; name: string; conflicts: string[] }[][][] }[];
  roster: { needed: number; filled: number };
};

async function territory(call: Call) {
  const community = dataOf<{ id: number }>(await call('communities.create', { name: '建设路社区', kind: 'community' }));
  const compound = dataOf<{ id: number }>(
    await call('compounds.create', {
      name: '馨苑华园',
      communityId: community.id,
      managementType: 'managed',
      buildings: 12,
      households: 480,
      population: 1350,
    }),
  );
  return { community, compound };
}

async function person(call: Call, name: string, extra: Record<string, unknown> = {}) {
  return dataOf<{ id: number }>(await call('people.create', { name, kind: 'volunteer', ...extra }));
}

describe('posts follow checkpoints', () => {
  it('every checkpoint gets its 执勤岗, kept in step with its staffing, hours and status', async () => {
    const { call } = await openSignedIn({ now: beforeTheWeek() }, 'command');
    const { compound } = await territory(call);
    const gate = dataOf<{ id: number }>(
      await call('checkpoints.create', { name: '馨苑华园东门', kind: 'gate', compoundId: compound.id, hours: 'allDay', staffPerShift: 2, status: 'active' }),
    );
    let p = dataOf<Page<PostRow>>(await call('posts.list', {})).rows.find((r) => r.checkpointId === gate.id)!;
    expect(p).toMatchObject({ name: '馨苑华园东门', kindName: '执勤岗', perShift: 2, pattern: 'three', active: true });
    dataOf(
      await call('checkpoints.update', {
        id: gate.id,
        name: '馨苑华园东门',
        kind: 'gate',
        compoundId: compound.id,
        hours: 'daytime',
        staffPerShift: 3,
        status: 'paused',
      }),
    );
    p = dataOf<Page<PostRow>>(await call('posts.list', {})).rows.find((r) => r.checkpointId === gate.id)!;
    expect(p).toMatchObject({ perShift: 3, pattern: 'day', active: false });
    expect(errorOf(await call('posts.update', { id: p.id, name: 'x', kindId: 2, perShift: 1, pattern: 'three' })).message).toContain(
      '请在“小区与卡点”中修改该卡点',
    );
  });
});

describe('people and teams', () => {
  it('validates ID numbers in Chinese, masks phones and IDs in lists, and takes the community from the compound', async () => {
    const { call } = await openSignedIn({ now: beforeTheWeek() }, 'command');
    const { community, compound } = await territory(call);
    const bad = errorOf(await call('people.create', { name: '张建国', kind: 'party', idNumber: '41010219900101123' }));
    expect(bad.issues?.[0]).toMatchObject({ path: 'idNumber' });
    expect(bad.issues?.[0]?.message).toMatch(CHINESE);
    const p = await person(call, '张建国', {
      kind: 'party',
      phone: '13837012345',
      idNumber: '11010519491231002X',
      compoundId: compound.id,
      skills: ['驾驶', '宣传'],
    });
    const listed = dataOf<Page<{ id: number; phone: string; idNumber: string; communityId: number; partyMember: boolean; skills: string[] }>>(
      await call('people.list', {}),
    ).rows.find((r) => r.id === p.id)!;
    expect(listed).toMatchObject({
      phone: '138****2345',
      idNumber: '1101**********002X',
      communityId: community.id,
      partyMember: true,
      skills: ['驾驶', '宣传'],
    });
    const team = dataOf<{ id: number }>(
      await call('teams.create', { name: '建设路社区党员先锋队', kind: 'vanguard', leaderId: p.id, communityId: community.id }),
    );
    const q = await person(call, '李秀英');
    dataOf(await call('teams.setMembers', { id: team.id, personIds: [p.id, q.id] }));
    expect(dataOf<Page<{ members: number; leaderName: string }>>(await call('teams.list', {})).rows[0]).toMatchObject({ members: 2, leaderName: '张建国' });
    expect(dataOf<Page<{ teams: string }>>(await call('people.list', { teamId: team.id })).rows.map((r) => r.teams)).toEqual([
      '建设路社区党员先锋队',
      '建设路社区党员先锋队',
    ]);
  });
});

describe('rosters', () => {
  async function setup(people: number) {
    const { core, call } = await openSignedIn({ now: beforeTheWeek() }, 'command');
    const { compound } = await territory(call);
    dataOf(
      await call('checkpoints.create', { name: '馨苑华园东门', kind: 'gate', compoundId: compound.id, hours: 'allDay', staffPerShift: 1, status: 'active' }),
    );
    const ids: number[] = [];
    for (let i = 0; i < people; i++) ids.push((await person(call, `志愿者${i + 1}`, { compoundId: compound.id })).id);
    const roster = dataOf<{ id: number }>(await call('rosters.create', { name: '第一周', startDate: '2026-11-30', days: 7 }));
    return { core, call, ids, roster };
  }

  it('fills a week: every slot staffed, nobody twice at once, rest and weekly cap kept', async () => {
    const { call, roster } = await setup(5);
    const r = dataOf<{ needed: number; filled: number; gaps: number }>(await call('rosters.fill', { id: roster.id }));
    expect(r).toEqual({ needed: 21, filled: 21, gaps: 0 });
    const grid = dataOf<Grid>(await call('rosters.grid', { id: roster.id }));
    expect(grid.dates).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(grid.posts[0]!.shifts).toEqual(['00:00–08:00', '08:00–16:00', '16:00–24:00']);
    const all = grid.posts[0]!.cells.flat(2);
    expect(all).toHaveLength(21);
    expect(all.every((c) => c.conflicts.length === 0)).toBe(true);
    const perPerson = new Map<number, number>();
    for (const c of all) perPerson.set(c.personId, (perPerson.get(c.personId) ?? 0) + 1);
    expect(Math.max(...perPerson.values())).toBeLessThanOrEqual(6); // 48 h / 8 h
  });

  it('explains gaps, and highlights a conflicting manual placement with the reason', async () => {
    const { call, ids, roster } = await setup(2);
    dataOf(await call('rosters.fill', { id: roster.id }));
    const cov = dataOf<{ needed: number; filled: number; gaps: { date: string; shift: string; why: string }[] }>(
      await call('rosters.coverage', { id: roster.id }),
    );
    expect(cov.filled).toBeLessThan(cov.needed);
    expect(cov.gaps[0]!.why).toMatch(/^共 2 人，都排不进：/);
    const grid = dataOf<Grid>(await call('rosters.grid', { id: roster.id }));
    const post = grid.posts[0]!;
    const busyDay = post.cells.findIndex((d) => d[1]!.length > 0);
    const standing = post.cells[busyDay]![1]![0]!;
    // The same person also in the next shift: no rest at all.
    const placed = dataOf<{ id: number; conflicts: string[] }>(
      await call('rosters.assign', { rosterId: roster.id, postId: post.id, day: busyDay, shift: 2, personId: standing.personId }),
    );
    expect(placed.conflicts).toContain('两班之间休息不足（少于 8 小时）');
    const again = dataOf<Grid>(await call('rosters.grid', { id: roster.id }));
    expect(again.posts[0]!.cells[busyDay]![1]![0]!.conflicts).toContain('两班之间休息不足（少于 8 小时）');
    // Moving it onto the slot the person already stands in is refused; removing it clears the conflict.
    expect(errorOf(await call('rosters.move', { assignmentId: placed.id, postId: post.id, day: busyDay, shift: 1 })).message).toBe('此人已在那个班次');
    dataOf(await call('rosters.unassign', { assignmentId: placed.id }));
    const cleared = dataOf<Grid>(await call('rosters.grid', { id: roster.id }));
    expect(cleared.posts[0]!.cells[busyDay]![1]![0]!.conflicts).toEqual(standing.conflicts);
    expect(errorOf(await call('rosters.assign', { rosterId: roster.id, postId: post.id, day: 9, shift: 0, personId: ids[0] })).message).toBe('排班表只有 7 天');
  });

  it('offers candidates who fit first, and records attendance including who stood in', async () => {
    const { call, ids, roster } = await setup(3);
    dataOf(await call('rosters.fill', { id: roster.id }));
    const grid = dataOf<Grid>(await call('rosters.grid', { id: roster.id }));
    const cell = grid.posts[0]!.cells[0]![1]!;
    const options = dataOf<{ id: number; fits: boolean; why: string | null }[]>(
      await call('rosters.candidates', { rosterId: roster.id, postId: grid.posts[0]!.id, day: 0, shift: 1 }),
    );
    expect(options.map((o) => o.fits)).toEqual([...options.map((o) => o.fits)].sort((a, b) => Number(b) - Number(a)));
    expect(options.filter((o) => !o.fits).every((o) => o.why !== null)).toBe(true);
    expect(errorOf(await call('rosters.attend', { assignmentId: cell[0]!.id, attendance: 'substituted' })).message).toBe('替班请选择实际到岗的人');
    const other = ids.find((i) => i !== cell[0]!.personId)!;
    dataOf(await call('rosters.attend', { assignmentId: cell[0]!.id, attendance: 'substituted', stoodBy: other }));
    const after = dataOf<{ posts: { cells: { attendance: string; stoodBy: string }[][][] }[] }>(await call('rosters.grid', { id: roster.id }));
    expect(after.posts[0]!.cells[0]![1]![0]).toMatchObject({ attendance: 'substituted', stoodBy: `志愿者${ids.indexOf(other) + 1}` });
  });

  it('is read-only for 领导查看', async () => {
    const { core } = await openSignedIn({ now: beforeTheWeek() }, 'command');
    const { signInAs } = await import('../../../test/helpers/temp-core');
    const viewer = await signInAs(core, 'viewer');
    expect(errorOf(await viewer('rosters.create', { name: 'x', startDate: '2026-11-30', days: 7 })).code).toBe('FORBIDDEN');
  });
});

describe('the map knows who stands now', () => {
  it('reports each checkpoint’s current shift from the roster covering now, without those marked absent', async () => {
    // Planned the evening before the week; then 10:00 Beijing time on 1 December: day 1, the 08–16 shift.
    const clock = beforeTheWeek();
    const signedIn = await openSignedIn({ now: clock }, 'command');
    let call = signedIn.call;
    const { compound } = await territory(call);
    const gate = dataOf<{ id: number }>(
      await call('checkpoints.create', { name: '馨苑华园东门', kind: 'gate', compoundId: compound.id, hours: 'allDay', staffPerShift: 2, status: 'active' }),
    );
    const features = async () =>
      dataOf<{ staffing: { checkpointId: number; need: number; have: number; shift: string }[] }>(await call('map.features', {})).staffing;
    expect(await features()).toEqual([]); // no roster yet: status only
    await person(call, '张建国');
    const roster = dataOf<{ id: number }>(await call('rosters.create', { name: '第一周', startDate: '2026-11-30', days: 7 }));
    dataOf(await call('rosters.fill', { id: roster.id }));
    clock.set('2026-12-01T02:00:00Z');
    call = await signInAs(signedIn.core, 'command'); // a session lasts 12 hours at most
    expect(await features()).toEqual([{ checkpointId: gate.id, need: 2, have: expect.any(Number), shift: '08:00–16:00' }]);
    const grid = dataOf<Grid>(await call('rosters.grid', { id: roster.id }));
    const now = grid.posts[0]!.cells[1]![1]!;
    expect((await features())[0]!.have).toBe(now.length);
    for (const a of now) dataOf(await call('rosters.attend', { assignmentId: a.id, attendance: 'absent' }));
    expect((await features())[0]!.have).toBe(0);
  });
});

describe('custom shifts and swapping', () => {
  it('a post with custom shifts gets those slots; two placements swap people', async () => {
    const { call } = await openSignedIn({ now: beforeTheWeek() }, 'command');
    const { compound } = await territory(call);
    const kinds = dataOf<{ id: number; name: string }[]>(await call('postKinds.list', {}));
    const post = dataOf<{ id: number; customShifts: number[][] }>(
      await call('posts.create', {
        name: '馨苑华园消毒岗',
        kindId: kinds.find((k) => k.name === '消毒岗')!.id,
        compoundId: compound.id,
        perShift: 1,
        pattern: 'custom',
        customShifts: [
          [6, 14],
          [14, 22],
          [22, 6],
        ],
      }),
    );
    expect(post.customShifts).toEqual([
      [6, 14],
      [14, 22],
      [22, 6],
    ]);
    const a = await person(call, '甲');
    const b = await person(call, '乙');
    const roster = dataOf<{ id: number }>(await call('rosters.create', { name: '一天', startDate: '2026-11-30', days: 1 }));
    const grid0 = dataOf<Grid>(await call('rosters.grid', { id: roster.id }));
    expect(grid0.posts[0]!.shifts).toEqual(['06:00–14:00', '14:00–22:00', '22:00–次日06:00']);
    const x = dataOf<{ id: number }>(await call('rosters.assign', { rosterId: roster.id, postId: post.id, day: 0, shift: 0, personId: a.id }));
    const y = dataOf<{ id: number }>(await call('rosters.assign', { rosterId: roster.id, postId: post.id, day: 0, shift: 2, personId: b.id }));
    dataOf(await call('rosters.swap', { a: x.id, b: y.id }));
    const grid = dataOf<Grid>(await call('rosters.grid', { id: roster.id }));
    expect(grid.posts[0]!.cells[0]!.map((c) => c.map((p) => p.name))).toEqual([['乙'], [], ['甲']]);
    expect(errorOf(await call('posts.create', { name: 'x', kindId: kinds[0]!.id, perShift: 1, pattern: 'custom' })).message).toBe(
      '自定义班次请至少填写一个班次',
    );
  });
});
