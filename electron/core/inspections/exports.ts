import type { Handlers } from '../api/types';
import { exportReport } from '../excel/export-report';
import { problemsExport } from './export-job';

/** 问题清单 as a workbook: made by the read job in export-job.ts (db/read-thread.ts). */
export const inspectionExportHandlers: Handlers<'problems.export'> = {
  'problems.export': (input, ctx) =>
    exportReport(ctx, '问题清单', input, 'problems', { module: new URL('./export-job.ts', import.meta.url), fn: 'problemsExport' }, problemsExport),
};
