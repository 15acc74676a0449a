import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaPack, ZOOM_COLOURS } from '../fixtures/map/make-mbtiles';
import { apiCall, launchBrowser, type RunningServer, signInUI, startServer, tempDataDir } from './harness';

/** An office with no internet uses an imported .mbtiles as its basemap. */
let browser: Browser;
let server: RunningServer;
let page: Page;
const dataDir = tempDataDir();
const packFile = path.join(tempDataDir('sc-pack-'), '演示底图.mbtiles');

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer(dataDir);
  page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })).newPage();
  await signInUI(page, server, 'admin');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}.key`, { force: true });
  fs.rmSync(path.dirname(packFile), { recursive: true, force: true });
});

/** The colour at the centre of each loaded basemap tile, read back from the image the page drew, with its zoom. */
const loadedTiles = () =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLImageElement>('img.leaflet-tile-loaded')].map((img) => {
      const c = document.createElement('canvas');
      c.width = c.height = 1;
      const g = c.getContext('2d')!;
      g.drawImage(img, img.naturalWidth / 2, img.naturalHeight / 2, 1, 1, 0, 0, 1, 1);
      const [r, gr, b] = g.getImageData(0, 0, 1, 1).data;
      const hex = (n: number) => n.toString(16).padStart(2, '0');
      return { src: new URL(img.src).pathname, colour: `#${hex(r!)}${hex(gr!)}${hex(b!)}`, width: img.naturalWidth };
    }),
  );

describe('offline tile pack', () => {
  it('is imported in 设置, chosen as the basemap, and its tiles are requested from this server and drawn under the map', async () => {
    const pack = areaPack(packFile, { name: '演示离线底图' });
    await page.goto(`${server.url}/#/settings`);
    await page.getByRole('tab', { name: '系统' }).click();
    await page.locator('input[type=file][accept=".mbtiles"]').setInputFiles(packFile);
    // The pack in the list, not the passing toast.
    const row = page.locator('.ant-table-row', { hasText: '演示离线底图' });
    await expect.poll(() => row.innerText()).toContain('演示底图.mbtiles');
    expect(await row.innerText()).toContain('演示底图.mbtiles');
    expect(await row.innerText()).toContain(String(pack.tileCount));
    // The import preselects the pack; saving makes it the basemap.
    await expect.poll(() => page.getByRole('radio', { name: '离线瓦片包：演示离线底图' }).isChecked()).toBe(true);
    await page.locator('.ant-card', { hasText: '地图底图' }).getByRole('button', { name: '保存' }).click();
    const id = (await apiCall<{ id: string }[]>(server, 'tiles.list', {}))[0]!.id;
    // Saved: the pack is the office's basemap (not the passing toast).
    await expect.poll(async () => (await apiCall<{ source: string }>(server, 'map.basemap', {})).source).toBe(`pack:${id}`);
    const tileRequests: { url: string; status: number }[] = [];
    page.on('response', (r) => r.url().includes('/tiles/') && tileRequests.push({ url: new URL(r.url()).pathname, status: r.status() }));
    await page.goto('about:blank');
    await page.goto(`${server.url}/#/map`);
    await page.getByTestId('map-status').waitFor();
    await expect.poll(async () => (await loadedTiles()).length).toBeGreaterThan(3);

    const tiles = await loadedTiles();
    expect(tileRequests.length).toBeGreaterThan(3);
    expect(tileRequests.every((r) => r.url.startsWith(`/tiles/${id}/`) && r.status === 200)).toBe(true);
    for (const t of tiles) {
      const z = Number(t.src.split('/')[3]);
      expect(t.src).toMatch(new RegExp(`^/tiles/${id}/\\d+/\\d+/\\d+\\.png$`));
      expect(t.width).toBe(256);
      // Each zoom level of the pack has its own colour: the image drawn is the pack's tile for that zoom.
      expect(t.colour).toBe(ZOOM_COLOURS[z - 11]);
    }
    expect(await page.locator('.ant-alert-warning').count()).toBe(0);
    expect(await page.getByTestId('map-status').innerText()).toBe('已显示 168 个小区、99 个卡点');
  });

  it('without a session the tiles are refused', async () => {
    const id = (await apiCall<{ id: string }[]>(server, 'tiles.list', {}))[0]!.id;
    const res = await fetch(`${server.url}/tiles/${id}/13/6780/3293.png`);
    expect(res.status).toBe(401);
  });

  it('a deleted pack stops being the basemap; the map falls back to the schematic view', async () => {
    await page.goto(`${server.url}/#/settings`);
    await page.getByRole('tab', { name: '系统' }).click();
    await page.locator('.ant-table-row', { hasText: '演示离线底图' }).getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await expect.poll(() => page.getByText('尚未导入离线瓦片包').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('radio', { name: '无底图（示意图，离线可用）' }).isChecked()).toBe(true);
    expect((await apiCall<{ source: string }>(server, 'map.basemap', {})).source).toBe('none');

    await page.goto('about:blank');
    await page.goto(`${server.url}/#/map`);
    await page.getByTestId('map-status').waitFor();
    expect(await page.locator('img.leaflet-tile').count()).toBe(0);
  });
});
