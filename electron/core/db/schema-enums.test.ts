import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyCategory, KeyStatus, Measure } from '../../../shared/api/key-persons';
import { NeedKind } from '../../../shared/api/household-services';
import { ResidentKind } from '../../../shared/api/residents';
import * as E from '../../../shared/domain/enums';
import { ROLES } from '../../../shared/domain/roles';
import { closeLater, makeTempDir } from '../../../test/helpers/temp-core';
import { migrate } from './migrate';
import { migrations } from '../registry/migrations';

const keys = (o: object) => Object.keys(o);

/**
 * Each CHECK (col IN ('a', …)) list of the schema and the shared enumeration it repeats.
 * The codes are written twice (SQL cannot import TypeScript), so this is what keeps them one.
 */
const FROM_ENUMS: Record<string, readonly string[]> = {
  'communities.kind': E.CommunityKind.values,
  'compounds.management_type': E.ManagementType.values,
  'compounds.control_level': E.ControlLevel.values,
  'checkpoints.kind': E.CheckpointKind.values,
  'checkpoints.hours': E.CheckpointHours.values,
  'checkpoints.status': E.CheckpointStatus.values,
  'compound_levels.level': E.ControlLevel.values,
  'checkpoint_states.status': E.CheckpointStatus.values,
  'users.role': ROLES,
  'supply_items.category': E.SupplyCategory.values,
  'donors.kind': E.DonorKind.values,
  'alloc_plans.basis': E.PlanBasis.values,
  'alloc_plans.status': E.PlanStatus.values,
  'plan_recipients.kind': E.RecipientKind.values,
  'stock_moves.kind': E.MoveKind.values,
  'stock_moves.recipient_kind': E.RecipientKind.values,
  'people.gender': E.Gender.values,
  'people.age_group': E.AgeGroup.values,
  'people.kind': E.PersonKind.values,
  'people.health': E.Health.values,
  'teams.kind': E.TeamKind.values,
  'assignments.attendance': E.Attendance.values,
  'residents.gender': E.Gender.values,
  'residents.kind': keys(ResidentKind),
  'key_persons.category': keys(KeyCategory),
  'key_persons.measure': keys(Measure),
  'key_persons.status': keys(KeyStatus),
  'needs.kind': keys(NeedKind),
  'premises.kind': E.PremisesKind.values,
  'premises.status': E.PremisesStatus.values,
  'checklists.target_kind': E.TargetKind.values,
  'inspections.slot': E.InspectionSlot.values,
  'inspections.kind': E.InspectionKind.values,
  'problems.category': E.ProblemCategory.values,
  'problems.responsible_kind': E.Responsible.values,
  // 逾期 is computed from the deadline, never stored.
  'problems.status': E.ProblemStatus.values.filter((v) => v !== 'overdue'),
  'disinfection_areas.area': E.DisinfectArea.values,
  'disinfections.agent': E.DisinfectAgent.values,
};

/** CHECK lists with no shared enumeration: codes only the core writes, or a fixed format. */
const CORE_ONLY = new Set([
  'audit_log.kind',
  'posts.pattern',
  'assignments.source',
  'registrations.subject',
  'registrations.direction',
  'alerts.kind',
  'followups.slot',
  'visits.result',
  'briefing_versions.action',
  'problem_events.action',
  'photos.mime',
  'disinfection_areas.owner_kind',
]);

/** table.column → the text codes its CHECK (… IN (…)) allows, from the schema a new database gets. */
function checkLists(): Map<string, string[]> {
  const db = closeLater(new Database(path.join(makeTempDir(), 'schema.db')));
  migrate(db, migrations);
  const lists = new Map<string, string[]>();
  const tables = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL`).all() as { name: string; sql: string }[];
  for (const { name, sql } of tables) {
    for (const m of sql.matchAll(/CHECK\s*\(\s*(\w+)\s+IN\s*\(([^)]*)\)\s*\)/gi)) {
      const codes = [...m[2]!.matchAll(/'([^']*)'/g)].map((c) => c[1]!);
      if (codes.length) lists.set(`${name}.${m[1]}`, codes);
    }
  }
  return lists;
}

describe('the schema’s CHECK lists and shared/domain/enums.ts', () => {
  const lists = checkLists();

  it('every CHECK list of codes is either tied to a shared enumeration or declared core-only', () => {
    const unknown = [...lists.keys()].filter((k) => !(k in FROM_ENUMS) && !CORE_ONLY.has(k));
    expect(unknown, 'A new CHECK list: add it to FROM_ENUMS (with the enum it repeats) or to CORE_ONLY in this test').toEqual([]);
    const gone = [...Object.keys(FROM_ENUMS), ...CORE_ONLY].filter((k) => !lists.has(k));
    expect(gone, 'These columns have no CHECK list any more').toEqual([]);
  });

  it.each(Object.entries(FROM_ENUMS))('%s allows exactly the enumeration’s codes', (column, values) => {
    expect([...lists.get(column)!].sort(), `the CHECK of ${column} and its enum differ: change both (the CHECK in a new migration step)`).toEqual(
      [...values].sort(),
    );
  });

  it('every enumeration of enums.ts is stored somewhere under a CHECK', () => {
    const used = new Set(Object.values(FROM_ENUMS).map((v) => [...v].sort().join()));
    const unchecked = Object.entries(E)
      .filter(([, e]) => typeof e === 'object' && e !== null && 'values' in e)
      .filter(([name, e]) => {
        const values = (e as { values: string[] }).values.filter((v) => !(name === 'ProblemStatus' && v === 'overdue'));
        return !used.has([...values].sort().join());
      })
      .map(([name]) => name);
    expect(unchecked).toEqual([]);
  });
});
