import { ApiError } from '../../../shared/api/errors';
import type { Handlers } from '../api/types';
import { backupSummary } from '../db/backup';
import { freeBytes } from '../db/startup-error';

type StatusMethods = 'backup.status' | 'recovery.status' | 'recovery.restore';

/**
 * The backup status line, and the recovery page's methods as a running (healthy) core
 * answers them: nothing to recover. The recovery core (recovery-core.ts) answers them
 * itself when the database could not be opened.
 */
export const backupStatusHandlers: Handlers<StatusMethods> = {
  'backup.status': (_, ctx) => ({
    ...backupSummary(ctx.backupDir, ctx.now()),
    freeBytes: freeBytes(ctx.dataDir),
    dir: ctx.backupDir,
    lastError: ctx.backupHealth().lastError,
  }),
  'recovery.status': (_, ctx) => ({ problem: null, message: null, local: ctx.local, dataDir: null, backups: [], rejected: 0 }),
  'recovery.restore': () => {
    throw new ApiError('CONFLICT', '数据库正常，无需在恢复页面恢复。要回到某个备份，请登录后在“设置 → 数据备份”中操作。');
  },
};
