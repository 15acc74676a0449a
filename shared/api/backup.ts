import { z } from 'zod';
import { method } from './contract';
import { Password } from './auth';
import { Ok } from './common';
import { BackupInfo } from './office';

const BackupFileName = z.string().regex(/^street-command-\d{8}-\d{9}-[a-z]+\.db$/, '备份文件名无效');

export const BackupStatus = z.object({
  /** The newest backup on disk (any kind); null when there is none. */
  last: BackupInfo.nullable(),
  /** No backup, or the newest is more than a day old. */
  stale: z.boolean(),
  count: z.number().int(),
  totalBytes: z.number().int(),
  /** Free space on the disk holding the backups; null when the system cannot say. */
  freeBytes: z.number().nullable(),
  dir: z.string(),
  /** Why the last scheduled backup failed (Chinese); null when it worked. */
  lastError: z.string().nullable(),
});

export const RecoveryStatus = z.object({
  /** Why the database did not open; null when it is fine (the normal app is running). */
  problem: z.enum(['missing', 'damaged']).nullable(),
  message: z.string().nullable(),
  /** Only a caller on the machine itself (the desktop window, 127.0.0.1) sees the backups and may restore. */
  local: z.boolean(),
  dataDir: z.string().nullable(),
  /** Backups that pass the same checks as a restore (integrity_check included), newest first. */
  backups: z.array(BackupInfo),
  /** How many backups failed those checks (not listed). */
  rejected: z.number().int(),
});

/** Moving a backup to another PC (password-protected file) and restoring one. */
export const backup = {
  /**
   * The whole database, residents' ID numbers and phones included, readable by whoever has
   * the password typed here. Logged with the number of personal records it carries.
   */
  'backup.export': method({
    audit: 'export',
    summary: '导出备份：用输入的密码加密，便于用 U 盘带到另一台电脑（含全部数据和居民个人信息）',
    perm: 'system:backup',
    write: 'self',
    input: z.object({ password: Password }),
    output: z.object({ fileName: z.string(), base64: z.string(), size: z.number().int(), rowCount: z.number().int() }),
  }),
  'backup.restore': method({
    summary: '从备份恢复：先检查备份，再自动做“恢复前”备份，然后整体替换数据',
    perm: 'system:backup',
    write: 'self',
    // Below V8's longest string (~536 MB): the body is decoded as one string.
    maxBodyBytes: 480 * 1024 * 1024,
    input: z.union([
      z.object({ backup: BackupFileName }),
      z.object({ upload: z.string().min(1, '请选择备份文件'), fileName: z.string().max(200), password: z.string().min(1, '请输入该备份文件的密码') }),
    ]),
    output: Ok,
  }),
  'backup.status': method({
    summary: '备份状况：最近一次备份、是否已超过一天、占用的空间、自动备份是否出错',
    perm: 'system:backup',
    write: false,
    input: z.object({}),
    output: BackupStatus,
  }),
  /**
   * The recovery page, shown before anyone can sign in when the database is missing or
   * damaged. Public, because no user can be checked then; the backups are listed and a
   * restore is allowed only to a caller on the machine itself (never a LAN user).
   */
  'recovery.status': method({
    scope: 'office',
    summary: '恢复页面：数据库为何无法打开，以及通过完整性检查的备份（仅本机可见）',
    perm: 'public',
    write: false,
    input: z.object({}),
    output: RecoveryStatus,
  }),
  'recovery.restore': method({
    scope: 'office',
    summary: '恢复页面：先另存损坏的数据库文件，再从所选备份恢复（仅本机）',
    perm: 'public',
    write: 'self',
    input: z.object({ backup: BackupFileName }),
    output: Ok,
  }),
};

export type BackupStatusData = z.output<typeof BackupStatus>;
export type RecoveryStatusData = z.output<typeof RecoveryStatus>;
