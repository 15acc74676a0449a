import type { TotalsData } from '../../../shared/api/briefing';
import { FIGURE_KEYS, FIGURES } from '../../../shared/domain/briefing-figures';
import type { ColumnSpec, TableSchema } from '../excel/table-schema';
import { buildExport } from '../excel/write-workbook';
import { stmt } from '../db/statements';
import { monthDay } from '../../../shared/domain/days';

/**
 * The report workbook offices send upwards: one sheet, one row per unit and day, the
 * columns fixed (documented in docs/report-workbook.md, checked against this list by a
 * test). It is an engine table, so writing it and reading it back (title rows, WPS
 * files, numbers stored as text) go through the same code as every other register; its
 * import is the roll-up, which needs the day being rolled up, so it is not in TABLES.
 */

export const REPORT_COLUMNS: ColumnSpec[] = [
  {
    key: 'unitName',
    label: '单位名称',
    synonyms: ['单位', '填报单位', '街道', '社区', '上报单位'],
    required: true,
    kind: 'text',
    hint: '填报单位（街道、社区）的名称',
    example: '平原街道',
    width: 18,
  },
  {
    key: 'divisionCode',
    label: '行政区划代码',
    synonyms: ['区划代码', '统计用区划代码'],
    kind: 'text',
    hint: '6、9 或 12 位统计用区划代码',
    example: '411402001000',
    width: 16,
  },
  {
    key: 'day',
    label: '日期',
    synonyms: ['统计日期', '报告日期', '简报日期'],
    required: true,
    kind: 'date',
    hint: '数字所属的日期',
    example: '2022-02-10',
    width: 12,
  },
  { key: 'generatedAt', label: '生成时间', synonyms: ['导出时间'], kind: 'text', hint: '生成这些数字的时间', example: '2022-02-11T00:30:00.000Z', width: 22 },
  ...FIGURE_KEYS.map((k): ColumnSpec => ({
    key: k,
    label: FIGURES[k].label,
    synonyms: [`${FIGURES[k].label}（${FIGURES[k].unit}）`, `${FIGURES[k].label}(${FIGURES[k].unit})`],
    required: true,
    kind: 'int',
    hint: `${FIGURES[k].means}（单位：${FIGURES[k].unit}）`,
    example: 0,
    width: Math.max(10, FIGURES[k].label.length * 2 + 2),
  })),
];

export interface ReportRow extends TotalsData {
  unitName: string;
  divisionCode: string | null;
  day: string;
  generatedAt: string;
}

/**
 * The report table for rolling up one day: a row must be of that day, from a unit other
 * than this office, and not already imported.
 */
export function reportSchema(day: string, ownName: string): TableSchema {
  return {
    name: 'briefingReport',
    label: '简报数字',
    perm: 'briefing:write',
    columns: REPORT_COLUMNS,
    keyLabel: '同一单位',
    resolve: (_ctx, v) => {
      const errors = [];
      if (v.day !== day) errors.push({ key: 'day', message: `是 ${monthDay(String(v.day))} 的数据，不是要汇总的 ${monthDay(day)}（过期或错日的文件）` });
      if (v.unitName === ownName) errors.push({ key: 'unitName', message: '这是本单位自己的报表，请导入下级单位的报表' });
      for (const k of FIGURE_KEYS) if ((v[k] as number) < 0) errors.push({ key: k, message: `${FIGURES[k].label}不能为负数` });
      return {
        input: errors.length ? null : { ...v, divisionCode: v.divisionCode ?? null, generatedAt: v.generatedAt ?? '' },
        errors,
        key: String(v.unitName),
      };
    },
    findExisting: ({ db }, input) => {
      const r = stmt(db, 'SELECT file_name AS fileName, imported_at AS importedAt FROM rollup_reports WHERE day = ? AND unit_name = ?').get(
        day,
        input.unitName,
      ) as { fileName: string; importedAt: string } | undefined;
      return r ? { id: 1, ...r } : null;
    },
    compare: [],
    save: () => {
      throw new Error('the report is imported by the roll-up, not the engine');
    },
    toCells: (row) => row,
  };
}

/** The day's figures as the report workbook (one row). */
export async function reportWorkbook(row: ReportRow): Promise<{ fileName: string; base64: string }> {
  const base64 = await buildExport(reportSchema(row.day, ''), [row as unknown as Record<string, unknown>], false);
  return { fileName: `${row.unitName}-${row.day}-简报数字.xlsx`, base64 };
}
