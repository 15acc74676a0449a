import type Database from 'better-sqlite3-multiple-ciphers';
import { ApiError } from '../../../shared/api/errors';
import { stmt } from '../db/statements';
import { writeAudit } from './audit';
import { dummyHash, verifyPassword } from './password';

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;

/**
 * Per-address slow-down, in memory: after five failures from one address each further
 * attempt waits longer (up to 8 s), so guessing across many user names gets slow too.
 */
const byClient = new Map<string, number>();
export const clientDelayMs = (client: string) => {
  const n = byClient.get(client) ?? 0;
  return n < MAX_FAILURES ? 0 : Math.min(8000, 250 * 2 ** (n - MAX_FAILURES));
};
export const resetClientFailures = () => byClient.clear();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const WRONG = '用户名或密码错误';

/**
 * Checks a user name and password. The reply never tells whether the name exists: an
 * unknown name costs the same hash and counts towards the same lock-out.
 */
export async function checkCredentials(db: Database.Database, username: string, password: string, client: string, now: Date): Promise<number> {
  const delay = clientDelayMs(client);
  if (delay) await sleep(delay);
  const log = (kind: 'auth' | 'security', detail: object) =>
    writeAudit(db, { ts: now.toISOString(), userId: null, username, client, method: 'auth.login', kind, detail });

  const fail = stmt(db, 'SELECT failures, locked_until AS lockedUntil FROM login_failures WHERE username = ?').get(username) as
    | { failures: number; lockedUntil: string | null }
    | undefined;
  if (fail?.lockedUntil && Date.parse(fail.lockedUntil) > now.getTime()) {
    log('security', { event: 'locked-attempt' });
    throw new ApiError('LOCKED', '该用户名因连续 5 次登录失败已被锁定 15 分钟，请稍后再试或联系管理员。');
  }
  const user = stmt(db, 'SELECT id, password_hash AS hash FROM users WHERE username = ? AND disabled = 0').get(username) as
    | { id: number; hash: string }
    | undefined;
  const ok = await verifyPassword(password, user?.hash ?? (await dummyHash()));
  if (ok && user) {
    stmt(db, 'DELETE FROM login_failures WHERE username = ?').run(username);
    byClient.delete(client);
    return user.id;
  }
  const failures = (fail?.lockedUntil ? 0 : (fail?.failures ?? 0)) + 1;
  const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS).toISOString() : null;
  stmt(
    db,
    `INSERT INTO login_failures (username, failures, locked_until) VALUES (?, ?, ?)
     ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
  ).run(username, lockedUntil ? 0 : failures, lockedUntil);
  byClient.set(client, (byClient.get(client) ?? 0) + 1);
  log('auth', { event: 'failed' });
  if (lockedUntil) {
    log('security', { event: 'locked', until: lockedUntil });
    throw new ApiError('LOCKED', '该用户名因连续 5 次登录失败已被锁定 15 分钟，请稍后再试或联系管理员。');
  }
  throw new ApiError('UNAUTHENTICATED', WRONG);
}
