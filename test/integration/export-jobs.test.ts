import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/api';
import { makeId } from '../fixtures/excel/make-fixtures-lib';
import { residentKey } from '../../electron/core/residents/residents';
import { auditExport } from '../../electron/core/auth/audit-export';
import { THREAD_ROWS } from '../../electron/core/db/read-job-or';
import { runReadJob } from '../../electron/core/db/read-thread';
import { ALL_COMMUNITIES } from '../../electron/core/kernel/entity';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../helpers/sessions';

/**
 * Every list 导出 is a read job (db/read-thread.ts): on a read-only connection in a thread of
 * its own once its table is big, by the core otherwise, the same function either way. Here
 * each job runs off the core's thread on a small office and writes the very cells the
 * call wrote; one medium-sized log proves other users are answered while the thread works.
 */
let t: TestCore;
let command: Call;
let admin: Call;
type File = { fileName: string; base64: string; rowCount: number };

beforeAll(async () => {
  t = await openTestCore();
  command = await signInAs(t.core, 'command');
  admin = await signInAs(t.core, 'admin');
});
afterAll(() => t.cleanup());

/** Every sheet's cells, as values: the workbook's content, its zip timestamps aside. */
async function cells(base64: string): Promise<unknown[][][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as never);
  return wb.worksheets.map((ws) => {
    const out: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => void out.push((row.values as unknown[]).slice(1)));
    return out;
  });
}

const job = (path: string) => new URL(`../../electron/core/${path}`, import.meta.url).href;

describe('list exports as read jobs', () => {
  it('each job, run in a thread of its own on a small office, writes the cells the call writes', async () => {
    const day = new Date().toISOString().slice(0, 10);
    const round = unwrap<{ id: number }>(await command('tests.create', { name: '第一轮', day }));
    const compound = unwrap<{ rows: { id: number }[] }>(await command('compounds.list', { pageSize: 1 })).rows[0]!;
    const resident = t.core.db.prepare(
      "INSERT INTO residents (compound_id, name, id_number, birth_date, gender, phone, kind, search_key, created_at, updated_at) VALUES (?, ?, ?, '1985-03-15', 'M', ?, 'resident', ?, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')",
    );
    for (let i = 0; i < 3; i++) {
      const id = makeId('411402', '19850315', 100 + i);
      resident.run(compound.id, `导出测试${i}`, id, `1366666100${i}`, residentKey(`导出测试${i}`, null, id));
    }
    const community = unwrap<{ rows: { id: number }[] }>(await command('communities.list', { pageSize: 1 })).rows[0]!.id;
    const kp = { name: '欧阳明月', phone: '13700001111', compoundId: compound.id, category: 'arrival', measure: 'homeObservation', startDate: day };
    unwrap(await command('keyPersons.create', kp));
    const cases: { method: string; input: Record<string, unknown>; module: string; fn: string; label?: string; caller?: Call }[] = [
      { method: 'residents.export', input: {}, module: 'residents/export-job.ts', fn: 'residentsExport' },
      { method: 'keyPersons.export', input: { full: true }, module: 'residents/export-job.ts', fn: 'keyPersonsExport', label: '重点人员' },
      { method: 'gateCounts.export', input: { day }, module: 'residents/export-job.ts', fn: 'gateCountsExport', label: `卡点通行统计${day}` },
      { method: 'tests.export', input: { id: round.id }, module: 'residents/export-job.ts', fn: 'testsExport', label: `核酸检测${day}第一轮` },
      { method: 'stockMoves.export', input: { kind: 'purchase' }, module: 'supplies/export-job.ts', fn: 'stockMovesExport', label: '出入库台账' },
      { method: 'stock.export', input: {}, module: 'supplies/export-job.ts', fn: 'stockExport', label: '库存总览' },
      { method: 'problems.export', input: { status: 'open' }, module: 'inspections/export-job.ts', fn: 'problemsExport', label: '问题清单' },
      { method: 'premises.export', input: { communityId: community }, module: 'inspections/export-job.ts', fn: 'premisesExport' },
      { method: 'people.export', input: { full: true, communityId: community }, module: 'volunteers/export-job.ts', fn: 'peopleExport' },
    ];
    const nowMs = Date.now();
    const made = await runReadJob<{ base64: string; rowCount: number }[]>(t.core.db, new URL('../helpers/read-jobs.ts', import.meta.url), 'runJobs', [
      ...cases.map((c) => ({ module: job(c.module), fn: c.fn, input: { label: c.label, input: c.input, scope: ALL_COMMUNITIES, nowMs } })),
      { module: job('auth/audit-export.ts'), fn: 'auditExport', input: { q: { kind: 'write' }, nowMs } },
    ]);
    expect(made).not.toBeNull();
    const called = [...(await Promise.all(cases.map((c) => command(c.method, c.input)))), await admin('audit.export', { kind: 'write' })].map((e) =>
      unwrap<File>(e),
    );
    for (const [i, file] of called.entries()) {
      expect(made![i]!.rowCount).toBe(file.rowCount);
      expect(await cells(made![i]!.base64)).toEqual(await cells(file.base64));
    }
    // Not one empty list among them: the comparison is over real rows.
    expect(called.map((f) => f.rowCount).filter((n) => n === 0)).toEqual([]);
  });

  it('a log past the threshold is exported on a thread while another desk registers people, and holds the same cells', async () => {
    const insert = t.core.db.prepare(
      "INSERT INTO audit_log (ts, user_id, username, client, method, kind, entity, entity_id, detail, row_count) VALUES (?, 1, 'zhihui', '127.0.0.1', 'residents.update', 'write', 'residents', ?, ?, NULL)",
    );
    t.core.db.transaction(() => {
      for (let i = 0; i < THREAD_ROWS + 200; i++)
        insert.run(
          `2026-01-0${1 + (i % 9)}T08:00:${String(i % 60).padStart(2, '0')}.000Z`,
          i,
          JSON.stringify({ phone: { from: '138****0000', to: '139****0000' } }),
        );
    })();
    const desk = await signInAs(t.core, 'community');
    const cp = unwrap<{ rows: { id: number }[] }>(await desk('checkpoints.list', { pageSize: 1 })).rows[0]!;
    const input = { to: '2026-02-01' };

    let done = false;
    const exported = admin('audit.export', input).finally(() => (done = true));
    const meanwhile: Envelope[] = [];
    let registered = 0;
    while (!done) {
      const [info, reg] = await Promise.all([
        desk('office.get', {}),
        desk('registrations.create', { checkpointId: cp.id, name: `过客${registered}`, temperature: 36.5 }),
      ]);
      if (!done) meanwhile.push(info, reg);
      if (reg.ok) registered++;
      // A desk's pace: a tight loop would only load the test machine's two cores.
      await new Promise((r) => setTimeout(r, 20));
    }
    const file = unwrap<File>(await exported);
    expect(meanwhile.length).toBeGreaterThan(0);
    expect(meanwhile.filter((e) => !e.ok)).toEqual([]);
    expect(t.core.db.prepare("SELECT count(*) AS n FROM registrations WHERE name LIKE '过客%'").get()).toEqual({ n: registered });

    expect(file.rowCount).toBe(THREAD_ROWS + 200);
    const here = await auditExport(t.core.db, { q: input, nowMs: Date.now() });
    expect(await cells(file.base64)).toEqual(await cells(here.base64));
  });
});
