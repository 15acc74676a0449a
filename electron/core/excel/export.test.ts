import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadFile } from '../../../test/helpers/excel';
import { type Call, newUserAs, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';

let t: TestCore;
let call: Call;
beforeAll(async () => {
  t = await openTestCore();
  call = await signInAs(t.core, 'command');
});
afterAll(() => t.cleanup());

const data = unwrap;
async function book(base64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as never);
  return wb;
}

type CompoundRow = Record<string, unknown> & { name: string; communityName: string; gridName: string | null };
const FIELDS = [
  'name',
  'communityName',
  'gridName',
  'managementType',
  'propertyCompany',
  'buildings',
  'households',
  'population',
  'controlLevel',
  'lng',
  'lat',
];
const pick = (r: CompoundRow) => Object.fromEntries(FIELDS.map((f) => [f, r[f]]));

describe('exports', () => {
  it('export what the list shows, with a bold frozen header and formulas neutralised', async () => {
    const community = data<{ rows: { id: number }[] }>(await call('communities.list', { q: '建设路社区' })).rows[0]!;
    data(
      await call('compounds.create', {
        name: '=HYPERLINK("http://evil","点我")',
        communityId: community.id,
        managementType: 'self',
        buildings: 1,
        households: 2,
        population: 3,
      }),
    );
    const out = data<{ base64: string; rowCount: number; fileName: string }>(await call('compounds.export', { communityId: community.id }));
    const expected = data<{ total: number }>(await call('compounds.list', { communityId: community.id })).total;
    expect(out.rowCount).toBe(expected);
    expect(out.fileName).toMatch(/^小区-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const ws = (await book(out.base64)).worksheets[0]!;
    expect(ws.rowCount).toBe(expected + 1);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const names = ws.getColumn(1).values.slice(2).map(String);
    expect(names).toContain(`'=HYPERLINK("http://evil","点我")`);
    expect(names.every((n) => !n.startsWith('='))).toBe(true);
    const logged = t.core.db
      .prepare("SELECT row_count AS n FROM audit_log WHERE kind = 'export' AND method = 'compounds.export' ORDER BY id DESC LIMIT 1")
      .get() as { n: number };
    expect(logged.n).toBe(expected);
  });

  it('a community-scoped user exports only the own community', async () => {
    const scoped = await signInAs(t.core, 'community');
    const out = data<{ base64: string; rowCount: number }>(await scoped('compounds.export', {}));
    const own = data<{ total: number }>(await scoped('compounds.list', {})).total;
    expect(out.rowCount).toBe(own);
    expect(own).toBeLessThan(168);
    const ws = (await book(out.base64)).worksheets[0]!;
    expect(new Set(ws.getColumn(2).values.slice(2).map(String)).size).toBe(1);
  });

  it('the template marks required columns, offers dropdowns and explains every column', async () => {
    const out = data<{ base64: string }>(await call('excel.template', { table: 'compounds' }));
    const wb = await book(out.base64);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('小区名称*');
    expect(ws.getRow(1).getCell(3).value).toBe('所属片区');
    expect(ws.getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: ['"物业,自管,三不管"'] });
    expect(wb.getWorksheet('填写说明')!.rowCount).toBeGreaterThan(10);
  });
});

describe('round trip', () => {
  it('export compounds → import into an office without them → identical rows', async () => {
    const exported = data<{ base64: string }>(await call('compounds.export', {}));
    const source = data<{ rows: CompoundRow[] }>(await call('compounds.list', { pageSize: 500, sort: 'name' })).rows;

    const empty = await openTestCore({ demoOnCreate: false });
    try {
      const admin = await newUserAs(empty.core, 'command');
      for (const c of data<{ rows: { name: string; kind: string }[] }>(await call('communities.list', { pageSize: 500 })).rows) {
        data(await admin('communities.create', { name: c.name, kind: c.kind }));
      }
      for (const g of data<{ rows: { name: string }[] }>(await call('grids.list', { pageSize: 500 })).rows) data(await admin('grids.create', { name: g.name }));
      const up = data<{ uploadId: string }>(await uploadFile(admin, 'compounds', 'export.xlsx', exported.base64));
      const p = data<{ counts: Record<string, number> }>(await admin('excel.preview', { uploadId: up.uploadId }));
      expect(p.counts).toEqual({ new: source.length, update: 0, unchanged: 0, error: 0 });
      data(await admin('excel.commit', { uploadId: up.uploadId }));
      const imported = data<{ rows: CompoundRow[] }>(await admin('compounds.list', { pageSize: 500, sort: 'name' })).rows;
      expect(imported.map(pick)).toEqual(source.map(pick));

      // Importing the same file again changes nothing.
      const again = data<{ uploadId: string }>(await uploadFile(admin, 'compounds', 'export.xlsx', exported.base64));
      expect(data<{ counts: Record<string, number> }>(await admin('excel.preview', { uploadId: again.uploadId })).counts).toMatchObject({
        unchanged: source.length,
      });
    } finally {
      empty.cleanup();
    }
  });
});

describe('column mapping', () => {
  it('a corrected mapping is remembered for the next file with the same headers', async () => {
    const sheet = [
      ['楼院代号', '社区', '管理方式', '楼栋', '户数', '人口'],
      ['测试映射院', '建设路社区', '自管', 1, 10, 30],
    ];
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRows(sheet);
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const first = data<{ uploadId: string }>(await uploadFile(call, 'compounds', 'm.xlsx', base64));
    // "楼院代号" is not a known header: the preview refuses until the user maps it.
    expect(await call('excel.preview', { uploadId: first.uploadId })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('缺少必填列 “小区名称”') },
    });
    const mapping = ['name', 'communityName', 'managementType', 'buildings', 'households', 'population'];
    data(await call('excel.preview', { uploadId: first.uploadId, mapping }));
    data(await call('excel.commit', { uploadId: first.uploadId }));
    const second = data<{ uploadId: string }>(await uploadFile(call, 'compounds', 'm2.xlsx', base64));
    const p = data<{ mapping: (string | null)[]; counts: Record<string, number> }>(await call('excel.preview', { uploadId: second.uploadId }));
    expect(p.mapping).toEqual(mapping);
    expect(p.counts.unchanged).toBe(1);
  });
});

describe('personal data in exports', () => {
  it('masks contacts unless a permitted user asks for the full export, which is logged', async () => {
    const masked = data<{ base64: string }>(await call('communities.export', {}));
    const ws = (await book(masked.base64)).worksheets[0]!;
    const phones = ws.getColumn(4).values.slice(2).map(String);
    expect(phones.every((p) => /^1\d{2}\*{4}\d{4}$/.test(p))).toBe(true);
    expect(
      ws
        .getColumn(3)
        .values.slice(2)
        .map(String)
        .every((n) => n.includes('*')),
    ).toBe(true);

    const full = data<{ base64: string }>(await call('communities.export', { full: true }));
    const fullPhones = (await book(full.base64)).worksheets[0]!.getColumn(4).values.slice(2).map(String);
    expect(fullPhones.every((p) => /^1\d{10}$/.test(p))).toBe(true);
    const logged = t.core.db.prepare("SELECT detail FROM audit_log WHERE method = 'communities.export' ORDER BY id DESC LIMIT 1").get() as { detail: string };
    expect(JSON.parse(logged.detail)).toMatchObject({ full: true });

    const viewer = await signInAs(t.core, 'viewer');
    expect(await viewer('communities.export', { full: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
