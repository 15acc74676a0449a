import type { z } from 'zod';
import type { Donor, DonorFields, SupplyItem, SupplyItemFields, Warehouse, WarehouseFields } from '../../../shared/api/supplies';
import { type EntityDef, requireRef } from '../kernel/entity';

/** The supplies registers (catalogue, warehouses, donors) through the same entity layer as the territory. */

type ItemF = z.output<typeof SupplyItemFields>;
export const supplyItems: EntityDef<ItemF, z.input<typeof SupplyItem>> = {
  table: 'supply_items',
  scopeColumn: null,
  label: '物资',
  from: 'supply_items t',
  select: `t.id, t.name, t.category, t.unit, t.pack_size AS packSize, t.pack_unit AS packUnit, t.allow_split AS allowSplit,
    t.low_stock AS lowStock, t.note, t.created_at AS createdAt, t.updated_at AS updatedAt,
    (SELECT coalesce(sum(m.qty), 0) FROM stock_moves m WHERE m.item_id = t.id) AS onHand`,
  filters: { category: 't.category = ?' },
  sorts: { id: 't.id', name: 't.name', category: 't.category, t.id' },
  defaultSort: 'id',
  columns: (f) => ({
    name: f.name,
    category: f.category,
    unit: f.unit,
    pack_size: f.packSize,
    pack_unit: f.packSize > 1 ? (f.packUnit ?? '包') : null,
    allow_split: f.allowSplit ? 1 : 0,
    low_stock: f.lowStock,
    note: f.note,
  }),
  dependents: [
    { sql: 'SELECT count(*) AS n FROM stock_moves WHERE item_id = ?', noun: '出入库记录' },
    { sql: 'SELECT count(*) AS n FROM plan_items WHERE item_id = ?', noun: '分配方案' },
  ],
  duplicate: (f) => `已有名为“${f.name}”的物资`,
  fromRow: (r) => ({ ...(r as z.input<typeof SupplyItem>), allowSplit: r.allowSplit === 1 }),
};

type WarehouseF = z.output<typeof WarehouseFields>;
export const warehouses: EntityDef<WarehouseF, z.input<typeof Warehouse>> = {
  table: 'warehouses',
  scopeColumn: null,
  label: '仓库',
  from: 'warehouses t LEFT JOIN communities c ON c.id = t.community_id',
  select: `t.id, t.name, t.community_id AS communityId, c.name AS communityName, t.keeper, t.phone, t.note,
    t.created_at AS createdAt, t.updated_at AS updatedAt`,
  filters: {},
  sorts: { id: 't.id', name: 't.name' },
  defaultSort: 'id',
  columns: (f) => ({ name: f.name, community_id: f.communityId, keeper: f.keeper, phone: f.phone, note: f.note }),
  dependents: [
    { sql: 'SELECT count(*) AS n FROM stock_moves WHERE warehouse_id = ?', noun: '出入库记录' },
    { sql: 'SELECT count(*) AS n FROM alloc_plans WHERE warehouse_id = ?', noun: '分配方案' },
  ],
  duplicate: (f) => `已有名为“${f.name}”的仓库`,
  check: (db, f) => {
    if (f.communityId !== null) requireRef(db, 'communities', f.communityId, 'communityId', '所属社区');
    return f;
  },
};

type DonorF = z.output<typeof DonorFields>;
export const donors: EntityDef<DonorF, z.input<typeof Donor>> = {
  table: 'donors',
  scopeColumn: null,
  label: '捐赠方',
  from: 'donors t',
  select: `t.id, t.name, t.kind, t.contact, t.phone, t.note, t.created_at AS createdAt, t.updated_at AS updatedAt,
    (SELECT count(*) FROM donations d WHERE d.donor_id = t.id) AS donations`,
  filters: { kind: 't.kind = ?' },
  sorts: { id: 't.id', name: 't.name', kind: 't.kind, t.id' },
  defaultSort: 'id',
  columns: (f) => ({ name: f.name, kind: f.kind, contact: f.contact, phone: f.phone, note: f.note }),
  dependents: [{ sql: 'SELECT count(*) AS n FROM donations WHERE donor_id = ?', noun: '捐赠记录' }],
  duplicate: (f) => `已有名为“${f.name}”的捐赠方`,
};
