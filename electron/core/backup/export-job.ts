import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import { applyKey, applyPassword } from '../db/key';
import { inspectBackup } from './inspect';

/** Re-encrypts a copy from the user's password to the database key (or the other way round). */
export function rekeyCopy(file: string, open: (db: Database.Database) => void, rekey: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    open(db);
    db.pragma('journal_mode = DELETE');
    rekey(db);
  } finally {
    db.close();
  }
}

export interface SealArgs {
  file: string;
  keyHex: string;
  password: string;
}

/**
 * 导出备份's second half: the copy re-encrypted with the typed password, proven to open
 * with it, read back as base64. Every page is rewritten, so it runs as a read job on a
 * thread of its own (db/read-thread.ts) when it can; `_db` is that job's connection, unused.
 */
export function sealExport(_db: unknown, { file, keyHex, password }: SealArgs): { base64: string; size: number } {
  rekeyCopy(
    file,
    (db) => applyKey(db, Buffer.from(keyHex, 'hex')),
    (db) => applyPassword(db, password, true),
  );
  inspectBackup(file, { password });
  for (const ext of ['-wal', '-shm']) fs.rmSync(`${file}${ext}`, { force: true });
  const bytes = fs.readFileSync(file);
  return { base64: bytes.toString('base64'), size: bytes.length };
}
