import type Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfoData } from '../../../shared/api/office';
import { fsyncFile } from '../backup/swap';
import { vacuumInto } from './vacuum-thread';

export type BackupKind = BackupInfoData['kind'];

/** Retention: the last 7 daily and 4 weekly; safety copies for 30 days; manual ones until deleted. */
export const KEEP_COUNT: Partial<Record<BackupKind, number>> = { daily: 7, weekly: 4 };
export const KEEP_DAYS: Partial<Record<BackupKind, number>> = { premigrate: 30, prerestore: 30, prereset: 30, preimport: 30, precleanup: 30 };
/** Every import makes a full copy: beyond the newest few, one per day is enough to go back to. */
export const THIN_AFTER: Partial<Record<BackupKind, number>> = { preimport: 5 };

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
 * key (the backup API cannot copy an encrypted source), in a thread of its own (see
 * vacuum-thread.ts). Written under a temporary name and renamed, so a half-written backup
 * never looks real.
 */
export async function backupNow(db: Database.Database, dir: string, kind: BackupKind, now = new Date()): Promise<BackupInfoData> {
  fs.mkdirSync(dir, { recursive: true });
  // Names carry the millisecond; a second backup in the same one takes the next free millisecond instead of replacing the first.
  let at = now.getTime();
  while (fs.existsSync(path.join(dir, nameAt(at, kind)))) at++;
  const file = nameAt(at, kind);
  const tmp = path.join(dir, `${file}.partial`);
  fs.rmSync(tmp, { force: true });
  try {
    await vacuumInto(db, tmp);
    fsyncFile(tmp);
  } catch (e) {
    // A full disk leaves a half-written copy: never keep it.
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.renameSync(tmp, path.join(dir, file));
  rotate(dir, now);
  return listBackups(dir).find((b) => b.file === file)!;
}

const nameAt = (ms: number, kind: BackupKind) => `street-command-${stamp(new Date(ms))}-${kind}.db`;

export function rotate(dir: string, now = new Date()): void {
  const all = listBackups(dir);
  const doomed = all.filter((b) => {
    const keepDays = KEEP_DAYS[b.kind];
    if (keepDays !== undefined && now.getTime() - new Date(b.createdAt).getTime() > keepDays * DAY_MS) return true;
    const thinAfter = THIN_AFTER[b.kind];
    if (thinAfter !== undefined) {
      const same = all.filter((o) => o.kind === b.kind);
      const rank = same.indexOf(b);
      // Newest first: b goes when a newer one of its kind was made the same day.
      return rank >= thinAfter && same.slice(0, rank).some((o) => o.createdAt.slice(0, 10) === b.createdAt.slice(0, 10));
    }
    if (keepDays !== undefined) return false;
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

/**
 * Removes what an interrupted backup, export or restore left behind (`*.partial` copies,
 * a `.restoring` file and its journals). Only at start-up, while this process holds the
 * data folder's lock, so nothing still being written is touched. Returns the bytes freed.
 */
export function cleanLeftovers(dataDir: string, dbFile: string, dir: string): number {
  const doomed = [
    ...(fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => /\.partial(-journal|-wal|-shm)?$/.test(f))
          .map((f) => path.join(dir, f))
      : []),
    ...fs
      .readdirSync(dataDir)
      .filter((f) => f.startsWith(`${path.basename(dbFile)}.restoring`))
      .map((f) => path.join(dataDir, f)),
  ];
  let freed = 0;
  for (const f of doomed) {
    freed += fs.statSync(f).size;
    fs.rmSync(f, { force: true });
  }
  return freed;
}

export interface BackupSummary {
  /** The newest complete backup (files are renamed into place only once written). */
  last: BackupInfoData | null;
  /** No backup at all, or the newest is more than a day old. */
  stale: boolean;
  count: number;
  totalBytes: number;
}

export function backupSummary(dir: string, now = new Date()): BackupSummary {
  const all = listBackups(dir);
  const last = all[0] ?? null;
  return {
    last,
    stale: !last || now.getTime() - new Date(last.createdAt).getTime() > DAY_MS,
    count: all.length,
    totalBytes: all.reduce((n, b) => n + b.size, 0),
  };
}
