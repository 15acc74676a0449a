import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { Api, MethodName } from '../../../shared/api';
import type { TilePack } from '../../../shared/api/map-tiles';
import type { AuditInput } from '../auth/audit';
import type { SessionUser } from '../auth/sessions';
import type { Migration } from '../db/migrate';
import { ALL_COMMUNITIES, type Change, type EntityCtx } from '../kernel/entity';

/** Who is calling, as the transport knows it. */
export interface Caller {
  /** 'desktop' for the Electron window, else the client's IP address. */
  client: string;
  /** The session token from the cookie (HTTP) or the window's session (IPC). */
  token?: string | null;
  /** True for the desktop window and for 127.0.0.1/::1 in serve mode. */
  local?: boolean;
}

/** What a handler asks the transport to do with the session after the call. */
export interface SessionChange {
  set?: string;
  clear?: boolean;
}

type TilePackEntry = z.output<typeof TilePack>;

/** The offline tile packs as handlers use them; the map's TilePacks is the one implementation, made at start-up. */
export interface TilePackStore {
  list(): TilePackEntry[];
  get(id: string): TilePackEntry | null;
  import(fileName: string, bytes: Buffer, now: Date): TilePackEntry;
  remove(id: string): boolean;
}

/** Everything a handler may use. */
export interface Ctx {
  db: Database.Database;
  dataDir: string;
  databaseFile: string;
  backupDir: string;
  /** Whether 重置为演示数据 builds residents: a server started with --light-demo (browser tests) resets to the same light demo. */
  resetWithResidents: boolean;
  /** The running process's backup schedule: why its last attempt failed (null when it worked). */
  backupHealth: () => { lastError: string | null };
  appVersion: string;
  /** The migration list this core runs (the registry's): a backup is checked against the schema it builds. */
  migrations: Migration[];
  /** The database key, for re-encrypting exported and restored copies. */
  key: Buffer;
  /** Replaces the database file with a verified copy and returns the new connection. */
  swapDatabase: (prepared: string) => Database.Database;
  /** The imported offline tile packs (files beside the database, not in it). */
  tilePacks: TilePackStore;
  transport: 'desktop' | 'http';
  client: string;
  local: boolean;
  /** The signed-in user; null only for 'public' methods. */
  user: SessionUser | null;
  now: () => Date;
  /** Changes after every committed write (and when another process writes the file): 总览 and lists refresh on it. */
  dataVersion: () => string;
  /** Called by the core after a write method succeeds. */
  bumpVersion: () => void;
  /** Collects field changes for this call's audit rows. */
  record: (change: Change) => void;
  /** Set by sign-in/sign-out handlers; carried out by the transport. */
  session: SessionChange;
  /**
   * Runs `work` as one transaction on the writer connection that may yield between steps
   * (an import of 150,000 rows): meanwhile other callers' reads are answered from a
   * read connection (the data as it was before) and their writes wait for the end.
   */
  longWrite<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Set while a long write holds the writer connection: audit rows (a refusal's, a reveal's)
   * are kept and written once it ends — the read connection cannot write them, and inside
   * the long write's transaction its rollback would take them too.
   */
  auditLater?: (row: AuditInput) => void;
}

/** Who did it and when, as ledgers, rosters and registrations record it. */
export const actor = (ctx: Ctx) => ({ username: ctx.user?.username ?? 'system', now: ctx.now() });

/** The entity layer's view of a call: scope comes from the user, in SQL. */
export function entityCtx(ctx: Ctx): EntityCtx {
  const scope = !ctx.user || ctx.user.scopeAll ? ALL_COMMUNITIES : { all: false, userId: ctx.user.id };
  return { db: ctx.db, now: ctx.now(), scope, record: ctx.record, username: ctx.user?.username };
}

export type Handler<N extends MethodName> = (input: z.output<Api[N]['input']>, ctx: Ctx) => z.input<Api[N]['output']> | Promise<z.input<Api[N]['output']>>;

/** A feature's handler map, typed by its slice of the contract: no second list of names. */
export type Handlers<K extends MethodName> = { [N in K]: Handler<N> };
