import { z } from 'zod';
import { method } from './contract';
import { Day, Id, ListQuery, listResult, Ok, phone, Reveal } from './common';
import { IdNumber } from './volunteers';

/** Residents (households under compounds) and what checkpoints record. */

export const ResidentKind = { resident: '常住', tenant: '租户', floating: '流动人口', temporary: '临时' } as const;
export const VULNERABLE = ['独居老人', '孕妇', '慢病', '残疾'] as const;

export const Resident = z.object({
  id: Id,
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  gender: z.enum(['M', 'F']),
  birthDate: z.string(),
  compoundId: z.number().int().nullable(),
  compoundName: z.string().nullable(),
  building: z.string().nullable(),
  unit: z.string().nullable(),
  room: z.string().nullable(),
  relation: z.string().nullable(),
  kind: z.enum(Object.keys(ResidentKind) as [keyof typeof ResidentKind, ...(keyof typeof ResidentKind)[]]),
  flags: z.array(z.string()),
  origin: z.string().nullable(),
  returnDate: z.string().nullable(),
  note: z.string().nullable(),
  /** Status of the latest key-person record linked to this resident (observing, released…), if any. */
  keyPerson: z.string().nullable(),
});

export const RegistrationInput = z.object({
  checkpointId: Id,
  subject: z.enum(['person', 'vehicle']).default('person'),
  name: z
    .string()
    .trim()
    .max(20, '姓名不能超过 20 个字')
    .nullish()
    .transform((v) => v || null),
  phone,
  /** Optional; checked like residents' (18 digits, check digit), linked to the resident with it. */
  idNumber: IdNumber,
  plate: z
    .string()
    .trim()
    .toUpperCase()
    .max(10, '车牌号不能超过 10 位')
    .nullish()
    .transform((v) => v || null),
  direction: z.enum(['in', 'out']).default('in'),
  temperature: z
    .number({ error: '体温必须是数字' })
    .min(34, '体温应在 34–43 ℃ 之间')
    .max(43, '体温应在 34–43 ℃ 之间')
    .nullish()
    .transform((v) => v ?? null),
  passNo: z
    .string()
    .trim()
    .max(20)
    .nullish()
    .transform((v) => v || null),
  reason: z
    .string()
    .trim()
    .max(60, '事由不能超过 60 个字')
    .nullish()
    .transform((v) => v || null),
  refused: z.boolean().default(false),
  /** A scanned pass QR (SC1.…): its signature is checked and its pass number used. */
  passCode: z
    .string()
    .trim()
    .max(400)
    .nullish()
    .transform((v) => v || null),
  /** Made on the gate phone (a UUID): a registration sent twice is stored once. */
  clientId: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F-]{16,40}$/, '登记编号格式不对')
    .nullish()
    .transform((v) => v || null),
  /** When the gate phone made it (queued while offline); the office clock decides if absent. */
  at: z.iso
    .datetime({ offset: true })
    .nullish()
    .transform((v) => v ?? null),
});
export const Registration = z.object({
  id: Id,
  checkpointId: Id,
  checkpointName: z.string(),
  ts: z.string(),
  subject: z.enum(['person', 'vehicle']),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  /** The resident with the same ID number, when there is one. */
  residentId: Id.nullable(),
  plate: z.string().nullable(),
  direction: z.enum(['in', 'out']),
  temperature: z.number().nullable(),
  abnormal: z.boolean(),
  passNo: z.string().nullable(),
  reason: z.string().nullable(),
  refused: z.boolean(),
  /** What was wrong with the pass shown (unknown, expired, revoked, used up), or null. */
  passFlag: z.string().nullable(),
  username: z.string(),
});
export const Alert = z.object({
  id: Id,
  kind: z.enum(['temperature', 'followup']),
  ts: z.string(),
  checkpointId: Id.nullable(),
  checkpointName: z.string().nullable(),
  message: z.string(),
  /** Who at the checkpoint acknowledged the warning on screen (已知晓), and when. */
  seenBy: z.string().nullable(),
  seenAt: z.string().nullable(),
  ackBy: z.string().nullable(),
  ackAt: z.string().nullable(),
  action: z.string().nullable(),
});

/** Temperatures at or above this are abnormal (the articles' 37.3 ℃). */
export const FEVER = 37.3;

