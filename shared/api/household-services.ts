import { z } from 'zod';
import { method } from './contract';
import { Day, Id, Ok, optionalText } from './common';

/** 出入证, household needs under measures, and nucleic-acid testing rounds. */

export const NeedKind = { shopping: '代买生活物资', medical: '就医', medicine: '送药', other: '其他' } as const;

export const Pass = z.object({
  id: Id,
  passNo: z.string(),
  householdId: Id,
  address: z.string(),
  uses: z.number().int(),
  perDays: z.number().int(),
  validFrom: z.string(),
  validTo: z.string(),
  revoked: z.boolean(),
});

export const PassCard = Pass.pick({ id: true, passNo: true, address: true, uses: true, perDays: true, validFrom: true, validTo: true }).extend({
  /** Already masked (张*伟): it is printed and carried in the QR code. */
  holder: z.string(),
  payload: z.string(),
});

export const PassCheck = z.object({
  ok: z.boolean(),
  reason: z.string().nullable(),
  passNo: z.string().nullable(),
  holder: z.string().nullable(),
  validTo: z.string().nullable(),
});

export const householdServices = {
  'passes.issue': method({
    scope: { refs: { householdId: 'household' } },
    summary: '为一户发放出入证（规则：N 天内可出入 M 次）',
    perm: 'residents:write',
    write: 'tx',
    input: z.object({
      householdId: Id,
      uses: z.number().int().min(1, '至少 1 次').max(20).default(1),
      perDays: z.number().int().min(1, '至少 1 天').max(30).default(2),
      validFrom: Day,
      validTo: Day,
    }),
    output: Pass,
  }),
  'passes.list': method({
    scope: { refs: { compoundId: 'compound' }, rows: true },
    summary: '出入证',
    perm: 'residents:read',
    write: false,
    input: z.object({ compoundId: Id.optional() }),
    output: z.array(Pass),
  }),
  /** Passes in force of one household or a whole compound, each with its signed QR payload (for the print sheet). */
  'passes.cards': method({
    scope: { refs: { compoundId: 'compound', householdId: 'household' }, rows: true },
    names: ['holder'],
    audit: 'export',
    summary: '打印出入证：一户或一个小区的有效出入证及其签名二维码内容',
    perm: 'residents:read',
    write: false,
    input: z.object({ compoundId: Id.optional(), householdId: Id.optional() }),
    output: z.array(PassCard),
  }),
  /** A scanned QR checked by the office: signature, revoked, dates, the exit rule. No write. */
  'passes.check': method({
    scope: 'office',
    names: ['holder'],
    summary: '卡点核验出入证二维码（签名、收回、有效期、出入次数）',
    perm: 'registrations:write',
    write: false,
    input: z.object({ payload: z.string().trim().min(1, '请扫描出入证二维码').max(400, '二维码内容过长'), direction: z.enum(['in', 'out']).default('in') }),
    output: PassCheck,
  }),
  /** What a gate phone keeps to check passes offline: the office's public key and the revoked pass numbers. */
  'passes.gateKit': method({
    scope: 'office',
    summary: '卡点离线核验所需：公钥与已收回的出入证号',
    perm: 'registrations:write',
    write: false,
    input: z.object({}),
    output: z.object({ publicKey: z.string(), revoked: z.array(z.string()), at: z.string() }),
  }),
  'passes.revoke': method({
    scope: { refs: { id: 'pass' } },
    summary: '收回出入证',
    perm: 'residents:write',
    write: 'tx',
    input: z.object({ id: Id }),
    output: Ok,
  }),

  'needs.list': method({
    scope: 'rows',
    names: ['who', 'volunteer'],
    notes: ['detail'],
    summary: '管控户的需求（代买、就医、送药），未办结在前',
    perm: 'residents:read',
    write: false,
    input: z.object({ open: z.boolean().default(true) }),
    output: z.array(
      z.object({
        id: Id,
        kind: z.enum(Object.keys(NeedKind) as ['shopping', 'medical', 'medicine', 'other']),
        detail: z.string(),
        who: z.string().nullable(),
        volunteer: z.string().nullable(),
        createdAt: z.string(),
        doneAt: z.string().nullable(),
      }),
    ),
  }),
  'needs.create': method({
    scope: { refs: { keyPersonId: 'keyPerson', householdId: 'household', volunteerId: 'person' } },
    notes: ['detail'],
    summary: '登记需求',
    perm: 'residents:write',
    write: 'tx',
    input: z.object({
      keyPersonId: Id.nullish().transform((v) => v ?? null),
      householdId: Id.nullish().transform((v) => v ?? null),
      kind: z.enum(Object.keys(NeedKind) as ['shopping', 'medical', 'medicine', 'other']),
      detail: z.string().trim().min(1, '请写明需求').max(200),
      volunteerId: Id.nullish().transform((v) => v ?? null),
    }),
    output: z.object({ id: Id }),
  }),
  'needs.done': method({
    scope: { refs: { id: 'need' } },
    summary: '需求办结',
    perm: 'residents:write',
    write: 'tx',
    input: z.object({ id: Id, done: z.boolean().default(true) }),
    output: Ok,
  }),

  'tests.create': method({
    scope: 'office',
    summary: '新建核酸检测轮次（应检人数按小区人口）',
    perm: 'residents:write',
    write: 'tx',
    input: z.object({ name: z.string().trim().min(1, '请填写名称').max(40), day: Day }),
    output: z.object({ id: Id }),
  }),
  'tests.list': method({
    scope: 'office',
    summary: '核酸检测轮次与覆盖',
    perm: 'residents:read',
    write: false,
    input: z.object({}),
    output: z.array(z.object({ id: Id, name: z.string(), day: z.string(), due: z.number().int(), tested: z.number().int() })),
  }),
  'tests.compounds': method({
    scope: 'rows',
    summary: '某轮核酸检测各小区应检与已检',
    perm: 'residents:read',
    write: false,
    input: z.object({ id: Id }),
    output: z.array(z.object({ compoundId: Id, compoundName: z.string(), communityName: z.string(), due: z.number().int(), tested: z.number().int() })),
  }),
  'tests.record': method({
    scope: { refs: { compoundId: 'compound' } },
    summary: '录入某小区已检人数',
    perm: 'residents:write',
    write: 'tx',
    input: z.object({ id: Id, compoundId: Id, tested: z.number().int().min(0, '已检人数不能为负数'), note: optionalText('备注') }),
    output: Ok,
  }),
};
