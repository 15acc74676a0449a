import { z } from 'zod';
import { method } from './contract';
import { name, Ok } from './common';
import { CheckpointStatus, ControlLevel, ManagementType } from '../domain/enums';

/** The office itself, the 总览 figures and system housekeeping (backups, demo data). */

export const Office = z.object({
  name: name('街道名称', 40),
  /** 12-digit 统计用区划代码 of the street (or its 6/9-digit prefix while unknown). */
  divisionCode: z
    .string()
    .trim()
    .regex(/^(\d{6}|\d{9}|\d{12})$/, '行政区划代码应为 6、9 或 12 位数字')
    .nullish()
    .or(z.literal('').transform(() => null))
    .transform((v) => v ?? null),
});

const tally = <T extends readonly string[]>(codes: T) =>
  z.object(Object.fromEntries(codes.map((c) => [c, z.number().int()])) as Record<T[number], z.ZodNumber>);

export const DashboardSummary = z.object({
  officeName: z.string(),
  communities: z.number().int(),
  grids: z.number().int(),
  compounds: z.number().int(),
  checkpoints: z.number().int(),
  households: z.number().int(),
  population: z.number().int(),
  compoundsByManagement: tally(ManagementType.values),
  compoundsByControl: tally(ControlLevel.values),
  checkpointsByStatus: tally(CheckpointStatus.values),
});

export const BackupInfo = z.object({
  file: z.string(),
  kind: z.enum(['daily', 'weekly', 'manual', 'premigrate', 'preimport', 'prerestore', 'prereset', 'precleanup']),
  createdAt: z.string(),
  size: z.number().int(),
});

export const SystemInfo = z.object({
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  /** Where the data lives on the server: only for roles that run the system (backups, settings); null for the others. */
  dataDir: z.string().nullable(),
  databaseFile: z.string().nullable(),
  transport: z.enum(['desktop', 'http']),
});

export const office = {
  'office.get': method({ scope: 'office', summary: '街道信息', perm: 'office:read', write: false, input: z.object({}), output: Office }),
  'office.update': method({ summary: '修改街道信息', perm: 'office:write', write: 'tx', input: Office, output: Office }),
  'dashboard.summary': method({
    scope: 'rows',
    summary: '总览：社区、片区、小区、卡点、户数与人口的实时统计',
    perm: 'office:read',
    write: false,
    input: z.object({}),
    output: DashboardSummary,
  }),
  'system.info': method({ scope: 'office', summary: '版本与数据位置', perm: 'session', write: false, input: z.object({}), output: SystemInfo }),
  'system.slowCalls': method({
    scope: 'office',
    summary: '慢请求记录：超过 100 毫秒的请求（接口名、耗时，不含输入内容），最新在前，本次运行以来',
    perm: 'system:settings',
    write: false,
    input: z.object({}),
    output: z.array(z.object({ at: z.string(), method: z.string(), ms: z.number().int() })),
  }),
  'system.backups': method({ summary: '备份列表', perm: 'system:backup', write: false, input: z.object({}), output: z.array(BackupInfo) }),
  'system.backupNow': method({ summary: '立即备份', perm: 'system:backup', write: 'self', input: z.object({}), output: BackupInfo }),
  'demo.reset': method({
    summary: '重置为演示数据（先自动备份当前数据）',
    perm: 'system:settings',
    write: 'self',
    input: z.object({ confirm: z.literal('重置', { error: '请输入“重置”以确认' }) }),
    output: Ok,
  }),
};

export type DashboardSummaryData = z.output<typeof DashboardSummary>;
export type BackupInfoData = z.output<typeof BackupInfo>;
