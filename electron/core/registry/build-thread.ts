import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { applyKey } from '../db/key';
import { vacuumInto } from '../db/vacuum-thread';
import { replaceWithDemo } from './demo';

/**
 * Under tsx or vitest the job runs as TypeScript through tsx's loader, as the core's own
 * worker does. A bundle has no such file: there the demo is written into the copy on the
 * caller's thread (still into the copy, so a failure leaves the office as it was).
 */
function jobFile(): string | null {
  const url = new URL('./build-job.ts', import.meta.url);
  if (url.protocol !== 'file:') return null;
  const file = fileURLToPath(url);
  return import.meta.url.endsWith('.ts') && fs.existsSync(file) ? url.href : null;
}

async function inThread(job: string, target: string, key: Buffer, now: Date): Promise<void> {
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(job)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: { file: target, keyHex: key.toString('hex'), nowMs: now.getTime() } });
  try {
    const reply = await new Promise<{ ok: boolean; message?: string; code?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('demo build thread ended without an answer')));
    });
    if (!reply.ok) throw Object.assign(new Error(reply.message), { code: reply.code });
  } finally {
    void worker.terminate();
  }
}

/**
 * Writes the demo office into `target`: a copy of `db` (users, sessions, settings, audit
 * log as they are) whose territory and its data are replaced, all off the caller's thread
 * when it can be. `db` itself is only read.
 */
export async function buildDemoCopy(db: Database.Database, key: Buffer, target: string, now: Date): Promise<void> {
  await vacuumInto(db, target);
  const job = jobFile();
  if (job) return inThread(job, target, key, now);
  const copy = new Database(target, { fileMustExist: true });
  try {
    applyKey(copy, key);
    copy.pragma('foreign_keys = ON');
    copy.transaction(() => replaceWithDemo(copy, now))();
  } finally {
    copy.close();
  }
}
