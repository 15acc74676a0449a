import type { auth } from '../../../shared/api/auth';
import { ApiError } from '../../../shared/api/errors';
import type { Ctx, Handlers } from '../api/types';
import { stmt } from '../db/statements';
import { writeAudit } from './audit';
import { checkCredentials, rightOldPassword, wrongOldPassword } from './login';
import { hashPassword, verifyPassword } from './password';
import { createSession, resolveSession, revokeAllSessions, revokeSession } from './sessions';
import { putSetting } from './settings';
import { auditRetentionYears, idleTimeoutMinutes } from './settings';
import { getUser, insertUser, listUsers, setCommunities, toMe, userCount } from './users-repo';
import { auditExport } from './audit-export';
import { readJobOr, worthAThread } from '../db/read-job-or';
import { listAudit } from './audit-list';

const me = (ctx: Ctx) => {
  if (!ctx.user) throw new ApiError('UNAUTHENTICATED', '请先登录');
  return toMe(ctx.db, ctx.user);
};

/** Starts a session for userId and tells the transport to keep its token. */
function signIn(ctx: Ctx, userId: number) {
  const now = ctx.now();
  stmt(ctx.db, 'UPDATE users SET last_login_at = ? WHERE id = ?').run(now.toISOString(), userId);
  const token = createSession(ctx.db, userId, ctx.client, now);
  ctx.session.set = token;
  return toMe(ctx.db, resolveSession(ctx.db, token, now)!);
}

export const authHandlers: Handlers<keyof typeof auth> = {
  'auth.status': (_, ctx) => {
    const needsSetup = userCount(ctx.db) === 0;
    return { needsSetup, setupAllowedHere: needsSetup && ctx.local, me: ctx.user ? toMe(ctx.db, ctx.user) : null };
  },
  'auth.setup': async (input, ctx) => {
    if (userCount(ctx.db) > 0) throw new ApiError('FORBIDDEN', '系统已有管理员，请直接登录。');
    if (!ctx.local) throw new ApiError('FORBIDDEN', '首个管理员只能在本机上创建（桌面程序，或在服务器本机用 127.0.0.1 打开）。');
    const user = await insertUser(ctx.db, { ...input, phone: null, role: 'admin', scopeAll: true, communityIds: [], mustChangePassword: false }, ctx.now());
    return signIn(ctx, user.id);
  },
  'auth.login': async ({ username, password }, ctx) =>
    signIn(ctx, await checkCredentials(ctx.db, username, password, { address: ctx.client, local: ctx.local }, ctx.now())),
  'auth.logout': ({ everywhere }, ctx) => {
    if (everywhere) revokeAllSessions(ctx.db, ctx.user!.id);
    else revokeSession(ctx.db, ctx.user!.sessionId);
    ctx.session.clear = true;
    return { ok: true as const };
  },
  'auth.me': (_, ctx) => me(ctx),
  'auth.changePassword': async ({ oldPassword, newPassword }, ctx) => {
    const row = stmt(ctx.db, 'SELECT password_hash AS hash FROM users WHERE id = ?').get(ctx.user!.id) as { hash: string };
    if (!(await verifyPassword(oldPassword, row.hash))) {
      const user = ctx.user!;
      const ends = wrongOldPassword(user.sessionId);
      writeAudit(ctx.db, {
        ts: ctx.now().toISOString(),
        userId: user.id,
        username: user.username,
        client: ctx.client,
        method: 'auth.changePassword',
        kind: ends ? 'security' : 'auth',
        detail: { event: ends ? 'signed-out-after-wrong-old-passwords' : 'wrong-old-password' },
      });
      if (ends) {
        revokeSession(ctx.db, user.sessionId);
        ctx.session.clear = true;
        throw new ApiError('UNAUTHENTICATED', '原密码连续 5 次不正确，已退出登录。请重新登录后再修改密码。');
      }
      throw new ApiError('VALIDATION', '原密码不正确', [{ path: 'oldPassword', message: '原密码不正确' }]);
    }
    rightOldPassword(ctx.user!.sessionId);
    const hash = await hashPassword(newPassword);
    ctx.db.transaction(() => {
      stmt(ctx.db, 'UPDATE users SET password_hash = ?, must_change_password = 0, updated_at = ? WHERE id = ?').run(
        hash,
        ctx.now().toISOString(),
        ctx.user!.id,
      );
      // Other devices signed in with the old password are signed out.
      stmt(ctx.db, 'UPDATE sessions SET revoked = 1 WHERE user_id = ? AND id <> ?').run(ctx.user!.id, ctx.user!.sessionId);
    })();
    return { ok: true as const };
  },
  'users.list': (input, { db }) => listUsers(db, input),
  'users.create': async (input, ctx) => {
    const user = await insertUser(ctx.db, { ...input, mustChangePassword: true }, ctx.now());
    ctx.record({ entity: 'users', id: user.id, before: null, after: user });
    return user;
  },
  'users.update': (input, ctx) => {
    const before = getUser(ctx.db, input.id);
    if (input.id === ctx.user!.id && (input.disabled || input.role !== 'admin')) {
      throw new ApiError('VALIDATION', '不能停用自己或取消自己的管理员角色');
    }
    stmt(ctx.db, 'UPDATE users SET display_name = ?, phone = ?, role = ?, scope_all = ?, disabled = ?, updated_at = ? WHERE id = ?').run(
      input.displayName,
      input.phone,
      input.role,
      input.scopeAll ? 1 : 0,
      input.disabled ? 1 : 0,
      ctx.now().toISOString(),
      input.id,
    );
    setCommunities(ctx.db, input.id, input.scopeAll ? [] : input.communityIds);
    if (input.disabled || input.role !== before.role) revokeAllSessions(ctx.db, input.id);
    const after = getUser(ctx.db, input.id);
    ctx.record({ entity: 'users', id: input.id, before, after });
    return after;
  },
  'users.resetPassword': async ({ id, password }, ctx) => {
    getUser(ctx.db, id);
    const hash = await hashPassword(password);
    ctx.db.transaction(() => {
      stmt(ctx.db, 'UPDATE users SET password_hash = ?, must_change_password = 1, updated_at = ? WHERE id = ?').run(hash, ctx.now().toISOString(), id);
      stmt(ctx.db, 'DELETE FROM login_failures WHERE username = (SELECT username FROM users WHERE id = ?)').run(id);
      revokeAllSessions(ctx.db, id);
    })();
    return { ok: true as const };
  },
  'audit.list': (input, { db }) => listAudit(db, input),
  'audit.export': (input, { db, now }) =>
    readJobOr(
      db,
      worthAThread(db, 'audit_log'),
      { module: new URL('./audit-export.ts', import.meta.url), fn: 'auditExport' },
      { q: input, nowMs: now().getTime() },
      auditExport,
    ),
  'settings.security': (_, { db }) => ({ idleTimeoutMinutes: idleTimeoutMinutes(db), auditRetentionYears: auditRetentionYears(db) }),
  'settings.updateSecurity': (input, { db }) => {
    putSetting(db, 'idle_timeout_minutes', String(input.idleTimeoutMinutes));
    putSetting(db, 'audit_retention_years', String(input.auditRetentionYears));
    return input;
  },
};
