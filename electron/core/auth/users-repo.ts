import type Database from 'better-sqlite3-multiple-ciphers';
import type { MeData, UserRow } from '../../../shared/api/auth';
import { ApiError } from '../../../shared/api/errors';
import { ROLE_PERMISSIONS, type Role } from '../../../shared/domain/roles';
import { stmt } from '../db/statements';
import { hashPassword } from './password';
import { communityIdsOf, type SessionUser } from './sessions';
import { idleTimeoutMinutes } from './settings';

const SELECT_USER = `SELECT id, username, display_name AS displayName, phone, role, scope_all AS scopeAll, disabled,
  must_change_password AS mustChangePassword, last_login_at AS lastLoginAt, created_at AS createdAt FROM users`;

type RawUser = Omit<UserRow, 'scopeAll' | 'disabled' | 'mustChangePassword' | 'communityIds'> & {
  scopeAll: number;
  disabled: number;
  mustChangePassword: number;
};

export function toUser(db: Database.Database, r: RawUser): UserRow {
  return {
    ...r,
    scopeAll: r.scopeAll === 1,
    disabled: r.disabled === 1,
    mustChangePassword: r.mustChangePassword === 1,
    communityIds: communityIdsOf(db, r.id),
  };
}

export function getUser(db: Database.Database, id: number): UserRow {
  const r = stmt(db, `${SELECT_USER} WHERE id = ?`).get(id) as RawUser | undefined;
  if (!r) throw new ApiError('NOT_FOUND', `用户不存在（编号 ${id}）`);
  return toUser(db, r);
}

export function listUsers(db: Database.Database, q: { q?: string; role?: Role; page: number; pageSize: number }) {
  const where = `WHERE (? IS NULL OR username LIKE ? OR display_name LIKE ?) AND (? IS NULL OR role = ?)`;
  const like = q.q ? `%${q.q}%` : null;
  const params = [like, like, like, q.role ?? null, q.role ?? null];
  const total = (stmt(db, `SELECT count(*) AS n FROM users ${where}`).get(...params) as { n: number }).n;
  const rows = (stmt(db, `${SELECT_USER} ${where} ORDER BY id LIMIT ? OFFSET ?`).all(...params, q.pageSize, (q.page - 1) * q.pageSize) as RawUser[]).map((r) =>
    toUser(db, r),
  );
  return { rows, total };
}

export function setCommunities(db: Database.Database, userId: number, ids: number[]): void {
  stmt(db, 'DELETE FROM user_communities WHERE user_id = ?').run(userId);
  for (const id of ids) {
    if (!stmt(db, 'SELECT 1 FROM communities WHERE id = ?').get(id)) throw new ApiError('VALIDATION', `负责的社区不存在（编号 ${id}）`);
    stmt(db, 'INSERT INTO user_communities (user_id, community_id) VALUES (?, ?)').run(userId, id);
  }
}

export interface NewUser {
  username: string;
  displayName: string;
  phone: string | null;
  role: Role;
  scopeAll: boolean;
  communityIds: number[];
  password: string;
  mustChangePassword: boolean;
}

/** Hashes first (async), then writes user and scope in one transaction. */
export async function insertUser(db: Database.Database, u: NewUser, now: Date): Promise<UserRow> {
  const hash = await hashPassword(u.password);
  const at = now.toISOString();
  return db.transaction(() => {
    if (stmt(db, 'SELECT 1 FROM users WHERE username = ?').get(u.username)) throw new ApiError('CONFLICT', `用户名“${u.username}”已被使用`);
    const info = stmt(
      db,
      `INSERT INTO users (username, display_name, phone, role, scope_all, password_hash, must_change_password, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(u.username, u.displayName, u.phone, u.role, u.scopeAll ? 1 : 0, hash, u.mustChangePassword ? 1 : 0, at, at);
    const id = Number(info.lastInsertRowid);
    setCommunities(db, id, u.scopeAll ? [] : u.communityIds);
    return getUser(db, id);
  })();
}

export function toMe(db: Database.Database, u: SessionUser): MeData {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scopeAll: u.scopeAll,
    communityIds: u.communityIds,
    permissions: [...ROLE_PERMISSIONS[u.role]],
    mustChangePassword: u.mustChangePassword,
    idleTimeoutMinutes: idleTimeoutMinutes(db),
  };
}

export const userCount = (db: Database.Database) => (stmt(db, 'SELECT count(*) AS n FROM users').get() as { n: number }).n;
