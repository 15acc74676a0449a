import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { read, utils, write } from 'xlsx';
import { analyze } from '../../electron/core/excel/analyze';
import { autoMap, detectHeader } from '../../electron/core/excel/header';
import { readWorkbook } from '../../electron/core/excel/read-workbook';
import { createScratchRoster, rosterTable } from '../../electron/core/excel/scratch-roster';
import { ALL_COMMUNITIES } from '../../electron/core/kernel/entity';
import { makeId } from '../fixtures/excel/make-fixtures-lib';
import { ms } from './timing';

/** 150,000 rows in the resident roster shape, as an .xlsx a street office would send. */
function makeRoster(rows: number): Buffer {
  const kinds = ['常住', '租户', '流动人口', '临时'];
  const aoa: unknown[][] = [['姓名', '身份证号', '手机号', '小区', '楼栋', '单元', '房号', '人员类型', '来源地', '返回日期', '备注']];
  for (let i = 0; i < rows; i++) {
    // (birth date, sequence) is unique for every i below 600,000.
    const k = Math.floor(i / 1000);
    const birth = `19${50 + (k % 50)}${String(1 + Math.floor(k / 50)).padStart(2, '0')}${String(1 + (k % 28)).padStart(2, '0')}`;
    aoa.push([
      `居民${i}`,
      makeId('411402', birth, i % 1000),
      `13${String(100000000 + i).slice(0, 9)}`,
      `小区${i % 168}`,
      String(1 + (i % 20)),
      String(1 + (i % 4)),
      String(101 + (i % 30)),
      kinds[i % 4],
      '郑州',
      `2022-10-${String(1 + (i % 28)).padStart(2, '0')}`,
      '',
    ]);
  }
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet(aoa), '人员');
  return write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

export async function benchExcelImport(rows = 150_000): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-'));
  try {
    console.log(`\n## Excel import: ${rows.toLocaleString()} rows, resident-roster shape`);
    let t0 = process.hrtime.bigint();
    const file = makeRoster(rows);
    console.log(`generated ${(file.length / 1024 / 1024).toFixed(1)} MB xlsx in ${ms(t0).toFixed(0)} ms`);

    // Floor: SheetJS parse + a bare prepared insert of the same rows in one transaction.
    const floorDb = new Database(path.join(dir, 'floor.db'));
    floorDb.pragma('journal_mode = WAL');
    createScratchRoster(floorDb);
    t0 = process.hrtime.bigint();
    const book = read(file, { type: 'buffer', dense: true });
    const raw = utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1, raw: true, defval: null });
    const insert = floorDb.prepare(
      'INSERT INTO scratch_roster (name, id_number, phone, compound, building, unit, room, kind, origin, return_date, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    floorDb.transaction(() => {
      for (const r of raw.slice(1)) insert.run(...r.map((v) => (v === null ? null : String(v))));
    })();
    const floor = ms(t0);
    floorDb.close();

    // Full engine: read (format/encoding checks), header detection, mapping, per-cell validation, duplicates, insert.
    const db = new Database(path.join(dir, 'engine.db'));
    db.pragma('journal_mode = WAL');
    createScratchRoster(db);
    t0 = process.hrtime.bigint();
    const [sheet] = readWorkbook(file, 'roster.xlsx');
    const header = detectHeader(sheet!, rosterTable, 'roster.xlsx');
    const ctx = { db, now: new Date(), scope: ALL_COMMUNITIES };
    const analysis = analyze(ctx, rosterTable, sheet!, header, autoMap(header.headers, rosterTable));
    db.transaction(() => {
      for (const r of analysis.rows) if (r.status === 'new') rosterTable.save(ctx, r.input!, null);
    })();
    const engine = ms(t0);
    const imported = (db.prepare('SELECT count(*) AS n FROM scratch_roster').get() as { n: number }).n;
    db.close();

    console.log(`floor  (SheetJS parse + bare insert): ${floor.toFixed(0)} ms, ${Math.round((rows / floor) * 1000).toLocaleString()} rows/s`);
    console.log(
      `engine (parse, map, validate, insert): ${engine.toFixed(0)} ms, ${Math.round((rows / engine) * 1000).toLocaleString()} rows/s, ${imported.toLocaleString()} imported, ${analysis.counts.error} errors`,
    );
    console.log(`ratio engine/floor: ${(engine / floor).toFixed(2)} (target ≤ 1.5; engine target < 10 s)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
