import { ApiError } from '../../../shared/api/errors';
import { KeyCategory, KeyStatus, Measure } from '../../../shared/api/key-persons';
import { entityCtx, type Handlers } from '../api/types';
import { stmt } from '../db/statements';
import { exportReport } from '../excel/export-report';
import { listKeyPersons } from './key-persons';
import { dailyCounts } from './registrations';
import { testCounts, type TestCount } from './test-counts';

type KeyRow = ReturnType<typeof listKeyPersons>['rows'][number];
type CountRow = ReturnType<typeof dailyCounts>[number];
const TEAM = ['社区干部', '网格员', '医生', '民警', '党员志愿者'];

/** 重点人员 (masked unless full), 卡点通行统计 and 核酸检测 counts (counts only) as workbooks, scoped like their lists. */
export const residentExportHandlers: Handlers<'keyPersons.export' | 'gateCounts.export' | 'tests.export'> = {
  'keyPersons.export': ({ full, ...filter }, ctx) =>
    exportReport<KeyRow>(
      ctx,
      '重点人员',
      [
        { label: '姓名', width: 10, personal: 'name', value: (r) => r.name },
        { label: '身份证号', width: 22, personal: 'idNumber', value: (r) => r.idNumber },
        { label: '手机号', width: 14, personal: 'phone', value: (r) => r.phone },
        { label: '小区', width: 16, value: (r) => r.compoundName },
        { label: '类别', width: 16, value: (r) => KeyCategory[r.category as keyof typeof KeyCategory] },
        { label: '来源地', width: 10, value: (r) => r.origin },
        { label: '到达日期', width: 12, value: (r) => r.arrivalDate },
        { label: '管控措施', width: 12, value: (r) => Measure[r.measure as keyof typeof Measure] },
        { label: '开始日期', width: 12, value: (r) => r.startDate },
        { label: '结束日期', width: 12, value: (r) => r.endDate },
        { label: '状态', width: 10, value: (r) => KeyStatus[r.status as keyof typeof KeyStatus] },
        ...TEAM.map((label, i) => ({ label, width: 10, personal: 'name' as const, value: (r: KeyRow) => r.team[i] ?? null })),
      ],
      listKeyPersons(ctx.db, { ...filter, page: 1, pageSize: 1_000_000 }, entityCtx(ctx).scope).rows,
      full,
    ),
  'gateCounts.export': ({ day }, ctx) =>
    exportReport<CountRow>(
      ctx,
      `卡点通行统计${day}`,
      [
        { label: '卡点', width: 24, value: (r) => r.checkpointName },
        { label: '通行人员', width: 10, number: true, value: (r) => r.people },
        { label: '车辆', width: 10, number: true, value: (r) => r.vehicles },
        { label: '体温异常', width: 10, number: true, value: (r) => r.abnormal },
        { label: '劝返', width: 10, number: true, value: (r) => r.refused },
      ],
      dailyCounts(ctx.db, day, entityCtx(ctx).scope),
    ),
  'tests.export': ({ id }, ctx) => {
    const round = stmt(ctx.db, 'SELECT name, day FROM test_rounds WHERE id = ?').get(id) as { name: string; day: string } | undefined;
    if (!round) throw new ApiError('NOT_FOUND', '没有这个检测轮次');
    return exportReport<TestCount>(
      ctx,
      `核酸检测${round.day}${round.name}`,
      [
        { label: '社区', width: 14, value: (r) => r.communityName },
        { label: '小区', width: 20, value: (r) => r.compoundName },
        { label: '应检人数', width: 10, number: true, value: (r) => r.due },
        { label: '已检人数', width: 10, number: true, value: (r) => r.tested },
        { label: '检测率', width: 10, value: (r) => (r.due ? `${((r.tested / r.due) * 100).toFixed(1)}%` : '—') },
      ],
      testCounts(ctx, id),
    );
  },
};
