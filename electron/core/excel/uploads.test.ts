import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utils, write } from 'xlsx';
import { type Call, openTestCore, signInAs, type TestCore } from '../../../test/helpers/sessions';
import type { Sheet } from './read-workbook';
import { getUpload, MEMORY_BUDGET, putUpload, uploadBytes } from './uploads';

/** A sheet that costs `mb` megabytes by the estimate (one long string, referenced from many cells). */
function sheetOf(mb: number): Sheet[] {
  const text = 'x'.repeat(1024 * 1024);
  const cells = Math.round(mb / 2 / 2.5);
  return [{ name: '名单', rows: [Array(cells).fill(text)], merges: [] }];
}

describe('parsed uploads kept between preview and commit', () => {
  it('stay within the memory budget: the oldest is dropped, and its owner is told why', () => {
    const first = putUpload({ table: 'residents', fileName: '一.xlsx', sheets: sheetOf(250), userId: 1 });
    const second = putUpload({ table: 'residents', fileName: '二.xlsx', sheets: sheetOf(250), userId: 2 });
    const third = putUpload({ table: 'residents', fileName: '三.xlsx', sheets: sheetOf(250), userId: 3 });
    expect(() => getUpload(first.id, 1)).toThrow(
      `同时待导入的文件过多，已超过导入暂存 ${MEMORY_BUDGET / 1024 / 1024} MB 的内存上限，较早上传的这个文件已被清除。请重新选择文件`,
    );
    expect(getUpload(second.id, 2).fileName).toBe('二.xlsx');
    expect(getUpload(third.id, 3).fileName).toBe('三.xlsx');
    expect(uploadBytes()).toBeLessThanOrEqual(MEMORY_BUDGET);
  });

  it('one upload larger than the whole budget is refused, naming the limit', () => {
    expect(() => putUpload({ table: 'residents', fileName: '大.xlsx', sheets: sheetOf(700), userId: 1 })).toThrow(
      /超过导入暂存 600 MB 的上限，请拆分后分批导入/,
    );
  });
});

describe('an upload leaves memory when it is done with', () => {
  let t: TestCore;
  let call: Call;
  beforeAll(async () => {
    t = await openTestCore();
    call = await signInAs(t.core, 'command');
  });
  afterAll(() => t.cleanup());

  it('取消 after parsing drops the parsed rows at once', async () => {
    const book = utils.book_new();
    utils.book_append_sheet(
      book,
      utils.aoa_to_sheet([
        ['小区名称', '所属社区', '管理类型', '楼栋数', '户数', '人口'],
        ['一号院', '建设路社区', '自管', 1, 10, 30],
      ]),
      '小区',
    );
    const base64 = (write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
    const started = await call('excel.upload', { table: 'compounds', fileName: '小区.xlsx', base64 });
    const { jobId } = (started as { ok: true; data: { jobId: string } }).data;
    let uploadId: string | null = null;
    await expect
      .poll(async () => (uploadId = ((await call('excel.job', { jobId })) as { ok: true; data: { uploadId: string | null } }).data.uploadId))
      .not.toBeNull();
    expect(await call('excel.preview', { uploadId })).toMatchObject({ ok: true });
    expect(await call('excel.cancel', { jobId })).toMatchObject({ ok: true });
    expect(await call('excel.preview', { uploadId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '上传的文件已过期，请重新选择文件' } });
  });
});
