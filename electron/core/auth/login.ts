import type Database from 'better-sqlite3-multiple-ciphers';
import { ApiError } from '../../../shared/api/errors';
import { stmt } from '../db/statements';
import { writeAudit } from './audit';
import { dummyHash, verifyPassword } from './password';

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;

/**
 * Per-address slow-down, in memory: the failures an address made in the last 15 minutes.
 * After five, each further attempt waits longer (up to 8 s), so guessing across many user
 * names gets slow too. A success does not reset it: an attacker signing in with their own
 * account between guesses must not win back full speed. It fades as the failures age.
 */
const byClient = new Map<string, number[]>();
const recent = (client: string, now: number) => (byClient.get(client) ?? []).filter((t) => now - t < LOCK_MS);
export const clientDelayMs = (client: string, now = Date.now()) => {
  const n = recent(client, now).length;
  return n < MAX_FAILURES ? 0 : Math.min(8000, 250 * 2 ** (n - MAX_FAILURES));
};
export const resetClientFailures = () => byClient.clear();
function noteClientFailure(client: string, now: number): void {
  // Enough to reach the longest delay; older entries would change nothing.
  byClient.set(client, [...recent(client, now), now].slice(-MAX_FAILURES - 8));
  if (byClient.size > 10_000) byClient.delete(byClient.keys().next().value!);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const WRONG = '用户名或密码错误';
const LOCKED = '该用户名在这台电脑上连续 5 次登录失败，已锁定 15 分钟。请稍后再试，或在服务器本机登录，或联系管理员。';

export interface Client {
  /** 'desktop' or the client's IP address. */
  address: string;
  /** The desktop window or 127.0.0.1 / ::1: the machine itself, never locked out nor slowed. */
  local: boolean;
}

/**
 * Checks a user name and password. The reply never tells whether the name exists: an
 * unknown name costs the same hash and counts towards the same lock-out. Failures lock
 * a name on the address that made them only, so an attacker elsewhere can never lock
 * the real user out; the machine itself always gets to try.
 */
export async function checkCredentials(db: Database.Database, username: string, password: string, client: Client, now: Date): Promise<number> {
  const { address, local } = client;
  const delay = local ? 0 : clientDelayMs(address, now.getTime());
  if (delay) await sleep(delay);
  const log = (kind: 'auth' | 'security', detail: object) =>
    writeAudit(db, { ts: now.toISOString(), userId: null, username, client: address, method: 'auth.login', kind, detail });

  const fail = stmt(db, 'SELECT failures, locked_until AS lockedUntil FROM login_failures WHERE username = ? AND client = ?').get(username, address) as
    { failures: number; lockedUntil: string | null } | undefined;
  if (!local && fail?.lockedUntil && Date.parse(fail.lockedUntil) > now.getTime()) {
    log('security', { event: 'locked-attempt' });
    throw new ApiError('LOCKED', LOCKED);
  }
  const user = stmt(db, 'SELECT id, password_hash AS hash FROM users WHERE username = ? AND disabled = 0').get(username) as
    { id: number; hash: string } | undefined;
  const ok = await verifyPassword(password, user?.hash ?? (await dummyHash()));
  if (ok && user) {
    stmt(db, 'DELETE FROM login_failures WHERE username = ? AND client = ?').run(username, address);
    return user.id;
  }
  log('auth', { event: 'failed' });
  if (local) throw new ApiError('UNAUTHENTICATED', WRONG);
  const failures = (fail?.lockedUntil ? 0 : (fail?.failures ?? 0)) + 1;
  const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS).toISOString() : null;
  stmt(
    db,
    `INSERT INTO login_failures (username, client, failures, locked_until) VALUES (?, ?, ?, ?)
     ON CONFLICT (username, client) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
  ).run(username, address, lockedUntil ? 0 : failures, lockedUntil);
  noteClientFailure(address, now.getTime());
  if (lockedUntil) {
    log('security', { event: 'locked', until: lockedUntil });
    throw new ApiError('LOCKED', LOCKED);
  }
  throw new ApiError('UNAUTHENTICATED', WRONG);
}

/** Wrong old passwords given to 修改密码, per session: the fifth ends the session. */
const wrongOldPasswords = new Map<number, number>();
export const resetPasswordChangeFailures = () => wrongOldPasswords.clear();

/**
 * Counts a wrong old password for 修改密码 on this session. An unlocked screen or a stolen
 * session cookie must not become a way to guess the password without limit: after five
 * the session is signed out, and signing in again goes through the sign-in limits.
 * Returns true when the session has to end.
 */
export function wrongOldPassword(sessionId: number): boolean {
  const n = (wrongOldPasswords.get(sessionId) ?? 0) + 1;
  if (n >= MAX_FAILURES) {
    wrongOldPasswords.delete(sessionId);
    return true;
  }
  wrongOldPasswords.set(sessionId, n);
  if (wrongOldPasswords.size > 10_000) wrongOldPasswords.delete(wrongOldPasswords.keys().next().value!);
  return false;
}
export const rightOldPassword = (sessionId: number) => wrongOldPasswords.delete(sessionId);
