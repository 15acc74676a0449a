import { z } from 'zod';
import { method } from './contract';
import { Id, ListQuery } from './common';
import { CheckpointKind, CheckpointStatus, CommunityKind, ControlLevel, Health, ManagementType, PersonKind } from '../domain/enums';

/**
 * The import/export engine every register plugs into by declaring a table schema. The
 * engine's methods need a session; what a role may import is each table's own permission,
 * checked by the core before anything is parsed or written.
 */

const TableName = z.enum(
  [
    'compounds',
    'checkpoints',
    'communities',
    'grids',
    'supplyItems',
    'stockIn',
    'people',
    'rosterRows',
    'residents',
    'registrations',
    'testCounts',
    'premises',
  ],
  { error: '不支持导入该数据' },
);
const File = z.object({ fileName: z.string(), base64: z.string() });

export const PreviewRow = z.object({
  rowNumber: z.number().int(),
  status: z.enum(['new', 'update', 'unchanged', 'error']),
  values: z.record(z.string(), z.unknown()),
  errors: z.array(z.object({ column: z.string(), message: z.string() })),
});

const Mapping = z.array(z.string().nullable());

const ExportInput = (filters: z.ZodRawShape) => ListQuery.omit({ page: true, pageSize: true }).extend({ ...filters, full: z.boolean().default(false) });

