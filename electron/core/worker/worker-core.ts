import { Worker } from 'node:worker_threads';
import type { ApiErrorBody } from '../../../shared/api';
import { ApiError, type ErrorCode } from '../../../shared/api/errors';
import type { CallResult } from '../api/call';
import type { CoreApi } from '../core';
import type { KeyStore } from '../db/key';
import { StartupError, type StartupProblem } from '../db/startup-error';
import type { TileReply } from '../map/packs';
import { trackRecovery } from '../recovery-flag';
import { serveKeyStore } from './key-bridge';
import type { CoreState, HostData, Reply, Request, WorkerCoreOptions } from './messages';

export type { WorkerCoreOptions } from './messages';

export interface WorkerCore extends CoreApi {
  dataDir: string;
  precheck(...args: Parameters<CoreApi['precheck']>): Promise<ApiErrorBody | null>;
  tile(...args: Parameters<CoreApi['tile']>): Promise<TileReply>;
  /** Closes the database in the worker (releasing the data folder) and ends the worker. */
  close(): Promise<void>;
}

/**
 * Under tsx or vitest the worker runs the TypeScript host through tsx's loader; the
 * built app passes the bundled host (electron-vite's `?modulePath`) instead.
 */
function spawn(hostFile: string | undefined, data: HostData): Worker {
  const transferList = [data.key.port];
  if (hostFile) return new Worker(hostFile, { workerData: data, transferList });
  const host = new URL('./host.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(host)}); });`;
  return new Worker(boot, { eval: true, workerData: data, transferList });
}

const STOPPED: ApiErrorBody = { code: 'INTERNAL', message: '后台数据线程已停止，请重新启动程序。未做任何修改。' };

/**
 * The core in a worker thread, behind the same interface the transports use: the
 * window's main process and the LAN server's thread only pass envelopes, so parsing,
 * imports, backups and exports never stop them from answering (assets, IPC, tiles,
 * other PCs' requests). Start-up failures arrive as the same StartupError as createCore's.
 */
export async function createWorkerCore(opts: WorkerCoreOptions & { keyStore: KeyStore; hostFile?: string }): Promise<WorkerCore> {
  const keys = serveKeyStore(opts.keyStore);
  const { dataDir, demoOnCreate, demoResidents, transport, adminPassword } = opts;
  const worker = spawn(opts.hostFile, { opts: { dataDir, demoOnCreate, demoResidents, transport, adminPassword }, key: keys.bridge });
  let state: CoreState = { imgOrigins: [], recovering: false };
  let nextId = 1;
  let stopped = false;
  const pending = new Map<number, (value: unknown) => void>();

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: Reply) => {
      if (m.type === 'ready') {
        state = m;
        resolve();
      } else if (m.type === 'failed') {
        const { problem, code, message } = m.error;
        reject(problem ? new StartupError(problem as StartupProblem, message) : code ? new ApiError(code as ErrorCode, message) : new Error(message));
      } else {
        state = { imgOrigins: m.imgOrigins, recovering: m.recovering };
        pending.get(m.id)?.(m.value);
        pending.delete(m.id);
      }
    });
    worker.on('error', (e) => {
      console.error(`[core-worker] ${e.name}: ${e.message}`);
      reject(e);
    });
    worker.on('exit', () => {
      stopped = true;
      keys.close();
      reject(new Error('core worker exited before it was ready'));
      // Whoever still waits gets an answer, never a hang.
      for (const done of pending.values()) done(undefined);
      pending.clear();
    });
  });
  await ready;

  type Unsent = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;
  const ask = <T>(req: Unsent, fallback: T): Promise<T> => {
    if (stopped) return Promise.resolve(fallback);
    const id = nextId++;
    return new Promise<T>((resolve) => {
      pending.set(id, (v) => resolve(v === undefined ? fallback : (v as T)));
      worker.postMessage({ ...req, id });
    });
  };

  const core: WorkerCore = {
    dataDir,
    call: (name, input, caller) => ask<CallResult>({ op: 'call', name, input, caller }, { envelope: { ok: false, error: STOPPED }, session: {} }),
    precheck: (name, caller) => ask<ApiErrorBody | null>({ op: 'precheck', name, caller }, STOPPED),
    tile: (token, packId, z, x, y) => ask<TileReply>({ op: 'tile', token: token ?? null, packId, z, x, y }, { status: 404 }),
    imgOrigins: () => state.imgOrigins,
    close: async () => {
      if (stopped) return;
      await ask({ op: 'close' }, null);
      await worker.terminate();
    },
  };
  trackRecovery(core, () => state.recovering);
  return core;
}
