import { ApiError } from '../../../shared/api/errors';
import type { Handlers } from '../api/types';
import { stmt } from '../db/statements';
import { exportReport } from '../excel/export-report';
import { gateCountsExport, keyPersonsExport, testsExport } from './export-job';

/** The read job's module: each export names its function there (db/read-thread.ts). */
const JOB = new URL('./export-job.ts', import.meta.url);

/** 重点人员 (masked unless full), 卡点通行统计 and 核酸检测 counts (counts only) as workbooks, scoped like their lists. */
export const residentExportHandlers: Handlers<'keyPersons.export' | 'gateCounts.export' | 'tests.export'> = {
  'keyPersons.export': (input, ctx) => exportReport(ctx, '重点人员', input, 'key_persons', { module: JOB, fn: 'keyPersonsExport' }, keyPersonsExport),
  'gateCounts.export': (input, ctx) =>
    exportReport(ctx, `卡点通行统计${input.day}`, input, 'checkpoints', { module: JOB, fn: 'gateCountsExport' }, gateCountsExport),
  'tests.export': (input, ctx) => {
    const round = stmt(ctx.db, 'SELECT name, day FROM test_rounds WHERE id = ?').get(input.id) as { name: string; day: string } | undefined;
    if (!round) throw new ApiError('NOT_FOUND', '没有这个检测轮次');
    return exportReport(ctx, `核酸检测${round.day}${round.name}`, input, 'test_counts', { module: JOB, fn: 'testsExport' }, testsExport);
  },
};
