import crypto from 'node:crypto';
import type { excel } from '../../../shared/api/excel';
import { ApiError } from '../../../shared/api/errors';
import { can } from '../../../shared/domain/roles';
import { normalizeHeader } from '../../../shared/domain/values';
import { entityCtx, type Handlers } from '../api/types';
import { backupNow } from '../db/backup';
import { writeAudit } from '../auth/audit';
import { stmt } from '../db/statements';
import { communitiesTouched } from './import-trace';
import { stageRows, writeRows } from './commit-rows';
import { type Analysis, analyzeInSteps, describeError, type RowStatus } from './analyze';
import { autoMap, chooseSheet, detectHeader } from './header';
import { cancelJob, forgetJob, getJob, PROGRESS, startParse } from './parse-job';
import type { TableSchema } from './table-schema';
import { dropUpload, getUpload, putUpload } from './uploads';
import { buildErrorReport, buildTemplate } from './write-workbook';

function previewPage(analysis: Analysis, schema: TableSchema, page: number, pageSize: number, status?: RowStatus) {
  const matching = status ? analysis.rows.filter((r) => r.status === status) : analysis.rows;
  const rows = matching.slice((page - 1) * pageSize, page * pageSize).map((r) => ({
    rowNumber: r.rowNumber,
    status: r.status,
    values: Object.fromEntries(schema.columns.map((c) => [c.key, r.values[c.key] ?? null])),
    errors: r.errors,
  }));
  const { sheetName, header, mapping, counts } = analysis;
  return {
    sheet: sheetName,
    matching: matching.length,
    headerRow: header.headerRow + 1,
    headers: header.headers,
    mapping,
    counts,
    total: analysis.rows.length,
    notes: analysis.notes ?? [],
    rows,
  };
}
/** Jobs still parsing (what they are for), and the upload each finished job became. */
const pending = new Map<string, { table: string; fileName: string }>();
const uploadOfJob = new Map<string, string>();
const signature = (table: string, headers: string[]) =>
  crypto
    .createHash('sha256')
    .update(`${table}|${headers.map(normalizeHeader).join('|')}`)
    .digest('hex');

function remembered(db: Parameters<typeof stmt>[0], table: string, headers: string[]): (string | null)[] | undefined {
  const row = stmt(db, 'SELECT mapping FROM import_mappings WHERE table_name = ? AND signature = ?').get(table, signature(table, headers)) as
    { mapping: string } | undefined;
  return row ? (JSON.parse(row.mapping) as (string | null)[]) : undefined;
}

/** The importable tables by name, as the registry composes them from the features. */
export type Tables = Record<string, TableSchema>;

function tableOf(tables: Tables, name: string): TableSchema {
  const t = Object.hasOwn(tables, name) ? tables[name] : undefined;
  if (!t) throw new ApiError('VALIDATION', `不支持导入“${name}”`);
  return t;
}

/** The table, if the caller's role may import into it (each table names its own permission). */
function importable(tables: Tables, ctx: { user: { role: Parameters<typeof can>[0]; scopeAll: boolean } | null }, table: string): TableSchema {
  const schema = tableOf(tables, table);
  if (!ctx.user || !can(ctx.user.role, schema.perm)) throw new ApiError('FORBIDDEN', `当前角色无权导入${schema.label}`);
  if (!ctx.user.scopeAll && !schema.communityOf) throw new ApiError('FORBIDDEN', `${schema.label}是全街道的数据，只有全街道范围的用户才能导入`);
  return schema;
}

/** The list exports: declared beside the engine in the contract, served by each register's feature. */
type ListExports = 'compounds.export' | 'checkpoints.export' | 'communities.export' | 'grids.export' | 'people.export';

