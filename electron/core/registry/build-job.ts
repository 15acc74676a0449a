import Database from 'better-sqlite3-multiple-ciphers';
import { parentPort, workerData } from 'node:worker_threads';
import { applyKey } from '../db/key';
import { replaceWithDemo } from './demo';

/**
 * The thread that writes the demo office into a copy of the database (see build-thread.ts):
 * its own connection, so the core's thread keeps answering while the ~140,000 residents go in.
 */
const { file, keyHex, nowMs } = workerData as { file: string; keyHex: string; nowMs: number };
let db: Database.Database | undefined;
try {
  db = new Database(file, { fileMustExist: true });
  applyKey(db, Buffer.from(keyHex, 'hex'));
  // The cascades the reset relies on (a community's user scopes) need foreign keys on.
  db.pragma('foreign_keys = ON');
  const conn = db;
  conn.transaction(() => replaceWithDemo(conn, new Date(nowMs)))();
  parentPort!.postMessage({ ok: true });
} catch (e) {
  parentPort!.postMessage({ ok: false, message: String((e as Error)?.message ?? e), code: (e as { code?: string })?.code });
} finally {
  db?.close();
}
