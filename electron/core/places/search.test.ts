import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CheckpointRow, CommunityRow, CompoundRow, GridRow } from '../../../shared/api/places';
import { dataOf, errorOf, openSignedIn, type Call } from '../../../test/helpers/temp-core';
import type { Core } from '../registry/core';

type List<T> = { rows: T[]; total: number };
const list = async <T>(call: Call, name: string, input: object) => dataOf<List<T>>(await call(name, input));
const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe('search by name, full pinyin and initials', () => {
  let call: Call;
  beforeAll(async () => {
    ({ call } = await openSignedIn());
    const c = dataOf<CommunityRow>(await call('communities.create', { name: '建设路社区', kind: 'community' }));
    dataOf(await call('communities.create', { name: '王庄村', kind: 'village' }));
    dataOf(await call('grids.create', { name: '第一片区' }));
    const ids: Record<string, number> = {};
    for (const name of ['馨苑华园', '锦绣花园', '八一新村', '银河小区']) {
      const row = dataOf<CompoundRow>(
        await call('compounds.create', { name, communityId: c.id, managementType: 'self', buildings: 2, households: 60, population: 170 }),
      );
      ids[name] = row.id;
    }
    dataOf(await call('checkpoints.create', { name: '馨苑华园东门', kind: 'gate', compoundId: ids['馨苑华园'], staffPerShift: 2 }));
    dataOf(await call('checkpoints.create', { name: '建设路口卡点', kind: 'road', communityId: c.id, staffPerShift: 2 }));
  });

  const compounds = async (q: string) => names((await list<CompoundRow>(call, 'compounds.list', { q })).rows);

  it('finds a compound by a fragment of its name', async () => {
    expect(await compounds('苑华')).toEqual(['馨苑华园']);
    expect(await compounds('园')).toEqual(['馨苑华园', '锦绣花园']);
  });

  it('finds a compound by full pinyin', async () => {
    expect(await compounds('xinyuan')).toEqual(['馨苑华园']);
    expect(await compounds('yinhe')).toEqual(['银河小区']);
  });

  it('finds a compound by pinyin initials, ignoring case and spaces', async () => {
    expect(await compounds('xyhy')).toEqual(['馨苑华园']);
    expect(await compounds('XY HY')).toEqual(['馨苑华园']);
    expect(await compounds('hy')).toEqual(['馨苑华园', '锦绣花园']);
    expect(await compounds('byxc')).toEqual(['八一新村']);
  });

  it('does not match across the name and its pinyin, and treats % and _ literally', async () => {
    expect(await compounds('园xin')).toEqual([]);
    expect(await compounds('%')).toEqual([]);
    expect(await compounds('_')).toEqual([]);
    expect(await compounds('不存在')).toEqual([]);
  });

  it('works the same for communities, grids and checkpoints', async () => {
    expect(names((await list<CommunityRow>(call, 'communities.list', { q: 'jsl' })).rows)).toEqual(['建设路社区']);
    expect(names((await list<CommunityRow>(call, 'communities.list', { q: 'wangzhuang' })).rows)).toEqual(['王庄村']);
    expect(names((await list<GridRow>(call, 'grids.list', { q: 'dypq' })).rows)).toEqual(['第一片区']);
    expect(names((await list<CheckpointRow>(call, 'checkpoints.list', { q: 'dongmen' })).rows)).toEqual(['馨苑华园东门']);
    expect(names((await list<CheckpointRow>(call, 'checkpoints.list', { q: 'jsl' })).rows)).toEqual(['建设路口卡点']);
  });

  it('a renamed row is found by its new name only', async () => {
    const g = (await list<GridRow>(call, 'grids.list', { q: '第一' })).rows[0]!;
    dataOf(await call('grids.update', { id: g.id, name: '老城片区' }));
    expect((await list<GridRow>(call, 'grids.list', { q: 'dypq' })).total).toBe(0);
    expect(names((await list<GridRow>(call, 'grids.list', { q: 'lcpq' })).rows)).toEqual(['老城片区']);
  });
});

