import crypto from 'node:crypto';

/**
 * Shipped migration steps are frozen: a database in the field has run them already, so an
 * edit would never reach it and the fresh and upgraded schemas would drift apart. The lock
 * file records the sha256 of each step's SQL once it is recorded (`npm run migrations:lock`);
 * migrations-lock.test.ts fails when a recorded step's text changes.
 */
export type MigrationLock = Record<string, { name: string; sha256: string }>;

/** One step as the ordered list (db/migrations.ts) holds it. */
type Migration = { version: number; name: string; sql: string };

export const LOCK_FILE = new URL('./migrations.lock.json', import.meta.url);

export const sha256Of = (m: Migration) => crypto.createHash('sha256').update(m.sql, 'utf8').digest('hex');

/** The lock with every step of `list` not yet in it added; recorded entries are never rewritten. */
export function withNewSteps(lock: MigrationLock, list: Migration[]): { lock: MigrationLock; added: Migration[] } {
  const next: MigrationLock = { ...lock };
  const added = list.filter((m) => !(String(m.version) in lock));
  for (const m of added) next[String(m.version)] = { name: m.name, sha256: sha256Of(m) };
  return { lock: next, added };
}
