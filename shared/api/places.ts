import { z } from 'zod';
import { method } from './contract';
import { count, DeleteInput, Id, lat, ListQuery, listResult, lng, name, Ok, optionalText, phone, Reveal, Timestamps } from './common';
import { CheckpointHours, CheckpointKind, CheckpointStatus, CommunityKind, ControlLevel, ManagementType } from '../domain/enums';

/** Territory: communities, grid areas, compounds (小区) and checkpoints (卡点). */

// ---- communities (社区/村/居委会)
export const CommunityFields = z.object({
  name: name('社区名称', 40),
  kind: z.enum(CommunityKind.values, { error: '请选择类型（社区/村/居委会）' }),
  secretary: optionalText('负责人', 20),
  phone,
  note: optionalText('备注'),
});
export const Community = CommunityFields.extend({
  id: Id,
  compoundCount: z.number().int(),
  population: z.number().int(),
  ...Timestamps,
});

// ---- grid areas (片区/网格): the street is split into areas, each led by an official
export const GridFields = z.object({
  name: name('片区名称', 40),
  leader: optionalText('片区长', 20),
  leaderPhone: phone,
  note: optionalText('备注'),
});
export const Grid = GridFields.extend({ id: Id, compoundCount: z.number().int(), ...Timestamps });

// ---- compounds (小区/楼院)
/** GeoJSON Polygon in WGS-84, outer ring first; validated loosely here, strictly on import. */
export const PolygonGeometry = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(z.tuple([lng, lat])).min(4, '边界至少需要 3 个点')).min(1, '边界不能为空'),
});

export const CompoundFields = z.object({
  name: name('小区名称'),
  communityId: Id.describe('所属社区'),
  gridId: Id.nullish().transform((v) => v ?? null),
  managementType: z.enum(ManagementType.values, { error: '请选择管理类型（物业/自管/三不管）' }),
  propertyCompany: optionalText('物业公司', 60),
  buildings: count('楼栋数'),
  households: count('户数'),
  population: count('人口'),
  controlLevel: z.enum(ControlLevel.values, { error: '请选择管控等级' }).default('normal'),
  lng: lng.nullish().transform((v) => v ?? null),
  lat: lat.nullish().transform((v) => v ?? null),
  boundary: PolygonGeometry.nullish().transform((v) => v ?? null),
});
export const Compound = CompoundFields.extend({
  id: Id,
  communityName: z.string(),
  gridName: z.string().nullable(),
  checkpointCount: z.number().int(),
  ...Timestamps,
});

/** 封控 and other changes of level: when it took effect (default now; today only) and why. */
export const LevelChange = z.object({
  id: Id,
  level: z.enum(ControlLevel.values, { error: '请选择管控等级' }),
  at: z.iso
    .datetime({ offset: true, error: '生效时间格式不正确' })
    .nullish()
    .transform((v) => v ?? null),
  reason: z.string({ error: '请填写原因' }).trim().min(1, '请填写原因').max(200, '原因最多 200 字'),
});

// ---- checkpoints (卡点)
export const CheckpointFields = z.object({
  name: name('卡点名称'),
  kind: z.enum(CheckpointKind.values, { error: '请选择卡点类型' }),
  /** A gate belongs to a compound; a road or village checkpoint only to a community. */
  compoundId: Id.nullish().transform((v) => v ?? null),
  communityId: Id.nullish().transform((v) => v ?? null),
  lng: lng.nullish().transform((v) => v ?? null),
  lat: lat.nullish().transform((v) => v ?? null),
  hours: z.enum(CheckpointHours.values, { error: '请选择值守时段' }).default('allDay'),
  staffPerShift: count('每班人数').min(1, '每班人数至少为 1').max(50, '每班人数不能超过 50'),
  status: z.enum(CheckpointStatus.values, { error: '请选择状态' }).default('active'),
  note: optionalText('备注'),
});
export const Checkpoint = CheckpointFields.extend({
  id: Id,
  communityId: Id,
  communityName: z.string(),
  compoundName: z.string().nullable(),
  ...Timestamps,
});

