import { ApiError } from '../../../shared/api/errors';
import { SupplyItemFields } from '../../../shared/api/supplies';
import { DonorKind, SupplyCategory } from '../../../shared/domain/enums';
import { stmt } from '../db/statements';
import { entityBulk } from '../excel/entity-bulk';
import { issuesToColumns } from '../excel/resolve-refs';
import { type CellError, defineTable, type TableSchema } from '../excel/table-schema';
import { ALL_COMMUNITIES, createRow, getRow, updateRow } from '../kernel/entity';
import { createDonation } from './donations';
import { writeMoves } from './ledger';
import { donors, supplyItems } from './registers';
import { stockInBulk } from './stock-in-bulk';
import { dayEnd, dayStart } from '../../../shared/domain/days';

/** Importable supplies tables: the catalogue, and stock received (purchases, transfers from above, donations). */

const YES_NO = { yes: '是', no: '否' };

export const supplyItemsTable = defineTable({
  name: 'supplyItems',
  label: '物资目录',
  perm: 'supplies:write',
  keyLabel: '同名的物资',
  columns: [
    {
      key: 'name',
      label: '物资名称',
      synonyms: ['物资', '名称', '品名', '物品名称'],
      required: true,
      kind: 'text',
      hint: '全街道唯一',
      example: '医用外科口罩',
      width: 16,
    },
    {
      key: 'category',
      label: '类别',
      synonyms: ['物资类别', '分类', '类型'],
      required: true,
      kind: 'enum',
      enumLabels: SupplyCategory.labels,
      hint: '防护物资 / 消杀物资 / 生活物资',
      example: '防护物资',
      width: 10,
    },
    { key: 'unit', label: '单位', synonyms: ['计量单位'], required: true, kind: 'text', hint: '个、只、瓶、桶、公斤、箱……', example: '只', width: 8 },
    {
      key: 'packSize',
      label: '每包装数量',
      synonyms: ['包装规格', '每盒数量', '每箱数量', '规格'],
      kind: 'int',
      hint: '如每盒 50 只填 50；不填为 1',
      example: 50,
      width: 10,
    },
    { key: 'packUnit', label: '包装单位', synonyms: ['包装'], kind: 'text', hint: '盒 / 箱 / 包', example: '盒', width: 8 },
    {
      key: 'allowSplit',
      label: '可拆包',
      synonyms: ['允许拆包', '是否可拆'],
      kind: 'enum',
      enumLabels: YES_NO,
      hint: '是 / 否，不填为否',
      example: '否',
      width: 8,
    },
    { key: 'lowStock', label: '预警线', synonyms: ['库存预警', '最低库存'], kind: 'int', hint: '库存低于此数量时预警', example: 1000, width: 8 },
    { key: 'note', label: '备注', synonyms: ['说明'], kind: 'text', hint: '', example: '', width: 20 },
  ],
  resolve(_ctx, v) {
    const parsed = SupplyItemFields.safeParse({ ...v, packSize: v.packSize ?? 1, allowSplit: v.allowSplit === 'yes' });
    return parsed.success
      ? { input: parsed.data, errors: [], key: String(v.name) }
      : { input: null, errors: issuesToColumns(parsed.error.issues, {}), key: String(v.name) };
  },
  findExisting(ctx, input) {
    const hit = stmt(ctx.db, 'SELECT id FROM supply_items WHERE name = ?').get(input.name) as { id: number } | undefined;
    return hit ? getRow(ctx, supplyItems, hit.id) : null;
  },
  compare: ['category', 'unit', 'packSize', 'packUnit', 'allowSplit', 'lowStock', 'note'],
  bulk: entityBulk(supplyItems),
  save: (ctx, input, id) => void (id === null ? createRow(ctx, supplyItems, input) : updateRow(ctx, supplyItems, id, input)),
  toCells: (r) => ({ ...r, category: SupplyCategory.labels[r.category], allowSplit: r.allowSplit ? '是' : '否' }),
});

const SOURCES = { purchase: '采购', upper: '上级调拨', donation: '社会捐赠' };
type Source = keyof typeof SOURCES;
interface StockIn {
  day: string;
  kind: Source;
  counterparty: string | null;
  donorKind: keyof typeof DonorKind.labels;
  itemId: number;
  warehouseId: number;
  qty: number;
  note: string | null;
}

/** Noon, Beijing time, of a calendar day: the moment an imported receipt is booked at. */
const noonOf = (day: string) => new Date(`${day}T12:00:00+08:00`);

