import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from '../db/statements';
import { dayStart } from '../../../shared/domain/days';

/** Rows one step of the cleanup changes at most: a step is one short transaction. */
export const CLEANUP_CHUNK = 2_000;

type Counted = 'registrations' | 'keyPersons' | 'residents';

/**
 * One kind of personal data to clear: rows of `table` matching `where` (which leaves out
 * rows already cleared, so a later run takes up what an interrupted one left) get `set`,
 * or are deleted when `set` is null. `at` is the cutoff the `?` in `where` takes.
 */
interface Step {
  table: string;
  set: string | null;
  where: string;
  at: 'cutoff' | 'before' | null;
  counts?: Counted;
}

const CLEARED = "'（已清理）'";
const STEPS: Step[] = [
  {
    table: 'registrations',
    set: 'name = NULL, phone = NULL, id_number = NULL, resident_id = NULL, plate = NULL, pass_no = NULL, reason = NULL, pass_flag = NULL',
    where:
      'ts < ? AND (name IS NOT NULL OR phone IS NOT NULL OR id_number IS NOT NULL OR resident_id IS NOT NULL OR plate IS NOT NULL OR pass_no IS NOT NULL OR reason IS NOT NULL OR pass_flag IS NOT NULL)',
    at: 'cutoff',
    counts: 'registrations',
  },
  {
    table: 'key_persons',
    set: `resident_id = NULL, name = ${CLEARED}, id_number = NULL, phone = NULL, address = NULL, transport = NULL, note = NULL, search_key = ''`,
    where: `end_date <= ? AND name <> ${CLEARED}`,
    at: 'before',
    counts: 'keyPersons',
  },
  {
    table: 'key_person_events',
    set: 'note = NULL',
    where: `note IS NOT NULL AND key_person_id IN (SELECT id FROM key_persons WHERE name = ${CLEARED})`,
    at: null,
  },
  { table: 'followups', set: `symptoms = ${CLEARED}`, where: `day < ? AND symptoms IS NOT NULL AND symptoms <> ${CLEARED}`, at: 'before' },
  { table: 'needs', set: `detail = ${CLEARED}`, where: `created_at < ? AND detail <> ${CLEARED}`, at: 'cutoff' },
  // Visit findings are free text written at the door ("李某某 138…… 发热"): the result stays, the text goes.
  { table: 'visits', set: `findings = ${CLEARED}`, where: `day < ? AND findings IS NOT NULL AND findings <> ${CLEARED}`, at: 'before' },
  { table: 'residents', set: null, where: 'updated_at < ?', at: 'cutoff', counts: 'residents' },
];

/** The step's next chunk: rows after `id` in id order, so each run reads its table once however many chunks it takes. */
function chunkSql({ table, set, where }: Step): string {
  const rows = `id IN (SELECT id FROM ${table} WHERE id > ? AND ${where} ORDER BY id LIMIT ${CLEANUP_CHUNK})`;
  return set === null ? `DELETE FROM ${table} WHERE ${rows} RETURNING id` : `UPDATE ${table} SET ${set} WHERE ${rows} RETURNING id`;
}

/**
 * 数据清理 when the emergency is over: personal data older than a date is deleted or
 * anonymised while the figures stay — registrations keep their checkpoint, time, direction,
 * temperature and flags (so daily counts are unchanged) but lose name, phone, ID number,
 * plate and pass; key persons whose measure ended keep category, measure and dates but lose who they
 * were; their follow-ups keep the readings; needs and screening visits keep their kind and
 * result but lose their free text; residents not updated since are deleted
 * (buildings and households stay). secure_delete zeroes freed content as each chunk goes
 * (on for every keyed connection, db/key.ts; set here too so the promise does not rest on how
 * the caller opened the file), so nothing is left in free pages without a VACUUM.
 *
 * Millions of registrations are cleared in chunks of CLEANUP_CHUNK rows, each its own
 * transaction, with `between` awaited after each so other callers (registrations at the
 * gates) are answered meanwhile. What a chunk cleared stays cleared if the run stops; the
 * next run clears the rest. The counts are this run's.
 */
export async function cleanupPersonal(db: Database.Database, before: string, between: () => Promise<void>): Promise<Record<Counted, number>> {
  const at = { cutoff: dayStart(before), before, null: null };
  const counts: Record<Counted, number> = { registrations: 0, keyPersons: 0, residents: 0 };
  db.pragma('secure_delete = ON');
  for (const step of STEPS) {
    const args = step.at ? [at[step.at]] : [];
    for (let after = 0; ;) {
      const ids = db.transaction(() => stmt(db, chunkSql(step)).all(after, ...args) as { id: number }[]).immediate();
      if (step.counts) counts[step.counts] += ids.length;
      await between();
      if (ids.length < CLEANUP_CHUNK) break;
      after = Math.max(...ids.map((r) => r.id));
    }
  }
  return counts;
}
