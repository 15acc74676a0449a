import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey, applyPassword } from '../db/key';

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
 * 导出备份's heavy half: the copy re-encrypted from the database key to the typed password.
 * Every page is rewritten, so it runs as a read job on a thread of its own
 * (db/read-thread.ts) when it can; `_db` is that job's connection, unused. The check that
 * the copy opens with the password and has this version's schema stays with the caller,
 * which holds the migration list.
 */
export function sealExport(_db: unknown, { file, keyHex, password }: SealArgs): true {
  rekeyCopy(
    file,
    (db) => applyKey(db, Buffer.from(keyHex, 'hex')),
    (db) => applyPassword(db, password, true),
  );
  return true;
}
