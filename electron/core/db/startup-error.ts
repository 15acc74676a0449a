import fs from 'node:fs';
import { ApiError, type ErrorCode } from '../../../shared/api/errors';

/**
 * Why the office database could not be opened. Each has its own Chinese message; the
 * transports show it, and for 'missing' and 'damaged' open the recovery page instead.
 */
export type StartupProblem = 'locked' | 'missing' | 'damaged' | 'key' | 'readonly' | 'full' | 'newer';

const CODES: Record<StartupProblem, ErrorCode> = {
  locked: 'IN_USE',
  missing: 'RECOVERY',
  damaged: 'RECOVERY',
  key: 'KEY_INVALID',
  readonly: 'READ_ONLY',
  full: 'DISK_FULL',
  newer: 'MIGRATION_FAILED',
};

export class StartupError extends ApiError {
  readonly problem: StartupProblem;
  constructor(problem: StartupProblem, message: string) {
    super(CODES[problem], message);
    this.problem = problem;
  }
}

export const fmtBytes = (n: number): string =>
  n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(1)} MB` : `${Math.max(0, Math.round(n / 1024))} KB`;

/** Free bytes on the disk holding dir, or null when the system cannot say. */
export function freeBytes(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/** What a full disk stopped; the default is a refused write. */
export const NOT_SAVED = '本次修改没有保存，已有数据未受影响；仍可登录查看。';
export const BACKUP_NOT_MADE = '今天的自动备份没有做成。';

export function diskFullMessage(dir: string, what = NOT_SAVED): string {
  const free = freeBytes(dir);
  return `磁盘空间不足：数据目录 ${dir} 所在的磁盘${free === null ? '已满' : `只剩 ${fmtBytes(free)} 可用`}。${what}请清理该磁盘（删除不需要的文件，或把旧备份移到别处）后再试。`;
}

export const readOnlyMessage = (dir: string): string =>
  `数据目录 ${dir} 是只读的，无法写入（可能是只读的 U 盘或网络文件夹，或没有写入权限）。请把数据目录放在可写的位置，或请技术人员调整权限；数据未改动。`;

const errCode = (e: unknown): string => String((e as { code?: unknown })?.code ?? '');

export const isDiskFull = (e: unknown): boolean =>
  /^(ENOSPC|EDQUOT|SQLITE_FULL)/.test(errCode(e)) || /database or disk is full/i.test(String((e as Error)?.message));
export const isReadOnly = (e: unknown): boolean => /^(EROFS|EACCES|EPERM|SQLITE_READONLY)/.test(errCode(e));

/** A file-system or SQLite error met while opening, as its own Chinese StartupError (or the error itself when it is none of these). */
export function startupErrorFrom(e: unknown, dataDir: string): Error {
  if (e instanceof ApiError) return e;
  if (isDiskFull(e)) return new StartupError('full', diskFullMessage(dataDir, '程序无法启动，数据未改动。'));
  if (isReadOnly(e)) return new StartupError('readonly', readOnlyMessage(dataDir));
  return e instanceof Error ? e : new Error(String(e));
}
