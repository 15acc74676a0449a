import { z } from 'zod';
import { method } from './contract';
import { count, Day, DeleteInput, Id, ListQuery, listResult, name, Ok, optionalText, phone, Reveal, Timestamps } from './common';
import { DonorKind, MoveKind, SupplyCategory } from '../domain/enums';

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
export * from './plans';

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
};
