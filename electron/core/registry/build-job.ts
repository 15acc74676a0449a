import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey } from '../db/key';
import { replaceWithDemo } from './demo';

/** What the demo build's thread is given (see build-thread.ts). */
export interface DemoBuild {
  file: string;
  keyHex: string;
  nowMs: number;
  /** False only for a light office (no residents, key persons or registrations). */
  residents: boolean;
}

/**
 * The demo office written into a copy of the database (see build-thread.ts), on a thread
 * of its own (threads.ts) with its own connection, so the core's thread keeps answering
 * while the ~140,000 residents go in.
 */
export function buildDemoInto({ file, keyHex, nowMs, residents }: DemoBuild): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    applyKey(db, Buffer.from(keyHex, 'hex'));
    // The cascades the reset relies on (a community's user scopes) need foreign keys on.
    db.pragma('foreign_keys = ON');
    db.transaction(() => replaceWithDemo(db, new Date(nowMs), undefined, residents))();
  } finally {
    db.close();
  }
}
