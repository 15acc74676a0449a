import * as XLSX from 'xlsx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { commitBothWays, previewed } from '../../../test/helpers/bulk-parity';
import { uploadFile } from '../../../test/helpers/excel';
import { ROLE_USER } from '../../../test/helpers/sessions';
import { dataOf, openSignedIn } from '../../../test/helpers/temp-core';
import { PremisesKind } from '../../../shared/domain/enums';

/** 经营场所 through the import engine, as a community's list of shops arrives: a title row, labels for codes, phones as numbers. */
function workbook(rows: unknown[][]): string {
  const ws = XLSX.utils.aoa_to_sheet([['建设路社区经营场所台账（2022年2月）'], ...rows]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '场所');
  return XLSX.write(wb, { type: 'base64', bookType: 'xlsx' });
}

describe('premises through the import engine', () => {
  it('imports a premises list, names the bad rows, re-imports as unchanged, and exports it with phones masked', async () => {
    const { call } = await openSignedIn({ demo: true });
    const community = dataOf<{ rows: { name: string }[] }>(await call('communities.list', { pageSize: 1 })).rows[0]!.name;
    const rows = [
      ['店名', '类型', '社区', '负责人', '电话', '四方责任书', '场所码', '状态'],
      ['老街坊便民超市', '商超', community, '王芳', 13812345678, '2022-02-01', '是', '营业'],
      ['回春堂药店', '药店', community, '李强', '0370-3123456', '', '否', '暂停营业'],
      ['无名小店', '理发', community, '赵六', 13812345679, '', '是', ''],
      ['云上宾馆', '宾馆酒店', '不存在社区', '钱七', 13812345670, '', '是', ''],
    ];
    const { uploadId } = dataOf<{ uploadId: string }>(await uploadFile(call, 'premises', '场所台账.xlsx', workbook(rows)));
    const preview = dataOf<{
      counts: Record<string, number>;
      headerRow: number;
      rows: { rowNumber: number; status: string; errors: { column: string; message: string }[] }[];
    }>(await call('excel.preview', { uploadId }));
    expect(preview.headerRow).toBe(2);
    expect(preview.counts).toMatchObject({ new: 2, error: 2 });
    const errors = preview.rows.filter((r) => r.status === 'error').map((r) => [r.rowNumber, r.errors[0]!.column, r.errors[0]!.message]);
    expect(errors).toEqual([
      [5, '类型', expect.stringContaining('商超 / 农贸市场')],
      [6, '社区', '社区“不存在社区”不存在（请先在“社区”中建立，或核对名称）'],
    ]);
    dataOf(await call('excel.commit', { uploadId, excludeErrors: true }));
    const list = dataOf<{ rows: { name: string; kind: string; status: string; codePosted: boolean; pledgeDate: string | null; phone: string }[] }>(
      await call('premises.list', { q: '回春堂' }),
    ).rows;
    expect(list[0]).toMatchObject({ name: '回春堂药店', kind: 'pharmacy', status: 'paused', codePosted: false, pledgeDate: null });

    const again = dataOf<{ uploadId: string }>(await uploadFile(call, 'premises', '场所台账.xlsx', workbook(rows.slice(0, 3))));
    expect(dataOf<{ counts: Record<string, number> }>(await call('excel.preview', { uploadId: again.uploadId })).counts).toMatchObject({
      new: 0,
      unchanged: 2,
    });

    const file = dataOf<{ base64: string; rowCount: number }>(await call('premises.export', { q: '老街坊' }));
    expect(file.rowCount).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const values = (wb.worksheets[0]!.getRow(2).values as unknown[]).map(String);
    expect(values).toContain('老街坊便民超市');
    expect(values).toContain('商超');
    expect(values).toContain('138****5678');
    expect(values.join()).not.toContain('13812345678');
  });

  it('a list of known and new premises comes out as row by row did, keeping the inspectors’ code check dates', async () => {
    const { core, call } = await openSignedIn({ demo: true }, 'command');
    const known = core.db.prepare('SELECT p.name, c.name AS community FROM premises p JOIN communities c ON c.id = p.community_id ORDER BY p.id').all() as {
      name: string;
      community: string;
    }[];
    expect(known.length).toBeGreaterThan(5);
    core.db.prepare("UPDATE premises SET code_checked_on = '2022-02-01' WHERE id IN (SELECT id FROM premises ORDER BY id LIMIT 5)").run();
    const communities = core.db.prepare('SELECT name FROM communities ORDER BY id').all() as { name: string }[];
    const kinds = Object.values(PremisesKind.labels);
    const rows = [
      ['店名', '类型', '社区', '负责人', '电话', '四方责任书', '场所码', '状态', '经度', '纬度'],
      ...known.map((k, i) => [k.name, kinds[i % kinds.length], k.community, `负责人${i}`, 13812340000 + i, '2022-02-03', '是', '暂停营业', null, null]),
      ...Array.from({ length: 800 }, (_, i) => [
        `新场所${i}`,
        kinds[i % kinds.length],
        communities[i % communities.length]!.name,
        i % 3 ? `店主${i}` : null,
        i % 2 ? 13900000000 + i : null,
        i % 4 ? null : '2022-01-15',
        i % 2 ? '是' : '否',
        i % 5 ? null : '关闭',
        i % 3 ? 115.6 + i / 3e4 : null,
        i % 3 ? 34.4 + i / 7e4 : null,
      ]),
    ];
    const a = await previewed(call, 'premises', rows);
    expect(a.counts).toMatchObject({ new: 800, error: 0 });
    const done = await commitBothWays(core.db, call, ROLE_USER.command, a.uploadId, ['SELECT * FROM premises ORDER BY id']);
    expect(done.result).toMatchObject({ ok: true, data: { created: 800, updated: known.length } });
    expect(done.staged).toEqual(done.rowByRow);
    expect(core.db.prepare("SELECT count(*) AS n FROM premises WHERE code_checked_on = '2022-02-01'").get()).toEqual({ n: 5 });
  }, 60_000);
});
