import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import type { Donation, DonationInput, DonationTotals } from '../../../shared/api/supplies';
import { stmt } from '../db/statements';
import { type Who, writeMoves } from './ledger';

/**
 * 捐赠登记: a donation is a header (donor, date, receipt number) whose quantities live
 * only in the ledger (kind 'donation', donation_id set), so the receipt, the totals and
 * the stock can never disagree; a reversal of a donation row carries its donation_id.
 */

type DonationOut = z.input<typeof Donation>;

/** JZ-<year>-<4-digit sequence>: the receipt numbers a hand-kept register would use. */
export function nextReceiptNo(db: Database.Database, receivedOn: string): string {
  const prefix = `JZ-${receivedOn.slice(0, 4)}-`;
  const last = stmt(db, 'SELECT receipt_no AS no FROM donations WHERE receipt_no LIKE ? ORDER BY receipt_no DESC LIMIT 1').get(`${prefix}%`) as
    { no: string } | undefined;
  const seq = last ? Number(last.no.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(seq).padStart(4, '0')}`;
}

export function createDonation(db: Database.Database, input: z.output<typeof DonationInput>, who: Who): DonationOut {
  if (!stmt(db, 'SELECT 1 FROM donors WHERE id = ?').get(input.donorId))
    throw new ApiError('VALIDATION', '捐赠方不存在，请先登记捐赠方', [{ path: 'donorId', message: '捐赠方不存在' }]);
  const receiptNo = nextReceiptNo(db, input.receivedOn);
  const id = Number(
    stmt(db, 'INSERT INTO donations (receipt_no, donor_id, warehouse_id, received_on, note, username, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      receiptNo,
      input.donorId,
      input.warehouseId,
      input.receivedOn,
      input.note,
      who.username,
      who.now.toISOString(),
    ).lastInsertRowid,
  );
  const donor = stmt(db, 'SELECT name FROM donors WHERE id = ?').get(input.donorId) as { name: string };
  writeMoves(
    db,
    input.lines.map((l) => ({
      itemId: l.itemId,
      warehouseId: input.warehouseId,
      qty: l.qty,
      kind: 'donation' as const,
      donationId: id,
      counterparty: donor.name,
    })),
    who,
  );
  return getDonation(db, id);
}

const HEADER = `SELECT d.id, d.receipt_no AS receiptNo, d.donor_id AS donorId, o.name AS donorName, o.kind AS donorKind, o.contact, o.phone,
  w.name AS warehouseName, d.received_on AS receivedOn, d.note, d.username,
  coalesce((SELECT u.display_name FROM users u WHERE u.username = d.username), d.username) AS handledBy, d.created_at AS createdAt
  FROM donations d JOIN donors o ON o.id = d.donor_id JOIN warehouses w ON w.id = d.warehouse_id`;

const linesOf = (db: Database.Database, id: number) =>
  stmt(
    db,
    `SELECT m.item_id AS itemId, i.name AS itemName, i.unit, sum(m.qty) AS qty FROM stock_moves m JOIN supply_items i ON i.id = m.item_id
     WHERE m.donation_id = ? AND m.donation_id IS NOT NULL GROUP BY m.item_id HAVING sum(m.qty) <> 0 ORDER BY min(m.id)`,
  ).all(id) as DonationOut['lines'];

export function getDonation(db: Database.Database, id: number): DonationOut {
  const h = stmt(db, `${HEADER} WHERE d.id = ?`).get(id) as Omit<DonationOut, 'lines'> | undefined;
  if (!h) throw new ApiError('NOT_FOUND', `捐赠记录不存在（编号 ${id}）`);
  return { ...h, lines: linesOf(db, id) };
}

export function listDonations(db: Database.Database, f: { donorId?: number; from?: string; to?: string; page: number; pageSize: number }) {
  const where = ['(? IS NULL OR d.donor_id = ?)', '(? IS NULL OR d.received_on >= ?)', '(? IS NULL OR d.received_on <= ?)'].join(' AND ');
  const params = [f.donorId ?? null, f.donorId ?? null, f.from ?? null, f.from ?? null, f.to ?? null, f.to ?? null];
  const total = (stmt(db, `SELECT count(*) AS n FROM donations d WHERE ${where}`).get(...params) as { n: number }).n;
  const rows = (
    stmt(db, `${HEADER} WHERE ${where} ORDER BY d.received_on DESC, d.id DESC LIMIT ? OFFSET ?`).all(
      ...params,
      f.pageSize,
      (f.page - 1) * f.pageSize,
    ) as DonationOut[]
  ).map(({ contact: _c, phone: _p, ...r }) => ({ ...r, lines: linesOf(db, r.id) }));
  return { rows, total };
}

/** Totals by donor and by item, summed from the ledger rows of the donations in the range. */
export function donationTotals(db: Database.Database, f: { from?: string; to?: string }): z.input<typeof DonationTotals> {
  const rows = stmt(
    db,
    `SELECT o.id AS donorId, o.name AS donorName, o.kind AS donorKind, m.item_id AS itemId, i.name AS itemName, i.unit,
       sum(m.qty) AS qty, count(DISTINCT d.id) AS donations
     FROM donations d JOIN donors o ON o.id = d.donor_id
     JOIN stock_moves m ON m.donation_id = d.id AND m.donation_id IS NOT NULL JOIN supply_items i ON i.id = m.item_id
     WHERE (? IS NULL OR d.received_on >= ?) AND (? IS NULL OR d.received_on <= ?)
     GROUP BY o.id, m.item_id HAVING sum(m.qty) <> 0 ORDER BY o.id, m.item_id`,
  ).all(f.from ?? null, f.from ?? null, f.to ?? null, f.to ?? null) as {
    donorId: number;
    donorName: string;
    donorKind: 'enterprise' | 'association' | 'individual';
    itemId: number;
    itemName: string;
    unit: string;
    qty: number;
  }[];
  const donationCount = new Map(
    (
      stmt(
        db,
        'SELECT donor_id AS id, count(*) AS n FROM donations WHERE (? IS NULL OR received_on >= ?) AND (? IS NULL OR received_on <= ?) GROUP BY donor_id',
      ).all(f.from ?? null, f.from ?? null, f.to ?? null, f.to ?? null) as { id: number; n: number }[]
    ).map((r) => [r.id, r.n]),
  );
  const byDonor = new Map<number, z.input<typeof DonationTotals>['byDonor'][number]>();
  const byItem = new Map<number, { itemId: number; itemName: string; unit: string; qty: number }>();
  for (const r of rows) {
    const d = byDonor.get(r.donorId) ?? {
      donorId: r.donorId,
      donorName: r.donorName,
      donorKind: r.donorKind,
      donations: donationCount.get(r.donorId) ?? 0,
      items: [],
    };
    d.items.push({ itemId: r.itemId, itemName: r.itemName, unit: r.unit, qty: r.qty });
    byDonor.set(r.donorId, d);
    const it = byItem.get(r.itemId) ?? { itemId: r.itemId, itemName: r.itemName, unit: r.unit, qty: 0 };
    it.qty += r.qty;
    byItem.set(r.itemId, it);
  }
  return { byDonor: [...byDonor.values()], byItem: [...byItem.values()].sort((a, b) => a.itemId - b.itemId) };
}
