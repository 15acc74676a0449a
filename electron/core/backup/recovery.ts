import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfoData } from '../../../shared/api/office';
import { ApiError } from '../../../shared/api/errors';
import { listBackups } from '../db/backup';
import { isDiskFull, diskFullMessage } from '../db/startup-error';
import { resolveInside } from '../kernel/paths';
import type { Migration } from '../db/migrate';
import { inspectBackup } from './inspect';
import { fsyncFile } from './swap';

/** Where a damaged database is kept aside before a backup replaces it. */
export const DAMAGED_DIR = 'damaged';

/** The backups that pass the same checks as a restore, newest first, and how many did not. */
export function verifiedBackups(backupDir: string, key: Buffer, list: Migration[]): { backups: BackupInfoData[]; rejected: number } {
  const backups: BackupInfoData[] = [];
  let rejected = 0;
  for (const b of listBackups(backupDir)) {
    try {
      inspectBackup(path.join(backupDir, b.file), { key }, list);
      backups.push(b);
    } catch {
      rejected++;
    }
  }
  return { backups, rejected };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const stamp = (d: Date) => `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;

/** A damaged database cannot be copied by SQLite (a backup reads every page): its file and WAL are copied as they are, for a technician. */
export function keepAside(dbFile: string, now: Date): string {
  const aside = path.join(path.dirname(dbFile), DAMAGED_DIR);
  fs.mkdirSync(aside, { recursive: true });
  let copy = path.join(aside, `street-command-${stamp(now)}.db`);
  for (let n = 2; fs.existsSync(copy); n++) copy = path.join(aside, `street-command-${stamp(now)}-${n}.db`);
  for (const ext of ['', '-wal']) if (fs.existsSync(`${dbFile}${ext}`)) fs.copyFileSync(`${dbFile}${ext}`, `${copy}${ext}`);
  return copy;
}

export const isCorrupt = (e: unknown): boolean =>
  /^SQLITE_(CORRUPT|NOTADB)/.test(String((e as { code?: unknown })?.code ?? '')) || /malformed/i.test(String((e as Error)?.message));

/**
 * Replaces a missing or damaged database with a backup, with no database open: the
 * backup is copied and checked (as any restore), the damaged file and its WAL are
 * copied to damaged/ first (a copy, so a failure on the way leaves everything as it
 * was), then the checked copy is renamed into place. Returns where the damaged file went.
 */
export function restoreWithoutDatabase(
  dbFile: string,
  backupDir: string,
  backup: string,
  key: Buffer,
  now: Date,
  list: Migration[],
): { keptAside: string | null } {
  const src = resolveInside(backupDir, `/${backup}`);
  if (!src || !fs.existsSync(src)) throw new ApiError('NOT_FOUND', `找不到备份文件：${backup}`);
  const dataDir = path.dirname(dbFile);
  const prepared = `${dbFile}.restoring`;
  const clear = () => {
    for (const ext of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${prepared}${ext}`, { force: true });
  };
  clear();
  try {
    fs.copyFileSync(src, prepared);
    inspectBackup(prepared, { key }, list);
    const keptAside = fs.existsSync(dbFile) && fs.statSync(dbFile).size > 0 ? keepAside(dbFile, now) : null;
    fsyncFile(prepared);
    // The damaged file's WAL must never be replayed onto the restored one.
    for (const ext of ['-wal', '-shm']) fs.rmSync(`${dbFile}${ext}`, { force: true });
    fs.renameSync(prepared, dbFile);
    return { keptAside };
  } catch (e) {
    if (isDiskFull(e)) throw new ApiError('DISK_FULL', diskFullMessage(dataDir));
    throw e;
  } finally {
    clear();
  }
}
