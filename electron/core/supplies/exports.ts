import { MoveKind, SupplyCategory } from '../../../shared/domain/enums';
import type { Handlers } from '../api/types';
import { exportReport } from '../excel/export-report';
import { listMoves, stockOverview } from './stock';

type MoveRow = ReturnType<typeof listMoves>['rows'][number];
type ItemRow = ReturnType<typeof stockOverview>['items'][number];
const ALL = 1_000_000;

/** 出入库台账 and 库存总览 as workbooks: what the pages show, no personal data in either. */
export const supplyExportHandlers: Handlers<'stockMoves.export' | 'stock.export'> = {
  'stockMoves.export': (filter, ctx) =>
    exportReport<MoveRow>(
      ctx,
      '出入库台账',
      [
        { label: '时间', width: 18, value: (m) => m.ts.slice(0, 16).replace('T', ' ') },
        { label: '类型', width: 10, value: (m) => MoveKind.labels[m.kind as keyof typeof MoveKind.labels] },
        { label: '物资', width: 16, value: (m) => m.itemName },
        { label: '数量', width: 10, number: true, value: (m) => m.qty },
        { label: '单位', width: 6, value: (m) => m.unit },
        { label: '仓库', width: 14, value: (m) => m.warehouseName },
        { label: '来源/去向', width: 20, value: (m) => m.recipientName ?? m.counterparty },
        { label: '原因', width: 20, value: (m) => m.reason },
        { label: '方案/凭证', width: 16, value: (m) => m.planNo ?? m.receiptNo },
        { label: '冲正', width: 12, value: (m) => (m.reversesId ? `冲正 #${m.reversesId}` : m.reversedBy ? '已冲正' : '') },
        { label: '经办账号', width: 12, value: (m) => m.username },
      ],
      listMoves(ctx.db, { ...filter, page: 1, pageSize: ALL }).rows,
    ),
  'stock.export': (_, ctx) =>
    exportReport<ItemRow>(
      ctx,
      '库存总览',
      [
        { label: '物资', width: 16, value: (i) => i.name },
        { label: '类别', width: 10, value: (i) => SupplyCategory.labels[i.category as keyof typeof SupplyCategory.labels] },
        { label: '现有库存', width: 10, number: true, value: (i) => i.onHand },
        { label: '单位', width: 6, value: (i) => i.unit },
        { label: '整件', width: 12, value: (i) => (i.packUnit && i.packSize > 1 ? `${Math.floor(i.onHand / i.packSize)} ${i.packUnit}` : '') },
        { label: '近 7 天出库', width: 12, number: true, value: (i) => i.out7d },
        { label: '可用天数', width: 10, number: true, value: (i) => (i.daysOfCover === null ? null : Math.round(i.daysOfCover * 10) / 10) },
        { label: '预警线', width: 10, number: true, value: (i) => i.lowStock },
        { label: '库存预警', width: 10, value: (i) => (i.low ? '不足' : '') },
      ],
      stockOverview(ctx.db, ctx.now()).items,
    ),
};
