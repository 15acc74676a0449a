import type Database from 'better-sqlite3-multiple-ciphers';
import { ApiError } from '../../../shared/api/errors';
import { stmt } from '../db/statements';
import { searchKey, searchPattern } from './search-key';

/**
 * Create/read/update/delete and paged lists for the territory tables, driven by a small
 * declarative definition per table. The SQL fragments in a definition are fixed,
 * reviewed strings; user input only ever reaches SQL as bound parameters, and the sort
 * column is picked from the definition's whitelist.
 */
export interface EntityDef<F extends object, R> {
  table: string;
  /** Chinese noun for messages, e.g. 小区. */
  label: string;
  /** FROM clause with joins; the main table is aliased `t`. */
  from: string;
  /** SELECT list with camelCase aliases matching the contract's row schema. */
  select: string;
  /** Input filter key → SQL condition with one `?`. */
  filters: Record<string, string>;
  /** Sort key (as the UI sends it) → SQL expression. */
  sorts: Record<string, string>;
  defaultSort: string;
  /** Column name → value taken from validated fields (search_key and timestamps are added). */
  columns: (f: F) => Record<string, unknown>;
  /** Rows that must be removed first, checked before a delete for a clear refusal. */
  dependents: { sql: string; noun: string }[];
  /** Message when the natural key is taken. */
  duplicate: (f: F) => string;
  /** Reference checks with clear messages (e.g. the chosen community exists). */
  check?: (db: Database.Database, f: F) => F;
  /** Fix-ups after reading (JSON columns). */
  fromRow?: (raw: Record<string, unknown>) => R;
}

export interface ListInput {
  q?: string;
  page: number;
  pageSize: number;
  sort?: string;
  order: 'asc' | 'desc';
  [filter: string]: unknown;
}

export function listRows<F extends object, R>(db: Database.Database, def: EntityDef<F, R>, input: ListInput) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.q) {
    where.push(`t.search_key LIKE ? ESCAPE '\\'`);
    params.push(searchPattern(input.q));
  }
  for (const [key, condition] of Object.entries(def.filters)) {
    if (input[key] === undefined) continue;
    where.push(condition);
    params.push(input[key]);
  }
  const sortKey = input.sort ?? def.defaultSort;
  const sortExpr = def.sorts[sortKey];
  if (!sortExpr) throw new ApiError('VALIDATION', `不支持按“${sortKey}”排序`);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const order = input.order === 'desc' ? 'DESC' : 'ASC';
  const total = (stmt(db, `SELECT count(*) AS n FROM ${def.from} ${whereSql}`).get(...params) as { n: number }).n;
  const raw = stmt(db, `SELECT ${def.select} FROM ${def.from} ${whereSql} ORDER BY ${sortExpr} ${order}, t.id ${order} LIMIT ? OFFSET ?`).all(
    ...params,
    input.pageSize,
    (input.page - 1) * input.pageSize,
  ) as Record<string, unknown>[];
  return { rows: raw.map((r) => (def.fromRow ? def.fromRow(r) : (r as R))), total };
}

export function getRow<F extends object, R>(db: Database.Database, def: EntityDef<F, R>, id: number): R {
  const raw = stmt(db, `SELECT ${def.select} FROM ${def.from} WHERE t.id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!raw) throw new ApiError('NOT_FOUND', `${def.label}不存在或已被删除（编号 ${id}）`);
  return def.fromRow ? def.fromRow(raw) : (raw as R);
}

function writeGuard<T>(def: EntityDef<never, unknown>, f: object, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new ApiError('CONFLICT', def.duplicate(f as never));
    throw e;
  }
}

function columnsOf<F extends object>(def: EntityDef<F, unknown>, f: F, now: string) {
  const name = (f as { name: string }).name;
  return { ...def.columns(f), search_key: searchKey(name), updated_at: now };
}

export function createRow<F extends object, R>(db: Database.Database, def: EntityDef<F, R>, fields: F, now: Date): R {
  const f = def.check ? def.check(db, fields) : fields;
  const cols = { ...columnsOf(def, f, now.toISOString()), created_at: now.toISOString() };
  const names = Object.keys(cols);
  const sql = `INSERT INTO ${def.table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`;
  const info = writeGuard(def as never, f, () => stmt(db, sql).run(cols));
  return getRow(db, def, Number(info.lastInsertRowid));
}

export function updateRow<F extends object, R>(db: Database.Database, def: EntityDef<F, R>, id: number, fields: F, now: Date): R {
  getRow(db, def, id);
  const f = def.check ? def.check(db, fields) : fields;
  const cols = columnsOf(def, f, now.toISOString());
  const sql = `UPDATE ${def.table} SET ${Object.keys(cols).map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`;
  writeGuard(def as never, f, () => stmt(db, sql).run({ ...cols, id }));
  return getRow(db, def, id);
}

export function deleteRow<F extends object, R>(db: Database.Database, def: EntityDef<F, R>, id: number): { ok: true } {
  const row = getRow(db, def, id) as { name?: string };
  const blockers = def.dependents
    .map((d) => ({ n: (stmt(db, d.sql).get(id) as { n: number }).n, noun: d.noun }))
    .filter((d) => d.n > 0);
  if (blockers.length) {
    const what = blockers.map((b) => `${b.n} 个${b.noun}`).join('、');
    throw new ApiError('IN_USE', `无法删除${def.label}“${row.name ?? id}”：还有 ${what}属于它。请先移走或删除这些数据。`);
  }
  stmt(db, `DELETE FROM ${def.table} WHERE id = ?`).run(id);
  return { ok: true };
}

/** Throws a VALIDATION error naming the field when a referenced row is missing. */
export function requireRef(db: Database.Database, table: string, id: number, field: string, label: string): void {
  if (!stmt(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(id)) {
    throw new ApiError('VALIDATION', `${label}不存在或已被删除`, [{ path: field, message: `${label}不存在或已被删除` }]);
  }
}
