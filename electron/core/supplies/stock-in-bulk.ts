import { stmt } from '../db/statements';
import type { BulkSave } from '../excel/table-schema';
import { ALL_COMMUNITIES, columnsToWrite } from '../kernel/entity';
import { nextReceiptNo } from './donations';
import { requireItemAndWarehouse } from './ledger';
import { donors } from './registers';

// One staged receipt as a JSON array: [kind, ts, itemId, warehouseId, qty, counterparty, note, username, day, donor columns (a donation's; else null)].
type Staged = [string, string, number, number, number, string | null, string | null, string, string, Record<string, unknown> | null];

const MOVES = `INSERT INTO stock_moves (ts, item_id, warehouse_id, qty, kind, donation_id, counterparty, reason, username)
  SELECT value->>1, value->>2, value->>3, value->>4, value->>0,
    CASE WHEN value->>0 = 'donation' THEN (SELECT d.id FROM donations d
      WHERE d.donor_id = (SELECT id FROM donors WHERE name = value->>5) AND d.received_on = value->>8 AND d.warehouse_id = value->>3 ORDER BY d.id DESC LIMIT 1) END,
    value->>5, CASE WHEN key IN (SELECT value FROM json_each(@firsts)) THEN NULL ELSE value->>6 END, value->>7
  FROM json_each(@rows) ORDER BY key`;

/**
 * 物资入库 staged: the references are checked and a new donor's columns worked out outside
 * the transaction; inside it, a donor's rows of one day become one donation (one receipt
 * number, in the order the file first names them, as `save` does row by row) and every
 * row is one ledger row of a single INSERT. The row that opens a donation carries its
 * 备注 on the donation, not on the ledger row — again as row by row.
 */
export const stockInBulk: BulkSave = {
  stage(ctx, i) {
    const itemId = i.itemId as number;
    const warehouseId = i.warehouseId as number;
    requireItemAndWarehouse(ctx.db, itemId, warehouseId);
    const day = String(i.day);
    const donor =
      i.kind === 'donation'
        ? columnsToWrite(
            { ...ctx, scope: ALL_COMMUNITIES },
            donors,
            { name: String(i.counterparty), kind: i.donorKind as never, contact: null, phone: null, note: null },
            null,
          ).columns
        : null;
    const ts = new Date(`${day}T12:00:00+08:00`).toISOString();
    return [i.kind, ts, itemId, warehouseId, i.qty, i.counterparty ?? null, i.note ?? null, ctx.username ?? 'import', day, donor];
  },
  write(ctx, rows, json) {
    // The rows that open a donation, by their place in the chunk.
    const firsts: number[] = [];
    const opened = new Set<string>();
    for (const [seq, raw] of rows.entries()) {
      const [kind, ts, , warehouseId, , name, note, username, day, donor] = raw as Staged;
      if (kind !== 'donation' || opened.has(`${name}|${day}|${warehouseId}`)) continue;
      opened.add(`${name}|${day}|${warehouseId}`);
      let donorId = (stmt(ctx.db, 'SELECT id FROM donors WHERE name = ?').get(name) as { id: number } | undefined)?.id;
      if (donorId === undefined) {
        const cols = Object.keys(donor!);
        donorId = Number(stmt(ctx.db, `INSERT INTO donors (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(donor!).lastInsertRowid);
      }
      if (stmt(ctx.db, 'SELECT 1 FROM donations WHERE donor_id = ? AND received_on = ? AND warehouse_id = ?').get(donorId, day, warehouseId)) continue;
      stmt(ctx.db, 'INSERT INTO donations (receipt_no, donor_id, warehouse_id, received_on, note, username, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        nextReceiptNo(ctx.db, day),
        donorId,
        warehouseId,
        day,
        note,
        username,
        ts,
      );
      firsts.push(seq);
    }
    stmt(ctx.db, MOVES).run({ rows: json, firsts: JSON.stringify(firsts) });
  },
};
