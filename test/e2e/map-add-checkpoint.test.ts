import { describe, expect, it } from 'vitest';
import { ringCentre, type Point } from '../../shared/domain/geo';
import { apiCall, browserSession } from './harness';
import { pickOnMap } from './map-search';

/** 添加卡点 on the map: the click is where it stands. */
const session = browserSession('zhihui', { viewport: { width: 1400, height: 900 } });

type Compound = { id: number; name: string; communityName: string; lng: number; lat: number; boundary: { coordinates: number[][][] } | null };
type Checkpoint = { id: number; name: string; kind: string; compoundId: number | null; lng: number; lat: number };

describe('adding a checkpoint on the map', () => {
  it('a click inside a compound opens the form with its coordinates and the compound; saved, it is on the map and in the 卡点 list', async () => {
    const { rows } = await apiCall<{ rows: Compound[] }>(session.server, 'compounds.list', { pageSize: 1, sort: 'population', order: 'desc' });
    const target = rows[0]!;
    await session.page.goto(`${session.server.url}/#/map`);
    await expect.poll(() => session.page.getByTestId('map-status').innerText()).toMatch(/已显示 \d+ 个小区、\d+ 个卡点/);
    const before = Number((await session.page.getByTestId('map-status').innerText()).match(/(\d+) 个卡点/)![1]);
    // Fly to the compound: the map's centre is then its centre.
    await pickOnMap(session.page, target.name, target.name);
    await session.page.getByTestId('map-panel').getByLabel('关闭').click();

    await session.page.getByRole('button', { name: '添加卡点' }).click();
    await expect.poll(() => session.page.getByTestId('map-placing').innerText()).toContain('在地图上点击卡点所在位置');
    const box = (await session.page.locator('.map-canvas').boundingBox())!;
    await session.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

    const dialog = session.page.getByRole('dialog', { name: '添加卡点' });
    await dialog.waitFor();
    const lng = Number(await dialog.getByLabel('经度（WGS-84）').inputValue());
    const lat = Number(await dialog.getByLabel('纬度（WGS-84）').inputValue());
    // No basemap: the map is WGS-84 itself, so the click is the compound's centre within a few metres.
    const centre = target.boundary ? ringCentre(target.boundary.coordinates[0] as Point[]) : [target.lng, target.lat];
    expect(Math.abs(lng - centre[0]!)).toBeLessThan(0.0001);
    expect(Math.abs(lat - centre[1]!)).toBeLessThan(0.0001);
    expect(await dialog.innerText()).toContain(`${target.name}（${target.communityName}）`);

    const name = `${target.name}北门临时卡点`;
    await dialog.getByLabel('卡点名称').fill(name);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => session.page.getByTestId('map-status').innerText()).toContain(`${before + 1} 个卡点`);
    await expect.poll(() => session.page.getByTestId('map-panel').innerText()).toContain(name);
    expect(await session.page.getByTestId('map-panel').innerText()).toContain(`${lng.toFixed(6)}, ${lat.toFixed(6)}`);

    const saved = (await apiCall<{ rows: Checkpoint[] }>(session.server, 'checkpoints.list', { q: name })).rows;
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ kind: 'gate', compoundId: target.id, lng, lat });

    // The 卡点 list has it, and its form the same coordinates.
    await session.page.goto(`${session.server.url}/#/places?tab=checkpoints&q=${encodeURIComponent(name)}`);
    const row = session.page.locator('.ant-table-row', { hasText: name });
    await row.waitFor();
    expect(await row.innerText()).toContain(target.name);
    await row.getByRole('button', { name: '编辑' }).click();
    const edit = session.page.getByRole('dialog');
    await expect.poll(() => edit.getByLabel('经度（WGS-84）').inputValue()).toBe(lng.toFixed(6));
    expect(await edit.getByLabel('纬度（WGS-84）').inputValue()).toBe(lat.toFixed(6));
  });
});
