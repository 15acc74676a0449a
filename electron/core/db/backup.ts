import type Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfoData } from '../../../shared/api/office';

export type BackupKind = BackupInfoData['kind'];

/** Retention: the last 7 daily and 4 weekly; safety copies for 30 days; manual ones until deleted. */
export const KEEP_COUNT: Partial<Record<BackupKind, number>> = { daily: 7, weekly: 4 };
export const KEEP_DAYS: Partial<Record<BackupKind, number>> = { premigrate: 30, prerestore: 30, prereset: 30, preimport: 30, precleanup: 30 };

const KINDS = 'daily|weekly|manual|premigrate|preimport|prerestore|prereset|precleanup';
const FILE_RE = new RegExp(`^street-command-(\\d{8})-(\\d{6})(\\d{3})-(${KINDS})\\.db$`);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const stamp = (d: Date) =>
  `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}${pad(d.getMilliseconds(), 3)}`;
const dayOf = (d: Date) => stamp(d).slice(0, 8);
const DAY_MS = 86_400_000;

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
 * A consistent copy of the open database. VACUUM INTO writes it encrypted with the same
 * key (the backup API cannot copy an encrypted source). Written under a temporary name
 * and renamed, so a half-written backup never looks real.
 */
export async function backupNow(db: Database.Database, dir: string, kind: BackupKind, now = new Date()): Promise<BackupInfoData> {
  fs.mkdirSync(dir, { recursive: true });
  const file = `street-command-${stamp(now)}-${kind}.db`;
  const tmp = path.join(dir, `${file}.partial`);
  fs.rmSync(tmp, { force: true });
  db.prepare('VACUUM INTO ?').run(tmp);
  fs.renameSync(tmp, path.join(dir, file));
  rotate(dir, now);
  return listBackups(dir).find((b) => b.file === file)!;
}

export function rotate(dir: string, now = new Date()): void {
  const all = listBackups(dir);
  const doomed = all.filter((b) => {
    const keepDays = KEEP_DAYS[b.kind];
    if (keepDays !== undefined) return now.getTime() - new Date(b.createdAt).getTime() > keepDays * DAY_MS;
    const keepCount = KEEP_COUNT[b.kind];
    return keepCount !== undefined && all.filter((o) => o.kind === b.kind).indexOf(b) >= keepCount;
  });
  doomed.forEach((b) => fs.rmSync(path.join(dir, b.file), { force: true }));
}

/** The first start of each calendar day makes a daily backup; the first of each week also a weekly one. */
export async function dailyBackupIfDue(db: Database.Database, dir: string, now = new Date()): Promise<BackupInfoData | null> {
  const existing = listBackups(dir);
  const weekAgo = now.getTime() - 7 * DAY_MS;
  if (!existing.some((b) => b.kind === 'weekly' && new Date(b.createdAt).getTime() > weekAgo)) await backupNow(db, dir, 'weekly', now);
  if (existing.some((b) => b.kind === 'daily' && b.file.includes(`-${dayOf(now)}-`))) return null;
  return backupNow(db, dir, 'daily', now);
}
