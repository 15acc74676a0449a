import { ApiError } from '../../../shared/api/errors';
import type { EntityCtx } from '../kernel/entity';
import type { AnalyzedRow } from './analyze';
import type { TableSchema } from './table-schema';

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

/**
 * The part of a commit that needs no transaction: a big table's rows turned into the plain
 * values its bulk writer takes, in steps (other callers — writes too — are answered between
 * them), in chunks for the short final write. Null for tables saved row by row.
 */
export async function stageRows(schema: TableSchema, rows: AnalyzedRow[], onDuplicate: 'skip' | 'update', progress: Progress) {
  if (!schema.bulk) return null;
  const chunks: { rows: unknown[][]; json: string }[] = [];
  let chunk: unknown[][] = [];
  for (const [i, r] of rows.entries()) {
    if (i % STEP === 0 && i > 0) {
      progress(i);
      await yieldNow();
    }
    if (writes(r, onDuplicate)) chunk.push(schema.bulk.stage(r.input!, r.status === 'update' ? r.existingId : null));
    if (chunk.length === CHUNK) (chunks.push({ rows: chunk, json: JSON.stringify(chunk) }), (chunk = []));
  }
  if (chunk.length) chunks.push({ rows: chunk, json: JSON.stringify(chunk) });
  return chunks;
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
): Promise<Counts> {
  if (staged) {
    try {
      for (const [i, c] of staged.entries()) {
        if (i > 0) await yieldNow();
        schema.bulk!.write(ectx, c.rows, c.json);
      }
    } catch (e) {
      // Another user saved the same row between the preview and this write: nothing of the file is kept.
      if ((e as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new ApiError('CONFLICT', `导入期间，其他用户已保存了文件中的${schema.keyLabel}；本次导入未写入任何数据。请重新上传预览后再导入。`);
      }
      throw e;
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
