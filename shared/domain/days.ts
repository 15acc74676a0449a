/**
 * Calendar days as the office lives them: Beijing time (UTC+8, no daylight saving), days
 * written YYYY-MM-DD. Instants are stored as ISO strings in UTC, so a day's rows are the
 * range [dayStart, dayEnd) of the stored column — never a function of it.
 */
const OFFSET = 8 * 3_600_000;
const DAY = 86_400_000;

/** The Beijing calendar day of an instant. */
export const localDay = (d: Date): string => new Date(d.getTime() + OFFSET).toISOString().slice(0, 10);
/** The Beijing hour (0–23) of an instant. */
export const localHour = (d: Date): number => new Date(d.getTime() + OFFSET).getUTCHours();
/** A day's Beijing midnight as a Date. */
export const midnight = (day: string): Date => new Date(`${day}T00:00:00+08:00`);
/** A day's first instant, stored form. */
export const dayStart = (day: string): string => midnight(day).toISOString();
/** The next day's first instant, stored form (the end of the range, exclusive). */
export const dayEnd = (day: string): string => new Date(midnight(day).getTime() + DAY).toISOString();
/** The day n days later (or earlier, for negative n). */
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** A day as people write it in a sentence: 2026-11-19 → 11月19日. */
export const monthDay = (day: string): string => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
/**
 * The Monday after `day` (a roster week starts on Monday, whatever the display locale
 * thinks the first day of a week is).
 */
export function nextMonday(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, (1 - weekday + 7) % 7 || 7);
}
