import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadFile } from '../../../test/helpers/excel';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';
import { analyze } from './analyze';
import { autoMap, detectHeader } from './header';
import { readWorkbook } from './read-workbook';
import { createScratchRoster, rosterTable } from './scratch-roster';
import { ALL_COMMUNITIES } from '../kernel/entity';

const FIXTURES = path.resolve('test/fixtures/excel');
const b64 = (name: string) => fs.readFileSync(path.join(FIXTURES, name)).toString('base64');

let t: TestCore;
let call: Call;
beforeAll(async () => {
  t = await openTestCore();
  call = await signInAs(t.core, 'command');
});
afterAll(() => t.cleanup());

const data = unwrap;
type Preview = {
  total: number;
  headerRow: number;
  counts: Record<string, number>;
  rows: { rowNumber: number; status: string; values: Record<string, unknown>; errors: { column: string; message: string }[] }[];
};

async function upload(table: string, file: string) {
  return uploadFile(call, table, file, b64(file));
}
async function preview(table: string, file: string) {
  const up = data<{ uploadId: string }>(await upload(table, file));
  return { uploadId: up.uploadId, preview: data<Preview>(await call('excel.preview', { uploadId: up.uploadId })) };
}

describe('messy office spreadsheets', () => {
  it('WPS file with a title row, a merged two-row header, a 序号 column and a 合计 row', async () => {
    const { uploadId, preview: p } = await preview('compounds', 'wps-title-merged.xlsx');
    expect(p.headerRow).toBe(3);
    expect(p.total).toBe(4);
    expect(p.counts).toEqual({ new: 3, update: 0, unchanged: 0, error: 1 });
    const bad = p.rows.find((r) => r.status === 'error')!;
    expect(bad.rowNumber).toBe(6);
    expect(bad.errors).toEqual([{ column: '所属社区', message: '社区“不存在社区”不存在（请先在“社区”中建立，或核对名称）' }]);
    expect(p.rows.find((r) => r.rowNumber === 5)!.values).toMatchObject({ households: 45, controlLevel: 'precaution' });
    expect(p.rows.find((r) => r.rowNumber === 7)!.values.name).toBe('阳光里');

    expect(await call('excel.commit', { uploadId })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('有 1 行存在错误，未导入任何数据') },
    });
    expect(data<{ total: number }>(await call('compounds.list', { q: '和美家园' })).total).toBe(0);

    const report = data<{ base64: string }>(await call('excel.errorReport', { uploadId }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(report.base64, 'base64') as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toContain('错误原因');
    expect(String(ws.getRow(2).getCell(9).value)).toBe(
      'wps-title-merged.xlsx › 小区登记 › 第 6 行 › “所属社区”：社区“不存在社区”不存在（请先在“社区”中建立，或核对名称）',
    );

    // Every row is reachable page by page, and the error rows alone.
    const page2 = data<Preview & { matching: number }>(await call('excel.preview', { uploadId, page: 2, pageSize: 3 }));
    expect(page2.rows.map((r) => r.rowNumber)).toEqual([7]);
    const errorsOnly = data<Preview & { matching: number }>(await call('excel.preview', { uploadId, page: 1, status: 'error' }));
    expect(errorsOnly.matching).toBe(1);
    expect(errorsOnly.rows.map((r) => r.rowNumber)).toEqual([6]);

    expect(data(await call('excel.commit', { uploadId, excludeErrors: true }))).toMatchObject({ created: 3, excluded: 1 });
    expect(data<{ rows: { communityName: string; population: number }[] }>(await call('compounds.list', { q: '和美家园' })).rows[0]).toMatchObject({
      communityName: '建设路社区',
      population: 960,
    });
  });

  it('a WPS .et (BIFF8) file with other header words', async () => {
    const { uploadId, preview: p } = await preview('compounds', 'wps-export.et');
    expect(p.counts).toMatchObject({ new: 2, error: 0 });
    expect(data(await call('excel.commit', { uploadId }))).toMatchObject({ created: 2 });
  });

  it('a GBK CSV and the same file in UTF-8 with BOM read identically', async () => {
    const gbk = (await preview('checkpoints', 'checkpoints-gbk.csv')).preview;
    const utf8 = (await preview('checkpoints', 'checkpoints-utf8-bom.csv')).preview;
    expect(gbk.rows).toEqual(utf8.rows);
    expect(gbk.counts).toMatchObject({ new: 2, error: 1 });
    expect(gbk.rows[0]!.values).toMatchObject({ name: '测试路口卡点', kind: 'road', hours: 'daytime', staffPerShift: 3 });
    expect(gbk.rows[2]!.errors[0]).toEqual({ column: '卡点类型', message: '卡点类型应为 小区门岗 / 道路卡点 / 村口卡点 / 单位门岗 之一' });
  });

  it('duplicates within the file and against the database', async () => {
    const community = data<{ rows: { id: number }[] }>(await call('communities.list', { q: '建设路社区' })).rows[0]!;
    data(
      await call('compounds.create', {
        name: '幸福里小区',
        communityId: community.id,
        managementType: 'managed',
        buildings: 10,
        households: 400,
        population: 1000,
      }),
    );
    const { uploadId, preview: p } = await preview('compounds', 'compounds-duplicates.xlsx');
    expect(p.rows.map((r) => r.status)).toEqual(['update', 'new', 'error']);
    expect(p.rows[2]!.errors[0]!.message).toBe('与第 3 行重复（同一社区中同名的小区），两行内容相同');
    expect(data(await call('excel.commit', { uploadId, onDuplicate: 'skip', excludeErrors: true }))).toMatchObject({ created: 1, updated: 0, skipped: 1 });
    expect(data<{ rows: { population: number }[] }>(await call('compounds.list', { q: '幸福里小区' })).rows[0]!.population).toBe(1000);
  });

  it('empty files, files that are not spreadsheets and password-protected workbooks get a clear message', async () => {
    expect(await upload('compounds', 'empty.xlsx')).toMatchObject({ ok: false, error: { message: '文件“empty.xlsx”中没有数据' } });
    expect(await upload('compounds', 'not-a-spreadsheet.xlsx')).toMatchObject({
      ok: false,
      error: { message: '文件“not-a-spreadsheet.xlsx”不是可识别的表格文件（支持 .xlsx、.xls、.et、.csv、.ods）' },
    });
    expect(await upload('compounds', 'encrypted.xlsx')).toMatchObject({
      ok: false,
      error: { message: '文件“encrypted.xlsx”设置了打开密码，请在 Excel/WPS 中取消密码后再导入' },
    });
  });

  it('an import is one transaction: a failure on its last row writes nothing', async () => {
    const before = (t.core.db.prepare('SELECT count(*) AS n FROM checkpoints').get() as { n: number }).n;
    const { uploadId } = await preview('checkpoints', 'checkpoints-gbk.csv');
    t.core.db.exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON checkpoints WHEN NEW.name = '王庄村北口' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    const r = await call('excel.commit', { uploadId, excludeErrors: true });
    t.core.db.exec('DROP TRIGGER temp.boom');
    expect(r.ok).toBe(false);
    expect((t.core.db.prepare('SELECT count(*) AS n FROM checkpoints').get() as { n: number }).n).toBe(before);
  });
});

