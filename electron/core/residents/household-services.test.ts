import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { commitBothWays, previewed } from '../../../test/helpers/bulk-parity';
import { uploadFile } from '../../../test/helpers/excel';
import { ROLE_USER, signIn } from '../../../test/helpers/sessions';
import { dataOf, errorOf, manualClock, openSignedIn } from '../../../test/helpers/temp-core';

async function household(core: { db: import('better-sqlite3-multiple-ciphers').Database }) {
  const compound = core.db.prepare('SELECT id FROM compounds ORDER BY id LIMIT 1').get() as { id: number };
  const b = Number(core.db.prepare("INSERT INTO buildings (compound_id, name) VALUES (?, '3')").run(compound.id).lastInsertRowid);
  return Number(core.db.prepare("INSERT INTO households (building_id, unit, room) VALUES (?, '2', '301')").run(b).lastInsertRowid);
}

describe('出入证', () => {
  it('a pass for one exit every two days: the second exit is flagged at the gate, coming home never is; unknown and revoked passes too', async () => {
    const clock = manualClock('2026-12-01T01:00:00Z');
    const { core, call } = await openSignedIn({ demo: true, now: clock }, 'command');
    const h = await household(core);
    const pass = dataOf<{ id: number; passNo: string; address: string }>(
      await call('passes.issue', { householdId: h, uses: 1, perDays: 2, validFrom: '2026-12-01', validTo: '2026-12-14' }),
    );
    expect(pass.passNo).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(pass.address).toMatch(/ 3栋2单元301$/);
    const cp = (core.db.prepare('SELECT id FROM checkpoints LIMIT 1').get() as { id: number }).id;
    const reg = (direction: string, passNo = pass.passNo) =>
      call('registrations.create', { checkpointId: cp, name: '张建国', temperature: 36.4, direction, passNo });
    expect(dataOf<{ passFlag: string | null }>(await reg('out')).passFlag).toBeNull();
    expect(dataOf<{ passFlag: string | null }>(await reg('in')).passFlag).toBeNull();
    expect(dataOf<{ passFlag: string | null }>(await reg('out')).passFlag).toBe('出入证 2 天内限出 1 次，已用 1 次');
    clock.set('2026-12-03T01:30:00Z');
    const later = await signIn(core, 'zhihui');
    expect(
      dataOf<{ passFlag: string | null }>(
        await later('registrations.create', { checkpointId: cp, name: '张建国', direction: 'out', passNo: pass.passNo.toLowerCase() }),
      ).passFlag,
    ).toBeNull();
    expect(
      dataOf<{ passFlag: string | null }>(await later('registrations.create', { checkpointId: cp, name: '李四', direction: 'out', passNo: 'ZZZZ9999' }))
        .passFlag,
    ).toBe('出入证号不存在');
    dataOf(await later('passes.revoke', { id: pass.id }));
    expect(
      dataOf<{ passFlag: string | null }>(await later('registrations.create', { checkpointId: cp, name: '张建国', direction: 'in', passNo: pass.passNo }))
        .passFlag,
    ).toBe('出入证已收回');
    expect(errorOf(await later('passes.issue', { householdId: h, validFrom: '2026-12-05', validTo: '2026-12-01' })).message).toBe('有效期结束不能早于开始');
  });
});

describe('household needs and testing rounds', () => {
  it('needs are open until done; a testing round takes its due counts from the compounds and sums what is entered', async () => {
    const { core, call } = await openSignedIn({ demo: true }, 'command');
    const h = await household(core);
    const need = dataOf<{ id: number }>(await call('needs.create', { householdId: h, kind: 'medicine', detail: '降压药一盒' }));
    expect(dataOf<{ id: number; doneAt: string | null }[]>(await call('needs.list', {})).map((n) => n.id)).toEqual([need.id]);
    dataOf(await call('needs.done', { id: need.id }));
    expect(dataOf<unknown[]>(await call('needs.list', {}))).toEqual([]);
    expect(dataOf<{ doneAt: string | null }[]>(await call('needs.list', { open: false }))[0]!.doneAt).not.toBeNull();

    const round = dataOf<{ id: number }>(await call('tests.create', { name: '第三轮全员核酸', day: '2026-12-02' }));
    const compounds = dataOf<{ compoundId: number; compoundName: string; due: number }[]>(await call('tests.compounds', { id: round.id }));
    expect(compounds).toHaveLength(168);
    const population = (core.db.prepare('SELECT sum(population) AS n FROM compounds').get() as { n: number }).n;
    expect(compounds.reduce((s, c) => s + c.due, 0)).toBe(population);
    dataOf(await call('tests.record', { id: round.id, compoundId: compounds[0]!.compoundId, tested: 500 }));
    dataOf(await call('tests.record', { id: round.id, compoundId: compounds[1]!.compoundId, tested: 320 }));
    expect(dataOf<{ due: number; tested: number }[]>(await call('tests.list', {}))[0]).toEqual(expect.objectContaining({ due: population, tested: 820 }));

    // The testing sites' report, imported into the latest round: one update, one unchanged, one unknown compound.
    const sheet = XLSX.utils.aoa_to_sheet([
      ['小区', '已检人数'],
      [compounds[0]!.compoundName, 600],
      [compounds[1]!.compoundName, 320],
      ['不存在的小区', 10],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, sheet, '检测');
    const { uploadId } = dataOf<{ uploadId: string }>(await uploadFile(call, 'testCounts', '核酸.xlsx', XLSX.write(wb, { type: 'base64', bookType: 'xlsx' })));
    const p = dataOf<{ counts: Record<string, number> }>(await call('excel.preview', { uploadId }));
    expect(p.counts).toMatchObject({ update: 1, unchanged: 1, error: 1 });
    dataOf(await call('excel.commit', { uploadId, excludeErrors: true }));
    expect(dataOf<{ tested: number }[]>(await call('tests.list', {}))[0]!.tested).toBe(920);
  });

  it('a testing round’s counts for every compound come out as row by row wrote them', async () => {
    const { core, call } = await openSignedIn({ demo: true }, 'command');
    const round = dataOf<{ id: number }>(await call('tests.create', { name: '第四轮全员核酸', day: '2026-12-03' }));
    const compounds = core.db
      .prepare('SELECT c.name, m.name AS community FROM compounds c JOIN communities m ON m.id = c.community_id ORDER BY c.id')
      .all() as {
      name: string;
      community: string;
    }[];
    const a = await previewed(call, 'testCounts', [
      ['轮次', '小区', '社区', '已检人数'],
      ...compounds.map((c, i) => ['第四轮全员核酸', c.name, c.community, i * 3]),
    ]);
    expect(a.counts).toMatchObject({ error: 0, update: compounds.length - 1 });
    const done = await commitBothWays(core.db, call, ROLE_USER.command, a.uploadId, ['SELECT * FROM test_counts ORDER BY round_id, compound_id']);
    expect(done.result).toMatchObject({ ok: true, data: { updated: compounds.length - 1 } });
    expect(done.staged).toEqual(done.rowByRow);
    expect(core.db.prepare('SELECT sum(tested) AS n FROM test_counts WHERE round_id = ?').get(round.id)).toEqual({
      n: (3 * compounds.length * (compounds.length - 1)) / 2,
    });
  });
});