describe('filters, sorting and pages on the demo office', () => {
  let core: Core;
  let call: Call;
  const sqlCount = (sql: string, ...params: unknown[]) => (core.db.prepare(sql).get(...params) as { n: number }).n;
  beforeAll(async () => {
    ({ core, call } = await openSignedIn({ demo: true }));
  });

  it('compound filters return exactly the matching rows', async () => {
    const all = await list<CompoundRow>(call, 'compounds.list', { pageSize: 500 });
    expect(all.total).toBe(168);
    const some = all.rows[17]!;
    const cases: [Record<string, unknown>, (r: CompoundRow) => boolean, string, unknown][] = [
      [{ managementType: 'unmanaged' }, (r) => r.managementType === 'unmanaged', 'management_type = ?', 'unmanaged'],
      [{ controlLevel: 'sealed' }, (r) => r.controlLevel === 'sealed', 'control_level = ?', 'sealed'],
      [{ communityId: some.communityId }, (r) => r.communityId === some.communityId, 'community_id = ?', some.communityId],
      [{ gridId: some.gridId }, (r) => r.gridId === some.gridId, 'grid_id = ?', some.gridId],
    ];
    for (const [filter, matches, where, value] of cases) {
      const got = await list<CompoundRow>(call, 'compounds.list', { ...filter, pageSize: 500 });
      const expected = sqlCount(`SELECT count(*) AS n FROM compounds WHERE ${where}`, value);
      expect(expected, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(expected, JSON.stringify(filter)).toBeLessThan(168);
      expect(got.total, JSON.stringify(filter)).toBe(expected);
      expect(got.rows.filter(matches)).toHaveLength(expected);
      expect(got.rows.map((r) => r.id)).toEqual(all.rows.filter(matches).map((r) => r.id));
    }
  });

  it('filters combine with each other and with search', async () => {
    const got = await list<CompoundRow>(call, 'compounds.list', { managementType: 'managed', controlLevel: 'normal', pageSize: 500 });
    expect(got.total).toBe(sqlCount(`SELECT count(*) AS n FROM compounds WHERE management_type = 'managed' AND control_level = 'normal'`));
    const target = got.rows[3]!;
    const found = await list<CompoundRow>(call, 'compounds.list', { q: target.name, managementType: 'managed' });
    expect(found.rows.map((r) => r.id)).toContain(target.id);
    const none = await list<CompoundRow>(call, 'compounds.list', { q: target.name, managementType: 'unmanaged' });
    expect(none.rows.map((r) => r.id)).not.toContain(target.id);
  });

  it('checkpoint filters by kind and status', async () => {
    for (const [filter, where, value] of [
      [{ kind: 'village' }, 'kind = ?', 'village'],
      [{ kind: 'gate' }, 'kind = ?', 'gate'],
      [{ status: 'paused' }, 'status = ?', 'paused'],
      [{ status: 'removed' }, 'status = ?', 'removed'],
    ] as const) {
      const got = await list<CheckpointRow>(call, 'checkpoints.list', { ...filter, pageSize: 500 });
      const expected = sqlCount(`SELECT count(*) AS n FROM checkpoints WHERE ${where}`, value);
      expect(expected).toBeGreaterThan(0);
      expect(got.total).toBe(expected);
      expect(got.rows.every((r) => ('kind' in filter ? r.kind === value : r.status === value))).toBe(true);
    }
    const gate = (await list<CheckpointRow>(call, 'checkpoints.list', { kind: 'gate' })).rows[0]!;
    const atCompound = await list<CheckpointRow>(call, 'checkpoints.list', { compoundId: gate.compoundId });
    expect(atCompound.rows.map((r) => r.id)).toContain(gate.id);
    expect(atCompound.rows.every((r) => r.compoundId === gate.compoundId)).toBe(true);
  });

  it('communities filter by kind', async () => {
    const villages = await list<CommunityRow>(call, 'communities.list', { kind: 'village' });
    expect(villages.total).toBe(3);
    expect(villages.rows.every((r) => r.kind === 'village')).toBe(true);
  });

  it('sorts by population and by name, ascending and descending', async () => {
    const asc = (await list<CompoundRow>(call, 'compounds.list', { sort: 'population', pageSize: 500 })).rows;
    const desc = (await list<CompoundRow>(call, 'compounds.list', { sort: 'population', order: 'desc', pageSize: 500 })).rows;
    const pops = asc.map((r) => r.population);
    expect(pops).toEqual([...pops].sort((a, b) => a - b));
    expect(pops[0]).toBeLessThan(pops.at(-1)!);
    expect(desc.map((r) => r.id)).toEqual(asc.map((r) => r.id).reverse());

    const byName = names((await list<CompoundRow>(call, 'compounds.list', { sort: 'name', pageSize: 500 })).rows);
    expect(byName).toEqual([...byName].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const byNameDesc = names((await list<CompoundRow>(call, 'compounds.list', { sort: 'name', order: 'desc', pageSize: 500 })).rows);
    expect(byNameDesc).toEqual([...byName].reverse());

    const cps = names((await list<CheckpointRow>(call, 'checkpoints.list', { sort: 'name', order: 'desc', pageSize: 500 })).rows);
    expect(cps).toEqual([...cps].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
  });

  it('pages through the list: total counts all rows, rows holds one page', async () => {
    const all = (await list<CompoundRow>(call, 'compounds.list', { sort: 'name', pageSize: 500 })).rows.map((r) => r.id);
    const seen: number[] = [];
    for (let page = 1; page <= 4; page++) {
      const p = await list<CompoundRow>(call, 'compounds.list', { sort: 'name', page, pageSize: 50 });
      expect(p.total).toBe(168);
      expect(p.rows).toHaveLength(page < 4 ? 50 : 18);
      seen.push(...p.rows.map((r) => r.id));
    }
    expect(seen).toEqual(all);
    const past = await list<CompoundRow>(call, 'compounds.list', { page: 5, pageSize: 50 });
    expect(past).toEqual({ rows: [], total: 168 });
    const defaults = await list<CompoundRow>(call, 'compounds.list', {});
    expect(defaults.rows).toHaveLength(20);
  });

  it('an unknown sort key, order or oversize page is a VALIDATION error', async () => {
    for (const sort of ['nope', 'search_key', 'constructor', '__proto__', 'toString']) {
      const error = errorOf(await call('compounds.list', { sort }));
      expect(error, sort).toEqual({ code: 'VALIDATION', message: `不支持按“${sort}”排序` });
    }
    expect(errorOf(await call('checkpoints.list', { sort: 'population' })).code).toBe('VALIDATION');
    expect(errorOf(await call('compounds.list', { order: 'sideways' })).issues?.[0]?.path).toBe('order');
    expect(errorOf(await call('compounds.list', { pageSize: 501 })).issues).toEqual([{ path: 'pageSize', message: '每页最多 500 条' }]);
  });
});

describe('filtered list queries use the indexes', () => {
  /** Runs a list call and returns EXPLAIN QUERY PLAN of every SQL it prepared. */
  async function plansOf(name: string, input: object): Promise<string[][]> {
    const { core, call } = await openSignedIn();
    const spy = vi.spyOn(core.db, 'prepare');
    dataOf(await call(name, input));
    const sqls = spy.mock.calls.map((c) => c[0]).filter((s) => /FROM (compounds|checkpoints) t /.test(s));
    spy.mockRestore();
    expect(sqls).toHaveLength(2); // the count and the page
    return sqls.map((sql) => {
      const params = new Array((sql.match(/\?/g) ?? []).length).fill(null);
      return (core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    });
  }

  it.each([
    ['compounds.list', { controlLevel: 'sealed' }, 'SEARCH t USING INDEX compounds_control_level (control_level=?)'],
    ['compounds.list', { managementType: 'unmanaged' }, 'SEARCH t USING INDEX compounds_management_type (management_type=?)'],
    ['compounds.list', { gridId: 1 }, 'SEARCH t USING INDEX compounds_grid_id (grid_id=?)'],
    ['checkpoints.list', { status: 'paused' }, 'SEARCH t USING INDEX checkpoints_status (status=?)'],
    ['checkpoints.list', { communityId: 1 }, 'SEARCH t USING INDEX checkpoints_community_id (community_id=?)'],
    ['checkpoints.list', { compoundId: 1 }, 'SEARCH t USING INDEX checkpoints_compound_id (compound_id=?)'],
  ])('%s %o', async (name, filter, expected) => {
    for (const plan of await plansOf(name, filter)) {
      expect(plan).toContain(expected);
      expect(plan.filter((d) => d.startsWith('SCAN'))).toEqual([]);
    }
  });

  it('compounds of one community use the (community, name) index', async () => {
    for (const plan of await plansOf('compounds.list', { communityId: 1, sort: 'name' })) {
      expect(plan.some((d) => /^SEARCH t USING INDEX sqlite_autoindex_compounds_\d \(community_id=\?\)$/.test(d))).toBe(true);
      expect(plan.filter((d) => d.startsWith('SCAN'))).toEqual([]);
    }
  });
});
