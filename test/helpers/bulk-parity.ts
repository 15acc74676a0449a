import type Database from 'better-sqlite3-multiple-ciphers';
import * as XLSX from 'xlsx';
import { vi } from 'vitest';
import type { Envelope } from '../../shared/api';
import { writeRows } from '../../electron/core/excel/commit-rows';
import { getUpload } from '../../electron/core/excel/uploads';
import { ALL_COMMUNITIES } from '../../electron/core/kernel/entity';
import { TABLES } from '../../electron/core/registry/tables';
import { uploadFile } from './excel';
import type { Call } from './sessions';

/** A workbook of one sheet, as bytes in base64 (what excel.upload takes). */
export function sheetOf(rows: unknown[][], name = '导入'): string {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
  return XLSX.write(wb, { type: 'base64', bookType: 'xlsx' });
}

/** Uploads and previews a file; the upload's id and the preview's counts. */
export async function previewed(call: Call, table: string, rows: unknown[][]): Promise<{ uploadId: string; counts: Record<string, number> }> {
  const up = await uploadFile(call, table, '导入.xlsx', sheetOf(rows));
  if (!up.ok) throw new Error(up.error.message);
  const preview = await call('excel.preview', { uploadId: up.data.uploadId, pageSize: 10 });
  if (!preview.ok) throw new Error(preview.error.message);
  return { uploadId: up.data.uploadId, counts: (preview.data as { counts: Record<string, number> }).counts };
}

const dump = (db: Database.Database, queries: string[]) => queries.map((q) => db.prepare(q).raw().all());

/**
 * Commits a previewed upload the old way — every row through the table's `save`, inside a
 * transaction that is then rolled back — and then for real through excel.commit (the
 * staged, set-wise path), with the clock stopped so both stamp the same time. Returns
 * what `queries` read after each, and the commit's answer.
 */
export async function commitBothWays(
  db: Database.Database,
  call: Call,
  username: string,
  uploadId: string,
  queries: string[],
): Promise<{ rowByRow: unknown[][]; staged: unknown[][]; result: Envelope }> {
  const userId = (db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: number }).id;
  const upload = getUpload(uploadId, userId);
  const schema = TABLES[upload.table]!;
  const analysis = upload.analysis!;
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    vi.setSystemTime(new Date());
    const ectx = { db, now: new Date(), scope: ALL_COMMUNITIES, username };
    db.exec('BEGIN IMMEDIATE');
    let rowByRow: unknown[][];
    try {
      await writeRows(ectx, { ...schema, bulk: undefined }, analysis.rows, 'update', null, () => {}, { file: upload.fileName, sheet: analysis.sheetName });
      rowByRow = dump(db, queries);
    } finally {
      db.exec('ROLLBACK');
    }
    const result = await call('excel.commit', { uploadId, onDuplicate: 'update' });
    return { rowByRow, staged: dump(db, queries), result };
  } finally {
    vi.useRealTimers();
  }
}
