import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadFile } from '../../../test/helpers/excel';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';

/** The files of test/fixtures/excel/make-fixtures-typed.ts, as offices type them (issue #19). */
const FIXTURES = path.resolve('test/fixtures/excel');
const b64 = (name: string) => fs.readFileSync(path.join(FIXTURES, name)).toString('base64');
const data = unwrap;

type Row = { rowNumber: number; status: string; values: Record<string, unknown>; errors: { column: string; message: string }[] };
type Preview = { sheet: string; total: number; notes: string[]; counts: Record<string, number>; rows: Row[] };

let t: TestCore;
let call: Call;
const commits = () => (t.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE method = 'excel.commit'").get() as { n: number }).n;
const backupFiles = () =>
  fs.existsSync(t.root)
    ? fs
        .readdirSync(t.root, { recursive: true })
        .map(String)
        .filter((f) => f.includes('preimport')).length
    : 0;

beforeAll(async () => {
  t = await openTestCore();
  call = await signInAs(t.core, 'command');
  const community = data<{ rows: { id: number }[] }>(await call('communities.list', { q: '建设路社区' })).rows[0]!;
  data(await call('compounds.create', { name: '十九号院', communityId: community.id, managementType: 'self', buildings: 1, households: 10, population: 30 }));
});
afterAll(() => t.cleanup());

async function preview(table: string, file: string) {
  const up = data<{ uploadId: string }>(await uploadFile(call, table, file, b64(file)));
  return { uploadId: up.uploadId, p: data<Preview>(await call('excel.preview', { uploadId: up.uploadId, pageSize: 100 })) };
}

describe('dates as people type them', () => {
  it('reads one date spelled eight ways; a date without a year takes this year and the preview says so; 2022年13月45日 stays an error', async () => {
    const { p } = await preview('residents', 'residents-dates.xlsx');
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect(p.rows.map((r) => r.values.returnDate)).toEqual([
      '2022-01-05',
      '2022-01-05',
      '2022-01-05',
      '2022-01-05',
      `${year}-01-05`,
      '2022-01-05',
      '2022-01-05',
      '2022-01-05',
      '2022年13月45日',
    ]);
    expect(p.counts).toEqual({ new: 8, update: 0, unchanged: 0, error: 1 });
    expect(p.rows[8]!.errors).toEqual([{ column: '返回日期', message: '日期不存在（请核对年月日）' }]);
    expect(p.notes).toContain(`“返回日期”没有写年份，已按 ${year} 年计：第 6 行`);
  });
});

describe('which sheet holds the table', () => {
  it('skips a 填写说明 sheet before the residents and says which sheet it took', async () => {
    const { uploadId, p } = await preview('residents', 'residents-instructions-first.xlsx');
    expect(p.sheet).toBe('居民名单');
    expect(p.counts).toEqual({ new: 3, update: 0, unchanged: 0, error: 0 });
    expect(p.notes[0]).toBe('已自动选择工作表“居民名单”：它的表头与居民名单的列最相符（可在“工作表”中改选）');
    const files = backupFiles();
    expect(data(await call('excel.commit', { uploadId }))).toMatchObject({ created: 3, unchanged: 0, backedUp: true });
    expect(backupFiles()).toBe(files + 1);
  });

  it('skips 目录 and 说明 sheets before a compounds table with a title row', async () => {
    const { p } = await preview('compounds', 'compounds-contents-first.xlsx');
    expect(p.sheet).toBe('小区');
    expect(p.rows[0]!.values).toMatchObject({ name: '目录测试小区', population: 120 });
    expect(p.notes[0]).toContain('已自动选择工作表“小区”');
  });

  it('a workbook with no sheet that looks like the table names every sheet it looked at', async () => {
    const up = data<{ uploadId: string }>(await uploadFile(call, 'supplyItems', 'c.xlsx', b64('compounds-contents-first.xlsx')));
    expect(await call('excel.preview', { uploadId: up.uploadId })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^文件“c\.xlsx”的 3 个工作表中都找不到表头：请确认表中有 “物资名称”/) },
    });
  });
});

