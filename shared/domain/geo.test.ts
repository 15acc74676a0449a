import { describe, expect, it } from 'vitest';
import { convexHull, padRing, ringCentre } from './geo';

describe('schematic geometry', () => {
  it('the hull encloses every point and drops inner ones', () => {
    const hull = convexHull([
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [1, 1],
      [1, 0.5],
    ]);
    expect(hull).toHaveLength(5);
    expect(hull[0]).toEqual(hull.at(-1));
    expect(hull).not.toContainEqual([1, 1]);
  });
  it('padding moves every vertex outwards; the centre of a square is its middle', () => {
    const ring: [number, number][] = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 0],
    ];
    const padded = padRing(ring, 0.5);
    expect(padded[0]![0]).toBeLessThan(0);
    expect(padded[2]![1]).toBeGreaterThan(2);
    expect(ringCentre(ring)).toEqual([1, 1]);
  });
});
