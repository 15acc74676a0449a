import type Database from 'better-sqlite3-multiple-ciphers';
import { ApiError } from '../../../shared/api/errors';
import { Password } from '../../../shared/api/auth';
import type { Role } from '../../../shared/domain/roles';
import { stmt } from '../db/statements';
import { insertUser } from './users-repo';

/** One demo user per role (scripted demo office), all with the administrator's password. */
export const DEMO_USERS: { username: string; displayName: string; role: Role }[] = [
  { username: 'zhihui', displayName: '指挥中心值班员', role: 'command' },
  { username: 'shequ', displayName: '社区工作人员', role: 'community' },
  { username: 'wuzi', displayName: '物资保障员', role: 'supplies' },
  { username: 'diaodu', displayName: '志愿者调度员', role: 'roster' },
  { username: 'lingdao', displayName: '街道领导', role: 'viewer' },
];

/**
 * STREET_COMMAND_ADMIN_PASSWORD on a new database: the user `admin` with that password,
 * and in the demo office one user per role (the community worker scoped to one community).
 */
export async function bootstrapUsers(db: Database.Database, password: string, withDemoUsers: boolean, now: Date): Promise<void> {
  const checked = Password.safeParse(password);
  if (!checked.success) throw new ApiError('VALIDATION', `STREET_COMMAND_ADMIN_PASSWORD 不符合要求：${checked.error.issues[0]?.message}`);
  await insertUser(
    db,
    { username: 'admin', displayName: '系统管理员', phone: null, role: 'admin', scopeAll: true, communityIds: [], password, mustChangePassword: false },
    now,
  );
  if (!withDemoUsers) return;
  const first = stmt(db, 'SELECT id FROM communities ORDER BY id LIMIT 1').get() as { id: number } | undefined;
  for (const u of DEMO_USERS) {
    const scoped = u.role === 'community' && first !== undefined;
    await insertUser(db, { ...u, phone: null, scopeAll: !scoped, communityIds: scoped ? [first.id] : [], password, mustChangePassword: false }, now);
  }
}
