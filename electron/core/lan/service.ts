import { DEFAULT_LAN_CONFIG, type lan } from '../../../shared/api/lan';
import { ApiError } from '../../../shared/api/errors';
import type { Ctx, Handlers } from '../api/types';
import { stmt } from '../db/statements';
import { createSession, resolveSession } from '../auth/sessions';
import { toMe } from '../auth/users-repo';
import { createPairingCode, redeemPairingCode } from './pairing';

/**
 * Sharing is switched and paired from the desktop window only (the process that runs the
 * server wraps the core and answers lan.status itself): a colleague on the LAN, even an
 * administrator, cannot turn the office's server off or mint sign-ins.
 */
function desktopOnly(ctx: Ctx): void {
  if (ctx.client !== 'desktop') throw new ApiError('FORBIDDEN', '局域网共享只能在运行桌面程序的电脑上设置（服务器模式请使用命令行参数 --lan）。');
}

export const lanHandlers: Handlers<keyof typeof lan> = {
  // Reached only where no desktop process answers it: a LAN caller, or serve mode.
  'lan.status': (_, ctx) => ({
    available: false,
    config: DEFAULT_LAN_CONFIG,
    interfaces: [],
    running: false,
    error: ctx.client === 'desktop' ? '本程序未托管局域网服务（服务器模式请使用命令行参数 --lan）。' : '局域网共享只能在运行桌面程序的电脑上设置。',
    urls: [],
    clients: [],
    ca: null,
  }),
  // The core checks, validates and logs; the hosting process starts the server with the parsed settings.
  'lan.update': (config, ctx) => {
    desktopOnly(ctx);
    return { available: true, config, interfaces: [], running: false, error: null, urls: [], clients: [], ca: null };
  },
  'lan.pairingCreate': ({ userId }, ctx) => {
    desktopOnly(ctx);
    const user = stmt(ctx.db, 'SELECT username, disabled FROM users WHERE id = ?').get(userId) as { username: string; disabled: number } | undefined;
    if (!user) throw new ApiError('NOT_FOUND', '账号不存在');
    if (user.disabled) throw new ApiError('BAD_REQUEST', '该账号已停用，不能配对登录。');
    const { code, expiresAt } = createPairingCode(ctx.db, userId, ctx.user!.username, ctx.now());
    return { code, url: null, expiresAt, username: user.username };
  },
  'auth.pair': ({ code }, ctx) => {
    const now = ctx.now();
    const userId = redeemPairingCode(ctx.db, code, ctx.client, now);
    stmt(ctx.db, 'UPDATE users SET last_login_at = ? WHERE id = ?').run(now.toISOString(), userId);
    const token = createSession(ctx.db, userId, ctx.client, now);
    ctx.session.set = token;
    return toMe(ctx.db, resolveSession(ctx.db, token, now)!);
  },
};
