import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../test/helpers/temp-core';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';

/** A follow-up is recorded when it was made: an afternoon check at 05:04 is refused with the time. */

const clock = manualClock('2026-12-02T21:04:00Z'); // 05:04 on 3 December, Beijing
let t: TestCore;
let call: Call;
let kp: number;

beforeAll(async () => {
  t = await openTestCore({ now: clock });
  call = await signInAs(t.core, 'command');
  kp = unwrap<{ id: number }>(
    await call('keyPersons.create', {
      name: '刘随访',
      idNumber: '11010519491231002X',
      phone: '13800000000',
      category: 'riskArea',
      origin: '郑州',
      arrivalDate: '2026-12-01',
      measure: 'homeObservation',
      startDate: '2026-12-01',
    }),
  ).id;
}, 120_000);
afterAll(() => t.cleanup());

describe('follow-up times', () => {
  it('refuses the afternoon check before noon and a day still to come, and takes them when their time has come', async () => {
    const pm = { keyPersonId: kp, day: '2026-12-03', slot: 'pm', temperature: 36.6 };
    expect(await call('followups.record', pm)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '下午随访 12:00 以后才能登记（现在是 05:04）' },
    });
    expect(await call('followups.record', { ...pm, day: '2026-12-04', slot: 'am' })).toMatchObject({
      ok: false,
      error: { message: '不能登记 2026-12-04 的随访：那一天还没到' },
    });
    unwrap(await call('followups.record', { ...pm, slot: 'am' }));
    unwrap(await call('followups.record', { ...pm, day: '2026-12-02' })); // yesterday afternoon, entered late
    clock.set('2026-12-03T06:30:00Z'); // 14:30
    call = await signInAs(t.core, 'command');
    unwrap(await call('followups.record', pm));
    expect(t.core.db.prepare('SELECT day, slot FROM followups WHERE key_person_id = ? ORDER BY day, slot').all(kp)).toEqual([
      { day: '2026-12-02', slot: 'pm' },
      { day: '2026-12-03', slot: 'am' },
      { day: '2026-12-03', slot: 'pm' },
    ]);
  });
});
