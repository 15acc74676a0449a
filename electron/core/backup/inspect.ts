import Database from 'better-sqlite3-multiple-ciphers';
import { ApiError } from '../../../shared/api/errors';
import { applyKey, applyPassword } from '../db/key';
import { latestVersion, type Migration } from '../db/migrate';
import { schemaMismatch } from './schema-check';

export type Secret = { key: Buffer } | { password: string };

/**
 * Checks a candidate backup before anything is replaced: it must open with the secret,
 * pass integrity_check, be this app's database, not come from a newer version, and have
 * exactly the schema `list` (the running core's migrations) builds at its version (tables,
 * indexes, triggers, views).
 * Run it on a private copy: the copy is also taken out of WAL mode (a read-only open of
 * a WAL file needs side files and fails at random), so it travels as one file.
 */
export function inspectBackup(file: string, secret: Secret, list: Migration[]): { schemaVersion: number } {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    if ('key' in secret) applyKey(db, secret.key);
    else applyPassword(db, secret.password);
    let check: unknown;
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      check = db.pragma('integrity_check', { simple: true });
    } catch (e) {
      const msg = String((e as Error).message);
      if (/not a database|encrypted/i.test(msg) && 'password' in secret)
        throw new ApiError('VALIDATION', '密码不正确，或该文件不是本系统导出的备份。未做任何修改。');
      throw new ApiError('VALIDATION', '备份文件已损坏或不是本系统的备份，无法读取。未做任何修改。');
    }
    if (check !== 'ok') {
      // SQLite's own report runs to thousands of English lines: the user gets the count.
      const problems = String(check)
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('***')).length;
      throw new ApiError(
        'VALIDATION',
        `备份文件已损坏：完整性检查发现 ${problems >= 100 ? '100 多' : Math.max(1, problems)} 处问题。请选择其他备份。未做任何修改。`,
      );
    }
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'office'").get()) {
      throw new ApiError('VALIDATION', '该文件不是街道防控指挥台的备份。未做任何修改。');
    }
    db.pragma('journal_mode = DELETE');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestVersion(list)) {
      throw new ApiError('VALIDATION', `该备份来自更新版本的程序（数据库版本 ${version}），请先升级本程序。未做任何修改。`);
    }
    // Whoever holds an exported file's password can edit it offline (drop the audit
    // triggers, add one that raises a role): only this program's own schema is restored.
    const mismatch = schemaMismatch(db, version, list);
    if (mismatch) throw new ApiError('VALIDATION', mismatch);
    return { schemaVersion: version };
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError('VALIDATION', `无法读取备份文件（${(e as Error).message}）。未做任何修改。`);
  } finally {
    db?.close();
  }
}
