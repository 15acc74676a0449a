import type Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { connectionKeys } from './vacuum-thread';

/**
 * The database key: 256 random bits made when the database is created. Where it is kept
 * is the transport's business (Electron: safeStorage/DPAPI; serve: a 0600 key file
 * outside the data directory); the core only reads and writes it through this interface.
 */
export interface KeyStore {
  read(): Buffer | null;
  write(key: Buffer): void;
  /** Where the key lives, for messages ("key file /home/…/street-command.key"). */
  where: string;
}

export const newKey = (): Buffer => crypto.randomBytes(32);

/** SQLCipher-compatible page encryption with a raw 256-bit key (no passphrase KDF). */
export function applyKey(db: Database.Database, key: Buffer): void {
  db.pragma("cipher='sqlcipher'");
  db.pragma(`key="x'${key.toString('hex')}'"`);
  // Whatever is deleted or overwritten is zeroed at once, so 数据清理 leaves nothing legible
  // without rewriting the file. SQLite3 Multiple Ciphers already turns this on with a key (so
  // every file the office ever wrote was kept this way; a file from before encryption was
  // rebuilt page by page when it was encrypted); said here so it never rests on that default.
  db.pragma('secure_delete = ON');
  connectionKeys.set(db, key);
}

/** A database the user protects with a typed password (exported backups): sqlcipher's KDF applies. */
export function applyPassword(db: Database.Database, password: string, rekey = false): void {
  db.pragma("cipher='sqlcipher'");
  db.pragma(`${rekey ? 'rekey' : 'key'}='${password.replace(/'/g, "''")}'`);
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True for a database written before encryption existed (its header is readable). */
export function isPlaintextDatabase(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    return head.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

/** Throws a Chinese error unless the keyed connection can read the schema. */
export function verifyKey(db: Database.Database, store: KeyStore): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    const err = new ApiError(
      'KEY_INVALID',
      `无法解密数据库：密钥（${store.where}）与数据库不匹配。请找回创建数据库时的密钥文件；没有正确的密钥，数据无法读取。`,
    );
    // Start-up tells a wrong key from a damaged or unreadable file by the SQLite error underneath.
    err.cause = e;
    throw err;
  }
}

/** A key file readable only by its owner, written atomically. */
export function fileKeyStore(file: string): KeyStore {
  return {
    where: file,
    read: () => {
      if (!fs.existsSync(file)) return null;
      const hex = fs.readFileSync(file, 'utf8').trim();
      if (!/^[0-9a-f]{64}$/i.test(hex)) throw new ApiError('KEY_INVALID', `密钥文件已损坏：${file}`);
      return Buffer.from(hex, 'hex');
    },
    write: (key) => {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, `${key.toString('hex')}\n`, { mode: 0o600 });
      fs.renameSync(tmp, file);
    },
  };
}
