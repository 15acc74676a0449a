import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { Api, MethodName } from '../../../shared/api';

/** Everything a handler may use. The core never sees which transport called it beyond `client`. */
export interface Ctx {
  db: Database.Database;
  dataDir: string;
  databaseFile: string;
  backupDir: string;
  appVersion: string;
  /** 'desktop' for the Electron window, 'http' for the browser/LAN mode. */
  transport: 'desktop' | 'http';
  /** Client address in LAN mode, for the audit log later. */
  client: string;
  now: () => Date;
}

export type Handler<N extends MethodName> = (
  input: z.output<Api[N]['input']>,
  ctx: Ctx,
) => z.input<Api[N]['output']> | Promise<z.input<Api[N]['output']>>;

/** A feature's handler map, typed by its slice of the contract: no second list of names. */
export type Handlers<K extends MethodName> = { [N in K]: Handler<N> };
