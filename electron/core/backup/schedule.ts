import type Database from 'better-sqlite3-multiple-ciphers';
import { dailyBackupIfDue } from '../db/backup';
import { BACKUP_NOT_MADE, diskFullMessage, isDiskFull } from '../db/startup-error';

/** How often the running process looks whether the day's (or week's) backup is due. */
export const BACKUP_CHECK_MS = 10 * 60_000;

/** Runs fn every ms; returns the way to stop. Injected by tests (a faked midnight needs no waiting). */
export type Every = (fn: () => void, ms: number) => () => void;

export const realEvery: Every = (fn, ms) => {
  const timer = setInterval(fn, ms);
  // An idle app must not be kept alive by its backup timer alone.
  timer.unref();
  return () => clearInterval(timer);
};

export interface BackupScheduler {
  /** Makes the daily (and weekly) backup if due; a failure is kept for the status line, never thrown. */
  check(): Promise<void>;
  /** Why the last scheduled backup failed, in Chinese; null after a success. */
  lastError(): string | null;
  stop(): void;
}

/**
 * Daily and weekly backups while the app runs for days: on start and every
 * BACKUP_CHECK_MS the due ones are made. A failure (full disk, damaged file) must not
 * stop the app or the next attempt; the administrator sees it on 总览 and 数据备份.
 */
export function scheduleBackups(
  db: () => Database.Database,
  dir: string,
  now: () => Date,
  every: Every = realEvery,
  /** Why a backup must not be attempted now (the disk is short: a copy would eat the room kept for sign-in). */
  blocked: () => string | null = () => null,
): BackupScheduler {
  let error: string | null = null;
  // Checks run one after another (a slow backup and the next tick never overlap).
  let queue: Promise<void> = Promise.resolve();
  const run = async () => {
    // A connection closed under the timer (a core whose database alone was closed) has nothing
    // to back up; reporting that as a failed backup would put a false alarm on 总览.
    if (!db().open) return;
    const reason = blocked();
    if (reason) {
      error = reason;
      return;
    }
    try {
      await dailyBackupIfDue(db(), dir, now());
      error = null;
    } catch (e) {
      const msg = (e as Error)?.message ?? String(e);
      error = isDiskFull(e)
        ? diskFullMessage(dir, BACKUP_NOT_MADE)
        : /malformed|corrupt|not a database/i.test(msg)
          ? '自动备份失败：数据库文件已损坏。请重新启动程序，按恢复页面的提示从备份恢复。'
          : `自动备份失败：${msg}`;
      console.error(`[backup] scheduled backup failed: ${(e as Error)?.name ?? 'Error'}`);
    }
  };
  const check = () => (queue = queue.then(run));
  const stop = every(() => void check(), BACKUP_CHECK_MS);
  return { check, lastError: () => error, stop };
}
