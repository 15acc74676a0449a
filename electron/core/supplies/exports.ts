import type { Handlers } from '../api/types';
import { exportReport } from '../excel/export-report';
import { stockExport, stockMovesExport } from './export-job';

/** The read job's module: each export names its function there (db/read-thread.ts). */
const JOB = new URL('./export-job.ts', import.meta.url);

/** 出入库台账 and 库存总览 as workbooks: what the pages show, no personal data in either. */
export const supplyExportHandlers: Handlers<'stockMoves.export' | 'stock.export'> = {
  'stockMoves.export': (input, ctx) => exportReport(ctx, '出入库台账', input, 'stock_moves', { module: JOB, fn: 'stockMovesExport' }, stockMovesExport),
  'stock.export': (input, ctx) => exportReport(ctx, '库存总览', input, 'stock_moves', { module: JOB, fn: 'stockExport' }, stockExport),
};
