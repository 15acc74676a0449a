import { describe, expect, it } from 'vitest';
import { upgradeWithData } from '../../../test/helpers/upgrade';

const T = '2026-11-20T02:00:00.000Z';
const insert =
  'INSERT INTO registrations (checkpoint_id, ts, subject, name, direction, abnormal, refused, username, client_id) VALUES (1, ?, ?, ?, ?, 0, 0, ?, ?)';

describe('migration 140', () => {
  it('registrations on file stay without a phone id; a phone id is stored once, entries typed at the PC any number of times', () => {
    upgradeWithData(
      140,
      (db) => {
        db.prepare(`INSERT INTO communities (id, name, kind, search_key, created_at, updated_at) VALUES (1, '建设路社区', 'community', 'jslsq', ?, ?)`).run(
          T,
          T,
        );
        db.prepare(
          `INSERT INTO checkpoints (id, name, kind, community_id, hours, staff_per_shift, status, search_key, created_at, updated_at) VALUES (1, '东门', 'gate', 1, 'allDay', 2, 'active', 'dm', ?, ?)`,
        ).run(T, T);
        db.prepare(
          "INSERT INTO registrations (checkpoint_id, ts, subject, name, direction, abnormal, refused, username) VALUES (1, ?, 'person', '王秀兰', 'in', 0, 0, 'zhihui')",
        ).run(T);
      },
      (db) => {
        expect(db.prepare('SELECT name, client_id FROM registrations').all()).toEqual([{ name: '王秀兰', client_id: null }]);
        db.prepare(insert).run(T, 'person', '李四', 'in', 'zhihui', null);
        db.prepare(insert).run(T, 'person', null, 'out', 'zhihui', '8c1f0a52-6f55-4f4e-9d1e-0d5a3f1c2b7a');
        expect(() => db.prepare(insert).run(T, 'person', null, 'out', 'zhihui', '8c1f0a52-6f55-4f4e-9d1e-0d5a3f1c2b7a')).toThrow(/UNIQUE/);
        expect((db.prepare('SELECT count(*) AS n FROM registrations').get() as { n: number }).n).toBe(3);
      },
    );
  });
});
