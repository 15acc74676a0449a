import { z } from 'zod';
import { method } from './contract';
import { Day, Id, ListQuery, listResult, name, Ok, optionalText, phone, Reveal } from './common';
import { IdNumber } from './volunteers';

/** 重点人员 and their daily follow-up (随访). */

export const KeyCategory = {
  arrival: '外地返回',
  riskArea: '中高风险地区来(返)',
  closeContact: '密切接触者',
  secondaryContact: '次密接',
  inbound: '入境人员',
  other: '其他',
} as const;
export const Measure = { homeObservation: '居家观察', homeIsolation: '居家隔离', centralQuarantine: '集中隔离', healthMonitoring: '健康监测' } as const;
export const KeyStatus = { observing: '观察中', released: '解除', hospital: '转送医院', central: '转集中隔离' } as const;
type K<T> = [keyof T & string, ...(keyof T & string)[]];
const keys = <T extends object>(o: T) => Object.keys(o) as K<T>;

export const KeyPersonFields = z.object({
  residentId: Id.nullish().transform((v) => v ?? null),
  name: name('姓名', 20),
  idNumber: IdNumber,
  phone,
  compoundId: Id.nullish().transform((v) => v ?? null),
  address: optionalText('住址', 60),
  category: z.enum(keys(KeyCategory), { error: '请选择人员类别' }),
  origin: optionalText('来源地', 40),
  arrivalDate: Day.nullish().transform((v) => v ?? null),
  transport: optionalText('交通方式', 40),
  measure: z.enum(keys(Measure), { error: '请选择管控措施' }),
  startDate: Day,
  /** Days under the measure; the category's default (14) when left out. */
  days: z
    .number()
    .int()
    .min(1, '至少 1 天')
    .max(60, '最多 60 天')
    .nullish()
    .transform((v) => v ?? null),
  cadreId: Id.nullish().transform((v) => v ?? null),
  gridId: Id.nullish().transform((v) => v ?? null),
  doctorId: Id.nullish().transform((v) => v ?? null),
  policeId: Id.nullish().transform((v) => v ?? null),
  volunteerId: Id.nullish().transform((v) => v ?? null),
  note: optionalText('备注'),
});
export const KeyPerson = z.object({
  id: Id,
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  compoundId: z.number().int().nullable(),
  compoundName: z.string().nullable(),
  category: z.enum(keys(KeyCategory)),
  origin: z.string().nullable(),
  arrivalDate: z.string().nullable(),
  measure: z.enum(keys(Measure)),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(keys(KeyStatus)),
  /** 四包一: the responsible people's names, in order 干部, 网格员, 医生, 民警, 党员志愿者. */
  team: z.array(z.string().nullable()),
  /** The resident register's record of this person, when linked. */
  residentId: z.number().int().nullable(),
  residentName: z.string().nullable(),
});
export const DueRow = z.object({
  keyPersonId: Id,
  name: z.string(),
  compoundName: z.string().nullable(),
  responsible: z.string().nullable(),
  day: z.string(),
  am: z.object({ temperature: z.number().nullable(), symptoms: z.string().nullable() }).nullable(),
  pm: z.object({ temperature: z.number().nullable(), symptoms: z.string().nullable() }).nullable(),
  /** Slots whose time has passed without a check. */
  overdue: z.array(z.enum(['am', 'pm'])),
  lastDay: z.boolean(),
});

export const keyPersons = {
  'keyPersons.list': method({
    scope: { refs: { compoundId: 'compound' }, rows: true },
    names: ['rows.name', 'rows.team', 'rows.residentName'],
    summary: '重点人员（按类别、状态、小区筛选）',
    perm: 'residents:read',
    write: false,
    personal: true,
    input: ListQuery.extend({
      status: z.enum(keys(KeyStatus)).optional(),
      category: z.enum(keys(KeyCategory)).optional(),
      compoundId: Id.optional(),
      reveal: Reveal.optional(),
    }),
    output: listResult(KeyPerson),
  }),
  'keyPersons.create': method({
    scope: {
      refs: {
        residentId: 'resident',
        compoundId: 'compound',
        cadreId: 'person',
        gridId: 'person',
        doctorId: 'person',
        policeId: 'person',
        volunteerId: 'person',
      },
    },
    names: ['name', 'team', 'residentName'],
    notes: ['note'],
    summary: '登记重点人员（默认观察 14 天，可按类别设置）',
    perm: 'residents:write',
    write: 'tx',
    personal: true,
    input: KeyPersonFields,
    output: KeyPerson,
  }),
  'keyPersons.link': method({
    scope: { refs: { id: 'keyPerson', residentId: 'resident' } },
    names: ['name', 'team', 'residentName'],
    summary: '把重点人员关联到居民档案（同一社区的居民；residentId 为空则取消关联）',
    perm: 'residents:write',
    write: 'tx',
    personal: true,
    input: z.object({ id: Id, residentId: Id.nullable() }),
    output: KeyPerson,
  }),
  'keyPersons.setStatus': method({
    scope: { refs: { id: 'keyPerson' } },
    notes: ['note'],
    summary: '变更重点人员状态（解除 / 转送医院 / 转集中隔离），记入历史',
    perm: 'residents:write',
    write: 'tx',
    input: z.object({ id: Id, status: z.enum(keys(KeyStatus)), note: optionalText('说明') }),
    output: Ok,
  }),
  'keyPersons.history': method({
    scope: { refs: { id: 'keyPerson' } },
    notes: ['note'],
    summary: '重点人员状态历史',
    perm: 'residents:read',
    write: false,
    input: z.object({ id: Id }),
    output: z.array(z.object({ ts: z.string(), status: z.enum(keys(KeyStatus)), note: z.string().nullable(), username: z.string() })),
  }),
  'keyPersons.settings': method({
    scope: 'office',
    summary: '各类重点人员的默认管控天数',
    perm: 'residents:read',
    write: false,
    input: z.object({}),
    output: z.record(z.string(), z.number().int()),
  }),
  'keyPersons.setSettings': method({
    scope: 'office',
    summary: '设置各类重点人员的默认管控天数',
    perm: 'residents:write',
    write: 'tx',
    input: z.object({ days: z.partialRecord(z.enum(keys(KeyCategory)), z.number().int().min(1, '至少 1 天').max(60, '最多 60 天')) }),
    output: z.record(z.string(), z.number().int()),
  }),
  'followups.due': method({
    scope: { refs: { compoundId: 'compound', responsibleId: 'person' }, rows: true },
    names: ['name', 'responsible'],
    notes: ['am.symptoms', 'pm.symptoms'],
    summary: '某天应随访的重点人员（上午、下午各测一次体温），含逾期',
    perm: 'residents:read',
    write: false,
    personal: true,
    input: z.object({ day: Day, compoundId: Id.optional(), responsibleId: Id.optional() }),
    output: z.array(DueRow),
  }),
  'followups.record': method({
    scope: { refs: { keyPersonId: 'keyPerson' } },
    notes: ['symptoms'],
    summary: '登记随访（体温 ≥ 37.3 ℃ 或有症状自动预警）',
    perm: 'residents:write',
    write: 'tx',
    input: z.object({
      keyPersonId: Id,
      day: Day,
      slot: z.enum(['am', 'pm']),
      temperature: z
        .number({ error: '体温必须是数字' })
        .min(34, '体温应在 34–43 ℃ 之间')
        .max(43, '体温应在 34–43 ℃ 之间')
        .nullish()
        .transform((v) => v ?? null),
      symptoms: optionalText('症状', 60),
    }),
    output: z.object({ alert: z.boolean() }),
  }),
};
