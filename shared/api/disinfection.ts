import { z } from 'zod';
import { method } from './contract';
import { Day, Id, listResult, name, Ok } from './common';
import { DisinfectAgent, DisinfectArea } from '../domain/enums';

/** 消杀: the areas each compound, premises or home-observation household must have disinfected, and the day's records. */
export const AreaRow = z.object({
  id: Id,
  ownerKind: z.enum(['compound', 'premises', 'keyPerson']),
  ownerId: Id,
  ownerName: z.string(),
  communityName: z.string().nullable(),
  area: z.enum(DisinfectArea.values),
  perDay: z.number().int(),
  activeUntil: Day.nullable(),
  doneToday: z.number().int(),
});
export const DisinfectionInput = z.object({
  areaId: Id,
  by: name('消杀人员', 20),
  agent: z.enum(DisinfectAgent.values),
  amount: z.number({ error: '用量必须是数字' }).positive('用量应大于 0').max(1000, '用量过大'),
  /** Drawn from this supply item's stock in this warehouse (base units), when given. */
  itemId: Id.nullish().transform((v) => v ?? null),
  warehouseId: Id.nullish().transform((v) => v ?? null),
});
export const CoverageRow = z.object({
  ownerKind: z.string(),
  ownerId: Id,
  name: z.string(),
  communityName: z.string().nullable(),
  due: z.number().int(),
  done: z.number().int(),
  behind: z.array(z.string()),
});

const w = 'inspections:write' as const;
const r = 'inspections:read' as const;

export const disinfection = {
  'disinfection.areas': method({
    scope: { refs: { ownerId: { kindFrom: 'ownerKind' } }, rows: true },
    summary: '消杀区域（小区、场所、居家观察户周边）及今日已消杀次数',
    perm: r,
    write: false,
    input: z.object({ ownerKind: z.enum(['compound', 'premises', 'keyPerson']).optional(), ownerId: Id.optional(), q: z.string().trim().max(30).optional() }),
    output: z.array(AreaRow),
  }),
  'disinfection.setAreas': method({
    scope: { refs: { ownerId: { kindFrom: 'ownerKind' } } },
    summary: '设置一个小区或场所的消杀区域和每日次数',
    perm: w,
    write: 'tx',
    input: z.object({
      ownerKind: z.enum(['compound', 'premises']),
      ownerId: Id,
      areas: z.array(z.object({ area: z.enum(DisinfectArea.values), perDay: z.number().int().min(1, '每日至少 1 次').max(6, '每日最多 6 次') })).max(7),
    }),
    output: z.array(AreaRow),
  }),
  'disinfection.record': method({
    scope: { refs: { areaId: 'disinfectionArea' } },
    names: ['by'],
    summary: '登记一次消杀（选了物资则从库存领用）',
    perm: w,
    write: 'tx',
    input: DisinfectionInput,
    output: Ok,
  }),
  'disinfection.list': method({
    scope: 'rows',
    names: ['rows.by'],
    summary: '某日的消杀记录',
    perm: r,
    write: false,
    input: z.object({ day: Day, page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(200).default(50) }),
    output: listResult(
      z.object({
        id: Id,
        ts: z.string(),
        ownerName: z.string(),
        area: z.enum(DisinfectArea.values),
        by: z.string(),
        agent: z.enum(DisinfectAgent.values),
        amount: z.number(),
        itemName: z.string().nullable(),
      }),
    ),
  }),
  'disinfection.coverage': method({
    scope: 'rows',
    summary: '某日消杀完成情况：应消杀次数、已完成次数、落后的区域',
    perm: r,
    write: false,
    input: z.object({ day: Day, behindOnly: z.boolean().default(false) }),
    output: z.object({ due: z.number().int(), done: z.number().int(), rows: z.array(CoverageRow) }),
  }),
};
