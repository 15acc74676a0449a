import type Database from 'better-sqlite3-multiple-ciphers';
import { ApiError } from '../../../shared/api/errors';
import { ControlLevel } from '../../../shared/domain/enums';
import { dayStart, localDay } from '../../../shared/domain/days';
import { stmt } from '../db/statements';
import type { Change } from '../kernel/entity';

type Level = (typeof ControlLevel.values)[number];

/**
 * 封控 (or any change of level) with the instant it took effect and why. The trigger of
 * 0150 writes the history row at the moment of the edit; that row is then dated to the
 * given instant. Earlier than today is refused: days already briefed keep their figures.
 */
export function setLevel(
  db: Database.Database,
  f: { id: number; level: Level; at: string | null; reason: string },
  who: { username: string; now: Date },
  record?: (c: Change) => void,
): { since: string } {
  const c = stmt(db, 'SELECT name, control_level AS level, updated_at AS updatedAt FROM compounds WHERE id = ?').get(f.id) as
    { name: string; level: Level; updatedAt: string } | undefined;
  if (!c) throw new ApiError('NOT_FOUND', `小区不存在（编号 ${f.id}）`);
  if (c.level === f.level) throw new ApiError('CONFLICT', `${c.name}已经是${ControlLevel.labels[f.level]}`);
  const now = who.now.toISOString();
  const at = f.at === null ? now : new Date(f.at).toISOString();
  const issue = (message: string) => new ApiError('VALIDATION', message, [{ path: 'at', message }]);
  if (at > now) throw issue('生效时间不能晚于现在');
  if (at < dayStart(localDay(who.now))) throw issue('生效时间不能早于今天 0 点：之前各天的简报已按当时的管控等级出具');
  const last = stmt(db, 'SELECT max(since) AS since FROM compound_levels WHERE compound_id = ?').get(f.id) as { since: string | null };
  if (last.since !== null && at <= last.since) throw issue(`生效时间须晚于上次变更管控等级的时间（${fmtLocal(last.since)}）`);
  // The trigger dates its row by updated_at: the edit's own instant, moved to `at` below.
  stmt(db, 'UPDATE compounds SET control_level = ?, updated_at = ? WHERE id = ?').run(f.level, now, f.id);
  stmt(db, 'UPDATE compound_levels SET since = ?, reason = ?, username = ? WHERE compound_id = ? AND since = ?').run(at, f.reason, who.username, f.id, now);
  record?.({ entity: 'compounds', id: f.id, before: { controlLevel: c.level }, after: { controlLevel: f.level, since: at } });
  return { since: at };
}

export function levelHistory(db: Database.Database, id: number) {
  if (!stmt(db, 'SELECT 1 FROM compounds WHERE id = ?').get(id)) throw new ApiError('NOT_FOUND', `小区不存在（编号 ${id}）`);
  return stmt(db, 'SELECT since, level, reason, username FROM compound_levels WHERE compound_id = ? ORDER BY since DESC').all(id) as {
    since: string;
    level: Level;
    reason: string | null;
    username: string | null;
  }[];
}

const fmtLocal = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
