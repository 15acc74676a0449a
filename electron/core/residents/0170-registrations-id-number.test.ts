import { describe, expect, it } from 'vitest';
import { upgradeWithData } from '../../../test/helpers/upgrade';

const T = '2026-11-20T02:00:00.000Z';

describe('migration 170', () => {
  it('registrations and alerts on file keep their data, with no ID number and not yet seen; a new ID links to a resident until the resident goes', () => {
    upgradeWithData(
      170,
      (db) => {
        db.prepare(`INSERT INTO communities (id, name, kind, search_key, created_at, updated_at) VALUES (1, '建设路社区', 'community', 'jslsq', ?, ?)`).run(
          T,
          T,
        );
        db.prepare(
          `INSERT INTO checkpoints (id, name, kind, community_id, hours, staff_per_shift, status, search_key, created_at, updated_at) VALUES (1, '东门', 'gate', 1, 'allDay', 2, 'active', 'dm', ?, ?)`,
        ).run(T, T);
        db.prepare(
          "INSERT INTO registrations (id, checkpoint_id, ts, subject, name, direction, temperature, abnormal, refused, username) VALUES (1, 1, ?, 'person', '王秀兰', 'in', 37.9, 1, 0, 'zhihui')",
        ).run(T);
        db.prepare("INSERT INTO alerts (kind, ts, checkpoint_id, registration_id, message) VALUES ('temperature', ?, 1, 1, '东门：来人体温 37.9 ℃')").run(T);
      },
      (db) => {
        expect(db.prepare('SELECT name, temperature, id_number, resident_id FROM registrations').all()).toEqual([
          { name: '王秀兰', temperature: 37.9, id_number: null, resident_id: null },
        ]);
        expect(db.prepare('SELECT message, seen_by, seen_at, ack_at FROM alerts').all()).toEqual([
          { message: '东门：来人体温 37.9 ℃', seen_by: null, seen_at: null, ack_at: null },
        ]);
        db.prepare(
          "INSERT INTO residents (id, name, id_number, birth_date, gender, kind, search_key, created_at, updated_at) VALUES (7, '王秀兰', '411402198506120312', '1985-06-12', 'F', 'resident', 'wxl', ?, ?)",
        ).run(T, T);
        db.prepare("UPDATE registrations SET id_number = '411402198506120312', resident_id = 7 WHERE id = 1").run();
        db.prepare('DELETE FROM residents WHERE id = 7').run();
        expect(db.prepare('SELECT id_number, resident_id FROM registrations').get()).toEqual({ id_number: '411402198506120312', resident_id: null });
      },
    );
  });
});