export const places = {
  'communities.list': method({
    scope: 'office',
    summary: '社区列表（搜索、筛选、排序、分页）',
    perm: 'places:read',
    write: false,
    personal: true,
    input: ListQuery.extend({ kind: z.enum(CommunityKind.values).optional(), reveal: Reveal.optional() }),
    output: listResult(Community),
  }),
  'communities.create': method({ scope: 'office', summary: '新建社区', perm: 'places:write', write: 'tx', input: CommunityFields, output: Community }),
  'communities.update': method({
    scope: 'office',
    summary: '修改社区',
    perm: 'places:write',
    write: 'tx',
    input: CommunityFields.extend({ id: Id }),
    output: Community,
  }),
  'communities.delete': method({ scope: 'office', summary: '删除社区', perm: 'places:write', write: 'tx', input: DeleteInput, output: Ok }),

  'grids.list': method({
    scope: 'office',
    summary: '片区列表',
    perm: 'places:read',
    write: false,
    personal: true,
    input: ListQuery.extend({ reveal: Reveal.optional() }),
    output: listResult(Grid),
  }),
  'grids.create': method({ scope: 'office', summary: '新建片区', perm: 'places:write', write: 'tx', input: GridFields, output: Grid }),
  'grids.update': method({ scope: 'office', summary: '修改片区', perm: 'places:write', write: 'tx', input: GridFields.extend({ id: Id }), output: Grid }),
  'grids.delete': method({ scope: 'office', summary: '删除片区', perm: 'places:write', write: 'tx', input: DeleteInput, output: Ok }),

  'compounds.list': method({
    scope: { refs: { communityId: 'community' }, rows: true },
    summary: '小区列表（按名称或拼音首字母搜索，按社区、片区、管理类型、管控等级筛选）',
    perm: 'places:read',
    write: false,
    input: ListQuery.extend({
      communityId: Id.optional(),
      gridId: Id.optional(),
      managementType: z.enum(ManagementType.values).optional(),
      controlLevel: z.enum(ControlLevel.values).optional(),
    }),
    output: listResult(Compound),
  }),
  'compounds.get': method({
    scope: { refs: { id: 'compound' } },
    summary: '小区详情',
    perm: 'places:read',
    write: false,
    input: z.object({ id: Id }),
    output: Compound,
  }),
  'compounds.create': method({
    scope: { refs: { communityId: 'community' } },
    summary: '新建小区',
    perm: 'places:write',
    write: 'tx',
    input: CompoundFields,
    output: Compound,
  }),
  'compounds.update': method({
    scope: { refs: { id: 'compound', communityId: 'community' } },
    summary: '修改小区',
    perm: 'places:write',
    write: 'tx',
    input: CompoundFields.extend({ id: Id }),
    output: Compound,
  }),
  'compounds.delete': method({ scope: { refs: { id: 'compound' } }, summary: '删除小区', perm: 'places:write', write: 'tx', input: DeleteInput, output: Ok }),
  'compounds.setLevel': method({
    scope: { refs: { id: 'compound' } },
    notes: ['reason'],
    summary: '变更小区管控等级（如封控），记下生效时间和原因',
    perm: 'places:write',
    write: 'tx',
    input: LevelChange,
    output: z.object({ since: z.string() }),
  }),
  'compounds.levelHistory': method({
    scope: { refs: { id: 'compound' } },
    notes: ['reason'],
    summary: '小区管控等级的变更历史',
    perm: 'places:read',
    write: false,
    input: z.object({ id: Id }),
    output: z.array(z.object({ since: z.string(), level: z.enum(ControlLevel.values), reason: z.string().nullable(), username: z.string().nullable() })),
  }),

  'checkpoints.list': method({
    scope: { refs: { communityId: 'community', compoundId: 'compound' }, rows: true },
    summary: '卡点列表（搜索，按社区、小区、类型、状态筛选）',
    perm: 'places:read',
    write: false,
    input: ListQuery.extend({
      communityId: Id.optional(),
      compoundId: Id.optional(),
      kind: z.enum(CheckpointKind.values).optional(),
      status: z.enum(CheckpointStatus.values).optional(),
    }),
    output: listResult(Checkpoint),
  }),
  'checkpoints.get': method({
    scope: { refs: { id: 'checkpoint' } },
    summary: '卡点详情',
    perm: 'places:read',
    write: false,
    input: z.object({ id: Id }),
    output: Checkpoint,
  }),
  'checkpoints.create': method({
    scope: { refs: { compoundId: 'compound', communityId: 'community' } },
    summary: '新建卡点',
    perm: 'places:write',
    write: 'tx',
    input: CheckpointFields,
    output: Checkpoint,
  }),
  'checkpoints.update': method({
    scope: { refs: { id: 'checkpoint', compoundId: 'compound', communityId: 'community' } },
    summary: '修改卡点',
    perm: 'places:write',
    write: 'tx',
    input: CheckpointFields.extend({ id: Id }),
    output: Checkpoint,
  }),
  'checkpoints.delete': method({
    scope: { refs: { id: 'checkpoint' } },
    summary: '删除卡点',
    perm: 'places:write',
    write: 'tx',
    input: DeleteInput,
    output: Ok,
  }),
};

export type CommunityRow = z.output<typeof Community>;
export type GridRow = z.output<typeof Grid>;
export type CompoundRow = z.output<typeof Compound>;
export type CheckpointRow = z.output<typeof Checkpoint>;
