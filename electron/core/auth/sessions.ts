import type Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import type { Role } from '../../../shared/domain/roles';
import { stmt } from '../db/statements';
import { idleTimeoutMinutes } from './settings';

/** Sessions end 12 hours after sign-in whatever the activity, or after the idle timeout. */
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reads do not turn into writes. */
const TOUCH_MS = 30_000;

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scopeAll: boolean;
  communityIds: number[];
  mustChangePassword: boolean;
  sessionId: number;
}

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export function createSession(db: Database.Database, userId: number, client: string, now: Date): string {
  const token = crypto.randomBytes(32).toString('base64url');
  const at = now.toISOString();
  stmt(db, 'INSERT INTO sessions (token_hash, user_id, client, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)').run(hashToken(token), userId, client, at, at);
  return token;
}

export function communityIdsOf(db: Database.Database, userId: number): number[] {
  return (stmt(db, 'SELECT community_id AS id FROM user_communities WHERE user_id = ? ORDER BY community_id').all(userId) as { id: number }[]).map((r) => r.id);
}

/** The signed-in user for a token, or null when it is unknown, revoked, idle too long or too old. */
export function resolveSession(db: Database.Database, token: string, now: Date): SessionUser | null {
  const row = stmt(
    db,
    `SELECT s.id AS sessionId, s.created_at AS createdAt, s.last_seen_at AS lastSeenAt, u.id, u.username,
       u.display_name AS displayName, u.role, u.scope_all AS scopeAll, u.must_change_password AS mustChange
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ? AND s.revoked = 0 AND u.disabled = 0`,
  ).get(hashToken(token)) as
    | {
        sessionId: number;
        createdAt: string;
        lastSeenAt: string;
        id: number;
        username: string;
        displayName: string;
        role: Role;
        scopeAll: number;
        mustChange: number;
      }
    | undefined;
  if (!row) return null;
  const t = now.getTime();
  const idleMs = idleTimeoutMinutes(db) * 60_000;
  if (t - Date.parse(row.createdAt) > ABSOLUTE_MS || t - Date.parse(row.lastSeenAt) > idleMs) return null;
  if (t - Date.parse(row.lastSeenAt) > TOUCH_MS && !db.readonly)
    stmt(db, 'UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(now.toISOString(), row.sessionId);
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    scopeAll: row.scopeAll === 1,
    communityIds: communityIdsOf(db, row.id),
    mustChangePassword: row.mustChange === 1,
    sessionId: row.sessionId,
  };
}

export function revokeSession(db: Database.Database, sessionId: number): void {
  stmt(db, 'UPDATE sessions SET revoked = 1 WHERE id = ?').run(sessionId);
}

export function revokeAllSessions(db: Database.Database, userId: number): void {
  stmt(db, 'UPDATE sessions SET revoked = 1 WHERE user_id = ?').run(userId);
}
