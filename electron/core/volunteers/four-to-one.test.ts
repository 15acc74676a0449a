import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';

/** 四包一 pickers: the responsible people of someone in community A come from A or from the office itself. */

let t: TestCore;
let call: Call;
type Row = { id: number; name: string; communityId: number | null };

beforeAll(async () => {
  t = await openTestCore();
  call = await signInAs(t.core, 'command');
}, 120_000);
afterAll(() => t.cleanup());

describe('people for a compound', () => {
  it('offers only the compound’s community and the office-level people, searchable by pinyin initials', async () => {
    const { id: compoundId, communityId } = t.core.db
      .prepare(
        'SELECT c.id, c.community_id AS communityId FROM compounds c WHERE EXISTS (SELECT 1 FROM people p WHERE p.community_id = c.community_id) LIMIT 1',
      )
      .get() as { id: number; communityId: number };
    // One of the office's own staff, and one of another community.
    const office = unwrap<Row>(await call('people.create', { name: '街道干部欧阳', kind: 'cadre' }));
    const other = t.core.db.prepare('SELECT id FROM communities WHERE id <> ? LIMIT 1').get(communityId) as { id: number };
    const elsewhere = unwrap<Row>(await call('people.create', { name: '外社区欧阳', kind: 'volunteer', communityId: other.id }));
    const all = unwrap<{ total: number }>(await call('people.list', { pageSize: 1 })).total;
    const { rows, total } = unwrap<{ rows: Row[]; total: number }>(await call('people.list', { forCompoundId: compoundId, pageSize: 200 }));
    const expected = (t.core.db.prepare('SELECT count(*) AS n FROM people WHERE community_id IS NULL OR community_id = ?').get(communityId) as { n: number }).n;
    expect(total).toBe(expected);
    expect(total).toBeLessThan(all);
    expect(rows.every((r) => r.communityId === null || r.communityId === communityId)).toBe(true);
    expect(rows.some((r) => r.communityId === communityId)).toBe(true);
    const ouyang = unwrap<{ rows: Row[] }>(await call('people.list', { forCompoundId: compoundId, q: '欧阳', pageSize: 200 })).rows.map((r) => r.id);
    expect(ouyang).toContain(office.id);
    expect(ouyang).not.toContain(elsewhere.id);

    const someone = rows.find((r) => r.communityId === communityId)!;
    const initials = pinyin(someone.name, { pattern: 'first', toneType: 'none', type: 'array' }).join('');
    const found = unwrap<{ rows: Row[] }>(await call('people.list', { forCompoundId: compoundId, q: initials, pageSize: 200 })).rows;
    expect(found.map((r) => r.id)).toContain(someone.id);
    expect(found.every((r) => r.communityId === null || r.communityId === communityId)).toBe(true);
  });
});
