import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecoveryStatusData } from '../../../shared/api/backup';
import type { Caller } from '../api/types';
import type { Core } from '../registry/core';
import { openCore } from '../registry/recovery-core';
import { listBackups } from './backup';
import { fileKeyStore, newKey } from './key';
import { migrations } from '../registry/migrations';
import { DB_FILE } from './open';
import { StartupError } from './startup-error';
import { makeTempDir } from '../../../test/helpers/temp-core';
import { signIn, TEST_PASSWORD, unwrap } from '../../../test/helpers/sessions';
import { mountSmallDisk, type SmallDisk } from '../../../test/helpers/tmpfs';

const LOCAL: Caller = { client: '127.0.0.1', local: true };
const REMOTE: Caller = { client: '192.168.1.23', local: false };

const open: Core[] = [];
const disks: SmallDisk[] = [];
afterEach(() => {
  open.splice(0).forEach((c) => c.close());
  disks.splice(0).forEach((d) => d.unmount());
});

/** An office in root/data with its key in root/db.key: the first start, a 社区 added, a manual backup. */
async function office(root = makeTempDir()) {
  const dataDir = path.join(root, 'data');
  const keyStore = fileKeyStore(path.join(root, 'db.key'));
  const opts = { dataDir, keyStore, demoOnCreate: false, transport: 'http' as const, adminPassword: TEST_PASSWORD };
  const core = await openCore(opts);
  const admin = await signIn(core, 'admin');
  unwrap(await admin('office.update', { name: '备份里的街道', divisionCode: null }));
  const backup = unwrap<{ file: string }>(await admin('system.backupNow'));
  core.close();
  const start = async () => {
    const c = await openCore(opts);
    open.push(c);
    return c;
  };
  return { root, dataDir, opts, backup: backup.file, file: path.join(dataDir, DB_FILE), backupDir: path.join(dataDir, 'backups'), start };
}

const failure = async (p: Promise<unknown>): Promise<StartupError> => {
  try {
    const c = await p;
    (c as Core).close();
  } catch (e) {
    if (e instanceof StartupError) return e;
    throw e;
  }
  throw new Error('expected the start to fail');
};

const status = async (core: Core, caller = LOCAL) => unwrap<RecoveryStatusData>((await core.call('recovery.status', {}, caller)).envelope);
const officeName = (core: Core) => (core.db.prepare('SELECT name FROM office').get() as { name: string }).name;

