import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import type { CommunityRow } from '../../../shared/api/places';
import { count, dataOf, errorOf, openSignedIn, openWithKey, signInAs, SLOW_MS } from '../../../test/helpers/temp-core';
import type { Core } from './core';
import { listBackups } from '../db/backup';

/** Every row of the territory and the office, for before/after comparisons. */
const snapshot = (core: Core) =>
  Object.fromEntries(['office', 'communities', 'grids', 'compounds', 'checkpoints'].map((t) => [t, core.db.prepare(`SELECT * FROM ${t} ORDER BY id`).all()]));

let consoleError: MockInstance;
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => consoleError.mockRestore());

// These compare the territory and the office only: the reset builds them without the 140,000
// residents (reset-thread.test.ts resets with them).
describe('demo.reset (重置为演示数据)', () => {
  it(
    'failing on its last rows, it leaves every row (and the office name) as it was',
    async () => {
      const { core, call: admin } = await openSignedIn({ demo: true, resetWithResidents: false }, 'admin');
      const command = await signInAs(core, 'command');
      // Make the current data differ from what a reset would write.
      dataOf(await admin('office.update', { name: '测试街道办事处', divisionCode: '411402001' }));
      dataOf(await command('communities.create', { name: '新建测试社区', kind: 'committee' }));
      core.db.prepare('UPDATE compounds SET population = 7 WHERE id = (SELECT min(id) FROM compounds)').run();
      const before = snapshot(core);

      // The village checkpoints are the last rows a reset writes; the copy the demo is built in inherits the trigger.
      core.db.exec(`CREATE TRIGGER boom BEFORE INSERT ON checkpoints WHEN NEW.name LIKE '%村口卡点' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
      const error = errorOf(await admin('demo.reset', { confirm: '重置' }));
      expect(error).toEqual({ code: 'INTERNAL', message: '操作失败，数据未改动。请重试，或联系技术人员。' });
      expect(snapshot(core)).toEqual(before);
      // Only the method name and error class reach the log, never the input.
      expect(consoleError.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(/^\[api\] demo\.reset failed: /)]);

      core.db.exec('DROP TRIGGER boom');
      dataOf(await admin('demo.reset', { confirm: '重置' }));
      expect([count(core.db, 'communities'), count(core.db, 'compounds'), count(core.db, 'checkpoints')]).toEqual([15, 168, 99]);
    },
    SLOW_MS,
  );

  it(
    'backs up the current data first, then restores the demo office',
    async () => {
      const { core, call: admin } = await openSignedIn({ demo: true, resetWithResidents: false }, 'admin');
      const command = await signInAs(core, 'command');
      const pristine = snapshot(core);
      dataOf(await command('communities.create', { name: '新建测试社区', kind: 'village' }));
      dataOf(await admin('office.update', { name: '测试街道办事处', divisionCode: null }));

      expect(dataOf(await admin('demo.reset', { confirm: '重置' }))).toEqual({ ok: true });
      const after = snapshot(core);
      expect(after.office).toEqual(pristine.office);
      const strip = (rows: unknown[]) => rows.map((r) => ({ ...(r as object), created_at: 0, updated_at: 0 }));
      for (const t of ['communities', 'grids', 'compounds', 'checkpoints']) expect(strip(after[t]!), t).toEqual(strip(pristine[t]!));

      const backups = dataOf<{ kind: string; file: string }[]>(await admin('system.backups'));
      const prereset = backups.filter((b) => b.kind === 'prereset');
      expect(prereset).toHaveLength(1);
      const copy = openWithKey(path.join(core.dataDir, 'backups', prereset[0]!.file), core.dataDir);
      expect(copy.prepare(`SELECT count(*) AS n FROM communities WHERE name = '新建测试社区'`).get()).toEqual({ n: 1 });
    },
    SLOW_MS,
  );

  it('requires the literal confirmation text and changes nothing otherwise', async () => {
    const { core, call: admin } = await openSignedIn({ demo: true, resetWithResidents: false }, 'admin');
    const extra = dataOf<CommunityRow>(await (await signInAs(core, 'command'))('communities.create', { name: '新建测试社区', kind: 'committee' }));
    const before = snapshot(core);
    for (const input of [{}, { confirm: 'reset' }, { confirm: '重置 ' }, { confirm: '确认' }, undefined]) {
      const error = errorOf(await admin('demo.reset', input));
      expect(error, JSON.stringify(input)).toEqual({
        code: 'VALIDATION',
        message: '输入有误：请输入“重置”以确认',
        issues: [{ path: 'confirm', message: '请输入“重置”以确认' }],
      });
    }
    expect(snapshot(core)).toEqual(before);
    expect(before.communities).toContainEqual(expect.objectContaining({ id: extra.id }));
    expect(listBackups(path.join(core.dataDir, 'backups')).filter((b) => b.kind === 'prereset')).toEqual([]);
  });
});
