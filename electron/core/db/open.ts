import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { backupNow, listBackups } from './backup';
import { applyKey, fileKeyStore, isPlaintextDatabase, type KeyStore, newKey, verifyKey } from './key';
import { diagnoseUnreadable, missingDatabaseError, verifyPages } from './diagnose';
import { StartupError, startupErrorFrom } from './startup-error';
import { latestVersion, migrate, type Migration, schemaVersion } from './migrate';

export const DB_FILE = 'street-command.db';

/** Without a configured store the key sits beside (not inside) the data directory, so a copied data folder alone cannot be read. */
export const defaultKeyStore = (dataDir: string): KeyStore => fileKeyStore(`${path.resolve(dataDir)}.key`);

export interface OpenedDatabase {
  db: Database.Database;
  file: string;
  backupDir: string;
  key: Buffer;
  /** True when the file did not exist (or was empty) before this open. */
  created: boolean;
}

export function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Another office PC on the LAN or a backup may hold the lock for a moment.
  db.pragma('busy_timeout = 5000');
  // FULL: a commit the app has acknowledged survives a power cut (NORMAL in WAL mode may lose the last ones).
  db.pragma('synchronous = FULL');
}

/** Opens an existing encrypted database file with the key, verified. */
export function openKeyed(file: string, key: Buffer, store: KeyStore): Database.Database {
  const db = new Database(file);
  try {
    applyKey(db, key);
    verifyKey(db, store);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

const rekeyFile = (file: string, key: Buffer) => {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma("cipher='sqlcipher'");
    db.pragma(`rekey="x'${key.toString('hex')}'"`);
  } finally {
    db.close();
  }
};

/**
 * Encrypts a database written before encryption existed, in place. First a copy is
 * made and encrypted into backups/ (迁移前), then the file itself is rekeyed; rekeying
 * needs a rollback journal, so WAL is checkpointed and switched off for it.
 */
async function encryptExisting(file: string, key: Buffer, backupDir: string): Promise<void> {
  fs.mkdirSync(backupDir, { recursive: true });
  const copy = path.join(backupDir, `preencrypt-${process.pid}.partial`);
  fs.rmSync(copy, { force: true });
  const plain = new Database(file);
  try {
    plain.pragma('journal_mode = DELETE');
    plain.prepare('VACUUM INTO ?').run(copy);
  } finally {
    plain.close();
  }
  rekeyFile(copy, key);
  const keyedCopy = openKeyed(copy, key, { where: copy, read: () => key, write: () => undefined });
  try {
    await backupNow(keyedCopy, backupDir, 'premigrate');
  } finally {
    keyedCopy.close();
    fs.rmSync(copy, { force: true });
  }
  rekeyFile(file, key);
}

/**
 * Opens (or creates) the office database in dataDir: encrypted with the key from
 * `keys` (made on creation), backed up before any migration, then migrated. On failure
 * the database is closed and a Chinese error propagates; the file is unchanged.
 */
export async function openDatabase(dataDir: string, list: Migration[], keys: KeyStore = defaultKeyStore(dataDir)): Promise<OpenedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DB_FILE);
  const backupDir = path.join(dataDir, 'backups');
  const created = !fs.existsSync(file) || fs.statSync(file).size === 0;
  // Never guess: an office whose database vanished but whose backups are here is not given a new (demo) one.
  if (created && listBackups(backupDir).length > 0) throw missingDatabaseError(file, backupDir);
  let key = keys.read();
  if (created || (key === null && isPlaintextDatabase(file))) {
    if (key === null) {
      key = newKey();
      keys.write(key);
    }
  }
  if (key === null) {
    throw new ApiError('KEY_INVALID', `找不到数据库密钥（${keys.where}）。没有创建数据库时的密钥，加密的数据无法读取；请从备份中找回密钥文件。`);
  }
  if (!created && isPlaintextDatabase(file)) await encryptExisting(file, key, backupDir);

  let db: Database.Database;
  try {
    db = openKeyed(file, key, keys);
  } catch (e) {
    throw diagnoseUnreadable(file, key, keys, backupDir, e);
  }
  try {
    configure(db);
    if (!created) verifyPages(db, file);
    if (schemaVersion(db) > latestVersion(list)) {
      throw new StartupError(
        'newer',
        `数据库版本（${schemaVersion(db)}）比本程序支持的版本（${latestVersion(list)}）更新，是用更新版本的“街道防控指挥台”写的。请升级本程序后再打开；数据未改动。`,
      );
    }
    if (!created && schemaVersion(db) < latestVersion(list)) await backupNow(db, backupDir, 'premigrate');
    migrate(db, list);
  } catch (e) {
    db.close();
    throw startupErrorFrom(e, dataDir);
  }
  return { db, file, backupDir, key, created };
}
