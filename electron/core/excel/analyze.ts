import { ApiError } from '../../../shared/api/errors';
import type { EntityCtx } from '../kernel/entity';
import { stmt } from '../db/statements';
import { dataRows, type HeaderInfo } from './header';
import { readCell } from './read-cell';
import type { Sheet } from './read-workbook';
import type { ColumnSpec, TableSchema } from './table-schema';
import { MASKERS } from './write-workbook';

export type RowStatus = 'new' | 'update' | 'unchanged' | 'error';

export interface AnalyzedRow {
  /** The row number Excel shows (1-based). */
  rowNumber: number;
  cells: unknown[];
  values: Record<string, unknown>;
  input: Record<string, unknown> | null;
  existingId: number | null;
  status: RowStatus;
  errors: { column: string; message: string }[];
}

export interface Analysis {
  sheetName: string;
  header: HeaderInfo;
  mapping: (string | null)[];
  rows: AnalyzedRow[];
  counts: Record<RowStatus, number>;
  /** What saving the rows will create besides them (TableSchema.summarize). */
  notes?: string[];
}

const same = (a: unknown, b: unknown) =>
  (a ?? null) === (b ?? null) ||
  (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9) ||
  // Lists (skills, flags, weekdays) compare by content.
  (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && JSON.stringify(a) === JSON.stringify(b));

/**
 * Reads every data row of a sheet for a table: cells normalised per column, references
 * resolved, validated with the contract's schema, duplicates found by natural key
 * within the file and against the database. Writes nothing.
 */
export function analyze(ctx: EntityCtx, schema: TableSchema, sheet: Sheet, header: HeaderInfo, mapping: (string | null)[]): Analysis {
  const run = analyzer(ctx, schema, sheet, header, mapping);
  run.step(Infinity);
  return run.result();
}

/** Rows analysed between two yields: about 20–40 ms of work, so other callers are answered in between. */
export const ROWS_PER_STEP = 2000;

/**
 * The same analysis in steps of ROWS_PER_STEP rows, yielding to the event loop between
 * them (other calls of the core's thread run meanwhile) and reporting rows done / total.
 */
export async function analyzeInSteps(
  ctx: EntityCtx,
  schema: TableSchema,
  sheet: Sheet,
  header: HeaderInfo,
  mapping: (string | null)[],
  progress: (done: number, total: number) => void = () => {},
): Promise<Analysis> {
  const run = analyzer(ctx, schema, sheet, header, mapping);
  progress(0, run.total);
  while (!run.step(ROWS_PER_STEP)) {
    progress(run.done(), run.total);
    await new Promise((r) => setImmediate(r));
  }
  progress(run.total, run.total);
  return run.result();
}

function analyzer(ctx: EntityCtx, schema: TableSchema, sheet: Sheet, header: HeaderInfo, mapping: (string | null)[]) {
  const map = mapping;
  if (map.length !== header.headers.length) throw new ApiError('VALIDATION', '列对应关系与表头不一致，请重新选择工作表');
  const missing = schema.columns.filter((c) => c.required && !map.includes(c.key)).map((c) => `“${c.label}”`);
  if (missing.length) throw new ApiError('VALIDATION', `工作表“${sheet.name}”缺少必填列 ${missing.join('、')}，请在列对应中选择`);
  const headerOf = (key: string) => header.headers[map.indexOf(key)] || schema.columns.find((c) => c.key === key)!.label;

  const seen = new Map<string, { rowNumber: number; values: Record<string, unknown> }>();
  const notes = new Map<string, number[]>();
  const counts: Record<RowStatus, number> = { new: 0, update: 0, unchanged: 0, error: 0 };
  const one = ({ rowNumber, cells }: { rowNumber: number; cells: unknown[] }): AnalyzedRow => {
    const values: Record<string, unknown> = {};
    const errors: AnalyzedRow['errors'] = [];
    const masked: { col: ColumnSpec; error: string }[] = [];
    for (const col of schema.columns) {
      const idx = map.indexOf(col.key);
      const read = readCell(col, idx >= 0 ? cells[idx] : null, ctx.now);
      values[col.key] = read.value;
      if (read.masked) masked.push({ col, error: read.error! });
      else if (read.error) errors.push({ column: headerOf(col.key), message: read.error });
      if (read.note) {
        const what = `“${headerOf(col.key)}”${read.note}`;
        notes.set(what, [...(notes.get(what) ?? []), rowNumber]);
      }
    }
    const keyed = keyedRow(ctx, schema, values, errors, headerOf);
    for (const m of masked) {
      if (!unmask(m.col, values, keyed)) errors.push({ column: headerOf(m.col.key), message: m.error });
    }
    // A personal column left out of the file (people delete the masked phones) keeps what is stored.
    if (keyed) for (const c of schema.columns) if (c.personal && !map.includes(c.key) && c.key in keyed) values[c.key] = keyed[c.key];
    let input: Record<string, unknown> | null = null;
    let existingId: number | null = null;
    let status: RowStatus = 'error';
    if (!errors.length) {
      const resolved = schema.resolve(ctx, values);
      errors.push(...resolved.errors.map((e) => ({ column: headerOf(e.key), message: e.message })));
      // Two rows naming the same 人员编号 are the same row, whatever their other cells say.
      if (keyed) resolved.key = `#${String(keyed.id)}`;
      const first = seen.get(resolved.key);
      if (first !== undefined) errors.push({ column: headerOf(schema.keyColumn ?? schema.columns[0]!.key), message: duplicateMessage(schema, first, values) });
      else seen.set(resolved.key, { rowNumber, values });
      if (!errors.length && resolved.input) {
        input = resolved.input;
        const existing = keyed ?? schema.findExisting(ctx, input);
        existingId = existing ? (existing.id as number) : null;
        status = !existing ? 'new' : schema.compare.every((f) => same(existing[f], input![f])) ? 'unchanged' : 'update';
        for (const c of ctx.scope.all ? [] : (schema.communityOf?.(ctx, input, existing) ?? [])) {
          if (c.communityId !== null && ownCommunity(ctx, c.communityId)) continue;
          errors.push({ column: headerOf(c.key), message: `${c.what}属于其他社区，您只能导入自己负责社区的数据` });
        }
        if (errors.length) {
          input = null;
          existingId = null;
          status = 'error';
        }
      }
    }
    counts[status]++;
    return { rowNumber, cells, values, input, existingId, status, errors };
  };
  const source = dataRows(sheet, header);
  const rows: AnalyzedRow[] = [];
  return {
    total: source.length,
    done: () => rows.length,
    /** Analyses up to n more rows; true when every row is done. */
    step(n: number): boolean {
      const end = Math.min(source.length, rows.length + n);
      while (rows.length < end) rows.push(one(source[rows.length]!));
      return rows.length === source.length;
    },
    result: (): Analysis => ({ sheetName: sheet.name, header, mapping: map, rows, counts, notes: [...notes].map(([what, at]) => `${what}：${rowList(at)}`) }),
  };
}

