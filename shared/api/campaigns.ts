import { z } from 'zod';
import { method } from './contract';
import { Day, Id, name, optionalText } from './common';

/** 入户排查 campaigns: "不落一户、不漏一人". */

export const VisitResult = { done: '已排查', absent: '无人', refused: '拒绝', vacant: '空置' } as const;
const Level = z.enum(['community', 'grid', 'compound', 'building']);

export const Campaign = z.object({
  id: Id,
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  scopeAll: z.boolean(),
  communities: z.array(z.string()),
  households: z.number().int(),
  reached: z.number().int(),
});

export const campaigns = {
  'campaigns.list': method({ scope: 'office', summary: '排查活动', perm: 'residents:read', write: false, input: z.object({}), output: z.array(Campaign) }),
  'campaigns.create': method({
    scope: { refs: { communityIds: 'community' } },
    summary: '新建排查活动（全街道或选定社区）',
    perm: 'residents:write',
    write: 'tx',
    input: z.object({ name: name('活动名称', 40), startDate: Day, endDate: Day, communityIds: z.array(Id).max(100).default([]) }),
    output: Campaign,
  }),
  'campaigns.coverage': method({
    scope: 'rows',
    summary: '排查覆盖：按社区、片区、小区或楼栋，已到户 / 应到户',
    perm: 'residents:read',
    write: false,
    input: z.object({ id: Id, by: Level.default('community'), parentId: Id.optional() }),
    output: z.array(z.object({ id: z.number().int(), name: z.string(), households: z.number().int(), reached: z.number().int() })),
  }),
  'campaigns.unreached': method({
    scope: { refs: { compoundId: 'compound' }, rows: true },
    summary: '尚未到户的户（下一轮排查名单）',
    perm: 'residents:read',
    write: false,
    input: z.object({ id: Id, compoundId: Id.optional(), page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(200).default(50) }),
    output: z.object({
      rows: z.array(
        z.object({
          householdId: Id,
          compoundName: z.string(),
          building: z.string(),
          unit: z.string(),
          room: z.string(),
          residents: z.number().int(),
          lastResult: z.enum(['done', 'absent', 'refused', 'vacant']).nullable(),
        }),
      ),
      total: z.number().int(),
    }),
  }),
  'visits.record': method({
    scope: { refs: { householdId: 'household' } },
    notes: ['findings'],
    summary: '登记一次入户走访',
    perm: 'residents:write',
    write: 'tx',
    input: z.object({
      campaignId: Id,
      householdId: Id,
      day: Day,
      result: z.enum(['done', 'absent', 'refused', 'vacant']),
      present: z
        .number()
        .int()
        .min(0)
        .max(50)
        .nullish()
        .transform((v) => v ?? null),
      findings: optionalText('发现的情况', 200),
    }),
    output: z.object({ ok: z.literal(true) }),
  }),
};
