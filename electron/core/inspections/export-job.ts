import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { ProblemFilter } from '../../../shared/api/inspections';
import { ProblemCategory, ProblemStatus, Responsible, TargetKind } from '../../../shared/domain/enums';
import { type ExportArgs, exportRowsOf } from '../excel/export-rows';
import { type ReportArgs, type ReportColumn, reportFile } from '../excel/export-report';
import { premisesTable } from './excel-table';
import { premises } from './premises';
import { listProblems } from './problems';

/**
 * 问题清单 and the 场所 register as read jobs (db/read-thread.ts): made on a thread of their
 * own once the list is big, else by the core; the same function makes the same file.
 */

type Db = Database.Database;
type Row = ReturnType<typeof listProblems>['rows'][number];

export const premisesExport = (db: Db, args: ExportArgs) => exportRowsOf(premises, premisesTable, db, args);

const problemColumns: ReportColumn<Row>[] = [
  { label: '状态', width: 12, value: (r) => ProblemStatus.labels[r.status as keyof typeof ProblemStatus.labels] },
  { label: '点位类型', width: 10, value: (r) => TargetKind.labels[r.targetKind as keyof typeof TargetKind.labels] },
  { label: '点位', width: 22, value: (r) => r.targetName },
  { label: '社区', width: 12, value: (r) => r.communityName },
  { label: '检查项', width: 16, value: (r) => r.item },
  { label: '问题描述', width: 30, personal: 'text', value: (r) => r.description },
  { label: '类别', width: 10, value: (r) => ProblemCategory.labels[r.category as keyof typeof ProblemCategory.labels] },
  { label: '责任方', width: 10, value: (r) => Responsible.labels[r.responsibleKind as keyof typeof Responsible.labels] },
  { label: '责任单位或责任人', width: 16, personal: 'name', value: (r) => r.responsibleName },
  { label: '发现日期', width: 12, value: (r) => r.foundOn },
  { label: '整改期限', width: 12, value: (r) => r.deadline },
];

/** 问题清单 with the list's filters: responsible people's names masked and descriptions hidden unless full. */
export function problemsExport(db: Db, { label, input, scope, nowMs }: ReportArgs) {
  const { full, ...filter } = input;
  const f = { ...filter, page: 1, pageSize: 1_000_000 } as z.output<typeof ProblemFilter>;
  return reportFile(label, problemColumns, listProblems(db, f, scope, new Date(nowMs)).rows, !!full);
}
