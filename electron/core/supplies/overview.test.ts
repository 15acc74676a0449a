import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { StockOverview } from '../../../shared/api/supplies';
import { dataOf, errorOf, manualClock, openSignedIn } from '../../../test/helpers/temp-core';
import { writeMoves } from './ledger';

type Overview = z.output<typeof StockOverview>;

describe('库存总览', () => {
  it('shows stock, days of cover at last week’s pace, low-stock warnings by threshold, recent movements and a 30-day trend', async () => {
    // The ledger of the last ten days is written as it happened; the overview is read on 2 月 10 日.
    const { core, call } = await openSignedIn({ now: manualClock('2026-02-10T06:00:00Z') }, 'supplies');
    const masks = dataOf<{ rows: { id: number; name: string }[] }>(await call('supplyItems.list', { q: '医用外科口罩' })).rows[0]!;
    writeMoves(core.db, [{ itemId: masks.id, warehouseId: 1, qty: 1000, kind: 'purchase' }], { username: 'wuzi', now: new Date('2026-01-31T02:00:00Z') });
    for (let d = 4; d <= 10; d++) {
      writeMoves(core.db, [{ itemId: masks.id, warehouseId: 1, qty: -70, kind: 'use', counterparty: '卡点' }], {
        username: 'wuzi',
        now: new Date(`2026-02-${String(d).padStart(2, '0')}T02:00:00Z`),
      });
    }
    const o = dataOf<Overview>(await call('stock.overview', {}));
    const line = o.items.find((i) => i.itemId === masks.id)!;
    expect(line).toMatchObject({ onHand: 510, out7d: 490, daysOfCover: 7.3, low: false });
    expect(o.coverDaysThreshold).toBe(3);
    expect(o.recent[0]).toMatchObject({ kind: 'use', qty: -70, itemName: '医用外科口罩' });
    expect(o.series).toHaveLength(30);
    expect(o.series.at(-1)).toEqual({ day: '2026-02-10', stock: expect.objectContaining({ [String(masks.id)]: 510 }) });
    expect(o.series.find((s) => s.day === '2026-02-03')!.stock[String(masks.id)]).toBe(1000);
    expect(o.series.find((s) => s.day === '2026-01-30')!.stock[String(masks.id)]).toBe(0);
    expect(o.series.find((s) => s.day === '2026-02-05')!.stock[String(masks.id)]).toBe(860);

    // Office threshold: warn under 10 days of cover.
    dataOf(await call('supplies.setSettings', { coverDaysThreshold: 10 }));
    expect(dataOf<Overview>(await call('stock.overview', {})).items.find((i) => i.itemId === masks.id)!.low).toBe(true);
    dataOf(await call('supplies.setSettings', { coverDaysThreshold: 3 }));
    // The item's own line: under 600 masks.
    const {
      onHand: _o,
      createdAt: _c,
      updatedAt: _u,
      ...item
    } = dataOf<{ rows: Record<string, unknown>[] }>(await call('supplyItems.list', { q: '医用外科口罩' })).rows[0]!;
    dataOf(await call('supplyItems.update', { ...item, lowStock: 600 }));
    const low = dataOf<Overview>(await call('stock.overview', {})).items.find((i) => i.itemId === masks.id)!;
    expect(low).toMatchObject({ low: true, lowStock: 600 });
    expect(errorOf(await call('supplies.setSettings', { coverDaysThreshold: 0 })).issues?.[0]?.message).toBe('至少 1 天');
  });
});
