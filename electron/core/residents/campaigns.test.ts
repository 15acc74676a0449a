import { describe, expect, it } from 'vitest';
import { dataOf, errorOf, openSignedIn } from '../../../test/helpers/temp-core';

describe('screening campaigns', () => {
  it('coverage per community, compound and building adds up, and the households not reached are listed for the next round', async () => {
    const { core, call } = await openSignedIn({ demo: true }, 'command');
    // Two compounds of one community, with 3 buildings × 4 households each.
    const compounds = core.db.prepare('SELECT id, community_id AS communityId FROM compounds WHERE community_id = 1 ORDER BY id LIMIT 2').all() as {
      id: number;
      communityId: number;
    }[];
    const other = core.db.prepare('SELECT id FROM compounds WHERE community_id = 2 LIMIT 1').get() as { id: number };
    const households: number[] = [];
    for (const c of [...compounds.map((x) => x.id), other.id])
      for (let b = 1; b <= 3; b++) {
        const bid = Number(core.db.prepare('INSERT INTO buildings (compound_id, name) VALUES (?, ?)').run(c, String(b)).lastInsertRowid);
        for (let r = 1; r <= 4; r++)
          households.push(
            Number(core.db.prepare("INSERT INTO households (building_id, unit, room) VALUES (?, '1', ?)").run(bid, String(100 + r)).lastInsertRowid),
          );
      }
    const campaign = dataOf<{ id: number; households: number; reached: number; scopeAll: boolean }>(
      await call('campaigns.create', { name: '12月第一轮入户排查', startDate: '2026-12-01', endDate: '2026-12-07', communityIds: [1] }),
    );
    expect(campaign).toMatchObject({ households: 24, reached: 0, scopeAll: false });
    const visit = (householdId: number, result: string) =>
      call('visits.record', { campaignId: campaign.id, householdId, day: '2026-12-02', result, present: 3 });
    dataOf(await visit(households[0]!, 'done'));
    dataOf(await visit(households[1]!, 'vacant'));
    dataOf(await visit(households[2]!, 'absent'));
    dataOf(await visit(households[12]!, 'refused'));
    expect(errorOf(await call('visits.record', { campaignId: campaign.id, householdId: households[3]!, day: '2026-12-09', result: 'done' })).message).toBe(
      '走访日期应在活动期间（2026-12-01 至 2026-12-07）',
    );

    const by = async (level: string, parentId?: number) =>
      dataOf<{ name: string; households: number; reached: number }[]>(await call('campaigns.coverage', { id: campaign.id, by: level, parentId }));
    const communities = await by('community');
    expect(communities).toHaveLength(1); // the other community's compound is out of scope
    expect(communities[0]).toMatchObject({ households: 24, reached: 2 });
    const perCompound = await by('compound', 1);
    expect(perCompound.map((c) => c.reached)).toEqual([2, 0]);
    expect(perCompound.reduce((s, c) => s + c.households, 0)).toBe(24);
    const perBuilding = await by('building', compounds[0]!.id);
    expect(perBuilding.map((b) => [b.households, b.reached])).toEqual([
      [4, 2],
      [4, 0],
      [4, 0],
    ]);
    const grids = await by('grid');
    expect(grids.reduce((s, g) => s + g.households, 0)).toBe(24);

    const next = dataOf<{ total: number; rows: { householdId: number; lastResult: string | null }[] }>(
      await call('campaigns.unreached', { id: campaign.id, pageSize: 200 }),
    );
    expect(next.total).toBe(22);
    expect(next.rows.map((r) => r.householdId)).not.toContain(households[0]);
    expect(next.rows.find((r) => r.householdId === households[2])!.lastResult).toBe('absent'); // 无人: try again
    dataOf(await visit(households[2]!, 'done'));
    expect(dataOf<{ reached: number }[]>(await call('campaigns.list', {}))[0]!.reached).toBe(3);
  });
});
