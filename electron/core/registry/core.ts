import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { type BaseCtx, call, type CallResult, precheck } from '../api/call';
import { noteCall } from '../api/slow-calls';
import type { Caller, Ctx } from '../api/types';
import { type AuditInput, purgeAudit, writeAudit } from '../auth/audit';
import { bootstrapUsers } from '../auth/bootstrap';
import { cleanLeftovers } from '../db/backup';
import { acquireDataLock } from '../db/lock';
import { SpaceGuard } from '../db/space';
import { BACKUP_NOT_MADE, diskFullMessage } from '../db/startup-error';
import { type Every, scheduleBackups } from '../backup/schedule';
import { api, isMethodName } from '../../../shared/api';
import { changesData } from '../../../shared/api/contract';
import { migrate, type Migration } from '../db/migrate';
import { handlers } from './handlers';
import { migrations } from './migrations';
import { swapAndOpen } from '../backup/swap';
import { applyKey, type KeyStore } from '../db/key';
import { configure, DB_FILE, defaultKeyStore, openDatabase, openKeyed } from '../db/open';
import { replaceWithDemo } from './demo';
import { can } from '../../../shared/domain/roles';
import { ApiError } from '../../../shared/api/errors';
import type { ApiErrorBody } from '../../../shared/api';
import { resolveSession } from '../auth/sessions';
import { basemapOrigins } from '../map/basemap';
import { type TileReply, TilePacks, tilesDir } from '../map/packs';

export const APP_VERSION = '0.1.0';

export interface CoreOptions {
  dataDir: string;
  /** Fill a newly created database with the demo office. */
  demoOnCreate: boolean;
  /** With the demo: its residents, campaigns, key persons and registrations too (default true; unit tests turn it off for speed). */
  demoResidents?: boolean;
  /** Whether 重置为演示数据 builds the residents too (default true; `npm run serve -- --light-demo`, for browser tests, turns it off). */
  resetWithResidents?: boolean;
  transport: Ctx['transport'];
  migrations?: Migration[];
  /** STREET_COMMAND_ADMIN_PASSWORD: creates `admin` (and demo users) on a new database. */
  adminPassword?: string;
  /** Where the database key is kept; default: a key file beside the data directory. */
  keyStore?: KeyStore;
  now?: () => Date;
  /** Runs the backup check every so often (default: setInterval); tests pass a hand-driven one. */
  every?: Every;
}

/**
 * What the transports (IPC, HTTP) use: the same shape whether the core runs on this
 * thread (createCore, tests) or in a worker thread (createWorkerCore, the app and the
 * server), so the answers may come later.
 */
export interface CoreApi {
  call(name: string, input: unknown, caller: Caller): Promise<CallResult>;
  precheck(name: string, caller: Caller): ApiErrorBody | null | Promise<ApiErrorBody | null>;
  imgOrigins(): string[];
  tile(token: string | null | undefined, packId: string, z: number, x: number, y: number): TileReply | Promise<TileReply>;
  close(): void | Promise<void>;
}

export interface Core extends CoreApi {
  /** The current connection (a restore replaces it). */
  readonly db: Database.Database;
  dataDir: string;
  databaseFile: string;
  /** Run one contract method for a caller (session token, client address). */
  call(name: string, input: unknown, caller: Caller): Promise<CallResult>;
  /** The session and permission checks of call() that need no input: null when the call may go ahead. */
  precheck(name: string, caller: Caller): ApiErrorBody | null;
  /** Origins besides the app itself that pages may load images from (the online basemap). */
  imgOrigins(): string[];
  /**
   * One tile of an imported pack for a session token (cookie or window session), for the
   * transports' tiles/<pack>/<z>/<x>/<y> route: 401 without a valid session, 403 while the
   * password must be changed, 404 when the pack has no such tile.
   */
  tile(token: string | null | undefined, packId: string, z: number, x: number, y: number): TileReply;
  close(): void;
}

