import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { backupNow } from './backup';
import { migrate, schemaVersion } from './migrate';
import { latestVersion, migrations as defaultMigrations, type Migration } from './migrations';

export const DB_FILE = 'street-command.db';

export interface OpenedDatabase {
  db: Database.Database;
  file: string;
  backupDir: string;
  /** True when the file did not exist (or was empty) before this open. */
  created: boolean;
}

export function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Another office PC on the LAN or a backup may hold the lock for a moment.
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
}

/**
 * Opens (or creates) the office database in dataDir, backs it up before any
 * migration, then migrates. On a failed migration the database is closed and the
 * Chinese MIGRATION_FAILED error propagates; the file is unchanged.
 */
export async function openDatabase(dataDir: string, list: Migration[] = defaultMigrations): Promise<OpenedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DB_FILE);
  const backupDir = path.join(dataDir, 'backups');
  const created = !fs.existsSync(file) || fs.statSync(file).size === 0;
  const db = new Database(file);
  try {
    configure(db);
    if (!created && schemaVersion(db) < latestVersion(list)) await backupNow(db, backupDir, 'premigrate');
    migrate(db, list);
  } catch (e) {
    db.close();
    throw e;
  }
  return { db, file, backupDir, created };
}
