import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ApiErrorBody } from '../../../shared/api';
import { ApiError, type ErrorCode } from '../../../shared/api/errors';
import type { CallResult } from '../api/call';
import type { CoreApi } from '../registry/core';
import type { KeyStore } from '../db/key';
import { LOCK_FILE } from '../db/lock';
import { StartupError, type StartupProblem } from '../db/startup-error';
import type { TileReply } from '../map/packs';
import { trackRecovery } from '../registry/recovery-flag';
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
 * built app passes the bundled host (electron-vite's `?modulePath`) instead, and the
 * bundled thread file its long jobs start from (`threadFile`, see db/job-thread.ts).
 */
function spawn(hostFile: string | undefined, data: HostData): Worker {
  const transferList = [data.key.port];
  if (hostFile) return new Worker(hostFile, { workerData: data, transferList });
  const host = new URL('./host.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(host)}); });`;
  return new Worker(boot, { eval: true, workerData: data, transferList });
}

const STOPPED: ApiErrorBody = { code: 'INTERNAL', message: '后台数据线程已停止，请重新启动程序。未做任何修改。' };
/** What a call in flight gets when the worker dies under it: it may or may not have been saved. */
export const CRASHED: ApiErrorBody = {
  code: 'INTERNAL',
  message: '后台数据线程意外停止，已自动重新启动。这次操作可能没有完成，请刷新后查看结果，必要时重试。',
};
/** More unexpected stops than this within RESTART_WINDOW_MS and the core stays stopped (a fault that returns at once). */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;
const LOST = Symbol('lost');

/** A dead thread's lock file is this process's own: the next thread takes it afresh, and keeps it fresh. */
function releaseThreadLock(dataDir: string): void {
  const file = path.join(dataDir, LOCK_FILE);
  try {
    const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: number; host?: string };
    if (holder.pid === process.pid && holder.host === os.hostname()) fs.rmSync(file, { force: true });
  } catch {
    // No lock file, or not readable: the next thread's own check decides.
  }
}

/**
 * A file's bytes move to the worker instead of being copied, when they own their whole
 * buffer (a slice of Node's shared pool must be copied: moving it would empty its neighbours).
 */
export function transferables(input: unknown): ArrayBuffer[] {
  if (!input || typeof input !== 'object') return [];
  const out: ArrayBuffer[] = [];
  for (const v of Object.values(input)) {
    if (v instanceof Uint8Array && v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && !out.includes(v.buffer))
      out.push(v.buffer);
  }
  return out;
}

/**
 * The core in a worker thread, behind the same interface the transports use: the
 * window's main process and the LAN server's thread only pass envelopes, so parsing,
 * imports, backups and exports never stop them from answering (assets, IPC, tiles,
 * other PCs' requests). Start-up failures arrive as the same StartupError as createCore's.
 * A worker that dies later (a crash in native code, running out of memory) is started
 * again: the calls it held are answered with CRASHED, the next ones wait for the new one.
 */
export async function createWorkerCore(
  opts: WorkerCoreOptions & {
    keyStore: KeyStore;
    hostFile?: string;
    threadFile?: string;
    /** Each worker as it starts (supervision, tests). */ spawned?: (w: Worker) => void;
  },
): Promise<WorkerCore> {
  const { dataDir, demoOnCreate, demoResidents, resetWithResidents, transport, adminPassword } = opts;
  let state: CoreState = { imgOrigins: [], recovering: false };
  let nextId = 1;
  let closing = false;
  let stopped = false;
  let worker!: Worker;
  const stops: number[] = [];
  const pending = new Map<number, (value: unknown) => void>();

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const keys = serveKeyStore(opts.keyStore);
      const w = spawn(opts.hostFile, {
        opts: { dataDir, demoOnCreate, demoResidents, resetWithResidents, transport, adminPassword },
        key: keys.bridge,
        threadFile: opts.threadFile,
      });
      let started = false;
      worker = w;
      opts.spawned?.(w);
      w.on('message', (m: Reply) => {
        if (m.type === 'ready') {
          state = m;
          started = true;
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
      w.on('error', (e) => {
        console.error(`[core-worker] ${e.name}: ${e.message}`);
        if (!started) reject(e);
      });
      w.on('exit', (code) => {
        keys.close();
        if (!started) reject(new Error('core worker exited before it was ready'));
        // Whoever still waits gets an answer, never a hang.
        const lost = [...pending.values()];
        pending.clear();
        for (const done of lost) done(closing || !started ? undefined : LOST);
        if (closing || !started) return void (stopped = true);
        const now = Date.now();
        stops.push(now);
        while (stops[0]! < now - RESTART_WINDOW_MS) stops.shift();
        if (stops.length > MAX_RESTARTS) {
          console.error(`[core-worker] stopped ${stops.length} times within a minute (exit code ${code}); not restarting`);
          return void (stopped = true);
        }
        console.error(`[core-worker] stopped unexpectedly (exit code ${code}); restarting`);
        releaseThreadLock(dataDir);
        ready = start().catch((e: unknown) => {
          console.error(`[core-worker] restart failed: ${(e as Error)?.message ?? e}`);
          stopped = true;
        });
      });
    });
  let ready: Promise<void> = start();
  await ready;

  type Unsent = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;
  const ask = async <T>(req: Unsent, fallback: T, lost: T, transfer: ArrayBuffer[] = []): Promise<T> => {
    // While a restart is under way, calls wait for the new worker.
    await ready;
    if (stopped) return fallback;
    const id = nextId++;
    return new Promise<T>((resolve) => {
      pending.set(id, (v) => resolve(v === LOST ? lost : v === undefined ? fallback : (v as T)));
      worker.postMessage({ ...req, id }, transfer);
    });
  };
  const failed = (error: ApiErrorBody): CallResult => ({ envelope: { ok: false, error }, session: {} });

  const core: WorkerCore = {
    dataDir,
    call: (name, input, caller) => ask<CallResult>({ op: 'call', name, input, caller }, failed(STOPPED), failed(CRASHED), transferables(input)),
    precheck: (name, caller) => ask<ApiErrorBody | null>({ op: 'precheck', name, caller }, STOPPED, CRASHED),
    tile: (token, packId, z, x, y) => ask<TileReply>({ op: 'tile', token: token ?? null, packId, z, x, y }, { status: 404 }, { status: 404 }),
    imgOrigins: () => state.imgOrigins,
    close: async () => {
      if (stopped || closing) return;
      closing = true;
      await ready;
      await ask({ op: 'close' }, null, null);
      await worker.terminate();
    },
  };
  trackRecovery(core, () => state.recovering);
  return core;
}
