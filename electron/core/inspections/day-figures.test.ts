import { describe, expect, it } from 'vitest';
import { dataOf, manualClock, openSignedIn, signInAs } from '../../../test/helpers/temp-core';
import { inspectionDayFigures } from './day-figures';

/**
 * Inspections' figures of the briefing for a chosen day, on a real database file: the
 * day's inspections and places inspected, problems found, open, overdue and closed; a
 * problem fixed and closed the next day leaves the day it was found as it was.
 */

describe('inspections’ day figures', () => {
  it('counts inspections and the problems’ state as of the end of each day', async () => {
    const clock = manualClock('2026-12-02T02:00:00Z'); // 10:00 on 2 December, Beijing
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
    const checkpoint = dataOf<{ id: number }>(
      await call('checkpoints.create', { name: '幸福花园东门', kind: 'gate', compoundId: compound.id, hours: 'allDay', staffPerShift: 2, status: 'active' }),
    );
    const shop = dataOf<{ id: number }>(await call('premises.create', { name: '惠民超市', kind: 'supermarket', communityId: community.id }));
    const member = dataOf<{ id: number }>(await call('people.create', { name: '王志强', kind: 'cadre', communityId: community.id })).id;
    // The morning round: the gate did not register visitors (to be fixed the same day); the shop passed.
    dataOf(
      await call('inspections.create', {
        day: '2026-12-02',
        slot: 'am',
        memberIds: [member],
        targets: [
          { targetKind: 'checkpoint', targetId: checkpoint.id, failures: [{ itemKey: 'register', description: '外来人员未登记' }] },
          { targetKind: 'premises', targetId: shop.id },
        ],
      }),
    );

    const second = inspectionDayFigures(db, '2026-12-02');
    expect(second).toEqual({
      inspections: 1,
      inspectedPlaces: 2,
      problemsNew: 1,
      problemsClosed: 0,
      problemsOpen: 1,
      problemsOverdue: 0,
      disinfectDue: 0,
      disinfectDone: 0,
      premises: 1,
    });

    // The next morning it is overdue; it is then fixed and closed on re-check by another person.
    clock.set('2026-12-03T02:00:00Z');
    expect(inspectionDayFigures(db, '2026-12-03')).toMatchObject({ inspections: 0, problemsNew: 0, problemsOpen: 1, problemsOverdue: 1 });
    const problem = (db.prepare('SELECT id FROM problems').get() as { id: number }).id;
    const command = await signInAs(core, 'command');
    dataOf(await command('problems.fix', { id: problem, note: '已补登记并培训值守人员' }));
    const other = await signInAs(core, 'community');
    dataOf(await other('problems.recheck', { id: problem, passed: true, note: '登记完整' }));

    expect(inspectionDayFigures(db, '2026-12-02')).toEqual(second);
    expect(inspectionDayFigures(db, '2026-12-03')).toMatchObject({ problemsNew: 0, problemsClosed: 1, problemsOpen: 0, problemsOverdue: 0 });
  });
});
