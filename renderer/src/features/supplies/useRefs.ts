import type { z } from 'zod';
import type { SupplyItem } from '../../../../shared/api/supplies';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';

export type ItemRow = z.output<typeof SupplyItem>;
export interface SupplyRefs {
  items: ItemRow[];
  warehouses: { value: number; label: string }[];
  communities: { value: number; label: string }[];
  donors: { value: number; label: string }[];
}

/** The lists every supplies form picks from, loaded once per page visit and reloaded after changes. */
export function useSupplyRefs(version: number) {
  return useLoad(async (): Promise<SupplyRefs> => {
    const [items, warehouses, communities, donors] = await Promise.all([
      call('supplyItems.list', { pageSize: 500 }),
      call('warehouses.list', { pageSize: 500 }),
      call('communities.list', { pageSize: 500, sort: 'name' }),
      call('donors.list', { pageSize: 500, sort: 'name' }),
    ]);
    return {
      items: items.rows,
      warehouses: warehouses.rows.map((w) => ({ value: w.id, label: w.name })),
      communities: communities.rows.map((c) => ({ value: c.id, label: c.name })),
      donors: donors.rows.map((d) => ({ value: d.id, label: d.name })),
    };
  }, [version]);
}

export const itemOptions = (items: ItemRow[]) => items.map((i) => ({ value: i.id, label: `${i.name}（${i.unit}）` }));
