import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';

/** 批量修改 of people: the same change to every one selected, all or none, checked with the form's own rules. */

let t: TestCore;
let roster: Call;
let ids: number[];

const person = (id: number) =>
  t.core.db.prepare('SELECT kind, health, community_id AS communityId, compound_id AS compoundId, weekdays, note FROM people WHERE id = ?').get(id) as Record<
    string,
    unknown
  >;

beforeAll(async () => {
  t = await openTestCore();
  roster = await signInAs(t.core, 'roster');
  ids = [];
  for (const name of ['欧阳甲', '欧阳乙', '欧阳丙']) ids.push(unwrap<{ id: number }>(await roster('people.create', { name, kind: 'volunteer' })).id);
}, 120_000);
afterAll(() => t.cleanup());

describe('people.bulkUpdate', () => {
  it('sets kind, health, weekdays and a team for everyone selected', async () => {
    const team = unwrap<{ id: number }>(await roster('teams.create', { name: '批量测试队', kind: 'service' })).id;
    const r = unwrap<{ changed: number }>(
      await roster('people.bulkUpdate', { ids, set: { kind: 'party', health: 'observe', weekdays: [6, 7], teamId: team } }),
    );
    expect(r.changed).toBe(3);
    for (const id of ids) expect(person(id)).toMatchObject({ kind: 'party', health: 'observe', weekdays: '67' });
    const members = t.core.db.prepare('SELECT person_id AS id FROM team_members WHERE team_id = ? ORDER BY person_id').all(team);
    expect(members).toEqual(ids.map((id) => ({ id })));
  });

  it('changes no one when one person cannot take the change, naming that person (masked)', async () => {
    // A stored half window (start without end) is what the form refuses.
    t.core.db.prepare('UPDATE people SET window_start = 8, window_end = NULL WHERE id = ?').run(ids[1]);
    const before = ids.map(person);
    const res = await roster('people.bulkUpdate', { ids, set: { health: 'unwell' } });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toBe('第 2 条（欧*乙）：请同时填写可值守的开始和结束时间；全部未修改');
    expect(ids.map(person)).toEqual(before);
    t.core.db.prepare('UPDATE people SET window_start = NULL WHERE id = ?').run(ids[1]);
  });

  it('is written to the audit log per person without the note, and refused to a role without roster:write', async () => {
    unwrap(await roster('people.bulkUpdate', { ids: [ids[0]], set: { note: '腿脚不便王秀英' } }));
    expect(person(ids[0]!).note).toBe('腿脚不便王秀英');
    const log = t.core.db
      .prepare("SELECT group_concat(detail, '\n') AS d, count(*) AS n FROM audit_log WHERE method = 'people.bulkUpdate' AND kind = 'write'")
      .get() as { d: string; n: number };
    expect(log.n).toBeGreaterThanOrEqual(4);
    expect(log.d).not.toContain('王秀英');
    const viewer = await signInAs(t.core, 'viewer');
    const res = await viewer('people.bulkUpdate', { ids, set: { health: 'healthy' } });
    expect(res.ok || res.error.code).toBe('FORBIDDEN');
  });
});
