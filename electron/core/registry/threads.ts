import Database from 'better-sqlite3-multiple-ciphers';
import { parentPort, workerData } from 'node:worker_threads';
import { applyKey } from '../db/key';
import { NO_JOB, type ThreadJob } from '../db/job-thread';
import type { DemoBuild } from './build-job';

/**
 * The thread file of the core's long jobs (db/job-thread.ts): the built app starts it from
 * its bundle (electron-vite, `?modulePath` in electron/main), tsx starts it from here. One
 * job per thread, one answer: { ok, out } or { ok: false, message, code }. Each kind loads
 * only its own code (the demo's generator is large), so a read job's thread starts sooner.
 */
type Read = { file: string; keyHex: string; fn: string; input: never };

async function run(data: ThreadJob): Promise<unknown> {
  if (data.job === 'demo') return (await import('./build-job')).buildDemoInto(data as unknown as DemoBuild);
  const { file, keyHex, fn, input } = data as unknown as Read;
  const job = (await import('./read-jobs')).READ_JOBS[fn];
  if (!job) throw Object.assign(new Error(`no read job ${fn}`), { code: NO_JOB });
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, Buffer.from(keyHex, 'hex'));
    return await job(db, input);
  } finally {
    db.close();
  }
}

run(workerData as ThreadJob).then(
  (out) => parentPort!.postMessage({ ok: true, out }),
  (e: unknown) => parentPort!.postMessage({ ok: false, message: String((e as Error)?.message ?? e), code: (e as { code?: string })?.code }),
);
