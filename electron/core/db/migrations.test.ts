import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors';
import { CHINESE, closeLater, makeDataDir, makeTempDir, openWithKey } from '../../../test/helpers/temp-core';
import { listBackups } from './backup';
import { assertMonotonic, latestVersion, migrate, type Migration, schemaVersion } from './migrate';
import { migrations } from '../registry/migrations';
import { DB_FILE, defaultKeyStore, openDatabase, openKeyed } from './open';

/** The territory tables of step 10 (later steps add more). */
const TABLES = ['checkpoints', 'communities', 'compounds', 'grids', 'office'];
/** The shipped schema version, and the one a future app would bring. */
const LATEST = latestVersion(migrations);
const NEXT = LATEST + 10;
const broken: Migration = { version: NEXT, name: 'broken', sql: 'CREATE TABLE x (a); INSERT INTO nope VALUES (1);' };
const validNext: Migration = { version: NEXT, name: 'add-notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT) STRICT;' };

const tablesOf = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);

/** A data dir whose database is at the shipped version and holds one community, closed again. */
async function shippedWithData(): Promise<string> {
  const dir = makeDataDir();
  const { db } = await openDatabase(dir, migrations);
  db.prepare(
    `INSERT INTO communities (name, kind, search_key, created_at, updated_at) VALUES ('建设路社区', 'community', 'x', '2024-01-01', '2024-01-01')`,
  ).run();
  db.prepare(`UPDATE office SET name = '测试街道' WHERE id = 1`).run();
  db.close();
  return dir;
}

/** Opens the file again (no migration code involved) to see what is really on disk. */
function inspect<T>(dir: string, read: (db: Database.Database) => T): T {
  const db = openWithKey(path.join(dir, DB_FILE), dir);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe('migrations', () => {
  it('bring an empty file to the latest version and create the tables', async () => {
    const dir = makeDataDir();
    const opened = await openDatabase(dir, migrations);
    closeLater(opened.db);
    expect(opened.created).toBe(true);
    expect(schemaVersion(opened.db)).toBe(LATEST);
    expect(LATEST).toBeGreaterThanOrEqual(10);
    expect(tablesOf(opened.db)).toEqual(expect.arrayContaining(TABLES));
    expect(opened.db.prepare('SELECT name FROM office').get()).toEqual({ name: '未命名街道' });
    // A new database needs no pre-migration backup: there is nothing to lose.
    expect(listBackups(opened.backupDir)).toEqual([]);
  });

  it('opening an up-to-date database again changes nothing', async () => {
    const dir = await shippedWithData();
    const again = await openDatabase(dir, migrations);
    closeLater(again.db);
    expect(again.created).toBe(false);
    expect(migrate(again.db, migrations)).toEqual({ from: LATEST, to: LATEST });
    expect(again.db.prepare('SELECT count(*) AS n FROM office').get()).toEqual({ n: 1 });
    expect(again.db.prepare('SELECT name FROM office').get()).toEqual({ name: '测试街道' });
    expect(again.db.prepare('SELECT name FROM communities').all()).toEqual([{ name: '建设路社区' }]);
    expect(listBackups(again.backupDir)).toEqual([]);
  });

  it('the shipped list is in steps of ten, strictly increasing', () => {
    expect(() => assertMonotonic(migrations)).not.toThrow();
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.every((v) => v % 10 === 0)).toBe(true);
    const first = migrations[0]!;
    expect(() => assertMonotonic([validNext, first])).toThrow(`out of order at ${first.version}`);
    expect(() => assertMonotonic([first, { ...validNext, version: first.version }])).toThrow(/out of order/);
    expect(() => assertMonotonic([first, { ...validNext, version: first.version + 5 }])).toThrow(`out of order at ${first.version + 5}`);
  });

  it('an out-of-order list is refused before anything is applied', () => {
    const db = closeLater(new Database(path.join(makeTempDir(), 'x.db')));
    expect(() => migrate(db, [validNext, migrations[0]!])).toThrow(/out of order/);
    expect(schemaVersion(db)).toBe(0);
    expect(tablesOf(db)).toEqual([]);
  });

  it('a failing step is rolled back, named in Chinese, and leaves the data as it was', async () => {
    const dir = await shippedWithData();
    const before = inspect(dir, (db) => ({ rows: db.prepare('SELECT * FROM communities').all(), tables: tablesOf(db) }));

    const err = await rejection(openDatabase(dir, [...migrations, broken]));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('MIGRATION_FAILED');
    expect((err as ApiError).message).toMatch(CHINESE);
    expect((err as ApiError).message).toContain(`第 ${NEXT} 步：broken`);
    expect((err as ApiError).message).toContain('已全部撤销');

    inspect(dir, (db) => {
      expect(schemaVersion(db)).toBe(LATEST);
      expect(tablesOf(db)).not.toContain('x');
      expect(tablesOf(db)).toEqual(before.tables);
      expect(db.prepare('SELECT * FROM communities').all()).toEqual(before.rows);
      expect(db.prepare('SELECT name FROM office').get()).toEqual({ name: '测试街道' });
    });
  });

  it('a failing step on a new file keeps the steps before it', async () => {
    const dir = makeDataDir();
    await expect(openDatabase(dir, [...migrations, broken])).rejects.toMatchObject({ code: 'MIGRATION_FAILED' });
    inspect(dir, (db) => {
      expect(schemaVersion(db)).toBe(LATEST);
      expect(tablesOf(db)).toEqual(expect.arrayContaining(TABLES));
      expect(tablesOf(db)).not.toContain('x');
    });
  });

  it('a database from a newer app is refused in Chinese and left untouched', async () => {
    const dir = await shippedWithData();
    const file = path.join(dir, DB_FILE);
    const store = defaultKeyStore(dir);
    const raw = closeLater(openKeyed(file, store.read()!, store));
    raw.pragma(`user_version = ${NEXT}`);
    raw.close();
    const bytes = fs.readFileSync(file);

    const err = await rejection(openDatabase(dir, migrations));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('MIGRATION_FAILED');
    expect((err as ApiError).message).toContain(`数据库版本（${NEXT}）比本程序支持的版本（${LATEST}）更新`);

    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    inspect(dir, (db) => {
      expect(schemaVersion(db)).toBe(NEXT);
      expect(db.prepare('SELECT name FROM communities').all()).toEqual([{ name: '建设路社区' }]);
    });
    expect(listBackups(path.join(dir, 'backups'))).toEqual([]);
  });

  it('an older database is backed up (premigrate) before it is migrated', async () => {
    const dir = await shippedWithData();
    const opened = await openDatabase(dir, [...migrations, validNext]);
    closeLater(opened.db);
    expect(schemaVersion(opened.db)).toBe(NEXT);
    expect(tablesOf(opened.db)).toContain('notes');

    const backups = listBackups(opened.backupDir);
    expect(backups.map((b) => b.kind)).toEqual(['premigrate']);
    // The backup is the database as it was before the upgrade.
    const copy = openWithKey(path.join(opened.backupDir, backups[0]!.file), dir);
    expect(schemaVersion(copy)).toBe(LATEST);
    expect(tablesOf(copy)).not.toContain('notes');
    expect(copy.prepare('SELECT name FROM communities').all()).toEqual([{ name: '建设路社区' }]);
  });

  it('a failed upgrade still leaves its premigrate backup behind', async () => {
    const dir = await shippedWithData();
    await expect(openDatabase(dir, [...migrations, broken])).rejects.toMatchObject({ code: 'MIGRATION_FAILED' });
    expect(listBackups(path.join(dir, 'backups')).map((b) => b.kind)).toEqual(['premigrate']);
  });
});
