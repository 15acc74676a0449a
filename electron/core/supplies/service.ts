import type { plans, supplies } from '../../../shared/api/supplies';
import { ApiError } from '../../../shared/api/errors';
import { actor, entityCtx, type Ctx, type Handlers } from '../api/types';
import { putSetting } from '../auth/settings';
import { stmt } from '../db/statements';
import { createRow, deleteRow, listRows, updateRow } from '../kernel/entity';
import { createDonation, donationTotals, getDonation, listDonations } from './donations';
import { nextTransferId, onHand, requireItemAndWarehouse, reverseMove, writeMoves } from './ledger';
import { planWorkbook } from './plan-workbook';
import { approvePlan, createPlan, deletePlan, getPlan, issuePlan, listPlans, previewPlan, revertPlan, setLine, updatePlan } from './plans';
import { donors, supplyItems, warehouses } from './registers';
import { coverDaysThreshold, listMoves, stockOverview, stockRows } from './stock';

const ids = (moveIds: number[]) => ({ moveIds });

function requireWarehouse(ctx: Ctx, id: number, field = 'warehouseId'): void {
  if (!stmt(ctx.db, 'SELECT 1 FROM warehouses WHERE id = ?').get(id))
    throw new ApiError('VALIDATION', '仓库不存在或已被删除', [{ path: field, message: '仓库不存在' }]);
}

export const suppliesHandlers: Handlers<keyof typeof supplies | keyof typeof plans> = {
  'supplyItems.list': (input, ctx) => listRows(entityCtx(ctx), supplyItems, input),
  'supplyItems.create': (input, ctx) => createRow(entityCtx(ctx), supplyItems, input),
  'supplyItems.update': ({ id, ...f }, ctx) => updateRow(entityCtx(ctx), supplyItems, id, f),
  'supplyItems.delete': ({ id }, ctx) => deleteRow(entityCtx(ctx), supplyItems, id),

  'warehouses.list': (input, ctx) => listRows(entityCtx(ctx), warehouses, input),
  'warehouses.create': (input, ctx) => createRow(entityCtx(ctx), warehouses, input),
  'warehouses.update': ({ id, ...f }, ctx) => updateRow(entityCtx(ctx), warehouses, id, f),
  'warehouses.delete': ({ id }, ctx) => deleteRow(entityCtx(ctx), warehouses, id),

  'donors.list': (input, ctx) => listRows(entityCtx(ctx), donors, input),
  'donors.create': (input, ctx) => createRow(entityCtx(ctx), donors, input),
  'donors.update': ({ id, ...f }, ctx) => updateRow(entityCtx(ctx), donors, id, f),
  'donors.delete': ({ id }, ctx) => deleteRow(entityCtx(ctx), donors, id),

  'stock.moves': (input, ctx) => listMoves(ctx.db, input),
  'stock.onHand': ({ warehouseId }, ctx) => stockRows(ctx.db, warehouseId),
  'stock.overview': (_, ctx) => stockOverview(ctx.db, ctx.now()),
  'stock.receive': ({ kind, warehouseId, counterparty, lines, note }, ctx) => {
    requireWarehouse(ctx, warehouseId);
    return ids(
      writeMoves(
        ctx.db,
        lines.map((l) => ({ itemId: l.itemId, warehouseId, qty: l.qty, kind, counterparty, reason: note })),
        actor(ctx),
      ),
    );
  },
  'stock.use': ({ warehouseId, counterparty, lines, note }, ctx) => {
    requireWarehouse(ctx, warehouseId);
    return ids(
      writeMoves(
        ctx.db,
        lines.map((l) => ({ itemId: l.itemId, warehouseId, qty: -l.qty, kind: 'use' as const, counterparty, reason: note })),
        actor(ctx),
      ),
    );
  },
  'stock.transfer': ({ fromId, toId, lines, note }, ctx) => {
    if (fromId === toId) throw new ApiError('VALIDATION', '调出和调入不能是同一个仓库', [{ path: 'toId', message: '调出和调入不能是同一个仓库' }]);
    requireWarehouse(ctx, fromId, 'fromId');
    requireWarehouse(ctx, toId, 'toId');
    const transferId = nextTransferId(ctx.db);
    const moves = lines.flatMap((l) => [
      { itemId: l.itemId, warehouseId: fromId, qty: -l.qty, kind: 'transfer_out' as const, transferId, reason: note },
      { itemId: l.itemId, warehouseId: toId, qty: l.qty, kind: 'transfer_in' as const, transferId, reason: note },
    ]);
    return ids(writeMoves(ctx.db, moves, actor(ctx)));
  },
  'stock.adjust': ({ warehouseId, itemId, counted, reason }, ctx) => {
    const { itemName, unit } = requireItemAndWarehouse(ctx.db, itemId, warehouseId);
    const diff = counted - onHand(ctx.db, itemId, warehouseId);
    if (diff === 0) throw new ApiError('VALIDATION', `“${itemName}”实盘 ${counted} ${unit}，与账面一致，无需调整`);
    return ids(writeMoves(ctx.db, [{ itemId, warehouseId, qty: diff, kind: 'adjust', reason }], actor(ctx)));
  },
  'stock.loss': ({ warehouseId, itemId, qty, reason }, ctx) => ids(writeMoves(ctx.db, [{ itemId, warehouseId, qty: -qty, kind: 'loss', reason }], actor(ctx))),
  'stock.reverse': ({ moveId, reason }, ctx) => ids(reverseMove(ctx.db, moveId, reason, actor(ctx))),
  'supplies.settings': (_, ctx) => ({ coverDaysThreshold: coverDaysThreshold(ctx.db) }),
  'supplies.setSettings': ({ coverDaysThreshold: days }, ctx) => {
    putSetting(ctx.db, 'supplies_cover_days', String(days));
    return { coverDaysThreshold: days };
  },

  'donations.list': (input, ctx) => listDonations(ctx.db, input),
  'donations.get': ({ id }, ctx) => getDonation(ctx.db, id),
  'donations.create': (input, ctx) => {
    requireWarehouse(ctx, input.warehouseId);
    return createDonation(ctx.db, input, actor(ctx));
  },
  'donations.totals': (input, ctx) => donationTotals(ctx.db, input),

  'plans.list': (input, ctx) => listPlans(ctx.db, input),
  'plans.get': ({ id }, ctx) => getPlan(ctx.db, id),
  'plans.preview': (input, ctx) => previewPlan(ctx.db, input),
  'plans.create': (input, ctx) => createPlan(ctx.db, input, actor(ctx)),
  'plans.update': (input, ctx) => updatePlan(ctx.db, input, actor(ctx)),
  'plans.setLine': (input, ctx) => setLine(ctx.db, input, actor(ctx)),
  'plans.approve': ({ id }, ctx) => approvePlan(ctx.db, id, actor(ctx)),
  'plans.revert': ({ id }, ctx) => revertPlan(ctx.db, id, actor(ctx)),
  'plans.issue': ({ id }, ctx) => issuePlan(ctx.db, id, actor(ctx)),
  'plans.delete': ({ id }, ctx) => deletePlan(ctx.db, id),
  'plans.export': async ({ id }, ctx) => {
    const office = stmt(ctx.db, 'SELECT name FROM office WHERE id = 1').get() as { name: string };
    return planWorkbook(getPlan(ctx.db, id), office.name);
  },
};
