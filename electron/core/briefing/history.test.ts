import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../test/helpers/temp-core';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';
import { dayFigures } from './figures';

/** A day's briefing counts the territory as it was that day: today's sealing and today's new checkpoint leave yesterday alone. */

const clock = manualClock('2026-12-03T02:00:00Z'); // 10:00 on 3 December, Beijing
let t: TestCore;
let call: Call;

beforeAll(async () => {
  t = await openTestCore({ now: clock });
  call = await signInAs(t.core, 'command');
}, 120_000);
afterAll(() => t.cleanup());

const totals = (day: string) => {
  const f = dayFigures(t.core.db, day, { map: true });
  return { sealed: f.totals.compoundsSealed, checkpoints: f.totals.checkpoints, compounds: f.totals.compounds, map: f.map };
};

describe('history-true briefings', () => {
  it('counts 封控区 and 卡点 as of each day', async () => {
    const yesterday = totals('2026-12-02');
    const todayBefore = totals('2026-12-03');
    expect(yesterday.checkpoints).toBeGreaterThan(0);
    expect(todayBefore).toEqual(yesterday);

    const open = t.core.db.prepare("SELECT id FROM compounds WHERE control_level = 'normal' LIMIT 1").get() as { id: number };
    const c = unwrap<Record<string, unknown>>(await call('compounds.get', { id: open.id }));
    const { id: _id, communityName: _a, gridName: _b, checkpointCount: _c, createdAt: _d, updatedAt: _e, ...fields } = c;
    unwrap(await call('compounds.update', { ...fields, id: open.id, controlLevel: 'sealed' }));
    unwrap(
      await call('checkpoints.create', {
        name: '新设东门卡点',
        kind: 'gate',
        compoundId: open.id,
        hours: 'allDay',
        staffPerShift: 2,
        status: 'active',
        lng: 115.65,
        lat: 34.41,
      }),
    );
    const paused = t.core.db.prepare("SELECT id FROM checkpoints WHERE status = 'active' ORDER BY id LIMIT 1").get() as { id: number };
    const k = unwrap<Record<string, unknown>>(await call('checkpoints.get', { id: paused.id }));
    const { id: _k, communityName: _n, compoundName: _m, createdAt: _x, updatedAt: _y, ...kf } = k;
    unwrap(await call('checkpoints.update', { ...kf, id: paused.id, status: 'paused' }));

    expect(totals('2026-12-02')).toEqual(yesterday);
    const today = totals('2026-12-03');
    expect(today.sealed).toBe(yesterday.sealed + 1);
    expect(today.checkpoints).toBe(yesterday.checkpoints); // one new, one paused
    expect(today.map.checkpoints).toHaveLength(yesterday.map.checkpoints.length);

    // The next day, both changes are simply how things are.
    clock.set('2026-12-04T02:00:00Z');
    expect(totals('2026-12-04')).toMatchObject({ sealed: today.sealed, checkpoints: today.checkpoints });
  });
});
