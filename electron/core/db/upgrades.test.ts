import type Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { upgradeWithData } from '../../../test/helpers/upgrade';

// One test per new migration step: from the previous version, with data (STYLE.md).

const T = '2026-11-20T02:00:00.000Z';

/** A community, a compound and a checkpoint, as step 10 made them. */
function territory(db: Database.Database): { checkpointId: number } {
  db.prepare(`INSERT INTO communities (id, name, kind, search_key, created_at, updated_at) VALUES (1, '建设路社区', 'community', 'jslsq', ?, ?)`).run(T, T);
  db.prepare(
    `INSERT INTO compounds (id, community_id, name, management_type, buildings, households, population, control_level, search_key, created_at, updated_at)
     VALUES (1, 1, '馨苑小区', 'managed', 3, 120, 360, 'normal', 'xyxq', ?, ?)`,
  ).run(T, T);
  db.prepare(
    `INSERT INTO checkpoints (id, name, kind, community_id, compound_id, hours, staff_per_shift, status, search_key, created_at, updated_at)
     VALUES (1, '馨苑东门', 'gate', 1, 1, 'allDay', 2, 'active', 'xydm', ?, ?)`,
  ).run(T, T);
  return { checkpointId: 1 };
}

const addUser = (db: Database.Database) =>
  db
    .prepare(
      `INSERT INTO users (id, username, display_name, role, scope_all, password_hash, created_at, updated_at) VALUES (1, 'zhihui', '指挥中心', 'command', 1, 'scrypt$1$8$1$x$y', ?, ?)`,
    )
    .run(T, T);

describe('migration upgrades with data', () => {
  it('100 briefings: counts the registrations already on file per China day and checkpoint, and keeps counting', () => {
    upgradeWithData(
      100,
      (db) => {
        territory(db);
        const reg = db.prepare(
          `INSERT INTO registrations (checkpoint_id, ts, subject, direction, abnormal, refused, username) VALUES (1, ?, ?, 'in', ?, ?, 'zhihui')`,
        );
        reg.run('2026-11-19T16:30:00.000Z', 'person', 0, 0); // the 19th in UTC, 00:30 on the 20th in China
        reg.run('2026-11-20T01:00:00.000Z', 'person', 1, 0);
        reg.run('2026-11-20T02:00:00.000Z', 'vehicle', 0, 1);
        reg.run('2026-11-18T03:00:00.000Z', 'person', 0, 0);
      },
      (db) => {
        expect(db.prepare('SELECT count(*) AS n FROM registrations').get()).toEqual({ n: 4 });
        const days = () => db.prepare('SELECT day, checkpoint_id AS cp, people, vehicles, abnormal, refused FROM registration_days ORDER BY day').all();
        expect(days()).toEqual([
          { day: '2026-11-18', cp: 1, people: 1, vehicles: 0, abnormal: 0, refused: 0 },
          { day: '2026-11-20', cp: 1, people: 2, vehicles: 1, abnormal: 1, refused: 1 },
        ]);
        db.prepare(
          `INSERT INTO registrations (checkpoint_id, ts, subject, direction, username) VALUES (1, '2026-11-20T05:00:00.000Z', 'person', 'out', 'zhihui')`,
        ).run();
        expect(days()).toContainEqual({ day: '2026-11-20', cp: 1, people: 3, vehicles: 1, abnormal: 1, refused: 1 });
      },
    );
  });

  it('110 inspections: the territory and registrations stay, the shipped checklists arrive', () => {
    upgradeWithData(
      110,
      (db) => {
        territory(db);
        addUser(db);
        db.prepare(`INSERT INTO registrations (checkpoint_id, ts, subject, direction, username) VALUES (1, ?, 'person', 'in', 'zhihui')`).run(T);
      },
      (db) => {
        expect(db.prepare('SELECT name FROM compounds').all()).toEqual([{ name: '馨苑小区' }]);
        expect(db.prepare('SELECT name FROM checkpoints').all()).toEqual([{ name: '馨苑东门' }]);
        expect(db.prepare('SELECT people FROM registration_days').all()).toEqual([{ people: 1 }]);
        const kinds = (db.prepare('SELECT DISTINCT target_kind AS k FROM checklists ORDER BY k').all() as { k: string }[]).map((r) => r.k);
        expect(kinds).toEqual(['checkpoint', 'compound', 'premises']);
      },
    );
  });

  it('120 sign-in failures per client: users and their sessions stay, old failure counts are dropped, counts are per address', () => {
    upgradeWithData(
      120,
      (db) => {
        territory(db);
        addUser(db);
        db.prepare(`INSERT INTO sessions (token_hash, user_id, client, created_at, last_seen_at) VALUES ('h1', 1, '10.0.0.8', ?, ?)`).run(T, T);
        db.prepare(`INSERT INTO login_failures (username, failures, locked_until) VALUES ('admin', 5, ?)`).run(T);
      },
      (db) => {
        expect(db.prepare('SELECT username, role FROM users').all()).toEqual([{ username: 'zhihui', role: 'command' }]);
        expect(db.prepare('SELECT token_hash, client FROM sessions').all()).toEqual([{ token_hash: 'h1', client: '10.0.0.8' }]);
        // A lock-out from before the upgrade does not carry over (it named no address).
        expect(db.prepare('SELECT count(*) AS n FROM login_failures').get()).toEqual({ n: 0 });
        const fail = db.prepare('INSERT INTO login_failures (username, client, failures) VALUES (?, ?, 1)');
        fail.run('admin', '10.0.0.8');
        fail.run('admin', '10.0.0.9');
        expect(() => fail.run('ADMIN', '10.0.0.8')).toThrow(/UNIQUE|PRIMARY KEY/);
      },
    );
  });
});
