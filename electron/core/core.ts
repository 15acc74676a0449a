import type Database from 'better-sqlite3-multiple-ciphers';
import type { Envelope } from '../../shared/api';
import { call } from './api/call';
import type { Ctx } from './api/types';
import { dailyBackupIfDue } from './db/backup';
import type { Migration } from './db/migrations';
import type { KeyStore } from './db/key';
import { openDatabase } from './db/open';
import { replaceWithDemo } from './demo/replace';

export const APP_VERSION = '0.1.0';

export interface CoreOptions {
  dataDir: string;
  /** Fill a newly created database with the demo office. */
  demoOnCreate: boolean;
  transport: Ctx['transport'];
  migrations?: Migration[];
  /** Where the database key is kept; default: a key file beside the data directory. */
  keyStore?: KeyStore;
  now?: () => Date;
}

export interface Core {
  db: Database.Database;
  dataDir: string;
  databaseFile: string;
  /** Run one contract method; `client` names the caller (desktop window or IP). */
  call(name: string, input: unknown, client?: string): Promise<Envelope>;
  close(): void;
}

/** Opens the office database and returns the API every transport serves. Node-only. */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const now = opts.now ?? (() => new Date());
  const { db, file, backupDir, created } = await openDatabase(opts.dataDir, opts.migrations, opts.keyStore);
  if (created && opts.demoOnCreate) db.transaction(() => replaceWithDemo(db, now()))();
  await dailyBackupIfDue(db, backupDir, now());
  const base: Omit<Ctx, 'client'> = {
    db,
    dataDir: opts.dataDir,
    databaseFile: file,
    backupDir,
    appVersion: APP_VERSION,
    transport: opts.transport,
    now,
  };
  return {
    db,
    dataDir: opts.dataDir,
    databaseFile: file,
    call: (name, input, client = opts.transport) => call(name, input, { ...base, client }),
    close: () => db.close(),
  };
}
