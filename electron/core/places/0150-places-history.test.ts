import { describe, expect, it } from 'vitest';
import { upgradeWithData } from '../../../test/helpers/upgrade';

const T = '2026-11-20T02:00:00.000Z';
const LATER = '2026-12-01T03:00:00.000Z';

describe('migration 150', () => {
  it('starts the history of places on file at their creation, then records each change of level or state', () => {
    upgradeWithData(
      150,
      (db) => {
        db.prepare(`INSERT INTO communities (id, name, kind, search_key, created_at, updated_at) VALUES (1, '建设路社区', 'community', 'jslsq', ?, ?)`).run(
          T,
          T,
        );
        db.prepare(
          `INSERT INTO compounds (id, name, community_id, management_type, buildings, households, population, control_level, search_key, created_at, updated_at)
           VALUES (1, '馨苑华园', 1, 'managed', 3, 100, 300, 'controlled', 'xyhy', ?, ?)`,
        ).run(T, T);
        db.prepare(
          `INSERT INTO checkpoints (id, name, kind, community_id, hours, staff_per_shift, status, search_key, created_at, updated_at) VALUES (1, '东门', 'gate', 1, 'allDay', 2, 'active', 'dm', ?, ?)`,
        ).run(T, T);
      },
      (db) => {
        expect(db.prepare('SELECT compound_id, since, level FROM compound_levels').all()).toEqual([{ compound_id: 1, since: T, level: 'controlled' }]);
        expect(db.prepare('SELECT checkpoint_id, since, status FROM checkpoint_states').all()).toEqual([{ checkpoint_id: 1, since: T, status: 'active' }]);
        db.prepare("UPDATE compounds SET control_level = 'sealed', updated_at = ? WHERE id = 1").run(LATER);
        db.prepare('UPDATE compounds SET population = 310, updated_at = ? WHERE id = 1').run('2026-12-02T00:00:00.000Z');
        db.prepare("UPDATE checkpoints SET status = 'paused', updated_at = ? WHERE id = 1").run(LATER);
        expect(db.prepare('SELECT since, level FROM compound_levels ORDER BY since').all()).toEqual([
          { since: T, level: 'controlled' },
          { since: LATER, level: 'sealed' },
        ]);
        expect(db.prepare('SELECT since, status FROM checkpoint_states ORDER BY since').all()).toEqual([
          { since: T, status: 'active' },
          { since: LATER, status: 'paused' },
        ]);
      },
    );
  });
});
