import type Database from 'better-sqlite3-multiple-ciphers';
import { dayEnd } from '../../../shared/domain/days';
import { stmt } from '../db/statements';
import { type PostRow, postShifts } from './roster';
import { currentStaffing } from './staffing';

/**
 * Volunteers' figures of one day: duty at checkpoints from the roster covering the day
 * (the newest one if several do), as the roster and its attendance recorded it. People
 * and teams, and a post's staff per shift and shift pattern, are as registered now (they
 * keep no history).
 */

type Db = Database.Database;

export interface VolunteerDayFigures {
  people: number;
  teams: number;
  /** Places to fill at checkpoint posts over the day's shifts. */
  dutyNeeded: number;
  /** Of those, filled by someone not marked absent (no more than the post needs). */
  dutyFilled: number;
  dutyPeople: number;
  dutyAbsent: number;
}

const count = (db: Db, sql: string, ...p: unknown[]) => (stmt(db, sql).get(...p) as { n: number }).n;

export function volunteerDayFigures(db: Db, day: string): VolunteerDayFigures {
  return { people: count(db, 'SELECT count(*) AS n FROM people'), teams: count(db, 'SELECT count(*) AS n FROM teams'), ...duty(db, day) };
}

function duty(db: Db, day: string) {
  const roster = stmt(
    db,
    "SELECT id, start_date FROM rosters WHERE start_date <= ? AND date(start_date, '+' || days || ' days') > ? ORDER BY id DESC LIMIT 1",
  ).get(day, day) as { id: number; start_date: string } | undefined;
  if (!roster) return { dutyNeeded: 0, dutyFilled: 0, dutyPeople: 0, dutyAbsent: 0 };
  const index = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${roster.start_date}T00:00:00Z`)) / 86_400_000);
  // A checkpoint's post stands when its checkpoint was active at the end of the day (its
  // history, migration 0150), so a checkpoint paused today leaves yesterday's duty alone.
  const posts = stmt(
    db,
    `SELECT p.id, p.per_shift, p.pattern, p.custom_shifts FROM posts p WHERE p.checkpoint_id IS NOT NULL
       AND (SELECT s.status FROM checkpoint_states s WHERE s.checkpoint_id = p.checkpoint_id AND s.since < ? ORDER BY s.since DESC LIMIT 1) = 'active'`,
  ).all(dayEnd(day)) as Pick<PostRow, 'id' | 'per_shift' | 'pattern' | 'custom_shifts'>[];
  const present = new Map(
    (
      stmt(
        db,
        "SELECT post_id AS post, shift, sum(coalesce(attendance, '') <> 'absent') AS n FROM assignments WHERE roster_id = ? AND day = ? GROUP BY post_id, shift",
      ).all(roster.id, index) as { post: number; shift: number; n: number }[]
    ).map((r) => [`${r.post}:${r.shift}`, r.n]),
  );
  let dutyNeeded = 0;
  let dutyFilled = 0;
  for (const p of posts) {
    postShifts(p).forEach((_, shift) => {
      dutyNeeded += p.per_shift;
      dutyFilled += Math.min(p.per_shift, present.get(`${p.id}:${shift}`) ?? 0);
    });
  }
  const dutyAbsent = count(db, "SELECT count(*) AS n FROM assignments WHERE roster_id = ? AND day = ? AND attendance = 'absent'", roster.id, index);
  const dutyPeople = count(
    db,
    "SELECT count(DISTINCT person_id) AS n FROM assignments WHERE roster_id = ? AND day = ? AND coalesce(attendance, '') <> 'absent'",
    roster.id,
    index,
  );
  return { dutyNeeded, dutyFilled, dutyPeople, dutyAbsent };
}

/** Checkpoints a roster covers this shift, and those standing with fewer people than needed (the 总览's 当班). */
export function shiftStaffing(db: Db, now: Date) {
  const byCheckpoint = new Map<number, { need: number; have: number }>();
  for (const s of currentStaffing(db, now)) {
    const v = byCheckpoint.get(s.checkpointId) ?? { need: 0, have: 0 };
    v.need += s.need;
    v.have += s.have;
    byCheckpoint.set(s.checkpointId, v);
  }
  const names = new Map((stmt(db, 'SELECT id, name FROM checkpoints').all() as { id: number; name: string }[]).map((r) => [r.id, r.name]));
  const short = [...byCheckpoint].filter(([, v]) => v.have < v.need).map(([id]) => names.get(id) ?? `卡点 ${id}`);
  return { required: byCheckpoint.size, staffed: byCheckpoint.size - short.length, short: short.slice(0, 20) };
}