export const excel = {
  'excel.tables': method({
    scope: 'office',
    summary: '可导入的数据表及其列',
    perm: 'session',
    write: false,
    input: z.object({}),
    output: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        columns: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean(), enumLabels: z.record(z.string(), z.string()).optional() })),
      }),
    ),
  }),
  'excel.template': method({ scope: 'office', summary: '下载导入模板', perm: 'session', write: false, input: z.object({ table: TableName }), output: File }),
  'excel.upload': method({
    scope: 'office',
    summary: '上传要导入的文件：在后台线程解析（不写入），用 excel.job 查看进度',
    perm: 'session',
    write: false,
    maxBodyBytes: 72 * 1024 * 1024,
    binary: 'bytes',
    // The file as bytes (the page sends it so), or as base64 from older callers. An empty one is a zero-byte file: the core names it as such.
    input: z
      .object({ table: TableName, fileName: z.string().min(1).max(200), base64: z.string().optional(), bytes: z.instanceof(Uint8Array).optional() })
      .refine((i) => i.base64 !== undefined || i.bytes !== undefined, { message: '请选择文件' }),
    output: z.object({ jobId: z.string() }),
  }),
  'excel.job': method({
    scope: 'office',
    summary: '解析进度；完成后给出 uploadId 和工作表',
    perm: 'session',
    write: false,
    input: z.object({ jobId: z.string() }),
    output: z.object({
      state: z.enum(['queued', 'parsing', 'rows', 'done', 'failed', 'cancelled']),
      progress: z.number().int(),
      error: z.string().nullable(),
      uploadId: z.string().nullable(),
      sheets: z.array(z.object({ name: z.string(), rows: z.number().int() })),
    }),
  }),
  'excel.cancel': method({
    scope: 'office',
    summary: '取消解析（不会写入任何数据）',
    perm: 'session',
    write: false,
    input: z.object({ jobId: z.string() }),
    output: z.object({ ok: z.literal(true) }),
  }),
  'excel.progress': method({
    scope: 'office',
    summary: '导入预览或确认导入的进度：已处理行数 / 总行数（进行中时由页面轮询）',
    perm: 'session',
    write: false,
    input: z.object({ uploadId: z.string() }),
    output: z.object({ phase: z.enum(['preview', 'commit']), done: z.number().int(), total: z.number().int() }).nullable(),
  }),
  'excel.preview': method({
    scope: 'office',
    summary: '导入预览：每行的状态（新增/更新/无变化/错误）和错误原因',
    audit: 'read_personal',
    perm: 'session',
    write: false,
    input: z.object({
      uploadId: z.string(),
      sheet: z.string().optional(),
      mapping: Mapping.optional(),
      /** Page through the analysed rows without analysing again (every row, 150,000 or more). */
      page: z.number().int().min(1).optional(),
      pageSize: z.number().int().min(1).max(500).default(50),
      status: z.enum(['new', 'update', 'unchanged', 'error']).optional(),
    }),
    output: z.object({
      sheet: z.string(),
      /** Rows matching `status`, for the pager. */
      matching: z.number().int(),
      headerRow: z.number().int(),
      headers: z.array(z.string()),
      mapping: Mapping,
      counts: z.object({ new: z.number().int(), update: z.number().int(), unchanged: z.number().int(), error: z.number().int() }),
      total: z.number().int(),
      /** What the import will create besides its rows (buildings, households …). */
      notes: z.array(z.string()),
      rows: z.array(PreviewRow),
    }),
  }),
  'excel.commit': method({
    scope: 'rows',
    summary: '确认导入：一个事务，全部成功或全部不写入',
    perm: 'session',
    write: 'self',
    input: z.object({ uploadId: z.string(), onDuplicate: z.enum(['update', 'skip']).default('update'), excludeErrors: z.boolean().default(false) }),
    output: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      /** Rows already there exactly as in the file: nothing written (无变化, not 跳过). */
      unchanged: z.number().int(),
      /** Rows that differ from what is there, left alone because the user chose 跳过. */
      skipped: z.number().int(),
      excluded: z.number().int(),
      rowCount: z.number().int(),
      /** Whether a backup was made first (only when something is written). */
      backedUp: z.boolean(),
    }),
  }),
  'excel.errorReport': method({
    scope: 'office',
    summary: '下载错误行（原始数据加“错误原因”列）',
    audit: 'export',
    perm: 'session',
    write: false,
    input: z.object({ uploadId: z.string() }),
    output: File,
  }),
  'compounds.export': method({
    audit: 'export',
    scope: { refs: { communityId: 'community' }, rows: true },
    summary: '按当前筛选导出小区',
    perm: 'places:read',
    write: 'self',
    input: ExportInput({
      communityId: Id.optional(),
      gridId: Id.optional(),
      managementType: z.enum(ManagementType.values).optional(),
      controlLevel: z.enum(ControlLevel.values).optional(),
    }),
    output: File.extend({ rowCount: z.number().int() }),
  }),
  'communities.export': method({
    audit: 'export',
    scope: 'office',
    summary: '导出社区（负责人、电话默认脱敏；勾选“导出完整信息”须有权限并记入日志）',
    perm: 'places:read',
    write: 'self',
    personal: true,
    input: ExportInput({ kind: z.enum(CommunityKind.values).optional() }),
    output: File.extend({ rowCount: z.number().int() }),
  }),
  'grids.export': method({
    audit: 'export',
    scope: 'office',
    summary: '导出片区（片区长、电话默认脱敏）',
    perm: 'places:read',
    write: 'self',
    personal: true,
    input: ExportInput({}),
    output: File.extend({ rowCount: z.number().int() }),
  }),
  'checkpoints.export': method({
    audit: 'export',
    scope: { refs: { communityId: 'community', compoundId: 'compound' }, rows: true },
    summary: '按当前筛选导出卡点',
    perm: 'places:read',
    write: 'self',
    input: ExportInput({
      communityId: Id.optional(),
      compoundId: Id.optional(),
      kind: z.enum(CheckpointKind.values).optional(),
      status: z.enum(CheckpointStatus.values).optional(),
    }),
    output: File.extend({ rowCount: z.number().int() }),
  }),
  'people.export': method({
    audit: 'export',
    scope: { refs: { communityId: 'community' }, rows: true },
    summary: '按当前筛选导出人员名单（手机号、身份证号默认脱敏）',
    perm: 'roster:read',
    write: 'self',
    personal: true,
    input: ExportInput({
      kind: z.enum(PersonKind.values).optional(),
      communityId: Id.optional(),
      teamId: Id.optional(),
      health: z.enum(Health.values).optional(),
    }),
    output: File.extend({ rowCount: z.number().int() }),
  }),
};
