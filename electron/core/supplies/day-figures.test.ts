import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { StockOverview } from '../../../shared/api/supplies';
import { dataOf, manualClock, openSignedIn, signInAs } from '../../../test/helpers/temp-core';
import { supplyDayFigures } from './day-figures';
import { writeMoves } from './ledger';

/**
 * Supplies' line of the briefing for a chosen day, on a real database file: received and
 * issued that day, stock at its end, days of cover at the last week's pace — the same
 * number the 库存总览 shows that day — and a past day left alone by today's movements.
 */

const at = (iso: string) => ({ username: 'wuzi', now: new Date(iso) });

describe('supplies’ day figures', () => {
  it('shows a day’s stock line as the 库存总览 did that day, and keeps it after later movements', async () => {
    const clock = manualClock('2026-02-10T06:00:00Z'); // 14:00 on 10 February, Beijing
    const { core, call } = await openSignedIn({ now: clock }, 'supplies');
    const db = core.db;
    const find = async (q: string) => dataOf<{ rows: { id: number; name: string }[] }>(await call('supplyItems.list', { q })).rows[0]!;
    const masks = await find('医用外科口罩');
    writeMoves(db, [{ itemId: masks.id, warehouseId: 1, qty: 1000, kind: 'purchase', counterparty: '药店' }], at('2026-01-31T02:00:00Z'));
    for (let d = 4; d <= 9; d++) {
      writeMoves(db, [{ itemId: masks.id, warehouseId: 1, qty: -70, kind: 'use', counterparty: '卡点' }], at(`2026-02-0${d}T02:00:00Z`));
    }
    // On the 10th: 200 bought in, 70 given out to a community.
    writeMoves(db, [{ itemId: masks.id, warehouseId: 1, qty: 200, kind: 'purchase', counterparty: '药店' }], at('2026-02-10T01:00:00Z'));
    writeMoves(db, [{ itemId: masks.id, warehouseId: 1, qty: -70, kind: 'issue', recipientName: '东风社区' }], at('2026-02-10T03:00:00Z'));

    const tenth = supplyDayFigures(db, '2026-02-10');
    const line = tenth.rows.find((r) => r.name === '医用外科口罩')!;
    // 1000 + 200 − 7 × 70 = 710 on hand; 490 out in 7 days is 70 a day: 10.1 days.
    expect(line).toMatchObject({ name: '医用外科口罩', issued: 70, received: 200, onHand: 710, daysOfCover: 10.1, low: false });
    expect(tenth.scarcest).toEqual({ name: '医用外科口罩', daysOfCover: 10.1 });
    expect(tenth.lowStockItems).toBe(0);
    const overview = dataOf<z.output<typeof StockOverview>>(await call('stock.overview', {}));
    expect(overview.items.find((i) => i.itemId === masks.id)).toMatchObject({ onHand: 710, out7d: 490, daysOfCover: 10.1, low: false });

    // The 9th, before the purchase and the issue: 1000 − 6 × 70 = 580 for 420 out (60 a day).
    expect(supplyDayFigures(db, '2026-02-09').rows.find((r) => r.name === '医用外科口罩')).toMatchObject({
      issued: 0,
      received: 0,
      onHand: 580,
      daysOfCover: 9.7,
    });

    // The next day, 600 go out at once: the 11th is short, the 10th stays as it was.
    clock.set('2026-02-11T06:00:00Z');
    writeMoves(db, [{ itemId: masks.id, warehouseId: 1, qty: -600, kind: 'issue', recipientName: '东风社区' }], at('2026-02-11T02:00:00Z'));
    expect(supplyDayFigures(db, '2026-02-10')).toEqual(tenth);
    const eleventh = supplyDayFigures(db, '2026-02-11');
    // 110 left; 6 × 70 + 600 = 1020 out in the 7 days to the 11th (145.7 a day): 0.8 days.
    expect(eleventh.rows.find((r) => r.name === '医用外科口罩')).toMatchObject({ issued: 600, received: 0, onHand: 110, daysOfCover: 0.8, low: true });
    expect(eleventh.lowStockItems).toBe(1);
    const again = await signInAs(core, 'supplies'); // the session of yesterday has run out
    expect(dataOf<z.output<typeof StockOverview>>(await again('stock.overview', {})).items.find((i) => i.itemId === masks.id)).toMatchObject({
      onHand: 110,
      daysOfCover: 0.8,
      low: true,
    });
  });
});
