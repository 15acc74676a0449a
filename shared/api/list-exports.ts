import { z } from 'zod';
import { method } from './contract';
import { Day, Id } from './common';
import { ProblemFilter } from './inspections';
import { KeyCategory, KeyStatus } from './key-persons';
import { MoveKind } from '../domain/enums';

/**
 * 导出 for the lists that are not import tables: 出入库台账, 库存总览, 重点人员, 问题清单 and
 * 卡点通行统计 and 核酸检测 counts. Each writes what the list shows (its current filters) through the same
 * workbook engine as the registers; names, phones, ID numbers and free text about people are
 * masked unless `full` (导出完整信息), which needs personal:unmask and is logged.
 */
// write 'self' as the registers' exports: the handler reads outside any transaction; a file is not a list of rows to walk.
const File = z.object({ fileName: z.string(), base64: z.string(), rowCount: z.number().int() });
const full = z.boolean().default(false);
const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const listExports = {
  'stockMoves.export': method({
    audit: 'export',
    scope: 'office',
    summary: '按当前筛选导出出入库台账（.xlsx）',
    perm: 'supplies:read',
    write: 'self',
    input: z.object({
      itemId: Id.optional(),
      warehouseId: Id.optional(),
      kind: z.enum(MoveKind.values).optional(),
      from: Day.optional(),
      to: Day.optional(),
    }),
    output: File,
  }),
  'stock.export': method({
    audit: 'export',
    scope: 'office',
    summary: '导出库存总览：各物资库存、近 7 天出库、可用天数、预警（.xlsx）',
    perm: 'supplies:read',
    write: 'self',
    input: z.object({}),
    output: File,
  }),
  'keyPersons.export': method({
    audit: 'export',
    scope: { refs: { compoundId: 'compound' }, rows: true },
    summary: '按当前筛选导出重点人员（姓名、手机号、身份证号、四包一人员默认脱敏；勾选“导出完整信息”须有权限并记入日志）',
    perm: 'residents:read',
    write: 'self',
    personal: true,
    input: z.object({
      q: z.string().trim().max(50, '搜索词过长').optional(),
      status: z.enum(keys(KeyStatus)).optional(),
      category: z.enum(keys(KeyCategory)).optional(),
      compoundId: Id.optional(),
      full,
    }),
    output: File,
  }),
  'problems.export': method({
    audit: 'export',
    scope: { refs: { communityId: 'community', targetId: { kindFrom: 'targetKind' } }, rows: true },
    summary: '按当前筛选导出问题清单（责任人默认脱敏，问题描述隐藏；勾选“导出完整信息”须有权限并记入日志）',
    perm: 'inspections:read',
    write: 'self',
    personal: true,
    input: ProblemFilter.omit({ page: true, pageSize: true }).extend({ full }),
    output: File,
  }),
  'gateCounts.export': method({
    audit: 'export',
    scope: 'rows',
    summary: '导出某日各卡点通行统计：人员、车辆、体温异常、劝返（.xlsx）',
    perm: 'places:read',
    write: 'self',
    input: z.object({ day: Day }),
    output: File,
  }),
  'tests.export': method({
    audit: 'export',
    scope: 'rows',
    summary: '导出某轮核酸检测各小区应检、已检与检测率（.xlsx）',
    perm: 'residents:read',
    write: 'self',
    input: z.object({ id: Id }),
    output: File,
  }),
};
