import Database from 'better-sqlite3-multiple-ciphers';
import type { Migration } from '../db/migrate';

/** One schema object as SQLite records it; the SQL text with its whitespace collapsed. */
export interface SchemaEntry {
  type: string;
  name: string;
  table: string;
  sql: string | null;
}

const normalise = (sql: string | null) => (sql === null ? null : sql.replace(/\s+/g, ' ').trim());

/**
 * Every table, view, index and trigger of a database, tables first (so the first
 * difference named is the most telling one). ANALYZE's statistics tables are not schema.
 */
export function schemaOf(db: Database.Database): SchemaEntry[] {
  const rows = db
    .prepare(
      `SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%'
       ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 1 WHEN 'index' THEN 2 ELSE 3 END, name`,
    )
    .all() as { type: string; name: string; tbl: string; sql: string | null }[];
  return rows.map((r) => ({ type: r.type, name: r.name, table: r.tbl, sql: normalise(r.sql) }));
}

const cache = new WeakMap<Migration[], Map<number, SchemaEntry[] | null>>();

/**
 * The schema this program itself builds at `version`: an empty in-memory database run
 * through the migration list up to it. Null when no migration ends at that version.
 */
export function expectedSchema(version: number, list: Migration[]): SchemaEntry[] | null {
  let byVersion = cache.get(list);
  if (!byVersion) cache.set(list, (byVersion = new Map()));
  if (byVersion.has(version)) return byVersion.get(version)!;
  let schema: SchemaEntry[] | null = null;
  if (list.some((m) => m.version === version)) {
    const db = new Database(':memory:');
    try {
      for (const m of list) if (m.version <= version) db.exec(m.sql);
      schema = schemaOf(db);
    } finally {
      db.close();
    }
  }
  byVersion.set(version, schema);
  return schema;
}

const KIND: Record<string, string> = { table: '数据表', index: '索引', trigger: '触发器', view: '视图' };
const label = (e: SchemaEntry) => `${KIND[e.type] ?? e.type}“${e.name}”`;

/** The first way `actual` differs from `expected`, in plain Chinese, or null when they are the same. */
export function firstDifference(actual: SchemaEntry[], expected: SchemaEntry[]): string | null {
  const key = (e: SchemaEntry) => `${e.type}\u0000${e.name}`;
  const have = new Map(actual.map((e) => [key(e), e]));
  const want = new Map(expected.map((e) => [key(e), e]));
  for (const e of expected) {
    const a = have.get(key(e));
    if (!a) return `缺少${label(e)}`;
    if (a.table !== e.table || a.sql !== e.sql) return `${label(e)}的定义被改动过`;
  }
  for (const a of actual) if (!want.has(key(a))) return `多出了本系统没有的${label(a)}`;
  return null;
}

/**
 * Refusal text when a database's schema is not exactly what this program builds at the
 * same version (a file edited by hand: triggers dropped or added, tables missing), else null.
 */
export function schemaMismatch(db: Database.Database, version: number, list: Migration[]): string | null {
  const expected = expectedSchema(version, list);
  if (!expected) return `该备份的数据库版本（${version}）不是本程序的任何版本，可能被改动过，不能恢复。未做任何修改。`;
  const difference = firstDifference(schemaOf(db), expected);
  return difference ? `该备份的数据库结构与本系统不一致（${difference}），可能被人改动过，不能恢复。未做任何修改。` : null;
}
