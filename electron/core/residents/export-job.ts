import type Database from 'better-sqlite3-multiple-ciphers';
import { KeyCategory, KeyStatus, Measure } from '../../../shared/api/key-persons';
import { type ExportArgs, exportRowsOf } from '../excel/export-rows';
import { type ReportArgs, type ReportColumn, reportFile } from '../excel/export-report';
import { residentsTable } from './excel-table';
import { listKeyPersons } from './key-persons';
import { dailyCounts } from './registrations';
import { residentsDef } from './residents';
import { testCounts, type TestCount } from './test-counts';

/**
 * The residents' exports as read jobs (db/read-thread.ts): run on a read-only connection in
 * a thread of their own once the list is big (140,000 residents take seconds to write into a
 * workbook), or by the core itself; either way the same function makes the same file.
 */

type Db = Database.Database;
type KeyRow = ReturnType<typeof listKeyPersons>['rows'][number];
type CountRow = ReturnType<typeof dailyCounts>[number];
const TEAM = ['社区干部', '网格员', '医生', '民警', '党员志愿者'];

export const residentsExport = (db: Db, args: ExportArgs) => exportRowsOf(residentsDef, residentsTable, db, args);

const keyPersonColumns: ReportColumn<KeyRow>[] = [
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
];

/** 重点人员 as the list shows them with its filters; masked unless full. */
export function keyPersonsExport(db: Db, { label, input, scope }: ReportArgs) {
  const { full, ...filter } = input;
  return reportFile(label, keyPersonColumns, listKeyPersons(db, { ...filter, page: 1, pageSize: 1_000_000 }, scope).rows, !!full);
}

const gateCountColumns: ReportColumn<CountRow>[] = [
  { label: '卡点', width: 24, value: (r) => r.checkpointName },
  { label: '通行人员', width: 10, number: true, value: (r) => r.people },
  { label: '车辆', width: 10, number: true, value: (r) => r.vehicles },
  { label: '体温异常', width: 10, number: true, value: (r) => r.abnormal },
  { label: '劝返', width: 10, number: true, value: (r) => r.refused },
];

/** 卡点通行统计 of one day (`input.day`), per checkpoint in the caller's communities. */
export const gateCountsExport = (db: Db, { label, input, scope }: ReportArgs) =>
  reportFile(label, gateCountColumns, dailyCounts(db, input.day as string, scope), false);

const testCountColumns: ReportColumn<TestCount>[] = [
  { label: '社区', width: 14, value: (r) => r.communityName },
  { label: '小区', width: 20, value: (r) => r.compoundName },
  { label: '应检人数', width: 10, number: true, value: (r) => r.due },
  { label: '已检人数', width: 10, number: true, value: (r) => r.tested },
  { label: '检测率', width: 10, value: (r) => (r.due ? `${((r.tested / r.due) * 100).toFixed(1)}%` : '—') },
];

/** 核酸检测 counts of one round (`input.id`) per compound: counts only. */
export const testsExport = (db: Db, { label, input, scope }: ReportArgs) =>
  reportFile(label, testCountColumns, testCounts(db, scope, input.id as number), false);
