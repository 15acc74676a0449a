import { describe, expect, it } from 'vitest';
import { checkGeoJson, signedArea } from './geojson';

const square = (clockwise = false): [number, number][] => {
  const ring: [number, number][] = [
    [115.65, 34.41],
    [115.651, 34.41],
    [115.651, 34.411],
    [115.65, 34.411],
    [115.65, 34.41],
  ];
  return clockwise ? [...ring].reverse() : ring;
};
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const poly = (name: string, ring: unknown) => ({ type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [ring] } });

describe('GeoJSON checks', () => {
  it('accepts counter-clockwise polygons and points, and turns clockwise rings round with a warning', () => {
    const r = checkGeoJson(
      fc(poly('甲小区', square()), poly('乙小区', square(true)), {
        type: 'Feature',
        properties: { name: '东门' },
        geometry: { type: 'Point', coordinates: [115.65, 34.41] },
      }),
    );
    expect(r.errors).toEqual([]);
    expect(r.features).toHaveLength(3);
    expect(signedArea(r.features[1]!.coordinates as [number, number][])).toBeGreaterThan(0);
    expect(r.warnings).toEqual([{ feature: 2, name: '乙小区', message: '外环为顺时针，已按规范改为逆时针' }]);
  });

  it('flags bad geometry and coordinates outside China in Chinese, feature by feature', () => {
    const open = square().slice(0, 4);
    const swapped = square().map(([x, y]) => [y, x]);
    const r = checkGeoJson(
      fc(
        poly('未闭合', open),
        poly('写反了', swapped),
        poly('太少', [
          [115.65, 34.41],
          [115.651, 34.41],
          [115.65, 34.41],
        ]),
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [115, 34] } },
        { type: 'Feature', properties: { name: '线' }, geometry: { type: 'LineString', coordinates: [] } },
      ),
    );
    expect(r.features).toEqual([]);
    expect(r.errors.map((e) => e.feature)).toEqual([1, 2, 3, 4, 5]);
    expect(r.errors[0]!.message).toBe('面没有闭合（首尾坐标不同）');
    expect(r.errors[1]!.message).toMatch(/^坐标 34\.41, 115\.65 不在中国范围内（是否把经纬度写反了？）$/);
    expect(r.errors[2]!.message).toBe('面至少需要 3 个不同的点');
    expect(r.errors[3]!.message).toBe('缺少名称（properties.name）');
    expect(r.errors[4]!.message).toBe('不支持的几何类型 LineString（只支持点和面）');
    expect(checkGeoJson({ hello: 1 }).errors[0]!.message).toContain('不是 GeoJSON');
  });
});
