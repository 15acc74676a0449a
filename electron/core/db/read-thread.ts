import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3-multiple-ciphers';
import { connectionKeys } from './vacuum-thread';

/**
 * A read job on a thread of its own: the module's function is given a read-only connection
 * to the same file (same key) and the input, and its JSON-able answer comes back. Big
 * exports run here so the core's thread keeps answering. Under tsx or vitest the module is
 * TypeScript, loaded through tsx's loader as the core's worker is; a bundle has no such
 * file, and there (or with an unkeyed or in-memory connection) `runReadJob` answers null
 * and the caller runs the job itself.
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

/** Runs `module`'s `fn(db, input)` on a read-only connection in a thread; null when it cannot (see above). */
export async function runReadJob<T>(db: Database.Database, module: URL, fn: string, input: unknown): Promise<T | null> {
  const key = connectionKeys.get(db);
  if (!key || db.memory || module.protocol !== 'file:' || !module.pathname.endsWith('.ts')) return null;
  const worker = new Worker(SOURCE, { eval: true, workerData: { sqlitePath, file: db.name, keyHex: key.toString('hex'), module: module.href, fn, input } });
  try {
    const reply = await new Promise<{ ok: boolean; out?: T; message?: string; code?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('read job thread ended without an answer')));
    });
    if (!reply.ok) throw Object.assign(new Error(reply.message), { code: reply.code });
    return reply.out as T;
  } finally {
    void worker.terminate();
  }
}
