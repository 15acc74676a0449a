import { ProblemCategory, ProblemStatus, Responsible, TargetKind } from '../../../shared/domain/enums';
import { entityCtx, type Handlers } from '../api/types';
import { exportReport } from '../excel/export-report';
import { listProblems } from './problems';

type Row = ReturnType<typeof listProblems>['rows'][number];

/** 问题清单 as a workbook: responsible people's names masked and descriptions hidden unless full. */
export const inspectionExportHandlers: Handlers<'problems.export'> = {
  'problems.export': ({ full, ...filter }, ctx) =>
    exportReport<Row>(
      ctx,
      '问题清单',
      [
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
      ],
      listProblems(ctx.db, { ...filter, page: 1, pageSize: 1_000_000 } as never, entityCtx(ctx).scope, ctx.now()).rows,
      full,
    ),
};
