/**
 * Checking GeoJSON that people bring (drawn in other tools, exported from other
 * systems) before it touches the map: valid geometry, outer rings counter-clockwise
 * (RFC 7946; a clockwise one is reversed and reported), and inside China's extent.
 */
export type Position = [number, number];

export interface GeoIssue {
  feature: number;
  name: string | null;
  message: string;
}

export interface CheckedFeature {
  index: number;
  name: string;
  kind: 'polygon' | 'point';
  /** Polygon outer ring (closed, counter-clockwise) or a point. */
  coordinates: Position[] | Position;
}

const CHINA = { minLng: 73, maxLng: 136, minLat: 3, maxLat: 54 };
const inChina = ([x, y]: Position) => x >= CHINA.minLng && x <= CHINA.maxLng && y >= CHINA.minLat && y <= CHINA.maxLat;
const isPosition = (p: unknown): p is Position => Array.isArray(p) && p.length >= 2 && p.slice(0, 2).every((v) => typeof v === 'number' && Number.isFinite(v));

/** Twice the signed area: positive for counter-clockwise rings. */
export function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return s;
}

export function checkGeoJson(doc: unknown): { features: CheckedFeature[]; errors: GeoIssue[]; warnings: GeoIssue[] } {
  const errors: GeoIssue[] = [];
  const warnings: GeoIssue[] = [];
  const features: CheckedFeature[] = [];
  const list =
    (doc as { type?: string })?.type === 'FeatureCollection'
      ? (doc as { features?: unknown[] }).features
      : (doc as { type?: string })?.type === 'Feature'
        ? [doc]
        : null;
  if (!Array.isArray(list)) return { features, errors: [{ feature: 0, name: null, message: '不是 GeoJSON 要素集合（FeatureCollection）' }], warnings };
  list.forEach((f, index) => {
    const props = ((f as { properties?: Record<string, unknown> })?.properties ?? {}) as Record<string, unknown>;
    const name = String(props.name ?? props['名称'] ?? props.NAME ?? '').trim() || null;
    const geometry = (f as { geometry?: { type?: string; coordinates?: unknown } })?.geometry;
    const err = (message: string) => errors.push({ feature: index + 1, name, message });
    if (!name) return err('缺少名称（properties.name）');
    if (!geometry?.type) return err('缺少几何图形');
    if (geometry.type === 'Point') {
      if (!isPosition(geometry.coordinates)) return err('点坐标无效');
      const p = geometry.coordinates.slice(0, 2) as Position;
      if (!inChina(p)) return err(`坐标 ${p[0]}, ${p[1]} 不在中国范围内（是否把经纬度写反了？）`);
      features.push({ index, name, kind: 'point', coordinates: p });
      return;
    }
    if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
      const outer = (
        geometry.type === 'Polygon' ? (geometry.coordinates as unknown[])?.[0] : ((geometry.coordinates as unknown[][])?.[0] as unknown[])?.[0]
      ) as unknown[];
      if (geometry.type === 'MultiPolygon' && ((geometry.coordinates as unknown[]) ?? []).length > 1)
        warnings.push({ feature: index + 1, name, message: '多部分面只取第一部分' });
      if (!Array.isArray(outer) || !outer.every(isPosition)) return err('面坐标无效');
      let ring = outer.map((p) => (p as number[]).slice(0, 2) as Position);
      if (ring.length < 4) return err('面至少需要 3 个不同的点');
      const first = ring[0]!;
      const last = ring.at(-1)!;
      if (first[0] !== last[0] || first[1] !== last[1]) return err('面没有闭合（首尾坐标不同）');
      if (Math.abs(signedArea(ring)) < 1e-14) return err('面的面积为零');
      const outside = ring.find((p) => !inChina(p));
      if (outside) return err(`坐标 ${outside[0]}, ${outside[1]} 不在中国范围内（是否把经纬度写反了？）`);
      if (signedArea(ring) < 0) {
        ring = [...ring].reverse();
        warnings.push({ feature: index + 1, name, message: '外环为顺时针，已按规范改为逆时针' });
      }
      features.push({ index, name, kind: 'polygon', coordinates: ring });
      return;
    }
    err(`不支持的几何类型 ${geometry.type}（只支持点和面）`);
  });
  return { features, errors, warnings };
}
