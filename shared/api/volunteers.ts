import { z } from 'zod';
import { method } from './contract';
import { Day, DeleteInput, Id, ListQuery, listResult, name, Ok, optionalText, phone, Reveal, Timestamps } from './common';
import { AgeGroup, Attendance, Gender, Health, PersonKind, TeamKind } from '../domain/enums';
import { checkIdNumber } from '../domain/values';
import { SHIFT_PATTERNS } from '../domain/shifts';

/** Volunteers: people, teams, posts, and the rosters that put people at posts. */

const hour = (what: string, max: number) =>
  z
    .number({ error: `${what}必须是数字` })
    .int(`${what}必须是整数`)
    .min(0, `${what}应在 0–${max} 之间`)
    .max(max, `${what}应在 0–${max} 之间`);

export const IdNumber = z
  .string()
  .trim()
  .nullish()
  .transform((v, ctx) => {
    if (!v) return null;
    const r = checkIdNumber(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.reason });
      return z.NEVER;
    }
    return r.value;
  });

/**
 * What a list shows for a stored phone / ID number (138****5678, 4114**********1006): an edit
 * form is prefilled with it. people.update reads a mask that matches the stored value as that
 * value, unchanged; any other masked text is refused there.
 */
const MASKED = /^[^*]{0,6}\*{3,}[^*]{4}$/;
const orMasked = <T extends z.ZodType<string | null>>(schema: T) =>
  z
    .string()
    .nullish()
    .transform((v, ctx): string | null => {
      if (v && MASKED.test(v.trim())) return v.trim();
      const r = schema.safeParse(v);
      if (r.success) return r.data;
      for (const i of r.error.issues) ctx.addIssue({ code: 'custom', message: i.message });
      return z.NEVER;
    });

export const PersonFields = z.object({
  name: name('姓名', 20),
  phone,
  idNumber: IdNumber,
  gender: z
    .enum(Gender.values)
    .nullish()
    .transform((v) => v ?? null),
  ageGroup: z
    .enum(AgeGroup.values)
    .nullish()
    .transform((v) => v ?? null),
  compoundId: Id.nullish().transform((v) => v ?? null),
  communityId: Id.nullish().transform((v) => v ?? null),
  kind: z.enum(PersonKind.values, { error: '请选择人员类别' }),
  partyMember: z.boolean().default(false),
  skills: z.array(z.string().trim().min(1).max(10)).max(10, '最多 10 项特长').default([]),
  /** ISO weekdays the person can stand (1 = 周一). */
  weekdays: z.array(z.number().int().min(1).max(7)).min(1, '请至少选择一天可值守').default([1, 2, 3, 4, 5, 6, 7]),
  /** Hours of the day within which their shifts must lie; both null: any time. */
  windowStart: hour('可值守开始时间', 23)
    .nullish()
    .transform((v) => v ?? null),
  windowEnd: hour('可值守结束时间', 24)
    .nullish()
    .transform((v) => v ?? null),
  daysOff: z.array(Day).max(60, '请假日期最多 60 天').default([]),
  health: z.enum(Health.values).default('healthy'),
  note: optionalText('备注'),
});
export const PersonUpdate = PersonFields.extend({ id: Id, phone: orMasked(phone), idNumber: orMasked(IdNumber) });
export const Person = PersonFields.extend({
  id: Id,
  compoundName: z.string().nullable(),
  communityName: z.string().nullable(),
  teams: z.string(),
  ...Timestamps,
});

export const TeamFields = z.object({
  name: name('队伍名称', 40),
  kind: z.enum(TeamKind.values, { error: '请选择队伍类型' }),
  leaderId: Id.nullish().transform((v) => v ?? null),
  communityId: Id.nullish().transform((v) => v ?? null),
  compoundId: Id.nullish().transform((v) => v ?? null),
  note: optionalText('备注'),
});
export const Team = TeamFields.extend({
  id: Id,
  leaderName: z.string().nullable(),
  communityName: z.string().nullable(),
  members: z.number().int(),
  ...Timestamps,
});

