import { ApiError } from '../../../shared/api/errors';
import type { EntityCtx } from '../places/entity';
import { stmt } from '../db/statements';
import { dataRows, type HeaderInfo } from './header';
import { readCell } from './read-cell';
import type { Sheet } from './read-workbook';
import type { TableSchema } from './table-schema';

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
  const map = mapping;
  if (map.length !== header.headers.length) throw new ApiError('VALIDATION', '列对应关系与表头不一致，请重新选择工作表');
  const missing = schema.columns.filter((c) => c.required && !map.includes(c.key)).map((c) => `“${c.label}”`);
  if (missing.length) throw new ApiError('VALIDATION', `工作表“${sheet.name}”缺少必填列 ${missing.join('、')}，请在列对应中选择`);
  const headerOf = (key: string) => header.headers[map.indexOf(key)] || schema.columns.find((c) => c.key === key)!.label;

  const seen = new Map<string, number>();
  const counts: Record<RowStatus, number> = { new: 0, update: 0, unchanged: 0, error: 0 };
  const rows = dataRows(sheet, header).map(({ rowNumber, cells }): AnalyzedRow => {
    const values: Record<string, unknown> = {};
    const errors: AnalyzedRow['errors'] = [];
    for (const col of schema.columns) {
      const idx = map.indexOf(col.key);
      const read = readCell(col, idx >= 0 ? cells[idx] : null);
      values[col.key] = read.value;
      if (read.error) errors.push({ column: headerOf(col.key), message: read.error });
    }
    let input: Record<string, unknown> | null = null;
    let existingId: number | null = null;
    let status: RowStatus = 'error';
    if (!errors.length) {
      const resolved = schema.resolve(ctx, values);
      errors.push(...resolved.errors.map((e) => ({ column: headerOf(e.key), message: e.message })));
      const first = seen.get(resolved.key);
      if (first !== undefined) errors.push({ column: headerOf(schema.columns[0]!.key), message: `与第 ${first} 行重复（${schema.keyLabel}）` });
      else seen.set(resolved.key, rowNumber);
      if (!errors.length && resolved.input) {
        input = resolved.input;
        const existing = schema.findExisting(ctx, input);
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
  });
  return { sheetName: sheet.name, header, mapping: map, rows, counts };
}

const ownCommunity = (ctx: EntityCtx, communityId: number) =>
  !!stmt(ctx.db, 'SELECT 1 FROM user_communities WHERE user_id = ? AND community_id = ?').get(ctx.scope.userId, communityId);

/** "文件 › 工作表 › 第 N 行 › 列：原因", as the error report and the preview show it. */
export const describeError = (fileName: string, sheet: string, row: AnalyzedRow) =>
  row.errors.map((e) => `${fileName} › ${sheet} › 第 ${row.rowNumber} 行 › “${e.column}”：${e.message}`);
