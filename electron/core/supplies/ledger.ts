import type Database from 'better-sqlite3-multiple-ciphers';
import { ApiError } from '../../../shared/api/errors';
import type { MoveKind } from '../../../shared/domain/enums';
import { stmt } from '../db/statements';

/**
 * The stock ledger. Every change of stock is a new row; stock on hand is a SUM over the
 * rows (never stored apart), and a write that would take an item below zero in a
 * warehouse is refused inside the same transaction, so nothing of it is kept.
 */

export type MoveKindCode = (typeof MoveKind.values)[number];

export interface NewMove {
  itemId: number;
  warehouseId: number;
  /** Signed units: positive in, negative out. */
  qty: number;
  kind: MoveKindCode;
  donationId?: number | null;
  planId?: number | null;
  recipientKind?: 'community' | 'checkpoint' | null;
  recipientId?: number | null;
  recipientName?: string | null;
  transferId?: number | null;
  reversesId?: number | null;
  counterparty?: string | null;
  reason?: string | null;
}

export interface Who {
  username: string;
  now: Date;
}

const INSERT = `INSERT INTO stock_moves (ts, item_id, warehouse_id, qty, kind, donation_id, plan_id, recipient_kind, recipient_id, recipient_name,
  transfer_id, reverses_id, counterparty, reason, username)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function onHand(db: Database.Database, itemId: number, warehouseId: number): number {
  return (stmt(db, 'SELECT coalesce(sum(qty), 0) AS n FROM stock_moves WHERE item_id = ? AND warehouse_id = ?').get(itemId, warehouseId) as { n: number }).n;
}

function names(db: Database.Database, itemId: number, warehouseId: number) {
  const item = stmt(db, 'SELECT name, unit FROM supply_items WHERE id = ?').get(itemId) as { name: string; unit: string } | undefined;
  const wh = stmt(db, 'SELECT name FROM warehouses WHERE id = ?').get(warehouseId) as { name: string } | undefined;
  return { item, wh };
}

/** Refuses unknown items and warehouses with a message naming the field, before any row is written. */
export function requireItemAndWarehouse(db: Database.Database, itemId: number, warehouseId: number): { itemName: string; unit: string; warehouseName: string } {
  const { item, wh } = names(db, itemId, warehouseId);
  if (!item) throw new ApiError('VALIDATION', `物资不存在或已被删除（编号 ${itemId}）`, [{ path: 'itemId', message: '物资不存在' }]);
  if (!wh) throw new ApiError('VALIDATION', `仓库不存在或已被删除（编号 ${warehouseId}）`, [{ path: 'warehouseId', message: '仓库不存在' }]);
  return { itemName: item.name, unit: item.unit, warehouseName: wh.name };
}

/**
 * Writes the rows (inside the caller's transaction) and checks that no item went below
 * zero in any warehouse they take from; throws CONFLICT naming item, warehouse, stock
 * and request otherwise, which rolls the whole call back.
 */
export function writeMoves(db: Database.Database, moves: NewMove[], who: Who): number[] {
  const ts = who.now.toISOString();
  // Per item and warehouse: what comes in and goes out in this call (a plan has thousands of lines over a few pairs).
  const pairs = new Map<string, { itemId: number; warehouseId: number; in: number; out: number }>();
  for (const m of moves) {
    if (!Number.isSafeInteger(m.qty) || m.qty === 0) throw new ApiError('VALIDATION', '数量必须是非零整数');
    const key = `${m.itemId}:${m.warehouseId}`;
    let p = pairs.get(key);
    if (!p) {
      requireItemAndWarehouse(db, m.itemId, m.warehouseId);
      pairs.set(key, (p = { itemId: m.itemId, warehouseId: m.warehouseId, in: 0, out: 0 }));
    }
    if (m.qty > 0) p.in += m.qty;
    else p.out -= m.qty;
  }
  // Checked before writing so the message can say what there was; the transaction makes it hold.
  for (const p of pairs.values()) {
    if (p.out === 0) continue;
    const have = onHand(db, p.itemId, p.warehouseId);
    if (have + p.in - p.out < 0) {
      const { itemName, unit, warehouseName } = requireItemAndWarehouse(db, p.itemId, p.warehouseId);
      throw new ApiError(
        'CONFLICT',
        `库存不足：“${itemName}”在“${warehouseName}”现有 ${have.toLocaleString('zh-CN')} ${unit}，本次需出库 ${p.out.toLocaleString('zh-CN')} ${unit}`,
      );
    }
  }
  const insert = stmt(db, INSERT);
  return moves.map((m) =>
    Number(
      insert.run(
        ts,
        m.itemId,
        m.warehouseId,
        m.qty,
        m.kind,
        m.donationId ?? null,
        m.planId ?? null,
        m.recipientKind ?? null,
        m.recipientId ?? null,
        m.recipientName ?? null,
        m.transferId ?? null,
        m.reversesId ?? null,
        m.counterparty ?? null,
        m.reason ?? null,
        who.username,
      ).lastInsertRowid,
    ),
  );
}

interface StoredMove {
  id: number;
  item_id: number;
  warehouse_id: number;
  qty: number;
  kind: MoveKindCode;
  donation_id: number | null;
  plan_id: number | null;
  transfer_id: number | null;
  counterparty: string | null;
}

/**
 * A correction: rows of opposite sign that point at the rows they undo (a transfer is
 * undone on both sides). The original rows stay as they were. Issues written by a plan
 * are refused: the signed sheet and the ledger must keep telling the same story.
 */
export function reverseMove(db: Database.Database, moveId: number, reason: string, who: Who): number[] {
  const m = stmt(db, 'SELECT * FROM stock_moves WHERE id = ?').get(moveId) as StoredMove | undefined;
  if (!m) throw new ApiError('NOT_FOUND', `台账记录不存在（编号 ${moveId}）`);
  if (m.kind === 'reversal') throw new ApiError('CONFLICT', '冲正记录本身不能再冲正，如需更正请重新登记');
  if (m.plan_id !== null) throw new ApiError('CONFLICT', '按分配方案发放的出库记录不能单独冲正（签收单已按方案打印）；如有退回，请登记入库');
  const rows =
    m.transfer_id !== null
      ? (stmt(db, 'SELECT * FROM stock_moves WHERE transfer_id = ? AND transfer_id IS NOT NULL AND kind IN (?, ?)').all(
          m.transfer_id,
          'transfer_out',
          'transfer_in',
        ) as StoredMove[])
      : [m];
  for (const r of rows) {
    if (stmt(db, 'SELECT 1 FROM stock_moves WHERE reverses_id = ?').get(r.id)) throw new ApiError('CONFLICT', `该记录（编号 ${r.id}）已经冲正过`);
  }
  return writeMoves(
    db,
    rows.map((r) => ({
      itemId: r.item_id,
      warehouseId: r.warehouse_id,
      qty: -r.qty,
      kind: 'reversal' as const,
      donationId: r.donation_id,
      transferId: r.transfer_id,
      reversesId: r.id,
      counterparty: r.counterparty,
      reason,
    })),
    who,
  );
}

/** A new transfer id: one more than the largest in use (inside the write transaction). */
export function nextTransferId(db: Database.Database): number {
  return (stmt(db, 'SELECT coalesce(max(transfer_id), 0) + 1 AS n FROM stock_moves WHERE transfer_id IS NOT NULL').get() as { n: number }).n;
}
