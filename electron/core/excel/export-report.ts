import { ApiError } from '../../../shared/api/errors';
import { localDay } from '../../../shared/domain/days';
import { can, type Role } from '../../../shared/domain/roles';
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

/**
 * A list that is not an import table (台账, 重点人员, 问题清单 …) written through the same
 * workbook engine as the registers' exports: bold frozen header, text cells for IDs and
 * phones, formulas neutralised, personal data masked unless `full` (which needs
 * personal:unmask; the call is logged as an export by call()).
 */
export async function exportReport<Row>(
  ctx: { user: { role: Role } | null; now: () => Date },
  label: string,
  columns: ReportColumn<Row>[],
  rows: Row[],
  full = false,
): Promise<{ fileName: string; base64: string; rowCount: number }> {
  if (full && !(ctx.user && can(ctx.user.role, 'personal:unmask'))) throw new ApiError('FORBIDDEN', '当前角色无权导出完整的个人信息');
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
  return { fileName: `${label}-${localDay(ctx.now())}.xlsx`, base64, rowCount: rows.length };
}
