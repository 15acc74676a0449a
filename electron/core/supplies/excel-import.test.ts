import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { commitBothWays, previewed } from '../../../test/helpers/bulk-parity';
import { uploadFile } from '../../../test/helpers/excel';
import { ROLE_USER } from '../../../test/helpers/sessions';
import { count, dataOf, errorOf, openSignedIn, signInAs, type Call } from '../../../test/helpers/temp-core';

/** A real .xlsx as an office would send it: a title row above the header. */
function workbook(rows: unknown[][], title = '物资入库登记表'): string {
  const ws = XLSX.utils.aoa_to_sheet([[title], ...rows]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '入库');
  return XLSX.write(wb, { type: 'base64', bookType: 'xlsx' });
}

async function importRows(call: Call, table: string, rows: unknown[][], fileName = '入库.xlsx') {
  const { uploadId } = dataOf<{ uploadId: string }>(await uploadFile(call, table, fileName, workbook(rows)));
  const preview = dataOf<{ counts: Record<string, number>; rows: { rowNumber: number; status: string; errors: { column: string; message: string }[] }[] }>(
    await call('excel.preview', { uploadId }),
  );
  return { uploadId, preview };
}

const stock = async (call: Call, name: string) =>
  dataOf<{ rows: { name: string; onHand: number }[] }>(await call('supplyItems.list', { q: name })).rows.find((r) => r.name === name)!.onHand;

