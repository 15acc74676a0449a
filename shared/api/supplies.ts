import { z } from 'zod';
import { method } from './contract';
import { count, Day, DeleteInput, Id, ListQuery, listResult, name, Ok, optionalText, phone, Reveal, Timestamps } from './common';
import { DonorKind, MoveKind, PlanBasis, PlanStatus, RecipientKind, SupplyCategory } from '../domain/enums';

/** Supplies: catalogue, warehouses, the stock ledger, donations and allocation plans. */

const qty = (what = '数量') =>
  z
    .number({ error: `${what}必须是数字` })
    .int(`${what}必须是整数`)
    .min(1, `${what}必须大于 0`)
    .max(100_000_000, `${what}数值过大`);

// ---- catalogue (物资目录)
export const SupplyItemFields = z.object({
  name: name('物资名称', 40),
  category: z.enum(SupplyCategory.values, { error: '请选择物资类别' }),
  unit: name('计量单位', 6),
  packSize: z.number({ error: '每包装数量必须是数字' }).int('每包装数量必须是整数').min(1, '每包装数量至少为 1').max(100_000, '每包装数量过大'),
  packUnit: optionalText('包装单位', 6),
  allowSplit: z.boolean().default(false),
  lowStock: count('库存预警线')
    .nullish()
    .transform((v) => v ?? null),
  note: optionalText('备注'),
});
export const SupplyItem = SupplyItemFields.extend({ id: Id, onHand: z.number().int(), ...Timestamps });

// ---- warehouses (仓库)
export const WarehouseFields = z.object({
  name: name('仓库名称', 40),
  communityId: Id.nullish().transform((v) => v ?? null),
  keeper: optionalText('保管人', 20),
  phone,
  note: optionalText('备注'),
});
export const Warehouse = WarehouseFields.extend({ id: Id, communityName: z.string().nullable(), ...Timestamps });

// ---- donors (捐赠方)
export const DonorFields = z.object({
  name: name('捐赠方名称', 60),
  kind: z.enum(DonorKind.values, { error: '请选择捐赠方类型' }),
  contact: optionalText('联系人', 20),
  phone,
  note: optionalText('备注'),
});
export const Donor = DonorFields.extend({ id: Id, donations: z.number().int(), ...Timestamps });

// ---- the ledger (出入库台账)
export const Move = z.object({
  id: Id,
  ts: z.string(),
  itemId: Id,
  itemName: z.string(),
  unit: z.string(),
  warehouseId: Id,
  warehouseName: z.string(),
  qty: z.number().int(),
  kind: z.enum(MoveKind.values),
  counterparty: z.string().nullable(),
  recipientName: z.string().nullable(),
  reason: z.string().nullable(),
  planNo: z.string().nullable(),
  receiptNo: z.string().nullable(),
  reversesId: z.number().int().nullable(),
  reversedBy: z.number().int().nullable(),
  username: z.string(),
});
const Line = z.object({ itemId: Id, qty: qty() });
const Lines = z.array(Line).min(1, '请至少填写一种物资').max(200, '一次最多 200 种物资');

export const StockRow = z.object({ itemId: Id, warehouseId: Id, warehouseName: z.string(), onHand: z.number().int() });

export const StockOverview = z.object({
  items: z.array(
    z.object({
      itemId: Id,
      name: z.string(),
      category: z.enum(SupplyCategory.values),
      unit: z.string(),
      packSize: z.number().int(),
      packUnit: z.string().nullable(),
      onHand: z.number().int(),
      /** Units issued and used over the last 7 days (today included). */
      out7d: z.number().int(),
      /** onHand ÷ (out7d / 7); null when nothing went out (no rate to divide by). */
      daysOfCover: z.number().nullable(),
      lowStock: z.number().int().nullable(),
      /** Below the item's own line, or fewer days of cover than the office's threshold. */
      low: z.boolean(),
    }),
  ),
  coverDaysThreshold: z.number().int(),
  recent: z.array(Move),
  /** Stock at the end of each of the last 30 days, per item (for the chart). */
  series: z.array(z.object({ day: z.string(), stock: z.record(z.string(), z.number()) })),
});

