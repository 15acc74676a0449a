import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfoData } from '../../../shared/api/office';

export type BackupKind = BackupInfoData['kind'];

/** How many backups of each kind are kept; older ones are deleted after a new one. */
export const KEEP_PER_KIND = 7;

const FILE_RE = /^street-command-(\d{8})-(\d{6})(\d{3})-(daily|manual|premigrate|prereset)\.db$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const stamp = (d: Date) =>
  `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}${pad(d.getMilliseconds(), 3)}`;
const dayOf = (d: Date) => stamp(d).slice(0, 8);

export function listBackups(dir: string): BackupInfoData[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((file) => ({ file, m: FILE_RE.exec(file) }))
    .filter((x): x is { file: string; m: RegExpExecArray } => x.m !== null)
    .map(({ file, m }) => {
      const [, d, t, ms, kind] = m;
      const createdAt = `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6)}T${t!.slice(0, 2)}:${t!.slice(2, 4)}:${t!.slice(4)}.${ms}`;
      return { file, kind: kind as BackupKind, createdAt, size: fs.statSync(path.join(dir, file)).size };
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Online backup through SQLite's backup API (consistent while the app keeps writing).
 * Written to a temporary name and renamed, so a half-written backup never looks real.
 */
export async function backupNow(db: Database.Database, dir: string, kind: BackupKind, now = new Date()): Promise<BackupInfoData> {
  fs.mkdirSync(dir, { recursive: true });
  const file = `street-command-${stamp(now)}-${kind}.db`;
  const tmp = path.join(dir, `${file}.partial`);
  await db.backup(tmp);
  fs.renameSync(tmp, path.join(dir, file));
  rotate(dir, kind);
  return listBackups(dir).find((b) => b.file === file)!;
}

export function rotate(dir: string, kind: BackupKind, keep = KEEP_PER_KIND): void {
  listBackups(dir)
    .filter((b) => b.kind === kind)
    .slice(keep)
    .forEach((b) => fs.rmSync(path.join(dir, b.file), { force: true }));
}

/** The first start of each calendar day makes a 'daily' backup. */
export async function dailyBackupIfDue(db: Database.Database, dir: string, now = new Date()): Promise<BackupInfoData | null> {
  const today = dayOf(now);
  if (listBackups(dir).some((b) => b.kind === 'daily' && b.file.includes(`-${today}-`))) return null;
  return backupNow(db, dir, 'daily', now);
}
