import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeLater, dataOf, makeDataDir, makeTempDir, openTempCore, openWithKey, signInAs } from '../../../test/helpers/temp-core';
import { backupNow, backupSummary, dailyBackupIfDue, KEEP_COUNT, KEEP_DAYS, listBackups, THIN_AFTER } from './backup';
import { schemaVersion } from './migrate';

const at = (local: string) => new Date(local);
const rowsOf = (db: Database.Database, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
const filesOf = (dir: string, kind: string) =>
  listBackups(dir)
    .filter((b) => b.kind === kind)
    .map((b) => b.file);

describe('backups', () => {
  it('backupNow writes a valid, encrypted copy of the database with the same rows', async () => {
    const core = await openTempCore({ demo: true });
    const dir = path.join(core.dataDir, 'copies');
    const info = await backupNow(core.db, dir, 'manual', at('2025-03-04T10:20:30.456'));

    expect(info).toMatchObject({ kind: 'manual', file: 'street-command-20250304-102030456-manual.db', createdAt: '2025-03-04T10:20:30.456' });
    expect(info.size).toBe(fs.statSync(path.join(dir, info.file)).size);
    expect(fs.readdirSync(dir)).toEqual([info.file]); // no .partial left behind

    const copy = openWithKey(path.join(dir, info.file), core.dataDir);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(schemaVersion(copy)).toBe(schemaVersion(core.db));
    for (const table of ['office', 'communities', 'grids', 'compounds', 'checkpoints', 'users']) {
      expect(rowsOf(copy, table), table).toEqual(rowsOf(core.db, table));
    }
    expect(rowsOf(copy, 'compounds')).toHaveLength(168);

    const plain = closeLater(new Database(path.join(dir, info.file), { readonly: true }));
    expect(() => plain.prepare('SELECT count(*) FROM compounds').get()).toThrow(/not a database/);
  });

  it('the copy is a snapshot: later edits do not reach it', async () => {
    const core = await openTempCore({ demo: true });
    const info = await backupNow(core.db, path.join(core.dataDir, 'snap'), 'manual');
    const command = await signInAs(core, 'command');
    dataOf(await command('communities.create', { name: '后来新建社区', kind: 'community' }));
    const copy = openWithKey(path.join(core.dataDir, 'snap', info.file), core.dataDir);
    expect(copy.prepare(`SELECT count(*) AS n FROM communities WHERE name = '后来新建社区'`).get()).toEqual({ n: 0 });
    expect(copy.prepare('SELECT count(*) AS n FROM communities').get()).toEqual({ n: 15 });
  });

  it('keeps only the last 7 daily backups and leaves manual ones alone', async () => {
    expect(KEEP_COUNT.daily).toBe(7);
    const core = await openTempCore();
    const dir = path.join(makeTempDir(), 'backups');
    const manual: string[] = [];
    const daily: string[] = [];
    for (let day = 1; day <= 9; day++) {
      manual.push((await backupNow(core.db, dir, 'manual', at(`2025-02-0${day}T07:00:00.000`))).file);
      daily.push((await backupNow(core.db, dir, 'daily', at(`2025-02-0${day}T08:00:00.000`))).file);
    }
    expect(filesOf(dir, 'daily')).toEqual(daily.slice(2).reverse());
    expect(filesOf(dir, 'manual')).toEqual([...manual].reverse());
    expect(fs.readdirSync(dir)).toHaveLength(7 + 9);
  });

  it('keeps the last 4 weekly backups', async () => {
    expect(KEEP_COUNT.weekly).toBe(4);
    const core = await openTempCore();
    const dir = path.join(makeTempDir(), 'backups');
    const weekly: string[] = [];
    for (let week = 0; week < 6; week++) weekly.push((await backupNow(core.db, dir, 'weekly', new Date(2025, 2, 1 + week * 7, 8))).file);
    expect(filesOf(dir, 'weekly')).toEqual(weekly.slice(2).reverse());
  });

  it('keeps safety copies (before migration or reset) for 30 days, whatever their number', async () => {
    expect(KEEP_DAYS.premigrate).toBe(30);
    expect(KEEP_DAYS.prereset).toBe(30);
    const core = await openTempCore();
    const dir = path.join(makeTempDir(), 'backups');
    const old = await backupNow(core.db, dir, 'prereset', at('2025-01-01T08:00:00.000'));
    const recent: string[] = [];
    for (let day = 10; day <= 19; day++) recent.push((await backupNow(core.db, dir, 'prereset', at(`2025-01-${day}T08:00:00.000`))).file);
    expect(filesOf(dir, 'prereset')).toHaveLength(11); // ten of them within 30 days of the eleventh: all kept
    await backupNow(core.db, dir, 'premigrate', at('2025-02-05T08:00:00.000'));
    // 35 days after the first: only that one is gone.
    expect(filesOf(dir, 'prereset')).toEqual([...recent].reverse());
    expect(filesOf(dir, 'prereset')).not.toContain(old.file);
    expect(filesOf(dir, 'premigrate')).toHaveLength(1);
  });

  it('the list is newest first and ignores foreign files', async () => {
    const core = await openTempCore();
    const dir = path.join(makeTempDir(), 'backups');
    await backupNow(core.db, dir, 'manual', at('2025-05-01T08:00:00.000'));
    await backupNow(core.db, dir, 'daily', at('2025-05-03T08:00:00.000'));
    await backupNow(core.db, dir, 'premigrate', at('2025-05-02T08:00:00.000'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a backup');
    fs.writeFileSync(path.join(dir, 'street-command-20250504-080000000-daily.db.partial'), '');
    expect(listBackups(dir).map((b) => b.kind)).toEqual(['daily', 'premigrate', 'manual']);
  });

  it('dailyBackupIfDue makes one daily backup per calendar day, and a weekly one each week', async () => {
    const core = await openTempCore();
    const dir = path.join(makeTempDir(), 'backups');
    const first = await dailyBackupIfDue(core.db, dir, at('2025-06-10T08:00:00.000'));
    expect(first?.kind).toBe('daily');
    expect(await dailyBackupIfDue(core.db, dir, at('2025-06-10T23:59:59.000'))).toBeNull();
    const next = await dailyBackupIfDue(core.db, dir, at('2025-06-11T00:00:01.000'));
    expect(next?.kind).toBe('daily');
    expect(
      listBackups(dir)
        .filter((b) => b.kind === 'daily')
        .map((b) => b.createdAt),
    ).toEqual(['2025-06-11T00:00:01.000', '2025-06-10T08:00:00.000']);
    expect(
      listBackups(dir)
        .filter((b) => b.kind === 'weekly')
        .map((b) => b.createdAt),
    ).toEqual(['2025-06-10T08:00:00.000']);

    await dailyBackupIfDue(core.db, dir, at('2025-06-17T09:00:00.000'));
    expect(
      listBackups(dir)
        .filter((b) => b.kind === 'weekly')
        .map((b) => b.createdAt),
    ).toEqual(['2025-06-17T09:00:00.000', '2025-06-10T08:00:00.000']);
  });

  it('a manual backup does not count as the day’s daily backup', async () => {
    const core = await openTempCore();
    const dir = path.join(makeTempDir(), 'backups');
    await backupNow(core.db, dir, 'manual', at('2025-06-10T07:00:00.000'));
    expect((await dailyBackupIfDue(core.db, dir, at('2025-06-10T08:00:00.000')))?.kind).toBe('daily');
  });

  it('starting the app on an existing data dir makes that day’s backup', async () => {
    const dataDir = makeDataDir();
    const first = await openTempCore({ dataDir, now: () => at('2025-07-01T09:00:00.000') });
    const admin = await signInAs(first, 'admin');
    dataOf(await admin('office.update', { name: '第一天街道', divisionCode: null }));
    first.close();

    (await openTempCore({ dataDir, now: () => at('2025-07-01T17:00:00.000') })).close();
    expect(filesOf(path.join(dataDir, 'backups'), 'daily')).toHaveLength(1);

    const nextDay = await openTempCore({ dataDir, now: () => at('2025-07-02T08:30:00.000') });
    const daily = listBackups(path.join(dataDir, 'backups')).filter((b) => b.kind === 'daily');
    expect(daily.map((b) => b.createdAt)).toEqual(['2025-07-02T08:30:00.000', '2025-07-01T09:00:00.000']);
    const copy = openWithKey(path.join(dataDir, 'backups', daily[0]!.file), dataDir);
    expect(copy.prepare('SELECT name FROM office').get()).toEqual({ name: '第一天街道' });

    // The same list is what 设置 → 备份 shows.
    const listed = dataOf<{ kind: string }[]>(await (await signInAs(nextDay, 'admin'))('system.backups'));
    expect(listed.filter((b) => b.kind === 'daily')).toHaveLength(2);
  });

  it('two backups made in the same millisecond are both kept', async () => {
    const core = await openTempCore();
    const dir = path.join(makeTempDir(), 'backups');
    const when = at('2025-08-01T10:00:00.123');
    const a = await backupNow(core.db, dir, 'manual', when);
    const b = await backupNow(core.db, dir, 'manual', when);
    expect(a.file).not.toBe(b.file);
    expect(filesOf(dir, 'manual').sort()).toEqual([a.file, b.file].sort());
    for (const f of [a.file, b.file]) expect(openWithKey(path.join(dir, f), core.dataDir).pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('thins pre-import copies: the last 5, and one per day before them', async () => {
    expect(THIN_AFTER.preimport).toBe(5);
    const core = await openTempCore();
    const dir = path.join(makeTempDir(), 'backups');
    // Four imports a day for three days.
    const made: string[] = [];
    for (const day of ['10', '11', '12'])
      for (const h of ['08', '10', '14', '16']) made.push((await backupNow(core.db, dir, 'preimport', at(`2025-09-${day}T${h}:00:00.000`))).file);
    const kept = listBackups(dir)
      .filter((b) => b.kind === 'preimport')
      .map((b) => b.createdAt);
    expect(kept).toEqual([
      '2025-09-12T16:00:00.000',
      '2025-09-12T14:00:00.000',
      '2025-09-12T10:00:00.000',
      '2025-09-12T08:00:00.000',
      '2025-09-11T16:00:00.000',
      '2025-09-10T16:00:00.000',
    ]);
  });

  it('a failed backup (disk full) leaves no half-written file', async () => {
    const core = await openTempCore();
    const dir = path.join(makeTempDir(), 'backups');
    fs.mkdirSync(dir);
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const db = new Proxy(core.db, {
      get: (t, k) =>
        k === 'prepare'
          ? (sql: string) =>
              sql.startsWith('VACUUM INTO')
                ? {
                    run: (f: string) => (
                      fs.writeFileSync(f, 'half'),
                      (() => {
                        throw full;
                      })()
                    ),
                  }
                : t.prepare(sql)
          : Reflect.get(t, k, t),
    });
    await expect(backupNow(db, dir, 'daily', at('2025-10-01T00:05:00.000'))).rejects.toThrow(/full/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('start-up removes what an interrupted backup or restore left behind', async () => {
    const dataDir = makeDataDir();
    (await openTempCore({ dataDir })).close();
    const dir = path.join(dataDir, 'backups');
    fs.writeFileSync(path.join(dir, 'street-command-20250504-080000000-daily.db.partial'), 'half');
    fs.writeFileSync(path.join(dir, 'export-123-456.partial'), 'half');
    fs.writeFileSync(path.join(dataDir, 'street-command.db.restoring'), 'half');
    fs.writeFileSync(path.join(dataDir, 'street-command.db.restoring-journal'), 'half');
    const before = listBackups(dir).map((b) => b.file);
    (await openTempCore({ dataDir })).close();
    expect(fs.readdirSync(dir).filter((f) => !f.endsWith('.db'))).toEqual([]);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('restoring'))).toEqual([]);
    expect(listBackups(dir).map((b) => b.file)).toEqual(before);
  });

  it('the status line: last backup, stale after a day, space used', async () => {
    const core = await openTempCore();
    const dir = path.join(makeTempDir(), 'backups');
    expect(backupSummary(dir, at('2025-11-01T08:00:00.000'))).toMatchObject({ last: null, stale: true, count: 0, totalBytes: 0 });
    const a = await backupNow(core.db, dir, 'daily', at('2025-11-01T08:00:00.000'));
    const b = await backupNow(core.db, dir, 'manual', at('2025-11-01T09:00:00.000'));
    expect(backupSummary(dir, at('2025-11-02T08:59:00.000'))).toMatchObject({ last: { file: b.file }, stale: false, count: 2, totalBytes: a.size + b.size });
    expect(backupSummary(dir, at('2025-11-02T09:01:00.000')).stale).toBe(true);
  });
});
