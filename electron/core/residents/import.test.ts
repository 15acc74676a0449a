import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { makeId } from '../../../test/fixtures/excel/make-fixtures-lib';
import { uploadFile } from '../../../test/helpers/excel';
import { count, dataOf, openSignedIn, type Call } from '../../../test/helpers/temp-core';

const HEAD = ['姓名', '身份证号', '手机号', '小区', '社区', '楼栋', '单元', '房号', '人员类型', '来源地', '返回日期', '备注'];

function roster(n: number, compounds: string[], extra: unknown[][] = []) {
  const rows: unknown[][] = [['平原街道居民排查登记表'], HEAD];
  for (let i = 0; i < n; i++) {
    const birth = `19${60 + (i % 40)}0${1 + (i % 9)}1${i % 9}`;
    rows.push([
      `居民${i}`,
      makeId('411402', birth, i % 1000),
      `139${String(10_000_000 + i).slice(-8)}`,
      compounds[i % compounds.length],
      '',
      String(1 + (Math.floor(i / compounds.length) % 12)),
      String(1 + (i % 2)),
      String(101 + (Math.floor(i / 24) % 30)),
      '常住',
      '',
      '',
      '',
    ]);
  }
  return [...rows, ...extra];
}
const file = (rows: unknown[][]) => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '排查表');
  return XLSX.write(wb, { type: 'base64', bookType: 'xlsx' });
};
async function preview(call: Call, rows: unknown[][]) {
  const { uploadId } = dataOf<{ uploadId: string }>(await uploadFile(call, 'residents', '居民排查.xlsx', file(rows)));
  return {
    uploadId,
    p: dataOf<{ counts: Record<string, number>; notes: string[]; rows: { rowNumber: number; errors: { column: string; message: string }[] }[] }>(
      await call('excel.preview', { uploadId, pageSize: 500, status: 'error' }),
    ),
  };
}

describe('residents through the import engine', () => {
  it('imports 2,000 residents, creating buildings and households (and a new compound) as it goes, announced in the preview', async () => {
    const { core, call } = await openSignedIn({ demo: true }, 'command');
    const names = dataOf<{ rows: { name: string; communityName: string }[] }>(await call('compounds.list', { pageSize: 3 })).rows;
    const rows = roster(
      2000,
      names.map((c) => c.name),
      [['新住户', makeId('411402', '19880808', 1), '', '梧桐新居', names[0]!.communityName, '1', '1', '101', '租户', '郑州', '2022-10-02', '']],
    );
    const { uploadId, p } = await preview(call, rows);
    expect(p.counts).toMatchObject({ new: 2001, error: 0 });
    expect(p.notes).toEqual([expect.stringMatching(/^导入时将新建 1 个小区、\d+ 个楼栋、\d+ 户$/)]);
    dataOf(await call('excel.commit', { uploadId }));
    expect(count(core.db, 'residents')).toBe(2001);
    expect(count(core.db, 'buildings')).toBe(37); // 12 per compound × 3, and one in the new compound
    const created = dataOf<{ rows: { compoundName: string; building: string; room: string; kind: string }[] }>(await call('residents.list', { q: '新住户' }))
      .rows[0]!;
    expect(created).toMatchObject({ compoundName: '梧桐新居', building: '1', room: '101', kind: 'tenant' });
  }, 60_000);

  it('re-importing updates by ID number; damaged IDs are refused with the row named', async () => {
    const { core, call } = await openSignedIn({ demo: true }, 'command');
    const name = dataOf<{ rows: { name: string }[] }>(await call('compounds.list', { pageSize: 1 })).rows[0]!.name;
    const first = await preview(call, roster(50, [name]));
    dataOf(await call('excel.commit', { uploadId: first.uploadId }));
    const changed = roster(50, [name]);
    changed[2]![2] = '13700009876'; // first resident's new phone
    changed.push(['数字身份证', 411402198808080000, '', name, '', '1', '1', '101', '常住', '', '', '']);
    changed.push(['短身份证', '41140219880808', '', name, '', '1', '1', '101', '常住', '', '', '']);
    const second = await preview(call, changed);
    expect(second.p.counts).toMatchObject({ update: 1, unchanged: 49, error: 2 });
    expect(second.p.rows.map((r) => [r.rowNumber, r.errors[0]!.column])).toEqual([
      [53, '身份证号'],
      [54, '身份证号'],
    ]);
    expect(second.p.rows[0]!.errors[0]!.message).toContain('身份证号被 Excel 存成了数字');
    dataOf(await call('excel.commit', { uploadId: second.uploadId, excludeErrors: true }));
    expect(count(core.db, 'residents')).toBe(50);
    const list = dataOf<{ rows: { phone: string; idNumber: string }[] }>(await call('residents.list', { q: '9876' })).rows;
    expect(list).toHaveLength(1);
    expect(list[0]!.phone).toBe('137****9876'); // found by the phone's last digits, shown masked
  });
});

describe('checkpoint paper forms through the import engine', () => {
  it('imports a day of registrations into the daily counts; a re-import changes nothing; bad rows are named', async () => {
    const { call } = await openSignedIn({ demo: true }, 'command');
    const cp = dataOf<{ rows: { id: number; name: string }[] }>(await call('checkpoints.list', { pageSize: 1 })).rows[0]!;
    const rows = [
      ['日期', '时间', '卡点', '姓名', '车牌号', '进出', '体温'],
      ['2022-02-03', '08:30', cp.name, '张建国', '', '出', 36.4],
      ['2022-02-03', '09:10', cp.name, '', '豫N12345', '进', ''],
      ['2022-02-03', '10:00', cp.name, '李秀英', '', '进', 37.9],
      ['2022-02-03', '25:00', cp.name, '王五', '', '进', 36.5],
    ];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '登记');
    const base64 = XLSX.write(wb, { type: 'base64', bookType: 'xlsx' });
    const { uploadId } = dataOf<{ uploadId: string }>(await uploadFile(call, 'registrations', '卡点登记.xlsx', base64));
    const p = dataOf<{ counts: Record<string, number>; rows: { errors: { column: string; message: string }[] }[] }>(await call('excel.preview', { uploadId }));
    expect(p.counts).toMatchObject({ new: 3, error: 1 });
    expect(p.rows[3]!.errors).toEqual([{ column: '时间', message: '时间应如 08:30' }]);
    dataOf(await call('excel.commit', { uploadId, excludeErrors: true }));
    const day = dataOf<{ checkpointId: number; people: number; vehicles: number; abnormal: number }[]>(
      await call('registrations.daily', { day: '2022-02-03' }),
    ).find((d) => d.checkpointId === cp.id);
    expect(day).toMatchObject({ people: 2, vehicles: 1, abnormal: 1 });
    const again = await uploadFile(call, 'registrations', '卡点登记.xlsx', base64);
    const p2 = dataOf<{ counts: Record<string, number> }>(await call('excel.preview', { uploadId: dataOf<{ uploadId: string }>(again).uploadId }));
    expect(p2.counts).toMatchObject({ new: 0, unchanged: 3 });
  });
});
