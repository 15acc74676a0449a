import { describe, expect, it } from 'vitest';
import { coverOf, daysOfCover, isLowStock } from './cover';

/** The one days-of-cover rule (可用天数) the 库存总览, the briefing and the 总览 all show. */

describe('days of cover', () => {
  it('divides stock on hand by the last 7 days’ average daily outflow, to one decimal', () => {
    expect(daysOfCover(510, 490)).toBe(7.3); // 70 a day
    expect(daysOfCover(700, 700)).toBe(7);
    expect(daysOfCover(1, 3)).toBe(2.3); // 2.333…
  });

  it('has no figure when nothing went out (zero use), nor when returns outweigh the outflow', () => {
    expect(daysOfCover(1000, 0)).toBeNull();
    expect(daysOfCover(0, 0)).toBeNull();
    expect(daysOfCover(1000, -40)).toBeNull();
  });

  it('is 0 days with no stock left while the item is still going out', () => {
    expect(daysOfCover(0, 70)).toBe(0);
  });

  it('counts partial use over the whole week: 30 used on one day only is 30 ÷ 7 a day', () => {
    expect(daysOfCover(30, 30)).toBe(7);
    expect(daysOfCover(9, 30)).toBe(2.1);
  });

  it('flags an item under its own 预警量, or under the threshold as shown (2.96 days shows and counts as 3.0)', () => {
    expect(isLowStock(100, 200, null, 3)).toBe(true);
    expect(isLowStock(200, 200, null, 3)).toBe(false);
    expect(isLowStock(500, null, 2.9, 3)).toBe(true);
    expect(isLowStock(500, null, 3, 3)).toBe(false);
    expect(coverOf({ onHand: 296, outflow7: 700, lowStock: null }, 3)).toEqual({ out7: 700, daysOfCover: 3, low: false });
    expect(coverOf({ onHand: 0, outflow7: 0, lowStock: null }, 3)).toEqual({ out7: 0, daysOfCover: null, low: false });
    expect(coverOf({ onHand: 0, outflow7: 0, lowStock: 10 }, 3)).toEqual({ out7: 0, daysOfCover: null, low: true });
    expect(coverOf({ onHand: 50, outflow7: -20, lowStock: null }, 3)).toEqual({ out7: 0, daysOfCover: null, low: false });
  });
});
