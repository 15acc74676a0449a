import { describe, expect, it } from 'vitest';
import type { Move, SupplyItem } from '../../../shared/api/supplies';
import { CHINESE, count, dataOf, errorOf, openSignedIn, type Call } from '../../../test/helpers/temp-core';
import type { z } from 'zod';

type ItemRow = z.output<typeof SupplyItem>;
type MoveRow = z.output<typeof Move>;

async function item(call: Call, name: string): Promise<ItemRow> {
  const { rows } = dataOf<{ rows: ItemRow[] }>(await call('supplyItems.list', { q: name, pageSize: 5 }));
  const found = rows.find((r) => r.name === name);
  if (!found) throw new Error(`no item ${name}`);
  return found;
}
const stock = async (call: Call, itemId: number, warehouseId = 1) =>
  dataOf<{ itemId: number; warehouseId: number; onHand: number }[]>(await call('stock.onHand', {})).find(
    (r) => r.itemId === itemId && r.warehouseId === warehouseId,
  )?.onHand ?? 0;

describe('catalogue', () => {
  it('starts with the articles’ items, by category, with pack sizes; names are unique', async () => {
    const { call } = await openSignedIn();
    const masks = await item(call, '医用外科口罩');
    expect(masks).toMatchObject({ category: 'protective', unit: '只', packSize: 50, packUnit: '盒', allowSplit: false, onHand: 0 });
    expect((await item(call, '84消毒液')).category).toBe('disinfection');
    expect((await item(call, '方便面')).category).toBe('living');
    expect(dataOf<{ total: number }>(await call('supplyItems.list', { q: 'kz' })).total).toBeGreaterThanOrEqual(2); // 口罩 by pinyin initials
    const dup = errorOf(await call('supplyItems.create', { name: '医用外科口罩', category: 'protective', unit: '只', packSize: 50 }));
    expect(dup.message).toBe('已有名为“医用外科口罩”的物资');
  });
});

