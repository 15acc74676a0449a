import type Database from 'better-sqlite3-multiple-ciphers';
import { type ExportArgs, exportRowsOf } from '../excel/export-rows';
import { residentsTable } from './excel-table';
import { residentsDef } from './residents';

/** 居民 导出 as a read job (db/read-thread.ts): 140,000 rows take seconds to write into a workbook. */
export const residentsExport = (db: Database.Database, args: ExportArgs) => exportRowsOf(residentsDef, residentsTable, db, args);