export const PostKind = z.object({ id: Id, code: z.string().nullable(), name: z.string(), posts: z.number().int() });

const Shift = z.tuple([hour('班次开始', 23), hour('班次结束', 24)]);
export const PostFields = z.object({
  name: name('岗位名称', 40),
  kindId: Id,
  compoundId: Id.nullish().transform((v) => v ?? null),
  communityId: Id.nullish().transform((v) => v ?? null),
  place: optionalText('地点', 40),
  perShift: z.number({ error: '每班人数必须是数字' }).int('每班人数必须是整数').min(1, '每班至少 1 人').max(50, '每班最多 50 人'),
  pattern: z.enum(Object.keys(SHIFT_PATTERNS) as [keyof typeof SHIFT_PATTERNS, ...(keyof typeof SHIFT_PATTERNS)[]]),
  customShifts: z
    .array(Shift)
    .max(6, '最多 6 个班次')
    .nullish()
    .transform((v) => v ?? null),
  active: z.boolean().default(true),
});
export const Post = PostFields.extend({
  id: Id,
  kindName: z.string(),
  checkpointId: z.number().int().nullable(),
  compoundName: z.string().nullable(),
  communityName: z.string().nullable(),
  ...Timestamps,
});

export const RosterFields = z.object({
  name: name('排班表名称', 40),
  startDate: Day,
  days: z.number().int().min(1, '至少 1 天').max(31, '一张排班表最多 31 天'),
  minRestHours: z.number().int().min(0).max(24).default(8),
  weeklyCapHours: z.number().int().min(8, '每周工时上限至少 8 小时').max(168).default(48),
});
export const Roster = RosterFields.extend({
  id: Id,
  createdBy: z.string(),
  filledAt: z.string().nullable(),
  needed: z.number().int(),
  filled: z.number().int(),
  ...Timestamps,
});

/** One person in one slot, with what is wrong about it (empty when nothing). */
export const Placement = z.object({
  id: Id,
  personId: Id,
  name: z.string(),
  source: z.enum(['auto', 'manual']),
  attendance: z.enum(Attendance.values).nullable(),
  stoodBy: z.string().nullable(),
  conflicts: z.array(z.string()),
});
export const GridPost = z.object({
  id: Id,
  name: z.string(),
  kindName: z.string(),
  communityName: z.string().nullable(),
  perShift: z.number().int(),
  shifts: z.array(z.string()),
  /** [day][shift] → placements. */
  cells: z.array(z.array(z.array(Placement))),
});
export const Gap = z.object({
  postId: Id,
  postName: z.string(),
  kindName: z.string(),
  communityName: z.string().nullable(),
  day: z.number().int(),
  date: z.string(),
  shift: z.string(),
  need: z.number().int(),
  have: z.number().int(),
  /** Why nobody else fits, in Chinese ("共 120 人：80 人不在可值守时间，…"). */
  why: z.string(),
});

const SlotRef = z.object({ rosterId: Id, postId: Id, day: z.number().int().min(0), shift: z.number().int().min(0) });

