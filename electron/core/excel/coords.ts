import gcoord from 'gcoord';
import type { CoordSystem } from './read-cell';

/** Coordinates are stored as WGS-84; values copied from Amap/Tencent (GCJ-02) or Baidu (BD-09) are converted. */
export function toWgs84(lng: number, lat: number, from: CoordSystem): [number, number] {
  if (from === 'WGS84') return [lng, lat];
  const [x, y] = gcoord.transform([lng, lat], from === 'GCJ02' ? gcoord.GCJ02 : gcoord.BD09, gcoord.WGS84) as [number, number];
  return [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6];
}

/** Reads a row's 经度/纬度/坐标系 cells: both or neither, converted to WGS-84. */
export function rowCoordinates(v: Record<string, unknown>, errors: { key: string; message: string }[]): { lng: number | null; lat: number | null } {
  const lng = v.lng as number | null;
  const lat = v.lat as number | null;
  if ((lng === null) !== (lat === null)) {
    errors.push({ key: lng === null ? 'lng' : 'lat', message: '经度和纬度须同时填写' });
    return { lng: null, lat: null };
  }
  if (lng === null || lat === null) return { lng: null, lat: null };
  const [x, y] = toWgs84(lng, lat, (v.coordSystem as CoordSystem | null) ?? 'WGS84');
  return { lng: x, lat: y };
}
