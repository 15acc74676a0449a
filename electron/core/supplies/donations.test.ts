import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { Donation, DonationTotals } from '../../../shared/api/supplies';
import { dataOf, errorOf, manualClock, openSignedIn, type Call } from '../../../test/helpers/temp-core';

type DonationOut = z.output<typeof Donation>;

async function itemId(call: Call, name: string): Promise<number> {
  const { rows } = dataOf<{ rows: { id: number; name: string }[] }>(await call('supplyItems.list', { q: name }));
  return rows.find((r) => r.name === name)!.id;
}

describe('donations', () => {
  it('registers a donation into stock with a sequential receipt number, and masks the donor’s phone unless revealed', async () => {
    const { core, call } = await openSignedIn({ now: manualClock('2026-02-03T02:00:00Z') }, 'command');
    const donor = dataOf<{ id: number }>(
      await call('donors.create', { name: '商丘隆越汽车有限公司', kind: 'enterprise', contact: '李明远', phone: '13837012345' }),
    );
    const [masks, gel] = [await itemId(call, '医用外科口罩'), await itemId(call, '75%酒精')];
    const first = dataOf<DonationOut>(
      await call('donations.create', {
        donorId: donor.id,
        warehouseId: 1,
        receivedOn: '2026-02-03',
        lines: [
          { itemId: masks, qty: 5000 },
          { itemId: gel, qty: 240 },
        ],
      }),
    );
    expect(first.receiptNo).toBe('JZ-2026-0001');
    expect(first.lines.map((l) => [l.itemName, l.qty, l.unit])).toEqual([
      ['医用外科口罩', 5000, '只'],
      ['75%酒精', 240, '瓶'],
    ]);
    expect(first).toMatchObject({ donorName: '商丘隆越汽车有限公司', contact: '李*远', phone: '138****2345', warehouseName: '街道物资库', username: 'zhihui' });
    const revealed = dataOf<DonationOut>(await call('donations.get', { id: first.id, reveal: { reason: '物资配送' } }));
    expect(revealed.phone).toBe('13837012345');
    const second = dataOf<DonationOut>(
      await call('donations.create', { donorId: donor.id, warehouseId: 1, receivedOn: '2026-02-04', lines: [{ itemId: masks, qty: 1000 }] }),
    );
    expect(second.receiptNo).toBe('JZ-2026-0002');
    const moves = core.db.prepare("SELECT sum(qty) AS q FROM stock_moves WHERE kind = 'donation'").get() as { q: number };
    expect(moves.q).toBe(6240);
    const unknownDonor = errorOf(
      await call('donations.create', { donorId: 999, warehouseId: 1, receivedOn: '2026-02-04', lines: [{ itemId: masks, qty: 1 }] }),
    );
    expect(unknownDonor.message).toBe('捐赠方不存在，请先登记捐赠方');
    const badDate = errorOf(await call('donations.create', { donorId: donor.id, warehouseId: 1, receivedOn: '2月4日', lines: [{ itemId: masks, qty: 1 }] }));
    expect(badDate.issues?.[0]).toMatchObject({ path: 'receivedOn', message: '日期格式应为 YYYY-MM-DD' });
  });

  it('totals by donor and by item equal the ledger, also after a donation line is reversed', async () => {
    const { core, call } = await openSignedIn({ demo: true }, 'command');
    const check = async () => {
      const t = dataOf<z.output<typeof DonationTotals>>(await call('donations.totals', {}));
      const ledger = core.db
        .prepare(
          'SELECT item_id AS itemId, sum(qty) AS qty FROM stock_moves WHERE donation_id IS NOT NULL GROUP BY item_id HAVING sum(qty) <> 0 ORDER BY item_id',
        )
        .all();
      expect(t.byItem.map((i) => ({ itemId: i.itemId, qty: i.qty }))).toEqual(ledger);
      const perDonor = t.byDonor.flatMap((d) => d.items).reduce((s, i) => s + i.qty, 0);
      expect(perDonor).toBe(t.byItem.reduce((s, i) => s + i.qty, 0));
      return t;
    };
    const t = await check();
    expect(t.byDonor.map((d) => d.donorName)).toEqual(['平原街道巾帼企业家协会', '商丘隆越汽车有限公司', '金桥社区季庄村居民']);
    const row = core.db.prepare("SELECT id FROM stock_moves WHERE kind = 'donation' ORDER BY id LIMIT 1").get() as { id: number };
    dataOf(await call('stock.reverse', { moveId: row.id, reason: '登记数量有误' }));
    const after = await check();
    expect(after.byItem.reduce((s, i) => s + i.qty, 0)).toBeLessThan(t.byItem.reduce((s, i) => s + i.qty, 0));
  });

  it('donors with donations cannot be deleted', async () => {
    const { call } = await openSignedIn({ demo: true }, 'command');
    const { rows } = dataOf<{ rows: { id: number; name: string; donations: number }[] }>(await call('donors.list', {}));
    expect(rows[0]!.donations).toBe(1);
    expect(errorOf(await call('donors.delete', { id: rows[0]!.id })).message).toBe(
      `无法删除捐赠方“${rows[0]!.name}”：还有 1 个捐赠记录属于它。请先移走或删除这些数据。`,
    );
  });
});
