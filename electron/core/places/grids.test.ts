import { describe, expect, it } from 'vitest';
import type { CommunityRow, GridRow } from '../../../shared/api/places';
import { count, dataOf, errorOf, openSignedIn, type Call } from '../../../test/helpers/temp-core';

type List<T> = { rows: T[]; total: number };
/** The full list, unmasked (指挥中心 may reveal personal data when it gives a reason). */
const listAll = async (call: Call) => dataOf<List<GridRow>>(await call('grids.list', { pageSize: 500, reveal: { reason: '其他', note: '核对片区长' } })).rows;

describe('grid areas', () => {
  it('create, read back, update and delete', async () => {
    const { core, call } = await openSignedIn();
    const g = dataOf<GridRow>(await call('grids.create', { name: '第一片区', leader: '李强', leaderPhone: '13937012345' }));
    expect(g).toMatchObject({ name: '第一片区', leader: '李强', leaderPhone: '13937012345', note: null, compoundCount: 0 });
    expect(await listAll(call)).toEqual([g]);
    expect(dataOf<List<GridRow>>(await call('grids.list', {})).rows).toEqual([{ ...g, leader: '李*', leaderPhone: '139****2345' }]);

    const u = dataOf<GridRow>(await call('grids.update', { id: g.id, name: '第一片区（老城）', leader: '赵静', leaderPhone: null }));
    expect(u).toMatchObject({ id: g.id, name: '第一片区（老城）', leader: '赵静', leaderPhone: null });
    expect(await listAll(call)).toEqual([u]);

    expect(dataOf(await call('grids.delete', { id: g.id }))).toEqual({ ok: true });
    expect(count(core.db, 'grids')).toBe(0);
    expect(errorOf(await call('grids.delete', { id: g.id })).code).toBe('NOT_FOUND');
  });

  it('a duplicate name is a CONFLICT', async () => {
    const { core, call } = await openSignedIn();
    dataOf(await call('grids.create', { name: '第二片区' }));
    const error = errorOf(await call('grids.create', { name: '第二片区 ' }));
    expect(error).toEqual({ code: 'CONFLICT', message: '已有名为“第二片区”的片区' });
    expect(count(core.db, 'grids')).toBe(1);
  });

  it('an invalid leader phone is refused on its field', async () => {
    const { core, call } = await openSignedIn();
    const error = errorOf(await call('grids.create', { name: '第三片区', leaderPhone: '139370' }));
    expect(error.code).toBe('VALIDATION');
    expect(error.issues).toEqual([{ path: 'leaderPhone', message: '电话号码格式不正确（手机 11 位，座机需带区号）' }]);
    expect(count(core.db, 'grids')).toBe(0);
  });

  it('a grid with compounds shows their number and cannot be deleted', async () => {
    const { core, call } = await openSignedIn();
    const g = dataOf<GridRow>(await call('grids.create', { name: '第四片区' }));
    const c = dataOf<CommunityRow>(await call('communities.create', { name: '平安社区', kind: 'community' }));
    for (const name of ['祥和小区', '金桂园']) {
      dataOf(
        await call('compounds.create', { name, communityId: c.id, gridId: g.id, managementType: 'managed', buildings: 3, households: 90, population: 250 }),
      );
    }
    expect((await listAll(call))[0]?.compoundCount).toBe(2);

    const error = errorOf(await call('grids.delete', { id: g.id }));
    expect(error.code).toBe('IN_USE');
    expect(error.message).toBe('无法删除片区“第四片区”：还有 2 个小区属于它。请先移走或删除这些数据。');
    expect(count(core.db, 'grids')).toBe(1);
    expect(count(core.db, 'compounds')).toBe(2);
  });
});
