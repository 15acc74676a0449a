import { describe, expect, it } from 'vitest';
import { dataOf, manualClock, openSignedIn, signInAs } from '../../../test/helpers/temp-core';
import { placeDayFigures, placeMap } from './day-figures';

/**
 * The territory's figures of the briefing for a chosen day, on a real database file: a
 * compound sealed and a checkpoint paused today change today's figures and map, never
 * yesterday's; a compound added today is not counted for yesterday.
 */

describe('places’ day figures', () => {
  it('counts compounds, households, levels and active checkpoints as they were at the end of each day', async () => {
    const clock = manualClock('2026-12-02T02:00:00Z'); // 10:00 on 2 December, Beijing
    const { core, call } = await openSignedIn({ now: clock }, 'command');
    const db = core.db;
    const community = dataOf<{ id: number }>(await call('communities.create', { name: '东风社区', kind: 'community' }));
    const compound = (name: string, households: number, population: number) => ({
      name,
      communityId: community.id,
      managementType: 'managed',
      buildings: 4,
      households,
      population,
      lng: 115.65,
      lat: 34.41,
    });
    const garden = dataOf<{ id: number }>(await call('compounds.create', compound('幸福花园', 120, 300)));
    const gate = { name: '幸福花园东门', kind: 'gate', compoundId: garden.id, hours: 'allDay', staffPerShift: 2, status: 'active', lng: 115.651, lat: 34.411 };
    const east = dataOf<{ id: number }>(await call('checkpoints.create', gate));

    const yesterday = placeDayFigures(db, '2026-12-02');
    expect(yesterday).toEqual({
      communities: 1,
      compounds: 1,
      households: 120,
      population: 300,
      compoundsSealed: 0,
      compoundsControlled: 0,
      compoundsPrecaution: 0,
      checkpoints: 1,
    });
    const yesterdayMap = placeMap(db, '2026-12-02');
    expect(yesterdayMap).toEqual({ compounds: [[115.65, 34.41, 'normal']], checkpoints: [[115.651, 34.411]] });
    // Nothing existed the day before.
    expect(placeDayFigures(db, '2026-12-01')).toMatchObject({ compounds: 0, households: 0, checkpoints: 0 });

    // The next morning: the garden is sealed, its gate paused, a new compound registered.
    clock.set('2026-12-03T01:00:00Z');
    const today = await signInAs(core, 'command');
    dataOf(await today('compounds.setLevel', { id: garden.id, level: 'sealed', reason: '发现密接' }));
    dataOf(await today('checkpoints.update', { ...gate, id: east.id, status: 'paused' }));
    dataOf(await today('compounds.create', compound('阳光小区', 80, 200)));

    expect(placeDayFigures(db, '2026-12-02')).toEqual(yesterday);
    expect(placeMap(db, '2026-12-02')).toEqual(yesterdayMap);
    expect(placeDayFigures(db, '2026-12-03')).toEqual({
      communities: 1,
      compounds: 2,
      households: 200,
      population: 500,
      compoundsSealed: 1,
      compoundsControlled: 0,
      compoundsPrecaution: 0,
      checkpoints: 0,
    });
    expect(placeMap(db, '2026-12-03')).toEqual({
      compounds: [
        [115.65, 34.41, 'sealed'],
        [115.65, 34.41, 'normal'],
      ],
      checkpoints: [],
    });
  });
});
