import { ApiError } from '../../../shared/api/errors';
import { can } from '../../../shared/domain/roles';
import { type Ctx, entityCtx } from '../api/types';
import { type EntityDef, listRows } from '../kernel/entity';
import type { TableSchema } from './table-schema';
import { buildExport } from './write-workbook';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** A list export's input: the list's filters and sort, and whether to write personal fields unmasked. */
export type ExportListInput = { order?: 'asc' | 'desc'; full?: boolean; [filter: string]: unknown };

/**
 * What a list shows, written by the table's import schema (masked unless `full` and the
 * role may unmask). Each feature serves its own registers' exports with it.
 */
export async function exportList<F extends object, R>(def: EntityDef<F, R>, schema: TableSchema, ctx: Ctx, input: ExportListInput) {
  if (input.full && !(ctx.user && can(ctx.user.role, 'personal:unmask'))) throw new ApiError('FORBIDDEN', '当前角色无权导出完整的个人信息');
  const { rows } = listRows(entityCtx(ctx), def, { ...input, page: 1, pageSize: 200_000, order: input.order ?? 'asc' });
  const base64 = await buildExport(schema, rows as Record<string, unknown>[], !!input.full);
  return { fileName: `${schema.label}-${day(ctx.now())}.xlsx`, base64, rowCount: rows.length };
}
