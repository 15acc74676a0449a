import { z } from 'zod';
import { method } from './contract';
import { count, Id, listResult, name, Ok, optionalText } from './common';
import { PlanBasis, PlanStatus, RecipientKind } from '../domain/enums';

/** Allocation plans (分配方案): drafted by weights, previewed, approved by a second person, issued in one go. */

/** An item as a plan counts it: its base unit and, for items kept in packs, the pack. */
const PlanItemUnits = z.object({
  itemId: Id,
  name: z.string(),
  unit: z.string(),
  packSize: z.number().int(),
  packUnit: z.string().nullable(),
});

export const PlanRecipients = z.enum(['community', 'checkpoint', 'both']);
export const PlanItemInput = z.object({
  itemId: Id,
  total: z.number().int().min(0, '计划数量不能为负数').max(100_000_000),
  /** Split by the base unit (瓶/只) even if the item is normally handed out in whole packs. */
  inUnits: z.boolean().default(false),
});
export const PlanRecipientInput = z.object({
  kind: z.enum(RecipientKind.values),
  refId: Id,
  weight: z.number({ error: '权重必须是数字' }).min(0, '权重不能为负数').max(1e9, '权重数值过大'),
  minPacks: count('最低包数')
    .nullish()
    .transform((v) => v ?? null),
  maxPacks: count('最高包数')
    .nullish()
    .transform((v) => v ?? null),
});
export const PlanCreate = z.object({
  title: name('方案名称', 60),
  warehouseId: Id,
  basis: z.enum(PlanBasis.values),
  recipients: PlanRecipients,
  items: z.array(PlanItemInput).min(1, '请至少选择一种物资').max(50, '一个方案最多 50 种物资'),
  note: optionalText('备注'),
  /** Leave out the recipients that would get nothing (recomputed until everyone left gets something). */
  dropEmpty: z.boolean().default(false),
  /** The planner has seen that some item is asked for beyond the stock and accepts the cut. */
  acceptShort: z.boolean().default(false),
});
/** What a new plan would give, before it is saved. */
export const PlanPreview = {
  input: PlanCreate.pick({ warehouseId: true, basis: true, recipients: true, items: true, dropEmpty: true }),
  output: z.object({
    recipients: z.number().int(),
    /** Recipients that get nothing of any item. */
    empty: z.number().int(),
    /** The first ten of them (places, not people). */
    emptyNames: z.array(z.string()),
    /** Items asked for beyond the stock, in words (requested, on hand, cut). */
    shortfalls: z.array(z.string()),
    items: z.array(
      PlanItemUnits.extend({
        /** Split in whole packs (so a base-unit split could reach more recipients). */
        wholePacks: z.boolean(),
        requested: z.number().int(),
        onHand: z.number().int(),
        allocated: z.number().int(),
        /** Recipients that get none of this item. */
        zero: z.number().int(),
      }),
    ),
  }),
};
export const PlanUpdate = z.object({
  id: Id,
  title: name('方案名称', 60),
  basis: z.enum(PlanBasis.values),
  items: z.array(PlanItemInput).min(1, '请至少选择一种物资').max(50, '一个方案最多 50 种物资'),
  recipients: z.array(PlanRecipientInput).min(1, '请至少保留一个接收方').max(5000),
  note: optionalText('备注'),
  /** As for plans.create: without it a recomputation that would cut a request to the stock is refused. */
  acceptShort: z.boolean().default(false),
});
export const PlanSummary = z.object({
  id: Id,
  planNo: z.string(),
  title: z.string(),
  status: z.enum(PlanStatus.values),
  warehouseName: z.string(),
  recipientCount: z.number().int(),
  itemCount: z.number().int(),
  createdBy: z.string(),
  /** 制表人 as shown: the user's display name. */
  createdByName: z.string(),
  createdAt: z.string(),
  issuedAt: z.string().nullable(),
});
export const Plan = z.object({
  id: Id,
  planNo: z.string(),
  title: z.string(),
  status: z.enum(PlanStatus.values),
  basis: z.enum(PlanBasis.values),
  warehouseId: Id,
  warehouseName: z.string(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  issuedBy: z.string().nullable(),
  issuedAt: z.string().nullable(),
  /** The users' display names, for the screen and printed forms (login names are not names). */
  createdByName: z.string(),
  approvedByName: z.string().nullable(),
  issuedByName: z.string().nullable(),
  items: z.array(
    PlanItemUnits.extend({
      allowSplit: z.boolean(),
      /** This plan splits the item by its base unit although it is normally kept in whole packs. */
      inUnits: z.boolean(),
      /** Units the plan hands out (the sum of its lines). */
      total: z.number().int(),
      /** Units asked for when the plan was computed. */
      requested: z.number().int(),
      onHand: z.number().int(),
      /** How the figures were rounded, in Chinese, for the screen. */
      explanation: z.string(),
    }),
  ),
  recipients: z.array(
    z.object({
      kind: z.enum(RecipientKind.values),
      refId: Id,
      name: z.string(),
      workload: z.number(),
      weight: z.number(),
      minPacks: z.number().int().nullable(),
      maxPacks: z.number().int().nullable(),
    }),
  ),
  /** qty per recipient (kind:refId) per item id. */
  lines: z.array(z.object({ kind: z.enum(RecipientKind.values), refId: Id, itemId: Id, qty: z.number().int(), suggested: z.number().int() })),
});
const PlanId = z.object({ id: Id });

export const plans = {
  'plans.list': method({
    scope: 'office',
    summary: '分配方案列表',
    perm: 'supplies:read',
    write: false,
    input: z.object({
      status: z.enum(PlanStatus.values).optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(200).default(50),
    }),
    output: listResult(PlanSummary),
  }),
  'plans.get': method({ scope: 'office', summary: '分配方案详情（分配表）', perm: 'supplies:read', write: false, input: PlanId, output: Plan }),
  'plans.preview': method({
    summary: '新建分配方案前预览：分不到物资的接收方、超出库存的数量（不保存）',
    perm: 'supplies:write',
    write: false,
    input: PlanPreview.input,
    output: PlanPreview.output,
  }),
  'plans.create': method({ summary: '新建分配方案（按工作量计算建议数量）', perm: 'supplies:write', write: 'tx', input: PlanCreate, output: Plan }),
  'plans.update': method({
    summary: '修改草稿方案并重新计算（权重、最低/最高包数、物资与数量）',
    perm: 'supplies:write',
    write: 'tx',
    input: PlanUpdate,
    output: Plan,
  }),
  'plans.setLine': method({
    summary: '调整方案中一个接收方一种物资的数量（合计随之变化）',
    perm: 'supplies:write',
    write: 'tx',
    input: z.object({
      id: Id,
      kind: z.enum(RecipientKind.values),
      refId: Id,
      itemId: Id,
      qty: z.number({ error: '数量必须是数字' }).int('数量必须是整数').min(0, '数量不能为负数').max(100_000_000),
    }),
    output: Plan,
  }),
  'plans.approve': method({ summary: '审批分配方案（制定人不能审批自己的方案）', perm: 'supplies:approve', write: 'tx', input: PlanId, output: Plan }),
  'plans.revert': method({ summary: '撤回审批（回到草稿）', perm: 'supplies:approve', write: 'tx', input: PlanId, output: Plan }),
  'plans.issue': method({ summary: '按方案发放：一次写入全部出库记录', perm: 'supplies:write', write: 'tx', input: PlanId, output: Plan }),
  'plans.delete': method({ summary: '删除草稿方案', perm: 'supplies:write', write: 'tx', input: PlanId, output: Ok }),
  'plans.export': method({
    scope: 'office',
    summary: '导出物资分配表（.xlsx）',
    audit: 'export',
    perm: 'supplies:read',
    write: false,
    input: PlanId,
    output: z.object({ fileName: z.string(), base64: z.string(), rowCount: z.number().int() }),
  }),
};
