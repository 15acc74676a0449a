import { z } from 'zod';
import { method } from './contract';
import { Day, DeleteInput, Id, lat, ListQuery, listResult, lng, name, Ok, optionalText, phone, Reveal, Timestamps } from './common';
import { InspectionKind, InspectionSlot, PremisesKind, PremisesStatus, ProblemCategory, ProblemStatus, Responsible, TargetKind } from '../domain/enums';

/** 督查整改: business premises, checklists, inspections and the problems they find (消杀 is in disinfection.ts). */

const optionalDay = Day.nullish().transform((v) => v ?? null);
const File = z.object({ fileName: z.string(), base64: z.string() });

// ---- premises (经营场所)
export const PremisesFields = z.object({
  name: name('场所名称'),
  kind: z.enum(PremisesKind.values, { error: '请选择场所类型' }),
  communityId: Id,
  gridId: Id.nullish().transform((v) => v ?? null),
  address: optionalText('地址', 100),
  lng: lng.nullish().transform((v) => v ?? null),
  lat: lat.nullish().transform((v) => v ?? null),
  manager: optionalText('负责人', 20),
  phone,
  pledgeDate: optionalDay,
  codePosted: z.boolean().default(false),
  codeCheckedOn: optionalDay,
  status: z.enum(PremisesStatus.values).default('open'),
  note: optionalText('备注'),
});
export const Premises = PremisesFields.extend({
  id: Id,
  /** The photographed 四方责任书, if one was added (photos.get). */
  pledgeScanId: Id.nullable(),
  communityName: z.string(),
  gridName: z.string().nullable(),
  openProblems: z.number().int(),
  ...Timestamps,
});

// ---- checklists: a versioned template per target kind; an inspection keeps the version it used
export const ChecklistItem = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,30}$/, '检查项编码无效'),
  label: name('检查项', 30),
  category: z.enum(ProblemCategory.values),
});
export const Checklist = z.object({
  id: Id,
  targetKind: z.enum(TargetKind.values),
  version: z.number().int(),
  items: z.array(ChecklistItem),
  createdBy: z.string(),
  createdAt: z.string(),
});

// ---- photos: downscaled in the browser, stored in the database (encrypted and backed up with it)
export const MAX_PHOTO_BYTES = 1_500_000;
export const PhotoUpload = z
  .string()
  .min(1, '照片为空')
  .max(Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 4, '照片过大（压缩后应小于 1.5 MB），请重新拍照或选择较小的图片');

// ---- inspections and problems
const Failure = z.object({
  itemKey: z.string(),
  description: optionalText('问题描述', 300),
  photos: z.array(PhotoUpload).max(4, '每个问题最多 4 张照片').default([]),
});
export const InspectionInput = z.object({
  day: Day,
  slot: z.enum(InspectionSlot.values),
  kind: z.enum(InspectionKind.values).default('routine'),
  memberIds: z.array(Id).min(1, '请选择督查人员'),
  note: optionalText('备注', 300),
  targets: z
    .array(
      z.object({
        targetKind: z.enum(TargetKind.values),
        targetId: Id,
        failures: z.array(Failure).default([]),
        note: optionalText('备注', 300),
      }),
    )
    .min(1, '请至少检查一处'),
});

