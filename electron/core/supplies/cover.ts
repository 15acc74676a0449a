/**
 * Days of cover (可用天数), the one rule behind the 库存总览, the briefing and the 总览:
 * stock on hand divided by the average daily outflow (分配 and 领用) of the last 7 days,
 * shown to one decimal. An item whose stock is low by that rule or under its own 预警量
 * is flagged. Kept in one place so the pages and the printed briefing never disagree.
 */

/** The days the average daily outflow is taken over. */
export const COVER_WINDOW_DAYS = 7;

/**
 * Days of cover, rounded to one decimal; null when nothing went out in the window (no
 * rate to divide by). A week's outflow is always divided by 7, even when the item only
 * started going out mid-week or today's day is not over: the page says "近 7 天日均".
 * Net returns in the window can make the outflow negative: counted as none.
 */
export function daysOfCover(onHand: number, outflow7: number): number | null {
  const out = Math.max(0, outflow7);
  if (out === 0) return null;
  return Math.round((onHand / (out / COVER_WINDOW_DAYS)) * 10) / 10;
}

/**
 * Low stock: under the item's own 预警量, or fewer days of cover than the office's
 * threshold. The rounded figure is compared, so an item shown as "3 天" is not flagged
 * at a threshold of 3 days.
 */
export function isLowStock(onHand: number, lowStock: number | null, cover: number | null, thresholdDays: number): boolean {
  return (lowStock !== null && onHand < lowStock) || (cover !== null && cover < thresholdDays);
}

/** Both at once, for a line of a stock table. */
export function coverOf(item: { onHand: number; outflow7: number; lowStock: number | null }, thresholdDays: number) {
  const cover = daysOfCover(item.onHand, item.outflow7);
  return { out7: Math.max(0, item.outflow7), daysOfCover: cover, low: isLowStock(item.onHand, item.lowStock, cover, thresholdDays) };
}
