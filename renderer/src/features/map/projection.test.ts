import { describe, expect, it } from 'vitest';
import { gcj02, identity } from './projection';

describe('overlay projection', () => {
  it('shifts WGS-84 data onto a GCJ-02 basemap (published reference point) and back', () => {
    const [lat, lng] = gcj02.toView([116.42079, 39.90105]);
    expect(Math.abs(lng - 116.42703)).toBeLessThan(2e-5);
    expect(Math.abs(lat - 39.90245)).toBeLessThan(2e-5);
    const [x, y] = gcj02.fromView(lat, lng);
    expect(Math.abs(x - 116.42079)).toBeLessThan(1e-5);
    expect(Math.abs(y - 39.90105)).toBeLessThan(1e-5);
    expect(identity.toView([115.65, 34.41])).toEqual([34.41, 115.65]);
  });
});
