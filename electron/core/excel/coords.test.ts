import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { toWgs84 } from './coords';

/**
 * Published reference: Beijing railway station, WGS-84 (39.90105, 116.42079) and GCJ-02
 * (39.90245, 116.42703), from the geoChina package's documentation (checked against
 * Google Earth by its author). Five decimals, so agreement within 2e-5° (~2 m).
 */
describe('coordinate systems', () => {
  it('converts GCJ-02 to WGS-84 at a published reference point', () => {
    const [lng, lat] = toWgs84(116.42703, 39.90245, 'GCJ02');
    expect(Math.abs(lng - 116.42079)).toBeLessThan(2e-5);
    expect(Math.abs(lat - 39.90105)).toBeLessThan(2e-5);
  });

  it('and back, and BD-09 round trips through WGS-84', () => {
    const gcj = gcoord.transform([116.42079, 39.90105], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    expect(Math.abs(gcj[0] - 116.42703)).toBeLessThan(2e-5);
    expect(Math.abs(gcj[1] - 39.90245)).toBeLessThan(2e-5);
    const bd = gcoord.transform([115.6502, 34.4101], gcoord.WGS84, gcoord.BD09) as [number, number];
    const back = toWgs84(bd[0], bd[1], 'BD09');
    expect(Math.abs(back[0] - 115.6502)).toBeLessThan(2e-5);
    expect(Math.abs(back[1] - 34.4101)).toBeLessThan(2e-5);
    expect(toWgs84(115.6502, 34.4101, 'WGS84')).toEqual([115.6502, 34.4101]);
  });
});
