import ExcelJS from 'exceljs';
import { hideText, maskIdNumber, maskName, maskPhone } from '../../../shared/domain/mask';
import type { ColumnSpec, TableSchema } from './table-schema';

/** A cell that starts like a formula is written as text with a leading apostrophe (CSV/formula injection). */
export function neutralize(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** How each kind of personal column is masked in an export (and recognised again on import). */
export const MASKERS = { phone: maskPhone, name: maskName, idNumber: maskIdNumber, text: hideText } as const;
const TEXT_KINDS = new Set<ColumnSpec['kind']>(['idNumber', 'phone', 'text']);

function styleHeader(ws: ExcelJS.Worksheet, columns: ColumnSpec[]) {
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width ?? 14, style: TEXT_KINDS.has(c.kind) ? { numFmt: '@' } : {} }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

const toBase64 = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');

/** Template: required headers marked with *, an example row, dropdowns for enumerations, text format for IDs and phones, and 填写说明. */
export async function buildTemplate(schema: TableSchema): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${schema.label}导入模板`);
  styleHeader(ws, schema.columns);
  ws.getRow(1).values = schema.columns.map((c) => (c.required ? `${c.label}*` : c.label));
  schema.columns.forEach((c, i) => {
    if (c.required) ws.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  ws.addRow(schema.columns.map((c) => c.example));
  schema.columns.forEach((c, i) => {
    if (!c.enumLabels) return;
    const list = `"${Object.values(c.enumLabels).join(',')}"`;
    for (let r = 2; r <= 2000; r++) {
      ws.getCell(r, i + 1).dataValidation = {
        type: 'list',
        allowBlank: !c.required,
        formulae: [list],
        showErrorMessage: true,
        errorTitle: '输入有误',
        error: `请选择：${Object.values(c.enumLabels).join(' / ')}`,
      };
    }
  });
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', width: 14 },
    { header: '是否必填', width: 10 },
    { header: '说明', width: 60 },
    { header: '示例', width: 24 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of schema.columns) help.addRow([c.label, c.required ? '必填' : '选填', c.hint, String(c.example)]);
  help.addRow([]);
  help.addRow(['', '', '第一行是表头，请勿修改列名；示例行可删除。身份证号、电话请保持“文本”格式，避免被 Excel 改成科学计数法。']);
  return toBase64(wb);
}

/** An export of what a list shows: bold frozen header, widths, IDs and phones as text, formulas neutralised, personal data masked unless `full`. */
export async function buildExport(schema: TableSchema, rows: Record<string, unknown>[], full: boolean): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(schema.label);
  styleHeader(ws, schema.columns);
  ws.getRow(1).values = schema.columns.map((c) => c.label);
  for (const row of rows) {
    const cells = schema.toCells(row);
    ws.addRow(
      schema.columns.map((c) => {
        let v = cells[c.key] ?? null;
        if (typeof v === 'string' && c.personal && !full) v = MASKERS[c.personal](v);
        return neutralize(v);
      }),
    );
  }
  return toBase64(wb);
}

/** The original rows that failed, with a 错误原因 column, to fix and import again. */
export async function buildErrorReport(headers: string[], rows: { cells: unknown[]; reasons: string[] }[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误行');
  ws.addRow([...headers, '错误原因']);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.columns.forEach((c) => (c.width = 14));
  ws.getColumn(headers.length + 1).width = 60;
  for (const r of rows) ws.addRow([...headers.map((_, i) => neutralize(r.cells[i] ?? null)), r.reasons.join('；')]);
  return toBase64(wb);
}
