import type Database from 'better-sqlite3-multiple-ciphers';
import type { RollupData, TotalsData } from '../../../shared/api/briefing';
import { ApiError } from '../../../shared/api/errors';
import { FIGURE_KEYS } from '../../../shared/domain/briefing-figures';
import { analyze, describeError } from '../excel/analyze';
import { autoMap, detectHeader } from '../excel/header';
import { readWorkbook } from '../excel/read-workbook';
import { stmt } from '../db/statements';
import { officeOf } from '../places/day-figures';
import { ALL_COMMUNITIES } from '../kernel/entity';
import { type ReportRow, reportSchema } from './report';
import { monthDay } from '../../../shared/domain/days';

/**
 * A higher level (社区→街道, 街道→区) adds up the report workbooks of its units for a day.
 * All files are checked before anything is kept: one bad, stale or duplicate file and
 * none of them is imported, with every reason named by file, sheet, row and column.
 */

type Db = Database.Database;
type Who = { username: string; now: Date };

export const zeroTotals = (): TotalsData => Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as TotalsData;

export function getRollup(db: Db, day: string): RollupData {
  const units = (
    stmt(
      db,
      `SELECT unit_name AS unitName, division_code AS divisionCode, file_name AS fileName, generated_at AS generatedAt, imported_at AS importedAt, imported_by AS importedBy, totals
       FROM rollup_reports WHERE day = ? ORDER BY coalesce(division_code, ''), unit_name`,
    ).all(day) as (Omit<RollupData['units'][number], 'totals'> & { totals: string })[]
  ).map((u) => ({ ...u, totals: JSON.parse(u.totals) as TotalsData }));
  const sum = zeroTotals();
  for (const u of units) for (const k of FIGURE_KEYS) sum[k] += u.totals[k] ?? 0;
  return { day, units, sum };
}

export function importRollup(db: Db, day: string, files: { fileName: string; base64: string }[], who: Who): RollupData {
  const own = officeOf(db);
  const schema = reportSchema(day, own.name);
  const ctx = { db, now: who.now, scope: ALL_COMMUNITIES };
  const problems: string[] = [];
  const accepted: { fileName: string; row: ReportRow }[] = [];
  for (const f of files) {
    let sheets;
    try {
      sheets = readWorkbook(Buffer.from(f.base64, 'base64'), f.fileName);
    } catch (e) {
      problems.push(e instanceof ApiError ? e.message : `文件“${f.fileName}”无法读取`);
      continue;
    }
    const sheet = sheets.find((s) => s.rows.length > 0);
    if (!sheet) {
      problems.push(`文件“${f.fileName}”是空的`);
      continue;
    }
    let analysis;
    try {
      const header = detectHeader(sheet, schema, f.fileName);
      analysis = analyze(ctx, schema, sheet, header, autoMap(header.headers, schema));
    } catch (e) {
      problems.push(e instanceof ApiError ? `文件“${f.fileName}”：${e.message}` : `文件“${f.fileName}”无法读取`);
      continue;
    }
    if (analysis.rows.length !== 1) {
      problems.push(`文件“${f.fileName}” › ${sheet.name}：上报工作簿应只有 1 行数据（一个单位一天），实有 ${analysis.rows.length} 行`);
      continue;
    }
    const row = analysis.rows[0]!;
    if (row.status === 'error') {
      problems.push(...describeError(f.fileName, sheet.name, row));
      continue;
    }
    if (row.existingId !== null) {
      const prior = schema.findExisting(ctx, row.input!) as { fileName: string };
      problems.push(
        `文件“${f.fileName}”：${String(row.input!.unitName)} ${monthDay(day)} 的数据已经导入过（来自“${prior.fileName}”）；如需更正，请先在汇总表中删除该单位再导入`,
      );
      continue;
    }
    const twin = accepted.find((a) => a.row.unitName === row.input!.unitName);
    if (twin) {
      problems.push(`文件“${f.fileName}”与“${twin.fileName}”是同一单位（${String(row.input!.unitName)}）${monthDay(day)} 的数据，只能导入一个`);
      continue;
    }
    accepted.push({ fileName: f.fileName, row: row.input as unknown as ReportRow });
  }
  if (problems.length) {
    const shown = problems.slice(0, 12).join('；');
    throw new ApiError('VALIDATION', `未导入任何文件：${shown}${problems.length > 12 ? `；另有 ${problems.length - 12} 处问题` : ''}`);
  }
  const insert = stmt(
    db,
    'INSERT INTO rollup_reports (day, unit_name, division_code, file_name, generated_at, totals, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const { fileName, row } of accepted) {
    const totals = Object.fromEntries(FIGURE_KEYS.map((k) => [k, row[k]]));
    insert.run(day, row.unitName, row.divisionCode, fileName, row.generatedAt, JSON.stringify(totals), who.username, who.now.toISOString());
  }
  return getRollup(db, day);
}

export function removeUnit(db: Db, day: string, unitName: string): RollupData {
  if (stmt(db, 'DELETE FROM rollup_reports WHERE day = ? AND unit_name = ?').run(day, unitName).changes !== 1) {
    throw new ApiError('NOT_FOUND', `${monthDay(day)} 没有 ${unitName} 的上报数据`);
  }
  return getRollup(db, day);
}
