import { ApiError } from '../../../shared/api/errors';
import { normalizeHeader } from '../../../shared/domain/values';
import type { Sheet } from './read-workbook';
import type { TableSchema } from './table-schema';

export interface HeaderInfo {
  /** 0-based index of the last header row; data starts below it. */
  headerRow: number;
  /** 1 or 2 rows (a merged group header above the column headers). */
  depth: 1 | 2;
  /** The header text of every column, after merged cells are filled in. */
  headers: string[];
}

const SCAN_ROWS = 20;
const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/** Copies each merged cell's value into every cell it covers (only the top-left one holds it). */
export function fillMerges(sheet: Sheet, maxRow: number): unknown[][] {
  const rows = sheet.rows.slice(0, maxRow).map((r) => [...r]);
  for (const m of sheet.merges) {
    if (m.s.r >= maxRow) continue;
    const v = rows[m.s.r]?.[m.s.c] ?? null;
    for (let r = m.s.r; r <= Math.min(m.e.r, maxRow - 1); r++) {
      for (let c = m.s.c; c <= m.e.c; c++) (rows[r] ??= [])[c] = v;
    }
  }
  return rows;
}

/** Every header a column answers to, normalised, keyed to the column. */
export function synonymIndex(schema: TableSchema): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of schema.columns) for (const s of [c.label, ...c.synonyms]) index.set(normalizeHeader(s), c.key);
  return index;
}

const score = (headers: string[], index: Map<string, string>) => new Set(headers.map((h) => index.get(normalizeHeader(h))).filter(Boolean)).size;

/** The best header row of a sheet for a table, and how many of the table's columns it names. */
function findHeader(sheet: Sheet, schema: TableSchema): HeaderInfo & { score: number } {
  const index = synonymIndex(schema);
  const rows = fillMerges(sheet, Math.min(sheet.rows.length, SCAN_ROWS + 1));
  const width = Math.max(0, ...rows.map((r) => r.length));
  let best: HeaderInfo & { score: number } = { headerRow: -1, depth: 1, headers: [], score: 0 };
  for (let r = 0; r < Math.min(rows.length, SCAN_ROWS); r++) {
    const one = Array.from({ length: width }, (_, c) => cell(rows[r]?.[c]));
    const s1 = score(one, index);
    if (s1 > best.score) best = { headerRow: r, depth: 1, headers: one, score: s1 };
    if (r + 1 < rows.length) {
      const two = Array.from({ length: width }, (_, c) => cell(rows[r + 1]?.[c]) || cell(rows[r]?.[c]));
      const s2 = score(two, index);
      if (s2 > best.score) best = { headerRow: r + 1, depth: 2, headers: two, score: s2 };
    }
  }
  return best;
}

const enough = (schema: TableSchema, score: number) => score >= Math.min(2, schema.columns.filter((c) => c.required).length);
const requiredNames = (schema: TableSchema) =>
  schema.columns
    .filter((c) => c.required)
    .map((c) => `“${c.label}”`)
    .join('');

/**
 * Finds the header among the first rows: title rows above it ("XX街道小区卡点登记表")
 * are skipped, and a two-row header whose top row is a merged group ("基本信息" over
 * 小区名称, 所属社区…) is read as one, taking the lower cell where it has text.
 */
export function detectHeader(sheet: Sheet, schema: TableSchema, fileName: string): HeaderInfo {
  const { headerRow, depth, headers, score: s } = findHeader(sheet, schema);
  if (!enough(schema, s)) {
    throw new ApiError('VALIDATION', `文件“${fileName}”的工作表“${sheet.name}”中找不到表头：请确认表中有 ${requiredNames(schema)} 等列`);
  }
  return { headerRow, depth, headers };
}

/**
 * The sheet whose header names most of the table's columns. Offices' report forms and
 * the app's own templates open with a 填写说明 / 说明 / 目录 sheet, so the first sheet
 * is often not the table; on a tie the earlier sheet wins. When the workbook has more
 * than one sheet with data, `note` says which one was taken and why.
 */
export function chooseSheet(sheets: Sheet[], schema: TableSchema, fileName: string): { sheet: Sheet; header: HeaderInfo; note?: string } {
  const filled = sheets.filter((s) => s.rows.some((r) => r.some((c) => c !== null && c !== '')));
  let best: { sheet: Sheet; found: HeaderInfo & { score: number } } | null = null;
  for (const sheet of filled) {
    const found = findHeader(sheet, schema);
    if (!best || found.score > best.found.score) best = { sheet, found };
  }
  if (!best || !enough(schema, best.found.score)) {
    const where = filled.length === 1 ? `的工作表“${filled[0]!.name}”中` : `的 ${filled.length} 个工作表中都`;
    throw new ApiError('VALIDATION', `文件“${fileName}”${where}找不到表头：请确认表中有 ${requiredNames(schema)} 等列`);
  }
  const { headerRow, depth, headers } = best.found;
  const note = filled.length > 1 ? `已自动选择工作表“${best.sheet.name}”：它的表头与${schema.label}的列最相符（可在“工作表”中改选）` : undefined;
  return { sheet: best.sheet, header: { headerRow, depth, headers }, note };
}

/** Column index → column key, from synonyms (and a remembered correction, if any). */
export function autoMap(headers: string[], schema: TableSchema, remembered?: (string | null)[]): (string | null)[] {
  if (remembered && remembered.length === headers.length) return remembered;
  const index = synonymIndex(schema);
  const used = new Set<string>();
  return headers.map((h) => {
    const key = index.get(normalizeHeader(h));
    if (!key || used.has(key)) return null;
    used.add(key);
    return key;
  });
}

/** Data rows below the header: no empty rows, no 序号 column needed, no trailing 合计 rows. */
export function dataRows(sheet: Sheet, info: HeaderInfo): { rowNumber: number; cells: unknown[] }[] {
  const out: { rowNumber: number; cells: unknown[] }[] = [];
  for (let r = info.headerRow + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    const filled = cells.filter((c) => cell(c) !== '');
    if (filled.length === 0) continue;
    if (/^(合计|总计|小计|共计)/.test(cell(filled[0])) || (filled.length <= 2 && filled.some((c) => /^(合计|总计)/.test(cell(c))))) continue;
    out.push({ rowNumber: r + 1, cells });
  }
  return out;
}