describe('resident-roster shape (scratch table)', () => {
  const ctx = () => ({ db: t.core.db, now: new Date(), scope: ALL_COMMUNITIES });
  const run = (file: string) => {
    createScratchRoster(t.core.db);
    const [sheet] = readWorkbook(fs.readFileSync(path.join(FIXTURES, file)), file);
    const header = detectHeader(sheet!, rosterTable, file);
    return analyze(ctx(), rosterTable, sheet!, header, autoMap(header.headers, rosterTable));
  };

  it('ID numbers Excel stored as numbers are reported as damaged, never imported', () => {
    const a = run('roster-ids-as-numbers.xlsx');
    expect(a.rows.map((r) => r.status)).toEqual(['new', 'error', 'error']);
    expect(a.rows[1]!.errors[0]).toMatchObject({ column: '公民身份号码', message: expect.stringContaining('存成了数字') });
    expect(a.rows[2]!.errors[0]!.message).toContain('存成了数字');
    expect(a.rows[0]!.values.phone).toBe('13812345678');
  });

  it('dates in mixed formats become the same day; a date without a year takes this year and says so', () => {
    const a = run('roster-mixed-dates.xlsx');
    expect(a.rows.slice(0, 6).map((r) => r.values.returnDate)).toEqual(Array(6).fill('2022-10-02'));
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect(a.rows[6]!).toMatchObject({ status: 'new', values: { returnDate: `${year}-10-02` } });
    expect(a.notes).toEqual([`“返回日期”没有写年份，已按 ${year} 年计：第 8 行`]);
  });
});

describe('parsing off the main thread', () => {
  it('runs in a worker that can be cancelled, and a cancelled import writes nothing', async () => {
    // A big generated sheet keeps the worker busy long enough to cancel it.
    const { utils, write } = await import('xlsx');
    const rows = [
      ['小区名称', '所属社区', '管理类型', '楼栋数', '户数', '人口'],
      ...Array.from({ length: 60_000 }, (_, i) => [`批量小区${i}`, '建设路社区', '自管', 1, 10, 30]),
    ];
    const book = utils.book_new();
    utils.book_append_sheet(book, utils.aoa_to_sheet(rows), 'S');
    const base64 = (write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
    const before = (t.core.db.prepare('SELECT count(*) AS n FROM compounds').get() as { n: number }).n;

    const started = data<{ jobId: string }>(await call('excel.upload', { table: 'compounds', fileName: 'big.xlsx', base64 }));
    // The core answers other calls while the worker parses.
    expect((await call('dashboard.summary')).ok).toBe(true);
    const state = data<{ state: string; progress: number }>(await call('excel.job', { jobId: started.jobId }));
    expect(['queued', 'parsing', 'rows']).toContain(state.state);
    data(await call('excel.cancel', { jobId: started.jobId }));
    expect(await call('excel.job', { jobId: started.jobId })).toMatchObject({ ok: true, data: { state: 'cancelled', uploadId: null } });
    expect((t.core.db.prepare('SELECT count(*) AS n FROM compounds').get() as { n: number }).n).toBe(before);
  });
});
