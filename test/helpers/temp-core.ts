import type Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach } from 'vitest';
import type { Envelope } from '../../shared/api';
import type { Role } from '../../shared/domain/roles';
import { insertUser } from '../../electron/core/auth/users-repo';
import { type Core, createCore } from '../../electron/core/registry/core';
import type { Migration } from '../../electron/core/db/migrate';
import { defaultKeyStore, openKeyed } from '../../electron/core/db/open';
import { copyDemoTemplate } from './demo-template';
import { type Call, ROLE_USER, signIn, TEST_PASSWORD } from './sessions';

/**
 * Temp directories and cores for integration tests against real (encrypted) SQLite
 * files. Whatever is made inside a test (or its beforeEach) is closed and removed after
 * that test; whatever is made in beforeAll, after the file.
 */
interface Scope {
  dbs: Database.Database[];
  dirs: string[];
}
const perTest: Scope = { dbs: [], dirs: [] };
const perFile: Scope = { dbs: [], dirs: [] };
let inTest = false;
const scope = () => (inTest ? perTest : perFile);

function cleanup(s: Scope): void {
  for (const db of s.dbs.splice(0)) if (db.open) db.close();
  for (const dir of s.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

beforeEach(() => {
  inTest = true;
});
afterEach(() => {
  inTest = false;
  cleanup(perTest);
});
afterAll(() => cleanup(perFile));

export function makeTempDir(prefix = 'sc-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scope().dirs.push(dir);
  return dir;
}

/** A data directory inside a fresh temp dir; its key file (`data.key`, the default place) sits beside it, in the same temp dir. */
export const makeDataDir = () => path.join(makeTempDir(), 'data');

/** Closes the connection when the current test (or file, outside a test) ends, if still open. */
export function closeLater<T extends Database.Database>(db: T): T {
  scope().dbs.push(db);
  return db;
}

export interface TempCoreOptions {
  /** Fill the new database with the demo office (and its demo users); default false. */
  demo?: boolean;
  /** With the demo, also its residents, key persons and registrations (slow; default false). */
  demoResidents?: boolean;
  /** Whether 重置为演示数据 builds the 140,000 residents too (default true, as in the app; tests of the territory alone turn it off). */
  resetWithResidents?: boolean;
  now?: () => Date;
  migrations?: Migration[];
  /** Reuse a data directory (to reopen); default: a fresh one from makeDataDir(). */
  dataDir?: string;
}

/** createCore on a temp data dir, transport 'http', with `admin` (password TEST_PASSWORD) on a new database. */
export async function openTempCore(opts: TempCoreOptions = {}): Promise<Core> {
  const dataDir = opts.dataDir ?? makeDataDir();
  // A new demo office on the real clock is copied from the run's template.
  if (opts.demo && !opts.dataDir && !opts.now && !opts.migrations) {
    await copyDemoTemplate(opts.demoResidents ? 'demo-residents' : 'demo', TEST_PASSWORD, dataDir, defaultKeyStore(dataDir).where);
  }
  const core = await createCore({
    dataDir,
    demoOnCreate: opts.demo ?? false,
    demoResidents: opts.demoResidents ?? false,
    resetWithResidents: opts.resetWithResidents,
    transport: 'http',
    adminPassword: TEST_PASSWORD,
    now: opts.now,
    migrations: opts.migrations,
  });
  closeLater(core.db);
  return core;
}

/**
 * Signs in as the demo user of a role (ROLE_USER), creating that user with office-wide
 * scope first when the office has none (an empty office only has `admin`).
 */
export async function signInAs(core: Core, role: Role): Promise<Call & { token: string }> {
  const username = ROLE_USER[role];
  if (!core.db.prepare('SELECT 1 FROM users WHERE username = ?').get(username)) {
    await insertUser(
      core.db,
      { username, displayName: `测试${role}`, phone: null, role, scopeAll: true, communityIds: [], password: TEST_PASSWORD, mustChangePassword: false },
      new Date(),
    );
  }
  return signIn(core, username);
}

/** Opens a database file of this data dir (or a backup of it) with the data dir's key, read only. */
export function openWithKey(file: string, dataDir: string): Database.Database {
  const store = defaultKeyStore(dataDir);
  const key = store.read();
  if (!key) throw new Error(`no key for ${dataDir}`);
  const db = closeLater(openKeyed(file, key, store));
  db.pragma('query_only = ON');
  return db;
}

/** The data of a successful call; fails the test with the Chinese message otherwise. */
export function dataOf<T = unknown>(env: Envelope): T {
  if (!env.ok) throw new Error(`expected ok, got ${env.error.code}: ${env.error.message}`);
  return env.data as T;
}

/** The error of a failed call; fails the test if the call succeeded. */
export function errorOf(env: Envelope) {
  if (env.ok) throw new Error(`expected an error, got ok: ${JSON.stringify(env.data).slice(0, 200)}`);
  return env.error;
}

export const count = (db: Database.Database, table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/**
 * For a test that runs 重置为演示数据 (it builds the demo's 140,000 residents: about 20 s on
 * this 2-core machine, over 30 s while other work loads it) or starts a child process.
 */
export const SLOW_MS = 120_000;

/** Matches text containing at least one Chinese character. */
export const CHINESE = /[\u4e00-\u9fff]/;

/** A clock for `now` that stands still until the test moves it. */
export function manualClock(iso: string): (() => Date) & { set(iso: string): void } {
  let t = new Date(iso);
  return Object.assign(() => new Date(t), { set: (next: string) => void (t = new Date(next)) });
}

/** A temp core and a caller signed in with a role (default: 指挥中心, which may edit the territory). */
export async function openSignedIn(opts: TempCoreOptions = {}, role: Role = 'command'): Promise<{ core: Core; call: Call }> {
  const core = await openTempCore(opts);
  return { core, call: await signInAs(core, role) };
}

export type { Call };
