import { describe, expect, it } from 'vitest';
import type { CheckpointRow, CommunityRow, CompoundRow } from '../../../shared/api/places';
import { count, dataOf, errorOf, openSignedIn, type Call } from '../../../test/helpers/temp-core';

async function territory(call: Call) {
  const a = dataOf<CommunityRow>(await call('communities.create', { name: '建设路社区', kind: 'community' }));
  const b = dataOf<CommunityRow>(await call('communities.create', { name: '王庄村', kind: 'village' }));
  const compound = (communityId: number, name: string) =>
    call('compounds.create', { name, communityId, managementType: 'managed', buildings: 8, households: 300, population: 840 });
  const x = dataOf<CompoundRow>(await compound(a.id, '阳光花园'));
  const y = dataOf<CompoundRow>(await compound(b.id, '幸福家园'));
  return { a, b, x, y };
}

describe('checkpoints', () => {
  it('create, get, update, list and delete', async () => {
    const { core, call } = await openSignedIn();
    const { a, b } = await territory(call);
    const created = dataOf<CheckpointRow>(
      await call('checkpoints.create', { name: '建设路与文化路交叉口卡点', kind: 'road', communityId: a.id, lng: 115.66, lat: 34.406, staffPerShift: 3 }),
    );
    expect(created).toMatchObject({
      kind: 'road',
      communityId: a.id,
      communityName: '建设路社区',
      compoundId: null,
      compoundName: null,
      hours: 'allDay',
      status: 'active',
      staffPerShift: 3,
    });
    expect(dataOf(await call('checkpoints.get', { id: created.id }))).toEqual(created);

    const updated = dataOf<CheckpointRow>(
      await call('checkpoints.update', {
        id: created.id,
        name: '王庄村东村口卡点',
        kind: 'village',
        communityId: b.id,
        hours: 'daytime',
        staffPerShift: 2,
        status: 'paused',
        note: '夜间撤岗',
      }),
    );
    expect(updated).toMatchObject({ id: created.id, communityName: '王庄村', hours: 'daytime', status: 'paused', note: '夜间撤岗', lng: null });
    expect(dataOf(await call('checkpoints.list', {}))).toEqual({ rows: [updated], total: 1 });

    expect(dataOf(await call('checkpoints.delete', { id: created.id }))).toEqual({ ok: true });
    expect(errorOf(await call('checkpoints.get', { id: created.id })).code).toBe('NOT_FOUND');
    expect(count(core.db, 'checkpoints')).toBe(0);
  });

  it('a gate must name its compound', async () => {
    const { core, call } = await openSignedIn();
    const { a } = await territory(call);
    const error = errorOf(await call('checkpoints.create', { name: '无主门岗', kind: 'gate', communityId: a.id, staffPerShift: 2 }));
    expect(error).toEqual({
      code: 'VALIDATION',
      message: '小区门岗必须选择所在小区',
      issues: [{ path: 'compoundId', message: '小区门岗必须选择所在小区' }],
    });
    expect(count(core.db, 'checkpoints')).toBe(0);
  });

  it('a road checkpoint must name its community', async () => {
    const { core, call } = await openSignedIn();
    await territory(call);
    const error = errorOf(await call('checkpoints.create', { name: '无主卡点', kind: 'road', staffPerShift: 2 }));
    expect(error.issues).toEqual([{ path: 'communityId', message: '请选择卡点所属社区' }]);
    expect(count(core.db, 'checkpoints')).toBe(0);
  });

  it("a checkpoint at a compound belongs to the compound's community, whatever was sent", async () => {
    const { call } = await openSignedIn();
    const { a, b, x, y } = await territory(call);
    const gate = dataOf<CheckpointRow>(
      await call('checkpoints.create', { name: '阳光花园南门', kind: 'gate', compoundId: x.id, communityId: b.id, staffPerShift: 2 }),
    );
    expect(gate).toMatchObject({ communityId: a.id, communityName: '建设路社区', compoundId: x.id, compoundName: '阳光花园' });

    const moved = dataOf<CheckpointRow>(
      await call('checkpoints.update', { id: gate.id, name: '幸福家园南门', kind: 'gate', compoundId: y.id, staffPerShift: 2 }),
    );
    expect(moved).toMatchObject({ communityId: b.id, communityName: '王庄村', compoundName: '幸福家园' });
    expect(dataOf<CompoundRow>(await call('compounds.get', { id: y.id })).checkpointCount).toBe(1);
    expect(dataOf<CompoundRow>(await call('compounds.get', { id: x.id })).checkpointCount).toBe(0);
  });

  it('a missing compound is named on its field', async () => {
    const { call } = await openSignedIn();
    await territory(call);
    const error = errorOf(await call('checkpoints.create', { name: '某门岗', kind: 'gate', compoundId: 999, staffPerShift: 2 }));
    expect(error.issues).toEqual([{ path: 'compoundId', message: '所在小区不存在或已被删除' }]);
  });

  it('checkpoint names are unique across the office', async () => {
    const { core, call } = await openSignedIn();
    const { a, b } = await territory(call);
    dataOf(await call('checkpoints.create', { name: '归德路卡点', kind: 'road', communityId: a.id, staffPerShift: 2 }));
    const error = errorOf(await call('checkpoints.create', { name: '归德路卡点', kind: 'road', communityId: b.id, staffPerShift: 4 }));
    expect(error).toEqual({ code: 'CONFLICT', message: '已有名为“归德路卡点”的卡点' });
    expect(count(core.db, 'checkpoints')).toBe(1);
  });

  it('staff per shift must be between 1 and 50', async () => {
    const { core, call } = await openSignedIn();
    const { a } = await territory(call);
    for (const [staffPerShift, message] of [
      [0, '每班人数至少为 1'],
      [51, '每班人数不能超过 50'],
    ] as const) {
      const error = errorOf(await call('checkpoints.create', { name: '人数测试卡点', kind: 'road', communityId: a.id, staffPerShift }));
      expect(error.issues).toEqual([{ path: 'staffPerShift', message }]);
    }
    expect(count(core.db, 'checkpoints')).toBe(0);
  });
});
