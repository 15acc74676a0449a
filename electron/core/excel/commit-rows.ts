import { ApiError } from '../../../shared/api/errors';
import type { EntityCtx } from '../kernel/entity';
import type { AnalyzedRow } from './analyze';
import { StaleRow, type TableSchema } from './table-schema';

/** Rows handled between two yields (a few tens of milliseconds of work). */
const STEP = 500;
/** Staged rows per set-wise write inside the transaction; reads are answered between chunks. */
const CHUNK = 5_000;

const yieldNow = () => new Promise((resolve) => setImmediate(resolve));

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

type Progress = (done: number) => void;

function countOf(rows: AnalyzedRow[], onDuplicate: 'skip' | 'update'): Counts {
  const c: Counts = { created: 0, updated: 0, unchanged: 0, skipped: 0 };
  for (const r of rows) {
    if (r.status === 'new') c.created++;
    else if (r.status === 'update' && onDuplicate === 'update') c.updated++;
    else if (r.status === 'unchanged') c.unchanged++;
    else if (r.status !== 'error') c.skipped++;
  }
  return c;
}

const writes = (r: AnalyzedRow, onDuplicate: 'skip' | 'update') => r.status === 'new' || (r.status === 'update' && onDuplicate === 'update');

/** Where the rows come from, for messages that name the row: "文件 › 工作表 › 第 N 行". */
export interface Origin {
  file: string;
  sheet: string;
  /** The sheet's headers and the column each was mapped to, to name the column a refusal is about. */
  headers?: string[];
  mapping?: (string | null)[];
}

const at = (o: Origin, rowNumber: number) => `${o.file} › ${o.sheet} › 第 ${rowNumber} 行`;

/**
 * The header of the column a refused field came from (gridId → 所属片区, itemId → 物资名称),
 * as the preview names it; undefined when the field is no column of the file.
 */
function columnOf(schema: TableSchema, o: Origin, field: string | undefined): string | undefined {
  if (!field) return undefined;
  const key = [field, field.replace(/Id$/, 'Name'), field.replace(/Id$/, '')].find((k) => schema.columns.some((c) => c.key === k));
  if (!key) return undefined;
  const i = o.mapping?.indexOf(key) ?? -1;
  return (i >= 0 ? o.headers?.[i] : undefined) || schema.columns.find((c) => c.key === key)!.label;
}

/** A refusal of one row while staging, worded as the preview words a row's error, and that nothing was written. */
function refusal(schema: TableSchema, o: Origin, rowNumber: number, e: ApiError): ApiError {
  const column = columnOf(schema, o, e.issues?.[0]?.path);
  const where = column ? `${at(o, rowNumber)} › “${column}”` : at(o, rowNumber);
  return new ApiError(e.code, `${where}：${e.message.replace(/。$/, '')}。未导入任何数据。`);
}

/**
 * The part of a commit that needs no transaction: a big table's rows turned into the plain
 * values its bulk writer takes, in steps (other callers — writes too — are answered between
 * them), in chunks for the short final write. Null for tables saved row by row. A row the
 * table refuses (a reference deleted since the preview) fails the import, naming the row.
 */
export async function stageRows(ectx: EntityCtx, schema: TableSchema, rows: AnalyzedRow[], onDuplicate: 'skip' | 'update', progress: Progress, origin: Origin) {
  if (!schema.bulk) return null;
  const chunks: Chunk[] = [];
  let chunk: Chunk = { rows: [], rowNumbers: [], json: '' };
  const close = () => (chunks.push({ ...chunk, json: JSON.stringify(chunk.rows) }), (chunk = { rows: [], rowNumbers: [], json: '' }));
  for (const [i, r] of rows.entries()) {
    if (i % STEP === 0 && i > 0) {
      progress(i);
      await yieldNow();
    }
    if (!writes(r, onDuplicate)) continue;
    try {
      chunk.rows.push(schema.bulk.stage(ectx, r.input!, r.status === 'update' ? r.existingId : null));
    } catch (e) {
      if (e instanceof ApiError) throw refusal(schema, origin, r.rowNumber, e);
      throw e;
    }
    chunk.rowNumbers.push(r.rowNumber);
    if (chunk.rows.length === CHUNK) close();
  }
  if (chunk.rows.length) close();
  return chunks;
}

interface Chunk {
  rows: unknown[][];
  /** The Excel row number of each staged row. */
  rowNumbers: number[];
  json: string;
}

const AGAIN = '本次导入未写入任何数据。请重新上传预览后再导入。';

/** What another user did meanwhile that the staged chunk's write ran into, in Chinese; null for anything else. */
function conflictOf(e: unknown, schema: TableSchema, chunk: Chunk, origin: Origin): string | null {
  if (e instanceof StaleRow) return `${at(origin, chunk.rowNumbers[e.index]!)}：导入期间，其他用户修改或删除了这一行对应的已有数据；${AGAIN}`;
  const code = (e as { code?: string })?.code;
  // Another user saved the same row between the preview and this write.
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return `导入期间，其他用户已保存了文件中的${schema.keyLabel}；${AGAIN}`;
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return `导入期间，其他用户删除了文件中的行所引用的数据；${AGAIN}`;
  return null;
}

/**
 * Writes the rows inside the import's transaction (the caller holds it): staged chunks by
 * the table's bulk writer, else row by row with `save`. Yields between steps either way.
 */
export async function writeRows(
  ectx: EntityCtx,
  schema: TableSchema,
  rows: AnalyzedRow[],
  onDuplicate: 'skip' | 'update',
  staged: Awaited<ReturnType<typeof stageRows>>,
  progress: Progress,
  origin: Origin,
): Promise<Counts> {
  if (staged) {
    for (const [i, c] of staged.entries()) {
      if (i > 0) await yieldNow();
      try {
        schema.bulk!.write(ectx, c.rows, c.json);
      } catch (e) {
        const message = conflictOf(e, schema, c, origin);
        throw message ? new ApiError('CONFLICT', message) : e;
      }
    }
    return countOf(rows, onDuplicate);
  }
  for (const [i, r] of rows.entries()) {
    if (i % STEP === 0 && i > 0) {
      progress(i);
      await yieldNow();
    }
    if (writes(r, onDuplicate)) schema.save(ectx, r.input!, r.status === 'update' ? r.existingId : null);
  }
  return countOf(rows, onDuplicate);
}