// ---- donations (捐赠登记)
export const DonationInput = z.object({
  donorId: Id,
  warehouseId: Id,
  receivedOn: Day,
  lines: Lines,
  note: optionalText('备注'),
});
export const Donation = z.object({
  id: Id,
  receiptNo: z.string(),
  donorId: Id,
  donorName: z.string(),
  donorKind: z.enum(DonorKind.values),
  contact: z.string().nullable(),
  phone: z.string().nullable(),
  warehouseName: z.string(),
  receivedOn: z.string(),
  note: z.string().nullable(),
  username: z.string(),
  /** The handling user's display name, for the printed receipt (a login name is not a name). */
  handledBy: z.string(),
  createdAt: z.string(),
  /** Net of any reversal: what the ledger holds for this donation. */
  lines: z.array(z.object({ itemId: Id, itemName: z.string(), unit: z.string(), qty: z.number().int() })),
});
const ItemTotal = z.object({ itemId: Id, itemName: z.string(), unit: z.string(), qty: z.number().int() });
export const DonationTotals = z.object({
  byDonor: z.array(
    z.object({ donorId: Id, donorName: z.string(), donorKind: z.enum(DonorKind.values), donations: z.number().int(), items: z.array(ItemTotal) }),
  ),
  byItem: z.array(ItemTotal),
});

