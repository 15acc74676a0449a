import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BriefingData, RollupData } from '../../../shared/api/briefing';
import { FIGURE_KEYS, FIGURES, type Totals } from '../../../shared/domain/briefing-figures';
import { dataOf, errorOf, manualClock, openSignedIn } from '../../../test/helpers/temp-core';
import { REPORT_COLUMNS } from './report';

/**
 * Three street offices export their day's report workbooks; the district imports them and
 * its sum must equal the three offices' own figures added up. Bad, stale and duplicate
 * files are refused, and a refused batch imports nothing.
 */

const DAY = '2026-11-19';
type File = { fileName: string; base64: string };
const offices: { name: string; code: string; registrations: number }[] = [
  { name: '平原街道', code: '411402001000', registrations: 3 },
  { name: '东风街道', code: '411402002000', registrations: 5 },
  { name: '新城街道', code: '411402003000', registrations: 1 },
];
const exported: { file: File; totals: Totals }[] = [];

async function editWorkbook(file: File, edit: (ws: ExcelJS.Worksheet) => void, fileName = file.fileName): Promise<File> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
  edit(wb.worksheets[0]!);
  return { fileName, base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

async function district() {
  const { call } = await openSignedIn({ now: manualClock('2026-11-20T02:00:00Z') });
  dataOf(await call('office.update', { name: '梁园区', divisionCode: '411402' }));
  return call;
}

describe('roll-up of report workbooks', () => {
  beforeAll(async () => {
    for (const o of offices) {
      const now = manualClock('2026-11-19T03:00:00Z');
      const { core, call } = await openSignedIn({ demo: true, now });
      dataOf(await call('office.update', { name: o.name, divisionCode: o.code }));
      const cp = (core.db.prepare("SELECT id FROM checkpoints WHERE status = 'active' ORDER BY id LIMIT 1").get() as { id: number }).id;
      for (let i = 0; i < o.registrations; i++)
        dataOf(
          await call('registrations.create', {
            checkpointId: cp,
            subject: i % 2 ? 'vehicle' : 'person',
            plate: i % 2 ? `豫N1234${i}` : null,
            name: i % 2 ? null : '赵六',
            direction: 'in',
          }),
        );
      now.set('2026-11-19T03:20:00Z');
      const b = dataOf<BriefingData>(await call('briefings.generate', { day: DAY }));
      exported.push({ file: dataOf<File>(await call('briefings.workbook', { id: b.id })), totals: b.figures.totals });
    }
  }, 120_000);

  it('the district sum equals the three offices added up, with a row per unit', async () => {
    const call = await district();
    const r = dataOf<RollupData>(await call('rollup.import', { day: DAY, files: exported.map((e) => e.file) }));
    expect(r.units.map((u) => [u.unitName, u.divisionCode])).toEqual(offices.map((o) => [o.name, o.code]));
    for (const k of FIGURE_KEYS) expect(r.sum[k], k).toBe(exported.reduce((a, e) => a + e.totals[k], 0));
    expect(r.sum.regPeople + r.sum.regVehicles).toBeGreaterThanOrEqual(9);
    r.units.forEach((u, i) => expect(u.totals).toEqual(exported[i]!.totals));

    // The district passes its sum up as its own one-row report, in the same columns.
    const up = dataOf<File>(await call('rollup.workbook', { day: DAY }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(up.base64, 'base64') as never);
    const ws = wb.worksheets[0]!;
    expect(wb.worksheets).toHaveLength(1);
    expect(ws.getRow(1).values).toEqual([undefined, ...REPORT_COLUMNS.map((c) => c.label)]);
    expect(ws.getRow(2).getCell(1).value).toBe('梁园区');
    expect(ws.getRow(2).getCell(REPORT_COLUMNS.findIndex((c) => c.key === 'population') + 1).value).toBe(r.sum.population);
  });

  it('refuses a file already imported, two files of one unit, and a file of another day — and then imports none', async () => {
    const call = await district();
    dataOf(await call('rollup.import', { day: DAY, files: [exported[0]!.file] }));
    const again = errorOf(await call('rollup.import', { day: DAY, files: [exported[1]!.file, exported[0]!.file] }));
    expect(again.message).toContain('平原街道 11月19日 的数据已经导入过');
    expect(dataOf<RollupData>(await call('rollup.get', { day: DAY })).units.map((u) => u.unitName)).toEqual(['平原街道']);

    const copy = { ...exported[1]!.file, fileName: '东风街道-副本.xlsx' };
    expect(errorOf(await call('rollup.import', { day: DAY, files: [exported[1]!.file, copy] })).message).toContain('是同一单位（东风街道）');

    const dayCol = REPORT_COLUMNS.findIndex((c) => c.key === 'day') + 1;
    const stale = await editWorkbook(exported[2]!.file, (ws) => void (ws.getRow(2).getCell(dayCol).value = '2026-11-18'), '新城街道-旧.xlsx');
    const msg = errorOf(await call('rollup.import', { day: DAY, files: [exported[1]!.file, stale] })).message;
    expect(msg).toContain('新城街道-旧.xlsx › 简报数字 › 第 2 行 › “日期”：是 11月18日 的数据，不是要汇总的 11月19日');
    expect(dataOf<RollupData>(await call('rollup.get', { day: DAY })).units).toHaveLength(1);

    // Once removed, the unit's corrected file goes in.
    dataOf(await call('rollup.remove', { day: DAY, unitName: '平原街道' }));
    expect(dataOf<RollupData>(await call('rollup.import', { day: DAY, files: [exported[0]!.file] })).units).toHaveLength(1);
  });

  it('names the file, sheet, row and column of a bad figure; a title row above the header is fine', async () => {
    const call = await district();
    const col = REPORT_COLUMNS.findIndex((c) => c.key === 'regAbnormal') + 1;
    const bad = await editWorkbook(exported[1]!.file, (ws) => void (ws.getRow(2).getCell(col).value = '三'), '东风.xlsx');
    expect(errorOf(await call('rollup.import', { day: DAY, files: [bad] })).message).toContain('东风.xlsx › 简报数字 › 第 2 行 › “体温异常”');
    const titled = await editWorkbook(exported[2]!.file, (ws) => {
      ws.spliceRows(1, 0, ['新城街道疫情防控数据日报']);
    });
    const r = dataOf<RollupData>(await call('rollup.import', { day: DAY, files: [titled] }));
    expect(r.units[0]!.totals).toEqual(exported[2]!.totals);
    expect(
      errorOf(await call('rollup.import', { day: DAY, files: [{ fileName: '空.xlsx', base64: Buffer.from('not a workbook').toString('base64') }] })).message,
    ).toContain('空.xlsx');
  });

  it('docs/report-workbook.md documents every column in order', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../../docs/report-workbook.md'), 'utf8');
    const documented = [...doc.matchAll(/^\| (\d+) \| ([^|]+?) \|/gm)].map((m) => m[2]);
    expect(documented).toEqual(REPORT_COLUMNS.map((c) => c.label));
    for (const k of FIGURE_KEYS) expect(doc).toContain(FIGURES[k].means);
  });
});