/** The engine's methods over the importable tables the registry gives it. */
export const excelHandlers = (tables: Tables): Handlers<Exclude<keyof typeof excel, ListExports>> => ({
  'excel.tables': (_, ctx) =>
    Object.values(tables)
      .filter((t) => ctx.user && can(ctx.user.role, t.perm))
      .map((t) => ({
        name: t.name,
        label: t.label,
        columns: t.columns.map((c) => ({ key: c.key, label: c.label, required: !!c.required, enumLabels: c.enumLabels })),
      })),
  'excel.template': async ({ table }, ctx) => {
    const schema = importable(tables, ctx, table);
    return { fileName: `${schema.label}导入模板.xlsx`, base64: await buildTemplate(schema) };
  },
  'excel.upload': ({ table, fileName, base64, bytes }, ctx) => {
    importable(tables, ctx, table);
    const file = bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Buffer.from(base64 ?? '', 'base64');
    const job = startParse(file, fileName, ctx.user!.id);
    pending.set(job.id, { table, fileName });
    return { jobId: job.id };
  },
  'excel.job': ({ jobId }, ctx) => {
    const job = getJob(jobId, ctx.user!.id);
    const meta = pending.get(jobId);
    if (job.state === 'done' && job.sheets && meta) {
      try {
        uploadOfJob.set(jobId, putUpload({ ...meta, sheets: job.sheets, userId: ctx.user!.id }).id);
      } catch (e) {
        // Over the memory budget on its own: the job fails with that message.
        job.state = 'failed';
        job.error = (e as Error).message;
      }
      pending.delete(jobId);
      job.sheets = undefined;
    }
    const uploadId = uploadOfJob.get(jobId) ?? null;
    const sheets = uploadId ? getUpload(uploadId, ctx.user!.id).sheets.map((s) => ({ name: s.name, rows: s.rows.length })) : [];
    if (job.state === 'failed' || job.state === 'cancelled') forgetJob(jobId);
    return { state: job.state, progress: PROGRESS[job.state], error: job.error ?? null, uploadId, sheets };
  },
  'excel.cancel': async ({ jobId }, ctx) => {
    await cancelJob(jobId, ctx.user!.id);
    pending.delete(jobId);
    // 取消 after parsing: the parsed rows leave memory at once, not after 30 minutes.
    const uploadId = uploadOfJob.get(jobId);
    if (uploadId) dropUpload(uploadId);
    uploadOfJob.delete(jobId);
    return { ok: true as const };
  },
  'excel.progress': ({ uploadId }, ctx) => getUpload(uploadId, ctx.user!.id).progress ?? null,
  'excel.preview': async ({ uploadId, sheet, mapping, page, pageSize, status }, ctx) => {
    const upload = getUpload(uploadId, ctx.user!.id);
    const schema = importable(tables, ctx, upload.table);
    // Paging an analysis already made: no new parse, no new lookups.
    if (page !== undefined && upload.analysis && !sheet && !mapping) return previewPage(upload.analysis, schema, page, pageSize, status);
    const named = sheet ? upload.sheets.find((s) => s.name === sheet) : undefined;
    if (sheet && !named) throw new ApiError('VALIDATION', `文件“${upload.fileName}”中没有工作表“${sheet}”`);
    const {
      sheet: chosen,
      header,
      note,
    } = named ? { sheet: named, header: detectHeader(named, schema, upload.fileName), note: undefined } : chooseSheet(upload.sheets, schema, upload.fileName);
    const map = mapping ?? autoMap(header.headers, schema, remembered(ctx.db, schema.name, header.headers));
    // In steps: other callers are answered between them, and the page polls excel.progress.
    const analysis = await analyzeInSteps(entityCtx(ctx), schema, chosen, header, map, (done, total) => (upload.progress = { phase: 'preview', done, total }));
    const toWrite = analysis.rows.filter((r) => r.status === 'new' || r.status === 'update').map((r) => r.input!);
    analysis.notes = [...(note ? [note] : []), ...(analysis.notes ?? []), ...(schema.summarize?.(entityCtx(ctx), toWrite) ?? [])];
    upload.analysis = analysis;
    upload.chosenMapping = mapping;
    return previewPage(analysis, schema, page ?? 1, pageSize, status);
  },
  'excel.commit': async ({ uploadId, onDuplicate, excludeErrors }, ctx) => {
    const upload = getUpload(uploadId, ctx.user!.id);
    const analysis = upload.analysis;
    if (!analysis) throw new ApiError('VALIDATION', '请先预览再导入');
    const schema = importable(tables, ctx, upload.table);
    const { counts } = analysis;
    if (counts.error > 0 && !excludeErrors) {
      throw new ApiError('VALIDATION', `有 ${counts.error} 行存在错误，未导入任何数据。请修正后重新导入，或勾选“跳过错误行”。`);
    }
    const writes = counts.new + (onDuplicate === 'update' ? counts.update : 0);
    if (counts.new + counts.update + counts.unchanged === 0) {
      throw new ApiError(
        'VALIDATION',
        counts.error
          ? `没有可导入的行：全部 ${counts.error} 行都有错误，未写入任何数据。请下载错误行，修正后重新导入。`
          : `没有可导入的行：工作表“${analysis.sheetName}”的表头下面没有数据。`,
      );
    }
    // A backup is for undoing a write; an import that writes nothing needs none.
    if (writes > 0) await backupNow(ctx.db, ctx.backupDir, 'preimport', ctx.now());
    const ectx = { ...entityCtx(ctx), record: undefined };
    const total = analysis.rows.length;
    const progress = (done: number) => (upload.progress = { phase: 'commit', done, total });
    progress(0);
    // A big table's rows are staged first, outside any transaction: other users' writes go through meanwhile.
    const origin = { file: upload.fileName, sheet: analysis.sheetName, headers: analysis.header.headers, mapping: analysis.mapping };
    const staged = await stageRows(ectx, schema, analysis.rows, onDuplicate, progress, origin);
    // One transaction, written in steps: other callers' reads are answered meanwhile, their writes wait (see Ctx.longWrite).
    const result = await ctx.longWrite(async () => {
      const { created, updated, unchanged, skipped } = await writeRows(ectx, schema, analysis.rows, onDuplicate, staged, progress, origin);
      if (upload.chosenMapping) {
        stmt(
          ctx.db,
          'INSERT INTO import_mappings (table_name, signature, mapping, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at',
        ).run(schema.name, signature(schema.name, analysis.header.headers), JSON.stringify(upload.chosenMapping), ctx.now().toISOString());
      }
      // What went where, beside call()'s own row: the table, the file and the communities written into.
      const written = analysis.rows.filter((r) => r.status === 'new' || (r.status === 'update' && onDuplicate === 'update')).map((r) => r.input);
      writeAudit(ctx.db, {
        ts: ctx.now().toISOString(),
        userId: ctx.user!.id,
        username: ctx.user!.username,
        client: ctx.client,
        method: 'excel.commit',
        kind: 'write',
        entity: schema.name,
        detail: {
          table: schema.label,
          file: upload.fileName,
          sheet: analysis.sheetName,
          created,
          updated,
          unchanged,
          skipped,
          communities: communitiesTouched(ctx.db, written),
        },
        rowCount: created + updated,
      });
      progress(total);
      return { created, updated, unchanged, skipped, excluded: counts.error, rowCount: created + updated, backedUp: writes > 0 };
    });
    dropUpload(uploadId);
    return result;
  },
  'excel.errorReport': async ({ uploadId }, ctx) => {
    const upload = getUpload(uploadId, ctx.user!.id);
    if (!upload.analysis) throw new ApiError('VALIDATION', '请先预览');
    const bad = upload.analysis.rows.filter((r) => r.status === 'error');
    const base64 = await buildErrorReport(
      upload.analysis.header.headers,
      bad.map((r) => ({ cells: r.cells, reasons: describeError(upload.fileName, upload.analysis!.sheetName, r) })),
    );
    return { fileName: `${upload.fileName.replace(/\.[^.]+$/, '')}-错误行.xlsx`, base64 };
  },
});