export const residents = {
  'residents.list': method({
    scope: { refs: { compoundId: 'compound', buildingId: 'building' }, rows: true },
    names: ['rows.name'],
    notes: ['rows.note'],
    summary: '居民名单（按姓名、拼音首字母、手机号或身份证号后几位搜索）',
    perm: 'residents:read',
    write: false,
    personal: true,
    input: ListQuery.extend({
      compoundId: Id.optional(),
      buildingId: Id.optional(),
      kind: z.enum(Object.keys(ResidentKind) as [string, ...string[]]).optional(),
      reveal: Reveal.optional(),
    }),
    output: listResult(Resident),
  }),
  'residents.export': method({
    audit: 'export',
    scope: { refs: { compoundId: 'compound', buildingId: 'building' }, rows: true },
    summary: '按当前筛选导出居民名单（姓名、手机号、身份证号默认脱敏，备注隐藏；勾选“导出完整信息”须有权限并记入日志）',
    perm: 'residents:read',
    write: 'self',
    personal: true,
    input: ListQuery.omit({ page: true, pageSize: true }).extend({
      compoundId: Id.optional(),
      buildingId: Id.optional(),
      kind: z.enum(Object.keys(ResidentKind) as [string, ...string[]]).optional(),
      full: z.boolean().default(false),
    }),
    output: z.object({ fileName: z.string(), base64: z.string(), rowCount: z.number().int() }),
  }),
  'residents.buildings': method({
    scope: { refs: { compoundId: 'compound' } },
    summary: '小区的楼栋（户数、人数）',
    perm: 'residents:read',
    write: false,
    input: z.object({ compoundId: Id }),
    output: z.array(z.object({ id: Id, name: z.string(), households: z.number().int(), residents: z.number().int() })),
  }),
  'residents.households': method({
    scope: { refs: { buildingId: 'building' } },
    summary: '楼栋的住户（单元、房号、登记人数）',
    perm: 'residents:read',
    write: false,
    input: z.object({ buildingId: Id }),
    output: z.array(z.object({ id: Id, unit: z.string(), room: z.string(), residents: z.number().int() })),
  }),
  'registrations.create': method({
    scope: { refs: { checkpointId: 'checkpoint' } },
    names: ['name'],
    summary: '卡点登记（人员或车辆；体温 ≥ 37.3 ℃ 自动预警）',
    perm: 'registrations:write',
    write: 'tx',
    personal: true,
    input: RegistrationInput,
    output: Registration,
  }),
  'registrations.list': method({
    scope: { refs: { checkpointId: 'checkpoint' }, rows: true },
    names: ['rows.name'],
    summary: '卡点登记记录（某卡点某天，最新在前）',
    perm: 'residents:read',
    write: false,
    personal: true,
    input: z.object({
      checkpointId: Id.optional(),
      day: Day,
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(200).default(50),
      reveal: Reveal.optional(),
    }),
    output: listResult(Registration),
  }),
  'registrations.daily': method({
    scope: 'rows',
    summary: '各卡点当天通行统计：人员、车辆、体温异常、劝返',
    perm: 'places:read',
    write: false,
    input: z.object({ day: Day }),
    output: z.array(
      z.object({
        checkpointId: Id,
        checkpointName: z.string(),
        people: z.number().int(),
        vehicles: z.number().int(),
        abnormal: z.number().int(),
        refused: z.number().int(),
      }),
    ),
  }),
  'personal.cleanup': method({
    summary: '数据清理：删除或匿名化某日期之前的个人信息（统计数字保留；先自动备份）',
    perm: 'system:settings',
    write: 'self',
    input: z.object({ before: Day, confirm: z.literal('清理个人信息', { error: '请输入“清理个人信息”以确认' }) }),
    output: z.object({ registrations: z.number().int(), keyPersons: z.number().int(), residents: z.number().int() }),
  }),
  'alerts.open': method({ scope: 'rows', summary: '待处理的预警', perm: 'office:read', write: false, input: z.object({}), output: z.array(Alert) }),
  'alerts.ack': method({
    scope: { refs: { id: 'alert' } },
    summary: '处理预警（须写明采取的措施）',
    perm: 'registrations:write',
    write: 'tx',
    input: z.object({ id: Id, action: z.string().trim().min(2, '请写明采取的措施').max(200, '措施不能超过 200 字') }),
    output: Ok,
  }),
  'alerts.seen': method({
    scope: { refs: { id: 'alert' } },
    summary: '卡点确认已看到体温预警（已知晓）；预警仍待指挥中心处理',
    perm: 'registrations:write',
    write: 'tx',
    input: z.object({ id: Id }),
    output: Ok,
  }),
};