// ---- allocation plans (分配方案)
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
      z.object({
        itemId: Id,
        name: z.string(),
        unit: z.string(),
        packSize: z.number().int(),
        packUnit: z.string().nullable(),
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
    z.object({
      itemId: Id,
      name: z.string(),
      unit: z.string(),
      packSize: z.number().int(),
      packUnit: z.string().nullable(),
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

export const supplies = {
  'supplyItems.list': method({
    scope: 'office',
    summary: '物资目录（含现有库存）',
    perm: 'supplies:read',
    write: false,
    input: ListQuery.extend({ category: z.enum(SupplyCategory.values).optional() }),
    output: listResult(SupplyItem),
  }),
  'supplyItems.create': method({ summary: '新增物资', perm: 'supplies:write', write: 'tx', input: SupplyItemFields, output: SupplyItem }),
  'supplyItems.update': method({ summary: '修改物资', perm: 'supplies:write', write: 'tx', input: SupplyItemFields.extend({ id: Id }), output: SupplyItem }),
  'supplyItems.delete': method({ summary: '删除物资（已有台账记录的不能删除）', perm: 'supplies:write', write: 'tx', input: DeleteInput, output: Ok }),

  'warehouses.list': method({
    scope: 'office',
    summary: '仓库列表',
    perm: 'supplies:read',
    write: false,
    personal: true,
    input: ListQuery.extend({ reveal: Reveal.optional() }),
    output: listResult(Warehouse),
  }),
  'warehouses.create': method({ summary: '新增仓库', perm: 'supplies:write', write: 'tx', input: WarehouseFields, output: Warehouse }),
  'warehouses.update': method({ summary: '修改仓库', perm: 'supplies:write', write: 'tx', input: WarehouseFields.extend({ id: Id }), output: Warehouse }),
  'warehouses.delete': method({ summary: '删除仓库（有台账记录的不能删除）', perm: 'supplies:write', write: 'tx', input: DeleteInput, output: Ok }),

  'donors.list': method({
    scope: 'office',
    summary: '捐赠方名录',
    perm: 'supplies:read',
    write: false,
    personal: true,
    input: ListQuery.extend({ kind: z.enum(DonorKind.values).optional(), reveal: Reveal.optional() }),
    output: listResult(Donor),
  }),
  'donors.create': method({ summary: '登记捐赠方', perm: 'supplies:write', write: 'tx', input: DonorFields, output: Donor }),
  'donors.update': method({ summary: '修改捐赠方', perm: 'supplies:write', write: 'tx', input: DonorFields.extend({ id: Id }), output: Donor }),
  'donors.delete': method({ summary: '删除捐赠方（有捐赠记录的不能删除）', perm: 'supplies:write', write: 'tx', input: DeleteInput, output: Ok }),

  'stock.moves': method({
    scope: 'office',
    summary: '出入库台账（最新在前）',
    perm: 'supplies:read',
    write: false,
    input: z.object({
      itemId: Id.optional(),
      warehouseId: Id.optional(),
      kind: z.enum(MoveKind.values).optional(),
      from: Day.optional(),
      to: Day.optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(500).default(50),
    }),
    output: listResult(Move),
  }),
  'stock.onHand': method({
    scope: 'office',
    summary: '各仓库现有库存（由台账汇总）',
    perm: 'supplies:read',
    write: false,
    input: z.object({ warehouseId: Id.optional() }),
    output: z.array(StockRow),
  }),
  'stock.overview': method({
    scope: 'office',
    summary: '库存总览：库存、可用天数、预警、近期流水、库存走势',
    perm: 'supplies:read',
    write: false,
    input: z.object({}),
    output: StockOverview,
  }),
  'stock.receive': method({
    summary: '入库（采购或上级调拨）',
    perm: 'supplies:write',
    write: 'tx',
    input: z.object({
      kind: z.enum(['purchase', 'upper']),
      warehouseId: Id,
      counterparty: optionalText('来源单位', 60),
      lines: Lines,
      note: optionalText('备注'),
    }),
    output: z.object({ moveIds: z.array(Id) }),
  }),
  'stock.use': method({
    summary: '领用出库',
    perm: 'supplies:write',
    write: 'tx',
    input: z.object({ warehouseId: Id, counterparty: name('领用人/单位', 60), lines: Lines, note: optionalText('用途') }),
    output: z.object({ moveIds: z.array(Id) }),
  }),
  'stock.transfer': method({
    summary: '仓库间调拨',
    perm: 'supplies:write',
    write: 'tx',
    input: z.object({ fromId: Id, toId: Id, lines: Lines, note: optionalText('备注') }),
    output: z.object({ moveIds: z.array(Id) }),
  }),
  'stock.adjust': method({
    summary: '盘点调整（按实盘数量，须写明原因）',
    perm: 'supplies:write',
    write: 'tx',
    input: z.object({ warehouseId: Id, itemId: Id, counted: count('实盘数量'), reason: name('调整原因', 200) }),
    output: z.object({ moveIds: z.array(Id) }),
  }),
  'stock.loss': method({
    summary: '报损',
    perm: 'supplies:write',
    write: 'tx',
    input: z.object({ warehouseId: Id, itemId: Id, qty: qty('报损数量'), reason: name('报损原因', 200) }),
    output: z.object({ moveIds: z.array(Id) }),
  }),
  'stock.reverse': method({
    summary: '冲正一条台账记录（登记一条数量相反的记录，原记录不改）',
    perm: 'supplies:write',
    write: 'tx',
    input: z.object({ moveId: Id, reason: name('冲正原因', 200) }),
    output: z.object({ moveIds: z.array(Id) }),
  }),
  'supplies.settings': method({
    scope: 'office',
    summary: '物资预警设置',
    perm: 'supplies:read',
    write: false,
    input: z.object({}),
    output: z.object({ coverDaysThreshold: z.number().int() }),
  }),
  'supplies.setSettings': method({
    summary: '修改物资预警设置（可用天数低于多少天时预警）',
    perm: 'supplies:write',
    write: 'tx',
    input: z.object({ coverDaysThreshold: z.number({ error: '请填写天数' }).int('天数必须是整数').min(1, '至少 1 天').max(90, '最多 90 天') }),
    output: z.object({ coverDaysThreshold: z.number().int() }),
  }),

  'donations.list': method({
    scope: 'office',
    summary: '捐赠记录',
    perm: 'supplies:read',
    write: false,
    input: z.object({
      donorId: Id.optional(),
      from: Day.optional(),
      to: Day.optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(500).default(50),
    }),
    output: listResult(Donation.omit({ contact: true, phone: true })),
  }),
  'donations.get': method({
    scope: 'office',
    summary: '一次捐赠（打印捐赠接收凭证用）',
    perm: 'supplies:read',
    write: false,
    personal: true,
    input: z.object({ id: Id, reveal: Reveal.optional() }),
    output: Donation,
  }),
  'donations.create': method({
    summary: '登记捐赠并入库（自动生成凭证编号）',
    perm: 'supplies:write',
    write: 'tx',
    personal: true,
    input: DonationInput,
    output: Donation,
  }),
  'donations.totals': method({
    scope: 'office',
    summary: '捐赠汇总：按捐赠方、按物资（与台账一致）',
    perm: 'supplies:read',
    write: false,
    input: z.object({ from: Day.optional(), to: Day.optional() }),
    output: DonationTotals,
  }),

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
