import { describe, expect, it } from 'vitest';
import type { CommunityRow, CompoundRow, GridRow } from '../../../shared/api/places';
import { count, dataOf, errorOf, openSignedIn, type Call } from '../../../test/helpers/temp-core';

const boundary = {
  type: 'Polygon',
  coordinates: [
    [
      [115.651, 34.411],
      [115.653, 34.411],
      [115.653, 34.413],
      [115.651, 34.413],
      [115.651, 34.411],
    ],
  ],
};

async function territory(call: Call) {
  const a = dataOf<CommunityRow>(await call('communities.create', { name: '建设路社区', kind: 'community' }));
  const b = dataOf<CommunityRow>(await call('communities.create', { name: '文化路社区', kind: 'community' }));
  const g = dataOf<GridRow>(await call('grids.create', { name: '第一片区' }));
  return { a, b, g };
}

const valid = (communityId: number, extra: Record<string, unknown> = {}) => ({
  name: '馨苑华园',
  communityId,
  managementType: 'managed',
  propertyCompany: '安居物业服务有限公司',
  buildings: 12,
  households: 480,
  population: 1350,
  ...extra,
});

describe('compounds', () => {
  it('create, get, update, list and delete', async () => {
    const { call } = await openSignedIn();
    const { a, b, g } = await territory(call);
    const created = dataOf<CompoundRow>(await call('compounds.create', valid(a.id, { gridId: g.id, lng: 115.652, lat: 34.412, boundary })));
    expect(created).toMatchObject({
      name: '馨苑华园',
      communityId: a.id,
      communityName: '建设路社区',
      gridId: g.id,
      gridName: '第一片区',
      managementType: 'managed',
      propertyCompany: '安居物业服务有限公司',
      population: 1350,
      controlLevel: 'normal',
      checkpointCount: 0,
      boundary,
    });
    expect(dataOf(await call('compounds.get', { id: created.id }))).toEqual(created);

    // Moving it to another community without a grid, now self-run: the property company goes.
    const updated = dataOf<CompoundRow>(
      await call('compounds.update', valid(b.id, { id: created.id, gridId: null, managementType: 'self', controlLevel: 'controlled', population: 1400 })),
    );
    expect(updated).toMatchObject({
      id: created.id,
      communityName: '文化路社区',
      gridId: null,
      gridName: null,
      managementType: 'self',
      propertyCompany: null,
      controlLevel: 'controlled',
      population: 1400,
      boundary: null,
    });
    expect(dataOf(await call('compounds.get', { id: created.id }))).toEqual(updated);
    const list = dataOf<{ rows: CompoundRow[]; total: number }>(await call('compounds.list', {}));
    expect(list).toEqual({ rows: [updated], total: 1 });

    expect(dataOf(await call('compounds.delete', { id: created.id }))).toEqual({ ok: true });
    const gone = errorOf(await call('compounds.get', { id: created.id }));
    expect(gone.code).toBe('NOT_FOUND');
    expect(gone.message).toBe(`小区不存在或已被删除（编号 ${created.id}）`);
  });

  it('empty name and negative population are refused on their fields and nothing is saved', async () => {
    const { core, call } = await openSignedIn();
    const { a } = await territory(call);
    const error = errorOf(await call('compounds.create', valid(a.id, { name: '   ', population: -5 })));
    expect(error.code).toBe('VALIDATION');
    expect(error.issues).toEqual([
      { path: 'name', message: '请填写小区名称' },
      { path: 'population', message: '人口不能为负数' },
    ]);
    expect(error.message).toBe('输入有误：请填写小区名称；人口不能为负数');
    expect(count(core.db, 'compounds')).toBe(0);
  });

  it('refuses other bad numbers and a swapped coordinate pair', async () => {
    const { core, call } = await openSignedIn();
    const { a } = await territory(call);
    const error = errorOf(await call('compounds.create', valid(a.id, { households: 2.5, buildings: '三', lng: 34.41, lat: 115.65 })));
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'households', message: '户数必须是整数' },
        { path: 'buildings', message: '楼栋数必须是数字' },
        { path: 'lng', message: '经度超出中国范围' },
        { path: 'lat', message: '纬度超出中国范围' },
      ]),
    );
    expect(count(core.db, 'compounds')).toBe(0);
  });

  it('the same name twice in one community is a CONFLICT; in another community it is fine', async () => {
    const { core, call } = await openSignedIn();
    const { a, b } = await territory(call);
    dataOf(await call('compounds.create', valid(a.id)));
    const dup = errorOf(await call('compounds.create', valid(a.id, { population: 10 })));
    expect(dup).toEqual({ code: 'CONFLICT', message: '所属社区中已有名为“馨苑华园”的小区' });
    expect(count(core.db, 'compounds')).toBe(1);

    const elsewhere = dataOf<CompoundRow>(await call('compounds.create', valid(b.id)));
    expect(elsewhere.communityName).toBe('文化路社区');
    // …but renaming onto an existing name in the same community is refused.
    dataOf(await call('compounds.create', valid(b.id, { name: '锦绣花园' })));
    const renamed = errorOf(await call('compounds.update', valid(b.id, { id: elsewhere.id, name: '锦绣花园' })));
    expect(renamed.code).toBe('CONFLICT');
    expect(dataOf<CompoundRow>(await call('compounds.get', { id: elsewhere.id })).name).toBe('馨苑华园');
  });

  it('a missing community or grid is named on its field', async () => {
    const { core, call } = await openSignedIn();
    const { a } = await territory(call);
    const noCommunity = errorOf(await call('compounds.create', valid(999)));
    expect(noCommunity).toEqual({
      code: 'VALIDATION',
      message: '所属社区不存在或已被删除',
      issues: [{ path: 'communityId', message: '所属社区不存在或已被删除' }],
    });
    const noGrid = errorOf(await call('compounds.create', valid(a.id, { gridId: 999 })));
    expect(noGrid.issues).toEqual([{ path: 'gridId', message: '所属片区不存在或已被删除' }]);
    expect(count(core.db, 'compounds')).toBe(0);
  });

  it('a compound with checkpoints cannot be deleted', async () => {
    const { core, call } = await openSignedIn();
    const { a } = await territory(call);
    const c = dataOf<CompoundRow>(await call('compounds.create', valid(a.id)));
    dataOf(await call('checkpoints.create', { name: '馨苑华园东门', kind: 'gate', compoundId: c.id, staffPerShift: 2 }));
    expect(dataOf<CompoundRow>(await call('compounds.get', { id: c.id })).checkpointCount).toBe(1);

    const error = errorOf(await call('compounds.delete', { id: c.id }));
    expect(error.code).toBe('IN_USE');
    expect(error.message).toContain('还有 1 个卡点属于它');
    expect(count(core.db, 'compounds')).toBe(1);
  });

  it('a boundary with fewer than three points is refused', async () => {
    const { call } = await openSignedIn();
    const { a } = await territory(call);
    const error = errorOf(
      await call(
        'compounds.create',
        valid(a.id, {
          boundary: {
            type: 'Polygon',
            coordinates: [
              [
                [115.6, 34.4],
                [115.7, 34.4],
                [115.6, 34.4],
              ],
            ],
          },
        }),
      ),
    );
    expect(error.issues).toEqual([{ path: 'boundary.coordinates.0', message: '边界至少需要 3 个点' }]);
  });
});
