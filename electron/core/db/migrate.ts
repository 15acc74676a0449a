import type Database from 'better-sqlite3-multiple-ciphers';
import { ApiError } from '../../../shared/api/errors';

/**
 * One schema step. Steps are written to PRAGMA user_version in the same transaction as
 * their SQL, so a failure leaves the file at the last good version. The list itself is
 * composed in registry/migrations.ts and handed to the kernel.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const latestVersion = (list: Migration[]) => list.at(-1)?.version ?? 0;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function assertMonotonic(list: Migration[]): void {
  list.forEach((m, i) => {
    if (m.version % 10 !== 0 || (i > 0 && m.version <= list[i - 1]!.version)) {
      throw new Error(`migration list out of order at ${m.version} ${m.name}`);
    }
  });
}

/**
 * Applies every migration newer than the file's user_version, each in its own
 * transaction. Throws a Chinese MIGRATION_FAILED error naming the step; the failed
 * step is rolled back, so the file stays at the previous version.
 */
export function migrate(db: Database.Database, list: Migration[]): { from: number; to: number } {
  assertMonotonic(list);
  const from = schemaVersion(db);
  if (from > latestVersion(list)) {
    throw new ApiError(
      'MIGRATION_FAILED',
      `数据库版本（${from}）比本程序支持的版本（${latestVersion(list)}）更新，请升级“街道防控指挥台”后再打开。数据未改动。`,
    );
  }
  for (const m of list) {
    if (m.version <= from) continue;
    try {
      db.transaction(() => {
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      })();
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      throw new ApiError('MIGRATION_FAILED', `数据库升级失败（第 ${m.version} 步：${m.name}）：${reason}。本步骤的改动已全部撤销，数据停留在升级前的状态。`);
    }
  }
  return { from, to: schemaVersion(db) };
}
