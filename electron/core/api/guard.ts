import { ApiError } from '../../../shared/api/errors';
import type { MethodSpec } from '../../../shared/api/contract';
import { can, ROLE_LABELS } from '../../../shared/domain/roles';
import type { SessionUser } from '../auth/sessions';

/** Methods a user who must change the password may still call. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['auth.status', 'auth.me', 'auth.logout', 'auth.changePassword', 'settings.security']);

/**
 * The one place permissions are checked, for every transport: a session for all but
 * public methods, the role's permission, and personal:unmask for a reveal request.
 */
export function authorize(name: string, spec: MethodSpec, user: SessionUser | null, input: unknown, hadToken: boolean): void {
  if (spec.perm === 'public') return;
  if (!user) throw new ApiError('UNAUTHENTICATED', hadToken ? '登录已过期，请重新登录' : '请先登录');
  if (user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(name)) {
    throw new ApiError('PASSWORD_CHANGE_REQUIRED', '首次登录或密码被重置后，请先修改密码');
  }
  if (spec.perm !== 'session' && !can(user.role, spec.perm)) {
    throw new ApiError('FORBIDDEN', `当前角色（${ROLE_LABELS[user.role]}）无权执行此操作`);
  }
  const wantsReveal = !!(input as { reveal?: unknown } | null)?.reveal;
  if (wantsReveal && (!spec.personal || !can(user.role, 'personal:unmask'))) {
    throw new ApiError('FORBIDDEN', `当前角色（${ROLE_LABELS[user.role]}）无权查看完整的个人信息`);
  }
}
