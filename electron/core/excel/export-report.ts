import { ApiError } from '../../../shared/api/errors';
import { localDay } from '../../../shared/domain/days';
import { can } from '../../../shared/domain/roles';
import type Database from 'better-sqlite3-multiple-ciphers';
import { type Ctx, entityCtx } from '../api/types';
import { type ReadJob, readJobOr, worthAThread } from '../db/read-job-or';
import type { ExportArgs } from './export-rows';
import type { ColumnSpec, TableSchema } from './table-schema';
import { buildExport } from './write-workbook';

/** One column of a list's export: its header, how wide, whether it holds personal data, and its value. */
export interface ReportColumn<Row> {
  label: string;
  width?: number;
  /** Masked (name, phone, ID number) or hidden (text) unless the export is full. */
  personal?: ColumnSpec['personal'];
  /** Numbers stay numbers in Excel; everything else is written as text. */
  number?: boolean;
  value: (row: Row) => string | number | null | undefined;
}

/** What a report's job is given: the list's input (its filters and `full`), whose scope, when, and the sheet's name. */
export interface ReportArgs extends ExportArgs {
  label: string;
}

/** A report's workbook (base64) and its row count. */
export interface ReportFile {
  base64: string;
  rowCount: number;
}

/**
 * A list that is not an import table (台账, 重点人员, 问题清单 …) written through the same
 * workbook engine as the registers' exports: bold frozen header, text cells for IDs and
 * phones, formulas neutralised, personal data masked unless `full`. A feature's read job
 * (its export-job.ts) loads the rows and calls this, on whichever thread it runs.
 */
export async function reportFile<Row>(label: string, columns: ReportColumn<Row>[], rows: Row[], full: boolean): Promise<ReportFile> {
  const schema = {
    name: label,
    label,
    columns: columns.map((c, i) => ({
      key: `c${i}`,
      label: c.label,
      synonyms: [],
      kind: c.number ? 'number' : 'text',
      hint: '',
      example: '',
      width: c.width,
      personal: c.personal,
    })),
    toCells: (row: Record<string, unknown>) => Object.fromEntries(columns.map((c, i) => [`c${i}`, c.value(row as Row) ?? null])),
  } as unknown as TableSchema;
  const base64 = await buildExport(schema, rows as Record<string, unknown>[], full);
  return { base64, rowCount: rows.length };
}

/**
 * A report's 导出 as the call serves it: `full` needs personal:unmask (the call is logged as
 * an export by call()); the file is made by `make`, the job's own function, on a thread of
 * its own (db/read-thread.ts) once `table` holds thousands of rows, else on the core's.
 */
export async function exportReport(
  ctx: Ctx,
  label: string,
  input: { full?: boolean; [filter: string]: unknown },
  table: string,
  job: ReadJob,
  make: (db: Database.Database, args: ReportArgs) => Promise<ReportFile>,
): Promise<{ fileName: string; base64: string; rowCount: number }> {
  if (input.full && !(ctx.user && can(ctx.user.role, 'personal:unmask'))) throw new ApiError('FORBIDDEN', '当前角色无权导出完整的个人信息');
  const args: ReportArgs = { label, input, scope: entityCtx(ctx).scope, nowMs: ctx.now().getTime() };
  const made = await readJobOr(ctx.db, worthAThread(ctx.db, table), job, args, make);
  return { fileName: `${label}-${localDay(ctx.now())}.xlsx`, ...made };
}
