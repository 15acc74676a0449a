import gcoord from 'gcoord';
import type { Point } from '../../../../shared/domain/geo';

/**
 * Data are WGS-84. On a basemap published in GCJ-02 (Amap, Tencent and most Chinese
 * tile servers) every overlay is shifted into GCJ-02 so it lands on the right street,
 * and clicks are shifted back before they are saved.
 */
export interface Projection {
  /** [lng, lat] WGS-84 → Leaflet [lat, lng] on the basemap. */
  toView: (p: Point) => [number, number];
  /** Leaflet lat/lng on the basemap → [lng, lat] WGS-84. */
  fromView: (lat: number, lng: number) => Point;
}

export const identity: Projection = { toView: ([x, y]) => [y, x], fromView: (lat, lng) => [lng, lat] };

export const gcj02: Projection = {
  toView: (p) => {
    const [x, y] = gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as Point;
    return [y, x];
  },
  fromView: (lat, lng) => gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as Point,
};
