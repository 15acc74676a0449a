import type Database from 'better-sqlite3-multiple-ciphers';
import { MoveKind, SupplyCategory } from '../../../shared/domain/enums';
import { type ReportArgs, type ReportColumn, reportFile } from '../excel/export-report';
import { listMoves, type MoveFilter, stockOverview } from './stock';

/**
 * 出入库台账 and 库存总览 as read jobs (db/read-thread.ts): a ledger of years of moves is made
 * on a thread of its own, a short one by the core; the same function makes the same file.
 * No personal data in either.
 */

type Db = Database.Database;
type MoveRow = ReturnType<typeof listMoves>['rows'][number];
type ItemRow = ReturnType<typeof stockOverview>['items'][number];

const moveColumns: ReportColumn<MoveRow>[] = [
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
];

/** 出入库台账 with the list's filters. */
export const stockMovesExport = (db: Db, { label, input }: ReportArgs) =>
  reportFile(label, moveColumns, listMoves(db, { ...(input as Omit<MoveFilter, 'page' | 'pageSize'>), page: 1, pageSize: 1_000_000 }).rows, false);

const itemColumns: ReportColumn<ItemRow>[] = [
  { label: '物资', width: 16, value: (i) => i.name },
  { label: '类别', width: 10, value: (i) => SupplyCategory.labels[i.category as keyof typeof SupplyCategory.labels] },
  { label: '现有库存', width: 10, number: true, value: (i) => i.onHand },
  { label: '单位', width: 6, value: (i) => i.unit },
  { label: '整件', width: 12, value: (i) => (i.packUnit && i.packSize > 1 ? `${Math.floor(i.onHand / i.packSize)} ${i.packUnit}` : '') },
  { label: '近 7 天出库', width: 12, number: true, value: (i) => i.out7d },
  { label: '可用天数', width: 10, number: true, value: (i) => (i.daysOfCover === null ? null : Math.round(i.daysOfCover * 10) / 10) },
  { label: '预警线', width: 10, number: true, value: (i) => i.lowStock },
  { label: '库存预警', width: 10, value: (i) => (i.low ? '不足' : '') },
];

/** 库存总览 as of the call's time. */
export const stockExport = (db: Db, { label, nowMs }: ReportArgs) => reportFile(label, itemColumns, stockOverview(db, new Date(nowMs)).items, false);
