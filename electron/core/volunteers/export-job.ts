import type Database from 'better-sqlite3-multiple-ciphers';
import { type ExportArgs, exportRowsOf } from '../excel/export-rows';
import { peopleTable } from './excel-tables';
import { people } from './registers';

/** 人员 导出 as a read job (db/read-thread.ts): made on a thread of its own once the roster of people is big, else by the core. */
export const peopleExport = (db: Database.Database, args: ExportArgs) => exportRowsOf(people, peopleTable, db, args);
