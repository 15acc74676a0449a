import { z } from 'zod';
import { method } from './contract';
import { count, Id, name } from './common';

/**
 * 盘点: counted quantities typed down the stock list of one warehouse, saved together.
 * Each difference from the books becomes an adjustment in the ledger (history is never
 * overwritten); an item counted as the books say writes nothing.
 */
export const stocktake = {
  'stock.count': method({
    summary: '盘点：按实盘数量一次登记多种物资的盘点调整（与账面一致的不记；全部成功或全部不记）',
    perm: 'supplies:write',
    write: 'tx',
    input: z.object({
      warehouseId: Id,
      lines: z
        .array(z.object({ itemId: Id, counted: count('实盘数量') }))
        .min(1, '请至少填写一种物资的实盘数量')
        .max(500, '一次最多盘点 500 种物资'),
      reason: name('调整原因', 200).default('盘点'),
    }),
    output: z.object({ adjusted: z.number().int(), moveIds: z.array(Id) }),
  }),
};
