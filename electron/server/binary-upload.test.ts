import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utils, write } from 'xlsx';
import type { Envelope } from '../../shared/api';
import { type HttpOffice, openHttpOffice } from '../../test/helpers/http-office';

let o: HttpOffice;
let cookie: string;
beforeAll(async () => {
  o = await openHttpOffice();
  cookie = await o.login('zhihui');
});
afterAll(() => o.close());

/** POST the bytes themselves, as the import page does in a browser. */
function postBytes(pathname: string, bytes: Buffer, type = 'application/octet-stream'): Promise<{ status: number; body: Envelope }> {
  return new Promise((resolve, reject) => {
    const headers = { Host: `127.0.0.1:${o.port}`, Origin: o.base, 'Content-Type': type, 'Content-Length': bytes.length, Cookie: cookie };
    const req = http.request({ host: '127.0.0.1', port: o.port, path: pathname, method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Envelope }));
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

describe('uploading a file as bytes', () => {
  it('excel.upload takes the file itself as the body, its name and table in the query, and the rows arrive', async () => {
    const book = utils.book_new();
    utils.book_append_sheet(
      book,
      utils.aoa_to_sheet([
        ['小区名称', '所属社区', '管理类型', '楼栋数', '户数', '人口'],
        ['字节小区', '建设路社区', '自管', 1, 10, 30],
      ]),
      '小区',
    );
    const file = write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const up = await postBytes(`/api/excel.upload?table=compounds&fileName=${encodeURIComponent('小区.xlsx')}`, file);
    expect(up).toMatchObject({ status: 200, body: { ok: true } });
    const { jobId } = (up.body as { ok: true; data: { jobId: string } }).data;
    let uploadId: string | null = null;
    await expect
      .poll(async () => (uploadId = ((await o.post('excel.job', { jobId }, { cookie })).body as { ok: true; data: { uploadId: string | null } }).data.uploadId))
      .not.toBeNull();
    const preview = await o.post('excel.preview', { uploadId }, { cookie });
    expect(preview.body).toMatchObject({ ok: true, data: { total: 1, rows: [{ values: { name: '字节小区' } }] } });
  });

  it('a method without a file field still takes JSON only', async () => {
    const r = await postBytes('/api/office.get', Buffer.from('{}'));
    expect(r).toMatchObject({ status: 415, body: { ok: false, error: { message: '请求格式必须是 JSON' } } });
  });

  it('bytes without a table are refused with the contract’s message', async () => {
    const r = await postBytes(`/api/excel.upload?fileName=a.xlsx`, Buffer.from('PK'));
    expect(r).toMatchObject({ status: 400, body: { ok: false, error: { code: 'VALIDATION' } } });
  });
});
