import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from '../db/statements';
import { ALL_COMMUNITIES, createRow } from '../kernel/entity';
import { LEDGER_TRIGGERS } from './0040-supplies-create.sql';
import { createDonation } from './donations';
import { writeMoves } from './ledger';
import { donors } from './registers';
import { localDay } from '../../../shared/domain/days';

/**
 * Empties the supplies data (keeping the catalogue and the office's store) for a demo
 * reset. The ledger refuses deletes by trigger, so the triggers are dropped and put back
 * inside the caller's transaction: nothing else can write in between.
 */
export function clearSupplies(db: Database.Database): void {
  for (const t of ['stock_moves_no_update', 'stock_moves_no_delete', 'plan_lines_frozen_update', 'plan_lines_frozen_delete'])
    db.exec(`DROP TRIGGER IF EXISTS ${t}`);
  db.exec('DELETE FROM stock_moves; DELETE FROM alloc_plans; DELETE FROM donations; DELETE FROM donors;');
  db.exec('DELETE FROM warehouses WHERE id <> (SELECT min(id) FROM warehouses); UPDATE warehouses SET community_id = NULL;');
  db.exec(LEDGER_TRIGGERS);
}

const itemId = (db: Database.Database, name: string) => (stmt(db, 'SELECT id FROM supply_items WHERE name = ?').get(name) as { id: number } | undefined)?.id;

/**
 * Stock for the demo office, with the donors seed 002 names (平原街道巾帼企业家协会,
 * 商丘隆越汽车有限公司, 金桥社区季庄村居民): purchases and donations a week ago and a little
 * daily use since, so 库存总览 has days of cover and a trend to show.
 */
export function seedDemoSupplies(db: Database.Database, now: Date): void {
  const store = (stmt(db, 'SELECT min(id) AS id FROM warehouses').get() as { id: number }).id;
  const day = (k: number) => new Date(now.getTime() - k * 86_400_000);
  const who = (k: number) => ({ username: 'wuzi', now: day(k) });
  const lines = (list: [string, number][]) => list.flatMap(([name, qty]) => (itemId(db, name) ? [{ itemId: itemId(db, name)!, qty }] : []));

  writeMoves(
    db,
    lines([
      ['医用外科口罩', 20_000],
      ['N95口罩', 2_000],
      ['防护服', 300],
      ['防护手套', 5_000],
      ['手持体温计', 120],
      ['84消毒液', 600],
      ['75%酒精', 480],
      ['喷壶', 60],
    ]).map((l) => ({
      ...l,
      warehouseId: store,
      kind: 'purchase' as const,
      counterparty: '区疫情防控物资采购',
    })),
    who(9),
  );
  writeMoves(
    db,
    lines([
      ['医用外科口罩', 10_000],
      ['84消毒液', 200],
    ]).map((l) => ({ ...l, warehouseId: store, kind: 'upper' as const, counterparty: '梁园区防控指挥部' })),
    who(8),
  );

  const ctx = { db, now: day(8), scope: ALL_COMMUNITIES };
  const donated: [string, 'enterprise' | 'association' | 'individual', [string, number][], number][] = [
    [
      '平原街道巾帼企业家协会',
      'association',
      [
        ['防护服', 100],
        ['手持体温计', 20],
      ],
      8,
    ],
    [
      '商丘隆越汽车有限公司',
      'enterprise',
      [
        ['医用外科口罩', 5_000],
        ['75%酒精', 240],
      ],
      7,
    ],
    [
      '金桥社区季庄村居民',
      'individual',
      [
        ['84消毒液', 60],
        ['医用外科口罩', 1_750],
      ],
      6,
    ],
  ];
  for (const [name, kind, items, k] of donated) {
    const donor = createRow(ctx, donors, { name, kind, contact: null, phone: null, note: null });
    const receivedOn = localDay(day(k));
    createDonation(db, { donorId: donor.id, warehouseId: store, receivedOn, lines: lines(items), note: null }, who(k));
  }
  // A week of daily use by the office's own checkpoint teams.
  for (let k = 6; k >= 1; k--) {
    writeMoves(
      db,
      lines([
        ['医用外科口罩', 2_400 + k * 50],
        ['84消毒液', 60],
        ['75%酒精', 36],
        ['防护手套', 300],
      ]).map((l) => ({ ...l, qty: -l.qty, warehouseId: store, kind: 'use' as const, counterparty: '街道卡点值守' })),
      who(k),
    );
  }
}
