import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3-multiple-ciphers';
import { answerOf, bundledThread, NO_JOB } from './job-thread';
import { connectionKeys } from './vacuum-thread';

/**
 * A read job on a thread of its own: the module's function is given a read-only connection
 * to the same file (same key) and the input, and its JSON-able answer comes back. Big
 * exports run here so the core's thread keeps answering. Under tsx or vitest the module is
 * TypeScript, loaded through tsx's loader as the core's worker is; the built app's thread
 * file (job-thread.ts) finds the function by its name in registry/read-jobs.ts. With neither
 * (or with an unkeyed or in-memory connection) `runReadJob` answers null and the caller runs
 * the job itself.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  let db;
  try {
    const { register } = await import('tsx/esm/api');
    register();
    const mod = await import(workerData.module);
    const Database = require(workerData.sqlitePath);
    db = new Database(workerData.file, { readonly: true, fileMustExist: true });
    db.pragma("cipher='sqlcipher'");
    db.pragma('key="x\\'' + workerData.keyHex + '\\'"');
    const out = await mod[workerData.fn](db, workerData.input);
    parentPort.postMessage({ ok: true, out });
  } catch (e) {
    parentPort.postMessage({ ok: false, message: String((e && e.message) || e), code: e && e.code });
  } finally {
    if (db) db.close();
  }
})();
`;

const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');

/** A TypeScript module that is there to load (not in a bundle, where `module` points beside the bundle). */
const typeScript = (module: URL) => module.protocol === 'file:' && module.pathname.endsWith('.ts') && fs.existsSync(fileURLToPath(module));

/** Runs `module`'s `fn(db, input)` on a read-only connection in a thread; null when it cannot (see above). */
export async function runReadJob<T>(db: Database.Database, module: URL, fn: string, input: unknown): Promise<T | null> {
  const key = connectionKeys.get(db);
  if (!key || db.memory) return null;
  const data = { file: db.name, keyHex: key.toString('hex'), fn, input };
  const worker =
    bundledThread({ job: 'read', ...data }) ??
    (typeScript(module) ? new Worker(SOURCE, { eval: true, workerData: { ...data, sqlitePath, module: module.href } }) : null);
  if (!worker) return null;
  try {
    return (await answerOf<T>(worker, 'read job')).out as T;
  } catch (e) {
    if ((e as { code?: string }).code !== NO_JOB) throw e;
    // A job missing from registry/read-jobs.ts still gives the user the file, from the core's thread.
    console.warn(`[read-job] ${fn} is not in the built app's registry; it runs on the core's thread`);
    return null;
  }
}
