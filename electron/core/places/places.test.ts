import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/api';
import { type Call, newUserAs, openTestCore, signInAs, type TestCore } from '../../../test/helpers/sessions';
import { compounds } from './compounds';

let t: TestCore;
let call: Call;
const data = <T>(e: Envelope): T => {
  if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
  return e.data as T;
};
const count = (table: string) => (t.core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeAll(async () => {
  t = await openTestCore({ demoOnCreate: false });
  call = await newUserAs(t.core, 'command');
});
afterAll(() => t.cleanup());

describe('territory registers', () => {
  let communityId: number;
  let gridId: number;
  let compoundId: number;

  it('create, update and list communities and grid areas', async () => {
    communityId = data<{ id: number }>(await call('communities.create', { name: '文化路社区', kind: 'community', secretary: '王建国', phone: '13812345678' })).id;
    gridId = data<{ id: number }>(await call('grids.create', { name: '第一片区', leader: '刘振华', leaderPhone: '0370-3126688' })).id;
    const renamed = data<{ name: string }>(await call('communities.update', { id: communityId, name: '文化路街社区', kind: 'community' }));
    expect(renamed.name).toBe('文化路街社区');
    expect(data<{ total: number }>(await call('grids.list', {})).total).toBe(1);
  });

  it('create, read, update compounds with their community and grid names', async () => {
    const created = data<{ id: number; communityName: string; gridName: string; propertyCompany: string | null }>(
      await call('compounds.create', {
        name: '馨苑华园', communityId, gridId, managementType: 'managed', propertyCompany: '安居物业', buildings: 12, households: 480, population: 1350,
        lng: 115.65, lat: 34.41,
        boundary: { type: 'Polygon', coordinates: [[[115.649, 34.409], [115.651, 34.409], [115.651, 34.411], [115.649, 34.409]]] },
      }),
    );
    compoundId = created.id;
    expect(created).toMatchObject({ communityName: '文化路街社区', gridName: '第一片区', propertyCompany: '安居物业' });
    const got = data<{ boundary: { type: string } }>(await call('compounds.get', { id: compoundId }));
    expect(got.boundary.type).toBe('Polygon');
    const updated = data<{ managementType: string; propertyCompany: string | null; controlLevel: string }>(
      await call('compounds.update', { id: compoundId, name: '馨苑华园', communityId, gridId, managementType: 'unmanaged', propertyCompany: '安居物业', buildings: 12, households: 480, population: 1350, controlLevel: 'controlled' }),
    );
    // A compound nobody manages has no property company, whatever the form sent.
    expect(updated).toMatchObject({ managementType: 'unmanaged', propertyCompany: null, controlLevel: 'controlled' });
  });

  it('rejects invalid input in Chinese, field by field, and saves nothing', async () => {
    const before = count('compounds');
    const r = await call('compounds.create', { name: '', communityId, managementType: 'self', buildings: 1, households: 2, population: -5 });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const issues = !r.ok ? r.error.issues! : [];
    expect(issues).toEqual(expect.arrayContaining([{ path: 'name', message: '请填写小区名称' }, { path: 'population', message: '人口不能为负数' }]));
    expect(await call('compounds.create', { name: '坐标错', communityId, managementType: 'self', buildings: 1, households: 2, population: 3, lng: 34.41, lat: 115.65 })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('经度超出中国范围') },
    });
    expect(await call('compounds.create', { name: '无社区', communityId: 9999, managementType: 'self', buildings: 1, households: 2, population: 3 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '所属社区不存在或已被删除' },
    });
    expect(count('compounds')).toBe(before);
  });

  it('refuses duplicates by natural key', async () => {
    expect(await call('communities.create', { name: '文化路街社区', kind: 'village' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '已有名为“文化路街社区”的社区' } });
    expect(await call('compounds.create', { name: '馨苑华园', communityId, managementType: 'self', buildings: 1, households: 1, population: 1 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('checkpoints: a gate needs its compound and takes the compound’s community; names are unique', async () => {
    expect(await call('checkpoints.create', { name: '无主门岗', kind: 'gate', staffPerShift: 2 })).toMatchObject({ ok: false, error: { message: '小区门岗必须选择所在小区' } });
    const gate = data<{ id: number; communityId: number; compoundName: string; hours: string; status: string }>(
      await call('checkpoints.create', { name: '馨苑华园东门', kind: 'gate', compoundId, staffPerShift: 2 }),
    );
    expect(gate).toMatchObject({ communityId, compoundName: '馨苑华园', hours: 'allDay', status: 'active' });
    const road = data<{ id: number }>(await call('checkpoints.create', { name: '建设路口', kind: 'road', communityId, staffPerShift: 3, hours: 'daytime' }));
    expect(data<{ status: string }>(await call('checkpoints.update', { id: road.id, name: '建设路口', kind: 'road', communityId, staffPerShift: 3, status: 'paused' })).status).toBe('paused');
    expect(await call('checkpoints.create', { name: '馨苑华园东门', kind: 'road', communityId, staffPerShift: 2 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(data<{ total: number }>(await call('checkpoints.list', { status: 'paused' })).total).toBe(1);
    expect(data<{ total: number }>(await call('checkpoints.list', { kind: 'gate', compoundId })).total).toBe(1);
  });

  it('refuses to delete what others depend on, naming the dependants, and deletes in the right order', async () => {
    const r = await call('communities.delete', { id: communityId });
    expect(r).toMatchObject({ ok: false, error: { code: 'IN_USE', message: '无法删除社区“文化路街社区”：还有 1 个小区、2 个卡点属于它。请先移走或删除这些数据。' } });
    expect(await call('grids.delete', { id: gridId })).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
    expect(count('communities')).toBe(1);
    const gates = data<{ rows: { id: number }[] }>(await call('checkpoints.list', {})).rows;
    for (const g of gates) expect((await call('checkpoints.delete', { id: g.id })).ok).toBe(true);
    expect((await call('compounds.delete', { id: compoundId })).ok).toBe(true);
    expect((await call('grids.delete', { id: gridId })).ok).toBe(true);
    expect((await call('communities.delete', { id: communityId })).ok).toBe(true);
    expect(await call('communities.delete', { id: communityId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('lists on the demo office', () => {
  let demo: TestCore;
  let as: Call;
  beforeAll(async () => {
    demo = await openTestCore();
    as = await signInAs(demo.core, 'command');
    await as('compounds.create', { name: '馨苑华园', communityId: 2, managementType: 'managed', buildings: 3, households: 90, population: 250 });
  });
  afterAll(() => demo.cleanup());

  it('search by name, full pinyin and pinyin initials', async () => {
    for (const q of ['馨苑华园', 'xinyuanhuayuan', 'xyhy', 'XYHY']) {
      const names = data<{ rows: { name: string }[] }>(await as('compounds.list', { q })).rows.map((r) => r.name);
      expect(names, q).toContain('馨苑华园');
    }
    expect(data<{ total: number }>(await as('compounds.list', { q: '%' })).total).toBe(0);
  });

  it('filter, sort and page in SQL', async () => {
    const unmanaged = data<{ rows: { managementType: string }[]; total: number }>(await as('compounds.list', { managementType: 'unmanaged', pageSize: 500 }));
    expect(unmanaged.total).toBe(20);
    expect(unmanaged.rows.every((r) => r.managementType === 'unmanaged')).toBe(true);
    const desc = data<{ rows: { population: number }[] }>(await as('compounds.list', { sort: 'population', order: 'desc', pageSize: 10 })).rows;
    expect(desc.map((r) => r.population)).toEqual([...desc.map((r) => r.population)].sort((a, b) => b - a));
    const page2 = data<{ rows: { id: number }[]; total: number }>(await as('compounds.list', { page: 2, pageSize: 50 }));
    expect(page2.total).toBe(169);
    expect(page2.rows).toHaveLength(50);
    expect(await as('compounds.list', { sort: 'password' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('filtered list queries use their indexes', () => {
    const plan = (where: string) =>
      (demo.core.db.prepare(`EXPLAIN QUERY PLAN SELECT t.id FROM ${compounds.from} WHERE ${where}`).all(1) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('t.control_level = ?')).toMatch(/compounds_control_level/);
    expect(plan('t.management_type = ?')).toMatch(/compounds_management_type/);
    const cp = (demo.core.db.prepare('EXPLAIN QUERY PLAN SELECT id FROM checkpoints WHERE status = ?').all('active') as { detail: string }[]).map((r) => r.detail).join();
    expect(cp).toMatch(/checkpoints_status/);
  });
});
