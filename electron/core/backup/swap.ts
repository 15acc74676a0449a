import type Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';

/** Flushes a file's bytes to disk, so a rename after it never exposes a half-written file. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const removeSideFiles = (dbFile: string) => {
  for (const ext of ['-wal', '-shm']) fs.rmSync(`${dbFile}${ext}`, { force: true });
};

/**
 * Replaces the database file with a prepared, verified one. The open connection is
 * checkpointed and closed and its WAL removed first (an old WAL must never be replayed
 * onto the new file); the replacement itself is one rename, so a crash at any point
 * leaves either the old database or the restored one, never a mix.
 */
export function swapDatabaseFile(db: Database.Database, dbFile: string, prepared: string): void {
  fsyncFile(prepared);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  removeSideFiles(dbFile);
  fs.renameSync(prepared, dbFile);
}

/** The connection to carry on with, and why the swapped-in file was given up (then `db` is the previous data, reopened). */
export interface SwapResult {
  db: Database.Database;
  failure?: unknown;
}

/**
 * Swaps the prepared file in and proves it opens and answers a query before anyone is
 * told it worked. If it does not, the previous file (kept as a hard link until then) is
 * put back and reopened, so the office is never left without a working database.
 */
export function swapAndOpen(db: Database.Database, dbFile: string, prepared: string, open: (file: string) => Database.Database): SwapResult {
  const previous = `${dbFile}.previous`;
  fs.rmSync(previous, { force: true });
  fsyncFile(prepared);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  removeSideFiles(dbFile);
  try {
    fs.linkSync(dbFile, previous);
  } catch {
    fs.copyFileSync(dbFile, previous);
  }
  fs.renameSync(prepared, dbFile);
  let next: Database.Database | null = null;
  try {
    next = open(dbFile);
    next.prepare('SELECT count(*) FROM users').get();
    fs.rmSync(previous, { force: true });
    return { db: next };
  } catch (failure) {
    if (next?.open) next.close();
    removeSideFiles(dbFile);
    fs.renameSync(previous, dbFile);
    return { db: open(dbFile), failure };
  }
}
