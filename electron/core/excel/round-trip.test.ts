import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeId } from '../../../test/fixtures/excel/make-fixtures-lib';
import { uploadFile } from '../../../test/helpers/excel';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';

/**
 * Every list page with an 导出 Excel button: its full export (导出完整信息) imports back
 * into the same office as 无变化 for every row, and a masked export is refused row by row
 * instead of overwriting names and phones with stars.
 */
let t: TestCore;
let call: Call;
const data = unwrap;
type Counts = Record<'new' | 'update' | 'unchanged' | 'error', number>;
type Preview = { total: number; counts: Counts; rows: { rowNumber: number; errors: { column: string; message: string }[] }[] };

const HEAD = ['姓名', '身份证号', '手机号', '小区', '社区', '楼栋', '单元', '房号', '与户主关系', '人员类型', '特殊人群', '来源地', '返回日期', '备注'];

beforeAll(async () => {
  t = await openTestCore();
  call = await signInAs(t.core, 'command');
  // Residents with every kind of field filled or left empty: flags, landlines, no building, notes, dates.
  const compounds = data<{ rows: { name: string; communityName: string }[] }>(await call('compounds.list', { pageSize: 3 })).rows;
  const rows: unknown[][] = [HEAD];
  for (let i = 0; i < 30; i++) {
    const c = compounds[i % compounds.length]!;
    const housed = i % 5 !== 0;
    rows.push([
      `往返${'甲乙丙丁戊己庚辛'[i % 8]}${i}`,
      makeId('411402', `19${70 + (i % 30)}0${1 + (i % 9)}1${i % 9}`, 200 + i),
      i % 7 === 0 ? '0370-3126688' : i % 4 === 0 ? '' : `1370000${String(1000 + i)}`,
      c.name,
      c.communityName,
      housed ? String(1 + (i % 3)) : '',
      housed && i % 2 ? '2' : '',
      housed ? String(101 + i) : '',
      i % 3 === 0 ? '户主' : '',
      ['常住', '租户', '流动人口', '临时'][i % 4],
      i % 6 === 0 ? '独居老人、慢病' : '',
      i % 2 ? '郑州' : '',
      i % 2 ? '2022-10-02' : '',
      i % 5 === 1 ? `=需回访 ${i}` : '',
    ]);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '居民');
  const up = data<{ uploadId: string }>(await uploadFile(call, 'residents', '往返.xlsx', XLSX.write(wb, { type: 'base64', bookType: 'xlsx' })));
  expect(data<Preview>(await call('excel.preview', { uploadId: up.uploadId })).counts).toMatchObject({ new: 30, error: 0 });
  data(await call('excel.commit', { uploadId: up.uploadId }));
});
afterAll(() => t.cleanup());

async function reimport(table: string, base64: string) {
  const up = data<{ uploadId: string }>(await uploadFile(call, table, `${table}.xlsx`, base64));
  return data<Preview>(await call('excel.preview', { uploadId: up.uploadId, pageSize: 5, status: 'error' }));
}

/** Each list page's export method, its input, and the table its file imports into. */
const LISTS: [string, string, Record<string, unknown>][] = [
  ['communities.export', 'communities', {}],
  ['grids.export', 'grids', {}],
  ['compounds.export', 'compounds', {}],
  ['checkpoints.export', 'checkpoints', {}],
  ['premises.export', 'premises', {}],
  ['people.export', 'people', {}],
  ['residents.export', 'residents', {}],
];

describe('every list exports what it shows and imports back as 无变化', () => {
  it.each(LISTS)('%s (full) → %s: every row 无变化', async (method, table, input) => {
    const out = data<{ base64: string; rowCount: number }>(await call(method, { ...input, full: true }));
    expect(out.rowCount).toBeGreaterThan(0);
    const p = await reimport(table, out.base64);
    expect(p.rows.flatMap((r) => r.errors.map((e) => `${r.rowNumber} ${e.column}: ${e.message}`))).toEqual([]);
    expect(p.counts).toEqual({ new: 0, update: 0, unchanged: out.rowCount, error: 0 });
  });

  it('a roster (导出 on the roster tab) → rosterRows: every placement 无变化', async () => {
    const roster = data<{ id: number }[]>(await call('rosters.list', {}))[0]!;
    const out = data<{ base64: string; rowCount: number }>(await call('rosters.export', { id: roster.id, full: true }));
    expect(out.rowCount).toBeGreaterThan(0);
    const p = await reimport('rosterRows', out.base64);
    expect(p.counts).toEqual({ new: 0, update: 0, unchanged: out.rowCount, error: 0 });
  });
});

describe('residents export', () => {
  it('is masked by default, and logged; the full export is logged as full', async () => {
    const masked = data<{ base64: string; rowCount: number; fileName: string }>(await call('residents.export', {}));
    expect(masked.fileName).toMatch(/^居民名单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(masked.base64, 'base64') as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, ...HEAD.slice(0, 4), '社区', ...HEAD.slice(5)]);
    const col = (n: number) =>
      ws
        .getColumn(n)
        .values.slice(2)
        .map((v) => String(v ?? ''));
    expect(col(1).every((n) => n.includes('*'))).toBe(true);
    expect(col(2).every((id) => /^\d{4}\*{10}[\dX]{4}$/.test(id))).toBe(true);
    expect(
      col(3)
        .filter(Boolean)
        .every((p) => p.includes('*')),
    ).toBe(true);
    expect(
      col(14)
        .filter(Boolean)
        .every((n) => n === '（含个人信息，已隐藏）'),
    ).toBe(true);
    const logged = (full: boolean) =>
      t.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE method = 'residents.export' AND json_extract(detail, '$.full') = ?").get(full ? 1 : 0) as {
        n: number;
      };
    expect(logged(false).n).toBeGreaterThan(0);
    data(await call('residents.export', { full: true }));
    expect(logged(true).n).toBeGreaterThan(0);
  });

  it('a masked export imported back is refused row by row, saying why; nothing is overwritten', async () => {
    const masked = data<{ base64: string; rowCount: number }>(await call('residents.export', {}));
    const p = await reimport('residents', masked.base64);
    expect(p.counts).toEqual({ new: 0, update: 0, unchanged: 0, error: masked.rowCount });
    expect(p.rows[0]!.errors).toContainEqual({
      column: '身份证号',
      message: '身份证号是脱敏后的内容，不能导入：请使用勾选“导出完整信息”导出的文件，或填写完整信息',
    });
  });

  it('follows the list filter and community scope; a role without 导出完整信息 is refused the full file', async () => {
    const compound = data<{ rows: { id: number }[] }>(await call('compounds.list', { pageSize: 1 })).rows[0]!;
    const listed = data<{ total: number }>(await call('residents.list', { compoundId: compound.id })).total;
    expect(data<{ rowCount: number }>(await call('residents.export', { compoundId: compound.id })).rowCount).toBe(listed);
    const scoped = await signInAs(t.core, 'community');
    expect(data<{ rowCount: number }>(await scoped('residents.export', {})).rowCount).toBe(data<{ total: number }>(await scoped('residents.list', {})).total);
    const viewer = await signInAs(t.core, 'viewer');
    expect(await viewer('residents.export', { full: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
