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
/** Whose rows a caller may see: all, or only the communities linked to the user. */
export interface Scope {
  all: boolean;
  userId: number;
}
export const ALL_COMMUNITIES: Scope = { all: true, userId: 0 };

export interface Change {
  entity: string;
  id: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** What the CRUD functions need from a call: the connection, the clock, the caller's scope, the audit sink. */
export interface EntityCtx {
  db: Database.Database;
  now: Date;
  scope: Scope;
  record?: (change: Change) => void;
  /** Who is writing, for rows that record it themselves (the stock ledger). */
  username?: string;
}

export interface EntityDef<F extends object, R> {
  table: string;
  /**
   * The community a row belongs to, as SQL on alias t (scope is enforced in SQL), and
   * the community of new values. Office-level registers have neither: community-scoped
   * users can read them but not change them.
   */
  scopeColumn: string | null;
  /**
   * For office-level registers that still name a community (people): community-scoped
   * users read the rows of their communities and those of none, and change none.
   */
  readScopeColumn?: string;
  communityOf?: (f: F) => number;
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

const scopeSql = (column: string) => `(? = 1 OR ${column} IN (SELECT community_id FROM user_communities WHERE user_id = ?))`;
const scopeParams = (scope: Scope) => [scope.all ? 1 : 0, scope.userId];

/**
 * A WHERE condition (and its two parameters) keeping the rows whose community, the SQL
 * expression `column`, is one of the caller's; `officeRows` also keeps rows of no
 * community (office staff, office-level places).
 */
export function scopeWhere(scope: Scope, column: string, officeRows = false): { sql: string; params: [number, number] } {
  const sql = officeRows ? `(? = 1 OR ${column} IS NULL OR ${column} IN (SELECT community_id FROM user_communities WHERE user_id = ?))` : scopeSql(column);
  return { sql, params: [scope.all ? 1 : 0, scope.userId] };
}

export function listRows<F extends object, R>({ db, scope }: EntityCtx, def: EntityDef<F, R>, input: ListInput) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (def.scopeColumn) {
    where.push(scopeSql(def.scopeColumn));
    params.push(...scopeParams(scope));
  } else if (def.readScopeColumn) {
    const w = scopeWhere(scope, def.readScopeColumn, true);
    where.push(w.sql);
    params.push(...w.params);
  }
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
  // Own keys only: "constructor" or "__proto__" must not reach the prototype and the SQL.
  const sortExpr = Object.hasOwn(def.sorts, sortKey) ? def.sorts[sortKey] : undefined;
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

export function getRow<F extends object, R>({ db, scope }: Pick<EntityCtx, 'db' | 'scope'>, def: EntityDef<F, R>, id: number): R {
  const scoped = def.scopeColumn ? ` AND ${scopeSql(def.scopeColumn)}` : '';
  const params = def.scopeColumn ? [id, ...scopeParams(scope)] : [id];
  const raw = stmt(db, `SELECT ${def.select} FROM ${def.from} WHERE t.id = ?${scoped}`).get(...params) as Record<string, unknown> | undefined;
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

/** Community-scoped users may only write rows of their own communities. */
function assertWritable<F extends object>(ctx: EntityCtx, def: EntityDef<F, unknown>, f: F | null): void {
  if (ctx.scope.all) return;
  if (!def.scopeColumn || !def.communityOf) throw new ApiError('FORBIDDEN', `只有全街道范围的用户才能修改${def.label}`);
  if (f === null) return;
  const cid = def.communityOf(f);
  if (!stmt(ctx.db, 'SELECT 1 FROM user_communities WHERE user_id = ? AND community_id = ?').get(ctx.scope.userId, cid)) {
    throw new ApiError('FORBIDDEN', `只能管理自己负责社区的${def.label}`);
  }
}

export function createRow<F extends object, R extends { id: number }>(ctx: EntityCtx, def: EntityDef<F, R>, fields: F): R {
  const f = def.check ? def.check(ctx.db, fields) : fields;
  assertWritable(ctx, def as EntityDef<F, unknown>, f);
  const at = ctx.now.toISOString();
  const cols = { ...columnsOf(def, f, at), created_at: at };
  const names = Object.keys(cols);
  const sql = `INSERT INTO ${def.table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`;
  const info = writeGuard(def as never, f, () => stmt(ctx.db, sql).run(cols));
  const row = getRow({ db: ctx.db, scope: ALL_COMMUNITIES }, def, Number(info.lastInsertRowid));
  ctx.record?.({ entity: def.table, id: row.id, before: null, after: row as Record<string, unknown> });
  return row;
}

export function updateRow<F extends object, R extends { id: number }>(ctx: EntityCtx, def: EntityDef<F, R>, id: number, fields: F): R {
  const before = getRow(ctx, def, id);
  assertWritable(ctx, def as EntityDef<F, unknown>, null);
  const f = def.check ? def.check(ctx.db, fields) : fields;
  assertWritable(ctx, def as EntityDef<F, unknown>, f);
  const cols = columnsOf(def, f, ctx.now.toISOString());
  const sql = `UPDATE ${def.table} SET ${Object.keys(cols)
    .map((n) => `${n} = @${n}`)
    .join(', ')} WHERE id = @id`;
  writeGuard(def as never, f, () => stmt(ctx.db, sql).run({ ...cols, id }));
  const after = getRow({ db: ctx.db, scope: ALL_COMMUNITIES }, def, id);
  ctx.record?.({ entity: def.table, id, before: before as Record<string, unknown>, after: after as Record<string, unknown> });
  return after;
}

/**
 * The columns createRow (existingId null) or updateRow would write, with the same checks
 * (references, the caller's communities) and messages, and the row's updated_at when
 * checked (null for a new row), for an import that writes many rows set-wise later.
 */
export function columnsToWrite<F extends object, R extends { id: number }>(ctx: EntityCtx, def: EntityDef<F, R>, fields: F, existingId: number | null) {
  const at = ctx.now.toISOString();
  if (existingId !== null) {
    getRow(ctx, def, existingId);
    assertWritable(ctx, def as EntityDef<F, unknown>, null);
  }
  const f = def.check ? def.check(ctx.db, fields) : fields;
  assertWritable(ctx, def as EntityDef<F, unknown>, f);
  const seen = existingId === null ? null : (stmt(ctx.db, `SELECT updated_at AS u FROM ${def.table} WHERE id = ?`).get(existingId) as { u: string }).u;
  return { columns: { ...columnsOf(def, f, at), created_at: at } as Record<string, unknown>, seen };
}

export function deleteRow<F extends object, R extends { id: number }>(ctx: EntityCtx, def: EntityDef<F, R>, id: number): { ok: true } {
  const row = getRow(ctx, def, id) as R & { name?: string };
  assertWritable(ctx, def as EntityDef<F, unknown>, null);
  const blockers = def.dependents.map((d) => ({ n: (stmt(ctx.db, d.sql).get(id) as { n: number }).n, noun: d.noun })).filter((d) => d.n > 0);
  if (blockers.length) {
    const what = blockers.map((b) => `${b.n} 个${b.noun}`).join('、');
    throw new ApiError('IN_USE', `无法删除${def.label}“${row.name ?? id}”：还有 ${what}属于它。请先移走或删除这些数据。`);
  }
  stmt(ctx.db, `DELETE FROM ${def.table} WHERE id = ?`).run(id);
  ctx.record?.({ entity: def.table, id, before: row as Record<string, unknown>, after: null });
  return { ok: true };
}

/** Throws a VALIDATION error naming the field when a referenced row is missing. */
export function requireRef(db: Database.Database, table: string, id: number, field: string, label: string): void {
  if (!stmt(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(id)) {
    throw new ApiError('VALIDATION', `${label}不存在或已被删除`, [{ path: field, message: `${label}不存在或已被删除` }]);
  }
}
