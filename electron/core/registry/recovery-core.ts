import type Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { api, ApiError, type ApiErrorBody } from '../../../shared/api';
import type { RecoveryStatusData } from '../../../shared/api/backup';
import type { CallResult } from '../api/call';
import type { Caller } from '../api/types';
import { writeAudit } from '../auth/audit';
import { restoreWithoutDatabase, verifiedBackups } from '../backup/recovery';
import { type Core, type CoreOptions, createCore } from './core';
import { type DataLock, acquireDataLock } from '../db/lock';
import { DB_FILE, defaultKeyStore } from '../db/open';
import { StartupError } from '../db/startup-error';
import { trackRecovery } from './recovery-flag';
import { migrations } from './migrations';

const recoverable = (e: unknown): e is StartupError => e instanceof StartupError && (e.problem === 'missing' || e.problem === 'damaged');

/**
 * What every transport opens: the office's core, or — when the database is missing
 * (with backups beside it) or damaged — a recovery core that answers only the recovery
 * page's methods until a backup is restored, then becomes the normal core in place (the
 * transports keep the same object). Any other start-up failure is thrown as before.
 */
export async function openCore(opts: CoreOptions): Promise<Core> {
  try {
    return await createCore(opts);
  } catch (e) {
    if (!recoverable(e)) throw e;
    return recoveryCore(opts, e);
  }
}

export { inRecovery } from './recovery-flag';

const fail = (code: ApiErrorBody['code'], message: string): CallResult => ({ envelope: { ok: false, error: { code, message } }, session: {} });

function recoveryCore(opts: CoreOptions, first: StartupError): Core {
  const keyStore = opts.keyStore ?? defaultKeyStore(opts.dataDir);
  const dbFile = path.join(opts.dataDir, DB_FILE);
  const backupDir = path.join(opts.dataDir, 'backups');
  const now = opts.now ?? (() => new Date());
  const list = opts.migrations ?? migrations;
  let problem = first;
  let real: Core | null = null;
  // The recovery page holds the folder too: no second process may start on it meanwhile.
  let lock: DataLock | null = acquireDataLock(opts.dataDir);
  let checked: { backups: RecoveryStatusData['backups']; rejected: number } | null = null;
  let busy = false;
  console.error(`[recovery] ${problem.problem}: ${problem.message}`);

  const verified = () => {
    if (!checked) {
      const key = keyStore.read();
      checked = key ? verifiedBackups(backupDir, key, list) : { backups: [], rejected: 0 };
    }
    return checked;
  };

  const status = (caller: Caller): RecoveryStatusData => {
    const local = caller.local ?? false;
    const list = local ? verified() : { backups: [], rejected: 0 };
    return { problem: problem.problem as 'missing' | 'damaged', message: problem.message, local, dataDir: local ? opts.dataDir : null, ...list };
  };

  const restore = async (input: unknown, caller: Caller): Promise<CallResult> => {
    if (!caller.local) return fail('FORBIDDEN', '只能在运行本程序的电脑上恢复数据（桌面程序的窗口，或在那台电脑的浏览器中打开 127.0.0.1 的地址）。');
    const parsed = api['recovery.restore'].input.safeParse(input ?? {});
    if (!parsed.success) return fail('VALIDATION', '备份文件名无效');
    if (busy) return fail('CONFLICT', '正在恢复，请稍候');
    const key = keyStore.read();
    if (!key) return fail('KEY_INVALID', `找不到数据库密钥（${keyStore.where}），无法检查和恢复备份。`);
    if (!verified().backups.some((b) => b.file === parsed.data.backup)) return fail('VALIDATION', '该备份不存在或没有通过完整性检查，请选择列表中的备份。');
    busy = true;
    try {
      const { keptAside } = restoreWithoutDatabase(dbFile, backupDir, parsed.data.backup, key, now(), list);
      lock?.release();
      lock = null;
      try {
        real = await createCore(opts);
      } catch (e) {
        lock = acquireDataLock(opts.dataDir);
        checked = null;
        if (recoverable(e)) problem = e;
        return fail(e instanceof ApiError ? e.code : 'INTERNAL', `已恢复备份，但数据库仍无法打开：${(e as Error).message}`);
      }
      writeAudit(real.db, {
        ts: now().toISOString(),
        userId: null,
        username: null,
        client: caller.client,
        method: 'recovery.restore',
        kind: 'write',
        entity: 'backup',
        detail: { backup: parsed.data.backup, problem: first.problem, keptAside },
      });
      return { envelope: { ok: true, data: { ok: true } }, session: { clear: true } };
    } catch (e) {
      return fail(e instanceof ApiError ? e.code : 'INTERNAL', e instanceof ApiError ? e.message : `恢复失败，数据未改动：${(e as Error).message}`);
    } finally {
      busy = false;
    }
  };

  const core: Core = {
    get db(): Database.Database {
      if (!real) throw new ApiError('RECOVERY', problem.message);
      return real.db;
    },
    dataDir: opts.dataDir,
    databaseFile: dbFile,
    call: async (name, input, caller) => {
      if (real) return real.call(name, input, caller);
      if (name === 'recovery.status') return { envelope: { ok: true, data: status(caller) }, session: {} };
      if (name === 'recovery.restore') return restore(input, caller);
      return fail('RECOVERY', problem.message);
    },
    precheck: (name, caller) => (real ? real.precheck(name, caller) : name.startsWith('recovery.') ? null : { code: 'RECOVERY', message: problem.message }),
    imgOrigins: () => real?.imgOrigins() ?? [],
    tile: (token, packId, z, x, y) => real?.tile(token, packId, z, x, y) ?? { status: 404 },
    close: () => {
      real?.close();
      lock?.release();
    },
  };
  trackRecovery(core, () => real === null);
  return core;
}
