import type Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import { stmt } from '../db/statements';

/** How long a pairing code may be used: long enough to walk to the phone, short enough to be worthless later. */
export const PAIRING_MS = 10 * 60 * 1000;

const hash = (code: string) => crypto.createHash('sha256').update(code).digest('hex');

/** 128 random bits: the code travels in a QR code, so its length costs nobody any typing. */
export function createPairingCode(db: Database.Database, userId: number, createdBy: string, now: Date): { code: string; expiresAt: string } {
  const code = crypto.randomBytes(16).toString('base64url');
  const expiresAt = new Date(now.getTime() + PAIRING_MS).toISOString();
  // Spent and expired codes are kept a day for the record, then dropped.
  stmt(db, 'DELETE FROM pairing_codes WHERE expires_at < ?').run(new Date(now.getTime() - 86_400_000).toISOString());
  stmt(db, 'INSERT INTO pairing_codes (code_hash, user_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
    hash(code),
    userId,
    createdBy,
    now.toISOString(),
    expiresAt,
  );
  return { code, expiresAt };
}

/** Spends a code and returns its user; a code that is unknown, used or expired is refused alike, in Chinese. */
export function redeemPairingCode(db: Database.Database, code: string, client: string, now: Date): number {
  const row = stmt(db, 'SELECT id, user_id AS userId, expires_at AS expiresAt, used_at AS usedAt FROM pairing_codes WHERE code_hash = ?').get(hash(code)) as
    { id: number; userId: number; expiresAt: string; usedAt: string | null } | undefined;
  if (!row) throw new ApiError('UNAUTHENTICATED', '配对码无效，请在办公室电脑上重新生成二维码。');
  if (row.usedAt) throw new ApiError('UNAUTHENTICATED', '该配对码已使用过，每个配对码只能使用一次。请重新生成二维码。');
  if (Date.parse(row.expiresAt) <= now.getTime()) throw new ApiError('UNAUTHENTICATED', '配对码已过期（有效期 10 分钟），请重新生成二维码。');
  const spent = stmt(db, 'UPDATE pairing_codes SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL').run(now.toISOString(), client, row.id);
  if (spent.changes !== 1) throw new ApiError('UNAUTHENTICATED', '该配对码已使用过，每个配对码只能使用一次。请重新生成二维码。');
  const user = stmt(db, 'SELECT disabled FROM users WHERE id = ?').get(row.userId) as { disabled: number } | undefined;
  if (!user || user.disabled) throw new ApiError('FORBIDDEN', '该账号已停用，无法配对登录。');
  return row.userId;
}
