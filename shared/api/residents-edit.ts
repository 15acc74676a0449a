import { z } from 'zod';
import { method } from './contract';
import { Day, Id, name, optionalText, phone } from './common';
import { ResidentKind, VULNERABLE } from './residents';
import { IdNumber } from './volunteers';

/**
 * Editing the resident register outside an import: one resident (the edit screen and the
 * list's inline cells send only the fields they change) or many at once (批量修改). Names,
 * ID numbers and phones are never part of a bulk change: they belong to one person.
 */

const kind = z.enum(Object.keys(ResidentKind) as [keyof typeof ResidentKind, ...(keyof typeof ResidentKind)[]], { error: '请选择人员类型' });
const flags = z.array(z.enum(VULNERABLE, { error: `特殊人群应为 ${VULNERABLE.join('、')}` })).max(VULNERABLE.length);
const short = (what: string, max = 10) => optionalText(what, max);

/** The fields a resident's home and circumstances are made of; each may be left out of a change. */
const Shared = {
  compoundId: Id,
  building: short('楼栋'),
  unit: short('单元'),
  room: short('房号'),
  relation: short('与户主关系'),
  kind,
  flags,
  origin: short('来源地', 40),
  returnDate: Day.nullable(),
  note: optionalText('备注'),
};

export const ResidentPatch = z
  .object({
    id: Id,
    name: name('姓名', 20),
    idNumber: IdNumber.refine((v) => v !== null, '请填写身份证号'),
    phone,
    ...Shared,
  })
  .partial()
  .required({ id: true });

export const ResidentBulkSet = z
  .object(Shared)
  .partial()
  .refine((s) => Object.keys(s).length > 0, '请选择要修改的字段');

export const residentsEdit = {
  'residents.update': method({
    scope: { refs: { id: 'resident', compoundId: 'compound' } },
    names: ['name'],
    notes: ['note'],
    summary: '修改一位居民（只改提交的字段；身份证号变化时性别、出生日期随之更新）',
    perm: 'residents:write',
    write: 'tx',
    input: ResidentPatch,
    output: z.object({ ok: z.literal(true), changed: z.array(z.string()) }),
  }),
  'residents.bulkUpdate': method({
    scope: { refs: { ids: 'resident', 'set.compoundId': 'compound' } },
    notes: ['set.note'],
    summary: '批量修改居民（小区、楼栋、人员类型、特殊人群等，全部成功或全部不改）',
    perm: 'residents:write',
    write: 'tx',
    input: z.object({
      ids: z.array(Id).min(1, '请先选择居民').max(1000, '一次最多修改 1000 位居民'),
      set: ResidentBulkSet,
    }),
    output: z.object({ changed: z.number().int() }),
  }),
};
