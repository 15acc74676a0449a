import { describe, expect, it } from 'vitest';
import { dataOf, manualClock, openSignedIn, signInAs } from '../../../test/helpers/temp-core';
import { volunteerDayFigures } from './day-figures';

/**
 * Volunteers' figures of the briefing for a chosen day, on a real database file: places to
 * fill at checkpoint posts, filled by people who came, who stood and who was absent; a
 * checkpoint paused the next day leaves that day's duty as it was.
 */

describe('volunteers’ day figures', () => {
  it('counts the day’s duty from the roster and its attendance, as of the end of the day', async () => {
    const clock = manualClock('2026-12-01T02:00:00Z'); // 10:00 on 1 December, Beijing
    const { core, call } = await openSignedIn({ now: clock }, 'command');
    const db = core.db;
    const community = dataOf<{ id: number }>(await call('communities.create', { name: '东风社区', kind: 'community' }));
    const compound = dataOf<{ id: number }>(
      await call('compounds.create', {
        name: '幸福花园',
        communityId: community.id,
        managementType: 'managed',
        buildings: 4,
        households: 120,
        population: 300,
      }),
    );
    // Round the clock (three shifts), two people a shift.
    const gate = { name: '幸福花园东门', kind: 'gate', compoundId: compound.id, hours: 'allDay', staffPerShift: 2, status: 'active' };
    const checkpoint = dataOf<{ id: number }>(await call('checkpoints.create', gate));
    const post = (db.prepare('SELECT id FROM posts WHERE checkpoint_id = ?').get(checkpoint.id) as { id: number }).id;
    const [a, b, c] = await Promise.all(
      ['王志强', '陈静', '赵磊'].map(
        async (name) => dataOf<{ id: number }>(await call('people.create', { name, kind: 'volunteer', communityId: community.id })).id,
      ),
    );
    const roster = dataOf<{ id: number }>(await call('rosters.create', { name: '第一周', startDate: '2026-12-02', days: 7 }));
    const assign = async (day: number, shift: number, personId: number) =>
      dataOf(await call('rosters.assign', { rosterId: roster.id, postId: post, day, shift, personId }));
    await assign(0, 0, a!);
    await assign(0, 0, b!);
    await assign(0, 1, c!);
    await assign(1, 0, a!);

    // The evening of the 2nd: 陈静 did not come to the morning shift.
    clock.set('2026-12-02T12:00:00Z');
    const evening = await signInAs(core, 'command');
    const absent = (db.prepare('SELECT id FROM assignments WHERE person_id = ? AND day = 0').get(b) as { id: number }).id;
    dataOf(await evening('rosters.attend', { assignmentId: absent, attendance: 'absent' }));

    const second = volunteerDayFigures(db, '2026-12-02');
    expect(second).toEqual({ people: 3, teams: 0, dutyNeeded: 6, dutyFilled: 2, dutyPeople: 2, dutyAbsent: 1 });
    // Before the roster began there was no duty to count.
    expect(volunteerDayFigures(db, '2026-12-01')).toMatchObject({ dutyNeeded: 0, dutyFilled: 0, dutyPeople: 0 });

    // On the 3rd the checkpoint is paused: no duty there from then on, the 2nd unchanged.
    clock.set('2026-12-03T02:00:00Z');
    const today = await signInAs(core, 'command');
    dataOf(await today('checkpoints.update', { ...gate, id: checkpoint.id, status: 'paused' }));
    expect(volunteerDayFigures(db, '2026-12-02')).toEqual(second);
    expect(volunteerDayFigures(db, '2026-12-03')).toMatchObject({ dutyNeeded: 0, dutyFilled: 0 });
  });
});
