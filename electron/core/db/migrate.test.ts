import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from './backup';
import { applyKey, fileKeyStore } from './key';
import { assertMonotonic, schemaVersion } from './migrate';
import { latestVersion, migrations } from './migrations';
import { DB_FILE, openDatabase } from './open';

const dirs: string[] = [];
function temp() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-migrate-'));
  dirs.push(root);
  return { dataDir: path.join(root, 'data'), keys: fileKeyStore(path.join(root, 'db.key')) };
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('bring an empty file to the latest version, and a second open changes nothing', async () => {
    const { dataDir, keys } = temp();
    const first = await openDatabase(dataDir, migrations, keys);
    expect(first.created).toBe(true);
    expect(schemaVersion(first.db)).toBe(latestVersion());
    expect(tables(first.db)).toEqual(expect.arrayContaining(['office', 'communities', 'grids', 'compounds', 'checkpoints', 'users', 'audit_log']));
    first.db.close();
    const again = await openDatabase(dataDir, migrations, keys);
    expect(again.created).toBe(false);
    expect(schemaVersion(again.db)).toBe(latestVersion());
    again.db.close();
  });

  it('are numbered in rising steps of ten', () => {
    expect(() => assertMonotonic(migrations)).not.toThrow();
    expect(() => assertMonotonic([...migrations, { version: 15, name: 'odd', sql: '' }])).toThrow();
    expect(() => assertMonotonic([{ version: 20, name: 'b', sql: '' }, { version: 10, name: 'a', sql: '' }])).toThrow();
  });

  it('a failing step is undone completely, says so in Chinese, and leaves the data as it was', async () => {
    const { dataDir, keys } = temp();
    const ok = await openDatabase(dataDir, migrations, keys);
    ok.db.prepare("INSERT INTO communities (name, kind, search_key, created_at, updated_at) VALUES ('保留社区', 'community', 'x', 't', 't')").run();
    ok.db.close();
    const broken = [...migrations, { version: latestVersion() + 10, name: 'broken', sql: 'CREATE TABLE extra (a); INSERT INTO nope VALUES (1);' }];
    await expect(openDatabase(dataDir, broken, keys)).rejects.toMatchObject({ code: 'MIGRATION_FAILED', message: expect.stringMatching(/数据库升级失败.*broken.*撤销/) });

    const db = new Database(path.join(dataDir, DB_FILE));
    applyKey(db, keys.read()!);
    expect(schemaVersion(db)).toBe(latestVersion());
    expect(tables(db)).not.toContain('extra');
    expect(db.prepare('SELECT name FROM communities').all()).toEqual([{ name: '保留社区' }]);
    db.close();
  });

  it('backs up an existing database before migrating it', async () => {
    const { dataDir, keys } = temp();
    (await openDatabase(dataDir, migrations, keys)).db.close();
    const next = [...migrations, { version: latestVersion() + 10, name: 'add-note', sql: 'ALTER TABLE office ADD COLUMN motto TEXT;' }];
    const opened = await openDatabase(dataDir, next, keys);
    expect(schemaVersion(opened.db)).toBe(latestVersion() + 10);
    opened.db.close();
    expect(listBackups(path.join(dataDir, 'backups')).map((b) => b.kind)).toContain('premigrate');
  });

  it('refuses a database made by a newer version of the app, without touching it', async () => {
    const { dataDir, keys } = temp();
    const opened = await openDatabase(dataDir, migrations, keys);
    opened.db.pragma('user_version = 990');
    opened.db.close();
    await expect(openDatabase(dataDir, migrations, keys)).rejects.toMatchObject({ code: 'MIGRATION_FAILED', message: expect.stringContaining('请升级') });
  });
});
