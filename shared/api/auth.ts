import { z } from 'zod';
import { method } from './contract';
import { Id, ListQuery, listResult, Ok, phone } from './common';
import { ROLES } from '../domain/roles';

/** Sign-in, sessions, users and roles, the audit log and security settings. */

export const Password = z
  .string({ error: '请输入密码' })
  .min(8, '密码至少 8 位')
  .max(128, '密码不能超过 128 位')
  .refine((p) => !/^\s|\s$/.test(p), '密码首尾不能是空格');

const Username = z
  .string({ error: '请输入用户名' })
  .trim()
  .min(2, '用户名至少 2 个字符')
  .max(32, '用户名不能超过 32 个字符')
  .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和短横线');

const DisplayName = z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(20, '姓名不能超过 20 个字');

export const Me = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scopeAll: z.boolean(),
  communityIds: z.array(z.number().int()),
  permissions: z.array(z.string()),
  mustChangePassword: z.boolean(),
  idleTimeoutMinutes: z.number().int(),
});

export const User = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  role: z.enum(ROLES),
  scopeAll: z.boolean(),
  communityIds: z.array(z.number().int()),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

const UserFields = z.object({
  displayName: DisplayName,
  phone,
  role: z.enum(ROLES, { error: '请选择角色' }),
  scopeAll: z.boolean().default(true),
  communityIds: z.array(Id).default([]),
});
const scoped = <T extends z.ZodType<{ scopeAll: boolean; communityIds: number[] }>>(schema: T) =>
  schema.refine((u) => u.scopeAll || u.communityIds.length > 0, { message: '请选择该用户负责的社区', path: ['communityIds'] });

export const AuditEntry = z.object({
  id: z.number().int(),
  ts: z.string(),
  username: z.string().nullable(),
  client: z.string(),
  method: z.string(),
  kind: z.enum(['write', 'read_personal', 'export', 'auth', 'security']),
  entity: z.string().nullable(),
  entityId: z.number().int().nullable(),
  detail: z.string().nullable(),
  rowCount: z.number().int().nullable(),
});

export const SecuritySettings = z.object({
  idleTimeoutMinutes: z.number().int().min(5, '空闲锁定时间至少 5 分钟').max(240, '空闲锁定时间不能超过 240 分钟'),
  auditRetentionYears: z.number().int().min(1, '日志至少保留 1 年').max(10, '日志最多保留 10 年'),
});

export const auth = {
  'auth.status': method({
    scope: 'office',
    summary: '登录状态：是否需要创建首个管理员、当前用户',
    perm: 'public',
    write: false,
    input: z.object({}),
    output: z.object({ needsSetup: z.boolean(), setupAllowedHere: z.boolean(), me: Me.nullable() }),
  }),
  'auth.setup': method({
    audit: 'auth',
    scope: 'office',
    summary: '创建首个系统管理员（仅限本机）',
    perm: 'public',
    write: 'self',
    input: z.object({ username: Username, displayName: DisplayName, password: Password }),
    output: Me,
  }),
  'auth.login': method({
    audit: 'auth',
    scope: 'office',
    summary: '登录',
    perm: 'public',
    write: 'self',
    input: z.object({ username: z.string().trim().min(1, '请输入用户名').max(64), password: z.string().min(1, '请输入密码').max(128) }),
    output: Me,
  }),
  'auth.logout': method({
    audit: 'auth',
    scope: 'office',
    summary: '退出登录（everywhere：退出所有设备）',
    perm: 'session',
    write: 'tx',
    input: z.object({ everywhere: z.boolean().default(false) }),
    output: Ok,
  }),
  'auth.me': method({ scope: 'office', summary: '当前用户', perm: 'session', write: false, input: z.object({}), output: Me }),
  'auth.changePassword': method({
    audit: 'auth',
    scope: 'office',
    summary: '修改自己的密码',
    perm: 'session',
    write: 'self',
    input: z
      .object({ oldPassword: z.string().min(1, '请输入原密码'), newPassword: Password })
      .refine((v) => v.oldPassword !== v.newPassword, { message: '新密码不能与原密码相同', path: ['newPassword'] }),
    output: Ok,
  }),
  'users.list': method({
    summary: '用户列表',
    perm: 'users:manage',
    write: false,
    input: ListQuery.extend({ role: z.enum(ROLES).optional() }),
    output: listResult(User),
  }),
  'users.create': method({
    summary: '新建用户（首次登录须修改密码）',
    perm: 'users:manage',
    write: 'self',
    input: scoped(UserFields.extend({ username: Username, password: Password })),
    output: User,
  }),
  'users.update': method({
    summary: '修改用户的姓名、角色、负责社区或停用',
    perm: 'users:manage',
    write: 'tx',
    input: scoped(UserFields.extend({ id: Id, disabled: z.boolean().default(false) })),
    output: User,
  }),
  'users.resetPassword': method({
    summary: '重置用户密码（首次登录须修改）',
    perm: 'users:manage',
    write: 'self',
    input: z.object({ id: Id, password: Password }),
    output: Ok,
  }),
  'audit.list': method({
    summary: '操作日志',
    perm: 'audit:read',
    write: false,
    input: ListQuery.extend({
      username: z.string().trim().max(32).optional(),
      kind: AuditEntry.shape.kind.optional(),
      entity: z.string().max(40).optional(),
      from: z.string().max(30).optional(),
      to: z.string().max(30).optional(),
    }),
    output: listResult(AuditEntry),
  }),
  'audit.export': method({
    audit: 'export',
    summary: '导出操作日志为 Excel（导出本身也记入日志）',
    perm: 'audit:read',
    write: 'self',
    input: z.object({
      username: z.string().trim().max(32).optional(),
      kind: AuditEntry.shape.kind.optional(),
      entity: z.string().max(40).optional(),
      from: z.string().max(30).optional(),
      to: z.string().max(30).optional(),
    }),
    output: z.object({ fileName: z.string(), base64: z.string(), rowCount: z.number().int() }),
  }),
  'settings.security': method({ scope: 'office', summary: '安全设置', perm: 'session', write: false, input: z.object({}), output: SecuritySettings }),
  'settings.updateSecurity': method({
    summary: '修改安全设置（空闲锁定、日志保留）',
    perm: 'system:settings',
    write: 'tx',
    input: SecuritySettings,
    output: SecuritySettings,
  }),
};

export type MeData = z.output<typeof Me>;
export type UserRow = z.output<typeof User>;
export type AuditRow = z.output<typeof AuditEntry>;
