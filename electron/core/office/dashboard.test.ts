import { describe, expect, it } from 'vitest';
import type { DashboardSummaryData } from '../../../shared/api/office';
import type { CommunityRow } from '../../../shared/api/places';
import { CheckpointStatus, ControlLevel, ManagementType } from '../../../shared/domain/enums';
import { dataOf, openSignedIn } from '../../../test/helpers/temp-core';

describe('dashboard.summary', () => {
  it('on the demo office, every figure equals a direct count of the tables', async () => {
    const { core, call } = await openSignedIn({ demo: true });
    const s = dataOf<DashboardSummaryData>(await call('dashboard.summary', {}));
    const one = (sql: string, ...p: unknown[]) => (core.db.prepare(sql).get(...p) as { n: number }).n;

    expect(s).toMatchObject({ officeName: '平原示范街道办事处', communities: 15, grids: 9, compounds: 168, checkpoints: 99 });
    expect(s.households).toBe(one('SELECT sum(households) AS n FROM compounds'));
    expect(s.population).toBe(one('SELECT sum(population) AS n FROM compounds'));
    expect(s.population).toBeGreaterThan(130_000);

    for (const code of ManagementType.values) {
      expect(s.compoundsByManagement[code], code).toBe(one('SELECT count(*) AS n FROM compounds WHERE management_type = ?', code));
    }
    for (const code of ControlLevel.values) {
      expect(s.compoundsByControl[code], code).toBe(one('SELECT count(*) AS n FROM compounds WHERE control_level = ?', code));
    }
    for (const code of CheckpointStatus.values) {
      expect(s.checkpointsByStatus[code], code).toBe(one('SELECT count(*) AS n FROM checkpoints WHERE status = ?', code));
    }
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    expect(sum(s.compoundsByManagement)).toBe(168);
    expect(sum(s.compoundsByControl)).toBe(168);
    expect(sum(s.checkpointsByStatus)).toBe(99);
  });

  it('an empty office shows zeros for every category', async () => {
    const { call } = await openSignedIn();
    const s = dataOf<DashboardSummaryData>(await call('dashboard.summary', {}));
    expect(s).toEqual({
      officeName: '未命名街道',
      communities: 0,
      grids: 0,
      compounds: 0,
      checkpoints: 0,
      households: 0,
      population: 0,
      compoundsByManagement: { managed: 0, self: 0, unmanaged: 0 },
      compoundsByControl: { sealed: 0, controlled: 0, precaution: 0, normal: 0 },
      checkpointsByStatus: { active: 0, paused: 0, removed: 0 },
    });
  });

  it('follows edits at once', async () => {
    const { call } = await openSignedIn({ demo: true });
    const before = dataOf<DashboardSummaryData>(await call('dashboard.summary', {}));
    const c = dataOf<{ rows: CommunityRow[] }>(await call('communities.list', { pageSize: 1 })).rows[0]!;
    dataOf(
      await call('compounds.create', {
        name: '新建封控小区',
        communityId: c.id,
        managementType: 'unmanaged',
        buildings: 1,
        households: 10,
        population: 31,
        controlLevel: 'sealed',
      }),
    );
    const after = dataOf<DashboardSummaryData>(await call('dashboard.summary', {}));
    expect(after.compounds).toBe(before.compounds + 1);
    expect(after.population).toBe(before.population + 31);
    expect(after.households).toBe(before.households + 10);
    expect(after.compoundsByControl.sealed).toBe(before.compoundsByControl.sealed + 1);
    expect(after.compoundsByManagement.unmanaged).toBe(before.compoundsByManagement.unmanaged + 1);
  });
});
