import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/api';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';
import { dayStart } from '../../../shared/domain/days';
import { CLEANUP_CHUNK, cleanupPersonal } from './cleanup';

/**
 * 数据清理 over a long log of registrations: chunk by chunk, each its own transaction, so the
 * gates' registrations are answered in between; a run that stops leaves what it cleared
 * cleared, and the next run clears the rest.
 */
let t: TestCore;
let admin: Call;
let desk: Call;
let checkpoint: number;
const BEFORE = '2026-11-01';
const CUTOFF = dayStart(BEFORE);

beforeAll(async () => {
  t = await openTestCore();
  admin = await signInAs(t.core, 'admin');
  desk = await signInAs(t.core, 'community');
  checkpoint = unwrap<{ rows: { id: number }[] }>(await desk('checkpoints.list', { pageSize: 1 })).rows[0]!.id;
});
afterAll(() => t.cleanup());

/** `n` registrations of October with a name and phone each, as the gates wrote them. */
function oldRegistrations(n: number) {
  const insert = t.core.db.prepare(
    "INSERT INTO registrations (checkpoint_id, ts, subject, name, phone, direction, temperature, abnormal, username) VALUES (?, ?, 'person', ?, ?, 'in', 36.5, 0, 'gate')",
  );
  t.core.db.transaction(() => {
    for (let i = 0; i < n; i++)
      insert.run(checkpoint, `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T02:00:00.000Z`, `旧登记${i}`, `1355555${String(i).padStart(4, '0')}`);
  })();
}
const named = () => (t.core.db.prepare('SELECT count(*) AS n FROM registrations WHERE ts < ? AND name IS NOT NULL').get(CUTOFF) as { n: number }).n;
const dayCounts = () =>
  t.core.db.prepare("SELECT day, checkpoint_id, people FROM registration_days WHERE day < '2026-11-01' ORDER BY day, checkpoint_id").all();

describe('数据清理 in chunks', () => {
  it('answers the gates between chunks, keeps their registrations, and clears every old one with its audit row', async () => {
    const total = 2 * CLEANUP_CHUNK + 500;
    oldRegistrations(total);
    const counts = dayCounts();
    let done = false;
    const cleaning = admin('personal.cleanup', { before: BEFORE, confirm: '清理个人信息' }).finally(() => (done = true));
    const meanwhile: Envelope[] = [];
    const namedWhenAnswered: number[] = [];
    while (!done) {
      const [info, reg] = await Promise.all([
        desk('office.get', {}),
        desk('registrations.create', { checkpointId: checkpoint, name: `今日${meanwhile.length}`, temperature: 36.6 }),
      ]);
      if (!done) meanwhile.push(info, reg);
      namedWhenAnswered.push(named());
      // One turn of the event loop, as another PC's request would arrive.
      await new Promise((r) => setImmediate(r));
    }
    expect(unwrap(await cleaning)).toEqual({ registrations: total, keyPersons: 0, residents: 0 });
    expect(meanwhile.filter((e) => !e.ok)).toEqual([]);
    // Some were answered with the cleanup halfway: between its chunks, not only before or after it.
    expect(namedWhenAnswered.some((n) => n > 0 && n < total)).toBe(true);
    const registered = meanwhile.filter((_, i) => i % 2 === 1).length;
    expect(t.core.db.prepare("SELECT count(*) AS n FROM registrations WHERE name LIKE '今日%'").get()).toEqual({ n: registered });
    expect(named()).toBe(0);
    expect(dayCounts()).toEqual(counts);
    expect(t.core.db.prepare("SELECT kind FROM audit_log WHERE method = 'personal.cleanup'").all()).toEqual([{ kind: 'write' }]);
  });

  it('a run that stops keeps what it cleared; the next run clears the rest', async () => {
    oldRegistrations(CLEANUP_CHUNK + 300);
    const counts = dayCounts();
    const stop = () => Promise.reject(new Error('电脑断电'));
    await expect(cleanupPersonal(t.core.db, BEFORE, stop)).rejects.toThrow('电脑断电');
    expect(named()).toBe(300);
    expect(await cleanupPersonal(t.core.db, BEFORE, async () => {})).toEqual({ registrations: 300, keyPersons: 0, residents: 0 });
    expect(named()).toBe(0);
    expect(dayCounts()).toEqual(counts);
  });
});
