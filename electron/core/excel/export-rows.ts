import type Database from 'better-sqlite3-multiple-ciphers';
import { type EntityDef, listRows, type Scope } from '../kernel/entity';
import type { TableSchema } from './table-schema';
import { buildExport } from './write-workbook';

/** What an export job is given: the list's input, and whose scope it is read in. */
export interface ExportArgs {
  input: Record<string, unknown>;
  scope: Scope;
  nowMs: number;
}

/** A list's rows as an export workbook (base64) and their count: the same on the core's thread or a read job's. */
export async function exportRowsOf<F extends object, R>(def: EntityDef<F, R>, schema: TableSchema, db: Database.Database, args: ExportArgs) {
  const { input, scope, nowMs } = args;
  const { rows } = listRows({ db, scope, now: new Date(nowMs) }, def, {
    ...input,
    page: 1,
    pageSize: 200_000,
    order: (input.order as 'asc' | 'desc') ?? 'asc',
  });
  const base64 = await buildExport(schema, rows as Record<string, unknown>[], !!input.full);
  return { base64, rowCount: rows.length };
}
