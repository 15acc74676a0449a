import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { uploadFile } from '../../../test/helpers/excel';
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
});