export const stockInTable: TableSchema = {
  name: 'stockIn',
  label: '物资入库',
  perm: 'supplies:write',
  keyLabel: '日期、来源、单位、物资和数量都相同的入库记录',
  columns: [
    {
      key: 'day',
      label: '入库日期',
      synonyms: ['日期', '接收日期', '到货日期', '捐赠日期'],
      required: true,
      kind: 'date',
      hint: '如 2022-02-03',
      example: '2022-02-03',
      width: 12,
    },
    {
      key: 'kind',
      label: '来源',
      synonyms: ['入库类型', '来源类型', '物资来源'],
      required: true,
      kind: 'enum',
      enumLabels: SOURCES,
      hint: '采购 / 上级调拨 / 社会捐赠',
      example: '社会捐赠',
      width: 10,
    },
    {
      key: 'counterparty',
      label: '来源单位',
      synonyms: ['捐赠方', '捐赠单位', '捐赠人', '供货单位', '调拨单位', '供应商'],
      kind: 'text',
      hint: '社会捐赠必填（捐赠方名称）',
      example: '商丘隆越汽车有限公司',
      width: 22,
    },
    {
      key: 'donorKind',
      label: '捐赠方类型',
      synonyms: ['捐赠类型'],
      kind: 'enum',
      enumLabels: DonorKind.labels,
      hint: '企业 / 协会/社会组织 / 个人，新捐赠方时使用，不填为企业',
      example: '企业',
      width: 12,
    },
    {
      key: 'item',
      label: '物资名称',
      synonyms: ['物资', '品名', '名称'],
      required: true,
      kind: 'text',
      hint: '须是物资目录中已有的物资',
      example: '医用外科口罩',
      width: 16,
    },
    { key: 'qty', label: '数量', synonyms: ['入库数量', '捐赠数量'], required: true, kind: 'int', hint: '按物资目录中的计量单位', example: 5000, width: 10 },
    { key: 'warehouse', label: '仓库', synonyms: ['入库仓库', '存放仓库'], kind: 'text', hint: '不填为街道物资库', example: '街道物资库', width: 12 },
    { key: 'note', label: '备注', synonyms: ['说明'], kind: 'text', hint: '', example: '', width: 20 },
  ],
  resolve(ctx, v) {
    const errors: CellError[] = [];
    const item = stmt(ctx.db, 'SELECT id FROM supply_items WHERE name = ?').get(v.item) as { id: number } | undefined;
    if (!item) errors.push({ key: 'item', message: `物资目录中没有“${v.item}”，请先在物资目录中添加` });
    const wh = v.warehouse
      ? (stmt(ctx.db, 'SELECT id FROM warehouses WHERE name = ?').get(v.warehouse) as { id: number } | undefined)
      : (stmt(ctx.db, 'SELECT min(id) AS id FROM warehouses').get() as { id: number } | undefined);
    if (!wh?.id) errors.push({ key: 'warehouse', message: `仓库“${v.warehouse}”不存在` });
    const qty = Number(v.qty);
    if (!(qty > 0)) errors.push({ key: 'qty', message: '数量必须大于 0' });
    if (v.kind === 'donation' && !v.counterparty) errors.push({ key: 'counterparty', message: '社会捐赠须填写捐赠方' });
    const key = [v.day, v.kind, v.counterparty, v.item, v.qty, v.warehouse].join('|');
    if (errors.length) return { input: null, errors, key };
    const input: StockIn = {
      day: String(v.day),
      kind: v.kind as Source,
      counterparty: (v.counterparty as string | null) ?? null,
      donorKind: (v.donorKind as StockIn['donorKind'] | null) ?? 'enterprise',
      itemId: item!.id,
      warehouseId: wh!.id,
      qty,
      note: (v.note as string | null) ?? null,
    };
    return { input: input as unknown as Record<string, unknown>, errors: [], key };
  },
  /** The same receipt imported before (same day, source, unit, item, quantity, warehouse): shown as 无变化, not booked twice. */
  findExisting(ctx, raw) {
    const i = raw as unknown as StockIn;
    const [start, end] = [dayStart(i.day), dayEnd(i.day)];
    const hit = stmt(
      ctx.db,
      `SELECT id FROM stock_moves WHERE kind = ? AND ts >= ? AND ts < ? AND item_id = ? AND qty = ? AND warehouse_id = ? AND coalesce(counterparty, '') = ? LIMIT 1`,
    ).get(i.kind, start, end, i.itemId, i.qty, i.warehouseId, i.counterparty ?? '') as { id: number } | undefined;
    return hit ? { id: hit.id } : null;
  },
  compare: [],
  bulk: stockInBulk,
  save(ctx, raw) {
    const i = raw as unknown as StockIn;
    const who = { username: ctx.username ?? 'import', now: noonOf(i.day) };
    if (i.kind !== 'donation') {
      writeMoves(ctx.db, [{ itemId: i.itemId, warehouseId: i.warehouseId, qty: i.qty, kind: i.kind, counterparty: i.counterparty, reason: i.note }], who);
      return;
    }
    // A donor's rows of one day are one donation (one receipt), as a paper register has them.
    let donor = stmt(ctx.db, 'SELECT id FROM donors WHERE name = ?').get(i.counterparty) as { id: number } | undefined;
    donor ??= createRow({ ...ctx, scope: ALL_COMMUNITIES }, donors, { name: i.counterparty!, kind: i.donorKind, contact: null, phone: null, note: null });
    const existing = stmt(ctx.db, 'SELECT id FROM donations WHERE donor_id = ? AND received_on = ? AND warehouse_id = ? ORDER BY id DESC LIMIT 1').get(
      donor.id,
      i.day,
      i.warehouseId,
    ) as { id: number } | undefined;
    if (existing) {
      writeMoves(
        ctx.db,
        [{ itemId: i.itemId, warehouseId: i.warehouseId, qty: i.qty, kind: 'donation', donationId: existing.id, counterparty: i.counterparty, reason: i.note }],
        who,
      );
    } else {
      createDonation(
        ctx.db,
        { donorId: donor.id, warehouseId: i.warehouseId, receivedOn: i.day, lines: [{ itemId: i.itemId, qty: i.qty }], note: i.note },
        who,
      );
    }
  },
  toCells() {
    throw new ApiError('VALIDATION', '入库记录请在出入库台账中查看');
  },
};
