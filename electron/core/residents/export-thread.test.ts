import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/api';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';
import { ALL_COMMUNITIES } from '../kernel/entity';
import { exportRowsOf } from '../excel/export-rows';
import { residentsTable } from './excel-table';
import { residentsDef } from './residents';

let t: TestCore;
let exporter: Call;
let community: Call;
let other: Call;
beforeAll(async () => {
  // The demo office with its 140,000 residents.
  t = await openTestCore({ demoResidents: true });
  exporter = await signInAs(t.core, 'command');
  community = await signInAs(t.core, 'community');
  other = await signInAs(t.core, 'supplies');
}, 180_000);
afterAll(() => t.cleanup());

/** Every cell of the first sheet, as values (the zip's timestamps aside, this is the file's content). */
async function cells(base64: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as never);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => void out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('居民 导出 of a large office', () => {
  it('other users are answered while a community’s workbook of every resident it may see is made, and it holds them all', async () => {
    // A 社区 desk's whole list (tens of thousands of rows) is as much a thread's work as the office's 140,000, at a fraction of the test's time.
    const { total } = unwrap<{ total: number }>(await community('residents.list', { pageSize: 1 }));
    let done = false;
    const exported = community('residents.export', {}).finally(() => (done = true));
    const answeredMeanwhile: { envelope: Envelope; ms: number }[] = [];
    while (!done) {
      const started = performance.now();
      const read = await other('office.get', {});
      if (!done) answeredMeanwhile.push({ envelope: read, ms: performance.now() - started });
      // A desk's pace, not a flood: a tight loop would only load the test machine's two cores.
      await new Promise((r) => setTimeout(r, 20));
    }
    const made = unwrap<{ base64: string; rowCount: number }>(await exported);
    console.log(
      `[export-thread] ${answeredMeanwhile.length} calls answered during the export of ${total} rows, slowest ${answeredMeanwhile.reduce((m, c) => Math.max(m, c.ms), 0).toFixed(0)} ms`,
    );
    expect(answeredMeanwhile.length).toBeGreaterThan(0);
    expect(answeredMeanwhile.every((c) => c.envelope.ok)).toBe(true);
    expect(total).toBeGreaterThan(10_000);
    expect(made.rowCount).toBe(total);
    // The core still writes the export's audit row.
    const audit = t.core.db.prepare(`SELECT row_count AS n FROM audit_log WHERE method = 'residents.export' AND kind = 'export'`).all();
    expect(audit).toEqual([{ n: made.rowCount }]);
  }, 300_000);

  it('the thread writes, cell for cell, the workbook the core thread writes for the same filter', async () => {
    // One compound's residents: the table is still big enough for a thread, the workbooks small enough to read twice.
    const compoundId = t.core.db.prepare('SELECT compound_id FROM residents GROUP BY compound_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as number;
    const made = unwrap<{ base64: string; rowCount: number }>(await exporter('residents.export', { compoundId, full: true }));
    expect(made.rowCount).toBeGreaterThan(100);
    const here = await exportRowsOf(residentsDef, residentsTable, t.core.db, { input: { compoundId, full: true }, scope: ALL_COMMUNITIES, nowMs: Date.now() });
    expect(here.rowCount).toBe(made.rowCount);
    expect(await cells(made.base64)).toEqual(await cells(here.base64));
  }, 300_000);
});
