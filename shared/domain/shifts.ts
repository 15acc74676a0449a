/** Shift patterns of a post: hours of the day, [start, end); end ≤ start runs past midnight. */
export const SHIFT_PATTERNS = {
  three: {
    label: '三班（0–8、8–16、16–24）',
    shifts: [
      [0, 8],
      [8, 16],
      [16, 24],
    ],
  },
  two: {
    label: '两班（8–20、20–次日8）',
    shifts: [
      [8, 20],
      [20, 8],
    ],
  },
  day: { label: '白班（8–20）', shifts: [[8, 20]] },
  custom: { label: '自定义', shifts: [] },
} as const satisfies Record<string, { label: string; shifts: readonly (readonly [number, number])[] }>;
export type ShiftPattern = keyof typeof SHIFT_PATTERNS;

export function shiftsOf(pattern: ShiftPattern, custom: [number, number][] | null): [number, number][] {
  return pattern === 'custom' ? (custom ?? []) : SHIFT_PATTERNS[pattern].shifts.map(([s, e]) => [s, e] as [number, number]);
}

/** "08:00–16:00", "20:00–次日08:00". */
export function shiftLabel([s, e]: [number, number]): string {
  const h = (n: number) => `${String(n).padStart(2, '0')}:00`;
  return e > s ? `${h(s)}–${h(e)}` : `${h(s)}–次日${h(e)}`;
}

/** Start and end in hours from the roster's first midnight. */
export function shiftSpan(day: number, [s, e]: [number, number]): [number, number] {
  return [day * 24 + s, day * 24 + (e > s ? e : e + 24)];
}
