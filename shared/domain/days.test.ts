import { describe, expect, it } from 'vitest';
import { nextMonday } from './days';

describe('nextMonday', () => {
  it('proposes the coming Monday from every day of a week, never a Tuesday', () => {
    // 2026-11-30 is a Monday.
    expect(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'].map(nextMonday)).toEqual([
      '2026-12-07',
      '2026-12-07',
      '2026-12-07',
      '2026-12-07',
      '2026-12-07',
      '2026-12-07',
      '2026-12-07',
    ]);
    expect(nextMonday('2026-12-31')).toBe('2027-01-04');
  });
});
