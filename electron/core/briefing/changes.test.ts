import { describe, expect, it } from 'vitest';
import { defaultKeyStore, openKeyed } from '../db/open';
import { closeLater, dataOf, manualClock, openSignedIn, signInAs } from '../../../test/helpers/temp-core';

/** The data version the 总览 polls to refresh itself (also across PCs in LAN mode). */
describe('system.changes', () => {
  it('stays put on reads and sign-ins, moves on every write, and on a write by another process', async () => {
    const { core, call } = await openSignedIn({ demo: true });
    const version = async () => dataOf<{ version: string }>(await call('system.changes', {})).version;
    const v0 = await version();
    dataOf(await call('dashboard.live', {}));
    dataOf(await call('compounds.list', {}));
    await signInAs(core, 'viewer');
    expect(await version()).toBe(v0);

    const cp = (core.db.prepare("SELECT id FROM checkpoints WHERE status = 'active' LIMIT 1").get() as { id: number }).id;
    dataOf(await call('registrations.create', { checkpointId: cp, subject: 'vehicle', plate: '豫N88888', direction: 'in' }));
    const v1 = await version();
    expect(v1).not.toBe(v0);

    // Another connection (another process on the same file) writes: SQLite's data_version moves.
    const other = closeLater(openKeyed(core.databaseFile, defaultKeyStore(core.dataDir).read()!, defaultKeyStore(core.dataDir)));
    other.prepare("UPDATE office SET name = '外部修改街道' WHERE id = 1").run();
    expect(await version()).not.toBe(v1);
  });

  it('总览 shows the same figures to every PC between changes, and new ones after a write here or by another process, or a minute later', async () => {
    const clock = manualClock('2026-11-20T02:00:00Z');
    const { core, call } = await openSignedIn({ demo: true, now: clock });
    const viewer = await signInAs(core, 'viewer');
    type Live = { now: string; today: { totals: { regPeople: number } } };
    const live = async (as = call) => dataOf<Live>(await as('dashboard.live', {}));
    const first = await live();
    clock.set('2026-11-20T02:00:30Z');
    expect(await live(viewer)).toEqual(first); // counted once, as of 10:00

    const cp = (core.db.prepare("SELECT id FROM checkpoints WHERE status = 'active' LIMIT 1").get() as { id: number }).id;
    dataOf(await call('registrations.create', { checkpointId: cp, subject: 'person', name: '张三', direction: 'in' }));
    const afterWrite = await live(viewer);
    expect(afterWrite.today.totals.regPeople).toBe(first.today.totals.regPeople + 1);
    expect(afterWrite.now).toBe('2026-11-20T02:00:30.000Z');

    const other = closeLater(openKeyed(core.databaseFile, defaultKeyStore(core.dataDir).read()!, defaultKeyStore(core.dataDir)));
    other
      .prepare("INSERT INTO registrations (checkpoint_id, ts, subject, direction, username) VALUES (?, '2026-11-20T02:00:10.000Z', 'person', 'in', 'zhihui')")
      .run(cp);
    expect((await live()).today.totals.regPeople).toBe(first.today.totals.regPeople + 2);

    clock.set('2026-11-20T02:01:05Z');
    expect((await live()).now).toBe('2026-11-20T02:01:05.000Z');
  });
});