describe('files that are empty or old', () => {
  it('a zero-byte file is called empty', async () => {
    expect(await uploadFile(call, 'residents', 'empty-0-bytes.xlsx', b64('empty-0-bytes.xlsx'))).toMatchObject({
      ok: false,
      error: { message: '文件“empty-0-bytes.xlsx”是空的（0 字节），里面没有任何内容；请确认选对了文件，或在 Excel/WPS 中重新保存后再导入' },
    });
  });

  it.each([2, 3, 4])('reads an Excel %s.x .xls worksheet, Chinese text in GBK', async (v) => {
    const { p } = await preview('residents', `residents-excel${v}.xls`);
    expect(p.counts).toEqual({ new: 2, update: 0, unchanged: 0, error: 0 });
    expect(p.rows[0]!.values).toMatchObject({ name: `居民${10 * v + 1}`, compound: '十九号院', returnDate: '2022-10-02' });
  });

  it('names an Excel 4.0 workbook instead of the generic refusal', async () => {
    expect(await uploadFile(call, 'residents', 'excel4-workbook.xls', b64('excel4-workbook.xls'))).toMatchObject({
      ok: false,
      error: { message: '文件“excel4-workbook.xls”是 Excel 4.0 工作簿（多工作表的旧格式），无法直接读取；请在 Excel/WPS 中打开后另存为 .xlsx 再导入' },
    });
  });
});

describe('ID numbers', () => {
  it('a duplicate within the file is reported against 身份证号 with the two phones', async () => {
    const { p } = await preview('residents', 'residents-duplicate-id.xlsx');
    expect(p.rows.map((r) => r.status)).toEqual(['new', 'new', 'error']);
    expect(p.rows[2]!.errors).toEqual([
      { column: '身份证号', message: '与第 2 行重复（身份证号相同的居民），两行的“手机号”不同（13900001031 / 13700001111）' },
    ]);
  });

  it('a first-generation 15-digit ID, as text or as a number, is converted to 18 digits with a note', async () => {
    const { uploadId, p } = await preview('residents', 'residents-15-digit-id.xlsx');
    expect(p.counts).toMatchObject({ new: 3, error: 0 });
    expect(p.rows[1]!.values.idNumber).toBe('411402198001051239');
    expect(p.rows[2]!.values.idNumber).toBe('411402198001061242');
    expect(p.notes).toContain('“身份证号”是 15 位一代身份证号，已按国家标准转换为 18 位：第 3、4 行');
    data(await call('excel.commit', { uploadId }));
    expect(t.core.db.prepare('SELECT birth_date AS birth, gender FROM residents WHERE id_number = ?').get('411402198001051239')).toEqual({
      birth: '1980-01-05',
      gender: 'M',
    });
  });
});

describe('commit outcomes', () => {
  it('skipping error rows when every row is an error says there is nothing to import, and makes no backup', async () => {
    const { uploadId, p } = await preview('residents', 'residents-all-errors.xlsx');
    expect(p.counts).toEqual({ new: 0, update: 0, unchanged: 0, error: 2 });
    const before = { commits: commits(), files: backupFiles() };
    expect(await call('excel.commit', { uploadId, excludeErrors: true })).toMatchObject({
      ok: false,
      error: { message: '没有可导入的行：全部 2 行都有错误，未写入任何数据。请下载错误行，修正后重新导入。' },
    });
    expect({ commits: commits(), files: backupFiles() }).toEqual(before);
  });

  it('a sheet with a header and no rows has nothing to import', async () => {
    const { utils, write } = await import('xlsx');
    const book = utils.book_new();
    utils.book_append_sheet(book, utils.aoa_to_sheet([['姓名', '身份证号', '小区']]), '居民');
    const up = data<{ uploadId: string }>(
      await uploadFile(call, 'residents', 'head.xlsx', (write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64')),
    );
    expect(data<Preview>(await call('excel.preview', { uploadId: up.uploadId })).total).toBe(0);
    expect(await call('excel.commit', { uploadId: up.uploadId })).toMatchObject({
      ok: false,
      error: { message: '没有可导入的行：工作表“居民”的表头下面没有数据。' },
    });
  });

  it('rows already there as they are come back as 无变化, not 跳过, and nothing is backed up', async () => {
    const { uploadId, p } = await preview('residents', 'residents-instructions-first.xlsx');
    expect(p.counts).toEqual({ new: 0, update: 0, unchanged: 3, error: 0 });
    const files = backupFiles();
    expect(data(await call('excel.commit', { uploadId }))).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      skipped: 0,
      excluded: 0,
      rowCount: 0,
      backedUp: false,
    });
    expect(backupFiles()).toBe(files);
  });
});
