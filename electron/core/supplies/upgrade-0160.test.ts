import { describe, expect, it } from 'vitest';
import { upgradeWithData } from '../../../test/helpers/upgrade';

const T = '2026-11-20T02:00:00.000Z';

describe('migration 160: plan items in base units', () => {
  it('a draft plan on file keeps its items and lines, each item still split in whole packs', () => {
    upgradeWithData(
      160,
      (db) => {
        db.prepare(`INSERT INTO communities (id, name, kind, search_key, created_at, updated_at) VALUES (1, '建设路社区', 'community', 'jslsq', ?, ?)`).run(
          T,
          T,
        );
        db.prepare(
          `INSERT INTO alloc_plans (id, plan_no, title, warehouse_id, basis, status, created_by, created_at, updated_at)
           VALUES (1, 'FP-20261120-001', '第一批', 1, 'equal', 'draft', 'zhihui', ?, ?)`,
        ).run(T, T);
        db.prepare(`INSERT INTO plan_items (plan_id, item_id, requested, explanation, position) VALUES (1, 1, 500, '按整盒分配', 0)`).run();
        db.prepare(
          `INSERT INTO plan_recipients (plan_id, kind, ref_id, name, workload, weight, position) VALUES (1, 'community', 1, '建设路社区', 1, 1, 0)`,
        ).run();
        db.prepare(`INSERT INTO plan_lines (plan_id, kind, ref_id, item_id, qty, suggested) VALUES (1, 'community', 1, 1, 500, 500)`).run();
      },
      (db) => {
        expect(db.prepare('SELECT requested, in_units AS inUnits FROM plan_items').all()).toEqual([{ requested: 500, inUnits: 0 }]);
        expect(db.prepare('SELECT qty FROM plan_lines').all()).toEqual([{ qty: 500 }]);
        expect(() => db.prepare('UPDATE plan_items SET in_units = 2').run()).toThrow(/CHECK/);
      },
    );
  });
});
