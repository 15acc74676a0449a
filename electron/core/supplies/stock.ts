import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { Move, StockOverview } from '../../../shared/api/supplies';
import { getSetting } from '../auth/settings';
import { stmt } from '../db/statements';
import { COVER_WINDOW_DAYS, coverOf } from './cover';
import { dayEnd, dayStart, localDay } from '../../../shared/domain/days';

/** Reads over the ledger: the movement list, stock per warehouse and the 库存总览. */

export const DEFAULT_COVER_DAYS = 3;
export const coverDaysThreshold = (db: Database.Database) => Number(getSetting(db, 'supplies_cover_days') ?? DEFAULT_COVER_DAYS);

const MOVE_SELECT = `m.id, m.ts, m.item_id AS itemId, i.name AS itemName, i.unit, m.warehouse_id AS warehouseId, w.name AS warehouseName,
  m.qty, m.kind, m.counterparty, m.recipient_name AS recipientName, m.reason, p.plan_no AS planNo, d.receipt_no AS receiptNo,
  m.reverses_id AS reversesId, (SELECT r.id FROM stock_moves r WHERE r.reverses_id = m.id) AS reversedBy, m.username
  FROM stock_moves m JOIN supply_items i ON i.id = m.item_id JOIN warehouses w ON w.id = m.warehouse_id
  LEFT JOIN alloc_plans p ON p.id = m.plan_id LEFT JOIN donations d ON d.id = m.donation_id`;

export interface MoveFilter {
  itemId?: number;
  warehouseId?: number;
  kind?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function listMoves(db: Database.Database, f: MoveFilter): { rows: z.input<typeof Move>[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.itemId !== undefined) (where.push('m.item_id = ?'), params.push(f.itemId));
  if (f.warehouseId !== undefined) (where.push('m.warehouse_id = ?'), params.push(f.warehouseId));
  if (f.kind !== undefined) (where.push('m.kind = ?'), params.push(f.kind));
  if (f.from !== undefined) (where.push('m.ts >= ?'), params.push(dayStart(f.from)));
  if (f.to !== undefined) (where.push('m.ts < ?'), params.push(dayEnd(f.to)));
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (stmt(db, `SELECT count(*) AS n FROM stock_moves m ${w}`).get(...params) as { n: number }).n;
  const rows = stmt(db, `SELECT ${MOVE_SELECT} ${w} ORDER BY m.id DESC LIMIT ? OFFSET ?`).all(...params, f.pageSize, (f.page - 1) * f.pageSize) as z.input<
    typeof Move
  >[];
  return { rows, total };
}

export function stockRows(db: Database.Database, warehouseId?: number) {
  const sql = `SELECT s.item_id AS itemId, s.warehouse_id AS warehouseId, w.name AS warehouseName, s.onHand
    FROM (SELECT item_id, warehouse_id, sum(qty) AS onHand FROM stock_moves GROUP BY item_id, warehouse_id) s
    JOIN warehouses w ON w.id = s.warehouse_id
    WHERE s.onHand <> 0 AND (? IS NULL OR s.warehouse_id = ?) ORDER BY s.item_id, s.warehouse_id`;
  return stmt(db, sql).all(warehouseId ?? null, warehouseId ?? null) as { itemId: number; warehouseId: number; warehouseName: string; onHand: number }[];
}

/**
 * The overview reads the ledger, never a stored balance: stock on hand is one covering
 * index scan; the trend and last week's outflow come from small per-item, per-day ranges
 * of another covering index (no sorting, so a ledger of a million rows stays fast).
 */
export function stockOverview(db: Database.Database, now: Date): z.input<typeof StockOverview> {
  const threshold = coverDaysThreshold(db);
  const onHand = new Map(
    (stmt(db, 'SELECT item_id AS id, sum(qty) AS n FROM stock_moves GROUP BY item_id').all() as { id: number; n: number }[]).map((r) => [r.id, r.n]),
  );
  const catalogue = stmt(
    db,
    'SELECT id, name, category, unit, pack_size AS packSize, pack_unit AS packUnit, low_stock AS lowStock FROM supply_items ORDER BY id',
  ).all() as {
    id: number;
    name: string;
    category: 'protective' | 'disinfection' | 'living';
    unit: string;
    packSize: number;
    packUnit: string | null;
    lowStock: number | null;
  }[];

  // The last 30 local days, oldest first, as [start, end) instants.
  const days: { day: string; from: string; to: string }[] = [];
  for (let k = 29; k >= 0; k--) {
    const day = localDay(new Date(now.getTime() - k * 86_400_000));
    days.push({ day, from: dayStart(day), to: dayEnd(day) });
  }
  const perDay = stmt(
    db,
    "SELECT coalesce(sum(qty), 0) AS net, coalesce(sum(CASE WHEN kind IN ('issue', 'use') THEN -qty ELSE 0 END), 0) AS out FROM stock_moves WHERE item_id = ? AND ts >= ? AND ts < ?",
  );
  const series = days.map((d) => ({ day: d.day, stock: {} as Record<string, number> }));
  const items = catalogue.map(({ id, ...i }) => {
    const have = onHand.get(id) ?? 0;
    let level = have;
    let out7d = 0;
    // Walk back from today: the stock at the end of a day is today's stock minus what moved after it.
    for (let k = days.length - 1; k >= 0; k--) {
      series[k]!.stock[String(id)] = level;
      if (!onHand.has(id)) continue;
      const { net, out } = perDay.get(id, days[k]!.from, days[k]!.to) as { net: number; out: number };
      level -= net;
      if (k >= days.length - COVER_WINDOW_DAYS) out7d += out;
    }
    const { out7, daysOfCover, low } = coverOf({ onHand: have, outflow7: out7d, lowStock: i.lowStock }, threshold);
    return { itemId: id, ...i, onHand: have, out7d: out7, daysOfCover, low };
  });
  const recent = stmt(db, `SELECT ${MOVE_SELECT} ORDER BY m.id DESC LIMIT 10`).all() as z.input<typeof Move>[];
  return { items, coverDaysThreshold: threshold, recent, series };
}
