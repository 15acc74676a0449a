import { describe, expect, it } from 'vitest';
import type { CommunityRow, CompoundRow } from '../../../shared/api/places';
import { CHINESE, count, dataOf, errorOf, manualClock, openSignedIn, type Call } from '../../../test/helpers/temp-core';

type List<T> = { rows: T[]; total: number };

const compoundInput = (communityId: number, name: string, population: number) => ({
  name,
  communityId,
  managementType: 'self',
  buildings: 2,
  households: Math.round(population / 3),
  population,
});

/** The full list, unmasked (指挥中心 may reveal personal data when it gives a reason). */
async function listAll(call: Call): Promise<CommunityRow[]> {
  return dataOf<List<CommunityRow>>(await call('communities.list', { pageSize: 500, reveal: { reason: '流调' } })).rows;
}

describe('communities', () => {
  it('create, read back, update and delete', async () => {
    const clock = manualClock('2025-01-01T08:00:00.000Z');
    const { core, call } = await openSignedIn({ now: clock });
    const created = dataOf<CommunityRow>(
      await call('communities.create', { name: '  建设路社区 ', kind: 'community', secretary: '王敏', phone: '138 0370 1234' }),
    );
    expect(created).toMatchObject({
      name: '建设路社区',
      kind: 'community',
      secretary: '王敏',
      phone: '13803701234',
      note: null,
      compoundCount: 0,
      population: 0,
      createdAt: '2025-01-01T08:00:00.000Z',
      updatedAt: '2025-01-01T08:00:00.000Z',
    });
    expect(await listAll(call)).toEqual([created]);
    // Without a reason the list shows the secretary and phone masked.
    const masked = dataOf<List<CommunityRow>>(await call('communities.list', {})).rows;
    expect(masked).toEqual([{ ...created, secretary: '王*', phone: '138****1234' }]);

    clock.set('2025-01-01T08:05:00.000Z');
    const updated = dataOf<CommunityRow>(
      await call('communities.update', { id: created.id, name: '建设路社区', kind: 'committee', secretary: '', note: '老城区' }),
    );
    expect(updated).toMatchObject({ id: created.id, kind: 'committee', secretary: null, phone: null, note: '老城区' });
    expect(updated.createdAt).toBe(created.createdAt);
    expect(updated.updatedAt).toBe('2025-01-01T08:05:00.000Z');
    expect(await listAll(call)).toEqual([updated]);

    expect(dataOf(await call('communities.delete', { id: created.id }))).toEqual({ ok: true });
    expect(await listAll(call)).toEqual([]);
    expect(count(core.db, 'communities')).toBe(0);
  });

  it('an unknown id is NOT_FOUND with a Chinese message', async () => {
    const { call } = await openSignedIn();
    for (const [name, input] of [
      ['communities.update', { id: 42, name: '不存在社区', kind: 'village' }],
      ['communities.delete', { id: 42 }],
    ] as const) {
      const error = errorOf(await call(name, input));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toContain('社区不存在或已被删除（编号 42）');
    }
  });

  it('shows how many compounds and residents each community has', async () => {
    const { call } = await openSignedIn();
    const a = dataOf<CommunityRow>(await call('communities.create', { name: '文化路社区', kind: 'community' }));
    const b = dataOf<CommunityRow>(await call('communities.create', { name: '王庄村', kind: 'village' }));
    dataOf<CompoundRow>(await call('compounds.create', compoundInput(a.id, '阳光花园', 1200)));
    dataOf<CompoundRow>(await call('compounds.create', compoundInput(a.id, '幸福家园', 800)));
    const rows = await listAll(call);
    expect(rows.map((r) => [r.name, r.compoundCount, r.population])).toEqual([
      ['文化路社区', 2, 2000],
      ['王庄村', 0, 0],
    ]);
    expect(rows.find((r) => r.id === b.id)?.kind).toBe('village');
  });

  it('a second community with the same name is a CONFLICT and nothing changes', async () => {
    const { call } = await openSignedIn();
    dataOf(await call('communities.create', { name: '民主路社区', kind: 'community' }));
    const other = dataOf<CommunityRow>(await call('communities.create', { name: '凯旋路社区', kind: 'community' }));
    const before = await listAll(call);

    const dup = errorOf(await call('communities.create', { name: ' 民主路社区', kind: 'committee' }));
    expect(dup.code).toBe('CONFLICT');
    expect(dup.message).toBe('已有名为“民主路社区”的社区');

    const renamed = errorOf(await call('communities.update', { id: other.id, name: '民主路社区', kind: 'community' }));
    expect(renamed.code).toBe('CONFLICT');
    expect(renamed.message).toMatch(CHINESE);
    expect(await listAll(call)).toEqual(before);
  });

  it('a community that still has compounds and checkpoints cannot be deleted', async () => {
    const { core, call } = await openSignedIn();
    const c = dataOf<CommunityRow>(await call('communities.create', { name: '神火社区', kind: 'community' }));
    const x = dataOf<CompoundRow>(await call('compounds.create', compoundInput(c.id, '锦绣华庭', 600)));
    dataOf(await call('compounds.create', compoundInput(c.id, '翠竹苑', 300)));
    dataOf(await call('checkpoints.create', { name: '锦绣华庭东门', kind: 'gate', compoundId: x.id, staffPerShift: 2 }));
    dataOf(await call('checkpoints.create', { name: '神火大道卡点', kind: 'road', communityId: c.id, staffPerShift: 3 }));
    dataOf(await call('checkpoints.create', { name: '神火大道南卡点', kind: 'road', communityId: c.id, staffPerShift: 3 }));

    const error = errorOf(await call('communities.delete', { id: c.id }));
    expect(error.code).toBe('IN_USE');
    expect(error.message).toBe('无法删除社区“神火社区”：还有 2 个小区、3 个卡点属于它。请先移走或删除这些数据。');
    expect([count(core.db, 'communities'), count(core.db, 'compounds'), count(core.db, 'checkpoints')]).toEqual([1, 2, 3]);
  });

  it('refuses invalid input field by field, in Chinese', async () => {
    const { core, call } = await openSignedIn();
    const error = errorOf(await call('communities.create', { name: ' ', kind: 'town', phone: '12345' }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/^输入有误：/);
    expect(error.issues?.map((i) => i.path).sort()).toEqual(['kind', 'name', 'phone']);
    expect(error.issues).toContainEqual({ path: 'name', message: '请填写社区名称' });
    expect(error.issues).toContainEqual({ path: 'kind', message: '请选择类型（社区/村/居委会）' });
    expect(error.issues).toContainEqual({ path: 'phone', message: '电话号码格式不正确（手机 11 位，座机需带区号）' });
    expect(count(core.db, 'communities')).toBe(0);
  });

  it('accepts a landline with area code', async () => {
    const { call } = await openSignedIn();
    const c = dataOf<CommunityRow>(await call('communities.create', { name: '李楼村', kind: 'village', phone: '0370-3216549' }));
    expect(c.phone).toBe('0370-3216549');
  });

  it('filters by kind', async () => {
    const { call } = await openSignedIn();
    for (const [name, kind] of [
      ['东风居委会', 'committee'],
      ['张集村', 'village'],
      ['红旗居委会', 'committee'],
    ] as const) {
      dataOf(await call('communities.create', { name, kind }));
    }
    const list = dataOf<List<CommunityRow>>(await call('communities.list', { kind: 'committee' }));
    expect(list.total).toBe(2);
    expect(list.rows.map((r) => r.name)).toEqual(['东风居委会', '红旗居委会']);
  });
});
