import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupStatusData } from '../../../shared/api/backup';
import { createCore, type Core } from '../registry/core';
import type { Every } from '../backup/schedule';
import { listBackups } from './backup';
import { fileKeyStore } from './key';
import { signIn, TEST_PASSWORD, unwrap } from '../../../test/helpers/sessions';
import { mountSmallDisk, type SmallDisk } from '../../../test/helpers/tmpfs';
import { manualClock } from '../../../test/helpers/temp-core';

const cores: Core[] = [];
const disks: SmallDisk[] = [];
afterEach(() => {
  cores.splice(0).forEach((c) => c.close());
  disks.splice(0).forEach((d) => d.unmount());
});

describe('a full disk while running', () => {
  it('refuses writes with a message naming the folder and the space, keeps sign-in and reading, and writes nothing half', async () => {
    const disk = mountSmallDisk(48);
    disks.push(disk);
    const dataDir = path.join(disk.dir, 'data');
    const clock = manualClock('2025-06-10T09:00:00.000');
    let tick = () => {};
    const every: Every = (fn) => ((tick = fn), () => undefined);
    const core = await createCore({
      dataDir,
      demoOnCreate: true,
      demoResidents: false,
      transport: 'http',
      adminPassword: TEST_PASSWORD,
      keyStore: fileKeyStore(path.join(disk.dir, 'db.key')),
      now: clock,
      every,
    });
    cores.push(core);
    const command = await signIn(core, 'zhihui');
    const before = unwrap<{ total: number }>(await command('communities.list', {}));

    const filler = disk.fill();
    // Small writes may still fit in the room SQLite already holds (its WAL); keep writing until one does not.
    const accepted: string[] = [];
    let refused = await command('communities.create', { name: '磁盘满时新建', kind: 'community' });
    while (refused.ok && accepted.length < 5000) {
      accepted.push((refused.data as { name: string }).name);
      refused = await command('communities.create', { name: `磁盘满时新建${accepted.length}`, kind: 'community' });
    }
    expect(refused).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    if (refused.ok) return;
    expect(refused.error.message).toMatch(
      new RegExp(`^磁盘空间不足：数据目录 ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 所在的磁盘只剩 [\\d.]+ (KB|MB) 可用`),
    );
    expect(refused.error.message).toContain('仍可登录查看');

    // Everyone can still sign in and read; other writes are refused up front.
    const viewer = await signIn(core, 'lingdao');
    expect(unwrap<{ total: number }>(await viewer('communities.list', {})).total).toBe(before.total + accepted.length);
    const admin = await signIn(core, 'admin');
    expect((await admin('office.update', { name: '改名', divisionCode: null })).ok).toBe(false);

    // The day's backup cannot be made: the status line says why, and no half-written copy stays.
    clock.set('2025-06-11T00:05:00.000');
    tick();
    const admin2 = await signIn(core, 'admin');
    await expect.poll(async () => unwrap<BackupStatusData>(await admin2('backup.status')).lastError).toContain('磁盘空间不足');
    expect(fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // What was acknowledged is there; the refused one is not, not even in part.
    const names = (core.db.prepare("SELECT name FROM communities WHERE name LIKE '磁盘满时新建%'").all() as { name: string }[]).map((r) => r.name);
    expect(names.sort()).toEqual([...accepted].sort());

    // Space freed: writing and the schedule resume.
    fs.rmSync(filler);
    unwrap(await (await signIn(core, 'zhihui'))('communities.create', { name: '清理磁盘后新建', kind: 'community' }));
    tick();
    await expect.poll(async () => unwrap<BackupStatusData>(await admin2('backup.status')).lastError).toBeNull();
    expect(listBackups(path.join(dataDir, 'backups')).some((b) => b.kind === 'daily' && b.createdAt.startsWith('2025-06-11'))).toBe(true);
  });
});