describe('supplies through the import engine', () => {
  it('imports purchases and donations into the ledger, one donation per donor and day, and never books the same file twice', async () => {
    const { core, call } = await openSignedIn({}, 'supplies');
    const rows = [
      ['日期', '来源', '捐赠方', '物资名称', '数量', '备注'],
      ['2022-02-03', '采购', '区卫健委', '医用外科口罩', 10000, ''],
      ['2022-02-04', '社会捐赠', '平原街道巾帼企业家协会', '防护服', 100, ''],
      ['2022-02-04', '社会捐赠', '平原街道巾帼企业家协会', '手持体温计', 20, ''],
      ['2022-02-05', '社会捐赠', '金桥社区季庄村居民', '84消毒液', 60, '个人捐赠'],
    ];
    const { uploadId, preview } = await importRows(call, 'stockIn', rows);
    expect(preview.counts).toMatchObject({ new: 4, error: 0 });
    expect(dataOf<{ created: number }>(await call('excel.commit', { uploadId })).created).toBe(4);
    expect(await stock(call, '医用外科口罩')).toBe(10000);
    expect(await stock(call, '防护服')).toBe(100);
    const donations = dataOf<{ rows: { receiptNo: string; donorName: string; receivedOn: string; lines: { itemName: string; qty: number }[] }[] }>(
      await call('donations.list', {}),
    ).rows;
    expect(donations.map((d) => [d.donorName, d.receivedOn, d.lines.length])).toEqual([
      ['金桥社区季庄村居民', '2022-02-05', 1],
      ['平原街道巾帼企业家协会', '2022-02-04', 2],
    ]);
    const ts = core.db.prepare("SELECT ts FROM stock_moves WHERE kind = 'purchase'").get() as { ts: string };
    expect(ts.ts).toBe('2022-02-03T04:00:00.000Z'); // booked on the day the sheet says (noon, Beijing time)

    const again = await importRows(call, 'stockIn', rows);
    expect(again.preview.counts).toMatchObject({ new: 0, unchanged: 4 });
    const movesBefore = count(core.db, 'stock_moves');
    dataOf(await call('excel.commit', { uploadId: again.uploadId }));
    expect(count(core.db, 'stock_moves')).toBe(movesBefore);
  });

  it('names file, sheet, row and column for an unknown item or a donation without a donor; nothing is booked', async () => {
    const { core, call } = await openSignedIn({}, 'supplies');
    const { uploadId, preview } = await importRows(call, 'stockIn', [
      ['入库日期', '来源', '来源单位', '物资名称', '数量'],
      ['2022-02-03', '采购', '区卫健委', '医用外科口罩', 500],
      ['2022-02-03', '采购', '区卫健委', '连花清瘟', 10],
      ['2022-02-04', '社会捐赠', '', '防护服', 10],
    ]);
    expect(preview.counts).toMatchObject({ new: 1, error: 2 });
    expect(preview.rows[1]!.errors).toEqual([{ column: '物资名称', message: '物资目录中没有“连花清瘟”，请先在物资目录中添加' }]);
    expect(preview.rows[2]!.errors).toEqual([{ column: '来源单位', message: '社会捐赠须填写捐赠方' }]);
    expect(errorOf(await call('excel.commit', { uploadId })).message).toBe('有 2 行存在错误，未导入任何数据。请修正后重新导入，或勾选“跳过错误行”。');
    expect(count(core.db, 'stock_moves')).toBe(0);
    const report = dataOf<{ base64: string }>(await call('excel.errorReport', { uploadId }));
    const sheet = XLSX.read(Buffer.from(report.base64, 'base64')).Sheets;
    const text = JSON.stringify(XLSX.utils.sheet_to_json(Object.values(sheet)[0]!, { header: 1 }));
    expect(text).toContain('入库.xlsx › 入库 › 第 4 行 › “物资名称”：物资目录中没有“连花清瘟”');
  });

  it('imports and updates the catalogue by name', async () => {
    const { call } = await openSignedIn({}, 'supplies');
    const { uploadId, preview } = await importRows(call, 'supplyItems', [
      ['物资名称', '类别', '单位', '每包装数量', '包装单位', '可拆包', '预警线'],
      ['医用外科口罩', '防护物资', '只', 50, '盒', '否', 2000],
      ['连花清瘟胶囊', '生活物资', '盒', 1, '', '', ''],
    ]);
    expect(preview.counts).toMatchObject({ update: 1, new: 1 });
    dataOf(await call('excel.commit', { uploadId }));
    const rows = dataOf<{ rows: { name: string; lowStock: number | null; category: string }[] }>(await call('supplyItems.list', { pageSize: 100 })).rows;
    expect(rows.find((r) => r.name === '医用外科口罩')!.lowStock).toBe(2000);
    expect(rows.find((r) => r.name === '连花清瘟胶囊')!.category).toBe('living');
  });

  it('offers each role only the tables it may import, and refuses the others', async () => {
    const { core, call } = await openSignedIn({}, 'supplies');
    const names = dataOf<{ name: string }[]>(await call('excel.tables', {})).map((t) => t.name);
    expect(names).toEqual(['supplyItems', 'stockIn']);
    expect(errorOf(await call('excel.template', { table: 'compounds' }))).toMatchObject({ code: 'FORBIDDEN', message: '当前角色无权导入小区' });
    const community = await signInAs(core, 'community');
    expect(errorOf(await community('excel.upload', { table: 'stockIn', fileName: 'a.xlsx', base64: workbook([['x']]) }))).toMatchObject({
      code: 'FORBIDDEN',
      message: '当前角色无权导入物资入库',
    });
    const commandTables = dataOf<{ name: string }[]>(await (await signInAs(core, 'command'))('excel.tables', {})).map((t) => t.name);
    expect(commandTables).toEqual([
      'compounds',
      'checkpoints',
      'communities',
      'grids',
      'supplyItems',
      'stockIn',
      'people',
      'rosterRows',
      'residents',
      'registrations',
      'testCounts',
      'premises',
    ]);
  });

  it('a catalogue of known and new items comes out as row by row did; an item another user adds meanwhile fails it, keeping nothing', async () => {
    const { core, call } = await openSignedIn({}, 'supplies');
    const known = core.db.prepare('SELECT name, unit FROM supply_items ORDER BY id').all() as { name: string; unit: string }[];
    const head = ['物资名称', '类别', '单位', '每包装数量', '包装单位', '可拆包', '预警线', '备注'];
    const added = (from: number, n: number) =>
      Array.from({ length: n }, (_, j) => {
        const i = from + j;
        return [
          `新物资${i}`,
          ['防护物资', '消杀物资', '生活物资'][i % 3],
          '个',
          i % 4 ? 1 + (i % 50) : null,
          i % 4 ? '盒' : null,
          i % 2 ? '是' : null,
          i % 3 ? i : null,
          i % 5 ? null : `备注${i}`,
        ];
      });
    const a = await previewed(call, 'supplyItems', [
      head,
      ...known.map((k, i) => [k.name, '生活物资', k.unit, 10, '箱', '是', 100 + i, '改']),
      ...added(0, 600),
    ]);
    expect(a.counts).toMatchObject({ new: 600, error: 0 });
    const done = await commitBothWays(core.db, call, ROLE_USER.supplies, a.uploadId, ['SELECT * FROM supply_items ORDER BY id']);
    expect(done.result).toMatchObject({ ok: true, data: { created: 600, updated: known.length } });
    expect(done.staged).toEqual(done.rowByRow);

    const more = [head, ...added(600, 200)];
    const b = await previewed(call, 'supplyItems', more);
    const other = await call('supplyItems.create', {
      name: more.at(-1)![0],
      category: 'living',
      unit: '个',
      packSize: 1,
      packUnit: null,
      allowSplit: false,
      lowStock: null,
      note: null,
    });
    expect(other).toMatchObject({ ok: true });
    const before = core.db.prepare('SELECT * FROM supply_items ORDER BY id').all();
    const failed = await call('excel.commit', { uploadId: b.uploadId });
    expect(failed).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '导入期间，其他用户已保存了文件中的同名的物资；本次导入未写入任何数据。请重新上传预览后再导入。' },
    });
    expect(core.db.prepare('SELECT * FROM supply_items ORDER BY id').all()).toEqual(before);
  }, 60_000);

  it('a ledger of purchases, transfers and donations comes out as row by row booked it (donors, one receipt per donor and day, ledger rows); a deleted item fails it, naming the row', async () => {
    const { core, call } = await openSignedIn({}, 'supplies');
    const items = (core.db.prepare('SELECT name FROM supply_items ORDER BY id').all() as { name: string }[]).map((r) => r.name);
    const warehouse = (core.db.prepare('SELECT id FROM warehouses ORDER BY id LIMIT 1').get() as { id: number }).id;
    // A donor known before, with a receipt already on the file's first day: the file's rows of that day join it.
    const known = dataOf<{ id: number }>(await call('donors.create', { name: '捐赠方2', kind: 'individual', contact: null, phone: null, note: null }));
    const item0 = (core.db.prepare('SELECT id FROM supply_items ORDER BY id LIMIT 1').get() as { id: number }).id;
    dataOf(
      await call('donations.create', { donorId: known.id, warehouseId: warehouse, receivedOn: '2022-02-03', lines: [{ itemId: item0, qty: 7 }], note: null }),
    );
    const sources = ['采购', '上级调拨', '社会捐赠', '社会捐赠'];
    const rows = [
      ['入库日期', '来源', '来源单位', '捐赠方类型', '物资名称', '数量', '备注'],
      ...Array.from({ length: 1_500 }, (_, i) => {
        const source = sources[i % sources.length]!;
        return [
          `2022-02-${String(1 + (i % 12)).padStart(2, '0')}`,
          source,
          source === '社会捐赠' ? `捐赠方${i % 17}` : i % 3 ? '区卫健委' : null,
          source === '社会捐赠' && i % 5 === 0 ? '个人' : null,
          items[i % items.length],
          i + 1,
          i % 6 ? null : `备注${i}`,
        ];
      }),
    ];
    const a = await previewed(call, 'stockIn', rows);
    expect(a.counts).toMatchObject({ new: 1_500, error: 0 });
    const done = await commitBothWays(core.db, call, ROLE_USER.supplies, a.uploadId, [
      'SELECT * FROM donors ORDER BY id',
      'SELECT * FROM donations ORDER BY id',
      'SELECT * FROM stock_moves ORDER BY id',
    ]);
    expect(done.result).toMatchObject({ ok: true, data: { created: 1_500 } });
    expect(done.staged).toEqual(done.rowByRow);
    // One receipt per donor and day; the known donor's first day went onto the receipt it had.
    const pairs = new Set(rows.slice(1).flatMap((r) => (r[1] === '社会捐赠' ? [`${r[2]}|${r[0]}`] : [])));
    expect(pairs.has('捐赠方2|2022-02-03')).toBe(true);
    expect(count(core.db, 'donations')).toBe(pairs.size);

    // An item another user deletes after the preview: the file's row that names it is told, nothing is booked.
    const temp = dataOf<{ id: number }>(
      await call('supplyItems.create', {
        name: '临时物资',
        category: 'living',
        unit: '个',
        packSize: 1,
        packUnit: null,
        allowSplit: false,
        lowStock: null,
        note: null,
      }),
    );
    const b = await previewed(call, 'stockIn', [
      rows[0]!,
      ['2022-03-01', '采购', null, null, items[0], 5, null],
      ['2022-03-01', '社会捐赠', '新捐赠方', null, '临时物资', 5, null],
    ]);
    dataOf(await call('supplyItems.delete', { id: temp.id }));
    const before = core.db.prepare('SELECT * FROM stock_moves ORDER BY id').all();
    expect(await call('excel.commit', { uploadId: b.uploadId })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: `导入.xlsx › 导入 › 第 3 行 › “物资名称”：物资不存在或已被删除（编号 ${temp.id}）。未导入任何数据。` },
    });
    expect(core.db.prepare('SELECT * FROM stock_moves ORDER BY id').all()).toEqual(before);
    expect(count(core.db, 'donors')).toBe(17);
  }, 60_000);
});
