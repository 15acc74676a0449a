import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utils, write } from 'xlsx';
import { uploadFile } from '../../../test/helpers/excel';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';
import { MAX_ROWS, readWorkbook } from './read-workbook';

let t: TestCore;
let call: Call;
beforeAll(async () => {
  t = await openTestCore();
  call = await signInAs(t.core, 'command');
});
afterAll(() => t.cleanup());

const data = unwrap;
const workbook = (sheets: Record<string, unknown[][]>, bookType: 'xlsx' | 'ods') => {
  const book = utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) utils.book_append_sheet(book, utils.aoa_to_sheet(rows), name);
  return (write(book, { type: 'buffer', bookType }) as Buffer).toString('base64');
};
const HEADER = ['小区名称', '所属社区', '管理类型', '楼栋数', '户数', '人口', '经度', '纬度', '坐标系'];

describe('formats and sheets', () => {
  it('reads .ods and picks the first sheet with data, or the sheet the user chooses', async () => {
    const base64 = workbook(
      { 填写说明: [], 一月: [HEADER, ['一月小区', '建设路社区', '自管', 1, 10, 30]], 二月: [HEADER, ['二月小区', '建设路社区', '自管', 1, 10, 30]] },
      'ods',
    );
    const up = data<{ uploadId: string }>(await uploadFile(call, 'compounds', 'list.ods', base64));
    const first = data<{ sheet: string; rows: { values: { name: string } }[] }>(await call('excel.preview', { uploadId: up.uploadId }));
    expect(first.sheet).toBe('一月');
    const second = data<{ sheet: string; rows: { values: { name: string } }[] }>(await call('excel.preview', { uploadId: up.uploadId, sheet: '二月' }));
    expect(second.rows[0]!.values.name).toBe('二月小区');
  });

  it('converts GCJ-02 (Amap/Tencent) and BD-09 (Baidu) coordinates to WGS-84', async () => {
    const wgs: [number, number] = [115.6502, 34.4101];
    const gcj = gcoord.transform(wgs, gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const bd = gcoord.transform(wgs, gcoord.WGS84, gcoord.BD09) as [number, number];
    // In this part of China the shift is several hundred metres: large enough to matter on a map.
    expect(Math.abs(gcj[0] - wgs[0]) + Math.abs(gcj[1] - wgs[1])).toBeGreaterThan(0.003);
    const base64 = workbook(
      {
        S: [
          HEADER,
          ['高德点小区', '建设路社区', '自管', 1, 10, 30, gcj[0], gcj[1], '高德'],
          ['百度点小区', '建设路社区', '自管', 1, 10, 30, bd[0], bd[1], 'BD-09'],
          ['未知坐标系', '建设路社区', '自管', 1, 10, 30, 115, 34, '北京54'],
        ],
      },
      'xlsx',
    );
    const up = data<{ uploadId: string }>(await uploadFile(call, 'compounds', 'coords.xlsx', base64));
    const p = data<{ rows: { status: string; values: Record<string, unknown>; errors: { column: string; message: string }[] }[] }>(
      await call('excel.preview', { uploadId: up.uploadId }),
    );
    expect(p.rows[2]!.errors[0]).toMatchObject({ column: '坐标系', message: expect.stringContaining('GCJ-02') });
    data(await call('excel.commit', { uploadId: up.uploadId, excludeErrors: true }));
    for (const name of ['高德点小区', '百度点小区']) {
      const row = data<{ rows: { lng: number; lat: number }[] }>(await call('compounds.list', { q: name })).rows[0]!;
      expect(Math.abs(row.lng - wgs[0])).toBeLessThan(2e-5);
      expect(Math.abs(row.lat - wgs[1])).toBeLessThan(2e-5);
    }
  });
});

describe('limits on untrusted files', () => {
  it('refuses a file over 50 MB and a sheet over 200,000 rows, saying the limit', () => {
    expect(() => readWorkbook(Buffer.alloc(51 * 1024 * 1024, 0x41), 'huge.csv')).toThrow('文件“huge.csv”超过 50 MB 上限，请拆分后分批导入');
    const csv = Buffer.from(['小区名称,所属社区', ...Array.from({ length: MAX_ROWS + 10 }, (_, i) => `小区${i},建设路社区`)].join('\n'));
    expect(() => readWorkbook(csv, 'long.csv')).toThrow('文件“long.csv”的工作表“Sheet1”超过 200,000 行上限，请拆分后分批导入');
  });

  it('a truncated workbook is refused with a message, not a crash', async () => {
    const bytes = Buffer.from(workbook({ S: [HEADER, ['某小区', '建设路社区', '自管', 1, 10, 30]] }, 'xlsx'), 'base64');
    const r = await uploadFile(call, 'compounds', 'cut.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)).toString('base64'));
    expect(r).toMatchObject({ ok: false, error: { message: '文件“cut.xlsx”不是可识别的表格文件（支持 .xlsx、.xls、.et、.csv、.ods）' } });
  });
});
