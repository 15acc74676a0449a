import gcoord from 'gcoord';
import type { CoordSystem } from './read-cell';

/** Coordinates are stored as WGS-84; values copied from Amap/Tencent (GCJ-02) or Baidu (BD-09) are converted. */
export function toWgs84(lng: number, lat: number, from: CoordSystem): [number, number] {
  if (from === 'WGS84') return [lng, lat];
  const [x, y] = gcoord.transform([lng, lat], from === 'GCJ02' ? gcoord.GCJ02 : gcoord.BD09, gcoord.WGS84) as [number, number];
  return [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6];
}
