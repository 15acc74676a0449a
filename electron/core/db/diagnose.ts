import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { listBackups } from './backup';
import { applyKey, type KeyStore } from './key';
import { fmtBytes, isDiskFull, isReadOnly, StartupError, startupErrorFrom } from './startup-error';

/** SQLCipher's page size: a whole database file is always a multiple of it. */
const PAGE = 4096;

const codeOf = (e: unknown): string => String((e as { code?: unknown })?.code ?? '');
const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function missingDatabaseError(file: string, backupDir: string): StartupError {
  const newest = listBackups(backupDir)[0]!;
  const what = fs.existsSync(file) ? '是空的（0 字节）' : '不存在';
  return new StartupError(
    'missing',
    `数据库文件 ${file} ${what}，但备份目录里有备份（最新的是 ${when(newest.createdAt)}）。为免用新建的空数据或演示数据覆盖，程序没有新建数据库。请在恢复页面中恢复最新的备份。`,
  );
}

const truncated = (file: string, size: number) =>
  new StartupError(
    'damaged',
    `数据库文件 ${file} 不完整（${fmtBytes(size)}，末尾缺了一部分），可能在复制、断电或磁盘出错时被截断。请在恢复页面中选择一个完好的备份恢复。`,
  );

/** True when some backup beside the database opens with this key: then the key is right and the file is what is broken. */
function keyOpensABackup(key: Buffer, backupDir: string): boolean {
  for (const b of listBackups(backupDir).slice(0, 5)) {
    const db = new Database(path.join(backupDir, b.file), { readonly: true, fileMustExist: true });
    try {
      applyKey(db, key);
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return true;
    } catch {
      // A damaged backup proves nothing; try the next.
    } finally {
      db.close();
    }
  }
  return false;
}

/**
 * Why a database file would not open with its key, as its own Chinese StartupError: a
 * read-only or full disk, a truncated or damaged file (recovery page), or — only when
 * nothing shows the key is right — a wrong key. SQLCipher reports a wrong key and a
 * damaged first page alike ("file is not a database"); a backup that opens with the same
 * key tells them apart.
 */
export function diagnoseUnreadable(file: string, key: Buffer, keys: KeyStore, backupDir: string, e: unknown): Error {
  const cause = (e as Error)?.cause ?? e;
  const dataDir = path.dirname(file);
  if (isDiskFull(cause) || isReadOnly(cause)) return startupErrorFrom(cause, dataDir);
  const size = fs.statSync(file).size;
  if (size < PAGE || size % PAGE !== 0) return truncated(file, size);
  if (codeOf(cause).startsWith('SQLITE_CORRUPT')) {
    return new StartupError('damaged', `数据库文件 ${file} 已损坏（内容无法完整读取，可能被截断或部分覆盖）。请在恢复页面中选择一个完好的备份恢复。`);
  }
  if (codeOf(cause).startsWith('SQLITE_NOTADB') && keyOpensABackup(key, backupDir)) {
    return new StartupError(
      'damaged',
      `数据库文件 ${file} 的开头部分已损坏，无法读取（密钥是正确的：同一密钥能打开备份）。请在恢复页面中选择一个完好的备份恢复。`,
    );
  }
  if (e instanceof ApiError && e.code === 'KEY_INVALID') {
    return new StartupError(
      'key',
      `无法解密数据库：密钥（${keys.where}）与数据库 ${file} 不匹配${listBackups(backupDir).length ? '，也打不开任何备份' : ''}。请找回创建数据库时的密钥文件；没有正确的密钥，数据无法读取。若确信密钥无误，则是数据库文件开头已损坏，请联系技术人员。`,
    );
  }
  return startupErrorFrom(cause, dataDir);
}

/**
 * A damaged page in the middle of the file opens fine and fails later (the next backup,
 * some list). quick_check reads every page (about 0.7 s for the 77 MB demo office), so
 * the damage is found at start-up and the recovery page opens instead.
 */
export function verifyPages(db: Database.Database, file: string): void {
  const size = fs.statSync(file).size;
  if (size % PAGE !== 0) throw truncated(file, size);
  let result: unknown;
  try {
    result = db.pragma('quick_check', { simple: true });
  } catch (e) {
    if (isDiskFull(e) || isReadOnly(e)) throw e;
    result = (e as Error).message;
  }
  if (result === 'ok') return;
  const problems = String(result)
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('***')).length;
  throw new StartupError(
    'damaged',
    `数据库文件 ${file} 已损坏：完整性检查发现 ${problems >= 100 ? '100 多' : Math.max(1, problems)} 处无法读取或不一致的内容（可能因断电或磁盘故障）。请在恢复页面中选择一个完好的备份恢复；损坏的文件会先另存一份。`,
  );
}