export const InspectionRow = z.object({
  id: Id,
  day: Day,
  slot: z.enum(InspectionSlot.values),
  kind: z.enum(InspectionKind.values),
  members: z.array(z.string()),
  targets: z.array(
    z.object({ targetKind: z.enum(TargetKind.values), targetId: Id, name: z.string(), failed: z.array(z.string()), templateVersion: z.number().int() }),
  ),
  problems: z.number().int(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});

export const Problem = z.object({
  id: Id,
  inspectionId: Id,
  targetKind: z.enum(TargetKind.values),
  targetId: Id,
  targetName: z.string(),
  communityName: z.string().nullable(),
  category: z.enum(ProblemCategory.values),
  item: z.string(),
  description: z.string().nullable(),
  responsibleKind: z.enum(Responsible.values),
  responsibleName: z.string().nullable(),
  responsibleUser: z.string().nullable(),
  deadline: Day,
  status: z.enum(ProblemStatus.values),
  foundOn: Day,
  fixedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  photos: z.array(Id),
});
export const ProblemEvent = z.object({
  ts: z.string(),
  username: z.string(),
  action: z.enum(['create', 'fix', 'recheckPass', 'recheckFail', 'reassign', 'extend']),
  note: z.string().nullable(),
  photos: z.array(Id),
});

export const ProblemFilter = ListQuery.extend({
  status: z.enum(ProblemStatus.values).optional(),
  category: z.enum(ProblemCategory.values).optional(),
  communityId: Id.optional(),
  targetKind: z.enum(TargetKind.values).optional(),
  targetId: Id.optional(),
});

export const Report = z.object({
  from: Day,
  to: Day,
  inspections: z.number().int(),
  targets: z.number().int(),
  problems: z.number().int(),
  byCategory: z.array(z.object({ key: z.string(), label: z.string(), found: z.number().int(), closed: z.number().int() })),
  byCommunity: z.array(z.object({ label: z.string(), found: z.number().int(), closed: z.number().int() })),
  byTargetKind: z.array(z.object({ key: z.string(), label: z.string(), found: z.number().int(), closed: z.number().int() })),
  fixedOnTime: z.number().int(),
  fixedLate: z.number().int(),
  overdue: z.array(z.object({ id: Id, targetName: z.string(), item: z.string(), deadline: Day, responsible: z.string(), daysOver: z.number().int() })),
});

const w = 'inspections:write' as const;
const r = 'inspections:read' as const;

export const inspections = {
  'premises.list': method({
    scope: { refs: { communityId: 'community' }, rows: true },
    names: ['rows.manager'],
    summary: '经营场所列表',
    perm: r,
    write: false,
    input: ListQuery.extend({
      kind: z.enum(PremisesKind.values).optional(),
      communityId: Id.optional(),
      status: z.enum(PremisesStatus.values).optional(),
      reveal: Reveal.optional(),
    }),
    output: listResult(Premises),
    personal: true,
  }),
  'premises.create': method({
    scope: { refs: { communityId: 'community' } },
    names: ['manager'],
    summary: '登记经营场所',
    perm: w,
    write: 'tx',
    input: PremisesFields,
    output: Premises,
    personal: true,
  }),
  'premises.update': method({
    scope: { refs: { id: 'premises', communityId: 'community' } },
    names: ['manager'],
    summary: '修改经营场所',
    perm: w,
    write: 'tx',
    input: PremisesFields.extend({ id: Id }),
    output: Premises,
    personal: true,
  }),
  'premises.setPledgeScan': method({
    scope: { refs: { id: 'premises' } },
    summary: '上传或删除四方责任书照片',
    perm: w,
    write: 'tx',
    maxBodyBytes: 5 * 1024 * 1024,
    input: z.object({ id: Id, photo: PhotoUpload.nullable() }),
    output: Premises,
    personal: true,
  }),
  'premises.delete': method({
    scope: { refs: { id: 'premises' } },
    summary: '删除经营场所（有督查问题的不能删除）',
    perm: w,
    write: 'tx',
    input: DeleteInput,
    output: Ok,
  }),
  'premises.export': method({
    audit: 'export',
    scope: { refs: { communityId: 'community' }, rows: true },
    summary: '按当前筛选导出经营场所（电话默认脱敏）',
    perm: r,
    write: 'self',
    personal: true,
    input: ListQuery.omit({ page: true, pageSize: true }).extend({
      kind: z.enum(PremisesKind.values).optional(),
      communityId: Id.optional(),
      status: z.enum(PremisesStatus.values).optional(),
      full: z.boolean().default(false),
    }),
    output: File.extend({ rowCount: z.number().int() }),
  }),

  'checklists.current': method({ scope: 'office', summary: '各类检查表的当前版本', perm: r, write: false, input: z.object({}), output: z.array(Checklist) }),
  'checklists.save': method({
    scope: 'office',
    summary: '修改检查表（保存为新版本，已有督查记录仍按原版本）',
    perm: w,
    write: 'tx',
    input: z.object({ targetKind: z.enum(TargetKind.values), items: z.array(ChecklistItem).min(1, '检查表至少一项').max(30) }),
    output: Checklist,
  }),

  'inspections.create': method({
    scope: { refs: { memberIds: 'person', 'targets.targetId': { kindFrom: 'targetKind' } } },
    names: ['members'],
    notes: ['note', 'targets.note', 'targets.failures.description'],
    summary: '登记一次督查：检查的点位和不合格项（不合格项生成问题）',
    perm: w,
    write: 'tx',
    maxBodyBytes: 30 * 1024 * 1024,
    input: InspectionInput,
    output: InspectionRow,
  }),
  'inspections.list': method({
    scope: 'rows',
    names: ['rows.members'],
    notes: ['rows.note'],
    summary: '督查记录',
    perm: r,
    write: false,
    input: z.object({
      from: Day.optional(),
      to: Day.optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(200).default(20),
    }),
    output: listResult(InspectionRow),
  }),
  'inspections.targets': method({
    scope: 'rows',
    summary: '可督查的点位（卡点、小区、经营场所），按名称或拼音首字母搜索',
    perm: r,
    write: false,
    input: z.object({ targetKind: z.enum(TargetKind.values), q: z.string().trim().max(30).optional() }),
    output: z.array(z.object({ id: Id, name: z.string(), communityName: z.string().nullable() })),
  }),

  'problems.list': method({
    scope: { refs: { communityId: 'community', targetId: { kindFrom: 'targetKind' } }, rows: true },
    names: ['rows.responsibleName'],
    notes: ['rows.description'],
    summary: '问题清单',
    perm: r,
    write: false,
    input: ProblemFilter,
    output: listResult(Problem),
  }),
  'problems.get': method({
    scope: { refs: { id: 'problem' } },
    names: ['responsibleName'],
    notes: ['description', 'history.note'],
    summary: '问题详情与全部处理记录',
    perm: r,
    write: false,
    input: z.object({ id: Id }),
    output: Problem.extend({ history: z.array(ProblemEvent) }),
  }),
  'problems.fix': method({
    scope: { refs: { id: 'problem' } },
    names: ['responsibleName'],
    notes: ['description', 'note'],
    summary: '报告已整改（等待复查）',
    perm: w,
    write: 'tx',
    maxBodyBytes: 10 * 1024 * 1024,
    input: z.object({ id: Id, note: name('整改情况', 300), photos: z.array(PhotoUpload).max(4).default([]) }),
    output: Problem,
  }),
  'problems.recheck': method({
    scope: { refs: { id: 'problem' } },
    names: ['responsibleName'],
    notes: ['description', 'note'],
    summary: '复查：通过则销号，不通过退回整改（复查人不能是责任人或整改报告人）',
    perm: w,
    write: 'tx',
    maxBodyBytes: 10 * 1024 * 1024,
    input: z.object({ id: Id, passed: z.boolean(), note: name('复查意见', 300), photos: z.array(PhotoUpload).max(4).default([]) }),
    output: Problem,
  }),
  'problems.reassign': method({
    scope: { refs: { ids: 'problem' } },
    names: ['responsibleName'],
    summary: '批量改派责任方',
    perm: w,
    write: 'tx',
    input: z.object({
      ids: z.array(Id).min(1).max(500),
      responsibleKind: z.enum(Responsible.values),
      responsibleName: optionalText('责任人', 30),
      responsibleUser: optionalText('责任人账号', 40),
      reason: name('原因', 200),
    }),
    output: z.object({ changed: z.number().int() }),
  }),
  'problems.extend': method({
    scope: { refs: { ids: 'problem' } },
    summary: '批量延期（需说明原因）',
    perm: w,
    write: 'tx',
    input: z.object({ ids: z.array(Id).min(1).max(500), deadline: Day, reason: name('原因', 200) }),
    output: z.object({ changed: z.number().int() }),
  }),
  'problems.notice': method({
    scope: { refs: { targetId: { kindFrom: 'targetKind' } } },
    names: ['responsible', 'problems.responsibleName'],
    notes: ['problems.description'],
    summary: '整改通知书：一个点位的未销号问题',
    perm: r,
    write: false,
    input: z.object({ targetKind: z.enum(TargetKind.values), targetId: Id }),
    output: z.object({ targetName: z.string(), communityName: z.string().nullable(), responsible: z.string().nullable(), problems: z.array(Problem) }),
  }),
  'inspections.report': method({
    scope: 'office',
    names: ['overdue.responsible'],
    summary: '督查通报：一段时间的问题分类、整改与逾期',
    perm: r,
    write: false,
    input: z.object({ from: Day, to: Day }),
    output: Report,
  }),
  'photos.get': method({
    scope: 'rows',
    summary: '一张照片',
    audit: 'export',
    perm: r,
    write: false,
    input: z.object({ id: Id }),
    output: z.object({ mime: z.string(), base64: z.string(), width: z.number().int(), height: z.number().int() }),
  }),
};

export type ProblemData = z.output<typeof Problem>;
