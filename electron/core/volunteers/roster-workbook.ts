import ExcelJS from 'exceljs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { Attendance } from '../../../shared/domain/enums';
import { maskPhone } from '../../../shared/domain/mask';
import { shiftLabel } from '../../../shared/domain/shifts';
import { stmt } from '../db/statements';
import { neutralize } from '../excel/write-workbook';
import { dateOf, loadRoster, postShifts, type PostRow } from './roster';

/**
 * 排班表 as .xlsx, one row per person per shift (日期, 岗位, 班次, 姓名, 手机号, 到岗情况):
 * the shape rosterRows imports, so a week can go to another office and come back.
 */
export async function rosterWorkbook(db: Database.Database, id: number, full: boolean): Promise<{ fileName: string; base64: string; rowCount: number }> {
  const r = loadRoster(db, id);
  const rows = stmt(
    db,
    `SELECT a.day, a.shift, a.attendance, t.name AS post, t.pattern, t.custom_shifts, p.name, p.phone, s.name AS stood
     FROM assignments a JOIN posts t ON t.id = a.post_id JOIN people p ON p.id = a.person_id LEFT JOIN people s ON s.id = a.stood_by
     WHERE a.roster_id = ? ORDER BY a.day, t.id, a.shift, p.name`,
  ).all(id) as (Pick<PostRow, 'pattern' | 'custom_shifts'> & {
    day: number;
    shift: number;
    attendance: keyof typeof Attendance.labels | null;
    post: string;
    name: string;
    phone: string | null;
    stood: string | null;
  })[];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('排班安排');
  ws.columns = [
    { header: '日期', key: 'date', width: 12 },
    { header: '岗位', key: 'post', width: 22 },
    { header: '班次', key: 'shift', width: 16 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '手机号', key: 'phone', width: 14, style: { numFmt: '@' } },
    { header: '到岗情况', key: 'attendance', width: 14 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const x of rows) {
    const sh = postShifts(x)[x.shift];
    ws.addRow({
      date: dateOf(r, x.day),
      post: neutralize(x.post),
      shift: sh ? shiftLabel(sh) : '',
      name: neutralize(x.name),
      phone: x.phone ? (full ? x.phone : maskPhone(x.phone)) : '',
      attendance: x.attendance ? `${Attendance.labels[x.attendance]}${x.stood ? `（${x.stood}）` : ''}` : '',
    });
  }
  return { fileName: `排班表-${r.name}-${r.start_date}.xlsx`, base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), rowCount: rows.length };
}