describe('start-up that never guesses', () => {
  it('a 0-byte database with backups is not replaced: the recovery page offers the newest backup, and the backups are kept', async () => {
    const o = await office();
    const before = listBackups(o.backupDir).map((b) => b.file);
    fs.writeFileSync(o.file, '');
    const core = await o.start();

    const signedOut = (await core.call('auth.status', {}, LOCAL)).envelope;
    expect(signedOut).toMatchObject({ ok: false, error: { code: 'RECOVERY', message: expect.stringContaining('是空的（0 字节）') } });
    const page = await status(core);
    expect(page.problem).toBe('missing');
    expect(page.message).toContain('没有新建数据库');
    expect(page.backups.map((b) => b.file)).toEqual(before);
    // Nothing was created over it, and no backup went.
    expect(fs.statSync(o.file).size).toBe(0);
    expect(listBackups(o.backupDir).map((b) => b.file)).toEqual(before);

    unwrap((await core.call('recovery.restore', { backup: page.backups[0]!.file }, LOCAL)).envelope);
    expect(officeName(core)).toBe('备份里的街道');
    const admin = await signIn(core, 'admin');
    unwrap(await admin('office.update', { name: '恢复后改名', divisionCode: null }));
    expect(listBackups(o.backupDir).map((b) => b.file)).toEqual(expect.arrayContaining(before));
  });

  it('a deleted database with backups is refused the demo office too', async () => {
    const o = await office();
    fs.rmSync(o.file);
    const e = await failure((await import('../registry/core')).createCore({ ...o.opts, demoOnCreate: true }));
    expect(e.problem).toBe('missing');
    expect(e.message).toContain('不存在');
    expect(fs.existsSync(o.file)).toBe(false);
  });

  it('a file damaged mid-way opens the recovery page, which lists only sound backups and restores after keeping the damaged file aside', async () => {
    const o = await office();
    // A backup that is itself damaged must not be offered.
    const broken = o.backup.replace(/\d{3}-manual/, '999-daily').replace('-manual', '-daily');
    const good = fs.readFileSync(path.join(o.backupDir, o.backup));
    const bad = Buffer.from(good);
    bad.fill(0x5a, 4096 * 3, 4096 * 4);
    fs.writeFileSync(path.join(o.backupDir, broken), bad);

    const bytes = fs.readFileSync(o.file);
    const page = Math.floor(bytes.length / 4096 / 2) * 4096;
    bytes.fill(0x5a, page, page + 4096);
    fs.writeFileSync(o.file, bytes);

    const core = await o.start();
    const shown = await status(core);
    expect(shown.problem).toBe('damaged');
    // Which of the two damaged-file sentences depends on what the overwritten page held (an index, a table, the free list).
    expect(shown.message).toMatch(/已损坏(：完整性检查发现 (\d+|100 多) 处|（内容无法完整读取)/);
    expect(shown.message).not.toMatch(/malformed|Tree \d+|page/);
    expect(shown.backups.map((b) => b.file)).not.toContain(broken);
    expect(shown.rejected).toBeGreaterThanOrEqual(1);
    const dates = shown.backups.map((b) => b.createdAt);
    expect(dates).toEqual([...dates].sort().reverse());

    // A colleague on the LAN sees why, but neither the list nor the button.
    const remote = await status(core, REMOTE);
    expect(remote).toMatchObject({ problem: 'damaged', local: false, backups: [], dataDir: null });
    expect((await core.call('recovery.restore', { backup: o.backup }, REMOTE)).envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await core.call('recovery.restore', { backup: broken }, LOCAL)).envelope).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    unwrap((await core.call('recovery.restore', { backup: o.backup }, LOCAL)).envelope);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(officeName(core)).toBe('备份里的街道');
    const aside = fs.readdirSync(path.join(o.dataDir, 'damaged'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(o.dataDir, 'damaged', aside[0]!)).equals(bytes)).toBe(true);
    const admin = await signIn(core, 'admin');
    expect(unwrap<{ stale: boolean }>(await admin('backup.status')).stale).toBe(false);
  });

  it('a truncated file is named as truncated, not as a wrong key', async () => {
    const o = await office();
    const bytes = fs.readFileSync(o.file);
    fs.writeFileSync(o.file, bytes.subarray(0, bytes.length - 1500));
    const core = await o.start();
    const shown = await status(core);
    expect(shown.problem).toBe('damaged');
    expect(shown.message).toContain('不完整');
    expect(shown.message).toContain('截断');
    expect(shown.message).not.toContain('密钥');
  });

  it('a damaged first page is told apart from a wrong key by a backup that opens with the same key', async () => {
    const o = await office();
    const bytes = fs.readFileSync(o.file);
    bytes.fill(0x5a, 100, 600);
    fs.writeFileSync(o.file, bytes);
    const shown = await status(await o.start());
    expect(shown.message).toContain('开头部分已损坏');
    open.splice(0).forEach((c) => c.close());

    // The right file with the wrong key: a key message, and no recovery page.
    fs.writeFileSync(path.join(o.root, 'db.key'), `${newKey().toString('hex')}\n`);
    fs.copyFileSync(path.join(o.backupDir, o.backup), o.file);
    const e = await failure(o.start());
    expect(e.problem).toBe('key');
    expect(e.message).toContain('密钥');
  });

  it('data written by a newer version of the program gets its own message', async () => {
    const o = await office();
    const e = await failure(openCore({ ...o.opts, migrations: migrations.slice(0, -1) }));
    expect(e.problem).toBe('newer');
    expect(e.code).toBe('MIGRATION_FAILED');
    expect(e.message).toContain('请升级本程序');
  });

  it('a read-only folder gets its own message', async () => {
    const disk = mountSmallDisk(16);
    disks.push(disk);
    const o = await office(disk.dir);
    disk.readOnly();
    const e = await failure(o.start());
    expect(e.problem).toBe('readonly');
    expect(e.message).toContain(`数据目录 ${o.dataDir} 是只读的`);
  });

  it('a full disk at start-up gets its own message naming the folder and the space left', async () => {
    const disk = mountSmallDisk(16);
    disks.push(disk);
    const o = await office(disk.dir);
    disk.fill();
    const e = await failure(o.start());
    expect(e.problem).toBe('full');
    expect(e.message).toMatch(new RegExp(`磁盘空间不足：数据目录 ${o.dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 所在的磁盘只剩 \\d+ KB 可用`));
    // The database itself is untouched and sound.
    const db = new Database(o.file, { readonly: true });
    db.close();
  });
});
