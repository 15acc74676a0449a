import { describe, expect, it } from 'vitest';
import { defaultKeyStore, openKeyed } from '../db/open';
import { closeLater, dataOf, openSignedIn, signInAs } from '../../../test/helpers/temp-core';

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
});
