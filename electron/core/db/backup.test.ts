import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupNow, dailyBackupIfDue, listBackups } from './backup';
import { applyKey, fileKeyStore } from './key';
import { openDatabase } from './open';

const dirs: string[] = [];
async function opened() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-backup-'));
  dirs.push(root);
  const keys = fileKeyStore(path.join(root, 'db.key'));
  const o = await openDatabase(path.join(root, 'data'), undefined, keys);
  return { ...o, key: keys.read()! };
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const at = (iso: string) => new Date(iso);

describe('backups', () => {
  it('are complete copies that open with the key and hold the same rows', async () => {
    const { db, backupDir, key } = await opened();
    db.prepare("INSERT INTO grids (name, search_key, created_at, updated_at) VALUES ('第一片区', 'x', 't', 't')").run();
    const info = await backupNow(db, backupDir, 'manual');
    const copy = new Database(path.join(backupDir, info.file), { readonly: true });
    applyKey(copy, key);
    expect(copy.prepare('SELECT name FROM grids').all()).toEqual([{ name: '第一片区' }]);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    db.close();
  });

  it('keep the last 7 daily ones and leave other kinds alone', async () => {
    const { db, backupDir } = await opened();
    await backupNow(db, backupDir, 'manual', at('2026-11-01T09:00:00'));
    for (let d = 1; d <= 9; d++) await backupNow(db, backupDir, 'daily', at(`2026-11-${String(d + 1).padStart(2, '0')}T09:00:00`));
    const list = listBackups(backupDir);
    const daily = list.filter((b) => b.kind === 'daily');
    expect(daily).toHaveLength(7);
    expect(daily.at(-1)!.createdAt.startsWith('2026-11-04')).toBe(true);
    expect(list.filter((b) => b.kind === 'manual')).toHaveLength(1);
    db.close();
  });

  it('drop safety copies (迁移前/恢复前) after 30 days', async () => {
    const { db, backupDir } = await opened();
    await backupNow(db, backupDir, 'premigrate', at('2026-10-01T09:00:00'));
    await backupNow(db, backupDir, 'prerestore', at('2026-11-20T09:00:00'));
    await backupNow(db, backupDir, 'manual', at('2026-11-24T09:00:00'));
    expect(listBackups(backupDir).map((b) => b.kind).sort()).toEqual(['manual', 'prerestore']);
    db.close();
  });

  it('the first start of a day makes one daily backup, the next day another', async () => {
    const { db, backupDir } = await opened();
    expect(await dailyBackupIfDue(db, backupDir, at('2026-11-24T08:00:00'))).not.toBeNull();
    expect(await dailyBackupIfDue(db, backupDir, at('2026-11-24T17:00:00'))).toBeNull();
    expect(await dailyBackupIfDue(db, backupDir, at('2026-11-25T08:00:00'))).not.toBeNull();
    const kinds = listBackups(backupDir).map((b) => b.kind);
    expect(kinds.filter((k) => k === 'daily')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'weekly')).toHaveLength(1);
    db.close();
  });
});