/** The row a stable key cell names (TableSchema.rowKey), or null; an unknown key is an error on its column. */
function keyedRow(
  ctx: EntityCtx,
  schema: TableSchema,
  values: Record<string, unknown>,
  errors: AnalyzedRow['errors'],
  headerOf: (key: string) => string,
): Record<string, unknown> | null {
  const key = schema.rowKey;
  if (!key || values[key.column] === null || values[key.column] === undefined || errors.some((e) => e.column === headerOf(key.column))) return null;
  const row = key.find(ctx, values[key.column]);
  if (!row) errors.push({ column: headerOf(key.column), message: key.missing });
  return row;
}

/** A masked cell that masks the keyed row's stored value is that value, unchanged; true when it was. */
function unmask(col: ColumnSpec, values: Record<string, unknown>, keyed: Record<string, unknown> | null): boolean {
  const stored = keyed?.[col.key];
  const shown = values[col.key];
  if (!col.personal || typeof stored !== 'string' || typeof shown !== 'string') return false;
  if (MASKERS[col.personal](stored) !== shown.trim().replace(/＊/g, '*')) return false;
  values[col.key] = stored;
  return true;
}

/** "第 2、5、9 行", or the first ten and how many in all. */
const rowList = (at: number[]) => (at.length <= 10 ? `第 ${at.join('、')} 行` : `第 ${at.slice(0, 10).join('、')} 行等共 ${at.length} 行`);

const shown = (v: unknown) => (Array.isArray(v) ? v.join('、') : String(v));

/** Which row came first, and what the two rows disagree on (two phones for one ID number), so the user can choose. */
function duplicateMessage(schema: TableSchema, first: { rowNumber: number; values: Record<string, unknown> }, values: Record<string, unknown>): string {
  const differ = schema.columns.filter((c) => !same(first.values[c.key], values[c.key]));
  const detail = differ.length
    ? `，两行的${differ.map((c) => `“${c.label}”不同（${shown(first.values[c.key] ?? '空')} / ${shown(values[c.key] ?? '空')}）`).join('、')}`
    : '，两行内容相同';
  return `与第 ${first.rowNumber} 行重复（${schema.keyLabel}）${detail}`;
}

const ownCommunity = (ctx: EntityCtx, communityId: number) =>
  !!stmt(ctx.db, 'SELECT 1 FROM user_communities WHERE user_id = ? AND community_id = ?').get(ctx.scope.userId, communityId);

/** "文件 › 工作表 › 第 N 行 › 列：原因", as the error report and the preview show it. */
export const describeError = (fileName: string, sheet: string, row: AnalyzedRow) =>
  row.errors.map((e) => `${fileName} › ${sheet} › 第 ${row.rowNumber} 行 › “${e.column}”：${e.message}`);
