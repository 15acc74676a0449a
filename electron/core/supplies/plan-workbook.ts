import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { Plan } from '../../../shared/api/supplies';
import { PlanStatus, RecipientKind } from '../../../shared/domain/enums';
import { packText } from '../../../shared/domain/pack-text';
import { neutralize } from '../excel/write-workbook';

type PlanOut = z.input<typeof Plan>;

/** 物资分配表 as .xlsx: title, plan facts, recipients × items in base units, totals, a column to sign. */
export async function planWorkbook(plan: PlanOut, officeName: string): Promise<{ fileName: string; base64: string; rowCount: number }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('物资分配表');
  const width = 3 + plan.items.length + 1;
  ws.addRow([`${officeName}物资分配表`]);
  ws.mergeCells(1, 1, 1, width);
  ws.getRow(1).font = { bold: true, size: 16 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.addRow([`方案编号：${plan.planNo}　方案：${neutralize(plan.title)}　发放仓库：${plan.warehouseName}　状态：${PlanStatus.labels[plan.status]}`]);
  ws.mergeCells(2, 1, 2, width);
  const header = ws.addRow(['序号', '类型', '接收方', ...plan.items.map((i) => `${i.name}（${i.unit}）`), '领取人签字']);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  const qty = new Map(plan.lines.map((l) => [`${l.kind}:${l.refId}:${l.itemId}`, l.qty]));
  plan.recipients.forEach((r, n) => {
    ws.addRow([n + 1, RecipientKind.labels[r.kind], neutralize(r.name), ...plan.items.map((i) => qty.get(`${r.kind}:${r.refId}:${i.itemId}`) ?? 0), '']);
  });
  const total = ws.addRow(['', '', '合计', ...plan.items.map((i) => i.total), '']);
  total.font = { bold: true };
  ws.addRow([]);
  ws.addRow(['', '', '折合包装', ...plan.items.map((i) => packText(i.total, i)), '']);
  ws.columns.forEach((c, i) => (c.width = i === 2 ? 24 : i === width - 1 ? 16 : 12));
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.pageSetup = { paperSize: 9, orientation: plan.items.length > 5 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  return { fileName: `物资分配表-${plan.planNo}.xlsx`, base64, rowCount: plan.recipients.length };
}