/** Opens the office database and returns the API every transport serves. Node-only. */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const now = opts.now ?? (() => new Date());
  const keyStore = opts.keyStore ?? defaultKeyStore(opts.dataDir);
  const list = opts.migrations ?? migrations;
  const lock = acquireDataLock(opts.dataDir);
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    cleanLeftovers(opts.dataDir, path.join(opts.dataDir, DB_FILE), path.join(opts.dataDir, 'backups'));
    opened = await openDatabase(opts.dataDir, list, keyStore);
  } catch (e) {
    lock.release();
    throw e;
  }
  const { db, file, backupDir, created, key } = opened;
  try {
    if (created && opts.demoOnCreate) db.transaction(() => replaceWithDemo(db, now(), undefined, opts.demoResidents ?? true))();
    if (created && opts.adminPassword) await bootstrapUsers(db, opts.adminPassword, opts.demoOnCreate, now());
    purgeAudit(db, now());
  } catch (e) {
    db.close();
    lock.release();
    throw e;
  }
  let current = db;
  const space = new SpaceGuard(opts.dataDir);
  const scheduler = scheduleBackups(
    () => current,
    backupDir,
    now,
    opts.every,
    () => (space.isLow() ? diskFullMessage(opts.dataDir, BACKUP_NOT_MADE) : null),
  );
  await scheduler.check();
  /** Swaps in a verified copy, reopens it keyed and brings it to this version's schema; puts the old file back if that fails. */
  const swapDatabase = (prepared: string) => {
    const swapped = swapAndOpen(current, file, prepared, (f) => {
      const next = openKeyed(f, key, keyStore);
      configure(next);
      migrate(next, list);
      return next;
    });
    current = swapped.db;
    if (swapped.failure !== undefined) {
      console.error(`[restore] the restored file did not open: ${(swapped.failure as Error)?.message ?? ''}`);
      throw new ApiError('INTERNAL', '恢复后的数据无法打开，已换回恢复前的数据。未做任何修改。');
    }
    return current;
  };
  const tilePacks = new TilePacks(tilesDir(opts.dataDir));
  // The version the 总览 polls: a boot id (a restart reloads), this process's writes, and
  // SQLite's data_version (which moves when another connection or process commits).
  const boot = Math.random().toString(36).slice(2, 8);
  let writes = 0;
  // While a long write's transaction is open: the read connection, and a promise that settles when it ends.
  let long: { reader: Database.Database; done: Promise<void> } | null = null;
  // Audit rows of calls answered meanwhile (refusals, reveals): written once the long write has ended, whatever its outcome.
  const auditsLater: AuditInput[] = [];
  const auditLater = (row: AuditInput) => void auditsLater.push(row);
  const writeAuditsLater = () => {
    if (auditsLater.length === 0) return;
    const rows = auditsLater.splice(0);
    try {
      current.transaction(() => rows.forEach((r) => writeAudit(current, r)))();
    } catch (e) {
      console.error(`[audit] ${rows.length} rows kept during a long write were not written: ${(e as Error)?.message ?? ''}`);
    }
  };
  const longWrite = async <T>(work: () => Promise<T>): Promise<T> => {
    while (long) await long.done;
    let end!: () => void;
    const reader = new Database(file, { readonly: true });
    applyKey(reader, key);
    long = { reader, done: new Promise<void>((r) => (end = r)) };
    try {
      current.exec('BEGIN IMMEDIATE');
      const out = await work();
      current.exec('COMMIT');
      return out;
    } catch (e) {
      if (current.inTransaction) current.exec('ROLLBACK');
      throw e;
    } finally {
      reader.close();
      long = null;
      writeAuditsLater();
      end();
    }
  };
  const base: Omit<BaseCtx, 'db'> = {
    key,
    migrations: list,
    tilePacks,
    swapDatabase,
    dataDir: opts.dataDir,
    databaseFile: file,
    backupDir,
    resetWithResidents: opts.resetWithResidents ?? true,
    backupHealth: () => ({ lastError: scheduler.lastError() }),
    appVersion: APP_VERSION,
    transport: opts.transport,
    now,
    bumpVersion: () => void writes++,
    dataVersion: () => `${boot}.${writes}.${current.pragma('data_version', { simple: true }) as number}`,
    longWrite,
  };
  /** Reads that write nothing (no audit row, no sign-in): these may run beside a long write. */
  const readsOnly = (name: string) => isMethodName(name) && !api[name].write && !api[name].audit && !name.startsWith('auth.');
  const run = async (name: string, input: unknown, caller: Caller): Promise<CallResult> => {
    const writes = isMethodName(name) && changesData(api[name]);
    if (writes && space.isLow()) return { envelope: { ok: false, error: { code: 'DISK_FULL', message: diskFullMessage(opts.dataDir) } }, session: {} };
    if (long && readsOnly(name)) {
      // Its audit rows (a refusal's) are written after the long write, so it answers as it would without one.
      return call(handlers, name, input, caller, { ...base, db: long.reader, auditLater }).catch(() => ({
        envelope: { ok: false, error: { code: 'INTERNAL', message: '正在导入大量数据，请稍后重试。' } },
        session: {},
      }));
    }
    // Anything else would run inside the long write's transaction: it waits for the end.
    while (long) await long.done;
    const result = await call(handlers, name, input, caller, { ...base, db: current });
    if (!result.envelope.ok && result.envelope.error.code === 'DISK_FULL') {
      space.full();
      result.envelope.error.message = diskFullMessage(opts.dataDir);
    }
    return result;
  };
  return {
    get db() {
      return current;
    },
    dataDir: opts.dataDir,
    databaseFile: file,
    call: async (name, input, caller) => {
      const started = performance.now();
      try {
        return await run(name, input, caller);
      } finally {
        noteCall(name, performance.now() - started, now());
      }
    },
    precheck: (name, caller) => precheck(name, caller, { ...base, db: current, ...(long ? { auditLater } : {}) }),
    imgOrigins: () => basemapOrigins(current),
    tile: (token, packId, z, x, y) => {
      const user = token ? resolveSession(current, token, now()) : null;
      if (!user) return { status: 401 };
      if (user.mustChangePassword || !can(user.role, 'places:read')) return { status: 403 };
      const tile = tilePacks.tile(packId, z, x, y);
      return tile ? { status: 200, ...tile } : { status: 404 };
    },
    close: () => {
      scheduler.stop();
      tilePacks.close();
      current.close();
      lock.release();
    },
  };
}
