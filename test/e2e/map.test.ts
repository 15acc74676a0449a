import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { solidPng } from '../fixtures/map/png';
import { apiCall, browserSession } from './harness';
import { pickOnMap } from './map-search';

/** The map as the command centre uses it, on a PC with no internet (no basemap at all). */
const session = browserSession('zhihui', { viewport: { width: 1400, height: 900 } });

const mapCentre = async () => {
  const box = (await session.page.locator('.map-canvas').boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

const searchAndPick = (text: string, optionText: string) => pickOnMap(session.page, text, optionText);

describe('map in Chromium', () => {
  it('draws the demo office: 168 compounds and 99 checkpoints, with a legend', async () => {
    await session.page.goto(`${session.server.url}/#/map`);
    await expect.poll(() => session.page.getByTestId('map-status').innerText()).toBe('已显示 168 个小区、99 个卡点');
    expect(await session.page.getByTestId('map-legend').innerText()).toContain('封控区');
    expect(await session.page.locator('.map-canvas canvas').count()).toBeGreaterThan(0);
    // Hiding a layer takes its shapes off the map.
    await session.page.getByRole('checkbox', { name: '卡点' }).uncheck();
    await expect.poll(() => session.page.getByTestId('map-status').innerText()).toBe('已显示 168 个小区、0 个卡点');
    await session.page.getByRole('checkbox', { name: '卡点' }).check();
    await expect.poll(() => session.page.getByTestId('map-status').innerText()).toBe('已显示 168 个小区、99 个卡点');
  });

  it('search by pinyin initials flies to a compound; clicking it opens its facts', async () => {
    const { rows } = await apiCall<{ rows: { name: string; communityName: string }[] }>(session.server, 'compounds.list', {
      pageSize: 1,
      sort: 'population',
      order: 'desc',
    });
    const target = rows[0]!;
    const initials = pinyin(target.name, { pattern: 'first', toneType: 'none', type: 'array' }).join('');
    await searchAndPick(initials, target.name);
    await expect.poll(() => session.page.getByTestId('map-panel').innerText()).toContain(target.name);
    await session.page.getByTestId('map-panel').getByLabel('关闭').click();
    const c = await mapCentre();
    await session.page.mouse.click(c.x, c.y);
    await expect.poll(() => session.page.getByTestId('map-panel').innerText()).toContain(target.communityName);
    expect(await session.page.getByTestId('map-panel').innerText()).toContain('户数');
  });

  it('a checkpoint moved on the map keeps its new position after reload', async () => {
    const { rows } = await apiCall<{ rows: { id: number; name: string; lng: number; lat: number }[] }>(session.server, 'checkpoints.list', {
      kind: 'road',
      pageSize: 1,
    });
    const cp = rows[0]!;
    await searchAndPick(cp.name, cp.name);
    const panel = session.page.getByTestId('map-panel');
    await expect.poll(() => panel.innerText()).toContain(cp.name);
    await panel.getByRole('button', { name: '移动位置' }).click();
    const c = await mapCentre();
    await session.page.mouse.click(c.x + 80, c.y - 40);
    await panel.getByRole('button', { name: '保存位置' }).click();
    // What is saved, not the passing toast.
    await expect.poll(async () => (await apiCall<{ lng: number }>(session.server, 'checkpoints.get', { id: cp.id })).lng).toBeGreaterThan(cp.lng);

    const moved = await apiCall<{ lng: number; lat: number }>(session.server, 'checkpoints.get', { id: cp.id });
    expect(moved.lat).toBeGreaterThan(cp.lat); // up on the screen is north
    await session.page.reload();
    await searchAndPick(cp.name, cp.name);
    await expect.poll(() => session.page.getByTestId('map-panel').innerText()).toContain(moved.lng.toFixed(6));
  });

  it('exports the current view as a PNG and the geometry as GeoJSON', async () => {
    await session.page.goto('about:blank');
    await session.page.goto(`${session.server.url}/#/map`);
    await expect.poll(() => session.page.getByTestId('map-status').innerText()).toContain('168');
    await session.page.getByRole('button', { name: '导出' }).hover();
    const [png] = await Promise.all([session.page.waitForEvent('download'), session.page.getByRole('menuitem', { name: '导出当前视图（PNG 图片）' }).click()]);
    const bytes = fs.readFileSync(await png.path());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(20_000);
    await session.page.getByRole('button', { name: '导出' }).hover();
    const [geo] = await Promise.all([session.page.waitForEvent('download'), session.page.getByRole('menuitem', { name: '导出 GeoJSON' }).click()]);
    const fc = JSON.parse(fs.readFileSync(await geo.path(), 'utf8')) as { features: unknown[] };
    expect(fc.features).toHaveLength(168 + 99);
  });

  it('reshapes a compound boundary by dragging a vertex and saves it', async () => {
    await session.page.goto('about:blank');
    await session.page.goto(`${session.server.url}/#/map`);
    const { rows } = await apiCall<{ rows: { id: number; name: string }[] }>(session.server, 'compounds.list', {
      pageSize: 1,
      sort: 'population',
      order: 'desc',
    });
    const target = rows[0]!;
    const before = await apiCall<{ boundary: { coordinates: number[][][] } }>(session.server, 'compounds.get', { id: target.id });
    await searchAndPick(target.name, target.name);
    const panel = session.page.getByTestId('map-panel');
    await panel.getByRole('button', { name: '修改边界' }).click();
    const vertex = session.page.locator('.marker-icon:not(.marker-icon-middle)').first();
    await vertex.waitFor();
    const box = (await vertex.boundingBox())!;
    await session.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await session.page.mouse.down();
    await session.page.mouse.move(box.x - 40, box.y - 30, { steps: 5 });
    await session.page.mouse.up();
    await panel.getByRole('button', { name: '保存边界' }).click();
    // What is saved, not the passing toast.
    const boundary = async () =>
      (await apiCall<{ boundary: { coordinates: number[][][] } }>(session.server, 'compounds.get', { id: target.id })).boundary.coordinates[0];
    await expect.poll(boundary).not.toEqual(before.boundary.coordinates[0]);
    const after = await apiCall<{ boundary: { coordinates: number[][][] } }>(session.server, 'compounds.get', { id: target.id });
    expect(after.boundary.coordinates[0]).not.toEqual(before.boundary.coordinates[0]);
    expect(after.boundary.coordinates[0]).toHaveLength(before.boundary.coordinates[0]!.length);
  });

  it('an online basemap that cannot be reached is reported, and the map keeps working', async () => {
    await apiCall(session.server, 'map.setBasemap', { source: 'online', url: 'http://127.0.0.1:9/{z}/{x}/{y}.png', crs: 'WGS84' });
    try {
      await session.page.goto('about:blank');
      await session.page.goto(`${session.server.url}/#/map`);
      await expect.poll(() => session.page.getByText('底图加载失败（网络不通或地址有误），地图的小区、卡点等数据仍可正常使用。').isVisible()).toBe(true);
      expect(await session.page.getByTestId('map-status').innerText()).toBe('已显示 168 个小区、99 个卡点');
    } finally {
      await apiCall(session.server, 'map.setBasemap', { source: 'none' });
    }
  });

  it('draws tiles from a configured online basemap (here a tile server on this machine)', async () => {
    const requests: string[] = [];
    const tile = solidPng([200, 230, 200]);
    const tiles = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'image/png' });
      res.end(tile);
    });
    await new Promise<void>((r) => tiles.listen(0, '127.0.0.1', r));
    const port = (tiles.address() as AddressInfo).port;
    await apiCall(session.server, 'map.setBasemap', { source: 'online', url: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`, crs: 'WGS84' });
    try {
      await session.page.goto('about:blank');
      await session.page.goto(`${session.server.url}/#/map`);
      await expect.poll(() => session.page.locator('img.leaflet-tile-loaded').count()).toBeGreaterThan(3);
      expect(requests.every((u) => /^\/\d+\/\d+\/\d+\.png$/.test(u))).toBe(true);
      expect(await session.page.getByText('底图加载失败').count()).toBe(0);
    } finally {
      await apiCall(session.server, 'map.setBasemap', { source: 'none' });
      await new Promise((r) => tiles.close(r));
    }
  });
});
