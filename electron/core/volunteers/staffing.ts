import type Database from 'better-sqlite3-multiple-ciphers';
import { shiftLabel, shiftSpan } from '../../../shared/domain/shifts';
import { stmt } from '../db/statements';
import type { PostRow } from './roster';
import { postShifts } from './roster';
import { localDay, midnight } from '../../../shared/domain/days';

export interface Staffing {
  checkpointId: number;
  need: number;
  /** People placed in the current shift and not marked 缺岗. */
  have: number;
  shift: string;
}

/**
 * Who stands at each checkpoint now, from the roster covering this moment (Beijing time):
 * the slot whose span contains now, including a night shift that began yesterday.
 * Checkpoints with no roster for now are left out: the map then shows status only.
 */
export function currentStaffing(db: Database.Database, now: Date): Staffing[] {
  const today = localDay(now);
  const roster = stmt(
    db,
    "SELECT id, start_date FROM rosters WHERE start_date <= ? AND date(start_date, '+' || days || ' days') > ? ORDER BY id DESC LIMIT 1",
  ).get(today, today) as { id: number; start_date: string } | undefined;
  if (!roster) return [];
  const hours = (now.getTime() - midnight(roster.start_date).getTime()) / 3_600_000;
  const posts = stmt(
    db,
    'SELECT id, checkpoint_id, per_shift, pattern, custom_shifts FROM posts WHERE checkpoint_id IS NOT NULL AND active = 1',
  ).all() as (Pick<PostRow, 'id' | 'per_shift' | 'pattern' | 'custom_shifts'> & {
    checkpoint_id: number;
  })[];
  const count = stmt(
    db,
    "SELECT count(*) AS n FROM assignments WHERE roster_id = ? AND post_id = ? AND day = ? AND shift = ? AND coalesce(attendance, '') <> 'absent'",
  );
  const today0 = Math.floor(hours / 24);
  const out: Staffing[] = [];
  for (const p of posts) {
    const shifts = postShifts(p);
    for (const day of [today0, today0 - 1]) {
      if (day < 0) continue;
      const i = shifts.findIndex((sh) => {
        const [s, e] = shiftSpan(day, sh);
        return hours >= s && hours < e;
      });
      if (i < 0) continue;
      out.push({
        checkpointId: p.checkpoint_id,
        need: p.per_shift,
        have: (count.get(roster.id, p.id, day, i) as { n: number }).n,
        shift: shiftLabel(shifts[i]!),
      });
      break;
    }
  }
  return out;
}
