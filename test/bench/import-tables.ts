import type Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { stageRows, writeRows } from '../../electron/core/excel/commit-rows';
import { getUpload } from '../../electron/core/excel/uploads';
import { ALL_COMMUNITIES } from '../../electron/core/kernel/entity';
import { TABLES } from '../../electron/core/registry/tables';
import { makeId } from '../fixtures/excel/make-fixtures-lib';
import { uploadFile } from '../helpers/excel';
import { type Call, signIn } from '../helpers/sessions';
import { median, ms } from './timing';
import { openDemoOffice } from './office';

/**
 * How long other users' writes wait for an import of the other tables: the time its one
 * transaction is held, row by row (every row's save, rolled back) and staged (the rows
 * prepared outside the transaction, then written set-wise), on the same previewed file.
 */

const registrations = (checkpoints: string[], n: number) => [
  ['日期', '时间', '卡点', '姓名', '手机号', '进出', '体温'],
  ...Array.from({ length: n }, (_, i) => [
    `2022-02-${String(1 + (i % 28)).padStart(2, '0')}`,
    `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
    checkpoints[i % checkpoints.length],
    `来访${i}`,
    `139${String(i).padStart(8, '0')}`,
    i % 3 ? '进' : '出',
    36 + (i % 15) / 10,
  ]),
];

const people = (compounds: string[], n: number) => [
  ['姓名', '类别', '手机号', '身份证号', '居住小区', '可值守日'],
  ...Array.from({ length: n }, (_, i) => [
    `志愿者${i}`,
    '志愿者',
    `137${String(i).padStart(8, '0')}`,
    makeId('410102', `19${60 + (i % 40)}0${1 + (i % 9)}1${i % 10}`, Math.floor(i / 10) % 1000),
    compounds[i % compounds.length],
    '每天',
  ]),
];

async function measure(db: Database.Database, call: Call, table: string, rows: unknown[][]) {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '导入');
  const up = await uploadFile(call, table, '导入.xlsx', XLSX.write(wb, { type: 'base64', bookType: 'xlsx' }));
  if (!up.ok) throw new Error(up.error.message);
  const previewed = await call('excel.preview', { uploadId: up.data.uploadId, pageSize: 10 });
  if (!previewed.ok) throw new Error(previewed.error.message);
  const userId = (db.prepare("SELECT id FROM users WHERE username = 'zhihui'").get() as { id: number }).id;
  const upload = getUpload(up.data.uploadId, userId);
  const rowsOf = upload.analysis!.rows;
  const origin = { file: upload.fileName, sheet: upload.analysis!.sheetName };
  const ectx = { db, now: new Date(), scope: ALL_COMMUNITIES, username: 'zhihui' };
  const schema = TABLES[table]!;
  const held = async (run: () => Promise<unknown>) => {
    db.exec('BEGIN IMMEDIATE');
    const t0 = process.hrtime.bigint();
    try {
      await run();
      return ms(t0);
    } finally {
      db.exec('ROLLBACK');
    }
  };
  // Medians of three runs each, alternating (the machines are noisy).
  const runs: { rowByRow: number; staging: number; staged: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const rowByRow = await held(() => writeRows(ectx, { ...schema, bulk: undefined }, rowsOf, 'update', null, () => {}, origin));
    const t0 = process.hrtime.bigint();
    const chunks = await stageRows(ectx, schema, rowsOf, 'update', () => {}, origin);
    const staging = ms(t0);
    runs.push({ rowByRow, staging, staged: await held(() => writeRows(ectx, schema, rowsOf, 'update', chunks, () => {}, origin)) });
  }
  const rowByRow = median(runs.map((r) => r.rowByRow));
  const staging = median(runs.map((r) => r.staging));
  const stagedHeld = median(runs.map((r) => r.staged));
  const n = rows.length - 1;
  console.log(
    `${schema.label} ${n.toLocaleString()} rows: transaction held ${rowByRow.toFixed(0)} ms row by row, ${stagedHeld.toFixed(0)} ms staged ` +
      `(staging ${staging.toFixed(0)} ms outside it, in steps)`,
  );
}

export async function benchImportTables(): Promise<void> {
  console.log('\n## Imports of the other tables: how long other users’ writes wait (the one transaction)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-tables-'));
  try {
    const core = await openDemoOffice(dir);
    const call = await signIn(core, 'zhihui');
    const names = (sql: string) => (core.db.prepare(sql).all() as { name: string }[]).map((r) => r.name);
    await measure(core.db, call, 'registrations', registrations(names('SELECT name FROM checkpoints'), 50_000));
    // Compounds named once in the demo: a person's 居住小区 must be unambiguous.
    await measure(core.db, call, 'people', people(names('SELECT name FROM compounds GROUP BY name HAVING count(*) = 1'), 10_000));
    core.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
