import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import type { Migration } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/registry/migrations';
import { configure } from '../../electron/core/db/open';
import { closeLater, makeTempDir } from './temp-core';

/**
 * The upgrade a database in the field goes through: a real file is brought to the step
 * before `version`, `seed` writes rows as the older app would, then the step runs and `check`
 * reads what survived. Integrity and foreign keys are checked after the step too.
 */
export function upgradeWithData(
  version: number,
  seed: (db: Database.Database) => void,
  check: (db: Database.Database) => void,
  list: Migration[] = migrations,
): void {
  const step = list.findIndex((m) => m.version === version);
  if (step < 1) throw new Error(`no migration step ${version} with a step before it`);
  const db = closeLater(new Database(path.join(makeTempDir(), 'upgrade.db')));
  configure(db);
  migrate(db, list.slice(0, step));
  if (schemaVersion(db) !== list[step - 1]!.version) throw new Error(`the file did not reach step ${list[step - 1]!.version}`);
  db.transaction(() => seed(db))();
  migrate(db, list.slice(0, step + 1));
  if (schemaVersion(db) !== version) throw new Error(`the file did not reach step ${version}`);
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') throw new Error(`integrity_check after step ${version}: ${String(integrity)}`);
  const orphans = db.pragma('foreign_key_check') as unknown[];
  if (orphans.length) throw new Error(`foreign_key_check after step ${version}: ${JSON.stringify(orphans)}`);
  check(db);
}
