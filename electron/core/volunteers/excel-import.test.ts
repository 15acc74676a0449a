import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { commitBothWays, previewed } from '../../../test/helpers/bulk-parity';
import { uploadFile } from '../../../test/helpers/excel';
import { ROLE_USER } from '../../../test/helpers/sessions';
import { makeId } from '../../../test/fixtures/excel/make-fixtures-lib';
import { dataOf, openSignedIn, type Call } from '../../../test/helpers/temp-core';
import { parseWeekdays, parseWindow } from './excel-tables';

function book(rows: unknown[][]): string {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '名单');
  return XLSX.write(wb, { type: 'base64', bookType: 'xlsx' });
}
async function importRows(call: Call, table: string, rows: unknown[][]) {
  const { uploadId } = dataOf<{ uploadId: string }>(await uploadFile(call, table, '志愿者.xlsx', book(rows)));
  const preview = dataOf<{ counts: Record<string, number>; rows: { errors: { column: string; message: string }[] }[] }>(
    await call('excel.preview', { uploadId }),
  );
  return { uploadId, preview };
}

describe('people and rosters through the import engine', () => {
  it('reads availability as offices write it', () => {
    expect(parseWeekdays('每天')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parseWeekdays('工作日')).toEqual([1, 2, 3, 4, 5]);
    expect(parseWeekdays('周一、三、五')).toEqual([1, 3, 5]);
    expect(parseWeekdays('周末')).toEqual([6, 7]);
    expect(parseWeekdays('随时')).toBeNull();
    expect(parseWindow('8-20')).toEqual([8, 20]);
    expect(parseWindow('20:00～8:00')).toEqual([20, 8]);
    expect(parseWindow('')).toBeNull();
    expect(parseWindow('上午')).toBe('bad');
  });

  it('imports a volunteer list with compounds and availability, flags bad rows by column, and exports it masked', async () => {
    const { call } = await openSignedIn({ demo: true }, 'roster');
    const compound = dataOf<{ rows: { name: string; communityName: string }[] }>(await call('compounds.list', { pageSize: 1 })).rows[0]!;
    const { uploadId, preview } = await importRows(call, 'people', [
      ['姓名', '类别', '手机号', '居住小区', '党员', '特长', '可值守日', '可值守时段'],
      ['季建国', '志愿者', '13837012345', compound.name, '是', '驾驶、宣传', '工作日', '8-20'],
      ['王秀兰', '楼长', '13937012345', '不存在的小区', '否', '', '每天', ''],
      ['刘振华', '党员', '1383701234', '', '', '', '每天', ''],
      ['周桂英', '党员', '13637012345', '', '', '', '随时', ''],
    ]);
    expect(preview.counts).toMatchObject({ new: 1, error: 3 });
    expect(preview.rows[1]!.errors).toEqual([{ column: '居住小区', message: '小区“不存在的小区”不存在' }]);
    expect(preview.rows[2]!.errors.map((e) => e.column)).toEqual(['手机号']);
    expect(preview.rows[3]!.errors).toEqual([{ column: '可值守日', message: '可值守日应为 每天 / 工作日 / 周末，或如“一三五”' }]);
    dataOf(await call('excel.commit', { uploadId, excludeErrors: true }));
    const p = dataOf<{ rows: { name: string; weekdays: number[]; windowStart: number; communityName: string; partyMember: boolean }[] }>(
      await call('people.list', { q: '季建国' }),
    ).rows[0]!;
    expect(p).toMatchObject({ weekdays: [1, 2, 3, 4, 5], windowStart: 8, communityName: compound.communityName, partyMember: true });
    const out = dataOf<{ base64: string }>(await call('people.export', { q: '季建国' }));
    const sheet = XLSX.read(Buffer.from(out.base64, 'base64')).Sheets;
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(Object.values(sheet)[0]!);
    expect(rows[0]).toMatchObject({ 姓名: '季建国', 手机号: '138****2345', 可值守日: '一二三四五', 可值守时段: '8-20' });
  });

  it('exports a roster to .xlsx and reads it back into the roster (round trip)', async () => {
    const { core, call } = await openSignedIn({ demo: true }, 'roster');
    const roster = dataOf<{ id: number }[]>(await call('rosters.list', {}))[0]!;
    const masked = XLSX.read(Buffer.from(dataOf<{ base64: string }>(await call('rosters.export', { id: roster.id })).base64, 'base64'));
    expect(String(XLSX.utils.sheet_to_json<unknown[]>(Object.values(masked.Sheets)[0]!, { header: 1 })[1]![4])).toMatch(/^1\d\d\*{4}\d{4}$/);
    // The full export (a role that may see phones) carries what tells two people of one name apart.
    const out = dataOf<{ base64: string; rowCount: number }>(await call('rosters.export', { id: roster.id, full: true }));
    expect(out.rowCount).toBeGreaterThan(1000);
    const sheet = Object.values(XLSX.read(Buffer.from(out.base64, 'base64')).Sheets)[0]!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 }).slice(0, 6) as unknown[][];
    expect(rows[0]).toEqual(['日期', '岗位', '班次', '姓名', '手机号', '到岗情况']);
    // The first exported placement is taken out of the roster; importing the sheet puts it back and leaves the rest.
    const first = `SELECT a.id FROM assignments a JOIN posts t ON t.id = a.post_id JOIN people p ON p.id = a.person_id WHERE a.roster_id = ? ORDER BY a.day, t.id, a.shift, p.name LIMIT 1`;
    const count = () => (core.db.prepare('SELECT count(*) AS n FROM assignments WHERE roster_id = ?').get(roster.id) as { n: number }).n;
    const before = count();
    core.db.prepare('DELETE FROM assignments WHERE id = ?').run((core.db.prepare(first).get(roster.id) as { id: number }).id);
    const { uploadId, preview } = await importRows(
      call,
      'rosterRows',
      rows.map((r) => r.slice(0, 5)),
    );
    expect(preview.rows.flatMap((r) => r.errors)).toEqual([]);
    expect(preview.counts).toMatchObject({ new: 1, unchanged: 4, error: 0 });
    dataOf(await call('excel.commit', { uploadId }));
    expect(count()).toBe(before);
  });

  it('a volunteer list of known and new people comes out as row by row did; one another user registers meanwhile fails it, keeping nothing', async () => {
    const { core, call } = await openSignedIn({ demo: true }, 'roster');
    const known = core.db
      .prepare(
        'SELECT p.name, p.phone, p.id_number AS idNumber, c.name AS compound, m.name AS community FROM people p LEFT JOIN compounds c ON c.id = p.compound_id LEFT JOIN communities m ON m.id = p.community_id ORDER BY p.id LIMIT 300',
      )
      .all() as { name: string; phone: string | null; idNumber: string | null; compound: string | null; community: string | null }[];
    const places = core.db
      .prepare('SELECT c.name AS compound, m.name AS community FROM compounds c JOIN communities m ON m.id = c.community_id ORDER BY c.id')
      .all() as {
      compound: string;
      community: string;
    }[];
    const head = ['姓名', '类别', '手机号', '身份证号', '居住小区', '所属社区', '党员', '特长', '可值守日', '可值守时段', '备注'];
    const kinds = ['志愿者', '党员', '楼长', '网格员', '医务人员'];
    const added = (from: number, n: number) =>
      Array.from({ length: n }, (_, j) => {
        const i = from + j;
        const place = i % 3 ? places[i % places.length]! : null;
        return [
          `新志愿者${i}`,
          kinds[i % kinds.length],
          `137${String(i).padStart(8, '0')}`,
          i % 4 ? makeId('410102', `19${60 + (i % 40)}0${1 + (i % 9)}1${i % 10}`, Math.floor(i / 10) % 1000) : null,
          place?.compound ?? null,
          place?.community ?? (i % 2 ? places[0]!.community : null),
          i % 2 ? '是' : '否',
          i % 5 ? null : '驾驶、宣传',
          i % 3 ? '工作日' : '每天',
          i % 4 ? '8-20' : null,
          i % 7 ? null : `备注${i}`,
        ];
      });
    const rows = [
      head,
      ...known.map((p, i) => [p.name, '志愿者', p.phone, p.idNumber, p.compound, p.community, '是', '宣传', '周末', '9-17', `改${i}`]),
      ...added(0, 800),
    ];
    const a = await previewed(call, 'people', rows);
    expect(a.counts).toMatchObject({ new: 800, error: 0 });
    const done = await commitBothWays(core.db, call, ROLE_USER.roster, a.uploadId, ['SELECT * FROM people ORDER BY id']);
    expect(done.result).toMatchObject({ ok: true, data: { created: 800, updated: a.counts.update } });
    expect(a.counts.update).toBeGreaterThan(200);
    expect(done.staged).toEqual(done.rowByRow);

    // A second list; before it is committed another user registers one of its people (same ID number).
    const more = [head, ...added(800, 300)];
    const b = await previewed(call, 'people', more);
    const last = more.at(-1)!;
    const other = await call('people.create', {
      name: last[0],
      kind: 'volunteer',
      phone: null,
      idNumber: last[3],
      gender: null,
      ageGroup: null,
      compoundId: null,
      communityId: null,
      partyMember: false,
      skills: [],
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      windowStart: null,
      windowEnd: null,
      note: null,
    });
    expect(other).toMatchObject({ ok: true });
    const before = core.db.prepare('SELECT count(*) AS n FROM people').get();
    const failed = await call('excel.commit', { uploadId: b.uploadId });
    expect(failed).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('本次导入未写入任何数据') } });
    expect(core.db.prepare('SELECT count(*) AS n FROM people').get()).toEqual(before);

    // Two rows naming one person, by 人员编号 and by ID number: both are saved, the later last, as row by row.
    const one = core.db.prepare('SELECT id, name, phone, id_number AS idNumber FROM people WHERE id_number IS NOT NULL ORDER BY id LIMIT 1').get() as {
      id: number;
      name: string;
      phone: string | null;
      idNumber: string;
    };
    const c = await previewed(call, 'people', [
      ['人员编号', '姓名', '类别', '手机号', '身份证号', '备注'],
      [one.id, one.name, '党员', one.phone, one.idNumber, '先'],
      [null, one.name, '楼长', one.phone, one.idNumber, '后'],
    ]);
    expect(c.counts).toMatchObject({ update: 2, error: 0 });
    const twice = await commitBothWays(core.db, call, ROLE_USER.roster, c.uploadId, ['SELECT * FROM people ORDER BY id']);
    expect(twice.result).toMatchObject({ ok: true, data: { updated: 2 } });
    expect(twice.staged).toEqual(twice.rowByRow);
    expect(core.db.prepare('SELECT kind, note FROM people WHERE id = ?').get(one.id)).toEqual({ kind: 'building', note: '后' });
  }, 60_000);

  it('placements typed back into a roster come out as row by row did; a person another user deletes meanwhile fails it, keeping nothing', async () => {
    const { core, call } = await openSignedIn({ demo: true }, 'roster');
    const roster = dataOf<{ id: number }[]>(await call('rosters.list', {}))[0]!;
    // The roster's first placements as a sheet (shift by its number), every other one taken out of the roster first: the import puts them back.
    const placed = core.db
      .prepare(
        `SELECT a.id, date(r.start_date, '+' || a.day || ' days') AS day, t.name AS post, a.shift + 1 AS shift, p.name, p.phone
         FROM assignments a JOIN rosters r ON r.id = a.roster_id JOIN posts t ON t.id = a.post_id JOIN people p ON p.id = a.person_id
         WHERE a.roster_id = ? ORDER BY a.id LIMIT 1500`,
      )
      .all(roster.id) as { id: number; day: string; post: string; shift: number; name: string; phone: string | null }[];
    const remove = core.db.prepare('DELETE FROM assignments WHERE id = ?');
    for (const p of placed.filter((_, i) => i % 2 === 0)) remove.run(p.id);
    const rows = [['日期', '岗位', '班次', '姓名', '手机号'], ...placed.map((p) => [p.day, p.post, p.shift, p.name, p.phone])];
    const a = await previewed(call, 'rosterRows', rows);
    expect(a.counts.error).toBe(0);
    expect(a.counts.new).toBe(750);
    const done = await commitBothWays(core.db, call, ROLE_USER.roster, a.uploadId, ['SELECT * FROM assignments ORDER BY id']);
    expect(done.result).toMatchObject({ ok: true, data: { created: a.counts.new } });
    expect(done.staged).toEqual(done.rowByRow);

    // The same placements again, after they are taken out once more; before the commit another user deletes the last one's person.
    for (const p of placed.slice(0, 40)) remove.run(p.id);
    const b = await previewed(call, 'rosterRows', rows.slice(0, 41));
    expect(b.counts.new).toBe(20);
    const last = placed[39]!;
    const person = (
      core.db.prepare("SELECT id FROM people WHERE name = ? AND coalesce(phone, '') = coalesce(?, '')").get(last.name, last.phone) as { id: number }
    ).id;
    expect(await call('people.delete', { id: person })).toMatchObject({ ok: true });
    const before = core.db.prepare('SELECT * FROM assignments ORDER BY id').all();
    const failed = await call('excel.commit', { uploadId: b.uploadId });
    expect(failed).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('其他用户删除了文件中的行所引用的数据') } });
    expect(core.db.prepare('SELECT * FROM assignments ORDER BY id').all()).toEqual(before);
  }, 60_000);
});
