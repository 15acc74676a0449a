import type Database from 'better-sqlite3-multiple-ciphers';
import { addDays, dayEnd, dayStart } from '../../../shared/domain/days';
import { stmt } from '../db/statements';
import { COVER_WINDOW_DAYS, coverOf } from './cover';
import { coverDaysThreshold } from './stock';

/**
 * Supplies' figures of one day, as of its end: the ledger is append-only (a correction is
 * a reversing move), so a past day's stock and outflow stay as they were. The item's own
 * 预警量 and the office's threshold are settings, read as they are now.
 */

type Db = Database.Database;

export interface SupplyLine {
  name: string;
  unit: string;
  issued: number;
  received: number;
  onHand: number;
  daysOfCover: number | null;
  low: boolean;
}

export interface SupplyDayFigures {
  rows: SupplyLine[];
  /** The item with the fewest days of cover (of those going out at all). */
  scarcest: { name: string; daysOfCover: number } | null;
  lowStockItems: number;
  donations: number;
  plansIssued: number;
}

export function supplyDayFigures(db: Db, day: string): SupplyDayFigures {
  const end = dayEnd(day);
  const from = dayStart(day);
  const threshold = coverDaysThreshold(db);
  const items = stmt(db, 'SELECT id, name, unit, low_stock AS lowStock FROM supply_items ORDER BY id').all() as {
    id: number;
    name: string;
    unit: string;
    lowStock: number | null;
  }[];
  const sums = stmt(
    db,
    `SELECT coalesce(sum(qty), 0) AS onHand,
       coalesce(sum(CASE WHEN ts >= :from AND kind = 'issue' THEN -qty END), 0) AS issued,
       coalesce(sum(CASE WHEN ts >= :from AND kind IN ('purchase', 'upper', 'donation') THEN qty END), 0) AS received,
       coalesce(sum(CASE WHEN ts >= :week AND kind IN ('issue', 'use') THEN -qty END), 0) AS out7
     FROM stock_moves WHERE item_id = :item AND ts < :end`,
  );
  const week = dayStart(addDays(day, -(COVER_WINDOW_DAYS - 1)));
  const rows = items.map((i) => {
    const s = sums.get({ item: i.id, from, week, end }) as { onHand: number; issued: number; received: number; out7: number };
    const { daysOfCover, low } = coverOf({ onHand: s.onHand, outflow7: s.out7, lowStock: i.lowStock }, threshold);
    return { name: i.name, unit: i.unit, issued: s.issued, received: s.received, onHand: s.onHand, daysOfCover, low };
  });
  const scarce = rows.filter((r) => r.daysOfCover !== null).sort((a, b) => a.daysOfCover! - b.daysOfCover!)[0];
  const count = (sql: string, ...p: unknown[]) => (stmt(db, sql).get(...p) as { n: number }).n;
  return {
    rows,
    scarcest: scarce ? { name: scarce.name, daysOfCover: scarce.daysOfCover! } : null,
    lowStockItems: rows.filter((r) => r.low).length,
    donations: count('SELECT count(*) AS n FROM donations WHERE received_on = ?', day),
    plansIssued: count('SELECT count(*) AS n FROM alloc_plans WHERE issued_at >= ? AND issued_at < ?', from, end),
  };
}
