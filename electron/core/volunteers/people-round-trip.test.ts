import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeId } from '../../../test/fixtures/excel/make-fixtures-lib';
import { uploadFile } from '../../../test/helpers/excel';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';

/**
 * The 人员名单 export as people use it: exported with the default (masked phones and ID
 * numbers), edited in Excel, imported back. Its 人员编号 column ties each row to its person,
 * so masked cells that match what is stored read as unchanged, and a dropped phone column
 * cannot turn rows into new people.
 */
let t: TestCore;
let call: Call;
type Counts = Record<'new' | 'update' | 'unchanged' | 'error', number>;
type Preview = { counts: Counts; rows: { rowNumber: number; status: string; errors: { column: string; message: string }[] }[] };
type Person = { id: number; name: string; phone: string | null; idNumber: string | null; health: string };

const ID = makeId('411402', '19790521', 66);

beforeAll(async () => {
  t = await openTestCore();
  call = await signInAs(t.core, 'command');
  // Namesakes told apart only by phone, one with an ID number, one with neither.
  unwrap(await call('people.create', { name: '欧阳建华', phone: '13800001234', kind: 'volunteer' }));
  unwrap(await call('people.create', { name: '欧阳建华', phone: '13900001234', kind: 'volunteer', idNumber: ID }));
  unwrap(await call('people.create', { name: '司徒静', kind: 'cadre' }));
});
afterAll(() => t.cleanup());

const peopleCount = () => (t.core.db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;
const sheetOf = (base64: string) => {
  const wb = XLSX.read(Buffer.from(base64, 'base64'), { type: 'buffer' });
  return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, defval: '' });
};
const toBase64 = (rows: unknown[][]) => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '人员名单');
  return XLSX.write(wb, { type: 'base64', bookType: 'xlsx' }) as string;
};
async function preview(base64: string) {
  const up = unwrap<{ uploadId: string }>(await uploadFile(call, 'people', '人员名单.xlsx', base64));
  return { uploadId: up.uploadId, ...unwrap<Preview>(await call('excel.preview', { uploadId: up.uploadId, pageSize: 500, status: 'error' })) };
}
const errorsOf = (p: Preview) => p.rows.flatMap((r) => r.errors.map((e) => `${r.rowNumber} ${e.column}: ${e.message}`));

describe('people export → import', () => {
  it('a default (masked) export imports back as 无变化 for every row, and commits nothing', async () => {
    const out = unwrap<{ base64: string; rowCount: number }>(await call('people.export', {}));
    const rows = sheetOf(out.base64);
    expect(rows[0]!.slice(0, 3)).toEqual(['人员编号', '姓名', '类别']);
    const phoneAt = rows[0]!.indexOf('手机号');
    expect(rows.slice(1).find((r) => r[1] === '欧阳建华')![phoneAt]).toMatch(/^1[38]\d\*{4}1234$/);
    const p = await preview(out.base64);
    expect(errorsOf(p)).toEqual([]);
    expect(p.counts).toEqual({ new: 0, update: 0, unchanged: out.rowCount, error: 0 });
    const before = peopleCount();
    expect(unwrap<{ created: number; updated: number }>(await call('excel.commit', { uploadId: p.uploadId }))).toMatchObject({ created: 0, updated: 0 });
    expect(peopleCount()).toBe(before);
  });

  it('without its phone and ID columns it still imports as 无变化: namesakes do not become duplicates or new people', async () => {
    const rows = sheetOf(unwrap<{ base64: string }>(await call('people.export', {})).base64);
    const drop = new Set([rows[0]!.indexOf('手机号'), rows[0]!.indexOf('身份证号')]);
    const p = await preview(toBase64(rows.map((r) => r.filter((_, i) => !drop.has(i)))));
    expect(errorsOf(p)).toEqual([]);
    expect(p.counts).toMatchObject({ new: 0, update: 0, error: 0 });
  });

  it('an edited row updates that person and keeps the stored phone and ID; a changed mask, an unknown 人员编号 and a new person are told apart', async () => {
    const rows = sheetOf(unwrap<{ base64: string }>(await call('people.export', {})).base64);
    const [head, ...body] = rows;
    const col = (label: string) => head!.indexOf(label);
    const hers = body.filter((r) => r[col('姓名')] === '欧阳建华');
    const withId = hers.find((r) => String(r[col('身份证号')]).includes('*'))!;
    withId[col('健康状况')] = '居家观察';
    const other = hers.find((r) => r !== withId)!;
    other[col('手机号')] = '137****1234'; // not the mask of the stored phone: someone typed over it
    const gone = [...body[0]!];
    gone[col('人员编号')] = 999_999;
    gone[col('手机号')] = '';
    gone[col('身份证号')] = '';
    const fresh = head!.map((h) => ({ 姓名: '慕容秋', 类别: '志愿者', 手机号: '13700005678' })[h as string] ?? '');
    const p = await preview(toBase64([head!, ...body, gone, fresh]));
    expect(errorsOf(p)).toEqual([
      `${body.indexOf(other) + 2} 手机号: 手机号是脱敏后的内容，不能导入：请使用勾选“导出完整信息”导出的文件，或填写完整信息`,
      `${body.length + 2} 人员编号: 没有这个人员编号（可能已被删除）；作为新人员导入请清空此格`,
    ]);
    expect(p.counts).toEqual({ new: 1, update: 1, unchanged: body.length - 2, error: 2 });
    unwrap(await call('excel.commit', { uploadId: p.uploadId, onDuplicate: 'update', excludeErrors: true }));
    const after = unwrap<{ rows: Person[] }>(await call('people.list', { q: '欧阳建华', reveal: { reason: '流调' } })).rows;
    expect(after.find((r) => r.idNumber === ID)).toMatchObject({ phone: '13900001234', health: 'observe' });
    expect(after.find((r) => r.idNumber === null)).toMatchObject({ phone: '13800001234' });
    expect(unwrap<{ total: number }>(await call('people.list', { q: '慕容秋' })).total).toBe(1);
  });
});
