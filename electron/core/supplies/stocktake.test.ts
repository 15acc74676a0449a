import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';

/** 盘点 typed down a warehouse's list: one adjustment per difference, history kept, all or nothing. */

let t: TestCore;
let command: Call;
let items: { id: number; name: string }[];

const onHand = (itemId: number) =>
  (t.core.db.prepare('SELECT coalesce(sum(qty), 0) AS n FROM stock_moves WHERE item_id = ? AND warehouse_id = 1').get(itemId) as { n: number }).n;
const moves = () => (t.core.db.prepare('SELECT count(*) AS n FROM stock_moves').get() as { n: number }).n;

beforeAll(async () => {
  t = await openTestCore();
  command = await signInAs(t.core, 'command');
  items = t.core.db.prepare('SELECT id, name FROM supply_items ORDER BY id LIMIT 3').all() as typeof items;
  unwrap(await command('stock.receive', { kind: 'purchase', warehouseId: 1, lines: items.map((i) => ({ itemId: i.id, qty: 100 })) }));
}, 120_000);
afterAll(() => t.cleanup());

describe('stock.count', () => {
  it('writes an adjustment (reason 盘点) for each count that differs, and nothing for one that matches', async () => {
    const [a, b, c] = items.map((i) => i.id) as [number, number, number];
    const books = [onHand(a), onHand(b), onHand(c)];
    const before = moves();
    const r = unwrap<{ adjusted: number; moveIds: number[] }>(
      await command('stock.count', {
        warehouseId: 1,
        lines: [
          { itemId: a, counted: books[0]! - 3 },
          { itemId: b, counted: books[1] },
          { itemId: c, counted: books[2]! + 5 },
        ],
      }),
    );
    expect(r.adjusted).toBe(2);
    expect([onHand(a), onHand(b), onHand(c)]).toEqual([books[0]! - 3, books[1], books[2]! + 5]);
    // The earlier rows stay as they were: two new ledger rows, kind adjust, reason 盘点.
    expect(moves()).toBe(before + 2);
    const rows = t.core.db.prepare(`SELECT item_id AS itemId, qty, kind, reason FROM stock_moves WHERE id IN (${r.moveIds.join(',')}) ORDER BY item_id`).all();
    expect(rows).toEqual([
      { itemId: a, qty: -3, kind: 'adjust', reason: '盘点' },
      { itemId: c, qty: 5, kind: 'adjust', reason: '盘点' },
    ]);
  });

  it('changes nothing when one line is wrong, and names that line', async () => {
    const [a] = items;
    const before = moves();
    const res = await command('stock.count', {
      warehouseId: 1,
      lines: [
        { itemId: a!.id, counted: 1 },
        { itemId: 99_999, counted: 4 },
      ],
    });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toBe('第 2 条（物资编号 99999）：物资不存在或已被删除（编号 99999）；全部未修改');
    const negative = await command('stock.count', { warehouseId: 1, lines: [{ itemId: a!.id, counted: -1 }] });
    expect(negative.ok || negative.error.message).toContain('实盘数量不能为负数');
    expect(moves()).toBe(before);
  });

  it('is refused to roles without supplies:write', async () => {
    const viewer = await signInAs(t.core, 'viewer');
    const res = await viewer('stock.count', { warehouseId: 1, lines: [{ itemId: items[0]!.id, counted: 1 }] });
    expect(res.ok || res.error.code).toBe('FORBIDDEN');
  });
});
