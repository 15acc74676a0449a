import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';
import { basemapOrigins } from './basemap';

let t: TestCore;
beforeAll(async () => {
  t = await openTestCore();
});
afterAll(() => t.cleanup());

type Features = {
  compounds: { id: number; communityName: string; boundary: unknown }[];
  checkpoints: { id: number; lng: number | null; lat: number | null }[];
};

describe('map data', () => {
  it('returns every compound and checkpoint of the office, and only the own community for a scoped user', async () => {
    const all = unwrap<Features>(await (await signInAs(t.core, 'viewer'))('map.features'));
    expect(all.compounds).toHaveLength(168);
    expect(all.checkpoints).toHaveLength(99);
    expect(all.compounds.every((c) => c.boundary !== null)).toBe(true);
    const scoped = unwrap<Features>(await (await signInAs(t.core, 'community'))('map.features'));
    expect(new Set(scoped.compounds.map((c) => c.communityName)).size).toBe(1);
  });

  it('moving a checkpoint changes only its position, is audited, and needs write permission', async () => {
    const command = await signInAs(t.core, 'command');
    const before = unwrap<Features>(await command('map.features')).checkpoints[0]!;
    const moved = unwrap<{ lng: number; lat: number; name: string }>(await command('checkpoints.move', { id: before.id, lng: 115.7, lat: 34.5 }));
    expect(moved).toMatchObject({ lng: 115.7, lat: 34.5 });
    const log = t.core.db.prepare("SELECT detail FROM audit_log WHERE method = 'checkpoints.move' ORDER BY id DESC LIMIT 1").get() as { detail: string };
    expect(Object.keys(JSON.parse(log.detail)).sort()).toEqual(['lat', 'lng']);
    expect(await command('checkpoints.move', { id: before.id, lng: 34.5, lat: 115.7 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await (await signInAs(t.core, 'viewer'))('checkpoints.move', { id: before.id, lng: 115.7, lat: 34.5 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('GeoJSON', () => {
  it('exports every compound and checkpoint and imports them back by name', async () => {
    const command = await signInAs(t.core, 'command');
    const out = unwrap<{ base64: string; rowCount: number }>(await command('map.exportGeoJson'));
    const fc = JSON.parse(Buffer.from(out.base64, 'base64').toString()) as {
      features: { properties: { name: string; layer: string }; geometry: { type: string; coordinates: unknown } }[];
    };
    expect(out.rowCount).toBe(168 + 99);
    const first = fc.features.find((f) => f.properties.layer === '小区')!;
    const original = t.core.db.prepare('SELECT boundary FROM compounds WHERE name = ?').get(first.properties.name) as { boundary: string };
    t.core.db.prepare('UPDATE compounds SET boundary = NULL WHERE name = ?').run(first.properties.name);

    const text = JSON.stringify({ ...fc, features: [...fc.features, { type: 'Feature', properties: { name: '不存在的小区' }, geometry: first.geometry }] });
    const check = unwrap<{ compounds: number; checkpoints: number; errors: { feature: number; message: string }[]; applied: boolean }>(
      await command('map.importGeoJson', { fileName: 'x.geojson', text }),
    );
    expect(check).toMatchObject({ compounds: 168, checkpoints: 99, applied: false });
    expect(check.errors).toEqual([{ feature: 268, name: '不存在的小区', message: '找不到同名小区' }]);
    expect((t.core.db.prepare('SELECT boundary FROM compounds WHERE name = ?').get(first.properties.name) as { boundary: string | null }).boundary).toBeNull();

    unwrap(await command('map.importGeoJson', { fileName: 'x.geojson', text, apply: true }));
    const restored = t.core.db.prepare('SELECT boundary FROM compounds WHERE name = ?').get(first.properties.name) as { boundary: string };
    expect(JSON.parse(restored.boundary)).toEqual(JSON.parse(original.boundary));
  });

  it('converts GCJ-02 input to WGS-84 and refuses text that is not JSON', async () => {
    const command = await signInAs(t.core, 'command');
    const cp = t.core.db.prepare('SELECT name FROM checkpoints ORDER BY id LIMIT 1').get() as { name: string };
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: cp.name }, geometry: { type: 'Point', coordinates: [116.42703, 39.90245] } }],
    });
    unwrap(await command('map.importGeoJson', { fileName: 'gcj.geojson', text, coordSystem: 'GCJ02', apply: true }));
    const row = t.core.db.prepare('SELECT lng, lat FROM checkpoints WHERE name = ?').get(cp.name) as { lng: number; lat: number };
    expect(Math.abs(row.lng - 116.42079)).toBeLessThan(2e-5);
    expect(Math.abs(row.lat - 39.90105)).toBeLessThan(2e-5);
    expect(await command('map.importGeoJson', { fileName: 'bad.geojson', text: '{"type":' })).toMatchObject({
      ok: false,
      error: { message: '文件不是有效的 GeoJSON（JSON 格式错误）' },
    });
  });
});

describe('drawing a boundary', () => {
  it('saves a drawn ring (turned counter-clockwise), moves the centre, and refuses an open ring', async () => {
    const command = await signInAs(t.core, 'command');
    const c = t.core.db.prepare('SELECT id FROM compounds ORDER BY id LIMIT 1').get() as { id: number };
    const clockwise: [number, number][] = [
      [115.6, 34.4],
      [115.6, 34.402],
      [115.602, 34.402],
      [115.602, 34.4],
      [115.6, 34.4],
    ];
    const saved = unwrap<{ boundary: { coordinates: [number, number][][] }; lng: number; lat: number }>(
      await command('compounds.setBoundary', { id: c.id, boundary: { type: 'Polygon', coordinates: [clockwise] } }),
    );
    expect(saved.boundary.coordinates[0]).toEqual([...clockwise].reverse());
    expect(saved).toMatchObject({ lng: 115.601, lat: 34.401 });
    const open = clockwise.slice(0, 4);
    expect(await command('compounds.setBoundary', { id: c.id, boundary: { type: 'Polygon', coordinates: [[...open, [115.7, 34.5]]] } })).toMatchObject({
      ok: false,
      error: { message: '边界无效：面没有闭合（首尾坐标不同）' },
    });
  });
});

describe('basemap settings', () => {
  it('the administrator chooses the basemap; everyone reads it; the online origin is allowed for images', async () => {
    const admin = await signInAs(t.core, 'admin');
    expect(unwrap(await admin('map.basemap'))).toEqual({ source: 'none', url: '', crs: 'WGS84' });
    expect(await admin('map.setBasemap', { source: 'online', url: 'ftp://x/{z}/{x}/{y}' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await admin('map.setBasemap', { source: 'online', url: '' })).toMatchObject({ ok: false, error: { message: '请填写在线底图地址' } });
    unwrap(await admin('map.setBasemap', { source: 'online', url: 'https://tiles.example.cn/{z}/{x}/{y}.png', crs: 'GCJ02' }));
    expect(unwrap(await (await signInAs(t.core, 'viewer'))('map.basemap'))).toMatchObject({ source: 'online', crs: 'GCJ02' });
    expect(basemapOrigins(t.core.db)).toEqual(['https://tiles.example.cn']);
    expect(await (await signInAs(t.core, 'command'))('map.setBasemap', { source: 'none' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    unwrap(await admin('map.setBasemap', { source: 'none' }));
    expect(basemapOrigins(t.core.db)).toEqual([]);
  });
});