describe('stock ledger', () => {
  it('derives stock on hand from in and out movements, each recording who and when', async () => {
    const { call } = await openSignedIn({}, 'supplies');
    const masks = await item(call, '医用外科口罩');
    dataOf(await call('stock.receive', { kind: 'purchase', warehouseId: 1, counterparty: '区采购', lines: [{ itemId: masks.id, qty: 5000 }] }));
    dataOf(await call('stock.receive', { kind: 'upper', warehouseId: 1, lines: [{ itemId: masks.id, qty: 1000 }] }));
    dataOf(await call('stock.use', { warehouseId: 1, counterparty: '西城花园卡点', lines: [{ itemId: masks.id, qty: 1200 }] }));
    dataOf(await call('stock.loss', { warehouseId: 1, itemId: masks.id, qty: 50, reason: '受潮' }));
    expect(await stock(call, masks.id)).toBe(4750);
    expect((await item(call, '医用外科口罩')).onHand).toBe(4750);
    const moves = dataOf<{ rows: MoveRow[]; total: number }>(await call('stock.moves', { itemId: masks.id }));
    expect(moves.total).toBe(4);
    expect(moves.rows.map((m) => [m.kind, m.qty])).toEqual([
      ['loss', -50],
      ['use', -1200],
      ['upper', 1000],
      ['purchase', 5000],
    ]);
    expect(moves.rows.every((m) => m.username === 'wuzi' && !Number.isNaN(Date.parse(m.ts)))).toBe(true);
  });

  it('refuses to go below zero, naming item, warehouse, stock and request, and writes nothing', async () => {
    const { core, call } = await openSignedIn({}, 'supplies');
    const gel = await item(call, '75%酒精');
    const masks = await item(call, '医用外科口罩');
    dataOf(
      await call('stock.receive', {
        kind: 'purchase',
        warehouseId: 1,
        lines: [
          { itemId: gel.id, qty: 100 },
          { itemId: masks.id, qty: 500 },
        ],
      }),
    );
    const before = count(core.db, 'stock_moves');
    const e = errorOf(
      await call('stock.use', {
        warehouseId: 1,
        counterparty: '消杀队',
        lines: [
          { itemId: masks.id, qty: 100 },
          { itemId: gel.id, qty: 101 },
        ],
      }),
    );
    expect(e).toMatchObject({ code: 'CONFLICT', message: '库存不足：“75%酒精”在“街道物资库”现有 100 瓶，本次需出库 101 瓶' });
    expect(count(core.db, 'stock_moves')).toBe(before);
    expect(await stock(call, masks.id)).toBe(500);
  });

  it('transfers between warehouses, counts stock (盘点) with a reason, and never lets a warehouse overdraw another’s stock', async () => {
    const { call } = await openSignedIn({}, 'command');
    const community = dataOf<{ id: number }>(await call('communities.create', { name: '金桥社区', kind: 'community' }));
    const store2 = dataOf<{ id: number }>(await call('warehouses.create', { name: '金桥社区物资点', communityId: community.id, keeper: '季建国' }));
    const suits = await item(call, '防护服');
    dataOf(await call('stock.receive', { kind: 'purchase', warehouseId: 1, lines: [{ itemId: suits.id, qty: 40 }] }));
    dataOf(await call('stock.transfer', { fromId: 1, toId: store2.id, lines: [{ itemId: suits.id, qty: 15 }] }));
    expect([await stock(call, suits.id, 1), await stock(call, suits.id, store2.id)]).toEqual([25, 15]);
    expect(errorOf(await call('stock.use', { warehouseId: store2.id, counterparty: '卡点', lines: [{ itemId: suits.id, qty: 16 }] })).message).toContain(
      '“金桥社区物资点”现有 15 套',
    );
    dataOf(await call('stock.adjust', { warehouseId: store2.id, itemId: suits.id, counted: 13, reason: '盘点发现破损 2 套已丢弃' }));
    expect(await stock(call, suits.id, store2.id)).toBe(13);
    const same = errorOf(await call('stock.adjust', { warehouseId: store2.id, itemId: suits.id, counted: 13, reason: '复盘' }));
    expect(same.message).toContain('与账面一致');
    const noReason = errorOf(await call('stock.adjust', { warehouseId: store2.id, itemId: suits.id, counted: 10, reason: '' }));
    expect(noReason.issues?.[0]).toMatchObject({ path: 'reason', message: '请填写调整原因' });
  });

  it('corrects by reversing rows (a transfer on both sides, once); ledger rows cannot be changed or deleted', async () => {
    const { core, call } = await openSignedIn({}, 'command');
    const store2 = dataOf<{ id: number }>(await call('warehouses.create', { name: '二号库' }));
    const gloves = await item(call, '防护手套');
    const [inId] = dataOf<{ moveIds: number[] }>(
      await call('stock.receive', { kind: 'purchase', warehouseId: 1, lines: [{ itemId: gloves.id, qty: 1000 }] }),
    ).moveIds;
    const [outId] = dataOf<{ moveIds: number[] }>(
      await call('stock.transfer', { fromId: 1, toId: store2.id, lines: [{ itemId: gloves.id, qty: 300 }] }),
    ).moveIds;
    const undone = dataOf<{ moveIds: number[] }>(await call('stock.reverse', { moveId: outId, reason: '调错仓库' }));
    expect(undone.moveIds).toHaveLength(2);
    expect([await stock(call, gloves.id, 1), await stock(call, gloves.id, store2.id)]).toEqual([1000, 0]);
    expect(errorOf(await call('stock.reverse', { moveId: outId, reason: '再来一次' })).message).toContain('已经冲正过');
    expect(errorOf(await call('stock.reverse', { moveId: undone.moveIds[0], reason: 'x' })).message).toContain('冲正记录本身不能再冲正');
    const rows = dataOf<{ rows: MoveRow[] }>(await call('stock.moves', { itemId: gloves.id })).rows;
    expect(rows.find((r) => r.id === outId)?.reversedBy).not.toBeNull();
    expect(rows.find((r) => r.id === outId)?.qty).toBe(-300);

    // A reversal that would overdraw is refused like any other movement.
    dataOf(await call('stock.use', { warehouseId: 1, counterparty: '卡点', lines: [{ itemId: gloves.id, qty: 900 }] }));
    expect(errorOf(await call('stock.reverse', { moveId: inId, reason: '供应商退货' })).message).toMatch(/^库存不足/);

    expect(() => core.db.prepare('UPDATE stock_moves SET qty = 1 WHERE id = ?').run(inId)).toThrow('台账记录不能修改');
    expect(() => core.db.prepare('DELETE FROM stock_moves WHERE id = ?').run(inId)).toThrow('台账记录不能删除');
  });

  it('is read-only for 领导查看 and refused, in Chinese, to a role without supplies rights', async () => {
    const { core, call } = await openSignedIn({}, 'viewer');
    const masks = await item(call, '医用外科口罩');
    const e = errorOf(await call('stock.receive', { kind: 'purchase', warehouseId: 1, lines: [{ itemId: masks.id, qty: 10 }] }));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toMatch(CHINESE);
    expect(count(core.db, 'stock_moves')).toBe(0);
  });
});

describe('ledger query plans', () => {
  it('sums stock and each day’s movements from covering indexes; the ledger list’s filters have indexes', async () => {
    const { core } = await openSignedIn({}, 'supplies');
    const plan = (sql: string, ...params: unknown[]) =>
      (core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT coalesce(sum(qty), 0) AS n FROM stock_moves WHERE item_id = ? AND warehouse_id = ?', 1, 1)).toContain(
      'USING COVERING INDEX stock_moves_item_warehouse_qty',
    );
    expect(
      plan(
        "SELECT sum(qty), sum(CASE WHEN kind IN ('issue', 'use') THEN -qty ELSE 0 END) FROM stock_moves WHERE item_id = ? AND ts >= ? AND ts < ?",
        1,
        'a',
        'b',
      ),
    ).toContain('USING COVERING INDEX stock_moves_item_ts');
    expect(plan('SELECT count(*) FROM stock_moves m WHERE m.warehouse_id = ?', 1)).toContain('stock_moves_warehouse_ts');
    expect(plan('SELECT count(*) FROM stock_moves m WHERE m.kind = ?', 'loss')).toContain('stock_moves_kind_ts');
    expect(plan('SELECT item_id AS id, sum(qty) AS n FROM stock_moves GROUP BY item_id')).toContain('COVERING INDEX stock_moves_item_warehouse_qty');
    expect(plan('SELECT count(*) AS n FROM stock_moves m WHERE m.ts >= ? AND m.ts < ?', '2026-01-01', '2026-01-02')).toContain(
      'USING COVERING INDEX stock_moves_ts',
    );
  });
});
