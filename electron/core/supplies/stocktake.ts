import { ApiError } from '../../../shared/api/errors';
import type { stocktake } from '../../../shared/api/stocktake';
import { applyToEach } from '../api/bulk';
import { actor, type Handlers } from '../api/types';
import { stmt } from '../db/statements';
import { type NewMove, onHand, requireItemAndWarehouse, writeMoves } from './ledger';

/** 盘点 of one warehouse: one adjustment per item whose count differs from the books, all in the caller's transaction. */
export const stocktakeHandlers: Handlers<keyof typeof stocktake> = {
  'stock.count': ({ warehouseId, lines, reason }, ctx) => {
    if (!stmt(ctx.db, 'SELECT 1 FROM warehouses WHERE id = ?').get(warehouseId))
      throw new ApiError('VALIDATION', `仓库不存在或已被删除（编号 ${warehouseId}）`, [{ path: 'warehouseId', message: '仓库不存在' }]);
    const seen = new Set<number>();
    const itemName = stmt(ctx.db, 'SELECT name FROM supply_items WHERE id = ?');
    const label = (itemId: number) => (itemName.get(itemId) as { name: string } | undefined)?.name ?? `物资编号 ${itemId}`;
    const moves = applyToEach(
      lines.map((l) => l.itemId),
      label,
      (itemId): NewMove | null => {
        requireItemAndWarehouse(ctx.db, itemId, warehouseId);
        if (seen.has(itemId)) throw new ApiError('VALIDATION', '同一种物资填写了两次');
        seen.add(itemId);
        const counted = lines.find((l) => l.itemId === itemId)!.counted;
        const diff = counted - onHand(ctx.db, itemId, warehouseId);
        return diff === 0 ? null : { itemId, warehouseId, qty: diff, kind: 'adjust', reason };
      },
    ).filter((m): m is NewMove => m !== null);
    const moveIds = moves.length ? writeMoves(ctx.db, moves, actor(ctx)) : [];
    return { adjusted: moves.length, moveIds };
  },
};
