import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Prepared-statement cache per connection. List queries are assembled from a fixed
 * set of reviewed fragments, so the number of distinct SQL strings is small and each
 * is prepared once and reused for every page and every row.
 */
const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function stmt(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}
