import { ApiError } from '../../../shared/api/errors';
import { can } from '../../../shared/domain/roles';
import { type Ctx, entityCtx } from '../api/types';
import { type ReadJob, readJobOr, worthAThread } from '../db/read-job-or';
import type { EntityDef } from '../kernel/entity';
import { type ExportArgs, exportRowsOf } from './export-rows';
import type { TableSchema } from './table-schema';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** A list export's input: the list's filters and sort, and whether to write personal fields unmasked. */
export type ExportListInput = { order?: 'asc' | 'desc'; full?: boolean; [filter: string]: unknown };

/** A read job (db/read-thread.ts) that makes the same export off the core's thread: its module and function. */
export type ExportJob = ReadJob;

/**
 * What a list shows, written by the table's import schema (masked unless `full` and the
 * role may unmask). Each feature serves its own registers' exports with it; a register
 * that can grow big names a read job, and once its table holds thousands of rows the
 * workbook is written on a thread of its own.
 */
export async function exportList<F extends object, R>(def: EntityDef<F, R>, schema: TableSchema, ctx: Ctx, input: ExportListInput, job?: ExportJob) {
  if (input.full && !(ctx.user && can(ctx.user.role, 'personal:unmask'))) throw new ApiError('FORBIDDEN', '当前角色无权导出完整的个人信息');
  const args: ExportArgs = { input, scope: entityCtx(ctx).scope, nowMs: ctx.now().getTime() };
  const here = (db: typeof ctx.db, a: ExportArgs) => exportRowsOf(def, schema, db, a);
  const made = job ? await readJobOr(ctx.db, worthAThread(ctx.db, def.table), job, args, here) : await here(ctx.db, args);
  return { fileName: `${schema.label}-${day(ctx.now())}.xlsx`, ...made };
}
