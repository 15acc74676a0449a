import type Database from 'better-sqlite3-multiple-ciphers';
import { utils, write } from 'xlsx';
import { describeDetail, describeMethod } from '../../../shared/api/audit-text';
import { neutralize } from '../excel/write-workbook';
import { listAudit, type AuditQuery } from './audit-list';

const KIND_LABELS: Record<string, string> = { write: '修改数据', read_personal: '查看完整信息', export: '导出', auth: '登录/退出', security: '安全事件' };

/** The filtered log as an .xlsx workbook (bold header row frozen); at most 100,000 rows. */
export function exportAudit(db: Database.Database, q: Omit<AuditQuery, 'page' | 'pageSize'>, now: Date) {
  const { rows } = listAudit(db, { ...q, page: 1, pageSize: 100_000 });
  const sheet = utils.aoa_to_sheet([
    ['时间', '用户', '来源', '类型', '操作', '接口', '对象', '编号', '条数', '详情'],
    // Whatever was typed at sign-in lands in 用户 (`=HYPERLINK(…)` too): every text cell is neutralised.
    ...rows.map((r) =>
      [
        r.ts,
        r.username ?? '',
        r.client,
        KIND_LABELS[r.kind] ?? r.kind,
        describeMethod(r.method),
        r.method,
        r.entity ?? '',
        r.entityId ?? '',
        r.rowCount ?? '',
        describeDetail(r.detail),
      ].map(neutralize),
    ),
  ]);
  sheet['!cols'] = [22, 12, 16, 12, 30, 22, 14, 8, 8, 60].map((wch) => ({ wch }));
  sheet['!freeze'] = { xSplit: 0, ySplit: 1 };
  const book = utils.book_new();
  utils.book_append_sheet(book, sheet, '操作日志');
  const base64 = write(book, { type: 'base64', bookType: 'xlsx', compression: true }) as string;
  const day = now.toISOString().slice(0, 10);
  return { fileName: `操作日志-${day}.xlsx`, base64, rowCount: rows.length };
}

/** exportAudit as a read job (db/read-thread.ts): a log of years is written into a workbook on a thread of its own. */
export const auditExport = (db: Database.Database, { q, nowMs }: { q: Omit<AuditQuery, 'page' | 'pageSize'>; nowMs: number }) =>
  exportAudit(db, q, new Date(nowMs));
