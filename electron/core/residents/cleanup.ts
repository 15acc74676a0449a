import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from '../db/statements';
import { dayStart } from '../../../shared/domain/days';

/**
 * 数据清理 when the emergency is over: personal data older than a date is deleted or
 * anonymised while the figures stay — registrations keep their checkpoint, time, direction,
 * temperature and flags (so daily counts are unchanged) but lose name, phone, ID number,
 * plate and pass; key persons whose measure ended keep category, measure and dates but lose who they
 * were; their follow-ups keep the readings; needs and screening visits keep their kind and
 * result but lose their free text; residents not updated since are deleted
 * (buildings and households stay). secure_delete zeroes freed content and the caller
 * VACUUMs afterwards, so nothing is left in free pages of the file.
 */
export function cleanupPersonal(db: Database.Database, before: string): { registrations: number; keyPersons: number; residents: number } {
  const cutoff = dayStart(before);
  db.pragma('secure_delete = ON');
  const registrations = stmt(
    db,
    `UPDATE registrations SET name = NULL, phone = NULL, id_number = NULL, resident_id = NULL, plate = NULL, pass_no = NULL, reason = NULL, pass_flag = NULL
     WHERE ts < ? AND (name IS NOT NULL OR phone IS NOT NULL OR id_number IS NOT NULL OR plate IS NOT NULL OR pass_no IS NOT NULL OR reason IS NOT NULL)`,
  ).run(cutoff).changes;
  const keyPersons = stmt(
    db,
    "UPDATE key_persons SET resident_id = NULL, name = '（已清理）', id_number = NULL, phone = NULL, address = NULL, transport = NULL, note = NULL, search_key = '' WHERE end_date <= ? AND name <> '（已清理）'",
  ).run(before).changes;
  stmt(db, "UPDATE key_person_events SET note = NULL WHERE key_person_id IN (SELECT id FROM key_persons WHERE name = '（已清理）')").run();
  stmt(db, "UPDATE followups SET symptoms = CASE WHEN symptoms IS NULL THEN NULL ELSE '（已清理）' END WHERE day < ?").run(before);
  stmt(db, "UPDATE needs SET detail = '（已清理）' WHERE created_at < ? AND detail <> '（已清理）'").run(cutoff);
  // Visit findings are free text written at the door ("李某某 138…… 发热"): the result stays, the text goes.
  stmt(db, "UPDATE visits SET findings = '（已清理）' WHERE day < ? AND findings IS NOT NULL AND findings <> '（已清理）'").run(before);
  const residents = stmt(db, 'DELETE FROM residents WHERE updated_at < ?').run(cutoff).changes;
  return { registrations, keyPersons, residents };
}
