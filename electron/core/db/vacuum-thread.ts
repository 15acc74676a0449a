import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * `VACUUM INTO` copies the whole database in one synchronous call (seconds for the demo
 * office's 140,000 residents), so backups make it on a connection of their own in a thread
 * of their own: the core's thread keeps answering meanwhile, writes included (WAL: the
 * copy is the snapshot the thread's read began with). The worker is plain JavaScript loading
 * the database module by absolute path, as the parse worker loads SheetJS.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlitePath);
let db;
let reply;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  db.pragma("cipher='sqlcipher'");
  db.pragma('key="x\\'' + workerData.keyHex + '\\'"');
  db.prepare('VACUUM INTO ?').run(workerData.target);
  reply = { ok: true };
} catch (e) {
  reply = { ok: false, message: String((e && e.message) || e), code: e && e.code };
}
// Closed before answering: a read connection still open when the caller closes the office
// would keep its WAL from being checkpointed, and the next start would read pages from it.
try { if (db) db.close(); } catch {}
parentPort.postMessage(reply);
`;

const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');

/** The key each keyed connection was opened with (set by applyKey), so a backup can open its own. */
export const connectionKeys = new WeakMap<Database.Database, Buffer>();

/** Copies `db`'s file to `target` (encrypted with the same key) in a thread; on this thread when the connection has no recorded key. */
export async function vacuumInto(db: Database.Database, target: string): Promise<void> {
  const key = connectionKeys.get(db);
  if (!key || db.memory) return void db.prepare('VACUUM INTO ?').run(target);
  const worker = new Worker(SOURCE, { eval: true, workerData: { sqlitePath, file: db.name, keyHex: key.toString('hex'), target } });
  try {
    const reply = await new Promise<{ ok: boolean; message?: string; code?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('backup thread ended without an answer')));
    });
    if (!reply.ok) throw Object.assign(new Error(reply.message), { code: reply.code });
  } finally {
    void worker.terminate();
  }
}