export const volunteers = {
  'people.list': method({
    scope: { refs: { communityId: 'community', forCompoundId: 'compound' }, rows: true },
    names: ['rows.name'],
    notes: ['rows.note'],
    summary: '人员名单（党员、志愿者、干部等；按姓名或拼音首字母搜索）',
    perm: 'roster:read',
    write: false,
    personal: true,
    input: ListQuery.extend({
      kind: z.enum(PersonKind.values).optional(),
      communityId: Id.optional(),
      /** Who may look after someone living in this compound: its community's people and the office's own (四包一). */
      forCompoundId: Id.optional(),
      teamId: Id.optional(),
      health: z.enum(Health.values).optional(),
      reveal: Reveal.optional(),
    }),
    output: listResult(Person),
  }),
  'people.create': method({
    names: ['name'],
    notes: ['note'],
    summary: '新增人员',
    perm: 'roster:write',
    write: 'tx',
    personal: true,
    input: PersonFields,
    output: Person,
  }),
  'people.update': method({
    names: ['name'],
    notes: ['note'],
    summary: '修改人员',
    perm: 'roster:write',
    write: 'tx',
    personal: true,
    input: PersonUpdate,
    output: Person,
  }),
  'people.delete': method({ summary: '删除人员（其排班一并删除）', perm: 'roster:write', write: 'tx', input: DeleteInput, output: Ok }),

  'teams.list': method({
    scope: 'office',
    names: ['rows.leaderName'],
    summary: '队伍列表',
    perm: 'roster:read',
    write: false,
    input: ListQuery.extend({ kind: z.enum(TeamKind.values).optional() }),
    output: listResult(Team),
  }),
  'teams.create': method({ names: ['leaderName'], summary: '新建队伍', perm: 'roster:write', write: 'tx', input: TeamFields, output: Team }),
  'teams.update': method({ names: ['leaderName'], summary: '修改队伍', perm: 'roster:write', write: 'tx', input: TeamFields.extend({ id: Id }), output: Team }),
  'teams.delete': method({ summary: '删除队伍（成员保留）', perm: 'roster:write', write: 'tx', input: DeleteInput, output: Ok }),
  'teams.members': method({
    scope: 'office',
    names: ['name'],
    summary: '队伍成员',
    perm: 'roster:read',
    write: false,
    input: z.object({ id: Id }),
    output: z.array(z.object({ id: Id, name: z.string(), kind: z.enum(PersonKind.values) })),
  }),
  'teams.setMembers': method({
    summary: '设置队伍成员',
    perm: 'roster:write',
    write: 'tx',
    input: z.object({ id: Id, personIds: z.array(Id).max(2000) }),
    output: Ok,
  }),

  'postKinds.list': method({ scope: 'office', summary: '岗位类型', perm: 'roster:read', write: false, input: z.object({}), output: z.array(PostKind) }),
  'postKinds.create': method({ summary: '新增岗位类型', perm: 'roster:write', write: 'tx', input: z.object({ name: name('岗位类型', 10) }), output: PostKind }),
  'postKinds.rename': method({
    summary: '岗位类型改名',
    perm: 'roster:write',
    write: 'tx',
    input: z.object({ id: Id, name: name('岗位类型', 10) }),
    output: PostKind,
  }),
  'postKinds.delete': method({ summary: '删除岗位类型（没有岗位使用时）', perm: 'roster:write', write: 'tx', input: DeleteInput, output: Ok }),

  'posts.list': method({
    scope: 'office',
    summary: '岗位列表（卡点执勤岗随卡点自动生成）',
    perm: 'roster:read',
    write: false,
    input: ListQuery.extend({ kindId: Id.optional(), communityId: Id.optional(), active: z.boolean().optional() }),
    output: listResult(Post),
  }),
  'posts.create': method({ summary: '新增岗位', perm: 'roster:write', write: 'tx', input: PostFields, output: Post }),
  'posts.update': method({ summary: '修改岗位', perm: 'roster:write', write: 'tx', input: PostFields.extend({ id: Id }), output: Post }),
  'posts.delete': method({ summary: '删除岗位（其排班一并删除）', perm: 'roster:write', write: 'tx', input: DeleteInput, output: Ok }),

  'rosters.list': method({ scope: 'office', summary: '排班表', perm: 'roster:read', write: false, input: z.object({}), output: z.array(Roster) }),
  'rosters.create': method({ summary: '新建排班表（日期范围，通常一周）', perm: 'roster:write', write: 'tx', input: RosterFields, output: Roster }),
  'rosters.delete': method({ summary: '删除排班表', perm: 'roster:write', write: 'tx', input: DeleteInput, output: Ok }),
  'rosters.fill': method({
    summary: '自动排班：按可值守时间、休息和工时上限，尽量补齐每个班次（保留手工安排）',
    perm: 'roster:write',
    write: 'tx',
    input: z.object({ id: Id, keepManual: z.boolean().default(true) }),
    output: z.object({ needed: z.number().int(), filled: z.number().int(), gaps: z.number().int() }),
  }),
  'rosters.grid': method({
    scope: 'office',
    names: ['posts.cells.name', 'posts.cells.stoodBy'],
    summary: '排班表视图：岗位 × 日期 × 班次，含冲突说明',
    perm: 'roster:read',
    write: false,
    input: z.object({
      id: Id,
      kindId: Id.optional(),
      communityId: Id.optional(),
      q: z.string().trim().max(50).optional(),
      teamId: Id.optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(100).default(20),
    }),
    output: z.object({ roster: Roster, dates: z.array(z.string()), posts: z.array(GridPost), total: z.number().int() }),
  }),
  'rosters.assign': method({
    summary: '安排一人到一个班次（冲突会标出并说明）',
    perm: 'roster:write',
    write: 'tx',
    input: SlotRef.extend({ personId: Id }),
    output: z.object({ id: Id, conflicts: z.array(z.string()) }),
  }),
  'rosters.move': method({
    summary: '把一条安排移到另一个班次',
    perm: 'roster:write',
    write: 'tx',
    input: z.object({ assignmentId: Id, postId: Id, day: z.number().int().min(0), shift: z.number().int().min(0) }),
    output: z.object({ id: Id, conflicts: z.array(z.string()) }),
  }),
  'rosters.swap': method({
    summary: '对调两条安排的人员（冲突会标出并说明）',
    perm: 'roster:write',
    write: 'tx',
    input: z.object({ a: Id, b: Id }),
    output: z.object({ conflicts: z.array(z.string()) }),
  }),
  'rosters.unassign': method({ summary: '取消一条安排', perm: 'roster:write', write: 'tx', input: z.object({ assignmentId: Id }), output: Ok }),
  'rosters.attend': method({
    summary: '登记到岗情况（到岗 / 缺岗 / 替班）',
    perm: 'roster:write',
    write: 'tx',
    input: z.object({ assignmentId: Id, attendance: z.enum(Attendance.values).nullable(), stoodBy: Id.nullish().transform((v) => v ?? null) }),
    output: Ok,
  }),
  'rosters.candidates': method({
    scope: 'office',
    names: ['name'],
    summary: '某班次可安排的人（可值守、无冲突，近者优先）',
    perm: 'roster:read',
    write: false,
    input: SlotRef.extend({ q: z.string().trim().max(20).optional() }),
    output: z.array(
      z.object({
        id: Id,
        name: z.string(),
        kind: z.enum(PersonKind.values),
        communityName: z.string().nullable(),
        fits: z.boolean(),
        why: z.string().nullable(),
      }),
    ),
  }),
  'rosters.export': method({
    audit: 'export',
    scope: 'office',
    summary: '导出排班表（.xlsx，每人每班一行，可再导入；手机号默认脱敏）',
    perm: 'roster:read',
    write: 'self',
    personal: true,
    input: z.object({ id: Id, full: z.boolean().default(false) }),
    output: z.object({ fileName: z.string(), base64: z.string(), rowCount: z.number().int() }),
  }),
  'rosters.coverage': method({
    scope: 'office',
    summary: '缺岗情况：低于要求的班次，按日期、社区、岗位类型汇总，并说明原因',
    perm: 'roster:read',
    write: false,
    input: z.object({ id: Id }),
    output: z.object({
      needed: z.number().int(),
      filled: z.number().int(),
      byDay: z.array(z.object({ date: z.string(), needed: z.number().int(), filled: z.number().int() })),
      byCommunity: z.array(z.object({ communityName: z.string(), needed: z.number().int(), filled: z.number().int() })),
      byKind: z.array(z.object({ kindName: z.string(), needed: z.number().int(), filled: z.number().int() })),
      gaps: z.array(Gap),
    }),
  }),
};
