import { z } from 'zod';
import { method } from './contract';
import { Password } from './auth';
import { Ok } from './common';

/** Moving a backup to another PC (password-protected file) and restoring one. */
export const backup = {
  'backup.export': method({
    summary: '导出备份：用输入的密码加密，便于用 U 盘带到另一台电脑',
    perm: 'system:backup',
    write: 'self',
    input: z.object({ password: Password }),
    output: z.object({ fileName: z.string(), base64: z.string(), size: z.number().int() }),
  }),
  'backup.restore': method({
    summary: '从备份恢复：先检查备份，再自动做“恢复前”备份，然后整体替换数据',
    perm: 'system:backup',
    write: 'self',
    // Below V8's longest string (~536 MB): the body is decoded as one string.
    maxBodyBytes: 480 * 1024 * 1024,
    input: z.union([
      z.object({ backup: z.string().regex(/^street-command-\d{8}-\d{9}-[a-z]+\.db$/, '备份文件名无效') }),
      z.object({ upload: z.string().min(1, '请选择备份文件'), fileName: z.string().max(200), password: z.string().min(1, '请输入该备份文件的密码') }),
    ]),
    output: Ok,
  }),
};
