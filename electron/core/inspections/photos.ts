import type Database from 'better-sqlite3-multiple-ciphers';
import { ApiError } from '../../../shared/api/errors';
import { MAX_PHOTO_BYTES } from '../../../shared/api/inspections';
import { stmt } from '../db/statements';
import type { Scope } from '../kernel/entity';

/**
 * Photos arrive downscaled by the browser (≤ 1,600 px). Here they are checked by their
 * bytes, not their name: JPEG, PNG or WebP with readable dimensions, within the size and
 * pixel limits; anything else is refused with a message.
 */
export const MAX_PHOTO_SIDE = 2048;

function dimensions(b: Buffer): { mime: 'image/jpeg' | 'image/png' | 'image/webp'; width: number; height: number } | null {
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') {
    return { mime: 'image/png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b.length > 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    const chunk = b.toString('latin1', 12, 16);
    if (chunk === 'VP8 ') return { mime: 'image/webp', width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = b.readUInt32LE(21);
      return { mime: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X') return { mime: 'image/webp', width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
    return null;
  }
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    // Walk the JPEG segments to the frame header (SOF0–SOF15 except DHT/JPG/DAC).
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      const len = b.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
        return { mime: 'image/jpeg', height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      i += 2 + len;
    }
  }
  return null;
}

export function savePhoto(
  db: Database.Database,
  base64: string,
  owner: { problemId?: number; eventId?: number },
  who: { username: string; now: Date },
): number {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_PHOTO_BYTES) throw new ApiError('VALIDATION', `照片过大（${(bytes.length / 1e6).toFixed(1)} MB，压缩后应小于 1.5 MB）`);
  const d = dimensions(bytes);
  if (!d || d.width < 1 || d.height < 1) throw new ApiError('VALIDATION', '照片不是可识别的图片（支持 JPG、PNG、WebP）');
  if (d.width > MAX_PHOTO_SIDE || d.height > MAX_PHOTO_SIDE) throw new ApiError('VALIDATION', `照片尺寸过大（${d.width}×${d.height}），请压缩到 1600 像素以内`);
  return Number(
    stmt(db, 'INSERT INTO photos (problem_id, event_id, mime, width, height, bytes, username, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      owner.problemId ?? null,
      owner.eventId ?? null,
      d.mime,
      d.width,
      d.height,
      bytes,
      who.username,
      who.now.toISOString(),
    ).lastInsertRowid,
  );
}

/** A photo, if the caller may see the problem or premises it belongs to (community scope, as in the lists). */
export function getPhoto(db: Database.Database, id: number, scope: Scope) {
  const p = stmt(
    db,
    `SELECT f.mime, f.width, f.height, f.bytes FROM photos f
     WHERE f.id = @id AND (@all = 1 OR coalesce(
       (SELECT community_id FROM problems WHERE id = f.problem_id),
       (SELECT community_id FROM premises WHERE pledge_scan_id = f.id)
     ) IN (SELECT community_id FROM user_communities WHERE user_id = @uid))`,
  ).get({ id, all: scope.all ? 1 : 0, uid: scope.userId }) as { mime: string; width: number; height: number; bytes: Buffer } | undefined;
  if (!p) throw new ApiError('NOT_FOUND', '照片不存在');
  return { mime: p.mime, width: p.width, height: p.height, base64: p.bytes.toString('base64') };
}
