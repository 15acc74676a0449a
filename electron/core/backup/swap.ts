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
  for (const ext of ['-wal', '-shm']) fs.rmSync(`${dbFile}${ext}`, { force: true });
  fs.renameSync(prepared, dbFile);
}
